"""The demo site: the source article as pages, built with the shared factories.

Texts are taken from the article "Steunpakket voor leerachterstand in onderwijs";
nothing about the NPO measures is invented. Every step looks its object up before
creating it, so that running the loader again changes nothing.
"""

import csv
import datetime
import random
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from contact.factories import ContactFormPageFactory
from core.factories import stream
from core.models import FooterSettings
from home.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ContentPageFactory,
    HomePageFactory,
)
from home.models import ArticleIndexPage, HomePage, HomePageFeaturedItem
from offices.factories import RegionalOfficePageFactory, RegionIndexPageFactory
from offices.models import Municipality
from portal import demo_i18n
from services.factories import (
    MeasureIndexPageFactory,
    MeasurePageFactory,
    SchoolTypeFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    TargetGroupFactory,
    ThemeFactory,
)
from services.models import (
    MeasurePage,
    SchoolType,
    ServiceIndexPage,
    TargetGroup,
    Theme,
)

DATA_DIR = Path(settings.BASE_DIR) / "offices" / "data"

# One URL of every public page type in the demo site, for tests and benchmarks.
PAGE_TYPE_URLS = {
    "HomePage": "/nl/",
    "ArticleIndexPage": "/nl/actueel/",
    "ArticlePage": "/nl/actueel/steunpakket-voor-leerachterstand-in-onderwijs/",
    "MeasureIndexPage": "/nl/maatregelen/",
    "MeasurePage": "/nl/maatregelen/41-de-aansluiting-arbeidsmarkt-en-bedrijfsleven/",
    "ServiceIndexPage": "/nl/diensten/",
    "ServicePage": "/nl/diensten/toekomstcoach/",
    "RegionIndexPage": "/nl/regios/",
    "RegionalOfficePage": "/nl/regios/mee-groningen/",
    "ContactFormPage": "/nl/contact/",
    "ContentPage": "/nl/toegankelijkheid/",
}
SEED = 2021
NPO = "Nationaal Programma Onderwijs"
SLOB = "Minister Slob"

TARGET_GROUPS = {
    "kwetsbare-leerlingen": "Kwetsbare leerlingen",
    "niet-zichtbare-beperking": "Leerlingen met een (niet-zichtbare) beperking",
    "jonge-kinderen": "Jonge kinderen en hun ouders",
    "jongeren": "Jongeren die vast dreigen te lopen",
    "leerkrachten": "Leerkrachten en pedagogisch medewerkers",
}
THEMES = {
    "mediawijsheid": "Mediawijsheid",
    "sociale-vaardigheden": "Sociale vaardigheden",
    "weerbaarheid": "Weerbaarheid",
    "seksualiteit-en-relaties": "Seksualiteit en relaties",
    "kansengelijkheid": "Kansengelijkheid",
    "ontwikkeling": "Ontwikkelings- en gedragsproblemen",
    "werk-en-toekomst": "Werk en toekomst",
}
SCHOOL_TYPES = {
    "po": "Basisonderwijs",
    "vo": "Voortgezet onderwijs",
    "so-vso": "(Voortgezet) speciaal onderwijs",
    "pro": "Praktijkonderwijs",
    "mbo": "Mbo",
    "voorschools": "Kinderopvang en voorschoolse educatie",
}

