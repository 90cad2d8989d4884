"""Builders: turn a rule match into a :class:`Pending` (phase 1).

A builder reads the match's groups (token values come from the language
tables) and returns what the text says, without looking at any date: an
absolute :class:`Cal`, a fixed value (durations, ``PRESENT_REF``), or a
function that phase 2 (:mod:`timeline.timex.resolve`) calls with an anchor
and a direction. ``None`` rejects the match. Builders contain no words of
any language; they only read class names and token values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from timeline.model import DATE, DURATION, SET, TIME
from timeline.timex.tokens import Token
from timeline.timex.values import Cal, at, duration

# What a pending value needs from phase 2.
NEED_DCT = "dct"      # anchored to the publication date (news) / previous mention (narrative)
NEED_REF = "ref"      # anchored to the previous mention
NEED_YEAR = "year"    # a calendar value without its year: needs an anchor and a direction


@dataclass
class Pending:
    """A recognized expression before resolution."""

    start: int
    end: int
    type: str
    rule: str = ""
    value: str | None = None
    cal: Cal | None = None
    need: str | None = None
    fn: Callable[[Cal, int], Cal | str | None] | None = None
    ref_gran: str = "day"
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    tense: str | None = None
    first_token: int = 0
    last_token: int = 0
    extra: dict = field(default_factory=dict)


class Match:
    """A rule match: groups map to token ranges (class string = token index)."""

    __slots__ = ("tokens", "m", "i", "j", "lang", "where")

    def __init__(self, tokens: Any, m: re.Match, lang: Any, where: list[int]) -> None:
        self.tokens = tokens
        self.m = m
        self.where = where  # class-string position -> token index
        s, e = m.span("_all" if "_all" in m.re.groupindex else 0)
        self.i, self.j = where[s], where[e - 1] + 1
        self.lang = lang

    def span(self, g: str) -> tuple[int, int]:
        """Token index range of group ``g`` (``(-1, -1)`` if it did not take part)."""
        try:
            s, e = self.m.span(g)
        except IndexError:
            return -1, -1
        if s == -1 or e <= s:
            return -1, -1
        return self.where[s], self.where[e - 1] + 1

    def has(self, g: str) -> bool:
        return self.span(g)[0] != -1

    def toks(self, g: str) -> list[Token]:
        s, e = self.span(g)
        if s == -1:
            return []
        return self.tokens[s:e]

    def tok(self, g: str) -> Token | None:
        t = self.toks(g)
        return t[0] if t else None

    def val(self, g: str, default: Any = None) -> Any:
        t = self.tok(g)
        if t is None:
            return default
        # The first token with a value (mods may start with "the").
        for tok in self.toks(g):
            if tok.value is not None:
                return tok.value
        return default

    def cls(self, g: str) -> str | None:
        t = self.tok(g)
        return t.cls if t else None

    def classes(self) -> list[str]:
        return [t.cls for t in self.tokens[self.i:self.j]]

    @property
    def prev(self) -> Token | None:
        return self.tokens[self.i - 1] if self.i > 0 else None

    @property
    def next(self) -> Token | None:
        return self.tokens[self.j] if self.j < len(self.tokens) else None


def _pending(m: Match, type_: str, **kw: Any) -> Pending:
    return Pending(m.tokens[m.i].start, m.tokens[m.j - 1].end, type_,
                   first_token=m.i, last_token=m.j - 1, **kw)


#: TIMEX3 mod values a token may carry.
MODS = frozenset({"START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE",
                  "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"})


def _mod(m: Match, group: str = "mod") -> str | None:
    for t in m.toks(group):
        if isinstance(t.value, str) and t.value in MODS:
            return t.value
    return None


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------

def number(tokens: list[Token], lang: Any) -> float | int | None | bool:
    """The amount a number phrase denotes; ``None`` for vague ("several");
    ``False`` if the tokens are not a number."""
    if len(tokens) > 1 and tokens[0].cls == "A" and tokens[1].cls == "NUMWORD" \
            and tokens[1].low not in lang.NUMBER_SCALES and tokens[1].value != 12:
        return False  # "a five year low": the article belongs to the noun
    total = 0.0
    current = 0.0
    seen = False
    vague = False
    frac = 0.0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        c = t.cls
        if c in ("DAYNUM", "NUM", "NUMX", "YEAR"):
            if isinstance(t.value, (int, float)):
                # "2 1/2": number, number, slash, number
                if i + 2 < len(tokens) and tokens[i + 1].cls == "SLASH" and seen:
                    num, den = current, tokens[i + 2].value
                    if isinstance(den, (int, float)) and den:
                        frac += t.value / den
                        i += 3
                        continue
                if i + 2 < len(tokens) and tokens[i + 1].cls == "SLASH":
                    den = tokens[i + 2].value
                    if isinstance(den, (int, float)) and den and seen:
                        frac += t.value / den
                        i += 3
                        continue
                current += t.value
                seen = True
        elif c == "NUMWORD":
            v = t.value
            if v in lang.NUMBER_SCALES.values() and t.low in lang.NUMBER_SCALES:
                current = (current or 1) * v
                if v >= 1000:
                    total += current
                    current = 0
            else:
                current += v
            seen = True
        elif c == "FRACTION":
            frac += t.value
            seen = True
        elif c == "VAGUE":
            vague = True
        elif c in ("A",):
            if i + 1 == len(tokens):
                current += 1
                seen = True
        elif c in ("HYPHEN", "AND", "OF"):
            pass
        else:
            return False
        i += 1
    if vague:
        return None
    if not seen:
        return False
    v = total + current + frac
    return int(v) if float(v).is_integer() else v


# ---------------------------------------------------------------------------
# calendar helpers
# ---------------------------------------------------------------------------

def _year_of(m: Match, g: str = "y") -> int | None:
    """The year a group names (astronomical: 1 BC is 0); ``None`` unless it
    fits a TIMEX3 value's four digits."""
    t = m.tok(g)
    if t is None:
        return None
    if t.cls == "YEAR2":
        return 1900 + t.value if t.value >= 30 else 2000 + t.value
    if not isinstance(t.value, int) or not 0 < t.value <= 9999:
        return None
    y = t.value
    if m.has("era") and m.cls("era") == "BC":
        return 1 - y
    return y


def _day_of(m: Match, g: str = "d") -> int | None:
    toks = m.toks(g)
    if not toks:
        return None
    t = toks[-1]
    if t.cls in ("DAYNUM", "ORDNUM", "ORDINAL"):
        v = t.value
        if t.cls == "ORDINAL" and len(toks) == 3:  # "twenty - first"
            v = toks[0].value + t.value
        return v if isinstance(v, int) and 1 <= v <= 31 else None
    return None


def _valid_day(y: int | None, mo: int, d: int) -> bool:
    try:
        dt.date(y if y and 1 <= y <= 9999 else 2000, mo, d)
    except ValueError:
        return False
    return True


