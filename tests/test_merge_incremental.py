"""Incremental merging equals a full merge, on real news text: the TimeBank and
AQUAINT documents of ../shared/benchmarks, republished under shifted dates."""

from __future__ import annotations

import dataclasses

import pytest

from site_fixtures import republished, timeml_documents
from timeline import pipeline
from timeline.merge import Merger, build_timeline


@pytest.fixture(scope="module")
def documents():
    # copies of one text merge (as conflicts), different texts merge on shared happenings
    articles = [republished(d, c) for c in (0, 1, 3) for d in timeml_documents(24)]
    return sorted((pipeline.read(a) for a in articles), key=lambda d: d.article.path)


def signature(timeline):
    return [(e.id, e.when, e.text, tuple((s.article.path, s.event.start, s.event.end) for s in e.sources),
             e.conflicts, e.entities) for e in timeline.entries]


def test_incremental_merge_equals_a_full_merge_as_articles_come_and_go(documents):
    merger = Merger()
    steps = [
        documents[::2],                                         # half the archive
        documents[::2] + documents[1::4],                       # articles added between the others
        sorted(documents[::2] + documents[1::4] + [documents[-1]], key=lambda d: d.article.path),
        [d for i, d in enumerate(documents) if i % 7],          # some removed, the rest back
        [dataclasses.replace(d, events=d.events[:-1]) if i % 11 == 0 else d  # some edited
         for i, d in enumerate(documents) if i % 7],
        documents,
    ]
    decided = []
    for docs in steps:
        docs = sorted(docs, key=lambda d: d.article.path)
        incremental = merger.update(docs)
        decided.append(merger.decided)
        assert signature(incremental) == signature(build_timeline("", "Timeline", docs))
    events = sum(len(d.events) for d in documents)
    assert decided[2] < events // 4  # one article added: only what it touches is decided again
    assert any(len(e.sources) > 1 for e in incremental.entries)


def test_adding_one_article_decides_few_events_again(documents):
    merger = Merger()
    merger.update(documents[:-1])
    merger.update(documents)
    assert merger.decided < sum(len(d.events) for d in documents) // 4


def test_parallel_extraction_gives_the_same_documents_as_one_process(documents, tmp_path):
    from timeline.pipeline import PARALLEL_MIN, read_all

    articles = [d.article for d in documents][:PARALLEL_MIN + 8]
    one = read_all(articles, jobs=1)
    two = read_all(articles, tmp_path / "cache", jobs=2)
    assert two == one
    # the workers' documents are read with this process's articles: no second copy of each text
    assert all(d.article is a for d, a in zip(two[0], articles))
    assert len(list((tmp_path / "cache").glob("*.json"))) == len(articles)  # the workers filled the cache
    assert read_all(articles, tmp_path / "cache", jobs=2) == one  # and it is read back the same


def test_the_state_writes_the_workers_records_of_their_documents_and_reads_them_back(documents, tmp_path,
                                                                                      monkeypatch):
    """The extraction workers hand back each document as the saved state's
    record of it; the state is written with those records (not encoded
    again) and read back as the same documents."""
    from timeline import pipeline

    articles = [d.article for d in documents][:pipeline.PARALLEL_MIN + 8]
    docs, _ = pipeline.read_all(articles, jobs=2)
    assert all(pipeline._RECORDS[id(d)][0] is d for d in docs)
    encoded = []
    monkeypatch.setattr(pipeline, "_encode", lambda doc: encoded.append(doc) or {})
    state = {"documents": dict(zip(articles, docs))}
    pipeline.save_state(tmp_path, state)
    assert encoded == [] and pipeline._RECORDS == {}  # (written from the records; then let go)
    monkeypatch.undo()
    back = pipeline.load_state(tmp_path)
    assert list(back["documents"].values()) == docs == pipeline.read_all(articles, jobs=1)[0]


