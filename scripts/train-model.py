#!/usr/bin/env python3
"""`make model`: trains the weights of the `carrier-content` model rule.

A logistic regression over the features `textgate rules features` prints (words, pairs of
neighbouring words, `<link>`), so the weights are read exactly as a check reads a text. It
learns from the labelled sets of fixtures/accuracy (carrier-filtered texts against care
messages on the same subjects; practice messages with content labels against clean ones) and
the SMS Spam Collection (spam against ham). A held-out set whose header says its misses were
never read is left out, so that it still measures texts the rules have not seen.

The threshold is chosen by 5-fold cross-validation: the lowest score, in steps of 0.25, above
every care and clean practice text of the left-out folds, plus a margin; how many of the
personal texts (ham) it flags is printed beside it.
The weights file is written sorted by feature, so a retrain shows as a readable diff; the
rule file's `threshold:` line is set to the chosen value.

Needs numpy (`pip install numpy`). Usage:
    python3 scripts/train-model.py --textgate .build/release/textgate [--rules rules]
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy  # noqa: E402  (read_tsv, read_corpus, provenance: one reading of the fixtures)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE = os.path.join("content", "carrier-content.yml")
WEIGHTS = os.path.join("content", "carrier-content.tsv")
CONTENT = {"cannabis", "promotional", "rx-offer"}
# Training: full-batch gradient descent with momentum on the L2-regularised log loss.
STEPS, RATE, MOMENTUM, L2 = 2000, 2.0, 0.9, 5e-5
# Weights smaller than this are dropped: they change no decision and would bloat the file.
KEEP = 0.1
# Added to the highest clean score, for care texts unlike any seen.
MARGIN = 0.5


def examples():
    """(text, label, kind) of every training text; kind is `care` for the practice's own texts
    that must not be flagged (care messages, clean practice messages), `offer` for the texts
    carriers filter, `ham` and `spam` for the SMS Spam Collection's personal texts and spam."""
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "accuracy", "*.tsv"))):
        name = os.path.basename(path)
        if name.startswith("heldout-") and "misses were never read" in accuracy.provenance(path):
            print(f"train-model: leaving out {name}: its misses were never read", file=sys.stderr)
            continue
        for text, expected in accuracy.read_tsv(path):
            # A practice's own drawing is left to the sweepstakes rule; the model learns it as the
            # care message its author wrote.
            expected = expected - {accuracy.DRAW}
            if name.startswith("practice-"):
                if expected and not expected & CONTENT:
                    continue  # links or capitals only: not what the model is for
                rows.append((text, int(bool(expected & CONTENT)), "care" if not expected else "offer"))
            else:
                rows.append((text, int(bool(expected)), "care" if not expected else "offer"))
    for label, text in accuracy.read_corpus(os.path.join(ROOT, "fixtures", "corpus", "sms-spam-collection.tsv")):
        rows.append((text, int(label == "spam"), "ham" if label == "ham" else "spam"))
    return rows


def features(textgate, texts):
    """Each text's features, through the CLI."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for t in texts:
            f.write(t.replace("\r", " ").replace("\n", " ") + "\n")
        path = f.name
    try:
        # Read with the built-in rules, from a directory with no rules of its own: a text's
        # features do not depend on the rules, and the rules on disk need this model's weights.
        with tempfile.TemporaryDirectory() as elsewhere:
            out = subprocess.run([os.path.abspath(textgate), "rules", "features", "--no-config", path], cwd=elsewhere,
                                 capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    lines = out.split("\n")[:len(texts)]
    return [line.split("\t") if line else [] for line in lines]


class Matrix:
    """Binary rows of feature columns, stored as the column indexes of each row."""

    def __init__(self, rows, columns):
        self.indices = np.array([columns[f] for r in rows for f in r if f in columns], dtype=np.int64)
        kept = [sum(1 for f in r if f in columns) for r in rows]
        self.lengths = np.array(kept)
        self.rows = np.repeat(np.arange(len(rows)), self.lengths)

    def scores(self, w, b):
        return np.bincount(self.rows, weights=w[self.indices], minlength=len(self.lengths)) + b


def train(m, y, n_features):
    w, b = np.zeros(n_features), 0.0
    vw, vb = np.zeros(n_features), 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-m.scores(w, b)))
        g = p - y
        gw = np.bincount(m.indices, weights=g[m.rows], minlength=n_features) / len(y) + L2 * w
        gb = g.mean()
        vw = MOMENTUM * vw - RATE * gw
        vb = MOMENTUM * vb - RATE * gb
        w, b = w + vw, b + vb
    return w, b


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--textgate", required=True, help="the textgate binary")
    parser.add_argument("--rules", default=os.path.join(ROOT, "rules"), help="the rules directory to write into")
    args = parser.parse_args()

    rows = examples()
    texts = [t for t, _, _ in rows]
    y = np.array([label for _, label, _ in rows], dtype=float)
    care = np.array([kind == "care" for _, _, kind in rows])
    ham = np.array([kind == "ham" for _, _, kind in rows])
    offers = np.array([kind == "offer" for _, _, kind in rows])
    found = features(args.textgate, texts)
    names = sorted({f for r in found for f in r})
    columns = {f: i for i, f in enumerate(names)}

    # The threshold, from 5-fold cross-validation.
    fold = np.array([i % 5 for i in range(len(rows))])
    held = np.zeros(len(rows))
    for k in range(5):
        train_rows = [r for r, f in zip(found, fold) if f != k]
        w, b = train(Matrix(train_rows, columns), y[fold != k], len(names))
        w[np.abs(w) < KEEP] = 0
        held[fold == k] = Matrix([r for r, f in zip(found, fold) if f == k], columns).scores(w, b)
    clean_at = float(max(held[care]))
    threshold = float(np.ceil(clean_at / 0.25) * 0.25) + MARGIN
    print(f"train-model: {len(rows)} texts, {len(names)} features; cross-validated: the highest score of a care or "
          f"clean practice text is {clean_at:.2f}, so the threshold is {threshold:.2f}, which flags "
          f"{100 * np.mean(held[offers] > threshold):.1f}% of the carrier-filtered texts, "
          f"{100 * np.mean(held[y.astype(bool) & ~offers] > threshold):.1f}% of the spam and "
          f"{int(np.sum(held[ham] > threshold))} of {int(ham.sum())} personal texts", file=sys.stderr)

    w, b = train(Matrix(found, columns), y, len(names))
    kept = [(name, w[i]) for i, name in enumerate(names) if abs(w[i]) >= KEEP]
    with open(os.path.join(args.rules, WEIGHTS), "w", encoding="utf-8") as f:
        f.write("# Weights of the carrier-content model rule (carrier-content.yml), written by `make model`\n")
        f.write("# (scripts/train-model.py): feature<TAB>weight, words and pairs of neighbouring words as\n")
        f.write("# `textgate rules features` prints them. Do not edit by hand; retrain instead.\n")
        f.write(f"<bias>\t{b:.4f}\n")
        for name, weight in kept:
            f.write(f"{name}\t{weight:.4f}\n")
    rule = os.path.join(args.rules, RULE)
    with open(rule, encoding="utf-8") as f:
        text = f.read()
    text, n = re.subn(r"(?m)^threshold: .*$", f"threshold: {threshold:.2f}", text)
    if n != 1:
        raise SystemExit(f"train-model: {rule} has no `threshold:` line to set")
    with open(rule, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"train-model: wrote {len(kept)} weights to {os.path.join(args.rules, WEIGHTS)}; threshold {threshold:.2f} in {rule}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
