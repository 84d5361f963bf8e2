"""Search benchmark: the engine against the database backend on generated content.

Run from the repository root::

    .venv/bin/python bench/search.py

It builds the demo site plus ``BENCH_PAGES`` generated pages (default 10,000, half
services, half articles, from ``portal.demo.generate_pages``), then prints:

- the full rebuild time of the engine's indexes (``update_index``, alias swap) and of
  the database backend's index;
- p50/p95 latency of ``search.query.search_pages`` (with facets and highlights) and of
  ``search.query.autocomplete`` on the engine and on the database backend, side by side;
- the top-3 hit rate of the issue's query list on both;
- the build time of the database path's word list (``search.analysis.vocabulary``:
  the indexed words of a locale, rebuilt after each publication in that locale).

Services: by default it starts its own PostgreSQL and OpenSearch with the project's
scripts (``scripts/postgres``, ``scripts/opensearch``) and stops them at the end;
with ``PORTAL_SEARCH_ENGINE=elasticsearch`` it starts Elasticsearch instead
(``scripts/elasticsearch``, backend ``elasticsearch8``). To
use running ones, set ``DATABASE_URL`` (an empty, throw-away PostgreSQL database: the
benchmark migrates it and adds pages) and ``PORTAL_SEARCH_URL`` (with
``PORTAL_SEARCH_BACKEND``, default ``opensearch2``). Its indexes are prefixed
``bench_``. Timings are printed, never asserted. Takes several minutes on 2 cores.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.school_queries import EXPECTED_TOP_3  # noqa: E402 - needs the path above

PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))

MORE_QUERIES = [
    "hulp bij autisme in de klas",
    "ondersteuning",
    "kwetsbare leerlingen",
    "jongeren werk",
    "ouders",
    "school",
]
# PORTAL_SEARCH_ENGINE: the start script folder and the backend for that engine.
ENGINES = {
    "opensearch": ("opensearch", "opensearch2"),
    "elasticsearch": ("elasticsearch", "elasticsearch8"),
}
PREFIXES = ["vroe", "toek", "scho", "gast", "medi", "kwet", "onder", "jong"]


def start_services(stack):
    """Starts PostgreSQL and OpenSearch unless the environment names running ones."""
    state = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    scripts = REPO / "scripts"
    if not os.environ.get("DATABASE_URL"):
        env = {**os.environ, "POSTGRES_STATE": str(state / "postgres.state")}
        # The project's own start scripts, by absolute path.
        os.environ["DATABASE_URL"] = subprocess.check_output(
            [scripts / "postgres" / "start.sh"], env=env, text=True
        ).strip()
        stack.callback(subprocess.run, [scripts / "postgres" / "stop.sh"], env=env)
    if not os.environ.get("PORTAL_SEARCH_URL"):
        engine, backend = ENGINES[os.environ.get("PORTAL_SEARCH_ENGINE", "opensearch")]
        env = {**os.environ, f"{engine.upper()}_STATE": str(state / "engine.state")}
        os.environ["PORTAL_SEARCH_URL"] = subprocess.check_output(
            [scripts / engine / "start.sh"], env=env, text=True
        ).strip()
        os.environ["PORTAL_SEARCH_BACKEND"] = backend
        stack.callback(subprocess.run, [scripts / engine / "stop.sh"], env=env)
    os.environ.setdefault("PORTAL_SEARCH_BACKEND", "opensearch2")
    os.environ["PORTAL_SEARCH_INDEX_PREFIX"] = "bench_"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"


def percentiles(samples):
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def measure(locale):
    """Times on ``locale`` (Dutch); the school queries each in their own language."""
    from wagtail.models import Locale

    from search.query import autocomplete, search_pages

    locales = {each.language_code: each for each in Locale.objects.all()}
    queries = [(query, locales[language]) for query, _, language in EXPECTED_TOP_3]
    queries += [(query, locale) for query in MORE_QUERIES]
    search_times, autocomplete_times, top3, fallbacks = [], [], 0, 0
    for query, slug, language in EXPECTED_TOP_3:
        results = search_pages(query, locales[language], record=False)
        top3 += slug in [hit.page.slug for hit in results.hits[:3]]
    for _ in range(REPEAT):
        for query, query_locale in queries:
            seconds, results = timed(search_pages, query, query_locale, record=False)
            fallbacks += results.fallback_used
            search_times.append(seconds)
        for prefix in PREFIXES:
            seconds, _ = timed(autocomplete, prefix, locale)
            autocomplete_times.append(seconds)
    return {
        "search": percentiles(search_times),
        "autocomplete": percentiles(autocomplete_times),
        "top3": top3,
        "samples": len(search_times),
        "fallbacks": fallbacks,
    }


def main():
    with ExitStack() as stack:
        start_services(stack)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import override_settings
        from tqdm import tqdm
        from wagtail.models import Locale

        from portal import demo
        from search import analysis

        print(
            f"engine: {os.environ['PORTAL_SEARCH_BACKEND']} at "
            f"{os.environ['PORTAL_SEARCH_URL']}; pages: {PAGES:,}"
        )
        call_command("migrate", verbosity=0)
        backends = settings.WAGTAILSEARCH_BACKENDS
        # Pages are indexed by the timed rebuild below, not one by one as they are made.
        with override_settings(
            WAGTAILSEARCH_BACKENDS={
                name: {**config, "AUTO_UPDATE": False}
                for name, config in backends.items()
            }
        ):
            demo.load_site()
            started = time.perf_counter()
            demo.generate_pages(
                PAGES, progress=lambda it, total: tqdm(it, total=total, file=sys.stderr)
            )
            print(f"generated pages in {time.perf_counter() - started:.0f} s")

        rebuild = {}
        for name in ("default", "fallback"):
            seconds, _ = timed(
                call_command,
                "update_index",
                backend_name=name,
                stdout=open(os.devnull, "w"),  # noqa: SIM115
            )
            rebuild[name] = seconds
        locale = Locale.objects.get(language_code="nl")
        analysis.forget_vocabularies()
        word_list, vocabulary = timed(analysis.vocabulary, locale)
        engine = measure(locale)
        database_only = {"default": backends["fallback"]}
        with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
            database = measure(locale)

        total = len(EXPECTED_TOP_3)

        def pair(key, index):
            return f"{engine[key][index]:.0f}", f"{database[key][index]:.0f}"

        rows = [
            ("full rebuild (s)", *(f"{rebuild[n]:.1f}" for n in rebuild)),
            ("word-list build (s)", "-", f"{word_list:.2f}"),
            ("search p50 (ms)", *pair("search", 0)),
            ("search p95 (ms)", *pair("search", 1)),
            ("autocomplete p50 (ms)", *pair("autocomplete", 0)),
            ("autocomplete p95 (ms)", *pair("autocomplete", 1)),
            (
                "top-3 hit rate",
                *(
                    f"{r['top3']}/{total} ({r['top3'] / total:.0%})"
                    for r in (engine, database)
                ),
            ),
        ]
        print()
        print(f"{'':24}{'engine':>18}{'database':>18}")
        for label, left, right in rows:
            print(f"{label:24}{left:>18}{right:>18}")
        print(
            f"\n{engine['samples']} searches and {len(PREFIXES) * REPEAT} "
            "autocompletes per backend; searches include facets and highlights; "
            f"engine searches that fell back to the database: {engine['fallbacks']}."
            f"\nWord list: {len(vocabulary.counts):,} words of the "
            f"{locale.language_code} pages; the database column searches with it."
        )


if __name__ == "__main__":
    main()
