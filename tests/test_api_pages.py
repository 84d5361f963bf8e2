"""GET /api/v3/content/pages/{id}/ and its breadcrumbs and translations."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from core.factories import stream
from home.models import ArticlePage, HomePage
from services.models import MeasurePage, ServicePage

from .api_helpers import assert_problem, english_service
from .editorial_helpers import bearer

pytestmark = pytest.mark.django_db
ARTICLE = "steunpakket-voor-leerachterstand-in-onderwijs"


def detail(client, page, **params):
    return client.get(f"/api/v3/content/pages/{page.pk}/", params)


def blocks_of(body, kind):
    return [block for block in body if block["type"] == kind]


def test_article_rich_text_and_blocks_are_typed_and_links_resolved(client, demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    body = detail(client, article).json()
    assert body["meta"]["type"] == "home.ArticlePage"
    assert body["date"] == "2021-02-17"
    assert all(set(block) == {"type", "id", "value"} for block in body["body"])
    figures = blocks_of(body["body"], "key_figures")[0]["value"]
    assert figures["figures"][0] == {
        "value": "8,5 miljard",
        "label": "euro trekt het kabinet uit",
    }
    callout = blocks_of(body["body"], "callout")[0]["value"]
    assert '<a href="/nl/contact/">' in callout["text"]
    assert "linktype" not in str(body["body"])
    measures = blocks_of(body["body"], "link_list")[0]["value"]["links"]
    assert measures[0]["page"]["type"] == "services.MeasurePage"
    assert measures[0]["page"]["url"].startswith("/nl/maatregelen/")


def test_images_in_a_body_are_renditions_with_alt_text(client, demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    image = ImageFactory(title="Klas", file__width=1200, file__height=800)
    article.body = stream(
        ("image", {"image": image.pk, "alt_text": "Leerlingen in de klas"}),
        ("image", {"image": image.pk, "alt_text": "", "decorative": True}),
    )
    article.save_revision().publish()
    body = detail(client, article).json()["body"]
    first, decorative = (block["value"] for block in body)
    assert first["id"] == image.pk and first["alt"] == "Leerlingen in de klas"
    assert (first["width"], first["height"]) == (1200, 800)
    assert set(first["renditions"]) == {"thumbnail", "medium", "large"}
    medium = first["renditions"]["medium"]
    assert (medium["width"], medium["height"]) == (800, 533)
    assert medium["url"].startswith("/media/images/")
    assert decorative["alt"] == "" and decorative["decorative"] is True


def test_home_page_lists_featured_pages_and_its_contact_page(client, demo_site):
    body = detail(client, demo_site).json()
    assert body["hero_title"] == "Ondersteuning voor kwetsbare leerlingen"
    assert body["intro"].startswith("<p>Het kabinet trekt 8,5 miljard")
    assert "Toekomstcoach" in [card["title"] for card in body["featured"]]
    assert body["contact_page"]["url"] == "/nl/contact/"
    assert body["latest_articles"][0]["date"] == "2021-02-17"


def test_measure_lists_its_services_and_quotes(client, demo_site):
    measure = MeasurePage.objects.get(code="4.1", locale__language_code="nl")
    body = detail(client, measure).json()
    assert body["code"] == "4.1" and body["sector"] == "mbo-ho"
    assert body["sector_label"]
    assert "Toekomstcoach" in [s["title"] for s in body["services"]]
    assert blocks_of(body["quotes"], "quote")


def test_index_pages_list_their_children_a_page_at_a_time(client, demo_site):
    index = ServicePage.objects.get(slug="toekomstcoach").get_parent()
    body = detail(client, index).json()
    assert body["paging"] == {
        "page": 1,
        "per_page": 12,
        "num_pages": 1,
        "total": 5,
        "next": None,
        "previous": None,
    }
    assert body["services"][0]["summary"]
    regions = detail(
        client, Page.objects.get(slug="regios", locale__language_code="nl")
    ).json()
    assert len(regions["offices"]) == 17
    groningen = next(o for o in regions["offices"] if o["title"] == "MEE Groningen")
    assert groningen["url"] == "/nl/regios/mee-groningen/"


def test_office_lists_the_municipalities_it_serves(client, demo_site):
    body = detail(
        client, Page.objects.get(slug="mee-groningen", locale__language_code="nl")
    ).json()
    assert body["meta"]["type"] == "offices.RegionalOfficePage"
    assert {"code": "GM0014", "name": "Groningen"} in body["municipalities"]
    assert body["email"] == "mee-groningen@example.org"


def test_contact_page_texts_are_html(client, demo_site):
    body = detail(
        client, Page.objects.get(slug="contact", locale__language_code="nl")
    ).json()
    assert body["privacy_text"].startswith("<p>We gebruiken uw gegevens")
    assert body["fallback_office"]["title"] == "MEE NL"


def test_breadcrumbs_navigation_and_translations_on_request(client, demo_site):
    _home_en, _index_en, service_en = english_service(demo_site)
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    body = detail(client, service, expand="breadcrumbs,navigation,translations").json()
    assert [crumb["title"] for crumb in body["breadcrumbs"]] == [
        demo_site.title,
        "Diensten",
        "Toekomstcoach",
    ]
    assert [item["url"] for item in body["navigation"]][:2] == [
        "/nl/maatregelen/",
        "/nl/diensten/",
    ]
    assert body["translations"]["items"] == [
        {
            "locale": "en",
            "id": service_en.pk,
            "title": "Future coach",
            "type": "services.ServicePage",
            "url": "/en/services/future-coach/",
            "api_url": f"/api/v3/content/pages/{service_en.pk}/",
        }
    ]
    assert body["translations"]["homes"]["nl"]["url"] == "/nl/"
    assert body["translations"]["homes"]["en"]["url"] == "/en/"


def test_separate_breadcrumbs_and_translations_endpoints(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    url = f"/api/v3/content/pages/{service.pk}/"
    crumbs = client.get(url + "breadcrumbs/").json()
    assert [crumb["url"] for crumb in crumbs][-1] == "/nl/diensten/toekomstcoach/"
    translations = client.get(url + "translations/").json()
    assert [item["url"] for item in translations["items"]] == [
        "/en/services/future-coach/"
    ]
    assert sorted(translations["homes"]) == ["en", "nl"]


def test_draft_translations_are_not_listed(client, demo_site):
    english_service(demo_site)
    service_en = ServicePage.objects.get(slug="future-coach")
    service_en.unpublish()
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    body = detail(client, service, expand="translations").json()
    assert body["translations"]["items"] == []


def test_drafts_private_pages_and_unknown_ids_are_not_found(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    missing = client.get("/api/v3/content/pages/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(missing, 404)["detail"] == "No page with this id."
    assert_problem(client.get("/api/v3/content/pages/1/"), 404)  # the tree's root
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    assert_problem(detail(client, service), 404)
    assert_problem(client.get(f"/api/v3/content/pages/{service.pk}/breadcrumbs/"), 404)
    other = ServicePage.objects.get(slug="integrale-vroeghulp")
    other.unpublish()
    assert_problem(detail(client, other), 404)


def test_links_to_pages_a_reader_cannot_see_are_left_out(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.unpublish()
    body = detail(client, demo_site).json()
    assert "Toekomstcoach" not in [card["title"] for card in body["featured"]]
    measure = MeasurePage.objects.get(code="4.1", locale__language_code="nl")
    assert "Toekomstcoach" not in [
        s["title"] for s in detail(client, measure).json()["services"]
    ]


def test_unknown_expansion_is_a_translated_problem(client, demo_site):
    response = client.get(
        f"/api/v3/content/pages/{demo_site.pk}/",
        {"expand": "menu,breadcrumbs"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert assert_problem(response, 400)["detail"] == (
        "Cannot expand menu; choose from breadcrumbs, navigation, translations."
    )


def test_a_second_home_is_not_mixed_in(client, demo_site):
    english_service(demo_site)
    home_en = HomePage.objects.get(locale__language_code="en")
    body = detail(client, home_en, expand="navigation").json()
    assert body["meta"]["locale"] == "en"
    assert [item["url"] for item in body["navigation"]] == [
        "/en/measures/",
        "/en/services/",
        "/en/news/",
        "/en/regions/",
        "/en/contact/",
    ]


def test_a_token_lets_its_user_through_a_login_restriction(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    reader = get_user_model().objects.create_user("lezer", password="x")
    assert_problem(detail(client, service), 404)
    response = client.get(f"/api/v3/content/pages/{service.pk}/", **bearer(reader))
    assert response.status_code == 200
    assert response.json()["title"] == "Toekomstcoach"


def test_a_token_does_not_make_drafts_readable(client, demo_site):
    editor = get_user_model().objects.create_superuser("redactie", password="x")
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.unpublish()
    response = client.get(f"/api/v3/content/pages/{service.pk}/", **bearer(editor))
    assert_problem(response, 404)


# Wagtail's GET /api/v3/pages/{id}/, live and ?version=draft: the same page shape.

SERVICE_FIELDS = {"target_groups", "themes", "school_types", "measures", "contact_url"}
HOME_FIELDS = {"featured", "latest_articles", "contact_page"}


def wagtail_detail(client, page, headers=None, **params):
    return client.get(f"/api/v3/pages/{page.pk}/", params, **(headers or {}))


def test_live_page_detail_has_the_portals_fields(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    live = wagtail_detail(client, service)
    assert live.status_code == 200, live.content
    body = live.json()
    assert set(body) >= SERVICE_FIELDS
    assert body == detail(client, service).json()
    assert {term["token"] for term in body["school_types"]}
    assert body["contact_url"].startswith("/nl/contact/")


def test_a_draft_has_the_same_shape_as_the_live_page(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    service.title = "Toekomstcoach 2.0"
    service.save_revision()
    editor = get_user_model().objects.create_superuser("draftreader", "d@x.nl", "x")
    answer = wagtail_detail(client, service, bearer(editor), version="draft")
    assert answer.status_code == 200, answer.content
    draft = answer.json()
    live = wagtail_detail(client, service).json()
    assert draft["title"] == "Toekomstcoach 2.0" and live["title"] == "Toekomstcoach"
    assert set(draft) == set(live) and set(draft) >= SERVICE_FIELDS
    assert draft["measures"] == live["measures"]
    assert draft["meta"]["type"] == "services.ServicePage"
    cache_control = answer["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


def test_a_draft_of_the_home_page_lists_its_featured_pages(client, demo_site):
    home = HomePage.objects.get(locale__language_code="nl")
    home.hero_title = "Nieuwe opening"
    home.save_revision()
    editor = get_user_model().objects.create_superuser("homereader", "h@x.nl", "x")
    draft = wagtail_detail(client, home, bearer(editor), version="draft").json()
    assert draft["hero_title"] == "Nieuwe opening"
    assert set(draft) >= HOME_FIELDS
    assert draft["featured"] and draft["latest_articles"]
    assert draft["contact_page"]["url"] == "/nl/contact/"


def test_a_draft_needs_a_token_that_may_edit_the_page(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    service.title = "Geheime titel"
    service.save_revision()
    anonymous = wagtail_detail(client, service, version="draft")
    assert assert_problem(anonymous, 401)["detail"]
    assert "Geheime titel" not in anonymous.content.decode()
    reader = get_user_model().objects.create_user("reader", "r@x.nl", "x")
    refused = wagtail_detail(client, service, bearer(reader), version="draft")
    assert_problem(refused, 404)
    assert "Geheime titel" not in refused.content.decode()


def test_live_and_draft_are_one_schema_in_the_document(client):
    document = client.get("/api/v3/openapi.json").json()
    wagtails = document["paths"]["/api/v3/pages/{page_id}/"]["get"]["responses"]
    portals = document["paths"]["/api/v3/content/pages/{page_id}/"]["get"]["responses"]
    ok = wagtails["200"]["content"]["application/json"]["schema"]
    assert ok == portals["200"]["content"]["application/json"]["schema"]
    assert {"401", "404"} <= set(wagtails)
