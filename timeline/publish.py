"""content/ -> docs/timeline/: the build that ``timeline build`` and the MkDocs plugin share.

``build_docs`` runs the pipeline, renders the pages and exports, and hands
them to ``write_tree``, which writes a file only when its bytes changed (so
``mkdocs serve`` does not rebuild forever on its own output) and deletes the
files it generated before and no longer generates, recorded in a manifest
inside the output folder: it never touches a file it did not write.

``publish`` makes that atomic: the new output is written into a fresh folder
beside the old one (a hard-linked copy of it, under a name of its own, so two
builds at once never share a file) and swapped in whole, so an interrupted
build leaves the old pages, never a mix; of two builds at once the later
swap wins and neither fails. A build that changes nothing swaps nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline.forking import Child, fork_is_safe
from timeline.model import Site

#: Lists the files the last build wrote (a dotfile: MkDocs skips it).
MANIFEST = ".timeline-manifest"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Written:
    """What ``write_tree`` did, as paths relative to the output folder."""

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    #: The manifest changed (the keys of pages rendered again to the same bytes, say).
    manifest: bool = False


@dataclass(frozen=True)
class Result:
    site: Site
    out_dir: Path
    files: Written = field(default_factory=Written)
    #: Every file of the output folder (relative paths).
    paths: tuple[str, ...] = ()
    #: Seconds the build took (pipeline, rendering and writing).
    seconds: float = 0.0
    #: What each file was made from (``{path: key}``, see timeline.render.Rendered).
    keys: Mapping[str, str] = field(default_factory=dict)


def _checked(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.name == MANIFEST:
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    return path


def read_manifest(out_dir: Path) -> dict[str, str | None]:
    """``{relative path: key}`` of the files the last build wrote into
    ``out_dir`` (the key fingerprints what the file was made from)."""
    manifest = Path(out_dir) / MANIFEST
    if not manifest.is_file():
        return {}
    out: dict[str, str | None] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        rel, _, key = line.partition("\t")
        if rel:
            out[rel] = key or None
    return out


class TreeWriter:
    """Writes files into ``out_dir`` one at a time, as they are made (so a
    big site is never all in memory): a file whose bytes are already right
    is left alone (mtime included); :meth:`finish` deletes what the last
    build wrote and this one did not, and writes the manifest."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.previous = set(read_manifest(self.out_dir))
        self.written: list[str] = []
        self.unchanged: list[str] = []
        self.done: set[str] = set()

    def put(self, rel: str, text: str) -> bool:
        return self.put_chunks(rel, (text,))

    def note(self, rel: str, written: bool) -> None:
        """``rel`` was put (by this writer, or by another process's copy of
        it: ``written`` is what its put returned)."""
        (self.written if written else self.unchanged).append(rel)
        self.done.add(rel)

    def mark_written(self, rel: str) -> None:
        """Count ``rel``, put already, as written (a file another process
        may have changed since the last build)."""
        if rel in self.unchanged:
            self.unchanged.remove(rel)
            self.written.append(rel)

    def put_chunks(self, rel: str, chunks: Iterable[str | bytes]) -> bool:
        """Write the file ``rel`` from pieces of text or UTF-8 (streamed to a
        temporary file, then compared with the file there and swapped in);
        whether it was written (False: its bytes were already there)."""
        target = self.out_dir.joinpath(*_checked(rel).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        size = 0
        digest = hashlib.blake2b()
        try:
            with open(tmp, "wb") as f:
                for chunk in chunks:
                    data = chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
                    f.write(data)
                    digest.update(data)
                    size += len(data)
            written = not (target.is_file() and target.stat().st_size == size and _digest(target) == digest.digest())
            if written:
                os.replace(tmp, target)
            else:
                tmp.unlink()
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self.note(rel, written)
        return written

    def finish(self, keep: Iterable[str] = (), keys: Mapping[str, str] | None = None) -> Written:
        keep = set(keep) - self.done
        out_dir = self.out_dir
        removed = []
        for rel in sorted(self.previous - self.done - keep):
            try:
                target = out_dir.joinpath(*_checked(rel).parts)
            except ValueError:
                continue
            if target.is_file():
                target.unlink()
                removed.append(rel)
            parent = target.parent
            while parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        keys = keys or {}
        manifest = out_dir / MANIFEST
        listing = "".join(f"{rel}\t{keys[rel]}\n" if keys.get(rel) else f"{rel}\n"
                          for rel in sorted(self.done | keep))
        changed = not manifest.is_file() or manifest.read_text(encoding="utf-8") != listing
        if changed:
            out_dir.mkdir(parents=True, exist_ok=True)
            manifest.write_text(listing, encoding="utf-8")
        return Written(tuple(sorted(self.written)), tuple(sorted([*self.unchanged, *keep])), tuple(removed), changed)


def _digest(path: Path) -> bytes:
    digest = hashlib.blake2b()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def write_tree(out_dir: Path, files: Mapping[str, str], *, keep: Iterable[str] = (),
               keys: Mapping[str, str] | None = None) -> Written:
    """Make ``out_dir`` hold ``files`` (``{relative path: text}``, UTF-8) and
    the files ``keep`` (paths of files a previous build wrote, left as they are).

    Files whose bytes are already right are left alone (mtime included);
    files listed in the previous manifest but neither in ``files`` nor in
    ``keep`` are deleted, and so are the folders that leaves empty. Nothing
    else is touched. The manifest records ``keys`` (``{path: key}``) for the
    next build to tell which pages it need not render again.
    """
    writer = TreeWriter(out_dir)
    for rel in sorted(files):
        writer.put(rel, files[rel])
    return writer.finish(keep, keys)


def publish(out_dir: Path, write: Callable[[Path], Written]) -> Written:
    """Run ``write`` (a ``write_tree`` call) on a copy of ``out_dir`` made
    beside it, and swap the copy in when ``write`` changed anything.

    The copy hard-links the old files (their bytes and mtimes stay; a
    changed file is replaced, never written in place) and copies the
    manifest. Leftovers of builds that were killed are removed first. When
    ``out_dir`` is a symbolic link the files are written in place.
    """
    out_dir = Path(out_dir)
    if out_dir.is_symlink():
        return write(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    stage = _fresh(out_dir, "tmp")
    try:
        if out_dir.is_dir():
            _mirror(out_dir, stage)
        files = write(stage)
        if files.written or files.removed or files.manifest or not out_dir.is_dir():
            _swap(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return files


def _fresh(out_dir: Path, kind: str) -> Path:
    """A new empty folder beside ``out_dir``, named for this process (the
    permissions of a plain ``mkdir``, unlike ``tempfile.mkdtemp``'s 0700)."""
    while True:
        path = out_dir.with_name(f".{out_dir.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def _mirror(src: Path, dst: Path) -> None:
    """``dst`` (an empty folder) gets ``src``'s tree: files hard-linked (or
    copied where links are not possible), the manifest copied. A concurrent
    build may swap ``src`` away meanwhile: then the copy starts over from
    what is there now."""
    for _ in range(100):
        if not src.is_dir():  # between another build's two renames
            time.sleep(0.01)
            continue
        try:
            _copy_tree(src, dst)
            return
        except OSError:
            for child in list(dst.iterdir()):
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    # Gone for good (or never settles): the build's own files are all written anyway.


def _copy_tree(src: Path, dst: Path) -> None:
    def fail(error: OSError) -> None:
        raise error

    for folder, _, names in os.walk(src, onerror=fail):
        here = Path(folder)
        there = dst / here.relative_to(src)
        there.mkdir(exist_ok=True)
        for name in names:
            a, b = here / name, there / name
            if a == src / MANIFEST or a.is_symlink():
                shutil.copy2(a, b, follow_symlinks=False)
                continue
            try:
                os.link(a, b)
            except FileNotFoundError:
                raise
            except OSError:  # no hard links here
                shutil.copy2(a, b)


def _swap(stage: Path, out_dir: Path) -> None:
    """Put ``stage`` where ``out_dir`` is, moving the old folder away first;
    when a concurrent build puts its folder there in between, move that
    away too and try again (the last build to swap wins)."""
    moved: list[Path] = []
    try:
        for _ in range(50):
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
            with contextlib.suppress(FileNotFoundError):
                os.rename(out_dir, old)
                moved.append(old)
            try:
                os.rename(stage, out_dir)
                return
            except OSError:  # out_dir is back: another build swapped in meanwhile
                if not out_dir.exists():
                    raise
        raise OSError(f"could not replace {out_dir}: other builds keep writing it")
    except BaseException:
        if moved and not out_dir.exists():  # put the last published folder back
            with contextlib.suppress(OSError):
                os.rename(moved.pop(), out_dir)
        raise
    finally:
        for old in moved:
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:  # a file where the output folder belongs
                with contextlib.suppress(OSError):
                    old.unlink()


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?:tmp|old)-(?P<pid>\d+)-\w+")


def _remove_leftovers(out_dir: Path) -> None:
    """Remove the staging folders of builds that died (their process is gone)."""
    with contextlib.suppress(OSError):
        for p in out_dir.parent.iterdir():
            m = _LEFTOVER.fullmatch(p.name)
            if m and m["name"] == out_dir.name and p.is_dir() and not p.is_symlink() \
                    and not _alive(int(m["pid"]), p):
                shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # no safe liveness probe: an hour without change means dead
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime < 3600
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def render_all(site: Site, template_dirs: Sequence[Path | str] = (), *,
               directory_urls: bool = True, previous: Mapping[str, str | None] | None = None,
               memo: dict | None = None):
    """Pages and exports of ``site`` (a :class:`timeline.render.Rendered`),
    rendering only the pages whose key changed since ``previous`` (and the
    exports' entries not in ``memo``)."""
    from timeline.exports import export_site
    from timeline.render import Rendered, render

    rendered = render(site, template_dirs, directory_urls=directory_urls, previous=previous)
    exports = export_site(site, memo)
    return Rendered(rendered.pages | exports, rendered.keys | {name: "" for name in exports})


def default_jobs() -> int:
    """The extraction processes the command line and the MkDocs plugin ask
    for: ``TIMELINE_JOBS``, else every core. A call of
    :func:`timeline.pipeline.build` (or :func:`build_docs`) from Python gets
    one process unless it asks for more: worker processes import the
    caller's ``__main__`` again, and a script without an ``if __name__ ==
    "__main__":`` guard would run (and build) once more in every worker."""
    return int(os.environ.get("TIMELINE_JOBS") or 0) or os.cpu_count() or 1


def build_docs(content_dir: Path | str, out_dir: Path | str, *, template_dirs: Sequence[Path | str] = (),
               cache_dir: Path | None = None, progress: Progress | None = None,
               directory_urls: bool = True, follow_links: bool = False, state: dict | None = None,
               jobs: int | None = None, events: dict | None = None, save: bool = True,
               one_build: bool = False, search_text: bool = False) -> Result:
    """Run the pipeline over ``content_dir`` and write the site into ``out_dir``.

    Only pages whose inputs changed are rendered and written (the keys in
    ``out_dir``'s manifest tell). ``state`` is a dict kept between builds in
    one process (``mkdocs serve``): the pipeline keeps its documents and
    merge there, and (``save``) the cache folder keeps it for the next
    process (:func:`save_state`). ``one_build``: this process makes this
    one build and ends (``mkdocs build``, ``timeline build``): the state
    read from the cache is frozen out of garbage collection (``gc.freeze``)
    and the new one written by a child process meanwhile. Raises ``FileNotFoundError`` when ``content_dir`` is missing and
    ``ValueError`` when one folder lies inside the other (the build never
    writes into ``content/``). ``search_text``: each page carries its
    search text (see :func:`timeline.render.render`; for the MkDocs
    plugin). Problems with single articles are not errors:
    they are ``result.site.warnings`` and the warnings page.
    """
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    if not content_dir.is_dir():
        raise FileNotFoundError(f"content folder not found: {content_dir}")
    c, o = content_dir.resolve(), out_dir.resolve()
    if cache_dir is not None and (c == Path(cache_dir).resolve() or c in Path(cache_dir).resolve().parents):
        raise ValueError(f"the cache folder {cache_dir} is inside the content folder {content_dir}: "
                         "nothing is ever written there")
    if c == o or c in o.parents or o in c.parents:
        raise ValueError(f"the output folder {out_dir} and the content folder {content_dir} overlap")
    from timeline import pipeline  # the core's entry point; imported late so renderers work without it

    started = time.perf_counter()
    loaded = None
    if state is not None and not state and cache_dir is not None and hasattr(pipeline, "load_state"):
        state.update(pipeline.load_state(cache_dir))
        loaded = dict(state.get("documents") or {}) if state else None
        if state and one_build:
            # What the last build left lives as long as this process (a
            # build): no collection need walk it again (a tenth of a build
            # that changes little, at 10,000 articles).
            gc.freeze()
    # (freeze: a build from scratch freezes its documents once read, see
    # pipeline.build; a build from a saved state froze that state above, and
    # what it reads anew is little: freezing the garbage of the way there
    # too would only hold it longer)
    site = pipeline.build(content_dir, cache_dir=cache_dir, progress=progress,
                          follow_links=follow_links, **({"state": state} if state is not None else {}),
                          **({"jobs": jobs} if jobs is not None else {}),
                          **({"events": events} if events else {}),
                          **({"freeze": True} if one_build and not loaded else {}))
    site = _with_page_warnings(site)
    keys: dict[str, str] = {}

    def write(folder: Path) -> Written:
        # ``folder`` is publish()'s copy of out_dir: what it holds is what is kept.
        from timeline.render import render

        previous = {rel: key for rel, key in read_manifest(folder).items()
                    if key and folder.joinpath(*PurePosixPath(rel).parts).is_file()}
        writer = TreeWriter(folder)
        memo = state.setdefault("exports", {}) if state is not None else None
        with _previous_exports(folder, memo) as old_exports:
            # The exports by a forked child while the pages are rendered
            # (a big site, on Linux, more than one process allowed), else after them.
            elsewhere = _Exports.start(folder, site, memo, old_exports) if (jobs or 1) > 1 else None
            # Pages go to disk as they are rendered, and the exports piece by piece.
            try:
                rendered = render(site, template_dirs, directory_urls=directory_urls, previous=previous,
                                  emit=writer.put, memo=state.setdefault("render", {}) if state is not None else None,
                                  workers=jobs or 1, noted=writer.note, search_text=search_text)
            except BaseException:
                if elsewhere is not None:
                    elsewhere.stop()  # (before the folder it writes into is dropped)
                raise
            keys.clear()
            keys.update(rendered.keys)
            names = elsewhere.join(writer, site, memo) if elsewhere is not None else None
            if names is None:  # (here: no child, or it failed)
                names = [name for name, _ in _write_exports(writer, site, memo, old_exports)]
                if elsewhere is not None:
                    for name in names:
                        # (a failed child may have written it already: its
                        # bytes being right then says nothing of the last build's)
                        writer.mark_written(name)
            for name in names:
                keys[name] = ""
                if memo is not None:
                    with contextlib.suppress(OSError):
                        st = folder.joinpath(name).stat()
                        memo.setdefault(WRITTEN, {})[name] = (st.st_size, st.st_mtime_ns)
        kept = set(keys) - writer.done
        return writer.finish(kept, keys)

    try:
        files = publish(out_dir, write)
    finally:
        from timeline.render import forget_pages

        forget_pages()
    same = loaded is not None and not (files.written or files.removed or files.manifest) \
        and len(loaded) == len(state.get("documents", {})) \
        and all(state["documents"].get(a) is d for a, d in loaded.items())
    if save and state is not None and not same:  # (the state saved last is this one when nothing changed)
        save_state(cache_dir, state, background=one_build)
    return Result(site, out_dir, files, tuple(sorted(keys)), time.perf_counter() - started, keys)


def _write_exports(writer: TreeWriter, site: Site, memo: dict | None, old: dict) -> list[tuple[str, bool]]:
    """Write the exports with ``writer``, copying unchanged pieces from the
    last build's files in ``old`` (see :func:`_previous_exports`): each
    file's name and whether it was written."""
    from timeline.exports import export_chunks

    return [(name, writer.put_chunks(name, _closing(chunks, old.pop(name, None))))
            for name, chunks in export_chunks(site, memo)]


class _Exports:
    """The exports written by a forked child (see :meth:`start`)."""

    #: From this many entries the exports are made by a child of their own.
    PARALLEL_ENTRIES = 2000

    def __init__(self, child: Child):
        self.child = child

    @classmethod
    def start(cls, folder: Path, site: Site, memo: dict | None, old: dict) -> _Exports | None:
        """A forked child that writes the exports into ``folder`` (from the
        last build's files in ``old``, as :func:`build_docs` does) while this
        process renders the pages; None where a fork is not safe or the site
        is small. :meth:`join` takes what it did."""
        if len(site.entries) < cls.PARALLEL_ENTRIES or not fork_is_safe():
            return None
        from timeline.exports import _Store

        def work() -> tuple[list, dict]:
            done = _write_exports(TreeWriter(folder), site, memo, old)
            return done, {k: v.portable() for k, v in (memo or {}).items() if isinstance(v, _Store)}

        child = Child.start(work)
        return cls(child) if child is not None else None

    def stop(self) -> None:
        """The build failed: end the child, and wait for it."""
        self.child.stop()

    def join(self, writer: TreeWriter, site: Site, memo: dict | None) -> list[str] | None:
        """Wait for the child: the names of the files it wrote (noted in
        ``writer``), its pieces' places put in ``memo``; None if it failed
        (the caller writes the exports itself: the files it wrote are
        whole, each one replaced at once)."""
        from timeline.exports import _Store

        report = self.child.result()
        if report is None:
            return None
        done, stores = report
        if memo is not None:
            objects = {id(e): e for e in site.entries}
            objects.update((id(d), d) for t in site.timelines for d in t.documents)
            objects.update((id(e), e) for t in site.timelines for e in t.entries)
            try:
                memo.update({k: _Store.from_portable(v, objects) for k, v in stores.items()})
            except KeyError:
                return None
        for name, written in done:
            writer.note(name, written)
        return [name for name, _ in done]


#: ``state["exports"][WRITTEN]``: ``{name: (size, mtime)}`` of each export as it was written.
WRITTEN = "written"


@contextlib.contextmanager
def _previous_exports(folder: Path, memo: dict | None) -> Iterator[dict]:
    """The exports of the last build (``{name: _Slices}``) while the new ones
    are made, for :func:`timeline.exports.export_chunks` to copy the pieces
    that did not change: only files as that build left them (size and
    mtime), so a file changed since is made anew."""
    from timeline.exports import PREVIOUS

    opened: dict = {}
    try:
        for name, seen in ((memo or {}).get(WRITTEN) or {}).items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                path = folder / name
                st = path.stat()
                if (st.st_size, st.st_mtime_ns) == tuple(seen) and st.st_size:
                    opened[name] = _Slices(path)
        if memo is not None:
            memo[PREVIOUS] = dict(opened)
        yield opened
    finally:
        if memo is not None:
            memo.pop(PREVIOUS, None)
        for m in opened.values():
            m.close()


class _Slices:
    """A file read by slices (``data[a:b]``, ``len(data)``). Not a memory
    map: the pages of a map that are read count in the process's memory,
    and the exports of 10,000 articles are 250 MB."""

    def __init__(self, path: Path):
        self.file = open(path, "rb")
        self.size = os.fstat(self.file.fileno()).st_size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _ = part.indices(self.size)
        if stop <= start:
            return b""
        self.file.seek(start)
        return self.file.read(stop - start)

    def close(self) -> None:
        self.file.close()


def _closing(chunks: Iterable, data) -> Iterator:
    """``chunks``, then close ``data`` (before the file it reads is replaced:
    Windows would not replace an open file)."""
    try:
        yield from chunks
    finally:
        if data is not None:
            data.close()


def save_state(cache_dir: Path | None, state: dict, background: bool = False) -> None:
    """Keep a build's state in the cache folder for the next process (the
    exports' part is where each piece of them is, not their text)."""
    from timeline import pipeline

    if cache_dir is None or not hasattr(pipeline, "save_state"):
        return
    pipeline.save_state(cache_dir, state, background)


def _with_page_warnings(site: Site) -> Site:
    """``site`` with a warning for each page whose name had to be shortened."""
    from timeline.render import page_warnings

    extra = page_warnings(site)
    if not extra:
        return site
    return dataclasses.replace(site, warnings=tuple(sorted((*site.warnings, *extra), key=lambda w: w.path)))


@contextlib.contextmanager
def progress_bar(min_seconds: float = 1.0) -> Iterator[Progress]:
    """A ``progress(done, total, path)`` callback drawing a tqdm bar on
    stderr, shown only when the build takes longer than ``min_seconds``."""
    from tqdm import tqdm

    # No monitor thread (tqdm's, for stalled bars): it outlives the bar, and
    # a process with another thread may not fork (timeline.forking): the
    # rendering on every core and the background state save would be off.
    tqdm.monitor_interval = 0
    bar: list[tqdm] = []

    def progress(done: int, total: int, path: str) -> None:
        if not bar:
            bar.append(tqdm(total=total, unit="article", delay=min_seconds, leave=False,
                            file=sys.stderr, dynamic_ncols=True))
        bar[0].set_postfix_str(str(path)[-40:], refresh=False)
        bar[0].update(done - bar[0].n)

    try:
        yield progress
    finally:
        if bar:
            bar[0].close()