def nearest(anchor: Cal, cand: Callable[[int], Cal], direction: int, strict: bool = False) -> Cal | None:
    """Pick the year for a yearless value ``cand(year)`` relative to the anchor:
    direction -1 the latest that starts on or before the anchor, +1 the
    earliest that ends on or after it, 0 the one nearest to it. ``strict``
    excludes a candidate that overlaps the anchor ("the next spring" after a
    spring is the one after)."""
    if anchor.year is None:
        return None
    y = anchor.year
    ab = anchor.extent()
    if ab is None:
        return cand(y)
    a0, a1 = ab
    if direction == 0:
        best, best_d = None, None
        for yy in (y, y - 1, y + 1):
            c = cand(yy)
            b = c.extent()
            if b is None:
                continue
            gap = 0 if (b[0] <= a1 and b[1] >= a0) else min(abs(b[0] - a1), abs(a0 - b[1]))
            if best_d is None or gap < best_d:
                best, best_d = c, gap
        return best if best is not None else cand(y)
    for yy in ((y + 1, y, y - 1, y - 2) if direction < 0 else (y - 1, y, y + 1, y + 2)):
        c = cand(yy)
        b = c.extent()
        if b is None:
            continue
        if direction < 0 and (b[1] < a0 if strict else b[0] <= a1):
            return c
        if direction > 0 and (b[0] > a1 if strict else b[1] >= a0):
            return c
    return cand(y)


def _weekday_near(anchor: Cal, wd: int, direction: int, shift: int) -> Cal | None:
    b = anchor.bounds()
    if b is None:
        return None
    d = b[0]
    cur = d.isoweekday()
    if shift:  # "last Friday" / "next Friday": the one in the previous/next week
        base = d + dt.timedelta(weeks=shift)
        monday = base - dt.timedelta(days=base.isoweekday() - 1)
        day = monday + dt.timedelta(days=wd - 1)
        if shift < 0 and day >= d:
            day -= dt.timedelta(weeks=1)
        if shift > 0 and day <= d:
            day += dt.timedelta(weeks=1)
        return at(day, "day")
    if direction > 0:
        delta = (wd - cur) % 7
        return at(d + dt.timedelta(days=delta), "day")
    if direction == 0:  # the one in the anchor's week
        return at(d + dt.timedelta(days=wd - cur), "day")
    delta = (cur - wd) % 7
    return at(d - dt.timedelta(days=delta), "day")


# ---------------------------------------------------------------------------
# builders
# ---------------------------------------------------------------------------

def b_iso(m: Match) -> Pending | None:
    s = m.tok("d").text
    try:
        d = dt.date.fromisoformat(s[:10])
    except ValueError:
        return None
    if len(s) > 10:
        return _pending(m, TIME, cal=at(d, "time", s[11:16]))
    return _pending(m, DATE, cal=at(d, "day"))


def b_numeric_date(m: Match) -> Pending | None:
    s = m.tok("d").text
    sep = "/" if "/" in s else "."
    a, b, c = (int(x) for x in s.split(sep))
    order = m.lang.NUMERIC_DATE_ORDER
    if len(s.split(sep)[0]) == 4:  # 2021/04/15
        y, mo, d = a, b, c
    else:
        if len(s.split(sep)[2]) == 2:
            c = 1900 + c if c >= 30 else 2000 + c
        if sep == "." or a > 12:
            d, mo, y = a, b, c
        elif b > 12:
            mo, d, y = a, b, c
        elif order == "MDY":
            mo, d, y = a, b, c
        else:
            d, mo, y = a, b, c
    if not (1 <= mo <= 12) or not _valid_day(y, mo, d) or not (1000 <= y <= 2199):
        return None
    return _pending(m, DATE, cal=Cal("day", y, mo, d))


def b_calendar(m: Match) -> Pending | None:
    """Month/day/year/season in any combination; missing year -> phase 2."""
    mod = _mod(m)
    y = _year_of(m) if m.has("y") else None
    mo = m.val("m") if m.has("m") else None
    d = _day_of(m) if m.has("d") else None
    season = m.val("s") if m.has("s") else None
    if m.has("m") and not isinstance(mo, int):
        return None
    if m.has("d") and d is None:
        return None
    if mo is not None and d is not None and not _valid_day(y, mo, d):
        return None
    if mo is not None and d is None and not m.has("y") and m.tok("m").low in m.lang.BARE_MONTH_ABBREVIATIONS:
        return None
    if mo is not None and d is None and not m.has("y") and not mod and m.tok("m").low in m.lang.AMBIGUOUS_MONTHS:
        # "May" / "March" alone: only after a preposition or date word.
        p = m.prev
        if p is None or p.cls not in m.lang.MONTH_CONTEXT:
            return None
    if season is not None and not m.has("y") and m.tok("s").cls == "FALL":
        p = m.prev
        if not mod and (p is None or p.cls not in m.lang.MONTH_CONTEXT) and m.classes()[0] != "THE":
            return None
    if mo is not None and d is not None:
        gran = "day"
    elif mo is not None:
        gran = "month"
    elif season is not None:
        gran = "season"
    else:
        return None
    if m.has("wd") and d is not None and y is not None:
        # A weekday that contradicts the date: trust the date, keep the span.
        pass

    def make(year: int | None) -> Cal:
        if gran == "day":
            return Cal("day", year, mo, d)
        if gran == "month":
            return Cal("month", year, mo)
        return Cal("season", year, q=season)

    if y is not None:
        return _pending(m, DATE, cal=make(y), mod=mod)
    if gran == "day" and m.has("wd"):
        wd = m.val("wd")

        def fn_wd(anchor: Cal, direction: int) -> Cal | None:
            # The year in which the date falls on the named weekday, nearest the anchor.
            if anchor.year is None:
                return None
            for k in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
                yy = anchor.year + k
                try:
                    if dt.date(yy, mo, d).isoweekday() == wd and abs(k) <= 1:
                        return make(yy)
                except ValueError:
                    continue
            return nearest(anchor, make, direction)

        return _pending(m, DATE, need=NEED_YEAR, fn=fn_wd, mod=mod)
    # A yearless date goes the way of its clause's tense, else (no tense, or
    # only a reporting verb: "said ... by Jan. 14") to the nearest occurrence.
    if m.has("r"):  # "last Oct. 23", "next March 3"
        forced = m.val("r")
        return _pending(m, DATE, need=NEED_DCT, fn=lambda a, dr: nearest(a, make, forced), mod=mod)
    return _pending(m, DATE, need=NEED_YEAR, fn=lambda a, dr: nearest(a, make, dr), mod=mod)


def b_day_list(m: Match) -> Pending | None:
    """The bare day of "April 24 and 25" / "the 28 and 29 August": it takes
    the month (and year, if any) of its neighbour."""
    toks, i, j = m.tokens, m.i, m.j
    day = m.tok("d").value
    link = {"AND", "TO", "HYPHEN"}
    if i >= 3 and toks[i - 1].cls in link and toks[i - 2].cls == "DAYNUM" and toks[i - 3].cls == "MONTH":
        month_tok, year_tok = toks[i - 3], None
    elif j + 2 < len(toks) + 1 and j + 1 < len(toks) and toks[j].cls in link and toks[j + 1].cls == "DAYNUM" \
            and j + 2 < len(toks) and toks[j + 2].cls == "MONTH":
        month_tok = toks[j + 2]
        year_tok = toks[j + 3] if j + 3 < len(toks) and toks[j + 3].cls == "YEAR" else None
    else:
        return None
    mo = month_tok.value
    if not _valid_day(None, mo, day):
        return None
    if year_tok is not None:
        return _pending(m, DATE, cal=Cal("day", year_tok.value, mo, day))

    def make(y: int) -> Cal:
        return Cal("day", y, mo, day)

    return _pending(m, DATE, need=NEED_YEAR, fn=lambda a, dr: nearest(a, make, dr))


def b_week_of_month(m: Match) -> Pending | None:
    """"the last week of September": the month, early or late in it."""
    u = _unit_of(m.tok("u"))
    if u is None or u[0] not in ("week", "day"):
        return None
    n = _ordinal(m, "w")
    if n is None:
        return None
    mod = "END" if n < 0 else "START"
    mo = m.val("m")
    if m.has("y"):
        return _pending(m, DATE, cal=Cal("month", _year_of(m), mo), mod=mod)
    return _pending(m, DATE, need=NEED_YEAR, mod=mod,
                    fn=lambda a, dr: nearest(a, lambda y: Cal("month", y, mo), dr))


