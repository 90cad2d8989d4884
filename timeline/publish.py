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
from collections.abc import Callable, Iterator, Mapping, Sequence
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


def _checked(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.name == MANIFEST:
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    return path


def write_tree(out_dir: Path, files: Mapping[str, str]) -> Written:
    """Make ``out_dir`` hold ``files`` (``{relative path: text}``, UTF-8).

    Files whose bytes are already right are left alone (mtime included);
    files listed in the previous manifest but not in ``files`` are deleted,
    and so are the folders that leaves empty. Nothing else is touched.
    """
    out_dir = Path(out_dir)
    manifest = out_dir / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").splitlines()) if manifest.is_file() else set()
    written, unchanged = [], []
    for rel in sorted(files):
        target = out_dir.joinpath(*_checked(rel).parts)
        data = files[rel].encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written.append(rel)
    removed = []
    for rel in sorted(previous - set(files)):
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
    listing = "".join(f"{rel}\n" for rel in sorted(files))
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != listing:
        out_dir.mkdir(parents=True, exist_ok=True)
        manifest.write_text(listing, encoding="utf-8")
    return Written(tuple(written), tuple(unchanged), tuple(removed))


def render_all(site: Site, template_dirs: Sequence[Path | str] = (), *,
               directory_urls: bool = True) -> dict[str, str]:
    """Pages and exports of ``site``, by path relative to the output folder."""
    from timeline.exports import export_site
    from timeline.render import render_site

    return render_site(site, template_dirs, directory_urls=directory_urls) | export_site(site)


def build_docs(content_dir: Path | str, out_dir: Path | str, *, template_dirs: Sequence[Path | str] = (),
               cache_dir: Path | None = None, progress: Progress | None = None,
               directory_urls: bool = True, follow_links: bool = False) -> Result:
    """Run the pipeline over ``content_dir`` and write the site into ``out_dir``.

    Raises ``FileNotFoundError`` when ``content_dir`` is missing and
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

    site = pipeline.build(content_dir, cache_dir=cache_dir, progress=progress, follow_links=follow_links)
    files = write_tree(out_dir, render_all(site, template_dirs, directory_urls=directory_urls))
    return Result(site, out_dir, files)


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