MEASURES = [
    {
        "code": "3.1",
        "title": "Iedere school krijgt middelen voor een eigen schoolprogramma",
        "sector": MeasurePage.Sector.FOUNDATIONAL,
        "summary": (
            "Scholen krijgen geld voor een eigen schoolprogramma met maatwerk, zodat "
            "leerlingen precies die ondersteuning krijgen die zij nodig hebben. "
            "Intensieve ondersteuning en extra ondersteuning in de klas staan op de "
            "menukaart."
        ),
        "quotes": [
            (
                "Het programma moet vooral maatwerk bieden, zodat leerlingen precies "
                "die ondersteuning krijgen die zij nodig hebben.",
                "",
                NPO,
            ),
            ("Zonder plan geen geld.", SLOB, ""),
            (
                "brede ontwikkeling van kinderen, hun cognitieve ontwikkeling, hun "
                "sociale en persoonlijke ontwikkeling",
                "",
                NPO,
            ),
        ],
        "body": [
            (
                "paragraph",
                "<p>“Intensieve ondersteuning en begeleiding van leerlingen” maakt "
                "onderdeel uit van de menukaart, evenals “extra ondersteuning in de "
                "klas” voor de kinderen die dit het hardst nodig hebben. Voor deze "
                "interventies kunnen scholen geld aanvragen.</p>",
            ),
            (
                "paragraph",
                "<p>Waar te beginnen? MEE biedt op dit vlak een aantal concrete "
                "mogelijkheden om ervoor te zorgen dat kwetsbare kinderen (weer) in "
                "beeld komen en de ondersteuning op maat krijgen die zij nodig "
                "hebben.</p>",
            ),
        ],
    },
    {
        "code": "3.2",
        "title": "Extra onderwijs en begeleiding",
        "sector": MeasurePage.Sector.FOUNDATIONAL,
        "summary": (
            "Het programma biedt financiële ruimte voor extra lessen, bijvoorbeeld in "
            "verlengde schooldagen, weekenden of vakanties, verzorgd door leraren van "
            "de eigen school of door derden."
        ),
        "quotes": [
            (
                "Facultatief voor leerlingen, maar leerlingen die hier baat bij hebben "
                "zullen hiertoe door hun school wel extra worden gestimuleerd. "
                "Dergelijke lessen kunnen worden verzorgd door leraren van de eigen "
                "school of door derden, onder verantwoordelijkheid van de school.",
                "",
                NPO,
            ),
        ],
        "body": [
            (
                "paragraph",
                "<p>MEE kan op specifieke thema’s rondom kwetsbare leerlingen "
                "gastlessen en cursussen verzorgen.</p>",
            ),
        ],
    },
    {
        "code": "3.5",
        "title": "Maatregelen voor specifieke groepen",
        "sector": MeasurePage.Sector.FOUNDATIONAL,
        "summary": (
            "Voor onder andere het speciaal onderwijs en het praktijkonderwijs worden "
            "specifieke maatregelen genomen. Het budget van de samenwerkingsverbanden "
            "wordt verhoogd."
        ),
        "quotes": [],
        "body": [
            (
                "paragraph",
                "<p>Zo wordt het budget van de samenwerkingsverbanden verhoogd, omdat "
                "leerlingen naar verwachting langer in het praktijkonderwijs en "
                "(voortgezet) speciaal onderwijs naar school gaan. Bovengenoemde "
                "mogelijkheden bieden juist ook voor deze vormen van onderwijs "
                "concrete interventies om hiermee aan de slag te gaan.</p>",
            ),
        ],
    },
    {
        "code": "4.1",
        "title": "De aansluiting arbeidsmarkt en bedrijfsleven",
        "sector": MeasurePage.Sector.VOCATIONAL_HIGHER,
        "summary": (
            "De jeugdwerkloosheid loopt door corona sterk op. De maatregel ‘aanpak "
            "jeugdwerkloosheid’ wordt voortgezet, met extra begeleiding en nazorg voor "
            "jongeren zonder startkwalificatie en mbo-studenten met een moeilijke "
            "start."
        ),
        "quotes": [
            (
                "Het is van groot belang dat studenten hun weg naar werk zo soepel "
                "mogelijk vinden.",
                "",
                NPO,
            ),
            (
                "Dit betekent dat er extra begeleiding en nazorg door scholen en "
                "gemeenten blijft voor jongeren die zonder startkwalificatie het "
                "onderwijs verlaten en voor mbo-studenten die een moeilijke start op "
                "de arbeidsmarkt hebben.",
                "",
                NPO,
            ),
        ],
        "body": [],
    },
]

