"""Fixtures of the renderer tests: one result of every kind from three figures files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocsae_cli.analysis.results import Result
from ocsae_cli.load import packaged_data_path

from .helpers import formula_texts, hostile_texts, hostile_toml, index_of, results


@pytest.fixture(scope="session")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(hostile_toml(hostile_texts()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def hostile(hostile_path: Path) -> dict[str, Result]:
    return results(index_of(hostile_path))


@pytest.fixture(scope="session")
def formula(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    path = tmp_path_factory.mktemp("formula") / "formula.toml"
    path.write_text(hostile_toml(formula_texts()), encoding="utf-8")
    return results(index_of(path))


@pytest.fixture(scope="session")
def packaged() -> dict[str, Result]:
    return results(index_of(packaged_data_path()))
