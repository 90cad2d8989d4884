"""``plugins: - timeline``: runs the same build as ``timeline build`` inside MkDocs.

A shim over :func:`timeline.publish.build_docs`: before MkDocs collects the
docs it renders ``content/`` into the cache folder (writing only the pages
whose inputs changed) and hands those pages to MkDocs as generated files
under ``docs/<output>/``: nothing is written into ``docs/``, so under
``mkdocs serve`` a change builds once, and a page's file changes (mtime
included) only when the page does, which is how MkDocs' ``--dirty`` builds
tell what to rebuild. The pages are one block of HTML each, escaped by our
templates: MkDocs gets that HTML as the page's content instead of running
Markdown over it. Each article that could not be used is logged as a
WARNING (so ``mkdocs build --strict`` fails on broken content, like on a
broken link; the site's "Build warnings" page lists them too), and under
``mkdocs serve --livereload`` the plugin watches ``content/`` and
``templates/``. Under ``mkdocs serve`` the plugin stays alive between
builds (it has ``on_startup``) and keeps the pipeline's state in memory.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from timeline import __version__, publish
from timeline.forking import forget_memos
from timeline.mkdocs_cache import TEMPLATE, TEMPLATE_SOURCE, PageCache, search_entries
from timeline.model import Site
from timeline.render import ASSETS
from timeline import search_text
from timeline.search_text import searchable

log = logging.getLogger("mkdocs.plugins.timeline")

_ID = re.compile(r'\sid="([^"]+)"')


class TimelineConfig(Config):
    content = c.Type(str, default="content")  # folder of articles, relative to mkdocs.yml
    output = c.Type(str, default="timeline")  # generated pages: a subfolder of docs_dir
    templates = c.Type(str, default="templates")  # overrides, relative to mkdocs.yml
    cache = c.Type(str, default=".timeline-cache")  # pipeline cache, relative to mkdocs.yml
    follow_links = c.Type(bool, default=False)  # follow symbolic links that leave content/


class TimelinePlugin(BasePlugin[TimelineConfig]):
    _result: publish.Result | None = None

    def __init__(self):
        super().__init__()
        self._state: dict = {}
        self._pages: dict[str, File] = {}
        self._dirty = False
        self._serving = False
        self._memory: dict | None = None
        self._cache: PageCache | None = None
        self._nav = None
        self._full: dict[str, str] = {}  # a page's HTML while the search plugin reads its search text
        self._lighten: bool | None = None  # whether it may (decided once per build)

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance (and its state) for every
        # build of one `mkdocs serve`.
        self._state = {}
        self._dirty = dirty
        self._serving = command == "serve"
        self._memory = {} if self._serving else None

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    _root_dir: Path | None = None

    def _out(self, config) -> Path:
        """Where the pages are rendered: beside the pipeline's cache, outside docs/."""
        return self._root(config) / self.config.cache / "pages"

    def on_config(self, config):
        # The pages' stylesheet and script, unless mkdocs.yml lists them already.
        for name, extra in zip(ASSETS, (config.extra_css, config.extra_javascript)):
            path = f"{self.config.output}/{name}"
            if path not in [str(x) for x in extra]:
                extra.append(path)
        return config

    def on_pre_build(self, config) -> None:
        root = self._root_dir = self._root(config)
        self._full, self._lighten = {}, None  # (the plugins may differ from the last build's)
        try:
            result = publish.build_docs(
                root / self.config.content,
                self._out(config),
                template_dirs=[root / self.config.templates],
                cache_dir=root / self.config.cache,
                directory_urls=config.use_directory_urls,
                follow_links=self.config.follow_links,
                state=self._state,
                jobs=publish.default_jobs(),  # (mkdocs runs under a __main__ guard: workers are safe)
                save=not self._serving,  # `mkdocs serve` keeps it in memory, and saves it when it stops
                one_build=not self._serving,  # `mkdocs build`: one build, then the process ends
                search_text=self._search_text(config),  # made where the pages are rendered
            )
        except ImportError as e:
            raise PluginError(f"timeline: the pipeline is not available ({e})") from e
        except (OSError, ValueError) as e:
            raise PluginError(f"timeline: {e}") from e
        self._result = result
        self._cache = PageCache(root / self.config.cache, Path(config.site_dir), self.config.output,
                                enabled=not self._dirty)
        self._cache.set_aside(self._memory)
        files = result.files
        for warning in result.site.warnings:
            log.warning("timeline: %s", warning)
        docs = {d.article.path: d for t in result.site.timelines for d in t.documents}
        events = sum(len(d.events) for d in docs.values())
        entries = {e.id for t in result.site.timelines for e in t.entries}
        log.info("timeline: %d event%s from %d article%s in %d timeline entr%s; files: %d written, "
                 "%d removed, %d unchanged (%.2f s)", events, "" if events == 1 else "s", len(docs),
                 "" if len(docs) == 1 else "s", len(entries), "y" if len(entries) == 1 else "ies",
                 len(files.written), len(files.removed), len(files.unchanged), result.seconds)
        if not self._serving:
            # `mkdocs build`: the state is saved; MkDocs' part of the build
            # needs only the pages' names and keys, not the articles.
            self._state = {}
            self._result = dataclasses.replace(result, site=Site(()))
            # What our part held is garbage now: let MkDocs' part use its
            # memory (the memos; the rest goes with the state and the site,
            # by reference counts). What gc.freeze took out of collections
            # stays out: a collection of it all found 10 objects in cycles
            # at 10,000 articles, took a quarter of a second, and left the
            # process 40 MB bigger for the rest of the build.
            forget_memos()

    def on_files(self, files, config):
        """Our pages replace whatever ``docs/<output>/`` holds (a `timeline
        build` run earlier, say); article and period pages stay out of an
        automatic navigation."""
        if self._result is None:
            return files
        prefix = self.config.output.strip("/") + "/"
        for f in [f for f in files if f.src_uri.startswith(prefix)]:
            files.remove(f)
        out = self._out(config)
        self._pages = {}
        for rel in self._result.paths:
            listed = rel in ("index.md", "topics/index.md", "articles/index.md", "warnings.md") \
                or not rel.endswith(".md")
            f = File.generated(config, prefix + rel, abs_src_path=str(out.joinpath(*rel.split("/"))),
                               inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            if rel.endswith(".md"):
                self._pages[f.src_uri] = f
        return files

    @event_priority(-100)  # after the other plugins': the navigation the pages are built with
    def on_nav(self, nav, *, config, files):
        self._nav = nav
        return nav

    @event_priority(-100)  # after every other plugin's: the environment the pages are built with
    def on_env(self, env, *, config, files):
        """Pages whose source and surroundings are as last time are built
        from their last HTML (timeline.mkdocs_cache); under ``mkdocs
        build``, many others are shared out to a second process."""
        import jinja2

        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: TEMPLATE_SOURCE}), env.loader])
        if self._cache is not None and self._result is not None:
            pages = {src: f.page for src, f in self._pages.items() if f.page is not None}
            self._cache.plan(config, self._nav, pages, self._result.keys, _versions())
            if self._cache.enabled:
                log.info("timeline: %d of %d pages as built last time", len(self._cache.hits), len(pages))
            if not self._serving and self._cache.enabled and self._only_search_reads_pages(config):
                doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
                build = _page_builder(config, doc_files, self._nav, env)
                todo = [(f.src_uri, pages[f.src_uri]) for f in doc_files
                        if f.src_uri in pages and f.src_uri not in self._cache.hits]
                if build is not None and self._cache.share(config, todo, build):
                    log.info("timeline: %d pages to build, shared with a second process", len(todo))
        return env

    def _only_search_reads_pages(self, config) -> bool:
        """Whether the plugins acting on a page as MkDocs builds it are ours
        and Material's search only (a page built in another process is
        then the same for them, see :meth:`PageCache.share`), and the
        navigation we were handed is the one MkDocs builds the pages with."""
        events = config.plugins.events
        last = events.get("nav", [])[-1:]
        if not last or getattr(last[0], "__self__", None) is not self:
            return False  # (a navigation made after ours: the child would build with an older one)
        for handler in events.get("post_page", []):  # (page_context: as _search_text says)
            owner = getattr(handler, "__self__", None)
            if owner is not self and not type(owner).__module__.startswith("material.plugins.search"):
                return False
        return self._search_text(config)

    @event_priority(100)  # before the search plugin indexes the page
    def _on_page_context_first(self, context, *, page, config, nav):
        src = page.file.src_uri
        if src in self._pages:
            if self._cache is not None:
                self._cache.reached(src)  # (the pages another process built: built from their HTML)
            # (a page built from its last HTML is not read: its content is not used)
            hit = self._cache is not None and src in self._cache.hits
            body, light = ("", None) if hit else _parts(page.file)
            page.content = body
            if self._cache is not None:
                self._cache.before(config, page)
            if page.content and self._search_text(config):
                # Material's search parser gets only what it reads (the same
                # index entries, a fraction of the markup: the page file
                # brings it, made when the page was rendered); the page
                # gets its HTML back once the parser is done (below).
                self._full[src] = page.content
                page.content = light if light is not None else searchable(page.content)
        return context

    @event_priority(-100)  # after every other plugin (the search plugin's included)
    def _on_page_context_last(self, context, *, page, config, nav):
        full = self._full.pop(page.file.src_uri, None)
        if full is not None:
            page.content = search_text.without_search_attributes(full)  # (what the search plugin does to a page)
        return context

    on_page_context = CombinedEvent(_on_page_context_first, _on_page_context_last)

    def _search_text(self, config) -> bool:
        """Whether the search plugin may read a page's search text
        (:mod:`timeline.search_text`): Material's, and no other plugin
        reads the page between our two ``on_page_context`` handlers."""
        if self._lighten is None:
            index = search_entries(config)
            handlers = config.plugins.events.get("page_context", [])
            others = [h for h in handlers if getattr(h, "__self__", None) is not self]
            self._lighten = index is not None and len(others) == 1 \
                and type(others[0].__self__).__module__.startswith("material.plugins.search")
        return self._lighten

    @event_priority(-100)  # after every other plugin
    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self._pages:
            page.content = None  # built: let it go
            if self._cache is not None and self._result is not None and self._cache.after(config, page):
                return ""  # the last build's file is in place: nothing to write
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        if self._cache is not None and self._result is not None:
            pages = {src: f.page for src, f in self._pages.items() if f.page is not None}
            self._cache.finish(config, pages, self._result.keys, self._memory, background=self._serving)
            self._cache = None

    def on_build_error(self, *, error):
        if self._cache is not None:
            self._cache.finish_failed()
            self._cache = None

    def on_page_markdown(self, markdown, *, page, config, files):
        # Our pages are one block of HTML that our templates escaped: it is
        # the page's content as it is (Markdown would pass it through), so
        # the page is "rendered" without building a Markdown converter, and
        # its content is read when the page is built (MkDocs reads every
        # page before it builds any: 10,000 pages' HTML need not wait in memory).
        if page.file.src_uri in self._pages:
            page.render = functools.partial(_as_html, page)
            return ""
        return markdown

    def on_shutdown(self) -> None:
        if self._serving and self._state and self._root_dir is not None:
            publish.save_state(self._root_dir / self.config.cache, self._state)

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for folder in (self.config.content, self.config.templates):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def _page_builder(config, doc_files, nav, env):
    """MkDocs' own page builder for one page, as the build loop calls it
    (``doc_files``: the pages it builds; ``None`` if this MkDocs has no
    such function)."""
    import inspect

    try:
        from mkdocs.commands.build import _build_page
    except ImportError:
        return None
    if list(inspect.signature(_build_page).parameters)[:7] != \
            ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]:
        return None
    return lambda page: _build_page(page, config, doc_files, nav, env, False, page.file.inclusion.is_excluded())


