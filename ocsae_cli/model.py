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

import functools
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

SCHEMA_VERSION = 2
"""The schema this ocsae writes; it reads schema 1 files too."""
SCHEMA_VERSIONS = (1, 2)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[
    str,
    StringConstraints(strict=True, pattern=ID_PATTERN, max_length=64),
    Field(description="A kebab-case identifier: lower-case letters and digits joined by '-'."),
]
NonBlank = Annotated[str, StringConstraints(strict=True, strip_whitespace=False, min_length=1)]
StrictDate = Annotated[date, StrictMarker()]
Number = StrictInt | StrictFloat

# Bounds that leave the arithmetic room: a value a billion times the world's
# population still fits, and a date a thousand years either side of any period
# still exists, so no rate, remainder or day count can overflow.
MAX_MAGNITUDE = 1e15
EARLIEST = date(1000, 1, 1)
LATEST = date(8999, 12, 31)
MAX_LENGTH_DAYS = 1000 * 366

Statistic = Literal[
    "total",
    "weekly-average",
    "monthly-average",
    "annual-average",
    "daily-average",
    "change",
    "percent-change",
    "ratio",
    "share",
]
STATISTICS: tuple[Statistic, ...] = (
    "total",
    "weekly-average",
    "monthly-average",
    "annual-average",
    "daily-average",
    "change",
    "percent-change",
    "ratio",
    "share",
)
AVERAGES = frozenset({"weekly-average", "monthly-average", "annual-average", "daily-average"})
COMPARISONS = frozenset({"change", "percent-change", "ratio"})
"""Statistics of a period against a baseline period."""
SIGNED = frozenset({"change", "percent-change"})

Qualifier = Literal["almost", "around", "over", "under", "at-least", "up-to"]
SourceKind = Literal["article", "press-release", "statistics", "other"]
LengthUnit = Literal["days", "weeks", "months", "years"]
_DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0, "months": 365.25 / 12, "years": 365.25}


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


def _bounded(value: float | int, what: str) -> float | int:
    """A finite number no larger than MAX_MAGNITUDE either way."""
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("not_finite", "{what} must be a finite number", {"what": what})
    if abs(value) > MAX_MAGNITUDE:
        raise PydanticCustomError(
            "too_large",
            "{what} must be at most 10^15 either way",
            {"what": what},
        )
    return value


def _finite_non_negative(value: float | int, what: str) -> float | int:
    _bounded(value, what)
    if value < 0:
        raise PydanticCustomError(
            "negative", "{what} must be >= 0, not {value}", {"what": what, "value": value}
        )
    return value


def _date_in_range(value: date, what: str) -> date:
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_out_of_range",
            "{what} {value} is outside the years 1000 to 8999 that ocsae can compute with",
            {"what": what, "value": value.isoformat()},
        )
    return value


class Person(_Frozen):
    """Someone the article quotes."""

    name: NonBlank
    role: NonBlank | None = None
    organisation: NonBlank | None = None


class Attribution(_Frozen):
    """Who a set of figures is attributed to; ``metrics`` empty means every other metric."""

    name: NonBlank
    metrics: tuple[Id, ...] = ()
    note: NonBlank | None = None


class Source(_Frozen):
    """A publication the figures come from. Only what it states is recorded.

    Schema 2 lists them as ``[[sources]]``, each with an id; schema 1's single
    ``[source]`` has none (see :meth:`Dataset.source_entries`).
    """

    id: Id | None = None
    title: NonBlank
    publisher: NonBlank | None = None
    published: StrictDate | None = None
    url: Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$")] | None = None
    kind: SourceKind = "article"
    attributions: tuple[Attribution, ...] = ()
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

    @model_validator(mode="after")
    def _a_day_to_a_thousand_years(self) -> "StatedLength":
        days = self.value * _DAYS_PER_UNIT[self.unit]
        if not 1 <= days <= MAX_LENGTH_DAYS:
            raise PydanticCustomError(
                "length_out_of_range",
                "stated length {value} {unit} is not between one day and a thousand years",
                {"value": self.value, "unit": self.unit},
            )
        return self


class Period(_Frozen):
    """A span of days, both ends inclusive."""

    id: Id
    label: NonBlank
    start: StrictDate
    end: StrictDate = Field(description="The last day of the period (inclusive).")
    stated_length: StatedLength | None = None
    start_inferred: StrictBool = False
    end_inferred: StrictBool = False
    note: NonBlank | None = None

    @field_validator("start")
    @classmethod
    def _start_in_range(cls, start: date) -> date:
        return _date_in_range(start, "start")

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date, info: ValidationInfo) -> date:
        _date_in_range(end, "end")
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


