"""A build that starts from the last one's state writes the same files as a
build from scratch, on real news text (the TimeBank and AQUAINT documents of
../shared/benchmarks, republished under shifted dates), as articles are
added (a newer one moves every calendar event's DTSTAMP), edited and removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_fixtures import republished, timeml_documents
from timeline import exports
from timeline.publish import build_docs


def write(content: Path, doc, copy: int) -> Path:
    a = republished(doc, copy)
    path = content / Path(a.path).name
    path.write_text(f'---\ntitle: "{doc.name} {copy}"\ndate: {a.dct.isoformat()}\n---\n{a.body}', encoding="utf-8")
    return path


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("run", [exports._Pieces.RUN, 100])  # (pieces copied in long runs, or short)
def test_a_build_from_the_last_ones_state_writes_what_a_build_from_scratch_writes(tmp_path, monkeypatch, run):
    docs = timeml_documents(10)
    monkeypatch.setattr(exports._Pieces, "RUN", run)
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    content.mkdir()
    for d in docs[:-2]:
        write(content, d, 0)
    made = []
    original = exports._Pieces.get

    def counted(self, key, make):
        def making(*args):
            made.append(self.kind)
            return make(*args)
        return original(self, key, making)

    monkeypatch.setattr(exports._Pieces, "get", counted)
    steps = [
        lambda: None,                                   # the first build
        lambda: None,                                   # nothing changed
        lambda: write(content, docs[-2], 5),            # added, newer than all: a new DTSTAMP
        lambda: write(content, docs[-1], 0),            # added, older
        lambda: (content / f"{docs[0].name}-0.md").write_text(
            (content / f"{docs[0].name}-0.md").read_text(encoding="utf-8").replace("said", "says"),
            encoding="utf-8"),                          # edited
        lambda: (content / f"{docs[1].name}-0.md").unlink(),  # removed
    ]
    for n, step in enumerate(steps):
        step()
        made.clear()
        build_docs(content, out, cache_dir=cache, state={}, jobs=1)  # a new process: the state from the cache
        again = made.copy()
        fresh = tmp_path / f"fresh-{n}"
        build_docs(content, fresh, jobs=1)
        assert files(out) == files(fresh), f"step {n}"
        if n == 1:
            assert again == []  # nothing changed: every piece of every export copied
        elif n:  # only what the change touched is made again (nothing, for a removal)
            assert (n != 5) <= len(again) < (len(made) - len(again)) / 4
    assert {"timeline.ics", "timeline.json"} <= set(made)  # (the fresh builds make every kind)


def test_pages_rendered_by_forked_processes_are_the_pages_of_one(tmp_path, monkeypatch):
    # A cold build renders its pages in several processes where it can fork:
    # the same files, the same keys, the same account of what was written;
    # a child that fails has its share rendered by the parent.
    import os
    import sys

    from timeline import publish, render

    docs = timeml_documents(8)
    content = tmp_path / "content"
    content.mkdir()
    for d in docs:
        write(content, d, 0)
    monkeypatch.setattr(render, "PARALLEL_PAGES", 4)
    one = build_docs(content, tmp_path / "one", cache_dir=tmp_path / "c1", state={}, jobs=1)
    forked = []
    original = render._render_jobs

    def counting(jobs, make, emit, noted, workers):
        forked.append(workers)
        return original(jobs, make, emit, noted, workers)

    monkeypatch.setattr(render, "_render_jobs", counting)
    many = build_docs(content, tmp_path / "many", cache_dir=tmp_path / "c2", state={}, jobs=3)
    assert forked == [3]
    assert files(tmp_path / "one") == files(tmp_path / "many")
    assert one.keys == many.keys and one.files.written == many.files.written
    again = build_docs(content, tmp_path / "many", cache_dir=tmp_path / "c2", state={}, jobs=3)
    assert not again.files.written and again.files.unchanged == many.files.written
    if sys.platform == "linux":
        parent = os.getpid()
        put = publish.TreeWriter.put
        puts = []

        def failing(self, rel, text):
            if os.getpid() != parent:
                puts.append(rel)  # (the child's own count)
                if len(puts) == 3:
                    raise OSError("a child that fails after writing two pages")
            return put(self, rel, text)

        monkeypatch.setattr(publish.TreeWriter, "put", failing)
        failed = build_docs(content, tmp_path / "failed", cache_dir=tmp_path / "c3", state={}, jobs=2)
        assert files(tmp_path / "failed") == files(tmp_path / "one")
        assert failed.files.written == one.files.written
        monkeypatch.setattr(publish.TreeWriter, "put", put)

        def no_fork():
            raise OSError("no process to be had")

        monkeypatch.setattr(os, "fork", no_fork)  # (a fork that fails: every share here)
        alone = build_docs(content, tmp_path / "alone", cache_dir=tmp_path / "c4", state={}, jobs=3)
        assert files(tmp_path / "alone") == files(tmp_path / "one")
        assert alone.files.written == one.files.written


@pytest.mark.parametrize("fail", [False, True])
def test_exports_written_by_a_forked_child_are_the_exports_of_one(tmp_path, monkeypatch, fail):
    # A big site, where the build may fork: its exports are written by a
    # child while the pages are rendered; the same files as one process,
    # build after build (the places of their pieces come back for the next
    # build to copy from). A child that fails leaves them to the build.
    import os

    from timeline import publish
    from timeline.forking import fork_is_safe

    if not fork_is_safe():
        pytest.skip("the exports are written by a forked child on Linux only")
    docs = timeml_documents(8)
    monkeypatch.setattr(publish._Exports, "PARALLEL_ENTRIES", 1)
    parent, real_chunks, real_join = os.getpid(), exports.export_chunks, publish._Exports.join
    joined = []

    def chunks(site, memo=None):
        for n, (name, data) in enumerate(real_chunks(site, memo)):
            if fail and n == 2 and os.getpid() != parent:
                raise RuntimeError("the child fails after two files")
            yield name, data

    def join(self, writer, site, memo):
        joined.append(real_join(self, writer, site, memo))
        return joined[-1]

    monkeypatch.setattr(exports, "export_chunks", chunks)
    monkeypatch.setattr(publish._Exports, "join", join)
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    content.mkdir()
    for d in docs[:-2]:
        write(content, d, 0)
    steps = [lambda: None, lambda: None, lambda: write(content, docs[-2], 5),
             lambda: (content / f"{docs[0].name}-0.md").write_text(
                 (content / f"{docs[0].name}-0.md").read_text(encoding="utf-8").replace("said", "says"),
                 encoding="utf-8")]
    for n, step in enumerate(steps):
        step()
        joined.clear()
        result = build_docs(content, out, cache_dir=cache, state={}, jobs=2)
        assert (joined[0] is None) == fail, f"step {n}"
        # (after a failed child, the exports count as written: it may have replaced them)
        assert not fail or {"timeline.json", "timeline.ics"} <= set(result.files.written)
        assert fail or joined[0] == ["timeline.json", "timelinejs.json", "timeline.ics", "timeline.csv"]
        fresh = tmp_path / f"fresh-{n}"
        build_docs(content, fresh, jobs=1)
        assert files(out) == files(fresh), f"step {n}"


def test_a_build_that_fails_while_its_exports_are_written_elsewhere_leaves_no_child(tmp_path, monkeypatch):
    import os

    from timeline import publish, render
    from timeline.forking import fork_is_safe

    if not fork_is_safe():
        pytest.skip("the exports are written by a forked child on Linux only")
    monkeypatch.setattr(publish._Exports, "PARALLEL_ENTRIES", 1)
    started = []
    real_start = publish._Exports.start.__func__

    def start(cls, *args):
        started.append(real_start(cls, *args))
        return started[-1]

    def broken(*args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(publish._Exports, "start", classmethod(start))
    monkeypatch.setattr(render, "render", broken)
    content = tmp_path / "content"
    content.mkdir()
    for d in timeml_documents(3):
        write(content, d, 0)
    with pytest.raises(RuntimeError, match="rendering failed"):
        build_docs(content, tmp_path / "out", jobs=2)
    assert started and started[0] is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0].child.pid, os.WNOHANG)  # reaped: no child left behind
    assert not (tmp_path / "out").exists()
