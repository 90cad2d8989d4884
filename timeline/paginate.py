"""A timeline cut into pages a browser opens comfortably, at any archive size.

``paginate(entries)`` is pure: the entries of a timeline (oldest first) in,
its periods out, each a page of its own: one page per year, or, for a year
too big for one page, one per month (or season, quarter, "Sometime in
2020"), and a month too big for one page is cut into numbered parts. Every
entry lands on exactly one period, the periods in the entries' order; a
relative entry without a date of its own ("later") stays on the page of the
entry it follows. A period's path depends only on its dates, so a permalink
``<period>/#<entry id>`` stays put when other articles come and go (unless
the year grows past one page; the permalink map then still finds it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline import labels
from timeline.model import Entry, When

#: The most characters of entry text (quotes, titles, derivations, labels)
#: a period page holds, before markup; the markup about doubles it and the
#: theme adds some 50 KB, which keeps every page well under 2 MB.
PAGE_BUDGET = 400_000
#: How many of the newest entries the summary page of a timeline shows.
LATEST = 50
#: Buckets of the permalink map (``ids/<n>.json``): one is fetched to find
#: the page of an entry id that an old link points to.
ID_BUCKETS = 64

_FINE = ("day", "week", "month")


@dataclass
class Period:
    """One page of a timeline: ``path`` (relative to the timeline's folder,
    without ``.md``), its title, the year it belongs to and its entries."""

    path: str
    label: str
    year: str
    entries: list[Entry] = field(default_factory=list)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def group_keys(entry: Entry) -> tuple[str, str]:
    """(year group, sub-group) labels an entry is listed under."""
    w = entry.when
    if w.start is None:
        return "Date unknown", ""
    if w.precision in ("decade", "century"):
        label = capital(labels.human_date(When(w.value, w.start, w.end, w.precision)))
        return label, ""
    year = str(w.start.year)
    if w.precision in _FINE or w.precision is None:
        return year, f"{labels.MONTHS[w.start.month - 1]} {w.start.year}"
    if w.precision == "year":
        return year, f"Sometime in {w.start.year}"
    return year, capital(labels.human_date(When(w.value, w.start, w.end, w.precision)))


def keys_in_order(entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """:func:`group_keys` of each entry, a relative entry without a date of
    its own taking those of the entry before it."""
    out: list[tuple[str, str]] = []
    for entry in entries:
        if out and entry.anchor == "relative" and not entry.when.value:
            out.append(out[-1])
        else:
            out.append(group_keys(entry))
    return out


def size(entry: Entry) -> int:
    """About how many characters of text an entry puts on a page."""
    n = 400 + 2 * len(entry.text) + 80 * len(entry.entities) + 120 * len(entry.conflicts)
    for s in entry.sources:
        a = s.article
        n += 500 + 2 * len(a.title) + len(a.source or "") + len(a.url or "") + len(s.event.derivation) \
            + (s.event.sentence[1] - s.event.sentence[0])
    return n


def _month_slug(entry: Entry, sub: str) -> str:
    w = entry.when
    if w.start is not None and (w.precision in _FINE or w.precision is None) and sub.endswith(str(w.start.year)):
        return f"{w.start.month:02d}"
    return slugify(sub) or "other"


def paginate(entries: Sequence[Entry], budget: int = PAGE_BUDGET) -> list[Period]:
    """The periods of a timeline, in order (see the module's docstring)."""
    keys = keys_in_order(entries)
    years: dict[str, list[int]] = {}
    for n, (year, _) in enumerate(keys):
        years.setdefault(year, []).append(n)
    periods: list[Period] = []
    for year, members in years.items():
        year_slug = slugify(year) or "other"
        sizes = [size(entries[n]) for n in members]
        if sum(sizes) <= budget:
            periods.append(Period(year_slug, year, year, [entries[n] for n in members]))
            continue
        subs: dict[str, list[int]] = {}
        for n in members:
            subs.setdefault(keys[n][1], []).append(n)
        slugs: dict[str, str] = {}
        for sub, ns in subs.items():
            slug = _month_slug(entries[ns[0]], sub)
            while slug in slugs.values():
                slug += "-"
            slugs[sub] = slug
            part: list[int] = []
            used = 0
            parts: list[list[int]] = []
            for n in ns:
                s = size(entries[n])
                if part and used + s > budget and not _sticks(entries[n]):
                    parts.append(part)
                    part, used = [], 0
                part.append(n)
                used += s
            parts.append(part)
            label = sub or year
            for k, p in enumerate(parts, 1):
                path = f"{year_slug}/{slug}" + (f"-{k}" if k > 1 else "")
                title = label + (f" (part {k} of {len(parts)})" if len(parts) > 1 else "")
                periods.append(Period(path, title, year, [entries[n] for n in p]))
    return periods


def _sticks(entry: Entry) -> bool:
    """A relative entry without a date stays with the entry it follows."""
    return entry.anchor == "relative" and not entry.when.value


def bucket(entry_id: str, buckets: int = ID_BUCKETS) -> int:
    """The permalink-map bucket of an id: FNV-1a (32 bit) over its UTF-16
    code units, as ``timeline.js`` computes it."""
    h = 0x811C9DC5
    if entry_id.isascii():  # (most ids: a code unit per byte)
        for unit in entry_id.encode("ascii"):
            h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
        return h % buckets
    data = entry_id.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def fingerprint(*parts: object) -> str:
    """A short stable hash of ``repr`` of plain data (strings, numbers,
    dates, tuples, lists, dicts with sorted keys)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
