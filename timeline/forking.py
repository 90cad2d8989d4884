"""When the build may fork: the one rule for its forked children (pages
rendered on every core, the state written in the background)."""

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
