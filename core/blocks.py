"""StreamField blocks shared by every page type's body.

Every text an editor types here is a CharBlock, TextBlock or RichTextBlock, which
wagtail-localize offers translators (``tests/test_block_translation.py`` checks each
block type). Whatever else a block holds is the same in every language on purpose;
``SHARED_VALUE_BLOCKS`` lists those kinds of value and why.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from core.links import shown_links

from .streams import TranslatableStreamBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]

SHARED_VALUE_BLOCKS = {
    blocks.ChoiceBlock: "a heading level or tone: structure, its labels are gettext's",
    blocks.BooleanBlock: "an image's 'decorative' flag holds for every language",
    blocks.PageChooserBlock: (
        "shown as the page in the reader's language (core.links)"
    ),
    blocks.URLBlock: "an external address; the link text beside it is translated",
    EmbedBlock: "the video itself; its title beside it is translated",
    ImageChooserBlock: "the picture itself; its alt text beside it is translated",
}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Use h2 for sections and h3 inside them; never skip a level."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Maatregelen funderend onderwijs", "level": "h2"}
        description = _("A section heading that screen readers use to navigate.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>MEE biedt een aantal mogelijkheden om ervoor te zorgen dat kwetsbare "
            "kinderen (weer) in beeld komen.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        help_text=_('Who said or wrote it, for example "Minister Slob".'),
    )
    source = blocks.CharBlock(
        label=_("Source"),
        required=False,
        help_text=_('Where it was said, for example "Nationaal Programma Onderwijs".'),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Zonder plan geen geld.",
            "attribution": "Minister Slob",
            "source": "",
        }


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "blocks/callout_block.html"
        preview_value = {
            "title": "Zonder plan geen geld",
            "text": "<p>Scholen dienen voor de zomer een plan in.</p>",
            "tone": "info",
        }


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Says where the link goes; defaults to the page title."),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.ValidationError(
                        _("Choose a page or enter a link, not both.")
                    )
                }
            )
        if value.get("url") and not value.get("text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "text": blocks.ValidationError(_("An external link needs a text."))
                }
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["links"] = shown_links(value["links"], parent_context or {})
        return context

    class Meta:
        icon = "list-ul"
        label = _("Link list")
        template = "blocks/link_list_block.html"
        preview_value = {
            "title": "Meer weten",
            "links": [{"url": "https://www.mee.nl", "text": "MEE NL", "page": None}],
        }


class FigureBlock(blocks.StructBlock):
    # Translated, not shared: figures are written per language ("8,5 miljard" is
    # "8.5 billion"), and units and words ("jaar", "euro") belong to the figure.
    value = blocks.CharBlock(label=_("Figure"), max_length=40)
    label = blocks.CharBlock(label=_("Explanation"), max_length=160)

    class Meta:
        icon = "decimal"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        preview_value = {
            "title": "Het steunpakket in cijfers",
            "figures": [
                {
                    "value": "8,5 miljard",
                    "label": "euro voor het Nationaal Programma Onderwijs",
                },
                {"value": "2,5 jaar", "label": "om leerachterstanden weg te werken"},
            ],
        }


class CaptionedImageBlock(ImageBlock):
    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Video or embed URL"))
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=160,
        help_text=_("Describes the embed for screen-reader users."),
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed_block.html"


class BodyStreamBlock(TranslatableStreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    link_list = LinkListBlock()
    key_figures = KeyFiguresBlock()
    image = CaptionedImageBlock()
    embed = VideoBlock()


class QuoteStreamBlock(TranslatableStreamBlock):
    quote = QuoteBlock()


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        label=_("Platform"),
        choices=[
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("x", "X"),
            ("bluesky", "Bluesky"),
            ("mastodon", "Mastodon"),
        ],
    )
    url = blocks.URLBlock(label=_("Profile URL"))

    class Meta:
        icon = "link-external"
        label = _("Social link")
        template = "blocks/social_link_block.html"
        preview_value = {
            "platform": "linkedin",
            "url": "https://www.linkedin.com/company/mee",
        }
