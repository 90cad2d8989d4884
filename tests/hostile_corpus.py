"""A corpus of hostile inputs, written into a temporary folder by the tests
(never committed): every class of input that once stopped, hung or
corrupted a build (issue 8), beside good articles that must still reach
the timeline.

``make(project)`` writes ``project/content`` (and a ``secret/`` folder
beside it that links point to) and returns a :class:`Corpus`: the paths
(as the build shows them) of the good articles, of the bad files that
must each be named in a warning, and of the files that must be skipped
silently.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: Text only the secret file outside content/ holds: it must never be published.
SECRET = "Zanzibar-cormorant-7741"
#: The words of a long article (linear-time processing is benchmarked in
#: scripts/bench_huge.py; here it only has to build).
PARAGRAPH = ("On Monday the committee met again. In mid-December it was reported that the agency had "
             "warned the ministry, and two days later the minister resigned.   " + " " * 200 + "\n\n")


@dataclass
class Corpus:
    good: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    fifo: bool = False
    links: bool = False


def _article(n: int, *, title: str | None = None, extra: str = "", body: str | None = None,
             date: str = "2021-04-15") -> str:
    """A good article: one dated happening of its own (words no other has)."""
    head = f"---\ndate: {date}\n" + (f"title: {title}\n" if title is not None else "") + extra + "---\n"
    return head + (body if body is not None else
                   f"On Thursday, the ministry number {n} announced {n + 3} sanctions on the "
                   f"company {_words(n)}.\n")


def _words(n: int) -> str:
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi"]
    return "".join(syllables[(n >> (3 * k)) % 8] for k in range(4)).capitalize()


def make(project: Path) -> Corpus:
    content = project / "content"
    content.mkdir(parents=True)
    corpus = Corpus()
    shown = content.name
    n = 0

    def good(rel: str, text: str | bytes) -> None:
        write(rel, text)
        corpus.good.append(f"{shown}/{rel}")

    def bad(rel: str, text: str | bytes | None, shown_as: str | None = None) -> None:
        if text is not None:
            write(rel, text)
        corpus.bad.append(shown_as or f"{shown}/{rel}")

    def silent(rel: str, text: str | bytes) -> None:
        write(rel, text)
        corpus.silent.append(f"{shown}/{rel}")

    def write(rel: str, text: str | bytes) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)

    def next_n() -> int:
        nonlocal n
        n += 1
        return n

    # Languages: unknown and regional values are read with the English tables.
    for lang in ("fr", "de", "en-GB", "en_US", "zh-Hant-TW", "not a language!", "[en]"):
        good(f"lang-{lang.replace(' ', '-').replace('!', '').strip('[]')}.md",
             _article(next_n(), extra=f"language: {lang}\n"))
    # Names longer than a page name may be (255 bytes), nested deep.
    long_dir = "t" * 200
    good(f"{long_dir}/{'a' * 240}.md", _article(next_n()))
    good("/".join(["d" * 100] * 6) + "/deep.md", _article(next_n()))
    # Topics whose names reduce to one slug, and non-Latin ones.
    for topic in ("a-b", "a_b", "A-B", "日本", "中国", "-", "Ünïcödé", "🔥", "con"):
        good(f"{topic}/x.md", _article(next_n()))
    # Control characters and terminal escapes in names and text.
    good("evil\x1b[2J\x1b]0;pwned\x07.md",
         _article(next_n(), title='"Title \\e[31mred\\a\\x9b"', extra='source: "\\x1b[5mOutlet"\n'))
    good("ctl-body.md", "---\ndate: 2021-04-15\n---\nOn Thursday\x1b[31m the council\x0c voted\x85 "
                        "on the new harbour plan\x1b[0m.\n")
    if sys.platform.startswith("linux"):
        good(os.fsdecode(b"caf\xe9-\xff.md"), _article(next_n()))
    # Encodings and line endings.
    good("crlf.md", _article(next_n()).replace("\n", "\r\n"))
    good("bom.md", b"\xef\xbb\xbf" + _article(next_n()).encode("utf-8"))
    good("utf16.md", _article(next_n()).encode("utf-16"))
    # A few YAML aliases are fine; a heading with long runs of spaces.
    good("aliases.md", _article(next_n(), extra="tags: &t [a, b]\nalso: *t\n"))
    good("heading.md", _article(next_n(), title=None, body="# A" + " " * 20_000 + "b\n\n"
                                + _article(next_n()).split("---\n", 2)[2]))
    # Year precision (not a 365-day calendar event), templates syntax as text.
    good("year.md", _article(next_n(), body="In 2019, the harbour company Lovakimi opened a new quay.\n"))
    good("jinja.md", _article(next_n(), title="'{{ 7 * 7 }} {% raw %}'"))
    good("draft-false.md", _article(next_n(), extra="draft: false\n"))
    # A long article (under the size limit).
    good("long.md", _article(next_n(), body=PARAGRAPH * 300))
    # An HTML page with its date in its metadata.
    good("page.html", "<html><head><title>Harbour page</title>"
                      '<meta property="article:published_time" content="2021-04-15"></head><body>'
                      "<article><p>On Thursday, the harbour authority of Pelorimi approved the new "
                      "quay after a long debate in the council.</p></article></body></html>")

    # Bad files: each one warning naming it.
    bad("no-date.md", "---\ntitle: x\n---\nOn Thursday it rained.\n")
    bad("broken-yaml.md", "---\ntitle: [unclosed\ndate: 2021-04-15\n---\nText.\n")
    bad("bad-date.md", "---\ndate: 2021-02-30\n---\nText on Thursday.\n")
    bad("binary.md", b"\x00\x01\x02\x89PNG\x00")
    bad("not-utf8.md", b"---\ndate: 2021-04-15\n---\ncaf\xe9 on Thursday\n")
    bad("empty.md", b"")
    bad("letter.docx", b"PK\x03\x04")
    bad("no-suffix", "text")
    bomb = ["---", "date: 2021-04-15", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bad("alias-bomb.md", "\n".join([*bomb, "title: *i", "---", "Text on Thursday.", ""]))
    bad("nested.md", "---\ndate: 2021-04-15\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n")
    with open(content / "huge.md", "wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse
    corpus.bad.append(f"{shown}/huge.md")
    if hasattr(os, "mkfifo"):
        os.mkfifo(content / "pipe.md")
        corpus.bad.append(f"{shown}/pipe.md")
        corpus.fifo = True

    # Links: inside content/ read; leaving it (or to folders, or broken) refused.
    secret = project / "secret"
    secret.mkdir()
    (secret / "passwd.md").write_text(_article(0, body=f"On Thursday the {SECRET} leaked.\n"), encoding="utf-8")
    try:
        (content / "inside-link.md").symlink_to(content / "crlf.md")
        (content / "outside-link.md").symlink_to(secret / "passwd.md")
        (content / "outside-folder").symlink_to(secret, target_is_directory=True)
        (content / "broken-link.md").symlink_to(content / "nowhere.md")
    except (OSError, NotImplementedError):
        pass
    else:
        corpus.links = True
        corpus.good.append(f"{shown}/inside-link.md")
        corpus.bad += [f"{shown}/outside-link.md", f"{shown}/outside-folder", f"{shown}/broken-link.md"]

    # Kept off silently.
    silent("draft.md", _article(next_n(), extra="draft: true\n"))
    silent("_drafts/wip.md", _article(next_n()))
    silent(".hidden.md", _article(next_n()))
    silent("world/photo.jpg", b"\xff\xd8\xff\xe0")
    silent("world/chart.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    silent("README.md", "# About these articles\n")
    return corpus


def snapshot(folder: Path) -> dict[str, object]:
    """Everything under ``folder`` as it is on disk (links as links, FIFOs
    as FIFOs, files by their bytes and mtimes)."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_fifo():
            out[rel] = ("fifo", st.st_mtime_ns)
        elif path.is_file():
            out[rel] = ("file", path.read_bytes(), st.st_mtime_ns)
        else:
            out[rel] = ("dir",)
    return out
