from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def many_to_many_schema(generator, field):
    """A many-to-many field (the taxonomy of a service): ids or tokens (slugs).

    Ninja's default makes every many-to-many field a required list of ids, blank
    or not, so creating a page without labels was a 422. Tokens become ids in
    ``api.writes`` before the page's form sees them.
    """
    return list[int | str], []


class ApiConfig(AppConfig):
    name = "api"
    label = "portal_api"
    verbose_name = _("Headless API")

    def ready(self):
        from django.db.models import ManyToManyField
        from wagtail.api.v3.schemas.generators.write import (
            create_generator,
            patch_generator,
        )

        # Connects the receivers that renew the content version of cached responses.
        from . import caching  # noqa: F401

        # Before Wagtail's registry builds the input schemas (when its API is
        # imported, by an app below this one).
        for generator in (create_generator, patch_generator):
            generator.register_field_schema(ManyToManyField, many_to_many_schema)
