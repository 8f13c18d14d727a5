"""The languages of the product, in one place: the interface, the question templates, the demo.

`surveys` and `dialog` both read them from here (surveys does not depend on the web app).
"""

from __future__ import annotations

# Swedish first: the default and the fallback for anything not yet translated.
LANGUAGES: tuple[str, ...] = ("sv", "en", "ar", "fa", "so", "ti", "fi")
# Every question template has these.
REQUIRED_LANGUAGES: tuple[str, ...] = ("sv", "en")
