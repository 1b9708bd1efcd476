"""From a saved page to plain text, and plain text to headline, paragraphs and sentences.

Only the standard library: ``html.parser`` for pages, linear regular expressions for
the rest. Every span here is a pair of character offsets into the text that
:func:`ocsae_cli.extract.extract` returns, so quotes can be cut from it verbatim.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

__all__ = [
    "Sentence",
    "cut_furniture",
    "headline_span",
    "html_to_text",
    "looks_like_html",
    "sentences",
]

# Elements whose text is never article text.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "head",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "figure",
    }
)
# Elements that end a paragraph.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "main",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "pre",
        "hr",
        "body",
        "caption",
    }
)
# Void elements never get an end tag, so they must not open a skipped region.
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
)

_HTML_SIGNS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|h[1-6]|span|a\s|br|meta|title)\b",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or fragment rather than plain text.

    A doctype or ``<html>`` is enough; otherwise it takes a few paragraph-level tags,
    so that a plain article quoting one ``<p>`` stays plain text.
    """
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_SIGNS.findall(text[:20000])) >= 3


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []
        self._in_h1 = False
        self.h1: str | None = None
        self._h1_parts: list[str] = []
        self.h1_block: int | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1] and tag not in _VOID:
                self._skip_depth += 1
            return
        if tag in _SKIPPED and tag not in _VOID:
            self._skip_stack.append(tag)
            self._skip_depth = 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "h1" and self.h1 is None:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1]:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._skip_stack.pop()
            return
        if tag in _BLOCKS:
            if tag == "h1" and self._in_h1:
                self._in_h1 = False
                self._flush()
                title = " ".join("".join(self._h1_parts).split())
                if title:
                    self.h1 = title
                    self.h1_block = len(self.blocks) - 1
            else:
                self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self._current.append(data)
        if self._in_h1:
            self._h1_parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: one paragraph per block, blank lines between.

    Skips ``script``, ``style``, ``nav``, ``header``, ``footer``, ``aside``, ``form`` (and
    the page's ``head``). Block elements (``p``, ``div``, ``li``, headings...) become
    paragraph breaks; whitespace inside a paragraph collapses to single spaces. The
    text starts at the first ``h1``, so it is taken as the headline; what came before it
    on the page is left out.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = parser.blocks
    if parser.h1 is not None and parser.h1_block is not None:
        # What comes before the headline is page furniture (cookie notices, breadcrumbs,
        # mastheads that are not in a <header>); the story starts at its h1.
        blocks = [parser.h1, *blocks[parser.h1_block + 1 :]]
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# A line that is nothing but a related-stories marker. Matched case-insensitively.
_MARKERS = (
    "more for you",
    "related",
    "related stories",
    "related articles",
    "related content",
    "related news",
    "related topics",
    "read more",
    "read next",
    "keep reading",
    "more stories",
    "more from us",
    "more news",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "see also",
    "also read",
    "top stories",
)
_MARKER_LINE = re.compile(
    r"^[ \t]*(?:" + "|".join(re.escape(m) for m in _MARKERS) + r")[ \t]*[:.!]?[ \t\r]*$",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = re.compile(r"\w+")
# A marker only counts once the article has begun: menus above the headline often
# carry the same words ("Related", "Most read").
_MIN_WORDS_BEFORE_MARKER = 12


def cut_furniture(text: str, until: str | None = None) -> str:
    """The text up to the first related-stories marker, or up to ``until``.

    With ``until`` the text stops at its first occurrence (case-insensitive), and the
    built-in markers are not used. Without it the text stops at a line that is just
    "More For You", "Related", "Read more", "Keep Reading" or the like, once at least
    a sentence's worth of words has come before it. Text without a marker is returned
    whole.
    """
    if until is not None:
        needle = until.strip()
        if not needle:
            return text
        where = text.lower().find(needle.lower())
        return text if where < 0 else text[:where].rstrip() + "\n"
    for match in _MARKER_LINE.finditer(text):
        if len(_WORD.findall(text[: match.start()])) >= _MIN_WORDS_BEFORE_MARKER:
            return text[: match.start()].rstrip() + "\n"
    return text


# Lines of site chrome that precede a headline in a saved page.
_CHROME = re.compile(
    r"(?i)^(?:skip to (?:main )?content|search|menu|home|sign in|log in|subscribe|"
    r"latest(?: stories| news)?|advertisement|share|news|breaking news)\b"
)


def headline_span(text: str) -> tuple[int, int] | None:
    """The span of the headline: the first non-empty line that reads like one.

    Site chrome above the headline ("Skip to content", "Latest Stories") and lines of
    fewer than four words are passed over; when nothing qualifies the first non-empty
    line is the headline.
    """
    first: tuple[int, int] | None = None
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        span = (match.start() + lead, match.start() + lead + len(stripped))
        if first is None:
            first = span
        if _CHROME.match(stripped) or len(stripped.split()) < 4:
            continue
        return span
    return first


class Sentence(NamedTuple):
    """One sentence: its span, and the index of its paragraph."""

    start: int
    end: int
    paragraph: int


# The lookbehind makes a run of "!!!..." start one match attempt, not one per character.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)")
_ABBREVIATION_BEFORE = re.compile(r"([\w.]{1,10})\.$")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "det",
        "supt",
        "insp",
        "sgt",
        "cllr",
        "rev",
        "gen",
        "col",
        "lt",
        "capt",
        "vs",
        "v",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "inc",
        "ltd",
        "co",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "est",
        "c",
        "ch",
        "con",
        "pc",
        "dc",
        "ds",
        "di",
        "dci",
        "dcs",
        "ch.insp",
        "u.s",
        "u.k",
    }
)
_NEXT_START = re.compile(r"(?<!\s)\s++[\"'“‘(\[]?[A-Z0-9£$€]")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences.

    A paragraph is a run of non-blank lines; a line break inside one is also a
    sentence break unless the line ends mid-sentence (a lower-case letter or a comma
    before the break and a lower-case letter after it, as in hard-wrapped text).
    Within a line, a sentence ends at ``.``, ``!`` or ``?`` followed by a capital or a
    digit, but not after abbreviations such as "Mr." or "Det." or an initial.
    """
    stop = len(text) if end is None else end
    out: list[Sentence] = []
    paragraph = -1
    para_start: int | None = None
    pos = start
    while pos <= stop:
        newline = text.find("\n", pos, stop)
        line_end = stop if newline < 0 else newline
        blank = not text[pos:line_end].strip()
        if not blank and para_start is None:
            para_start = pos
        if para_start is not None and (blank or line_end == stop):
            close = line_end if not blank else pos - 1
            paragraph += 1
            for piece_start, piece_end in _lines(text, para_start, close):
                out.extend(
                    Sentence(s, e, paragraph) for s, e in _split_line(text, piece_start, piece_end)
                )
            para_start = None
        pos = line_end + 1
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into pieces at line breaks that end a sentence or a heading."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    pos = text.find("\n", start, end)
    while pos >= 0:
        before = text[piece_start:pos].rstrip()
        after = text[pos + 1 : end].lstrip()
        joined = (
            bool(before)
            and (before[-1].islower() or before[-1] in ",;-–(")
            and (bool(after) and (after[0].islower() or after[0].isdigit()))
        )
        if not joined:
            pieces.append((piece_start, pos))
            piece_start = pos + 1
        pos = text.find("\n", pos + 1, end)
    pieces.append((piece_start, end))
    return pieces


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if not _NEXT_START.match(text, match.end(), end):
            continue
        word_match = _ABBREVIATION_BEFORE.search(
            text, max(start, match.start() - 11), match.start() + 1
        )
        if match.group()[0] == "." and word_match:
            word = word_match.group(1).lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        out.append((sentence_start, match.end()))
        sentence_start = match.end()
    out.append((sentence_start, end))
    trimmed: list[tuple[int, int]] = []
    for piece_start, piece_end in out:
        for s0, e0 in _bounded(text, piece_start, piece_end):
            s, e = s0, e0
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                trimmed.append((s, e))
    return trimmed


# No real sentence is this long. Cutting longer runs keeps every per-sentence step (which
# may compare each number with each period in its sentence) bounded, so extraction
# stays linear in the length of the text even on a page of one endless line.
MAX_SENTENCE = 1000


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut < 0:
            cut = start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
