"""Rich text in promises: limited Markdown, sanitised against an allow-list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from markupsafe import Markup

from dialog.promises.display import shown_count
from dialog.richtext import render_markdown


def test_allowed_markdown_is_kept() -> None:
    html = render_markdown("### Plan\n\n**bold** *it* [x](https://a.se \"t\")\n\n- a\n- b\n\n"
                           "> quote\n\n[mail](mailto:a@b.se)")
    assert isinstance(html, Markup)
    for part in ("<h3>Plan</h3>", "<strong>bold</strong>", "<em>it</em>",
                 '<a href="https://a.se" title="t">x</a>', "<li>a</li>", "<blockquote>",
                 '<a href="mailto:a@b.se">mail</a>'):
        assert part in html, part


@pytest.mark.parametrize("evil", [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    "# <svg onload=alert(1)>",
])
def test_dangerous_html_is_stripped(evil: str) -> None:
    html = str(render_markdown(evil)).lower()
    for bad in ("<script", "onerror", "javascript:", "onclick", "<iframe", "<img", "<style",
                "data:", "<svg", "onload"):
        assert bad not in html, (evil, html)


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("") == Markup("")
    assert render_markdown(None) == Markup("")


def test_script_in_a_promise_field_never_reaches_the_page(
        client: FlaskClient, make_promise: Callable[..., str]) -> None:
    make_promise(introduction={"sv": "Hej <script>alert(1)</script> [x](javascript:alert(2))"},
                 title={"sv": "Titel <script>alert(3)</script>"})
    html = client.get("/sv/promises/tryggare-torg").get_data(as_text=True)
    assert "<script>alert" not in html and "javascript:alert" not in html
    assert "Titel &lt;script&gt;alert(3)&lt;/script&gt;" in html


@pytest.mark.parametrize(("value", "shown"), [
    (0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (12, "12"), ("<5", "<5"), ("..", ".."),
    ("3", "<5"), ("7", "7"), ("abc", ".."), (-1, ".."), (None, ".."), (True, ".."),
])
def test_small_counts_are_suppressed(value: object, shown: str) -> None:
    assert shown_count(value) == shown


def test_threads_render_at_once_without_mixing_their_texts() -> None:
    """gthread workers render promise texts in several threads at once."""
    import threading

    texts = [f"### Del {i}\n\n**Mål {i}**: *trygghet* i [område {i}](https://a.se/{i})\n\n"
             f"- punkt {i}\n- <b>fet</b> {i}\n" for i in range(400)]
    expected = [str(render_markdown(t)) for t in texts]
    texts = [t + "\n" for t in texts]  # not in the cache: rendered again, at the same time
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        for i in range(offset, len(texts), 8):
            try:
                results[i] = str(render_markdown(texts[i]))
            except Exception as exc:  # any error in a thread fails the test below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [results[i] for i in range(len(texts))] == expected
