from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import SchoolType, TargetGroup, Theme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"
    menu_order = 100


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_order = 110


class SchoolTypeViewSet(TaxonomyViewSet):
    model = SchoolType
    icon = "home"
    menu_order = 120


class ClassificationViewSetGroup(SnippetViewSetGroup):
    items = (TargetGroupViewSet, ThemeViewSet, SchoolTypeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Classification")
    menu_name = "classification"
    menu_order = 300


register_snippet(ClassificationViewSetGroup)
