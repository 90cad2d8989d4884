"""The plugin's page cache: MkDocs neither renders nor indexes a page of ours again
when nothing it is made from changed.

MkDocs renders every page on every build (``mkdocs build`` starts by cleaning
``site/``; so does each ``mkdocs serve`` rebuild), and most of that time goes
to the theme and to the search plugin parsing each page. A page of ours is
made from its source (whose key :mod:`timeline.render` computes) and from
the site around it: the configuration, the theme, the plugins and the
navigation (one fingerprint, :func:`context_fingerprint`). When both are as
at the last build, the page's HTML is the file that build wrote: before
MkDocs cleans ``site/`` the plugin moves ``site/<output>/`` aside (a dot
folder, which the cleaning keeps), the page is built with a template that
returns that HTML as it is, and its search entries (kept from the last build)
go back into the index at the page's place. The result is the same bytes as
a build from scratch. Only Material's search plugin is supported (its
``search_index.entries``); with another, or under ``--dirty``, nothing is
cached.

A build with many pages to make (a first build, a new theme) shares them
out (:meth:`PageCache.share`): on Linux, in a process with no other thread,
a forked child builds pages from the last one backwards with MkDocs' own
page builder while MkDocs builds them from the first one on, until they
meet, and reports each page's search entries; those
pages are then, for MkDocs, pages built from their last HTML (the child's
files). Only when nothing but Material's search plugin and ours acts on a
page as it is built (a plugin gathering something from each page would
miss the child's). The result is the same bytes as one process's build.

Nothing here imports MkDocs: it works on the objects the plugin hands it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
from pathlib import Path

from timeline.forking import Child, fork_is_safe

#: The template a cached page is built with: nothing (its last file is put back).
TEMPLATE = "timeline-cached-page.html"
TEMPLATE_SOURCE = ""
#: The index of the pages built last time, in the cache folder.
INDEX = "pages.pickle"
#: Where the last build's pages wait while MkDocs cleans site/.
PREVIOUS = ".timeline-previous"


def search_entries(config) -> list | None:
    """Material's search index entries (``None``: no supported search plugin)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if isinstance(entries, list) and type(plugin).__module__.startswith("material."):
            return entries
    return None


def _plain(value, depth: int = 0):
    """Configuration values as plain, comparable data (no object addresses)."""
    if depth > 8:
        return "…"
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        try:
            return sorted((str(k), _plain(v, depth + 1)) for k, v in value.items())
        except Exception:
            return type(value).__name__
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v, depth + 1) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return f"{type(value).__module__}.{type(value).__qualname__}:{value}" if hasattr(value, "__fspath__") \
        else f"{type(value).__module__}.{type(value).__qualname__}"


def _nav(items) -> list:
    out = []
    for item in items or ():
        out.append((type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
                    _nav(getattr(item, "children", None))))
    return out


def _files_of(folder: str | None) -> list:
    if not folder or not os.path.isdir(folder):
        return []
    out = []
    for base, _, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.join(base, name)
            with contextlib.suppress(OSError):
                st = os.stat(path)
                out.append((os.path.relpath(path, folder), st.st_size, st.st_mtime_ns))
    return sorted(out)


#: Configuration keys that do not change a page (paths of this build, the server).
_IGNORED = {"site_dir", "docs_dir", "config_file_path", "dev_addr", "watch", "strict", "plugins", "theme",
            "nav", "not_in_nav", "exclude_docs", "draft_docs", "validation"}