def b_month_of_year(m: Match) -> Pending | None:
    """"July of that year", "the spring of next year": a month or season in
    the year named relatively (the previous mention's, or the DCT's)."""
    u = _unit_of(m.tok("u"))
    if u is None or u[0] != "year" or u[1]:
        return None
    r = m.tok("r")
    shift = r.value if isinstance(r.value, int) and r.cls in ("NEXT", "LAST", "PASTNOUN") else 0
    mod = _mod(m)
    d = _day_of(m, "d") if m.has("d") else (_day_of(m, "d2") if m.has("d2") else None)
    if m.has("m"):
        mo = m.val("m")
        if (m.has("d") or m.has("d2")) and (d is None or not _valid_day(None, mo, d)):
            return None
        make = (lambda y: Cal("day", y, mo, d)) if d else (lambda y: Cal("month", y, mo))
    else:
        q = m.val("s")
        make = lambda y: Cal("season", y, q=q)  # noqa: E731
    need = NEED_REF if r.cls in ("THAT", "THE") else NEED_DCT

    def fn(a: Cal, direction: int) -> Cal | None:
        if a.year is None:
            return None
        return make(a.coarsen("year").year + shift)

    return _pending(m, DATE, need=need, fn=fn, mod=mod, ref_gran="year")


def b_year(m: Match) -> Pending | None:
    y = _year_of(m)
    if y is None or not -9998 <= y <= 9999:
        return None  # TIMEX3 years have four digits
    t = m.tok("y")
    if t.cls in ("DAYNUM", "NUM") and not m.has("era"):
        return None
    if t.cls == "YEAR" and not m.has("era"):
        if not plausible_year(m.tokens, m.span("y")[0], m.lang):
            return None
    mod = _mod(m)
    return _pending(m, DATE, cal=Cal("year", y), mod=mod)


def b_year_bc_range(m: Match) -> Pending | None:
    """The first year of "499-493 BC" / "from 499 to 493 BC" is BC too."""
    toks, j = m.tokens, m.j
    if j + 2 < len(toks) and toks[j + 1].cls in ("DAYNUM", "NUM", "YEAR") and toks[j + 2].cls == "BC":
        y = m.tok("y").value
        if isinstance(y, int) and 0 < y < 10000:
            return _pending(m, DATE, cal=Cal("year", 1 - y))
    return None


def b_year_words(m: Match) -> Pending | None:
    toks = [t for t in m.toks("y") if t.cls == "NUMWORD"]
    if len(toks) < 2:
        return None
    first = toks[0].value
    if not (10 <= first <= 20):
        if first == 2 and len(toks) >= 2 and toks[1].value == 1000:
            rest = number(toks[2:], m.lang) if len(toks) > 2 else 0
            if rest is False or rest is None:
                return None
            y = 2000 + int(rest)
        else:
            return None
    else:
        rest = number(toks[1:], m.lang)
        if rest is False or rest is None or not (0 <= rest < 100) or toks[1].value >= 100:
            return None
        # "nineteen ninety-six": the second part must be a tens word ("ninety")
        if toks[1].value < 20 and toks[1].value != 10:
            return None
        y = first * 100 + int(rest)
    if m.has("s"):
        return _pending(m, DATE, cal=Cal("season", y, q=m.val("s")))
    return _pending(m, DATE, cal=Cal("year", y), mod=_mod(m))


def b_decade(m: Match) -> Pending | None:
    t = m.tok("d")
    digits = t.value
    if len(digits) == 4:
        y = int(digits)
    elif len(digits) == 2:
        y = 1900 + int(digits)
    else:
        return None
    return _pending(m, DATE, cal=Cal("decade", y), mod=_mod(m))


def b_decade_words(m: Match) -> Pending | None:
    t = m.tok("d")
    return _pending(m, DATE, cal=Cal("decade", 1900 + t.value), mod=_mod(m))


def _ordinal(m: Match, g: str) -> int | None:
    toks = m.toks(g)
    if not toks:
        return None
    t = toks[-1]
    if t.cls == "ORDNUM" or t.cls == "ORDINAL":
        v = t.value
        if len(toks) == 3 and toks[0].cls == "NUMWORD":
            v = toks[0].value + v
        return v
    if t.cls == "FINAL" or t.cls == "LAST" or t.cls == "LATEST":
        return -1
    return None


def b_century(m: Match) -> Pending | None:
    if m.tok("c") is None:
        return None
    unit = [t for t in m.tokens[m.i:m.j] if t.cls == "UNIT"]
    if not unit or unit[-1].value[0] != "century" or unit[-1].value[1]:
        return None
    n = _ordinal(m, "c")
    if not n or n < 1 or n > 30:
        return None
    bc = m.has("era") and m.cls("era") == "BC"
    y = (1 - n * 100) if bc else (n - 1) * 100
    return _pending(m, DATE, cal=Cal("century", y), mod=_mod(m))


def _nearest_quarter(anchor: Cal, q: int) -> Cal | None:
    # Reports speak of the quarter nearest the date whatever the tense:
    # "expects to report third-quarter net" in November is the one just ended.
    return nearest(anchor, lambda y: Cal("quarter", y, q=q), 0)


def b_quarter(m: Match) -> Pending | None:
    q = _ordinal(m, "q")
    if q is None or not (1 <= q <= 4):
        return None
    if m.has("y"):
        return _pending(m, DATE, cal=Cal("quarter", _year_of(m), q=q))
    rel = m.val("rel") if m.has("rel") else None
    rel2 = m.tok("rel2")
    shift = None
    if rel2 is not None and rel2.cls != "THE":
        shift = rel2.value
    elif m.has("rel") and m.cls("rel") in ("LAST", "NEXT", "THIS"):
        # "next year's first quarter" (rel_year_quarter) or "last quarter"
        if any(t.cls == "UNIT" for t in m.tokens[m.i:m.j]):
            shift = rel
    if shift is not None:
        def fn_shift(anchor: Cal, direction: int, s=shift) -> Cal | None:
            if anchor.year is None:
                return None
            return Cal("quarter", anchor.year + s, q=q)
        return _pending(m, DATE, need=NEED_DCT, fn=fn_shift)

    fiscal = any(t.cls == "FISCAL" for t in m.tokens[m.i:m.j])

    def fn(anchor: Cal, direction: int) -> Cal | None:
        if fiscal:
            # A fiscal quarter doesn't follow the calendar: it is numbered in
            # the reporting year (Q1 of fiscal 1990 may be July-September 1989).
            return Cal("quarter", anchor.coarsen("year").year, q=q) if anchor.year is not None else None
        return _nearest_quarter(anchor, q)

    return _pending(m, DATE, need=NEED_YEAR, fn=fn)


def b_quarter_code(m: Match) -> Pending | None:
    kind, q = m.val("qq")
    if kind == "H":
        return _pending(m, DATE, cal=Cal("half", _year_of(m), q=q)) if q <= 2 else None
    return _pending(m, DATE, cal=Cal("quarter", _year_of(m), q=q))


