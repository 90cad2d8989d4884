#!/usr/bin/env python
"""How the site build scales with the archive: `mkdocs build` of the example
site over N articles of real news text, cold, unchanged and with one article
added, our own work and MkDocs' share apart, peak memory, the biggest HTML
page, side by side with plain MkDocs building the same number of pages.

The archive is real news text: the TimeBank and AQUAINT documents of
``../shared/benchmarks/timeml`` republished under shifted dates: copy ``c``
of a document is published ``c`` years later and the years it names are
shifted by ``c`` too, so each copy is a story of its own year (a copy's
sentences are those of the original, so the same sentence in two copies is
one entry whose sources give conflicting dates, as the merge rules say).
Plain MkDocs builds one Markdown page per article holding its text, with the
same theme and search plugin, and as many more pages as our site has beyond
the articles. Each build runs in a fresh process (like `mkdocs build` from a
shell); everything happens in a temporary folder.

Usage: python scripts/bench_build.py [--articles 2000 10000] [--jobs N] [--serve] [--root DIR]

``--serve`` also starts `mkdocs serve --livereload` on the site, adds an
article and times until its page is served, counting the builds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
ROOT = PROJECT.parent / "shared" / "benchmarks" / "timeml"
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def republish(text: str, dct, copy: int) -> tuple[str, object]:
    body = YEAR.sub(lambda m: str(int(m.group()) + copy), text.strip()) if copy else text.strip()
    return body, dct.replace(year=dct.year + copy, day=min(dct.day, 28) if dct.month == 2 else dct.day)


def write_archive(content: Path, n: int, root: Path) -> int:
    """``n`` articles; the number of characters written."""
    sys.path.insert(0, str(PROJECT))
    from timeline import timeml

    docs = [timeml.read_timeml(p) for folder in ("timebank", "aquaint") for p in sorted((root / folder).glob("*.tml"))]
    docs = [d for d in docs if d.dct is not None]
    content.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        copy, k = divmod(i, len(docs))
        body, dct = republish(docs[k].text, docs[k].dct, copy)
        title = " ".join(body.split()[:8]).replace('"', "'")
        (content / f"{docs[k].name}-{copy}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {dct.isoformat()}\nsource: benchmark\n---\n{body}\n', encoding="utf-8")
        chars += len(body)
    return chars


def project(folder: Path, content: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(PROJECT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", folder / "docs", ignore=shutil.ignore_patterns("timeline"))
    os.symlink(content, folder / "content", target_is_directory=True) if os.name != "nt" \
        else shutil.copytree(content, folder / "content")
    return folder


def plain_project(folder: Path, content: Path, pages: int, like_site: bool = False) -> Path:
    """Plain MkDocs: ``pages`` Markdown pages, one per article's text (repeated
    when our site has more pages than articles), same theme and search.
    ``like_site``: with the example site's theme settings (its palettes and
    features), Markdown extensions and a navigation of as many entries (the
    theme's work on every page grows with them)."""
    import frontmatter

    docs = folder / "docs" / "articles"
    docs.mkdir(parents=True)
    files = sorted(content.glob("*.md"))
    for i in range(pages):
        post = frontmatter.load(files[i % len(files)])
        (docs / f"page-{i:05d}.md").write_text(f"# {post['title']}\n\n{post.content}\n", encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Plain MkDocs\n", encoding="utf-8")
    settings, nav = "theme:\n  name: material\n  font: false\n", "  - Home: index.md\n"
    if like_site:
        example = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
        settings = _top_level(example, "theme") + _top_level(example, "markdown_extensions")
        labels = re.findall(r"^  - ([^:\n]+):", _top_level(example, "nav"), re.M)
        nav = "".join(f"  - {label}: {'index' if k == 0 else f'nav-{k}'}.md\n" for k, label in enumerate(labels))
        for k, label in enumerate(labels[1:], 1):
            (folder / "docs" / f"nav-{k}.md").write_text(f"# {label}\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Plain\n{settings}plugins:\n  - search\nnav:\n{nav}not_in_nav: |\n  /articles/\n",
        encoding="utf-8")
    return folder


def _top_level(yml: str, key: str) -> str:
    """The block of a top-level key of a YAML file, as written (comments out)."""
    m = re.search(rf"^{key}:.*\n(?:(?:[ #].*)?\n)*", yml, re.M)
    if m is None:
        raise SystemExit(f"no {key!r} in the example mkdocs.yml")
    return "".join(line + "\n" for line in m.group(0).splitlines() if line.strip() and not line.lstrip().startswith("#"))


def measured(folder: Path, jobs: int | None) -> dict:
    """One `mkdocs build` in a fresh process: seconds, ours, peak memory
    (of the build process or of any child it waited for: extraction and
    rendering workers, the child that writes the state)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if jobs:
        env["TIMELINE_JOBS"] = str(jobs)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if out.returncode:
        raise SystemExit(f"mkdocs build failed in {folder}:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


def child(folder: Path) -> None:
    """Build the site in ``folder`` (in this process) and print the numbers."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.chdir(folder)
    config = load_config(str(folder / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    started = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - started
    plugin = config.plugins.get("timeline")
    ours = plugin._result.seconds if plugin is not None and plugin._result is not None else 0.0
    if plugin is not None:
        # The child writing the state counts too (the process waits for it
        # at exit anyway: the wall time holds it).
        from timeline import pipeline

        pipeline.wait_saved()
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    print(json.dumps({"build": seconds, "ours": ours, "peak_mb": peak * scale / 2 ** 20}))


def serve_added(folder: Path, content: Path) -> tuple[float, int]:
    """`mkdocs serve` on ``folder``: seconds from adding an article to its
    page being served, and how many builds that change started."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = folder / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                  cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        def builds() -> int:
            return log.read_text(errors="replace").count("Documentation built in")

        deadline = time.monotonic() + 1800
        while builds() < 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # let the server settle
        url = f"http://127.0.0.1:{port}/timeline/articles/zz-serve-added/"
        before = builds()
        extra = sorted(content.glob("*.md"))[1].read_text(encoding="utf-8")
        started = time.monotonic()
        (content / "zz-serve-added.md").write_text(re.sub(r"date: \d{4}", "date: 2098", extra, count=1),
                                                   encoding="utf-8")
        while time.monotonic() < started + 600:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.05)
        seconds = time.monotonic() - started
        time.sleep(5)  # a second build, if the change caused one, has started by now
        return seconds, builds() - before
    finally:
        server.terminate()
        server.wait(timeout=30)
        (content / "zz-serve-added.md").unlink(missing_ok=True)


def count_entries(path: Path) -> int:
    """The entries of a timeline.json, counted by another process: on Linux
    a child's peak memory starts at this process's (the JSON of 10,000
    articles takes a gigabyte parsed), which would count in the next builds'."""
    code = "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))['entries']))"
    return int(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              check=True).stdout)


def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages) if pages else (0, "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument("--jobs", type=int, default=None, help="extraction processes (default: every core)")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--serve", action="store_true",
                        help="also time `mkdocs serve` showing a newly added article, and count its builds")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    if not args.root.is_dir():
        print(f"error: no benchmark folder at {args.root}", file=sys.stderr)
        return 2
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.2f} at the start")
    print("| articles | pages | entries | build | cold (s) | unchanged (s) | one added (s) | peak memory (MB) "
          "| largest page (MB) |")
    print("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n in args.articles:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            content = tmp / "content"
            write_archive(content, n, args.root)
            site = project(tmp / "site", content)
            cold = measured(site, args.jobs)
            warm = measured(site, args.jobs)
            extra = sorted(content.glob("*.md"))[0].read_text(encoding="utf-8")
            (content / "zz-added.md").write_text(re.sub(r"date: \d{4}", "date: 2099", extra, count=1), encoding="utf-8")
            added = measured(site, args.jobs)
            pages = len(list((site / "site").rglob("index.html")))
            size, name = largest_page(site / "site")
            plain = measured(plain_project(tmp / "plain", content, pages), None)
            plain_like = measured(plain_project(tmp / "plain-like", content, pages, like_site=True), None)
            entries = count_entries(site / "site" / "timeline" / "timeline.json")
            peak = max(cold["peak_mb"], warm["peak_mb"], added["peak_mb"])

            def cell(r: dict, part: str) -> str:
                return f"{r['wall']:.1f}" if part == "wall" else f"{r['ours']:.1f}" if part == "ours" \
                    else f"{r['wall'] - r['ours']:.1f}"

            for part, label in (("wall", "mkdocs build, wall"), ("ours", "our work"), ("mkdocs", "MkDocs' share")):
                print(f"| {n:,} | {pages:,} | {entries:,} | {label} | {cell(cold, part)} | {cell(warm, part)} "
                      f"| {cell(added, part)} | {peak:.0f} | {size / 2 ** 20:.2f} |")
            print(f"| {n:,} | {pages:,} | | plain MkDocs, same pages | {plain['wall']:.1f} | | | "
                  f"{plain['peak_mb']:.0f} | {largest_page(tmp / 'plain' / 'site')[0] / 2 ** 20:.2f} |")
            print(f"| {n:,} | {pages:,} | | plain MkDocs, same pages, the example's theme settings and navigation "
                  f"| {plain_like['wall']:.1f} | | | {plain_like['peak_mb']:.0f} "
                  f"| {largest_page(tmp / 'plain-like' / 'site')[0] / 2 ** 20:.2f} |")
            sys.stdout.flush()
            if args.serve:
                seconds, builds = serve_added(site, content)
                print(f"\n`mkdocs serve` over {n:,} articles: a new article is served {seconds:.1f} s after it is "
                      f"written; {builds} build{'s' if builds != 1 else ''} for that change\n")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
