"""Factories for the regional contact points."""

import factory

from home.factories import PublishedPageFactory

from .models import ContactFormPage, RegionalOfficePage, RegionIndexPage


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


class ContactFormPageFactory(PublishedPageFactory):
    title = "Contact"
    show_in_menus = True
    intro = "<p>Stel uw vraag aan MEE.</p>"
    privacy_text = "<p>Noem geen namen of diagnoses van kinderen.</p>"
    thank_you_text = "<p>We nemen zo snel mogelijk contact met u op.</p>"

    class Meta:
        model = ContactFormPage