def b_half(m: Match) -> Pending | None:
    q = _ordinal(m, "q")
    if q == -1:
        q = 2
    if q not in (1, 2):
        return None
    if m.has("y"):
        return _pending(m, DATE, cal=Cal("half", _year_of(m), q=q))
    rel2 = m.tok("rel2")
    if rel2 is not None and rel2.cls != "THE":
        s = rel2.value
        return _pending(m, DATE, need=NEED_DCT,
                        fn=lambda a, d: None if a.year is None else Cal("half", a.year + s, q=q))
    return _pending(m, DATE, need=NEED_YEAR,
                    fn=lambda a, d: nearest(a, lambda y: Cal("half", y, q=q), 0))


def b_fiscal_year(m: Match) -> Pending | None:
    y = _year_of(m)
    if y is None:
        return None
    return _pending(m, DATE, cal=Cal("year", y))


def holiday_date(rule: tuple, year: int) -> dt.date | None:
    """The date of a holiday rule in a given year."""
    kind = rule[0]
    try:
        if kind == "fixed":
            return dt.date(year, rule[1], rule[2])
        if kind == "easter":
            return easter(year) + dt.timedelta(days=rule[1])
        if kind in ("nth", "nth_after"):
            month, wd, n = rule[1], rule[2], rule[3]
            first = dt.date(year, month, 1)
            if n > 0:
                d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
            else:
                nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                last = nxt - dt.timedelta(days=1)
                d = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
            if kind == "nth_after":
                d += dt.timedelta(days=rule[4])
            return d
    except ValueError:
        return None
    return None


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * mm + 114, 31)
    return dt.date(year, month, day + 1)


def b_holiday(m: Match) -> Pending | None:
    rule = m.val("h")
    if m.has("y"):
        y = _year_of(m)
        d = holiday_date(rule, y) if y else None
        return _pending(m, DATE, cal=at(d, "day")) if d else None

    def make(y: int) -> Cal:
        d = holiday_date(rule, y)
        return at(d, "day") if d else Cal("day", y)

    return _pending(m, DATE, need=NEED_YEAR, fn=lambda a, dr: nearest(a, make, dr))


def b_holiday_week(m: Match) -> Pending | None:
    """"Easter week", "Thanksgiving weekend": the week (end) of the holiday."""
    u = _unit_of(m.tok("u"))
    if u is None or u[1] or u[0] not in ("week", "weekend"):
        return None
    rule, gran = m.val("h"), u[0]

    def make(y: int) -> Cal:
        d = holiday_date(rule, y)
        return at(d, gran) if d else Cal(gran, y)

    return _pending(m, DATE, need=NEED_YEAR, fn=lambda a, dr: nearest(a, make, dr))


def b_pre_post(m: Match) -> Pending | None:
    t = m.tok("y")
    if t.cls == "DECADENUM":
        digits = t.value
        y = int(digits) if len(digits) == 4 else 1900 + int(digits)
        cal = Cal("decade", y)
    else:
        cal = Cal("year", t.value)
    return _pending(m, DATE, cal=cal, mod=m.val("p"))


def _clock_value(m: Match) -> str | None:
    toks = m.toks("t")
    if not toks:
        return None
    t = toks[0]
    ampm = next((x.value for x in toks if x.cls == "AMPM"), None)
    if t.cls == "CLOCKWORD":
        return t.value
    if t.cls == "CLOCK":
        parts = re.split(r"[:.]", t.text)
        h, mi = int(parts[0]), int(parts[1])
    elif t.cls == "DAYNUM":
        h, mi = t.value, 0
    elif t.cls == "NUMX" and ampm and re.fullmatch(r"\d{1,2}\.\d\d", t.text):  # "10.30 pm"
        h, mi = (int(x) for x in t.text.split("."))
    else:
        return None
    if h > 24 or mi > 59:
        return None
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if t.cls == "DAYNUM" and ampm is None:
        part = m.val("p")
        if part in ("AF", "EV", "NI") and h < 12:
            h += 12
        elif part is None:
            return None
    return f"{h:02d}:{mi:02d}"


def b_clock(m: Match) -> Pending | None:
    time = _clock_value(m)
    if time is None:
        return None
    t0 = m.tok("t")
    if t0.cls == "CLOCK" and not m.has("on") and not any(t.cls in ("AMPM", "TZ") for t in m.toks("t") + m.tokens[m.i:m.j]):
        # A bare "10:30" could be a score or a ratio: need a time zone, am/pm or a day.
        if not (m.has("dd") or m.has("wd2") or m.has("m")):
            p = m.prev
            if p is None or p.low not in m.lang.CLOCK_PREPOSITIONS:
                return None
    mod = "APPROX" if m.classes()[0] == "APPROX" else None
    if m.has("m"):
        mo, d = m.val("m"), _day_of(m)
        if d is None or not _valid_day(None, mo, d):
            return None
        if m.has("y"):
            return _pending(m, TIME, cal=Cal("time", _year_of(m), mo, d, time=time), mod=mod)

        def mk(y: int) -> Cal:
            return Cal("time", y, mo, d, time=time)
        return _pending(m, TIME, need=NEED_YEAR, fn=lambda a, dr: nearest(a, mk, dr), mod=mod)
    if m.has("dd"):
        off = m.val("dd")[0]
        return _pending(m, TIME, need=NEED_DCT,
                        fn=lambda a, dr: _day(a).shift(off).with_time(time) if a.year else None, mod=mod)
    if m.has("wd2"):
        wd = m.val("wd2")
        return _pending(m, TIME, need=NEED_DCT,
                        fn=lambda a, dr: _wd_time(a, wd, dr, time), mod=mod)
    # A bare clock time: the day last mentioned (else the publication day).
    return _pending(m, TIME, need=NEED_REF, ref_gran="day",
                    fn=lambda a, dr: _day(a).with_time(time) if a.year and a.gran in ("day", "time") else None,
                    mod=mod)


def _day(a: Cal) -> Cal:
    if a.gran == "time":
        return Cal("day", a.year, a.month, a.day)
    return a


def _wd_time(a: Cal, wd: int, direction: int, time: str) -> Cal | None:
    d = _weekday_near(a, wd, direction if direction else -1, 0)
    return d.with_time(time) if d else None


def b_deictic(m: Match) -> Pending | None:
    off, part = m.val("w")
    if m.has("p"):
        part = m.val("p")
    elif part:
        part = None  # "tonight" is a day in TimeML practice
    mod = _mod(m)
    typ = TIME if part else DATE

    def fn(a: Cal, direction: int) -> Cal | None:
        if a.year is None or a.gran not in ("day", "time"):
            return None
        c = _day(a).shift(off)
        return c.with_time(part) if part else c

    return _pending(m, typ, need=NEED_DCT, fn=fn, mod=mod, extra={"deictic": True})


def b_deictic_shift(m: Match) -> Pending | None:
    off = m.val("w")[0] + m.val("b")
    return _pending(m, DATE, need=NEED_DCT,
                    fn=lambda a, d: _day(a).shift(off) if a.year and a.gran in ("day", "time") else None)


def b_this_part(m: Match) -> Pending | None:
    part = m.val("p")
    r = m.tok("r")
    shift = r.value if r.cls != "THIS" else 0
    if r.cls == "LAST" and r.value == -1 and part != "NI":
        # "last morning" is odd; "last night" = the night before.
        return None
    mod = _mod(m)

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None or a.gran not in ("day", "time"):
            return None
        return _day(a).shift(shift).with_time(part)

    return _pending(m, TIME, need=NEED_DCT, fn=fn, mod=mod)


def b_part_alone(m: Match) -> Pending | None:
    part = m.val("p")
    mod = _mod(m)
    if mod is None and m.tokens[m.i].cls != "THE":
        return None  # "good evening", "morning talk show"
    # "the morning" in a story: the day of the previous mention.
    return _pending(m, TIME, need=NEED_REF, ref_gran="day", mod=mod,
                    fn=lambda a, d: _day(a).with_time(part) if a.gran in ("day", "time") and a.known else None)


