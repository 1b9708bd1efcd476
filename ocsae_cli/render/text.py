"""Making untrusted text from a figures file safe to print.

Labels, notes and quotes come from a file anyone may have written. Before they
reach a terminal, escape sequences and other control characters are removed;
rich markup is neutralised by the renderers (they build ``rich.text.Text``,
which never parses markup). JSON carries the text, with the characters a
terminal would act on written as ``\\u`` escapes (see jsonout). Messages on
stderr pass :func:`one_line`.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI CSI/OSC sequences first, so that their printable tails go with them.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# What a spreadsheet skips before it looks for a formula's "=": whitespace (the
# non-breaking space and line breaks too), quotes and invisible format characters.
_BEFORE_FORMULA = re.compile(r"[\s\"'\u2018\u2019\u201c\u201d\u00ad\u200b-\u200f\u2060\ufeff]*+")


def clean(text: str) -> str:
    """``text`` with escape sequences removed and other control characters made visible.

    Line breaks and tabs become spaces, since every place that prints this text
    is one cell or one line. Other control and bidirectional-override
    characters are shown as ``\\x..``/``\\u....`` escapes, so nothing is hidden.
    """
    text = _ESCAPES.sub("", text)
    return _visible(text.replace("\r\n", " ").translate(_SPACES), keep="")


_SPACES = str.maketrans("\n\r\t", "   ")
_SHOWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _visible(text: str, keep: str) -> str:
    """Control and format characters and the line and paragraph separators (but
    those in ``keep``, and the zero-width joiner of emoji) as ``\\x..``/``\\u....``."""
    out = []
    for char in text:
        if char not in keep and unicodedata.category(char) in _SHOWN and char != "\u200d":
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
    # OWASP's rule applies after whatever a spreadsheet skips: " =1+1", "\"=1+1",
    # a non-breaking space or a line break before the "=".
    skipped = _BEFORE_FORMULA.match(value)  # always matches, if only the empty string
    if skipped and value[skipped.end() :].startswith(_FORMULA_STARTS[:4]):
        return "'" + value
    return value


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~$])|&(?=#?[A-Za-z0-9]++;)")


def markdown_cell(text: str) -> str:
    """Clean text escaped for one cell of a GitHub pipe table.

    Pipes, backslashes and the characters of links, emphasis, code,
    strikethrough and maths are backslash-escaped, an ``&`` that would start an
    entity too, and angle brackets are written as entities, so that text from a
    data file reads literally and never becomes a link or raw HTML.
    """
    escaped = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), clean(text))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# Control (Cc), format (Cf: bidi marks, zero-width characters), surrogate (Cs)
# and unassigned (Cn) characters, and the line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


def one_line(text: str) -> str:
    """``text`` for a message on stderr: one line, nothing a terminal would act on.

    Every control, format and separator character (escape sequences, line
    breaks, bidirectional marks, zero-width characters) is shown as a
    ``\\u001b``-style escape, so that text from a file or the command line can
    neither drive the terminal nor forge a line of its own.
    """
    if text.isprintable():  # the usual message: nothing to look at twice
        return text
    return "".join(
        _escape_char(char) if unicodedata.category(char) in _HIDDEN_CATEGORIES else char
        for char in text
    )
