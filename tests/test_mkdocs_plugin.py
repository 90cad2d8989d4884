"""The MkDocs plugin and `timeline build`: thin faces over publish.build_docs, tested
with a fake pipeline (site_fixtures.install_fake_pipeline) and a copy of the example site."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from site_fixtures import hostile_site, install_fake_pipeline, seed_site
from timeline.cli import main
from timeline.mkdocs_plugin import TimelinePlugin
from timeline.model import Site, Warning

ROOT = Path(__file__).resolve().parents[1]


def example_project(tmp_path: Path) -> Path:
    """A copy of the example site's mkdocs.yml and docs/ with an empty content/."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("timeline"))
    (tmp_path / "content").mkdir()
    return tmp_path


def mkdocs_build(project: Path, strict: bool = True) -> None:
    build(load_config(str(project / "mkdocs.yml"), strict=strict))


def test_mkdocs_build_strict_renders_the_timeline(tmp_path, monkeypatch):
    project = example_project(tmp_path)
    calls = install_fake_pipeline(monkeypatch, seed_site())
    mkdocs_build(project)
    assert calls == [project / "content"]
    html = (project / "site" / "timeline" / "index.html").read_text()
    assert 'id="2021-su-summit-proposed"' in html and "summer 2021 (planned)" in html
    assert (project / "site" / "timeline" / "articles" / "us-russia-biden-sanctions-russia" / "index.html").is_file()
    assert (project / "site" / "timeline" / "timeline.ics").is_file()
    assert "assets/timeline.js" in html and "assets/timeline.css" in html


def test_markdown_keeps_the_html_blocks_intact(tmp_path, monkeypatch):
    project = example_project(tmp_path)
    install_fake_pipeline(monkeypatch, seed_site())
    mkdocs_build(project)
    html = (project / "site" / "timeline" / "index.html").read_text()
    assert "<p><li" not in html and "<p></div>" not in html and "&lt;li" not in html
    assert html.count('class="tl-entry') == 10


def test_hostile_content_builds_strict_and_stays_text(tmp_path, monkeypatch):
    project = example_project(tmp_path)
    install_fake_pipeline(monkeypatch, Site(hostile_site().timelines))
    mkdocs_build(project)
    for page in (project / "site").rglob("*.html"):
        text = page.read_text()
        assert '<script>alert("x")' not in text and "<img src=x" not in text, page
        assert 'href="javascript:' not in text, page


def test_article_warnings_go_to_the_log_and_fail_strict(tmp_path, monkeypatch, caplog):
    project = example_project(tmp_path)
    install_fake_pipeline(monkeypatch, Site(seed_site().timelines, (Warning("content/bad.md", "no date"),)))
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        mkdocs_build(project, strict=False)
    assert "timeline: content/bad.md: no date" in caplog.text
    assert "content/bad.md" in (project / "site" / "timeline" / "warnings" / "index.html").read_text()
    with pytest.raises(Abort):
        mkdocs_build(project, strict=True)


def test_the_plugin_writes_nothing_into_docs_so_serve_builds_once_per_change(tmp_path, monkeypatch, caplog):
    # `mkdocs serve` watches docs/: a file written there would start a second
    # build of every change. The pages live in the cache folder and reach
    # MkDocs as generated files; a build with nothing changed rewrites none.
    project = example_project(tmp_path)
    install_fake_pipeline(monkeypatch, Site(seed_site().timelines, (Warning("content/bad.md", "no date"),)))
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before
    pages = project / ".timeline-cache" / "pages"
    mtimes = {p: p.stat().st_mtime_ns for p in pages.rglob("*.md")}
    assert pages.joinpath("index.md").is_file() and len(mtimes) > 5
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(load_config(str(project / "mkdocs.yml")))
    assert {p: p.stat().st_mtime_ns for p in pages.rglob("*.md")} == mtimes
    assert "files: 0 written" in caplog.text
    # the warnings of every build are shown (there is no echo build to hide)
    assert {r.levelno for r in caplog.records if "content/bad.md" in r.getMessage()} == {logging.WARNING}


def test_a_missing_pipeline_is_a_clear_error(tmp_path, monkeypatch, caplog):
    import sys

    import timeline

    project = example_project(tmp_path)
    monkeypatch.setitem(sys.modules, "timeline.pipeline", None)  # import fails
    monkeypatch.delattr(timeline, "pipeline", raising=False)
    with pytest.raises(Abort):
        mkdocs_build(project)
    assert "timeline: the pipeline is not available" in caplog.text


