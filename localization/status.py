"""Which translations are missing or behind their Dutch source.

wagtail-localize records when it last read a source (``TranslationSource``); a
source published after that has changes its translations do not have yet. The
queries are per model and per locale, not per page, so the report stays quick with
thousands of pages.
"""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from core.translations import is_untranslated_alias, translatable_snippet_models


class Status:
    MISSING = "missing"
    NOT_TRANSLATED = "not-translated"
    OUTDATED = "outdated"
    INCOMPLETE = "incomplete"
    UNPUBLISHED = "unpublished"

    LABELS = {
        MISSING: _("Missing"),
        NOT_TRANSLATED: _("Not translated, shows the source text"),
        OUTDATED: _("Source changed since the last translation"),
        INCOMPLETE: _("Some texts are not translated yet"),
        UNPUBLISHED: _("Translation not published yet"),
    }


@dataclass
class Row:
    locale: Locale
    kind: str
    title: str
    status: str
    source_updated_at: object
    action_url: str
    action_label: str

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def language(self):
        return self.locale.get_display_name()


def _sources(content_types, keys):
    """The wagtail-localize source of each object, by translation key."""
    return {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, specific_content_type__in=content_types
        ).only("id", "object_id", "last_updated_at", "content_json")
    }


def untranslated_counts(sources, locale):
    """How many texts of each source have no translation into ``locale`` yet."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=locale,
        has_error=False,
    )
    return dict(
        StringSegment.objects.filter(source__in=sources)
        .exclude(Exists(translated))
        .values("source_id")
        .annotate(count=Count("id"))
        .values_list("source_id", "count")
    )


def page_rows(source_locale, locale):
    pages = list(
        Page.objects.filter(locale=source_locale, depth__gt=1)
        .live()
        .only("id", "title", "translation_key", "last_published_at", "content_type")
        .order_by("path")
    )
    keys = [page.translation_key for page in pages]
    targets = {
        page.translation_key: page
        for page in Page.objects.filter(locale=locale, translation_key__in=keys)
        .select_related("alias_of")
        .only(
            "id",
            "translation_key",
            "alias_of__locale_id",
            "has_unpublished_changes",
            "last_published_at",
        )
    }
    sources = _sources(
        ContentType.objects.filter(pk__in={page.content_type_id for page in pages}),
        keys,
    )
    untranslated = untranslated_counts(sources.values(), locale)
    for page in pages:
        target = targets.get(page.translation_key)
        source = sources.get(page.translation_key)
        status, url, label = _page_status(
            page, target, source, untranslated.get(source.pk) if source else 0
        )
        if status:
            yield Row(
                locale,
                _("Page"),
                page.title,
                status,
                page.last_published_at,
                url,
                label,
            )


def _page_status(page, target, source, untranslated):
    untranslated_status = None
    if target is None:
        untranslated_status = Status.MISSING
    elif is_untranslated_alias(target):
        untranslated_status = Status.NOT_TRANSLATED
    if untranslated_status:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        return untranslated_status, url, _("Translate")
    read_at = source.last_updated_at if source else target.last_published_at
    if page.last_published_at and read_at and page.last_published_at > read_at:
        if source:
            url = reverse("wagtail_localize:update_translations", args=[source.pk])
        else:
            url = reverse("wagtailadmin_pages:edit", args=[target.pk])
        return Status.OUTDATED, url, _("Sync translation")
    if untranslated:
        return (
            Status.INCOMPLETE,
            reverse("wagtailadmin_pages:edit", args=[target.pk]),
            _("Translate"),
        )
    if target.has_unpublished_changes:
        return (
            Status.UNPUBLISHED,
            reverse("wagtailadmin_pages:edit", args=[target.pk]),
            _("Review the translation"),
        )
    return None, "", ""


def _content(instance):
    return json.loads(
        json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    )


def snippet_rows(source_locale, locale):
    """Labels have no publication date: a source whose content differs from what
    wagtail-localize last read is out of date."""
    for model in translatable_snippet_models():
        items = list(model.objects.filter(locale=source_locale))
        keys = [item.translation_key for item in items]
        translated = set(
            model.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "translation_key", flat=True
            )
        )
        sources = _sources([ContentType.objects.get_for_model(model)], keys)
        untranslated = untranslated_counts(sources.values(), locale)
        kind = capfirst(model._meta.verbose_name)
        for item in items:
            source = sources.get(item.translation_key)
            if item.translation_key not in translated:
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[model._meta.app_label, model._meta.model_name, item.pk],
                )
                yield Row(
                    locale, kind, item.name, Status.MISSING, None, url, _("Translate")
                )
            elif source and json.loads(source.content_json) != _content(item):
                url = reverse("wagtail_localize:update_translations", args=[source.pk])
                yield Row(
                    locale,
                    kind,
                    item.name,
                    Status.OUTDATED,
                    None,
                    url,
                    _("Sync translation"),
                )
            elif source and untranslated.get(source.pk):
                translated_item = item.get_translation(locale)
                url = reverse(
                    model.snippet_viewset.get_url_name("edit"),
                    args=[translated_item.pk],
                )
                yield Row(
                    locale,
                    kind,
                    item.name,
                    Status.INCOMPLETE,
                    None,
                    url,
                    _("Translate"),
                )


def translation_rows(language_code=None):
    """Every page and label whose translation needs work, per target locale."""
    source_locale = Locale.get_default()
    locales = Locale.objects.exclude(pk=source_locale.pk).order_by("language_code")
    if language_code:
        locales = locales.filter(language_code=language_code)
    rows = []
    for locale in locales:
        rows.extend(page_rows(source_locale, locale))
        rows.extend(snippet_rows(source_locale, locale))
    return rows
