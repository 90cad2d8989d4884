"""When the build may fork: the one rule for its forked children (pages
rendered on every core, the state written in the background), a child that
hands back what it did (:class:`Child`); and what a process lets go once
it is done with a build's objects."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable


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


class Child:
    """A forked child that runs ``work()`` and hands back what it returns
    (pickled, through a pipe), for the build's work shared with another
    core. It leaves with ``os._exit``: nothing of the parent's (its
    ``finally`` blocks, ``atexit``) runs in it."""

    def __init__(self, pid: int, pipe: int):
        self.pid, self.pipe = pid, pipe

    @classmethod
    def start(cls, work: Callable[[], object]) -> Child | None:
        """The child, or None where no pipe or process can be had (the
        caller does the work itself). Only where :func:`fork_is_safe`."""
        try:
            r, w = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return None
        if pid == 0:  # the child: work, report, and leave without running anything of the parent's
            code = 1
            try:
                os.close(r)
                result = work()
                with os.fdopen(w, "wb") as f:
                    pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        return cls(pid, r)

    def result(self) -> object | None:
        """Wait for the child: what ``work`` returned, or None if it failed."""
        try:
            with os.fdopen(self.pipe, "rb") as f:
                return pickle.load(f)
        except Exception:  # (nothing heard: it failed)
            return None
        finally:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(self.pid, 0)

    def stop(self) -> None:
        """End the child (the build failed, or needs it no more), and wait for it."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.pipe)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)
