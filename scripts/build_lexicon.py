#!/usr/bin/env python
"""Write the English lexicon the predicate tagger reads (timeline/lang/en_lexicon.tsv.gz).

Which parts of speech each English word form can have ("ruled": a verb;
"support": a noun or a verb; "fell": a verb, rather "fall" than "fell") comes
from LemmInflect's lemma dictionary (MIT licence; its data derive from the
NIH SPECIALIST Lexicon and the Automatically Generated Inflection Database).
The site reads our copy, a gzipped table of ~70,000 word forms, in a few
milliseconds; LemmInflect itself would take a quarter of a second to load on
every build and is only needed to regenerate the table:

    pip install 'lemminflect>=0.2.3,<0.3' && python scripts/build_lexicon.py

Each line: ``word<TAB>parts of speech ("NOUN|VERB")<TAB>the word's verb
lemmas ("fall|fell")``. Sorted; the same LemmInflect gives the same bytes.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "timeline" / "lang" / "en_lexicon.tsv.gz"
POS = ("ADJ", "ADV", "AUX", "NOUN", "VERB")


def main() -> int:
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer
    except ImportError:
        print("error: pip install 'lemminflect>=0.2.3,<0.3' first", file=sys.stderr)
        return 2
    table = Lemmatizer()._getLemmaDict()
    lines = []
    for word in sorted(table):
        entry = table[word]
        parts = "|".join(p for p in POS if p in entry)
        if not parts or "\t" in word or "\n" in word:
            continue
        lemmas = "|".join(entry.get("VERB", ()))
        lines.append(f"{word}\t{parts}\t{lemmas}\n")
    data = "".join(lines).encode("utf-8")
    # mtime=0: the same table gives the same bytes
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(lines)} word forms -> {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
