"""A corpus of hostile inputs (tests/hostile_corpus.py), built end to end by
`timeline build` and `mkdocs build` in subprocesses: no traceback, no hang,
no build aborted by one file, every bad file named, every good article on
the timeline, content/ byte-identical, nothing secret published, and ten
builds under different hash seeds, locales and time zones byte-identical."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

import hostile_corpus
from timeline.model import printable

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: Bytes that must appear in no output file: C0 controls but tab, LF and CR,
#: DEL, and C1 controls (UTF-8 encoded).
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def project(tmp: Path) -> tuple[Path, hostile_corpus.Corpus]:
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns("timeline"))
    return tmp, hostile_corpus.make(tmp)


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **env})


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def shown(paths: list[str]) -> list[str]:
    return [printable(p) for p in paths]


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory):
    tmp, corpus = project(tmp_path_factory.mktemp("cli"))
    before = hostile_corpus.snapshot(tmp / "content")
    result = run([str(BIN / "timeline"), "build"], tmp)
    return tmp, corpus, before, result


def test_the_cli_builds_the_hostile_corpus_and_names_every_bad_file(cli_build):
    tmp, corpus, before, result = cli_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    warned = {line[len("warning: "):].split(": ", 1)[0] for line in result.stderr.splitlines()
              if line.startswith("warning: ")}
    assert set(shown(corpus.bad)) <= warned
    assert not set(shown(corpus.silent)) & warned
    out = tmp / "docs" / "timeline"
    data = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    on_timeline = {s["path"] for e in data["entries"] for s in e["sources"]}
    assert set(shown(corpus.good)) <= on_timeline
    assert not set(shown(corpus.bad) + shown(corpus.silent)) & on_timeline
    page = (out / "warnings.md").read_text(encoding="utf-8")
    for path in shown(corpus.bad):
        assert f"<code>{path}</code>" in page.replace("&amp;", "&").replace("&#39;", "'")
    # The notice counts files left out, not notes.
    left_out = len(set(shown(corpus.bad)))
    assert f"{left_out} files could not be used" in (out / "index.md").read_text(encoding="utf-8")
    assert f"{left_out} files left out" in result.stdout


def test_content_is_byte_identical_and_nothing_secret_is_published(cli_build):
    tmp, corpus, before, result = cli_build
    assert hostile_corpus.snapshot(tmp / "content") == before
    for rel, data in tree(tmp / "docs" / "timeline").items():
        assert hostile_corpus.SECRET.encode() not in data, rel


def test_no_output_name_is_too_long_and_no_output_holds_control_characters(cli_build):
    tmp, corpus, before, result = cli_build
    for rel, data in tree(tmp / "docs" / "timeline").items():
        assert all(len(part.encode("utf-8")) <= 255 for part in rel.split("/")), rel
        assert not CONTROL.search(data), (rel, CONTROL.search(data))
    assert not CONTROL.search((result.stdout + result.stderr).encode("utf-8"))


def test_topics_that_share_a_slug_each_get_a_page_and_a_title(cli_build):
    tmp, corpus, before, result = cli_build
    data = json.loads((tmp / "docs" / "timeline" / "timeline.json").read_text(encoding="utf-8"))
    topics = {t["topic"]: t for t in data["timelines"] if t["topic"]}
    assert {"a-b", "a_b", "A-B", "日本", "中国", "-", "🔥"} <= set(topics)
    titles = [t["title"] for t in topics.values()]
    assert all(titles) and len(set(titles)) == len(titles)
    pages = [p.name for p in (tmp / "docs" / "timeline" / "topics").glob("*.md")]
    assert len(pages) == len(topics) + 1  # and the topics index
    assert {"日本.md", "中国.md"} <= set(pages)


def test_year_precision_entries_are_not_year_long_calendar_events(cli_build):
    tmp, corpus, before, result = cli_build
    out = tmp / "docs" / "timeline"
    ics = (out / "timeline.ics").read_text(encoding="utf-8")
    calendar = icalendar.Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert events and all((e.decoded("DTEND") - e.decoded("DTSTART")).days <= 92 for e in events)
    # "In 2019, ... Lovakimi" is on the timeline, and not on each day of 2019 in a calendar.
    assert "Lovakimi" in (out / "timeline.csv").read_text(encoding="utf-8")
    assert "Lovakimi" not in ics.replace("\r\n ", "")


def test_ten_builds_under_different_hash_seeds_locales_and_time_zones_are_byte_identical(tmp_path):
    tmp, corpus = project(tmp_path)
    before = hostile_corpus.snapshot(tmp / "content")
    outputs = []
    zones = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Europe/Berlin"]
    locales = ["C", "C.UTF-8", "POSIX"]
    for seed in range(10):
        docs = f"docs-{seed}"
        result = run([str(BIN / "timeline"), "build", "--docs", docs], tmp, PYTHONHASHSEED=str(seed),
                     TZ=zones[seed % len(zones)], LC_ALL=locales[seed % len(locales)])
        assert result.returncode == 0, result.stderr
        shutil.rmtree(tmp / ".timeline-cache")  # cold each time: the engine runs under every seed
        outputs.append(tree(tmp / docs / "timeline"))
    assert all(out == outputs[0] for out in outputs[1:])
    assert hostile_corpus.snapshot(tmp / "content") == before


def test_two_builds_at_once_on_one_folder_both_succeed(tmp_path):
    tmp, corpus = project(tmp_path)
    procs = [subprocess.Popen([str(BIN / "timeline"), "build"], cwd=tmp, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    first = tree(tmp / "docs" / "timeline")
    assert run([str(BIN / "timeline"), "build"], tmp).returncode == 0
    assert tree(tmp / "docs" / "timeline") == first
    assert sorted(p.name for p in (tmp / "docs").iterdir() if p.name.startswith(".")) == []


def test_mkdocs_builds_the_hostile_corpus(tmp_path):
    tmp, corpus = project(tmp_path)
    before = hostile_corpus.snapshot(tmp / "content")
    result = run([str(BIN / "mkdocs"), "build"], tmp, SOURCE_DATE_EPOCH="1618444800")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Traceback" not in log
    for path in shown(corpus.bad):
        assert f"WARNING -  timeline: {path}: " in log, path
    assert (tmp / "site" / "timeline" / "index.html").is_file()
    html = (tmp / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert hostile_corpus.SECRET not in html and not CONTROL.search(html.encode("utf-8"))
    assert hostile_corpus.snapshot(tmp / "content") == before
    # Strict builds fail on the warnings, naming them, without a traceback.
    strict = run([str(BIN / "mkdocs"), "build", "--strict"], tmp)
    assert strict.returncode != 0 and "Traceback" not in strict.stdout + strict.stderr


def test_a_cache_inside_content_is_refused_by_both_faces(tmp_path):
    tmp, corpus = project(tmp_path)
    before = hostile_corpus.snapshot(tmp / "content")
    config = (tmp / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(config.replace("      templates: templates\n",
                                                   "      templates: templates\n      cache: content/cache\n"),
                                    encoding="utf-8")
    result = run([str(BIN / "mkdocs"), "build"], tmp)
    assert result.returncode != 0 and "is inside the content folder" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    result = run([str(BIN / "timeline"), "build", "--cache", "content/cache"], tmp)
    assert result.returncode != 0 and "is inside the content folder" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert hostile_corpus.snapshot(tmp / "content") == before


def test_timeline_extract_names_a_fifo_instead_of_waiting_for_a_writer(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(tmp_path / "pipe.md")
    result = run([str(BIN / "timeline"), "extract", "--dct", "2021-04-15", "pipe.md"], tmp_path)
    assert result.returncode == 1 and "is not a regular file (a FIFO)" in result.stderr
