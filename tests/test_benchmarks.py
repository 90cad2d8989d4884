"""Accuracy on ../shared/benchmarks: the README's results table is what the
engine scores today (scores are deterministic), and never below the targets.

These read the benchmark corpora, which are not part of the repository; they
skip, saying so, where the folder is absent (a user's bare clone).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline import timeml

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "timeml"
needs_timeml = pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark corpora not found at {BENCH}")

CORPORA = {"TimeBank": ("timebank", timeml.NEWS), "AQUAINT": ("aquaint", timeml.NEWS),
           "WikiWars": ("wikiwars", timeml.NARRATIVE)}
#: Targets of the issue (HeidelTime 2.2.1 on the same files: TimeBank 79.56
#: value / 85.34 strict, AQUAINT 73.09, WikiWars 82.70).
FLOORS = {"TimeBank": {"value_f1": 82.0, "strict_f1": 86.0}, "AQUAINT": {"value_f1": 78.0},
          "WikiWars": {"value_f1": 85.0}}


@pytest.fixture(scope="module")
def scores() -> dict[str, timeml.Scores]:
    out = {}
    for label, (folder, mode) in CORPORA.items():
        result = timeml.evaluate(BENCH / folder, mode=mode)
        assert not result.failures, result.failures
        out[label] = result.scores
    return out


@needs_timeml
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_scores_reach_the_targets(scores: dict[str, timeml.Scores], corpus: str) -> None:
    for measure, floor in FLOORS[corpus].items():
        got = round(100 * getattr(scores[corpus], measure), 2)
        assert got >= floor, f"{corpus} {measure} {got} is below {floor}"


@needs_timeml
def test_readme_results_table_is_what_the_engine_scores(scores: dict[str, timeml.Scores]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for label, (_, mode) in CORPORA.items():
        row = timeml.markdown_row(label, mode, scores[label])
        assert row in readme, (f"README results table is stale for {label}; run "
                               f"`make eval` and paste:\n{row}")


def test_readme_names_the_command_that_reproduces_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"make eval|scripts/eval_benchmarks\.py", readme)


TRIAL = ROOT.parent / "shared" / "benchmarks" / "semeval2015-task4-trial"


@pytest.mark.skipif(not (TRIAL / "cat").is_dir(), reason=f"SemEval trial data not found at {TRIAL}")
def test_event_anchoring_beats_the_baselines_and_matches_the_readme() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "scripts" / "bench_events.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    anchored, everything, merged, _, _, site = bench.run(TRIAL, "story")
    # HeidelTime's nearest date in the sentence: 0.62; the publication date: 0.49.
    assert anchored.accuracy > 0.62 and anchored.accuracy > anchored.baseline
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for label, s in (("anchored", anchored), ("all", everything)):
        row = f"| {label} | {s.mentions} | {s.found} | {s.accuracy:.3f} | {s.baseline:.3f} |"
        assert row in readme, f"README event anchoring table is stale; run `make bench-events`:\n{row}"
    # The product launch that several articles report (iPhone 4 at WWDC 2010)
    # and the free-case announcement are one entry each.
    assert merged.once >= 2
    # As the site dates them: more precise than the first round's 0.733 at its coverage (0.368).
    assert site.precision >= 0.77 and site.coverage >= 0.368
    assert f"precision {site.precision:.3f}" in readme and f"coverage {site.coverage:.3f}" in readme


@pytest.mark.skipif(not (TRIAL / "cat").is_dir(), reason=f"SemEval trial data not found at {TRIAL}")
def test_trial_articles_as_one_timeline_show_the_iphone_4_launch_once_with_its_sources() -> None:
    from timeline import semeval
    from timeline.events import extract_events
    from timeline.merge import build_timeline
    from timeline.model import Document
    from timeline.timex import annotate

    documents = []
    for path in sorted((TRIAL / "cat").glob("*.xml")):
        article = semeval.read_cat(path).article()
        timexes = tuple(annotate(article.body, article.dct))
        documents.append(Document(article, timexes, extract_events(article, timexes)))
    entries = build_timeline("", "Apple", documents).entries
    launch = [e for e in entries if "iPhone 4" in e.text and e.when.value == "2010-06-07"]
    assert len(launch) == 1
    paths = {s.article.path for s in launch[0].sources}
    assert any("16844" in p for p in paths) and any("16900" in p for p in paths)
    assert not launch[0].conflicts
    # Nothing is flagged as a conflict on this timeline: no two sources give
    # one happening dates that exclude each other.
    assert not [e for e in entries if e.conflicts]


HELD_OUT = ROOT.parent / "shared" / "benchmarks" / "HELD-OUT.md"


def _bench_attach():
    import importlib.util

    import sys

    spec = importlib.util.spec_from_file_location("bench_attach", ROOT / "scripts" / "bench_attach.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_attach"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


@needs_timeml
def test_event_dates_against_tlinks_hold_and_match_the_readme() -> None:
    """The event-time measure (scripts/bench_attach.py): the dates the site
    gives events are the TLINK gold's at least 88% of the time on TimeBank
    (developed on) and 87% on AQUAINT (the check), while the share of all
    annotated events dated stays at the first round's (0.369 and 0.370)
    within a few points, and the README row is today's."""
    from timeline import eventtime

    bench = _bench_attach()
    held = eventtime.held_out(BENCH.parent)
    assert len(held) == 36, "HELD-OUT.md lists the 36 TimeBank-Dense documents"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for label, folder, role in bench.CORPORA:
        docs = eventtime.read_corpus([BENCH / folder], held)
        assert not any(d.doc_id in held for d in docs)
        r = bench.run(docs)
        s, st = r.skip, r.story
        floor = {"TimeBank": 0.88, "AQUAINT": 0.87}[label]
        assert s.precision >= floor and s.precision > s.dct_precision
        assert st.right > st.dct_right
        row = (f"| {label} | {role} | {s.events} | {s.coverage:.3f} | {s.precision:.3f} | {s.dct_precision:.3f} "
               f"| {bench.ratio(r.covered, r.annotated)} | {bench.ratio(st.right, st.events)} "
               f"| {bench.ratio(st.dct_right, st.events)} |")
        assert row in readme, f"README event-date table is stale; run `make bench-attach`:\n{row}"
