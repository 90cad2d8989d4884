"""Site -> data files beside the pages: our JSON, TimelineJS3 JSON, iCalendar, CSV.

Pure functions returning text; the same Site always gives the same bytes
(sorted keys, no clock: the iCalendar DTSTAMP comes from ``SOURCE_DATE_EPOCH``
or, without it, from the newest publication date in the content).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
import os
import re
from collections.abc import Iterable, Iterator

import icalendar

from timeline import __version__
from timeline.model import Entry, Site, When
from timeline.render import all_entries, entry_excerpt, entry_label, safe_url

SCHEMA = "timeline/1"


def _dumps(data) -> str:
    # Compact: with ``indent`` json falls back to its pure-Python encoder (5x slower).
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _when(w: When) -> dict:
    return {**w.to_json(), "mod": w.mod}


def _documents(site: Site):
    docs = {}
    for tl in site.timelines:
        for doc in tl.documents:
            docs.setdefault(doc.article.path, doc)
    return [docs[p] for p in sorted(docs)]


def site_json(site: Site) -> str:
    """``timeline.json``: every entry with its sources, each source carrying
    the fields of the ``timeline extract`` contract (DESIGN.md), plus the
    articles exactly in that contract's shape, the topics and the warnings."""
    return "".join(site_json_chunks(site))


def site_json_chunks(site: Site, memo: dict | None = None) -> Iterator[str]:
    """:func:`site_json` in pieces (an entry or an article each; ``memo``
    keeps them between builds in one process)."""
    documents = _documents(site)
    docs = {d.article.path: d for d in documents}
    entries = all_entries(site)
    topics = {}
    for tl in site.timelines:
        for e in tl.entries:
            topics.setdefault(e.id, set()).add(tl.topic)

    def source(s) -> dict:
        a, ev = s.article, s.event
        return {
            "path": a.path, "title": a.title, "dct": a.dct.isoformat(),
            "source": a.source, "url": a.url, "author": a.author, "tags": list(a.tags),
            "event": {**ev.to_json(), "sentence": list(ev.sentence), "reported": ev.reported,
                      "derivation": ev.derivation, "mod": ev.when.mod},
            "quote": s.quote,
        }

    def entry(e, label, in_topics) -> dict:
        return {
            "id": e.id, "label": label, "when": _when(e.when), "text": e.text,
            "anchor": e.anchor, "planned": e.planned, "entities": list(e.entities),
            "conflicts": [_when(w) for w in e.conflicts], "topics": list(in_topics),
            "sources": [source(s) for s in e.sources],
        }

    def article(d) -> dict:
        return {
            "path": d.article.path, "title": d.article.title, "dct": d.article.dct.isoformat(),
            "timexes": [t.to_json() for t in d.timexes],
            "events": [ev.to_json() for ev in d.events],
        }

    # The object's keys in sorted order, as _dumps writes them; each entry
    # and article one piece (the file is written as it is made).
    pieces = _Pieces(memo, "json")
    yield '{"articles":['
    for n, d in enumerate(documents):
        yield ("," if n else "") + pieces.get((d,), article)
    yield '],"entries":['
    for n, e in enumerate(entries):
        yield ("," if n else "") + pieces.get((e, entry_label(e, docs), tuple(sorted(topics.get(e.id, ())))),
                                              lambda e, label, in_topics: entry(e, label, list(in_topics)))
    pieces.done()
    yield "".join([
        '],"generator":', _dumps(f"timeline {__version__}")[:-1],
        ',"schema":', _dumps(SCHEMA)[:-1],
        ',"timelines":', _dumps([{"topic": t.topic, "title": t.title, "entries": [e.id for e in t.entries]}
                                 for t in site.timelines])[:-1],
        ',"warnings":', _dumps([{"path": w.path, "message": w.message} for w in site.warnings])[:-1],
        "}\n",
    ])