# The search terms are words schools search for that the texts do not contain
# (a pupil who stays home needs school social work).
SERVICES = [
    {
        "slug": "schoolmaatschappelijk-werk",
        "search_terms": (
            "thuiszitter, thuiszitten, verzuim, "
            "gedrag, zorgen over een leerling, problemen thuis"
        ),
        "title": "Schoolmaatschappelijk werk",
        "summary": (
            "Een schoolmaatschappelijk werker kent de uitdagingen en leefwereld van "
            "kwetsbare leerlingen, is laagdrempelig aanwezig op school en vervult een "
            "brugfunctie tussen onderwijs, gezin en hulpverlening."
        ),
        "body": [
            (
                "paragraph",
                "<p>De schoolmaatschappelijk werker kan direct ondersteunen bij het "
                "vlot trekken van een stagnerende ontwikkeling van een leerling.</p>",
            ),
            (
                "paragraph",
                "<p>De schoolmaatschappelijk werkers van MEE hebben daarbij specifieke "
                "deskundigheid van kwetsbare leerlingen met een (niet-zichtbare) "
                "beperking, zoals autisme, PDD-NOS, ADHD, licht verstandelijke "
                "beperking of niet-aangeboren hersenletsel en kennen uitdagingen op "
                "het gebied van bijvoorbeeld mediawijsheid, sociale vaardigheden, "
                "weerbaarheid of omgang met seksualiteit en relaties.</p>",
            ),
        ],
        "target_groups": ["kwetsbare-leerlingen", "niet-zichtbare-beperking"],
        "themes": [
            "mediawijsheid",
            "sociale-vaardigheden",
            "weerbaarheid",
            "seksualiteit-en-relaties",
        ],
        "school_types": ["po", "vo", "so-vso", "pro"],
        "measures": ["3.1", "3.5"],
    },
    {
        "slug": "meedoen-in-het-onderwijs",
        "search_terms": (
            "dyslexie, leerproblemen, extra ondersteuning in de klas, passend onderwijs"
        ),
        "title": "Meedoen in het onderwijs",
        "summary": (
            "Samen met leerkrachten, pedagogisch medewerkers en ouders werken we aan "
            "de ontwikkeling van het kind, met een ondersteuningsplan op maat na een "
            "observatie."
        ),
        "body": [
            (
                "paragraph",
                "<p>Het doel is dat ieder kind kan meedoen en met plezier naar school "
                "kan gaan. Dit project is als geen ander gericht op kansengelijkheid "
                "in het onderwijs.</p>",
            ),
        ],
        "target_groups": ["kwetsbare-leerlingen", "leerkrachten"],
        "themes": ["kansengelijkheid"],
        "school_types": ["voorschools", "po", "so-vso"],
        "measures": ["3.1", "3.5"],
    },
    {
        "slug": "integrale-vroeghulp",
        "search_terms": (
            "peuter, kleuter, ontwikkelingsachterstand, vroegsignalering, gedrag"
        ),
        "title": "Integrale Vroeghulp",
        "summary": (
            "Samenwerking van organisaties die hulp bieden aan ouders met jonge "
            "kinderen met (een vermoeden van) ontwikkelings- of gedragsproblemen."
        ),
        "body": [
            (
                "paragraph",
                "<p>Iedere organisatie brengt haar eigen deskundigheid mee, we "
                "bekijken de situatie van verschillende kanten.</p>",
            ),
            (
                "paragraph",
                "<p>Ouders vinden hier een luisterend oor en krijgen snel gericht "
                "antwoord op vragen.</p>",
            ),
        ],
        "target_groups": ["jonge-kinderen"],
        "themes": ["ontwikkeling"],
        "school_types": ["voorschools", "po"],
        "measures": ["3.1", "3.5"],
    },
    {
        "slug": "gastlessen-en-cursussen",
        "search_terms": "voorlichting, workshop, pesten, sexting, online veiligheid",
        "title": "Gastlessen en cursussen",
        "summary": (
            "Onderwerpen bespreekbaar maken in de klas waar kwetsbare leerlingen in "
            "het bijzonder baat bij hebben, zoals seksualiteit en relaties, "
            "mediawijsheid, weerbaarheid en sociale vaardigheden."
        ),
        "body": [],
        "target_groups": ["kwetsbare-leerlingen", "niet-zichtbare-beperking"],
        "themes": [
            "seksualiteit-en-relaties",
            "mediawijsheid",
            "weerbaarheid",
            "sociale-vaardigheden",
        ],
        "school_types": ["po", "vo", "so-vso", "pro"],
        "measures": ["3.2", "3.5"],
    },
    {
        "slug": "toekomstcoach",
        "search_terms": "stage, werk, overgang naar werk, schooluitval, jongerencoach",
        "title": "Toekomstcoach",
        "summary": (
            "Individuele ondersteuning van jongeren die vast dreigen te lopen in het "
            "onderwijs en andere levensgebieden, op basis van een eigen toekomstplan."
        ),
        "body": [
            (
                "paragraph",
                "<p>De toekomstcoach werkt "
                "doelgericht met de jongere op basis van een eigen toekomstplan, is de "
                "verbindende schakel tussen alle betrokken partijen, biedt de jongere "
                "een vertrouwde basis om op terug te vallen en bewaakt voor iedereen "
                "de samenhang.</p>",
            ),
            (
                "paragraph",
                "<p>De toekomstcoach weet dat vastlopen in het onderwijs vaak niet op "
                "zichzelf staat, kijkt naar en ondersteunt waar nodig op alle "
                "leefgebieden die van invloed zijn op het functioneren en betrekt het "
                "netwerk om de jongere heen voor een duurzaam resultaat.</p>",
            ),
        ],
        "target_groups": ["jongeren"],
        "themes": ["werk-en-toekomst"],
        "school_types": ["vo", "pro", "mbo"],
        "measures": ["4.1"],
    },
]


