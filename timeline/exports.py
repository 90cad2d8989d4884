"""Site -> data files beside the pages: our JSON, TimelineJS3 JSON, iCalendar, CSV.

Pure functions returning text; the same Site always gives the same bytes
(sorted keys, no clock: the iCalendar DTSTAMP comes from ``SOURCE_DATE_EPOCH``
or, without it, from the newest publication date in the content).
"""

from __future__ import annotations

import array
import csv
import datetime as dt
import html
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator

import icalendar

from timeline import __version__
from timeline.model import Entry, Site, When
from timeline.render import all_entries, entry_excerpt, entry_label, safe_url

SCHEMA = "timeline/1"


def _dumps(data) -> str:
    # Compact: with ``indent`` json falls back to its pure-Python encoder (5x slower).
    return _ENCODER.encode(data) + "\n"


#: (one encoder: json.dumps with options makes a new one for each call)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
    return b"".join(site_json_chunks(site)).decode("utf-8")


def site_json_chunks(site: Site, memo: dict | None = None, labels: dict | None = None) -> Iterator[bytes]:
    """:func:`site_json` in pieces of UTF-8 (an entry or an article each;
    ``memo`` keeps where they were for the next build, see :class:`_Pieces`)."""
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
    pieces = _Pieces(memo, "timeline.json")
    yield pieces.text('{"articles":[')
    for n, d in enumerate(documents):
        if n:
            yield pieces.text(",")
        yield pieces.get((d,), article)
    yield pieces.text('],"entries":[')
    for n, e in enumerate(entries):
        if n:
            yield pieces.text(",")
        yield pieces.get((e, _label(e, docs, labels), tuple(sorted(topics.get(e.id, ())))),
                         lambda e, label, in_topics: entry(e, label, list(in_topics)))
    yield pieces.text("".join([
        '],"generator":', _dumps(f"timeline {__version__}")[:-1],
        ',"schema":', _dumps(SCHEMA)[:-1],
        ',"timelines":', _dumps([{"topic": t.topic, "title": t.title, "entries": [e.id for e in t.entries]}
                                 for t in site.timelines])[:-1],
        ',"warnings":', _dumps([{"path": w.path, "message": w.message} for w in site.warnings])[:-1],
        "}\n",
    ]))
    yield pieces.done()


#: ``memo`` key of the files an earlier build wrote: ``{file name: bytes-like}``,
#: put there by the caller (the core reads no files) for :class:`_Pieces`.
PREVIOUS = "previous"


