from django.apps import apps
from django.db.models.signals import post_migrate


def after_migrate(function, dispatch_uid):
    """Runs ``function()`` once after ``migrate`` (and a test flush) has finished.

    post_migrate fires once per app, in app order; the permissions of all apps exist
    only when it fires for the last app with models.
    """

    def receiver(sender, **kwargs):
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        if sender is last:
            function()

    post_migrate.connect(receiver, dispatch_uid=dispatch_uid, weak=False)
