"""``ocsae export``: a Data Package and a SQLite database whose numbers are the CLI's.

The real tools judge the output where they are installed: ``frictionless
validate`` the package, ``datasette`` serves the database with its metadata.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from clirun import Outcome, invoke
from publish_data import TWO_SOURCES_TOML

from ocsae_cli.export import datapackage, sqlite
from ocsae_cli.export.tables import build_tables
from ocsae_cli.load import packaged_data_path

# Whole-module: fuzzing, scale and export runs belong to the full loop (CI), not the fast one.
pytestmark = pytest.mark.slow

TABLES = ("sources", "periods", "metrics", "figures", "weekly_rates", "checks")
BIN = Path(sys.executable).parent


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SOURCES_TOML, encoding="utf-8")
    return path


def export(*args: str | Path, data: Path | None = None) -> Outcome:
    extra = ["--data", str(data)] if data is not None else []
    return invoke(["export", *(str(a) for a in args), *extra])


def cli_json(*args: str, data: Path | None = None) -> Any:
    extra = ["--data", str(data)] if data is not None else []
    outcome = invoke([*args, "--json", *extra])
    assert outcome.exit_code in (0, 1), outcome.output
    return json.loads(outcome.stdout)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def leftovers(directory: Path) -> list[str]:
    """Temporary files an export left behind: names starting with '.'."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------- the Data Package


def test_datapackage_has_a_csv_per_table_and_a_descriptor(tmp_path: Path) -> None:
    outcome = export("--to", "datapackage", tmp_path / "pkg")
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout == ""  # data goes to the files; stdout stays empty
    assert outcome.stderr.startswith("ocsae export: ")
    names = sorted(p.name for p in (tmp_path / "pkg").iterdir())
    assert names == sorted(["datapackage.json", *(f"{t}.csv" for t in TABLES)])
    package = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "pkg"
    assert package["title"].startswith("Figures from “Data shows around 100 children")
    assert package["sources"] == [
        {"title": "Data shows around 100 children protected from online abuse during UK lockdown"}
    ]
    assert "licenses" not in package  # the figures file gives none
    assert package["created"].endswith("Z")
    assert [r["name"] for r in package["resources"]] == list(TABLES)


def test_each_resource_has_types_keys_and_foreign_keys(tmp_path: Path) -> None:
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 0
    package = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    for name, schema in schemas.items():
        assert schema["primaryKey"] == ["id"], name
        assert all(field["type"] for field in schema["fields"])
    figure_keys = {
        key["fields"][0]: key["reference"]["resource"] for key in schemas["figures"]["foreignKeys"]
    }
    assert figure_keys == {
        "source": "sources",
        "metric": "metrics",
        "period": "periods",
        "baseline": "periods",
    }
    types = {f["name"]: f["type"] for f in schemas["figures"]["fields"]}
    assert types["value"] == "number" and types["approximate"] == "boolean"
    dates = {f["name"]: f["type"] for f in schemas["periods"]["fields"]}
    assert dates["start"] == dates["end"] == "date"
    rate_fields = {f["name"]: f for f in schemas["weekly_rates"]["fields"]}
    assert "Unit: metrics.unit per week." in rate_fields["rate"]["description"]


def test_the_numbers_are_the_commands_numbers(tmp_path: Path) -> None:
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 0
    package = tmp_path / "pkg"
    query = cli_json("query")
    figures = read_csv(package / "figures.csv")
    assert [(int(r["id"]), float(r["value"]), r["quote"]) for r in figures] == [
        (q["index"], q["value"], q["quote"]) for q in query
    ]
    rates = read_csv(package / "weekly_rates.csv")
    weekly = cli_json("weekly", "--derived")
    assert [(r["metric"], r["period"], r["basis"], number(r["rate"])) for r in rates] == [
        (w["metric"], w["period"], w["basis"], w["rate"]) for w in weekly
    ]
    checks = read_csv(package / "checks.csv")
    assert [(c["id"], c["verdict"]) for c in checks] == [
        (c["id"], c["verdict"]) for c in cli_json("check")
    ]
    periods = {p["id"]: p for p in read_csv(package / "periods.csv")}
    derived = periods["seven-weeks-before-lockdown"]
    assert (derived["derived"], derived["container"], derived["contained"]) == (
        "true",
        "seven-weeks",
        "lockdown",
    )


