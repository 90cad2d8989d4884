"""``plugins: - timeline``: runs the same build as ``timeline build`` inside MkDocs.

A shim over :func:`timeline.publish.build_docs`: before MkDocs collects the
docs it renders ``content/`` into ``docs/<output>/`` (writing only files that
changed), logs each article that could not be used as a WARNING (so
``mkdocs build --strict`` fails on broken content, like on a broken link; the
site's "Build warnings" page lists them too), and under ``mkdocs serve
--livereload`` watches ``content/`` and ``templates/`` so adding, changing or
removing an article rebuilds the preview.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from timeline import publish
from timeline.render import ASSETS

log = logging.getLogger("mkdocs.plugins.timeline")


class TimelineConfig(Config):
    content = c.Type(str, default="content")  # folder of articles, relative to mkdocs.yml
    output = c.Type(str, default="timeline")  # generated pages: a subfolder of docs_dir
    templates = c.Type(str, default="templates")  # overrides, relative to mkdocs.yml
    cache = c.Type(str, default=".timeline-cache")  # pipeline cache, relative to mkdocs.yml
    follow_links = c.Type(bool, default=False)  # follow symbolic links that leave content/


class TimelinePlugin(BasePlugin[TimelineConfig]):
    #: The warnings of the last build (to tell `mkdocs serve`'s echo build).
    _warnings: tuple[str, ...] | None = None

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        # The pages' stylesheet and script, unless mkdocs.yml lists them already.
        for name, extra in zip(ASSETS, (config.extra_css, config.extra_javascript)):
            path = f"{self.config.output}/{name}"
            if path not in [str(x) for x in extra]:
                extra.append(path)
        return config

    def on_pre_build(self, config) -> None:
        root = self._root(config)
        try:
            result = publish.build_docs(
                root / self.config.content,
                Path(config.docs_dir) / self.config.output,
                template_dirs=[root / self.config.templates],
                cache_dir=root / self.config.cache,
                directory_urls=config.use_directory_urls,
                follow_links=self.config.follow_links,
            )
        except ImportError as e:
            raise PluginError(f"timeline: the pipeline is not available ({e})") from e
        except (OSError, ValueError) as e:
            raise PluginError(f"timeline: {e}") from e
        files = result.files
        warnings = tuple(str(w) for w in result.site.warnings)
        # Writing into docs/ makes `mkdocs serve` build once more; that echo
        # changes nothing, and its warnings were just shown.
        echo = not files.written and not files.removed and warnings == self._warnings
        self._warnings = warnings
        for warning in warnings:
            (log.info if echo else log.warning)("timeline: %s", warning)
        docs = {d.article.path: d for t in result.site.timelines for d in t.documents}
        events = sum(len(d.events) for d in docs.values())
        entries = {e.id for t in result.site.timelines for e in t.entries}
        log.info("timeline: %d event%s from %d article%s in %d timeline entr%s; files: %d written, "
                 "%d removed, %d unchanged", events, "" if events == 1 else "s", len(docs),
                 "" if len(docs) == 1 else "s", len(entries), "y" if len(entries) == 1 else "ies",
                 len(files.written), len(files.removed), len(files.unchanged))

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for folder in (self.config.content, self.config.templates):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
