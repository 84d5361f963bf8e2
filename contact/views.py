"""The contact form page and its thank-you page.

``receive`` takes a posted form to a stored request; the JSON API calls it too.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django_ratelimit.core import get_usage

from offices.models import Municipality

from .forms import ContactPageForm, SpamError, services_of
from .mail import enqueue_delivery
from .models import ContactRequest

logger = logging.getLogger(__name__)
THANKS_SALT = "contact.thanks"
THANKS_MAX_AGE = 60 * 60


def rate_usage(request, count=False):
    """This address's tally of stored requests in the current window, or None when
    rate limiting is off; ``count`` adds the request about to be stored.

    Only stored requests count, so that a school correcting its mistakes, or sending
    again after a refusal, is never locked out. ``time_left`` is the number of
    seconds until the window ends and the tally starts again.
    """
    return get_usage(
        request,
        group="contact-form",
        key="ip",
        rate=settings.PORTAL_CONTACT_RATE_LIMIT,
        method="POST",
        increment=count,
    )


def submit(form):
    """Saves a valid form's request and queues its mail (for HTML and API alike)."""
    contact_request = form.save()
    enqueue_delivery(contact_request)
    return contact_request


class Refused(Exception):
    """A send that is not taken: ``reason`` is "rate_limited" or "automated".

    ``retry_after`` is the number of seconds to wait, for the Retry-After header.
    """

    def __init__(self, reason, status, retry_after=None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after

    @classmethod
    def rate_limited(cls, usage):
        return cls("rate_limited", 429, retry_after=max(usage["time_left"], 1))

    def headers(self):
        if self.retry_after is None:
            return {}
        return {"Retry-After": str(self.retry_after)}


def form_options(page):
    """The ContactForm arguments of a contact page: its locale and fallback office."""
    return {"locale": page.locale, "fallback_office": page.fallback_office}


def page_form_options(page, request):
    """The ContactPageForm arguments: those of ContactForm and where its boxes
    look up their suggestions."""
    url = page.get_url(request)
    return {
        **form_options(page),
        "suggestions_urls": {
            name: url + page.reverse_subpage("suggestions", args=[name])
            for name in ContactPageForm.SUGGESTED
        },
    }


def receive(request, form):
    """A posted form from rate limit to stored request, for the HTML page and the API.

    Returns the stored request, or None when the form has errors (in ``form.errors``);
    raises Refused for the rate limit and for sends that look automated.
    """
    usage = rate_usage(request)
    if usage and usage["count"] >= usage["limit"]:
        raise Refused.rate_limited(usage)
    if not form.is_valid():
        return None
    try:
        form.check_spam()
    except SpamError as reason:
        logger.info("Contact form refused as automated: %s", reason)
        raise Refused("automated", 400) from None
    usage = rate_usage(request, count=True)
    if usage and usage["should_limit"]:  # another send from this address came first
        raise Refused.rate_limited(usage)
    return submit(form)


def refused(request, page, form_kwargs, refusal):
    """The form again, filled in as sent (nothing is lost), with the reason on top."""
    form = ContactPageForm(initial=request.POST.dict(), **form_kwargs)
    return TemplateResponse(
        request,
        "contact/contact_form_page.html",
        {"page": page, "form": form, refusal.reason: True},
        status=refusal.status,
        headers=refusal.headers(),
    )


def contact_form(request, page):
    status = 200
    form_kwargs = page_form_options(page, request)
    if request.method == "POST":
        form = ContactPageForm(request.POST, **form_kwargs)
        try:
            contact_request = receive(request, form)
        except Refused as refusal:
            return refused(request, page, form_kwargs, refusal)
        if contact_request is not None:
            token = signing.dumps(contact_request.pk, salt=THANKS_SALT)
            thanks_url = page.get_url(request) + page.reverse_subpage("thanks")
            return redirect(f"{thanks_url}?{urlencode({'request': token})}")
        status = 400
    else:
        form = ContactPageForm(
            initial={"service": request.GET.get("service")}, **form_kwargs
        )
    return TemplateResponse(
        request,
        "contact/contact_form_page.html",
        {"page": page, "form": form},
        status=status,
    )


def thanks(request, page, token):
    try:
        pk = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        contact_request = ContactRequest.objects.select_related("office").get(pk=pk)
    except (signing.BadSignature, ContactRequest.DoesNotExist):
        raise Http404 from None
    office = contact_request.office.localized
    return TemplateResponse(
        request,
        "contact/contact_form_page_thanks.html",
        {"page": page, "office": office, "reference": contact_request.reference},
    )


SUGGESTIONS = 10


def suggestions(request, page, field):
    """``{"suggestions": [...]}``: up to ten municipalities (``{name, code}``) or
    service titles (in the page's language) containing ``?q=``, those starting
    with it first."""
    query = " ".join(request.GET.get("q", "").split())[:80]
    if field == "municipality":
        names = Municipality.objects.values_list("name", flat=True)
        lookup = "name"
    elif field == "service":
        names = services_of(page.locale).values_list("title", flat=True)
        lookup = "title"
    else:
        raise Http404
    found = []
    if query:
        starting = list(names.filter(**{f"{lookup}__istartswith": query})[:SUGGESTIONS])
        containing = names.filter(**{f"{lookup}__icontains": query}).exclude(
            **{f"{lookup}__in": starting}
        )
        found = starting + list(containing[: SUGGESTIONS - len(starting)])
    if field == "municipality":
        # With their codes, for the live routing's lookup of the chosen one.
        codes = dict(
            Municipality.objects.filter(name__in=found).values_list("name", "code")
        )
        found = [{"name": name, "code": codes[name]} for name in found]
    return JsonResponse({"suggestions": found})
