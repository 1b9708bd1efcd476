"""Hostile input: what a file, a device or an argument tried on ocsae, and what a user saw.

Each test is named after what a user saw before the fix (issue 11): a hang on
``/dev/zero``, a minute in the error locator, a million lines of errors, a
clipboard written through an error message, a forged ``ok`` line, raw control
characters in JSON, a formula behind a space in CSV, a heading out of a
publisher's name in Markdown, and flags settled silently by the last one.
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import Outcome, invoke
from conftest import SMALL_TOML, line_of

from ocsae_cli.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE
from ocsae_cli.load import MAX_DIAGNOSTICS, MAX_FILE_BYTES, MAX_FILE_MIB, TomlLocator

QUICK = 5.0  # seconds: "ends quickly", with room for a loaded machine

# Characters no message on stderr may carry raw.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


@pytest.fixture(autouse=True)
def _no_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCSAE_DATA", raising=False)


def hidden(text: str, allowed: str = "\n") -> list[str]:
    """The characters a terminal would act on, as U+XXXX, found raw in ``text``."""
    return sorted(
        {f"U+{ord(c):04X}" for c in text if c not in allowed and unicodedata.category(c) in _HIDDEN}
    )


def timed(args: list[str], **options: Any) -> tuple[Outcome, float]:
    started = time.monotonic()
    outcome = invoke(args, **options)
    return outcome, time.monotonic() - started


def write(tmp_path: Path, text: str, name: str = "figures.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def with_figure_lines(*lines: str) -> str:
    """SMALL_TOML with ``lines`` added to its last figure."""
    return SMALL_TOML + "".join(f"{line}\n" for line in lines)


# ---------------------------------------------------------------- hangs and floods


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_validate_of_an_endless_device_no_longer_reads_until_memory_runs_out(
    device: str,
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    outcome, took = timed(["validate", device])
    assert took < QUICK
    assert outcome.exit_code == EXIT_DATA
    assert outcome.stderr.splitlines() == [
        f"Error: {device}: is larger than the limit of {MAX_FILE_MIB} MiB (set by --data)"
    ]


def test_an_endless_device_through_ocsae_data_ends_the_same_way() -> None:
    outcome, took = timed(["summary", "--json"], env={"OCSAE_DATA": "/dev/zero"})
    assert took < QUICK
    assert outcome.exit_code == EXIT_DATA
    assert "is larger than the limit of 64 MiB (set by OCSAE_DATA)" in outcome.stderr
    assert outcome.stdout == ""


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    outcome, took = timed(["summary", "--data", str(big)])
    assert took < 1.0
    assert outcome.exit_code == EXIT_DATA
    assert "is larger than the limit of 64 MiB" in outcome.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "figures.fifo"
    os.mkfifo(path)

    def feed() -> None:
        with path.open("w", encoding="utf-8") as writer:
            writer.write(SMALL_TOML)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    yield path
    feeder.join(timeout=5)


def test_a_fifo_still_works(fifo: Path) -> None:
    outcome, took = timed(["validate", str(fifo)])
    assert took < QUICK
    assert outcome.exit_code == EXIT_OK, outcome.stderr
    assert outcome.stdout == f"ok: {fifo}: 4 figures, 2 periods, 2 metrics\n"


def test_data_dash_reads_the_figures_from_standard_input() -> None:
    outcome = invoke(["query", "--json", "--data", "-"], input=SMALL_TOML)
    assert outcome.exit_code == EXIT_OK, outcome.stderr
    assert [f["value"] for f in json.loads(outcome.stdout)] == [130, 40, 10, 45]
    validated = invoke(["validate", "-"], input=SMALL_TOML)
    assert validated.stdout == "ok: <stdin>: 4 figures, 2 periods, 2 metrics\n"
    broken = invoke(["validate", "-"], input="schema_version = 1\n[source\n")
    assert broken.exit_code == EXIT_DATA
    assert broken.stderr.startswith("Error: <stdin>:2:")


def test_5000_spaces_in_a_multi_line_string_no_longer_run_past_a_minute(tmp_path: Path) -> None:
    # The locator took a line inside the string for a table header, and its
    # pattern backtracked: 1.5 s at 1,000 spaces, 90 s at 4,000.
    line = "[" + " " * 5000 + "x"
    text = with_figure_lines("extra = [", '  """', line, '""",', "]")
    outcome, took = timed(["validate", str(write(tmp_path, text))])
    assert took < 1.0
    assert outcome.exit_code == EXIT_DATA
    assert "figures[3].extra: unknown key 'extra'" in outcome.stderr


def test_a_5000_digit_number_no_longer_gives_exceeds_the_limit(tmp_path: Path) -> None:
    text = SMALL_TOML.replace("value = 130", "value = 1" + "0" * 5000)
    for args in (["validate"], ["summary", "--data"]):
        outcome = invoke([*args, str(write(tmp_path, text))])
        assert outcome.exception is None
        assert outcome.exit_code == EXIT_DATA
        assert outcome.stderr.splitlines() == [
            f"Error: {tmp_path / 'figures.toml'}:{line_of(SMALL_TOML, 'value = 130')}:9: "
            "invalid TOML: a number too long to read"
        ]


ADVERSARIAL_LINES = {
    "header, spaces after the bracket": lambda n: "[" + " " * n + "x",
    "header, spaces before a stray bracket": lambda n: "[a" + " " * n + "]x",
    "header, dotted keys": lambda n: "[" + "a." * n,
    "header, dotted keys with spaces": lambda n: "[[" + "a . " * n + "]",
    "header, open quote": lambda n: '["' + "\\\\" * n,
    "key, dotted with spaces": lambda n: "a" + " . a" * n + " x",
    "key, spaces and no equals": lambda n: "a" + " " * n + "b",
    "key, quotes": lambda n: "a = " + "'" * n,
    "key, escapes": lambda n: '"' + "\\a" * n,
    "comment": lambda n: "[a] #" + "#" * n,
    "tabs": lambda n: "\t" * n + "[" + "\t" * n,
}


@pytest.mark.parametrize("make", ADVERSARIAL_LINES.values(), ids=ADVERSARIAL_LINES.keys())
def test_the_error_locator_is_linear_on_adversarial_lines(make: Any) -> None:
    for size in (5_000, 50_000):
        line = make(size)
        started = time.monotonic()
        TomlLocator(f"{line}\n{line}\n[figures]\n{line}\n")
        assert time.monotonic() - started < 0.01 * size / 1_000, (size, line[:40])


def many_bad_figures(count: int) -> str:
    figure = (
        "\n[[figures]]\n"
        'metric = "casez"\n'
        'period = "q-z"\n'
        "value = -3\n"
        'statistic = "weekly-averge"\n'
        'perod = "x"\n'
        'quote = "x"\n'
    )
    return SMALL_TOML + figure * count


@pytest.fixture
def flood(tmp_path: Path) -> Path:
    """A file with 60 bad figures of five problems each: 300 problems."""
    return write(tmp_path, many_bad_figures(60), "flood.toml")


def test_a_file_of_bad_figures_no_longer_floods_the_terminal(flood: Path) -> None:
    outcome = invoke(["validate", str(flood)])
    assert outcome.exit_code == EXIT_DATA
    lines = outcome.stderr.splitlines()
    assert len(lines) == MAX_DIAGNOSTICS + 1
    assert all(line.startswith(f"Error: {flood}:") for line in lines[:-1])
    assert lines[-1] == "... and 200 more; `ocsae validate --all-errors` lists them"
    # The first ones, in file order, still with their suggestions.
    numbers = [int(line.split(":")[2]) for line in lines[:-1]]
    assert numbers == sorted(numbers)
    assert "unknown key 'perod' (did you mean 'period'?)" in outcome.stderr


def test_validate_all_errors_lists_every_problem(flood: Path) -> None:
    outcome = invoke(["validate", "--all-errors", str(flood)])
    assert outcome.exit_code == EXIT_DATA
    lines = outcome.stderr.splitlines()
    assert len(lines) == 300
    assert all(line.startswith("Error: ") for line in lines)
    numbers = [int(line.split(":")[2]) for line in lines]
    assert numbers == sorted(numbers)


def test_every_command_stops_at_the_same_count(flood: Path) -> None:
    for args in (["summary"], ["check", "--json"], ["weekly", "--format", "csv"]):
        outcome = invoke([*args, "--data", str(flood)])
        assert outcome.exit_code == EXIT_DATA
        assert outcome.stderr.splitlines()[-1].startswith("... and 200 more;")


def test_validate_json_lists_every_problem_while_stderr_stops(flood: Path) -> None:
    outcome = invoke(["validate", "--json", str(flood)])
    assert outcome.exit_code == EXIT_DATA
    assert len(json.loads(outcome.stdout)["errors"]) == 300
    assert len(outcome.stderr.splitlines()) == MAX_DIAGNOSTICS + 1


@pytest.mark.slow
def test_20000_bad_figures_report_in_seconds_not_minutes(tmp_path: Path) -> None:
    path = write(tmp_path, many_bad_figures(20_000), "huge.toml")
    outcome, took = timed(["validate", str(path)])
    assert outcome.exit_code == EXIT_DATA
    assert len(outcome.stderr.splitlines()) == MAX_DIAGNOSTICS + 1
    assert outcome.stderr.splitlines()[-1].startswith("... and 99900 more;")
    assert took < 30


# ---------------------------------------------------------------- no Python repr

OTHER_TYPES = {
    "date and time": "2020-03-23T10:00:00",
    "offset date and time": "2020-03-23T10:00:00+01:00",
    "time": "10:00:00",
    "date": "2020-03-23",
    "float": "4.5",
    "integer": "7",
    "boolean": "true",
    "string": '"\\u001bx"',
    "array": "[1, 2]",
    "table": "{ a = 1 }",
}
FIELDS = {
    "figure value": ("value = 130", "value = {}"),
    "figure statistic": ('statistic = "total"', "statistic = {}"),
    "figure period": ('period = "q-a"', "period = {}"),
    "period start": ("start = 2021-01-01", "start = {}"),
    "period id": ('id = "q-a"', "id = {}"),
    "metric label": ('label = "Cases"', "label = {}"),
    "schema_version": ("schema_version = 1", "schema_version = {}"),
}


@pytest.mark.parametrize("field", FIELDS)
def test_no_loader_message_shows_a_python_repr(tmp_path: Path, field: str) -> None:
    # Before: "got datetime datetime.datetime(2020, 3, 23, 10, 0)".
    old, new = FIELDS[field]
    for kind, literal in OTHER_TYPES.items():
        path = write(tmp_path, SMALL_TOML.replace(old, new.format(literal), 1))
        outcome = invoke(["validate", str(path)])
        assert outcome.exception is None
        message = outcome.stderr
        assert not re.search(r"datetime\.\w+\(|\\x[0-9a-f]{2}|\bstr '", message), (kind, message)
        if outcome.exit_code == EXIT_DATA and kind in ("date and time", "time"):
            assert literal.split("+")[0] in message, (kind, message)


# ---------------------------------------------------------------- terminal escapes on stderr

OSC52_KEY = "\x1b]52;c;aGVsbG8=\x07\x1b[31mREDKEY"
FORGED_OK = "\nok: figures.toml: 14 figures, 6 periods, 6 metrics\r"


def toml_escaped(text: str) -> str:
    """``text`` as a TOML basic string."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def assert_clean_stderr(outcome: Outcome, lines: int | None = None) -> None:
    assert outcome.exception is None
    assert not hidden(outcome.stderr), outcome.stderr
    if lines is not None:
        assert len(outcome.stderr.splitlines()) == lines, outcome.stderr
    for line in outcome.stderr.splitlines():
        assert line.startswith(("Error: ", "... and ")), line