def context_fingerprint(config, nav, versions: tuple) -> str:
    """Everything besides a page's own source that goes into its HTML."""
    theme = config.theme
    parts = [
        versions,
        [(k, _plain(config[k])) for k in sorted(config.keys()) if k not in _IGNORED],
        (getattr(theme, "name", None), _plain(dict(theme.items())) if hasattr(theme, "items") else None,
         [str(d) for d in getattr(theme, "dirs", ())]),
        _files_of(getattr(theme, "custom_dir", None)),
        [(name, type(p).__module__, _plain(getattr(p, "config", {}))) for name, p in config.plugins.items()],
        [(str(h), _files_of(os.path.dirname(str(h)))) for h in (config.get("hooks") or [])],
        _nav(getattr(nav, "items", None)),
    ]
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class PageCache:
    """One build's use of the pages the last build made (see the module)."""

    def __init__(self, cache_dir: Path, site_dir: Path, output: str, enabled: bool = True):
        self.index_path = Path(cache_dir) / INDEX
        self.site_dir = Path(site_dir)
        self.output = output.strip("/")
        self.enabled = enabled
        self.previous_dir = self.site_dir / PREVIOUS
        self.index: dict = {}
        self.context: str | None = None
        self.hits: dict[str, tuple] = {}
        self.positions: dict[str, int] = {}
        self.fresh: dict[str, list] = {}
        self.inserted: list[tuple[int, str]] = []
        self.quiet: _Quiet | None = None
        #: The last build's folder was put back whole (:meth:`_restore`).
        self.restored = False
        #: Pages shared with a forked child (:meth:`share`): (the child, pages, their places, lock, bounds).
        self.sharing: tuple | None = None

    # -- before MkDocs cleans site/ --------------------------------------------

    def set_aside(self, memory: dict | None) -> None:
        """Move the last build's pages out of the way of the cleaning, and
        load the index of what they were made from."""
        self._drop_previous()
        if not self.enabled:
            return
        current = self.site_dir / self.output
        if current.is_dir():
            try:
                os.replace(current, self.previous_dir)
            except OSError:
                return
        if memory is not None and memory.get("index") is not None:
            self.index = memory["index"]
        else:
            self.index = _load(self.index_path)

    # -- once the navigation and titles are known ------------------------------------

    def plan(self, config, nav, pages: dict, keys: dict[str, str], versions: tuple) -> None:
        """Decide which of our pages (``{src_uri: page}``) are built from
        their last HTML: same source key, same site around them, file there."""
        if not self.enabled or search_entries(config) is None:
            self.enabled = False
            return
        self.context = context_fingerprint(config, nav, versions)
        prefix = self.output + "/"
        for src, page in pages.items():
            key = keys.get(src[len(prefix):]) if src.startswith(prefix) else None
            known = self.index.get(src)
            if not key or not known or known[0] != key or known[1] != self.context:
                continue
            path = self.previous_dir / Path(page.file.dest_uri).relative_to(self.output)
            try:
                st = path.stat()
            except (OSError, ValueError):
                continue
            if (st.st_size, st.st_mtime_ns) != (known[2], known[3]):
                continue
            self.hits[src] = (key, path, known[4])
            page.meta["template"] = TEMPLATE
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self.hits:
            self.quiet = _Quiet(self.hits)
            logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)
            self._restore()

    def _restore(self) -> None:
        """Put the last build's folder back whole (MkDocs has written nothing
        there yet): the pages built from their last HTML are in place, and
        every other file is removed (MkDocs writes those again). Far fewer
        file system calls than moving 10,000 pages one by one into new folders."""
        target = self.site_dir / self.output
        if target.exists() or not self.previous_dir.is_dir():
            return
        try:
            os.replace(self.previous_dir, target)
        except OSError:
            return
        self.restored = True
        keep = {hit[1].relative_to(self.previous_dir) for hit in self.hits.values()}  # (now under target)
        for folder, _, names in os.walk(target, topdown=False):
            here = Path(folder)
            for name in names:
                path = here / name
                if path.relative_to(target) not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()
            with contextlib.suppress(OSError):
                if here != target and not os.listdir(here):
                    here.rmdir()

    # -- pages built by another process ----------------------------------------------------------

    #: From this many pages to build, a forked child builds some of them.
    PARALLEL_PAGES = 400
    #: Seconds to wait for the lock the child takes a page under.
    LOCK_WAIT = 60

    def share(self, config, pages: list, build) -> bool:
        """Have a forked child build some of ``pages`` (``[(src, page)]``,
        ours that are not built from their last HTML, in the order MkDocs
        builds them) with ``build(page)`` (MkDocs' page builder: theme,
        plugins, file) while this process builds the others; whether it
        does. The child takes them from the last one backwards, this process
        from the first one on as MkDocs comes to them (:meth:`reached`), one
        at a time under a lock, until they meet: neither waits for the other
        longer than a page. The child reports the search entries of each
        page it built and the warnings it logged; its pages are then pages
        built from their last HTML. A page the child did not build (an
        error) is built here."""
        if not self.enabled or len(pages) < self.PARALLEL_PAGES or search_entries(config) is None \
                or not fork_is_safe():
            return False
        try:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            lock = context.Lock()  # (OSError where the system has no POSIX semaphores)
            # [pages this process took, first page the child took]: 0 .. taken .. given .. len(pages)
            bounds = context.RawArray("q", [0, len(pages)])
        except (OSError, ImportError, ValueError):
            return False  # one process builds them all
        child = Child.start(lambda: _build_share(config, pages, build, lock, bounds))
        if child is None:
            return False
        self.sharing = (child, pages, {src: i for i, (src, _) in enumerate(pages)}, lock, bounds)
        return True

    def reached(self, src: str) -> None:
        """MkDocs is about to build page ``src``: this process takes it, or,
        if the child has taken it, waits for the child and takes what it
        built (its pages become pages built from their last HTML, its
        warnings are logged here)."""
        if self.sharing is None:
            return
        i = self.sharing[2].get(src)
        if i is None:
            return
        lock, bounds = self.sharing[3], self.sharing[4]
        # (the child holds the lock for a moment only: one it never lets go
        # means it died holding it, and the join finds that out)
        mine = False
        if lock.acquire(timeout=self.LOCK_WAIT):
            try:
                mine = i < bounds[1]
                if mine:
                    bounds[0] = i + 1
            finally:
                lock.release()
        if not mine:
            self._join()

    def _join(self) -> None:
        child, pages = self.sharing[:2]  # type: ignore[index]
        self.sharing = None
        built, records = child.result() or ({}, [])  # (the child failed: every page it took is built here)
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        pages = dict(pages)
        for src, entries in built.items():
            page = pages.get(src)
            target = self.site_dir / page.file.dest_uri if page is not None else None
            if target is None or not target.is_file():
                continue
            self.hits[src] = (None, target, entries)
            page.meta["template"] = TEMPLATE
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self.hits and self.quiet is None:
            self.quiet = _Quiet(self.hits)
            logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    def _stop_sharing(self) -> None:
        """A build that failed or ended before the child's pages: stop it."""
        if self.sharing is not None:
            self.sharing[0].stop()
            self.sharing = None

    # -- while MkDocs builds the pages -------------------------------------------------------

    def before(self, config, page) -> None:
        """``on_page_context``, before the search plugin's."""
        src = page.file.src_uri
        entries = search_entries(config) if self.enabled else None
        if entries is None:
            return
        self.positions[src] = len(entries)
        if src in self.hits:
            page.content = ""  # not rendered, not indexed: its file and entries are kept

    def after(self, config, page) -> bool:
        """``on_post_page``, after every plugin: note what the page added to
        the search index; for a page built last time, put its file back (True)."""
        src = page.file.src_uri
        if src not in self.positions:
            return False
        hit = self.hits.get(src)
        if hit is not None:
            self.inserted.append((self.positions[src], src))
            target = self.site_dir / page.file.dest_uri
            if (self.restored or hit[1] == target) and target.is_file():  # (put back whole, or built by the child)
                return True
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(hit[1], target)
                return True
            except OSError:  # write it then
                target.write_bytes(hit[1].read_bytes()) if hit[1].exists() else None
                return target.exists()
        entries = search_entries(config)
        self.fresh[src] = entries[self.positions[src]:] if entries is not None else []
        return False

    # -- after the pages, before the search index is written -------------------------------------

    def finish(self, config, pages: dict, keys: dict[str, str], memory: dict | None, background: bool) -> None:
        """Put the cached pages' search entries back in their places, keep
        the index for the next build and drop the pages set aside."""
        if self.sharing is not None:  # (a child that took no page: it has ended)
            self._join()
        self._unquiet()
        entries = search_entries(config) if self.enabled else None
        if entries is not None:
            for position, src in sorted(self.inserted, reverse=True):
                entries[position:position] = self.hits[src][2]
            index: dict = {}
            prefix = self.output + "/"
            for src, page in pages.items():
                key = keys.get(src[len(prefix):])
                found = self.fresh.get(src)
                if found is None and src in self.hits:
                    found = self.hits[src][2]
                if found is None or not key:
                    continue
                try:
                    st = (self.site_dir / page.file.dest_uri).stat()
                except OSError:
                    continue
                index[src] = (key, self.context, st.st_size, st.st_mtime_ns, [dict(e) for e in found])
            same = index == self.index  # (every page put back: nothing new to keep)
            self.index = index
            if memory is not None:
                memory["index"] = index
            if not same:
                _save(self.index_path, index)
        self._drop_previous(background)

    def finish_failed(self) -> None:
        """A failed build: nothing is kept but the index of the build before."""
        self._stop_sharing()
        self._unquiet()
        self._drop_previous()

    def _unquiet(self) -> None:
        if self.quiet is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)
            self.quiet = None

    def _drop_previous(self, background: bool = False) -> None:
        if not self.previous_dir.exists():
            return
        doomed = self.previous_dir.with_name(f"{PREVIOUS}-{os.getpid()}-{id(self)}")
        try:
            os.replace(self.previous_dir, doomed)
        except OSError:
            doomed = self.previous_dir
        if background:
            import threading

            threading.Thread(target=shutil.rmtree, args=(doomed, True), daemon=True).start()
        else:
            shutil.rmtree(doomed, ignore_errors=True)
        for stale in self.site_dir.glob(f"{PREVIOUS}-*"):
            if stale != doomed and not background:
                shutil.rmtree(stale, ignore_errors=True)


