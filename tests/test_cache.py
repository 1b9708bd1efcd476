"""The cache of validated datasets: a speed-up that must never change an answer.

Most tests run a command the way a user does (``CliRunner`` with the cache
directory in the environment) and compare its output with an uncached run. The
attack tests plant an entry that would change the output ("planted" values), or
code that would leave a file behind, and check that neither happens.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest
from conftest import SMALL_TOML
from pydantic import BaseModel, ConfigDict
from typer.testing import CliRunner

import ocsae_cli
from ocsae_cli import cache, load
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.summary import BOTH, summarise
from ocsae_cli.cli import app
from ocsae_cli.load import DataError, load_file, packaged_data_path
from ocsae_cli.model import Dataset

# The cache's attack and damage matrix writes real files by the hundred: the full loop
# (CI) runs it; `pytest tests/test_cache.py` runs it alone while working on the cache.
pytestmark = pytest.mark.slow

SUFFIX = ".dataset.json"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV_VAR, str(directory))
    monkeypatch.delenv(cache.NO_CACHE_ENV_VAR, raising=False)
    return directory


@pytest.fixture
def figures(tmp_path: Path) -> Path:
    path = tmp_path / "figures.toml"
    path.write_text(SMALL_TOML, encoding="utf-8")
    return path


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"*{SUFFIX}"))


def leftovers(*directories: Path) -> list[Path]:
    """Temporary files left in any of ``directories``."""
    return [p for d in directories if d.is_dir() for p in d.iterdir() if p.name.startswith(".")]


def entry_for(directory: Path, path: Path) -> Path:
    return directory / f"{cache.cache_key(path.read_bytes())}{SUFFIX}"


def no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make validating fail loudly: a load that succeeds must have come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(load, "validate_document", refuse)


def ocsae(*args: str) -> str:
    """Run a command as a user would; its standard output."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def answers(figures: Path) -> dict[str, str]:
    """What a user sees from two commands on ``figures``, with the cache as it is."""
    return {
        "query": ocsae("query", "--json", "--data", str(figures)),
        "summary": ocsae("summary", "--json", "--data", str(figures)),
    }


