"""The ``timeline`` command: a thin click skin over the library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from timeline import __version__

NEWS, NARRATIVE = "news", "narrative"


@click.group()
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Turn news articles into a trustworthy, chronological timeline."""


def _report(failures: list[str]) -> None:
    """Print each failure on stderr and exit 1 if there was any."""
    for message in failures:
        click.echo(f"error: {message}", err=True)
    if failures:
        raise SystemExit(1)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--narrative", is_flag=True, help="Anchor relative expressions to the previous mention, not the DCT.")
def tag(source: Path, out: Path, narrative: bool) -> None:
    """Write TIMEX3 tags into TempEval-3 TimeML files.

    SOURCE is a NAME.tml / NAME.tml.TE3input file or a folder of them; each
    becomes OUT/NAME.tml: the input with TIMEX3 tags inserted into TEXT and
    every other byte unchanged. Tags already inside TEXT (gold files) and gold
    links are removed first, so the output is what a system makes of raw input.

    Example: timeline tag ../shared/benchmarks/timeml/timebank out/timebank
    """
    from timeline import timeml

    try:
        results = list(timeml.tag_files(source, out, NARRATIVE if narrative else NEWS))
    except NotImplementedError as e:
        raise click.ClickException(f"the temporal engine is not available: {e}") from None
    click.echo(f"tagged {sum(r.error is None for r in results)} of {len(results)} files into {out}")
    _report([r.error for r in results if r.error])


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("system", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--narrative", is_flag=True, help="Tag in narrative mode (anchor to the previous mention).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", is_flag=True, help="Also list missed, spurious and mislabelled timexes.")
def eval_(gold: Path, system: Path | None, narrative: bool, fmt: str, errors: bool) -> None:
    """Score TIMEX3 tagging with the TempEval-3 measures.

    GOLD is a gold .tml file or folder; SYSTEM the system's files of the same
    names. Without SYSTEM the temporal engine tags GOLD's text and DCT itself.
    Strict and relaxed (overlap) P/R/F1, type and value accuracy over relaxed
    matches, type/value F1 = accuracy x relaxed F1, micro-averaged over files.

    Example: timeline eval ../shared/benchmarks/timeml/wikiwars --narrative --errors
    """
    from timeline import timeml

    try:
        result = timeml.evaluate(gold, system, NARRATIVE if narrative else NEWS)
    except NotImplementedError as e:
        raise click.ClickException(f"the temporal engine is not available: {e}") from None
    if fmt == "json":
        click.echo(json.dumps(timeml.report_json(result, errors), indent=2, ensure_ascii=False))
    else:
        click.echo(timeml.report_text(result, errors))
    _report(list(result.failures))


@main.command()
@click.option("--content", default="content", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of articles (one timeline per subfolder).")
@click.option("--docs", default="docs", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="The site's docs folder (mkdocs.yml's docs_dir).")
@click.option("--out", default="timeline", show_default=True, help="Subfolder of DOCS for the generated files.")
@click.option("--templates", default="templates", show_default=True, type=click.Path(path_type=Path),
              help="Folder of template overrides, searched before the defaults.")
@click.option("--cache", default=".timeline-cache", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the per-article cache (never inside CONTENT).")
@click.option("--no-directory-urls", is_flag=True, help="Links for use_directory_urls: false.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links to folders and to files outside CONTENT (off: they are reported).")
@click.option("--strict", is_flag=True, help="Exit 1 if any article could not be used.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting new articles (default: every core; 1: this process only).")
@click.option("--events", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Shards of `timeline extract --content` to render from (articles changed since are extracted).")
def build(content: Path, docs: Path, out: str, templates: Path, cache: Path, no_directory_urls: bool,
          follow_links: bool, strict: bool, jobs: int | None, events: Path | None) -> None:
    """Render the timelines into DOCS/OUT as Markdown pages and data files.

    The output is plain Markdown/HTML and JSON/iCalendar/CSV, so any engine
    that reads mkdocs.yml (MkDocs, ProperDocs, Zensical) builds the site.
    Articles that cannot be used are reported and left out; the rest builds.

    Example: timeline build --content content --docs docs && mkdocs build
    """
    from timeline import publish, shards

    try:
        extracted = shards.read_shards(events) if events is not None else None
        with publish.progress_bar() as progress:
            result = publish.build_docs(content, docs / out, template_dirs=[templates], progress=progress, state={},
                                        cache_dir=cache, directory_urls=not no_directory_urls,
                                        follow_links=follow_links, jobs=jobs or publish.default_jobs(),
                                        events=extracted, one_build=True)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e)) from None
    for warning in result.site.warnings:
        click.echo(f"warning: {warning}", err=True)
    f = result.files
    left_out = len({w.path for w in result.site.warnings if w.left_out})
    noted = len({w.path for w in result.site.warnings}) - left_out
    click.echo(f"{result.out_dir}: {len(f.written)} written, {len(f.unchanged)} unchanged, "
               f"{len(f.removed)} removed; {_count(left_out, 'file')} left out, {noted} used with a note")
    if strict and result.site.warnings:
        raise SystemExit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.option("--dct", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for files without front matter, or to override it.")
@click.option("--narrative", is_flag=True, help="Anchor relative expressions to the previous mention, not the DCT.")
@click.option("--undated", type=click.Choice(["skip", "dct", "story"]), default="skip", show_default=True,
              help="Undated sentences: left out, at the publication date, or on the story's day.")
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Extract every article of this folder on a Dask cluster into --out (instead of FILES).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("events"),
              show_default=True, help="Folder for the event shards (with --content).")
@click.option("--scheduler", default=None,
              help="Address of a Dask scheduler (tcp://host:8786); default: a local cluster on every core.")
@click.option("--shards", "shard_format", type=click.Choice(["jsonl", "parquet"]), default="jsonl",
              show_default=True, help="Shard format (Parquet needs pyarrow).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Workers of the local cluster.")
def extract(files: tuple[Path, ...], fmt: str, dct, narrative: bool, undated: str, content: Path | None,
            out_dir: Path, scheduler: str | None, shard_format: str, workers: int | None) -> None:
    """Print the time expressions and events of article files, or extract a
    whole content folder on a Dask cluster.

    JSON offsets are str offsets into each body as read after the front
    matter (see DESIGN.md, "Contracts"); --format md is a readable listing.
    Files that can't be read are reported on stderr; the rest are printed.
    With --content, each worker runs the extraction of a local build and the
    documents are written as shards into --out, which `timeline build
    --events OUT` renders (pip install 'timeline[dask]').

    Example: timeline extract --format json content/biden-russia-sanctions.md

    Example: timeline extract --content content --out events && timeline build --events events
    """
    if content is not None:
        from timeline import publish, shards

        try:
            with publish.progress_bar() as progress:
                done = shards.extract_distributed(content, out_dir, scheduler=scheduler, fmt=shard_format,
                                                  workers=workers, progress=progress)
        except (RuntimeError, ValueError, OSError) as e:
            raise click.ClickException(str(e)) from None
        for warning in done.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"{out_dir}: {done.articles} articles in {len(done.shards)} shard(s)")
        return
    if not files:
        raise click.UsageError("give FILES, or --content FOLDER to extract a folder on a Dask cluster")
    from timeline import extract as ex

    docs, failures = [], []
    for path in files:
        article, warnings = ex.load(path, dct.date() if dct else None)
        if article is None:
            failures.extend(str(w) for w in warnings)
            continue
        docs.append(ex.document(article, NARRATIVE if narrative else NEWS, undated))
    if fmt == "json":
        click.echo(json.dumps(ex.to_json(docs), ensure_ascii=False, indent=2))
    else:
        click.echo(ex.to_markdown(docs))
    _report(failures)
