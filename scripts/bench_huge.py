"""Time every stage of a build of ONE article as it grows to the 5 MB limit.

Any accepted article must be processed in time linear in its size: this
prints the CPU seconds (of this process: other work on the machine does not
count) of each stage (loading, time expressions, sentences and
events, merging, pages, exports) for articles of 0.3 to 4.9 MB of real news
prose, and each stage's seconds per MB. A stage whose seconds per MB grow
with the size is super-linear.

The prose is the text of the TimeBank/AQUAINT documents in
../shared/benchmarks/timeml when present, else the articles of content/,
repeated with their numbers changed (so repeats are not one happening).

    python scripts/bench_huge.py [--sizes 0.3,0.6,1.2,2.4,4.9]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline import articles, exports, pipeline, render  # noqa: E402
from timeline.events import extract_events  # noqa: E402
from timeline.model import Document  # noqa: E402
from timeline.timex import annotate  # noqa: E402

TIMEML = ROOT.parent / "shared" / "benchmarks" / "timeml"


def prose() -> str:
    texts = []
    for path in sorted(TIMEML.rglob("*.tml")) if TIMEML.is_dir() else []:
        m = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text(encoding="utf-8", errors="replace"), re.S)
        if m:
            texts.append(re.sub(r"<[^>]+>", "", m.group(1)).strip())
    if not texts:
        texts = [articles.load_article(p, ROOT / "content").body for p in articles.article_paths(ROOT / "content")[0]]
    return "\n\n".join(texts)


def article_text(size: int) -> str:
    base, parts, n = prose(), [], 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(re.sub(r"\b\d{2,3}\b", lambda m: str(int(m.group()) + n), base) + "\n\n")
    return "".join(parts)[:size]


def bench(size_mb: float, folder: Path) -> dict[str, float]:
    body = article_text(int(size_mb * 1024 * 1024) - 64)
    path = folder / "content" / "big.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ndate: 2021-04-15\n---\n# " + " " * 1000 + "Heading\n\n" + body, encoding="utf-8")
    times: dict[str, float] = {}

    def timed(stage: str, fn):
        t0 = time.process_time()
        value = fn()
        times[stage] = time.process_time() - t0
        return value

    article = timed("load", lambda: articles.load_article(path, folder / "content"))
    timexes = timed("timex", lambda: tuple(annotate(article.body, article.dct, "news", article.language)))
    events = timed("events", lambda: extract_events(article, timexes))
    site = timed("merge", lambda: pipeline.site([Document(article, timexes, events)]))
    timed("pages", lambda: render.render(site))
    timed("exports", lambda: exports.export_site(site))
    times["events found"] = len(events)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.3,0.6,1.2,2.4,4.9", help="article sizes in MB")
    sizes = [float(s) for s in parser.parse_args().sizes.split(",")]
    stages = ["load", "timex", "events", "merge", "pages", "exports"]
    print("| MB | events | " + " | ".join(f"{s} (s)" for s in stages) + " | total (s) | s/MB |")
    print("| ---: | ---: | " + " | ".join("---:" for _ in stages) + " | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            t = bench(mb, Path(tmp) / str(mb))
            total = sum(t[s] for s in stages)
            print(f"| {mb} | {int(t['events found']):,} | " + " | ".join(f"{t[s]:.2f}" for s in stages)
                  + f" | {total:.2f} | {total / mb:.2f} |", flush=True)


if __name__ == "__main__":
    main()
