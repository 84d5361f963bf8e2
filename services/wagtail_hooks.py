from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.chooser import BrowseView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MeasureIndexPage, SchoolType, TargetGroup, Theme


class MeasureBrowseView(BrowseView):
    """Wagtail's page chooser, opening at the measures of the service's language.

    Without a parent it would start at the common ancestor of all measures: the root.
    """

    def get(self, request, language_code, parent_page_id=None):
        if parent_page_id is None:
            index = MeasureIndexPage.objects.filter(
                locale__language_code=language_code
            ).first()
            parent_page_id = index.pk if index else None
        return super().get(request, parent_page_id)


@hooks.register("register_admin_urls")
def register_measure_chooser_urls():
    view = MeasureBrowseView.as_view()
    return [
        path(
            "choose-measure/<str:language_code>/",
            view,
            name="services_choose_measure",
        ),
        path(
            "choose-measure/<str:language_code>/<int:parent_page_id>/",
            view,
            name="services_choose_measure_child",
        ),
    ]


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
