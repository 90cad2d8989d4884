"""SemEval-2015 Task 4 (TimeLine) data, and the anchoring measure.

The task's articles come as CAT XML (tokens with sentence ids, the DCT, gold
event mentions) and its gold timelines as lines of
``order<TAB>anchor<TAB>docid-sentence-token ...``. We turn each article into
plain text the way the held-out test gives it to us (its tokens joined by
spaces, one sentence a line, the title first), run our pipeline on it, and
ask, for every gold event mention: does the event of ours that covers its
token carry the gold anchor, compared at the gold anchor's granularity
(``2008-01-09`` a day, ``2008-01-XX`` a month, ``2008-XX-XX`` a year,
``XXXX-XX-XX`` not on the timeline)?
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.eventtime import Tally
from timeline.model import Article, Event, When


@dataclass(frozen=True)
class Token:
    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CatDoc:
    """One CAT article as plain text: ``tokens`` give offsets into ``text``."""

    doc_id: str
    name: str
    dct: dt.date
    text: str
    tokens: tuple[Token, ...]

    def article(self) -> Article:
        title = self.text.split("\n", 1)[0]
        return Article(path=f"semeval/{self.name}.txt", title=title, dct=self.dct, body=self.text)

    def find(self, sentence: int, word: str) -> Token | None:
        """The first token of ``sentence`` that reads ``word`` (a multi-word
        mention such as ``court_case`` or ``taking_out``: its first word;
        case is ignored)."""
        first = word.split("_")[0].lower()
        for t in self.tokens:
            if t.sentence == sentence and t.text.lower() == first:
                return t
        return None


def read_cat(path: str | Path) -> CatDoc:
    """Read a CAT XML file: tokens joined by spaces, one sentence a line."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or Path(path).stem.split("_")[0].split("-")[0]
    name = (root.get("doc_name") or Path(path).stem).removesuffix(".txt").removesuffix(".xml")
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME" and tx.get("value"):
            dct = dt.date.fromisoformat(tx.get("value")[:10])
    if dct is None:
        raise ValueError(f"{path}: no document creation time")
    lines: list[str] = []
    tokens: list[Token] = []
    pos = 0
    current = None
    line: list[str] = []
    for tok in root.iter("token"):
        s = int(tok.get("sentence"))
        word = tok.text or ""
        if current is not None and s != current:
            lines.append(" ".join(line))
            pos += len(lines[-1]) + 1
            line = []
        current = s
        start = pos + sum(len(w) + 1 for w in line)
        tokens.append(Token(s, word, start, start + len(word)))
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return CatDoc(doc_id, name, dct, "\n".join(lines), tuple(tokens))


@dataclass(frozen=True)
class GoldMention:
    timeline: str
    order: int
    anchor: str
    doc_id: str
    sentence: int
    word: str
    line: int = 0  # mentions on one line of the gold timeline are one happening


