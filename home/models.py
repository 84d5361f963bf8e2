from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.navigation import RoutedPageMixin, own_copy, public, route_from
from core.pages import IndexPage, SearchTermsMixin, index_page_models
from core.paging import paginate
from core.reference_index import indexed_with_page
from core.translations import LocalizedReferencesMixin
from core.versions import PerVersion

_memo = PerVersion(size=8)

ARTICLES_PER_PAGE = 10
LATEST_ARTICLES_ON_HOME = 3


class HomePage(RoutedPageMixin, LocalizedReferencesMixin, SearchTermsMixin, Page):
    hero_title = models.CharField(
        _("hero title"),
        max_length=120,
        help_text=_("The big sentence at the top of the home page."),
    )
    hero_text = models.TextField(
        _("hero text"),
        blank=True,
        help_text=_("One or two sentences under the hero title."),
    )
    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Explains in a few paragraphs what MEE offers schools under the NPO."
        ),
    )
    featured_title = models.CharField(
        _("featured section title"),
        max_length=120,
        default="Uitgelicht",
        help_text=_("Heading above the measures and services chosen below."),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where the call to action and every service's contact button lead."
        ),
    )
    cta_title = models.CharField(
        _("call to action title"),
        max_length=120,
        default="Neem contact met ons op",
        help_text=_("Heading of the contact call to action."),
    )
    cta_text = models.TextField(
        _("call to action text"),
        blank=True,
        help_text=_("Why a school should get in touch."),
    )

    parent_page_types = ["wagtailcore.Page"]
    localized_references = ["contact_page", "featured_items.page"]
    subpage_types = [
        "home.ArticleIndexPage",
        "services.MeasureIndexPage",
        "services.ServiceIndexPage",
        "offices.RegionIndexPage",
        "contact.ContactFormPage",
        "home.ContentPage",
    ]

    api_fields = [
        APIField("hero_title", writable=True),
        APIField("hero_text", writable=True),
        APIField("intro", writable=True),
        APIField("featured_title", writable=True),
        APIField("cta_title", writable=True),
        APIField("cta_text", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
        index.SearchField("hero_title", boost=2),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("featured_title"),
                InlinePanel("featured_items", label=_("Featured item"), max_num=6),
            ],
            heading=_("Featured measures and services"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cta_title"),
                FieldPanel("cta_text"),
                PageChooserPanel("contact_page"),
            ],
            heading=_("Call to action"),
        ),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per locale: offer the type only while a locale lacks one.
        return (
            super().can_create_at(parent)
            and cls.objects.values("locale").distinct().count() < Locale.objects.count()
        )

    @classmethod
    def by_language(cls):
        """``{language code: home page}`` of every locale with a live, public home.

        Read once per content version: every page's language switcher asks.
        """

        def read():
            pages = (
                cls.objects.live().select_related("locale", "alias_of").order_by("pk")
            )
            return {home.locale.language_code: home for home in public(pages)}

        return _memo.get("homes_by_language", read)

    @property
    def localized(self):
        """Wagtail's ``localized`` (the live translation in the active language, else
        this page) without its locale query per call.

        Every request is routed from the site's home page
        (``site.root_page.localized``); the homes are read once per content version.
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        try:
            code = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            code = settings.LANGUAGE_CODE

        def read():
            homes = HomePage.objects.live().filter(translation_key=self.translation_key)
            return {
                home.locale.language_code: home
                for home in homes.select_related("locale")
            }

        home = _memo.get(("translations", self.translation_key), read).get(code)
        return self if home is None or home.pk == self.pk else home

    def route(self, request, path_components):
        if not path_components:
            # This page is the site's, kept for the content version: the request
            # gets its own copy, as ``route_from`` gives every other page.
            home = own_copy(self)
            home.routed_ancestors = []
            return super(HomePage, home).route(request, path_components)
        return route_from(self, request, path_components)

    def clean(self):
        super().clean()
        others = HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("This language already has a home page."))

    def featured_pages(self):
        items = self.featured_items.select_related("page").filter(page__live=True)
        pages = Page.objects.filter(pk__in=[item.page_id for item in items]).specific()
        by_pk = {page.pk: page for page in pages}
        return [by_pk[item.page_id] for item in items if item.page_id in by_pk]

    def latest_articles(self):
        return public(ArticlePage.objects.live().descendant_of(self)).order_by(
            "-date", "-pk"
        )[:LATEST_ARTICLES_ON_HOME]

    def task_pages(self):
        """The home page's section index pages, by model name (the top tasks)."""
        pages = public(Page.objects.live().child_of(self).type(*index_page_models()))
        return {page.specific_class.__name__: page for page in pages}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = self.featured_pages()
        context["latest_articles"] = self.latest_articles()
        context["tasks"] = self.task_pages()
        return context


@indexed_with_page("home_page")
class HomePageFeaturedItem(Orderable):
    home_page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_items"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A measure or service to show on the home page."),
    )

    panels = [
        PageChooserPanel("page", ["services.MeasurePage", "services.ServicePage"])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")


class ArticleIndexPage(IndexPage):
    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Shown above the list of articles."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ArticlePage"]

    class Meta:
        verbose_name = _("article index page")
        verbose_name_plural = _("article index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = public(ArticlePage.objects.live().child_of(self)).order_by(
            "-date", "-pk"
        )
        context["articles"] = paginate(request, articles, ARTICLES_PER_PAGE)
        return context


class ArticlePage(RoutedPageMixin, SearchTermsMixin, Page):
    date = models.DateField(
        _("publication date"),
        help_text=_("The date readers see; it also orders the article lists."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("One paragraph that summarises the article; also used in lists."),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The article itself: headings, paragraphs, quotes, figures and media."
        ),
    )

    summary_field = "intro"
    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("date", writable=True),
        APIField("intro", writable=True),
        APIField("body", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class ContentPage(RoutedPageMixin, SearchTermsMixin, Page):
    """A plain page of text: the privacy and accessibility statements, the colophon."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_(
            "One paragraph shown large under the title. Do not repeat it as the "
            "first paragraph of the body."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The text of the page: headings, paragraphs, call-outs, links."),
    )

    summary_field = "intro"
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    api_fields = [
        APIField("intro", writable=True),
        APIField("body", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
