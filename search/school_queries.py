"""What schools type, and the demo service each query must find in the top three.

The relevance contract of the search: the tests assert it on the real engine and
`bench/search.py` reports the hit rate on 10,000 pages.
"""

EXPECTED_TOP_3 = [
    ("smw", "schoolmaatschappelijk-werk"),
    ("schoolmaatschappelijk werker", "schoolmaatschappelijk-werk"),
    ("autisme", "schoolmaatschappelijk-werk"),
    ("vroeghulp", "integrale-vroeghulp"),
    ("toekomstcoach", "toekomstcoach"),
    ("gastles weerbaarheid", "gastlessen-en-cursussen"),
    ("mediawijsheid", "gastlessen-en-cursussen"),
    ("lvb", "schoolmaatschappelijk-werk"),
    ("niet aangeboren hersenletsel", "schoolmaatschappelijk-werk"),
    ("toekomst coach", "toekomstcoach"),
    ("schoolmaatschapelijk", "schoolmaatschappelijk-werk"),
]
