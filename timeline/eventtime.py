"""When did each annotated event happen? Gold event days from TimeML, and the measure.

TimeBank and AQUAINT (TempEval-3 "TBAQ-cleaned") mark every event (``EVENT``)
and link some of them to a date (``TLINK`` from an event instance to a
``TIMEX3``). A link that puts the event inside a date with a calendar value
(the event ``IS_INCLUDED`` in, is ``SIMULTANEOUS`` with, ``DURING``,
``BEGINS`` or ``ENDS`` the date; the same read from the date's side) gives
the event's gold period: the day, month or year of that date. The document
creation time (``t0``) counts as a date: "said" linked to it happened on the
publication day. ``BEFORE``/``AFTER`` links to a date bound the event from
one side.

The measure asks, for every gold event with a period, which of our events
covers its token (the narrowest, as :func:`timeline.semeval.covering_event`)
and whether that event's date lies within the gold period (a day for a day,
inside the month for a month: never coarser than the gold). Scored as the
site shows events (undated sentences skipped: coverage and precision) and
with every sentence dated (``story``: accuracy), each next to the baseline
that puts every event at the publication date.

Nothing here is used to build a site; it is the yardstick of
:mod:`timeline.attach`.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.model import Article, Event, When
from timeline.timex.values import parse_value

#: Relations (event REL time) that put the event inside the time.
INSIDE = frozenset({"IS_INCLUDED", "SIMULTANEOUS", "DURING", "BEGINS", "ENDS", "IDENTITY"})
#: The same seen from the time (time REL event).
INSIDE_FROM_TIME = frozenset({"INCLUDES", "SIMULTANEOUS", "DURING", "BEGUN_BY", "ENDED_BY", "IDENTITY"})


@dataclass(frozen=True)
class GoldTimex:
    tid: str
    start: int
    end: int
    type: str
    value: str
    period: tuple[dt.date, dt.date] | None


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event: its token, and what the links say of its date.

    ``period`` is the narrowest calendar period a link puts it in (``None``
    when no link does, or two disagree); ``timex`` the id of that date
    (``t0`` is the publication date). ``not_after``/``not_before`` are
    bounds from ``BEFORE``/``AFTER`` links (the event ends before
    ``not_after``'s period starts ...)."""

    eid: str
    start: int
    end: int
    word: str
    cls: str
    tense: str = ""
    aspect: str = ""
    pos: str = ""
    period: tuple[dt.date, dt.date] | None = None
    timex: str | None = None
    not_after: dt.date | None = None
    not_before: dt.date | None = None


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    dct: dt.date
    text: str
    events: tuple[GoldEvent, ...]
    timexes: dict[str, GoldTimex] = field(default_factory=dict)

    def article(self) -> Article:
        return Article(path=f"timeml/{self.doc_id}.tml", title=self.doc_id, dct=self.dct, body=self.text)


def timex_period(type_: str, value: str) -> tuple[dt.date, dt.date] | None:
    """The days a DATE or TIME value covers, or ``None`` (durations, sets,
    ``PRESENT_REF``, underspecified values)."""
    if type_ not in ("DATE", "TIME") or not value:
        return None
    cal = parse_value(value)
    return cal.bounds() if cal is not None else None


