"""Renditions of an image; Wagtail's own ``/images/`` lists and describes images."""

from django.http import HttpRequest
from wagtail.images.api.v3.router import get_images_queryset

from api.problems import URL_NAME_PREFIX, object_or_404, responses
from core.media import RENDITIONS, ImageRenditionsSchema

from . import read_router

router = read_router("images")


@router.get(
    "/{image_id}/renditions/",
    response=responses(ImageRenditionsSchema, 400, 404),
    url_name=f"{URL_NAME_PREFIX}image_renditions",
    summary="Image renditions",
    operation_id="portal_image_renditions",
)
def image_renditions(request: HttpRequest, image_id: int):
    """The image in the sizes front ends use, with its default alt text. Images in
    restricted collections are hidden from anonymous callers, as in
    `GET /api/v3/images/{image_id}/`."""
    images = get_images_queryset(request).prefetch_renditions(*RENDITIONS.values())
    return object_or_404(images, pk=image_id)