@pytest.fixture
def truth(figures: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The answers without any cache."""
    with monkeypatch.context() as patch:
        patch.setenv(cache.NO_CACHE_ENV_VAR, "1")
        return answers(figures)


def planted(figures: Path, where: Path) -> Path:
    """An entry for ``figures`` written by ocsae itself, but of a dataset whose first
    figure says 999 "planted": what an attacker would like a user to see."""
    honest = load_file(figures, use_cache=False)
    first = honest.figures[0].model_copy(update={"value": 999, "quote": "planted 999"})
    tampered = honest.model_copy(update={"figures": (first, *honest.figures[1:])})
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = cache.cache_key(figures.read_bytes())
    cache.write(where, key, tampered)
    entry = where / f"{key}{SUFFIX}"
    assert entry.is_file()
    return entry


def assert_not_planted(seen: dict[str, str], truth: dict[str, str]) -> None:
    assert seen == truth
    assert "planted" not in seen["query"]


# ---------------------------------------------------------------- behaviour


def test_a_second_load_comes_from_the_cache_and_is_the_same(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_file(figures)
    assert len(entries(cache_dir)) == 1
    no_validation(monkeypatch)
    second = load_file(figures)
    assert second == first
    assert second.model_dump() == first.model_dump()
    assert second.model_fields_set == first.model_fields_set
    assert [f.model_fields_set for f in second.figures] == [
        f.model_fields_set for f in first.figures
    ]
    assert [p.__getstate__() for p in second.periods] == [p.__getstate__() for p in first.periods]


def test_restored_models_are_still_frozen_and_analyse_the_same(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_file(packaged_data_path())
    no_validation(monkeypatch)
    restored = load_file(packaged_data_path())
    assert restored == fresh
    with pytest.raises(ValueError, match="frozen"):
        restored.figures[0].value = 1
    assert summarise(Index.build(restored), None) == summarise(Index.build(fresh), None)
    assert run_checks(Index.build(restored), BOTH) == run_checks(Index.build(fresh), BOTH)


def test_commands_answer_the_same_from_the_cache(
    cache_dir: Path, figures: Path, truth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert answers(figures) == truth  # fills the cache
    no_validation(monkeypatch)
    assert answers(figures) == truth


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


def test_no_cache_turns_it_off(
    cache_dir: Path, figures: Path, truth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    planted(figures, cache_dir)
    monkeypatch.setenv(cache.NO_CACHE_ENV_VAR, "1")
    assert answers(figures) == truth  # neither read ...
    (entry,) = entries(cache_dir)
    assert b"planted" in entry.read_bytes()  # ... nor written


def test_cache_dir_names_the_directory(
    tmp_path: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "somewhere" / "else"
    monkeypatch.setenv(cache.CACHE_DIR_ENV_VAR, str(chosen))
    monkeypatch.delenv(cache.NO_CACHE_ENV_VAR, raising=False)
    load_file(figures)
    assert [e.name for e in entries(chosen)] == [entry_for(chosen, figures).name]


def test_an_unusable_cache_directory_is_not_an_error(
    tmp_path: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(cache.CACHE_DIR_ENV_VAR, str(blocked / "cache"))
    assert len(load_file(figures).figures) == 4
    assert len(load_file(figures).figures) == 4


def test_the_cache_directory_is_private(cache_dir: Path, figures: Path) -> None:
    load_file(figures)
    if os.name == "posix":
        assert cache_dir.stat().st_mode & 0o777 == 0o700
        assert all(e.stat().st_mode & 0o777 == 0o600 for e in entries(cache_dir))


def test_old_entries_are_removed(cache_dir: Path, tmp_path: Path) -> None:
    for number in range(cache.MAX_ENTRIES + 3):
        path = tmp_path / f"figures-{number}.toml"
        path.write_text(SMALL_TOML.replace("value = 130", f"value = {number}"), encoding="utf-8")
        load_file(path)
    assert len(entries(cache_dir)) == cache.MAX_ENTRIES
    assert entry_for(cache_dir, tmp_path / f"figures-{cache.MAX_ENTRIES + 2}.toml").exists()
    assert not entry_for(cache_dir, tmp_path / "figures-0.toml").exists()


def test_stale_and_abandoned_files_are_removed_but_not_a_running_write(
    cache_dir: Path, figures: Path
) -> None:
    cache_dir.mkdir(mode=0o700)
    stale = cache_dir / ("0" * 40 + ".dataset.pickle")  # the format before this one
    abandoned = cache_dir / f".tmp-1-dead{SUFFIX}"
    running = cache_dir / f".tmp-2-live{SUFFIX}"
    for path in (stale, abandoned, running):
        path.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(abandoned, (old, old))
    load_file(figures)
    assert not stale.exists()
    assert not abandoned.exists()
    assert running.exists()


def test_the_key_depends_on_the_bytes_and_on_ocsae(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SMALL_TOML.encode()
    key = cache.cache_key(raw)
    assert cache.cache_key(raw) == key
    assert cache.cache_key(raw + b"\n") != key
    monkeypatch.setattr(ocsae_cli, "__version__", "0.0.0-other")
    assert cache.cache_key(raw) != key


@pytest.mark.parametrize("module", ["load.py", "model.py", "cache.py"])
def test_the_key_changes_with_the_modules_that_validate(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = SMALL_TOML.encode()
    key = cache.cache_key(raw)
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        return real(path) + (b"# edited\n" if path.name == module else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
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


@pytest.mark.parametrize("value", ["0", "false", "No", "off", " "])
def test_no_cache_set_to_a_negative_keeps_the_cache(value: str) -> None:
    assert cache.cache_directory({"OCSAE_CACHE_DIR": "/x", "OCSAE_NO_CACHE": value}) == Path("/x")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout")
def test_cache_directory_defaults_to_xdg() -> None:
    assert cache.cache_directory({"XDG_CACHE_HOME": "/x"}) == Path("/x/ocsae")
    assert cache.cache_directory({}) == Path.home() / ".cache" / "ocsae"


def test_no_home_directory_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", homeless)
    assert cache.cache_directory({}) is None or sys.platform == "win32"


def test_validate_never_reads_the_cache(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_file(figures)

    def poisoned(directory: Path, key: str) -> Dataset:
        raise AssertionError("validate read the cache")

    monkeypatch.setattr(cache, "read", poisoned)
    result = CliRunner().invoke(app, ["validate", str(figures)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


# ---------------------------------------------------------------- attacks and damage


@POSIX
def test_a_symlinked_cache_directory_is_neither_read_nor_written(
    cache_dir: Path, figures: Path, truth: dict[str, str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "attacker"
    planted(figures, elsewhere)
    cache_dir.symlink_to(elsewhere, target_is_directory=True)
    assert_not_planted(answers(figures), truth)
    assert [e.name for e in entries(elsewhere)] == [entry_for(elsewhere, figures).name]
    assert b"planted" in entry_for(elsewhere, figures).read_bytes()  # not replaced either
    assert leftovers(elsewhere) == []


@POSIX
def test_a_symlinked_entry_is_not_followed(
    cache_dir: Path, figures: Path, truth: dict[str, str], tmp_path: Path
) -> None:
    target = planted(figures, tmp_path / "attacker")
    cache_dir.mkdir(mode=0o700)
    entry_for(cache_dir, figures).symlink_to(target)
    assert_not_planted(answers(figures), truth)
    entry = entry_for(cache_dir, figures)
    assert not entry.is_symlink()  # replaced by an entry of our own ...
    assert b"planted" in target.read_bytes()  # ... without writing through the link
    assert leftovers(cache_dir, target.parent) == []


@POSIX
def test_a_directory_swapped_after_it_is_opened_changes_nothing(
    cache_dir: Path,
    figures: Path,
    truth: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race of issue 11: check the directory, then open the entry by its path.

    Here the directory is swapped for a symlink to a planted one right after
    ocsae opened it: everything after that goes through the open descriptor.
    """
    assert answers(figures) == truth  # an honest entry
    elsewhere = tmp_path / "attacker"
    planted(figures, elsewhere)
    aside = tmp_path / "moved"
    real_open = cache._open_directory
    swaps = []

    def open_then_swap(directory: Path) -> int | None:
        descriptor = real_open(directory)
        if directory.is_dir() and not directory.is_symlink():
            directory.rename(aside)
            directory.symlink_to(elsewhere, target_is_directory=True)
            swaps.append(directory)
        return descriptor

    monkeypatch.setattr(cache, "_open_directory", open_then_swap)
    with monkeypatch.context() as patch:
        no_validation(patch)  # the honest entry is read, through the descriptor
        assert ocsae("query", "--json", "--data", str(figures)) == truth["query"]
    assert swaps
    assert b"planted" in entry_for(elsewhere, figures).read_bytes()
    assert leftovers(aside, elsewhere) == []


@POSIX
def test_a_directory_swapped_before_a_write_is_not_written(
    cache_dir: Path,
    figures: Path,
    truth: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir(mode=0o700)
    real_mkdir = Path.mkdir

    def mkdir_then_swap(self: Path, *args: Any, **kwargs: Any) -> None:
        real_mkdir(self, *args, **kwargs)
        if self == cache_dir and not self.is_symlink():
            self.rmdir()
            self.symlink_to(elsewhere, target_is_directory=True)

    monkeypatch.setattr(Path, "mkdir", mkdir_then_swap)
    assert answers(figures) == truth
    assert list(elsewhere.iterdir()) == []


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
@pytest.mark.parametrize("mode", [0o666, 0o644])
def test_an_entry_owned_by_another_user_is_skipped(
    cache_dir: Path, figures: Path, truth: dict[str, str], mode: int
) -> None:
    entry = planted(figures, cache_dir)
    os.chown(entry, 65534, 65534)  # nobody
    entry.chmod(mode)
    assert_not_planted(answers(figures), truth)
    assert entry.stat().st_uid == os.getuid()  # replaced by ours
    assert leftovers(cache_dir) == []


@POSIX
@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_an_entry_others_can_write_is_skipped(
    cache_dir: Path, figures: Path, truth: dict[str, str], mode: int
) -> None:
    entry = planted(figures, cache_dir)
    entry.chmod(mode)
    assert_not_planted(answers(figures), truth)
    assert entry.stat().st_mode & 0o777 == 0o600


@POSIX
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_directory_others_can_write_is_neither_read_nor_written(
    cache_dir: Path, figures: Path, truth: dict[str, str], mode: int
) -> None:
    entry = planted(figures, cache_dir)
    cache_dir.chmod(mode)
    assert_not_planted(answers(figures), truth)
    assert b"planted" in entry.read_bytes()
    assert leftovers(cache_dir) == []


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_directory_owned_by_another_user_is_neither_read_nor_written(
    cache_dir: Path, figures: Path, truth: dict[str, str]
) -> None:
    entry = planted(figures, cache_dir)
    os.chown(cache_dir, 65534, 65534)
    assert_not_planted(answers(figures), truth)
    assert b"planted" in entry.read_bytes()


FIFO_LOAD = """\
import sys
from pathlib import Path
from ocsae_cli.load import load_file
print(len(load_file(Path(sys.argv[1])).figures))
"""


@POSIX
def test_a_fifo_in_place_of_an_entry_does_not_hang(
    cache_dir: Path, figures: Path, truth: dict[str, str]
) -> None:
    cache_dir.mkdir(mode=0o700)
    fifo = entry_for(cache_dir, figures)
    os.mkfifo(fifo, 0o600)
    env = {**os.environ, cache.CACHE_DIR_ENV_VAR: str(cache_dir)}
    env.pop(cache.NO_CACHE_ENV_VAR, None)
    done = subprocess.run(
        [sys.executable, "-c", FIFO_LOAD, str(figures)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,  # a hang fails the test instead of stopping the suite
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "4\n"
    assert fifo.is_file()  # replaced by an entry
    assert answers(figures) == truth


MARKER_CODE = "import pathlib; pathlib.Path({marker!r}).write_text('ran')"


class _RunsCode:
    """Pickles to a call of exec(): what a pickle-reading cache would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (exec, (MARKER_CODE.format(marker=str(self.marker)),))


def _json_of(raw: bytes) -> tuple[bytes, Any]:
    header, _, body = raw.partition(b"\n")
    return header + b"\n", json.loads(body)


def _reshaped(change: Callable[[Any], None]) -> Callable[[bytes], bytes]:
    def damage(raw: bytes) -> bytes:
        header, document = _json_of(raw)
        change(document)
        return header + json.dumps(document).encode()

    return damage


def _set(path: str, value: Any) -> Callable[[Any], None]:
    """Set document[a][b][c] for the path "a.b.c" (numbers index arrays)."""

    def change(document: Any) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        for part in parents:
            document = document[part]
        document[last] = value

    return change


def _delete(path: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        *parents, last = path.split(".")
        for part in parents:
            document = document[part]
        del document[last]

    return change


def _short_column(document: Any) -> None:
    document["figures"]["value"].pop()


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "truncated-to-the-header": lambda raw: raw.partition(b"\n")[0] + b"\n",
    "empty": lambda raw: b"",
    "garbage": lambda raw: b"garbage",
    "binary-noise": lambda raw: bytes(range(256)) * 4,
    "deeply-nested": lambda raw: raw.partition(b"\n")[0] + b"\n" + b"[" * 100_000,
    "a-json-array": lambda raw: raw.partition(b"\n")[0] + b"\n[]",
    "not-a-dataset": lambda raw: raw.partition(b"\n")[0] + b'\n{"figures": []}',
    "figures-missing": _reshaped(_delete("figures")),
    "a-column-missing": _reshaped(_delete("figures.quote")),
    "a-column-too-short": _reshaped(_short_column),
    "an-unknown-field": _reshaped(_set("figures.planted", [1, 2, 3, 4])),
    "a-number-as-text": _reshaped(_set("figures.value.0", "999")),
    "a-number-as-null": _reshaped(_set("figures.value.0", None)),
    "a-boolean-as-number": _reshaped(_set("figures.approximate.0", 1)),
    "an-unknown-statistic": _reshaped(_set("figures.statistic.0", "median")),
    "an-impossible-date": _reshaped(_set("periods.start.0", "2021-02-30")),
    "a-date-as-a-number": _reshaped(_set("periods.start.0", 20210101)),
    "a-model-as-a-list": _reshaped(_set("periods.stated_length.0", [3, "months"])),
    "periods-as-null": _reshaped(_set("periods", None)),
    "a-fields-set-out-of-range": _reshaped(_set("figures..0", 1 << 40)),
    "a-fields-set-as-text": _reshaped(_set("figures..0", "all")),
    "a-constant-column-of-the-wrong-type": _reshaped(_set("figures.note", {"all": 5})),
    "a-constant-column-holding-an-array": _reshaped(_set("figures.note", {"all": [None]})),
    "a-constant-column-with-more-keys": _reshaped(_set("figures.note", {"all": None, "x": 1})),
    "a-column-as-text": _reshaped(_set("figures.note", "none")),
    "an-old-pickle": lambda raw: b"ocsae-dataset-cache 1\n" + pickle.dumps({"figures": []}),
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_entry_is_a_miss_and_is_replaced(
    cache_dir: Path, figures: Path, truth: dict[str, str], damage: Callable[[bytes], bytes]
) -> None:
    answers(figures)
    (entry,) = entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert answers(figures) == truth
    assert entry.read_bytes() == good  # written again, whole
    assert leftovers(cache_dir) == []


def test_the_damage_cases_are_valid_json_where_they_mean_to_be(
    cache_dir: Path, figures: Path
) -> None:
    """The shape cases must test the shape checks, not the JSON parser."""
    load_file(figures)
    (entry,) = entries(cache_dir)
    good = entry.read_bytes()
    for name, damage in DAMAGE.items():
        if name.startswith(("a-", "an-", "figures-", "periods-", "not-")) and "pickle" not in name:
            json.loads(damage(good).partition(b"\n")[2])


@pytest.mark.parametrize("with_header", [True, False])
def test_a_planted_pickle_never_runs(
    cache_dir: Path, figures: Path, truth: dict[str, str], tmp_path: Path, with_header: bool
) -> None:
    marker = tmp_path / "ran"
    cache_dir.mkdir(mode=0o700)
    entry = entry_for(cache_dir, figures)
    payload = pickle.dumps(_RunsCode(marker))
    header = f"ocsae-dataset-cache 2 {cache.cache_key(figures.read_bytes())}\n".encode()
    entry.write_bytes((header if with_header else b"ocsae-dataset-cache 1\n") + payload)
    assert answers(figures) == truth
    assert not marker.exists()


def test_another_files_entry_under_this_key_is_not_served(
    cache_dir: Path, figures: Path, truth: dict[str, str], tmp_path: Path
) -> None:
    """An entry copied from another key: valid JSON of a valid dataset, not this file's."""
    other = tmp_path / "other.toml"
    other.write_text(SMALL_TOML.replace("value = 130", "value = 999"), encoding="utf-8")
    load_file(other)
    entry_for(cache_dir, other).replace(entry_for(cache_dir, figures))
    assert answers(figures) == truth
    # Replaced: the other file's 999 is gone from the JSON. (Not from the whole file:
    # the header's hexadecimal key may contain "999" by chance.)
    body = entry_for(cache_dir, figures).read_bytes().partition(b"\n")[2]
    assert b"999" not in body


def test_a_write_that_fails_leaves_nothing_behind(
    cache_dir: Path, figures: Path, truth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert answers(figures) == truth
    assert entries(cache_dir) == []
    assert leftovers(cache_dir) == []


def test_an_interrupted_write_leaves_nothing_behind_and_is_not_swallowed(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_file(figures)
    assert leftovers(cache_dir) == []


def test_without_safe_opening_nothing_is_cached(
    cache_dir: Path, figures: Path, truth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where O_NOFOLLOW or descriptor-relative opening is missing (Windows)."""
    monkeypatch.setattr(cache, "_SAFE", False)
    assert answers(figures) == truth
    assert answers(figures) == truth
    assert not cache_dir.exists()


def test_a_dataset_that_cannot_be_encoded_is_not_cached(
    cache_dir: Path, figures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(model: BaseModel) -> bytes:
        raise cache.UnsupportedModelError("a new field type")

    monkeypatch.setattr(cache, "serialise", unsupported)
    assert len(load_file(figures).figures) == 4
    assert not cache_dir.exists() or entries(cache_dir) == []


# ---------------------------------------------------------------- the format


def _models(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``cls`` and every model class its fields hold, once each."""
    seen: set[type[BaseModel]] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for field in current.model_fields.values():
            todo.extend(_model_classes_in(field.annotation))


def _model_classes_in(annotation: Any) -> Iterator[type[BaseModel]]:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _model_classes_in(argument)


def test_every_model_is_cached_by_the_fast_path() -> None:
    """Fails when a pydantic release changes the state its pickling uses.

    The cache then falls back to model_construct: still right, but about four
    times slower to rebuild a large file, over the speed budget.
    """
    classes = list(_models(Dataset))
    assert {c.__name__ for c in classes} >= {"Dataset", "Figure", "Period", "Metric"}
    for cls in classes:
        assert cache.supported(cls), cls
        assert cache.shortcut_in_use(cls), f"{cls.__name__} is rebuilt by model_construct"


def test_the_packaged_data_round_trips_exactly() -> None:
    dataset = load_file(packaged_data_path(), use_cache=False)
    rebuilt = cache.deserialise(Dataset, cache.serialise(dataset))
    assert rebuilt == dataset
    assert rebuilt.model_dump_json() == dataset.model_dump_json()
    for before, after in zip(_walk(dataset), _walk(rebuilt), strict=True):
        assert type(after) is type(before)
        assert after.__getstate__() == before.__getstate__()


def _walk(model: BaseModel) -> Iterator[BaseModel]:
    yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, tuple | list) else (value,):
            if isinstance(item, BaseModel):
                yield from _walk(item)


class Leaf(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    when: date | None = None
    size: int | float = 0
    kind: Literal["a", "b"] = "a"
    tags: tuple[str, ...] = ()


class Branch(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    leaves: tuple[Leaf, ...] = ()
    main: Leaf | None = None
    days: tuple[date, ...] = ()
    counts: list[int] = []
    twigs: tuple[tuple[Leaf, ...], ...] = ()


class Tree(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    root: Branch
    branches: tuple[Branch, ...]
    planted: date
    note: str | None = None


class Mutable(BaseModel):
    name: str
    size: int = 0


class Holder(BaseModel):
    items: tuple[Mutable, ...]


def _tree() -> Tree:
    leaf = Leaf(name="x", when=date(2020, 3, 23), size=2.5, kind="b", tags=("t", "u"))
    bare = Leaf(name="y")
    branch = Branch(
        leaves=(leaf, bare, leaf),
        main=bare,
        days=(date(2000, 1, 1), date(8999, 12, 31)),
        counts=[1, 2],
        twigs=((leaf,), (), (bare, leaf)),
    )
    return Tree(root=Branch(), branches=(branch, Branch(main=leaf)), planted=date(1999, 1, 2))


def test_new_models_and_fields_need_no_change_to_the_cache() -> None:
    """Nested models, tuples and lists of them, optional ones, dates and literals."""
    tree = _tree()
    rebuilt = cache.deserialise(Tree, cache.serialise(tree))
    assert rebuilt == tree
    assert type(rebuilt.branches[0].leaves) is tuple
    assert type(rebuilt.branches[0].counts) is list
    assert rebuilt.branches[0].twigs[2][1] == tree.branches[0].twigs[2][1]
    for before, after in zip(_walk(tree), _walk(rebuilt), strict=True):
        assert after.__getstate__() == before.__getstate__()
        assert after.model_fields_set == before.model_fields_set


def test_columns_of_one_value_come_back_with_their_types() -> None:
    """Columns whose values are all equal are stored once; equal is not enough for
    floats (0.0 and -0.0) or numbers and booleans (1 and True)."""
    same = Leaf(name="same", size=3)
    signed = Branch(leaves=(Leaf(name="a", size=0.0), Leaf(name="b", size=-0.0)))
    mixed = Branch(leaves=(Leaf(name="a", size=1), Leaf(name="b", size=True)))
    identical = Branch(leaves=(same, same, same))
    for branch in (signed, mixed, identical, Branch(leaves=(same,)), Branch()):
        rebuilt = cache.deserialise(Branch, cache.serialise(branch))
        assert rebuilt == branch
        assert [repr(leaf.size) for leaf in rebuilt.leaves] == [
            repr(leaf.size) for leaf in branch.leaves
        ]
    assert b'"all"' in cache.serialise(identical)


def test_mutable_models_get_their_own_fields_sets() -> None:
    holder = Holder(items=(Mutable(name="a"), Mutable(name="b")))
    rebuilt = cache.deserialise(Holder, cache.serialise(holder))
    first, second = rebuilt.items
    first.size = 3
    assert first.model_fields_set == {"name", "size"}
    assert second.model_fields_set == {"name"}


class Untyped(BaseModel):
    data: dict[str, int]


class Ambiguous(BaseModel):
    when: str | date


class Outer(BaseModel):
    inner: tuple[Untyped, ...] = ()


@pytest.mark.parametrize("cls", [Untyped, Ambiguous, Outer])
def test_models_the_cache_cannot_rebuild_are_not_cached(cls: type[BaseModel]) -> None:
    assert not cache.supported(cls)
    with pytest.raises(cache.UnsupportedModelError):
        cache.serialise(cls.model_construct())


def test_a_rebuilt_dataset_holds_few_distinct_fields_sets(cache_dir: Path) -> None:
    """Frozen models share one fields set per combination, as memory is the budget's."""
    load_file(packaged_data_path())
    restored = load_file(packaged_data_path())
    distinct = {id(f.model_fields_set) for f in restored.figures}
    assert len(distinct) <= len({frozenset(f.model_fields_set) for f in restored.figures})


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


@pytest.mark.slow
def test_validating_never_looks_for_pydantic_plugins() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_DISCOVERY],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--json"],
        ["check", "--json"],
        ["weekly", "--json"],
        ["query", "--json"],
        ["summary"],
    ],
)
def test_the_installed_ocsae_answers_the_same_with_and_without_the_cache(
    tmp_path: Path, command: list[str]
) -> None:
    ocsae_script = Path(sys.executable).with_name("ocsae")
    if not ocsae_script.exists():
        pytest.skip("ocsae is not installed beside this Python")
    base = {k: v for k, v in os.environ.items() if k not in ("OCSAE_DATA", "OCSAE_NO_CACHE")}
    env = {**base, "OCSAE_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(environ: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [str(ocsae_script), *command], env=environ, capture_output=True, check=False, timeout=60
        )

    cold = run({**env, "OCSAE_NO_CACHE": "1"})
    filled = run(env)
    warm = run(env)
    assert entries(tmp_path / "cache"), "the second run left no cache entry"
    assert cold.returncode == filled.returncode == warm.returncode
    assert cold.stdout == filled.stdout == warm.stdout
    assert cold.stderr == warm.stderr == b""