def read_gold(path: str | Path, closure: bool = False) -> GoldDoc:
    """A TimeML file's text, events and the periods their links give them.

    With ``closure``, an event also takes the period of another event it is
    linked to as ``IDENTITY``, ``SIMULTANEOUS``, ``IS_INCLUDED`` or
    ``DURING`` (the other way round: ``INCLUDES``): a denser gold, closer to
    annotations that date every event."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or Path(path).stem).strip()
    dct_tag = root.find("DCT/TIMEX3")
    if dct_tag is None:
        raise ValueError(f"{path}: no DCT")
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", dct_tag.get("value", ""))
    if not m:
        raise ValueError(f"{path}: the DCT names no day")
    dct = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    timexes = {"t0": GoldTimex("t0", 0, 0, "DATE", dct.isoformat(), (dct, dct))}
    timexes[dct_tag.get("tid", "t0")] = timexes["t0"]
    pieces: list[str] = []
    raw_events: list[tuple[str, int, int, str, str]] = []
    size = 0

    def walk(node: ET.Element) -> None:
        nonlocal size
        if node.text:
            pieces.append(node.text)
            size += len(node.text)
        for child in node:
            start = size
            walk(child)
            if child.tag == "EVENT":
                raw_events.append((child.get("eid", ""), start, size, "".join(child.itertext()),
                                   child.get("class", "")))
            elif child.tag == "TIMEX3":
                tid = child.get("tid", "")
                timexes[tid] = GoldTimex(tid, start, size, child.get("type", ""), child.get("value", ""),
                                         timex_period(child.get("type", ""), child.get("value", "")))
            if child.tail:
                pieces.append(child.tail)
                size += len(child.tail)

    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{path}: no TEXT")
    walk(text_node)
    text = "".join(pieces)
    instances = {mi.get("eiid"): mi.attrib for mi in root.iter("MAKEINSTANCE")}
    eid_of = {k: v.get("eventID") for k, v in instances.items()}
    inside: dict[str, list[tuple[tuple[dt.date, dt.date], str]]] = {}
    before: dict[str, list[dt.date]] = {}
    after: dict[str, list[dt.date]] = {}
    within_event: dict[str, set[str]] = {}  # event -> events it lies within
    for link in root.iter("TLINK"):
        rel = link.get("relType", "")
        a, b = eid_of.get(link.get("eventInstanceID")), eid_of.get(link.get("relatedToEventInstance"))
        if a and b:
            if rel in ("IDENTITY", "SIMULTANEOUS"):
                within_event.setdefault(a, set()).add(b)
                within_event.setdefault(b, set()).add(a)
            elif rel in ("IS_INCLUDED", "DURING"):
                within_event.setdefault(a, set()).add(b)
            elif rel == "INCLUDES":
                within_event.setdefault(b, set()).add(a)
            continue
        if link.get("eventInstanceID") and link.get("relatedToTime"):
            eid, tid, forward = eid_of.get(link.get("eventInstanceID")), link.get("relatedToTime"), True
        elif link.get("timeID") and link.get("relatedToEventInstance"):
            eid, tid, forward = eid_of.get(link.get("relatedToEventInstance")), link.get("timeID"), False
        else:
            continue
        tx = timexes.get(tid)
        if eid is None or tx is None or tx.period is None:
            continue
        if rel in (INSIDE if forward else INSIDE_FROM_TIME):
            inside.setdefault(eid, []).append((tx.period, tid))
        elif (rel, forward) in (("BEFORE", True), ("AFTER", False), ("IBEFORE", True), ("IAFTER", False)):
            # before the publication *time*: the publication day itself is still possible
            before.setdefault(eid, []).append(tx.period[0] + dt.timedelta(days=tid == "t0"))
        elif (rel, forward) in (("AFTER", True), ("BEFORE", False), ("IAFTER", True), ("IBEFORE", False)):
            after.setdefault(eid, []).append(tx.period[1] - dt.timedelta(days=tid == "t0"))
    if closure:
        changed = True
        while changed:
            changed = False
            for eid, others in sorted(within_event.items()):
                for other in sorted(others):
                    for period, tid in list(inside.get(other, [])):
                        if (period, tid) not in inside.get(eid, []):
                            inside.setdefault(eid, []).append((period, tid))
                            changed = True
    events = []
    for eid, s, e, word, cls in raw_events:
        inst = next((v for v in instances.values() if v.get("eventID") == eid), {})
        period, tid = _narrowest(inside.get(eid, []))
        events.append(GoldEvent(
            eid, s, e, word, cls, inst.get("tense", ""), inst.get("aspect", ""), inst.get("pos", ""),
            period, tid, min(before[eid]) if eid in before else None, max(after[eid]) if eid in after else None))
    return GoldDoc(doc_id, dct, text, tuple(events), timexes)


def _narrowest(periods: list[tuple[tuple[dt.date, dt.date], str]]
               ) -> tuple[tuple[dt.date, dt.date] | None, str | None]:
    """The narrowest of the periods; ``None`` when two of them don't nest
    (the links disagree)."""
    if not periods:
        return None, None
    ordered = sorted(periods, key=lambda p: ((p[0][1] - p[0][0]).days, p[1]))
    best, tid = ordered[0]
    for (lo, hi), _ in ordered[1:]:
        if not (lo <= best[0] and best[1] <= hi):
            return None, None
    return best, tid


def read_corpus(folders: Iterable[str | Path], exclude: frozenset[str] = frozenset(),
                closure: bool = False) -> list[GoldDoc]:
    """Every ``.tml`` of ``folders`` (sorted) whose id is not in ``exclude``."""
    docs = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.tml")):
            if path.stem not in exclude:
                docs.append(read_gold(path, closure))
    return docs


def development(benchmarks: str | Path) -> tuple[Path, frozenset[str]]:
    """The TimeML folder of ``benchmarks`` and the documents held out of
    event-dating work; :class:`FileNotFoundError` naming the folder when
    TimeBank isn't there."""
    timeml = Path(benchmarks) / "timeml"
    if not (timeml / "timebank").is_dir():
        raise FileNotFoundError(f"no TimeBank under {timeml}")
    return timeml, held_out(benchmarks)