def test_an_unknown_key_no_longer_writes_the_clipboard_or_colours_the_terminal(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, with_figure_lines(f"{toml_escaped(OSC52_KEY)} = 1"))
    outcome = invoke(["validate", str(path)])
    assert outcome.exit_code == EXIT_DATA
    assert_clean_stderr(outcome, lines=1)
    assert "unknown key '\\u001b]52;c;aGVsbG8=\\u0007\\u001b[31mREDKEY'" in outcome.stderr


def test_a_key_with_line_breaks_no_longer_forges_an_ok_line(tmp_path: Path) -> None:
    path = write(tmp_path, with_figure_lines(f"{toml_escaped(FORGED_OK)} = 1"))
    outcome = invoke(["validate", str(path)])
    assert outcome.exit_code == EXIT_DATA
    assert_clean_stderr(outcome, lines=1)
    assert not any(line.startswith("ok:") for line in outcome.output.splitlines())
    assert "\\u000aok: figures.toml" in outcome.stderr


HOSTILE = (
    "\x1b[31mred\x1b[0m \x9b31m \u202eevil\u202c \u200bzero\u200d\ufeff "
    "line\u2028sep\u2029para\x85next\x7fdel \U000e0041"
)


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    """A file per place where untrusted text reaches a message."""
    h = toml_escaped(HOSTILE)
    return {
        "unknown key": write(tmp_path, with_figure_lines(f"{h} = 1"), "key.toml"),
        "statistic value": write(
            tmp_path, SMALL_TOML.replace('"monthly-average"', h), "statistic.toml"
        ),
        "period reference": write(
            tmp_path, SMALL_TOML.replace('period = "q-a"', f"period = {h}", 1), "period.toml"
        ),
        "metric id": write(tmp_path, SMALL_TOML.replace('id = "visits"', f"id = {h}"), "id.toml"),
        "label type": write(
            tmp_path, SMALL_TOML.replace('label = "Cases"', f"label = [{h}]"), "type.toml"
        ),
        "TOML syntax": write(tmp_path, SMALL_TOML + f"\n{h}\n", "syntax.toml"),
        "file name": write(tmp_path, "schema_version = 1\n", f"{HOSTILE.replace('/', '')}.toml"),
    }


