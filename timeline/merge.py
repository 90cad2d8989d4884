"""Order events across articles and merge the same happening into one entry.

``build_timeline(topic, title, documents)`` is pure: same documents, same
entries, same ids. Two events are one happening when their texts say the
same thing (their content words and names overlap enough) and their dates
can be the same; an entry keeps every source. When sources tell of the same
happening with dates that cannot both be right, the entry keeps all of them
(``conflicts``) for an editor to see, instead of picking one silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence

from timeline.entities import normalize_entity
from timeline.model import Document, Entry, Event, Source, Timeline, When

#: Weighted content-word overlap (of the smaller set) from which two events
#: are one happening, and the most words they must share (fewer, down to
#: two, for a short clause: half of its words).
SAME_HAPPENING, SHARED_WORDS = 0.5, 3
#: ... and, for two articles' events on the same day, from which they are one
#: happening told in other words.
SAME_DAY_HAPPENING, SHARED_WORDS_SAME_DAY = 0.2, 4
#: ... and from which, with dates that exclude each other, they are one
#: happening told with conflicting dates (stricter: a conflict is a claim).
SAME_HAPPENING_CONFLICT, SHARED_WORDS_CONFLICT = 0.8, 4
#: Words that say nothing about which happening it is.
_STOP = frozenset("""
a an the and or but of in on at to for from by with as that this these those it its is are was were be been
has have had will would could should may might said says say told also after before than then there their
they he she his her him we our you your i not no into over about up out more most which who whom what when
where while one two three new last next first year years month months week weeks day days today yesterday
earlier later thursday friday monday tuesday wednesday saturday sunday
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")


