"""Services and NPO measures link to each other, and both pages show the link."""

import pytest

from services.factories import MeasurePageFactory, ServicePageFactory
from services.models import MeasureIndexPage, ServiceIndexPage

pytestmark = pytest.mark.django_db


def test_a_new_link_shows_on_both_pages(client, demo_site):
    measures = MeasureIndexPage.objects.child_of(demo_site).get()
    services = ServiceIndexPage.objects.child_of(demo_site).get()
    measure = MeasurePageFactory(parent=measures, code="3.9", title="Proefmaatregel")
    service = ServicePageFactory(
        parent=services, title="Proefdienst", measures=[measure]
    )

    assert list(measure.services()) == [service]
    assert [m.pk for m in service.measures()] == [measure.pk]
    assert "Proefdienst" in client.get(measure.url).content.decode()
    assert "3.9 Proefmaatregel" in client.get(service.url).content.decode()


def test_unpublished_services_are_not_listed_on_a_measure(demo_site):
    measures = MeasureIndexPage.objects.child_of(demo_site).get()
    services = ServiceIndexPage.objects.child_of(demo_site).get()
    measure = MeasurePageFactory(parent=measures, code="3.8")
    service = ServicePageFactory(parent=services, measures=[measure])
    service.unpublish()
    assert list(measure.services()) == []


def test_measure_codes_are_unique_within_a_language(demo_site):
    from django.core.exceptions import ValidationError

    measures = MeasureIndexPage.objects.child_of(demo_site).get()
    with pytest.raises(ValidationError) as error:
        MeasurePageFactory(parent=measures, code="3.1", title="Dubbel")
    assert "code" in error.value.message_dict
