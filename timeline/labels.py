"""Human labels for TIMEX3 values: the dates a reader sees on the site.

Pure functions over :class:`~timeline.model.When` (value, mod, precision,
bounds) and plain strings; the renderers register them as jinja2 filters
(``human_date``, ``date_label``). A label is as precise as the value and
never more: ``2020-12`` with mod ``MID`` is "mid-December 2020", not a day.

    >>> human_date(When("2021-04-15", None, None, "day"))
    'Thursday 15 April 2021'
    >>> date_label(When("2021-SU", None, None, "season"), planned=True)
    'summer 2021 (planned)'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from timeline.model import When
from timeline.timex.values import parse_value

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
HALVES = {"H1": "first half of", "H2": "second half of"}
QUARTERS = {"Q1": "first quarter of", "Q2": "second quarter of",
            "Q3": "third quarter of", "Q4": "fourth quarter of"}
DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}

#: TIMEX3 mods as words. START/MID/END attach to the period ("mid-December");
#: the others frame the whole label ("after December 2020").
PART_MODS = {"START": "early", "MID": "mid", "END": "late"}
FRAME_MODS = {
    "APPROX": "about {}", "BEFORE": "before {}", "AFTER": "after {}",
    "ON_OR_BEFORE": "on or before {}", "ON_OR_AFTER": "on or after {}",
    "LESS_THAN": "less than {}", "MORE_THAN": "more than {}",
    # an event's date bounded by its words (not TIMEX3 mods): "to cut 30,000
    # jobs by 2012", "in production until 2014", "has been fighting since 2004"
    "BY": "by {}", "UNTIL": "until {}", "SINCE": "since {}",
    "EQUAL_OR_LESS": "at most {}", "EQUAL_OR_MORE": "at least {}",
}

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d:\d\d|MO|MI|AF|EV|NI|DT)(?::\d\d)?)?")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(?:-WE)?$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|H1|H2|Q1|Q2|Q3|Q4)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def day_label(d: dt.date, weekday: bool = True) -> str:
    """``Thursday 15 April 2021`` (or ``15 April 2021``)."""
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def _period(value: str, part: str | None) -> str | None:
    """The label of a TIMEX3 DATE/TIME value, with an early/mid/late ``part``
    folded in where the language puts it ("mid-December 2020", "late 2020")."""
    prefix = f"{part}-" if part == "mid" else f"{part} " if part else ""
    if m := _DAY.match(value):
        y, mo, d, time = m.groups()
        try:
            day = dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
        text = day_label(day)
        if time in DAY_PARTS:
            text = f"{text}, {prefix}{DAY_PARTS[time]}"
        elif time:
            text = f"{text}, {time}"
        elif part:
            text = f"{prefix}{text}" if part != "mid" else f"midday {text}"
        return text
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return f"{prefix}{MONTHS[mo - 1]} {y}" if 1 <= mo <= 12 else None
    if m := _WEEK.match(value):
        y, w = int(m[1]), int(m[2])
        try:
            monday = dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        label = "the weekend of" if value.endswith("-WE") else "the week of"
        return f"{prefix}{label} {day_label(monday, weekday=False)}"
    if m := _PART.match(value):
        y, p = m.groups()
        if p in SEASONS:
            return f"{prefix}{SEASONS[p]} {y}"
        return f"{prefix}{(HALVES | QUARTERS)[p]} {y}"
    if m := _YEAR.match(value):
        return f"{prefix}{m[1]}"
    if m := _DECADE.match(value):
        return f"the {prefix}{m[1]}0s"  # "the late 1970s"
    if m := _CENTURY.match(value):
        return f"the {prefix}{m[1]}00s"
    return REFS.get(value)


def _unresolved(value: str) -> str:
    """A value with unknown parts (``XXXX-04``): what is known, never a guess."""
    if m := re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", value):
        month = MONTHS[int(m[1]) - 1] if 1 <= int(m[1]) <= 12 else None
        if month:
            return f"{int(m[2])} {month}, year unknown" if m[2] else f"{month}, year unknown"
    return value


def human_date(when: When | None) -> str:
    """The words for ``when``: value and mod, as precise as the value.

    A ``When`` without a value (a ``relative`` event) reads from its lower
    bound: "after 11 December 2020"; with no bounds at all, "date unknown".
    """
    if when is None:
        return "date unknown"
    mod = (when.mod or "").upper() or None
    part = PART_MODS.get(mod) if mod else None
    label = _period(when.value, part) if when.value else None
    if label is None and when.value:
        label = _unresolved(when.value)
    if label is None:
        if when.start is None:
            return "date unknown"
        return f"on or after {day_label(when.start, weekday=False)}"
    if mod in _COUNT_MODS and when.value and when.value[:1].isdigit():
        # A date counted with "less than"/"more than" ("less than two weeks
        # ago"): the range its bounds allow, or about the date counted to.
        own = _own_bounds(when.value)
        if when.start and when.end and own and (when.start < own[0] or when.end > own[1]):
            return f"between {_day_range(when.start, when.end)}"
        return f"about {label}"
    if mod in FRAME_MODS:
        label = FRAME_MODS[mod].format(label)
    elif mod is None and when.value and when.start and when.end and when.value[:1].isdigit():
        # counted from a vaguer date ("early March ... two days later"): the days it can be
        own = _own_bounds(when.value)
        if own and (when.start > own[0] or when.end < own[1]) and when.start != when.end:
            return f"between {_day_range(when.start, when.end)}"
    return label


_COUNT_MODS = frozenset({"LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"})


def _day_range(a: dt.date, b: dt.date) -> str:
    """``31 May and 16 June 2010`` (the year once when both share it)."""
    first = f"{a.day} {MONTHS[a.month - 1]}" if a.year == b.year else day_label(a, weekday=False)
    return f"{first} and {day_label(b, weekday=False)}"


@lru_cache(maxsize=4096)
def _own_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    cal = parse_value(value)
    return cal.bounds() if cal is not None else None


def date_label(when: When | None, planned: bool = False, after: str | None = None) -> str:
    """The label an entry shows: :func:`human_date`, "(planned)" for announced
    or proposed happenings, and for a relative event without a date of its
    own, "after <the label of the event it follows>" when that is known."""
    if when is not None and not when.value and after:
        label = after if after.startswith("after ") else f"after {after}"
    else:
        label = human_date(when)
    return f"{label} (planned)" if planned else label


def iso_datetime(when: When | None) -> str | None:
    """A valid HTML ``<time datetime>`` for ``when``: the TIMEX3 value where
    HTML can express it (``2021-04-15``, ``2021-03``, ``2021-W15``,
    ``2020``), the year for seasons, quarters and halves, and ``None`` for
    what HTML cannot say (decades, unresolved or missing values): a
    ``datetime`` never claims more than the text does."""
    v = (when.value or "") if when else ""
    if _YEAR.match(v) or _MONTH.match(v) or re.fullmatch(r"\d{4}-W\d\d", v):
        return v
    if m := _DAY.match(v):
        return "-".join(m.groups()[:3])
    if m := _PART.match(v):
        return m[1]
    return None