def test_workers_extract_the_first_articles_while_the_rest_are_read(documents, tmp_path, monkeypatch):
    """A build with several processes starts its workers once enough
    articles are left to extract, before the content folder is read to its
    end; the site is the one a single process builds (and with a drafts
    file and an unreadable one among the articles, the same warnings)."""
    content = tmp_path / "content"
    content.mkdir()
    docs = documents[:pipeline.PARALLEL_MIN + 40]
    for d in docs:
        a = d.article
        (content / f"{a.path.replace('/', '-')}").write_text(
            f'---\ntitle: "{a.path}"\ndate: {a.dct.isoformat()}\n---\n{a.body}', encoding="utf-8")
    (content / "m-draft.md").write_text("---\ntitle: D\ndate: 2020-01-01\ndraft: true\n---\nOn Monday.", encoding="utf-8")
    (content / "m-broken.md").write_text("---\ntitle: [\ndate: 2020-01-01\n---\nOn Monday.", encoding="utf-8")
    started = []
    real = pipeline._Extraction._start

    def start(self):
        started.append(len(self.articles))
        real(self)

    monkeypatch.setattr(pipeline._Extraction, "_start", start)
    two = pipeline.build(content, cache_dir=tmp_path / "c2", jobs=2)
    assert started == [pipeline.PARALLEL_MIN]  # (of the articles read so far, all to extract)
    one = pipeline.build(content, cache_dir=tmp_path / "c1", jobs=1)
    assert [signature(t) for t in two.timelines] == [signature(t) for t in one.timelines]
    assert two.warnings == one.warnings and any("m-broken.md" in w.path for w in one.warnings)
    assert started == [pipeline.PARALLEL_MIN]
    again = pipeline.build(content, cache_dir=tmp_path / "c2", jobs=2)  # from the cache: no workers
    assert started == [pipeline.PARALLEL_MIN]
    assert [signature(t) for t in again.timelines] == [signature(t) for t in one.timelines]


def test_a_script_without_a_main_guard_builds_once(tmp_path, monkeypatch):
    """``pipeline.build`` from a plain script: one process unless asked
    (workers import the script again; without an ``if __name__ ==
    "__main__"`` guard it would build again in each). The command line and
    the MkDocs plugin ask for every core (``default_jobs``)."""
    import subprocess
    import sys

    from timeline.pipeline import PARALLEL_MIN
    from timeline.publish import default_jobs

    content = tmp_path / "content"
    content.mkdir()
    for n in range(PARALLEL_MIN + 2):
        (content / f"a{n:03}.md").write_text(
            f"---\ntitle: Vote {n}\ndate: 2020-03-{1 + n % 28:02}\n---\nThe council voted on Thursday.\n",
            encoding="utf-8")
    script = tmp_path / "build_it.py"
    script.write_text("print('script body runs')\nfrom timeline import pipeline\n"
                      f"site = pipeline.build({str(content)!r})\nprint(len(site.entries) > 0)\n", encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k != "TIMELINE_JOBS"}
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["script", "body", "runs", "True"]
    monkeypatch.setenv("TIMELINE_JOBS", "3")
    assert default_jobs() == 3
    monkeypatch.delenv("TIMELINE_JOBS")
    assert default_jobs() >= 1


def test_an_article_edited_again_and_again_leaves_no_growing_columns(documents, monkeypatch):
    # Each edit gives the article's events new numbers; the places of the
    # old ones are given up once they outnumber the events (numbered again),
    # and the timeline stays what a full merge makes.
    import pickle

    monkeypatch.setattr(Merger, "SLACK", 16)
    docs = documents[:20]
    events = sum(len(d.events) for d in docs)
    merger = Merger()
    for n in range(40):
        k = n % len(docs)
        edited = dataclasses.replace(docs[k], events=docs[k].events[:len(docs[k].events) - n % 2])
        docs = [*docs[:k], edited, *docs[k + 1:]]
        timeline = merger.update(docs)
        assert len(merger._doc) <= 2 * events + 16 + max(len(d.events) for d in docs)
        if n % 10 == 9:
            merger, docs = pickle.loads(pickle.dumps((merger, docs)))  # (a saved state, read back)
    assert signature(timeline) == signature(build_timeline("", "Timeline", docs))
    assert signature(merger.update(docs[:-3])) == signature(build_timeline("", "Timeline", docs[:-3]))