class _Pieces:
    """One export file as it is made, piece by piece (UTF-8), and where each
    piece went, by what it is made of (a tuple whose first item is an entry
    or a document, then plain values). ``memo[kind]`` keeps the last build's
    places (a :class:`_Store`) and is left holding this build's; a piece
    made of the same things is copied from the last build's file
    (``memo[PREVIOUS][kind]``, when the caller found it as that build left
    it) instead of being made again. So no build holds an export's text,
    and one that changes little rewrites little. The first item is matched
    by identity: the pipeline hands the same objects for what did not change
    (a saved state keeps them the same objects), so no entry is hashed whole.

    ``stamp``: text that every piece carries and that may change between
    builds without changing anything else (the iCalendar DTSTAMP line): a
    copied piece gets this build's."""

    #: Copied pieces that follow each other in the last build's file are
    #: copied together, up to this many bytes at a time.
    RUN = 1 << 20

    def __init__(self, memo: dict | None, kind: str, stamp: bytes = b""):
        self.memo, self.kind, self.stamp = memo, kind, stamp
        old = memo.get(kind) if memo is not None else None
        data = (memo.get(PREVIOUS) or {}).get(kind) if memo is not None else None
        usable = isinstance(old, _Store) and data is not None and len(data) == old.size \
            and len(old.stamp) == len(stamp)  # (a stamp put right keeps every place)
        self.old = old if usable else _Store()
        self.found = self.old.index()
        self.data = data if usable else None
        self.old_stamp = old.stamp if usable else b""
        self.new = _Store(stamp)
        self.pos = 0
        self.run: list[int] | None = None  # [start, end) of the last file, copied but not handed out yet

    def _flush(self) -> bytes:
        if self.run is None:
            return b""
        data = self.data[self.run[0]:self.run[1]]
        self.run = None
        return data.replace(self.old_stamp, self.stamp) if self.old_stamp != self.stamp else data

    def text(self, text: str) -> bytes:
        """A piece that is not kept (punctuation, the head)."""
        data = text.encode("utf-8")
        self.pos += len(data)
        run = self.run
        if run is not None and self.data[run[1]:run[1] + len(data)] == data and run[1] - run[0] < self.RUN:
            run[1] += len(data)
            return b""
        return self._flush() + data

    def get(self, key: tuple, make) -> bytes:
        """The piece made of ``key`` (``make(*key)``, text or JSON data),
        or nothing when it is copied with the pieces that follow it."""
        i = self.found.get((id(key[0]), *key[1:]))
        if i is not None:
            a, b = self.old.starts[i], self.old.ends[i]
            self.new.add(key, self.pos, self.pos + b - a)
            self.pos += b - a
            run = self.run
            if run is not None and run[1] == a and run[1] - run[0] < self.RUN:
                run[1] = b
                return b""
            out = self._flush()
            self.run = [a, b]
            return out
        made = make(*key)
        data = (made if isinstance(made, str) else _dumps(made)[:-1]).encode("utf-8")
        self.new.add(key, self.pos, self.pos + len(data))
        self.pos += len(data)
        return self._flush() + data

    def done(self) -> bytes:
        """The file is complete (the rest of it is returned): keep its
        pieces' places for the next build."""
        out = self._flush()
        self.new.size = self.pos
        if self.memo is not None:
            self.memo[self.kind] = self.new
        return out


class _Store:
    """Where the pieces of one export file are: their keys, starts and ends
    (arrays: a small, quickly read state), their index by identity (rebuilt
    after a saved state is read: identities change), the file's size and
    stamp (see :class:`_Pieces`)."""

    def __init__(self, stamp: bytes = b""):
        self.keys: list = []
        self.starts = array.array("q")
        self.ends = array.array("q")
        self.found: dict = {}
        self.size = -1
        self.stamp = stamp

    def add(self, key: tuple, start: int, end: int) -> None:
        self.keys.append(key)
        self.starts.append(start)
        self.ends.append(end)

    def index(self) -> dict:
        if not self.found and self.keys:
            self.found = {(id(k[0]), *k[1:]): i for i, k in enumerate(self.keys)}
        return self.found

    def __getstate__(self):
        return self._state(lambda first: first)

    def __setstate__(self, state):  # (another version's store is an empty one)
        self.__init__(state.get("stamp", b""))
        if "flat" in state:
            self._restore(state, lambda first: first)

    def portable(self) -> dict:
        """The store for the process this one was forked from: a key's first
        item (an entry or a document) as its ``id()``, which is its id there
        too (a forked process holds the same objects at the same addresses)."""
        return self._state(id)

    @classmethod
    def from_portable(cls, data: dict, objects: dict) -> "_Store":
        """:meth:`portable` read back with ``objects`` (``{id(): object}``);
        ``KeyError`` for an object not there."""
        store = cls(data["stamp"])
        store._restore(data, objects.__getitem__)
        return store

    def _state(self, first: Callable) -> dict:
        # the keys one after the other (the first item of each through
        # ``first``), and their lengths: not a tuple per piece in the saved
        # state (every object written is one more in pickle's table of them)
        return {"flat": [first(x) if j == 0 else x for k in self.keys for j, x in enumerate(k)],
                "lengths": bytes(map(len, self.keys)),
                "starts": self.starts, "ends": self.ends, "size": self.size, "stamp": self.stamp}

    def _restore(self, state: dict, first: Callable) -> None:
        flat, at = state["flat"], 0
        for n in state["lengths"]:
            self.keys.append((first(flat[at]), *flat[at + 1:at + n]))
            at += n
        self.starts, self.ends, self.size = state["starts"], state["ends"], state["size"]


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


