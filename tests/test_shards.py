"""Extraction on a Dask cluster (timeline/shards.py): a LocalCluster extracts real
articles into shards, and the site built from them is the local build's, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import pipeline, shards
from timeline.cli import main

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'timeline[dask]'; the test extra has it)")
ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "timeml"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    if not ROOT.is_dir():
        pytest.skip(f"no benchmark folder at {ROOT} (a bare clone): the test needs real news text")
    from test_merge_incremental import republished
    from timeline import timeml

    folder = tmp_path_factory.mktemp("dask") / "content"
    folder.mkdir()
    docs = [timeml.read_timeml(p) for p in sorted((ROOT / "timebank").glob("*.tml"))[:20]]
    for copy in (0, 2):
        for d in docs:
            a = republished(d, copy)
            (folder / Path(a.path).name).write_text(
                f'---\ntitle: "{a.title.replace(chr(34), "")}"\ndate: {a.dct.isoformat()}\n---\n{a.body}',
                encoding="utf-8")
    return folder


def test_dask_extraction_gives_the_local_builds_events_and_site(content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["extract", "--content", str(content), "--out", "events", "--workers", "1"])
    assert out.exit_code == 0, out.output
    assert "40 articles in 1 shard(s)" in out.output
    records = [json.loads(line) for p in sorted(Path("events").glob("part-*.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines()]
    from timeline.articles import load_content

    articles, _ = load_content(content)
    local = {pipeline.article_key(a): json.dumps(pipeline.encode(pipeline.extract(a)), sort_keys=True)
             for a in articles}
    assert {r["key"]: json.dumps(r["document"], sort_keys=True) for r in records} == local  # the same events
    # the site built from the shards is the local build's, and extracts nothing itself
    assert runner.invoke(main, ["build", "--content", str(content), "--docs", "local", "--jobs", "1"]).exit_code == 0
    shutil.rmtree(tmp_path / ".timeline-cache")  # nothing known but the shards
    monkeypatch.setattr(pipeline, "extract", lambda article: pytest.fail(f"extracted {article.path} again"))
    monkeypatch.setattr(pipeline, "_cached", lambda article, cache_dir: None)
    shard_build = runner.invoke(main, ["build", "--content", str(content), "--docs", "dask", "--events", "events"])
    assert shard_build.exit_code == 0, shard_build.output
    local_files = {p.relative_to(tmp_path / "local"): p.read_bytes() for p in (tmp_path / "local").rglob("*")
                   if p.is_file()}
    dask_files = {p.relative_to(tmp_path / "dask"): p.read_bytes() for p in (tmp_path / "dask").rglob("*")
                  if p.is_file()}
    assert dask_files == local_files


def test_a_broken_shard_is_named(tmp_path):
    (tmp_path / "part-00000.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="part-00000.jsonl"):
        shards.read_shards(tmp_path)


def test_parquet_shards_read_back_as_written(tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet shards need pyarrow (pip install 'timeline[parquet]')")
    records = [{"path": "content/a.md", "key": "k1", "document": {"timexes": [], "events": []}}]
    shards.write_shard(tmp_path / "part-00000.parquet", records, "parquet")
    assert shards.read_shards(tmp_path) == {"k1": {"timexes": [], "events": []}}