def b_weekday(m: Match) -> Pending | None:
    wd = m.val("wd")
    part = m.val("p") if m.has("p") else None
    r = m.tok("r")
    c = m.tok("c")
    mod = _mod(m)
    shift = 0
    forced = None
    need = NEED_DCT
    if r is not None:
        if r.cls == "LAST":
            forced = -1
            if r.value == -1 and r.low in m.lang.REF_LAST_WORDS:  # "the previous Friday"
                need = NEED_REF
        elif r.cls == "NEXT":
            forced = 1
            if r.low in m.lang.REF_NEXT_WORDS:  # "the following Monday"
                need = NEED_REF
        elif r.cls == "THIS":
            forced = 1 if c is not None else 0
        elif r.cls == "THAT":
            need = NEED_REF
            forced = 0
    # "Friday morning" is annotated as the day it names (the TempEval-3
    # news corpora mostly do so; the part of day stays in the text span).
    part = None
    typ = DATE

    def fn(a: Cal, direction: int) -> Cal | None:
        if a.year is None or a.gran not in ("day", "time"):
            if a.gran in ("week", "weekend") and a.known:
                day = a.first_day() + dt.timedelta(days=wd - 1)
                res = at(day, "day")
                return res.with_time(part) if part else res
            return None
        dr = forced if forced is not None else (direction if direction else -1)
        if forced == 0 and r is not None and r.cls == "THIS":
            dr = direction if direction else 0
        res = _weekday_near(_day(a), wd, dr, 0)
        if res is not None and forced in (-1, 1) and r is not None and r.cls in ("LAST", "NEXT") and res == _day(a):
            res = res.shift(7 * forced)
        return res.with_time(part) if (res and part) else res

    return _pending(m, typ, need=need, fn=fn, mod=mod, ref_gran="day")


_UNIT_GRAN = {"minute": "time", "hour": "time", "second": "time", "day": "day", "week": "week",
              "fortnight": "week", "month": "month", "year": "year", "decade": "decade",
              "century": "century", "millennium": "millennium"}


def _unit_of(t: Token) -> tuple[str, bool] | None:
    """(granularity name, plural?) of a unit-like token."""
    c = t.cls
    if c == "UNIT":
        return t.value
    if c == "QUARTER":
        return ("quarter", t.value)
    if c == "HALF":
        return ("half", t.value)
    if c == "WEEKEND":
        return ("weekend", t.value)
    if c in ("SEASON", "FALL"):
        return ("season", False)
    if c == "SEASONS":
        return ("season", True)
    if c == "PART":
        return ("part", False)
    return None


def b_rel_unit(m: Match) -> Pending | None:
    """"last week", "this year", "next month", "this summer", "the latest quarter"."""
    if m.tok("u").cls == "PERIOD":
        r = m.tok("r")
        if r is None or r.cls != "LATEST" or m.tok("u").low.endswith("s"):
            return None
        # "the latest period": the reporting period (the quarter just reported)
        return _pending(m, DATE, need=NEED_REF, ref_gran="quarter", extra={"period_aware": True},
                        fn=lambda a, d: a if a.gran in ("quarter", "half") else
                        (a.coarsen("quarter").shift(-1) if a.known and rank_ok(a.gran, "month") else None))
    u = _unit_of(m.tok("u"))
    if u is None:
        return None
    unit, plural = u
    if plural or unit in ("minute", "hour", "second", "part"):
        return None
    r = m.tok("r")
    if r is not None and (r.low in m.lang.REF_NEXT_WORDS or r.low in m.lang.REF_LAST_WORDS) \
            and (r.low != "next" or any(t.cls == "THE" for t in m.tokens[m.i:m.j])):
        return None  # "the following year", "the next day": the previous mention's
    shift = r.value if r is not None and isinstance(r.value, int) else 0
    if r is not None and r.cls == "LATEST":
        shift = 0
    mod = _mod(m)
    if unit in ("decade", "century", "millennium") and shift < 0 and not mod \
            and any(t.cls == "THE" for t in m.tokens[m.i:m.j]) \
            and not (m.next is not None and m.next.cls == "OF"):
        # "the past decade": the ten years up to now, not the calendar decade
        # before this one (nor this one)
        return _pending(m, DURATION, value=duration(1, unit))
    if unit == "season":
        q = m.tok("u").value

        def fn_season(a: Cal, direction: int) -> Cal | None:
            if a.year is None:
                return None
            if shift == 0:  # "this summer": the nearest one, or the coming one in a plan
                return nearest(a, lambda y: Cal("season", y, q=q), direction)
            base = nearest(a, lambda y: Cal("season", y, q=q), -1 if shift < 0 else 1)
            if base is None:
                return None
            b = base.bounds()
            ab = a.bounds()
            if b and ab and ((shift < 0 and b[1] >= ab[0]) or (shift > 0 and b[0] <= ab[1])):
                base = base.shift(4 * shift)
            return base

        return _pending(m, DATE, need=NEED_DCT, fn=fn_season, mod=mod)
    gran = {"fortnight": "week"}.get(unit, unit)
    if gran not in ("day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century"):
        return None
    latest = r is not None and r.cls == "LATEST"

    if gran == "weekend" and (r is None or r.cls == "THE"):
        # "over the weekend": the one before the anchor in past tense, the
        # coming one in future tense.
        def fn_we(a: Cal, direction: int) -> Cal | None:
            if not a.known or a.gran not in ("day", "time"):
                return a.coarsen("weekend") if a.known else None
            d = a.first_day()
            if d.isoweekday() >= 6:
                return at(d, "weekend")
            if direction > 0:
                return at(d, "weekend")
            return at(d, "weekend").shift(-1)
        return _pending(m, DATE, need=NEED_DCT, fn=fn_we, mod=mod)

    def fn(a: Cal, direction: int) -> Cal | None:
        if a.year is None:
            return None
        c = a.coarsen(gran) if a.known or gran in ("year", "decade", "century") else None
        if c is None:
            return None
        if latest and gran in ("quarter", "half"):
            # "the latest quarter" = the last completed one.
            return c.shift(-1)
        return c.shift(shift)

    typ = DATE
    return _pending(m, typ, need=NEED_DCT, fn=fn, mod=mod)


def b_rel_named(m: Match) -> Pending | None:
    mo = m.val("m")
    shift = m.tok("r").value
    mod = _mod(m)

    def fn(a: Cal, direction: int) -> Cal | None:
        if a.year is None:
            return None
        if shift == 0:  # "this September": the one of the anchor's year
            return Cal("month", a.coarsen("year").year, mo)
        # "last April": the most recent April before the anchor's month.
        base = nearest(a, lambda y: Cal("month", y, mo), shift)
        if base is not None and a.known and base.coarsen("month") == a.coarsen("month"):
            base = base.shift(12 * shift)
        return base

    return _pending(m, DATE, need=NEED_DCT, fn=fn, mod=mod)


def b_month_rel_year(m: Match) -> Pending | None:
    mo = m.val("m")
    u = _unit_of(m.tok("u"))
    if u is None or u[0] != "year" or u[1]:
        return None
    shift = m.tok("r").value
    return _pending(m, DATE, need=NEED_DCT,
                    fn=lambda a, d: Cal("month", a.year + shift, mo) if a.year is not None else None)


