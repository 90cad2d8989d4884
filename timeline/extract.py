"""``timeline extract``: the expressions and events of single files, as data.

The JSON is the contract other tools build on (DESIGN.md, "Contracts"):

    {"articles": [{"path", "title", "dct",
                   "timexes": [{"start", "end", "text", "type", "value", "mod"}],
                   "events": [{"start", "end", "text",
                               "when": {"value", "start", "end", "precision"},
                               "anchor", "timex", "planned", "entities"}]}]}

``start``/``end`` are Python ``str`` offsets into the article body exactly as
read after the front matter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from timeline.articles import read_article
from timeline.events import UNDATED_SKIP, extract_events
from timeline.labels import human_date
from timeline.model import Article, Document, Warning
from timeline.timex import NEWS, annotate


def load(path: str | os.PathLike, dct: dt.date | None = None) -> tuple[Article | None, tuple[Warning, ...]]:
    """One file as an article. ``dct`` supplies (or overrides) the publication
    date, so that a plain text without front matter (one sentence a line,
    say) can be read too; its first line is then its title."""
    path = Path(path)
    article, warnings = read_article(path, path.parent, drafts=True)
    shown = str(path)
    if article is not None:
        article = dataclasses.replace(article, path=shown, dct=dct or article.dct)
        return article, warnings
    if dct is None or not path.is_file():  # not a regular file (a FIFO): never read it
        return None, warnings
    try:
        body = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as e:
        return None, (Warning(shown, f"could not be read: {e}"),)
    title = next((line.strip() for line in body.splitlines() if line.strip()), path.stem)
    return Article(path=shown, title=title, dct=dct, body=body, format="text"), ()


def document(article: Article, mode: str = NEWS, undated: str = UNDATED_SKIP) -> Document:
    timexes = tuple(annotate(article.body, article.dct, mode, article.language or "en"))
    return Document(article, timexes, extract_events(article, timexes, undated))


def to_json(documents: Sequence[Document]) -> dict:
    return {"articles": [{
        "path": d.article.path,
        "title": d.article.title,
        "dct": d.article.dct.isoformat(),
        "timexes": [t.to_json() for t in d.timexes],
        "events": [e.to_json() for e in d.events],
    } for d in documents]}


def to_markdown(documents: Sequence[Document]) -> str:
    """A readable listing: each article's events with their dates and anchors."""
    out: list[str] = []
    for d in documents:
        a = d.article
        out.append(f"# {a.title}\n\n`{a.path}`, published {a.dct.isoformat()}\n")
        if not d.events:
            out.append("No dated events.\n")
        for e in d.events:
            flags = [e.anchor] + (["planned"] if e.planned else [])
            text = " ".join(e.text.split())
            out.append(f"- **{human_date(e.when) if e.when.value else 'undated'}** ({', '.join(flags)}): "
                       f"{text}  \n  _{e.derivation}_")
        out.append("")
    return "\n".join(out)
