"""Factories for the contact page and contact requests."""

import factory
from django.utils import timezone

from core.factories import PublishedPageFactory

from .models import ContactFormPage, ContactRequest, ContactRequestNote


class ContactFormPageFactory(PublishedPageFactory):
    title = "Contact"
    show_in_menus = True
    intro = "<p>Stel uw vraag aan MEE.</p>"
    privacy_text = "<p>Noem geen namen of diagnoses van kinderen.</p>"
    thank_you_text = "<p>We nemen zo snel mogelijk contact met u op.</p>"

    class Meta:
        model = ContactFormPage


class ContactRequestFactory(factory.django.DjangoModelFactory):
    """A request as the form stores it; pass ``office`` (routing is not simulated)."""

    reference = factory.Sequence(lambda n: f"T{n:07d}")
    language = "nl"
    postcode = "9711AB"
    school_name = factory.Sequence(lambda n: f"Basisschool De Linde {n}")
    contact_name = factory.Faker("name", locale="nl_NL")
    role = "Intern begeleider"
    email = factory.Sequence(lambda n: f"ib{n}@school.example.org")
    question = "Wij zoeken ondersteuning voor een leerling in groep 5."
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ContactRequest


class ContactRequestNoteFactory(factory.django.DjangoModelFactory):
    text = "Teruggebeld, afspraak gepland."

    class Meta:
        model = ContactRequestNote
