#!/usr/bin/env python
"""Event anchoring on SemEval-2015 Task 4 (TimeLine) data.

For every gold event mention of the gold timelines, find the event of ours
whose span covers its token (each article given to the pipeline as its tokens
joined by spaces, one sentence a line, title first, as the held-out test
gives it) and check that our event's date carries the gold anchor at the
gold anchor's granularity. Printed next to the baseline that places every
event at its article's publication date. "anchored" counts the gold mentions
that the gold timeline places on the calendar; "all" adds those it leaves
undated (``XXXX-XX-XX``), which match only an undated event of ours.

Merging: all the articles built as one timeline; for each happening that a
gold timeline reports from several articles (one gold line, mentions from two
or more articles), are the events that carry its mentions one entry?

Undated sentences follow the ``story`` policy of ``timeline.events`` (the day
the story is about so far, else the publication date); ``--undated skip``
shows what the site itself dates.

Usage: python scripts/bench_events.py [--data ../shared/benchmarks/semeval2015-task4-trial]
                                      [--undated story|dct|skip]
The data folder holds ``cat/*.xml`` and ``gold-timelines/*.txt``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline import semeval
from timeline.events import UNDATED_POLICIES, UNDATED_SKIP, UNDATED_STORY, extract_events
from timeline.merge import build_timeline
from timeline.model import Document
from timeline.timex import annotate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "semeval2015-task4-trial"


def run(data: Path, undated: str) -> tuple[semeval.Score, semeval.Score, semeval.MergeScore, int, int]:
    docs = {}
    for path in sorted((data / "cat").glob("*.xml")):
        doc = semeval.read_cat(path)
        docs[doc.doc_id] = doc
    events, shown, documents = {}, {}, []
    for key, doc in docs.items():
        article = doc.article()
        timexes = tuple(annotate(article.body, article.dct))
        events[key] = extract_events(article, timexes, undated)
        shown[key] = extract_events(article, timexes, UNDATED_SKIP)
        documents.append(Document(article, timexes, shown[key]))
    # All the articles as one timeline, as the site shows them (undated sentences skipped).
    timeline = build_timeline("", "trial", documents)
    doc_of = {doc.article().path: key for key, doc in docs.items()}
    entry_of = {(doc_of[s.article.path], s.event.start): i
                for i, entry in enumerate(timeline.entries) for s in entry.sources}
    gold = [g for path in sorted((data / "gold-timelines").glob("*.txt")) for g in semeval.read_gold_timeline(path)]
    anchored = [g for g in gold if semeval.gold_period(g.anchor) is not None]
    return (semeval.score(anchored, docs, events), semeval.score(gold, docs, events),
            semeval.merge_score(gold, docs, shown, entry_of), len(docs), len(timeline.entries),
            semeval.site_score(anchored, docs, shown))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--undated", choices=UNDATED_POLICIES, default=UNDATED_STORY)
    args = parser.parse_args(argv)
    if not (args.data / "cat").is_dir():
        print(f"error: no cat/ folder in {args.data}", file=sys.stderr)
        return 2
    anchored, everything, merged, n, entries, site = run(args.data, args.undated)
    print(f"{n} articles; undated sentences: {args.undated}\n")
    print("| gold mentions | count | located | timeline (ours) | publication date (baseline) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, s in (("anchored", anchored), ("all", everything)):
        print(f"| {label} | {s.mentions} | {s.found} | {s.accuracy:.3f} | {s.baseline:.3f} |")
    print(f"\nAs the site dates them (undated sentences skipped): {site.dated} of the {site.events} anchored "
          f"mentions dated (coverage {site.coverage:.3f}), {site.right} with the gold's date "
          f"(precision {site.precision:.3f}; the publication date for the same mentions: {site.dct_precision:.3f}).")
    print(f"\nAll {n} articles as one timeline (the site's policy): {entries} entries. Happenings the gold timelines"
          f" report from several articles: {merged.repeated}; on our timeline from several"
          f" articles: {merged.shown}; shown there as one entry: {merged.once}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
