"""Events: what happened when, one article at a time.

``extract_events(article, timexes)`` turns the sentences of an article into
the dated happenings a timeline shows. A sentence (or, where it carries two
dates, each of its clauses) becomes an event when

* it holds a resolved date of its own (``explicit``; ``dct`` for "now",
  "currently": the publication day);
* it opens with discourse that carries the previous event's date over
  ("In addition,", "also", "the same day": ``inherited``);
* it places itself after or before the previous event without a date of its
  own ("Subsequently", "later", "before that": ``relative``; no value, the
  earliest day it can be as ``when.start``).

Everything else stays undated: the timeline never dates what the text leaves
undated. Pure: no I/O, no MkDocs; English cues live in
``timeline/lang/en_events.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Sequence

from timeline.entities import extract_entities
from timeline.labels import human_date
from timeline.lang import module as lang_module
from timeline.model import DATE, TIME, Article, Event, Timex, When
from timeline.sentences import split_sentences


@dataclass(frozen=True)
class _Tables:
    lang: ModuleType
    inherit: re.Pattern[str]
    after: re.Pattern[str]
    before: re.Pattern[str]
    starters: re.Pattern[str]
    reporting: frozenset[str]
    planned: frozenset[str]
    not_planned: re.Pattern[str]
    word: re.Pattern[str]
    same: re.Pattern[str]


def _phrases(words: Sequence[str]) -> str:
    alts = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)


@lru_cache(maxsize=None)
def _tables(language: str) -> _Tables:
    lang = lang_module("events", language)
    starters = [w for w in lang.CLAUSE_STARTERS if w[0].isalpha()]
    punct = "".join(re.escape(w) for w in lang.CLAUSE_STARTERS if not w[0].isalpha())
    return _Tables(
        lang=lang,
        inherit=re.compile(rf"(?<![\w-])({_phrases(lang.INHERIT_CUES)})(?![\w-])", re.I),
        after=re.compile(rf"(?<![\w-])({_phrases(lang.AFTER_CUES)})(?![\w-])", re.I),
        before=re.compile(rf"(?<![\w-])({_phrases(lang.BEFORE_CUES)})(?![\w-])", re.I),
        starters=re.compile(rf"(?<![\w-])(?:{_phrases(starters)})(?![\w-])|[{punct}]", re.I),
        reporting=frozenset(lang.REPORTING),
        planned=frozenset(lang.PLANNED),
        not_planned=re.compile(rf"(?<![\w-])({_phrases(lang.NOT_PLANNED_PHRASES)})(?![\w-])", re.I),
        word=re.compile(r"[\w’']+"),
        same=re.compile(rf"(?<![\w-])({_phrases(lang.SAME_TIME_WORDS)})(?![\w-])", re.I),
    )


def dates_an_event(t: Timex) -> bool:
    """Does this expression place something on the calendar? Dates and times
    with known bounds do, and "now"/"currently" (the publication day);
    durations, frequencies and vague past/future references don't, nor does
    an adjective ("his current wife": a state, not a happening on a day)."""
    if t.type not in (DATE, TIME):
        return False
    return t.earliest is not None or (t.value == "PRESENT_REF" and t.rule not in _DESCRIBING_RULES)


#: Recognition rules whose expressions describe a noun rather than date a clause.
_DESCRIBING_RULES = frozenset({"present_adjective"})


#: What to do with a sentence the text leaves undated:
#:
#: * ``skip`` (the default, what the site shows): leave it off the timeline;
#:   never date what the text doesn't;
#: * ``dct``: place it at the publication date (anchor ``dct``);
#: * ``story``: place it on the day the story is about so far, the last
#:   explicit day no later than the publication and at most
#:   :data:`STORY_DAYS` before it (anchor ``inherited``), else at the
#:   publication date (anchor ``dct``). This is how the SemEval-2015 TimeLine
#:   annotators anchor a news article's undated events, and what
#:   ``scripts/bench_events.py`` measures.
UNDATED_SKIP, UNDATED_DCT, UNDATED_STORY = "skip", "dct", "story"

#: "also", "later", "the same day" tie a sentence to the last event only when
#: that event is at most this many sentences back (a quote may come between);
#: past a stretch of undated sentences the discourse has moved on.
LINK_SENTENCES = 3
UNDATED_POLICIES = (UNDATED_SKIP, UNDATED_DCT, UNDATED_STORY)
STORY_DAYS = 30


def extract_events(article: Article, timexes: Sequence[Timex], undated: str = UNDATED_SKIP) -> tuple[Event, ...]:
    """The events of one article, in text order (see the module docstring).

    ``timexes`` are the article's resolved expressions (``annotate`` over
    ``article.body``); an event's ``timex`` is an index into them.
    """
    text = article.body
    t = _tables(article.language or "en")
    order = sorted(range(len(timexes)), key=lambda i: timexes[i].start)
    dating = [i for i in order if dates_an_event(timexes[i])]
    if undated not in UNDATED_POLICIES:
        raise ValueError(f"undated must be one of {UNDATED_POLICIES}, not {undated!r}")
    events: list[Event] = []
    main = -1  # the main (first) event of the last sentence that had one
    last = -LINK_SENTENCES - 1  # the index of that sentence
    story: Event | None = None  # the last explicit event on a day near the publication
    k = 0
    for n, (s, e) in enumerate(sentences(text, article.language or "en")):
        if text.startswith(t.lang.SKIP_PREFIXES, _line_start(text, s)):
            continue
        inside: list[int] = []
        while k < len(dating) and timexes[dating[k]].start < e:
            if timexes[dating[k]].start >= s:
                inside.append(dating[k])
            k += 1
        ev = None
        if inside and _only_dates(text, s, e, [timexes[i] for i in inside], t):
            continue  # a dateline ("June 7, 2010"): it dates the article, not a happening
        if inside:
            main, last = len(events), n
            clauses = _clauses(text, s, e, inside, timexes, t)
            if undated != UNDATED_SKIP and clauses[0][0] > s and _words(text, s, clauses[0][0], t):
                events.append(_fallback(article, story, undated, s, clauses[0][0], (s, e), t))
            for cs, ce, ti in clauses:
                ev = _explicit(article, timexes, ti, cs, ce, (s, e), t)
                events.append(ev)
                if _story_day(article, ev):
                    story = ev
            continue
        if events and n - last <= LINK_SENTENCES:
            ev = _linked(article, events, main, s, e, t)
        if ev is None and undated != UNDATED_SKIP:
            ev = _fallback(article, story, undated, s, e, (s, e), t)
        if ev is not None:
            main, last = len(events), n
            events.append(ev)
    return tuple(events)


def sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """The sentences of ``text``. Text that comes tokenized, one sentence a
    line ("Apple 's shares fell ."), is split at its line breaks: a title
    line without a final period is a sentence of its own there."""
    if _TOKENIZED.search(text) and len(_TOKENIZED.findall(text)) * 40 > len(text.split("\n")):
        out = []
        pos = 0
        for line in text.split("\n"):
            s, e = _trim(text, pos, pos + len(line))
            if e > s:
                out.append((s, e))
            pos += len(line) + 1
        return out
    return split_sentences(text, language=language)


#: Punctuation set off by spaces on both sides: the mark of tokenized text.
_TOKENIZED = re.compile(r"\w \.(?:\n|$)| , ")


def _story_day(article: Article, ev: Event) -> bool:
    w = ev.when
    return (ev.anchor == "explicit" and w.precision == "day" and w.start is not None
            and 0 <= (article.dct - w.start).days <= STORY_DAYS)


def _fallback(article: Article, story: Event | None, undated: str, s: int, e: int,
              sentence: tuple[int, int], t: _Tables) -> Event:
    """An undated sentence under the ``dct`` or ``story`` policy."""
    ev = _at_dct(article, s, e, sentence, t)
    if undated == UNDATED_STORY and story is not None and not _present_tense(article.body, s, e, t):
        from dataclasses import replace
        ev = replace(ev, when=story.when, anchor="inherited",
                     derivation=f"no date in the text: the day the story is about so far "
                                f"({human_date(story.when)}, from ‘{story.text[:40]}’)")
    return ev


def _present_tense(text: str, s: int, e: int, t: _Tables) -> bool:
    """Is the sentence a description in the present tense ("iPhone 4 has a
    new frame")? Such a statement holds at the publication date."""
    words = [m.group().lower() for m in t.word.finditer(text, s, e)]
    for w in words:
        if w in t.lang.PAST_MARKERS or (len(w) > 4 and w.endswith("ed")):
            return False
        if w in t.lang.PRESENT_MARKERS:
            return True
    return False


def _at_dct(article: Article, s: int, e: int, sentence: tuple[int, int], t: _Tables) -> Event:
    dct = article.dct
    words = _words(article.body, s, e, t)
    return Event(
        start=s, end=e, text=article.body[s:e], when=When(dct.isoformat(), dct, dct, "day"), anchor="dct",
        timex=None, planned=False, reported=bool(words & t.reporting),
        entities=extract_entities(article.body, s, e, language=article.language or "en"), sentence=sentence,
        derivation=f"no date in the text: the article's publication date, {_day(dct)}",
    )


def _only_dates(text: str, s: int, e: int, inside: list[Timex], t: _Tables) -> bool:
    """Is the sentence nothing but its date expressions (and punctuation)?"""
    rest = text[s:e]
    for tx in sorted(inside, key=lambda x: -x.start):
        rest = rest[:tx.start - s] + rest[tx.end - s:]
    return not t.word.search(rest)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# --------------------------------------------------------------------------- explicit events

def _clauses(text: str, s: int, e: int, inside: list[int], timexes: Sequence[Timex],
             t: _Tables) -> list[tuple[int, int, int]]:
    """Cut a sentence into one clause per distinct date it carries.

    Expressions with the same value share a clause (one happening said
    twice). Between two dates the cut falls on the last clause starter
    ("that", "which", ",", "to", ...) before the second; a later clause ends
    at the first comma or semicolon after its date.
    """
    groups: list[list[int]] = []
    for i in inside:
        if groups and _same_time(timexes[groups[-1][-1]], timexes[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) == 1:
        best = min(groups[0], key=lambda i: _days(timexes[i]))
        insertion = _insertion(text, s, e, timexes[groups[0][0]].start, timexes[groups[0][-1]].end, t)
        if insertion:
            return [(*insertion, best)]
        return [(_reported_start(text, s, timexes[groups[0][0]].start, t), e, best)]
    cuts = [s]
    for a, b in zip(groups, groups[1:]):
        left, right = timexes[a[-1]].end, timexes[b[0]].start
        starts = [m.start() for m in t.starters.finditer(text, left, right)]
        cuts.append(starts[-1] if starts else right)
    out = []
    for n, g in enumerate(groups):
        cs = cuts[n]
        ce = cuts[n + 1] if n + 1 < len(groups) else e
        if n > 0:
            m = re.compile(r"[,;]").search(text, timexes[g[-1]].end, ce)
            if m:
                ce = m.start()
        cs, ce = _trim(text, cs, ce)
        out.append((cs, ce, min(g, key=lambda i: _days(timexes[i]))))
    return out


def _insertion(text: str, s: int, e: int, first: int, last: int, t: _Tables) -> tuple[int, int] | None:
    """The insertion between commas that holds ``first..last`` when it opens
    with one of the language's insertion starters ("Jobs, born ... 1955, has
    built ..."), else ``None``. The commas inside a date ("February 24,
    1955") are the date's own."""
    opening = text.rfind(",", s, first)
    closing = re.compile(r",").search(text, last, e)
    if opening < 0 or closing is None:
        return None
    word = re.compile(r"[^\W\d_]+").search(text, opening + 1, first)
    if word is None or word.group().lower() not in t.lang.INSERTION_STARTERS:
        return None
    if text[opening + 1:word.start()].strip():
        return None  # the starter must open the insertion
    return _trim(text, opening + 1, closing.start())


def _same_time(a: Timex, b: Timex) -> bool:
    """Do two dates of a sentence date the same happening? The same value,
    or one inside the other ("yesterday at WWDC 2010")."""
    if a.value == b.value:
        return True
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return False
    return (a.earliest <= b.earliest and b.latest <= a.latest) or (b.earliest <= a.earliest and a.latest <= b.latest)


def _days(t: Timex) -> int:
    if t.earliest is None or t.latest is None:
        return 10 ** 9
    return (t.latest - t.earliest).days


def _reported_start(text: str, s: int, at: int, t: _Tables) -> int:
    """Where the event starts when its date sits in a reported clause: "Jobs
    announced that Leopard would be released in 2007" dates the release, not
    the announcement (which the text leaves undated)."""
    for m in t.word.finditer(text, s, at):
        if m.group().lower() in t.reporting:
            nxt = t.starters.search(text, m.end(), at)
            if nxt and nxt.group().lower() in t.lang.REPORTED_CLAUSE_STARTERS:
                cs, _ = _trim(text, nxt.start(), at)
                return cs
    return s


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _explicit(article: Article, timexes: Sequence[Timex], ti: int, s: int, e: int,
              sentence: tuple[int, int], t: _Tables) -> Event:
    tx = timexes[ti]
    dct = article.dct
    if tx.value == "PRESENT_REF":
        when = When(dct.isoformat(), dct, dct, "day")
        anchor = "dct"
        derivation = f"‘{tx.text}’ in an article published {_day(dct)} → {human_date(when)}"
    else:
        when = When(tx.value, tx.earliest, tx.latest, tx.precision, tx.mod)
        # "the same day", "that year": the discourse carries a date over;
        # "the next day", "two weeks later": counted from the event before.
        anchor = "explicit" if tx.anchor != "previous" else (
            "inherited" if t.same.search(tx.text) else "relative")
        derivation = _derive(article, tx, when)
    words = _words(article.body, s, e, t)
    # Planned: the date lies ahead of the publication, or the clause says it
    # will happen ("will meet on Thursday"); a plan reported of a past day
    # ("vowed on Thursday to retaliate") dates the vow, not a plan.
    planned = (tx.earliest is not None and tx.earliest > dct) or (
        bool(words & t.lang.FUTURE_MODALS) and (tx.latest is None or tx.latest >= dct))
    return Event(
        start=s, end=e, text=article.body[s:e], when=when, anchor=anchor, timex=ti,
        planned=bool(planned), reported=bool(_words(article.body, *sentence, t) & t.reporting),
        entities=extract_entities(article.body, s, e, language=article.language or "en"),
        sentence=sentence, derivation=derivation,
    )


def _derive(article: Article, tx: Timex, when: When) -> str:
    label = human_date(when)
    if tx.anchor == "dct":
        return f"‘{tx.text}’ in an article published {_day(article.dct)} → {label}"
    if tx.anchor == "previous":
        return f"‘{tx.text}’, counted from the date mentioned before it → {label}"
    if tx.anchor == "none":
        return f"‘{tx.text}’ (no date to anchor it to) → {label}"
    return f"‘{tx.text}’ → {label}"


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _words(text: str, s: int, e: int, t: _Tables) -> set[str]:
    return {m.group().lower() for m in t.word.finditer(text, s, e)}


# --------------------------------------------------------------------------- inherited and relative events

def _linked(article: Article, events: list[Event], main: int, s: int, e: int, t: _Tables) -> Event | None:
    """An undated sentence that the discourse ties to the previous event: the
    main (first) event of the last sentence that had one, not a subordinate
    clause ("In addition," continues the sanctions, not the 2020 election
    they mention)."""
    text = article.body
    prev_index = main if main >= 0 else len(events) - 1
    prev = events[prev_index]
    head = _head(text, s, e, t.lang.RELATIVE_CUE_WINDOW)
    words = _words(text, s, e, t)
    planned = bool(words & t.planned) and not t.not_planned.search(text, s, e)
    common = dict(start=s, end=e, text=text[s:e], timex=None, follows=prev_index, planned=planned,
                  reported=bool(words & t.reporting), sentence=(s, e),
                  entities=extract_entities(text, s, e, language=article.language or "en"))
    cue = _cue(t.after, text, s, head, t.lang.RELATIVE_CUES_AT_START)
    if cue:
        start = prev.when.start if prev.when.start is not None else prev.when.end
        end = None if planned else article.dct
        when = When(None, start, end, None)
        return Event(when=when, anchor="relative",
                     derivation=f"‘{cue}’: after the event before it ({_chain_label(events, prev_index)}); "
                                "the text gives no date of its own", **common)
    cue = _cue(t.before, text, s, head, t.lang.RELATIVE_CUES_AT_START)
    if cue:
        when = When(None, None, prev.when.start, None)
        return Event(when=when, anchor="relative",
                     derivation=f"‘{cue}’: before the event before it ({_chain_label(events, prev_index)}); "
                                "the text gives no date of its own", **common)
    m = t.inherit.search(text, s, e)
    if m and (not planned or words & t.reporting) and prev.when.start is not None and prev.when.start > article.dct:
        # "Jobs also said ... will receive a refund" was said before the
        # publication: it takes no date still to come ("free until September 30")
        m = None
    if m and (m.group(1).lower() not in t.lang.INHERIT_CUES_AT_START or m.start() == _first_word(text, s, e)):
        return Event(when=prev.when, anchor="inherited",
                     derivation=f"‘{m.group(1)}’ carries over the date of the event before it "
                                f"({_chain_label(events, prev_index)})", **common)
    return None


def _chain_label(events: list[Event], i: int) -> str:
    """How to name the date of event ``i``: its own, or (relative events) the
    date it follows ("after mid-December 2020")."""
    steps = 0
    while events[i].when.value is None and events[i].follows is not None and steps < 50:
        i = events[i].follows
        steps += 1
    when = events[i].when
    if when.value is None:
        return "a date the text does not give"
    return human_date(when) if steps == 0 else f"after {human_date(when)}"


def _head(text: str, s: int, e: int, words: int) -> int:
    """End of the first ``words`` words of the sentence."""
    n = 0
    for m in re.finditer(r"\S+", text[s:e]):
        n += 1
        if n == words:
            return s + m.end()
    return e


def _first_word(text: str, s: int, e: int) -> int:
    m = re.compile(r"[\w]").search(text, s, e)
    return m.start() if m else s


def _cue(rx: re.Pattern[str], text: str, s: int, head: int, at_start: frozenset[str]) -> str | None:
    m = rx.search(text, s, head)
    if not m:
        return None
    if m.group(1).lower() in at_start and m.start() != _first_word(text, s, head):
        return None
    return m.group(1)
