"""Postcode -> municipality -> office, on the real reference data and demo coverage."""

import csv
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError

from contact.pages import fallback_office_for
from offices.models import Municipality, PostcodeArea, RegionalOfficePage
from offices.reference_data import DATA_DIR
from offices.routing import normalise_postcode, route_municipality, route_postcode

pytestmark = pytest.mark.django_db


@pytest.fixture
def fallback(demo_site):
    return fallback_office_for()


def test_reference_data_is_complete(demo_site):
    assert Municipality.objects.count() == 342
    assert PostcodeArea.objects.values("pc4").distinct().count() == 4072
    assert Municipality.objects.filter(office__isnull=False).count() == 301


def test_fallback_is_the_national_office(fallback):
    assert fallback.slug == "mee-nl"


def test_every_municipality_resolves_to_exactly_one_office(fallback):
    fallbacks = 0
    for municipality in Municipality.objects.select_related("office"):
        route = route_municipality(municipality.code, fallback)
        assert route.office is not None, municipality
        assert route.municipalities == [municipality]
        if route.office == fallback:
            fallbacks += 1
            assert municipality.office is None and route.fallback
        else:
            assert route.office == municipality.office
    assert fallbacks == 41


def test_zeeland_goes_to_the_fallback(fallback):
    route = route_postcode("4331 AB", fallback)  # Middelburg
    assert route.municipalities[0].province == "Zeeland"
    assert route.office == fallback and route.fallback


def test_a_postcode_in_each_office_area_routes_there(fallback):
    with open(DATA_DIR / "mee_office_coverage.csv", encoding="utf-8") as handle:
        codes_by_office = defaultdict(set)
        for row in csv.DictReader(handle):
            codes_by_office[row["office_slug"]].add(row["gm_code"])
    assert len(codes_by_office) == 16
    for slug, codes in codes_by_office.items():
        area = (
            PostcodeArea.objects.filter(municipality__code__in=codes, share=1.0)
            .order_by("pc4")
            .first()
        )
        route = route_postcode(f"{area.pc4} AA", fallback)
        assert route.office == RegionalOfficePage.objects.get(
            slug=slug, locale__language_code="nl"
        ), slug


def test_postcode_spanning_two_offices_asks_for_the_municipality(fallback, demo_site):
    a, b = PostcodeArea.objects.filter(pc4="5383").order_by("-share")
    b.municipality.office = RegionalOfficePage.objects.get(
        slug="mee-oost", locale__language_code="nl"
    )
    b.municipality.save()
    route = route_postcode("5383", fallback)
    assert [m.code for m in route.municipalities] == [
        a.municipality.code,
        b.municipality.code,
    ]
    assert route.office is None and route.needs_municipality


def test_postcode_spanning_two_municipalities_of_one_office_routes(fallback):
    route = route_postcode("1261", fallback)  # Blaricum and Laren (NH.)
    assert len(route.municipalities) == 2
    assert route.office.slug == "mee-utrecht-gooi-vecht"


def test_po_box_postcode_is_known_to_no_municipality(fallback):
    route = route_postcode("1000 AA", fallback)
    assert route.municipalities == [] and route.office is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9711AB", "9711AB"),
        (" 9711 ab ", "9711AB"),
        ("9711", "9711"),
        ("9711\tAb", "9711AB"),
    ],
)
def test_postcode_normalisation(value, expected):
    assert normalise_postcode(value) == expected


@pytest.mark.parametrize(
    "value", ["", "971", "0711AB", "97111", "9711A", "9711 SS", "ABCD"]
)
def test_invalid_postcodes_are_refused(value):
    with pytest.raises(ValidationError):
        normalise_postcode(value)


@pytest.mark.parametrize("code", ["GM9999", "0014", "GM14", ""])
def test_unknown_municipality_codes_are_refused(code, fallback):
    with pytest.raises(ValidationError):
        route_municipality(code, fallback)
