"""Tasks queued while content is built all run: none refers to a vanished row.

Production queues tasks in the database (django-tasks' DatabaseBackend) and the worker
runs them after the transaction that queued them; the suite otherwise runs them at
once, which would hide a task whose row is gone by the time a worker gets to it.
"""

import pytest
from django.apps import apps
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, ReferenceIndex

from contact.models import ContactFormPage
from home.models import HomePage
from services.models import MeasurePage, ServicePage, TargetGroup

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def vanished_rows(results):
    """The (task, model, pk) of queued tasks whose row no longer exists."""
    vanished = []
    for result in results:
        args = result.args_kwargs["args"]
        if result.task_path.endswith("_object_task") or result.task_path.endswith(
            "update_reference_index_task"
        ):
            app_label, model_name, pk = args
            model = apps.get_model(app_label, model_name)
            if not model._base_manager.filter(pk=pk).exists():
                vanished.append((result.task_path, model_name, pk))
    return vanished


def run_queued_tasks():
    """Runs the queued tasks in order, as the worker does; returns the failures.

    Not ``db_worker`` itself: it closes the database connection between tasks, which
    would end the test's transaction.
    """
    failed = []
    for result in DBTaskResult.objects.order_by("enqueued_at"):
        args_kwargs = result.args_kwargs
        try:
            result.task.call(*args_kwargs["args"], **args_kwargs["kwargs"])
        except Exception as error:
            failed.append((result.task_path, args_kwargs["args"], repr(error)))
    return failed


def test_the_tasks_queued_by_loading_the_demo_all_succeed(demo_site, settings):
    settings.TASKS = DATABASE_TASKS
    # As on a fresh installation: the loader builds the Dutch site, makes the English
    # aliases and turns them into translations, all in one transaction.
    for page in [*ContactFormPage.objects.all(), *HomePage.objects.all()]:
        page.delete()
    TargetGroup.objects.all().delete()
    DBTaskResult.objects.all().delete()
    call_command("load_demo_content")

    queued = DBTaskResult.objects.all()
    assert queued.filter(task_path__endswith="update_reference_index_task").exists()
    assert vanished_rows(queued) == []

    assert run_queued_tasks() == []

    # The references of the inline measure links are still recorded, under the
    # (translated) service page: its measure's "Usage" lists it.
    english_service = ServicePage.objects.get(
        slug="toekomstcoach", locale__language_code="nl"
    ).get_translation(Locale.objects.get(language_code="en"))
    measure = english_service.measure_links.first().measure
    assert isinstance(measure, MeasurePage) and measure.locale.language_code == "en"
    usage = ReferenceIndex.get_references_to(measure)
    assert (
        usage.filter(object_id=str(english_service.pk))
        .filter(model_path="measure_links.item.measure")
        .exists()
    )
