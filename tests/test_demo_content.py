"""The demo loader: complete, faithful to the article, and idempotent."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from contact.models import ContactFormPage
from home.models import ArticlePage, HomePage
from offices.models import RegionalOfficePage
from services.models import MeasurePage, ServicePage, TargetGroup

pytestmark = pytest.mark.django_db
DUTCH = {"locale__language_code": "nl"}


def tree_snapshot():
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "live", "content_type"
        )
    )


def test_running_the_loader_twice_yields_the_same_tree(demo_site):
    # The contact pages protect their fallback office, so they go first.
    for page in [*ContactFormPage.objects.all(), *HomePage.objects.all()]:
        page.delete()
    TargetGroup.objects.all().delete()
    call_command("load_demo_content")
    first = tree_snapshot()
    revisions = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    call_command("load_demo_content")
    assert tree_snapshot() == first
    assert {
        page.pk: page.latest_revision_id for page in Page.objects.all()
    } == revisions
    assert TargetGroup.objects.filter(**DUTCH).count() == 5
    assert TargetGroup.objects.filter(locale__language_code="en").count() == 5


def test_the_demo_site_is_the_default_site(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_site
    # Each language's home page is a translation of the site's root page.
    homes = Page.objects.filter(depth=2)
    assert set(homes.values_list("translation_key", flat=True)) == {
        demo_site.translation_key
    }
    assert sorted(homes.values_list("locale__language_code", flat=True)) == [
        "en",
        "nl",
    ]


def test_measures_are_exactly_those_of_the_article(demo_site):
    assert sorted(
        MeasurePage.objects.filter(**DUTCH).values_list("code", flat=True)
    ) == [
        "3.1",
        "3.2",
        "3.5",
        "4.1",
    ]


def test_services_are_linked_to_the_measures_the_article_lists_them_under(demo_site):
    links = {
        service.slug: sorted(m.code for m in service.measures())
        for service in ServicePage.objects.filter(**DUTCH)
    }
    assert links == {
        "schoolmaatschappelijk-werk": ["3.1", "3.5"],
        "meedoen-in-het-onderwijs": ["3.1", "3.5"],
        "integrale-vroeghulp": ["3.1", "3.5"],
        "gastlessen-en-cursussen": ["3.2", "3.5"],
        "toekomstcoach": ["4.1"],
    }


def test_offices_come_from_the_shared_data_with_their_caveats(demo_site):
    offices = RegionalOfficePage.objects.filter(**DUTCH)
    assert offices.count() == 17
    west_brabant = offices.get(slug="mee-west-brabant")
    assert west_brabant.data_confidence == "uncertain"
    assert "not confirmed" in west_brabant.data_note
    assert all(office.email.endswith("@example.org") for office in offices)


def test_every_page_is_live_with_a_revision(demo_site):
    pages = Page.objects.filter(depth__gt=1)
    # ... and the footer's privacy and accessibility statements and colophon.
    dutch = 1 + 4 + 1 + 5 + 1 + 1 + 1 + 1 + 17 + 1 + 3
    assert pages.filter(**DUTCH).count() == dutch
    # English is translated through wagtail-localize, not aliased: every page has it.
    english = pages.filter(locale__language_code="en", alias_of__isnull=True)
    assert english.count() == dutch
    assert not pages.filter(live=False).exists()
    assert not pages.filter(latest_revision__isnull=True).exists()


def test_generated_pages_are_added_once(demo_site):
    call_command("load_demo_content", pages=6)
    assert ServicePage.objects.filter(**DUTCH).count() == 5 + 3
    assert ArticlePage.objects.filter(**DUTCH).count() == 1 + 3
    generated = ServicePage.objects.filter(
        slug__startswith="gegenereerde-dienst"
    ).first()
    assert generated.target_groups.count() == 2
    assert len(generated.measures()) == 1
    call_command("load_demo_content", pages=6)
    assert ServicePage.objects.filter(**DUTCH).count() == 5 + 3
    assert HomePage.objects.count() == 2
