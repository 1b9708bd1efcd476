"""Making untrusted text from a figures file safe to print.

Labels, notes and quotes come from a file anyone may have written. Before they
reach a terminal, escape sequences and other control characters are removed;
rich markup is neutralised by the renderers (they build ``rich.text.Text``,
which never parses markup). JSON carries the text verbatim.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI CSI/OSC sequences first, so that their printable tails go with them.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """``text`` with escape sequences removed and other control characters made visible.

    Line breaks and tabs become spaces, since every place that prints this text
    is one cell or one line. Other control and bidirectional-override
    characters are shown as ``\\x..``/``\\u....`` escapes, so nothing is hidden.
    """
    text = _ESCAPES.sub("", text)
    return _visible(text.replace("\r\n", " ").translate(_SPACES), keep="")


_SPACES = str.maketrans("\n\r\t", "   ")


def _visible(text: str, keep: str) -> str:
    """Control and format characters (but those in ``keep``) as ``\\x..``/``\\u....``."""
    out = []
    for char in text:
        if char not in keep and unicodedata.category(char) in ("Cc", "Cf") and char != "\u200d":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def csv_cell(value: str) -> str:
    """A string cell safe to print and to open in a spreadsheet.

    Escape sequences are removed and other control characters shown escaped,
    as in tables (tabs and line breaks stay: quoting carries them). A cell that
    a spreadsheet would run as a formula gets a leading ``'`` (OWASP CSV injection).
    """
    value = _visible(_ESCAPES.sub("", value), keep="\t\n\r")
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def markdown_cell(text: str) -> str:
    """Clean text escaped for one cell of a GitHub pipe table.

    Pipes, backslashes and the characters of links, emphasis and code are
    backslash-escaped and angle brackets written as entities, so that text from
    a data file reads literally and never becomes a link or raw HTML.
    """
    escaped = re.sub(r"([\\`*_\[\]|])", r"\\\1", clean(text))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")