class _Pieces:
    """Pieces of an export by what they are made of (a tuple whose first
    item is an entry or a document, then plain values). ``memo[kind]`` keeps
    those of the last build (a :class:`_Store`), and is left holding this
    build's. The first item is matched by identity: the pipeline hands the
    same objects for what did not change (and a saved state keeps them the
    same objects), so no entry is hashed whole."""

    def __init__(self, memo: dict | None, kind: str):
        self.memo, self.kind = memo, kind
        old = memo.get(kind) if memo is not None else None
        self.old = old.index() if isinstance(old, _Store) else {}
        self.new = _Store()

    def get(self, key: tuple, make) -> str:
        ident = (id(key[0]), *key[1:])
        text = self.new.found.get(ident)
        if text is None:
            text = self.old.get(ident)
            if text is None:
                made = make(*key)
                text = made if isinstance(made, str) else _dumps(made)[:-1]
            self.new.add(ident, key, text)
        return text

    def done(self) -> None:
        if self.memo is not None:
            self.memo[self.kind] = self.new


class _Store:
    """The pieces of one export: (key, text) pairs, and their index by
    identity (rebuilt after a saved state is read: identities change)."""

    def __init__(self):
        self.pairs: list = []
        self.found: dict = {}

    def add(self, ident: tuple, key: tuple, text: str) -> None:
        self.pairs.append((key, text))
        self.found[ident] = text

    def index(self) -> dict:
        if not self.found and self.pairs:
            self.found = {(id(k[0]), *k[1:]): text for k, text in self.pairs}
        return self.found

    def __getstate__(self):
        return {"pairs": self.pairs}

    def __setstate__(self, state):
        self.pairs, self.found = state["pairs"], {}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _tljs_date(day: dt.date, precision: str | None) -> dict:
    date = {"year": day.year}
    if precision in (None, "day", "week", "month", "season", "quarter", "half"):
        date["month"] = day.month
    if precision in (None, "day", "week"):
        date["day"] = day.day
    return date


