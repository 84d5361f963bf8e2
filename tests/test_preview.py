"""Editors can preview every page type and look back at its revisions."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(
        get_user_model().objects.create_superuser("s", "s@example.org", "x")
    )
    return client


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        pages.setdefault(type(page).__name__, page)
    return pages


def test_every_page_type_previews_its_content(demo_site):
    pages = one_page_of_each_type()
    assert len(pages) == 11
    for name, page in pages.items():
        response = page.make_preview_request()
        assert response.status_code == 200, name
        assert page.title in response.content.decode(), name


def test_admin_preview_of_a_draft_shows_the_draft(editor_client, demo_site):
    page = Page.objects.get(slug="toekomstcoach").specific
    page.summary = "Een nieuwe samenvatting in concept."
    page.save_revision()
    url = reverse(
        "wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id]
    )
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Een nieuwe samenvatting in concept." in response.content.decode()
    page.refresh_from_db()
    assert page.summary != "Een nieuwe samenvatting in concept."


def test_revisions_are_listed_in_the_history(editor_client, demo_site):
    page = Page.objects.get(slug="toekomstcoach").specific
    page.save_revision()
    response = editor_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    assert page.revisions.count() == 2
