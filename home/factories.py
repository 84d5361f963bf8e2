"""Page factories for the home app, shared by the tests and ``load_demo_content``."""

import datetime
import json
import uuid

import factory
import wagtail_factories
from django.utils.text import slugify

from .models import ArticleIndexPage, ArticlePage, ContentPage, HomePage


def stream(*blocks):
    """Raw StreamField data from ``(block_type, value)`` pairs, as the admin saves.

    Block ids derive from position and content: translations address blocks by id,
    so the demo's translation files must match on every machine and every run.
    """
    return json.dumps(
        [
            {
                "type": kind,
                "value": value,
                "id": str(
                    uuid.uuid5(
                        uuid.NAMESPACE_URL,
                        f"{position}:{kind}:{json.dumps(value, sort_keys=True)}",
                    )
                ),
            }
            for position, (kind, value) in enumerate(blocks)
        ]
    )


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Creates a page under ``parent`` once (found again by slug) and publishes it.

    The revision gives the page a history, moderation state and a translation source,
    as a page made in the admin would have.
    """

    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))

    class Meta:
        abstract = True
        django_get_or_create = ("parent", "slug")
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        """``publish=False`` leaves the page without a revision (fast bulk loads)."""
        return extracted

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Runs after every other post-generation hook, so the revision holds relations.
        if (
            create
            and results.get("publish") is not False
            and instance.latest_revision_id is None
        ):
            instance.save_revision().publish()


class HomePageFactory(PublishedPageFactory):
    title = "MEE en het Nationaal Programma Onderwijs"
    slug = "home"
    hero_title = "Ondersteuning voor kwetsbare leerlingen"
    hero_text = "Wat MEE met geld uit het Nationaal Programma Onderwijs voor u doet."

    class Meta:
        model = HomePage


class ArticleIndexPageFactory(PublishedPageFactory):
    title = "Actueel"
    show_in_menus = True

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    date = factory.LazyFunction(lambda: datetime.date(2021, 3, 1))
    intro = "Een korte samenvatting van het artikel."
    body = factory.LazyFunction(
        lambda: stream(("paragraph", "<p>De tekst van het artikel.</p>"))
    )

    class Meta:
        model = ArticlePage


class ContentPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = ""
    body = factory.LazyFunction(
        lambda: stream(("paragraph", "<p>De tekst van de pagina.</p>"))
    )

    class Meta:
        model = ContentPage
