"""School language for the database search path: what a query's words stand for.

The engine analyses text itself (stemming, synonyms, n-grams, fuzziness). Wagtail's
database backend matches whole words only, so the portal does the same work on the
query instead: each word (or run of words) of the query becomes a *slot* of
alternatives, all of them words that really occur in the indexed pages:

- the word itself, folded (``cliënt`` = ``client``);
- every indexed word with the same Snowball stem (Dutch or English);
- the synonyms of ``search/synonyms/nl.txt`` (the same file the engine reads);
- compounds: adjacent query words written as one (``toekomst coach`` ->
  ``toekomstcoach``) and indexed words the query word is a part of (``hulp`` ->
  ``vroeghulp``, ``school`` -> ``schoolmaatschappelijk``);
- typo corrections against the vocabulary of indexed words, with the engine's
  fuzziness (``AUTO``: one edit from 3 letters, two from 6; first two letters
  right), which are also offered to the reader ("Did you mean: …?").

The vocabulary is read from the database backend's index entries, per locale, and
rebuilt when a page of that locale is published, unpublished or deleted.
"""

import re
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import snowballstemmer
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, TextField
from django.db.models.functions import Cast
from wagtail.models import Page

from core.versions import PerVersion
from search.backends import read_synonyms

# Lucene's stop lists, which the engine's `_dutch_` and `_english_` filters use.
STOP_WORDS = {
    "nl": frozenset(
        [
            "de",
            "en",
            "van",
            "ik",
            "te",
            "dat",
            "die",
            "in",
            "een",
            "hij",
            "het",
            "niet",
            "zijn",
            "is",
            "was",
            "op",
            "aan",
            "met",
            "als",
            "voor",
            "had",
            "er",
            "maar",
            "om",
            "hem",
            "dan",
            "zou",
            "of",
            "wat",
            "mijn",
            "men",
            "dit",
            "zo",
            "door",
            "over",
            "ze",
            "zich",
            "bij",
            "ook",
            "tot",
            "je",
            "mij",
            "uit",
            "der",
            "daar",
            "haar",
            "naar",
            "heb",
            "hoe",
            "heeft",
            "hebben",
            "deze",
            "u",
            "want",
            "nog",
            "zal",
            "me",
            "zij",
            "nu",
            "ge",
            "geen",
            "omdat",
            "iets",
            "worden",
            "toch",
            "al",
            "waren",
            "veel",
            "meer",
            "doen",
            "toen",
            "moet",
            "ben",
            "zonder",
            "kan",
            "hun",
            "dus",
            "alles",
            "onder",
            "ja",
            "eens",
            "hier",
            "wie",
            "werd",
            "altijd",
            "doch",
            "wordt",
            "wezen",
            "kunnen",
            "ons",
            "zelf",
            "tegen",
            "na",
            "reeds",
            "wil",
            "kon",
            "niets",
            "uw",
            "iemand",
            "geweest",
            "andere",
        ]
    ),
    "en": frozenset(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "but",
            "by",
            "for",
            "if",
            "in",
            "into",
            "is",
            "it",
            "no",
            "not",
            "of",
            "on",
            "or",
            "such",
            "that",
            "the",
            "their",
            "then",
            "there",
            "these",
            "they",
            "this",
            "to",
            "was",
            "will",
            "with",
        ]
    ),
}
STEMMERS = {"nl": "dutch", "en": "english"}
# Shorter words are not looked for inside compounds: "werk" is, "op" is not.
MIN_PART = 4
# The most frequent compounds a part expands to; more only slows the query down.
MAX_COMPOUNDS = 12
WORD = re.compile(r"\w+")

# How much an alternative counts when ranking: the word as typed, then its forms
# and synonyms, then compounds and typo corrections (the engine's order, too).
EXACT, FORM, PART = 1.0, 0.8, 0.4


def fold(text):
    """Lowercase without diacritics, as SQLite's FTS tokenizer and the engine fold."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD.findall(fold(text))


def language_of(locale):
    return locale.language_code if locale.language_code in STEMMERS else "nl"


@cache
def stemmer(language):
    return snowballstemmer.stemmer(STEMMERS[language])


def stem(word, language):
    return stemmer(language).stemWord(word)


def edit_distance(a, b, limit):
    """Optimal-string-alignment distance of ``a`` and ``b``; ``limit + 1`` when
    it is larger than ``limit`` (a transposition counts as one edit, as in the
    engine's fuzzy queries)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and ca == b[j - 2]
                and a[i - 2] == cb
            ):
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def fuzziness(word):
    """The engine's ``AUTO``: no edit below 3 letters, one up to 5, two from 6."""
    return 0 if len(word) < 3 else 1 if len(word) < 6 else 2


