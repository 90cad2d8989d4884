"""Language data: one module per language, kept apart from the engine."""

from __future__ import annotations

import importlib
from types import ModuleType


def module(part: str, language: str | None) -> ModuleType:
    """The ``timeline.lang.<code>_<part>`` tables of ``language`` ("en",
    "en-GB", "pt_BR": the code before any region), English when that
    language has none."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    try:
        return importlib.import_module(f"timeline.lang.{code}_{part}")
    except ImportError:
        return importlib.import_module(f"timeline.lang.en_{part}")