def b_earlier_this(m: Match) -> Pending | None:
    """"earlier this month" (START), "later this year" (END), "earlier that day"."""
    if m.tok("mod").low in m.lang.PREPOSITION_NOT_MOD:
        return None  # "before next week's talks": a preposition before the date, not "early next week"
    mod = m.val("mod")
    mod = {-1: "START", 1: "END"}.get(mod, mod)
    ut = m.tok("u")
    u = _unit_of(ut) if ut.cls != "MONTH" else ("month-named", False)
    if u is None or u[1]:
        return None
    unit = u[0]
    toks = m.tokens[m.i:m.j]
    rel = next((t for t in toks if t.cls in ("THIS", "LAST", "NEXT", "THAT", "THE")), None)
    ref = rel is not None and rel.cls in ("THAT", "THE")
    shift = rel.value if rel is not None and rel.cls in ("LAST", "NEXT") else 0
    if unit == "month-named":
        mo = ut.value
        return _pending(m, DATE, need=NEED_DCT, mod=mod,
                        fn=lambda a, d: nearest(a, lambda y: Cal("month", y, mo), d))
    if unit == "day" and ref and any(t.cls == "PREP" for t in toks):
        return None  # "later in the day": a discourse phrase, not a date
    if unit == "part":
        part = ut.value
        return _pending(m, TIME, need=NEED_REF if ref else NEED_DCT, mod=mod, ref_gran="day",
                        fn=lambda a, d: _day(a).with_time(part) if a.gran in ("day", "time") and a.known else None)
    gran = {"fortnight": "week", "season": "season"}.get(unit, unit)
    if unit == "season":
        q = ut.value
        return _pending(m, DATE, need=NEED_REF if ref else NEED_DCT, mod=mod,
                        fn=lambda a, d: Cal("season", a.coarsen("year").year, q=q) if a.year is not None else None)
    if gran not in ("day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century"):
        return None

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None:
            return None
        if not a.known and gran not in ("year", "decade", "century"):
            return None
        if rank_ok(a.gran, gran):
            return a.coarsen(gran).shift(shift)
        return None

    return _pending(m, DATE, need=NEED_REF if ref else NEED_DCT, fn=fn, mod=mod, ref_gran=gran)


def rank_ok(have: str, need: str) -> bool:
    from timeline.timex.values import rank
    return rank(have) <= rank(need)


def b_earlier_deictic(m: Match) -> Pending | None:
    if m.tok("mod").low in m.lang.PREPOSITION_NOT_MOD:
        return None  # "after Thursday's ruling": a preposition before the date, not "late Thursday"
    w = m.tok("w")
    mod = {-1: "START", 1: "END"}.get(m.val("mod"))
    if w.cls == "DEICTIC":
        off, part = w.value
        return _pending(m, DATE, need=NEED_DCT, mod=mod,
                        fn=lambda a, d: _day(a).shift(off) if a.year and a.gran in ("day", "time") else None)
    wd = w.value
    return _pending(m, DATE, need=NEED_DCT, mod=mod,
                    fn=lambda a, d: _weekday_near(_day(a), wd, d if d else -1, 0) if a.year and a.gran in ("day", "time") else None)


def b_unit_end(m: Match) -> Pending | None:
    u = _unit_of(m.tok("u"))
    if u is None or u[1] or u[0] not in ("year", "month", "week", "day", "quarter"):
        return None
    gran = u[0]
    mod = m.val("e")
    if mod not in ("END", "START"):
        return None
    return _pending(m, DATE, need=NEED_DCT, mod=mod,
                    fn=lambda a, d: a.coarsen(gran) if a.year is not None and (a.known or gran == "year") else None)


def b_offset(m: Match, anchor: str = "dct") -> Pending | None:
    """"three weeks ago" (from the DCT), "two days later" (from the previous mention)."""
    u = _unit_of(m.tok("u"))
    if u is None:
        return None
    unit, plural = u
    amount = number(m.toks("n"), m.lang) if m.has("n") else None
    if amount is False:
        return None
    if m.has("n") and amount is not None and plural == (amount == 1) and unit not in ("season",):
        if not (amount != 1 and plural) and not (amount == 1 and not plural):
            return None
    a_tok = m.tok("a")
    if a_tok.low in m.lang.CLAUSE_FINAL_ADVERBS and m.next is not None \
            and m.next.cls not in ("COMMA", "DOT", "QUOTE", "PUNCT", "AND"):
        return None  # "90 days after their issue date": a duration and a preposition
    sign = a_tok.value if isinstance(a_tok.value, int) else -1
    mods = [t for t in m.tokens[m.i:m.j] if t.cls == "APPROX"]
    mod = mods[0].value if mods else None
    up_to_anchor = bool(mods) and mods[0].low in m.lang.UP_TO_ANCHOR
    if unit == "part":
        return None
    gran = {"fortnight": "week", "weekend": "week", "season": "season",
            "minute": "time", "hour": "time", "second": "time"}.get(unit, unit)
    if amount is None or not float(amount).is_integer():
        # "a few years ago", "months earlier": the past/future as a whole,
        # or the unit's granularity with the amount unknown.
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if anchor == "ref" or unit in ("minute", "hour", "second"):
            return _pending(m, DATE, value=ref, mod=mod)
        return _pending(m, DATE, value=ref, mod=mod)
    n = int(amount) * sign
    if unit in ("minute", "hour", "second"):
        return _pending(m, DURATION if anchor == "ref" else DATE,
                        value=duration(abs(int(amount)), unit), mod=mod) if anchor == "ref" else None
    if anchor == "dct" and unit in ("decade", "century", "millennium"):
        # "a decade ago" is about that year, not that whole decade
        n *= {"decade": 10, "century": 100, "millennium": 1000}[unit]
        unit = gran = "year"
    step_unit = {"fortnight": ("week", 2), "weekend": ("week", 1)}.get(unit, (unit, 1))
    n *= step_unit[1]
    sunit = step_unit[0]

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None:
            return None
        if anchor == "dct":
            if not a.known:
                return None
            base = a if a.gran in ("day", "time") else a
            res = base.shift_by(sunit, n) if sunit != "season" else base.coarsen("season").shift(n)
            # "three years ago" = that year; "two days ago" = that day.
            if gran in ("day", "week", "month", "quarter", "half", "year", "decade", "century", "season"):
                if a.gran in ("quarter", "half") and sunit == "year":
                    return res
                return res.coarsen(gran) if rank_ok(res.gran, gran) else res
            return res
        # Previous mention: keep its granularity when the unit is no finer
        # ("the quarter a year earlier" stays a quarter), but a year before a
        # day is that year, not that day ("a year earlier" is vaguer).
        if sunit == "season":
            return a.coarsen("season").shift(n)
        res = a.shift_by(sunit, n)
        if sunit in ("year", "decade", "century") and rank_ok(res.gran, "month"):
            return res.coarsen(sunit)
        if sunit == "month" and rank_ok(res.gran, "week"):
            return res.coarsen("month")
        return res

    typ = DATE
    # "a year ago/earlier" in a report compares with the same period a year
    # before; every shift marks its result so that such comparisons don't chain.
    extra = {"shifted": True, "period_aware": sunit == "year"}
    if up_to_anchor:
        extra["toward_anchor"] = (sunit, n)  # "less than two weeks ago": any day from then on
    return _pending(m, typ, need=NEED_DCT if anchor == "dct" else NEED_REF, fn=fn, mod=mod,
                    ref_gran={"time": "day"}.get(gran, gran), extra=extra)


