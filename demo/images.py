"""Demo images and documents, drawn locally with Pillow so set-up needs no downloads."""

import functools
import hashlib
import io
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFilter, ImageFont
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


# Photographs: a few distinct ones, each drawn once per process and reused. Each is drawn at the
# size and JPEG quality a camera or an editor's export gives (several hundred KB), so that page
# weights and rendition times measured on the demo are those of a real site. Each distinct
# photograph costs set-up time (about half a second to draw) and, for each image that uses it,
# the first view's renditions (AVIF encoding is slow): case studies share them (see demo/cases.py).
PHOTOGRAPH_COUNT = 6
PHOTOGRAPH_SIZE = (2400, 1600)
PHOTOGRAPH_QUALITY = 85


def photograph_number(seed: str) -> int:
    """Which of the demo's photographs stands for `seed` (a city, a theme), the same on every run."""
    return hashlib.sha256(seed.encode()).digest()[0] % PHOTOGRAPH_COUNT


@functools.cache
def render_photograph(number: int) -> bytes:
    """A street view: sky, a skyline in three depths with lit windows, trees in front; then
    blur, grain at two scales and a vignette, as a lens and a sensor would leave them, so that it
    compresses like a photograph rather than a flat drawing."""
    rng = random.Random(number)
    width, height = size = PHOTOGRAPH_SIZE
    sky_top = (rng.randint(70, 140), rng.randint(120, 180), rng.randint(190, 240))
    sky_bottom = (rng.randint(215, 250), rng.randint(190, 230), rng.randint(160, 210))
    vertical = PILImage.linear_gradient("L").resize(size)
    image = PILImage.composite(
        PILImage.new("RGB", size, sky_bottom), PILImage.new("RGB", size, sky_top), vertical
    )
    draw = ImageDraw.Draw(image)
    tint = (rng.randint(40, 160), rng.randint(60, 160), rng.randint(60, 160))
    horizon = int(height * rng.uniform(0.45, 0.6))
    for depth in range(3):
        _draw_skyline(draw, rng, size, horizon + depth * height // 14, tint, depth)
    for _ in range(60):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.78), height)
        radius = rng.randint(30, 140)
        leaf = (rng.randint(30, 80), rng.randint(80, 140), rng.randint(30, 70))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=leaf)
    image = image.filter(ImageFilter.GaussianBlur(2))
    fine = PILImage.effect_noise(size, 28).convert("RGB")
    coarse = PILImage.effect_noise((width // 8, height // 8), 40).resize(size, PILImage.BICUBIC)
    grain = ImageChops.add(fine, coarse.convert("RGB"), scale=2.0)
    image = PILImage.blend(image, ImageChops.add(image, grain, scale=1.0, offset=-128), 0.35)
    edges = PILImage.radial_gradient("L").resize(size).point(lambda value: int(value * 0.45))
    image = PILImage.composite(PILImage.new("RGB", size, "black"), image, edges)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=PHOTOGRAPH_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _draw_skyline(draw, rng, size, base: int, tint, depth: int):
    """One row of buildings standing on `base`, nearer and darker as `depth` grows."""
    width, height = size
    shade = tuple(int(channel * (1.0 - 0.25 * depth)) for channel in tint)
    x = -rng.randint(0, 80)
    while x < width:
        wide = rng.randint(width // 40, width // 12)
        tall = rng.randint(height // 12, height // 3 + depth * height // 12)
        tone = tuple(max(0, min(255, channel + rng.randint(-25, 25))) for channel in shade)
        draw.rectangle((x, base - tall, x + wide, height), fill=tone)
        if depth == 2:
            for y in range(base - tall + 12, height, 28):
                for left in range(x + 8, x + wide - 10, 22):
                    if rng.random() < 0.6:
                        light = rng.randint(150, 240)
                        draw.rectangle(
                            (left, y, left + 10, y + 14), fill=(light, light - 10, light - 40)
                        )
        x += wide + rng.randint(0, 10)


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


def get_or_create_photograph(number: int):
    """One of the demo's shared photographs, in the root collection (the organisation's)."""
    return get_or_create_image(
        f"Photograph {number + 1}: a city street",
        f"photograph-{number + 1}.jpg",
        lambda: render_photograph(number),
    )


def make_card_renditions(progress) -> int:
    """Make now the renditions of every case-study card (the shared photographs in each format
    and width the cards show), rather than on the first view of a listing: AVIF encoding is
    slow, and a cold case library would otherwise take seconds on a small machine. Renditions
    that exist are kept (the loader stays idempotent). Returns how many photographs there are."""
    from initiatives.queries import CARD_RENDITIONS

    for number in range(PHOTOGRAPH_COUNT):
        get_or_create_photograph(number).get_renditions(*CARD_RENDITIONS)
        progress("Photographs", number + 1, PHOTOGRAPH_COUNT)
    return PHOTOGRAPH_COUNT


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
