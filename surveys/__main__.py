"""Command line for the question library and the leading-question check.

    python -m surveys templates --lang sv [--purpose safety]
    python -m surveys lint --lang sv "Visst är det otryggt i parken?"
    python -m surveys embed-labelled   # after editing surveys/data/leading_questions.csv

Output is JSON on stdout (non-ASCII kept readable); bad input gives one line on stderr and
exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from surveys.leading import check_question
from surveys.templates import LANGUAGES, PURPOSES, templates_for

LINT_LANGUAGES = ("sv", "en", "auto")


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line (argparse prints the usage block too)."""

    def error(self, message: str) -> Any:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _templates(args: argparse.Namespace) -> int:
    _print_json([t.localised(args.lang) for t in templates_for(args.purpose)])
    return 0


def _lint(args: argparse.Namespace) -> int:
    if not args.text.strip():
        print("surveys lint: error: the question text is empty", file=sys.stderr)
        return 2
    _print_json(check_question(args.text, args.lang).to_dict())
    return 0


def _embed_labelled(_args: argparse.Namespace) -> int:
    from surveys.leading_model import VECTORS, build_vectors

    count = build_vectors()
    print(f"{count} labelled questions embedded into {VECTORS.name}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m surveys", description="Question library and checks.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    templates = commands.add_parser("templates", help="print the question library as JSON")
    templates.add_argument("--lang", default="sv", choices=LANGUAGES, help="language of texts")
    templates.add_argument("--purpose", choices=PURPOSES, help="only this purpose")
    templates.set_defaults(func=_templates)

    lint = commands.add_parser("lint", help="check one question for leading wording")
    lint.add_argument("--lang", default="auto", choices=LINT_LANGUAGES, help="sv, en or auto")
    lint.add_argument("text", help="the question to check")
    lint.set_defaults(func=_lint)

    embed = commands.add_parser(
        "embed-labelled", help="store the vectors of the labelled leading-question set"
    )
    embed.set_defaults(func=_embed_labelled)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
