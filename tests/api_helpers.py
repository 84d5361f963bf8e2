"""Helpers shared by the API tests: problems and translations."""

from wagtail.models import Locale

from services.models import ServicePage

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status):
    """``response`` is an RFC 9457 problem with ``status``; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status and body["detail"], body
    return body


def english():
    return Locale.objects.get(language_code="en")


def translate(page, title, slug=None, publish=True):
    """The English translation of ``page``, retitled; only a draft unless ``publish``.

    The demo site has English translations; pages a test makes get one here.
    """
    translated = page.get_translation_or_none(english())
    if translated is None:
        translated = page.copy_for_translation(english())
    elif not publish:
        translated.specific.unpublish()
    translated = translated.specific_class.objects.get(pk=translated.pk)
    translated.title = title
    translated.slug = slug or translated.slug
    revision = translated.save_revision()
    if publish:
        revision.publish()
    return translated.specific_class.objects.get(pk=translated.pk)


def english_service(home):
    """Toekomstcoach in English, with the English home and service index above it."""
    service = ServicePage.objects.get(slug="toekomstcoach")
    home_en = translate(home, "MEE and the National Education Programme")
    index_en = translate(service.get_parent(), "Services", "services")
    service_en = translate(service, "Future coach", "future-coach")
    return home_en, index_en, service_en
