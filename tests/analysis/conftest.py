"""Fixtures for the analysis tests: a small synthetic set of residents' answers."""

from __future__ import annotations

import random

import pytest

# Each concern: what people complain about (core) and where/when they say it happens (extra).
CONCERNS: dict[str, tuple[list[str], list[str]]] = {
    "moped": (
        [
            "mopeder som kör på gångvägen",
            "mopedbuskörning på cykelbanan",
            "ungdomar på mopeder kör alldeles för fort",
            "buskörning med mopeder och crossar",
            "mopedister som kör på trottoaren",
            "mopeder som väsnas och buskör",
            "mopederna kör som galningar på cykelvägen",
        ],
        ["vid skolan", "på kvällarna", "genom parken", "det är farligt för barnen",
         "nästan påkörd", "hela sommaren"],
    ),
    "tunnel": (
        [
            "det är mörkt i tunneln",
            "gångtunneln är mörk och otäck",
            "belysningen i tunneln är trasig",
            "mörka tunneln känns otrygg",
            "lamporna i gångtunneln fungerar inte",
            "tunneln är dåligt upplyst",
            "för lite ljus i tunneln",
        ],
        ["under vägen", "vid stationen", "jag går en omväg", "på vintern",
         "när jag går hem från bussen", "på kvällen"],
    ),
    "drugs": (
        [
            "langning vid torget",
            "narkotikaförsäljning på torget",
            "de säljer knark vid torget",
            "langare som säljer narkotika på torget",
            "droghandel på torget",
            "knarkhandel och langning runt torget",
            "folk som säljer droger vid torget",
        ],
        ["mitt på dagen", "helt öppet", "till ungdomar", "alla vet om det",
         "på kvällarna", "utanför pizzerian"],
    ),
    "litter": (
        [
            "mycket skräp och nedskräpning",
            "soporna flödar över och skräpet blåser runt",
            "nedskräpning vid återvinningsstationen",
            "skräp överallt och ingen städar",
            "folk slänger skräp och sopor",
            "fulla soptunnor och skräp",
            "glasflaskor och skräp",
        ],
        ["i parken", "efter helgerna", "vid lekplatsen", "på gräsmattan",
         "i buskarna", "längs ån"],
    ),
}
FILLERS = ["", "", "typ ", "alltså ", "jag tycker att ", "ärligt talat ", "det känns som att "]
ENDINGS = ["", ".", "!", " tyvärr", " hela tiden", " varje helg"]


def synthetic_answers(per_concern: int = 25, seed: int = 1) -> tuple[list[str], list[str]]:
    """Varied answers per concern (core complaint, place/time, filler) and their labels."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    texts: list[str] = []
    labels: list[str] = []
    for concern, (cores, extras) in CONCERNS.items():
        for _ in range(per_concern):
            text = rng.choice(FILLERS) + rng.choice(cores) + " " + rng.choice(extras)
            texts.append(text + rng.choice(ENDINGS))
            labels.append(concern)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]


@pytest.fixture
def answers() -> tuple[list[str], list[str]]:
    """100 synthetic Swedish answers about four concerns, with the true concern per answer."""
    return synthetic_answers()
