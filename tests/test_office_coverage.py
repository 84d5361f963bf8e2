"""Editors set which municipalities an office serves; one office per municipality."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from offices.models import Municipality, RegionalOfficePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("super", "super@example.org", "x")
    client.force_login(user)
    return client


def office(slug):
    return RegionalOfficePage.objects.get(slug=slug, locale__language_code="nl")


def edit(admin_client, page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "description": page.description,
        "visiting_address": "",
        "postal_address": "",
        "phone": "",
        "email": page.email,
        "website": page.website,
        "opening_hours": "",
        "area_served": page.area_served,
        "municipalities": list(page.municipalities.values_list("code", flat=True)),
        "add_province": "",
        "data_confidence": page.data_confidence,
        "data_note": page.data_note,
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    data.update(changes)
    municipalities = data.pop("municipalities")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    # A multiple choice is posted as repeated values, not as a nested list.
    return admin_client.post(
        url, {**nested_form_data(data), "municipalities": municipalities}
    )


def test_edit_form_shows_the_current_municipalities(admin_client, demo_site):
    groningen = office("mee-groningen")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[groningen.pk]))
    html = response.content.decode()
    assert 'name="municipalities"' in html and 'name="add_province"' in html
    form = response.context["form"]
    assert set(form.initial["municipalities"]) == set(
        groningen.municipalities.values_list("code", flat=True)
    )
    assert len(form.initial["municipalities"]) == 10


def test_adding_a_whole_province(admin_client, demo_site):
    nl = office("mee-nl")
    response = edit(admin_client, nl, add_province="Zeeland")
    assert response.status_code == 302
    assert Municipality.objects.filter(province="Zeeland", office=nl).count() == 13


def test_removing_a_municipality_sends_it_to_the_fallback(admin_client, demo_site):
    groningen = office("mee-groningen")
    codes = list(groningen.municipalities.values_list("code", flat=True))
    codes.remove("GM0014")
    assert edit(admin_client, groningen, municipalities=codes).status_code == 302
    assert Municipality.objects.get(code="GM0014").office is None
    assert groningen.municipalities.count() == 9


def test_a_conflicting_assignment_is_refused_and_names_the_other_office(
    admin_client, demo_site
):
    friesland = office("mee-friesland")
    codes = [*friesland.municipalities.values_list("code", flat=True), "GM0014"]
    response = edit(admin_client, friesland, municipalities=codes)
    assert response.status_code == 200
    errors = response.context["form"].errors["municipalities"]
    assert errors == ["Al bediend door MEE Groningen: Groningen."]
    assert Municipality.objects.get(code="GM0014").office == office("mee-groningen")
    assert friesland.municipalities.count() == 18


def test_office_staff_cannot_change_routing(client, demo_site):
    from tests.contact_helpers import team_member

    groningen = office("mee-groningen")
    client.force_login(team_member(groningen, "medewerker"))
    before = set(groningen.municipalities.values_list("code", flat=True))
    response = edit(client, groningen, add_province="Zeeland", **{"action-publish": ""})
    assert response.status_code in (200, 302)
    assert set(groningen.municipalities.values_list("code", flat=True)) == before
    assert not Municipality.objects.filter(province="Zeeland", office__isnull=False)


def test_a_province_with_covered_municipalities_is_refused(admin_client, demo_site):
    response = edit(admin_client, office("mee-nl"), add_province="Drenthe")
    assert response.status_code == 200
    (error,) = response.context["form"].errors["municipalities"]
    assert error.startswith("Al bediend door MEE Drenthe: Aa en Hunze, Assen,")
    assert not Municipality.objects.filter(office=office("mee-nl")).exists()
