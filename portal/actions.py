"""Page actions the portal registers in place of Wagtail's defaults."""

from django.utils.translation import gettext as _
from wagtail.actions.revert_to_page_revision import (
    RevertToPageRevisionAction,
    RevertToPageRevisionPermissionError,
)


class LockRespectingRevertAction(RevertToPageRevisionAction):
    """Reverting to an earlier revision, refused while the page is locked to the user.

    Wagtail's own revert checks edit permission only. A page in moderation is locked
    to its editors (the workflow lock), so they cannot edit the draft under review;
    but through API v3's ``actions/revert/`` an editor could still replace it with any
    earlier, never reviewed revision, and approving the task publishes the latest
    revision: that one. This closes the gap for every caller of the action registry.
    """

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if (
            self.user
            and not skip_permission_checks
            and self.instance.permissions_for_user(self.user).page_locked()
        ):
            raise RevertToPageRevisionPermissionError(
                _("This page is locked, so it cannot be reverted.")
            )
