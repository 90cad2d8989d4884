#!/usr/bin/env python
"""Train the predicate tagger (``timeline/predicates.py``) on TimeBank.

Every word of the TimeBank documents that ``HELD-OUT.md`` does not hold out
is a training example: its class is the part of speech of the TimeML
``EVENT`` it belongs to (``V`` verb, ``N`` noun, ``A`` adjective or other),
``O`` when it names no event. An averaged perceptron (fixed seed, fixed
number of passes: the same data gives the same weights) learns them; weights
whose every class is below ``--prune`` are dropped, the rest rounded and
written to ``timeline/lang/en_predicates.json``. AQUAINT is the check: the
script prints precision and recall of event words there (and on the training
data), so the tagger is judged on news it was not trained on.

Usage: python scripts/train_predicates.py [--benchmarks ../shared/benchmarks]
                                          [--out timeline/lang/en_predicates.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline import eventtime  # noqa: E402
from timeline.predicates import CLASSES, Tagger, features, tokenize  # noqa: E402

BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
POS = {"VERB": "V", "NOUN": "N"}
PASSES = 8
SEED = 1


def examples(doc: eventtime.GoldDoc) -> tuple[list[str], list[str]]:
    """The words of a document and their gold classes."""
    toks = tokenize(doc.text)
    classes = ["O"] * len(toks)
    starts = [t.start for t in toks]
    import bisect
    for ev in doc.events:
        i = bisect.bisect_right(starts, ev.start) - 1
        while 0 <= i < len(toks) and toks[i].start < ev.end:
            if toks[i].end > ev.start:
                classes[i] = POS.get(ev.pos, "A")
            i += 1
    return [t.text for t in toks], classes


class Trainer:
    def __init__(self) -> None:
        self.w: dict[str, list[float]] = {}
        self.total: dict[str, list[float]] = {}
        self.stamp: dict[str, list[int]] = {}
        self.n = 0

    def predict(self, feats: list[str]) -> int:
        s = [0.0] * len(CLASSES)
        for f in feats:
            x = self.w.get(f)
            if x:
                for c in range(len(CLASSES)):
                    s[c] += x[c]
        return max(range(len(CLASSES)), key=lambda c: (s[c], -c))

    def update(self, truth: int, guess: int, feats: list[str]) -> None:
        self.n += 1
        if truth == guess:
            return
        for f in feats:
            w = self.w.setdefault(f, [0.0] * len(CLASSES))
            tot = self.total.setdefault(f, [0.0] * len(CLASSES))
            st = self.stamp.setdefault(f, [0] * len(CLASSES))
            for c, delta in ((truth, 1.0), (guess, -1.0)):
                tot[c] += (self.n - st[c]) * w[c]
                st[c] = self.n
                w[c] += delta

    def averaged(self) -> dict[str, list[float]]:
        out = {}
        for f, w in self.w.items():
            tot, st = self.total[f], self.stamp[f]
            out[f] = [(tot[c] + (self.n - st[c]) * w[c]) / self.n for c in range(len(CLASSES))]
        return out


def train(docs: list[eventtime.GoldDoc]) -> dict[str, list[float]]:
    data = [examples(d) for d in docs]
    trainer = Trainer()
    rng = random.Random(SEED)
    for _ in range(PASSES):
        order = list(range(len(data)))
        rng.shuffle(order)
        for k in order:
            words, classes = data[k]
            for i in range(len(words)):
                feats = features(words, i)
                trainer.update(CLASSES.index(classes[i]), trainer.predict(feats), feats)
    return trainer.averaged()


def check(tagger: Tagger, docs: list[eventtime.GoldDoc]) -> str:
    tp = fp = fn = 0
    for d in docs:
        words, gold = examples(d)
        for g, p in zip(gold, tagger.tag(words)):
            tp += g != "O" and p != "O"
            fp += g == "O" and p != "O"
            fn += g != "O" and p == "O"
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return f"event words: precision {prec:.3f} recall {rec:.3f} F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    parser.add_argument("--out", type=Path, default=ROOT / "timeline" / "lang" / "en_predicates.json")
    parser.add_argument("--prune", type=float, default=0.05)
    args = parser.parse_args(argv)
    try:
        timeml, held = eventtime.development(args.benchmarks)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    train_docs = eventtime.read_corpus([timeml / "timebank"], held)
    weights = train(train_docs)
    kept = {f: [round(x, 3) for x in w] for f, w in sorted(weights.items()) if max(abs(x) for x in w) >= args.prune}
    args.out.write_text(json.dumps({
        "classes": list(CLASSES),
        "trained_on": f"TimeBank (TBAQ-cleaned), {len(train_docs)} documents not held out",
        "passes": PASSES,
        "weights": kept,
    }, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    tagger = Tagger(kept)
    print(f"{len(kept)} of {len(weights)} features kept -> {args.out} ({args.out.stat().st_size // 1024} KB)")
    print(f"TimeBank ({len(train_docs)} documents, trained on): {check(tagger, train_docs)}")
    aquaint = eventtime.read_corpus([timeml / "aquaint"], held)
    print(f"AQUAINT ({len(aquaint)} documents, not trained on): {check(tagger, aquaint)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