def _article_body(measures, services, contact_page):
    def page_link(page):
        return {"page": page.pk, "url": "", "text": ""}

    return stream(
        (
            "key_figures",
            {
                "title": "Het steunpakket in cijfers",
                "figures": [
                    {"value": "8,5 miljard", "label": "euro trekt het kabinet uit"},
                    {
                        "value": "2,5 jaar",
                        "label": "om de leerachterstanden weg te werken",
                    },
                    {
                        "value": "180.000 euro",
                        "label": "gemiddeld extra per basisschool",
                    },
                    {
                        "value": "1,3 miljoen",
                        "label": "euro gemiddeld per middelbare school",
                    },
                ],
            },
        ),
        (
            "paragraph",
            "<p>Het kabinet wil de huidige generatie dezelfde kansen bieden als de "
            "generatie die zonder pandemie naar school ging. Elke basisschool "
            "ontvangt gemiddeld 180.000 euro extra, "
            "iedere middelbare school gemiddeld 1,3 miljoen. Met dat geld kunnen "
            "scholen leerlingen die het extra lastig hebben helpen.</p>",
        ),
        (
            "paragraph",
            "<p>Door de coronamaatregelen neemt de kwetsbaarheid van sommige kinderen "
            "toe. Kinderen die in het kader van passend onderwijs juist nu baat hebben "
            "bij extra ondersteuning, nadat zij meer uit het zicht zijn geraakt en een "
            "leerachterstand hebben opgelopen.</p>",
        ),
        (
            "quote",
            {
                "text": "wat elke leerling nodig heeft om de pijn te verzachten",
                "attribution": SLOB,
                "source": "",
            },
        ),
        (
            "paragraph",
            "<p>Daardoor kunnen scholen zelf de keuze maken waar ze het geld aan "
            "besteden. Scholen kunnen voor de zomer een plan indienen en in schooljaar "
            "2021/2022 starten met de uitvoering.</p>",
        ),
        ("heading", {"text": "Ondersteuning MEE", "level": "h2"}),
        (
            "paragraph",
            "<p>Maar wat kunnen scholen allemaal doen? MEE biedt een aantal "
            "mogelijkheden om ervoor te zorgen dat kwetsbare kinderen (weer) in beeld "
            "komen en de ondersteuning krijgen die zij nodig hebben om mee te kunnen "
            "doen in het onderwijs.</p>",
        ),
        (
            "link_list",
            {
                "title": "Maatregelen van het Nationaal Programma Onderwijs",
                "links": [page_link(measure) for measure in measures],
            },
        ),
        (
            "link_list",
            {
                "title": "Wat MEE uw school biedt",
                "links": [page_link(service) for service in services],
            },
        ),
        (
            "callout",
            {
                "title": "Meer weten?",
                "text": f'<p><a linktype="page" id="{contact_page.pk}">Neem contact '
                "met ons op</a> voor meer informatie over de mogelijkheden voor uw "
                "school.</p>",
                "tone": "info",
            },
        ),
    )


