"""The ``timeline`` command: a thin click skin over the library."""

from __future__ import annotations

import click

from timeline import __version__


@click.group()
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Turn news articles into a trustworthy, chronological timeline."""