def timelinejs(site: Site, title: str = "Timeline") -> str:
    """TimelineJS3 JSON: ``{"title", "events": [{"start_date": {"year", ...},
    "end_date", "display_date", "text": {"headline", "text"}, "unique_id",
    "group"}]}``. TimelineJS renders ``headline``/``text`` as HTML, so every
    piece of content is HTML-escaped here. Entries without any date are left out."""
    return b"".join(timelinejs_chunks(site, title)).decode("utf-8")


def timelinejs_chunks(site: Site, title: str = "Timeline", memo: dict | None = None,
                      labels: dict | None = None) -> Iterator[bytes]:
    """:func:`timelinejs` in pieces of UTF-8 (see :class:`_Pieces`)."""
    documents = _documents(site)
    docs = {d.article.path: d for d in documents}
    topic_titles = {}
    for tl in site.timelines:
        for e in tl.entries:
            if tl.topic:
                topic_titles.setdefault(e.id, tl.title)
    taken: set[str] = set()
    pieces = _Pieces(memo, "timelinejs.json")
    yield pieces.text('{"events":[')
    count = 0
    for e in all_entries(site):
        w = e.when
        if w.start is None:
            continue
        uid = re.sub(r"[^A-Za-z0-9_-]+", "-", e.id).strip("-") or "event"
        while uid in taken:  # TimelineJS uses it as an element id and URL hash
            uid += "-"
        taken.add(uid)
        if count:
            yield pieces.text(",")
        yield pieces.get((e, _label(e, docs, labels), uid, topic_titles.get(e.id)), _tljs_event)
        count += 1
    articles = len({d.article.path for d in documents})
    head = _dumps({"text": {"headline": html.escape(title),
                            "text": f"<p>{_count(count, 'event')} from {_count(articles, 'article')}</p>"}})
    # The object's keys sorted, as _dumps writes them.
    yield pieces.text('],"title":' + head[:-1] + "}\n")
    yield pieces.done()


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


def ical(site: Site, title: str = "Timeline") -> str:
    """An iCalendar file: one all-day VEVENT per dated entry, spanning
    ``when.start``..``when.end`` (DTEND is exclusive: the day after
    ``end``); an entry bounded only from below is one day at its start.
    Planned entries are TENTATIVE. A relative entry ("after mid-December
    2020") has no day of its own: a calendar would show it as every day
    from then to the publication, so it is left out (the other exports keep
    it, with its label); so is an entry known only to the half-year, year,
    decade or century ("in 2019"), which a calendar would show on each of
    its 365 days."""
    return b"".join(ical_chunks(site, title)).decode("utf-8")


def ical_chunks(site: Site, title: str = "Timeline", memo: dict | None = None,
                labels: dict | None = None) -> Iterator[bytes]:
    """:func:`ical` in pieces of UTF-8 (see :class:`_Pieces`)."""
    docs = {d.article.path: d for d in _documents(site)}
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//timeline//timeline {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    stamp = _dtstamp(site)
    # Every event carries the same DTSTAMP, which moves with the newest
    # article: a piece kept from a build with another stamp gets this one.
    pieces = _Pieces(memo, "timeline.ics", f"\n{_dtstamp_line(stamp)}\r\n".encode("ascii"))
    head, end = cal.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    yield pieces.text(head)
    for e in all_entries(site):
        if e.when.start is not None and e.when.value and e.when.precision not in NOT_IN_CALENDAR:
            yield pieces.get((e, _label(e, docs, labels)), lambda e, label: _vevent_text(e, label, stamp))
    yield pieces.text("END:VCALENDAR" + end)
    yield pieces.done()


#: Precisions too coarse for a calendar event (see :func:`ical`).
NOT_IN_CALENDAR = frozenset({"half", "year", "decade", "century"})


