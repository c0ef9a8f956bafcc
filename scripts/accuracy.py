#!/usr/bin/env python3
"""Measures what the rules catch and writes ACCURACY.md.

Every measurement runs through the CLI (`textgate check --format jsonl --lines FILE`), so it
measures what a user gets. The sets:

- the SMS Spam Collection (fixtures/corpus): spam and ham with a content finding, per category,
  and every ham finding listed for review;
- this project's labelled practice messages (fixtures/accuracy/practice-*.tsv): precision,
  recall and F1 per seed category;
- carrier-filtered content and care messages on the same subjects (fixtures/accuracy/carrier-*.tsv),
  and held-out sets of the same kind written by authors who never saw the rules
  (fixtures/accuracy/heldout-*.tsv), reported without their misses;
- a generated disguise suite: every term of every `terms` rule through every transform, the
  shortener domains written with disguised hosts, and care-message controls;
- patients' Spanish replies labelled by intent (fixtures/inbound), through
  `textgate optout classify`: opt-outs that end texting, other replies that must not.

Python 3 standard library only. Usage:
    scripts/accuracy.py --textgate PATH [--rules rules] [--out ACCURACY.md]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from accuracy_disguise import disguise_cases  # noqa: E402
from accuracy_report import write_report  # noqa: E402
from accuracy_rules import read_rules  # noqa: E402

SEED = ["url-shortener", "off-domain-link", "cannabis", "all-caps", "promotional", "rx-offer"]
NOT_CONTENT = {"all-caps", "off-domain-link", "opt-out-keyword", "sms-length", "suppression",
               "template", "unrendered-placeholder", "control-character"}
PRACTICE_DOMAIN = "riversidefamilymed.com"


class Checker:
    """Runs the CLI over many messages at once."""

    def __init__(self, textgate, rules):
        self.textgate = textgate
        self.rules = os.path.abspath(rules)
        self.workdir = tempfile.mkdtemp(prefix="textgate-accuracy-")
        help_text = subprocess.run([textgate, "check", "--help"], capture_output=True, text=True).stdout
        self.no_config = ["--no-config"] if "--no-config" in help_text else []

    def check(self, texts):
        """The findings of each text, in order: a list of lists of finding objects."""
        return [[f for f in r["findings"] if f["severity"] in ("error", "warning")] for r in self.run("check", texts)]

    def classify(self, texts):
        """The intent `textgate optout classify` gives each text, in order."""
        return [r["intent"] for r in self.run("optout classify", texts)]

    def inspect(self, texts):
        """The links `textgate inspect` finds in each text, in order."""
        return [r["links"] for r in self.run("inspect", texts)]

    def run(self, command, texts):
        """The JSON Lines records of `textgate COMMAND --lines` over the texts, in order."""
        for t in texts:
            if "\n" in t or "\r" in t:
                raise SystemExit(f"accuracy: a message holds a line break, which --lines cannot pass: {t!r}")
        path = os.path.join(self.workdir, "messages.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(t + "\n" for t in texts))
        # Run from an empty directory, so that no configuration file of the caller applies.
        if command == "check":
            cmd = [self.textgate, "check", *self.no_config, "--rules", self.rules, "--allow-domain", PRACTICE_DOMAIN,
                   "--format", "jsonl", "--lines", path]
        else:
            cmd = [self.textgate, *command.split(), "--format", "jsonl", "--lines", path]
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=self.workdir)
        if run.returncode not in (0, 1):
            raise SystemExit(f"accuracy: `{' '.join(cmd)}` exited {run.returncode}:\n{run.stderr}")
        records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
        if len(records) != len(texts):
            raise SystemExit(f"accuracy: {len(texts)} messages checked but {len(records)} results came back")
        records.sort(key=lambda r: r["line"])
        return records


def content(findings):
    """Findings that say something about the text's content (not links, capitals or template form)."""
    return [f for f in findings if f["category"] not in NOT_CONTENT]


def provenance(path):
    """What a held-out set's second comment line says of where it came from."""
    with open(path, encoding="utf-8") as f:
        comments = [line[1:].strip() for line in f if line.startswith("#")]
    return comments[1] if len(comments) > 1 else ""


