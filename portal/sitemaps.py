from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from core.translations import without_untranslated_aliases


class TranslatedSitemap(Sitemap):
    """Every language's pages, each listing its translations as hreflang alternates.

    Wagtail's own sitemap lists the default site's root tree only, which is the Dutch
    one. Synchronised aliases are left out: they repeat the Dutch text.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        query = Q()
        for tree in Page.objects.filter(translation_key=root.translation_key):
            query |= Q(path__startswith=tree.path)
        return (
            without_untranslated_aliases(Page.objects.filter(query).live().public())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        urls = []
        by_key = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            for info in item.get_sitemap_urls(self.request):
                url = {**info, "lang_code": languages[item.locale_id]}
                urls.append(url)
                by_key[item.translation_key].append(url)
        for group in by_key.values():
            if len(group) > 1:
                alternates = [
                    {"lang_code": url["lang_code"], "location": url["location"]}
                    for url in group
                ]
                for url in group:
                    url["alternates"] = alternates
        lastmods = {url.get("lastmod") for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