def _vevent_text(e: Entry, label: str, stamp: dt.datetime) -> str:
    """One VEVENT written out directly: the lines, order, escaping and
    folding of icalendar 7 (tests/test_exports.py compares them with
    icalendar's own), some twenty times faster (a cold build of a big
    archive writes tens of thousands)."""
    w = e.when
    end = w.end if w.end and w.end >= w.start else w.start
    words = entry_excerpt(e)
    lines = _description(e, label, words)
    props = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _ical_text(_headline(words, 200)),
        f"DTSTART;VALUE=DATE:{_ymd(w.start)}",
        f"DTEND;VALUE=DATE:{_ymd(end + dt.timedelta(days=1))}",
        _dtstamp_line(stamp),
        "UID:" + _ical_text(f"{e.id}@timeline"),
    ]
    if e.entities:
        props.append("CATEGORIES:" + ",".join(_ical_text(c) for c in e.entities))
    props += ["DESCRIPTION:" + _ical_text("\n".join(lines)),
              "STATUS:" + ("TENTATIVE" if e.planned else "CONFIRMED"), "TRANSP:TRANSPARENT", "END:VEVENT"]
    return "".join(_fold(p) + "\r\n" for p in props)


def _dtstamp_line(stamp: dt.datetime) -> str:
    utc = stamp.astimezone(dt.timezone.utc)
    return f"DTSTAMP:{_ymd(utc)}T{utc:%H%M%S}Z"


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
    # The same cuts over the UTF-8 bytes: each part the most whole
    # characters that fit in limit - 1 bytes.
    data = line.encode("utf-8")
    parts_b: list[bytes] = []
    i = 0
    while len(data) - i >= limit:
        cut = i + limit - 1
        while data[cut] & 0xC0 == 0x80:  # (inside a character: cut before it)
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        parts_b.append(data[i:cut])
        i = cut
    parts_b.append(data[i:])
    return "\r\n ".join(p.decode("utf-8") for p in parts_b)


CSV_FIELDS = ("id", "label", "value", "mod", "precision", "start", "end", "anchor", "planned",
              "text", "entities", "tags", "articles", "titles", "outlets", "urls")


def _cell(value: str) -> str:
    """Text that a spreadsheet cannot mistake for a formula (OWASP CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(site: Site) -> str:
    """One row per entry; list fields joined with '; ', each article once."""
    return b"".join(csv_chunks(site)).decode("utf-8")


def csv_chunks(site: Site, memo: dict | None = None, labels: dict | None = None) -> Iterator[bytes]:
    """:func:`csv_text` in pieces of UTF-8 (see :class:`_Pieces`)."""
    docs = {d.article.path: d for d in _documents(site)}
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_FIELDS)
    pieces = _Pieces(memo, "timeline.csv")
    yield pieces.text(out.getvalue())
    for e in all_entries(site):
        yield pieces.get((e, _label(e, docs, labels)), _csv_row)
    yield pieces.done()


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
    ``memo``: a dict kept between builds (see :class:`_Pieces`)."""
    return {name: b"".join(chunks).decode("utf-8") for name, chunks in export_chunks(site, memo)}


def export_chunks(site: Site, memo: dict | None = None) -> Iterator[tuple[str, Iterator[bytes]]]:
    """:func:`export_site` one file at a time, each in pieces of UTF-8: a
    big site's exports are written as they are made, never all in memory,
    and (with ``memo``) the pieces that did not change are copied from the
    files of the last build (``memo[PREVIOUS]``, see :class:`_Pieces`)."""
    labels: dict = {}  # each entry's label, once for the four files
    yield "timeline.json", site_json_chunks(site, memo, labels)
    yield "timelinejs.json", timelinejs_chunks(site, memo=memo, labels=labels)
    yield "timeline.ics", ical_chunks(site, memo=memo, labels=labels)
    yield "timeline.csv", csv_chunks(site, memo, labels)


def _label(e: Entry, docs: dict, labels: dict | None) -> str:
    """:func:`~timeline.render.entry_label`, remembered in ``labels`` (by entry id)."""
    if labels is None:
        return entry_label(e, docs)
    label = labels.get(e.id)
    if label is None:
        label = labels[e.id] = entry_label(e, docs)
    return label
