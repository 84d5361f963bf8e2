from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def many_to_many_schema(generator, field):
    """A many-to-many field (the taxonomy of a service) as a list of ids.

    Ninja's default makes every many-to-many field a required input, blank or not,
    so creating a page without labels was a 422.
    """
    return list[int], []


class ApiConfig(AppConfig):
    name = "api"
    label = "portal_api"
    verbose_name = _("Headless API")

    def ready(self):
        from django.db.models import ManyToManyField
        from wagtail.api.v3.schemas.generators.write import create_generator

        # Connects the receivers that renew the content version of cached responses.
        from . import caching  # noqa: F401

        # Before Wagtail's registry builds the input schemas (when its API is
        # imported, by an app below this one).
        create_generator.register_field_schema(ManyToManyField, many_to_many_schema)
