"""Every translation uses the glossary's word where the source uses one of the method's concepts.

The glossary (`translations/glossary.toml`) fixes, per language, the term for each concept
(safety, police, municipality, promise to residents, dialogue, update, …) and the exact text of
each answer option (scale steps, gender, time bands). A translation that picks another word
changes what is asked, and answers in two languages can no longer be compared.

Checked here: every catalog entry, every question template, and every text the demo data holds
in several languages (dicts with "sv" and "en" keys, or `_t(sv, en, …)` calls in the source).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

TRANSLATIONS = ROOT / "translations"
GLOSSARY = TRANSLATIONS / "glossary.toml"
TARGET_LANGUAGES = ("ar", "fa", "so", "ti", "fi")
MULTILINGUAL_SOURCES = (
    "surveys/data/templates.toml",
    "dialog/demo/seed.py",
    "dialog/demo/data/seed.toml",
    "dialog/demo/more_dialogues.py",
    "dialog/demo/promises.py",
)


@dataclass(frozen=True)
class Term:
    term: str
    forms: tuple[str, ...]
    avoid: tuple[str, ...]
    avoid_regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Concept:
    name: str
    en: re.Pattern[str]
    sv: re.Pattern[str]
    terms: Mapping[str, Term]

    def used_in(self, en: str, sv: str) -> bool:
        return bool(self.en.search(en) and self.sv.search(sv))


@dataclass(frozen=True)
class Label:
    name: str
    en: str
    sv: str
    terms: Mapping[str, str]


def _load() -> tuple[list[Concept], list[Label]]:
    data = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    concepts = [
        Concept(
            name,
            re.compile(entry["en"], re.IGNORECASE),
            re.compile(entry["sv"], re.IGNORECASE),
            {lang: Term(entry[lang]["term"], tuple(entry[lang]["forms"]),
                        tuple(entry[lang].get("avoid", ())),
                        re.compile(entry[lang]["avoid_regex"])
                        if "avoid_regex" in entry[lang] else None)
             for lang in TARGET_LANGUAGES if lang in entry},
        )
        for name, entry in data["concept"].items()
    ]
    labels = [
        Label(name, entry["en"], entry["sv"],
              {lang: entry[lang]["term"] for lang in TARGET_LANGUAGES})
        for name, entry in data["label"].items()
    ]
    return concepts, labels


CONCEPTS, LABELS = _load()


@dataclass(frozen=True)
class Text:
    """One text in several languages and where it comes from."""

    where: str
    by_lang: Mapping[str, str]


def _catalog_texts() -> Iterator[Text]:
    catalogs = {}
    for lang in ("sv", *TARGET_LANGUAGES):
        with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            catalogs[lang] = read_po(fh)
    for message in catalogs["sv"]:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]
        texts = {"en": source}
        for lang, catalog in catalogs.items():
            entry = catalog.get(message.id)
            if entry is None:
                continue
            string = entry.string
            texts[lang] = string if isinstance(string, str) else " ".join(string)
        yield Text(f"catalog {source[:60]!r}", texts)


def _string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _toml_texts(relative: str, value: object, where: str = "") -> Iterator[Text]:
    """Every table of a data file that holds a Swedish and an English text."""
    if isinstance(value, dict):
        texts = {k: v for k, v in value.items() if isinstance(v, str)}
        if "sv" in texts and "en" in texts:
            yield Text(f"{relative}:{where} {texts['en'][:50]!r}", texts)
        for key, item in value.items():
            yield from _toml_texts(relative, item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _toml_texts(relative, item, f"{where}[{number}]")


def _source_texts() -> Iterator[Text]:
    """Multilingual literals in the question templates and the demo data, in code or data."""
    for relative in MULTILINGUAL_SOURCES:
        if relative.endswith(".toml"):
            yield from _toml_texts(relative, tomllib.loads((ROOT / relative).read_text("utf-8")))
            continue
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            texts: dict[str, str] = {}
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    k = _string(key) if key is not None else None
                    v = _string(value)
                    if k is not None and v is not None:
                        texts[k] = v
            if "sv" in texts and "en" in texts:
                yield Text(f"{relative}:{node.lineno} {texts['en'][:50]!r}", texts)


ALL_TEXTS = [*_catalog_texts(), *_source_texts()]


def _concept_problems(text: Text) -> list[str]:
    problems = []
    for concept in CONCEPTS:
        if not concept.used_in(text.by_lang["en"], text.by_lang["sv"]):
            continue
        for lang, term in concept.terms.items():
            translated = text.by_lang.get(lang)
            if translated is None:
                continue
            lowered = translated.lower()
            if not any(form.lower() in lowered for form in term.forms):
                problems.append(f"{lang}: {concept.name} should be “{term.term}”: {translated}")
            for avoided in term.avoid:
                if avoided.lower() in lowered:
                    problems.append(f"{lang}: {concept.name} must not use “{avoided}”: "
                                    f"{translated}")
            if term.avoid_regex and (found := term.avoid_regex.search(translated)):
                problems.append(f"{lang}: {concept.name} must not use “{found.group()}”: "
                                f"{translated}")
    return problems


def _label_problems(text: Text) -> list[str]:
    problems = []
    for label in LABELS:
        if text.by_lang["en"] != label.en:
            continue
        if text.by_lang["sv"] != label.sv:
            problems.append(f"sv: {label.name} should be “{label.sv}”")
        for lang, term in label.terms.items():
            translated = text.by_lang.get(lang)
            if translated is not None and translated != term:
                problems.append(f"{lang}: {label.name} should be exactly “{term}”: {translated}")
    return problems


@pytest.mark.parametrize("text", ALL_TEXTS, ids=lambda text: text.where)
def test_translation_uses_the_glossary(text: Text) -> None:
    problems = _concept_problems(text) + _label_problems(text)
    assert not problems, "\n".join(problems)


def test_the_glossary_covers_every_language_and_concept_the_issue_names() -> None:
    names = {c.name for c in CONCEPTS} | {label.name for label in LABELS}
    assert {"safe", "unsafe", "police", "municipality", "promise_to_residents", "dialogue",
            "update", "resident", "anonymous", "woman", "man", "another_gender", "prefer_not",
            "very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "dont_know", "never",
            "rarely", "sometimes", "often", "morning", "daytime", "evening", "night"} <= names
    for concept in CONCEPTS:
        assert set(concept.terms) <= set(TARGET_LANGUAGES)
    for label in LABELS:
        assert set(label.terms) == set(TARGET_LANGUAGES), label.name


def test_every_fixed_option_and_scale_step_is_in_the_glossary() -> None:
    """A new answer option must get its term in every language before it ships."""
    from surveys.questions import DONT_KNOW_LABEL, FIXED_OPTIONS, AnswerType
    from surveys.templates import TEMPLATES

    labelled = {label.en for label in LABELS}
    fixed = {label for key, options in FIXED_OPTIONS.items() if key != AnswerType.AGE_BAND
             for _, label in options}
    scale_steps = {option["en"] for template in TEMPLATES if template.answer_type == "scale"
                   for option in template.options}
    assert fixed | scale_steps | {DONT_KNOW_LABEL} <= labelled


def test_time_bands_carry_clock_hours() -> None:
    """"Evening" is late afternoon in one language and night in another: hours settle it."""
    from surveys.questions import FIXED_OPTIONS, AnswerType

    for key, label in FIXED_OPTIONS[AnswerType.TIME_OF_DAY]:
        if key != "no_particular":
            assert re.search(r"\(\d\d–\d\d\)$", label), label


def test_the_check_catches_a_word_that_changes_the_question() -> None:
    """The checks are not vacuous: the texts the issue reported fail them."""
    somali = Text("x", {"en": "How safe do you feel?", "sv": "Hur trygg känner du dig?",
                        "so": "Intee in le'eg ayaad nabad dareemaysaa?"})
    assert any("so: safe" in p for p in _concept_problems(somali))
    promises = Text("x", {"en": "Citizen promises", "sv": "Medborgarlöften",
                          "ar": "وعود المواطنين"})
    assert _label_problems(promises)
    persian = Text("x", {"en": "Evening (18–22)", "sv": "Kväll (18–22)", "fa": "عصر (18–22)"})
    assert _label_problems(persian)
    tigrinya = Text("x", {"en": "Write in your own words.", "sv": "Skriv med egna ord.",
                          "ti": "ብቓላትካ ጽሓፍ።"})
    assert any("polite_you" in p for p in _concept_problems(tigrinya))


def _html_text(source: str) -> str:
    """What a template prints outside Jinja tags, comments and HTML tags."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.DOTALL)
    return re.sub(r"<[^>]*>", " ", source)


def test_templates_do_not_use_an_avoided_term() -> None:
    avoided = [a for c in CONCEPTS for t in c.terms.values() for a in t.avoid]
    for path in Path(ROOT / "templates").rglob("*.html"):
        text = _html_text(path.read_text(encoding="utf-8"))
        for term in avoided:
            assert term not in text, (path, term)


def test_the_data_files_are_read() -> None:
    """The question templates' texts, now data, still pass through the checks above."""
    from_templates = [t for t in _source_texts() if t.where.startswith("surveys/data/")]
    assert len(from_templates) >= 120  # 132 when written