class Metric(_Frozen):
    """A thing that is counted."""

    id: Id
    label: NonBlank
    unit: NonBlank = Field(description='What one of it counts, plural: "arrests", "children".')
    description: NonBlank


def _figure_schema_rules(schema: dict[str, Any]) -> None:
    """The cross-field rules of a figure that JSON Schema can state (if/then)."""
    signed = {"enum": sorted(SIGNED)}
    compared = {"enum": sorted(COMPARISONS)}
    schema["allOf"] = [
        {  # only a change or a percent-change is signed
            "if": {"properties": {"statistic": {"not": signed}}},
            "then": {"properties": {"value": {"minimum": 0}}},
        },
        {  # a share is a percentage of a whole
            "if": {"properties": {"statistic": {"const": "share"}}},
            "then": {"properties": {"value": {"maximum": 100}}},
        },
        {  # a baseline for a comparison, and for nothing else
            "if": {"properties": {"statistic": compared}},
            "then": {"required": ["baseline"]},
            "else": {"not": {"required": ["baseline"]}},
        },
        {  # a part names the metric of a share's part, and belongs to shares only
            "if": {"required": ["part"]},
            "then": {"properties": {"statistic": {"const": "share"}}},
        },
        {  # a qualifier hedges an approximate figure only
            "if": {"required": ["qualifier"]},
            "then": {"required": ["approximate"], "properties": {"approximate": {"const": True}}},
        },
    ]
    value = schema["properties"]["value"]
    value["minimum"], value["maximum"] = -MAX_MAGNITUDE, MAX_MAGNITUDE


def _dataset_schema_rules(schema: dict[str, Any]) -> None:
    """``$schema``, ``$id``, and which source keys each schema version takes."""
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:ocsae:figures-file:{SCHEMA_VERSION}"
    schema["allOf"] = [
        {
            "if": {"properties": {"schema_version": {"const": 1}}},
            "then": {"required": ["source"], "not": {"required": ["sources"]}},
        },
        {
            "if": {"properties": {"schema_version": {"const": 2}}},
            "then": {
                "required": ["sources"],
                "not": {"required": ["source"]},
                "properties": {"sources": {"minItems": 1}},
            },
        },
    ]


class Figure(_Frozen):
    """One number a source states, with the words it states it in.

    ``change`` and ``percent-change`` are signed (a fall is negative); ``ratio`` is
    the period's value over the baseline's; ``share`` is a percentage of the
    metric's whole in the period. Those three name the ``baseline`` period.
    """

    model_config = ConfigDict(json_schema_extra=_figure_schema_rules)

    source: Id | None = Field(
        default=None,
        description="The source that states it; required when the file has several.",
    )
    metric: Id
    period: Id = Field(description="The period of the figure; for a change, the later one.")
    baseline: Id | None = Field(
        default=None,
        description="The period compared with: required for change, percent-change and ratio.",
    )
    # statistic before value: the value's rules depend on it (see _value_fits_statistic).
    statistic: Statistic
    value: Number
    approximate: StrictBool = False
    qualifier: Qualifier | None = Field(
        default=None,
        description='How an approximate figure is hedged: "almost" (just under), "around" '
        '(either side), "over" (above), "under" (below), "at-least", "up-to" (N included).',
    )
    part: Id | None = Field(
        default=None,
        description="For a share: the metric counted in the part, when the file has it "
        "(the share's own metric is the whole).",
    )
    precision: Number | None = Field(
        default=None,
        description='The place of the last digit stated: 100000 for "5.2 million". By default '
        "a total is exact and any other statistic is rounded to its last decimal.",
    )
    quote: NonBlank
    note: NonBlank | None = None

    @field_validator("value")
    @classmethod
    def _value_fits_statistic(cls, value: float | int, info: ValidationInfo) -> float | int:
        _bounded(value, "value")
        statistic = info.data.get("statistic")
        if value < 0 and statistic not in SIGNED:
            raise PydanticCustomError(
                "negative",
                "value must be >= 0, not {value} (only a change or percent-change is signed)",
                {"value": value},
            )
        if statistic == "share" and value > 100:
            raise PydanticCustomError(
                "share_over_100",
                "a share is a percentage of a whole, from 0 to 100, not {value}",
                {"value": value},
            )
        return value

    @field_validator("precision")
    @classmethod
    def _precision_positive(cls, value: float | int | None) -> float | int | None:
        if value is not None and _finite_non_negative(value, "precision") == 0:
            raise PydanticCustomError("not_positive", "precision must be positive", {})
        return value

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, value: str) -> str:
        return _require_text(value, "quote")

    @model_validator(mode="after")
    def _statistic_rules(self) -> "Figure":
        if self.qualifier is not None and not self.approximate:
            raise PydanticCustomError(
                "qualifier_on_exact",
                "qualifier '{qualifier}' is given but approximate is false",
                {"qualifier": self.qualifier},
            )
        if self.statistic in COMPARISONS and self.baseline is None:
            raise PydanticCustomError(
                "baseline_missing",
                "a {statistic} needs a baseline: the period it is compared with",
                {"statistic": self.statistic},
            )
        if self.statistic not in COMPARISONS and self.baseline is not None:
            raise PydanticCustomError(
                "baseline_unexpected",
                "baseline is only for change, percent-change and ratio, not a {statistic}",
                {"statistic": self.statistic},
            )
        if self.part is not None and self.statistic != "share":
            raise PydanticCustomError(
                "part_unexpected",
                "part is only for a share, not a {statistic}",
                {"statistic": self.statistic},
            )
        if self.part is not None and self.part == self.metric:
            raise PydanticCustomError(
                "part_is_metric",
                "part '{part}' is the share's own metric; it must name the metric of the part",
                {"part": self.part},
            )
        if self.baseline is not None and self.baseline == self.period:
            raise PydanticCustomError(
                "baseline_is_period",
                "baseline '{baseline}' is the figure's own period; it must be an earlier one",
                {"baseline": self.baseline},
            )
        return self