def b_year_ago(m: Match) -> Pending | None:
    """"year-ago", "the year-earlier period", "the year-ago third quarter"."""
    u = _unit_of(m.tok("u"))
    if u is None or u[0] != "year":
        return None
    q = _ordinal(m, "q") if m.has("q") else None
    p = m.tok("p")

    period = p is not None and p.cls in ("QUARTER", "PERIOD")

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None:
            return None
        if q is not None:
            return Cal("quarter", a.coarsen("year").year - 1 if a.gran != "quarter" else a.year - 1, q=q)
        if a.gran in ("quarter", "half"):
            return a.shift_by("year", -1)
        if period and a.known and a.gran in ("day", "time", "week", "month"):
            # "the year-ago quarter" in a report: the last completed quarter, a year before
            return a.coarsen("quarter").shift(-1).shift_by("year", -1)
        return a.coarsen("year").shift(-1)

    p_ = _pending(m, DATE, need=NEED_REF, fn=fn, ref_gran="year", extra={"period_aware": True, "shifted": True})
    if p is None and m.tokens[m.i].cls == "THE":
        # "the year-ago results": the article belongs to the noun, not the date
        p_.first_token = m.i + 1
        p_.start = m.tokens[m.i + 1].start
    return p_


def b_year_period(m: Match) -> Pending | None:
    """"the 1988 period", "the 1988 quarter": the reporting period being
    discussed (the previous mention's quarter), in that year."""
    y = _year_of(m)
    if y is None:
        return None

    def fn(a: Cal, d: int) -> Cal | None:
        if a.gran in ("quarter", "half") and a.q is not None:
            return Cal(a.gran, y, q=a.q)
        return Cal("year", y)

    return _pending(m, DATE, need=NEED_REF, ref_gran="year", fn=fn, extra={"period_aware": True})


def b_anaphor(m: Match) -> Pending | None:
    """"that year", "the same day", "the next day", "the following month"."""
    u = _unit_of(m.tok("u"))
    if u is None or u[1]:
        return None
    unit = u[0]
    r = m.tok("r")
    mod = _mod(m)
    if r.cls == "LAST" and r.low not in m.lang.REF_LAST_WORDS:
        return None  # "last year" is rel_unit
    has_the = any(t.cls == "THE" for t in m.tokens[m.i:m.j])  # "the next day", not "next day"
    if r.cls == "NEXT" and not has_the:
        return None  # "next week" is rel_unit
    shift = r.value if r.cls in ("LAST", "NEXT") else 0
    if unit == "part":
        part = m.tok("u").value
        if shift < 0:
            return None
        return _pending(m, TIME, need=NEED_REF, ref_gran="day", mod=mod,
                        fn=lambda a, d: _day(a).shift(shift).with_time(part) if a.gran in ("day", "time") and a.known else None)
    gran = {"fortnight": "week"}.get(unit, unit)
    if unit == "season":
        q = m.tok("u").value
        # "that summer": the one nearest the mention; "the next spring": the
        # first one after it; "the previous winter": the last one before.
        return _pending(m, DATE, need=NEED_REF, ref_gran="year", mod=mod,
                        fn=lambda a, d: nearest(a, lambda y: Cal("season", y, q=q), shift, strict=bool(shift)))
    if gran in ("minute", "hour", "second"):
        return None

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None:
            return None
        if not rank_ok(a.gran, gran):
            return None
        return a.coarsen(gran).shift(shift) if (a.known or gran in ("year", "decade", "century")) else None

    return _pending(m, DATE, need=NEED_REF, fn=fn, mod=mod, ref_gran=gran)


def b_same_time(m: Match) -> Pending | None:
    # "at the same time" is a discourse connective in news; in a narrative
    # it names the time of the previous mention.
    return _pending(m, DATE, need=NEED_REF, ref_gran="millennium", extra={"narrative_only": True},
                    fn=lambda a, d: a if a.year is not None else None)


def b_ordinal_day(m: Match) -> Pending | None:
    u = _unit_of(m.tok("u"))
    n = _ordinal(m, "o")
    if u is None or u[0] != "day" or u[1] or not n or n > 31:
        return None
    return _pending(m, DATE, need=NEED_REF, ref_gran="day",
                    fn=lambda a, d: _day(a).shift(n - 1) if a.gran in ("day", "time") and a.known else None)


def b_the_unit(m: Match) -> Pending | None:
    """"the year", "the quarter", "the week": the current such period of the
    previous mention (in news: of the DCT unless a mention is nearer)."""
    ut = m.tok("u")
    if ut.cls == "PERIOD":
        unit = "period"
    else:
        u = _unit_of(ut)
        if u is None or u[1]:
            return None
        unit = u[0]
    if unit in ("minute", "hour", "second", "century", "decade", "fortnight", "millennium", "day"):
        return None  # "the day" is mostly not a date ("the day before ...", "the day belonged to")
    toks = m.tokens[m.i:m.j]
    fiscal = any(t.cls == "FISCAL" for t in toks)
    if m.next is not None and m.next.low in m.lang.PERIOD_END_WORDS and unit == "year":
        # "the year ended March 31": a fiscal year, the period as a length of time.
        return _pending(m, DURATION, value=duration(1, unit))
    if unit == "period":
        return _pending(m, DATE, need=NEED_REF, ref_gran="year",
                        fn=lambda a, d: a if a.year is not None and a.gran in ("quarter", "half", "year") else None,
                        extra={"the_unit": True})
    gran = unit

    def fn(a: Cal, d: int) -> Cal | None:
        if a.year is None or not rank_ok(a.gran, gran):
            return None
        if gran in ("quarter", "half") and a.gran in ("day", "time", "week", "month") and not fiscal:
            # "the quarter" reported on a day: the last completed quarter.
            return a.coarsen(gran).shift(-1)
        return a.coarsen(gran) if (a.known or gran in ("year",)) else None

    if gran == "year" and any(t.cls in ("ADJPERIOD", "FISCAL") for t in toks):
        # "the full year", "the fiscal year": the current one
        return _pending(m, DATE, need=NEED_DCT, fn=lambda a, d: a.coarsen("year") if a.year is not None else None,
                        mod=_mod(m))
    extra = {"period_aware": True} if gran in ("quarter", "half") else {"near_ref": True}
    return _pending(m, DATE, need=NEED_REF, fn=fn, ref_gran=gran, extra=extra, mod=_mod(m))


def b_duration(m: Match) -> Pending | None:
    ut = m.tok("u")
    u = _unit_of(ut)
    if u is None:
        return None
    unit, plural = u
    if unit == "part":
        return None
    amount = number(m.toks("n"), m.lang) if m.has("n") else 1
    if amount is False:
        return None
    if m.has("n2"):
        a2 = number(m.toks("n2"), m.lang)
        if a2 is False:
            return None
        if amount is not None and a2 is not None and m.tokens[m.i:m.j][0].cls != "APPROX":
            amount = None if a2 != amount else amount  # "12 to 18 months": unknown amount
    toks = m.tokens[m.i:m.j]
    mod = None
    for t in toks:
        if t.cls == "APPROX":
            mod = t.value
            break
    if m.has("n2") and mod is None and any(t.cls == "OR" for t in toks) and amount is not None:
        mod = "APPROX"
    if m.has("f") and isinstance(amount, (int, float)):
        amount = amount + m.val("f")  # "a minute and a half"
    if m.has("u2"):
        mod = mod or "APPROX"  # "weeks or months"
    if isinstance(amount, (int, float)) and amount > 100000:
        return None
    nxt = m.next
    if nxt is not None and (nxt.cls == "OLD" or (nxt.cls == "HYPHEN" and m.j + 1 < len(m.tokens)
                                                  and m.tokens[m.j + 1].cls == "OLD")):
        return None  # an age ("6-year-old", "37 years old"), not a period
    if unit == "quarter" and ((nxt is not None and nxt.cls == "OF")
                              or (len(m.toks("n")) == 1 and m.toks("n")[0].cls == "A")):
        return None  # "three-quarters of its food", "about a quarter": fractions
    # "the first nine months" etc.: still a duration.
    value = duration(amount, unit)
    if len(toks) > 1 and toks[0].low in m.lang.DURING_BEFORE_DETERMINER and toks[1].cls in ("THE", "POSSPRON"):
        p = _pending(m, DURATION, value=value)  # "over the past two years": during them
        p.start, p.first_token = toks[1].start, m.i + 1
        return p
    return _pending(m, DURATION, value=value, mod=mod)