@dataclass
class Vocabulary:
    """The words of a locale's indexed pages, with how often each occurs."""

    counts: Counter = field(default_factory=Counter)
    # Folded word -> how the pages write it with diacritics ("cliëntondersteuning"):
    # PostgreSQL's index keeps diacritics, so the query must name those too.
    accented: dict = field(default_factory=dict)
    _stemmed: set = field(default_factory=set)

    def __post_init__(self):
        self.by_stem = defaultdict(set)
        self.by_start = defaultdict(list)
        for word in self.counts:
            if not word.isdigit():
                self.by_start[word[:2]].append(word)

    def index_stems(self, language):
        if language not in self._stemmed:
            for word in self.counts:
                self.by_stem[(language, stem(word, language))].add(word)
            self._stemmed.add(language)

    def __contains__(self, word):
        return word in self.counts

    def spellings(self, word):
        """``word`` and the ways the pages write it with diacritics."""
        return [word, *sorted(self.accented.get(word, ()))]

    def forms(self, word, language):
        """Indexed words with the stem of ``word``."""
        self.index_stems(language)
        return self.by_stem.get((language, stem(word, language)), set())

    def compounds(self, part):
        """Indexed words that ``part`` begins or ends, most frequent first."""
        if len(part) < MIN_PART:
            return []
        found = [
            word
            for word in self.counts
            if word != part
            and len(word) > len(part)
            and (word.startswith(part) or word.endswith(part))
        ]
        found.sort(key=lambda word: (-self.counts[word], word))
        return found[:MAX_COMPOUNDS]

    def correction(self, word):
        """The indexed word closest to an unknown ``word``, or None."""
        if word in self.counts or word.isdigit():
            return None
        limit = fuzziness(word)
        best = None
        for candidate in self.by_start.get(word[:2], ()):
            distance = edit_distance(word, candidate, limit)
            if distance <= limit:
                rank = (distance, -self.counts[candidate], candidate)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None


class Synonyms:
    """The equivalence groups of the synonyms file, as folded word tuples."""

    def __init__(self, lines):
        self.groups = defaultdict(set)
        for line in lines:
            members = {tuple(words(member)) for member in line.split(",")}
            members.discard(())
            for member in members:
                self.groups[member] |= members
        self.longest = max((len(member) for member in self.groups), default=0)

    def at(self, tokens, start):
        """The longest synonym entry starting at ``tokens[start]``: (length, group)."""
        for length in range(min(self.longest, len(tokens) - start), 0, -1):
            group = self.groups.get(tuple(tokens[start : start + length]))
            if group:
                return length, group
        return 0, set()


@dataclass
class Slot:
    """One word or run of words of the query and everything it may match.

    ``alternatives`` maps a tuple of indexed words (all must occur) to its weight.
    """

    typed: tuple
    alternatives: dict = field(default_factory=dict)
    correction: str = ""
    # No page has the word or a form of it: a typo, or a word the site lacks.
    unknown: bool = False

    def add(self, alternative, weight):
        alternative = tuple(alternative)
        if alternative and weight > self.alternatives.get(alternative, 0):
            self.alternatives[alternative] = weight


@dataclass
class Analysis:
    slots: list
    # The query with every unknown word replaced by its correction; "" if none.
    suggestion: str = ""
    vocabulary: Vocabulary = None

    @property
    def all_known(self):
        """Whether the pages hold every word (or a form or synonym of it)."""
        return not any(slot.unknown for slot in self.slots)


def expand_word(slot, word, vocabulary, language, weight):
    slot.add((word,), weight)
    for form in vocabulary.forms(word, language):
        slot.add((form,), weight * FORM)
    for compound in vocabulary.compounds(word):
        slot.add((compound,), weight * PART)


