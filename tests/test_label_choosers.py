"""The label checkboxes and the measure chooser offer only the page's language."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from portal.editorial import EDITORS
from services.models import (
    MeasureIndexPage,
    MeasurePage,
    SchoolType,
    ServiceIndexPage,
    ServicePage,
    TargetGroup,
    Theme,
)

from .contact_helpers import group, make_user
from .editorial_helpers import service_form_data

pytestmark = pytest.mark.django_db

LABELS = {"target_groups": TargetGroup, "themes": Theme, "school_types": SchoolType}


@pytest.fixture
def editor_client(client, demo_site):
    client.force_login(make_user("redacteur", group(EDITORS)))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def service(language):
    dutch = ServicePage.objects.get(
        slug="schoolmaatschappelijk-werk", locale__language_code="nl"
    )
    return dutch.get_translation(Locale.objects.get(language_code=language))


def checkbox_labels(html, name):
    soup = BeautifulSoup(html, "html.parser")
    return sorted(
        soup.find("label", attrs={"for": box["id"]}).get_text(strip=True)
        for box in soup.find_all("input", attrs={"type": "checkbox", "name": name})
    )


def names(model, language):
    return sorted(
        model.objects.filter(locale__language_code=language).values_list(
            "name", flat=True
        )
    )


def add_url(language):
    index = ServiceIndexPage.objects.get(locale__language_code=language)
    return reverse("wagtailadmin_pages:add", args=["services", "servicepage", index.pk])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_page_offers_labels_of_its_parent_language_only(editor_client, language):
    html = editor_client.get(add_url(language)).content.decode()
    for name, model in LABELS.items():
        assert checkbox_labels(html, name) == names(model, language)


def test_existing_dutch_page_offers_dutch_labels_only(editor_client):
    page = service("nl")
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert checkbox_labels(html, "target_groups") == names(TargetGroup, "nl")
    assert checkbox_labels(html, "themes") == names(Theme, "nl")
    assert checkbox_labels(html, "school_types") == names(SchoolType, "nl")
    # The counts of reproduction 4: 5, 7 and 6 boxes, not 10, 14 and 12.
    assert [len(names(model, "nl")) for model in LABELS.values()] == [5, 7, 6]


def test_a_label_of_another_language_is_refused(editor_client):
    page = service("nl")
    english = TargetGroup.objects.filter(locale__language_code="en").first()
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_form_data(
            title=page.title,
            slug=page.slug,
            summary=page.summary,
            cta_text=page.cta_text,
            target_groups=[english.pk],
        ),
    )
    assert response.status_code == 200
    assert "target_groups" in response.context["form"].errors
    assert english not in page.get_latest_revision_as_object().target_groups.all()


def test_measure_chooser_opens_at_the_measures_of_the_page_language(editor_client):
    # A synchronised English page is edited in the translation editor; a new one in
    # the English tree has the ordinary form.
    dutch = service("nl")
    links = dutch.measure_links.count()
    assert links
    for language, url, rows in (
        ("nl", reverse("wagtailadmin_pages:edit", args=[dutch.pk]), links),
        ("en", add_url("en"), 0),
    ):
        html = editor_client.get(url).content.decode()
        chooser_url = reverse("services_choose_measure", args=[language])
        # The chooser of each row and of the template the "Add" button clones.
        assert html.count(f'data-chooser-url="{chooser_url}"') == rows + 1

        response = editor_client.get(chooser_url, {"page_type": "services.measurepage"})
        assert response.status_code == 200
        modal = json.loads(response.content)["html"]
        index = MeasureIndexPage.objects.get(locale__language_code=language)
        assert response.context["parent_page"].pk == index.pk
        for measure in MeasurePage.objects.all():
            shown = measure.title in modal
            assert shown == (measure.locale.language_code == language), measure.title


def test_a_measure_of_another_language_is_refused(editor_client):
    page = service("nl")
    english = MeasurePage.objects.filter(locale__language_code="en").first()
    data = service_form_data(
        title=page.title,
        slug=page.slug,
        summary=page.summary,
        cta_text=page.cta_text,
        **{
            "measure_links-TOTAL_FORMS": "1",
            "measure_links-0-measure": str(english.pk),
            "measure_links-0-id": "",
            "measure_links-0-ORDER": "1",
            "measure_links-0-DELETE": "",
        },
    )
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["measure_links"].errors
    assert "measure" in errors[0]
