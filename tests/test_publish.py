"""Writing the generated site: only changed files, stale files removed, nothing else touched
(timeline/publish.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from site_fixtures import install_fake_pipeline, seed_site
from timeline.publish import MANIFEST, build_docs, publish, write_tree


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


# ---------------------------------------------------------------------------
# Atomic publishing and concurrent builds
# ---------------------------------------------------------------------------


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(out) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p != out)


def test_publish_swaps_the_whole_folder_in(tmp_path):
    out = tmp_path / "docs" / "timeline"
    publish(out, lambda d: write_tree(d, {"index.md": "a", "articles/x.md": "x"}))
    (out / "mine.md").write_text("user file")
    before = out.stat().st_ino
    publish(out, lambda d: write_tree(d, {"index.md": "b"}))
    assert tree(out) == {MANIFEST: b"index.md\n", "index.md": b"b", "mine.md": b"user file"}
    assert out.stat().st_ino != before and siblings(out) == []
    (tmp_path / "plain").mkdir()
    assert out.stat().st_mode == (tmp_path / "plain").stat().st_mode  # not mkdtemp's 0700


def test_publish_that_changes_nothing_swaps_nothing(tmp_path):
    out = tmp_path / "out"
    publish(out, lambda d: write_tree(d, {"index.md": "a"}))
    os.utime(out / "index.md", (1, 1))
    before = out.stat().st_ino
    result = publish(out, lambda d: write_tree(d, {"index.md": "a"}))
    assert result.written == () and result.unchanged == ("index.md",)
    assert out.stat().st_ino == before and (out / "index.md").stat().st_mtime == 1 and siblings(out) == []


def test_new_keys_for_the_same_bytes_are_kept(tmp_path):
    # (a new version renders every page again to the same bytes: the next
    # build must know their new keys, or it renders them all once more)
    from timeline.publish import read_manifest

    out = tmp_path / "out"
    publish(out, lambda d: write_tree(d, {"index.md": "a"}, keys={"index.md": "old"}))
    result = publish(out, lambda d: write_tree(d, {"index.md": "a"}, keys={"index.md": "new"}))
    assert result.written == () and result.manifest
    assert read_manifest(out) == {"index.md": "new"}


def test_an_interrupted_build_leaves_the_old_pages_never_a_mix(tmp_path):
    out = tmp_path / "out"
    publish(out, lambda d: write_tree(d, {"a.md": "old a", "b.md": "old b"}))
    old = tree(out)

    def dies_halfway(folder):
        (folder / "a.md").unlink()
        (folder / "a.md").write_text("new a")  # what write_tree would have done so far
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(out, dies_halfway)
    assert tree(out) == old and siblings(out) == []


def test_leftovers_of_a_killed_build_are_removed(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    for kind in ("tmp", "old"):
        (tmp_path / f".out.{kind}-{dead}-0a1b2c3d" / "articles").mkdir(parents=True)
    (tmp_path / ".other.tmp-1-0a1b2c3d").mkdir()  # another output's: not ours to remove
    publish(out, lambda d: write_tree(d, {"index.md": "a"}))
    assert siblings(out) == [".other.tmp-1-0a1b2c3d"]


BUILD = """
import sys
from timeline.publish import publish, write_tree
out, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    files = {f"p{k}.md": f"{k}" * 50 for k in range(40)}
    files["build.md"] = str(i % 2)
    publish(out, lambda d: write_tree(d, files))
"""


def test_concurrent_builds_never_fail_and_the_output_is_whole(tmp_path):
    out = tmp_path / "out"
    procs = [subprocess.Popen([sys.executable, "-c", BUILD, str(out), "15"], stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    files = tree(out)
    assert set(files) == {MANIFEST, "build.md", *(f"p{k}.md" for k in range(40))}
    assert siblings(out) == []


# ---------------------------------------------------------------------------
# The cache folder
# ---------------------------------------------------------------------------


def test_build_docs_refuses_a_cache_inside_content(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    install_fake_pipeline(monkeypatch, seed_site())
    for cache in (tmp_path / "content", tmp_path / "content" / "cache"):
        with pytest.raises(ValueError, match="is inside the content folder"):
            build_docs(tmp_path / "content", tmp_path / "docs" / "timeline", cache_dir=cache)
    assert list((tmp_path / "content").iterdir()) == []


def test_a_file_where_the_output_folder_belongs_is_replaced(tmp_path):
    out = tmp_path / "out"
    out.write_text("not a folder")
    publish(out, lambda d: write_tree(d, {"index.md": "a"}))
    assert (out / "index.md").read_text() == "a" and siblings(out) == []


def test_the_progress_bar_leaves_no_thread_behind():
    # (a thread would keep the build from forking: timeline.forking)
    import threading

    from timeline.publish import progress_bar

    before = set(threading.enumerate())
    with progress_bar(min_seconds=0) as progress:
        for done in range(1, 4):
            progress(done, 3, "content/a.md")
    assert set(threading.enumerate()) <= before
