"""The one place where text staff write becomes HTML: limited Markdown, then an allow-list.

Every other user text on the site is escaped by Jinja; this is the only function that
creates `Markup` from it.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import bleach
import markdown
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote", "br"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# A bleach Cleaner keeps its HTML parser's state in itself: two threads cleaning at once with
# one cleaner corrupt each other (IndexError inside html5lib under gthread workers). One each.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    cleaner: bleach.Cleaner | None = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
        )
    return cleaner


def render_markdown(text: str | None) -> Markup:
    """Markdown to HTML with only the allowed tags, attributes and link protocols kept."""
    if not text:
        return Markup("")
    return Markup(_rendered(text))  # noqa: S704 - sanitised in _rendered


@lru_cache(maxsize=4096)
def _rendered(text: str) -> str:
    """The same text always gives the same HTML: each worker renders a promise's texts once,
    not on every view of the page (the public promise page was CPU-bound on this)."""
    html = markdown.markdown(text, output_format="html")
    # Markdown passes raw HTML through; the cleaner strips any tag not on the list (and,
    # with it, every attribute such as onerror and every javascript: link).
    return str(_cleaner().clean(html).strip())