def test_two_sources_keep_their_details_and_baselines(tmp_path: Path, two_sources: Path) -> None:
    assert export("--to", "datapackage", tmp_path / "pkg", data=two_sources).exit_code == 0
    package = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"] == "Figures from 2 sources"
    assert package["sources"][0] == {
        "title": "Crime in Testshire: year ending March 2023",
        "path": "https://stats.example.org/bulletin-2023",
    }
    sources = read_csv(tmp_path / "pkg" / "sources.csv")
    assert [(s["id"], s["published"], s["kind"]) for s in sources] == [
        ("bulletin", "2023-07-20", "statistics"),
        ("news", "2023-07-21", "article"),
    ]
    figures = read_csv(tmp_path / "pkg" / "figures.csv")
    assert [(f["source"], f["baseline"]) for f in figures if f["baseline"]] == [
        ("news", "yr-2022"),
        ("news", "yr-2022"),
    ]


def test_cells_are_written_as_table_schema_reads_them() -> None:
    from datetime import date

    assert datapackage.csv_text(None) == ""
    assert datapackage.csv_text(True) == "true"
    assert datapackage.csv_text(45) == "45"
    assert datapackage.csv_text(4.571428571428571) == "4.571428571428571"
    assert datapackage.csv_text(float("inf")) == "INF"
    assert datapackage.csv_text(date(2020, 3, 23)) == "2020-03-23"
    # Verbatim: a Data Package is read by typed readers, not guarded for spreadsheets.
    assert datapackage.csv_text("=1+1") == "=1+1"


# ---------------------------------------------------------------- SQLite


def test_sqlite_has_the_tables_keys_indexes_and_views(tmp_path: Path) -> None:
    outcome = export("--to", "sqlite", tmp_path / "figures.db")
    assert outcome.exit_code == 0, outcome.output
    with sqlite3.connect(tmp_path / "figures.db") as db:
        names = dict(
            db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        )
        assert {n for n, t in names.items() if t == "table"} == set(TABLES)
        assert {n for n, t in names.items() if t == "view"} == {v.name for v in sqlite.VIEWS}
        keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(figures)")}
        assert keys == {
            ("source", "sources"),
            ("metric", "metrics"),
            ("period", "periods"),
            ("baseline", "periods"),
        }
        indexed = {
            db.execute(f"PRAGMA index_info({row[1]!r})").fetchone()[2]
            for row in db.execute("PRAGMA index_list(figures)")
        }
        assert {"metric", "period"} <= indexed
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_joins_give_the_commands_numbers(tmp_path: Path) -> None:
    assert export("--to", "sqlite", tmp_path / "figures.db").exit_code == 0
    with sqlite3.connect(tmp_path / "figures.db") as db:
        rows = db.execute(
            """
            SELECT m.label, p.label, f.value, m.unit
            FROM figures AS f JOIN metrics AS m ON m.id = f.metric
            JOIN periods AS p ON p.id = f.period
            WHERE f.metric = 'arrests' ORDER BY f.id
            """
        ).fetchall()
        assert rows == [
            ("Arrests", "Four weeks of lockdown", 45, "arrests"),
            ("Arrests", "Seven weeks from 2 March", 72, "arrests"),
        ]
        rates = db.execute(
            "SELECT r.rate FROM weekly_rates AS r JOIN figures AS f ON f.id = r.figure "
            "WHERE f.metric = 'arrests' AND f.period = 'lockdown' ORDER BY r.basis DESC"
        ).fetchall()
        assert rates == [(11.25,), (45 / (32 / 7),)]
        weekly = db.execute("SELECT metric, period, basis, rate FROM weekly ORDER BY id").fetchall()
        assert weekly == [
            (w["metric"], w["period"], w["basis"], w["rate"])
            for w in cli_json("weekly", "--derived")
        ]
        not_ok = [row[0] for row in db.execute("SELECT id FROM checks_not_ok")]
        assert not_ok == [c["id"] for c in cli_json("check") if c["verdict"] in ("warn", "fail")]
        verdicts = dict(
            db.execute("SELECT verdict, sum(checks) FROM check_verdicts GROUP BY verdict")
        )
        assert sum(verdicts.values()) == len(cli_json("check"))