def _read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _office_area(slug, coverage):
    if slug == "mee-nl":
        return "Landelijk: gemeenten waar geen regionale MEE-organisatie werkt."
    names = coverage.get(slug, [])
    return f"Gemeenten: {', '.join(names)}." if names else ""


def _taxonomy(factory, labels, locale):
    return {
        slug: factory(slug=slug, name=name, locale=locale)
        for slug, name in labels.items()
    }


def load_site():
    """Build (or complete) the Dutch demo site and return its home page."""
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    # Wagtail's "Welcome" placeholder (a plain Page) holds the slug the home page needs;
    # its Site goes with it and is made again below.
    root.get_children().filter(
        content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home = HomePageFactory(
        parent=root,
        locale=locale,
        intro=(
            "<p>Het kabinet trekt 8,5 miljard euro uit om leerachterstanden weg te "
            "werken. Scholen kiezen zelf waar ze het geld aan besteden. MEE helpt "
            "kwetsbare kinderen (weer) in beeld te brengen en de ondersteuning te "
            "geven die zij nodig hebben om mee te kunnen doen in het onderwijs.</p>"
        ),
        cta_text="Neem contact met ons op voor meer informatie over de mogelijkheden "
        "voor "
        "uw school.",
    )
    _make_default_site(home)

    target_groups = _taxonomy(TargetGroupFactory, TARGET_GROUPS, locale)
    themes = _taxonomy(ThemeFactory, THEMES, locale)
    school_types = _taxonomy(SchoolTypeFactory, SCHOOL_TYPES, locale)

    measure_index = MeasureIndexPageFactory(
        parent=home,
        intro=(
            "Het Nationaal Programma Onderwijs werkt het steunpakket uit in "
            "maatregelen. Bij deze maatregelen kan MEE uw school ondersteunen."
        ),
    )
    measures = {}
    for data in MEASURES:
        measures[data["code"]] = MeasurePageFactory(
            parent=measure_index,
            code=data["code"],
            title=data["title"],
            sector=data["sector"],
            summary=data["summary"],
            quotes=stream(
                *[
                    ("quote", {"text": text, "attribution": who, "source": source})
                    for text, who, source in data["quotes"]
                ]
            ),
            body=stream(*data["body"]),
        )

    service_index = ServiceIndexPageFactory(
        parent=home,
        intro=(
            "MEE biedt scholen concrete mogelijkheden om kwetsbare kinderen (weer) in "
            "beeld te brengen. Deze diensten passen bij de maatregelen van het NPO."
        ),
    )
    services = []
    for data in SERVICES:
        services.append(
            ServicePageFactory(
                parent=service_index,
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                search_terms=data["search_terms"],
                body=stream(*data["body"]),
                read_more_url="https://www.mee.nl",
                taxonomy={
                    "target_groups": [target_groups[s] for s in data["target_groups"]],
                    "themes": [themes[s] for s in data["themes"]],
                    "school_types": [school_types[s] for s in data["school_types"]],
                },
                measures=[measures[code] for code in data["measures"]],
            )
        )

    article_index = ArticleIndexPageFactory(
        parent=home,
        intro="<p>Achtergrond en nieuws over het NPO en MEE.</p>",
    )
    region_index = RegionIndexPageFactory(
        parent=home,
        intro=(
            "Scholen worden geholpen door de MEE-organisatie in hun regio. Waar geen "
            "regionale MEE-organisatie werkt, helpt MEE NL u verder."
        ),
    )
    coverage = defaultdict(list)
    for row in _read_csv("mee_office_coverage.csv"):
        coverage[row["office_slug"]].append(row["gm_name"])
    offices = {}
    for row in _read_csv("mee_offices.csv"):
        offices[row["slug"]] = RegionalOfficePageFactory(
            parent=region_index,
            slug=row["slug"],
            title=row["name"],
            website=row["website"],
            email=f"{row['slug']}@example.org",
            area_served=_office_area(row["slug"], coverage),
            data_confidence=row["confidence"],
            data_note=row["note"],
        )

    if not home.featured_items.exists():
        featured = [*services, measures["3.1"], measures["4.1"]]
        HomePageFeaturedItem.objects.bulk_create(
            HomePageFeaturedItem(home_page=home, page=page, sort_order=order)
            for order, page in enumerate(featured)
        )
    _assign_coverage(offices)
    contact_page = ContactFormPageFactory(
        parent=home,
        slug="contact",
        fallback_office=offices["mee-nl"],
        intro=(
            "<p>Neem contact met ons op voor meer informatie over de mogelijkheden "
            "voor uw school. Vul de postcode van uw school in: uw vraag gaat dan "
            "direct naar de MEE-organisatie in uw regio.</p>"
        ),
        privacy_text=(
            "<p>We gebruiken uw gegevens alleen om uw vraag te beantwoorden. Alleen de "
            "MEE-organisatie die uw vraag krijgt, kan ze zien. We verwijderen ze "
            "twaalf maanden nadat uw vraag is afgehandeld.</p><p><b>Noem in uw vraag "
            "geen naam, geboortedatum of diagnose van een leerling.</b></p>"
        ),
        thank_you_text=(
            "<p>Een medewerker neemt binnen vijf werkdagen contact met u op.</p>"
        ),
    )
    # The article links to the contact page, so it comes after it.
    ArticlePageFactory(
        parent=article_index,
        title="Steunpakket voor leerachterstand in onderwijs",
        slug="steunpakket-voor-leerachterstand-in-onderwijs",
        date=datetime.date(2021, 2, 17),
        intro=(
            "Het kabinet trekt 8,5 miljard uit om in de komende 2,5 jaar de "
            "leerachterstanden van kinderen weg te werken. Wat kunnen scholen met MEE "
            "doen?"
        ),
        body=_article_body(list(measures.values()), services, contact_page),
    )

    if home.contact_page_id != contact_page.pk:
        home.contact_page = contact_page
        home.save_revision().publish()

    _footer(home, _statements(home, contact_page))
    for language in sorted(path.name for path in demo_i18n.PO_DIR.iterdir()):
        demo_i18n.load_translations(language)
    return home


def _assign_coverage(offices):
    """Gives each municipality of the coverage file its office, unless it has one."""
    by_office = defaultdict(list)
    for row in _read_csv("mee_office_coverage.csv"):
        by_office[row["office_slug"]].append(row["gm_code"])
    for slug, codes in by_office.items():
        Municipality.objects.filter(code__in=codes, office__isnull=True).update(
            office=offices[slug]
        )


def _make_default_site(home):
    # The site's own address is the public base URL: Wagtail's absolute page URLs
    # (the API's ``html_url``) are made from it.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname=base.hostname,
            port=base.port or (443 if base.scheme == "https" else 80),
            root_page=home,
            is_default_site=True,
            site_name="MEE voor scholen",
        )


