"""The pipeline, top to bottom: ``content/`` in, a :class:`~timeline.model.Site` out.

    load       articles.load_content      content/*.md -> Article (+ warnings)
    recognize  timex.annotate             Article.body -> Timex (recognized and resolved)
    events     events.extract_events      sentences -> Event (explicit/inherited/relative/dct)
    merge      merge.build_timeline       events of the site -> ordered, merged Entry

One timeline for the site, and one per topic (a folder of ``content/``; the
top level is ``""``): the site's entries with a source in that folder.
The recognize and events stages are cached per article by a hash of the
article and of the code that reads it, so adding one article to thousands
re-reads only that one. No MkDocs, no network.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import gc
import hashlib
import json
import marshal
import os
import pickle
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from timeline import __version__
from timeline.articles import load_content, read_article
from timeline.events import extract_events
from timeline.forking import forget_memos, fork_is_safe
from timeline.merge import Merger
from timeline.model import (ANCHORS, PRECISIONS, TIMEX_TYPES, Article, Document, Entry, Event, Site, Source,
                            Timeline, Timex, Warning, When)
from timeline.timex import annotate

Progress = Callable[[int, int, str], None]


def build(content_dir: str | os.PathLike, *, cache_dir: str | os.PathLike | None = None,
          progress: Progress | None = None, follow_links: bool = False, state: dict | None = None,
          jobs: int | None = None, events: dict | None = None, freeze: bool = False) -> Site:
    """Read every article of ``content_dir`` and build one timeline per topic
    (``follow_links``: follow symbolic links that leave it, see
    :func:`~timeline.articles.article_paths`).

    ``state`` (a dict the caller keeps between builds in one process, as
    ``mkdocs serve`` does) holds the documents read last time, so unchanged
    articles are not even read from the cache again. Articles to extract
    are shared out to ``jobs`` processes (default: every core) when there
    are enough of them (one process unless ``jobs`` or ``TIMELINE_JOBS``
    asks for more: :func:`timeline.publish.default_jobs`); the documents
    are the same either way. ``events``
    (``{article_key: encoded document}``, from :mod:`timeline.shards`) gives
    documents extracted elsewhere; an article not there is extracted here.
    ``freeze``: the documents live as long as this process (a build that
    ends it): once read, they are frozen out of garbage collection
    (``gc.freeze``), which the merge and the rendering need not walk again."""
    reader = _Reader(state.get("articles") if state is not None else None,
                     state.get("files") if state is not None else None)
    extraction = _Extraction(cache_dir, state.get("documents", {}) if state is not None else {}, jobs, events)

    def read(path, root, *, max_bytes: int):
        # Each article is offered as it is read: with several processes,
        # the first are extracted while the rest are still being read.
        article, problems = reader(path, root, max_bytes=max_bytes)
        if article is not None:
            extraction.offer(article)
        return article, problems

    try:
        articles, warnings = load_content(content_dir, follow_links=follow_links, read=read)
        if state is not None:
            state["articles"] = reader.seen
            state["files"] = reader.files
        documents, failures = extraction.finish(articles, progress)
    finally:
        extraction.close()
    if state is not None:
        state["documents"] = dict(zip(articles, documents))
    if failures:
        warnings.append(cache_warning(cache_dir, failures[0]))
    if freeze:
        gc.freeze()  # (at 10,000 articles: each full collection after this one walked 3 million objects)
    merger = state.setdefault("merger", Merger()) if state is not None else None
    return site(documents, warnings, merger)


#: Fewer articles to extract than this are extracted in this process:
#: starting workers would take longer than the work.
PARALLEL_MIN = 48
#: Articles per task sent to a worker.
CHUNK = 16


def read_all(articles: Sequence[Article], cache_dir: str | os.PathLike | None = None, known: dict | None = None,
             progress: Progress | None = None, jobs: int | None = None
             ) -> tuple[list[Document], list[OSError]]:
    """The documents of ``articles``, in their order: from ``known``
    (``{article: document}``), the cache, or extracted, by several processes
    when there are at least :data:`PARALLEL_MIN` to extract (``jobs``, else
    the environment's ``TIMELINE_JOBS``, else one: see
    :func:`timeline.publish.default_jobs`);
    and the errors of writing the cache (after the first, nothing more is
    written)."""
    extraction = _Extraction(cache_dir, known, jobs)
    try:
        for article in articles:
            extraction.offer(article)
        return extraction.finish(articles, progress)
    finally:
        extraction.close()


class _Extraction:
    """:func:`read_all`, offered the articles one by one (:meth:`offer`, as
    :func:`build` reads them): the known ones and those in the cache are
    taken as they are; once :data:`PARALLEL_MIN` are left to extract (and
    more than one process is allowed), workers start on them, a chunk at a
    time, while the rest are read. :meth:`finish` extracts what is left
    and gathers the documents in order (the same as one process's)."""

    def __init__(self, cache_dir, known: dict | None, jobs: int | None, events: dict | None = None):
        self.cache_dir, self.known, self.events = cache_dir, known or {}, events
        self.jobs = jobs if jobs is not None else int(os.environ.get("TIMELINE_JOBS") or 0) or 1
        self.articles: list[Article] = []
        self.out: list[Document | None] = []
        self.waiting: list[int] = []  # to extract, not yet sent to a worker
        self.sent: list[tuple[list[int], object]] = []  # (chunk, its future), in order
        self.pool = None
        self.broken = False  # no workers to be had: the rest here
        _RECORDS.clear()

    def offer(self, article: Article) -> None:
        i = len(self.articles)
        self.articles.append(article)
        doc = self.known.get(article)
        if doc is None and self.events:  # extracted elsewhere (timeline extract --scheduler)
            data = self.events.get(article_key(article))
            if data is not None:
                with contextlib.suppress(ValueError, KeyError, TypeError, IndexError):
                    doc = _decode(article, data)
        if doc is None and self.jobs > 1:
            doc = _cached(article, self.cache_dir)  # (here: only the rest is worth a worker)
        self.out.append(doc)
        if doc is None:
            self.waiting.append(i)
            if self.pool is None and not self.broken and self.jobs > 1 and len(self.waiting) >= PARALLEL_MIN:
                self._start()
            while self.pool is not None and len(self.waiting) >= CHUNK:
                self._send()

    def _start(self) -> None:
        import concurrent.futures
        import multiprocessing

        # forkserver: safe beside the threads of `mkdocs serve` (fork is not)
        context = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
        try:
            # (a worker is started when a chunk finds none idle)
            self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        except (OSError, RuntimeError, ValueError):
            self.broken = True

    def _send(self) -> None:
        """Send the next chunk waiting to a worker (to be done here if none can take it)."""
        import concurrent.futures

        chunk, self.waiting = self.waiting[:CHUNK], self.waiting[CHUNK:]
        try:
            future = self.pool.submit(_read_chunk, [self.articles[i] for i in chunk], self.cache_dir)
        except (OSError, RuntimeError, concurrent.futures.process.BrokenProcessPool):
            self.broken = True
            self.close()
            self.waiting = chunk + self.waiting
            return
        self.sent.append((chunk, future))

    def finish(self, articles: Sequence[Article], progress: Progress | None = None
               ) -> tuple[list[Document], list[OSError]]:
        """The documents of ``articles`` (those offered, in the order
        offered) and the errors of writing the cache."""
        import concurrent.futures

        failures: list[OSError] = []
        if [id(a) for a in articles] != [id(a) for a in self.articles]:  # (not as offered: start again)
            self.close()
            fresh = _Extraction(self.cache_dir, self.known, self.jobs, self.events)
            for article in articles:
                fresh.offer(article)
            try:
                return fresh.finish(articles, progress)
            finally:
                fresh.close()
        out = self.out
        while self.pool is not None and self.waiting:
            self._send()
        done = sum(doc is not None for doc in out)
        try:
            for chunk, future in self.sent:  # in order: the same output as one process
                records, errors = future.result()
                failures.extend(errors)
                for i, record in zip(chunk, records):
                    # (read as a cache entry is, with this process's
                    # article: its text is not held twice, and the
                    # words of a small vocabulary are shared)
                    with contextlib.suppress(ValueError, KeyError, TypeError, IndexError, EOFError, zlib.error):
                        doc = out[i] = _document(articles[i], record)
                        _RECORDS[id(doc)] = (doc, record)  # (the state's record of it: written as it is)
                        done += 1
                if progress is not None:
                    progress(done, len(articles), articles[chunk[-1]].path)
        except (OSError, RuntimeError, concurrent.futures.process.BrokenProcessPool,
                concurrent.futures.CancelledError):
            pass  # no workers to be had (a script without a __main__ guard, say): the rest here
        finally:
            self.close()
        for i, doc in enumerate(out):
            if doc is None:
                out[i] = read(articles[i], None if failures else self.cache_dir, failures=failures)
                done += 1
                if progress is not None:
                    progress(done, len(articles), articles[i].path)
        return out, failures  # type: ignore[return-value]

    def close(self) -> None:
        """Let the workers go (those still working are waited for)."""
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _read_chunk(articles: list[Article], cache_dir) -> tuple[list[bytes], list[OSError]]:
    """A worker's task: the documents of some articles, each as the saved
    state's record of it (:func:`_record`; :func:`_document` reads it), and
    the cache's errors."""
    failures: list[OSError] = []
    records = []
    for a in articles:
        doc, data = _read(a, None if failures else cache_dir, failures)
        records.append(_record(doc) if data is None else _compressed(data))
    return records, failures


#: The records the extraction workers handed back, by document (id: the
#: document, its record); :class:`_StatePickler` writes them as they are
#: (encoding 10,000 documents again: 1.8 CPU-s). Emptied when an
#: extraction starts (:class:`_Extraction`: a record belongs to the documents
#: of the last one) and once the state is written or handed to its writer.
_RECORDS: dict[int, tuple[Document, bytes]] = {}


def site(documents: Sequence[Document], warnings: Sequence[Warning] = (), merger: Merger | None = None) -> Site:
    """Merge the documents across the whole site (the same happening
    reported in two topic folders is one entry); each topic's timeline is
    the entries with a source in it, and counts its own documents."""
    main = (merger or Merger()).update(documents, "", "Timeline")
    topics: dict[str, list[Document]] = {}
    for doc in documents:
        topics.setdefault(doc.article.topic, []).append(doc)
    titles = topic_titles(topics)
    timelines = []
    for topic, docs in sorted(topics.items()):
        if len(topics) == 1:
            entries = main.entries
        else:
            entries = tuple(e for e in main.entries if any(s.article.topic == topic for s in e.sources))
        timelines.append(Timeline(topic, titles[topic], entries, tuple(docs)))
    return Site(timelines=tuple(timelines), warnings=tuple(warnings), entries=main.entries)


class _Reader:
    """:func:`~timeline.articles.read_article` that remembers: a file whose
    bytes are those of last time gives last time's article (and warnings)
    without parsing its front matter again. A file whose size, modification
    time and inode are as last time is not even read, unless it was
    modified so shortly before that build started that it could have been
    modified again within the file system's clock resolution (git's "racy"
    rule): then its bytes are compared."""

    #: Nanoseconds: a file modified this close to a build is compared by its bytes.
    RACY = 3 * 10 ** 9

    def __init__(self, known: dict | None, files: dict | None = None):
        self.known = known if isinstance(known, dict) else {}
        self.seen: dict = {}
        old = files if isinstance(files, dict) else {}
        self.since = old.get(None, 0)
        self.old_files = old
        self.files: dict = {None: time.time_ns()}  # (the build's start)

    def __call__(self, path, root, *, max_bytes: int):
        try:
            st = os.stat(path)
        except OSError:
            return read_article(path, root, max_bytes=max_bytes)
        seen = (str(path), str(root), max_bytes, st.st_size, st.st_mtime_ns, st.st_ino)
        key = self.old_files.get(seen)
        if key is not None and st.st_mtime_ns < self.since - self.RACY and key in self.known:
            self.files[seen] = key
            result = self.seen[key] = self.known[key]
            return result
        try:
            regular = stat.S_ISREG(st.st_mode) and st.st_size <= max_bytes
            data = Path(path).read_bytes() if regular else None
        except OSError:
            data = None
        if data is None:
            return read_article(path, root, max_bytes=max_bytes)
        key = (str(path), str(root), max_bytes, hashlib.blake2b(data, digest_size=16).digest())
        result = self.known.get(key)
        if result is None:
            result = read_article(path, root, max_bytes=max_bytes)
        self.seen[key] = result
        self.files[seen] = key
        return result


def topic_title(topic: str) -> str:
    """"world/europe" -> "World / Europe"; the top level is "Timeline"; a
    folder named only with dashes keeps its name."""
    if not topic:
        return "Timeline"
    return " / ".join(" ".join(part.replace("-", " ").replace("_", " ").split()).capitalize() or part
                      for part in topic.split("/"))


def topic_titles(topics) -> dict[str, str]:
    """:func:`topic_title` of each topic; topics that would share a title
    ("a-b", "a_b", "A-B") are told apart by their folder names."""
    titles = {t: topic_title(t) for t in topics}
    uses: dict[str, int] = {}
    for title in titles.values():
        uses[title] = uses.get(title, 0) + 1
    return {t: f"{title} ({t})" if uses[title] > 1 else title for t, title in titles.items()}


def _cached(article: Article, cache_dir: str | os.PathLike | None) -> Document | None:
    """The article's document from the cache folder, if it is there and sound."""
    path = _cache_path(article, cache_dir)
    if path is not None:
        try:
            return _decode(article, json.loads(path.read_bytes().decode("utf-8")))
        except Exception:  # missing, unreadable, stale or malformed: recompute
            pass
    return None


def extract(article: Article) -> Document:
    """One article through recognition and event extraction: the local
    build's and the Dask workers' (timeline.shards) one code."""
    timexes = tuple(annotate(article.body, article.dct, "news", article.language or "en"))
    return Document(article, timexes, extract_events(article, timexes))


def read(article: Article, cache_dir: str | os.PathLike | None = None, *,
         failures: list[OSError] | None = None) -> Document:
    """One article through recognition and event extraction (cached).

    A cache entry that cannot be read or is not what this code writes is
    recomputed (and rewritten). When the cache cannot be written (no
    permission, a full disk) the document is returned all the same and the
    error is appended to ``failures`` (raised when that is ``None``)."""
    return _read(article, cache_dir, failures)[0]


def _read(article: Article, cache_dir: str | os.PathLike | None, failures: list[OSError] | None
          ) -> tuple[Document, dict | None]:
    """:func:`read`, and the document's encoding when it was extracted now
    (what the cache entry holds: not made again for the state's record)."""
    doc = _cached(article, cache_dir)
    if doc is not None:
        return doc, None
    path = _cache_path(article, cache_dir)
    doc = extract(article)
    data = _encode(doc)
    if path is not None:
        try:
            _write_entry(path, json.dumps(data, sort_keys=True).encode("utf-8"))
        except OSError as e:
            if failures is None:
                raise
            failures.append(e)
    return doc, data


def cache_warning(cache_dir: str | os.PathLike | None, error: OSError) -> Warning:
    """The one warning of a build whose cache could not be written."""
    return Warning(Path(cache_dir or ".").as_posix(),
                   f"the cache cannot be written ({error.strerror or error}): built without it",
                   left_out=False)


def _write_entry(path: Path, data: bytes) -> None:
    """Write a cache entry atomically, under a temporary name of its own (a
    concurrent build writing the same entry writes the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- cache

#: The state a build leaves for the next one (documents, merge), in the cache folder.
STATE = "state.pickle"


def load_state(cache_dir: str | os.PathLike | None) -> dict:
    """The state the last build in ``cache_dir`` left (``{}`` if there is
    none, or it was left by other code, or it cannot be read)."""
    if cache_dir is None:
        return {}
    wait_saved()  # (one this process is writing)
    try:
        with open(Path(cache_dir) / STATE, "rb") as f, gc_paused():
            data = pickle.load(f)
    except Exception:  # missing, truncated, from other code: build without it
        return {}
    if not isinstance(data, dict) or data.get("code") != state_fingerprint():
        return {}
    state = data.get("state")
    ok = isinstance(state, dict) and isinstance(state.get("documents", {}), dict) \
        and isinstance(state.get("merger", Merger()), Merger)
    return state if ok else {}


def save_state(cache_dir: str | os.PathLike | None, state: dict, background: bool = False) -> None:
    """Keep ``state`` for the next build (a unique temporary name, then an
    atomic rename: two builds at once never read a half-written file).

    ``background``: on Linux, in a process with no other thread, a forked
    child writes it while this process goes on (MkDocs' part of a build);
    the child is waited for when this process exits (:func:`wait_saved`).
    Anywhere else it is written here."""
    if cache_dir is None:
        return
    if background and fork_is_safe():
        try:
            pid = os.fork()
        except OSError:
            pid = None
        if pid == 0:  # the child: write, and leave without running anything of the parent's
            code = 1
            try:
                forget_memos()  # (what only the build needed: memory for pickle's; the fingerprints stay)
                _write_state(Path(cache_dir), state)
                code = 0
            finally:
                os._exit(code)
        if pid is not None:
            if not _SAVING:
                atexit.register(wait_saved)
            _SAVING.append(pid)
            _RECORDS.clear()  # (the child has them; here they would keep the documents alive)
            return
    _write_state(Path(cache_dir), state)
    _RECORDS.clear()


_SAVING: list[int] = []


def wait_saved() -> None:
    """Wait for the states being written in the background (:func:`save_state`)."""
    while _SAVING:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(_SAVING.pop(), 0)


def _write_state(cache_dir: Path, state: dict) -> None:
    path = cache_dir / STATE
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{id(state)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f, gc_paused():
            _StatePickler(f, state).dump({"code": state_fingerprint(), "state": state})
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


class _StatePickler(pickle.Pickler):
    """Pickles a state with a document as one record (its timexes and events
    as the cache encodes them, marshalled and compressed) instead of a
    hundred objects, and an entry as its texts and where its sources'
    events are in their documents. Pickle remembers every object it writes (a table that grows
    with their number: 2.8 million objects at 10,000 articles, 190 MB in the
    process writing them); this writes a third as many. Read by
    :func:`pickle.load` as any pickle: the records are made into objects
    again by :func:`_document` and :func:`_entry`, and the objects shared
    stay shared (an entry's events are its documents' events)."""

    def __init__(self, file, state: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        documents = state.get("documents")
        self.docs: dict[int, Document] = {}  # id(article) -> its document
        self.where: dict[int, int] = {}  # id(event) -> its place in its document
        for doc in (documents.values() if isinstance(documents, dict) else ()):
            if type(doc) is Document:
                self.docs[id(doc.article)] = doc
                for i, ev in enumerate(doc.events):
                    self.where[id(ev)] = i

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is Document:
            # (compressed: pickle holds what it wrote till the end)
            return _document, (obj.article, _record(obj))
        if kind is Entry:
            refs: list = []
            for src in obj.sources:
                i, doc = self.where.get(id(src.event)), self.docs.get(id(src.article))
                if type(src) is not Source or i is None or doc is None or doc.events[i] is not src.event:
                    return NotImplemented
                refs += (doc, i)
            whens = [s.event.when for s in obj.sources]

            def at(when: When) -> When | int:  # a source's date by its place
                return next((k for k, w in enumerate(whens) if w is when), when)

            return _entry, (obj.id, at(obj.when), obj.text, obj.anchor, obj.planned, tuple(refs),
                            obj.entities, tuple(map(at, obj.conflicts)))
        return NotImplemented


def _record(doc: Document) -> bytes:
    """A document as the saved state holds it: encoded as in the cache
    (:func:`_encode`), marshalled and compressed (:func:`_document` reads it)."""
    got = _RECORDS.get(id(doc))
    if got is not None and got[0] is doc:
        return got[1]
    return _compressed(_encode(doc))


def _compressed(data: dict) -> bytes:
    return zlib.compress(marshal.dumps(data), 1)


def _document(article: Article, data: bytes) -> Document:
    """A document of a saved state (:class:`_StatePickler`), or of an extraction worker."""
    return _decode(article, marshal.loads(zlib.decompress(data)))


def _entry(ident: str, when: When | int, text: str, anchor: str, planned: bool, refs: tuple, entities: tuple,
           conflicts: tuple) -> Entry:
    """An entry of a saved state (:class:`_StatePickler`): its sources are
    its documents' events; a date given as a number is that source's."""
    sources = tuple(Source(doc.article, doc.events[i]) for doc, i in zip(refs[::2], refs[1::2]))

    def date(w: When | int) -> When:
        return sources[w].event.when if type(w) is int else w  # type: ignore[return-value]

    return Entry(id=ident, when=date(when), text=text, anchor=anchor, planned=planned, sources=sources,
                 entities=entities, conflicts=tuple(map(date, conflicts)))


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection meanwhile: reading a big state makes
    millions of objects, and each of Python's collections on the way would
    walk them all (loading 10,000 articles' state: 5.8 s with, 1.4 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def state_fingerprint() -> str:
    """The code a saved state depends on: the reading code and the model and merge."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(code_fingerprint().encode())
    for f in (root / "merge.py", root / "pipeline.py", root / "articles.py"):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code that turns an article into timexes and events."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    files = sorted([*root.glob("timex/*.py"), *root.glob("lang/*.py"),
                    root / "events.py", root / "attach.py", root / "predicates.py", root / "sentences.py",
                    root / "entities.py", root / "labels.py", root / "model.py", *root.glob("lang/*.json")])
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def article_key(article: Article) -> str:
    """What an article's document is made of: the code that reads it, its
    path, text, date and language (a hash)."""
    h = hashlib.sha256()
    for part in (code_fingerprint(), article.path, article.body, article.dct.isoformat(), article.language or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def _cache_path(article: Article, cache_dir: str | os.PathLike | None) -> Path | None:
    if cache_dir is None:
        return None
    return Path(cache_dir) / f"{article_key(article)}.json"


def encode(doc: Document) -> dict:
    """A document as JSON data (the cache's and the event shards' form)."""
    return _encode(doc)


def decode(article: Article, data: dict) -> Document:
    """:func:`encode` read back (``ValueError``, ``KeyError``, ``TypeError`` if it is not one)."""
    return _decode(article, data)


@lru_cache(maxsize=1 << 16)
def _date(s: str | None) -> dt.date | None:
    """A date from its ISO text (one object for each date: dates are immutable)."""
    return dt.date.fromisoformat(s) if s else None


def _encode(doc: Document) -> dict:
    return {
        "timexes": [[t.start, t.end, t.type, t.value, t.mod, t.precision,
                     t.earliest.isoformat() if t.earliest else None, t.latest.isoformat() if t.latest else None,
                     t.anchor, t.quant, t.freq, t.tense, t.rule] for t in doc.timexes],
        "events": [[e.start, e.end, [e.when.value, e.when.start.isoformat() if e.when.start else None,
                                     e.when.end.isoformat() if e.when.end else None, e.when.precision, e.when.mod],
                    e.anchor, e.timex, e.planned, e.reported, list(e.entities), list(e.sentence), e.follows,
                    e.derivation, list(e.shown) if e.shown else None] for e in doc.events],
    }


def _decode(article: Article, data: dict) -> Document:
    """The document a cache entry holds; ``ValueError`` (or ``TypeError``,
    ``KeyError``...) when the entry is not one this code would write."""
    body = article.body
    # Words from a small vocabulary (types, precisions, anchors, rules,
    # names) are one object each across the site, not one per expression:
    # fewer objects in memory and in the saved state.
    i = _interned
    timexes = tuple(
        Timex(start=s, end=e, text=body[s:e], type=i(ty), value=i(v), mod=i(mod), precision=i(pr),
              earliest=_date(lo), latest=_date(hi), anchor=i(an), quant=i(q), freq=i(f), tense=i(tn), rule=i(r))
        for s, e, ty, v, mod, pr, lo, hi, an, q, f, tn, r in data["timexes"])
    events = tuple(
        Event(start=s, end=e, text=body[s:e], when=When(i(w[0]), _date(w[1]), _date(w[2]), i(w[3]), i(w[4])),
              anchor=i(an), timex=ti, planned=pl, reported=rep, entities=tuple(map(i, ents)), sentence=tuple(sent),
              follows=fo, derivation=der, shown=tuple(sh) if sh else None)
        for s, e, w, an, ti, pl, rep, ents, sent, fo, der, sh in data["events"])
    doc = Document(article, timexes, events)
    _check(doc)
    return doc


def _interned(x):
    """``sys.intern`` for a string (anything else as it is: checked later)."""
    return sys.intern(x) if type(x) is str else x


def _check(doc: Document) -> None:
    """Raise ``ValueError`` unless every offset, index and label of ``doc``
    is one the pipeline can produce (a hand-edited or truncated entry)."""
    n, size = len(doc.timexes), len(doc.article.body)

    def need(ok: bool) -> None:
        if not ok:
            raise ValueError("malformed cache entry")

    def day(d: object) -> bool:
        return d is None or isinstance(d, dt.date)

    def text(x: object) -> bool:
        return x is None or isinstance(x, str)

    for t in doc.timexes:
        need(isinstance(t.start, int) and isinstance(t.end, int) and 0 <= t.start <= t.end <= size)
        need(t.type in TIMEX_TYPES and isinstance(t.value, str) and day(t.earliest) and day(t.latest))
        need(all(text(x) for x in (t.mod, t.precision, t.quant, t.freq, t.tense, t.anchor, t.rule)))
    for k, e in enumerate(doc.events):
        need(isinstance(e.start, int) and isinstance(e.end, int) and 0 <= e.start <= e.end <= size)
        need(len(e.sentence) == 2 and all(isinstance(x, int) for x in e.sentence)
             and 0 <= e.sentence[0] <= e.sentence[1] <= size)
        need(e.anchor in ANCHORS and isinstance(e.planned, bool) and isinstance(e.reported, bool))
        need(e.timex is None or (isinstance(e.timex, int) and 0 <= e.timex < n))
        need(e.follows is None or (isinstance(e.follows, int) and 0 <= e.follows < k))
        need(all(isinstance(x, str) for x in e.entities) and isinstance(e.derivation, str))
        need(e.shown is None or (len(e.shown) == 2 and all(isinstance(x, int) for x in e.shown)
                                 and 0 <= e.shown[0] <= e.shown[1] <= size))
        w = e.when
        need(text(w.value) and day(w.start) and day(w.end) and text(w.mod)
             and (w.precision is None or w.precision in PRECISIONS))