@pytest.mark.parametrize(
    "place",
    [
        "unknown key",
        "statistic value",
        "period reference",
        "metric id",
        "label type",
        "TOML syntax",
        "file name",
    ],
)
def test_hostile_text_in_a_file_is_escaped_in_every_message(tmp_path: Path, place: str) -> None:
    path = hostile_files(tmp_path)[place]
    for args in (["validate", str(path)], ["summary", "--data", str(path)]):
        outcome = invoke(args)
        assert outcome.exit_code == EXIT_DATA, (place, outcome.stderr)
        assert_clean_stderr(outcome)
        assert outcome.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--period", HOSTILE, "--period", "lockdown"],
        ["weekly", "--metric", HOSTILE],
        ["query", "--statistic", HOSTILE],
        ["summary", "--format", HOSTILE],
        ["summary", "--limit", HOSTILE],
        [HOSTILE],
        ["summary", f"--{HOSTILE}"],
        ["validate", f"/nonexistent/{HOSTILE}.toml"],
        ["summary", "--data", f"/nonexistent/{HOSTILE}.toml"],
    ],
    ids=[
        "--period",
        "--metric",
        "--statistic",
        "--format",
        "--limit",
        "command",
        "option",
        "validate path",
        "--data path",
    ],
)
def test_hostile_arguments_are_escaped_in_every_message(args: list[str]) -> None:
    outcome = invoke(args)
    assert outcome.exit_code in (EXIT_USAGE, EXIT_DATA)
    assert_clean_stderr(outcome, lines=1)


