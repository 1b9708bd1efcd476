"""JSON to paste into a web page: ClaimReview's JSON-LD, a Vega-Lite specification.

Both go inside a ``<script>`` element, where the text ``</script>`` in a quote
or a title would end the element and let the rest run as HTML. So ``<``, ``>``
and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, and, as in
``--json``, control, format and separator characters (escape sequences,
bidirectional marks, zero-width characters, U+2028) as ``\\uXXXX`` escapes:
the same strings to any JSON reader, nothing to act on for a browser or a
terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

_ALWAYS = re.compile(r"[<>&\x7f]")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def dumps(document: Any, *, pretty: bool) -> str:
    """``document`` as one JSON text safe inside a ``<script>`` element; a line break ends it.

    Outside its strings JSON is ASCII with none of the characters escaped here,
    so every escape falls inside a string, where it means the same character.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2 if pretty else None, allow_nan=False)
    text = _ALWAYS.sub(lambda match: _escape(match.group()), text)
    if not text.isascii():
        text = "".join(
            _escape(char)
            if not char.isascii() and unicodedata.category(char) in _HIDDEN_CATEGORIES
            else char
            for char in text
        )
    return text + "\n"
