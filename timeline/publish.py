"""content/ -> docs/timeline/: the build that ``timeline build`` and the MkDocs plugin share.

``build_docs`` runs the pipeline, renders the pages and exports, and hands
them to ``write_tree``, which writes a file only when its bytes changed (so
``mkdocs serve`` does not rebuild forever on its own output) and deletes the
files it generated before and no longer generates, recorded in a manifest
inside the output folder: it never touches a file it did not write.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

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
    out_dir = Path(out_dir)
    manifest = out_dir / MANIFEST
    previous = set(read_manifest(out_dir))
    keep = set(keep) - set(files)
    written, unchanged = [], sorted(keep)
    for rel in sorted(files):
        target = out_dir.joinpath(*_checked(rel).parts)
        data = files[rel].encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written.append(rel)
    removed = []
    for rel in sorted(previous - set(files) - keep):
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
    listing = "".join(f"{rel}\t{keys[rel]}\n" if keys.get(rel) else f"{rel}\n" for rel in sorted(set(files) | keep))
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != listing:
        out_dir.mkdir(parents=True, exist_ok=True)
        manifest.write_text(listing, encoding="utf-8")
    return Written(tuple(written), tuple(sorted(unchanged)), tuple(removed))


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


def build_docs(content_dir: Path | str, out_dir: Path | str, *, template_dirs: Sequence[Path | str] = (),
               cache_dir: Path | None = None, progress: Progress | None = None,
               directory_urls: bool = True, follow_links: bool = False, state: dict | None = None) -> Result:
    """Run the pipeline over ``content_dir`` and write the site into ``out_dir``.

    Only pages whose inputs changed are rendered and written (the keys in
    ``out_dir``'s manifest tell). ``state`` is a dict kept between builds in
    one process (``mkdocs serve``): the pipeline keeps its documents and
    merge there. Raises ``FileNotFoundError`` when ``content_dir`` is missing and
    ``ValueError`` when one folder lies inside the other (the build never
    writes into ``content/``). Problems with single articles are not errors:
    they are ``result.site.warnings`` and the warnings page.
    """
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    if not content_dir.is_dir():
        raise FileNotFoundError(f"content folder not found: {content_dir}")
    c, o = content_dir.resolve(), out_dir.resolve()
    if c == o or c in o.parents or o in c.parents:
        raise ValueError(f"the output folder {out_dir} and the content folder {content_dir} overlap")
    from timeline import pipeline  # the core's entry point; imported late so renderers work without it

    started = time.perf_counter()
    if state is not None and not state and cache_dir is not None and hasattr(pipeline, "load_state"):
        state.update(pipeline.load_state(cache_dir))
    site = pipeline.build(content_dir, cache_dir=cache_dir, progress=progress,
                          follow_links=follow_links, **({"state": state} if state is not None else {}))
    previous = {rel: key for rel, key in read_manifest(out_dir).items()
                if key and out_dir.joinpath(*PurePosixPath(rel).parts).is_file()}
    rendered = render_all(site, template_dirs, directory_urls=directory_urls, previous=previous,
                          memo=state.setdefault("exports", {}) if state is not None else None)
    kept = set(rendered.keys) - set(rendered.pages)
    files = write_tree(out_dir, rendered.pages, keep=kept, keys=rendered.keys)
    if state is not None and hasattr(pipeline, "save_state"):
        pipeline.save_state(cache_dir, state)
    return Result(site, out_dir, files, tuple(sorted(rendered.keys)), time.perf_counter() - started, rendered.keys)


@contextlib.contextmanager
def progress_bar(min_seconds: float = 1.0) -> Iterator[Progress]:
    """A ``progress(done, total, path)`` callback drawing a tqdm bar on
    stderr, shown only when the build takes longer than ``min_seconds``."""
    from tqdm import tqdm

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
