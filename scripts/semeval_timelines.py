#!/usr/bin/env python
"""Write SemEval-2015 Task 4 (TimeLine, Track A) system timelines, one file per
target entity, for the task's official scorer.

Input: a folder of CAT XML articles (raw tokens; ``cat/`` of the data folder)
and the target entities (``--entities FILE``, one per line; by default the
first lines of ``gold-timelines/*.txt``). Each article goes through our
pipeline as its tokens joined by spaces, one sentence a line, title first;
undated sentences follow the ``story`` policy. For every entity, each event
of ours whose sentence names it contributes one event mention: the main verb
of the event's text (the first verb-like token after the entity, else the
first one). Mentions are ordered by date and written as
``order<TAB>anchor<TAB>docid-sentence-token`` with the anchor at the precision
of our date (``2010-06-07``, ``2010-06-XX``, ``2010-XX-XX``); undated events
go first with order 0 and ``XXXX-XX-XX``, as in the gold files.

Usage: python scripts/semeval_timelines.py OUT [--data DIR] [--entities FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from timeline import semeval
from timeline.events import UNDATED_STORY, extract_events
from timeline.lang import en as en_tables
from timeline.lang import en_events
from timeline.timex import annotate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "semeval2015-task4-trial"

_VERBISH = re.compile(r"^[a-z][a-z-]*(ed|es|s|ing)$")


def anchor_of(value: str | None, precision: str | None) -> str:
    if not value or not re.match(r"\d{4}", value):
        return "XXXX-XX-XX"
    y = value[:4]
    m = re.match(r"\d{4}-(\d\d)(?:-(\d\d))?", value)
    if precision == "day" and m and m.group(2):
        return f"{y}-{m.group(1)}-{m.group(2)}"
    if precision == "month" and m:
        return f"{y}-{m.group(1)}-XX"
    return f"{y}-XX-XX"


def mentions_entity(sentence: str, entity: str) -> bool:
    s = sentence.lower()
    if entity.lower() in s:
        return True
    last = entity.split()[-1]
    return len(last) >= 4 and last[0].isupper() and re.search(rf"\b{re.escape(last)}\b", sentence) is not None


_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "of", "new", "all", "these",
                          "those", "many", "more", "some", "two", "three", "million", "for", "and", "in"})


def trigger(doc: semeval.CatDoc, start: int, end: int, after: int) -> semeval.Token | None:
    """The event's main verb, roughly: a past form or reporting verb, else a
    present form, else an -s/-ing form not after a determiner (not a plural
    noun), preferring the part of the span after the entity (``after``)."""
    toks = [t for t in doc.tokens if start <= t.start and t.end <= end]
    past = en_tables.PAST_CUES | en_events.REPORTING
    present = en_tables.PRESENT_CUES

    def rank(i: int, t: semeval.Token) -> int | None:
        w = t.text.lower()
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if not t.text[0].islower():
            return None
        if w in past or (w.endswith("ed") and len(w) > 4):
            return 0
        if w in present:
            return 1
        if _VERBISH.match(w) and len(w) > 4 and prev not in _DETERMINERS:
            return 2
        return None

    best = None
    for i, t in enumerate(toks):
        r = rank(i, t)
        if r is None:
            continue
        key = (t.start < after, r, t.start)
        if best is None or key < best[0]:
            best = (key, t)
    if best is not None:
        return best[1]
    return toks[0] if toks else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--entities", type=Path)
    args = parser.parse_args(argv)
    docs = [semeval.read_cat(p) for p in sorted((args.data / "cat").glob("*.xml"))]
    if args.entities:
        entities = [line.strip() for line in args.entities.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        entities = [p.read_text(encoding="utf-8").splitlines()[0].strip()
                    for p in sorted((args.data / "gold-timelines").glob("*.txt"))]
    events = {}
    for d in docs:
        a = d.article()
        events[d.doc_id] = extract_events(a, annotate(a.body, a.dct), UNDATED_STORY)
    args.out.mkdir(parents=True, exist_ok=True)
    for entity in entities:
        rows: dict[tuple, list[str]] = {}
        for d in docs:
            for e in events[d.doc_id]:
                sentence = d.text[e.sentence[0]:e.sentence[1]]
                if not mentions_entity(sentence, entity):
                    continue
                at = d.text.lower().find(entity.split()[-1].lower(), e.start, e.end)
                tok = trigger(d, e.start, e.end, at if at >= 0 else e.start)
                if tok is None:
                    continue
                key = (e.when.start or e.when.end, anchor_of(e.when.value, e.when.precision))
                rows.setdefault(key, []).append(f"{d.doc_id}-{tok.sentence}-{tok.text}")
        lines, order = [entity], 0
        undated = [m for (when, anc), ms in rows.items() if anc.startswith("X") for m in ms]
        if undated:
            lines.append("0\tXXXX-XX-XX\t" + "\t".join(sorted(set(undated))))
        for (when, anc) in sorted(k for k in rows if not k[1].startswith("X")):
            order += 1
            lines.append(f"{order}\t{anc}\t" + "\t".join(dict.fromkeys(rows[(when, anc)])))
        name = re.sub(r"\W+", "_", entity.lower()).strip("_") + ".txt"
        (args.out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines) - 1} timeline rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
