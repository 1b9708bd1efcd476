"""Fuzzing that stays in the suite: mutants of the packaged figures file through six commands.

Each mutant is the packaged file with one to three changes: its structure
(entries or lines deleted, duplicated or swapped, a value of another type),
extreme numbers (1e308, 10**400, inf, nan, ...) or zeros (0, -0.0, 5e-324) in a
numeric field,
extreme dates (0001-01-01, 9999-12-31, 29 February, a date and time) in a date
field, or hostile text (escape sequences, bidirectional and zero-width marks,
line separators, formula and Markdown starts) in a string field or a key.

Every mutant runs in-process through ``validate``, ``summary --json``,
``compare --period lockdown --period seven-weeks``, ``check --json``,
``weekly --format csv`` and ``query --format markdown``. Each must end with its
documented exit code and no escaped exception, print output that parses, keep
stderr to escaped one-line messages, and agree with ``validate`` on whether the
file is valid.

A fast profile runs with every test run; the ``slow`` profile runs 10,000
mutants (``pytest -m slow tests/test_fuzz.py``, about six minutes on two cores).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli
from clirun import Outcome, invoke
from conftest import to_toml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocsae_cli.cli import EXIT_CHECK_FAILED, EXIT_DATA, EXIT_OK, EXIT_USAGE
from ocsae_cli.load import MAX_DIAGNOSTICS, packaged_data_path

# Whole-module: fuzzing, scale and export runs belong to the full loop (CI), not the fast one.
pytestmark = pytest.mark.slow

PACKAGED_TEXT = packaged_data_path().read_text(encoding="utf-8")
PACKAGED_DOC: dict[str, Any] = tomli.loads(PACKAGED_TEXT)

FAST_EXAMPLES = 50
SLOW_EXAMPLES = 10_000  # shared by the five kinds of mutation below


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ---------------------------------------------------------------- what goes in

# Zero, negative zero and the smallest subnormal: a denominator where a figure
# stands beside another (a total beside a weekly average, say).
ZERO_NUMBERS: tuple[int | float, ...] = (0, -0.0, 5e-324, 0.0)
EXTREME_NUMBERS: tuple[int | float, ...] = (
    1e308,
    -1e308,
    1.7976931348623157e308,
    10**400,
    -(10**400),
    2**63,
    10**19,
    1e15,
    1e16,
    -1,
    0.5,
    float("inf"),
    float("-inf"),
    float("nan"),
)
EXTREME_DATES: tuple[date | datetime | time, ...] = (
    date(1, 1, 1),
    date(9999, 12, 31),
    date(9999, 12, 25),
    date(1, 1, 7),
    date(2020, 2, 29),
    date(2000, 2, 29),
    date(1900, 3, 1),
    date(2019, 3, 1),
    datetime(2020, 3, 23, 10, 0),
    datetime(2020, 3, 23, 10, 0, tzinfo=timezone(timedelta(hours=-12))),
    time(10, 0),
)
# A 29 February that does not exist: TOML itself refuses it.
IMPOSSIBLE_DATES = ("2021-02-29", "2019-02-29", "0000-01-01", "2020-13-01")

HOSTILE_TEXTS: tuple[str, ...] = (
    "\x1b]52;c;aGVsbG8=\x07\x1b[31mREDKEY",
    "\nok: figures.toml: 14 figures, 6 periods, 6 metrics\r",
    "\x1b[2J\x1b[H",
    "\x9b31m C1 CSI \x9d0;title\x9c",
    "\u202eevil\u202c \u2066isolate\u2069 \u200f",
    "zero\u200bwidth\u200c\u200d\u2060\ufeff",
    "line\u2028separator\u2029paragraph\x85next",
    "del\x7f bell\x07 nul-ish\x01",
    '=HYPERLINK("http://evil","x")',
    " \u00a0\"'=1+1",
    "\n-2+3",
    "@SUM(A1)",
    "===",
    "---",
    "***",
    "~~~",
    "```",
    "$$",
    "    indented code",
    "# heading",
    "1. item",
    "> quote",
    "<script>alert(1)</script>",
    "[link](http://evil) ![img](x) <http://evil>",
    "a | b | c",
    "[red]markup[/red] [bold]",
    "&#x1b; &lt; &amp;",
    "\\",
    "",
    " ",
    "\U000e0041\U000e0042 tags",
    "x" * 5000,
    "é" * 300 + "“quoted”",
)

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.lists(st.sampled_from(HOSTILE_TEXTS), min_size=2, max_size=4).map("".join),
)

OTHER_TYPES: tuple[Any, ...] = (
    "45",
    "2020-03-23",
    True,
    3.5,
    7,
    [],
    [1, "a"],
    {},
    {"value": 1},
    date(2020, 3, 23),
    datetime(2020, 3, 23, 10, 0),
    time(10, 0),
)

# Numeric fields the packaged file leaves out; adding them reaches them too.
OPTIONAL_NUMBERS = (("figures", "precision"),)


# ---------------------------------------------------------------- the document's places

Path_ = tuple[str | int, ...]


def leaves(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in a parsed document, tables and arrays included, with its path."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from leaves(value, (*path, position))


PLACES = [(path, value) for path, value in leaves(PACKAGED_DOC) if path]
NUMBER_PATHS = [p for p, v in PLACES if isinstance(v, int | float) and not isinstance(v, bool)]
NUMBER_PATHS += [
    (section, position, key)
    for section, key in OPTIONAL_NUMBERS
    for position in range(len(PACKAGED_DOC.get(section, [])))
]
DATE_PATHS = [p for p, v in PLACES if isinstance(v, date | datetime | time)]
STRING_PATHS = [p for p, v in PLACES if isinstance(v, str)]
KEY_PATHS = [p for p, _ in PLACES if isinstance(p[-1], str)]
ARRAY_ENTRY_PATHS = [p for p, v in PLACES if isinstance(p[-1], int) and isinstance(v, dict)]
LEAF_PATHS = [p for p, v in PLACES if not isinstance(v, dict | list)]


def _parent(doc: Any, path: Path_) -> Any:
    node = doc
    for part in path[:-1]:
        node = node[part]
    return node


def _edit(doc: dict[str, Any], path: Path_, action: Callable[[Any, Any], None]) -> bool:
    """``action(parent, last)`` where ``path`` still leads; False when an earlier change
    moved or replaced what it pointed at."""
    try:
        parent = _parent(doc, path)
        action(parent, path[-1])
    except (KeyError, IndexError, TypeError):
        return False
    return True


def set_value(doc: dict[str, Any], path: Path_, value: Any) -> bool:
    def put(parent: Any, last: Any) -> None:
        if isinstance(parent, list) and not isinstance(last, int):
            raise TypeError
        if not isinstance(parent, list | dict):
            raise TypeError
        parent[last] = value

    return _edit(doc, path, put)


def rename_key(doc: dict[str, Any], path: Path_, new: str) -> bool:
    def rename(parent: Any, last: Any) -> None:
        if not isinstance(parent, dict) or new in parent:
            raise TypeError
        parent[new] = parent.pop(last)

    return _edit(doc, path, rename)


def delete_entry(doc: dict[str, Any], path: Path_) -> bool:
    def delete(parent: Any, last: Any) -> None:
        if not isinstance(parent, dict | list):
            raise TypeError
        del parent[last]

    return _edit(doc, path, delete)


def duplicate_entry(doc: dict[str, Any], path: Path_) -> bool:
    def duplicate(parent: Any, last: Any) -> None:
        if not isinstance(parent, list):
            raise TypeError
        parent.insert(last, copy.deepcopy(parent[last]))

    return _edit(doc, path, duplicate)


def _done(description: str, applied: bool) -> str:
    return description if applied else f"{description}: gone already"


# ---------------------------------------------------------------- mutants


class Mutant:
    """A figures file and what was done to the packaged one to make it.

    Not a dataclass: hypothesis would print a failing example's every field,
    the whole file included, rather than this repr.
    """

    __slots__ = ("changes", "text")

    def __init__(self, text: str, changes: tuple[str, ...]) -> None:
        self.text = text
        self.changes = changes

    def __str__(self) -> str:
        return "; ".join(self.changes)

    def __repr__(self) -> str:
        return f"Mutant(changes={self.changes!r})"


DocChange = Callable[[dict[str, Any]], str]


@st.composite
def number_change(draw: st.DrawFn, values: tuple[int | float, ...]) -> DocChange:
    path = draw(st.sampled_from(NUMBER_PATHS))
    value = draw(st.sampled_from(values))

    def change(doc: dict[str, Any]) -> str:
        return _done(f"number {path} = {value!r}", set_value(doc, path, value))

    return change


@st.composite
def date_change(draw: st.DrawFn) -> DocChange:
    path = draw(st.sampled_from(DATE_PATHS))
    value = draw(st.sampled_from(EXTREME_DATES))

    def change(doc: dict[str, Any]) -> str:
        return _done(f"date {path} = {value!r}", set_value(doc, path, value))

    return change


@st.composite
def text_change(draw: st.DrawFn) -> DocChange:
    text = draw(hostile_text)
    if draw(st.booleans()):
        path = draw(st.sampled_from(STRING_PATHS))

        def change(doc: dict[str, Any]) -> str:
            return _done(f"string {path} = {text!r}", set_value(doc, path, text))

        return change
    key_path = draw(st.sampled_from(KEY_PATHS))

    def rename(doc: dict[str, Any]) -> str:
        return _done(f"key {key_path} renamed {text!r}", rename_key(doc, key_path, text))

    return rename


@st.composite
def structure_change(draw: st.DrawFn) -> DocChange:
    kind = draw(st.sampled_from(["type", "delete", "duplicate"]))
    if kind == "type":
        path = draw(st.sampled_from(LEAF_PATHS + ARRAY_ENTRY_PATHS))
        value = draw(st.sampled_from(OTHER_TYPES))

        def retype(doc: dict[str, Any]) -> str:
            return _done(f"type {path} = {value!r}", set_value(doc, path, copy.deepcopy(value)))

        return retype
    path = draw(
        st.sampled_from(ARRAY_ENTRY_PATHS + KEY_PATHS if kind == "delete" else ARRAY_ENTRY_PATHS)
    )

    def edit(doc: dict[str, Any]) -> str:
        action = delete_entry if kind == "delete" else duplicate_entry
        return _done(f"{kind} {path}", action(doc, path))

    return edit


TextChange = Callable[[list[str]], str]


@st.composite
def line_change(draw: st.DrawFn, kinds: tuple[str, ...]) -> TextChange:
    kind = draw(st.sampled_from(kinds))
    first = draw(st.integers(min_value=0, max_value=10_000))
    second = draw(st.integers(min_value=0, max_value=10_000))
    impossible = draw(st.sampled_from(IMPOSSIBLE_DATES))
    digits = draw(st.sampled_from(LONG_NUMBERS))

    def change(lines: list[str]) -> str:
        if not lines:
            return f"{kind}: no lines"
        i, j = first % len(lines), second % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:  # a literal the document cannot hold: written into the text
            pattern, literal = (
                (_DATE, impossible) if kind == "impossible date" else (_NUMBER, digits)
            )
            found = [n for n, line in enumerate(lines) if pattern.search(line)]
            if not found:
                return f"{kind}: none in the file"
            i = found[first % len(found)]
            lines[i] = pattern.sub(literal, lines[i], count=1)
            return f"line {i + 1}: {kind} {literal[:12]}..."
        return f"{kind} line {i + 1}" + (f" and {j + 1}" if kind == "swap" else "")

    return change


_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMBER = re.compile(r"(?<== )-?[0-9][0-9_.e+-]*$")
# Integers beyond what int() reads from text (4,300 digits) and floats of as many.
LONG_NUMBERS = ("1" + "0" * 5000, "9" * 4301, "1." + "0" * 5000 + "1", "1e" + "9" * 400)
LINE_CHANGES: dict[str, tuple[str, ...]] = {
    "structure": ("delete", "duplicate", "swap"),
    "numbers": ("long number",),
    "dates": ("impossible date",),
}


DOC_CHANGES: dict[str, st.SearchStrategy[DocChange]] = {
    "structure": structure_change(),
    "numbers": number_change(EXTREME_NUMBERS),
    "zeros": number_change(ZERO_NUMBERS),
    "dates": date_change(),
    "text": text_change(),
}


@st.composite
def mutants(draw: st.DrawFn, kind: str) -> Mutant:
    """The packaged file with one to three changes of ``kind`` to its document and,
    for some kinds, up to two to its lines."""
    doc = copy.deepcopy(PACKAGED_DOC)
    changes = [change(doc) for change in draw(st.lists(DOC_CHANGES[kind], min_size=1, max_size=3))]
    text = to_toml(doc)
    if kind in LINE_CHANGES and draw(st.booleans()):
        lines = text.split("\n")
        edits = draw(st.lists(line_change(LINE_CHANGES[kind]), max_size=2))
        changes += [change(lines) for change in edits]
        text = "\n".join(lines)
    return Mutant(text, tuple(changes))


# ---------------------------------------------------------------- what comes out

# Characters no message and no table, CSV or Markdown cell may carry raw: controls
# (but the line ends and tabs the formats use themselves), format characters (but
# the zero-width joiner of emoji, in tables only), line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def hidden_characters(text: str, allowed: str = "\n") -> list[str]:
    return sorted(
        {
            f"U+{ord(char):04X}"
            for char in text
            if char not in allowed and unicodedata.category(char) in _HIDDEN
        }
    )


# A Python repr where the file's own spelling belongs: datetime.date(2020, 3, 23),
# a string's \x1b escapes.
_REPR = re.compile(r"datetime\.\w+\(|\\x[0-9a-f]{2}|\b(?:Decimal|OrderedDict)\(")


def check_stderr(outcome: Outcome, what: str) -> None:
    assert "Traceback" not in outcome.stderr, what
    assert not _REPR.search(outcome.stderr), f"{what}: {outcome.stderr[:500]}"
    lines = outcome.stderr.splitlines()
    assert len(lines) <= MAX_DIAGNOSTICS + 1, what
    for line in lines:
        assert line.startswith(("Error: ", "... and ")), f"{what}: {line!r}"
    assert not hidden_characters(outcome.stderr), what


def check_json(outcome: Outcome, what: str) -> None:
    json.loads(outcome.stdout)
    assert not hidden_characters(outcome.stdout), what


def check_csv(outcome: Outcome, what: str) -> None:
    rows = list(csv.reader(io.StringIO(outcome.stdout, newline="")))
    header, *body = rows
    for row in body:
        assert len(row) == len(header), what
        for cell in row:
            if cell.startswith("'") or _is_number(cell):
                continue
            stripped = cell.lstrip(" \u00a0\"'\u2018\u2019\u201c\u201d\n\r\t")
            assert not stripped.startswith(("=", "+", "-", "@")), f"{what}: {cell!r}"
            assert not cell.startswith(("\t", "\r", "\n")), f"{what}: {cell!r}"
    assert not hidden_characters(outcome.stdout, allowed="\n\r\t\u200d"), what


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def check_markdown(outcome: Outcome, what: str) -> None:
    from markdown_it import MarkdownIt

    text = outcome.stdout
    assert not hidden_characters(text, allowed="\n\u200d"), what
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    kinds = {token.type for token in tokens}
    for inline in (t for t in tokens if t.type == "inline"):
        kinds |= {child.type for child in inline.children or ()}
    forbidden = {
        "hr",
        "fence",
        "code_block",
        "html_block",
        "html_inline",
        "link_open",
        "image",
        "s_open",
        "em_open",
        "strong_open",
        "blockquote_open",
        "ordered_list_open",
        "code_inline",
    }
    assert not kinds & forbidden, f"{what}: {sorted(kinds & forbidden)}"
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h3"] * sum(line.startswith("### ") for line in text.splitlines()), what
    # Every row of a table has as many cells as its header.
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("| "):
            cells = {len(_UNESCAPED_PIPE.findall(line)) for line in lines}
            assert len(cells) == 1, f"{what}: {block[:300]!r}"


def check_table(outcome: Outcome, what: str) -> None:
    assert not hidden_characters(outcome.stdout, allowed="\n\u200d"), what


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    codes: frozenset[int]
    check: Callable[[Outcome, str], None]


COMMANDS = (
    Command("summary", ("summary", "--json"), frozenset({EXIT_OK}), check_json),
    Command(
        "compare",
        ("compare", "--period", "lockdown", "--period", "seven-weeks"),
        frozenset({EXIT_OK}),
        check_table,
    ),
    Command("check", ("check", "--json"), frozenset({EXIT_OK, EXIT_CHECK_FAILED}), check_json),
    Command("weekly", ("weekly", "--format", "csv"), frozenset({EXIT_OK}), check_csv),
    Command("query", ("query", "--format", "markdown"), frozenset({EXIT_OK}), check_markdown),
)


def run_mutant(mutant: Mutant, path: Path) -> None:
    """Every command on one mutant; an AssertionError names the mutant and the command."""
    path.write_text(mutant.text, encoding="utf-8")
    validated = invoke(["validate", str(path)])
    what = f"validate on [{mutant}]"
    assert validated.exception is None, f"{what}: {validated.exception!r}"
    assert validated.exit_code in (EXIT_OK, EXIT_DATA), what
    check_stderr(validated, what)
    if validated.exit_code == EXIT_OK:
        assert validated.stdout.startswith("ok: "), what
    for command in COMMANDS:
        outcome = invoke([*command.args, "--data", str(path)])
        what = f"{command.name} on [{mutant}]"
        assert outcome.exception is None, f"{what}: {outcome.exception!r}"
        check_stderr(outcome, what)
        if validated.exit_code == EXIT_DATA:  # the same verdict as validate's
            assert outcome.exit_code == EXIT_DATA, what
            assert outcome.stdout == "", what
            continue
        if outcome.exit_code == EXIT_USAGE and command.name == "compare":
            # A mutant may rename or drop one of the two periods compared.
            assert "unknown period" in outcome.stderr, what
            continue
        assert outcome.exit_code in command.codes, f"{what}: exit {outcome.exit_code}"
        command.check(outcome, what)


@pytest.fixture(scope="module")
def mutant_path() -> Iterator[Path]:
    # Module-scoped: hypothesis runs many examples per test function.
    with tempfile.TemporaryDirectory(prefix="ocsae-fuzz-") as directory:
        yield Path(directory) / "figures.toml"


# ---------------------------------------------------------------- the tests

# Known to crash until the checks give null for a zero denominator (issue 11,
# "Files that validate but crash"); remove the mark when it passes.
KINDS = [
    pytest.param("structure", id="structure"),
    pytest.param("text", id="text"),
    pytest.param("numbers", id="numbers"),
    pytest.param("zeros", id="zeros"),
    pytest.param("dates", id="dates"),
]


def test_the_packaged_file_passes_every_check(mutant_path: Path) -> None:
    run_mutant(Mutant(PACKAGED_TEXT, ("none",)), mutant_path)


@pytest.mark.parametrize("kind", KINDS)
@fuzz_settings(FAST_EXAMPLES)
@given(data=st.data())
def test_mutants_end_cleanly_in_every_command(
    kind: str, mutant_path: Path, data: st.DataObject
) -> None:
    run_mutant(data.draw(mutants(kind), label="mutant"), mutant_path)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@fuzz_settings(SLOW_EXAMPLES // len(KINDS))
@given(data=st.data())
def test_ten_thousand_mutants_end_cleanly_in_every_command(
    kind: str, mutant_path: Path, data: st.DataObject
) -> None:
    run_mutant(data.draw(mutants(kind), label="mutant"), mutant_path)
