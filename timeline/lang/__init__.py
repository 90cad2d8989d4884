"""Language data: one module per language, kept apart from the engine."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import lru_cache
from types import ModuleType

#: The language every article can be read with.
DEFAULT = "en"


def primary(language: str | None) -> str:
    """The language code before any region or script, lower case: "en" for
    "en-GB", "EN_us" or "en"."""
    return (language or DEFAULT).strip().replace("_", "-").split("-")[0].lower() or DEFAULT


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    """The languages that have tables (``timeline/lang/<code>.py``)."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)
                        if m.name.isalpha() and m.name.islower() and 2 <= len(m.name) <= 3))


def tables(language: str | None) -> str:
    """The language whose tables read ``language``: its primary code when
    it has tables, else :data:`DEFAULT`."""
    code = primary(language)
    return code if code in available() else DEFAULT


def module(part: str, language: str | None) -> ModuleType:
    """The ``timeline.lang.<code>_<part>`` tables of ``language`` ("en",
    "en-GB", "pt_BR": the code before any region), English when that
    language has none."""
    code = tables(language)
    if importlib.util.find_spec(f"timeline.lang.{code}_{part}") is None:
        code = DEFAULT
    return importlib.import_module(f"timeline.lang.{code}_{part}")
