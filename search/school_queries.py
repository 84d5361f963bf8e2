"""What schools type, and the demo page each query must find in the top three.

The relevance contract of the search: the tests assert it on the real engines, hold
the database path (``make run``, and the fallback) to within ten percentage points
of the engine on it, and ``bench/search.py`` reports the hit rate on 10,000 pages.
Queries are typed in the reader's language; the slug is that language's page.
"""

from typing import NamedTuple


class SchoolQuery(NamedTuple):
    query: str
    slug: str
    language: str = "nl"


EXPECTED_TOP_3 = [
    # Names and abbreviations of the services, and misspellings of them.
    SchoolQuery("smw", "schoolmaatschappelijk-werk"),
    SchoolQuery("schoolmaatschappelijk werker", "schoolmaatschappelijk-werk"),
    SchoolQuery("schoolmaatschapelijk", "schoolmaatschappelijk-werk"),
    SchoolQuery("vroeghulp", "integrale-vroeghulp"),
    SchoolQuery("toekomstcoach", "toekomstcoach"),
    SchoolQuery("toekomst coach", "toekomstcoach"),
    SchoolQuery("gastles weerbaarheid", "gastlessen-en-cursussen"),
    # What a school sees in a pupil or a class.
    SchoolQuery("autisme", "schoolmaatschappelijk-werk"),
    SchoolQuery("lvb", "schoolmaatschappelijk-werk"),
    SchoolQuery("niet aangeboren hersenletsel", "schoolmaatschappelijk-werk"),
    SchoolQuery("adhd", "schoolmaatschappelijk-werk"),
    SchoolQuery("thuiszitter", "schoolmaatschappelijk-werk"),
    SchoolQuery("verzuim", "schoolmaatschappelijk-werk"),
    SchoolQuery("gedrag", "schoolmaatschappelijk-werk"),
    SchoolQuery("dyslexie", "meedoen-in-het-onderwijs"),
    SchoolQuery("passend onderwijs", "meedoen-in-het-onderwijs"),
    SchoolQuery("ondersteuningsplan", "meedoen-in-het-onderwijs"),
    SchoolQuery("peuter", "integrale-vroeghulp"),
    SchoolQuery("ontwikkelingsachterstand", "integrale-vroeghulp"),
    SchoolQuery("jonge kinderen", "integrale-vroeghulp"),
    SchoolQuery("mediawijsheid", "gastlessen-en-cursussen"),
    SchoolQuery("pesten", "gastlessen-en-cursussen"),
    SchoolQuery("seksualiteit en relaties", "gastlessen-en-cursussen"),
    SchoolQuery("stage", "toekomstcoach"),
    SchoolQuery("schooluitval", "toekomstcoach"),
    SchoolQuery("toekomstplan", "toekomstcoach"),
    # The English site.
    SchoolQuery("school social work", "school-social-work", "en"),
    SchoolQuery("autism", "school-social-work", "en"),
    SchoolQuery("dyslexia", "taking-part-in-education", "en"),
    SchoolQuery("early intervention", "integrated-early-intervention", "en"),
    SchoolQuery("bullying", "guest-lessons-and-courses", "en"),
    SchoolQuery("work placement", "future-coach", "en"),
]