def _statements(home, contact_page):
    """The privacy and accessibility statements and the colophon, for the footer.

    The accessibility statement follows the model of digitoegankelijk.nl and says
    only what the test suite shows: automated axe-core checks, no audit.
    """
    contact = f'<a linktype="page" id="{contact_page.pk}">'
    privacy = ContentPageFactory(
        parent=home,
        slug="privacy",
        title="Privacyverklaring",
        intro=(
            "Welke gegevens deze website van u verwerkt, waarom, hoe lang we ze "
            "bewaren en wie ze kan zien."
        ),
        body=stream(
            ("heading", {"text": "Het contactformulier", "level": "h2"}),
            (
                "paragraph",
                "<p>Als u het contactformulier invult, bewaren we de naam en "
                "BRIN-code van uw school, uw naam, functie, e-mailadres en "
                "telefoonnummer en uw vraag. We gebruiken die gegevens alleen om uw "
                "vraag te beantwoorden.</p><p>Alleen de MEE-organisatie die uw vraag "
                "krijgt, kan ze zien. Ze staan alleen in onze database: de e-mail aan "
                "de MEE-organisatie bevat een link naar uw vraag, niet de vraag zelf. "
                "We verwijderen de gegevens twaalf maanden nadat uw vraag is "
                "afgehandeld.</p>",
            ),
            (
                "callout",
                {
                    "title": "Geen gegevens van leerlingen",
                    "text": "<p>Noem in uw vraag geen naam, geboortedatum of diagnose "
                    "van een leerling.</p>",
                    "tone": "important",
                },
            ),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>Deze website plaatst geen cookies voor statistieken of "
                "advertenties. Het contactformulier gebruikt alleen een cookie die "
                "nodig is om het formulier veilig te versturen.</p>",
            ),
            ("heading", {"text": "Uw rechten", "level": "h2"}),
            (
                "paragraph",
                "<p>U mag ons vragen welke gegevens we van u hebben, en ze laten "
                f"verbeteren of verwijderen. {contact}Neem daarvoor contact met ons "
                "op</a>.</p>",
            ),
        ),
    )
    accessibility = ContentPageFactory(
        parent=home,
        slug="toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        intro=(
            "MEE wil dat iedereen deze website kan gebruiken. Hier leest u hoe "
            "toegankelijk de website is, hoe we dat testen en wat nog niet goed is."
        ),
        body=stream(
            ("heading", {"text": "Status: eerste maatregelen genomen", "level": "h2"}),
            (
                "paragraph",
                "<p>De website is nog niet door een onafhankelijke deskundige "
                "onderzocht op de eisen van de norm WCAG 2.1, niveau A en AA. Daarom "
                "heeft deze verklaring status C: eerste maatregelen genomen.</p>",
            ),
            ("heading", {"text": "Datum en reikwijdte", "level": "h2"}),
            (
                "paragraph",
                "<p>Deze verklaring is opgesteld op 30 november 2026. Ze geldt voor de "
                "openbare pagina’s van de website MEE voor scholen, in het Nederlands "
                "en in het Engels. Ze geldt niet voor de beheeromgeving van de "
                "redactie.</p>",
            ),
            ("heading", {"text": "Wat we testen", "level": "h2"}),
            (
                "paragraph",
                "<p>Bij elke wijziging van de website controleren we elk soort pagina "
                "automatisch met axe-core op de regels van WCAG 2.1 niveau A en AA, "
                "in beide talen, op een breed scherm en op een telefoonscherm. Die "
                "controle vindt geen fouten. Ook testen we automatisch dat u met het "
                "toetsenbord direct naar de inhoud kunt springen en dat de pagina’s "
                "op een scherm van 320 pixels breed te lezen zijn zonder opzij te "
                "scrollen.</p><p>Een automatische controle vindt maar een deel van de "
                "mogelijke problemen. Niet getest zijn: een volledige beoordeling van "
                "alle succescriteria door een mens, het gebruik met schermlezers en "
                "spraakbesturing, en onderzoek met gebruikers met een beperking.</p>",
            ),
            ("heading", {"text": "Bekende beperkingen", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Video’s en andere inhoud van anderen die de redactie in een "
                "pagina opneemt, hebben niet altijd ondertiteling.</li><li>Een "
                "pagina die nog niet in het Engels vertaald is, toont in de Engelse "
                "website de Nederlandse tekst, met een melding.</li><li>Lange woorden "
                "worden alleen afgebroken in browsers die Nederlandse woordafbreking "
                "kennen.</li></ul>",
            ),
            ("heading", {"text": "Contact", "level": "h2"}),
            (
                "paragraph",
                "<p>Kunt u iets op deze website niet gebruiken, of ziet u een fout? "
                f"{contact}Laat het ons weten</a>. Een medewerker neemt binnen vijf "
                "werkdagen contact met u op.</p><p>Deze verklaring volgt het model "
                "van digitoegankelijk.nl. Ze staat nog niet in het register van "
                "toegankelijkheidsverklaringen.</p>",
            ),
        ),
    )
    colophon = ContentPageFactory(
        parent=home,
        slug="colofon",
        title="Colofon",
        intro="Wie deze website maakt, waar de gegevens vandaan komen en waarmee ze "
        "gebouwd is.",
        body=stream(
            ("heading", {"text": "Uitgever", "level": "h2"}),
            (
                "paragraph",
                "<p>Deze website is van MEE. De teksten over het Nationaal Programma "
                "Onderwijs komen uit het artikel ‘Steunpakket voor leerachterstand in "
                "onderwijs’ van 17 februari 2021.</p>",
            ),
            ("heading", {"text": "Gegevens", "level": "h2"}),
            (
                "paragraph",
                "<p>De namen, websites en werkgebieden van de regionale "
                "MEE-organisaties komen uit openbare bronnen van wisselende "
                "betrouwbaarheid. Gemeenten en postcodes komen van het CBS.</p>",
            ),
            ("heading", {"text": "Gemaakt met", "level": "h2"}),
            (
                "paragraph",
                "<p>Wagtail en Django, de componenten van NL Design System "
                "(EUPL-1.2), Tabler Icons (MIT-licentie) en het lettertype Source "
                "Sans 3 (SIL Open Font License).</p>",
            ),
        ),
    )
    return privacy, accessibility, colophon