def test_escaped_messages_show_the_characters_as_u_escapes() -> None:
    outcome = invoke(["compare", "--period", HOSTILE, "--period", "lockdown"])
    for escape in ("\\u001b[31mred", "\\u009b", "\\u202e", "\\u200b", "\\u2028", "\\u0085"):
        assert escape in outcome.stderr
    assert "\\U000e0041" in outcome.stderr


# ---------------------------------------------------------------- formats


def hostile_labels(tmp_path: Path, text: str) -> Path:
    return write(
        tmp_path,
        SMALL_TOML.replace('label = "Cases"', f"label = {toml_escaped(text)}").replace(
            'title = "Made-up bulletin"', f"title = {toml_escaped(text)}"
        ),
    )


def test_json_no_longer_carries_raw_c1_bidi_zero_width_separators_or_del(
    tmp_path: Path,
) -> None:
    path = hostile_labels(tmp_path, HOSTILE)
    for args in (["query", "--json"], ["summary", "--json"], ["metrics", "--json"]):
        outcome = invoke([*args, "--data", str(path)])
        assert outcome.exit_code == EXIT_OK
        assert not hidden(outcome.stdout), (args, hidden(outcome.stdout))
    metrics = json.loads(invoke(["metrics", "--json", "--data", str(path)]).stdout)
    assert metrics[0]["label"] == HOSTILE  # the text is kept, only written escaped
    raw = invoke(["metrics", "--json", "--data", str(path)]).stdout
    for escape in ("\\u009b", "\\u202e", "\\u200b", "\\u2028", "\\u0085", "\\u007f"):
        assert escape in raw
    assert "\\udb40\\udc41" in raw  # a tag character, as a surrogate pair


