#!/usr/bin/env python
"""Print the README results table: the temporal engine on the TimeML benchmarks.

TimeBank and AQUAINT are news (relative expressions anchor to the DCT);
WikiWars is narrative (its DCT is a placeholder and its gold writes every type
as DATE, so its type accuracy means little). Scores are the TempEval-3
measures as computed by ``timeline.timeml`` (see its docstrings).

Usage: python scripts/eval_benchmarks.py [--root ../shared/benchmarks/timeml]
Timing and any failed file go to stderr; the markdown table to stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timeline import timeml

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "timeml"
CORPORA = (("TimeBank", "timebank", timeml.NEWS), ("AQUAINT", "aquaint", timeml.NEWS),
           ("WikiWars", "wikiwars", timeml.NARRATIVE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding timebank/, aquaint/, wikiwars/")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"error: no benchmark folder at {args.root}", file=sys.stderr)
        return 2
    rows, failed = [timeml.MARKDOWN_HEADER], 0
    for label, folder, mode in CORPORA:
        started = time.perf_counter()
        try:
            result = timeml.evaluate(args.root / folder, mode=mode)
        except NotImplementedError as e:
            print(f"error: the temporal engine is not available: {e}", file=sys.stderr)
            return 2
        print(f"{label}: {time.perf_counter() - started:.2f} s", file=sys.stderr)
        for message in result.failures:
            print(f"error: {message}", file=sys.stderr)
        failed += len(result.failures)
        rows.append(timeml.markdown_row(label, mode, result.scores))
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
