"""Tokens the API's login issues: Wagtail's API tokens with a lifetime and a scope."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken


class LoginToken(models.Model):
    class Scope(models.TextChoices):
        EDIT = "edit", _("Read and write, with the user's permissions")
        READ = "read", _("Read only")

    token = models.OneToOneField(
        APIToken,
        on_delete=models.CASCADE,
        related_name="login",
        verbose_name=_("API token"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.EDIT
    )

    class Meta:
        verbose_name = _("login token")
        verbose_name_plural = _("login tokens")

    def __str__(self):
        return str(self.token)

    @property
    def expired(self):
        return self.expires_at <= timezone.now()
