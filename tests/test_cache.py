"""The pipeline's cache (timeline/pipeline.py): a broken entry is recomputed,
a cache that cannot be written is one warning and the build goes on."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from timeline import pipeline

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(REPO / "content", folder)
    (folder / "world").mkdir()
    (folder / "world" / "b.md").write_text(
        "---\ndate: 2021-04-16\n---\nOn Thursday, the ministry announced new sanctions on 12 banks.\n",
        encoding="utf-8")
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


@pytest.mark.parametrize("bad", [
    b"", b"\xff\xfe not json", b"[]", b"{}", b'{"timexes": 1, "events": []}',
    b'{"timexes": [[0, 99999999, "DATE", "2021", null, "year", null, null, "absolute", null, null, null, ""]],'
    b' "events": []}',
    b'{"timexes": [], "events": [[0, 5, [null, null, null, null, null], "explicit", 7, false, false, [],'
    b' [0, 5], null, "", null]]}',
    b'{"timexes": [], "events": [[0, 5, [null, null, null, "fortnight", null], "explicit", null, false,'
    b' false, [], [0, 5, 9], null, "", null]]}',
    b'{"timexes": [], "events": [[0, 5, ["2021", "not a date", null, "year", null], "explicit", null,'
    b' false, false, [], [0, 5], null, "", null]]}',
    b"[" * 100_000,
])
def test_a_malformed_cache_entry_is_recomputed(content, tmp_path, bad):
    cache = tmp_path / "cache"
    fresh = pipeline.build(content)
    pipeline.build(content, cache_dir=cache)
    good = {p.name: p.read_bytes() for p in entries(cache)}
    assert len(good) == 2
    for p in entries(cache):
        p.write_bytes(bad)
    assert pipeline.build(content, cache_dir=cache) == fresh
    assert {p.name: p.read_bytes() for p in entries(cache)} == good  # rewritten


def test_an_entry_that_is_a_folder_is_recomputed(content, tmp_path):
    cache = tmp_path / "cache"
    pipeline.build(content, cache_dir=cache)
    for p in entries(cache):
        p.unlink()
        p.mkdir()
    site = pipeline.build(content, cache_dir=cache)
    assert [str(w) for w in site.warnings] == [f"{cache.as_posix()}: the cache cannot be written "
                                               f"({'Is a directory'}): built without it"]
    assert site.timelines == pipeline.build(content).timelines


def test_a_cache_that_cannot_be_written_is_one_warning(content, tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder should be")
    site = pipeline.build(content, cache_dir=cache)
    (warning,) = site.warnings
    assert warning.path == cache.as_posix() and "the cache cannot be written" in warning.message
    assert "built without it" in warning.message
    assert site.timelines == pipeline.build(content).timelines


def test_a_full_disk_is_one_warning(content, tmp_path, monkeypatch):
    calls = []

    def full(path, data):
        calls.append(path)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "_write_entry", full)
    site = pipeline.build(content, cache_dir=tmp_path / "cache")
    assert [w.message for w in site.warnings] == [
        "the cache cannot be written (No space left on device): built without it"]
    assert len(calls) == 1  # not tried again for every article
    assert sum(len(t.documents) for t in site.timelines) == 2


def test_cache_entries_are_written_under_unique_temporary_names(content, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    names = []
    real = pipeline.tempfile.mkstemp

    def spy(**kw):
        fd, name = real(**kw)
        names.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(pipeline.tempfile, "mkstemp", spy)
    pipeline.build(content, cache_dir=cache)
    assert len(set(names)) == 2 and not list(cache.glob("*.tmp"))
    json.loads(entries(cache)[0].read_text(encoding="utf-8"))


def test_an_unchanged_file_is_not_read_again_and_an_edited_one_is(content, tmp_path, monkeypatch):
    import os

    old = 1_600_000_000 * 10 ** 9  # long before the build: its stat can be trusted
    for p in content.rglob("*.md"):
        os.utime(p, ns=(old, old))
    state: dict = {}
    first = pipeline.build(content, state=state)
    read: list[str] = []
    original = Path.read_bytes

    def counting(self):
        read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    again = pipeline.build(content, state=state)
    assert read == [] and again == first
    b = content / "world" / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("12 banks", "13 banks"), encoding="utf-8")  # same size
    edited = pipeline.build(content, state=state)
    assert read == ["b.md"] and "13 banks" in repr([e.text for e in edited.entries])


def test_a_file_modified_just_before_the_last_build_is_compared_by_its_bytes(content, tmp_path):
    import os
    import time

    b = content / "world" / "b.md"
    state: dict = {}
    pipeline.build(content, state=state)
    stamp = b.stat().st_mtime_ns  # modified moments before that build: within the clock's resolution
    b.write_text(b.read_text(encoding="utf-8").replace("12 banks", "13 banks"), encoding="utf-8")
    os.utime(b, ns=(stamp, stamp))  # the same size and time, other bytes (a coarse clock)
    assert time.time_ns() - stamp < pipeline._Reader.RACY
    edited = pipeline.build(content, state=state)
    assert "13 banks" in repr([e.text for e in edited.entries])


def test_a_state_written_in_the_background_is_there_for_the_next_build(content, tmp_path):
    state: dict = {}
    site = pipeline.build(content, state=state)
    pipeline.save_state(tmp_path / "cache", state, background=True)  # a child process on Linux
    loaded = pipeline.load_state(tmp_path / "cache")  # waits for it
    assert pipeline.build(content, state=loaded) == site
    assert set(loaded) == set(state) and len(loaded["documents"]) == len(state["documents"])


def _globals(data: bytes) -> set[str]:
    """The names of the classes and functions a pickle calls."""
    import pickletools

    names, strings = set(), []
    for op, arg, _ in pickletools.genops(data):
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
            strings.append(arg)
        elif op.name == "STACK_GLOBAL":
            names.add(strings[-1])
    return names


def test_a_saved_state_writes_records_and_reads_back_the_same_shared_objects(content, tmp_path):
    # Documents are written as records and entries as where their events
    # are (pickle keeps a table of every object it writes: at 10,000
    # articles, millions); read back, an entry's sources are its documents'
    # events and its date one of theirs, the same objects (the render and
    # export memos find entries and documents by identity).
    state: dict = {}
    site = pipeline.build(content, state=state)
    pipeline.save_state(tmp_path / "cache", state)
    names = _globals((tmp_path / "cache" / pipeline.STATE).read_bytes())
    assert {"_document", "_entry"} <= names and not names & {"Event", "Timex", "When", "Source", "Entry"}
    loaded = pipeline.load_state(tmp_path / "cache")
    assert loaded["documents"] == state["documents"]
    docs = {a.path: d for a, d in loaded["documents"].items()}
    entries = list(loaded["merger"]._entries.values())
    assert sorted(e.id for e in entries) == sorted(e.id for e in site.entries)
    for entry in entries:
        for source in entry.sources:
            doc = docs[source.article.path]
            assert source.article is doc.article and any(source.event is ev for ev in doc.events)
        assert any(entry.when is s.event.when for s in entry.sources)
    assert pipeline.build(content, state=loaded) == site
