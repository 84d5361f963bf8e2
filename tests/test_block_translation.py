"""Every text in a block is translatable; links and untranslated text follow the
reader's language (issue 11)."""

import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale, Page, get_page_models
from wagtail_factories import ImageFactory
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import (
    StreamFieldSegmentExtractor,
    extract_segments,
)

from contact.models import ContactFormPage
from core.blocks import SHARED_VALUE_BLOCKS
from core.factories import stream
from core.streams import with_list_item_ids
from home.models import ArticlePage, HomePage
from localization.status import Status, translation_rows
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage, ServicePage

pytestmark = pytest.mark.django_db
ARTICLE = "steunpakket-voor-leerachterstand-in-onderwijs"
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
SPACES = re.compile(r"\s+")


def plain(text):
    return SPACES.sub(" ", unescape(strip_tags(str(text)))).strip()


class Sample:
    """Fills a block with a distinct text in every text field and a value elsewhere.

    A leaf block that is neither text nor listed in ``SHARED_VALUE_BLOCKS`` fails:
    adding one means deciding whether it is translated or the same everywhere.
    """

    def __init__(self, image, page):
        self.image, self.page = image, page
        self.texts = []

    def text(self):
        self.texts.append(f"Tekst nummer {len(self.texts) + 1}")
        return self.texts[-1]

    def value(self, block):
        if isinstance(block, blocks.RichTextBlock):
            return f"<p>{self.text()}</p>"
        if isinstance(block, TEXT_BLOCKS):
            return self.text()
        if isinstance(block, blocks.StructBlock):
            return {
                name: self.value(child) for name, child in block.child_blocks.items()
            }
        if isinstance(block, blocks.ListBlock):
            # The legacy list format: what code and older content store.
            return [self.value(block.child_block) for _ in range(2)]
        if isinstance(block, blocks.StreamBlock):
            return [
                {"type": name, "value": self.value(child)}
                for name, child in block.child_blocks.items()
            ]
        shared = [kind for kind in SHARED_VALUE_BLOCKS if isinstance(block, kind)]
        assert shared, (
            f"{type(block).__name__} ({block.name}): translated or shared? Make it a "
            "text block or add it to core.blocks.SHARED_VALUE_BLOCKS with a reason."
        )
        if isinstance(block, blocks.ChoiceBlock):
            return block.field.choices[-1][0]
        if isinstance(block, blocks.BooleanBlock):
            return False
        if isinstance(block, blocks.PageChooserBlock):
            return self.page.pk
        if isinstance(block, ImageChooserBlock):
            return self.image.pk
        return "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def translatable_stream_fields():
    """Every translated StreamField of every page type: the body, the quotes."""
    for model in get_page_models():
        for translatable in get_translatable_fields(model):
            field = translatable.get_field(model)
            if isinstance(field, StreamField) and isinstance(
                translatable, TranslatableField
            ):
                yield model, field


def test_the_walk_finds_the_body_fields():
    names = {
        (model.__name__, field.name) for model, field in translatable_stream_fields()
    }
    assert {
        ("ArticlePage", "body"),
        ("MeasurePage", "body"),
        ("MeasurePage", "quotes"),
        ("ServicePage", "body"),
    } <= names


@pytest.mark.parametrize(
    ("model", "field"),
    list(translatable_stream_fields()),
    ids=lambda item: getattr(item, "__name__", getattr(item, "name", "")),
)
def test_every_block_type_yields_a_segment_for_each_text(model, field, demo_site):
    sample = Sample(ImageFactory(), demo_site)
    missing = {}
    for name, block in field.stream_block.child_blocks.items():
        sample.texts = []
        instance = model()
        setattr(
            instance,
            field.name,
            json.dumps([{"type": name, "value": sample.value(block)}]),
        )
        # As stored: through the field's own preparation for the database.
        stored = field.get_prep_value(field.value_from_object(instance))
        value = field.to_python(json.dumps(stored))
        segments = StreamFieldSegmentExtractor(field).handle_stream_block(value)
        strings = {
            plain(segment.string.data)
            for segment in segments
            if isinstance(segment, StringSegmentValue)
        }
        assert sample.texts, f"block {name!r} has no text for translators"
        if lost := [text for text in sample.texts if text not in strings]:
            missing[name] = lost
    assert not missing, f"texts without a translation segment: {missing}"


