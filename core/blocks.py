"""StreamField blocks shared by every page type. Each block renders with its own template in
core/templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.rich_text import BODY_FEATURES


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    # Alt text lives in the block, not on the shared image, so that it is translated with the page.
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=255,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use the image's own description."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Figure"), max_length=40, help_text=_("For example 33% or 1.2 M")
    )
    label = blocks.CharBlock(label=_("What it measures"), max_length=160)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to the title")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")


class ResourceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.StreamBlock(
        [("document", DocumentLinkBlock()), ("link", LinkBlock())], label=_("Documents and links")
    )

    class Meta:
        icon = "list-ul"
        label = _("Documents and links")
        template = "blocks/resource_list.html"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=160)
    email = blocks.EmailBlock(label=_("Email"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "blocks/contact.html"


class BodyBlock(blocks.StreamBlock):
    """The free-form body of case studies and organisation pages."""

    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"))
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    resources = ResourceListBlock()
    embed = EmbedBlock(label=_("Embedded media"), help_text=_("A video or map address"))

    class Meta:
        template = "blocks/body.html"
