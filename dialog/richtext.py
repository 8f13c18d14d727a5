"""The one place where text staff write becomes HTML: limited Markdown, then an allow-list.

Every other user text on the site is escaped by Jinja; this is the only function that
creates `Markup` from it.
"""

from __future__ import annotations

import bleach
import markdown
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote", "br"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def render_markdown(text: str | None) -> Markup:
    """Markdown to HTML with only the allowed tags, attributes and link protocols kept."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, output_format="html")
    # Markdown passes raw HTML through; the cleaner strips any tag not on the list (and,
    # with it, every attribute such as onerror and every javascript: link).
    return Markup(_cleaner.clean(html).strip())  # noqa: S704 - sanitised just above