class Dataset(_Frozen):
    """A whole figures file."""

    model_config = ConfigDict(json_schema_extra=_dataset_schema_rules)

    schema_version: Literal[1, 2]
    source: Source | None = Field(default=None, description="Schema 1 only: the one source.")
    sources: tuple[Source, ...] = Field(default=(), description="Schema 2: every source.")
    periods: tuple[Period, ...] = Field(min_length=1)
    metrics: tuple[Metric, ...] = Field(min_length=1)
    figures: tuple[Figure, ...] = ()

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_version_is_an_integer(cls, value: Any) -> Any:
        # Literal[1, 2] alone accepts 1.0 and true (both == 1); the file must say 1 or 2.
        if type(value) is not int:
            raise PydanticCustomError(
                "literal_error", "Input should be 1 or 2", {"expected": "1 or 2"}
            )
        return value

    @model_validator(mode="after")
    def _check_references(self) -> "Dataset":
        problems = reference_problems(self)
        if problems:
            shown = [f"{p.path_text}: {p.full_message}" for p in problems[:_SUMMARISED]]
            if len(problems) > _SUMMARISED:
                shown.append(f"... and {len(problems) - _SUMMARISED} more")
            raise PydanticCustomError(
                "dataset_references", "{summary}", {"summary": "; ".join(shown)}
            )
        return self

    def source_entries(self) -> tuple[Source, ...]:
        """Every source, each with an id: a schema 1 file's one source is "article"."""
        if self.sources:
            return self.sources
        if self.source is None:  # the validators require one or the other
            return ()
        return (self.source.model_copy(update={"id": V1_SOURCE_ID}),)

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


V1_SOURCE_ID = "article"
"""The id a schema 1 file's one ``[source]`` gets (and keeps through ``ocsae upgrade``)."""


# How many reference problems a Dataset's own validation error spells out.
_SUMMARISED = 20


class Problem(NamedTuple):
    """One thing wrong with a figures file, at a field path such as ``figures[3].period``.

    An unknown reference keeps its value and the ids it could have meant, and
    works out its "did you mean" only when shown (:attr:`full_message`): a file
    of 200,000 figures naming a misspelt metric shows a hundred of them.
    """

    path: tuple[str | int, ...]
    message: str
    meant_from: tuple[str, frozenset[str]] | None = None

    @property
    def path_text(self) -> str:
        return format_path(self.path)

    @property
    def full_message(self) -> str:
        """The message with its "did you mean" suggestion, when it has one."""
        if self.meant_from is None:
            return self.message
        return self.message + _suggestion(*self.meant_from)


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


@functools.lru_cache(maxsize=4096)
def _suggestion(value: str, choices: frozenset[str]) -> str:
    # 200,000 figures misspelling one metric ask the same question: `validate
    # --all-errors` answers it once.
    return did_you_mean(value, sorted(choices))


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
    value: Any,
    known: frozenset[str],
    kind: str,
    path: tuple[str | int, ...],
    problems: list[Problem],
) -> None:
    if isinstance(value, str) and _ID_RE.match(value) and value not in known:
        problems.append(Problem(path, f"unknown {kind} '{value}'", (value, known)))


