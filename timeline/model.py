"""Immutable value objects shared by every stage of the pipeline.

Nothing here does I/O or knows about MkDocs. Dates are ``datetime.date``;
TIMEX3 values are plain strings in the TimeML vocabulary (``2021-04-15``,
``2021-03``, ``2021-SU``, ``2020``, ``202``, ``P3D``, ``PRESENT_REF``, ...).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

#: TIMEX3 types.
DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
TIMEX_TYPES = (DATE, TIME, DURATION, SET)

#: Precisions, finest first. A value's bounds cover one unit of its precision.
PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")

#: How an event got its date (see DESIGN.md, "Contracts").
ANCHORS = ("explicit", "inherited", "relative", "dct")

#: How a temporal expression was resolved.
RESOLVED_FROM = ("absolute", "dct", "previous", "none")


@dataclass(frozen=True, order=True, slots=True)
class Timex:
    """One temporal expression in a text: its exact span and its resolved meaning.

    ``start``/``end`` are ``str`` offsets into the text that was annotated.
    ``earliest``/``latest`` are the first and last day the value can denote
    (``None`` when the value has no calendar extent: durations, sets,
    ``PAST_REF``, unresolved ``XXXX`` values). ``anchor`` tells what the value
    was computed from: ``absolute`` (the text alone), ``dct`` (the publication
    date), ``previous`` (the previous mention), ``none`` (left underspecified).
    ``tense`` is the direction the context gave (``past``, ``present``,
    ``future`` or ``None``).
    """

    start: int
    end: int
    text: str = field(compare=False)
    type: str = field(compare=False)
    value: str = field(compare=False)
    mod: str | None = field(default=None, compare=False)
    precision: str | None = field(default=None, compare=False)
    earliest: _dt.date | None = field(default=None, compare=False)
    latest: _dt.date | None = field(default=None, compare=False)
    anchor: str = field(default="absolute", compare=False)
    quant: str | None = field(default=None, compare=False)
    freq: str | None = field(default=None, compare=False)
    tense: str | None = field(default=None, compare=False)
    rule: str = field(default="", compare=False)

    def to_json(self) -> dict:
        """The contract's timex object: start, end, text, type, value, mod."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One article as loaded from ``content/``.

    ``body`` is the text exactly as read after the front matter; every offset
    elsewhere points into it. ``dct`` is the publication date (document
    creation time) that relative expressions are resolved against.
    """

    path: str
    title: str
    dct: _dt.date
    body: str
    source: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    language: str = "en"
    topic: str = ""
    format: str = "markdown"

    @property
    def slug(self) -> str:
        """A stable, URL-safe name derived from the path (without extension)."""
        import re

        stem = self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
        return slug or "article"


@dataclass(frozen=True, slots=True)
class When:
    """The date an event is placed at.

    ``value`` is a TIMEX3 value or ``None`` for a ``relative`` event that has
    no date of its own; ``start``/``end`` are the earliest and latest ISO day
    (``end`` may be ``None`` when the event is only bounded from below).
    """

    value: str | None
    start: _dt.date | None
    end: _dt.date | None
    precision: str | None
    mod: str | None = None

    def to_json(self) -> dict:
        return {
            "value": self.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening in one article.

    ``start``/``end`` are offsets of the event text in the article body;
    ``sentence`` the offsets of the whole sentence it comes from (the quote a
    timeline entry cites). ``timex`` is the index (into the article's timex
    list) of the expression that dates it, or ``None``. ``anchor`` is one of
    :data:`ANCHORS`; ``follows`` the index of the event a ``relative`` event
    comes after. ``derivation`` explains in words how the date was obtained;
    ``shown`` (see :attr:`shown_span`) the words a reader sees.
    """

    start: int
    end: int
    text: str
    when: When
    anchor: str
    timex: int | None
    planned: bool = False
    reported: bool = False
    entities: tuple[str, ...] = ()
    sentence: tuple[int, int] = (0, 0)
    follows: int | None = None
    derivation: str = ""
    shown: tuple[int, int] | None = None

    @property
    def shown_span(self) -> tuple[int, int]:
        """Offsets of the words a reader is shown: ``shown``, or the event's
        own words. Wider than them when the happening's words lack their
        subject or what they report ("…it was reported that hackers stole
        information": the report is the happening dated)."""
        return self.shown or (self.start, self.end)

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "when": self.when.to_json(),
            "anchor": self.anchor,
            "timex": self.timex,
            "planned": self.planned,
            "entities": list(self.entities),
        }


@dataclass(frozen=True, slots=True)
class Document:
    """One article after the pipeline: its text, expressions and events."""

    article: Article
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of an entry: the event, and where to find it."""

    article: Article
    event: Event

    @property
    def quote(self) -> str:
        """The sentence of the article that reports the event."""
        s, e = self.event.sentence
        return self.article.body[s:e]


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a timeline: a happening, with every source that reports it.

    ``id`` is a stable permalink slug (derived from the content, not from the
    position). ``when`` is the date the entry is placed at; ``conflicts``
    lists other dates that sources give for the same happening (empty when
    they agree). ``text`` is the representative wording (from the first
    source).
    """

    id: str
    when: When
    text: str
    anchor: str
    planned: bool
    sources: tuple[Source, ...]
    entities: tuple[str, ...] = ()
    conflicts: tuple[When, ...] = ()

    @property
    def derivation(self) -> str:
        return self.sources[0].event.derivation if self.sources else ""


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes), bidirectional
    overrides, line separators and lone surrogates written as escapes
    (``\\x1b``, ``\\u202e``): safe for a log line, a file listing or a page."""
    return _UNPRINTABLE.sub(_escape, text)


@dataclass(frozen=True, slots=True)
class Warning:
    """A problem with one input file: the build goes on without it. Path
    and message are kept :func:`printable` (they reach terminals and pages).
    ``left_out`` is false for a note on a file that was used all the same
    (a bad optional field, a shortened page name)."""

    path: str
    message: str
    left_out: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The ordered entries of one topic (a folder of ``content/``; ``""`` is
    the top level) and the documents they come from."""

    topic: str
    title: str
    entries: tuple[Entry, ...]
    documents: tuple[Document, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the renderers need: one timeline per topic, plus the
    warnings of the inputs that could not be used. ``entries`` is the
    site-wide timeline (every topic's articles merged together: each topic's
    timeline holds the entries with a source in it); empty when a Site is
    built by hand, the renderers then merge the topics' entries by date."""

    timelines: tuple[Timeline, ...]
    warnings: tuple[Warning, ...] = ()
    entries: tuple[Entry, ...] = ()
