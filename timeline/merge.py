"""Order events across articles and merge the same happening into one entry.

``build_timeline(topic, title, documents)`` is pure: same documents, same
entries, same ids. Two events are one happening when their texts say the
same thing (their content words and names overlap enough) and their dates
can be the same; an entry keeps every source. When sources tell of the same
happening with dates that cannot both be right, the entry keeps all of them
(``conflicts``) for an editor to see, instead of picking one silently.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import functools
import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from timeline.entities import normalize_entity
from timeline.model import Document, Entry, Event, Source, Timeline, Timex, When

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
    return Merger().update(documents, topic, title)


class Merger:
    """Merging that keeps its work between builds: :meth:`update` with the
    documents of now gives the same entries as :func:`build_timeline` over
    them, recomputing only the groups the changed documents touch.

    The rule (one place for it, :meth:`_decide`): events are taken in
    document order, then text order; an event joins the first group (oldest
    head first) whose first event, its head, tells the same happening
    (:meth:`_match`), else it heads a group of its own. Only heads are
    compared, and only heads sharing a word that is not common with the
    event (a word index); every rule needs two shared words. Word weights
    are integers (thousandths of an inverse document frequency over the
    site's events, the frequency rounded to a quarter of an octave and the
    event count to a power of two), so scores do not depend on the order of
    a sum, and a new article changes the weight of a word only when its
    frequency crosses a step: the events that hold a word whose weight
    changed are decided again, with the groups that their decisions touch.

    An event is a number, its position in columns (arrays and lists, not a
    record per event: a site of 10,000 articles has 100,000 events, kept in
    memory and in the saved state). The head indexes are not saved: they are
    made again from the groups when a build changes something.
    """

    #: Above this share of the events to decide again, a full merge is simpler.
    FULL = 0.3
    #: Places of removed events kept beyond one per event present, before
    #: the events are numbered again (:meth:`_renumber`).
    SLACK = 4096

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._paths: list[str] = []
        self._ids: dict[str, range] = {}  # path -> its events' numbers, in text order
        # The columns, by event number (a removed event's place stays, empty).
        self._doc: list[Document | None] = []
        self._index = array.array("q")  # the event's place in its document's events
        self._key: list[tuple[str, ...] | None] = []  # the words a reader is shown (compared), sorted
        self._total = array.array("q")  # the weight of those words (-1: to compute)
        self._head = array.array("q")  # the head of the event's group (itself for a head; -1: none)
        self._order = array.array("q")  # the event's rank in document order, then text order
        self._count = 0  # events present
        self._rare = 0  # the weight of a word no happening's own words hold
        self._df: Counter[str] = Counter()
        self._n = 0  # the event count the weights were computed for (a power of two)
        self._weights: dict[str, int] = {}
        self._common: set[str] = set()
        self._members: dict[int, list[int]] = {}  # head -> events of its group, when more than the head
        # word -> the events holding it, in increasing number (an array: no
        # object per event and word, in memory or in the saved state)
        self._events_by_word: dict[str, array.array] = {}
        self._entries: dict[int, Entry] = {}  # head -> the entry of its group
        self._no_indexes()
        #: How many events the last update decided (for the build log and tests).
        self.decided = 0

    def _no_indexes(self) -> None:
        # The head indexes (see _indexes), heads in their order; a key with
        # one head holds the bare number (most do).
        self._heads_by_word: dict[str, int | list[int]] = {}  # word -> heads holding it
        self._heads_by_rare_word: dict[str, int | list[int]] = {}  # word -> heads with it among their rarest
        self._heads_by_day: dict[str | None, dict[str, int | list[int]]] = {}  # date -> word -> heads
        # relative heads: ("after", the day they follow), ("after-day",) those that follow a day exactly
        self._heads_relative: dict[tuple, int | list[int]] = {}
        self._indexed = False

    def __getstate__(self) -> dict:
        state = dict(vars(self))
        for name in ("_heads_by_word", "_heads_by_rare_word", "_heads_by_day", "_heads_relative", "_indexed"):
            del state[name]
        return state

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state)
        self._no_indexes()

    # -- the public face ------------------------------------------------------

    def update(self, documents: Sequence[Document], topic: str = "", title: str = "Timeline") -> Timeline:
        """The timeline of ``documents`` (each path once, in the order given)."""
        paths = [d.article.path for d in documents]
        docs = dict(zip(paths, documents))
        keep = [p for p in self._paths if docs.get(p) is self._docs.get(p) and p in docs]
        # Orders follow the paths when the documents come sorted by path (as
        # the pipeline gives them): documents can come and go. Any other
        # order starts afresh on a change.
        by_path = paths == sorted(paths)
        kept = set(keep)
        if [p for p in paths if p in kept] != keep or not by_path and keep != paths:
            self.__init__()
            keep, kept = [], set()
        removed = [p for p in self._paths if p not in kept]
        added = [p for p in paths if p not in kept]
        if len(self._doc) > 2 * self._count + self.SLACK:
            self._renumber()  # (the places of removed events: more of them than events)
        if removed or added:
            self._index_heads()
        self._paths = paths
        dirty: set[int] = set()
        for p in removed:
            for e in self._ids.pop(p):
                dirty.update(self._remove(e))
            del self._docs[p]
        for p in added:
            doc = docs[p]
            self._docs[p] = doc
            first = len(self._doc)
            self._ids[p] = range(first, first + len(doc.events))
            for i, ev in enumerate(doc.events):
                e = first + i
                self._doc.append(doc)
                self._index.append(i)
                key = _key(doc, ev)
                self._key.append(tuple(sorted(key)))
                self._total.append(-1)
                self._head.append(-1)
                self._order.append(-1)
                # (the happening's own words: counted for rarity; the same
                # words when the reader is shown only them)
                self._df.update(key if ev.shown_span == (ev.start, ev.end) else _key(doc, ev, own=True))
                for w in key:
                    self._events_by_word.setdefault(w, array.array("q")).append(e)  # (numbers only grow)
                dirty.add(e)
            self._count += len(doc.events)
        # Ranks again (those of the events kept keep their order: the
        # indexes stay sorted).
        rank = 0
        for p in paths:
            ids = self._ids[p]
            self._order[ids.start:ids.stop] = array.array("q", range(rank, rank + len(ids)))
            rank += len(ids)
        changed_words = self._reweigh()
        if changed_words is None:
            dirty = set(self._events())
            self._clear_groups()
        else:
            for w in sorted(changed_words):
                holders = self._events_by_word.get(w, ())
                dirty.update(holders)
                for h in sorted(e for e in holders if self._head[e] == e):
                    # a head's total changed: its group, and who may now join it
                    dirty.update(self._members.get(h, (h,)))
                    dirty.update(self._would_choose(h))
        dirty = {e for e in dirty if self._doc[e] is not None}
        if len(dirty) > self.FULL * max(1, self._count):
            dirty = set(self._events())
            self._clear_groups()
        self._run(dirty, full=len(dirty) == self._count)
        return self._timeline(topic, title, documents)

    # -- bookkeeping ------------------------------------------------------------

    def _renumber(self) -> None:
        """Number the events present again, from 0 in their order, without
        the places of the removed ones (an article edited again and again
        under ``mkdocs serve`` would make the columns grow for good)."""
        old = list(self._events())
        new = {e: n for n, e in enumerate(old)}
        self._doc = [self._doc[e] for e in old]
        self._key = [self._key[e] for e in old]
        for name in ("_index", "_total", "_order"):
            column = getattr(self, name)
            setattr(self, name, array.array("q", [column[e] for e in old]))
        self._head = array.array("q", [new[self._head[e]] if self._head[e] >= 0 else -1 for e in old])
        first = 0
        for p in self._paths:
            n = len(self._ids[p])
            self._ids[p] = range(first, first + n)
            first += n
        self._members = {new[h]: [new[m] for m in members] for h, members in self._members.items()}
        self._entries = {new[h]: entry for h, entry in self._entries.items() if h in new}
        self._events_by_word = {w: array.array("q", sorted(new[e] for e in events))
                                for w, events in self._events_by_word.items()}
        self._no_indexes()  # (made again when they are needed)

    def _events(self) -> Iterator[int]:
        """The events present, in order."""
        for p in self._paths:
            yield from self._ids[p]

    def _event(self, e: int) -> Event:
        return self._doc[e].events[self._index[e]]  # type: ignore[union-attr]

    def _index_heads(self) -> None:
        """Make the head indexes (after a state is read), before they are used."""
        if not self._indexed:
            self._indexed = True
            for e in self._events():
                if self._head[e] == e:
                    self._enhead(e)

    def _remove(self, e: int) -> set[int]:
        """Forget event ``e``; the events that must be decided again."""
        dirty: set[int] = set()
        head = self._head[e]
        if head == e:
            self._unhead(e)
            dirty.update(self._orphan(e))
        elif head >= 0:
            self._leave(e, head)
        key = self._key[e]
        doc = self._doc[e]
        ev = self._event(e)
        # (computed again: not kept for every event)
        own = frozenset(key) if ev.shown_span == (ev.start, ev.end) else _key(doc, ev, own=True)  # type: ignore[arg-type]
        self._df.subtract(own)
        for w in own:
            if self._df[w] <= 0:
                del self._df[w]
        for w in key:  # type: ignore[union-attr]
            ws = self._events_by_word[w]
            i = bisect.bisect_left(ws, e)
            if i < len(ws) and ws[i] == e:
                del ws[i]
            if not ws:
                del self._events_by_word[w]
        self._doc[e] = self._key[e] = None
        self._head[e] = self._total[e] = self._order[e] = -1
        self._count -= 1
        return dirty

    def _leave(self, e: int, head: int) -> None:
        """Take ``e`` out of the group of ``head``."""
        members = self._members.get(head)
        if members is not None and e in members:
            members.remove(e)
            if len(members) == 1:
                del self._members[head]

    def _reweigh(self) -> set[str] | None:
        """New weights; the words whose weight or commonness changed (None:
        every weight changed, decide everything again)."""
        n = _pow2(max(self._count, IDF_EVENTS))
        limit = max(COMMON_MIN, COMMON_SHARE * n)
        if n != self._n:
            self._n = n
            self._weights = {w: _weight(c, n) for w, c in self._df.items()}
            self._common = {w for w, c in self._df.items() if _quantize(c) > limit}
            self._rare = _weight(1, n)
            for e in self._events():
                self._total[e] = sum(self._weight(w) for w in self._key[e])  # type: ignore[union-attr]
            return None
        changed: set[str] = set()
        for w in list(self._weights):
            if w not in self._df:
                del self._weights[w]
                self._common.discard(w)
        for w, c in self._df.items():
            weight = _weight(c, n)
            common = _quantize(c) > limit
            if self._weights.get(w) != weight or (w in self._common) != common:
                if w in self._weights:
                    changed.add(w)
                self._weights[w] = weight
                (self._common.add if common else self._common.discard)(w)
        for e in self._events():
            k = self._key[e]
            if self._total[e] < 0 or not changed.isdisjoint(k):  # type: ignore[arg-type]
                self._total[e] = sum(self._weight(w) for w in k)  # type: ignore[union-attr]
        # The indexes leave out common words and hold a head's rarest words:
        # index the heads holding these words again.
        for h in sorted({h for w in changed for h in self._events_by_word.get(w, ()) if self._head[h] == h}):
            self._unhead(h)
            self._enhead(h)
        return changed

    def _weight(self, w: str) -> int:
        """How rare a word is, counted over the happenings' own words (a
        report shows what it reports: "said ... that Russia meddled in the
        election" doesn't make "election" common)."""
        got = self._weights.get(w)
        return self._rare if got is None else got

    def _clear_groups(self) -> None:
        self._no_indexes()
        self._indexed = True  # (empty, as the groups are)
        self._members.clear()
        for e in self._events():
            self._head[e] = -1

    def _rarest(self, e: int) -> tuple[str, ...]:
        """The rarest words (not common) of event ``e`` that hold more than
        half its weight (all of them when common words hold the rest). An
        event that carries half the weight of another's words shares one of
        these (prefix filtering): every rule but the same-day one needs that."""
        weights, rare, common = self._weights, self._rare, self._common
        # (minus the weight first: the heaviest first, then by the word)
        weighted = sorted((-weights.get(w, rare), w) for w in self._key[e] if w not in common)  # type: ignore[union-attr]
        total, kept = self._total[e], 0
        for i, (minus, _) in enumerate(weighted):
            kept -= minus
            if 2 * (total - kept) < total:
                return tuple(w for _, w in weighted[:i + 1])
        return tuple(w for _, w in weighted)

    def _places(self, h: int) -> Iterator[tuple[dict, object]]:
        """Where a head is indexed: (index, key) pairs.

        The rules say who can join whom: a relative event without a date of
        its own only one that follows the same day, or one that follows a
        day exactly (the same-day rule); a statement of the present
        (``dct``) only an event of the very same date; the same-day rule
        only a head dated to that day. Only the others need the words."""
        ev = self._event(h)
        when = ev.when
        exact = when.start is not None and when.start == when.end
        if when.value is None:
            yield self._heads_relative, ("after", when.start)
            if exact:
                yield self._heads_relative, ("after-day",)
            return
        words = [w for w in self._key[h] if w not in self._common]  # type: ignore[union-attr]
        # the day's heads by word: an event meets only those sharing a word
        # with it, not every head of its day (a long article's present-tense
        # statements all share the publication day)
        if ev.anchor == "dct" or exact:
            day = self._heads_by_day.setdefault(when.value, {})
            for w in words:
                yield day, w
        if ev.anchor == "dct":
            return
        for w in words:
            yield self._heads_by_word, w
        for w in self._rarest(h):
            yield self._heads_by_rare_word, w

    def _unhead(self, h: int) -> None:
        """Take head ``h`` out of the indexes: out of every list it can be
        in (those of its words and of its date; what :meth:`_places` said
        when it was put in depends on weights that may have changed since)."""
        when = self._event(h).when
        key = self._key[h]
        places = [(index, w) for w in key for index in (self._heads_by_word, self._heads_by_rare_word)]  # type: ignore[union-attr]
        day = self._heads_by_day.get(when.value)
        if day is not None:
            places += [(day, w) for w in key]  # type: ignore[union-attr]
        places += [(self._heads_relative, ("after", when.start)), (self._heads_relative, ("after-day",))]
        for index, w in places:
            _unlist(index, w, h, self._order)
        if day is not None and not day:
            del self._heads_by_day[when.value]

    def _enhead(self, h: int) -> None:
        for index, w in self._places(h):
            _enlist(index, w, h, self._order)

    def _orphan(self, h: int) -> list[int]:
        """Dissolve the group of ``h``: its other events have no group until
        they are decided again (returned)."""
        members = [m for m in self._members.pop(h, ()) if m != h]
        for m in members:
            if self._head[m] == h:
                self._head[m] = -1
        return members

    def _would_choose(self, h: int) -> set[int]:
        """Events after head ``h`` that would now join it: they share a word
        (not common) with it, now match it, and sit in a later group (or head
        one): deciding them again may move them to ``h``."""
        order = self._order[h]
        key = frozenset(self._key[h])  # type: ignore[arg-type]
        sharing: Counter[int] = Counter()  # event -> how many of h's words (not common) it holds
        for w in key:
            if w not in self._common:
                sharing.update(self._events_by_word.get(w, ()))
        out: set[int] = set()
        for x, n in sharing.items():
            # every rule needs two shared words: one not common, then one more of any kind
            if self._order[x] <= order or n < 2 and len(key.intersection(self._key[x])) < 2:  # type: ignore[arg-type]
                continue
            hx = self._head[x]
            if (hx < 0 or hx == x or self._order[hx] > order) and self._match(h, x):
                out.add(x)
        return out

    def _run(self, dirty: set[int], full: bool = False) -> None:
        """Decide the dirty events again, in order, and whatever their new
        decisions put in doubt (``full``: every event is dirty, nothing more
        can be)."""
        heap = [(self._order[e], e) for e in dirty]
        heapq.heapify(heap)
        seen: set[int] = set()
        self.decided = 0
        while heap:
            _, e = heapq.heappop(heap)
            if e in seen or self._doc[e] is None:
                continue
            seen.add(e)
            self.decided += 1
            old = self._head[e]
            new = self._decide(e)
            if new == old:
                continue
            again: set[int] = set()
            if old == e:  # no longer a head: its group is decided again
                self._unhead(e)
                again.update(self._orphan(e))
            elif old >= 0:
                self._leave(e, old)
            self._head[e] = new
            if new == e:
                self._enhead(e)
                if not full:
                    again.update(self._would_choose(e))
            else:
                bisect.insort(self._members.setdefault(new, [new]), e, key=self._order.__getitem__)
            for x in again:
                seen.discard(x)
                heapq.heappush(heap, (self._order[x], x))

    # -- the rule -----------------------------------------------------------------

    def _decide(self, n: int) -> int:
        """The head of the group event ``n`` joins (``n`` itself: a new group).

        The candidates are the earlier heads that share a word (not common)
        with ``n`` and could pass a rule (:meth:`_places`): a relative event
        meets the heads that follow the same day, a statement of the present
        those of its date; else the heads of the same day (the same-day
        rule) and those whose shared words could hold half the weight of the
        lighter event: they include one of its rarest words (:meth:`_rarest`,
        prefix filtering), so a head with one of ``n``'s words among its
        rarest, or holding one of ``n``'s rarest."""
        orders = self._order
        order = orders[n]
        candidates: set[int] = set()
        common = self._common
        key = frozenset(self._key[n])  # type: ignore[arg-type]
        ev = self._event(n)
        when = ev.when
        if when.value is None:
            for heads in (self._heads_relative.get(("after", when.start)), self._heads_relative.get(("after-day",))):
                for h in _before(heads, order, orders):
                    if h not in candidates and not key.intersection(self._key[h]).issubset(common):  # type: ignore[arg-type]
                        candidates.add(h)
        else:
            words = [w for w in self._key[n] if w not in common]  # type: ignore[union-attr]
            found: list = []
            day = self._heads_by_day.get(when.value)
            if day:
                found += map(day.get, words)
            if ev.anchor != "dct" or when.start is None or when.start != when.end:
                found += map(self._heads_by_rare_word.get, words)
                found += map(self._heads_by_word.get, self._rarest(n))
            for heads in found:
                if heads is not None:
                    candidates.update(_before(heads, order, orders))
        # (every rule needs two shared words: most candidates fail here, cheaply)
        keys = self._key
        shared = {h: both for h in candidates if len(both := key.intersection(keys[h])) >= 2}  # type: ignore[arg-type]
        for h in sorted(shared, key=orders.__getitem__):
            if self._match(h, n, shared[h]):
                return h
        return n

    def _match(self, head: int, n: int, both: frozenset[str] | None = None) -> bool:
        """Does event ``n`` tell the happening that ``head`` heads? (``both``:
        their shared words, when the caller has them.)"""
        dh, dn = self._doc[head], self._doc[n]
        eh, en = dh.events[self._index[head]], dn.events[self._index[n]]  # type: ignore[union-attr]
        same_doc = dh is dn or dh.article.path == dn.article.path  # type: ignore[union-attr]
        if same_doc and eh.anchor != "explicit":
            return False
        kh, kn = self._key[head], self._key[n]
        if both is None:
            both = frozenset(kh).intersection(kn)  # type: ignore[arg-type]
        shared = len(both)
        if shared < 2:
            return False
        need = min(SHARED_WORDS, max(2, min(len(kh), len(kn)) // 2))  # type: ignore[arg-type]
        # The weighted overlap: the share of the shorter event's
        # information that the other carries (integers: exact, in any order).
        weights, rare = self._weights, self._rare
        info = sum([weights.get(w, rare) for w in both])
        low, high = self._total[head], self._total[n]
        if high < low:
            low, high = high, low
        a, b = eh.when, en.when
        # A statement of the present holds at its publication: it is the
        # happening of another event only on that very day, and never a
        # conflicting date of one.
        now = "dct" in (eh.anchor, en.anchor)
        # Few shared words are enough only with the same date ("He started
        # Apple in 1976" / "Apple was started ... in 1976"), not with a date
        # that merely contains the other (a day inside a year).
        if 2 * info >= low and shared >= need and _compatible(a, b) \
                and (shared >= SHARED_WORDS and not now or a.value == b.value):
            return True
        # Told in other words on the very same day: more shared words make
        # up for a smaller share ("Jobs said ... a free case" / "Apple will
        # offer a free case ... Jobs said").
        if 5 * info >= low and shared >= SHARED_WORDS_SAME_DAY and a.value == b.value \
                and a.start is not None and a.start == a.end and not same_doc:
            return True
        # A conflict is a claim: both texts must be mostly the same words.
        return 5 * info >= 4 * low and shared >= SHARED_WORDS_CONFLICT and 2 * info >= high \
            and not same_doc and _disjoint(a, b) and not now

    # -- entries ---------------------------------------------------------------------

    def _timeline(self, topic: str, title: str, documents: Sequence[Document]) -> Timeline:
        entries: dict[int, Entry] = {}
        for h in self._events():
            if self._head[h] != h:
                continue
            group = self._members.get(h, (h,))
            entry = self._entries.get(h)
            # (the entry of last time if its group is the same: its sources,
            # in the order of the group, are the group's events)
            if entry is None or len(entry.sources) != len(group) \
                    or any(s.event is not self._event(m) for s, m in zip(entry.sources, group)):
                entry = _entry(topic, [(self._order[m], self._index[m], self._doc[m], self._event(m))
                                       for m in group])
            entries[h] = entry
        self._entries = entries
        ordered = sorted(entries.values(), key=_order)
        return Timeline(topic=topic, title=title, entries=tuple(ordered), documents=tuple(documents))


def _enlist(index: dict, k: object, h: int, order: array.array) -> None:
    """Put head ``h`` in ``index[k]``, the heads in their order (one head is held bare)."""
    got = index.get(k)
    if got is None:
        index[k] = h
    elif type(got) is int:
        index[k] = [got, h] if order[got] < order[h] else [h, got]
    else:
        bisect.insort(got, h, key=order.__getitem__)


def _before(heads: int | list[int] | None, order: int, orders: array.array) -> Sequence[int]:
    """The heads of an index entry (:func:`_enlist`) that come before ``order``."""
    if heads is None:
        return ()
    if type(heads) is int:
        return (heads,) if orders[heads] < order else ()
    if orders[heads[-1]] < order:  # (all of them: the usual case in a merge from scratch)
        return heads  # type: ignore[return-value]
    return heads[:bisect.bisect_left(heads, order, key=orders.__getitem__)]  # type: ignore[index]


def _unlist(index: dict, k: object, h: int, order: array.array) -> None:
    """Take head ``h`` out of ``index[k]`` if it is there."""
    got = index.get(k)
    if got is None:
        return
    if type(got) is int:
        if got == h:
            del index[k]
        return
    i = bisect.bisect_left(got, order[h], key=order.__getitem__)
    if i < len(got) and got[i] == h:
        del got[i]
        if len(got) == 1:
            index[k] = got[0]


def _pow2(n: int) -> int:
    return 1 << (n - 1).bit_length()


def _quantize(df: int) -> int:
    """``df`` rounded down to a quarter of an octave (exact up to 8)."""
    if df <= 8:
        return df
    b = df.bit_length() - 3
    return (df >> b) << b


def _weight(df: int, events: int) -> int:
    """Inverse document frequency over the site's events, in thousandths: a
    word every event shares ("Apple" on an Apple timeline) says little about
    which happening it is."""
    return round(1000 * (math.log((events + 1) / _quantize(df)) + 0.1))


# --------------------------------------------------------------------------- similarity

def _key(doc: Document, ev: Event, own: bool = False) -> frozenset[str]:
    """The content words of the words a reader is shown of an event (what a
    report reports included), or with ``own`` of the happening's own words;
    names too; numbers, function words and the words of its time
    expressions left out ("less than two weeks ago" and "yesterday" say
    when, not what), as a set."""
    a, b = (ev.start, ev.end) if own else ev.shown_span
    body = doc.article.body
    pieces, pos = [], a
    for t in _timexes_within(doc.timexes, a, b):  # in order of their starts
        s, e = max(t.start, pos), min(t.end, b)
        if s < e:
            pieces += [body[pos:s], " "]
            pos = e
    pieces.append(body[pos:b])
    words = set(map(_content_word, _LETTERS.findall("".join(pieces))))
    words.discard("")
    return frozenset(words)


def _timexes_within(timexes: Sequence[Timex], a: int, b: int) -> Sequence[Timex]:
    """The timexes that overlap ``a``..``b``, by their starts: a binary
    search in the document's timexes (a loop over them all for each event
    made a long article quadratic)."""
    hit = _TIMEX_INDEX.get(id(timexes))
    if hit is None or hit[0] is not timexes:
        ordered = sorted(timexes, key=lambda t: (t.start, t.end))
        longest = max((t.end - t.start for t in ordered), default=0)
        if len(_TIMEX_INDEX) > 64:
            _TIMEX_INDEX.clear()
        hit = _TIMEX_INDEX[id(timexes)] = (timexes, ordered, [t.start for t in ordered], longest)
    _, ordered, starts, longest = hit
    return ordered[bisect.bisect_left(starts, a - longest):bisect.bisect_left(starts, b)]


#: Per document (by the identity of its timexes): timexes by start, their starts, the longest span.
_TIMEX_INDEX: dict[int, tuple] = {}


#: The words of :data:`_WORD` that begin with a letter (numbers are not
#: matched: no word begins inside one).
_LETTERS = re.compile(r"[^\W\d_][\w'’-]*")


@functools.lru_cache(maxsize=65536)
def _content_word(word: str) -> str:
    """The word as events are compared by it (:func:`_stem`), or "" for a
    function word or a single letter."""
    w = _stem(word)
    return w if len(w) > 1 and w not in _STOP else ""


def _stem(word: str) -> str:
    """Lower case without a possessive or plural ending: "Developer's" and
    "developers" are one word."""
    w = re.sub(r"['’]s?$", "", word.lower())
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


#: Words in more than this share of the events (and in more than so many of
#: them) are too common to propose a merge.
COMMON_SHARE, COMMON_MIN = 0.1, 100
#: A short timeline gives no evidence that a word is common: weights count
#: as if it had at least this many events.
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
    text = members[0][2].article.body[slice(*lead.shown_span)]
    sources = tuple(Source(doc.article, ev) for _, _, doc, ev in sorted(members, key=lambda m: (m[0], m[1])))
    conflicts: list[When] = []
    for _, _, _, ev in members[1:]:
        if _disjoint(lead.when, ev.when) and ev.when not in conflicts and "dct" not in (lead.anchor, ev.anchor):
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
        id=_entry_id(first.article.topic, lead, first), when=lead.when, text=text, anchor=lead.anchor,
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
