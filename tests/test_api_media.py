"""Images and documents for anonymous callers: renditions, restricted collections."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import DocumentFactory, ImageFactory

from .api_helpers import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_collection(demo_site):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderators"))
    return collection


def test_renditions_of_an_image(client, demo_site):
    image = ImageFactory(title="Schoolplein", file__width=2000, file__height=1000)
    body = client.get(f"/api/v3/images/{image.pk}/renditions/").json()
    assert body["title"] == "Schoolplein" and body["alt"] == "Schoolplein"
    assert (body["width"], body["height"]) == (2000, 1000)
    assert body["renditions"]["thumbnail"]["width"] == 400
    assert body["renditions"]["thumbnail"]["height"] == 300
    assert body["renditions"]["large"]["width"] == 1600
    assert body["renditions"]["large"]["height"] == 800
    assert all(
        rendition["url"].startswith("/media/images/")
        for rendition in body["renditions"].values()
    )


def test_images_and_documents_in_restricted_collections_are_hidden(
    client, private_collection, settings
):
    public_image = ImageFactory(title="Openbaar")
    hidden_image = ImageFactory(title="Intern", collection=private_collection)
    public_doc = DocumentFactory(title="Folder")
    hidden_doc = DocumentFactory(title="Notulen", collection=private_collection)

    images = client.get("/api/v3/images/").json()["items"]
    assert [image["id"] for image in images] == [public_image.pk]
    assert_problem(client.get(f"/api/v3/images/{hidden_image.pk}/renditions/"), 404)

    documents = client.get("/api/v3/documents/").json()["items"]
    assert [document["title"] for document in documents] == ["Folder"]
    detail = client.get(f"/api/v3/documents/{public_doc.pk}/").json()
    assert detail["meta"]["download_url"] == (
        f"{settings.WAGTAILAPI_BASE_URL}/documents/{public_doc.pk}/"
        f"{public_doc.filename}"
    )
    assert client.get(f"/api/v3/documents/{hidden_doc.pk}/").status_code == 404


def test_unknown_image_is_not_found(client, demo_site):
    assert_problem(client.get("/api/v3/images/999999/renditions/"), 404)
