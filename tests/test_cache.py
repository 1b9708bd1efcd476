"""The cache of validated datasets: a speed-up that must never change an answer."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import invoke
from conftest import SMALL_TOML

import ocsae_cli
from ocsae_cli import cache, load
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.summary import BOTH, summarise
from ocsae_cli.load import DataError, load_file, packaged_data_path
from ocsae_cli.model import Dataset


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV_VAR, str(directory))
    return directory


@pytest.fixture
def figures(tmp_path: Path) -> Path:
    path = tmp_path / "figures.toml"
    path.write_text(SMALL_TOML, encoding="utf-8")
    return path


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.dataset.pickle"))


def no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parsing fail loudly: a load that succeeds must have come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(load, "validate_document", refuse)


def test_a_second_load_comes_from_the_cache_and_is_the_same(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_file(figures)
    assert len(entries(cache_dir)) == 1
    no_validation(monkeypatch)
    second = load_file(figures)
    assert second == first
    assert second.model_dump() == first.model_dump()
    assert [f.model_fields_set for f in second.figures] == [
        f.model_fields_set for f in first.figures
    ]


def test_restored_models_are_still_frozen_and_analyse_the_same(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_file(packaged_data_path())
    no_validation(monkeypatch)
    restored = load_file(packaged_data_path())
    with pytest.raises(ValueError, match="frozen"):
        restored.figures[0].value = 1
    assert summarise(Index.build(restored), None) == summarise(Index.build(fresh), None)
    assert run_checks(Index.build(restored), BOTH) == run_checks(Index.build(fresh), BOTH)


def test_a_changed_file_is_validated_again(cache_dir: Path, figures: Path) -> None:
    assert load_file(figures).figures[0].value == 130
    figures.write_text(SMALL_TOML.replace("value = 130", "value = 131"), encoding="utf-8")
    assert load_file(figures).figures[0].value == 131


def test_a_file_made_invalid_is_reported_not_served_from_the_cache(
    cache_dir: Path, figures: Path
) -> None:
    load_file(figures)
    figures.write_text(SMALL_TOML.replace("value = 130", "value = -130"), encoding="utf-8")
    with pytest.raises(DataError, match="must be >= 0"):
        load_file(figures)


def test_an_invalid_file_is_never_cached(cache_dir: Path, figures: Path) -> None:
    figures.write_text(SMALL_TOML.replace("value = 130", 'value = "130"'), encoding="utf-8")
    with pytest.raises(DataError):
        load_file(figures)
    assert entries(cache_dir) == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"garbage", id="not-an-entry"),
        pytest.param(lambda raw: raw[:22] + pickle.dumps({"figures": []}), id="not-a-dataset"),
        pytest.param(lambda raw: raw[:22] + b"\x80\x05cos\nsystem\n.", id="foreign-pickle"),
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(
    cache_dir: Path, figures: Path, damage: object
) -> None:
    expected = load_file(figures)
    (entry,) = entries(cache_dir)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_file(figures) == expected
    (replaced,) = entries(cache_dir)
    assert replaced.read_bytes().startswith(b"ocsae-dataset-cache 1\n")
    assert load_file(figures) == expected


def test_no_cache_turns_it_off(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV_VAR, "1")
    load_file(figures)
    assert not cache_dir.exists()


def test_an_unusable_cache_directory_is_not_an_error(
    tmp_path: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(cache.CACHE_DIR_ENV_VAR, str(blocked / "cache"))
    assert len(load_file(figures).figures) == 4
    assert len(load_file(figures).figures) == 4


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_directory_others_can_write_is_neither_read_nor_written(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_file(figures)
    (entry,) = entries(cache_dir)
    cache_dir.chmod(0o777)
    no_validation(monkeypatch)
    with pytest.raises(AssertionError, match="validated again"):
        load_file(figures)
    cache_dir.chmod(0o700)
    assert entry.exists()


def test_the_cache_directory_is_private(cache_dir: Path, figures: Path) -> None:
    load_file(figures)
    if os.name == "posix":
        assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_old_entries_are_removed(cache_dir: Path, tmp_path: Path) -> None:
    for number in range(cache.MAX_ENTRIES + 3):
        path = tmp_path / f"figures-{number}.toml"
        path.write_text(SMALL_TOML.replace("value = 130", f"value = {number}"), encoding="utf-8")
        load_file(path)
    assert len(entries(cache_dir)) == cache.MAX_ENTRIES
    newest = tmp_path / f"figures-{cache.MAX_ENTRIES + 2}.toml"
    key = cache.cache_key(newest.read_bytes())
    assert (cache_dir / f"{key}.dataset.pickle").exists()


def test_the_key_depends_on_the_bytes_and_on_ocsae(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SMALL_TOML.encode()
    key = cache.cache_key(raw)
    assert cache.cache_key(raw) == key
    assert cache.cache_key(raw + b"\n") != key
    monkeypatch.setattr(ocsae_cli, "__version__", "0.0.0-other")
    assert cache.cache_key(raw) != key


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"OCSAE_CACHE_DIR": "/somewhere"}, Path("/somewhere")),
        ({"OCSAE_CACHE_DIR": "/somewhere", "OCSAE_NO_CACHE": "1"}, None),
        ({"OCSAE_CACHE_DIR": "/somewhere", "OCSAE_NO_CACHE": "0"}, Path("/somewhere")),
        ({"OCSAE_CACHE_DIR": "/somewhere", "OCSAE_NO_CACHE": ""}, Path("/somewhere")),
        ({"OCSAE_NO_CACHE": "yes"}, None),
    ],
)
def test_cache_directory_follows_the_environment(
    environ: dict[str, str], expected: Path | None
) -> None:
    assert cache.cache_directory(environ) == expected


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout")
def test_cache_directory_defaults_to_xdg() -> None:
    assert cache.cache_directory({"XDG_CACHE_HOME": "/x"}) == Path("/x/ocsae")
    assert cache.cache_directory({}) == Path.home() / ".cache" / "ocsae"


def test_validate_never_trusts_the_cache(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_file(figures)

    def poisoned(directory: Path, key: str) -> Dataset:
        raise AssertionError("validate read the cache")

    monkeypatch.setattr(cache, "read", poisoned)
    result = invoke(["validate", str(figures)])
    assert result.exit_code == 0, result.output
    assert "ok:" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--json"],
        ["check", "--json"],
        ["weekly", "--json"],
        ["compare", "--period", "lockdown", "--period", "seven-weeks", "--json"],
        ["summary"],
    ],
)
def test_the_installed_ocsae_answers_the_same_with_and_without_the_cache(
    tmp_path: Path, command: list[str]
) -> None:
    ocsae = Path(sys.executable).with_name("ocsae")
    if not ocsae.exists():
        pytest.skip("ocsae is not installed beside this Python")
    base = {k: v for k, v in os.environ.items() if k not in ("OCSAE_DATA", "OCSAE_NO_CACHE")}
    env = {**base, "OCSAE_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(environ: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [str(ocsae), *command], env=environ, capture_output=True, check=False, timeout=60
        )

    cold = run({**env, "OCSAE_NO_CACHE": "1"})
    filled = run(env)
    warm = run(env)
    assert entries(tmp_path / "cache"), "the second run left no cache entry"
    assert cold.returncode == filled.returncode == warm.returncode
    assert cold.stdout == filled.stdout == warm.stdout
    assert cold.stderr == warm.stderr == b""


def test_no_home_directory_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", homeless)
    assert cache.cache_directory({}) is None or sys.platform == "win32"


@pytest.mark.parametrize("value", ["0", "false", "No", "off", " "])
def test_no_cache_set_to_a_negative_keeps_the_cache(value: str) -> None:
    assert cache.cache_directory({"OCSAE_CACHE_DIR": "/x", "OCSAE_NO_CACHE": value}) == Path("/x")


def test_the_key_changes_with_the_loader_too(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SMALL_TOML.encode()
    key = cache.cache_key(raw)
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        return real(path) + (b"# edited\n" if path.name == "load.py" else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert cache.cache_key(raw) != key


# Fails if pydantic looks for plugins while ocsae builds its validators.
NO_DISCOVERY = """\
import sys
import pydantic.plugin._loader as loader

def refuse(**kwargs):
    raise AssertionError("plugin discovery ran")

loader.entry_points = refuse
loader._plugins = None
from ocsae_cli.load import load_file, packaged_data_path
print(len(load_file(packaged_data_path(), use_cache=False).figures))
"""


def test_validating_never_looks_for_pydantic_plugins() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_DISCOVERY],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "14\n"
