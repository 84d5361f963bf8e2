"""Search on the real engine: relevance, Dutch and English analysis, facets, updates.

Every test here reads the engine through ``search.query.search_pages``, the function
the search page and the API share, and runs on OpenSearch and on Elasticsearch.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.factories import stream
from home.factories import ArticlePageFactory
from home.models import ArticleIndexPage
from search.query import autocomplete, search_pages
from services.models import ServiceIndexPage, ServicePage, Theme

from .conftest import ENGINES, using_engine
from .search_helpers import (
    english_services,
    figures,
    refresh,
    school_query_ranks,
    service,
    slugs,
)

pytestmark = pytest.mark.engines


@pytest.fixture
def nl(demo_site):
    return demo_site.locale


@pytest.fixture
def service_index(demo_site):
    return ServiceIndexPage.objects.child_of(demo_site).get()


def titles(results):
    return [hit.page.title for hit in results.hits]


def test_each_engine_is_reached_through_its_own_backend(search_engine, request):
    engine = request.node.callspec.params["search_engine"]
    backend, distribution = {
        "opensearch": ("OpenSearch2Backend", "opensearch"),
        "elasticsearch": ("Elasticsearch8Backend", None),
    }[engine]
    assert type(search_engine).__name__ == backend
    assert search_engine.es.ping()
    assert search_engine.es.info()["version"].get("distribution") == distribution


def test_school_queries_find_their_page_in_the_top_3_on_both_engines(db, request):
    # One test for the whole list: each search is quick, a test's engine set-up not.
    ranks = {}
    for engine in ENGINES:
        with using_engine(engine):
            ranks[engine] = school_query_ranks()
    for engine, engine_ranks in ranks.items():
        top_3, mrr = figures(engine_ranks)
        # Printed at the end of the run by tests/conftest.py.
        request.node.user_properties.append(
            (
                "school_queries",
                f"{engine}: {top_3}/{len(engine_ranks)} in the top 3, MRR {mrr:.3f}",
            )
        )
        missed = {
            query: rank
            for query, rank in engine_ranks.items()
            if rank is None or rank > 3
        }
        assert not missed, (engine, missed)
    assert ranks["elasticsearch"] == ranks["opensearch"]


def test_dutch_stemming_finds_other_forms_of_a_word(search_engine, nl, service_index):
    service(service_index, "Kringgesprekken", "Wij ondersteunen leerkrachten.")
    refresh(search_engine)
    assert "Kringgesprekken" in titles(search_pages("ondersteuning", nl, record=False))


def test_diacritics_are_folded(search_engine, nl, service_index):
    service(service_index, "Cliëntondersteuning op school", "Onafhankelijk advies.")
    refresh(search_engine)
    for query in ("clientondersteuning", "cliëntondersteuning"):
        results = search_pages(query, nl, record=False)
        assert titles(results)[:1] == ["Cliëntondersteuning op school"], query


def test_parts_of_compounds_match_below_whole_words(search_engine, nl, service_index):
    service(service_index, "Hulp voor gezinnen", "Praktische hulp thuis.")
    refresh(search_engine)
    found = titles(search_pages("hulp", nl, record=False))
    assert "Integrale Vroeghulp" in found
    assert found.index("Hulp voor gezinnen") < found.index("Integrale Vroeghulp")
    assert "Schoolmaatschappelijk werk" in titles(
        search_pages("school", nl, record=False)
    )


def test_titles_and_summaries_outrank_the_body(search_engine, nl, service_index):
    service(service_index, "Regenboogtraining", "Een training.", body="Iets anders.")
    service(
        service_index,
        "Weerbaarheidstraining",
        "Een cursus.",
        body="Ook over de regenboogtraining gesproken.",
    )
    service(
        service_index,
        "Vriendschapstraining",
        "Een regenboogtraining voor de klas.",
        body="Iets anders.",
    )
    refresh(search_engine)
    assert titles(search_pages("regenboogtraining", nl, record=False)) == [
        "Regenboogtraining",
        "Vriendschapstraining",
        "Weerbaarheidstraining",
    ]


def test_recent_articles_rank_above_old_ones(search_engine, nl, demo_site):
    articles = ArticleIndexPage.objects.child_of(demo_site).get()
    for title, year in (("Oud nieuws", 2015), ("Nieuw nieuws", 2025)):
        ArticlePageFactory(
            parent=articles,
            title=title,
            date=datetime.date(year, 1, 1),
            intro="Over de zonnebloemmethode in de klas.",
            body=stream(("paragraph", "<p>Zonnebloemmethode.</p>")),
        )
    refresh(search_engine)
    assert titles(search_pages("zonnebloemmethode", nl, record=False)) == [
        "Nieuw nieuws",
        "Oud nieuws",
    ]


def test_promoted_pages_come_first(search_engine, nl, service_index):
    coach = ServicePage.objects.get(slug="toekomstcoach")
    query = Query.get("weerbaarheid")
    SearchPromotion.objects.create(query=query, page=coach, description="Tip")
    results = search_pages("Weerbaarheid", nl, record=False)
    assert [hit.page.slug for hit in results.promoted] == ["toekomstcoach"]
    assert "toekomstcoach" not in slugs(results)
    assert results.count == results.total + 1
    assert "gastlessen-en-cursussen" in slugs(results)


def test_results_hold_only_live_pages_of_the_locale(search_engine, nl, demo_site):
    english, index_en = english_services(demo_site)
    service(index_en, "Dyscalculia support in the classroom", "Supporting pupils.")
    draft = service(index_en, "Dyscalculia draft", "Not yet.", publish=False)
    draft.live = False
    draft.save()
    refresh(search_engine)

    english_results = search_pages("dyscalculia", english, record=False)
    assert titles(english_results) == ["Dyscalculia support in the classroom"]
    assert all(hit.page.locale == english for hit in english_results.hits)
    # English stemming: "support" finds "Supporting".
    assert "Dyscalculia support in the classroom" in titles(
        search_pages("support", english, record=False)
    )
    dutch_results = search_pages("autisme", nl, record=False)
    assert dutch_results.hits
    assert all(hit.page.locale == nl for hit in dutch_results.hits)


def test_matched_passage_is_highlighted(search_engine, nl):
    results = search_pages("autisme", nl, record=False)
    smw = next(hit for hit in results.hits if hit.page.slug.startswith("school"))
    assert "<mark>autisme</mark>" in smw.highlight


def test_no_passage_shows_the_editors_search_terms(search_engine, nl):
    # "dyslexie" is only among the search terms of Meedoen in het onderwijs.
    results = search_pages("dyslexie", nl, record=False)
    hit = next(h for h in results.hits if h.page.slug == "meedoen-in-het-onderwijs")
    assert "dyslexie" in hit.page.search_terms
    assert "dyslexie" not in hit.highlight.lower()


def facet_counts(results):
    return {
        facet.param: {option.value: option.count for option in facet.options}
        for facet in results.facets
    }


def test_facets_count_and_combine(search_engine, nl):
    everything = search_pages("kwetsbare leerlingen", nl, record=False)
    counts = facet_counts(everything)
    assert counts["school_type"]["po"] == 3  # smw, meedoen, gastlessen
    assert counts["type"]["services.ServicePage"] >= 3

    vo = search_pages("kwetsbare leerlingen", nl, {"school_type": ["vo"]}, record=False)
    assert sorted(slugs(vo)) == [
        "gastlessen-en-cursussen",
        "schoolmaatschappelijk-werk",
    ]
    # The selected facet still offers its other values; other facets narrow.
    vo_counts = facet_counts(vo)
    assert vo_counts["school_type"]["po"] == 3
    assert vo_counts["theme"]["mediawijsheid"] == 2
    assert "kansengelijkheid" not in vo_counts["theme"]

    both = search_pages(
        "kwetsbare leerlingen",
        nl,
        {"school_type": ["vo"], "measure": ["3.2"]},
        record=False,
    )
    assert slugs(both) == ["gastlessen-en-cursussen"]
    either = search_pages(
        "kwetsbare leerlingen", nl, {"school_type": ["vo", "voorschools"]}, record=False
    )
    assert "meedoen-in-het-onderwijs" in slugs(either)
    typed = search_pages(
        "kwetsbare leerlingen", nl, {"type": ["services.MeasurePage"]}, record=False
    )
    assert typed.hits
    assert {hit.page.specific_class.__name__ for hit in typed.hits} == {"MeasurePage"}


def test_pages_follow_each_other_without_overlap(search_engine, nl):
    first = search_pages("school", nl, page=1, per_page=4, record=False)
    second = search_pages("school", nl, page=2, per_page=4, record=False)
    assert first.total == second.total > 4
    assert len(first.hits) == 4
    assert not set(slugs(first)) & set(slugs(second))


def test_autocomplete_suggests_titles_of_the_locale(search_engine, nl, demo_site):
    assert autocomplete("vroeg", nl) == [
        {"title": "Integrale Vroeghulp", "url": "/nl/diensten/integrale-vroeghulp/"}
    ]
    english, index_en = english_services(demo_site)
    service(index_en, "Dyslexia help", "For young children.")
    refresh(search_engine)
    assert [s["title"] for s in autocomplete("dysl", english)] == ["Dyslexia help"]
    assert autocomplete("toekomst", english) == []


def test_publish_unpublish_and_move_update_the_index(search_engine, nl, demo_site):
    index = ServiceIndexPage.objects.child_of(demo_site).get()
    page = service(index, "Zeepbellenproject", "Nieuw project.")
    refresh(search_engine)
    assert titles(search_pages("zeepbellenproject", nl, record=False)) == [
        "Zeepbellenproject"
    ]

    page.title = "Zeepbellenproject voor scholen"
    page.themes.set([Theme.objects.get(slug="weerbaarheid", locale=nl)])
    page.save_revision().publish()
    refresh(search_engine)
    results = search_pages("zeepbellenproject", nl, record=False)
    assert titles(results) == ["Zeepbellenproject voor scholen"]
    assert facet_counts(results)["theme"] == {"weerbaarheid": 1}

    articles = ArticleIndexPage.objects.child_of(demo_site).get()
    page.move(articles, pos="last-child")
    refresh(search_engine)
    moved = search_pages("zeepbellenproject", nl, record=False).hits[0].page
    assert moved.url.startswith(articles.url)

    page.refresh_from_db()
    page.unpublish()
    refresh(search_engine)
    assert search_pages("zeepbellenproject", nl, record=False).total == 0


def test_a_translation_is_indexed_when_published(search_engine, demo_site):
    english, _index_en = english_services(demo_site)
    toekomstcoach = ServicePage.objects.get(slug="toekomstcoach")
    coach = toekomstcoach.get_translation(english)
    coach.title = "Career coach"
    coach.save_revision().publish()
    refresh(search_engine)
    assert titles(search_pages("career coach", english, record=False))[0] == (
        "Career coach"
    )


def test_synonyms_reload_without_reindexing(search_engine, nl, tmp_path, settings):
    synonyms = tmp_path / "nl.txt"
    synonyms.write_text(
        settings.PORTAL_SEARCH_SYNONYMS.read_text(encoding="utf-8")
        + "\nzeilkamp, toekomstcoach\n",
        encoding="utf-8",
    )
    assert search_pages("zeilkamp", nl, record=False).total == 0
    index_before = search_engine.concrete_indices(search_engine.page_index_name())
    try:
        with override_settings(PORTAL_SEARCH_SYNONYMS=synonyms):
            call_command("reload_search_synonyms", verbosity=0)
            results = search_pages("zeilkamp", nl, record=False)
            assert slugs(results, 1) == ["toekomstcoach"]
    finally:
        call_command("reload_search_synonyms", verbosity=0)
    assert search_engine.concrete_indices(search_engine.page_index_name()) == (
        index_before
    )
    assert search_pages("zeilkamp", nl, record=False).total == 0


def test_update_index_swaps_a_fresh_index_in(search_engine, nl, capsys):
    alias = search_engine.page_index_name()
    before = search_engine.concrete_indices(alias)
    call_command("update_index", backend_name="default")
    output = capsys.readouterr().out
    after = search_engine.concrete_indices(alias)
    assert f"Rebuilding index {alias}" in output
    assert "services.ServicePage" in output
    assert len(after) == 1
    assert after != before
    assert not search_engine.es.indices.exists(index=before[0])
    assert "toekomstcoach" in slugs(search_pages("toekomstcoach", nl, record=False))


def test_engine_accepts_dutch_and_english_analysis(search_engine):
    def tokens(analyzer, text):
        response = search_engine.es.indices.analyze(
            index=search_engine.page_index_name(),
            body={"analyzer": analyzer, "text": text},
        )
        return [token["token"] for token in response["tokens"]]

    assert tokens("portal_nl", "ondersteuning ondersteunen") == [
        "ondersteun",
        "ondersteun",
    ]
    assert tokens("portal_nl", "Cliëntondersteuning") == ["clientondersteun"]
    assert tokens("portal_en", "supporting pupils") == ["support", "pupil"]
    assert "schoolmaatschapp" in tokens("portal_nl_search", "smw")
