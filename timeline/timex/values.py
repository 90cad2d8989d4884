"""Calendar values: TIMEX3 strings, bounds and arithmetic at every granularity.

A :class:`Cal` is a point on the calendar at some granularity (a day, a week,
a month, a season, a quarter, a half, a year, a decade, a century, a
millennium, or a time of day). Every granularity is an integer index line
("month number since year 0", "ISO week number since ...") so shifting
("last month", "three years later") is index arithmetic, and truncation
("the week of that day") goes through the unit's first day. Unknown fields
are ``None`` and print as ``X``.

No language data lives here: this is pure calendar logic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

# Granularities, finest first. 'time' is a day plus a time of day.
GRANS = (
    "time", "day", "weekend", "week", "month", "season", "quarter", "half",
    "year", "decade", "century", "millennium",
)
_RANK = {g: i for i, g in enumerate(GRANS)}

#: The contract's precision names for each granularity.
PRECISION = {
    "time": "day", "day": "day", "weekend": "week", "week": "week", "month": "month",
    "season": "season", "quarter": "quarter", "half": "half", "year": "year",
    "decade": "decade", "century": "century", "millennium": "century",
}

SEASONS = ("SP", "SU", "FA", "WI")
#: First month of each season (meteorological, northern hemisphere). The
#: winter of year Y is the one that ends in Y: December Y-1 to February Y
#: (most of its days lie in Y; "the winter of 1777" is Valley Forge's).
_SEASON_START = (3, 6, 9, 12)

MIN_DATE_YEAR, MAX_DATE_YEAR = 1, 9998


def rank(gran: str) -> int:
    """Smaller is finer."""
    return _RANK[gran]


def finer_or_equal(a: str, b: str) -> bool:
    return _RANK[a] <= _RANK[b]


@dataclass(frozen=True)
class Cal:
    """A calendar value at one granularity.

    ``year`` is the (astronomical) year: 0 is 1 BC, -1 is 2 BC. For weeks it
    is the ISO year. ``q`` is the quarter (1-4), half (1-2) or season index
    (0-3 into :data:`SEASONS`). ``time`` is a TIMEX3 time part such as
    ``"15:30"``, ``"15"`` or ``"MO"``.
    """

    gran: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    q: int | None = None
    time: str | None = None

    # ----- TIMEX3 string -------------------------------------------------
    def value(self) -> str:
        g = self.gran
        y = self.year
        if g == "millennium":
            return "XX" if y is None else _bc(y) + f"{_pos(y) // 1000:d}"
        if g == "century":
            return "XX" if y is None else _bc(y) + f"{_pos(y) // 100:02d}"
        if g == "decade":
            return "XXX" if y is None else _bc(y) + f"{_pos(y) // 10:03d}"
        ys = "XXXX" if y is None else _bc(y) + f"{_pos(y):04d}"
        if g == "year":
            return ys
        if g == "half":
            return f"{ys}-H{_x(self.q, 1)}"
        if g == "quarter":
            return f"{ys}-Q{_x(self.q, 1)}"
        if g == "season":
            return f"{ys}-{SEASONS[self.q] if self.q is not None else 'XX'}"
        if g in ("week", "weekend"):
            w = f"{ys}-W{_x(self.week, 2)}"
            return w + "-WE" if g == "weekend" else w
        ms = f"{ys}-{_x(self.month, 2)}"
        if g == "month":
            return ms
        ds = f"{ms}-{_x(self.day, 2)}"
        if g == "day":
            return ds
        return f"{ds}T{self.time or 'XX'}"

    @property
    def known(self) -> bool:
        """True when every field the granularity needs is known."""
        if self.year is None:
            return False
        g = self.gran
        if g in ("half", "quarter", "season"):
            return self.q is not None
        if g in ("week", "weekend"):
            return self.week is not None
        if g == "month":
            return self.month is not None
        if g in ("day", "time"):
            return self.month is not None and self.day is not None
        return True

    # ----- bounds --------------------------------------------------------
    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """First and last day covered, or ``None`` if unknown or out of range."""
        if not self.known or not (MIN_DATE_YEAR <= self.year <= MAX_DATE_YEAR):
            return None
        try:
            first = self.first_day()
            nxt = self.shift(1).first_day()
        except (ValueError, OverflowError):
            return None
        last = nxt - dt.timedelta(days=1)
        if self.gran == "weekend":
            first = first + dt.timedelta(days=5)
            last = first + dt.timedelta(days=1)
        return first, last

    def extent(self) -> tuple[int, int] | None:
        """First and last day as day numbers (days since 1970-01-01 on the
        proleptic Gregorian calendar, BC years included), or ``None`` if the
        value is not fully known. Used to compare values that ``bounds``
        (``datetime.date``) cannot represent."""
        if not self.known:
            return None
        try:
            first = _first_daynum(self)
            last = _first_daynum(self.shift(1)) - 1
        except (ValueError, TypeError, OverflowError):
            return None
        if self.gran == "weekend":
            first, last = first + 5, first + 6
        return first, last

    def first_day(self) -> dt.date:
        g, y = self.gran, self.year
        if g in ("day", "time"):
            return dt.date(y, self.month, self.day)
        if g == "month":
            return dt.date(y, self.month, 1)
        if g in ("week", "weekend"):
            return dt.date.fromisocalendar(y, self.week, 1)
        if g == "season":
            return dt.date(y - 1 if self.q == 3 else y, _SEASON_START[self.q], 1)
        if g == "quarter":
            return dt.date(y, 3 * (self.q - 1) + 1, 1)
        if g == "half":
            return dt.date(y, 6 * (self.q - 1) + 1, 1)
        if g == "year":
            return dt.date(y, 1, 1)
        if g == "decade":
            return dt.date(max(1, y - y % 10), 1, 1)
        if g == "century":
            return dt.date(max(1, y - y % 100), 1, 1)
        return dt.date(max(1, y - y % 1000), 1, 1)

    # ----- arithmetic ----------------------------------------------------
    def shift(self, n: int) -> "Cal":
        """The value ``n`` units of its own granularity later (earlier if < 0)."""
        if n == 0 or self.year is None:
            return self
        g = self.gran
        if g in ("day", "time"):
            if self.month is None or self.day is None:
                return self
            d = dt.date(self.year, self.month, self.day) + dt.timedelta(days=n)
            return replace(self, year=d.year, month=d.month, day=d.day)
        if g in ("week", "weekend"):
            if self.week is None:
                return self
            d = dt.date.fromisocalendar(self.year, self.week, 1) + dt.timedelta(weeks=n)
            iy, iw, _ = d.isocalendar()
            return replace(self, year=iy, week=iw)
        if g == "month":
            if self.month is None:
                return replace(self, year=self.year + _div(n, 12)) if n % 12 == 0 else self
            i = self.year * 12 + self.month - 1 + n
            return replace(self, year=i // 12, month=i % 12 + 1)
        per = {"season": 4, "quarter": 4, "half": 2}.get(g)
        if per:
            if self.q is None:
                return replace(self, year=self.year + _div(n, per)) if n % per == 0 else self
            if g == "season":  # within a year: WI (ending in it), SP, SU, FA
                i = self.year * 4 + (self.q + 1) % 4 + n
                return replace(self, year=i // 4, q=(i % 4 - 1) % 4)
            i = self.year * per + self.q - 1 + n
            return replace(self, year=i // per, q=i % per + 1)
        step = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[g]
        return replace(self, year=self.year + n * step)

    def shift_by(self, unit: str, n: int) -> "Cal":
        """Shift by ``n`` units of ``unit`` while keeping this granularity
        where the unit is no finer ("the quarter a year earlier" stays a
        quarter); otherwise the result has the unit's granularity."""
        if self.year is None:
            return self
        if unit == self.gran:
            return self.shift(n)
        if unit == "weekend":
            unit = "week"
        if rank(unit) < rank(self.gran):
            # Finer unit than we know: go to the unit through our first day.
            if not self.known:
                return self
            return at(self.first_day(), unit).shift(n)
        months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "season": 3}.get(unit)
        if self.gran in ("day", "time", "month", "season", "quarter", "half") and months:
            if self.gran in ("day", "time"):
                if self.month is None or self.day is None:
                    return self
                i = self.year * 12 + self.month - 1 + months * n
                y, m = i // 12, i % 12 + 1
                return replace(self, year=y, month=m, day=min(self.day, _month_len(y, m)))
            if self.gran == "month" and self.month is not None:
                i = self.year * 12 + self.month - 1 + months * n
                return replace(self, year=i // 12, month=i % 12 + 1)
            per_year = {"season": 4, "quarter": 4, "half": 2}.get(self.gran)
            if per_year and months % (12 // per_year) == 0:
                return self.shift(n * months // (12 // per_year))
            if self.gran == "month" and self.month is None and months % 12 == 0:
                return replace(self, year=self.year + n * months // 12)
        if unit == "week" and self.gran in ("day", "time") and self.month and self.day:
            d = dt.date(self.year, self.month, self.day) + dt.timedelta(weeks=n)
            return replace(self, year=d.year, month=d.month, day=d.day)
        if unit in ("year", "decade", "century", "millennium"):
            step = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[unit] * n
            if self.gran in ("week", "weekend"):
                return at(self.first_day(), "year").shift(step) if self.known else self
            return replace(self, year=self.year + step) if rank(self.gran) <= rank("year") else self.coarsen(unit).shift(n)
        # Coarser unit than a week: fall back to the unit's own granularity.
        return self.coarsen(unit).shift(n)

    def coarsen(self, gran: str) -> "Cal":
        """The value of granularity ``gran`` that contains this one."""
        if gran == self.gran:
            return self
        if self.year is None:
            return Cal(gran)
        if gran in ("year", "decade", "century", "millennium"):
            y = self.year
            if self.gran in ("week", "weekend") and self.known:
                y = self.first_day().year
            return Cal(gran, y)
        if self.known and MIN_DATE_YEAR <= self.year <= MAX_DATE_YEAR:
            return at(self.first_day(), gran)
        return Cal(gran, self.year)

    def with_time(self, time: str) -> "Cal":
        if self.gran in ("day", "time"):
            return replace(self, gran="time", time=time)
        return self


def days_from_civil(y: int, m: int, d: int) -> int:
    """Day number of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _first_daynum(c: Cal) -> int:
    g, y = c.gran, c.year
    if g in ("day", "time"):
        return days_from_civil(y, c.month, c.day)
    if g == "month":
        return days_from_civil(y, c.month, 1)
    if g in ("week", "weekend"):
        jan4 = days_from_civil(y, 1, 4)
        monday = jan4 - (jan4 + 3) % 7  # 1970-01-01 was a Thursday
        return monday + 7 * (c.week - 1)
    if g == "season":
        return days_from_civil(y - 1 if c.q == 3 else y, _SEASON_START[c.q], 1)
    if g == "quarter":
        return days_from_civil(y, 3 * (c.q - 1) + 1, 1)
    if g == "half":
        return days_from_civil(y, 6 * (c.q - 1) + 1, 1)
    step = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[g]
    return days_from_civil(y - y % step, 1, 1)


def at(d: dt.date, gran: str, time: str | None = None) -> Cal:
    """The value of granularity ``gran`` that contains day ``d``."""
    if gran == "time":
        return Cal("time", d.year, d.month, d.day, time=time)
    if gran == "day":
        return Cal("day", d.year, d.month, d.day)
    if gran in ("week", "weekend"):
        iy, iw, _ = d.isocalendar()
        return Cal(gran, iy, week=iw)
    if gran == "month":
        return Cal("month", d.year, d.month)
    if gran == "season":
        if d.month == 12:
            return Cal("season", d.year + 1, q=3)
        if d.month <= 2:
            return Cal("season", d.year, q=3)
        return Cal("season", d.year, q=(d.month - 3) // 3)
    if gran == "quarter":
        return Cal("quarter", d.year, q=(d.month - 1) // 3 + 1)
    if gran == "half":
        return Cal("half", d.year, q=(d.month - 1) // 6 + 1)
    return Cal(gran, d.year)


def parse_value(value: str) -> Cal | None:
    """Parse a TIMEX3 date/time value back into a :class:`Cal` (or ``None``)."""
    import re

    m = _VALUE_RE.fullmatch(value)
    if not m:
        return None
    bc = bool(m.group("bc"))
    head = m.group("y")

    def year(s: str, scale: int) -> int | None:
        if "X" in s:
            return None
        v = int(s) * scale
        return 1 - v if bc else v

    if len(head) == 1:
        return Cal("millennium", year(head, 1000))
    if len(head) == 2:
        return Cal("century", year(head, 100))
    if len(head) == 3:
        return Cal("decade", year(head, 10))
    y = year(head, 1)
    rest = m.group("rest") or ""
    if not rest:
        return Cal("year", y)
    if re.fullmatch(r"-H[12X]", rest):
        return Cal("half", y, q=_int(rest[2:]))
    if re.fullmatch(r"-Q[1-4X]", rest):
        return Cal("quarter", y, q=_int(rest[2:]))
    if rest[1:] in SEASONS:
        return Cal("season", y, q=SEASONS.index(rest[1:]))
    wm = re.fullmatch(r"-W(\d\d|XX)(-WE)?", rest)
    if wm:
        return Cal("weekend" if wm.group(2) else "week", y, week=_int(wm.group(1)))
    dm = re.fullmatch(r"-(\d\d|XX)(?:-(\d\d|XX)(?:T(.+))?)?", rest)
    if dm:
        mo, da, t = _int(dm.group(1)), _int(dm.group(2) or ""), dm.group(3)
        if dm.group(2) is None:
            return Cal("month", y, mo)
        if t:
            return Cal("time", y, mo, da, time=t)
        return Cal("day", y, mo, da)
    return None


def _int(s: str) -> int | None:
    return None if not s or "X" in s else int(s)


def _x(v: int | None, width: int) -> str:
    return "X" * width if v is None else f"{v:0{width}d}"


def _bc(y: int) -> str:
    return "BC" if y <= 0 else ""


def _pos(y: int) -> int:
    """Year as written: 1 BC is year 0 astronomically."""
    return 1 - y if y <= 0 else y


def _div(n: int, d: int) -> int:
    return n // d


def _month_len(y: int, m: int) -> int:
    if m == 12:
        return 31
    return (dt.date(y, m + 1, 1) - dt.timedelta(days=1)).day


import re as _re  # noqa: E402  (kept after the helpers that do not need it)

_VALUE_RE = _re.compile(
    r"(?P<bc>BC)?(?P<y>[0-9X]{1,4})(?P<rest>(?:-.*)?)"
)


# ----- durations -----------------------------------------------------------

#: TIMEX3 duration unit letters and whether they sit after the 'T'.
DURATION_UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "month": ("M", False),
    "year": ("Y", False), "quarter": ("Q", False),
}
_MULTIPLE = {"decade": ("year", 10), "century": ("year", 100), "millennium": ("year", 1000),
             "fortnight": ("week", 2), "weekend": ("day", 2), "half": ("month", 6),
             "quarter": ("month", 3),
             "season": ("month", 3)}


def duration(amount: float | int | None, unit: str) -> str:
    """TIMEX3 duration value: ``duration(3, 'year') == 'P3Y'``, ``None`` amount -> ``PXY``."""
    if unit in _MULTIPLE:
        base, k = _MULTIPLE[unit]
        amount, unit = (None if amount is None else amount * k), base
    letter, is_time = DURATION_UNITS[unit]
    if amount is None:
        num = "X"
    elif float(amount).is_integer():
        num = str(int(amount))
    else:
        whole = int(amount)
        frac = amount - whole
        sub = {"year": (12, "M", False), "day": (24, "H", True), "hour": (60, "M", True),
               "minute": (60, "S", True), "month": None, "week": (7, "D", False)}.get(unit)
        if sub and float(frac * sub[0]).is_integer():
            part = f"{int(frac * sub[0])}{sub[1]}"
            if is_time or not sub[2]:
                head = f"{whole}{letter}" if whole else ""
                return ("PT" if is_time else "P") + head + part
            return f"P{whole}{letter}T{part}" if whole else f"PT{part}"
        num = f"{amount:g}"
    return ("PT" if is_time else "P") + num + letter


# ----- validity ------------------------------------------------------------

_X2 = r"(?:\d\d|XX)"
_DATE_VALUE = _re.compile(
    r"(?:BC)?(?:\d|X)(?:\d|X){0,3}"                       # millennium .. year
    r"|(?:BC)?(?:\d{4}|XXXX)-(?:"
    r"H[12X]|Q[1-4X]|SP|SU|FA|WI|XX"                        # half, quarter, season
    rf"|W{_X2}(?:-WE|-[1-7])?"                              # week, weekend, weekday
    rf"|{_X2}(?:-{_X2}(?:T(?:MO|AF|EV|NI|DT|XX|\d\d(?::\d\d(?::\d\d)?)?)(?:[+-]\d\d)?)?)?"  # month/day/time
    r")"
    r"|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI|DT))?"             # a weekday in general (sets)
)
_DURATION_VALUE = _re.compile(
    r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML|Q))*"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
)
REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def is_valid_value(value: str, type_: str) -> bool:
    """Is ``value`` a well-formed TIMEX3 value for a TIMEX3 of type ``type_``?"""
    if type_ in ("DATE", "TIME"):
        return value in REF_VALUES or bool(_DATE_VALUE.fullmatch(value))
    if type_ == "DURATION":
        return value != "P" and value != "PT" and bool(_DURATION_VALUE.fullmatch(value))
    if type_ == "SET":
        return (value != "P" and bool(_DURATION_VALUE.fullmatch(value))) or bool(_DATE_VALUE.fullmatch(value))
    return False