def _footer(home, statements):
    footer = FooterSettings.for_site(home.get_site())
    if not footer.email:
        footer.organisation = "MEE NL"
        footer.email = "info@example.org"
    privacy, accessibility, colophon = statements
    footer.privacy_page = footer.privacy_page or privacy
    footer.accessibility_page = footer.accessibility_page or accessibility
    footer.colophon_page = footer.colophon_page or colophon
    footer.save()


def generate_pages(count, progress=lambda iterable, total: iterable):
    """Add ``count`` generated services and articles (half each) for load tests.

    Generated pages are live without a revision, which keeps thousands of them quick to
    make; their slugs are numbered, so a second run with the same count adds nothing.
    """
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(SEED)
    rng = random.Random(SEED)
    locale = Locale.get_default()
    home = HomePage.objects.get(locale=locale)
    service_index = ServiceIndexPage.objects.child_of(home).get()
    article_index = ArticleIndexPage.objects.child_of(home).get()
    target_groups = list(TargetGroup.objects.filter(locale=locale))
    themes = list(Theme.objects.filter(locale=locale))
    school_types = list(SchoolType.objects.filter(locale=locale))
    measures = list(MeasurePage.objects.filter(locale=locale))

    for number in progress(range(1, count + 1), total=count):
        title = fake.sentence(nb_words=4).rstrip(".")
        paragraphs = "".join(
            f"<p>{fake.paragraph(nb_sentences=5)}</p>" for _ in range(3)
        )
        if number % 2:
            ServicePageFactory(
                parent=service_index,
                slug=f"gegenereerde-dienst-{number:05d}",
                title=title,
                summary=fake.paragraph(nb_sentences=3),
                body=stream(("paragraph", paragraphs)),
                taxonomy={
                    "target_groups": rng.sample(
                        target_groups, k=min(2, len(target_groups))
                    ),
                    "themes": rng.sample(themes, k=min(2, len(themes))),
                    "school_types": rng.sample(
                        school_types, k=min(2, len(school_types))
                    ),
                },
                measures=rng.sample(measures, k=min(1, len(measures))),
                publish=False,
            )
        else:
            ArticlePageFactory(
                parent=article_index,
                slug=f"gegenereerd-artikel-{number:05d}",
                title=title,
                date=datetime.date(2021, 1, 1)
                + datetime.timedelta(days=rng.randrange(1500)),
                intro=fake.paragraph(nb_sentences=3),
                body=stream(("paragraph", paragraphs)),
                publish=False,
            )
