"""The ``locale`` parameter of the read routers, and the locales themselves.

Wagtail's API v3 has no endpoint of locales (``/api/v3/locales/`` is a 404
problem); the read side lists them under ``/api/v3/site/locales/``.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from wagtail.models import Locale

from core.api import PageLinkSchema, reader_for


def locale_or_400(code):
    """The Locale named by ``code``; without one, the caller's language.

    The caller's language comes from Accept-Language (LocaleMiddleware) and falls back
    to the default locale when no content exists in it.
    """
    if not code:
        return Locale.get_active()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        known = ", ".join(
            Locale.objects.order_by("language_code").values_list(
                "language_code", flat=True
            )
        )
        raise HttpError(
            400,
            _("Unknown locale “%(code)s”; known locales: %(known)s.")
            % {"code": code, "known": known},
        )
    return locale


def locale_name(locale):
    """The language's name in the caller's language, e.g. "Dutch" or "Nederlands".

    Django's own catalogue names every language an administrator can add.
    """
    try:
        info = translation.get_language_info(locale.language_code)
    except KeyError:
        return locale.get_display_name()
    return str(info["name_translated"])


class LocaleSchema(Schema):
    code: str
    name: str
    native_name: str
    is_default: bool
    home: PageLinkSchema | None


def locale_entries(request, home_pages):
    """Every locale, with its live home page (None until it has one)."""
    reader = reader_for(request)
    default = Locale.get_default()
    return [
        {
            "code": locale.language_code,
            "name": locale_name(locale),
            "native_name": locale.get_display_name(),
            "is_default": locale.pk == default.pk,
            "home": (
                reader.link(home_pages[locale.language_code])
                if locale.language_code in home_pages
                else None
            ),
        }
        for locale in Locale.objects.order_by("pk")
    ]
