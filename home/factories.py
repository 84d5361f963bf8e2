"""Page factories for the home app, shared by the tests and ``load_demo_content``."""

import datetime

import factory

from core.factories import PublishedPageFactory, stream

from .models import ArticleIndexPage, ArticlePage, ContentPage, HomePage


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
