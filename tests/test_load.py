"""The loader: finding, reading, decoding, parsing and validating a figures file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SMALL_TOML, WriteToml, line_of

from ocsae_cli.load import (
    DATA_ENV_VAR,
    DataError,
    DataSource,
    Diagnostic,
    TomlLocator,
    load_dataset,
    load_file,
    packaged_data_path,
    resolve_source,
)
from ocsae_cli.model import Dataset


def diagnostics_of(path: Path | DataSource) -> tuple[Diagnostic, ...]:
    with pytest.raises(DataError) as caught:
        load_file(path)
    return caught.value.diagnostics


def only_diagnostic(path: Path | DataSource) -> Diagnostic:
    found = diagnostics_of(path)
    assert len(found) == 1, [str(d) for d in found]
    return found[0]


# ---------------------------------------------------------------- the good case


def test_small_file_loads(small_toml: Path) -> None:
    dataset = load_file(small_toml)
    assert isinstance(dataset, Dataset)
    assert [p.id for p in dataset.periods] == ["q-a", "q-b"]
    assert [f.value for f in dataset.figures] == [130, 40, 10, 45]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL_TOML.encode())
    assert len(load_file(path).figures) == 4


def test_packaged_data_path_exists_and_loads() -> None:
    path = packaged_data_path()
    assert path.is_file()
    assert path.name == "figures.toml"
    assert len(load_file(path).figures) == 15


# ---------------------------------------------------------------- diagnostics


def test_diagnostic_str_format() -> None:
    assert str(Diagnostic("f.toml", "bad", 3, 7, "figures[0].value")) == (
        "f.toml:3:7: figures[0].value: bad"
    )
    assert str(Diagnostic("f.toml", "bad", 3)) == "f.toml:3: bad"
    assert str(Diagnostic("f.toml", "bad")) == "f.toml: bad"
    error = DataError([Diagnostic("a", "one"), Diagnostic("b", "two", 1, 1)])
    assert str(error) == "a: one\nb:1:1: two"


# ---------------------------------------------------------------- reading


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    diagnostic = only_diagnostic(path)
    assert str(diagnostic) == f"{path}: no such file (set by --data)"
    assert (diagnostic.line, diagnostic.path) == (None, "")


def test_missing_file_names_the_environment_variable(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    diagnostic = only_diagnostic(DataSource(path, DATA_ENV_VAR))
    assert diagnostic.message == "no such file (set by OCSAE_DATA)"


def test_missing_packaged_file_says_reinstall(tmp_path: Path) -> None:
    diagnostic = only_diagnostic(DataSource(tmp_path / "gone.toml", "packaged"))
    assert diagnostic.message == "the packaged figures file is missing; reinstall ocsae"


def test_directory(tmp_path: Path) -> None:
    diagnostic = only_diagnostic(tmp_path)
    assert str(diagnostic) == f"{tmp_path}: is a directory, not a figures file (set by --data)"


def test_unreadable_file(small_toml: Path) -> None:
    small_toml.chmod(0)
    try:
        if os.access(small_toml, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file (root)")
        diagnostic = only_diagnostic(small_toml)
        assert diagnostic.message == "cannot be read: permission denied (set by --data)"
    finally:
        small_toml.chmod(0o644)


def test_not_utf8_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'schema_version = 1\ntitle = "caf\xe9"\n')
    diagnostic = only_diagnostic(path)
    assert (diagnostic.line, diagnostic.column) == (2, 13)
    assert str(diagnostic) == f"{path}:2:13: not UTF-8 text (byte 0xe9); save the file as UTF-8"


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_empty_file(write_toml: WriteToml, text: str) -> None:
    path = write_toml(text)
    diagnostic = only_diagnostic(path)
    assert diagnostic.message.startswith("the file is empty")
    assert "schema_version = 1" in diagnostic.message


def test_invalid_toml_reported_with_line_and_column(write_toml: WriteToml) -> None:
    path = write_toml('schema_version = 1\n[source\ntitle = "x"\n')
    diagnostic = only_diagnostic(path)
    assert (diagnostic.line, diagnostic.column) == (2, 8)
    assert str(diagnostic) == (
        f"{path}:2:8: invalid TOML: Expected ']' at the end of a table declaration"
    )
    assert "(at line" not in diagnostic.message


def test_invalid_toml_duplicate_key(write_toml: WriteToml) -> None:
    path = write_toml("schema_version = 1\na = 1\na = 2\n")
    diagnostic = only_diagnostic(path)
    assert diagnostic.line == 3
    assert diagnostic.message.startswith("invalid TOML: ")


@pytest.mark.parametrize(
    "text",
    [
        "schema_version = 1\na = " + "[" * 3000 + "]" * 3000 + "\n",
        "schema_version = 1\na = " + "{ b = " * 3000 + "1" + " }" * 3000 + "\n",
    ],
)
def test_deeply_nested_toml_is_a_data_error(write_toml: WriteToml, text: str) -> None:
    diagnostic = only_diagnostic(write_toml(text))
    assert diagnostic.message == "invalid TOML: nested too deeply"


# ---------------------------------------------------------------- schema version


def test_unsupported_schema_version(write_toml: WriteToml) -> None:
    path = write_toml(SMALL_TOML.replace("schema_version = 1", "schema_version = 3"))
    diagnostic = only_diagnostic(path)
    assert str(diagnostic) == (
        f"{path}:1:1: schema_version: unsupported schema_version 3; "
        "this ocsae reads schema_version 1, 2"
    )


@pytest.mark.parametrize("written", ['"1"', "1.0", "true"])
def test_schema_version_must_be_the_integer_1(write_toml: WriteToml, written: str) -> None:
    path = write_toml(SMALL_TOML.replace("schema_version = 1", f"schema_version = {written}"))
    diagnostic = only_diagnostic(path)
    assert diagnostic.path == "schema_version"
    assert diagnostic.message.startswith("unsupported schema_version ")


def test_missing_schema_version(write_toml: WriteToml) -> None:
    path = write_toml(SMALL_TOML.replace("schema_version = 1\n", ""))
    diagnostic = only_diagnostic(path)
    assert str(diagnostic) == f"{path}:1:1: missing `schema_version = 1` at the top of the file"


# ---------------------------------------------------------------- model errors, located


def test_every_model_error_is_collected_with_its_line(write_toml: WriteToml) -> None:
    text = (
        SMALL_TOML.replace("end = 2021-03-28", 'end = "2021-03-28"')
        .replace("value = 40", "value = -1")
        .replace('period = "q-b"\nvalue = 10', 'period = "q-c"\nvalue = 10')
    )
    path = write_toml(text)
    found = diagnostics_of(path)
    assert [(d.line, d.path, d.message) for d in found] == [
        (
            line_of(text, 'end = "2021-03-28"'),
            "periods[1].end",
            "string '2021-03-28' is not a date; write dates unquoted, as in 2020-03-23",
        ),
        (
            line_of(text, "value = -1"),
            "figures[1].value",
            "value must be >= 0, not -1 (only a change or percent-change is signed)",
        ),
        (
            line_of(text, 'period = "q-c"'),
            "figures[2].period",
            "unknown period 'q-c' (did you mean 'q-b'?)",
        ),
    ]
    assert all(d.file == str(path) and d.column == 1 for d in found)


def test_misspelt_key_is_reported_once_with_a_suggestion(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace('period = "q-b"\nvalue = 40', 'perod = "q-b"\nvalue = 40')
    path = write_toml(text)
    diagnostic = only_diagnostic(path)
    assert str(diagnostic) == (
        f"{path}:{line_of(text, 'perod')}:1: figures[1].perod: "
        "unknown key 'perod' (did you mean 'period'?)"
    )


def test_unknown_key_without_a_suggestion_also_reports_the_missing_key(
    write_toml: WriteToml,
) -> None:
    text = SMALL_TOML.replace('period = "q-b"\nvalue = 40', 'zzzz = "q-b"\nvalue = 40')
    path = write_toml(text)
    messages = [(d.path, d.message) for d in diagnostics_of(path)]
    assert messages == [
        ("figures[1].period", "missing required key 'period'"),
        ("figures[1].zzzz", "unknown key 'zzzz'"),
    ]


def test_unknown_period_suggestion_with_its_line(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace('period = "q-b"\nvalue = 40', 'period = "q-bb"\nvalue = 40')
    path = write_toml(text)
    diagnostic = only_diagnostic(path)
    assert diagnostic.line == line_of(text, 'period = "q-bb"')
    assert diagnostic.path == "figures[1].period"
    assert diagnostic.message == "unknown period 'q-bb' (did you mean 'q-b'?)"


def test_string_value_is_a_type_error(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace("value = 130", 'value = "45"')
    diagnostic = only_diagnostic(write_toml(text))
    assert (diagnostic.line, diagnostic.path) == (line_of(text, 'value = "45"'), "figures[0].value")
    assert diagnostic.message == "expected a number, got string '45'"


def test_misspelt_statistic_gets_a_suggestion(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace('statistic = "total"', 'statistic = "totl"', 1)
    diagnostic = only_diagnostic(write_toml(text))
    assert diagnostic.path == "figures[0].statistic"
    assert diagnostic.message.endswith("(did you mean 'total'?)")


def test_end_before_start_points_at_the_end(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace("end = 2021-03-31", "end = 2020-03-31")
    diagnostic = only_diagnostic(write_toml(text))
    assert diagnostic.path == "periods[0].end"
    assert diagnostic.line == line_of(text, "end = 2020-03-31")
    assert diagnostic.message == "end 2020-03-31 is before start 2021-01-01"


def test_model_level_error_points_at_the_table(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace(
        'stated_length = { value = 3, unit = "months" }', "end_inferred = true"
    )
    diagnostic = only_diagnostic(write_toml(text))
    assert diagnostic.path == "periods[0]"
    assert diagnostic.line == line_of(text, "[[periods]]")
    assert diagnostic.message == "an inferred start or end needs a note giving the reason"


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_line_numbers_count_only_newlines(write_toml: WriteToml, separator: str) -> None:
    """Characters str.splitlines() treats as line ends are plain text to TOML."""
    text = SMALL_TOML.replace('title = "Made-up bulletin"', f'title = "Made-up{separator}bulletin"')
    text = text.replace("value = 40", "value = -1")
    diagnostic = only_diagnostic(write_toml(text))
    assert diagnostic.path == "figures[1].value"
    assert diagnostic.line == text.split("\n").index("value = -1") + 1


def test_errors_in_inline_tables_point_at_their_line(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace('{ value = 3, unit = "months" }', '{ value = 0, unit = "month" }')
    found = diagnostics_of(write_toml(text))
    line = line_of(text, "stated_length = { value = 0")
    assert [(d.line, d.path) for d in found] == [
        (line, "periods[0].stated_length.value"),
        (line, "periods[0].stated_length.unit"),
    ]
    assert found[1].message.endswith("(did you mean 'months'?)")


def test_duplicate_id_is_located(write_toml: WriteToml) -> None:
    text = SMALL_TOML.replace('id = "visits"', 'id = "cases"')
    found = diagnostics_of(write_toml(text))
    assert (found[0].line, found[0].path) == (line_of(text, 'id = "cases"', 2), "metrics[1].id")
    assert found[0].message == "duplicate id 'cases' (first used at metrics[0])"


# ---------------------------------------------------------------- choosing the file


def test_resolve_source_precedence(tmp_path: Path) -> None:
    given, from_env = tmp_path / "given.toml", tmp_path / "env.toml"
    assert resolve_source(given, environ={DATA_ENV_VAR: str(from_env)}) == DataSource(
        given, "--data"
    )
    assert resolve_source(None, environ={DATA_ENV_VAR: str(from_env)}) == DataSource(
        from_env, "OCSAE_DATA"
    )
    assert resolve_source(None, environ={DATA_ENV_VAR: ""}) == DataSource(
        packaged_data_path(), "packaged"
    )
    assert resolve_source(None, environ={}).origin == "packaged"


def test_load_dataset_uses_the_environment(
    small_toml: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(small_toml))
    assert [m.id for m in load_dataset().metrics] == ["cases", "visits"]


def test_load_dataset_data_beats_the_environment(
    small_toml: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "missing.toml"))
    assert len(load_dataset(small_toml).figures) == 4
    with pytest.raises(DataError) as caught:
        load_dataset()
    assert caught.value.diagnostics[0].message == "no such file (set by OCSAE_DATA)"


def test_load_dataset_defaults_to_the_packaged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    lockdown = load_dataset().period("lockdown")
    assert (lockdown.end - lockdown.start).days + 1 == 32


# ---------------------------------------------------------------- TomlLocator


def test_locator_finds_a_key_in_an_array_of_tables() -> None:
    locator = TomlLocator(SMALL_TOML)
    assert locator.find(("figures", 3, "period")) == (line_of(SMALL_TOML, "period = ", 4), 1)
    assert locator.find(("figures", 0, "value")) == (line_of(SMALL_TOML, "value = 130"), 1)
    assert locator.find(("source", "attributions", 0, "name")) == (
        line_of(SMALL_TOML, 'name = "Test office"'),
        1,
    )


def test_locator_falls_back_to_the_parent() -> None:
    locator = TomlLocator(SMALL_TOML)
    header = line_of(SMALL_TOML, "[[figures]]", 4)
    assert locator.find(("figures", 3, "note")) == (header, 1)
    assert locator.find(("figures", 3)) == (header, 1)
    assert locator.find(("periods", 0, "stated_length", "value")) == (
        line_of(SMALL_TOML, "stated_length"),
        1,
    )
    assert locator.find(("nowhere", 1)) is None


def test_locator_skips_multiline_strings_and_handles_indent_and_quotes() -> None:
    text = (
        'schema_version = 1\n[[figures]]\nnote = """\nperiod = "fake"\n"""\n'
        '  "period" = "q-a"\n\n[ "other" . table ]\nkey = 1\n'
    )
    locator = TomlLocator(text)
    assert locator.find(("figures", 0, "period")) == (6, 3)
    assert locator.find(("other", "table", "key")) == (9, 1)
