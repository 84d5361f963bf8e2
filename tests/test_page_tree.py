"""Which page types may live where."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from contact.models import ContactFormPage
from home.models import ArticleIndexPage, ArticlePage, ContentPage, HomePage
from offices.models import RegionalOfficePage, RegionIndexPage
from services.models import MeasureIndexPage, MeasurePage, ServiceIndexPage, ServicePage

pytestmark = pytest.mark.django_db

EXPECTED_CHILDREN = {
    HomePage: {
        ArticleIndexPage,
        MeasureIndexPage,
        ServiceIndexPage,
        RegionIndexPage,
        ContactFormPage,
        ContentPage,
    },
    ArticleIndexPage: {ArticlePage},
    ArticlePage: set(),
    MeasureIndexPage: {MeasurePage},
    MeasurePage: set(),
    ServiceIndexPage: {ServicePage},
    ServicePage: set(),
    RegionIndexPage: {RegionalOfficePage},
    RegionalOfficePage: set(),
    ContactFormPage: set(),
    ContentPage: {ContentPage},
}


@pytest.mark.parametrize("model", list(EXPECTED_CHILDREN), ids=lambda m: m.__name__)
def test_allowed_subpage_types(model):
    assert set(model.allowed_subpage_models()) == EXPECTED_CHILDREN[model]


@pytest.mark.parametrize("model", list(EXPECTED_CHILDREN), ids=lambda m: m.__name__)
def test_allowed_parent_types_mirror_subpage_types(model):
    expected_parents = {
        parent for parent, children in EXPECTED_CHILDREN.items() if model in children
    }
    if model is HomePage:
        expected_parents = {Page}
    assert set(model.allowed_parent_page_models()) == expected_parents


def test_no_second_home_page_in_the_same_language(demo_site):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)
    other = HomePage(
        title="Tweede", slug="tweede", hero_title="x", locale=demo_site.locale
    )
    with pytest.raises(ValidationError) as error:
        root.add_child(instance=other)
    assert error.value.messages == ["Deze taal heeft al een homepage."]


def test_index_pages_are_singletons_per_home(demo_site):
    for model in (
        ArticleIndexPage,
        MeasureIndexPage,
        ServiceIndexPage,
        RegionIndexPage,
    ):
        assert not model.can_create_at(demo_site)


def test_services_cannot_be_created_outside_their_index(demo_site):
    articles = ArticleIndexPage.objects.child_of(demo_site).get()
    assert not ServicePage.can_create_at(articles)
    assert not ServicePage.can_create_at(demo_site)
    assert ServicePage.can_create_at(ServiceIndexPage.objects.child_of(demo_site).get())
