"""Precision and recall of the leading-question check on the labelled set.

Leading is the positive class. Read the holdout figures with their history:

- Holdout batch 1 (62 questions) was written before any rule, by the same author who then
  wrote the rules; it scored 1.00/1.00, which says more about shared intuitions than about
  unseen wording.
- Holdout batch 2 (53 questions, adapted from real Swedish/Finnish/English safety surveys and
  textbook leading-question examples) was labelled before its first run. First run on the
  whole holdout: precision 0.93, recall 0.77; on batch 2 alone: precision 0.75, recall 0.45
  (misses: positive presupposition "how much do you enjoy", "how high would you rate",
  priming "med tanke på", social proof with words in between).
- Rules were then extended for those kinds of wording using new tune questions, so later
  holdout figures are optimistic.
- Split "fresh" (100 questions, 50 sv and 50 en, half leading) was written and labelled by
  someone who had not seen the rules or this file, and run once, with no rule changed
  after it: precision 0.95, recall 0.76 (sv 0.95/0.72, en 0.95/0.80). Goal: 0.9/0.8 on
  unseen wording - precision met, recall not. The misses are double-barrelled pairs of
  places or problems ("i ditt område och i kollektivtrafiken", "drugs or vandalism"),
  social proof and priming without stock phrases ("De flesta boende ... – gör du det
  också?", "After last month's stabbing"), presupposing adjectives ("det växande
  missbruket", "the noisy students") and "the main cause"; the two false alarms read a
  route "between A and B" as two questions. Rules were then written for these kinds
  (social proof with a "gör du det också?"/"do you too?" tag, blame as "the main cause",
  definite evaluative adjectives, event priming, two settings joined by "och i"/"and on",
  routes), so "fresh" is a tune split now: 1.00/0.94 after the change.
- Split "fresh2" (100 more written the same way by another writer who saw neither rules nor
  data; 7 duplicates of earlier rows dropped, 93 kept) was then run once: precision 1.00,
  recall 0.78 (sv 1.00/0.79, en 1.00/0.76). Against the goal 0.9/0.8 on unseen wording:
  precision met, recall just short. Misses: social proof in new words ("Lots of your
  neighbours … Do you feel the same?", "Vill du också det?"), police methods without
  "should" ("Would more foot patrols …"), presuppositions carried by "when did you first
  notice", "äntligen", "the constant", "så respektlöst", and an "or" between two problems.
  Rules were then written for these kinds (social proof subjects and "likadant/the same"
  tags, "äntligen"/"has … finally", more [kind of] patrols/cameras, one-sided "hur
  otrygg"/"how unsafe", "when did you first notice", "the constant …", "varför … så
  respektlöst", scourge/gissel), so "fresh2" is a tune split now: 1.00/0.98 after.
- Split "fresh3" (100 by a third writer who saw neither rules nor data; 12 repeats
  dropped, 88 kept), run once with no rule changed since: precision 1.00, recall 0.76
  (sv 1.00/0.72, en 1.00/0.79). Two rounds of rules for what unseen sets missed did not
  raise recall on the next unseen set: a rule list catches about three leading questions
  in four, with no false alarms. Misses: two problems or two times joined by "och"/"and"
  outside a judgement ("Hur ofta ser du langning och nedskräpning", "in the morning and
  late at night"), two organisations' work in one question, a measure proposed as a
  question ("Skulle ett vaktbolag … minska snatterierna", "Would you support a dispersal
  order"), presupposed causes and problems ("så många unga börjar begå brott",
  "problemet med den okontrollerade hundrastningen", "the increase in burglaries"),
  one-sided "how scared"/"hur hotfullt". Next step, if any: a second reader, not more
  rules.

- Method change (issue 15): more rules had stopped helping, so the check now adds a valence
  lexicon (VADER, sv and en: strongly positive or negative adjectives in the stem are judging
  words), doubled feeling words, one-sided answer options written into the question, a group
  presented as the cause, and a logistic regression on the 50 word n-grams that best tell the
  labels apart, trained on the training splits (all but "holdout" and "unseen4") and flagging
  on its own at 0.7. Rules were also written for two kinds every unseen set had held: two
  different kinds of problem joined by "och"/"eller"/"and"/"or" (grouped in
  surveys/data/problem_kinds.toml) and a measure put as a question ("Skulle ett vaktbolag …
  minska", "Would you support a ban"). Leave-one-split-out (--cv) chose the classifier: with
  all n-grams, character n-grams or valence counts it flagged plain questions about places
  and times ("How often do you walk through the park?"); with 50 chi-squared n-grams at 0.7 it
  raised no false alarm on any left-out split, holdout, the templates or 83 neutral probe
  questions, but on "fresh3" it added no catch the rules missed (0.65 added 2 and flagged a
  template). fresh3 left out: precision 1.00, recall 0.86 (sv 0.84, en 0.88) - optimistic,
  since the two new rule kinds were written knowing its misses. Holdout: 1.00/0.96 (sv
  1.00/0.92, en 1.00/1.00), held as a floor by tests/surveys/test_leading_floor.py.

- Split "unseen4" (240 questions, 120 sv and 120 en, half leading, written by a writer who
  saw neither rules nor data; 3 repeats of earlier rows dropped, 237 kept) was run once on the
  changed method, with nothing changed after: precision 0.87, recall 0.68 (sv 0.90/0.73, en
  0.84/0.63). The goal (0.95/0.9) is not met. The set is harder than the earlier ones: the
  rule list before the change scores 0.88/0.47 on it (against 0.76-0.78 recall on earlier
  unseen sets), so the change lifted recall by about 20 points at the same precision; 3 of
  the catches were the classifier's alone. False alarms (12): two problems of different kinds
  this writer labelled as one question ("litter or graffiti", "shoplifting or vandalism" -
  earlier writers labelled the same pattern leading), "X or not X" scales ("useful or not
  useful") read as a judging word, "to and from school", an agree-disagree scale in brackets
  read as one-sided, and "would you like the police to prioritise". Misses (38): claims
  slipped into a clause ("som ju arbetar hårt", "Since speed cameras save lives", "because
  residents leave windows open"), social proof and agreement tags in new words ("Delar du den
  oron?", "Did you find it informative too?"), loaded nouns for people ("the drunks",
  "missbrukarna", "ungdomsgängen"), one-sided options after a slash ("Ibland / Ofta / Mycket
  ofta", "Poor / Very poor / Unacceptable"), "How important is it that the police take tough
  action", "at last", and praise or alarm words the lexicon misses ("highly rated",
  "framgångsrika" in a long clause). unseen4 is a measurement split: never trained on, held
  as a floor in tests/surveys/test_leading_floor.py.

Run: python benchmarks/leading_bench.py [--errors] [--split SPLIT] [--cv] [--unseen PATH]
--unseen measures any labelled CSV (columns text, lang, leading) with the shipped model;
--cv retrains the classifier once per training split, without it, and measures that split.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

from surveys.leading import check_question
from surveys.leading_model import train, training_examples

DATA = Path(__file__).resolve().parent.parent / "surveys" / "data" / "leading_questions.csv"


@dataclass
class Counts:
    """Confusion counts for one slice of the set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def load(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _truth(value: str) -> bool:
    if value.strip().lower() not in ("true", "false"):
        raise SystemExit(f"leading must be true or false, not {value!r}")
    return value.strip().lower() == "true"


def measure(rows: list[dict[str, str]], errors: bool, only_split: str | None) -> int:
    """Print precision and recall per split and language, and optionally each miss."""
    slices: dict[tuple[str, str], Counts] = {}
    missed: list[str] = []
    for row in rows:
        split = row.get("split") or "unseen"
        truth = _truth(row["leading"])
        result = check_question(row["text"], row["lang"])
        for name in (split, "all"):
            for lang in (row["lang"], "both"):
                slices.setdefault((name, lang), Counts()).add(truth, result.leading)
        if truth != result.leading and only_split in (None, split):
            rules = ",".join(f.rule for f in result.findings if f.severity == "leading")
            kind = "FN" if truth else f"FP[{rules}]"
            missed.append(f"{split:7} {row['lang']} {kind:24} {row['text']}")

    print(f"{'split':8}{'lang':6}{'n':>5}{'precision':>11}{'recall':>8}")
    splits = list(dict.fromkeys(split for split, _lang in slices if split != "all"))
    for split in [*splits, "all"]:
        for lang in ("sv", "en", "both"):
            c = slices.get((split, lang), Counts())
            print(f"{split:8}{lang:6}{c.n:>5}{c.precision:>11.2f}{c.recall:>8.2f}")
    if errors:
        print()
        print("\n".join(missed))
    return 0


def cross_validate(errors: bool) -> int:
    """Each training split measured by a classifier trained without it (rules unchanged)."""
    examples = training_examples()
    slices: dict[tuple[str, str], Counts] = {}
    missed: list[str] = []
    for split in dict.fromkeys(e.split for e in examples):
        model = train([e for e in examples if e.split != split])
        for e in (e for e in examples if e.split == split):
            flagged = check_question(e.text, e.lang, model=model).leading
            for name in (split, "all"):
                for lang in (e.lang, "both"):
                    slices.setdefault((name, lang), Counts()).add(e.leading, flagged)
            if flagged != e.leading:
                missed.append(f"{split:7} {e.lang} {'FN' if e.leading else 'FP':3} {e.text}")
    print(f"{'left out':9}{'lang':6}{'n':>5}{'precision':>11}{'recall':>8}")
    for split in [*dict.fromkeys(e.split for e in examples), "all"]:
        for lang in ("sv", "en", "both"):
            c = slices[split, lang]
            print(f"{split:9}{lang:6}{c.n:>5}{c.precision:>11.2f}{c.recall:>8.2f}")
    if errors:
        print()
        print("\n".join(missed))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified questions")
    parser.add_argument("--split", default=None, help="only list errors from this split")
    parser.add_argument("--unseen", type=Path, help="measure this labelled CSV instead")
    parser.add_argument("--cv", action="store_true", help="leave one training split out")
    parser.add_argument("--quick", action="store_true", help="accepted for make bench")
    args = parser.parse_args(argv)
    if args.cv:
        return cross_validate(args.errors)
    if args.unseen:
        rows = [{**row, "split": "unseen"} for row in load(args.unseen)]
        return measure(rows, args.errors, None)
    return measure(load(), args.errors, args.split)


if __name__ == "__main__":
    raise SystemExit(main())