def _build_share(config, pages: list, build, lock, bounds) -> tuple[dict, list]:
    """In the child of :meth:`PageCache.share`: build pages from the last
    one backwards while the parent has not taken them; each page's search
    entries, and the warnings logged (``(logger, level, message)``; not
    printed here: the parent logs them, so ``--strict`` counts them). Stops
    at a page that fails (the parent builds it, and reports the error)."""
    entries = search_entries(config)
    records: list = []
    collector = _Collect(records)
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [collector]
    logger.propagate = False
    built: dict = {}
    while True:
        with lock:
            if bounds[1] <= bounds[0]:
                break
            bounds[1] -= 1
            i = bounds[1]
        src, page = pages[i]
        start, logged = len(entries), len(records)  # type: ignore[arg-type]
        try:
            build(page)
        except Exception:
            del records[logged:]
            break
        built[src] = [dict(e) for e in entries[start:]]  # type: ignore[index]
    return built, records


class _Collect(logging.Handler):
    """Keeps the warnings (and worse) a child logs, for its parent."""

    def __init__(self, records: list):
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


#: Bump when the index's shape changes.
_FORMAT = 1


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            data = pickle.load(f)
    except Exception:  # missing, truncated, from other code: build without it
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("pages"), dict):
        return {}
    return data["pages"]


def _save(path: Path, pages: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump({"format": _FORMAT, "pages": pages}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


class _Quiet(logging.Filter):
    """MkDocs logs each page it did not write ("Generated empty output"):
    not the pages put back from the last build."""

    def __init__(self, hits: dict):
        super().__init__()
        self.hits = hits

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message[len("Page skipped: '"):].split("'", 1)[0] not in self.hits
        return True
