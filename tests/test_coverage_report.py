"""The coverage report: municipalities that fall back, offices that serve nobody."""

import csv
import io

import pytest
from django.urls import reverse

from contact.models import ContactFormPage
from offices.models import Municipality, RegionalOfficePage
from portal.demo import DATA_DIR
from portal.editorial import EDITORS, MODERATORS
from tests.contact_helpers import (
    group,
    make_user,
    office,
    team_member,
    users_prefer_english,
)

pytestmark = pytest.mark.django_db

REPORT = "contact_coverage_report"


@pytest.fixture(autouse=True)
def _english_admin():
    """Assertions on interface text read English; the data itself is Dutch."""
    with users_prefer_english():
        yield


@pytest.fixture
def demo_coverage(demo_site):
    """What the demo loader assigns from mee_office_coverage.csv."""
    with open(DATA_DIR / "mee_office_coverage.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    offices = {
        page.slug: page
        for page in RegionalOfficePage.objects.filter(locale__language_code="nl")
    }
    for row in rows:
        Municipality.objects.filter(code=row["gm_code"]).update(
            office=offices[row["office_slug"]]
        )
    return rows


@pytest.fixture
def moderator_client(client):
    client.force_login(make_user("eindredacteur", group(MODERATORS)))
    return client


def test_demo_coverage_leaves_41_municipalities_to_the_fallback(
    moderator_client, demo_coverage
):
    assert len(demo_coverage) == 301
    response = moderator_client.get(reverse(REPORT))
    assert response.status_code == 200
    html = response.content.decode()
    assert "41 municipalities send their requests" in html
    assert response.context["paginator"].count == 41
    names = {m.name for m in response.context["object_list"]}
    assert "Middelburg (Z.)" in names  # Zeeland has no MEE organisation
    assert "Groningen" not in names
    # Every regional office serves somewhere; MEE NL is the contact page's fallback.
    assert list(response.context["offices_without_municipalities"]) == []
    assert "Every office serves at least one municipality." in html


def test_an_office_that_is_no_longer_the_fallback_is_a_gap(
    moderator_client, demo_coverage
):
    # The fallback is synchronised from the Dutch contact page to its translations.
    for contact_page in ContactFormPage.objects.all():
        contact_page.fallback_office = office("mee-groningen")
        contact_page.save()
    response = moderator_client.get(reverse(REPORT))
    offices = response.context["offices_without_municipalities"]
    assert [page.slug for page in offices] == ["mee-nl"]


def test_office_without_municipalities_is_listed(moderator_client, demo_coverage):
    drenthe = office("mee-drenthe")
    Municipality.objects.filter(office=drenthe).update(office=None)
    response = moderator_client.get(reverse(REPORT))
    html = response.content.decode()
    assert "MEE Drenthe" in html
    assert reverse("wagtailadmin_pages:edit", args=[drenthe.pk]) in html
    assert response.context["paginator"].count == 41 + 12  # all of Drenthe


def test_province_filter_and_csv_export(moderator_client, demo_coverage):
    response = moderator_client.get(reverse(REPORT), {"province": "Zeeland"})
    assert {m.province for m in response.context["object_list"]} == {"Zeeland"}
    assert response.context["paginator"].count == 13

    response = moderator_client.get(reverse(REPORT), {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert len(rows) == 41
    assert set(rows[0]) == {"CBS code", "Name", "Province"}
    assert {"GM0687", "Middelburg (Z.)", "Zeeland"} <= {
        value for row in rows for value in row.values()
    }


def test_without_any_coverage_every_municipality_falls_back(moderator_client):
    Municipality.objects.update(office=None)
    response = moderator_client.get(reverse(REPORT))
    assert response.context["paginator"].count == Municipality.objects.count() == 342


@pytest.mark.parametrize("who", ["editor", "office"])
def test_report_is_for_those_who_publish(client, demo_site, who):
    if who == "editor":
        user = make_user("redacteur", group(EDITORS))
    else:
        user = team_member(office("mee-groningen"), "groninger")
    client.force_login(user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "Middelburg" not in response.content.decode()
    assert (
        reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_report_is_in_the_reports_menu(moderator_client):
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in html