def read_gold_timeline(path: str | Path) -> list[GoldMention]:
    """Gold event mentions of one timeline file (the first line names the entity)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    name = lines[0].strip() if lines else Path(path).stem
    out = []
    for number, line in enumerate(lines[1:], start=1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        order, anchor = int(parts[0]), parts[1]
        for mention in parts[2:]:
            m = re.fullmatch(r"(\d+)-(\d+)-(.+)", mention.strip())
            if m:
                out.append(GoldMention(name, order, anchor, m.group(1), int(m.group(2)), m.group(3), number))
    return out


def gold_period(gold: str) -> tuple[dt.date, dt.date] | None:
    """The days a gold anchor covers (``2008-01-XX``: January 2008), or
    ``None`` for ``XXXX-XX-XX`` (not on the timeline)."""
    parts = (gold.split("-") + ["XX", "XX"])[:3]
    if parts[0].startswith("X"):
        return None
    y = int(parts[0])
    if parts[1].startswith("X"):
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = int(parts[1])
    if parts[2].startswith("X"):
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    d = dt.date(y, m, int(parts[2]))
    return d, d


def granular_match(gold: str, when: When | None) -> bool:
    """Does our date carry the gold anchor at the gold's granularity? It must
    lie within the gold's day, month or year (a coarser date of ours never
    matches a finer gold anchor); ``XXXX-XX-XX`` matches only an undated
    event (no event, or a relative one without a date of its own)."""
    period = gold_period(gold)
    if when is None or when.value is None or when.start is None or when.end is None:
        return period is None
    if period is None:
        return False
    return period[0] <= when.start and when.end <= period[1]


def covering_event(events: Sequence[Event], start: int, end: int, strict: bool = False) -> Event | None:
    """The narrowest event whose span covers the token ``[start, end)``; if
    none does, the sentence's clause event that the token trails (the last
    one that starts before it: ", later revealing he had undergone ..."
    belongs to "took six months off in early 2009"), else the sentence's
    first event."""
    best = None
    for e in events:
        if e.start <= start and end <= e.end and (best is None or e.end - e.start < best.end - best.start):
            best = e
    if best is None and not strict:
        same = [e for e in events if e.sentence[0] <= start and end <= e.sentence[1]]
        before = [e for e in same if e.start <= start]
        return before[-1] if before else (same[0] if same else None)
    return best


@dataclass(frozen=True)
class Score:
    mentions: int
    found: int  # gold mentions whose token we could locate
    ours: int  # anchors of ours that match
    dct: int  # the baseline: every event at its article's DCT

    @property
    def accuracy(self) -> float:
        return self.ours / self.mentions if self.mentions else 0.0

    @property
    def baseline(self) -> float:
        return self.dct / self.mentions if self.mentions else 0.0


def locate(g: GoldMention, docs: dict[str, CatDoc], events: dict[str, Sequence[Event]], strict: bool = False
           ) -> tuple[Token | None, Event | None]:
    """The token of a gold mention and the event of ours that covers it
    (with ``strict``, only an event whose span holds the token)."""
    doc = docs.get(g.doc_id)
    tok = doc.find(g.sentence, g.word) if doc else None
    if tok is None:
        return None, None
    return tok, covering_event(events[g.doc_id], tok.start, tok.end, strict)


def score(gold: Iterable[GoldMention], docs: dict[str, CatDoc], events: dict[str, Sequence[Event]]) -> Score:
    n = found = ours = base = 0
    for g in gold:
        n += 1
        tok, ev = locate(g, docs, events)
        if tok is None:
            continue
        found += 1
        dct = docs[g.doc_id].dct
        ours += granular_match(g.anchor, ev.when if ev else None)
        base += granular_match(g.anchor, When(dct.isoformat(), dct, dct, "day"))
    return Score(n, found, ours, base)


@dataclass(frozen=True)
class MergeScore:
    """How a timeline built from all the articles shows the happenings that
    the gold timelines report from several articles (one gold line whose
    mentions come from two or more articles): ``shown`` counts those whose
    mentions land on the timeline in events of two or more articles, ``once``
    those of them that are one entry there."""

    repeated: int
    shown: int
    once: int


def merge_score(gold: Iterable[GoldMention], docs: dict[str, CatDoc], events: dict[str, Sequence[Event]],
                entry_of: dict[tuple[str, int], int]) -> MergeScore:
    """``entry_of`` maps (doc id, event start) to the timeline entry that
    holds the event."""
    lines: dict[tuple[str, int], list[GoldMention]] = {}
    for g in gold:
        lines.setdefault((g.timeline, g.line), []).append(g)
    # One happening may be on several entities' timelines: count it once.
    happenings = {frozenset((g.doc_id, g.sentence, g.word) for g in ms): ms for ms in lines.values()}
    repeated = shown = once = 0
    for mentions in happenings.values():
        if len({g.doc_id for g in mentions}) < 2:
            continue
        repeated += 1
        placed: list[tuple[str, int]] = []
        for g in mentions:
            _, ev = locate(g, docs, events)
            if ev is not None and (g.doc_id, ev.start) in entry_of:
                placed.append((g.doc_id, entry_of[(g.doc_id, ev.start)]))
        if len({d for d, _ in placed}) >= 2:
            shown += 1
            once += len({e for _, e in placed}) == 1
    return MergeScore(repeated, shown, once)


def site_score(gold: Iterable[GoldMention], docs: dict[str, CatDoc], events: dict[str, Sequence[Event]]) -> Tally:
    """The anchored gold mentions as the site dates them (events extracted
    with undated sentences skipped): how many an event of ours holding the
    mention's token dates, how many of those carry the gold's date, and how
    many the publication date would get right (a :class:`~timeline.eventtime.Tally`)."""
    found = dated = right = dct = 0
    for g in gold:
        tok, ev = locate(g, docs, events, strict=True)
        if tok is None:
            continue
        found += 1
        if ev is None or ev.when.value is None or ev.when.start is None or ev.when.end is None:
            continue
        dated += 1
        right += granular_match(g.anchor, ev.when)
        d = docs[g.doc_id].dct
        dct += granular_match(g.anchor, When(d.isoformat(), d, d, "day"))
    return Tally(events=found, dated=dated, right=right, dct_right=dct)