def test_json_escapes_every_hidden_character_of_this_pythons_unicode(tmp_path: Path) -> None:
    every = "".join(
        chr(code)
        for code in range(0x7F, 0x110000)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp")
    )
    path = hostile_labels(tmp_path, every)
    outcome = invoke(["metrics", "--json", "--data", str(path)])
    assert outcome.exit_code == EXIT_OK
    assert not hidden(outcome.stdout)
    assert json.loads(outcome.stdout)[0]["label"] == every


def test_json_of_plain_text_is_written_as_it_was(tmp_path: Path) -> None:
    path = hostile_labels(tmp_path, "Données “entre guillemets” – 😀 👩‍👩")
    outcome = invoke(["metrics", "--json", "--data", str(path)])
    assert '"label": "Données “entre guillemets” – 😀 👩\\u200d👩"' in outcome.stdout


@pytest.mark.parametrize(
    "label",
    [
        " =1+1",
        "   +1+1",
        '"=1+1',
        "'@SUM(A1)",
        "\u00a0=1+1",
        "\n=1+1",
        "\n\n-2+3",
        "\r-2+3",
        " \t=1",
        "\u201c=1+1",
        '" \u00a0\n=HYPERLINK("http://evil")',
    ],
)
def test_csv_no_longer_lets_a_formula_hide_behind_spaces_quotes_or_line_breaks(
    tmp_path: Path, label: str
) -> None:
    import csv
    import io

    path = hostile_labels(tmp_path, label)
    outcome = invoke(["metrics", "--format", "csv", "--data", str(path)])
    assert outcome.exit_code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(outcome.stdout, newline="")))
    assert rows[0]["label"] == "'" + label


def test_csv_leaves_harmless_text_alone(tmp_path: Path) -> None:
    import csv
    import io

    path = hostile_labels(tmp_path, " a = b, + c")
    outcome = invoke(["metrics", "--format", "csv", "--data", str(path)])
    assert next(csv.DictReader(io.StringIO(outcome.stdout, newline="")))["label"] == " a = b, + c"


BLOCK_STARTS = [
    "===",
    "---",
    "- - -",
    "***",
    "___",
    "~~~",
    "```",
    "$$",
    "    indented code",
    "# heading",
    "###### heading",
    "1. item",
    "2) item",
    "+ item",
    "- item",
    "* item",
    "> quote",
    "<div>html</div>",
    "| a | b |",
    "[x]: http://evil",
    "~~struck~~",
    "&#x3c;script&#x3e;",
]


def markdown_blocks(text: str) -> set[str]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    kinds = {t.type for t in tokens}
    for inline in (t for t in tokens if t.type == "inline"):
        kinds |= {child.type for child in inline.children or ()}
    headings = {t.tag for t in tokens if t.type == "heading_open"}
    return kinds - {"heading_open", "heading_close"} | {f"heading {tag}" for tag in headings}


@pytest.mark.parametrize("publisher", BLOCK_STARTS)
def test_markdown_no_longer_makes_a_heading_out_of_a_publisher(
    tmp_path: Path, publisher: str
) -> None:
    text = SMALL_TOML.replace(
        '[source]\ntitle = "Made-up bulletin"\n',
        f'[source]\ntitle = "Made-up bulletin"\npublisher = {toml_escaped(publisher)}\n',
    )
    outcome = invoke(["summary", "--format", "markdown", "--data", str(write(tmp_path, text))])
    assert outcome.exit_code == EXIT_OK, outcome.stderr
    blocks = markdown_blocks(outcome.stdout)
    assert {b for b in blocks if b.startswith("heading")} == {"heading h3"}, outcome.stdout
    forbidden = {
        "hr",
        "fence",
        "code_block",
        "html_block",
        "html_inline",
        "blockquote_open",
        "ordered_list_open",
        "link_open",
        "s_open",
    }
    assert not blocks & forbidden, blocks & forbidden