def _headline(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def timelinejs(site: Site, title: str = "Timeline", memo: dict | None = None) -> str:
    """TimelineJS3 JSON: ``{"title", "events": [{"start_date": {"year", ...},
    "end_date", "display_date", "text": {"headline", "text"}, "unique_id",
    "group"}]}``. TimelineJS renders ``headline``/``text`` as HTML, so every
    piece of content is HTML-escaped here. Entries without any date are left out."""
    documents = _documents(site)
    docs = {d.article.path: d for d in documents}
    topic_titles = {}
    for tl in site.timelines:
        for e in tl.entries:
            if tl.topic:
                topic_titles.setdefault(e.id, tl.title)
    events, taken = [], set()
    pieces = _Pieces(memo, "tljs")
    for e in all_entries(site):
        w = e.when
        if w.start is None:
            continue
        uid = re.sub(r"[^A-Za-z0-9_-]+", "-", e.id).strip("-") or "event"
        while uid in taken:  # TimelineJS uses it as an element id and URL hash
            uid += "-"
        taken.add(uid)
        events.append(pieces.get((e, entry_label(e, docs), uid, topic_titles.get(e.id)), _tljs_event))
    pieces.done()
    count = len({d.article.path for d in documents})
    head = _dumps({"text": {"headline": html.escape(title),
                            "text": f"<p>{_count(len(events), 'event')} from {_count(count, 'article')}</p>"}})
    # The object's keys sorted, as _dumps writes them.
    return '{"events":[' + ",".join(events) + '],"title":' + head[:-1] + "}\n"


def _tljs_event(e: Entry, label: str, uid: str, group: str | None) -> dict:
    """One TimelineJS event (see :func:`timelinejs`)."""
    w = e.when
    sources = []
    for s in e.sources:
        name = html.escape(s.article.title)
        url = safe_url(s.article.url)
        if url:
            name = f'<a href="{html.escape(url)}" rel="noopener noreferrer nofollow">{name}</a>'
        outlet = f" ({html.escape(s.article.source)})" if s.article.source else ""
        sources.append(f"<li>{name}{outlet}</li>")
    words = entry_excerpt(e)
    body = f"<p>{html.escape(words)}</p><ul>{''.join(sources)}</ul>"
    if e.derivation:
        body += f"<p><small>{html.escape(e.derivation)}</small></p>"
    event = {
        "unique_id": uid,
        "start_date": _tljs_date(w.start, w.precision if w.value else "day"),
        "display_date": label,
        "text": {"headline": html.escape(_headline(words)), "text": body},
    }
    if w.value and w.end and w.end != w.start and w.precision not in ("day", "month"):
        event["end_date"] = _tljs_date(w.end, w.precision)
    if group is not None:
        event["group"] = html.escape(group)
    return event


def _dtstamp(site: Site) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    days = [d.article.dct for d in _documents(site)]
    day = max(days) if days else dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def ical(site: Site, title: str = "Timeline", memo: dict | None = None) -> str:
    """An iCalendar file: one all-day VEVENT per dated entry, spanning
    ``when.start``..``when.end`` (DTEND is exclusive: the day after
    ``end``); an entry bounded only from below is one day at its start.
    Planned entries are TENTATIVE. A relative entry ("after mid-December
    2020") has no day of its own: a calendar would show it as every day
    from then to the publication, so it is left out (the other exports keep
    it, with its label); so is an entry known only to the half-year, year,
    decade or century ("in 2019"), which a calendar would show on each of
    its 365 days."""
    docs = {d.article.path: d for d in _documents(site)}
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//timeline//timeline {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    stamp = _dtstamp(site)
    pieces = _Pieces(memo, "ics")
    # Every event carries the same DTSTAMP, which moves with the newest
    # article: the pieces are kept with a stand-in stamp, put right here.
    placeholder, line = f"\nDTSTAMP:{_STAND_IN:%Y%m%dT%H%M%SZ}\r\n", f"\nDTSTAMP:{stamp:%Y%m%dT%H%M%SZ}\r\n"
    events = [pieces.get((e, entry_label(e, docs), _STAND_IN), _vevent_text).replace(placeholder, line, 1)
              for e in all_entries(site)
              if e.when.start is not None and e.when.value and e.when.precision not in NOT_IN_CALENDAR]
    pieces.done()
    head, end = cal.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    return head + "".join(events) + "END:VCALENDAR" + end


#: Precisions too coarse for a calendar event (see :func:`ical`).
NOT_IN_CALENDAR = frozenset({"half", "year", "decade", "century"})
_STAND_IN = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _vevent(entry: Entry, label: str, stamp: dt.datetime) -> str:
    """One VEVENT, serialized by icalendar; memoized, since folding long lines
    is most of an export's time and a rebuild under ``mkdocs serve`` sees
    mostly the same entries again."""
    try:
        return _vevent_cached(entry, label, stamp)
    except TypeError:  # an unhashable field: serialize without the cache
        return _vevent_cached.__wrapped__(entry, label, stamp)


def _vevent_text(e: Entry, label: str, stamp: dt.datetime) -> str:
    """:func:`_vevent_cached` written out directly: the same lines, in the
    order, escaping and folding of icalendar 7 (tests/test_exports.py
    compares them), some twenty times faster (a cold build of a big archive
    writes tens of thousands)."""
    w = e.when
    end = w.end if w.end and w.end >= w.start else w.start
    words = entry_excerpt(e)
    lines = _description(e, label, words)
    props = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _ical_text(_headline(words, 200)),
        f"DTSTART;VALUE=DATE:{_ymd(w.start)}",
        f"DTEND;VALUE=DATE:{_ymd(end + dt.timedelta(days=1))}",
        f"DTSTAMP:{_ymd(stamp.astimezone(dt.timezone.utc))}T{stamp.astimezone(dt.timezone.utc):%H%M%S}Z",
        "UID:" + _ical_text(f"{e.id}@timeline"),
    ]
    if e.entities:
        props.append("CATEGORIES:" + ",".join(_ical_text(c) for c in e.entities))
    props += ["DESCRIPTION:" + _ical_text("\n".join(lines)),
              "STATUS:" + ("TENTATIVE" if e.planned else "CONFIRMED"), "TRANSP:TRANSPARENT", "END:VEVENT"]
    return "".join(_fold(p) + "\r\n" for p in props)


