"""What every app's page factories share (tests and ``load_demo_content``)."""

import json
import uuid

import factory
import wagtail_factories
from django.utils.text import slugify


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
