"""The command line contract: output shape, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import __version__

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m analysis` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )


def write_csv(path: Path, rows: list[tuple[str, str]], bom: bool = False) -> Path:
    """A small CSV with text and gender columns."""
    lines = ["svar,kön"] + [f'"{t}",{g}' for t, g in rows]
    path.write_bytes(("\ufeff" if bom else "").encode() + "\n".join(lines).encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_cluster_writes_the_documented_json(
    tmp_path: Path, bom: bool, answers: tuple[list[str], list[str]]
) -> None:
    texts, _ = answers
    genders = ["kvinna", "man", "annan könstillhörighet", "vill ej ange", ""]
    rows = [(t, genders[i % len(genders)]) for i, t in enumerate(texts)] + [("", "man")]
    src = write_csv(tmp_path / "in.csv", rows, bom)
    out = tmp_path / "out.json"
    done = run("cluster", "--input", src, "--text-column", "svar", "--group-column", "kön",
               "--seed", "3", "--output", out)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text("utf-8"))
    assert set(data) == {"clusters", "assignments", "params", "version"}
    assert data["version"] == __version__
    assert len(data["assignments"]) == len(rows)
    assert data["assignments"][-1] == -1
    assert data["params"]["seed"] == 3
    ids = {c["id"] for c in data["clusters"]}
    assert set(data["assignments"]) <= ids
    assert sum(c["size"] for c in data["clusters"]) == len(rows)
    for c in data["clusters"]:
        assert set(c) == {"id", "label", "terms", "size", "examples", "groups", "labels",
                          "languages", "nearest"}
        assert isinstance(c["id"], int) and isinstance(c["label"], str)
        assert sum(c["languages"].values()) == c["size"]
        assert set(c["labels"]) <= {"sv", "en"} and set(c["nearest"]) <= {"sv", "en"}
        assert all(isinstance(v, int) or v in ("<5", "..") for v in c["groups"].values())
        assert "annan könstillhörighet" in c["groups"] and "unknown" in c["groups"]


def test_semicolon_csv_and_fixed_k(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id;text\n" + "\n".join(
        f"{i};{'mörkt i tunneln' if i % 2 else 'skräp i parken'} {i}" for i in range(20)
    ), encoding="utf-8")
    out = tmp_path / "out.json"
    done = run("cluster", "--input", src, "--text-column", "text", "--k", "2",
               "--language", "sv", "--output", out)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text("utf-8"))
    assert all(c["groups"] == {} for c in data["clusters"])
    assert data["params"]["k_chosen"] == 2


@pytest.mark.parametrize(
    ("content", "column", "message"),
    [
        (None, "svar", "not found"),
        (b"", "svar", "empty"),
        (b"svar,k\xf6n\nm\xf6rkt i tunneln,man\n", "svar", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "svar", "binary"),
        ("svar,kön\nmörkt,man\n".encode(), "text", "column 'text' not found"),
        ("svar,kön\n,man\n  ,kvinna\n".encode(), "svar", "no text"),
        (b"svar\n", "svar", "no text"),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(
    tmp_path: Path, content: bytes | None, column: str, message: str
) -> None:
    src = tmp_path / "in.csv"
    if content is not None:
        src.write_bytes(content)
    done = run("cluster", "--input", src, "--text-column", column, "--output",
               tmp_path / "o.json")
    assert done.returncode != 0
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "o.json").exists()