def test_metadata_json_is_datasettes_format(tmp_path: Path, two_sources: Path) -> None:
    assert export("--to", "sqlite", tmp_path / "testshire.db", data=two_sources).exit_code == 0
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["title"] == "Figures from 2 sources"
    assert meta["source"] == (
        "Crime in Testshire: year ending March 2023; Fraud falls by almost two-thirds in Testshire"
    )
    assert meta["source_url"] == "https://stats.example.org/bulletin-2023"
    assert "license" not in meta
    tables = meta["databases"]["testshire"]["tables"]
    assert set(TABLES) <= set(tables)
    assert tables["figures"]["description"]
    assert "Unit: days." in tables["periods"]["columns"]["days"]
    assert "Unit: weeks." in tables["weekly_rates"]["columns"]["weeks"]


# ---------------------------------------------------------------- never overwrite, never half-write


@pytest.mark.parametrize(("to", "name"), [("datapackage", "pkg"), ("sqlite", "figures.db")])
def test_an_existing_target_needs_force(tmp_path: Path, to: str, name: str) -> None:
    target = tmp_path / name
    assert export("--to", to, target).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    outcome = export("--to", to, target)
    assert outcome.exit_code == 2
    assert len(outcome.stderr.splitlines()) == 1
    assert "exists; add --force" in outcome.stderr
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
    assert export("--to", to, target, "--force").exit_code == 0
    assert leftovers(tmp_path) == []


