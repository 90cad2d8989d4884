"""The example site end to end: `mkdocs build --strict`, reproducible output, `mkdocs gh-deploy`
to a local bare repository standing in for GitHub, and `mkdocs serve --livereload` picking up
a new article. Tests marked `real` run the real pipeline and skip until timeline.pipeline lands;
the gh-deploy mechanics are also tested now with the fake pipeline."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_fixtures import install_fake_pipeline, seed_site

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def real_pipeline():
    pytest.importorskip("timeline.pipeline", reason="the pipeline (timeline/pipeline.py) has not landed yet")


def example_project(tmp: Path, content: bool = True) -> Path:
    """A copy of what a fresh clone has for the site: mkdocs.yml, docs/, templates/, content/."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copy(ROOT / ".gitignore", tmp / ".gitignore")
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns("timeline"))
    shutil.copytree(ROOT / "templates", tmp / "templates")
    if content:
        shutil.copytree(ROOT / "content", tmp / "content")
    else:
        (tmp / "content").mkdir()
    return tmp


def run(args: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def git(*args: str, cwd: Path) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    result = run([GIT, *args], cwd, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.sources: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "tl-source" in (a.get("class") or ""):
            self.sources.append(a["href"])


# -- with the real pipeline -----------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example site built twice with SOURCE_DATE_EPOCH (fresh, then from the cache)."""
    real_pipeline()
    project = example_project(tmp_path_factory.mktemp("example"))
    first = run([str(BIN / "mkdocs"), "build", "--strict"], project, SOURCE_DATE_EPOCH="1618444800")
    assert first.returncode == 0, first.stderr
    shutil.move(project / "site", project / "site-1")
    shutil.rmtree(project / ".timeline-cache" / "pages")  # pages rendered anew, articles from the cache
    second = run([str(BIN / "mkdocs"), "build", "--strict"], project, SOURCE_DATE_EPOCH="1618444800")
    assert second.returncode == 0, second.stderr
    return project, first.stderr + second.stderr


def test_example_site_builds_strict_without_warnings(built):
    _, log = built
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)  # (Material's end-of-life banner is not a log record)
    assert not re.findall(r"^(?:WARNING|ERROR)\b.*", plain, re.M), plain


def test_same_content_gives_byte_identical_output(built):
    project, _ = built
    a = {p.relative_to(project / "site-1"): p.read_bytes() for p in (project / "site-1").rglob("*") if p.is_file()}
    b = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert a.keys() == b.keys()
    assert [str(k) for k in a if a[k] != b[k]] == []


def test_built_timeline_has_the_seed_events_in_the_designs_order(built):
    project, _ = built
    html = (project / "site" / "timeline" / "index.html").read_text()
    entries = re.findall(r'<li class="tl-entry[^"]*" id="[^"]*".*?</li>\n(?=<li class="tl-entry|</ol>)', html, re.S)
    text = "\n".join(entries)
    order = ["hackers", "Homeland Security", "likely behind", "Embassy", "in person"]
    positions = [text.find(s) for s in order]
    assert -1 not in positions and positions == sorted(positions), positions
    assert re.search(r'datetime="2020-12"[^>]*>mid-December 2020<', html)
    assert "summer 2021 (planned)" in html


def test_every_event_links_back_to_its_sentence(built):
    project, _ = built
    site = project / "site" / "timeline"
    links = Links((site / "index.html").read_text())
    assert links.sources
    for href in links.sources:
        page, _, anchor = href.partition("#")
        target = site / page / "index.html"
        assert anchor in Links(target.read_text()).ids, href


def test_exports_validate(built):
    import csv
    import io
    import json

    import icalendar

    site = Path(built[0]) / "site" / "timeline"
    cal = icalendar.Calendar.from_ical((site / "timeline.ics").read_text())
    assert len(list(cal.walk("VEVENT"))) >= 7
    tljs = json.loads((site / "timelinejs.json").read_text())
    assert all(isinstance(e["start_date"]["year"], int) and e["text"]["headline"] for e in tljs["events"])
    assert json.loads((site / "timeline.json").read_text())["articles"]
    assert list(csv.DictReader(io.StringIO((site / "timeline.csv").read_text(), newline="")))


def test_timeline_build_cli_on_the_example(tmp_path):
    real_pipeline()
    project = example_project(tmp_path)
    result = run([str(BIN / "timeline"), "build"], project)
    assert result.returncode == 0, result.stderr
    assert (project / "docs" / "timeline" / "index.md").is_file()
    assert "written" in result.stdout


@needs_git
def test_gh_deploy_pushes_the_example_site_to_a_bare_repository(tmp_path):
    real_pipeline()
    remote = tmp_path / "github.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    project = tmp_path / "clone"
    project.mkdir()
    example_project(project)
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "-m", "site", cwd=project)
    git("remote", "add", "pages", remote.as_uri(), cwd=project)
    result = run([str(BIN / "mkdocs"), "gh-deploy", "--force", "--remote-name", "pages"], project,
                 GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                 GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    assert result.returncode == 0, result.stderr
    checkout = tmp_path / "published"
    git("clone", "-q", "-b", "gh-pages", remote.as_uri(), str(checkout), cwd=tmp_path)
    assert (checkout / ".nojekyll").is_file()
    html = (checkout / "timeline" / "index.html").read_text()
    assert "tl-entry" in html and "mid-December 2020" in html
    assert (checkout / "timeline" / "timeline.ics").is_file()


HOSTILE = """---
title: '<script>alert(1)</script> & <img src=x onerror=alert(2)> </title>'
date: 2021-04-15
source: '<b onmouseover=alert(3)>Outlet</b>'
url: 'javascript:alert(4)'
author: '<script>alert(5)</script>'
tags: ['<i>x</i>', 'fine']
---
On Monday <script>alert(6)</script> the council <img src=x onerror=alert(7)> met.

[click](javascript:alert(8)) <a href="javascript:alert(9)">here</a> and <iframe src="https://evil.example"></iframe> on 3 March 2021.
"""


def test_hostile_article_renders_as_text_with_the_real_pipeline(tmp_path):
    real_pipeline()
    project = example_project(tmp_path)
    (project / "content" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    result = run([str(BIN / "mkdocs"), "build"], project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    baseline = Markup((project / "site" / "404.html").read_text())
    for page in pages:
        markup = Markup(page.read_text())
        assert len(markup.scripts) == len(baseline.scripts), page  # the theme's own, nothing else
        assert not [x for x in markup.scripts if "alert(" in x], page
        assert not markup.bad, (page, markup.bad)
    article = (project / "site" / "timeline" / "articles" / "hostile" / "index.html").read_text()
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in article  # shown, as text


class Markup(HTMLParser):
    """Inline scripts, and any tag, handler or URL that could run code."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts: list[str] = []
        self.bad: list = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" not in a:
            self._in_script = True
        if tag in ("img", "iframe", "object", "embed") and "x" in (a.get("src") or "x"):
            self.bad.append((tag, a))
        for k, v in a.items():
            if k.startswith("on") or (k in ("href", "src", "action") and (v or "").strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:"))):
                self.bad.append((tag, k, v))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return ""


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def test_serve_livereload_shows_an_added_article_and_drops_a_removed_one(tmp_path):
    real_pipeline()
    project = example_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=project,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    articles = f"http://127.0.0.1:{port}/timeline/articles/"
    try:
        wait_for(lambda: "Articles" in fetch(articles), 120, "the first build")
        new = project / "content" / "harbour-bridge.md"
        new.write_text("---\ntitle: Harbour bridge reopens after repairs\ndate: 2022-05-02\n---\n"
                       "The harbour bridge reopened on Monday after two months of repairs.\n", encoding="utf-8")
        wait_for(lambda: "Harbour bridge reopens after repairs" in fetch(articles), 90, "the new article")
        new.unlink()
        wait_for(lambda: "Harbour bridge reopens" not in fetch(articles), 90, "the removed article to go")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- gh-deploy mechanics with the fake pipeline (run now) -----------------------------

@needs_git
def test_gh_deploy_in_process_pushes_the_generated_pages(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.config import load_config

    remote = tmp_path / "github.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    project = tmp_path / "clone"
    project.mkdir()
    example_project(project, content=False)
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "-m", "site", cwd=project)
    git("remote", "add", "pages", remote.as_uri(), cwd=project)
    install_fake_pipeline(monkeypatch, seed_site())
    monkeypatch.chdir(project)
    for k, v in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}.items():
        monkeypatch.setenv(k, v)
    config = load_config(str(project / "mkdocs.yml"), strict=True, remote_name="pages")
    build(config)
    gh_deploy(config, force=True)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert {".nojekyll", "index.html", "timeline/index.html", "timeline/timeline.ics",
            "timeline/articles/us-russia-biden-sanctions-russia/index.html"} <= set(files)
    html = git("show", "gh-pages:timeline/index.html", cwd=remote)
    assert 'id="2021-su-summit-proposed"' in html
