from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from core.navigation import find_site

# URLs outside i18n_patterns: their 404s are real, not a missing language prefix.
UNPREFIXED = ("/admin/", "/api/", "/documents/", "/static/", "/media/")
ADMIN = "/admin/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its redirect of every 404 to ``/nl/...``,
    and with the admin in Dutch unless the user chose otherwise.

    Wagtail's catch-all page route makes any prefixed path "valid", so the stock
    middleware would answer a missing API object or admin URL with a redirect to a
    page that does not exist either.
    """

    def process_request(self, request):
        path = request.path_info
        if path.startswith(ADMIN):
            # The staff are Dutch: a browser set to English must not turn the admin
            # English with US dates. Wagtail still switches to the language a user
            # chose in their account (Account > Preferences).
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)
        if path.startswith(UNPREFIXED) or translation.get_language_from_path(path):
            return
        # An unprefixed page URL is redirected to the reader's language, but only to a
        # language that has a site; otherwise to the source language.
        from home.models import HomePage

        language = translation.get_language()
        if language != settings.LANGUAGE_CODE and not (
            HomePage.objects.live().filter(locale__language_code=language).exists()
        ):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class AdminLanguageMiddleware:
    """The admin in the language the signed-in user chose, or else in Dutch.

    Wagtail applies the choice only while its view runs; a streamed export is written
    afterwards, so without this its headings would be in the default language.
    Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN) and request.user.is_authenticated:
            profile = getattr(request.user, "wagtail_userprofile", None)
            if profile is not None and profile.preferred_language:
                translation.activate(profile.preferred_language)
                request.LANGUAGE_CODE = profile.preferred_language
        return self.get_response(request)


class SiteMiddleware:
    """Finds the request's site once per host and content version (``find_site``).

    Goes before anything that asks for the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The API asks when it needs the site (``api.routers.resolve``); its OpenAPI
        # document needs none and is served without the database (schemathesis
        # loads it so).
        if not request.path_info.startswith("/api/"):
            find_site(request)
        return self.get_response(request)