def test_metadata_json_is_not_overwritten_either(tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("{}", encoding="utf-8")
    outcome = export("--to", "sqlite", tmp_path / "figures.db")
    assert outcome.exit_code == 2
    assert "metadata.json exists" in outcome.stderr
    assert not (tmp_path / "figures.db").exists()


def test_an_empty_directory_is_filled_without_force(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 0
    assert (tmp_path / "pkg" / "datapackage.json").is_file()


def test_the_working_directory_is_filled_in_place(tmp_path: Path, monkeypatch: Any) -> None:
    here = tmp_path / "lockdown-figures"
    here.mkdir()
    monkeypatch.chdir(here)
    assert export("--to", "datapackage", ".").exit_code == 0
    assert Path.cwd() == here and here.is_dir()  # the directory the user is in stays
    package = json.loads((here / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "lockdown-figures"
    assert leftovers(here) == []
    outcome = export("--to", "datapackage", ".", "--force")
    assert outcome.exit_code == 2
    assert "holds the working directory; not replacing it" in outcome.stderr


def test_a_failed_write_leaves_an_empty_directory_empty(tmp_path: Path, monkeypatch: Any) -> None:
    calls: list[str] = []

    def write_some(path: Path, table: Any) -> None:
        calls.append(table.name)
        if len(calls) == 4:
            _full_disk()
        path.write_text("partial", encoding="utf-8")

    (tmp_path / "pkg").mkdir()
    monkeypatch.setattr(datapackage, "_write_csv", write_some)
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 74
    assert list((tmp_path / "pkg").iterdir()) == []


def test_force_never_replaces_a_directory_an_export_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    outcome = export("--to", "datapackage", mine, "--force")
    assert outcome.exit_code == 2
    assert "not replacing it" in outcome.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_directory_is_no_database(tmp_path: Path) -> None:
    outcome = export("--to", "sqlite", tmp_path, "--force")
    assert outcome.exit_code == 2
    assert "is a directory" in outcome.stderr


def test_a_missing_directory_is_exit_74_and_one_line(tmp_path: Path) -> None:
    outcome = export("--to", "sqlite", tmp_path / "no" / "such" / "figures.db")
    assert outcome.exit_code == 74
    assert outcome.stderr.count("\n") == 1
    assert "cannot write" in outcome.stderr


def test_to_is_required_and_checked(tmp_path: Path) -> None:
    for args in ([str(tmp_path / "x")], ["--to", "xml", str(tmp_path / "x")]):
        outcome = invoke(["export", *args])
        assert outcome.exit_code == 2
        assert outcome.stderr.count("\n") == 1
    assert invoke(["export", "--to", "sqlite", "-"]).exit_code == 2


def _full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_package_write_leaves_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    calls: list[str] = []

    def write_some(path: Path, table: Any) -> None:
        calls.append(table.name)
        if len(calls) == 3:
            _full_disk()
        path.write_text("partial", encoding="utf-8")

    monkeypatch.setattr(datapackage, "_write_csv", write_some)
    outcome = export("--to", "datapackage", tmp_path / "pkg")
    assert outcome.exit_code == 74
    assert "No space left on device" in outcome.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failed_replacement_keeps_the_old_package(tmp_path: Path, monkeypatch: Any) -> None:
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 0
    old = {p.name: p.read_bytes() for p in (tmp_path / "pkg").iterdir()}
    monkeypatch.setattr(datapackage, "_write_csv", _full_disk)
    assert export("--to", "datapackage", tmp_path / "pkg", "--force").exit_code == 74
    assert {p.name: p.read_bytes() for p in (tmp_path / "pkg").iterdir()} == old
    assert leftovers(tmp_path) == []


def test_a_failed_database_write_leaves_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    def full(path: Path, tables: Any) -> None:
        path.write_bytes(b"SQLite format 3\x00 and then the disk filled")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite, "write_database", full)
    outcome = export("--to", "sqlite", tmp_path / "figures.db")
    assert outcome.exit_code == 74
    assert "database or disk is full" in outcome.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_export_leaves_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sqlite, "write_database", interrupted)
    assert export("--to", "sqlite", tmp_path / "figures.db").exit_code == 130
    monkeypatch.setattr(datapackage, "_write_csv", interrupted)
    assert export("--to", "datapackage", tmp_path / "pkg").exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_tables_follow_the_layer_rule() -> None:
    """The export layer imports analysis, load and model, never render or the commands."""
    root = Path(__file__).resolve().parents[1] / "ocsae_cli" / "export"
    for module in root.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "ocsae_cli.render" not in text, module.name
        assert "ocsae_cli.commands" not in text, module.name


def test_every_table_has_one_value_per_column() -> None:
    from ocsae_cli.analysis.figures import Index
    from ocsae_cli.load import load_file

    for table in build_tables(Index.build(load_file(packaged_data_path()))):
        assert all(len(row) == len(table.columns) for row in table.rows), table.name
        keys = [row[0] for row in table.rows]
        assert len(keys) == len(set(keys)), table.name


# ---------------------------------------------------------------- the real tools


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed")
        path = Path(found)
    return path


@pytest.mark.slow  # starts frictionless
@pytest.mark.parametrize("data", [None, "two"])
def test_frictionless_validates_the_package(
    tmp_path: Path, two_sources: Path, data: str | None
) -> None:
    frictionless = _tool("frictionless")
    target = tmp_path / "pkg"
    assert export("--to", "datapackage", target, data=two_sources if data else None).exit_code == 0
    done = subprocess.run(
        [str(frictionless), "validate", "--json", "datapackage.json"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    errors = [error["message"] for task in report["tasks"] for error in task["errors"]]
    assert report["valid"], errors
    assert len(report["tasks"]) == len(TABLES)


@pytest.mark.slow  # starts frictionless
def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    """The validation above means something: a figure of an unknown metric fails it."""
    frictionless = _tool("frictionless")
    target = tmp_path / "pkg"
    assert export("--to", "datapackage", target).exit_code == 0
    figures = target / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(",arrests,lockdown,", ",arests,lockdown,", 1),
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(frictionless), "validate", "--json", "datapackage.json"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    assert not report["valid"]
    types = {error["type"] for task in report["tasks"] for error in task["errors"]}
    assert types == {"foreign-key"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
        return json.loads(response.read())


@pytest.mark.slow  # starts a web server
def test_datasette_serves_the_database_with_its_metadata(tmp_path: Path) -> None:
    datasette = _tool("datasette")
    assert export("--to", "sqlite", tmp_path / "figures.db").exit_code == 0
    port = _free_port()
    server = subprocess.Popen(
        [
            str(datasette),
            "serve",
            "figures.db",
            "--metadata",
            "metadata.json",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                rows = _get(f"{base}/figures/figures.json?_shape=array&metric=arrests")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert [(row["period"], row["value"]) for row in rows] == [
            ("lockdown", 45),
            ("seven-weeks", 72),
        ]
        meta = _get(f"{base}/-/metadata.json")
        assert meta["title"].startswith("Figures from “Data shows")
        assert "figures" in meta["databases"]["figures"]["tables"]
        view = _get(f"{base}/figures/weekly.json?_shape=array&_size=1")
        assert view[0]["metric_label"] == "Arrests"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
