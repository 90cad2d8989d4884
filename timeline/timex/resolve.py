"""Phase 2: give every recognized expression its value, in text order.

Anchors (see DESIGN.md, "resolve"):

* news: expressions that need the publication date get the DCT; yearless
  dates ("in December", "Thursday") get the DCT and the direction of their
  clause (past: on or before, future: on or after);
* narrative: both anchor to the previous mention instead;
* expressions that name the previous mention ("two days later", "that
  year", "the following month") anchor to it in both modes.

With no anchor the value stays underspecified (``XXXX``): never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.model import DATE, DURATION, SET, TIME, Timex
from timeline.timex.builders import NEED_DCT, NEED_REF, NEED_YEAR, Pending
from timeline.timex.recognize import FUTURE, PAST, REPORTED
from timeline.timex.values import PRECISION, Cal, at, rank

NEWS, NARRATIVE = "news", "narrative"

#: How far back (characters) a financial period mention still anchors
#: "a year ago" / "year-earlier" to the same period of the previous year.
PERIOD_WINDOW = 400
#: How far back (characters) "the year" / "the week" in news looks for a date
#: before falling back to the publication date.
NEAR_WINDOW = 250


def direction(tense: str | None) -> int:
    """One direction function for every granularity: past -1, future +1,
    otherwise 0 (the anchor's own period; weekdays treat 0 as past)."""
    if tense == PAST:
        return -1
    if tense == FUTURE:
        return 1
    return 0


@dataclass
class _Mention:
    cal: Cal
    end: int
    derived: bool  # shifted from an earlier mention ("a year earlier")
    bounds: tuple[dt.date, dt.date] | None = None  # narrowed by its mod ("early March": 1-10 March)


#: How vague (days) a mention may be to anchor an expression of each
#: granularity: "two days later" counts from a month ("early March"), not
#: from a year; "the following month" from a year.
COARSE_SPAN = {"day": 31, "week": 92, "month": 366, "quarter": 366, "season": 366, "half": 366, "year": 3653}

#: In a narrative, an explicit year this far from the story's own years is
#: an aside (a comparison, a book's date) and anchors nothing after it.
ASIDE_YEARS = 30


def resolve(pendings: list[Pending], text: str, dct: dt.date | None, mode: str = NEWS) -> list[Timex]:
    dct_cal = at(dct, "day") if dct is not None else None
    mentions: list[_Mention] = []
    story = _story_year(pendings) if mode == NARRATIVE else None
    out: list[Timex] = []
    for p in pendings:
        if mode == NEWS and p.extra.get("narrative_only"):
            continue
        cal: Cal | None = None
        value: str | None = p.value
        anchor_kind = "absolute"
        anchor = None
        if value is None and p.cal is not None:
            cal = p.cal
        elif value is None and p.fn is not None:
            anchor, anchor_kind = _anchor(p, dct_cal, mentions, mode)
            # A story moves on from its last date: tense says nothing about
            # which side of it a yearless date falls, the nearest one is meant.
            dr = direction(p.tense) if anchor_kind == "dct" else 0
            if "coordinated" in p.extra:  # "April and June 1955": on or before its partner
                anchor, anchor_kind, dr = p.extra["coordinated"], "absolute", -1
            res = p.fn(anchor, dr) if anchor is not None and anchor_kind != "coarse" else None
            if anchor_kind == "coarse":
                res = _coarse(p, mentions[-1].bounds, dct, text)
                res = res[0] if res is not None else None
            if isinstance(res, str):
                value = res
            elif res is not None:
                cal = res
            else:
                anchor_kind = "none"
                cal = _unresolved(p)
        coarse = None
        if anchor_kind == "coarse" and cal is not None:
            # "early March ... Two days later": the anchor is vaguer than the
            # expression, so are the bounds (3-12 March), never the publication's
            coarse = _coarse(p, mentions[-1].bounds, dct, text)
            anchor_kind = "previous"
        bounds = cal.bounds() if cal is not None else None
        earliest, latest = bounds if bounds else (None, None)
        if bounds and p.mod:
            earliest, latest = narrow(earliest, latest, p.mod)
        if coarse is not None:
            earliest, latest = coarse[1], coarse[2]
        if cal is not None:
            value = cal.value()
            aside = story is not None and cal.year is not None and abs(cal.year - story) > ASIDE_YEARS
            if cal.known and not aside:
                mentions.append(_Mention(cal, p.end, bool(p.extra.get("shifted")),
                                         (earliest, latest) if earliest is not None else None))
        if value is None:
            continue
        toward = p.extra.get("toward_anchor")
        if bounds and toward and anchor is not None and anchor.known:
            # "less than two weeks ago": any day from two weeks before the day
            # it counts from up to that day (which side: the count's sign).
            unit, n = toward
            first, last = anchor.bounds()
            exact = at(first, "day").shift_by(unit, n).bounds() if unit != "season" else None
            if n < 0:
                earliest, latest = (exact[0] if exact else earliest), last
            else:
                earliest, latest = first, (exact[1] if exact else latest)
        out.append(Timex(
            start=p.start, end=p.end, text=text[p.start:p.end], type=p.type, value=value,
            mod=p.mod, precision=PRECISION[cal.gran] if cal is not None else None,
            earliest=earliest, latest=latest, anchor=anchor_kind if cal is not None else "absolute",
            quant=p.quant, freq=p.freq, tense=PAST if p.tense == REPORTED else p.tense, rule=p.rule,
        ))
    return out


def _story_year(pendings: list[Pending]) -> int | None:
    """The median of the years the text states outright."""
    years = sorted(p.cal.year for p in pendings if p.cal is not None and p.cal.year is not None)
    return years[len(years) // 2] if years else None


def _anchor(p: Pending, dct: Cal | None, mentions: list[_Mention], mode: str) -> tuple[Cal | None, str]:
    need = p.need
    if p.extra.get("period_aware"):
        # "a year ago", "a year earlier", "the year-ago quarter", "the quarter":
        # in a report they compare with (or name) the period being reported,
        # the last stated quarter or half, never a chain of year-agos.
        last_own = next((m for m in reversed(mentions) if not m.derived), None)
        if mode == NEWS and dct is not None:
            current = [m for m in _recent(mentions, p.start, PERIOD_WINDOW) if not m.derived
                       and m.cal.gran in ("quarter", "half") and m.cal.year is not None
                       and m.cal.year >= dct.year - 1]
            if current:
                return current[-1].cal, "previous"
            # "in 1984 ... One year later": a year just stated, not the publication's
            if need == NEED_REF and p.extra.get("shifted") and last_own and last_own.cal.gran == "year" \
                    and p.start - last_own.end <= PERIOD_WINDOW:
                return last_own.cal, "previous"
            return dct, "dct"
        if last_own and last_own.cal.gran in ("quarter", "half") and p.start - last_own.end <= PERIOD_WINDOW:
            return last_own.cal, "previous"
        if need == NEED_REF and last_own:
            mentions = [m for m in mentions if not m.derived]
    if need == NEED_REF and mode == NEWS and p.extra.get("near_ref"):
        # "the year", "the week" in news: the period of a date just mentioned,
        # otherwise the publication's.
        near = _recent(mentions, p.start, NEAR_WINDOW)
        m = _last(near, p.ref_gran) if near else None
        if m is not None:
            return m, "previous"
        if dct is not None:
            return dct, "dct"
    if need == NEED_REF:
        m = _last(mentions, p.ref_gran, fallback=mode != NEWS or dct is None)
        if m is not None:
            return m, "previous"
        # In news, a mention coarser than the expression ("Two days later"
        # after "in early March") still anchors it, with its vagueness
        # (see _coarse); only without any mention does the publication date.
        if mode == NEWS and mentions and mentions[-1].bounds is not None and p.type != TIME:
            lo, hi = mentions[-1].bounds
            if (hi - lo).days < COARSE_SPAN.get(p.ref_gran, 0):
                return mentions[-1].cal, "coarse"
        if mode == NEWS and dct is not None:
            return dct, "dct"
        return None, "none"
    # NEED_DCT and NEED_YEAR
    if mode == NEWS and dct is not None:
        return dct, "dct"
    if mode == NARRATIVE:
        m = _last(mentions, "day" if need == NEED_DCT else "year")
        if m is not None:
            return m, "previous"
    return None, "none"


def _coarse(p: Pending, bounds: tuple[dt.date, dt.date] | None, dct: dt.date | None,
            text: str) -> tuple[Cal, dt.date, dt.date] | None:
    """An expression counted from a vaguer mention: counted from its first
    and from its last day ("early March" is 1-10 March: "two days later" is
    3-12 March; "in January ... three weeks later" is 22 January to 21
    February). The value is the period that holds both ends; a past-tense
    clause never lands after the publication."""
    if bounds is None:
        return None
    def count(d: dt.date) -> Cal | None:
        res = p.fn(at(d, "day"), 0)
        if not isinstance(res, Cal) and p.ref_gran in PRECISION:
            res = p.fn(at(d, p.ref_gran), 0)  # "the following month" counts months
        return res if isinstance(res, Cal) else None

    first, last = count(bounds[0]), count(bounds[1])
    if first is None or last is None or first.bounds() is None or last.bounds() is None:
        return None
    lo, hi = first.bounds()[0], last.bounds()[1]
    if dct is not None and p.tense in (PAST, REPORTED) and hi > dct >= lo:
        hi = dct
    return _cover(lo, hi), lo, hi


def _cover(lo: dt.date, hi: dt.date) -> Cal:
    """The smallest day, month, year, decade or century that holds both days."""
    if lo == hi:
        return at(lo, "day")
    for gran in ("month", "year", "decade", "century"):
        c = at(lo, gran)
        b = c.bounds()
        if b is not None and b[0] <= hi <= b[1]:
            return c
    return at(lo, "millennium")


def _recent(mentions: list[_Mention], start: int, window: int) -> list[_Mention]:
    """The mentions (in text order) that end at most ``window`` characters
    before ``start``: read from the end, so a long text costs no more."""
    out = []
    for m in reversed(mentions):
        if start - m.end > window:
            break
        out.append(m)
    out.reverse()
    return out


def _last(mentions: list[_Mention], gran: str, fallback: bool = True) -> Cal | None:
    """The most recent mention at ``gran`` or finer; else (``fallback``) the
    most recent one."""
    r = rank(gran)
    for m in reversed(mentions):
        if rank(m.cal.gran) <= r:
            return m.cal
    return mentions[-1].cal if mentions and fallback else None


def _unresolved(p: Pending) -> Cal | None:
    """An underspecified value for an expression with no anchor."""
    probe = Cal("day", 2000, 1, 1)
    try:
        shape = p.fn(probe, 0)
    except Exception:  # pragma: no cover - defensive: builders are pure
        shape = None
    if isinstance(shape, Cal):
        from dataclasses import replace
        return replace(shape, year=None, week=None if shape.gran in ("week", "weekend") else shape.week,
                       month=shape.month if p.need == NEED_YEAR else None,
                       day=shape.day if p.need == NEED_YEAR else None,
                       q=shape.q if p.need == NEED_YEAR else None)
    return None


def narrow(first: dt.date, last: dt.date, mod: str) -> tuple[dt.date, dt.date]:
    """Bounds of "early"/"mid"/"late" X: the first, middle or last third."""
    span = (last - first).days + 1
    if span < 3 or mod not in ("START", "MID", "END"):
        return first, last
    third = span // 3
    if mod == "START":
        return first, first + dt.timedelta(days=third - 1)
    if mod == "END":
        return last - dt.timedelta(days=third - 1), last
    return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
