"""Clustering: determinism, distinct concerns, tiny inputs, assignment of new answers."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from analysis import VARIOUS_ID, AssignmentModel, assign, build_assigner, cluster_texts


def test_same_seed_gives_identical_output(answers: tuple[list[str], list[str]]) -> None:
    texts, _ = answers
    first = cluster_texts(texts, seed=7).to_dict(include_members=True)
    second = cluster_texts(texts, seed=7).to_dict(include_members=True)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_distinct_concerns_end_in_distinct_clusters(answers: tuple[list[str], list[str]]) -> None:
    texts, truth = answers
    result = cluster_texts(texts, seed=0)
    clustered = [c for c in result.clusters if c.id != VARIOUS_ID]
    assert len(clustered) >= 4
    concerns_seen = set()
    for cluster in clustered:
        counts = Counter(truth[i] for i in cluster.members)
        concern, top = counts.most_common(1)[0]
        assert top / cluster.size >= 0.8, (cluster.label, counts)
        concerns_seen.add(concern)
    assert concerns_seen == {"moped", "tunnel", "drugs", "litter"}
    assert sum(c.size for c in result.clusters) == len(texts)


def test_clusters_are_described_in_everyday_words(answers: tuple[list[str], list[str]]) -> None:
    texts, _ = answers
    result = cluster_texts(texts, seed=0)
    words = {t for c in result.clusters for t in c.terms}
    assert {"tunneln", "torget"} <= words
    assert "narkotik" not in words  # a stem, never shown
    for cluster in result.clusters:
        assert 0 < len(cluster.examples) <= 3
        if cluster.id != VARIOUS_ID:
            main = next(lang for lang in cluster.languages if lang in cluster.labels)
            assert cluster.label == cluster.labels[main]


def test_examples_are_masked() -> None:
    texts = ["ring mig på 070-123 45 67 om mopederna på gångvägen"] * 3 + [
        "mopeder på gångvägen hela kvällen",
        "mopederna kör på gångvägen",
    ]
    result = cluster_texts(texts, seed=0)
    shown = " ".join(e for c in result.clusters for e in c.examples)
    assert "070" not in shown and "[telefon]" in shown


def test_k_can_be_set() -> None:
    texts = [f"mörkt i tunneln {i}" for i in range(10)] + [f"skräp i parken {i}" for i in range(10)]
    result = cluster_texts(texts, k=2, seed=0)
    assert result.params["k_chosen"] == 2
    assert len(set(result.assignments[:10])) == 1
    assert result.assignments[0] != result.assignments[10]


@pytest.mark.parametrize("n", [0, 1, 2, 5])
def test_tiny_inputs_do_not_crash(n: int) -> None:
    texts = ["mörkt i tunneln", "skräp i parken", "mopeder", "langning vid torget", "mörkt"][:n]
    result = cluster_texts(texts, seed=0)
    assert len(result.assignments) == n
    assert sum(c.size for c in result.clusters) == n
    json.dumps(result.to_dict())


def test_empty_and_odd_texts_go_to_various() -> None:
    texts = ["", "   ", "123", "🙂", "mörkt i tunneln", "mörkt i tunneln igen", "skräp i parken"]
    result = cluster_texts(texts, seed=0)
    assert result.assignments[:4] == [VARIOUS_ID] * 4


def test_mixed_languages_are_accepted() -> None:
    texts = ["it is dark in the tunnel at night", "the tunnel is dark and scary"] * 5 + [
        "det är mörkt i tunneln",
        "الحديقة مظلمة في الليل",
    ] * 5
    result = cluster_texts(texts, seed=0)
    assert result.params["language_counts"]["en"] == 10
    assert result.params["language_counts"]["other"] == 5


def test_result_can_be_stored_and_new_answers_assigned(
    answers: tuple[list[str], list[str]],
) -> None:
    texts, truth = answers
    result = cluster_texts(texts, seed=0)
    stored = json.loads(json.dumps(result.to_dict()))
    assert stored["version"] and stored["params"]["seed"] == 0
    model = AssignmentModel.from_dict(stored["model"])
    by_id = {c.id: Counter(truth[i] for i in c.members).most_common(1)[0][0]
             for c in result.clusters if c.id != VARIOUS_ID}
    new = ["mopeder kör på gångvägen vid skolan", "mörkt i tunneln på kvällen",
           "helt orelaterat: bibliotekets öppettider"]
    ids = assign(new, model)
    assert by_id[ids[0]] == "moped"
    assert by_id[ids[1]] == "tunnel"
    assert ids[2] == VARIOUS_ID


def test_assigner_from_the_analysts_focus_areas() -> None:
    areas = {
        11: ["mopeder på gångvägen", "mopedbuskörning vid skolan", "buskörning med moped"],
        12: ["mörkt i tunneln", "tunneln saknar belysning", "gångtunneln är mörk"],
        13: ["langning vid torget", "knark säljs på torget", "narkotika på torget"],
    }
    model = build_assigner(areas)
    assert assign(["mopeder som buskör", "belysning i tunneln", "vädret är fint i juni"],
                  model.to_dict()) == [11, 12, VARIOUS_ID]
    json.dumps(model.to_dict())


def test_bad_k_is_refused() -> None:
    with pytest.raises(ValueError, match="k must"):
        cluster_texts(["a b"], k=0)
