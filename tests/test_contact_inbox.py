"""The offices' inbox in the admin: list, search, filters, export, handling."""

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.search.index import class_is_indexed
from wagtail.search.models import IndexEntry

from contact.factories import ContactRequestFactory, ContactRequestNoteFactory
from contact.models import ContactRequest, ContactRequestLogEntry
from portal.editorial import EDITORS
from tests.contact_helpers import (
    group,
    make_user,
    office,
    team_member,
    users_prefer_english,
)

pytestmark = pytest.mark.django_db

INDEX = "contact_requests:index"
EDIT = "contact_requests:edit"


@pytest.fixture(autouse=True)
def _english_admin():
    """Assertions on interface text read English; the data itself is Dutch."""
    with users_prefer_english():
        yield


@pytest.fixture
def groningen(demo_site):
    return office("mee-groningen")


@pytest.fixture
def friesland(demo_site):
    return office("mee-friesland")


@pytest.fixture
def member(groningen):
    return team_member(groningen, "groninger", first_name="Greet", last_name="Mulder")


@pytest.fixture
def colleague(groningen):
    return team_member(groningen, "collega", first_name="Kees", last_name="Bakker")


@pytest.fixture
def ours(groningen):
    return ContactRequestFactory(
        office=groningen,
        reference="GRO0001",
        school_name="OBS De Starter",
        contact_name="Anna de Vries",
        brin_code="12AB",
        phone="050 123 45 67",
        question="Kunnen jullie een training sociale vaardigheden geven?",
    )


@pytest.fixture
def theirs(friesland):
    return ContactRequestFactory(
        office=friesland,
        reference="FRL0001",
        school_name="CBS It Fundamint",
        contact_name="Sjoerd Hoekstra",
    )


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def listing(client, **params):
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    return response.content.decode()


def listed(client, **params):
    """The references the listing shows, in order."""
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    return [request.reference for request in response.context["object_list"]]


def edit_data(request, **changes):
    data = {
        "status": request.status,
        "assigned_to": request.assigned_to_id or "",
        "new_note": "",
    }
    data.update(changes)
    return data


def test_list_shows_own_office_only(member_client, ours, theirs):
    html = listing(member_client)
    assert "GRO0001" in html
    assert "OBS De Starter" in html
    assert "FRL0001" not in html
    assert "It Fundamint" not in html


def test_superuser_lists_every_office(client, ours, theirs):
    client.force_login(make_user("beheer", is_superuser=True))
    html = listing(client)
    assert "GRO0001" in html and "FRL0001" in html


def test_list_shows_status_and_mail_state(member_client, ours, colleague):
    ours.assigned_to = colleague
    ours.mail_attempts = 3
    ours.last_mail_error = "Connection refused"
    ours.status = ContactRequest.Status.IN_PROGRESS
    ours.save()
    html = listing(member_client)
    assert "In progress" in html
    assert "Kees Bakker" in html
    assert "Not delivered after 3 attempts" in html


def test_search_uses_the_database_and_stays_in_the_office(member_client, ours, theirs):
    assert not class_is_indexed(ContactRequest)
    assert "Anna de Vries" not in str(list(IndexEntry.objects.values("title")))

    assert listed(member_client, q="de vries") == ["GRO0001"]
    assert listed(member_client, q="starter") == ["GRO0001"]
    assert listed(member_client, q="gro0001") == ["GRO0001"]
    assert listed(member_client, q="Fundamint") == []
    assert listed(member_client, q="FRL0001") == []
    assert "Sjoerd Hoekstra" not in listing(member_client, q="Hoekstra")


def test_status_filter(member_client, groningen, ours):
    ContactRequestFactory(
        office=groningen, reference="GRO0002", status=ContactRequest.Status.CLOSED
    )
    assert listed(member_client, status="closed") == ["GRO0002"]
    assert listed(member_client, status="new") == ["GRO0001"]


def test_office_filter_offers_and_accepts_own_offices_only(
    member_client, friesland, ours, theirs
):
    response = member_client.get(reverse(INDEX))
    offices = response.context["filters"].form.fields["office"].queryset
    assert [office.title for office in offices] == ["MEE Groningen"]
    assert "MEE Friesland" not in response.content.decode()
    # Asking for another office's requests gives nothing of theirs.
    assert "FRL0001" not in listed(member_client, office=friesland.pk)
    assert "It Fundamint" not in listing(member_client, office=friesland.pk)


def test_superuser_filters_by_office(client, friesland, ours, theirs):
    client.force_login(make_user("beheer", is_superuser=True))
    assert listed(client, office=friesland.pk) == ["FRL0001"]


def test_assigned_to_filter_offers_colleagues_only(
    member_client, friesland, ours, colleague
):
    team_member(friesland, "fries", first_name="Sietske", last_name="Visser")
    ContactRequestFactory(
        office=ours.office, reference="GRO0003", assigned_to=colleague
    )
    assert "Sietske Visser" not in listing(member_client)
    assert listed(member_client, assigned_to=colleague.pk) == ["GRO0003"]


def test_csv_export_holds_own_office_only(member_client, ours, theirs, groningen):
    ContactRequestFactory(
        office=groningen, reference="GRO0004", school_name="=HYPERLINK(1)"
    )
    response = member_client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    # Dutch Excel opens it in columns: a UTF-8 byte order mark and semicolons.
    assert body.startswith(b"\xef\xbb\xbfReference;Received;Office;Status;")
    content = body.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert sorted(row["Reference"] for row in rows) == ["GRO0001", "GRO0004"]
    row = next(row for row in rows if row["Reference"] == "GRO0001")
    assert row["School"] == "OBS De Starter"
    assert row["Contact person"] == "Anna de Vries"
    assert row["Office"] == "MEE Groningen"
    assert row["Status"] == "New"
    assert row["Question"] == ours.question
    assert "Fundamint" not in content
    # Text from the public form never reaches a spreadsheet as a formula.
    formula = next(row for row in rows if row["Reference"] == "GRO0004")
    assert formula["School"] == "'=HYPERLINK(1)"


