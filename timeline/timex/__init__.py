"""The temporal engine: recognize and resolve TIMEX3 expressions.

``annotate(text, dct, mode)`` is the one entry point the rest of the pipeline
calls. It is pure: same text, DCT and mode in, same list of :class:`Timex` out.
"""

from __future__ import annotations

import datetime as _dt

from timeline.model import Timex
from timeline.timex.recognize import recognizer
from timeline.timex.resolve import resolve

NEWS, NARRATIVE = "news", "narrative"


def annotate(text: str, dct: _dt.date | None, mode: str = NEWS, lang: str = "en") -> list[Timex]:
    """Return the resolved temporal expressions of ``text`` in text order.

    ``mode`` is ``"news"`` (relative expressions anchor to ``dct``) or
    ``"narrative"`` (they anchor to the previous mention).
    """
    if mode not in (NEWS, NARRATIVE):
        raise ValueError(f"mode must be {NEWS!r} or {NARRATIVE!r}, not {mode!r}")
    _, pendings = recognizer(lang).recognize(text)
    return resolve(pendings, text, dct, mode)