def analyse(query, language, vocabulary, synonyms):
    """The slots of ``query`` and its spelling suggestion."""
    tokens = words(query)
    stop = STOP_WORDS[language]
    slots, corrected, changed = [], [], False
    position = 0
    while position < len(tokens):
        length, group = synonyms.at(tokens, position)
        joined = "".join(tokens[position : position + 2])
        if not length and position + 1 < len(tokens) and joined in vocabulary:
            # Two words that the pages write as one: "toekomst coach".
            slot = Slot(typed=tuple(tokens[position : position + 2]))
            slot.add(slot.typed, EXACT)
            expand_word(slot, joined, vocabulary, language, EXACT)
            _, joined_group = synonyms.at([joined], 0)
            for member in joined_group:
                slot.add(member, FORM)
            slots.append(slot)
            corrected.extend(slot.typed)
            position += 2
            continue
        if length:
            slot = Slot(typed=tuple(tokens[position : position + length]))
            for member in group:
                slot.add(member, EXACT if member == slot.typed else FORM)
                if len(member) == 1:
                    for form in vocabulary.forms(member[0], language):
                        slot.add((form,), FORM * FORM)
            slots.append(slot)
            corrected.extend(slot.typed)
            position += length
            continue
        word = tokens[position]
        position += 1
        if word in stop:
            corrected.append(word)
            continue
        slot = Slot(typed=(word,))
        expand_word(slot, word, vocabulary, language, EXACT)
        if word not in vocabulary and not vocabulary.forms(word, language):
            slot.unknown = True
            correction = vocabulary.correction(word)
            if correction:
                slot.correction = correction
                changed = True
                expand_word(slot, correction, vocabulary, language, PART)
                _, correction_group = synonyms.at([correction], 0)
                for member in correction_group:
                    slot.add(member, PART)
        corrected.append(slot.correction or word)
        slots.append(slot)
    suggestion = " ".join(corrected) if changed else ""
    return Analysis(slots=slots, suggestion=suggestion, vocabulary=vocabulary)


# The vocabulary of indexed words -------------------------------------------------

_vocabularies = {}
_checked = PerVersion()
_lock = threading.Lock()


def _index_texts(pages):
    """Title and body text of the database backend's index entries of ``pages``."""
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = get_app_config().get_model("IndexEntry")

    # PostgreSQL keeps the text beside its tsvectors; SQLite and MySQL keep text.
    text_fields = (
        ("title_text", "body_text")
        if connection.vendor == "postgresql"
        else ("title", "body")
    )
    entries = IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(Page),
        object_id__in=pages.annotate(text_pk=Cast("pk", TextField())).values("text_pk"),
    )
    return entries.values_list(*text_fields).iterator(chunk_size=2000)


def _fingerprint(pages):
    return tuple(
        pages.aggregate(
            count=Count("pk"),
            published=Max("last_published_at"),
            revised=Max("latest_revision_created_at"),
        ).values()
    )


def vocabulary(locale):
    """The vocabulary of ``locale``'s live pages, rebuilt when they changed.

    Whether they changed is asked once per content version, not on every search.
    """
    key = (connection.alias, connection.settings_dict.get("NAME"), locale.pk)
    return _checked.get(key, lambda: _current_vocabulary(key, locale))


def _current_vocabulary(key, locale):
    pages = Page.objects.live().filter(locale=locale)
    fingerprint = _fingerprint(pages)
    known = _vocabularies.get(key)
    if known and known[0] == fingerprint:
        return known[1]
    with _lock:
        # Written forms are counted first and each distinct one folded once: a
        # large site has millions of words but only tens of thousands of forms.
        written_counts = Counter()
        for title, body in _index_texts(pages):
            written_counts.update(WORD.findall(f"{title or ''} {body or ''}".lower()))
        counts, accented = Counter(), defaultdict(set)
        for written, count in written_counts.items():
            folded = fold(written)
            counts[folded] += count
            if folded != written:
                accented[folded].add(written)
        built = Vocabulary(counts, dict(accented))
        _vocabularies[key] = (fingerprint, built)
    return built


def forget_vocabularies():
    _vocabularies.clear()
    _checked.clear()


@cache
def _synonyms(path, modified):
    return Synonyms(read_synonyms(path))


def synonyms():
    """The synonyms file's groups, read again when the file changed."""
    path = Path(settings.PORTAL_SEARCH_SYNONYMS)
    return _synonyms(str(path), path.stat().st_mtime_ns)