def test_csv_export_respects_search(member_client, groningen, ours):
    ContactRequestFactory(office=groningen, reference="GRO0005", school_name="Ander")
    response = member_client.get(reverse(INDEX), {"export": "csv", "q": "Starter"})
    content = b"".join(response.streaming_content).decode()
    assert "GRO0001" in content and "GRO0005" not in content


def test_detail_shows_the_request(member_client, ours):
    ContactRequestNoteFactory(request=ours, author=ours.assigned_to)
    response = member_client.get(reverse(EDIT, args=[ours.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for value in (
        "GRO0001",
        "OBS De Starter",
        "12AB",
        "Anna de Vries",
        "Intern begeleider",
        ours.email,
        "050 123 45 67",
        "9711AB",
        ours.question,
        "MEE Groningen",
        "Mail delivery",
        "Teruggebeld, afspraak gepland.",
    ):
        assert value in html, value
    # Only handling is editable: the school's data has no input to change it.
    assert 'name="school_name"' not in html
    assert 'name="email"' not in html
    assert 'name="status"' in html


def test_other_offices_request_is_not_found(member_client, ours, theirs):
    url = reverse(EDIT, args=[theirs.pk])
    response = member_client.get(url)
    assert response.status_code == 404
    assert "Fundamint" not in response.content.decode()
    response = member_client.post(url, edit_data(theirs, status="closed"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ContactRequest.Status.NEW
    assert not theirs.notes.exists()


def test_editorial_staff_have_no_inbox(client, ours):
    client.force_login(make_user("redacteur", group(EDITORS)))
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)
    assert "GRO0001" not in response.content.decode()
    response = client.get(reverse(EDIT, args=[ours.pk]))
    assert response.status_code in (302, 403, 404)
    assert "OBS De Starter" not in response.content.decode()
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) not in admin_home


def test_inbox_menu_item_for_team_members(member_client):
    html = member_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in html


def test_requests_cannot_be_added_copied_or_deleted(member_client, ours):
    for name, args in (
        ("contact_requests:add", []),
        ("contact_requests:delete", [ours.pk]),
        ("contact_requests:copy", [ours.pk]),
        ("contact_requests:history", [ours.pk]),
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
    html = listing(member_client)
    assert "/delete/" not in html


def test_closing_sets_closed_at_and_reopening_clears_it(member_client, ours):
    url = reverse(EDIT, args=[ours.pk])
    response = member_client.post(url, edit_data(ours, status="closed"))
    assert response.status_code == 302
    assert response["Location"] == url
    ours.refresh_from_db()
    assert ours.status == ContactRequest.Status.CLOSED
    assert ours.closed_at is not None
    closed_at = ours.closed_at

    member_client.post(url, edit_data(ours, status="closed", new_note="Nog iets"))
    ours.refresh_from_db()
    assert ours.closed_at == closed_at

    member_client.post(url, edit_data(ours, status="in_progress"))
    ours.refresh_from_db()
    assert ours.status == ContactRequest.Status.IN_PROGRESS
    assert ours.closed_at is None


def test_changes_are_logged_without_the_question(member_client, ours):
    member_client.post(
        reverse(EDIT, args=[ours.pk]), edit_data(ours, status="answered")
    )
    entry = ContactRequestLogEntry.objects.get(request=ours, action="wagtail.edit")
    assert entry.user.username == "groninger"
    assert ours.question not in str(entry.data)
    # The reference identifies the request to its office; the school stays out.
    assert entry.label == "GRO0001"


def test_assign_to_a_colleague(member_client, ours, colleague):
    url = reverse(EDIT, args=[ours.pk])
    html = member_client.get(url).content.decode()
    assert "Kees Bakker" in html
    response = member_client.post(url, edit_data(ours, assigned_to=colleague.pk))
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.assigned_to == colleague


def test_cannot_assign_outside_the_team(member_client, ours, friesland):
    outsider = team_member(friesland, "fries", first_name="Sietske", last_name="Visser")
    superuser = make_user("beheer", is_superuser=True)
    url = reverse(EDIT, args=[ours.pk])
    html = member_client.get(url).content.decode()
    assert "Sietske Visser" not in html
    for user in (outsider, superuser):
        response = member_client.post(url, edit_data(ours, assigned_to=user.pk))
        assert response.status_code == 200
        assert response.context["form"].errors["assigned_to"]
        ours.refresh_from_db()
        assert ours.assigned_to is None


def test_former_colleague_keeps_the_request_until_reassigned(
    member_client, groningen, ours, colleague
):
    ours.assigned_to = colleague
    ours.save()
    colleague.groups.remove(groningen.team.group)
    url = reverse(EDIT, args=[ours.pk])
    response = member_client.post(url, edit_data(ours, status="in_progress"))
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.assigned_to == colleague


def test_add_a_note(member_client, member, ours):
    url = reverse(EDIT, args=[ours.pk])
    response = member_client.post(
        url, edit_data(ours, new_note="  Gebeld met de IB'er.  ")
    )
    assert response.status_code == 302
    note = ours.notes.get()
    assert note.text == "Gebeld met de IB'er."
    assert note.author == member
    html = member_client.get(url).content.decode()
    assert "Gebeld met de IB&#x27;er." in html
    assert "Greet Mulder" in html

    member_client.post(url, edit_data(ours))
    assert ours.notes.count() == 1