@pytest.mark.parametrize("label", BLOCK_STARTS)
def test_markdown_cells_stay_cells(tmp_path: Path, label: str) -> None:
    outcome = invoke(
        ["metrics", "--format", "markdown", "--data", str(hostile_labels(tmp_path, label))]
    )
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(outcome.stdout)
    assert [t.type for t in tokens if t.type.endswith("_open") and t.level == 0] == ["table_open"]


# ---------------------------------------------------------------- usage


def test_an_unreadable_file_exits_3_through_data_as_through_ocsae_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, SMALL_TOML, "secret.toml")
    real_open, real_access = os.open, os.access

    # As a user without read permission sees it (the tests may run as root).
    def denied_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, flags, *args, **kwargs)

    def denied_access(file: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        return False if os.fspath(file) == str(path) else real_access(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied_open)
    monkeypatch.setattr(os, "access", denied_access)
    through_option = invoke(["summary", "--data", str(path)])
    through_env = invoke(["summary"], env={"OCSAE_DATA": str(path)})
    assert through_option.exit_code == through_env.exit_code == EXIT_DATA
    assert through_option.stderr == (
        f"Error: {path}: cannot be read: permission denied (set by --data)\n"
    )
    assert through_env.stderr == (
        f"Error: {path}: cannot be read: permission denied (set by OCSAE_DATA)\n"
    )


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads mode 000")
def test_a_mode_000_file_exits_3_through_data(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL_TOML, "secret.toml")
    path.chmod(0)
    try:
        outcome = invoke(["summary", "--data", str(path)])
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert outcome.exit_code == EXIT_DATA
    assert "cannot be read: permission denied (set by --data)" in outcome.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["metrics", "--json", "--format", "csv"], "give --json or --format, not both"),
        (["metrics", "--format", "csv", "--json"], "give --json or --format, not both"),
        (["metrics", "--format", "json", "--json"], "give --json or --format, not both"),
        (["query", "--format", "csv", "--format", "json"], "give --format once"),
        (["query", "-f", "csv", "--format=json"], "give --format once"),
        (["query", "--approximate", "--exact"], "give --approximate or --exact, not both"),
        (["query", "--exact", "--approximate"], "give --approximate or --exact, not both"),
        (["weekly", "--basis", "stated", "--basis", "calendar"], "give --basis once"),
        (["summary", "--limit", "2", "--limit", "3"], "give --limit once"),
        (["summary", "--data", "a.toml", "--data", "b.toml"], "give --data once"),
        (["validate", "--data", "a.toml", "b.toml"], "give the file as PATH or as --data"),
        (["validate", "a.toml", "--data", "b.toml"], "give the file as PATH or as --data"),
        (["summary", "--data", ""], "an empty path names no file"),
        (["validate", ""], "an empty path names no file"),
    ],
)
def test_conflicting_flags_are_no_longer_settled_silently_by_the_last(
    args: list[str], message: str
) -> None:
    outcome = invoke(args)
    assert outcome.exit_code == EXIT_USAGE, outcome.stderr
    assert outcome.stdout == ""
    [line] = outcome.stderr.splitlines()
    assert message in line


def test_empty_data_no_longer_means_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = invoke(["summary", "--data", ""])
    assert outcome.exit_code == EXIT_USAGE
    assert "is a directory" not in outcome.stderr


def test_repeating_a_list_option_or_a_plain_flag_is_still_fine() -> None:
    outcome = invoke(["query", "--period", "lockdown", "--period", "seven-weeks", "--json"])
    assert outcome.exit_code == EXIT_OK
    assert {f["period"] for f in json.loads(outcome.stdout)} == {"lockdown", "seven-weeks"}
    assert invoke(["metrics", "--no-color", "--no-color"]).exit_code == EXIT_OK


def test_a_usage_error_comes_before_the_file_is_read() -> None:
    outcome = invoke(["summary", "--json", "--format", "csv", "--data", "/nonexistent.toml"])
    assert outcome.exit_code == EXIT_USAGE


def test_a_hostile_file_name_is_reported_escaped(tmp_path: Path) -> None:
    name = "\x1b]0;owned\x07.toml"
    path = write(tmp_path, "schema_version = 1\n[source\n", name)
    outcome = invoke(["validate", str(path)])
    assert outcome.exit_code == EXIT_DATA
    assert_clean_stderr(outcome, lines=1)
    assert re.search(r"\\u001b\]0;owned\\u0007\.toml:2:", outcome.stderr)
