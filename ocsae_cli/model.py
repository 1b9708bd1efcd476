"""The figures file as pydantic models: Source, Period, Metric, Figure and Dataset.

Every model is frozen and rejects unknown keys. Field types are strict, because a
TOML file already carries real integers, booleans and dates: a quoted ``"45"`` or
``"2020-03-23"`` is a mistake worth reporting, not something to coerce.

Cross-references (unique ids, figures naming known metrics and periods) are
checked by :func:`reference_problems`, which works on raw parsed data as well as
on built models so that the loader can report them alongside field errors.

No ``from __future__ import annotations``: pydantic would have to evaluate every
annotation string again at each start.
"""

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic import Strict as StrictMarker
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[
    str,
    StringConstraints(strict=True, pattern=ID_PATTERN, max_length=64),
    Field(description="A kebab-case identifier: lower-case letters and digits joined by '-'."),
]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=False, min_length=1)]
StrictDate = Annotated[date, StrictMarker()]
Number = StrictInt | StrictFloat

Statistic = Literal["total", "weekly-average", "monthly-average", "annual-average"]
STATISTICS: tuple[Statistic, ...] = ("total", "weekly-average", "monthly-average", "annual-average")

Qualifier = Literal["almost", "around", "over"]
LengthUnit = Literal["days", "weeks", "months", "years"]


class _Frozen(BaseModel):
    # defer_build: the validators are built on first validation, which a run that
    # finds its dataset in the cache (see cache.py) never reaches.
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True
    )


def _require_text(value: str, what: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "{what} must not be blank", {"what": what})
    return value


def _finite_non_negative(value: float | int, what: str) -> float | int:
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("not_finite", "{what} must be a finite number", {"what": what})
    if value < 0:
        raise PydanticCustomError(
            "negative", "{what} must be >= 0, not {value}", {"what": what, "value": value}
        )
    return value


class Person(_Frozen):
    """Someone the article quotes."""

    name: Text
    role: Text | None = None
    organisation: Text | None = None


class Attribution(_Frozen):
    """Who a set of figures is attributed to; ``metrics`` empty means every other metric."""

    name: Text
    metrics: tuple[Id, ...] = ()
    note: Text | None = None


class Source(_Frozen):
    """The publication the figures come from. Only what it states is recorded."""

    title: Text
    publisher: Text | None = None
    published: StrictDate | None = None
    url: Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$")] | None = None
    attributions: tuple[Attribution, ...] = Field(min_length=1)
    people: tuple[Person, ...] = ()

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        return _require_text(value, "title")


class StatedLength(_Frozen):
    """The length a publication gives a period ("four weeks" is 4 weeks)."""

    value: Number
    unit: LengthUnit
    inferred: StrictBool = Field(
        default=False,
        description="True when the publication implies the length rather than stating it.",
    )

    @field_validator("value")
    @classmethod
    def _positive(cls, value: float | int) -> float | int:
        _finite_non_negative(value, "stated length")
        if value == 0:
            raise PydanticCustomError("not_positive", "stated length must be positive", {})
        return value


class Period(_Frozen):
    """A span of days, both ends inclusive."""

    id: Id
    label: Text
    start: StrictDate
    end: StrictDate = Field(description="The last day of the period (inclusive).")
    stated_length: StatedLength | None = None
    start_inferred: StrictBool = False
    end_inferred: StrictBool = False
    note: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if isinstance(start, date) and end < start:
            raise PydanticCustomError(
                "end_before_start",
                "end {end} is before start {start}",
                {"end": end.isoformat(), "start": start.isoformat()},
            )
        return end

    @model_validator(mode="after")
    def _check_inferred(self) -> "Period":
        if (self.start_inferred or self.end_inferred) and self.note is None:
            raise PydanticCustomError(
                "inferred_without_note",
                "an inferred start or end needs a note giving the reason",
                {},
            )
        return self

    @property
    def days(self) -> int:
        """The number of days the period covers, counting both ends."""
        return (self.end - self.start).days + 1


class Metric(_Frozen):
    """A thing that is counted."""

    id: Id
    label: Text
    unit: Text = Field(description='What one of it counts, plural: "arrests", "children".')
    description: Text


class Figure(_Frozen):
    """One number the publication states, with the words it states it in."""

    metric: Id
    period: Id
    value: Number
    statistic: Statistic
    approximate: StrictBool = False
    qualifier: Qualifier | None = Field(
        default=None,
        description='How an approximate figure is hedged: "almost" (at or below), '
        '"around" (either side), "over" (at or above).',
    )
    quote: Text
    note: Text | None = None

    @field_validator("value")
    @classmethod
    def _value_ok(cls, value: float | int) -> float | int:
        return _finite_non_negative(value, "value")

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, value: str) -> str:
        return _require_text(value, "quote")

    @model_validator(mode="after")
    def _qualifier_needs_approximate(self) -> "Figure":
        if self.qualifier is not None and not self.approximate:
            raise PydanticCustomError(
                "qualifier_on_exact",
                "qualifier '{qualifier}' is given but approximate is false",
                {"qualifier": self.qualifier},
            )
        return self


