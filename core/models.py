"""Site-wide settings that every page and the API read (the footer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from .blocks import SocialLinkBlock


@register_setting(icon="cog")
class FooterSettings(BaseSiteSetting):
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        default="MEE NL",
        help_text=_("The name shown in the footer and the copyright line."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("One line per line.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("A general address; regional offices have their own."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The accessibility statement (toegankelijkheidsverklaring), linked from "
            "the footer of every page."
        ),
    )
    colophon_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("colophon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who makes this site, linked from the footer of every page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("colophon_page"),
            ],
            heading=_("Statements"),
        ),
    ]

    class Meta:
        verbose_name = _("footer")