def held_out(benchmarks: str | Path) -> frozenset[str]:
    """The document ids that ``HELD-OUT.md`` keeps out of event-dating work."""
    path = Path(benchmarks) / "HELD-OUT.md"
    if not path.is_file():
        return frozenset()
    return frozenset(re.findall(r"\b(?:[A-Z]{2,}\d[\w.-]*\d|[a-z]{2}\d{6}\.\d{4}\.\d{4})\b", path.read_text()))


# --------------------------------------------------------------------------- the measure

def covering(events: Sequence[Event], start: int, end: int) -> Event | None:
    """The narrowest of ``events`` whose span covers ``[start, end)``."""
    best = None
    for e in events:
        if e.start <= start and end <= e.end and (best is None or e.end - e.start < best.end - best.start):
            best = e
    return best


def dated(ev: Event | None) -> bool:
    return ev is not None and ev.when.value is not None and ev.when.start is not None and ev.when.end is not None


def within(when: When, period: tuple[dt.date, dt.date]) -> bool:
    """Does ``when`` lie in the gold period (as precise as it, or more)?"""
    return period[0] <= when.start and when.end <= period[1]


@dataclass
class Tally:
    """Counts for one group of gold events."""

    events: int = 0  # gold events with a period
    dated: int = 0  # ... that an event of ours dates
    right: int = 0  # ... correctly
    dct_right: int = 0  # ... where the publication date would be right
    contradicted: int = 0  # dated events of ours that a BEFORE/AFTER link rules out

    def add(self, other: "Tally") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def coverage(self) -> float:
        return self.dated / self.events if self.events else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.dated if self.dated else 0.0

    @property
    def dct_precision(self) -> float:
        return self.dct_right / self.dated if self.dated else 0.0


def score_doc(doc: GoldDoc, events: Sequence[Event], group=None) -> dict[str, Tally]:
    """Tallies of one document, by ``group(doc, gold_event, our_event)`` (one
    key ``all`` when ``group`` is ``None``)."""
    out: dict[str, Tally] = {}
    dct = doc.dct
    for g in doc.events:
        if g.period is None:
            continue
        ev = covering(events, g.start, g.end)
        key = group(doc, g, ev) if group else "all"
        t = out.setdefault(key, Tally())
        t.events += 1
        if not dated(ev):
            continue
        t.dated += 1
        t.right += within(ev.when, g.period)
        t.dct_right += g.period[0] <= dct <= g.period[1]
        t.contradicted += contradicted(g, ev.when)
    return out


def contradicted(g: GoldEvent, when: When) -> bool:
    """Does a BEFORE/AFTER link of the gold event rule out ``when``?"""
    if g.not_after is not None and when.start >= g.not_after:
        return True
    return g.not_before is not None and when.end <= g.not_before
