"""Writing the generated site: only changed files, stale files removed, nothing else touched
(timeline/publish.py)."""

from __future__ import annotations

import os

import pytest

from site_fixtures import install_fake_pipeline, seed_site
from timeline.publish import MANIFEST, build_docs, write_tree


def test_writes_files_and_a_manifest(tmp_path):
    result = write_tree(tmp_path, {"index.md": "a", "sub/page.md": "b"})
    assert result.written == ("index.md", "sub/page.md")
    assert (tmp_path / "sub" / "page.md").read_text() == "b"
    assert (tmp_path / MANIFEST).read_text() == "index.md\nsub/page.md\n"


def test_unchanged_files_are_not_rewritten(tmp_path):
    write_tree(tmp_path, {"index.md": "a", "b.md": "b"})
    os.utime(tmp_path / "index.md", (1, 1))
    os.utime(tmp_path / MANIFEST, (1, 1))
    result = write_tree(tmp_path, {"index.md": "a", "b.md": "changed"})
    assert result.written == ("b.md",) and result.unchanged == ("index.md",)
    assert (tmp_path / "index.md").stat().st_mtime == 1
    assert (tmp_path / MANIFEST).stat().st_mtime == 1


def test_stale_generated_files_are_removed_and_others_kept(tmp_path):
    write_tree(tmp_path, {"index.md": "a", "articles/old.md": "x"})
    (tmp_path / "mine.md").write_text("user file")
    result = write_tree(tmp_path, {"index.md": "a"})
    assert result.removed == ("articles/old.md",)
    assert not (tmp_path / "articles").exists()
    assert (tmp_path / "mine.md").read_text() == "user file"


def test_text_is_written_as_utf8_bytes_without_newline_translation(tmp_path):
    write_tree(tmp_path, {"t.ics": "BEGIN:VCALENDAR\r\nX:é\r\n"})
    assert (tmp_path / "t.ics").read_bytes() == "BEGIN:VCALENDAR\r\nX:é\r\n".encode()


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", MANIFEST, "a/../../b.md"])
def test_refuses_paths_outside_the_output_folder(tmp_path, bad):
    with pytest.raises(ValueError):
        write_tree(tmp_path / "out", {bad: "x"})


def test_build_docs_renders_pages_and_exports(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    calls = install_fake_pipeline(monkeypatch, seed_site())
    result = build_docs(tmp_path / "content", tmp_path / "docs" / "timeline")
    assert calls == [tmp_path / "content"]
    assert {"index.md", "timeline.json", "timeline.ics", "timelinejs.json", "timeline.csv"} <= set(result.files.written)
    again = build_docs(tmp_path / "content", tmp_path / "docs" / "timeline")
    assert again.files.written == () and again.files.removed == ()


def test_build_docs_never_writes_into_content(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    install_fake_pipeline(monkeypatch, seed_site())
    for out in (tmp_path / "content", tmp_path / "content" / "timeline", tmp_path):
        with pytest.raises(ValueError, match="overlap"):
            build_docs(tmp_path / "content", out)
    assert list((tmp_path / "content").iterdir()) == []


def test_build_docs_names_a_missing_content_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope"):
        build_docs(tmp_path / "nope", tmp_path / "docs" / "timeline")