def _description(e: Entry, label: str, words: str) -> list[str]:
    """The lines of an event's DESCRIPTION: its label, words, sources, derivation."""
    lines = [label, "", words, ""]
    for s in e.sources:
        outlet = f" ({s.article.source})" if s.article.source else ""
        lines.append(f"Source: {s.article.title}{outlet}, {s.article.dct.isoformat()}")
        if safe_url(s.article.url):
            lines.append(s.article.url)
    if e.derivation:
        lines += ["", e.derivation]
    return lines


def _ymd(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _ical_text(text: str) -> str:
    """RFC 5545 TEXT escaping, as icalendar does it."""
    return (text.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _fold(line: str, limit: int = 75) -> str:
    """A content line folded at 75 octets as icalendar folds it: a line
    never ends on a backslash or caret it could split from what follows."""
    if line.isascii():
        if len(line) < limit:
            return line
        parts, i = [], 0
        while len(line) - i >= limit:
            cut = i + limit - 1
            if cut - i > 1 and line[cut - 1] in "\\^":
                cut -= 1
            parts.append(line[i:cut])
            i = cut
        parts.append(line[i:])
        return "\r\n ".join(parts)
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and count + size >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current, count = [carried], len(carried.encode("utf-8"))
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


@functools.lru_cache(maxsize=65536)
def _vevent_cached(e: Entry, label: str, stamp: dt.datetime) -> str:
    w = e.when
    end = w.end if w.end and w.end >= w.start else w.start
    ev = icalendar.Event()
    ev.add("uid", f"{e.id}@timeline")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", w.start)
    ev.add("dtend", end + dt.timedelta(days=1))
    words = entry_excerpt(e)
    ev.add("summary", _headline(words, 200))
    lines = _description(e, label, words)
    ev.add("description", "\n".join(lines))
    ev.add("status", "TENTATIVE" if e.planned else "CONFIRMED")
    ev.add("transp", "TRANSPARENT")
    if e.entities:
        ev.add("categories", list(e.entities))
    return ev.to_ical().decode("utf-8")


CSV_FIELDS = ("id", "label", "value", "mod", "precision", "start", "end", "anchor", "planned",
              "text", "entities", "tags", "articles", "titles", "outlets", "urls")


def _cell(value: str) -> str:
    """Text that a spreadsheet cannot mistake for a formula (OWASP CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(site: Site, memo: dict | None = None) -> str:
    """One row per entry; list fields joined with '; ', each article once."""
    docs = {d.article.path: d for d in _documents(site)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    pieces = _Pieces(memo, "csv")
    for e in all_entries(site):
        out.write(pieces.get((e, entry_label(e, docs)), _csv_row))
    pieces.done()
    return out.getvalue()


def _csv_row(e: Entry, label: str) -> str:
    """One entry's CSV row (see :func:`csv_text`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def joined(items: Iterable[str]) -> str:
        return _cell("; ".join(items))

    w = e.when
    articles = list({s.article.path: s.article for s in e.sources}.values())
    writer.writerow([
        _cell(e.id), _cell(label), _cell(w.value or ""), w.mod or "", w.precision or "",
        w.start.isoformat() if w.start else "", w.end.isoformat() if w.end else "",
        e.anchor, "true" if e.planned else "false", _cell(e.text), joined(e.entities),
        joined(sorted({t for s in e.sources for t in s.article.tags})),
        joined(a.path for a in articles), joined(a.title for a in articles),
        joined(a.source for a in articles if a.source),
        joined(a.url for a in articles if a.url),
    ])
    return out.getvalue()


def export_site(site: Site, memo: dict | None = None) -> dict[str, str]:
    """Every export, by file name (the names the pages link to: render.EXPORTS).
    ``memo``: a dict kept between builds, so unchanged entries are not
    written out again."""
    return {name: "".join(chunks) for name, chunks in export_chunks(site, memo)}


def export_chunks(site: Site, memo: dict | None = None) -> Iterator[tuple[str, Iterable[str]]]:
    """:func:`export_site` one file at a time, each in pieces: a big site's
    exports are written as they are made, never all in memory."""
    yield "timeline.json", site_json_chunks(site, memo)
    yield "timelinejs.json", (timelinejs(site, memo=memo),)
    yield "timeline.ics", (ical(site, memo=memo),)
    yield "timeline.csv", (csv_text(site, memo),)