def test_legacy_list_items_are_stored_with_stable_ids(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    figures = [{"value": "12", "label": "scholen"}, {"value": "3", "label": "regio's"}]
    article.body = stream(("key_figures", {"title": "Cijfers", "figures": figures}))
    article.save_revision().publish()

    article.refresh_from_db()
    stored = list(article.body.raw_data)
    items = stored[0]["value"]["figures"]
    assert [item["value"] for item in items] == figures
    assert all(item["type"] == "item" and item["id"] for item in items)
    # The same ids on every save, machine and revision.
    assert with_list_item_ids(article.body.stream_block, stored) == stored
    assert json.loads(article.latest_revision.content["body"]) == stored
    texts = {
        plain(segment.string.data)
        for segment in extract_segments(article)
        if isinstance(segment, StringSegmentValue)
    }
    assert {"12", "scholen", "3", "regio's"} <= texts


def english_article():
    return ArticlePage.objects.get(slug=ARTICLE).get_translation(
        Locale.objects.get(language_code="en")
    )


def main_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").select_one("main")


def test_english_article_translates_figures_and_links_in_english(client, demo_site):
    main = main_of(client, english_article().url)
    figures = main.select_one(".key-figures").get_text(" ", strip=True)
    assert "€8.5 billion" in figures and "allocated by the Dutch government" in figures
    assert "miljard" not in figures and "kabinet" not in figures
    links = main.select(".link-list a")
    assert len(links) == 9
    assert all(link["href"].startswith("/en/") for link in links)
    assert not any(link.has_attr("hreflang") or link.has_attr("lang") for link in links)
    assert "Future coach" in [link.get_text(strip=True) for link in links]


@pytest.fixture
def untranslated_coach(demo_site):
    """The English future coach page taken offline: only the Dutch one is live."""
    dutch = ServicePage.objects.get(slug="toekomstcoach")
    english = dutch.get_translation(Locale.objects.get(language_code="en"))
    english.unpublish()
    return dutch


def test_link_to_an_untranslated_page_goes_to_the_dutch_page_marked_dutch(
    client, untranslated_coach
):
    main = main_of(client, english_article().url)
    link = main.select_one(f'.link-list a[href="{untranslated_coach.url}"]')
    assert link is not None
    assert link["hreflang"] == "nl" and link["lang"] == "nl"
    assert link.get_text(strip=True) == "Toekomstcoach"


def test_rich_text_links_follow_the_same_rule(client, demo_site):
    contact = ContactFormPage.objects.get(locale__language_code="nl")
    contact.get_translation(Locale.objects.get(language_code="en")).unpublish()
    main = main_of(client, english_article().url)
    link = main.select_one(".callout a")
    assert link["href"] == contact.url and link["hreflang"] == "nl"
    assert link.get_text() == "Contact us" and not link.has_attr("lang")


def test_api_links_follow_the_same_rule(client, untranslated_coach):
    article = english_article()
    body = client.get(f"/api/v3/content/pages/{article.pk}/").json()["body"]
    services = [block for block in body if block["type"] == "link_list"][1]
    pages = [link["page"] for link in services["value"]["links"]]
    assert all(page["url"].startswith("/en/services/") for page in pages[:-1])
    assert {page["locale"] for page in pages[:-1]} == {"en"}
    assert pages[-1]["url"] == untranslated_coach.url
    assert pages[-1]["locale"] == "nl" and pages[-1]["title"] == "Toekomstcoach"
    dutch_article = ArticlePage.objects.get(slug=ARTICLE)
    dutch = client.get(f"/api/v3/content/pages/{dutch_article.pk}/").json()["body"]
    dutch_links = next(block for block in dutch if block["type"] == "link_list")
    assert all(
        link["page"]["url"].startswith("/nl/maatregelen/")
        for link in dutch_links["value"]["links"]
    )


def forget_translations(capture_on_commit, article, *dutch_texts):
    """Drops the English of ``dutch_texts`` and republishes, as a partial sync does."""
    source = TranslationSource.objects.get(object_id=article.translation_key)
    english = Locale.objects.get(language_code="en")
    deleted, _ = StringTranslation.objects.filter(
        translation_of__data__in=dutch_texts, locale=english
    ).delete()
    assert deleted == len(dutch_texts)
    # wagtail-localize publishes once the transaction commits.
    with capture_on_commit(execute=True):
        source.translations.get(target_locale=english).save_target(publish=True)


def test_untranslated_block_texts_are_marked_dutch_and_reported(
    client, demo_site, django_capture_on_commit_callbacks
):
    dutch = ArticlePage.objects.get(slug=ARTICLE)
    paragraph = next(
        segment.string.data
        for segment in StringSegment.objects.filter(
            source__object_id=dutch.translation_key,
            string__data__startswith="Door de coronamaatregelen",
        ).select_related("string")
    )
    forget_translations(
        django_capture_on_commit_callbacks,
        dutch,
        "euro trekt het kabinet uit",
        paragraph,
        dutch.title,
    )

    main = main_of(client, english_article().url)
    label = main.find("dd", string="euro trekt het kabinet uit")
    assert label is not None and label["lang"] == "nl"
    marked = main.find("p", lang="nl")
    assert marked.get_text().startswith("Door de coronamaatregelen")
    assert main.find("dt", string="€8.5 billion").get("lang") is None
    assert main.h1["lang"] == "nl" and main.h1.get_text() == dutch.title
    assert main.select_one(".lead").get("lang") is None
    assert not main.select(".key-figures dd")[1].has_attr("lang")

    rows = [row for row in translation_rows("en") if row.title == dutch.title]
    assert [row.status for row in rows] == [Status.INCOMPLETE]


def closest_lang(node):
    for parent in node.parents:
        if parent.has_attr("lang"):
            return parent["lang"]
    return None


def dutch_texts_of(page):
    """The page's Dutch source texts that its English says differently.

    A Dutch term the translator kept (``(Integrale Vroeghulp)``) is not a sign of
    an untranslated text, so texts found in their own translation are left out.
    """
    english = Locale.objects.get(language_code="en")
    source = TranslationSource.objects.get(
        object_id=page.translation_key, locale__language_code="nl"
    )
    texts = set()
    for segment in (
        StringSegment.objects.filter(source=source)
        .annotate_translation(english)
        .select_related("string")
    ):
        dutch, translated = plain(segment.string.data), plain(segment.translation or "")
        if dutch and dutch not in translated:
            texts.add(dutch)
    return texts


def test_english_demo_pages_have_no_dutch_and_no_links_to_dutch_pages(
    client, demo_site
):
    home = HomePage.objects.get(locale__language_code="en")
    pages = list(Page.objects.descendant_of(home, inclusive=True).live().specific())
    assert len(pages) == 36
    problems = []
    for page in pages:
        main = main_of(client, page.url)
        for link in main.select('a[href^="/nl/"]'):
            problems.append(f"{page.url}: link to {link['href']}")
        dutch = dutch_texts_of(page)
        for node in main.find_all(string=True):
            if closest_lang(node) != "en":
                continue
            text = plain(node)
            problems.extend(
                f"{page.url}: {text!r} contains Dutch {found!r}"
                for found in dutch
                if found in text
            )
    assert not problems, "\n".join(problems)


def test_an_untranslated_callout_title_leaves_its_translated_text_english(
    client, demo_site, django_capture_on_commit_callbacks
):
    dutch = ArticlePage.objects.get(slug=ARTICLE)
    forget_translations(django_capture_on_commit_callbacks, dutch, "Meer weten?")

    callout = main_of(client, english_article().url).select_one(".callout")
    title = callout.select_one(".callout__title")
    assert title.get_text(strip=True) == "Meer weten?"
    assert closest_lang(title.strong) == "nl"
    text = callout.select_one(".rich-text p")
    assert "Contact us" in text.get_text()
    assert closest_lang(text.a) == "en"


def test_listed_untranslated_aliases_are_marked_with_their_language(client, demo_site):
    """A new Dutch service is listed in English as its alias, in Dutch, until it is
    translated: its card carries lang="nl"; translated cards carry none."""
    english = Locale.objects.get(language_code="en")
    dutch_index = ServiceIndexPage.objects.get(locale__language_code="nl")
    english_index = dutch_index.get_translation(english)
    dutch = ServicePageFactory(parent=dutch_index, title="Weerbaar op school")
    dutch.create_alias(parent=english_index, update_locale=english)
    cards = main_of(client, english_index.url).select("li.card")
    by_title = {
        card.select_one(".card__title").get_text(strip=True): card for card in cards
    }
    new = by_title["Weerbaar op school"]
    assert new.select_one(".card__title")["lang"] == "nl"
    assert new.select_one(".card__text")["lang"] == "nl"
    translated = by_title["Future coach"]
    assert not translated.select("[lang]")
