"""Editors, moderators and their API tokens, for the tests of the write API."""

import json

from wagtail.models import APIToken
from wagtail_localize.models import Translation, TranslationSource

from portal.editorial import EDITORS, MODERATORS

from .contact_helpers import group, make_user


def editor():
    return make_user("redacteur", group(EDITORS))


def moderator():
    return make_user("eindredacteur", group(MODERATORS))


def bearer(user):
    """Request headers that authenticate as ``user`` with a new API token."""
    _token, key = APIToken.create_token(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def call(client, method, url, user=None, data=None, **headers):
    """A JSON request to the API, as ``user`` (with a token) or anonymous."""
    if user is not None:
        headers.update(bearer(user))
    body = "" if data is None else json.dumps(data)
    return getattr(client, method)(
        url, body, content_type="application/json", **headers
    )


def service_form_data(**fields):
    """A ServicePage as the admin's create or edit form posts it, without inlines."""
    return {
        "body-count": "0",
        "read_more_url": "",
        "measure_links-TOTAL_FORMS": "0",
        "measure_links-INITIAL_FORMS": "0",
        "measure_links-MIN_NUM_FORMS": "0",
        "measure_links-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **fields,
    }


def service_edit_data(page, **changes):
    """The edit form of ServicePage ``page`` as posted, with ``changes``."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "cta_text": page.cta_text,
        "read_more_url": page.read_more_url,
    }
    return service_form_data(**{**fields, **changes})


def translation_of(instance, locale):
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale=locale)
