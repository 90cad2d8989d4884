"""Events: what happened when, one article at a time.

``extract_events(article, timexes)`` turns the sentences of an article into
the dated happenings a timeline shows. A happening becomes an event when

* a date of the sentence modifies it (``explicit``): the words that date
  attaches to, as :mod:`timeline.attach` finds them ("The ministry said on
  Tuesday | that the envoy left last week" is two events; in "Stocks rose
  2%, nearing the record set on Aug. 6" only the record is dated);
* its clause speaks of the present ("officials say", "police are
  investigating", "the company has 12 million shares", or "now",
  "currently"): the publication day (``dct``);
* it opens with discourse that carries the previous event's date over
  ("In addition,", "also", "the same day": ``inherited``); a title line
  takes the date its lead sentence gives the same happening;
* it places itself after or before the previous event without a date of its
  own ("Subsequently", "later", "before that": ``relative``; no value, the
  earliest day it can be as ``when.start``).

Everything else stays undated, whatever other dates stand in its sentence:
the timeline never dates what the text leaves undated. Pure: no I/O, no
MkDocs; English cues live in ``timeline/lang/en_events.py`` and
``timeline/lang/en_attach.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Iterable, Sequence

from timeline import attach
from timeline.entities import entities_within, names_found
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
    return _Tables(
        lang=lang,
        inherit=re.compile(rf"(?<![\w-])({_phrases(lang.INHERIT_CUES)})(?![\w-])", re.I),
        after=re.compile(rf"(?<![\w-])({_phrases(lang.AFTER_CUES)})(?![\w-])", re.I),
        before=re.compile(rf"(?<![\w-])({_phrases(lang.BEFORE_CUES)})(?![\w-])", re.I),
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
    headline: tuple[int, int, int] | None = None  # a title line: dated by its lead sentence, if it tells its date
    k = 0
    first = True
    at = _Position(text)
    for n, (s, e) in enumerate(sentences(text, article.language or "en")):
        at.advance(s)
        if text.startswith(t.lang.SKIP_PREFIXES, at.line):
            continue
        if first and _is_dateline(text, s, e):
            first = False
            continue  # "HAVANA (AP) --": where the story was filed
        if first and _is_headline(text, s, e, timexes, dating):
            headline = (s, e, n)
            first = False
            continue
        first = False
        inside: list[int] = []
        while k < len(dating) and timexes[dating[k]].start < e:
            if timexes[dating[k]].start >= s:
                inside.append(dating[k])
            k += 1
        ev = None
        if inside and not _words_outside(text, s, e, [(timexes[i].start, timexes[i].end) for i in inside], t):
            continue  # a dateline ("June 7, 2010"): it dates the article, not a happening
        if not inside and not attach.may_be_present(text, s, e, article.language or "en"):
            sent = None  # nothing dates it, nothing in it is in the present: no closer reading needed
        else:
            sent = attach.analyze(text, s, e, inside, timexes, article.dct, article.language or "en")
        found = sent.scopes() if inside else []
        if found:
            last = n
            verb = sent.main_verb()
            # "also", "in addition" in a later sentence continue the main clause's happening,
            # not a date inside it ("who remembers the 1956 uprising, said ...")
            # the sentence's other happenings, outside every scope: the story's day (or the publication's)
            other = undated != UNDATED_SKIP and _words_outside(text, s, e, [(sc.start, sc.end) for sc in found], t)
            main = next((len(events) + i + other
                         for i, sc in enumerate(found)
                         if sc.role != attach.NOMINAL and verb is not None and sc.start <= verb < sc.end
                         and timexes[sc.timex].value != "PRESENT_REF"), -1)  # "now" states no happening
            if other:
                events.append(_fallback(article, story, undated, s, e, (s, e), t))
            for sc in found:
                ev = _explicit(article, timexes, sc, (s, e), t)
                events.append(ev)
                if _story_day(article, ev):
                    story = ev
            events.extend(_now(article, sent, s, e, t, at, found, timexes))  # "... the company says it is confident"
            continue
        now = _now(article, sent, s, e, t, at) if sent is not None else []
        verb = sent.main_verb() if now else None
        if events and main >= 0 and n - last <= LINK_SENTENCES and not any(
                verb is not None and x.start <= verb < x.end for x in now):
            # (a sentence whose main clause is in the present speaks of the publication,
            # "also" or not: "It also has a new screen")
            ev = _linked(article, events, main, s, e, t)
        if ev is None:
            if now:
                if undated != UNDATED_SKIP and _words_outside(text, s, e, [(x.start, x.end) for x in now], t):
                    events.append(_fallback(article, story, undated, s, e, (s, e), t))
                # a state at the publication is no happening that "also" or "later" continues
                events.extend(now)
                continue
        if ev is None and undated != UNDATED_SKIP:
            ev = _fallback(article, story, undated, s, e, (s, e), t)
        if ev is not None:
            main, last = len(events), n
            events.append(ev)
    if headline is not None:
        events = _with_headline(article, events, headline, undated, t)
    return tuple(events)


def _ends_its_line(text: str, e: int) -> bool:
    """Is there nothing but blanks after ``e`` on its line?"""
    line_end = text.find("\n", e)
    return not text[e:line_end if line_end >= 0 else len(text)].strip()


def _is_dateline(text: str, s: int, e: int) -> bool:
    """Is the article's first sentence a dateline on a line of its own, a
    place and an agency ended by a dash ("NAIROBI, Kenya (AP) _")?"""
    words = text[s:e].split()
    return _ends_its_line(text, e) and len(words) <= 8 and words[-1] in ("--", "-", "_", "—", "–")


def _is_headline(text: str, s: int, e: int, timexes: Sequence[Timex], dating: Sequence[int]) -> bool:
    """Is the article's first sentence a title line ("Apple unveils iPhone 4"):
    a line of its own without closing punctuation and without a date?"""
    if not _ends_its_line(text, e) or text[s:e].rstrip()[-1:] in ".!?\"”'’:;-_—–" or len(text[s:e].split()) > 20:
        return False  # (a dash ends a dateline, "HAVANA (AP) --", not a title)
    return not any(s <= timexes[i].start < e for i in dating)


def _with_headline(article: Article, events: list[Event], headline: tuple[int, int, int], undated: str,
                   t: _Tables) -> list[Event]:
    """Put the title line first: it tells the happening its lead sentence
    dates ("Apple unveils iPhone 4" / "... unveiled the phone on Monday"),
    so it takes the date of the lead's first explicit event that shares a
    word with it; else it is undated (or follows the policy)."""
    s, e, n = headline
    body = article.body
    words = _content_prefixes(body[s:e], t)
    lead = next((ev for ev in events[:6] if ev.anchor == "explicit" and ev.when.value is not None
                 and ev.when.start is not None and ev.when.start == ev.when.end
                 and words & _content_prefixes(body[slice(*ev.shown_span)], t)), None)
    if lead is not None:
        from dataclasses import replace
        head = replace(_at_dct(article, s, e, (s, e), t), when=lead.when, anchor="inherited", follows=None,
                       derivation=f"the headline’s happening, dated by its lead sentence ({human_date(lead.when)}, "
                                  f"from ‘{lead.text[:40]}’)")
    elif undated != UNDATED_SKIP:
        head = _fallback(article, None, undated, s, e, (s, e), t)
    else:
        return events
    shifted = [ev if ev.follows is None else replace_follows(ev, ev.follows + 1) for ev in events]
    return [head, *shifted]


def replace_follows(ev: Event, follows: int) -> Event:
    from dataclasses import replace
    return replace(ev, follows=follows)


def _content_prefixes(text: str, t: _Tables) -> set[str]:
    """The first five letters of the longer words: "unveils" and "unveiled" share "unvei"."""
    return {m.group().lower()[:5] for m in t.word.finditer(text)
            if len(m.group()) > 3 and m.group().lower() not in t.lang.HEADLINE_STOP}


def sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """The sentences of ``text``. Text that comes tokenized, one sentence a
    line ("Apple 's shares fell ."), is split at its line breaks: a title
    line without a final period is a sentence of its own there."""
    # (" ." or " ,": a quick look for what the pattern needs before reading the text with it)
    if (" ." in text or " ," in text) and _TOKENIZED.search(text) \
            and len(_TOKENIZED.findall(text)) * 40 > len(text.split("\n")):
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
    return (ev.anchor == "explicit" and w.precision == "day" and w.start is not None and w.start == w.end
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


def _at_dct(article: Article, s: int, e: int, sentence: tuple[int, int], t: _Tables,
            shown: tuple[int, int] | None = None, derivation: str | None = None) -> Event:
    dct = article.dct
    words = _words(article.body, s, e, t)
    return Event(
        start=s, end=e, text=article.body[s:e], when=When(dct.isoformat(), dct, dct, "day"), anchor="dct",
        timex=None, planned=False, reported=bool(words & t.reporting),
        entities=_entities(article.body, shown or (s, e), sentence, article.language or "en"), sentence=sentence,
        derivation=derivation or f"no date in the text: the article's publication date, {_day(dct)}", shown=shown,
    )


def _now(article: Article, sent: attach.Sentence, s: int, e: int, t: _Tables, at: "_Position",
         found: Sequence[attach.Scope] = (), timexes: Sequence[Timex] = ()) -> list[Event]:
    """The clauses of a sentence that speak of the present ("officials say",
    "police are investigating", "the company has 12 million shares"): they
    hold at the publication. A clause inside a scope, or overlapping a scope
    dated the publication day, is already dated."""
    out = []
    scopes = attach.Overlaps([(sc.start, sc.end, sc) for sc in found])
    for (cs, ce, kind, shown), verb in zip(sent.present(at.in_quotation()), sent.present_verbs):
        if any(sc.start <= cs and ce <= sc.end or (
                timexes[sc.timex].value == "PRESENT_REF" or timexes[sc.timex].earliest == article.dct
                == timexes[sc.timex].latest) for sc in scopes.around(cs, ce)):
            continue
        out.append(_at_dct(article, cs, ce, (s, e), t, shown=shown,
                           derivation=f"‘{verb}’ is in the present tense: "
                                      f"it speaks of the article's publication, {_day(article.dct)}"))
    return out


class _Position:
    """Where the sentences of one article stand, read in one pass as they
    come in text order: the start of each one's line, and whether it opens
    inside a quotation that an earlier sentence of its paragraph opened
    (“... . That's the luck of the draw.”). Looking back from every
    sentence instead would take time with the square of a long paragraph."""

    _MARKS = ("“", "``", "”", "''", '"')

    def __init__(self, text: str):
        self.text = text
        self.pos = 0  # the sentence start read up to
        self.line = 0  # the start of the line holding pos
        self.para = 0  # the start of the paragraph holding pos
        self.counts = [0] * len(self._MARKS)  # marks in text[para:pos]

    def advance(self, s: int) -> None:
        text, pos = self.text, self.pos
        if s <= pos:
            return
        nl = text.rfind("\n", pos, s)
        if nl >= 0:
            self.line = nl + 1
        br = text.rfind("\n\n", max(pos - 1, 0), s)
        if br >= 0 or text[pos - 1:pos + 1] in ("``", "''"):
            # a new paragraph, or a two-character mark cut at pos: count afresh
            self.para = br + 1 if br >= 0 else self.para
            chunk = text[self.para:s]
            self.counts = [chunk.count(m) for m in self._MARKS]
        else:
            chunk = text[pos:s]
            self.counts = [c + chunk.count(m) for c, m in zip(self.counts, self._MARKS)]
        self.pos = s

    def in_quotation(self) -> bool:
        left, left_ascii, right, right_ascii, straight = self.counts
        opened = left + left_ascii - right - right_ascii
        return opened > 0 or (opened == 0 and straight % 2 == 1)


def _entities(text: str, span: tuple[int, int], sentence: tuple[int, int], language: str = "en") -> tuple[str, ...]:
    """The names an event's words mention: the sentence is read for names
    once, each of its events takes those inside its words."""
    return entities_within(_names(text, *sentence, language), *span, language=language)


@lru_cache(maxsize=256)
def _names(text: str, s: int, e: int, language: str) -> list:
    return names_found(text, s, e, language=language)


def _words_outside(text: str, s: int, e: int, spans: Iterable[tuple[int, int]], t: _Tables) -> bool:
    """Does ``text[s:e]`` hold a word outside all of ``spans``? (Its dates
    only: a dateline; its scopes: other happenings the sentence tells.)"""
    pos = s
    for a, b in sorted(spans):
        if a > pos and t.word.search(text, pos, a):
            return True
        pos = max(pos, b)
    return t.word.search(text, pos, e) is not None


# --------------------------------------------------------------------------- explicit events

def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _explicit(article: Article, timexes: Sequence[Timex], sc: attach.Scope,
              sentence: tuple[int, int], t: _Tables) -> Event:
    ti, s, e = sc.timex, sc.start, sc.end
    tx = timexes[ti]
    dct = article.dct
    if sc.role in (attach.DEADLINE, attach.BEFORE, attach.AFTER, attach.UNTIL) and tx.earliest is not None:
        return _bounded(article, tx, sc, sentence, t)
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
        if sc.role == attach.SINCE:
            when = When(tx.value, tx.earliest, tx.latest, tx.precision, "SINCE")  # placed where it began
        elif ((sc.past or tx.tense == "past") and tx.mod is None and tx.earliest is not None
              and tx.latest is not None and tx.earliest < dct < tx.latest):
            # "has filed a lawsuit this week": done by the publication, not later in the week
            when = When(tx.value, tx.earliest, dct, tx.precision, tx.mod)
        derivation = _derive(article, tx, when)
    words = _words(article.body, s, e, t)
    # Planned: the date lies ahead of the publication, or the clause says it
    # will happen ("will meet on Thursday"); a plan reported of a past day
    # ("vowed on Thursday to retaliate") dates the vow, not a plan.
    planned = (tx.earliest is not None and tx.earliest > dct) or (
        bool(words & t.lang.FUTURE_MODALS) and (tx.latest is None or tx.latest >= dct))
    return Event(
        start=s, end=e, text=article.body[s:e], when=when, anchor=anchor, timex=ti,
        planned=bool(planned), reported=_reported(article.body, *sentence, article.language or "en"),
        entities=_entities(article.body, sc.shown or (s, e), sentence, article.language or "en"),
        sentence=sentence, derivation=derivation, shown=sc.shown,
    )


def _bounded(article: Article, tx: Timex, sc: attach.Scope, sentence: tuple[int, int], t: _Tables) -> Event:
    """A happening bounded by its date: "by 2012" (a deadline: on or before
    it; planned when still to come), "until 2014" (a state lasting until
    then), "before 1990", "after the 2012 vote". Still to come, it runs
    from the publication to the bound; past, its start is unknown."""
    dct = article.dct
    words = _words(article.body, sc.start, sc.end, t)
    if sc.role == attach.AFTER:
        start, end, mod = tx.latest + dt.timedelta(days=1), None, "AFTER"
        planned = start > dct or bool(words & t.lang.FUTURE_MODALS)
        if not planned:
            end = dct
    else:
        end = tx.earliest - dt.timedelta(days=1) if sc.role == attach.BEFORE else tx.latest
        mod = {attach.DEADLINE: "BY", attach.UNTIL: "UNTIL"}.get(sc.role, "BEFORE")
        planned = end >= dct and (sc.role != attach.BEFORE or bool(words & t.lang.FUTURE_MODALS))
        start = dct if planned else None
    when = When(tx.value, start, end, tx.precision, mod)
    return Event(
        start=sc.start, end=sc.end, text=article.body[sc.start:sc.end], when=when, anchor="explicit",
        timex=sc.timex, planned=planned, reported=_reported(article.body, *sentence, article.language or "en"),
        entities=_entities(article.body, sc.shown or (sc.start, sc.end), sentence, article.language or "en"),
        sentence=sentence, derivation=f"‘{article.body[tx.start:tx.end]}’ bounds the happening → {human_date(when)}",
        shown=sc.shown,
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


@lru_cache(maxsize=1024)
def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _words(text: str, s: int, e: int, t: _Tables) -> set[str]:
    return {w.lower() for w in t.word.findall(text, s, e)}


@lru_cache(maxsize=256)
def _reported(text: str, s: int, e: int, language: str) -> bool:
    """Does the sentence ``text[s:e]`` report ("said", "according to")?
    Read once for all of its events."""
    t = _tables(language)
    return bool(_words(text, s, e, t) & t.reporting)


# --------------------------------------------------------------------------- inherited and relative events

def _linked(article: Article, events: list[Event], main: int, s: int, e: int, t: _Tables) -> Event | None:
    """An undated sentence that the discourse ties to the previous event: the
    main (first) event of the last sentence that had one, not a subordinate
    clause ("In addition," continues the sanctions, not the 2020 election
    they mention)."""
    text = article.body
    prev_index = main
    prev = events[prev_index]
    head = _head(text, s, e, t.lang.RELATIVE_CUE_WINDOW)
    words = _words(text, s, e, t)
    planned = bool(words & t.planned) and not t.not_planned.search(text, s, e)
    common = dict(start=s, end=e, text=text[s:e], timex=None, follows=prev_index, planned=planned,
                  reported=bool(words & t.reporting), sentence=(s, e),
                  entities=_entities(text, (s, e), (s, e), article.language or "en"))
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
    if m and (not planned or words & t.reporting) and (prev.planned or prev.when.start is not None
                                                        and prev.when.start > article.dct):
        # "Jobs also said ... will receive a refund" was said before the
        # publication: it takes no date still to come ("free until September 30")
        m = None
    if m and words & t.lang.CONJECTURE:
        m = None  # "The rifle might also have clothing fibers": a guess, no happening of that day
    if m and (m.group(1).lower() not in t.lang.INHERIT_CUES_AT_START or m.start() == _first_word(text, s, e)):
        if prev.when.end is not None and prev.when.end < article.dct:
            common["planned"] = False  # "The proposal also called for ...": a day gone by is no plan
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