class Dataset(_Frozen):
    """A whole figures file."""

    schema_version: Literal[1]
    source: Source
    periods: tuple[Period, ...] = Field(min_length=1)
    metrics: tuple[Metric, ...] = Field(min_length=1)
    figures: tuple[Figure, ...] = ()

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_version_is_an_integer(cls, value: Any) -> Any:
        # Literal[1] alone accepts 1.0 and true (both == 1); the file must say 1.
        if type(value) is not int:
            raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
        return value

    @model_validator(mode="after")
    def _check_references(self) -> "Dataset":
        problems = reference_problems(self)
        if problems:
            raise PydanticCustomError(
                "dataset_references",
                "{summary}",
                {"summary": "; ".join(f"{p.path_text}: {p.message}" for p in problems)},
            )
        return self

    def period(self, period_id: str) -> Period:
        """The period with this id (KeyError when there is none)."""
        for period in self.periods:
            if period.id == period_id:
                return period
        raise KeyError(period_id)

    def metric(self, metric_id: str) -> Metric:
        """The metric with this id (KeyError when there is none)."""
        for metric in self.metrics:
            if metric.id == metric_id:
                return metric
        raise KeyError(metric_id)


class Problem(NamedTuple):
    """One thing wrong with a figures file, at a field path such as ``figures[3].period``."""

    path: tuple[str | int, ...]
    message: str

    @property
    def path_text(self) -> str:
        return format_path(self.path)


def format_path(path: Sequence[str | int]) -> str:
    """Render ``("figures", 3, "period")`` as ``figures[3].period``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def close_matches(value: str, choices: Iterable[str]) -> list[str]:
    """The choice most like ``value``, if one is close enough (difflib's 0.6)."""
    import difflib  # only a mistake needs it

    return difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix when a choice is close to ``value``, else ""."""
    matches = close_matches(value, choices)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _get(entry: Any, key: str) -> Any:
    """A key of a raw mapping or an attribute of a built model; None when absent."""
    if isinstance(entry, Mapping):
        return entry.get(key)
    if isinstance(entry, BaseModel):
        return getattr(entry, key, None)
    return None


def _entries(value: Any) -> Sequence[Any]:
    return value if isinstance(value, Sequence) and not isinstance(value, str) else ()


def _ids(entries: Any, section: str, problems: list[Problem]) -> set[str]:
    """The ids in a section, reporting duplicates; tolerant of malformed entries."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(_entries(entries)):
        entry_id = _get(entry, "id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            problems.append(
                Problem(
                    (section, index, "id"),
                    f"duplicate id '{entry_id}' (first used at {section}[{seen[entry_id]}])",
                )
            )
        else:
            seen[entry_id] = index
    return set(seen)


def _check_reference(
    value: Any, known: set[str], kind: str, path: tuple[str | int, ...], problems: list[Problem]
) -> None:
    if isinstance(value, str) and _ID_RE.match(value) and value not in known:
        problems.append(Problem(path, f"unknown {kind} '{value}'{did_you_mean(value, known)}"))


def _references_hold(dataset: Dataset) -> bool:
    """Whether a built dataset's ids are unique and its references known.

    The usual answer is yes, and this finds it in one quick pass; only a dataset
    with a problem goes through the general search, which says what and where.
    """
    periods = {period.id for period in dataset.periods}
    metrics = {metric.id for metric in dataset.metrics}
    if len(periods) < len(dataset.periods) or len(metrics) < len(dataset.metrics):
        return False
    for figure in dataset.figures:
        if figure.metric not in metrics or figure.period not in periods:
            return False
    return all(m in metrics for a in dataset.source.attributions for m in a.metrics)


def reference_problems(data: Mapping[str, Any] | Dataset) -> list[Problem]:
    """Problems of uniqueness and reference in a figures file.

    ``data`` is either a built :class:`Dataset` or the raw parsed file, possibly
    invalid: entries too malformed to read are skipped, as field validation
    reports them.
    """
    if isinstance(data, Dataset) and _references_hold(data):
        return []
    problems: list[Problem] = []
    period_ids = _ids(_get(data, "periods"), "periods", problems)
    metric_ids = _ids(_get(data, "metrics"), "metrics", problems)
    for index, figure in enumerate(_entries(_get(data, "figures"))):
        for key, known in (("metric", metric_ids), ("period", period_ids)):
            _check_reference(_get(figure, key), known, key, ("figures", index, key), problems)
    attributions = _get(_get(data, "source"), "attributions")
    for index, attribution in enumerate(_entries(attributions)):
        for position, metric in enumerate(_entries(_get(attribution, "metrics"))):
            path = ("source", "attributions", index, "metrics", position)
            _check_reference(metric, metric_ids, "metric", path, problems)
    return problems
