"""Images as front ends use them: renditions in fixed sizes, with alt text."""

from ninja import Schema
from pydantic import Field

# The sizes a front end picks from; fixed so that renditions are made once and reused.
RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


class RenditionSchema(Schema):
    url: str
    width: int
    height: int


class ImageDataSchema(Schema):
    """An image as the API shows it (in a block, or on its own)."""

    id: int
    title: str
    alt: str = Field(description="Empty when the image is decorative.")
    decorative: bool
    width: int
    height: int
    renditions: dict[str, RenditionSchema] = Field(
        description="Sizes to choose from: " + ", ".join(RENDITIONS) + "."
    )


class ImageRenditionsSchema(ImageDataSchema):
    """An image model read into ``ImageDataSchema``."""

    @staticmethod
    def resolve_alt(obj):
        # Images chosen in a StreamField carry the alt text of that place.
        if obj.decorative:
            return ""
        return obj.contextual_alt_text or obj.default_alt_text

    @staticmethod
    def resolve_renditions(obj):
        renditions = obj.get_renditions(*RENDITIONS.values())
        return {name: renditions[spec] for name, spec in RENDITIONS.items()}


def image_data(image):
    return ImageRenditionsSchema.model_validate(image).model_dump()
