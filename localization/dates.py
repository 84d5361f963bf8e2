"""The dates in the translation editor's segment comments, in the admin's language.

wagtail-localize formats them with ``strftime``, which names the month in the
server's C locale: the Dutch admin read "Handmatig vertaald op 30 November 2026".
Django's date formatting names it in the active language ("30 november 2026").
The sentences are wagtail-localize's own, so its catalogue still translates them.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from wagtail_localize.models import StringTranslation


def get_comment(self):
    date = date_format(localtime(self.updated_at), "j F Y")
    if self.tool_name:
        return gettext("Translated with {tool_name} on {date}").format(
            tool_name=self.tool_name, date=date
        )
    if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
        return gettext("Translated manually on {date}").format(date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
        return gettext("Machine translated on {date}").format(date=date)
    return None


def connect():
    StringTranslation.get_comment = get_comment