def b_duration_plural(m: Match) -> Pending | None:
    """"recent years", "months", "the coming weeks": a vague duration (or the
    past/future as a whole)."""
    u = _unit_of(m.tok("u"))
    if u is None:
        return None
    unit, plural = u
    if not plural or unit in ("part",):
        return None
    r = m.tok("r")
    mod = _mod(m)
    if m.has("u2"):
        mod = mod or "APPROX"
    return _pending(m, DURATION, value=duration(None, unit), mod=mod)


def b_set_adverb(m: Match) -> Pending | None:
    value, part = m.val("s")
    nxt = m.next
    if m.tok("s").low in m.lang.ADJECTIVAL_SET_WORDS and nxt is not None and nxt.cls in ("WORD", "CAPWORD"):
        return None
    return _pending(m, SET, value=value, freq="1X" if part else None)


def b_set_every(m: Match) -> Pending | None:
    e = m.tok("e")
    quant = e.value
    if m.has("wd"):
        wd = m.val("wd")
        part = m.val("p") if m.has("p") else None
        v = f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
        return _pending(m, SET, value=v, quant=quant)
    if m.has("m"):
        return _pending(m, SET, value=f"XXXX-{m.val('m'):02d}", quant=quant)
    ut = m.tok("u")
    u = _unit_of(ut)
    if u is None:
        return None
    unit, plural = u
    if unit == "season":
        from timeline.timex.values import SEASONS
        return _pending(m, SET, value=f"XXXX-{SEASONS[ut.value]}", quant=quant)
    amount = number(m.toks("n"), m.lang) if m.has("n") else 1
    if m.has("o"):
        o = _ordinal(m, "o")
        amount = o if o and o > 1 else 1
    if m.has("oth"):  # "every other day"
        amount = m.val("oth")
    if amount is False or amount is None:
        amount = 1
    if (amount == 1) == plural and not m.has("o") and not m.has("oth"):
        return None
    if unit == "part":
        return None
    return _pending(m, SET, value=duration(amount, unit), quant=quant)


def b_set_freq(m: Match) -> Pending | None:
    f = m.tok("f")
    if f.cls == "FREQ":
        k = f.value
    else:
        k = number(m.toks("f"), m.lang)
        if not isinstance(k, (int, float)) or not any(t.cls == "TIMES" for t in m.tokens[m.i:m.j]):
            return None
    u = _unit_of(m.tok("u"))
    if u is None or u[1] or u[0] == "part":
        return None
    amount = number(m.toks("n"), m.lang) if m.has("n") else 1
    if not isinstance(amount, (int, float)):
        amount = 1
    return _pending(m, SET, value=duration(amount, u[0]), freq=f"{int(k)}X")


def b_set_weekdays(m: Match) -> Pending | None:
    wd = m.val("wd")
    part = m.val("p") if m.has("p") else None
    if m.tok("wd").cls == "WEEKDAY" and not (m.has("p") and m.tok("p").low.endswith("s")):
        return None
    v = f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    s = m.toks("wd")[0].start
    p = _pending(m, SET, value=v)
    p.start = s
    p.first_token = m.span("wd")[0]
    return p


def b_ref_word(m: Match) -> Pending | None:
    return _pending(m, DATE, value=m.val("w"))


def b_present_adjective(m: Match) -> Pending | None:
    """"the current weakness", "his current position": the present."""
    w, nxt = m.tok("w"), m.next
    value = m.lang.PRESENT_ADJECTIVES.get(w.low) if w else None
    if value is None or nxt is None or nxt.low in m.lang.PRESENT_ADJECTIVE_NOT_BEFORE:
        return None
    return _pending(m, DATE, value=value)


def b_ref_narrative(m: Match) -> Pending | None:
    """A present/past/future word tagged only in narratives ("former")."""
    return _pending(m, DATE, value=m.val("w"), extra={"narrative_only": True})


def b_ref_future(m: Match) -> Pending | None:
    toks = m.tokens[m.i:m.j]
    if len(toks) == 1 and (m.prev is None or m.prev.low not in m.lang.FUTURE_CONTEXT):
        return None
    return _pending(m, DATE, value="FUTURE_REF")


def b_ref_past(m: Match) -> Pending | None:
    return _pending(m, DATE, value="PAST_REF")


def b_ref_term(m: Match) -> Pending | None:
    w = m.tok("w")
    if w.value not in ("near", "short", "long", "medium"):
        return None
    return _pending(m, DATE, value="FUTURE_REF")


def b_set_per_unit(m: Match) -> Pending | None:
    """"$5 million a year", "three times a week": a frequency."""
    u = _unit_of(m.tok("u"))
    p = m.prev
    if u is None or u[1] or u[0] == "part" or p is None:
        return None
    counted = p.cls in m.lang.SET_AFTER_CLASSES or (
        # "700 seats a week", "$2 million a year in interest": a count, then what is counted
        p.cls == "WORD" and m.i >= 2 and m.tokens[m.i - 2].cls in m.lang.SET_AFTER_CLASSES)
    if not counted:
        return None
    return _pending(m, SET, value=duration(1, u[0]))


def plausible_year(tokens: list[Token], i: int, lang: Any) -> bool:
    """Is the 4-digit number at token ``i`` a year rather than a quantity?"""
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if prev is not None and prev.low in lang.YEAR_CONTEXT_WORDS:
        if prev.low in ("the",) and nxt is not None and nxt.low in lang.YEAR_NOT_BEFORE:
            return False
        return True
    if prev is not None and (prev.low in lang.YEAR_NOT_AFTER or prev.text in lang.YEAR_NOT_AFTER):
        return False
    if prev is not None and prev.cls in ("NUM", "NUMX", "DAYNUM", "YEAR") and prev.end == tokens[i].start - 1:
        return False
    if nxt is not None and (nxt.low in lang.YEAR_NOT_BEFORE or nxt.text in lang.YEAR_NOT_BEFORE):
        return False
    if nxt is not None and nxt.cls == "WORD" and nxt.low.endswith("s") and not nxt.low.endswith("ss") \
            and len(nxt.low) > 3:
        return False  # "butcher 1400 victims": a count (a year after a preposition passed above)
    if nxt is not None and nxt.cls == "HYPHEN" and nxt.start == tokens[i].end:
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if after is None or after.cls not in ("YEAR", "DAYNUM", "NUM"):
            return False  # "2000-pound bombs"; but "1861-1865" and "1915-17" are ranges
    if nxt is not None and nxt.cls in ("NUMX",) or (nxt is not None and nxt.cls == "PUNCT" and nxt.text == "%"):
        return False
    return True


BUILDERS: dict[str, Callable[..., Pending | None]] = {
    name[2:]: fn for name, fn in globals().items() if name.startswith("b_") and callable(fn)
}