def test_serve_watches_content_and_templates(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "templates").mkdir()

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    plugin = TimelinePlugin()
    plugin.load_config({})
    server = plugin.on_serve(Server(), config=Config(), builder=None)
    assert server.watched == [str(tmp_path / "content"), str(tmp_path / "templates")]


def test_rebuild_after_removing_an_article_removes_its_page(tmp_path, monkeypatch):
    project = example_project(tmp_path)
    site = seed_site()
    current = {"site": site}
    install_fake_pipeline(monkeypatch, lambda content: current["site"])
    mkdocs_build(project)
    article = project / "site" / "timeline" / "articles" / "us-russia-biden-sanctions-russia" / "index.html"
    source = project / ".timeline-cache" / "pages" / "articles" / "us-russia-biden-sanctions-russia.md"
    assert article.is_file() and source.is_file()
    current["site"] = Site(())
    mkdocs_build(project)
    assert not article.exists() and not source.exists()
    assert "No articles yet" in (project / "site" / "timeline" / "articles" / "index.html").read_text()


def test_cli_build_writes_markdown_and_data_and_names_bad_files(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    install_fake_pipeline(monkeypatch, Site(seed_site().timelines, (Warning("content/bad.md", "no date"),)))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--content", "content", "--docs", "docs"])
    assert result.exit_code == 0, result.output
    assert "warning: content/bad.md: no date" in result.output
    assert (tmp_path / "docs" / "timeline" / "index.md").is_file()
    assert (tmp_path / "docs" / "timeline" / "timelinejs.json").is_file()
    strict = CliRunner().invoke(main, ["build", "--strict"])
    assert strict.exit_code == 1


def test_cli_build_reports_a_missing_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--content", "missing"])
    assert result.exit_code == 1 and "content folder not found: missing" in result.output


def site_files(project: Path) -> dict:
    return {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}


def test_pages_built_last_time_are_reused_and_the_site_is_the_same_bytes(tmp_path, monkeypatch, caplog):
    # MkDocs rebuilds every page each time; the plugin puts back the pages
    # whose source and surroundings did not change, with their search entries
    from site_fixtures import many_site

    sixty, sixty_one = many_site(60), many_site(61)
    current = {"site": sixty}
    install_fake_pipeline(monkeypatch, lambda content: current["site"])
    cached = example_project(tmp_path / "cached")
    mkdocs_build(cached)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(cached)
    pages = len(list((cached / ".timeline-cache" / "pages").rglob("*.md")))
    assert f"timeline: {pages} of {pages} pages as built last time" in caplog.text
    assert "Page skipped" not in caplog.text
    fresh = example_project(tmp_path / "fresh")
    mkdocs_build(fresh)
    assert site_files(cached) == site_files(fresh)
    # one more article: only the pages it touches are built again
    current["site"] = sixty_one
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(cached)
    reused = int(re.search(r"timeline: (\d+) of (\d+) pages as built last time", caplog.text)[1])
    assert 0 < reused < pages
    again = example_project(tmp_path / "again")
    mkdocs_build(again)
    assert site_files(cached) == site_files(again)
    assert not list((cached / "site").glob(".timeline-previous*"))
    # and one fewer: its page, and nothing else, is gone
    current["site"] = sixty
    mkdocs_build(cached)
    assert site_files(cached) == site_files(fresh)
    assert not list((cached / "site").glob(".timeline-previous*"))


def test_links_into_our_pages_are_checked_against_their_ids(tmp_path, monkeypatch, caplog):
    project = example_project(tmp_path)
    install_fake_pipeline(monkeypatch, seed_site())
    (project / "docs" / "links.md").write_text(
        "# Links\n\n[summit](timeline/2021.md#2021-su-summit-proposed)\n", encoding="utf-8")
    mkdocs_build(project)  # strict: the anchor is there
    (project / "docs" / "links.md").write_text("# Links\n\n[gone](timeline/2021.md#no-such-event)\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_build(project)
    assert "no-such-event" in caplog.text


def test_pages_shared_out_to_a_second_process_are_the_same_bytes(tmp_path, monkeypatch, caplog):
    # Many pages to make: a forked child builds half of them (Linux, one
    # thread), and reports their search entries; the same files and search
    # index as one process, and the next build finds them all as built.
    from site_fixtures import many_site

    from timeline.forking import fork_is_safe
    from timeline.mkdocs_cache import PageCache

    site = many_site(60)
    install_fake_pipeline(monkeypatch, lambda content: site)
    alone = example_project(tmp_path / "alone")
    mkdocs_build(alone)  # (fewer pages than PageCache.PARALLEL_PAGES)
    monkeypatch.setattr(PageCache, "PARALLEL_PAGES", 2)
    shared = example_project(tmp_path / "shared")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(shared)
    assert ("shared with a second process" in caplog.text) == fork_is_safe()
    assert site_files(shared) == site_files(alone)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(shared)
    pages = len(list((shared / ".timeline-cache" / "pages").rglob("*.md")))
    assert f"timeline: {pages} of {pages} pages as built last time" in caplog.text
    assert site_files(shared) == site_files(alone)


def test_a_page_the_second_process_fails_is_built_here_and_its_warnings_count(tmp_path, monkeypatch, caplog):
    # The child logs nothing itself: its warnings are logged by MkDocs'
    # process (so --strict counts them), and a page it fails on, with the
    # rest of its share, is built there.
    import os

    from site_fixtures import many_site

    from timeline import mkdocs_plugin
    from timeline.forking import fork_is_safe
    from timeline.mkdocs_cache import PageCache

    if not fork_is_safe():
        pytest.skip("pages are shared out to a forked process on Linux only")
    site = many_site(60)
    install_fake_pipeline(monkeypatch, lambda content: site)
    alone = example_project(tmp_path / "alone")
    mkdocs_build(alone)
    monkeypatch.setattr(PageCache, "PARALLEL_PAGES", 2)
    parent, real = os.getpid(), mkdocs_plugin._page_builder

    def flaky(config, files, nav, env):
        build, built = real(config, files, nav, env), []

        def once(page):
            if os.getpid() != parent:
                built.append(page)
                if len(built) == 1:
                    logging.getLogger("mkdocs.plugins.flaky").warning("a warning from the child")
                if len(built) == 3:
                    raise RuntimeError("a page the child cannot build")
            build(page)
        return once

    monkeypatch.setattr(mkdocs_plugin, "_page_builder", flaky)
    shared = example_project(tmp_path / "shared")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(shared, strict=False)
    assert caplog.text.count("a warning from the child") == 1
    assert "a page the child cannot build" not in caplog.text
    assert site_files(shared) == site_files(alone)
    with pytest.raises(Abort):
        mkdocs_build(example_project(tmp_path / "strict"))


def test_no_pages_are_shared_out_when_a_navigation_is_made_after_ours(tmp_path, monkeypatch, caplog):
    # A hook that makes the navigation after every plugin: the child would
    # build its pages with the navigation we were handed, an older one.
    from site_fixtures import many_site

    from timeline.mkdocs_cache import PageCache

    hook = ("from pathlib import Path\n\n"
            "from mkdocs.plugins import event_priority\n"
            "from mkdocs.structure.nav import Navigation, Section\n\n\n"
            "@event_priority(-200)\n"
            "def on_nav(nav, config, files):\n"
            "    Path(config.config_file_path).with_name('nav-made').write_text('yes')\n"
            "    return Navigation([Section('All', nav.items)], nav.pages)\n")
    site = many_site(60)
    install_fake_pipeline(monkeypatch, lambda content: site)
    projects = []
    for name in ("alone", "shared"):
        project = example_project(tmp_path / name)
        (project / "hooks.py").write_text(hook, encoding="utf-8")
        with open(project / "mkdocs.yml", "a", encoding="utf-8") as f:
            f.write("\nhooks:\n  - hooks.py\n")
        projects.append(project)
    mkdocs_build(projects[0])
    monkeypatch.setattr(PageCache, "PARALLEL_PAGES", 2)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(projects[1])
    assert "shared with a second process" not in caplog.text
    assert site_files(projects[0]) == site_files(projects[1])
    assert (projects[1] / "nav-made").is_file()


def test_pages_are_built_in_one_process_where_no_lock_can_be_made(tmp_path, monkeypatch, caplog):
    # (a system without POSIX semaphores: multiprocessing's Lock fails)
    import multiprocessing.context

    from site_fixtures import many_site

    from timeline.mkdocs_cache import PageCache

    def no_lock(self, *args, **kwargs):
        raise OSError(38, "Function not implemented")

    site = many_site(60)
    install_fake_pipeline(monkeypatch, lambda content: site)
    alone = example_project(tmp_path / "alone")
    mkdocs_build(alone)
    monkeypatch.setattr(PageCache, "PARALLEL_PAGES", 2)
    monkeypatch.setattr(multiprocessing.context.BaseContext, "Lock", no_lock)
    other = example_project(tmp_path / "other")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(other)
    assert "shared with a second process" not in caplog.text
    assert site_files(other) == site_files(alone)
