#!/usr/bin/env python
"""Does each event get its own date? The event-time measure of timeline.eventtime.

Gold: the TimeBank and AQUAINT events that a TLINK puts inside a date with a
calendar value (``IS_INCLUDED``, ``SIMULTANEOUS``, ``DURING``, ``BEGINS``,
``ENDS``; the publication date counts), optionally with the dates that
``IDENTITY``/``SIMULTANEOUS``/``IS_INCLUDED`` links to other events carry
over (``--closure``, a denser gold). The 36 TimeBank-Dense documents of
``HELD-OUT.md`` are left out. TimeBank is where the rules were developed;
AQUAINT is the check.

For every gold event, the event of ours that covers its token (the
narrowest) is compared with the gold period (our date must lie inside it).
Printed, per corpus:

* ``skip`` (what the site dates): coverage (share of the gold events we
  date), precision (share of those with the gold's date), the same events
  placed at the publication date, and the coverage of *all* annotated
  events (dated by a link or not);
* ``story`` (every sentence dated): accuracy, and the publication-date
  baseline;
* by situation (the error classes of the issue that asked for this
  measure): how the gold event stands to the dates of its sentence, with
  our precision there and what dating the whole sentence by its first date
  (the old behaviour) would give.

Usage: python scripts/bench_attach.py [--benchmarks ../shared/benchmarks] [--closure] [--examples N]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from timeline import attach, eventtime
from timeline.events import UNDATED_SKIP, UNDATED_STORY, dates_an_event, extract_events, sentences
from timeline.model import When
from timeline.timex import annotate

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
CORPORA = (("TimeBank", "timebank", "developed on"), ("AQUAINT", "aquaint", "check"))

#: Situations, in the order they are tested (the first that applies names it).
SITUATIONS = (
    ("headline", "a title line"),
    ("reference", "the sentence's date is a reference point (since, than, from $X a year earlier)"),
    ("descriptive", "the sentence's date describes a noun (the 2020 election, third-quarter profit)"),
    ("bound", "the sentence's date is a deadline or an end (by 2012, until 2014)"),
    ("reported", "a report and what it reports (said on Tuesday that ..., ..., police said)"),
    ("other clause", "the event and the date are in different clauses (relative, participial, subordinate)"),
    ("counted", "the date is counted from an earlier mention (two days later, the following month)"),
    ("same clause", "the date and the event share a clause"),
    ("no date", "the sentence has no date"),
)


@dataclass
class Tallies:
    skip: eventtime.Tally = field(default_factory=eventtime.Tally)
    story: eventtime.Tally = field(default_factory=eventtime.Tally)
    situations: dict[str, list[int]] = field(default_factory=dict)  # ours dated, ours right, old dated, old right, n
    annotated: int = 0  # every annotated event
    covered: int = 0  # ... that an event of ours dates (skip)
    examples: list[str] = field(default_factory=list)


def situation(doc: eventtime.GoldDoc, g: eventtime.GoldEvent, sent: attach.Sentence | None,
              span: tuple[int, int], first_line: bool) -> str:
    """How a gold event stands to the dates of its sentence (see SITUATIONS)."""
    if first_line:
        return "headline"
    if sent is None or not any(u.tag == "T" for u in sent.units):
        return "no date"
    tok = next((i for i, u in enumerate(sent.units) if u.start <= g.start < u.end), None)
    found = {sc.timex: sc for sc in sent.scopes()}
    dates = [k for k, u in enumerate(sent.units) if u.tag == "T"]
    roles = {k: sent.role(k)[0] for k in dates}
    if any(r is None for r in roles.values()) and not found:
        return "reference"
    if any(r in (attach.NOMINAL, "described") for r in roles.values()) and not any(
            sc.role != attach.NOMINAL for sc in found.values()):
        return "descriptive"
    if any(r in (attach.DEADLINE, attach.UNTIL, attach.BEFORE, attach.AFTER) for r in roles.values()):
        return "bound"
    reporting = [i for i, u in enumerate(sent.units) if sent.is_verb(i) and sent._reports(i)]
    if reporting and tok is not None:
        k = min(dates, key=lambda d: abs(d - tok))
        if any(min(k, tok) < r < max(k, tok) or r == tok for r in reporting):
            return "reported"
    if tok is not None:
        k = min(dates, key=lambda d: abs(d - tok))
        a, b = sent.left(k), None
        b = sent.right(k, a)
        if not (a <= tok < b):
            return "other clause"
        if sent.timexes[sent.units[k].timex].anchor == "previous":
            return "counted"
    return "same clause"


def run(docs: list[eventtime.GoldDoc], examples: int = 0) -> Tallies:
    out = Tallies()
    for doc in docs:
        article = doc.article()
        timexes = tuple(annotate(article.body, article.dct))
        skip = extract_events(article, timexes, UNDATED_SKIP)
        story = extract_events(article, timexes, UNDATED_STORY)
        for key, evs in (("skip", skip), ("story", story)):
            for t in eventtime.score_doc(doc, evs).values():
                getattr(out, key).add(t)
        for g in doc.events:
            out.annotated += 1
            out.covered += eventtime.dated(eventtime.covering(skip, g.start, g.end))
        order = sorted(range(len(timexes)), key=lambda i: timexes[i].start)
        dating = [i for i in order if dates_an_event(timexes[i])]
        spans = sentences(article.body)
        first = next(iter(spans), None)
        for g in doc.events:
            if g.period is None:
                continue
            span = next(((s, e) for s, e in spans if s <= g.start < e), None)
            if span is None:
                continue
            inside = [i for i in dating if span[0] <= timexes[i].start < span[1]]
            sent = attach.analyze(article.body, *span, inside, timexes, article.dct) if inside else None
            line_end = article.body.find("\n", span[0])
            headline = span == first and (line_end < 0 or not article.body[span[1]:line_end].strip()) \
                and article.body[span[0]:span[1]].rstrip()[-1:] not in ".!?\"'”’"
            kind = situation(doc, g, sent, span, headline)
            row = out.situations.setdefault(kind, [0, 0, 0, 0, 0])
            row[4] += 1
            ev = eventtime.covering(skip, g.start, g.end)
            if eventtime.dated(ev):
                row[0] += 1
                row[1] += eventtime.within(ev.when, g.period)
            if inside:  # the old behaviour: the whole sentence takes its first date
                tx = timexes[inside[0]]
                if tx.earliest is not None and tx.latest is not None:
                    row[2] += 1
                    row[3] += eventtime.within(When(tx.value, tx.earliest, tx.latest, tx.precision), g.period)
                elif tx.value == "PRESENT_REF":
                    row[2] += 1
                    row[3] += g.period[0] <= article.dct <= g.period[1]
            if len(out.examples) < examples and eventtime.dated(ev) and not eventtime.within(ev.when, g.period):
                out.examples.append(f"{doc.doc_id} [{kind}] {g.word}: gold {g.period[0]}..{g.period[1]}, ours "
                                    f"{ev.when.value} — {article.body[span[0]:span[1]][:200]!r}")
    return out


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    parser.add_argument("--closure", action="store_true", help="also date events through event-event links")
    parser.add_argument("--examples", type=int, default=0, help="list this many wrong dates per corpus")
    args = parser.parse_args(argv)
    try:
        timeml, held = eventtime.development(args.benchmarks)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    gold = "direct links and event-event closure" if args.closure else "direct links"
    print(f"Event dates against TLINK gold ({gold}); {len(held)} held-out documents left out.\n")
    print("| corpus | role | gold events | skip: coverage | skip: precision | publication date, same events "
          "| all annotated events dated | story: accuracy | publication date |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    results = {}
    for label, folder, role in CORPORA:
        docs = eventtime.read_corpus([timeml / folder], held, closure=args.closure)
        r = results[label] = run(docs, args.examples)
        s, st = r.skip, r.story
        print(f"| {label} | {role} | {s.events} | {s.coverage:.3f} | {s.precision:.3f} | {s.dct_precision:.3f} "
              f"| {ratio(r.covered, r.annotated)} | {ratio(st.right, st.events)} | {ratio(st.dct_right, st.events)} |")
    print("\nBy situation (gold events; our precision where we date them, and what dating each whole "
          "sentence by its first date would give):\n")
    print("| situation | corpus | gold events | we date | our precision | sentence date: dated | sentence date: precision |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for key, _ in SITUATIONS:
        for label in results:
            row = results[label].situations.get(key)
            if row:
                print(f"| {key} | {label} | {row[4]} | {row[0]} | {ratio(row[1], row[0])} | {row[2]} | {ratio(row[3], row[2])} |")
    print()
    for key, text in SITUATIONS:
        print(f"- {key}: {text}")
    for label in results:
        for line in results[label].examples:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
