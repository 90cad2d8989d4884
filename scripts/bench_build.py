#!/usr/bin/env python
"""How the site build scales with the archive: seconds for a cold build, a
rebuild with nothing changed, and a rebuild after adding one article.

The archive is made of real news text: the TimeBank and AQUAINT documents of
``../shared/benchmarks/timeml`` (text and publication date), each written to
``content/`` as a Markdown article with front matter, repeated ``--copies``
times under different names to grow it. Copies report the same happenings on
the same dates, so they merge into shared entries: the hardest case for
merging, the easiest for rendering. Everything runs in a temporary folder.

Usage: python scripts/bench_build.py [--copies 1 4 8] [--root ../shared/benchmarks/timeml]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from timeline import publish, timeml

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "timeml"


def write_archive(content: Path, docs: list[timeml.TimeMLDoc], copies: int) -> int:
    n = 0
    for c in range(copies):
        for doc in docs:
            title = " ".join(doc.text.split()[:8]).replace('"', "'")
            body = doc.text.strip()
            path = content / f"{doc.name}-{c}.md"
            path.write_text(f'---\ntitle: "{title}"\ndate: {doc.dct.isoformat()}\nsource: benchmark\n---\n{body}\n',
                            encoding="utf-8")
            n += 1
    return n


def timed(content: Path, out: Path, cache: Path) -> tuple[float, publish.Result]:
    started = time.perf_counter()
    result = publish.build_docs(content, out, cache_dir=cache)
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"error: no benchmark folder at {args.root}", file=sys.stderr)
        return 2
    docs = [timeml.read_timeml(p) for folder in ("timebank", "aquaint")
            for p in sorted((args.root / folder).glob("*.tml"))]
    docs = [d for d in docs if d.dct is not None]
    print("| articles | characters | events | entries | cold build (s) | unchanged (s) | one added (s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            content, out, cache = root / "content", root / "docs" / "timeline", root / "cache"
            content.mkdir()
            n = write_archive(content, docs, copies)
            chars = sum(len(d.text) for d in docs) * copies
            cold, result = timed(content, out, cache)
            warm, _ = timed(content, out, cache)
            extra = docs[0]
            (content / "added.md").write_text(f"---\ntitle: Added\ndate: {extra.dct.isoformat()}\n---\n{extra.text}\n",
                                              encoding="utf-8")
            added, _ = timed(content, out, cache)
            site = result.site
            events = sum(len(d.events) for t in site.timelines for d in t.documents)
            entries = sum(len(t.entries) for t in site.timelines)
            print(f"| {n:,} | {chars:,} | {events:,} | {entries:,} | {cold:.2f} | {warm:.2f} | {added:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
