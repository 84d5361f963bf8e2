from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query


class ZeroResultQuery(models.Model):
    """How often a query found nothing, per day and language, for the editors' report.

    The query itself and its total hits live in ``search_promotions``' ``Query`` and
    ``QueryDailyHits``; this adds what Wagtail does not record.
    """

    query = models.ForeignKey(
        Query,
        verbose_name=_("query"),
        on_delete=models.CASCADE,
        related_name="zero_result_days",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "locale", "date"], name="unique_zero_result_day"
            ),
        ]

    def __str__(self):
        return str(self.query)

    @classmethod
    def add_hit(cls, query, locale, date=None):
        day, _created = cls.objects.get_or_create(
            query=query, locale=locale, date=date or timezone.now().date()
        )
        cls.objects.filter(pk=day.pk).update(hits=models.F("hits") + 1)