def _references_hold(dataset: Dataset) -> bool:
    """Whether a built dataset's ids are unique, its references known and its sources right.

    The usual answer is yes, and this finds it in one quick pass; only a dataset
    with a problem goes through the general search, which says what and where.
    """
    periods = {period.id for period in dataset.periods}
    metrics = {metric.id for metric in dataset.metrics}
    if len(periods) < len(dataset.periods) or len(metrics) < len(dataset.metrics):
        return False
    if dataset.schema_version == 1:
        if dataset.sources or dataset.source is None or not dataset.source.attributions:
            return False
        sources: set[str | None] = {None, V1_SOURCE_ID}
    else:
        if dataset.source is not None or not dataset.sources:
            return False
        sources = {source.id for source in dataset.sources}
        if None in sources or len(sources) < len(dataset.sources):
            return False
        if len(sources) == 1:
            sources.add(None)
    for figure in dataset.figures:
        if figure.metric not in metrics or figure.period not in periods:
            return False
        if figure.source not in sources:
            return False
        if figure.baseline is not None and figure.baseline not in periods:
            return False
        if figure.part is not None and figure.part not in metrics:
            return False
    return all(
        m in metrics
        for source in dataset.source_entries()
        for a in source.attributions
        for m in a.metrics
    )


def _source_problems(data: Mapping[str, Any] | Dataset, problems: list[Problem]) -> set[str]:
    """Problems with a file's sources for its schema version; the known source ids."""
    version = _get(data, "schema_version")
    single = _get(data, "source")
    listed = _entries(_get(data, "sources"))
    if version == 1:
        if listed:
            problems.append(
                Problem(("sources",), "[[sources]] is schema 2: set schema_version = 2")
            )
        if single is None:
            problems.append(Problem(("source",), "a schema 1 file needs a [source] table"))
        elif not _entries(_get(single, "attributions")):
            problems.append(
                Problem(("source", "attributions"), "a schema 1 source needs an attribution")
            )
        return {V1_SOURCE_ID}
    if version != 2:
        return set()
    if single is not None:
        problems.append(
            Problem(
                ("source",),
                "schema 2 lists sources as [[sources]], each with an id "
                "(`ocsae upgrade` converts a schema 1 file)",
            )
        )
    if not listed:
        problems.append(Problem(("sources",), "a schema 2 file needs at least one [[sources]]"))
    for index, source in enumerate(listed):
        if isinstance(source, Mapping | BaseModel) and _get(source, "id") is None:
            problems.append(Problem(("sources", index, "id"), "a source needs an id"))
    return _ids(listed, "sources", problems)


def _figure_problems(
    data: Mapping[str, Any] | Dataset,
    known: Mapping[str, frozenset[str]],
    problems: list[Problem],
) -> None:
    """Figures that name an unknown metric, period, baseline or source, or no source."""
    several = len(known["source"]) > 1
    for index, figure in enumerate(_entries(_get(data, "figures"))):
        for key, kind in (
            ("metric", "metric"),
            ("period", "period"),
            ("baseline", "period"),
            ("part", "metric"),
        ):
            _check_reference(
                _get(figure, key), known[kind], kind, ("figures", index, key), problems
            )
        source = _get(figure, "source")
        if source is None and several:
            problems.append(
                Problem(
                    ("figures", index, "source"),
                    f"the file has {len(known['source'])} sources; "
                    "say which one states this figure",
                )
            )
        else:
            _check_reference(
                source, known["source"], "source", ("figures", index, "source"), problems
            )


def reference_problems(data: Mapping[str, Any] | Dataset) -> list[Problem]:
    """Problems of uniqueness, reference and sources in a figures file.

    ``data`` is either a built :class:`Dataset` or the raw parsed file, possibly
    invalid: entries too malformed to read are skipped, as field validation
    reports them.
    """
    if isinstance(data, Dataset) and _references_hold(data):
        return []
    problems: list[Problem] = []
    known = {
        "period": frozenset(_ids(_get(data, "periods"), "periods", problems)),
        "metric": frozenset(_ids(_get(data, "metrics"), "metrics", problems)),
        "source": frozenset(_source_problems(data, problems)),
    }
    _figure_problems(data, known, problems)
    if _get(data, "schema_version") == 1:
        holders: list[tuple[tuple[str | int, ...], Any]] = [(("source",), _get(data, "source"))]
    else:
        holders = [
            (("sources", i), source) for i, source in enumerate(_entries(_get(data, "sources")))
        ]
    for prefix, holder in holders:
        for index, attribution in enumerate(_entries(_get(holder, "attributions"))):
            for position, metric in enumerate(_entries(_get(attribution, "metrics"))):
                path = (*prefix, "attributions", index, "metrics", position)
                _check_reference(metric, known["metric"], "metric", path, problems)
    return problems
