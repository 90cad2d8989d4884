"""Which happening each date of a sentence belongs to.

A sentence often holds several happenings and a date belongs to one of them:
in "Stocks rose 2%, nearing the record set on Aug. 6" the record was set on
Aug. 6, the rise is undated; in "The ministry said on Tuesday that the envoy
left last week" the saying is Tuesday and the leaving last week. For every
date of a sentence :func:`scopes` returns the words of the happening it
dates (its *scope*), or nothing when the date dates no happening the
sentence tells:

* **adverbial** ("signed the plan on Friday", "On Friday, the council
  voted"): the date's clause, from its subject to the next clause, never
  crossing into a subordinate, relative or participial clause, a reported
  clause, or a phrase framed by "after", "as", "since" ...;
* **deadline** ("to cut 30,000 jobs by 2012"): the clause, planned with that
  bound (or "before"/"after" it);
* **nominal** ("the 2020 election", "last month's explosion", "a loss for
  the third quarter", "compared with a loss of $9 million a year ago"): the
  noun phrase the date describes, when a happening is named there (the
  predicate tagger says so); "the 11th-century temple" dates nothing;
* none: a reference point ("its first loss since 1992", "higher than a year
  earlier"), the end of a span ("in production until 2014").

The clause structure comes from the words of ``timeline/lang/<code>_attach.py``
and the predicate tagger (:mod:`timeline.predicates`). Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from types import ModuleType

from timeline.lang import module as lang_module
from timeline.model import Timex
from timeline.predicates import CLASSES, TOKEN, Tagger, lexicon, tagger, verb_lemmas

ADVERBIAL, DEADLINE, BEFORE, AFTER, NOMINAL, SINCE, UNTIL = (
    "adverbial", "deadline", "before", "after", "nominal", "since", "until")

#: Marks that end a clause whatever comes next.
_HARD = frozenset({";", ":", "(", ")", "[", "]", "--", "—", "–"})
_PARTICIPLE_ED = re.compile(r"[a-z]{2,}(?:ed|en)$")
_GERUND = re.compile(r"[a-z]{2,}ing$")
_O, _N, _V = CLASSES.index("O"), CLASSES.index("N"), CLASSES.index("V")
#: How far below "nothing" the tagger's score for "a noun naming a
#: happening" may fall for the head of a noun phrase that a date describes
#: ("the 1956 uprising", "last year's summit"): the date itself is evidence
#: of a happening. Things and people stay far below ("the 11th-century
#: temple", "a 20th-century Democrat", "the 2006 model year").
_NOUN_MARGIN = 15.0
_OPENING, _CLOSING = frozenset({"“", "``"}), frozenset({"”", "''"})
_QUOTES = _OPENING | _CLOSING | {'"'}

#: A past date after an infinitive phrase of at most this many words dates
#: the verb that governs it ("extended their offers to acquire the company
#: Friday"); after a longer one, the phrase itself.
_SHORT_INFINITIVE = 6
#: A noun phrase that a date describes without naming a happening
#: ("third-quarter loan originations", "the 11th-century temple").
_DESCRIBED = "described"
#: ... whose clause happened at that date when the phrase is its subject:
#: a day, week, month or quarter measures what was done in it ("Friday's
#: trading volume totaled ..."); a year, decade or century describes a thing
#: ("The 2006 model year ...", "the 11th-century temple collapsed").
_PERIOD_MEASURES = frozenset({"day", "week", "month", "season", "quarter", "half"})
#: "more than 1,300 pounds": a quantity, not a comparison with a date.
_QUANTITY = frozenset({"more", "less", "fewer", "rather", "other", "greater", "larger", "smaller"})
#: Dictionary entries of words that can only be verbs ("ruled", "sought").
_VERB_ONLY = frozenset({"VERB", "AUX", "AUX|VERB"})


@dataclass(frozen=True)
class Scope:
    """The words (``start``/``end`` offsets) of the happening that
    ``timex`` (an index into the article's timexes) dates, and how it dates
    it (``role``). ``shown`` are the offsets of the words a reader is shown:
    the scope with the subject it lacks and what its verb reports ("In
    mid-December it was reported that hackers stole information": the
    report is dated, the stealing is not)."""

    start: int
    end: int
    timex: int
    role: str
    shown: tuple[int, int] | None = None
    past: bool = False  # its verb tells of the past ("filed", "has filed"): done by the publication


class _Unit:
    """A word, a mark or a whole date of the sentence. ``tag`` is V N A O
    from the tagger (asked only when a rule needs it), T for a date, P for
    punctuation; ``maybe_event`` a looser test than N for a noun that could
    name a happening."""

    __slots__ = ("start", "end", "low", "timex", "kind", "lex", "_tag", "_maybe", "_sentence", "_i")

    def __init__(self, start: int, end: int, low: str, tag: str | None, timex: int | None = None,
                 sentence: "Sentence | None" = None, i: int = 0, lex: str = ""):
        self.start, self.end, self.low, self.timex = start, end, low, timex
        self.kind = tag if tag in ("T", "P") else "W"  # a date, a mark or a word: known without the tagger
        self.lex = lex  # the parts of speech English allows it
        self._tag, self._maybe, self._sentence, self._i = tag, None, sentence, i

    def _score(self) -> None:
        sc = self._sentence.tagger.scores(self._sentence.words, self._i)
        self._tag = self._tag or CLASSES[sc.index(max(sc))]  # (the first of the best, as max() picks)
        self._maybe = sc[_N] - sc[_O] > -_NOUN_MARGIN

    @property
    def tag(self) -> str:
        if self._tag is None:
            self._score()
        return self._tag

    @property
    def maybe_event(self) -> bool:
        if self._maybe is None:
            if self._sentence is None:
                return False
            self._score()
        return self._maybe


class Overlaps:
    """Spans ``(start, end, item)`` asked for the ones that overlap a span,
    without reading them all: sorted by start, with the furthest end
    reached so far (a sentence may hold hundreds of scopes)."""

    def __init__(self, spans: Sequence[tuple[int, int, object]]):
        self.spans = sorted(spans, key=lambda x: (x[0], x[1]))
        self.starts = [x[0] for x in self.spans]
        self.reach = list(accumulate((x[1] for x in self.spans), max))

    def around(self, s: int, e: int) -> list:
        """The items of the spans that overlap ``[s, e)``, last start first."""
        out = []
        j = bisect_left(self.starts, e)
        while j > 0 and self.reach[j - 1] > s:
            j -= 1
            if self.spans[j][1] > s:
                out.append(self.spans[j][2])
        return out


def _base_form(word: str) -> bool:
    """Is ``word`` a verb's dictionary form ("say"; "fell" is rather "fall")?"""
    return verb_lemmas(word) == (word,)


@lru_cache(maxsize=None)
def _lang(language: str) -> ModuleType:
    return lang_module("attach", language)


def analyze(text: str, s: int, e: int, dating: Sequence[int] = (), timexes: Sequence[Timex] = (),
            dct: dt.date | None = None, language: str = "en") -> Sentence:
    """The sentence ``text[s:e]`` read once: ask it for :meth:`~Sentence.scopes`
    (what each of its dates, ``dating`` indices into ``timexes``, dates) and
    :meth:`~Sentence.present` (its clause that speaks of the present)."""
    lang = language or "en"
    return Sentence(text, s, e, dating, timexes, dct, _lang(lang), tagger(lang))


def may_be_present(text: str, s: int, e: int, language: str = "en") -> bool:
    """Could the sentence ``text[s:e]`` hold a clause in the present tense?
    A quick look at its words before any closer reading: a present
    auxiliary ("is", "has"), or a word that could be a verb in the present
    ("says", "say") and that the tagger takes for a verb there. Most
    sentences of a news story tell the past and need no closer reading for
    this."""
    code = language or "en"
    lang, tg = _lang(code), tagger(code)
    words = TOKEN.findall(text, s, e)
    for i, word in enumerate(words):
        w = word.lower()
        if w in lang.PRESENT_AUXILIARIES or w in ("has", "have", "'s", "’s"):
            return True
        lex = lexicon(w)
        if "VERB" in lex and (w.endswith("s") and not w.endswith("ss") or _base_form(w)) \
                or not lex and w.endswith("s") and word[:1].islower():
            if lex in _VERB_ONLY:
                return True
            sc = tg.scores(words, i)
            if sc[_V] >= max(sc):
                return True
    return False


def scopes(text: str, s: int, e: int, dating: Sequence[int], timexes: Sequence[Timex],
           dct: dt.date | None = None, language: str = "en") -> list[Scope]:
    """The scope of every date of the sentence ``text[s:e]`` that dates a
    happening there; ``dating`` are the indices (into ``timexes``) of the
    sentence's dates, in text order."""
    if not dating:
        return []
    return analyze(text, s, e, dating, timexes, dct, language).scopes()


class Sentence:
    """One sentence read for :func:`analyze`: its words and dates as units."""

    def __init__(self, text: str, s: int, e: int, dating: Sequence[int], timexes: Sequence[Timex],
                 dct: dt.date | None, lang: ModuleType, tg: Tagger):
        self.text, self.lang, self.timexes, self.dct = text, lang, timexes, dct
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, s, e)]
        self.words = [t[2] for t in toks]
        self.tagger = tg
        spans = sorted((timexes[i].start, timexes[i].end, i) for i in dating)
        units: list[_Unit] = []
        k = 0
        aux, contracting = lang.AUXILIARIES, lang.CONTRACTING
        for n, (ts, te, word) in enumerate(toks):
            if spans:
                while k < len(spans) and spans[k][1] <= ts:
                    k += 1
                if k < len(spans) and spans[k][0] < te and ts < spans[k][1]:
                    ds, de, ti = spans[k]
                    if units and units[-1].timex == ti:
                        continue
                    unit = _Unit(ds, de, text[ds:de].lower(), "T", ti)
                    unit._maybe = False
                    units.append(unit)
                    continue
            low = word.lower()
            first = word[0]
            lex = ""
            if not first.isalnum() and first not in "$'’":
                tag = "P"
            else:
                lex = lexicon(low)
                if low in aux or lex in _VERB_ONLY and (first.islower() or n == 0):
                    tag = "V"  # "ruled", "sought"; not "Peter" in "Treasurer Peter Costello"
                elif low == "'s" or low == "’s":
                    tag = "V" if units and units[-1].low in contracting else "O"
                else:
                    tag = None
            units.append(_Unit(ts, te, low, tag, None, self, n, lex))
        self.units = units
        self.n = len(units)
        self.lows = [u.low for u in units]
        self._verbs: list[bool | None] = [None] * len(units)
        self.present_verbs: list[str] = []  # the verb groups :meth:`present` found

    # ------------------------------------------------------------------ word classes

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def is_verb(self, i: int) -> bool:
        if not (0 <= i < self.n):
            return False
        got = self._verbs[i]
        if got is None:
            got = self._verbs[i] = self._is_verb(i)
        return got

    def _is_verb(self, i: int) -> bool:
        unit = self.units[i]
        if unit.kind != "W":
            return False
        if i > 0 and self.units[i - 1].kind == "T" and unit.low in self.lang.PERIOD_ENDINGS:
            return False  # "the fourth quarter ended Aug. 26": part of the period's name
        lex = unit.lex
        if lex and "VERB" not in lex and "AUX" not in lex and unit._tag is None:
            return False  # a word English never uses as a verb: no need to ask the tagger
        if unit.tag != "V":
            # a participle opening an insertion: "Jobs, born in San Francisco on ..., has built"
            return (i > 0 and self.units[i - 1].low == "," and self.is_participle(i)
                    and self.low(i + 1) in self.lang.PREPOSITIONS and "VERB" in self.units[i].lex.split("|"))
        if self.units[i].low not in self.lang.AUXILIARIES:
            j = i - 1
            while j > 0 and self.units[j].low.endswith("ly"):
                j -= 1
            if j >= 0 and self.units[j].low in self.lang.DETERMINERS:
                return False  # "those worries", "the bombing", "the recently announced iPhone"
            if (i > 0 and self.units[i - 1].low in self.lang.PREPOSITIONS and _PARTICIPLE_ED.match(self.units[i].low)
                    and i + 1 < self.n and self.units[i + 1].low.isalpha() and self.units[i + 1].low.islower()
                    and self.units[i + 1].tag != "V" and self.units[i + 1].lex != ""):
                return False  # "from discontinued operations"
        return not self._nominal_gerund(i)

    def _could_be_verb(self, i: int) -> bool:
        """A word the dictionary allows as a verb, not right after a
        determiner ("the envoy left", not "the left wing")."""
        return (self.units[i].kind == "W" and "VERB" in self.units[i].lex.split("|")
                and self.low(i - 1) not in self.lang.DETERMINERS and self.low(i) not in self.lang.AUXILIARIES)

    def is_subordinator(self, i: int) -> bool:
        """A word opening a subordinate clause ("that" as a determiner,
        "revive that unit", doesn't)."""
        w = self.low(i)
        if w not in self.lang.SUBORDINATORS:
            return False
        nxt = self.units[i + 1] if i + 1 < self.n else None
        if w == "that" and nxt is not None and nxt.low not in self.lang.DETERMINERS and nxt.low not in self.lang.PRONOUNS \
                and not self.text[nxt.start:nxt.end][:1].isupper() and self.noun_like(i + 1) and not self.is_verb(i + 1):
            end = self.np_end(i + 1)
            return self.is_verb(self._skip_adverbs(end))
        return True

    def _filler(self, i: int) -> bool:
        return self.low(i) in self.lang.VERB_GROUP_FILLERS or self.low(i).endswith("ly") and self.is_word(i)

    def _skip_adverbs(self, i: int) -> int:
        while i < self.n and self._filler(i):
            i += 1
        return i

    def _nominal_gerund(self, i: int) -> bool:
        """An -ing form used as a noun: after a modifier and before no object
        ("in over-the-counter trading yesterday", "composite trading Friday")."""
        if not _GERUND.match(self.units[i].low) or i == 0:
            return False
        before, after = self.units[i - 1], self.low(i + 1)
        if before.kind != "W" or before.low in self.lang.AUXILIARIES or not before.low[:1].isalnum() \
                or before.tag == "V":
            return False
        w = before.low
        if w in self.lang.PREPOSITIONS or w in self.lang.COORDINATORS or w in self.lang.SUBORDINATORS \
                or w in self.lang.PRONOUNS or w == self.lang.INFINITIVE:
            return False
        return not (after in self.lang.DETERMINERS or after in self.lang.PRONOUNS or after == "that"
                    or after[:1].isdigit() or after[:1] == "$")

    def _compound_gerund(self, i: int) -> bool:
        """An -ing noun before another noun ("claims of hearing loss")."""
        return ("NOUN" in self.units[i].lex.split("|") and self.noun_like(i + 1)
                and self.units[i + 1].low.islower() and not self.is_verb(i + 1))

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.units[i].kind == "W"

    def is_np_word(self, i: int) -> bool:
        """Could this word be inside a noun phrase (not a verb, preposition,
        conjunction, subordinator or mark)?"""
        if not self.is_word(i) or self.is_verb(i):
            return False
        w = self.low(i)
        lang = self.lang
        return not (w in lang.PREPOSITIONS or w in lang.COORDINATORS or w in lang.SUBORDINATORS
                    or w in lang.PRONOUNS or w == lang.INFINITIVE)

    def group_start(self, i: int) -> int:
        """First unit of the verb group that ends at ``i`` ("has been ruled")."""
        while i > 0 and (self.is_verb(i - 1) or self.low(i - 1) in self.lang.VERB_GROUP_FILLERS
                         or self.low(i - 1).endswith("ly") and self.is_word(i - 1)):
            i -= 1
        while not self.is_verb(i):
            i += 1
        return i

    def group_end(self, i: int) -> int:
        """One past the last unit of the verb group that starts at ``i``."""
        while i + 1 < self.n and (self.is_verb(i + 1) or self._filler(i + 1) and self.is_verb(self._skip_adverbs(i + 1))):
            i += 1
        while not self.is_verb(i):
            i -= 1
        return i + 1

    def is_participle(self, i: int) -> bool:
        w = self.low(i)
        return bool(_PARTICIPLE_ED.match(w)) or w in self.lang.IRREGULAR_PARTICIPLES

    def is_gerund(self, i: int) -> bool:
        return self.is_verb(i) and bool(_GERUND.match(self.low(i))) and not self._compound_gerund(i)

    def hard(self, i: int) -> bool:
        return self.lows[i] in _HARD

    def np_start(self, i: int, floor: int) -> int:
        """First unit of the noun phrase that ends at ``i`` (back to a
        determiner, inclusive, or to a word that can't be in it)."""
        j = i
        while j - 1 >= floor and (self.is_np_word(j - 1) or self.units[j - 1].kind == "T" or self.low(j - 1) in ("'s", "’s")):
            j -= 1
            if self.low(j) in self.lang.DETERMINERS:
                break
        return j

    def np_end(self, i: int) -> int:
        """One past the head of the noun phrase that starts at ``i``."""
        j = i
        while j < self.n and (self.noun_like(j) or self.units[j].kind == "T" or self.low(j) in ("'s", "’s")):
            if j > i and (self.low(j) in self.lang.DETERMINERS or self.units[j].tag == "V" and self.is_verb(j)):
                break  # "the Nov. 1 deadline set by ...": "set" is a verb
            j += 1
        return j

    def noun_like(self, i: int) -> bool:
        """Could this word be part of a noun phrase, a verb form used as a
        noun included ("the 1998 shooting death")? Not an auxiliary, a word
        that can only be a verb, a preposition or a conjunction."""
        if not self.is_word(i):
            return False
        w = self.low(i)
        lang = self.lang
        if w in lang.AUXILIARIES:
            return False
        if lexicon(w) in _VERB_ONLY and not (_GERUND.match(w) and self.low(i - 1) in self.lang.DETERMINERS | {"'s", "’s"}):
            return False
        return not (w in lang.PREPOSITIONS or w in lang.COORDINATORS or w in lang.SUBORDINATORS
                    or w in lang.PRONOUNS or w == lang.INFINITIVE)

    # ------------------------------------------------------------------ roles

    def role(self, k: int) -> tuple[str | None, int, int]:
        """How the date at unit ``k`` dates something, and the units of the
        phrase it dates for a nominal role (else ``k, k + 1``)."""
        lang = self.lang
        prev = self.low(self._preposition(k))
        # a date describing the noun that follows: "last month's explosion", "the 2020 election"
        if self.low(k + 1) in ("'s", "’s"):
            tx = self.timexes[self.units[k].timex]
            return self.nominal(k, k + 2, any_head=tx.precision == "day")
        if prev in lang.DETERMINERS or prev in ("'s", "’s"):
            if self.noun_like(k + 1):
                return self.nominal(k, k + 1)  # "the 1996 Olympic bombing": no verb after "the 1996"
            if self.low(k + 1) == "," and self.noun_like(k + 2) and not self.is_verb(k + 2):
                return self.nominal(k, k + 2)  # "the Dec. 21, 1988, bombing"
        elif self.adjectival(k) and self.is_np_word(k + 1):
            return self.nominal(k, k + 1)  # "third-quarter net income"
        # a comparison: "compared with a loss of $9 million a year ago", "from $93.3 million a year earlier"
        cmp_at = self.comparison(k)
        if cmp_at is not None:
            if cmp_at == k - 1:
                return None, k, k + 1  # "than a year earlier", "down from 1996"
            return self.phrase_with_happening(cmp_at + 1, k + 1)
        if prev in lang.PERIOD_ENDINGS and self.units[k - 2].kind == "T" if k > 1 else False:
            return None, k, k + 1  # "the quarter ended Sept. 30": a period's description, no happening
        if prev in lang.PERIOD_ENDINGS and self.low(k - 2) in lang.PERIOD_NOUNS:
            return None, k, k + 1  # "the fiscal year ended Jan. 31"
        if prev == "record" and self.low(k - 2) == "of":
            return None, k, k + 1  # "shareholders of record Nov. 8"
        if prev in ("and", "to", "-", "–") and k > 2 and self.units[k - 2].kind == "T" \
                and self.low(k - 3) in ("between", "from"):
            return None, k, k + 1  # "between 1994 and 1997": a span, like its first date
        if prev in lang.SINCE and not self.reference(k - 1) and self._perfect_before(k - 1):
            return SINCE, k, k + 1  # "has been fighting cancer since 2004": it began then
        if prev in lang.UNTIL_PREPOSITIONS and self.low(k - 2) not in ("from", "between") and not self._from_before(k - 1):
            return UNTIL, k, k + 1  # "free to anyone until September 30": a state with that end
        if prev in lang.REFERENCE_PREPOSITIONS or prev in lang.EXTENT_PREPOSITIONS:
            return None, k, k + 1
        if prev in lang.DEADLINE_PREPOSITIONS and not self._today(k):
            return DEADLINE, k, k + 1
        if prev in lang.BEFORE_PREPOSITIONS:
            return BEFORE, k, k + 1
        if prev in lang.AFTER_PREPOSITIONS:
            return AFTER, k, k + 1
        scheduled = self._scheduled_for(k)
        if scheduled is not None:
            return NOMINAL, scheduled, k + 1  # "slated for a U.S. release on June 24": the release is June 24
        if prev == "of" and self.low(k - 2) in lang.PART_WORDS:
            return ADVERBIAL, k, k + 1  # "spent part of Sunday night"
        # "a loss for the third quarter", "the elections of 1992" (but "scheduled for Monday")
        if prev in lang.NOUN_PREPOSITIONS and self.is_np_word(k - 2) and self.units[k - 2].tag in ("N", "O"):
            role, a, b = self.phrase_with_happening(self.np_start(k - 2, 0), k + 1)
            return role or _DESCRIBED, a, b
        return ADVERBIAL, k, k + 1

    def subject(self, a: int, b: int) -> bool:
        """Is the noun phrase ``[a, b)`` the subject of a clause ("Third-quarter
        sales dropped 11%", "Friday's trading volume totaled ...")? What the
        clause says of it then happened at its date."""
        if not (a == 0 or self.low(a - 1) in (",", "that") or self.low(a - 1) in self.lang.SUBORDINATORS
                or self.low(a - 1) in self.lang.REPORTING):
            return False
        j = b
        while j < self.n and j < b + 12:
            if self.is_verb(j):
                if self.is_participle(j) and self.low(j + 1) in self.lang.PREPOSITIONS and j > b:
                    j += 1  # "last month's discovery of a rifle buried near the home represented ..."
                    continue
                return True
            if self.low(j) == "," or self.hard(j) or self.is_subordinator(j):
                return False
            j += 1
        return False

    def locates(self, a: int) -> bool:
        """Does the noun phrase starting at ``a`` place its clause in time: the
        object of "in", "during" ... after a verb, or opening the sentence?"""
        if self.low(a - 1) not in self.lang.LOCATING:
            return False
        return a - 1 == 0 or self.low(a - 2) == "," or self.is_verb(a - 2)

    def _from_before(self, at: int) -> bool:
        """Is there a "from" a few words before ``at`` ("from 1990 to 1995")?"""
        return any(self.low(j) in ("from", "between") for j in range(max(0, at - 4), at))

    def _perfect_before(self, at: int) -> bool:
        """Is the clause's verb before ``at`` a perfect ("has been fighting
        since 2004", "have risen since"): a state going on since then? ("The
        change is since year-end" measures from it instead.)"""
        j = at - 1
        while j >= 0 and not self.hard(j) and self.low(j) != "," and not self.is_subordinator(j):
            if self.is_verb(j):
                g = self.group_start(j)
                return self.low(g) in ("has", "have", "had", "'ve", "'d")
            j -= 1
        return False

    def reference(self, at: int) -> bool:
        """Does "since" at ``at`` follow a superlative, a first or a negation
        ("its first loss since 1992", "the lowest level since April", "not
        seen since last September"): a reference point, not a beginning?"""
        j = at - 1
        while j >= 0 and at - j <= 8 and not self.hard(j) and self.low(j) != ",":
            w = self.low(j)
            if w in self.lang.REFERENCE_MARKERS or (w.endswith("est") and len(w) > 4 and w not in self.lang.NOT_SUPERLATIVE):
                return True
            j -= 1
        return False

    def _scheduled_for(self, k: int) -> int | None:
        """The start of "a release" in "is slated for a release on June 24"
        (a happening scheduled for the date: the scheduling is now, the
        happening then), or ``None``."""
        p = self._preposition(k)
        if self.low(p) not in ("on", "in", "at") or not self.noun_like(p - 1):
            return None
        a = self.np_start(p - 1, 0)
        if a >= p or self.low(a - 1) != "for" or self.low(a - 2) not in self.lang.SCHEDULING:
            return None
        if not any(self.units[i].tag == "N" or self.units[i].maybe_event for i in range(a, p)):
            return None
        return a

    def _preposition(self, k: int) -> int:
        """The unit before the date at ``k``, past words that only hedge it
        ("until at least 2014", "by as early as June")."""
        before = self.low(k - 1)
        for hedge in self.lang.HEDGES:
            if hedge[-1] == before and k > len(hedge) \
                    and all(self.low(k - len(hedge) + n) == w for n, w in enumerate(hedge)):
                return k - len(hedge) - 1
        return k - 1

    def adjectival(self, k: int) -> bool:
        text = self.units[k].low
        return text.endswith(self.lang.ADJECTIVAL_DATE_ENDINGS) and ("-" in text or text[:1].isdigit())

    def nominal(self, k: int, head_from: int, any_head: bool = False) -> tuple[str | None, int, int]:
        start = k - 1 if self.low(k - 1) in self.lang.DETERMINERS else k
        end = self.np_end(head_from)
        if any_head and end > head_from:
            return NOMINAL, start, end
        era = self.timexes[self.units[k].timex].precision in ("decade", "century")
        role, start, end = self.phrase_with_happening(start, end, era)
        if role is None and self.locates(start) and (start - 1 == 0 or self.low(start - 2) == ","):
            return NOMINAL, start, end  # "In its Friday issue, the Spectator quoted ..."
        return role or _DESCRIBED, start, end

    def phrase_with_happening(self, start: int, end: int, era: bool = False) -> tuple[str | None, int, int]:
        """A nominal scope when the phrase names a happening: a word the
        tagger takes for one, or a head noun that could be one. An era (a
        decade, a century) describes rather than dates: only a noun the
        tagger takes for a happening counts ("the 11th-century temple")."""
        head = end - 1
        while head > start and not self.noun_like(head):
            head -= 1
        if self.low(head) in self.lang.RELATIONAL_NOUNS:
            return None, start, end  # "the approach of the year 2000" is not in 2000
        if era:
            happening = any(self.units[i].tag == "N" for i in range(start, end))
        else:
            happening = any(self.units[i].tag in ("N", "V", "A") for i in range(start, end)) or self.units[head].maybe_event
        return (NOMINAL if happening else None), start, end

    def comparison(self, k: int) -> int | None:
        """The unit of the comparison word whose phrase holds the date at
        ``k`` ("from $93.3 million a year earlier"), or ``None``."""
        lang = self.lang
        j = k - 1
        while j >= 0 and k - j <= 12:
            w = self.low(j)
            if self.hard(j) or self.is_verb(j) or w in lang.SUBORDINATORS:
                return None
            if w in ("with", "to") and self.low(j - 1) in ("compared", "comparable"):
                return j
            if w in ("versus", "vs", "vs.") or w == "than" and self.low(j - 1) not in _QUANTITY:
                return j
            if w in ("from", "over") and (j == k - 1 and w == "from" or self._number_between(j, k)):
                return j
            j -= 1
        return None

    def _number_between(self, a: int, b: int) -> bool:
        return any(self.units[i].low[:1].isdigit() or self.units[i].low[:1] == "$" for i in range(a + 1, b))

    def _today(self, k: int) -> bool:
        """Is the date at ``k`` the publication day or "now" ("by today": as of now)?"""
        tx = self.timexes[self.units[k].timex]
        return tx.value == "PRESENT_REF" or self.dct is not None and tx.earliest == self.dct == tx.latest

    def future(self, k: int) -> bool:
        tx = self.timexes[self.units[k].timex]
        return self.dct is not None and tx.earliest is not None and tx.earliest > self.dct

    # ------------------------------------------------------------------ clause scope

    def left(self, k: int, seen_verb: bool = False) -> int:
        """First unit of the clause the date at ``k`` modifies (or, with
        ``seen_verb``, of the clause whose verb is at ``k``)."""
        lang = self.lang
        j = k - 1
        own = self._preposition(k) if self.units[k].kind == "T" else k - 1  # the date's own preposition
        matrix = False  # past an infinitive or an "and": the next verb is part of the clause
        while j >= 0:
            w = self.low(j)
            if w == ")":
                opening = self._matching(j, "(", -1)
                if opening is not None:
                    j = opening - 1  # a parenthesis: "700 kilometers (450 miles) from each other"
                    continue
            if self.hard(j):
                return j + 1
            if w in lang.SIMULTANEOUS and seen_verb and j > 0 and self._verb_before(j):
                seen_verb = matrix = False  # "officials said as dawn broke Saturday": that time too
                j -= 1
                continue
            if self.is_subordinator(j) or (w in lang.REFERENCE_PREPOSITIONS - {"from"} or w in ("until", "till")) \
                    and j < own and not (w == "than" and self.low(j - 1) in _QUANTITY):
                return j  # the date is inside a phrase that "since", "until" ... frame
            if w in lang.FRAME_WORDS and seen_verb:
                return j  # "after he left on Friday"
            if w in lang.FRAME_WORDS and self.units[k].kind == "T" and j < own and self.noun_like(k - 1) \
                    and self.is_verb(k + 1) and not self.is_gerund(k + 1):
                return j  # "after a federal appeals court Thursday refused": between subject and verb
            if w == ",":
                if seen_verb or self.units[k].kind == "T" and self.timexes[self.units[k].timex].value == "PRESENT_REF":
                    return j + 1  # ", on sale now": "now" describes its own phrase
                if self._verb_after(k) and not self._coordinated(j - 1, k):
                    return j + 1  # "..., last year they contributed $34 million": its clause starts here
                j -= 1
                continue
            if w in lang.COORDINATORS and not seen_verb and self._verb_after(k) and not self._coordinated(j - 1, k):
                return j + 1  # ", and on Friday he was charged", "but this year they jumped"
            if w in ("and", "or") and seen_verb and self.low(j - 1) != ",":
                matrix = True  # "have been killed and 1,000 others wounded ... on Friday"
            if w == lang.ACCORDING:
                return j + 2 if self.low(j + 1) == "to" else j + 1
            if self.is_verb(j):
                g = self.group_start(j)
                if seen_verb and not matrix:
                    return self.group_end(g)
                matrix = False
                seen_verb = True
                if self.low(g - 1) == lang.INFINITIVE:
                    if self.units[k].kind != "T" or self.future(k) or k - g > _SHORT_INFINITIVE:
                        # "is scheduled to close Monday": the closing is Monday; a long phrase
                        # ("to honor the announcement ... of NATO 50 years ago") keeps its date
                        return g - 1
                    matrix = True  # "extended their offers to acquire the company Friday"
                    j = g - 2
                    continue
                if (g == j and self.is_participle(j) and self.is_np_word(g - 1)
                        and self.units[g - 1].kind != "T" and self._verb_before(g - 1)):
                    return self.np_start(g - 1, 0)  # "the record set on Aug. 6"
                j = g - 1
                continue
            if w in lang.PREPOSITIONS and self.is_gerund(j + 1) and j + 1 < k:
                return j + 1
            j -= 1
        return 0

    def _verb_after(self, k: int) -> bool:
        """Is there a verb after ``k`` before the next comma or clause mark?"""
        for j in range(k + 1, self.n):
            if self.low(j) == "," or self.hard(j):
                return False
            if self.is_verb(j):
                return True
        return False

    def _verb_before(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and not self.hard(j) and self.low(j) not in self.lang.SUBORDINATORS:
            if self.is_verb(j):
                return True
            j -= 1
        return False

    def right(self, k: int, start: int) -> int:
        """One past the last unit of the clause the date at ``k`` modifies
        (``start`` is its first unit)."""
        lang = self.lang
        heads = [i for i in range(start, k + (self.units[k].kind != "T")) if self.is_verb(i)]
        verb = bool(heads)
        # "Jobs, born in San Francisco on February 24, 1955, has built ...": the insertion ends at its comma
        insertion = start > 0 and self.low(start - 1) == "," and (self.is_verb(start) or self.low(start) in lang.RELATIVE)
        head = heads[-1] if heads else None  # the last verb of the clause so far
        j = k + 1
        while j < self.n:
            w = self.low(j)
            if w == "that" and self._reports(head) and self.is_subordinator(j) and self._present_after(j + 1):
                verb = False  # "said Friday that he is ready": that holds when it was said
                j += 1
                continue
            if w == "(":
                closing = self._matching(j, ")", 1)
                if closing is not None:
                    j = closing + 1
                    continue
            if w in lang.SIMULTANEOUS and (verb or j == k + 1 or j == k + 2 and self.low(k + 1) == ",") \
                    and (w != "as" or self._verb_after(j)):
                verb = False  # "a year ago, when the industry enjoyed strong demand": that time too
                j += 1
                continue
            if self.hard(j) or self.is_subordinator(j):
                return j
            if w in lang.FRAME_WORDS and w != "as":
                return j
            if w == lang.ACCORDING:
                return j
            if w == ",":
                nxt = self.low(j + 1)
                if insertion:
                    return j
                if not verb:
                    if self.is_subordinator(j + 1) or self.is_gerund(j + 1) or (
                            self.is_participle(j + 1) and self.low(j + 2) == "by"):
                        close = self._next_comma(j + 1)
                        if close is None:
                            return j
                        j = close + 1  # "Earlier this month, Security Pacific, which ..., completed"
                        continue
                    if not any(self.is_verb(i) for i in range(start, j)):
                        j += 1  # a fronted date: "On Friday, the council voted"
                        continue
                    return j
                if nxt in lang.SIMULTANEOUS or self.is_gerund(self._skip_adverbs(j + 1)):
                    j += 1
                    continue  # ", when ...", ", vowing that he would ...": at that time too
                if self.low(start) in lang.SIMULTANEOUS and start == self._clause_start(start):
                    verb = False
                    j += 1
                    continue  # "When police raided the house on Friday, they found ...": that time too
                v = j + 2 if nxt in lang.COORDINATORS else j + 1
                if self._coordinated_verb(v):
                    j = self.group_end(v)
                    continue  # "charged $46 million, added $20 million and established a reserve"
                return j
            if w in lang.PREPOSITIONS and w != "of" and self.is_gerund(j + 1):
                return j  # "as punishment for seizing Kuwait"
            if self.is_verb(j):
                g_end = self.group_end(j)
                if verb:
                    b = j - 1
                    while b > k and self.low(b).endswith("ly"):
                        b -= 1
                    before = self.low(b)
                    if before in lang.COORDINATORS or before == lang.INFINITIVE or (
                            self.is_gerund(j) and g_end == j + 1 and before not in lang.AUXILIARIES):
                        j = g_end
                        continue  # "... and vowed to retaliate", "voted to impose", "a statement saying"
                    if g_end == j + 1 and self.is_participle(j) and self._modifies_object(j):
                        j = g_end
                        continue  # "joined NATO at a ceremony held in Independence"
                    sub = self.subject_start(j, k + 1)
                    if self._reports(head) and self._present(self.group_start(j)) and self._bare_complement(head, sub):
                        verb = True
                        head = j
                        j = g_end
                        continue  # "said Friday the talks are going well"
                    if self.low(sub - 1) == "and" and self.low(sub - 2) != "," and not self._reports(j):
                        verb = True
                        head = j
                        j = g_end
                        continue  # "One year later he was fired and he founded NeXT": one time for both
                    return sub
                verb = True
                head = j
                j = g_end
                continue
            j += 1
        return self.n

    def _modifies_object(self, v: int) -> bool:
        """Is the participle at ``v`` a reduced relative on the object of a
        preposition or verb ("at a ceremony held in ...") rather than the
        verb of a clause with its own subject ("the sanctions his
        administration imposed")?"""
        if not self.noun_like(v - 1):
            return False
        a = self.np_start(v - 1, 0)
        return a > 0 and (self.low(a - 1) in self.lang.PREPOSITIONS or self.is_verb(a - 1))

    def _relative(self, i: int) -> bool:
        """Does the word at ``i`` open a relative clause on the noun before it
        ("the revolution that brought ...", "Juanita Castro, who arrived ..."),
        rather than a reported clause ("proposed to Putin that the two meet")?"""
        w = self.low(i)
        if w not in self.lang.RELATIVE | {"whom", "whose"} or i == 0 or not self.noun_like(self._skip_back_commas(i - 1)):
            return False
        return w != "that" or self.is_verb(self._skip_adverbs(i + 1))

    def _skip_back_commas(self, j: int) -> int:
        while j > 0 and self.low(j) == ",":
            j -= 1
        return j

    def _matching(self, i: int, mark: str, step: int) -> int | None:
        j = i + step
        while 0 <= j < self.n:
            if self.low(j) == mark:
                return j
            if self.low(j) in (";", ":"):
                return None
            j += step
        return None

    def _clause_start(self, i: int) -> int:
        """The first unit of the sentence, or after its leading dates and commas."""
        j = 0
        while j < i and (self.units[j].kind != "W" or self.low(j) in self.lang.PREPOSITIONS):
            j += 1
        return j

    def _reports(self, v: int | None) -> bool:
        return v is not None and self.low(v) in self.lang.REPORTING

    def _bare_complement(self, head: int, sub: int) -> bool:
        """Does the clause starting at ``sub`` follow its reporting verb
        ``head`` directly (only the reporting clause's date between)?"""
        return all(self.units[i].kind != "W" or self.low(i) in self.lang.PREPOSITIONS
                   for i in range(head + 1, sub))

    def _present_after(self, i: int) -> bool:
        """Is the first verb group from ``i`` (before any clause mark) in the present?"""
        for j in range(i, min(self.n, i + 12)):
            if self.hard(j) or self.low(j) == ",":
                return False
            if self.is_verb(j):
                return self._present(self.group_start(j))
        return False

    def _present_candidate(self, j: int) -> bool:
        """Could the word at ``j`` open a present-tense verb group ("is",
        "has", "says", "say")? Past forms ("said", "rose") and words that are
        no verbs are passed over without asking the tagger."""
        unit = self.units[j]
        w = unit.low
        if w in self.lang.PRESENT_AUXILIARIES or w in ("has", "have"):
            return True
        if "VERB" not in unit.lex:
            return unit.kind == "W" and unit.lex == "" and w.endswith("s")  # a verb the lexicon doesn't know
        return w.endswith("s") and not w.endswith("ss") or _base_form(w)

    def _present(self, g: int) -> bool:
        """Is the verb group starting at ``g`` in the present tense ("is",
        "are investigating", "says", "has 12 million shares"; not "has
        said", "will", "said")?"""
        w = self.low(g)
        if not any(self.noun_like(i) or self.low(i) in self.lang.PRONOUNS for i in range(max(0, g - 6), g)):
            return False  # no subject before it: "Shares fell ..." starts with a noun, not a verb
        if w in self.lang.PRESENT_AUXILIARIES:
            return True
        if w in ("has", "have"):
            nxt = self._skip_adverbs(g + 1)
            return not (self.is_verb(nxt) and self.is_participle(nxt) or self.low(nxt) == "been")
        if w in self.lang.AUXILIARIES or "VERB" not in lexicon(w).split("|"):
            return False
        if w.endswith("s") and not w.endswith("ss"):
            return True  # "says", "wants"
        before = self.low(g - 1)
        plural = before in self.lang.PLURAL_PRONOUNS or self.noun_like(g - 1) and before.endswith("s") \
            and not before.endswith(("ss", "'s", "’s"))
        return (g > 0 and plural and not self.is_verb(g - 2) and _base_form(w))  # "officials say", not "help it save"

    def _next_comma(self, i: int) -> int | None:
        for j in range(i, self.n):
            if self.low(j) == ",":
                return j
            if self.hard(j):
                return None
        return None

    def _coordinated_verb(self, v: int) -> bool:
        """Does a verb phrase sharing the subject start at ``v``?"""
        if not self.is_verb(v) or self.is_gerund(v) or self.low(v) in self.lang.REPORTING:
            return False
        return self.low(self.group_end(v)) != "by"

    def subject_start(self, v: int, floor: int) -> int:
        """Where the clause of the verb at ``v`` begins: its subject ("his
        administration imposed", "Yeltsin claimed")."""
        j = v
        while j - 1 >= floor and (self.is_np_word(j - 1) or self.low(j - 1) == "of" and self.noun_like(j - 2)
                                  or self.low(j - 1) in self.lang.QUANTIFIERS and self.low(j)[:1].isdigit()
                                  or self.low(j - 1) in self.lang.QUANTIFIERS and lexicon(self.low(j)) == ""):
            j -= 1
            if self.low(j) in self.lang.DETERMINERS:
                break
        if j - 1 >= floor and self.low(j - 1) in self.lang.PRONOUNS:
            j -= 1
        return j

    def main_verb(self) -> int | None:
        """Offset of the sentence's first verb outside a fronted phrase or
        subordinate clause (where its main clause is), or ``None``."""
        j = self._clause_start(self.n)
        if j < self.n and self.is_subordinator(j):
            while j < self.n and self.low(j) != ",":
                j += 1
        while j < self.n:
            if self.is_verb(j):
                return self.units[j].start
            j += 1
        return None

    # ------------------------------------------------------------------ the present

    def present(self, quoted: bool = False) -> list[tuple[int, int, str, tuple[int, int]]]:
        """The clauses of the sentence that speak of the present, in text
        order: every clause whose verb group is in the present tense
        (outside quotations and conditions), with what kind of present it
        is: ``reporting`` ("officials say"), ``progressive`` ("police are
        investigating") or ``state`` ("the company has 12 million shares",
        "Deseret, which is the parent of ...")."""
        out: list[tuple[int, int, str, tuple[int, int]]] = []
        self.present_verbs: list[str] = []
        covered = -1
        conditional = False  # (``quoted``: the sentence opens inside a quotation)
        j = 0
        while j < self.n:
            w = self.low(j)
            if w in _QUOTES:
                quoted = w not in _CLOSING and (w in _OPENING or not quoted)
                # (quoted speech is its speaker's present, not the publication's)
            if w in self.lang.CONDITIONAL:
                conditional = True  # "if it appears that ...": not a statement of fact
            elif w == "," or self.hard(j):
                conditional = False
            if j <= covered or not self._present_candidate(j) or not self.is_verb(j):
                j += 1
                continue
            g0 = self.group_start(j)
            if g0 < j and self.low(g0) in self.lang.AUXILIARIES and self.low(g0) not in self.lang.PRESENT_AUXILIARIES:
                j = self.group_end(j)  # "might also have", "will have": the group's first verb tells
                continue
            g = j
            g_end = self.group_end(g)
            j = g_end
            if quoted or conditional or not self._present(g):
                continue
            words = [self.low(i) for i in range(g, g_end)]
            if any(x in self.lang.FUTURE_WORDS for x in words):
                continue
            if words[-1] in self.lang.REPORTING:
                kind = "reporting"
            elif _GERUND.match(words[-1]) and len(words) > 1:
                kind = "progressive"
            else:
                kind = "state"
            a = self.left(g, seen_verb=True)
            b = self.right(g_end - 1, a)
            a, b = self._trim(a, b)
            if b <= a or a <= covered:
                continue
            covered = b - 1
            sa, sb = self.shown(a, b, ADVERBIAL)
            self.present_verbs.append(self.text[self.units[g].start:self.units[g_end - 1].end])
            out.append((self.units[a].start, self.units[b - 1].end, kind,
                        (self.units[sa].start, self.units[sb - 1].end)))
        return out

    # ------------------------------------------------------------------ all dates

    def scopes(self) -> list[Scope]:
        found: list[tuple[int, int, int, str]] = []  # first unit, end unit, timex unit, role
        for k, u in enumerate(self.units):
            if u.kind != "T":
                continue
            role, a, b = self.role(k)
            if role is None:
                w = k + 2 if k + 2 < self.n and self.units[k + 1].kind == "P" else k + 1
                if self.low(w) in self.lang.SIMULTANEOUS and self._verb_after(w):
                    found.append((w, self.right(w, w), k, ADVERBIAL))  # "since November, when he was found"
                continue
            if role == _DESCRIBED:
                if not (self.subject(a, b) and self.timexes[u.timex].precision in _PERIOD_MEASURES):
                    continue
                # "Third-quarter loan originations dropped": what they did, they did then
                found.append((a, self.right(k, a), k, ADVERBIAL))
                continue
            if role == NOMINAL:
                if self.subject(a, b):
                    # "said last month's explosion killed 12 people": the explosion's clause, not the saying
                    found.append((a, self.right(k, a), k, ADVERBIAL))
                    continue
                if not self.locates(a):
                    if self.low(b) in self.lang.RELATIVE and self._verb_after(b):
                        b = self.right(b, b)  # "the 1996 bombing that killed one person"
                    found.append((a, b, k, role))
                    continue
                role = ADVERBIAL  # "meddled in the 2020 election", "In his Sunday Mass, the cardinal called"
            a = self.left(k)
            noun = self._past_noun_in_present(k, a)
            if noun is not None:
                found.append((noun, k + 1, k, NOMINAL))
                continue
            b = self.right(k, a)
            found.append((a, b, k, role))
        found = self._separate(self._merge_nested(found))
        kept = []
        for a, b, k, role in found:
            a, b = self._trim(a, b)
            if b <= a or role != NOMINAL and not any(self.is_verb(i) or self.units[i].tag in ("N", "A")
                                                     or self._could_be_verb(i) for i in range(a, b)):
                continue
            kept.append((a, b, k, role))
        out = []
        for a, b, k, role in kept:
            sa, sb = self.shown(a, b, role)
            if a > 0 and self.low(a - 1) == "that" and self.is_subordinator(a - 1) and not self._relative(a - 1):
                # what an undated clause reports is shown with it: "Biden also said that he
                # proposed ... that the two meet this summer"
                j = a - 1
                while j > 0 and not self.hard(j - 1) and not any(x[0] <= j - 1 < x[1] for x in kept):
                    j -= 1
                sa = min(sa, j)
            verbs = [i for i in range(a, b) if self.is_verb(i)]
            past = bool(verbs) and self._past(self.group_start(verbs[0]))
            out.append(Scope(self.units[a].start, self.units[b - 1].end, self.units[k].timex, role,
                             (self.units[sa].start, self.units[sb - 1].end), past))
        return out

    def _past_noun_in_present(self, k: int, a: int) -> int | None:
        """A past date after the verb of a clause in the present tense
        cannot date that clause ("The warning follows two decisions by the
        Supreme Court last June", "Police are investigating a shooting last
        week"): it dates the nearest happening noun between them. The first
        unit of that noun's phrase, or ``None``."""
        tx = self.timexes[self.units[k].timex]
        if self.dct is None or tx.latest is None or tx.latest >= self.dct or tx.value == "PRESENT_REF":
            return None
        verbs = [i for i in range(a, k) if self.is_verb(i)]
        if not verbs:
            return None
        g = self.group_start(verbs[-1])
        end = self.group_end(g)
        if not self._present(g) or any(self.low(i) in self.lang.FUTURE_WORDS or self._reports(i) for i in range(g, end)):
            return None
        for j in range(k - 1, end - 1, -1):
            if self.hard(j) or self.low(j) == "," or self.is_subordinator(j) or self.is_verb(j):
                return None
            if self.units[j].tag == "N":
                return self.np_start(j, end)
        return None

    def _past(self, g: int) -> bool:
        """Does the verb group starting at ``g`` tell of the past: a past
        form ("filed", "sold", "was") or a present perfect ("has filed")?"""
        w = self.low(g)
        if w in self.lang.PAST_AUXILIARIES:
            return True
        if w in ("has", "have", "'ve"):
            nxt = self._skip_adverbs(g + 1)
            return self.is_verb(nxt) and self.is_participle(nxt)
        if w in self.lang.AUXILIARIES or w.endswith(("s", "ing")):
            return False
        lemmas = verb_lemmas(w)
        return bool(lemmas) and w not in lemmas or bool(_PARTICIPLE_ED.match(w))

    def shown(self, a: int, b: int, role: str) -> tuple[int, int]:
        """The units a reader is shown for the scope ``[a, b)``: back to the
        subject of its clause when it starts with a verb, a relative or an
        infinitive ("Sony's planned acquisition … is scheduled to close
        Monday"), on to the end of what its verb reports or plans."""
        lang = self.lang
        sa, sb = a, b
        if role == NOMINAL and self.is_verb(a - 1) and (self.low(a - 2) == lang.INFINITIVE or self.is_gerund(a - 1)):
            sa = a - 2 if self.low(a - 2) == lang.INFINITIVE else a - 1  # "to influence the 2020 election"
        rel = a if self.low(a) in lang.RELATIVE | {"whom", "whose"} else a - 1
        if role != NOMINAL and rel > 0 and self._relative(rel):
            # a relative clause is shown with the noun it tells of, not its sentence:
            # "…the revolution that brought Castro to power 42 years ago"
            j = rel - 1
            while j > 0 and self.low(j) == ",":
                j -= 1
            sa = self.np_start(j, 0) if self.noun_like(j) else a
        elif role != NOMINAL and (self.is_verb(a) or self.low(a) == lang.INFINITIVE):
            j = a - 1
            while j >= 0 and not self.hard(j) and not (self.low(j) == "that" and self.is_subordinator(j)
                                                       and not self._relative(j)):
                if self.is_verb(j) and self._reports(j):
                    break
                if self.low(j) in lang.RELATIVE | {"whom", "whose"} and self._relative(j):
                    # back to a relative ("Navigation Mixte, which ... is to resume trading Tuesday"):
                    # shown with the noun it tells of
                    k = j - 1
                    while k > 0 and self.low(k) == ",":
                        k -= 1
                    j = self.np_start(k, 0) - 1 if self.noun_like(k) else j
                    break
                j -= 1
            sa = j + 1
        last_verb = max((i for i in range(a, b) if self.is_verb(i)), default=None)
        reports = self._reports(last_verb) and not any(  # "was announced Wednesday": no complement follows
            self.low(i) in lang.PASSIVE_AUXILIARIES for i in range(self.group_start(last_verb), last_verb))
        if b < self.n and (self.low(b) == lang.INFINITIVE or reports) \
                and not (self.low(b) == "," and self.is_subordinator(a)):  # "Since ... Wednesday, they ...": its own clause
            j = b
            while j < self.n and not self.hard(j):
                j += 1
            sb = j
        sa, sb = self._trim(sa, sb)
        return (min(sa, a), max(sb, b)) if sb > sa else (a, b)

    def _coordinated(self, k: int, k2: int) -> bool:
        """Are two dates joined as one list ("in March and June", "on
        Monday, Tuesday and Friday"): one happening on each?"""
        a, b = min(k, k2), max(k, k2)
        if not (0 <= a and b < self.n and self.units[a].kind == "T" and self.units[b].kind == "T"):
            return False
        return all(self.units[i].kind == "T" or self.low(i) in (",", "and", "or", "then") for i in range(a + 1, b))

    def _separate(self, found: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        """Dates of one happening share its scope; a scope that holds another
        date of a different value stops short of that date's clause."""
        out = list(found)
        by_unit = sorted((k, m) for m, (_, _, k, _) in enumerate(out))
        units = [k for k, _ in by_unit]
        for n, (a, b, k, role) in enumerate(out):
            # only the dates inside the scope can shorten it (a sentence may hold hundreds)
            inside = sorted(m for _, m in by_unit[bisect_left(units, a):bisect_left(units, b)])
            for m in inside:
                a2, b2, k2, role2 = out[m]
                if m == n or not (a <= k2 < b) or self._same(k, k2) or self._coordinated(k, k2) \
                        or role2 == NOMINAL and a <= a2 and b2 <= b:
                    continue  # (a noun phrase's date nests inside the clause: "visited the 11th-century temple on Sunday")
                if k2 > k:
                    b = max(k + 1, min(b, self._cut(k, k2, a2)))
                else:
                    a = min(k, max(a, self._cut_left(k2, k, b2)))
            out[n] = (a, b, k, role)
        return out

    def _same(self, k: int, k2: int) -> bool:
        """Do two dates name the same time, or one a time inside the other
        ("Yesterday, at this year's conference")?"""
        t1, t2 = self.timexes[self.units[k].timex], self.timexes[self.units[k2].timex]
        if t1.value == t2.value:
            return True
        if None in (t1.earliest, t1.latest, t2.earliest, t2.latest):
            return False
        return (t1.earliest <= t2.earliest and t2.latest <= t1.latest) or (
            t2.earliest <= t1.earliest and t1.latest <= t2.latest)

    def _days(self, k: int) -> int:
        t = self.timexes[self.units[k].timex]
        return (t.latest - t.earliest).days if t.earliest and t.latest else 10 ** 9

    def _merge_nested(self, found: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        """Overlapping scopes whose dates are the same or one inside the
        other are one happening, dated by the most precise of them."""
        out: list[tuple[int, int, int, str]] = []
        active: list[int] = []  # the scopes of out that reach past the start of the next one
        for item in sorted(found):
            a2, b2, k2, role2 = item
            active = [n for n in active if out[n][1] > a2]  # (starts only grow: the others never overlap again)
            for n in active:
                a, b, k, role = out[n]
                if a2 < b and a < b2 and self._same(k, k2):
                    best = k if self._days(k) <= self._days(k2) else k2
                    roles = {role, role2}
                    merged_role = ADVERBIAL if ADVERBIAL in roles else (role if best == k else role2)
                    out[n] = (min(a, a2), max(b, b2), best, merged_role)
                    break
            else:
                active.append(len(out))
                out.append(item)
        return out

    def _cut(self, k: int, k2: int, a2: int) -> int:
        """Where the scope of the date at ``k`` ends before the date at ``k2``."""
        if k < a2 <= k2:
            return a2
        for j in range(k2 - 1, k, -1):
            if self.low(j) in (",", "and", "but", "while") or self.low(j) in self.lang.SUBORDINATORS:
                return j
        return k2

    def _cut_left(self, k2: int, k: int, b2: int) -> int:
        if k2 < b2 <= k:
            return b2
        for j in range(k2 + 1, k):
            if self.low(j) in (",", "and", "but"):
                return j + 1
        return k2 + 1

    def _trim(self, a: int, b: int) -> tuple[int, int]:
        lang = self.lang
        while a < b and (self.units[a].kind == "P" or self.low(a) in ("and", "but", "or", "that")):
            a += 1
        while b > a and (self.units[b - 1].kind == "P" and self.low(b - 1) not in (".", "!", "?", "%")
                         or self.low(b - 1) in lang.COORDINATORS or self.low(b - 1) == lang.INFINITIVE):
            b -= 1
        return a, b