def read_tsv(path):
    """(text, expected categories) pairs; `clean` expects none. `#` lines are comments."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit(f"{path}:{n}: expected text<TAB>categories (or clean)")
            text, labels = line.rsplit("\t", 1)
            expected = set() if labels.strip() == "clean" else {c.strip() for c in labels.split(",") if c.strip()}
            rows.append((text, expected))
    return rows


def read_corpus(path):
    """(label, text) pairs of the SMS Spam Collection, C1 stand-ins for Windows-1252 punctuation mapped back."""
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            text = "".join(bytes([ord(c)]).decode("cp1252") if 0x91 <= ord(c) <= 0x96 else c for c in text)
            rows.append((label, text))
    return rows


def predicted(findings, expected):
    """The categories found. A content finding in a category beyond the seed six also meets an
    expected `promotional`; where none is expected it is not counted against `promotional`."""
    cats = {f["category"] for f in findings}
    if "promotional" in expected and any(f["category"] not in SEED for f in content(findings)):
        cats.add("promotional")
    return cats


def labelled(checker, rows):
    results = checker.check([t for t, _ in rows])
    per = {}
    for cat in SEED:
        tp = fp = fn = 0
        for (text, expected), found in zip(rows, results):
            got = cat in predicted(found, expected)
            want = cat in expected or (cat == "promotional" and bool(expected - set(SEED)))
            tp += got and want
            fp += got and not want
            fn += want and not got
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per[cat] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1,
                    "support": tp + fn}
    errors = []
    for (text, expected), found in zip(rows, results):
        got = predicted(found, expected) & set(SEED)
        want = set(expected) & set(SEED) | ({"promotional"} if expected - set(SEED) else set())
        if got != want:
            errors.append((text, sorted(want), sorted(got), found))
    scored = [v["f1"] for v in per.values() if v["support"] or v["fp"]]
    return {"rows": len(rows), "per": per, "macro_f1": sum(scored) / len(scored) if scored else 1.0,
            "errors": errors}


# The label of a practice's own prize drawing, raffle or contest: written as a care message by a
# held-out set's author, but a sweepstakes by CTIA's definition whoever runs it, so the
# `sweepstakes` rule warns about it by design. Counted apart, neither care nor carrier-filtered.
DRAW = "practice-draw"


def carrier(checker, rows):
    results = checker.check([t for t, _ in rows])
    bad = [(t, e, f) for (t, e), f in zip(rows, results) if e and e != {DRAW}]
    care = [(t, e, f) for (t, e), f in zip(rows, results) if not e]
    draws = [(t, f) for (t, e), f in zip(rows, results) if e == {DRAW}]
    by_cat = {}
    for text, expected, found in bad:
        for cat in sorted(expected):
            c = by_cat.setdefault(cat, {"total": 0, "flagged": 0, "own": 0})
            c["total"] += 1
            c["flagged"] += bool(content(found))
            c["own"] += cat in {f["category"] for f in found}
    return {"offers": len(bad), "offers_flagged": sum(bool(content(f)) for _, _, f in bad),
            "missed": [(t, sorted(e)) for t, e, f in bad if not content(f)],
            "care": len(care), "care_flagged": [(t, f) for t, _, f in care if content(f)],
            "by_category": by_cat, "draws": len(draws), "draws_flagged": [(t, f) for t, f in draws if content(f)]}


def corpus(checker, rows):
    results = checker.check([t for _, t in rows])
    out = {"spam": 0, "ham": 0, "spam_flagged": 0, "ham_flagged": 0, "spam_by_cat": {}, "ham_by_cat": {},
           "ham_findings": [], "spam_missed": []}
    for (label, text), found in zip(rows, results):
        out[label] += 1
        found_content = content(found)
        if found_content:
            out[label + "_flagged"] += 1
        elif label == "spam":
            out["spam_missed"].append(text)
        for cat in sorted({f["category"] for f in found}):
            out[label + "_by_cat"][cat] = out[label + "_by_cat"].get(cat, 0) + 1
        if label == "ham" and found:
            out["ham_findings"].append((text, found))
    return out


ENDS_TEXTING = {"opt-out", "revocation"}


def inbound(checker, rows):
    """Patients' replies labelled with the intent they express: how many that end texting do,
    and how many that do not (ordinary messages, help requests, opt-ins) are read as ending it."""
    got = checker.classify([t for t, _ in rows])
    out = {"rows": len(rows), "by_intent": {}, "errors": []}
    for (text, labels), intent in zip(rows, got):
        expected = next(iter(labels))
        v = out["by_intent"].setdefault(expected, {"total": 0, "right": 0})
        v["total"] += 1
        right = (intent in ENDS_TEXTING) == (expected in ENDS_TEXTING) and (expected in ENDS_TEXTING or intent == expected)
        v["right"] += right
        if not right:
            out["errors"].append((text, expected, intent))
    stops = [r for r in rows if next(iter(r[1])) in ENDS_TEXTING]
    out["stops"] = len(stops)
    out["stops_ended"] = sum(1 for (t, l), i in zip(rows, got) if next(iter(l)) in ENDS_TEXTING and i in ENDS_TEXTING)
    out["others"] = len(rows) - len(stops)
    out["others_ended"] = sum(1 for (t, l), i in zip(rows, got) if next(iter(l)) not in ENDS_TEXTING and i in ENDS_TEXTING)
    return out


def disguise(checker, rules):
    cases = disguise_cases(rules)
    results = checker.check([c["text"] for c in cases])
    for case, found in zip(cases, results):
        case["found"] = [f["rule"] for f in found]
        case["ok"] = (case["rule"] in case["found"]) == case["expect_flag"]
    hosts = [c for c in cases if c["set"] == "host"]
    for case, links in zip(hosts, checker.inspect([c["text"] for c in hosts])):
        case["hosts"] = [link["host"] for link in links]
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--textgate", required=True, help="the textgate binary")
    ap.add_argument("--rules", default="rules")
    ap.add_argument("--root", default=".", help="the repository root (fixtures are read from here)")
    ap.add_argument("--out", default="ACCURACY.md")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    checker = Checker(os.path.abspath(args.textgate), os.path.join(root, args.rules))
    fx = lambda *p: os.path.join(root, "fixtures", *p)  # noqa: E731
    rules = read_rules(os.path.join(root, args.rules))
    data = {
        "corpus": corpus(checker, read_corpus(fx("corpus", "sms-spam-collection.tsv"))),
        "practice": {lang: labelled(checker, read_tsv(fx("accuracy", f"practice-{lang}.tsv"))) for lang in ("en", "es")},
        "carrier": {lang: carrier(checker, read_tsv(fx("accuracy", f"carrier-{lang}.tsv"))) for lang in ("en", "es")},
        "heldout": {name[len("heldout-"):-len(".tsv")]: dict(carrier(checker, read_tsv(fx("accuracy", name))),
                                                            about=provenance(fx("accuracy", name)))
                    for name in sorted(os.listdir(fx("accuracy"))) if name.startswith("heldout-") and name.endswith(".tsv")},
        "disguise": disguise(checker, rules),
        "inbound": {"es": inbound(checker, read_tsv(fx("inbound", "es-optout.tsv")) + read_tsv(fx("inbound", "es-ordinary.tsv")))},
        "rules": rules,
    }
    with open(os.path.join(root, args.out), "w", encoding="utf-8") as f:
        f.write(write_report(data))
    summary = data["corpus"]
    print(f"accuracy: spam flagged {summary['spam_flagged']}/{summary['spam']}, "
          f"ham with a finding {len(summary['ham_findings'])}/{summary['ham']}; "
          + "; ".join(f"practice-{k} macro F1 {v['macro_f1']:.3f}" for k, v in data["practice"].items())
          + "; " + "; ".join(f"carrier-{k} {v['offers_flagged']}/{v['offers']} flagged, "
                             f"{len(v['care_flagged'])}/{v['care']} care flagged" for k, v in data["carrier"].items())
          + f"; disguises caught {sum(c['ok'] for c in data['disguise'])}/{len(data['disguise'])}; wrote {args.out}")


if __name__ == "__main__":
    main()
