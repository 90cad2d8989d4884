"""When the build may fork: the one rule for its forked children (pages
rendered on every core, the state written in the background); and what a
process lets go once it is done with a build's objects."""

from __future__ import annotations

import os
import sys
import threading


def fork_is_safe() -> bool:
    """Linux (macOS's system libraries are not safe after a fork, Windows
    has none) and no other thread in this process (a fork copies the
    calling thread only: a lock another thread holds stays held for good
    in the child; ``mkdocs serve`` runs threads)."""
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


def forget_memos() -> None:
    """Empty the package's remembered results (a date of each text, a label
    of each date, a stem of each word...) once a process is done with its
    sites: they keep objects of a build alive from all over the process's
    memory, so little of what the build let go could be used again (at
    10,000 articles, about 100 MB). The fingerprints of the code stay."""
    for name, module in list(sys.modules.items()):
        if name == "timeline" or name.startswith("timeline."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                info = getattr(value, "cache_info", None)
                if callable(clear) and callable(info) and info().maxsize != 1:
                    clear()
