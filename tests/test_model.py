"""Every rule of the figures model, each with a failing example, and the packaged dataset."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from conftest import build_dataset, document, figure, metric, period
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.load import load_file, packaged_data_path
from ocsae_cli.model import (
    Attribution,
    Dataset,
    Figure,
    Metric,
    Period,
    Source,
    StatedLength,
    did_you_mean,
    format_path,
    reference_problems,
)

D1, D2 = date(2021, 1, 1), date(2021, 3, 31)


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[ErrorDetails]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value.errors(include_url=False)


def only_error(model: type[BaseModel], data: dict[str, Any]) -> ErrorDetails:
    found = errors(model, data)
    assert len(found) == 1, found
    return found[0]


def locs(found: list[ErrorDetails]) -> set[tuple[str | int, ...]]:
    return {tuple(e["loc"]) for e in found}


def valid_period(**changes: Any) -> dict[str, Any]:
    return {**period("q-a", D1, D2, stated=(3, "months")), **changes}


def valid_figure(**changes: Any) -> dict[str, Any]:
    return {**figure("cases", "q-a", 130), **changes}


def reference_messages(doc: dict[str, Any]) -> list[str]:
    """The cross-reference problems of a raw document, as the Dataset reports them."""
    found = errors(Dataset, doc)
    assert [e["type"] for e in found] == ["dataset_references"]
    return str(found[0]["msg"]).split("; ")


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize("bad", ["Q-A", "q_a", "q a", "-qa", "qa-", "q--a", "", "ä"])
def test_period_id_must_be_kebab_case(bad: str) -> None:
    error = only_error(Period, valid_period(id=bad))
    assert error["loc"] == ("id",)
    assert error["type"] == "string_pattern_mismatch"


@pytest.mark.parametrize("bad", ["Cases", "cases_total", "cases!"])
def test_metric_id_must_be_kebab_case(bad: str) -> None:
    error = only_error(Metric, {**metric("cases"), "id": bad})
    assert error["loc"] == ("id",)
    assert error["type"] == "string_pattern_mismatch"


def test_kebab_case_ids_are_accepted() -> None:
    assert Period.model_validate(valid_period(id="q1-2020")).id == "q1-2020"
    assert Metric.model_validate(metric("live-investigations")).id == "live-investigations"


def test_period_ids_must_be_unique() -> None:
    doc = document([period("q-a", D1, D2), period("q-a", D1, D1)], [figure("cases", "q-a", 1)])
    assert reference_messages(doc) == [
        "periods[1].id: duplicate id 'q-a' (first used at periods[0])"
    ]


def test_metric_ids_must_be_unique() -> None:
    doc = document(
        [period("q-a", D1, D2)], metrics=[metric("cases"), metric("visits"), metric("cases")]
    )
    assert reference_messages(doc) == [
        "metrics[2].id: duplicate id 'cases' (first used at metrics[0])"
    ]


# ---------------------------------------------------------------- references


def test_unknown_period_suggests_the_closest() -> None:
    doc = document([period("lockdown", D1, D2)], [figure("cases", "lockdwn", 1)])
    assert reference_messages(doc) == [
        "figures[0].period: unknown period 'lockdwn' (did you mean 'lockdown'?)"
    ]
    problems = reference_problems(doc)
    assert [(p.path, p.full_message) for p in problems] == [
        (("figures", 0, "period"), "unknown period 'lockdwn' (did you mean 'lockdown'?)")
    ]
    assert problems[0].path_text == "figures[0].period"


def test_a_datasets_own_error_spells_out_twenty_reference_problems_then_counts() -> None:
    figures = [figure("cases", "lockdwn", n) for n in range(25)]
    doc = document([period("lockdown", D1, D2)], figures)
    with pytest.raises(ValidationError) as raised:
        Dataset.model_validate(doc)
    (summary,) = [e["msg"] for e in raised.value.errors() if e["type"] == "dataset_references"]
    assert summary.count("(did you mean 'lockdown'?)") == 20
    assert summary.endswith("... and 5 more")


def test_unknown_metric_suggests_the_closest() -> None:
    doc = document(
        [period("q-a", D1, D2)],
        [figure("vists", "q-a", 1)],
        metrics=[metric("cases"), metric("visits")],
    )
    assert reference_messages(doc) == [
        "figures[0].metric: unknown metric 'vists' (did you mean 'visits'?)"
    ]


def test_unknown_reference_without_a_close_match_has_no_suggestion() -> None:
    doc = document([period("q-a", D1, D2)], [figure("cases", "zzzzzz", 1)])
    assert reference_messages(doc) == ["figures[0].period: unknown period 'zzzzzz'"]


def test_attribution_metrics_must_exist() -> None:
    doc = document([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    doc["source"]["attributions"].append({"name": "Other office", "metrics": ["cases", "case"]})
    assert reference_messages(doc) == [
        "source.attributions[1].metrics[1]: unknown metric 'case' (did you mean 'cases'?)"
    ]


def test_every_reference_problem_is_collected() -> None:
    doc = document(
        [period("q-a", D1, D2), period("q-a", D1, D2)],
        [figure("cases", "q-b", 1), figure("visit", "q-a", 2)],
        metrics=[metric("cases"), metric("visits")],
    )
    assert [p.path_text for p in reference_problems(doc)] == [
        "periods[1].id",
        "figures[0].period",
        "figures[1].metric",
    ]


def test_reference_problems_tolerate_malformed_raw_data() -> None:
    raw: dict[str, Any] = {"periods": "nope", "metrics": [3, {"id": 4}], "figures": [None]}
    assert reference_problems(raw) == []
    assert reference_problems({}) == []


def test_did_you_mean_and_format_path() -> None:
    assert did_you_mean("perod", ["period", "metric"]) == " (did you mean 'period'?)"
    assert did_you_mean("xyz", ["period"]) == ""
    assert format_path(("figures", 3, "period")) == "figures[3].period"
    assert format_path(("source", "attributions", 0, "metrics", 1)) == (
        "source.attributions[0].metrics[1]"
    )


# ---------------------------------------------------------------- periods


def test_end_before_start_is_rejected() -> None:
    error = only_error(Period, valid_period(start=date(2021, 3, 2), end=date(2021, 3, 1)))
    assert (error["loc"], error["type"]) == (("end",), "end_before_start")
    assert error["msg"] == "end 2021-03-01 is before start 2021-03-02"


def test_one_day_period_is_allowed() -> None:
    built = Period.model_validate(valid_period(start=D1, end=D1))
    assert wk.inclusive_days(built.start, built.end) == 1


@pytest.mark.parametrize("flag", ["start_inferred", "end_inferred"])
def test_inferred_dates_need_a_note(flag: str) -> None:
    error = only_error(Period, valid_period(**{flag: True}))
    assert error["type"] == "inferred_without_note"
    assert "needs a note" in error["msg"]
    assert Period.model_validate(valid_period(**{flag: True}, note="Read as Q1.")).note


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        (0, "not_positive", "stated length must be positive"),
        (-2, "negative", "stated length must be >= 0, not -2"),
        (float("nan"), "not_finite", "stated length must be a finite number"),
        (float("inf"), "not_finite", "stated length must be a finite number"),
    ],
)
def test_stated_length_must_be_positive_and_finite(value: float, kind: str, message: str) -> None:
    error = only_error(Period, valid_period(stated_length={"value": value, "unit": "weeks"}))
    assert error["loc"] == ("stated_length", "value")
    assert (error["type"], error["msg"]) == (kind, message)


def test_stated_length_unit_is_one_of_the_units() -> None:
    error = only_error(StatedLength, {"value": 4, "unit": "fortnights"})
    assert error["loc"] == ("unit",)
    assert error["type"] == "literal_error"


def test_period_days_counts_both_ends() -> None:
    built = Period.model_validate(valid_period(start=date(2020, 3, 23), end=date(2020, 4, 23)))
    assert wk.inclusive_days(built.start, built.end) == 32


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        (float("nan"), "not_finite", "value must be a finite number"),
        (float("inf"), "not_finite", "value must be a finite number"),
        (float("-inf"), "not_finite", "value must be a finite number"),
        (-1, "negative", "value must be >= 0, not -1 (only a change or percent-change is signed)"),
        (
            -0.5,
            "negative",
            "value must be >= 0, not -0.5 (only a change or percent-change is signed)",
        ),
    ],
)
def test_value_must_be_finite_and_not_negative(value: float, kind: str, message: str) -> None:
    error = only_error(Figure, valid_figure(value=value))
    assert error["loc"] == ("value",)
    assert (error["type"], error["msg"]) == (kind, message)


def test_zero_and_fractional_values_are_allowed() -> None:
    assert Figure.model_validate(valid_figure(value=0)).value == 0
    assert Figure.model_validate(valid_figure(value=2.5)).value == 2.5


@pytest.mark.parametrize("quote", ["", "   ", "\t\n"])
def test_quote_must_not_be_empty_or_blank(quote: str) -> None:
    error = only_error(Figure, valid_figure(quote=quote))
    assert error["loc"] == ("quote",)
    assert error["type"] in ("string_too_short", "blank_text")
    if quote:
        assert error["msg"] == "quote must not be blank"


def test_source_title_must_not_be_blank() -> None:
    error = only_error(Source, {"title": "  ", "attributions": [{"name": "Office"}]})
    assert error["loc"] == ("title",)
    assert error["msg"] == "title must not be blank"


def test_a_schema_1_source_needs_an_attribution() -> None:
    doc = document([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    doc["source"]["attributions"] = []
    problems = reference_problems(doc)
    assert [(p.path_text, p.message) for p in problems] == [
        ("source.attributions", "a schema 1 source needs an attribution")
    ]
    assert Source.model_validate({"title": "Bulletin", "attributions": []}).attributions == ()


def test_qualifier_without_approximate_is_rejected() -> None:
    error = only_error(Figure, valid_figure(qualifier="around"))
    assert error["type"] == "qualifier_on_exact"
    assert error["msg"] == "qualifier 'around' is given but approximate is false"
    accepted = Figure.model_validate(valid_figure(qualifier="around", approximate=True))
    assert (accepted.approximate, accepted.qualifier) == (True, "around")


def test_qualifier_is_one_of_almost_around_over() -> None:
    error = only_error(Figure, valid_figure(qualifier="roughly", approximate=True))
    assert error["loc"] == ("qualifier",)
    assert error["type"] == "literal_error"


def test_statistic_is_one_of_the_statistics() -> None:
    error = only_error(Figure, valid_figure(statistic="hourly-average"))
    assert error["loc"] == ("statistic",)
    assert error["type"] == "literal_error"


# ---------------------------------------------------------------- strictness


def test_value_as_a_string_is_rejected() -> None:
    found = errors(Figure, valid_figure(value="45"))
    assert {e["loc"][0] for e in found} == {"value"}
    assert {e["type"] for e in found} == {"int_type", "float_type"}


def test_value_as_a_boolean_is_rejected() -> None:
    found = errors(Figure, valid_figure(value=True))
    assert {e["loc"][0] for e in found} == {"value"}


def test_start_as_a_string_is_rejected() -> None:
    error = only_error(Period, valid_period(start="2020-03-23"))
    assert error["loc"] == ("start",)
    assert error["type"] == "date_type"


def test_approximate_as_a_string_is_rejected() -> None:
    error = only_error(Figure, valid_figure(approximate="yes"))
    assert error["loc"] == ("approximate",)
    assert error["type"] == "bool_type"


def test_id_as_a_number_is_rejected() -> None:
    error = only_error(Period, valid_period(id=7))
    assert error["loc"] == ("id",)
    assert error["type"] == "string_type"


@pytest.mark.parametrize(
    ("model", "data", "extra"),
    [
        (Period, valid_period(colour="red"), "colour"),
        (Figure, valid_figure(perod="q-a"), "perod"),
        (Metric, {**metric("cases"), "units": "x"}, "units"),
        (StatedLength, {"value": 4, "unit": "weeks", "approx": True}, "approx"),
        (Attribution, {"name": "Office", "metric": ["cases"]}, "metric"),
    ],
)
def test_unknown_keys_are_errors(model: type[BaseModel], data: dict[str, Any], extra: str) -> None:
    found = errors(model, data)
    assert (extra,) in locs(found)
    assert any(e["type"] == "extra_forbidden" for e in found)


def test_unknown_top_level_key_is_an_error() -> None:
    doc = document([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    doc["notes"] = "anything"
    error = only_error(Dataset, doc)
    assert (error["loc"], error["type"]) == (("notes",), "extra_forbidden")


def test_models_are_frozen() -> None:
    built = build_dataset([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    with pytest.raises(ValidationError, match="frozen"):
        built.figures[0].value = 2
    with pytest.raises(ValidationError, match="frozen"):
        built.periods[0].end = D1
    with pytest.raises(ValidationError, match="frozen"):
        built.schema_version = 1
    assert built.figures[0].value == 1
    assert isinstance(built.figures, tuple)


# ---------------------------------------------------------------- dataset


def test_schema_version_must_be_1_or_2() -> None:
    doc = document([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    for bad in (3, 0, "1", 1.0, True):
        doc["schema_version"] = bad
        error = only_error(Dataset, doc)
        assert error["loc"] == ("schema_version",)
    del doc["schema_version"]
    assert only_error(Dataset, doc)["type"] == "missing"


def test_dataset_needs_periods_and_metrics() -> None:
    doc = document([period("q-a", D1, D2)])
    doc["periods"], doc["metrics"] = [], []
    assert locs(errors(Dataset, doc)) == {("periods",), ("metrics",)}


def test_dataset_lookups() -> None:
    built = build_dataset([period("q-a", D1, D2)], [figure("cases", "q-a", 1)])
    assert built.period("q-a").end == D2
    assert built.metric("cases").unit == "cases"
    with pytest.raises(KeyError):
        built.period("q-z")
    with pytest.raises(KeyError):
        built.metric("visits")


# ---------------------------------------------------------------- the packaged dataset


@pytest.fixture(scope="module")
def packaged() -> Dataset:
    return load_file(packaged_data_path())


def test_packaged_dataset_validates(packaged: Dataset) -> None:
    assert isinstance(packaged, Dataset)
    assert Dataset.model_validate(packaged.model_dump()) == packaged
    assert reference_problems(packaged) == []


def test_packaged_dataset_holds_the_public_table_and_nothing_else(packaged: Dataset) -> None:
    rows = Counter(
        (f.metric, f.period, f.value, f.statistic, f.approximate, f.qualifier)
        for f in packaged.figures
    )
    expected = Counter(
        [
            ("arrests", "lockdown", 45, "total", False, None),
            ("children-protected", "lockdown", 92, "total", False, None),
            ("children-protected", "lockdown", 100, "total", True, "almost"),
            ("children-protected", "lockdown", 100, "total", True, "around"),
            ("warrants-executed", "lockdown", 68, "total", False, None),
            ("live-investigations", "lockdown", 10, "weekly-average", False, None),
            ("arrests", "seven-weeks", 72, "total", False, None),
            ("children-protected", "seven-weeks", 132, "total", False, None),
            ("warrants-executed", "seven-weeks", 123, "total", False, None),
            ("nca-reports", "nca-referrals", 202, "total", False, None),
            ("nca-reports", "nca-referrals", 50, "weekly-average", False, None),
            ("offences", "q1-2020", 180, "monthly-average", True, "around"),
            ("offences", "year-2019", 180, "monthly-average", True, "around"),
            ("offences", "past-two-years", 2200, "annual-average", True, "around"),
            ("offences", "q1-2020", 0, "percent-change", True, "around"),  # "remain level"
        ]
    )
    assert rows == expected


def test_packaged_periods(packaged: Dataset) -> None:
    lockdown = packaged.period("lockdown")
    assert (lockdown.start, lockdown.end) == (date(2020, 3, 23), date(2020, 4, 23))
    assert lockdown.stated_length is not None
    assert (lockdown.stated_length.value, lockdown.stated_length.unit) == (4, "weeks")
    assert not lockdown.stated_length.inferred

    seven = packaged.period("seven-weeks")
    assert seven.start == date(2020, 3, 2)
    assert seven.end_inferred and not seven.start_inferred
    assert seven.note and "no end" in seven.note
    assert seven.stated_length is not None
    assert (seven.stated_length.value, seven.stated_length.unit) == (7, "weeks")

    nca = packaged.period("nca-referrals")
    assert (nca.start, nca.end) == (date(2020, 3, 23), date(2020, 4, 24))


def test_packaged_past_two_years_average_has_a_note(packaged: Dataset) -> None:
    [two_years] = [f for f in packaged.figures if f.period == "past-two-years"]
    assert two_years.note and "a year" in two_years.note