def build_timeline(topic: str, title: str, documents: Sequence[Document]) -> Timeline:
    """The entries of one timeline, oldest first, merged across its documents."""
    items: list[tuple[int, int, Document, Event]] = [
        (d, i, doc, ev) for d, doc in enumerate(documents) for i, ev in enumerate(doc.events)]
    keys = [_key(doc, ev) for _, _, doc, ev in items]
    df = Counter(w for k in keys for w in k)
    weight = _weights(df, len(keys))
    total = [sum(weight[w] for w in k) for k in keys]
    groups: list[list[int]] = []
    # Every rule below needs two shared words, so an event is only compared
    # with the groups whose first event shares some word with it (an index
    # from words to groups); words that a large share of the events carry
    # propose no candidates, which keeps a big archive's build near-linear.
    common = _common_words(df, len(keys))
    heads: dict[str, list[int]] = {}
    for n in range(len(items)):
        overlap: dict[int, int] = {}
        for w in keys[n] - common:
            for gi in heads.get(w, ()):
                overlap[gi] = overlap.get(gi, 0) + 1
        for gi in sorted(overlap):
            g = groups[gi]
            head = g[0]
            if items[head][0] == items[n][0] and items[head][3].anchor != "explicit":
                continue
            both = keys[head] & keys[n]
            shared = len(both)
            if shared < 2:
                continue
            need = min(SHARED_WORDS, max(2, min(len(keys[head]), len(keys[n])) // 2))
            # The weighted overlap: the share of the shorter event's
            # information that the other carries.
            info = sum(weight[w] for w in both)
            s = info / min(total[head], total[n])
            a, b = items[head][3].when, items[n][3].when
            # Few shared words are enough only with the same date ("He started
            # Apple in 1976" / "Apple was started ... in 1976"), not with a date
            # that merely contains the other (a day inside a year).
            if s >= SAME_HAPPENING and shared >= need and _compatible(a, b) \
                    and (shared >= SHARED_WORDS or a.value == b.value):
                g.append(n)
                break
            # Told in other words on the very same day: more shared words make
            # up for a smaller share ("Jobs said ... a free case" / "Apple will
            # offer a free case ... Jobs said").
            if s >= SAME_DAY_HAPPENING and shared >= SHARED_WORDS_SAME_DAY and a.value == b.value \
                    and a.start is not None and a.start == a.end and items[head][0] != items[n][0]:
                g.append(n)
                break
            # A conflict is a claim: both texts must be mostly the same words.
            if s >= SAME_HAPPENING_CONFLICT and shared >= SHARED_WORDS_CONFLICT \
                    and info / max(total[head], total[n]) >= SAME_HAPPENING \
                    and items[head][0] != items[n][0] and _disjoint(a, b):
                g.append(n)
                break
        else:
            for w in keys[n] - common:
                heads.setdefault(w, []).append(len(groups))
            groups.append([n])
    entries = [_entry(topic, [items[n] for n in g]) for g in groups]
    entries.sort(key=_order)
    return Timeline(topic=topic, title=title, entries=tuple(entries), documents=tuple(documents))


# --------------------------------------------------------------------------- similarity

def _key(doc: Document, ev: Event) -> frozenset[str]:
    """The content words of an event (names included; numbers, function
    words and the words of its time expressions left out: "less than two
    weeks ago" and "yesterday" say when, not what), as a set."""
    text = ev.text
    for t in doc.timexes:
        if t.start < ev.end and ev.start < t.end:
            s, e = max(t.start, ev.start), min(t.end, ev.end)
            text = text[:s - ev.start] + " " * (e - s) + text[e - ev.start:]
    words = {_stem(w) for w in _WORD.findall(text) if not w[0].isdigit()}
    return frozenset(w for w in words - _STOP if len(w) > 1)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Lower case without a possessive or plural ending: "Developer's" and
    "developers" are one word."""
    w = re.sub(r"['’]s?$", "", word.lower())
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


def _common_words(df: Counter[str], events: int) -> frozenset[str]:
    """Words in more than :data:`COMMON_SHARE` of the events (and in more
    than :data:`COMMON_MIN` of them): too common to propose a merge."""
    limit = max(COMMON_MIN, COMMON_SHARE * events)
    return frozenset(w for w, c in df.items() if c > limit)


#: See :func:`_common_words`.
COMMON_SHARE, COMMON_MIN = 0.1, 100


def _weights(df: Counter[str], events: int) -> dict[str, float]:
    """Inverse document frequency over the timeline's events (``df``: in how
    many events each word is): a word every event shares ("Apple" on an
    Apple timeline) says little about which happening it is."""
    # A short timeline gives no evidence that a word is common: count as if
    # it had at least IDF_EVENTS events.
    n = max(events, IDF_EVENTS)
    return {w: math.log((n + 1) / c) + 0.1 for w, c in df.items()}


#: See :func:`_weights`.
IDF_EVENTS = 20


def _compatible(a: When, b: When) -> bool:
    """Can both dates name the same happening? Undated (relative) events
    only go with each other; dated ones when their bounds overlap."""
    if (a.value is None) != (b.value is None):
        return False
    if a.value is None:
        return a.start == b.start
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return a.value == b.value
    return a.start <= b.end and b.start <= a.end


def _disjoint(a: When, b: When) -> bool:
    return (a.value is not None and b.value is not None and None not in (a.start, a.end, b.start, b.end)
            and (a.end < b.start or b.end < a.start))


# --------------------------------------------------------------------------- entries

def _entry(topic: str, members: list[tuple[int, int, Document, Event]]) -> Entry:
    # The most precise dated source leads (narrowest bounds), then text order.
    members = sorted(members, key=lambda m: (_span_days(m[3].when), m[0], m[1]))
    lead = members[0][3]
    sources = tuple(Source(doc.article, ev) for _, _, doc, ev in sorted(members, key=lambda m: (m[0], m[1])))
    conflicts: list[When] = []
    for _, _, _, ev in members[1:]:
        if _disjoint(lead.when, ev.when) and ev.when not in conflicts:
            conflicts.append(ev.when)
    entities: list[str] = []
    seen: set[str] = set()
    for _, _, _, ev in members:
        for e in ev.entities:
            k = normalize_entity(e)
            if k not in seen:
                seen.add(k)
                entities.append(e)
    first = sources[0]
    return Entry(
        id=_entry_id(first.article.topic, lead, first), when=lead.when, text=lead.text, anchor=lead.anchor,
        planned=lead.planned, sources=sources, entities=tuple(entities), conflicts=tuple(conflicts),
    )


def alias_ids(entry: Entry) -> list[str]:
    """Other ids of an entry that merges sources of several topic folders:
    the id each folder's own timeline gave the happening when timelines were
    merged per folder (so links to them still find it)."""
    by_topic: dict[str, list[Source]] = {}
    for s in entry.sources:
        by_topic.setdefault(s.article.topic, []).append(s)
    if len(by_topic) < 2:
        return []
    out = []
    for topic, sources in sorted(by_topic.items()):
        lead = min(sources, key=lambda s: _span_days(s.event.when))
        alias = _entry_id(topic, lead.event, sources[0])
        if alias != entry.id:
            out.append(alias)
    return out


def _span_days(w: When) -> int:
    if w.value is None or w.start is None or w.end is None:
        return 10 ** 9
    return (w.end - w.start).days


def _entry_id(topic: str, lead: Event, first: Source) -> str:
    """A permalink that stays put when other articles come and go: the date,
    a few words of the text, and a hash of where the first source says it."""
    words = re.findall(r"[a-z0-9]+", lead.text.lower())[:6]
    slug = "-".join(words)[:48].strip("-") or "event"
    digest = hashlib.sha1(f"{topic}\0{first.article.path}\0{first.event.start}\0{first.event.text}"
                          .encode("utf-8")).hexdigest()[:6]
    return f"{(lead.when.value or 'undated').lower()}-{slug}-{digest}"


def _order(e: Entry) -> tuple:
    """Oldest first by the earliest day an entry can be (an undated relative
    entry sits at the day it follows), then the latest, then "earlier"/"later"
    within the day, then text order."""
    w = e.when
    start = w.start or w.end or dt.date.max
    end = w.end or dt.date.max
    src = e.sources[0]
    return (start, end, _within(e.text), src.article.path, src.event.start)


#: Words opening an event that place it before (0) or after (2) the other
#: happenings of its day: "Earlier on Thursday, the administration unleashed
#: sanctions" comes before "Biden on Thursday commented on the sanctions".
_WITHIN_DAY = {"earlier": 0, "early": 0, "later": 2, "late": 2}


def _within(text: str) -> int:
    m = _WORD.match(text.lstrip())
    return _WITHIN_DAY.get(m.group().lower(), 1) if m else 1
