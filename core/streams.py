"""Stored StreamField data that wagtail-localize can translate.

wagtail-localize addresses every text by the ids of the blocks around it. List items
stored in Wagtail's legacy format (a bare list of values, as code and old content
write them) have no ids: Wagtail makes up new ones on every load, so wagtail-localize
extracts nothing from them and their texts (key figures, links) cannot be
translated. ``with_list_item_ids`` gives such items ids derived from the enclosing
block's id and their position, so the same content gets the same ids on every
machine, in every revision and in every language.
"""

import json
import uuid

from wagtail import blocks


def _item_id(parent_id, path, index):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{parent_id}:{path}:{index}"))


def _is_block_item(item):
    return isinstance(item, dict) and {"type", "value"} <= item.keys()


def _normalise(block, raw, parent_id, path):
    if isinstance(block, blocks.StreamBlock):
        return with_list_item_ids(block, raw)
    if isinstance(block, blocks.ListBlock):
        items = []
        for index, item in enumerate(raw or []):
            if _is_block_item(item):
                item_id = item.get("id") or _item_id(parent_id, path, index)
                value = item["value"]
            else:
                item_id, value = _item_id(parent_id, path, index), item
            items.append(
                {
                    "type": "item",
                    "value": _normalise(
                        block.child_block, value, item_id, block.child_block.name
                    ),
                    "id": item_id,
                }
            )
        return items
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return {
            name: (
                _normalise(block.child_blocks[name], value, parent_id, f"{path}.{name}")
                if name in block.child_blocks
                else value
            )
            for name, value in raw.items()
        }
    return raw


def with_list_item_ids(stream_block, raw):
    """``raw`` stream data with an id on every list item, at any depth."""
    if isinstance(raw, str):
        raw = json.loads(raw) if raw else []
    normalised = []
    for child in raw or []:
        block = stream_block.child_blocks.get(child.get("type"))
        if block is None:
            normalised.append(child)
            continue
        normalised.append(
            {**child, "value": _normalise(block, child["value"], child.get("id"), "")}
        )
    return normalised


class TranslatableStreamBlock(blocks.StreamBlock):
    """A stream block whose stored data always gives wagtail-localize stable ids."""

    def get_prep_value(self, value):
        return with_list_item_ids(self, super().get_prep_value(value))


def _normalised_json(stream_block, raw):
    """The stored form of ``raw`` with list item ids, or ``None`` if unchanged."""
    data = json.loads(raw) if isinstance(raw, str) else raw
    if not data:
        return None
    normalised = with_list_item_ids(stream_block, data)
    if normalised == data:
        return None
    return json.dumps(normalised) if isinstance(raw, str) else normalised


def add_list_item_ids(apps, model_fields, using="default"):
    """Data migration: ids for the list items already stored, live and in revisions.

    ``model_fields`` maps ``"app_label.ModelName"`` to its StreamField names. The ids
    are the ones ``with_list_item_ids`` gives on save, so a page, its revisions and
    wagtail-localize's copy of its source agree. ``using``: the migration's database.
    """
    content_types = apps.get_model("contenttypes", "ContentType")
    revisions = apps.get_model("wagtailcore", "Revision")
    sources = apps.get_model("wagtail_localize", "TranslationSource")
    for label, names in model_fields.items():
        model = apps.get_model(label)
        stream_blocks = {
            name: model._meta.get_field(name).stream_block for name in names
        }
        for instance in model.objects.using(using).only("pk", *names).iterator():
            changed = {}
            for name, stream_block in stream_blocks.items():
                value = getattr(instance, name)
                raw = list(value.raw_data) if value is not None else []
                normalised = _normalised_json(stream_block, raw)
                if normalised is not None:
                    changed[name] = normalised
            if changed:
                model.objects.using(using).filter(pk=instance.pk).update(**changed)
        app_label, model_name = label.split(".")
        content_type = (
            content_types.objects.using(using)
            .filter(app_label=app_label, model=model_name.lower())
            .first()
        )
        if content_type is None:
            continue
        for revision in (
            revisions.objects.using(using).filter(content_type=content_type).iterator()
        ):
            if _normalise_content(stream_blocks, revision.content):
                revision.save(using=using, update_fields=["content"])
        for source in sources.objects.using(using).filter(
            specific_content_type=content_type
        ):
            content = json.loads(source.content_json)
            if _normalise_content(stream_blocks, content):
                source.content_json = json.dumps(content)
                source.save(using=using, update_fields=["content_json"])


def _normalise_content(stream_blocks, content):
    """Normalises the stream fields of serialised page ``content`` in place."""
    changed = False
    for name, stream_block in stream_blocks.items():
        if name not in content:
            continue
        normalised = _normalised_json(stream_block, content[name])
        if normalised is not None:
            content[name] = normalised
            changed = True
    return changed
