"""What stands on an inferred date or length says so wherever it goes (issue: marks that travel).

The packaged remainder "seven-weeks-before-lockdown" (2 to 22 March: 27 arrests,
40 children, 55 warrants) exists only because "seven-weeks" is read as ending on
23 April, a date the article does not state.
"""

from __future__ import annotations

import json
from datetime import date

from clirun import invoke
from conftest import build_index, figure, period

from ocsae_cli.analysis.compare import all_remainders

DERIVED = "seven-weeks-before-lockdown"


def run_json(args: list[str]) -> object:
    result = invoke([*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_derived_period_names_the_inference_in_json() -> None:
    periods = run_json(["compare", "--period", "lockdown", "--period", "seven-weeks"])
    assert isinstance(periods, dict)
    [derived] = [p for p in periods["columns"] if p["derived"]]
    assert derived["id"] == DERIVED
    assert derived["inferred_from"] == ["seven-weeks"]
    assert "stands on an inference" in derived["note"]


def test_every_rate_and_bar_of_the_derived_period_carries_the_inference() -> None:
    rows = run_json(["weekly", "--derived"])
    assert isinstance(rows, list)
    derived = [r for r in rows if r["derived"]]
    assert derived and all(r["inferred_from"] == ["seven-weeks"] for r in derived)
    bars = run_json(["chart", "--derived"])
    assert isinstance(bars, list)
    assert all(b["inferred_from"] == ["seven-weeks"] for b in bars if b["derived"])
    assert all(r["inferred_from"] == [] for r in rows if not r["derived"])


def test_tables_mark_the_derived_period_with_a_question_mark_and_say_why() -> None:
    for args in (["weekly", "--derived"], ["summary"], ["chart", "--derived"]):
        out = invoke([*args, "--no-color"]).stdout
        assert f"{DERIVED}*?" in out, args
        assert "*? derived from a period whose dates or length the source does not state" in out


def test_the_nesting_check_names_the_inferred_end() -> None:
    checks = run_json(["check"])
    assert isinstance(checks, list)
    nesting = [c for c in checks if c["kind"] == "nesting"]
    assert nesting
    assert all(
        "'seven-weeks' has a date the source does not state" in c["explanation"] for c in nesting
    )


def test_a_remainder_of_periods_the_source_dates_carries_no_mark() -> None:
    outer = period("outer", date(2021, 1, 1), date(2021, 1, 28))
    inner = period("inner", date(2021, 1, 15), date(2021, 1, 28))
    guessed = period(
        "guessed", date(2021, 1, 1), date(2021, 1, 28), end_inferred=True, note="review: a guess"
    )
    dated = build_index([outer, inner], [figure("cases", "outer", 10), figure("cases", "inner", 4)])
    [plain] = all_remainders(dated)
    assert (plain.period.derived_from, plain.period.inferred_from) == (("outer", "inner"), ())
    read = build_index(
        [guessed, inner], [figure("cases", "guessed", 9), figure("cases", "inner", 4)]
    )
    [marked] = all_remainders(read)
    assert marked.period.inferred_from == ("guessed",)