def _versions() -> tuple:
    """The versions of what renders the pages (MkDocs, the theme, us)."""
    import importlib.metadata

    import mkdocs

    try:
        material = importlib.metadata.version("mkdocs-material")
    except importlib.metadata.PackageNotFoundError:
        material = None
    return (mkdocs.__version__, material, __version__)


def _as_html(page, config, files) -> None:
    """``Page.render`` for our pages: the HTML is the content (read when
    the page is built, :func:`_body`); its ids are read when a link asks."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = _Anchors(page.file)
    page.links_to_anchors = {}


def _body(file) -> str:
    """The HTML of one of our pages: its file after the front matter."""
    return _parts(file)[0]


def _parts(file) -> tuple[str, str | None]:
    """The HTML of one of our pages, and the search text its file brings
    when that was made from this HTML (else ``None``)."""
    from mkdocs.utils.meta import get_data

    return search_text.split(file.content_string, lambda text: get_data(text)[0])


class _Anchors:
    """The ids of one of our pages, read from its file the first time a
    link into the page asks for one."""

    def __init__(self, file):
        self.file = file
        self.ids: set[str] | None = None

    def _read(self) -> set[str]:
        if self.ids is None:
            self.ids = set(_ID.findall(_body(self.file)))
        return self.ids

    def __contains__(self, anchor) -> bool:
        return anchor in self._read()

    def __iter__(self):
        return iter(self._read())
