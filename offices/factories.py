"""Factories for the region index and the regional office pages."""

import factory

from core.factories import PublishedPageFactory

from .models import RegionalOfficePage, RegionIndexPage


class RegionIndexPageFactory(PublishedPageFactory):
    title = "MEE in uw regio"
    slug = "regios"
    show_in_menus = True

    class Meta:
        model = RegionIndexPage


class RegionalOfficePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"MEE Regio {n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.slug}@example.org")

    class Meta:
        model = RegionalOfficePage
