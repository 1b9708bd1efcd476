"""Issue 15: on a data desk's file of weekly rolling releases, relations and checks grow linearly.

The files are the benchmark's own (``benchmarks/bench.py``, ``generate_rolling``):
each release states the last four weeks, seven weeks from a start date, the
first three months, the past year and the past two years, so long periods
overlap hundreds of others and restated ones share their dates with many
others. Relations and checks are counted, not timed. The nesting and
agreement checks pair fewer figures than every pair would, so random small
files check that they still find every contradiction that every pair finds.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import figure, metric, period

from ocsae_cli.analysis.checks import run_checks, tally_checks
from ocsae_cli.analysis.checks.changes import SAME_PERIOD_DAYS, agreement_checks
from ocsae_cli.analysis.compare import all_remainders, least_containers, relate
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.load import validate_text
from ocsae_cli.model import Dataset

# Whole-module: fuzzing, scale and export runs belong to the full loop (CI), not the fast one.
pytestmark = pytest.mark.slow

BOTH = (Basis.STATED, Basis.CALENDAR)
BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ocsae_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ocsae_bench", module)
    spec.loader.exec_module(module)
    return module


def rolling(tmp_path: Path, releases: int, *, one_source: bool, restated_by: int) -> Index:
    """The index of a generated file of ``releases`` weekly releases."""
    bench: Any = _bench()
    path = tmp_path / f"rolling-{releases}-{one_source}-{restated_by}.toml"
    bench.generate_rolling(
        round(releases * 12.5), path, one_source=one_source, restated_by=restated_by
    )
    dataset: Dataset = validate_text(path.read_text(encoding="utf-8"), path.name)
    assert len(dataset.periods) == 5 * releases
    return Index.build(dataset)


def counts(index: Index) -> Counter[str]:
    """Relations a command computes, and checks of each kind and in all."""
    found: Counter[str] = Counter()
    found["nestings"] = len(least_containers(index))
    found["remainders"] = len(all_remainders(index))
    found["agreements"] = sum(1 for _ in agreement_checks(index))
    found["checks"] = tally_checks(index, BOTH).total
    return found


@pytest.mark.parametrize("one_source", [False, True], ids=["source-per-release", "one-source"])
@pytest.mark.parametrize("restated_by", [52, 10_000], ids=["restated-a-year", "restated-by-all"])
def test_relations_and_checks_grow_linearly_with_rolling_releases(
    tmp_path: Path, one_source: bool, restated_by: int
) -> None:
    small = counts(rolling(tmp_path, 60, one_source=one_source, restated_by=restated_by))
    large = counts(rolling(tmp_path, 120, one_source=one_source, restated_by=restated_by))
    for name, before in small.items():
        assert before > 0, name
        assert large[name] <= 2.2 * before, (name, before, large[name])
    # Not only linear but few: a handful of checks per figure, whatever the overlaps.
    figures = len(rolling(tmp_path, 120, one_source=one_source, restated_by=restated_by).cells)
    assert large["checks"] < 10 * figures


def test_a_period_inside_hundreds_of_others_has_one_nesting_check_per_metric(
    tmp_path: Path,
) -> None:
    index = rolling(tmp_path, 120, one_source=True, restated_by=52)
    per_pair = Counter((n.metric, n.contained.id) for n in least_containers(index))
    assert per_pair and set(per_pair.values()) == {1}
    # r60's four weeks sit inside the past year of 49 releases and the two years of 60...
    containers = [
        p
        for p in index.periods.values()
        if relate(p, index.periods["r60-four-weeks"])[0] == "contains"
    ]
    assert len(containers) == 109
    # ... and its arrests are checked against the one with the fewest.
    [chosen] = [
        n
        for n in least_containers(index)
        if n.contained.id == "r60-four-weeks" and n.metric == "arrests"
    ]
    assert chosen.big == min(index.exact_total("arrests", p.id) or float("inf") for p in containers)


def test_remainders_are_the_steps_between_periods_that_share_a_start_or_an_end(
    tmp_path: Path,
) -> None:
    index = rolling(tmp_path, 60, one_source=True, restated_by=52)
    derived_from: set[tuple[str, str]] = set()
    for found in all_remainders(index):
        assert found.period.derived_from is not None
        derived_from.add(found.period.derived_from)
    # Each release: the past year less the four weeks, two years less the past year,
    # and the three months less the seven weeks (from the copy of the same release).
    assert ("r7-past-year", "r7-four-weeks") in derived_from
    assert ("r7-two-years", "r7-past-year") in derived_from
    assert ("r7-three-months", "r7-seven-weeks") in derived_from
    assert ("r7-two-years", "r7-four-weeks") not in derived_from  # not every pair
    assert ("r8-three-months", "r7-seven-weeks") not in derived_from  # not every copy
    # At most one step from each period through its start and one through its end, per metric.
    steps = Counter(contained for _, contained in derived_from)
    assert max(steps.values()) <= 2 * 2
    assert len(derived_from) <= 2 * len(index.periods)


# ---------------------------------------------------------------- against every pair

DAY0 = date(2021, 1, 1)


def _random_file(seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Few periods with many overlaps, shared ends and same dates; totals that disagree."""
    rng = random.Random(seed)
    spans = [(rng.randrange(0, 12), rng.randrange(0, 12)) for _ in range(8)]
    periods = []
    for n, (a, b) in enumerate(spans):
        start, end = DAY0 + timedelta(days=min(a, b)), DAY0 + timedelta(days=max(a, b))
        periods.append(period(f"p{n}", start, end))
    figures = []
    for n in range(len(periods)):
        for name in ("cases", "visits"):
            for _ in range(rng.randrange(0, 3)):
                value = rng.randrange(5, 15)
                extra: dict[str, Any] = {"source": rng.choice(["one", "two", "three"])}
                if rng.random() < 0.3:
                    figures.append(figure(name, f"p{n}", value, qualifier="around", **extra))
                else:
                    figures.append(figure(name, f"p{n}", value, **extra))
    return periods, figures


