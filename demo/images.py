"""Demo images and documents, drawn locally with Pillow so set-up needs no downloads."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

Image = get_image_model()
Document = get_document_model()


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _draw_pattern(draw, width, height, base, seed: str):
    """Soft overlapping circles, placed from a hash of the subject so each image differs."""
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(0, 24, 3):
        x = digest[i] / 255 * width
        y = digest[i + 1] / 255 * height
        radius = 40 + digest[i + 2] / 255 * height * 0.8
        shade = tuple(min(255, channel + 18 + i * 2) for channel in base)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=shade)


def render_banner(seed: str, colour: str, size=(1400, 400)) -> bytes:
    """A decorative banner without text: page titles are real text on the page, not in pictures."""
    width, height = size
    base = _rgb(colour)
    image = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    _draw_pattern(draw, width, height, base, seed)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def render_logo(initials: str, colour: str, size: int = 256) -> bytes:
    image = PILImage.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=_rgb(colour))
    font = _font(int(size * 0.36))
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top),
        initials,
        fill="white",
        font=font,
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_brief(title: str, lines: list[str]) -> bytes:
    """A one-page PDF project brief."""
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 160), fill=(31, 78, 121))
    draw.text((80, 50), "Metropolis", fill="white", font=_font(56))
    draw.text((80, 220), title[:60], fill="black", font=_font(40))
    y = 320
    for line in lines:
        for start in range(0, len(line), 80):
            draw.text((80, y), line[start : start + 80], fill=(40, 40, 40), font=_font(26))
            y += 40
        y += 20
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def get_or_create_image(title: str, filename: str, render, collection=None, description: str = ""):
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    image = Image(title=title, description=description)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(io.BytesIO(render()), name=filename)
    image.save()
    return image


def get_or_create_document(title: str, filename: str, render, collection=None):
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    document = Document(title=title)
    if collection is not None:
        document.collection = collection
    document.file = ContentFile(render(), name=filename)
    document.save()
    return document
