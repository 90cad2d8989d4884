"""Extraction beyond one machine: ``timeline extract --scheduler ADDRESS``.

The client loads ``content/`` (as a build does), sends the articles in
batches to a Dask cluster (a ``LocalCluster`` on this machine unless an
address is given), each worker runs :func:`timeline.pipeline.extract`, the
very code of a local build, and the client writes each batch's documents as
one shard: JSON Lines (``part-00000.jsonl``, one article a line) or Parquet
(``part-00000.parquet``, needs pyarrow). ``timeline build --events DIR``
then renders from the shards: an article whose shard record has its key
(:func:`timeline.pipeline.article_key`: the code, path, text, date and
language) is not extracted again; one that changed since is.

Dask is an optional extra (``pip install timeline[dask]``): nothing here
imports it until :func:`extract_distributed` runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.model import Article

FORMATS = ("jsonl", "parquet")
#: Articles per task (and per shard) unless told.
BATCH = 64


@dataclass(frozen=True)
class Extracted:
    articles: int
    shards: tuple[Path, ...]
    warnings: tuple


def extract_batch(articles: Sequence[Article]) -> list[dict]:
    """A worker's task: each article's record (path, key, encoded document)."""
    from timeline import pipeline

    return [{"path": a.path, "key": pipeline.article_key(a), "document": pipeline.encode(pipeline.extract(a))}
            for a in articles]


def extract_distributed(content_dir: str | os.PathLike, out_dir: str | os.PathLike, *, scheduler: str | None = None,
                        fmt: str = "jsonl", batch: int = BATCH, follow_links: bool = False,
                        workers: int | None = None, progress: Callable[[int, int, str], None] | None = None
                        ) -> Extracted:
    """Extract every article of ``content_dir`` on a Dask cluster and write
    the shards into ``out_dir`` (its old shards replaced)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown shard format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        _pyarrow()
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise RuntimeError("Dask is not installed: pip install 'timeline[dask]'") from e
    from timeline.articles import load_content

    articles, warnings = load_content(content_dir, follow_links=follow_links)
    batches = [articles[k:k + batch] for k in range(0, len(articles), batch)]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("part-*.jsonl")) + list(out.glob("part-*.parquet")):
        old.unlink()
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
    shards: list[Path] = []
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            futures = {client.submit(extract_batch, b, pure=False): n for n, b in enumerate(batches)}
            done = 0
            for future in as_completed(futures):
                n = futures[future]
                shards.append(write_shard(out / f"part-{n:05d}.{fmt}", future.result(), fmt))
                done += len(batches[n])
                if progress is not None:
                    progress(done, len(articles), batches[n][-1].path)
    finally:
        if cluster is not None:
            cluster.close()
    return Extracted(len(articles), tuple(sorted(shards)), tuple(warnings))


def write_shard(path: Path, records: list[dict], fmt: str) -> Path:
    """One shard, written under a temporary name and renamed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if fmt == "jsonl":
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                               for r in records), encoding="utf-8")
    else:
        pa, pq = _pyarrow()
        table = pa.table({"path": [r["path"] for r in records], "key": [r["key"] for r in records],
                          "document": [json.dumps(r["document"], sort_keys=True, separators=(",", ":"))
                                       for r in records]})
        pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_shards(folder: str | os.PathLike) -> dict[str, dict]:
    """``{article key: encoded document}`` of every shard in ``folder``
    (``ValueError`` naming a shard that cannot be read)."""
    out: dict[str, dict] = {}
    for path in sorted(Path(folder).glob("part-*")):
        try:
            for record in _records(path):
                out[str(record["key"])] = record["document"]
        except (ValueError, KeyError, TypeError, OSError) as e:
            raise ValueError(f"{path}: not a shard of `timeline extract` ({e})") from None
    return out


def _records(path: Path) -> Iterator[dict]:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    elif path.suffix == ".parquet":
        _, pq = _pyarrow()
        table = pq.read_table(path).to_pydict()
        for key, document in zip(table["key"], table["document"]):
            yield {"key": key, "document": json.loads(document)}


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise RuntimeError("Parquet shards need pyarrow: pip install 'timeline[parquet]'") from e
    return pa, pq