def _index(periods: list[dict[str, Any]], figures: list[dict[str, Any]]) -> Index | None:
    if not figures:
        return None
    sources = [{"id": s, "title": f"Source {s}"} for s in ("one", "two", "three")]
    names = sorted({f["metric"] for f in figures})
    document = {
        "schema_version": 2,
        "sources": sources,
        "periods": periods,
        "metrics": [metric(name) for name in names],
        "figures": figures,
    }
    return Index.build(Dataset.model_validate(document))


@pytest.mark.parametrize("seed", range(300))
def test_nesting_fails_for_a_period_whenever_any_container_has_fewer(seed: int) -> None:
    index = _index(*_random_file(seed))
    if index is None:
        return
    failing_by_every_pair = set()
    for metric_id in index.metrics:
        for big in index.periods.values():
            for small in index.periods.values():
                b = index.exact_total(metric_id, big.id)
                s = index.exact_total(metric_id, small.id)
                if b is None or s is None or relate(big, small)[0] != "contains":
                    continue
                if b < s:
                    failing_by_every_pair.add((metric_id, small.id))
    checks = {c.id: c for c in run_checks(index, BOTH).checks if c.kind == "nesting"}
    failing = {
        (c.subject["metrics"][0], c.subject["periods"][1])
        for c in checks.values()
        if c.verdict == "fail"
    }
    assert failing == failing_by_every_pair


def _should_agree(index: Index, a: tuple[int, Any], b: tuple[int, Any]) -> bool | None:
    """What comparing every pair says of two figures: None when they are not compared."""
    (_, first), (_, second) = a, b
    if (first.metric, first.statistic) != (second.metric, second.statistic):
        return None
    one, two = index.periods[first.period], index.periods[second.period]
    across = first.source != second.source
    if across:
        near = abs((one.start - two.start).days) <= SAME_PERIOD_DAYS and (
            abs((one.end - two.end).days) <= SAME_PERIOD_DAYS
        )
        if not near:
            return None
    elif (one.start, one.end) != (two.start, two.end):
        return None
    if not across and first.period == second.period and first.approximate != second.approximate:
        return None
    from ocsae_cli.analysis.checks.common import interval as _interval  # what a figure allows

    return _interval(first).meets(_interval(second))


@pytest.mark.parametrize("seed", range(300))
def test_agreement_finds_every_figure_that_every_pair_finds_disagreeing(seed: int) -> None:
    index = _index(*_random_file(seed))
    if index is None:
        return
    entries = sorted(e for cell in index.cells.values() for e in cell)
    disagreeing = []
    compared = set()
    for n, a in enumerate(entries):
        for b in entries[n + 1 :]:
            agree = _should_agree(index, a, b)
            if agree is not None:
                compared.add((a[0], b[0]))
            if agree is False:
                disagreeing.append((a[0], b[0]))
    checks = list(agreement_checks(index))
    pairs = set()
    in_failures = set()
    for check in checks:
        first, second = (int(part[8:-1]) for part in check.id.split(":")[2:])
        pairs.add((first, second))
        if check.verdict == "fail":
            in_failures |= {first, second}
    assert pairs <= compared  # only pairs that every pair compares, each once
    assert len(pairs) == len(checks)
    # Every disagreeing pair has a member in a failing check: none is missed.
    for first, second in disagreeing:
        assert first in in_failures or second in in_failures, (first, second)
    assert bool(disagreeing) == bool(in_failures)
