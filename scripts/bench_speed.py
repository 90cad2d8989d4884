#!/usr/bin/env python
"""Speed of the temporal engine, side by side with dateparser's search_dates.

Runs recognition + resolution (``timeline.timex.annotate``) over the text of
every TimeML benchmark file (TimeBank, AQUAINT, WikiWars), one document at a
time on one core, and ``dateparser.search.search_dates`` over the same texts
in the same run; prints characters per second for both and how well each
finds the gold TIMEX3 spans (TempEval-3 relaxed/strict F1, value accuracy;
dateparser gives a day for everything, so its value accuracy is the share of
its spans whose gold value is a day it got right). Then times adversarial 1 MB
lines (repeated digits, month names, hyphens) to show that no pattern is
super-linear, and the sentence splitter over 3 MB of news and over
adversarial text (MB per second; it was a timed unit test, and timings belong
here, not in the test suite).

Usage: python scripts/bench_speed.py [--root ../shared/benchmarks/timeml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from timeline import timeml
from timeline.entities import extract_entities
from timeline.sentences import split_sentences
from timeline.timex import annotate
from timeline.timex.recognize import recognizer

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "timeml"

ADVERSARIAL = {
    "digits": "1" * 1_000_000,
    "digits and spaces": "2021 " * 200_000,
    "month names": "January " * 125_000,
    "hyphens": "-" * 1_000_000,
    "mid-hyphen months": "mid-December-" * 76_923,
    "numbers and units": "3 days 4 weeks 5 years " * 43_478,
    "slashes": "4/15/" * 200_000,
    "the the": "the " * 250_000,
}

NEWS = ("US President Joe Biden on Thursday commented on the sweeping sanctions his "
        "administration imposed on Russia, the U.S. Treasury said at 10 a.m. on Dec. 15. "
        "“If Russia continues to interfere, I’m prepared to act. It is my duty,” Biden said. "
        "Mr. Putin’s spokesman said No. 2 was 3.5% higher. Is that so? It was.\n\n")

SENTENCES = {
    "news paragraphs (3 MB)": NEWS * (3_000_000 // len(NEWS)),
    "dots": "." * 1_000_000,
    "unclosed quotes": "“" * 500_000 + "”" * 500_000,
    "short words": "a. " * 300_000,
    "acronyms": "U.S. " * 200_000,
    "blank-line paragraphs": "\n \n".join(["Word."] * 100_000),
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str


MODES = {"timebank": "news", "aquaint": "news", "wikiwars": "narrative"}


def load(root: Path) -> list[tuple[timeml.TimeMLDoc, str]]:
    """Every benchmark document with the mode it is scored in."""
    docs = []
    for folder, mode in MODES.items():
        for path in sorted((root / folder).glob("*.tml")):
            docs.append((timeml.read_timeml(path), mode))
    return docs


def time_engine(docs: list[tuple[timeml.TimeMLDoc, str]], repeat: int) -> tuple[float, list[list]]:
    best, out = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        out = [annotate(d.text, d.dct, mode) for d, mode in docs]
        best = min(best, time.perf_counter() - started)
    return best, out


def time_dateparser(docs: list[tuple[timeml.TimeMLDoc, str]]) -> tuple[float, list[list[Span]]]:
    from dateparser.search import search_dates

    out: list[list[Span]] = []
    started = time.perf_counter()
    for d, _ in docs:
        base = dt.datetime(d.dct.year, d.dct.month, d.dct.day) if d.dct else None
        found = search_dates(d.text, languages=["en"],
                             settings={"RELATIVE_BASE": base} if base else None) or []
        spans, pos = [], 0
        for substring, when in found:
            at = d.text.find(substring, pos)
            if at < 0:
                continue
            pos = at + len(substring)
            spans.append(Span(at, pos, "DATE", when.date().isoformat()))
        out.append(spans)
    return time.perf_counter() - started, out


def row(name: str, chars: int, seconds: float, scores: timeml.Scores) -> str:
    return (f"| {name} | {chars / seconds:,.0f} | {seconds:.2f} | {scores.strict_f1 * 100:.2f} "
            f"| {scores.relaxed_f1 * 100:.2f} | {scores.value_accuracy * 100:.2f} | {scores.value_f1 * 100:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=3, help="engine runs; the best is reported")
    parser.add_argument("--skip-dateparser", action="store_true")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"error: no benchmark folder at {args.root}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    recognizer("en")
    compile_s = time.perf_counter() - started
    docs = load(args.root)
    chars = sum(len(d.text) for d, _ in docs)
    gold = [d.timexes for d, _ in docs]
    print(f"{len(docs)} documents, {chars:,} characters; rules compiled once in {compile_s:.2f} s\n")
    print("| tagger | chars/s | seconds | strict F1 | relaxed F1 | value acc | value F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    seconds, ours = time_engine(docs, args.repeat)
    print(row("timeline (recognize + resolve)", chars, seconds, timeml.score(gold, ours)))
    if not args.skip_dateparser:
        seconds, theirs = time_dateparser(docs)
        print(row("dateparser search_dates", chars, seconds, timeml.score(gold, theirs)))
    print("\nAdversarial 1 MB lines (seconds, news mode):\n")
    print("| input | seconds | expressions |")
    print("| --- | ---: | ---: |")
    for name, text in ADVERSARIAL.items():
        started = time.perf_counter()
        found = annotate(text, dt.date(2021, 4, 15))
        print(f"| {name} | {time.perf_counter() - started:.2f} | {len(found)} |")
    print("\nSentence splitting (best of 3):\n")
    print("| input | MB/s | sentences |")
    print("| --- | ---: | ---: |")
    for name, text in SENTENCES.items():
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            spans = split_sentences(text)
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {len(text) / 1e6 / best:.1f} | {len(spans):,} |")
    text = SENTENCES["news paragraphs (3 MB)"]
    started = time.perf_counter()
    names = sum(len(extract_entities(text, s, e)) for s, e in split_sentences(text))
    print(f"\nNames in the 3 MB of news, sentence by sentence: {len(text) / 1e6 / (time.perf_counter() - started):.1f} MB/s "
          f"({names:,} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
