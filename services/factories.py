"""Factories for measures, services and their classification."""

import factory
from django.utils.text import slugify
from wagtail.models import Locale

from core.factories import PublishedPageFactory, stream

from .models import (
    MeasureIndexPage,
    MeasurePage,
    SchoolType,
    ServiceIndexPage,
    ServiceMeasure,
    ServicePage,
    TargetGroup,
    Theme,
)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Label {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True
        django_get_or_create = ("slug", "locale")


class TargetGroupFactory(TaxonomyFactory):
    class Meta:
        model = TargetGroup


class ThemeFactory(TaxonomyFactory):
    class Meta:
        model = Theme


class SchoolTypeFactory(TaxonomyFactory):
    class Meta:
        model = SchoolType


class MeasureIndexPageFactory(PublishedPageFactory):
    title = "NPO-maatregelen"
    slug = "maatregelen"
    show_in_menus = True

    class Meta:
        model = MeasureIndexPage


class MeasurePageFactory(PublishedPageFactory):
    code = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Maatregel {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(f"{obj.code} {obj.title}"))
    sector = MeasurePage.Sector.FOUNDATIONAL
    summary = "Wat deze maatregel scholen biedt."

    class Meta:
        model = MeasurePage


class ServiceIndexPageFactory(PublishedPageFactory):
    title = "Diensten"
    show_in_menus = True

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Dienst {n}")
    summary = "Wat deze dienst voor een school doet."
    body = factory.LazyFunction(
        lambda: stream(("paragraph", "<p>Over deze dienst.</p>"))
    )

    class Meta:
        model = ServicePage

    @factory.post_generation
    def taxonomy(obj, create, extracted, **kwargs):
        """``taxonomy={"target_groups": [...], "themes": [...], ...}`` in one go."""
        if create and extracted:
            for field, items in extracted.items():
                getattr(obj, field).set(items)
            # Parental relations are written to the database when the page is saved.
            obj.save()

    @factory.post_generation
    def measures(obj, create, extracted, **kwargs):
        if create and extracted:
            for order, measure in enumerate(extracted):
                ServiceMeasure.objects.get_or_create(
                    service=obj, measure=measure, defaults={"sort_order": order}
                )
