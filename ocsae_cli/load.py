"""Find, read and validate a figures file.

Every way a file can be wrong ends in :class:`DataError`, which carries one
:class:`Diagnostic` per problem: the file, the line and column where it can be
found, the field path, and a message with a suggestion where one exists.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

    from ocsae_cli.model import Dataset

DATA_ENV_VAR = "OCSAE_DATA"
STDIN_PATH = "-"
"""``--data -`` (or ``ocsae validate -``) reads the figures from standard input."""
MAX_FILE_MIB = 64
"""The largest figures file ocsae reads: 64 MiB, some 300,000 figures."""
MAX_FILE_BYTES = MAX_FILE_MIB * 1024 * 1024
MAX_DIAGNOSTICS = 100
"""How many problems a command reports before it counts the rest (``validate --all-errors``)."""
_CHUNK = 1024 * 1024
SUPPORTED_SCHEMA_VERSIONS = (1, 2)


class Diagnostic(NamedTuple):
    """One problem with a figures file, formatted as ``FILE:LINE:COL: path: message``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{self.message}"


class DataError(Exception):
    """A figures file is missing, unreadable or invalid.

    ``diagnostics`` are the problems reported, in file order; ``omitted`` counts
    those left out beyond the limit the loader was given.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], omitted: int = 0) -> None:
        self.diagnostics = tuple(diagnostics)
        self.omitted = omitted
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class DataSource(NamedTuple):
    """Where the figures come from, and why that file was chosen."""

    path: Path
    origin: str  # "--data", "OCSAE_DATA" or "packaged"

    @property
    def name(self) -> str:
        """The file as messages name it: ``<stdin>`` for ``-``."""
        return "<stdin>" if str(self.path) == STDIN_PATH else str(self.path)


def packaged_data_path() -> Path:
    """The figures file shipped with ocsae.

    In an installed wheel it sits inside the package; in a source checkout (or an
    editable install) it is the repository's ``data/figures.toml``.
    """
    package = Path(__file__).resolve().parent
    inside = package / "data" / "figures.toml"
    return inside if inside.is_file() else package.parent / "data" / "figures.toml"


def resolve_source(data: Path | None, environ: Mapping[str, str] | None = None) -> DataSource:
    """Pick the figures file: ``--data``, then ``$OCSAE_DATA``, then the packaged one."""
    env = os.environ if environ is None else environ
    if data is not None:
        return DataSource(data, "--data")
    from_env = env.get(DATA_ENV_VAR, "")
    if from_env:
        return DataSource(Path(from_env), DATA_ENV_VAR)
    return DataSource(packaged_data_path(), "packaged")


def load_dataset(data: Path | None = None) -> Dataset:
    """Load and validate the figures file chosen by :func:`resolve_source`."""
    return load_file(resolve_source(data))


def load_file(
    source: DataSource | Path,
    *,
    use_cache: bool = True,
    max_diagnostics: int | None = MAX_DIAGNOSTICS,
) -> Dataset:
    """Read, parse and validate one figures file, or raise :class:`DataError`.

    A file validated before is taken from :mod:`ocsae_cli.cache` when its bytes
    are unchanged; ``use_cache=False`` always parses and validates. An invalid
    file reports its first ``max_diagnostics`` problems (None: all of them) and
    counts the rest in :attr:`DataError.omitted`.
    """
    return _load(source, use_cache=use_cache, max_diagnostics=max_diagnostics).dataset


class Loaded(NamedTuple):
    """A validated dataset and the key its file is cached under (None: no cache)."""

    dataset: Dataset
    cache_key: str | None


def load_keyed(data: Path | None = None) -> Loaded:
    """:func:`load_dataset`, with the cache key that :func:`remembered` keeps results under."""
    return _load(resolve_source(data), use_cache=True, max_diagnostics=MAX_DIAGNOSTICS)


def remembered(loaded: Loaded, name: str, package: str, compute: Callable[[], Any]) -> Any:
    """What ``compute`` gives for this file, kept in the cache beside its dataset.

    The value is JSON data, kept under a key made of the file's bytes, ``name``
    and the source of ``package`` (the code that computes it), so a change to
    either computes it again. The caller checks the shape of what comes back.
    """
    from ocsae_cli import cache

    directory = cache.cache_directory() if loaded.cache_key else None
    if directory is None or loaded.cache_key is None:
        return compute()
    key = cache.derived_key(loaded.cache_key, name, package)
    kept = cache.read_json(directory, key)
    if kept is not None:
        return kept
    value = compute()
    cache.write_json(directory, key, value)
    return value


def _load(source: DataSource | Path, *, use_cache: bool, max_diagnostics: int | None) -> Loaded:
    from ocsae_cli import cache

    if isinstance(source, Path):
        source = DataSource(source, "--data")
    name = source.name
    raw_bytes = _read_bytes(source)
    directory = cache.cache_directory() if use_cache else None
    key = cache.cache_key(raw_bytes) if directory is not None else ""
    if directory is not None:
        kept = cache.read(directory, key)
        if kept is not None:
            return Loaded(kept, key)
    text = _decode(raw_bytes, name)
    if not text.strip():
        raise DataError(
            [Diagnostic(name, "the file is empty; a figures file starts with `schema_version = 1`")]
        )
    document = _parse_toml(text, name)
    dataset = validate_document(document, text, name, max_diagnostics=max_diagnostics)
    if directory is not None:
        cache.write(directory, key, dataset)
    return Loaded(dataset, key or None)


def read_text(source: DataSource) -> str:
    """A figures file's text, read within the size limit and decoded as UTF-8.

    For commands that rewrite a file (``ocsae upgrade``) rather than load it;
    raises :class:`DataError` as :func:`load_file` does.
    """
    return _decode(_read_bytes(source), source.name)


def validate_text(text: str, name: str) -> Dataset:
    """Parse and validate a figures file's text (DataError with every problem found)."""
    return validate_document(_parse_toml(text, name), text, name)


def _read_bytes(source: DataSource) -> bytes:
    name = source.name
    hint = f" (set by {source.origin})" if source.origin != "packaged" else ""
    if str(source.path) == STDIN_PATH:
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise DataError([Diagnostic(name, f"standard input is closed{hint}")])
        return _read_limited(stdin.read, name, hint)
    try:
        descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        message = f"no such file{hint}"
        if source.origin == "packaged":
            message = "the packaged figures file is missing; reinstall ocsae"
        raise DataError([Diagnostic(name, message)]) from None
    except IsADirectoryError:
        raise DataError([Diagnostic(name, f"is a directory, not a figures file{hint}")]) from None
    except PermissionError:
        raise DataError([Diagnostic(name, f"cannot be read: permission denied{hint}")]) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise DataError([Diagnostic(name, f"cannot be read: {reason}{hint}")]) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise DataError([Diagnostic(name, f"is a directory, not a figures file{hint}")])
        if stat.S_ISREG(status.st_mode) and status.st_size > MAX_FILE_BYTES:
            raise DataError([Diagnostic(name, _too_large(hint))])
        return _read_limited(functools.partial(os.read, descriptor), name, hint)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DataError([Diagnostic(name, f"cannot be read: {reason}{hint}")]) from None
    finally:
        os.close(descriptor)


def _too_large(hint: str) -> str:
    return f"is larger than the limit of {MAX_FILE_MIB} MiB{hint}"


def _read_limited(read: typing.Callable[[int], bytes], name: str, hint: str) -> bytes:
    """Everything ``read`` gives, in chunks, up to :data:`MAX_FILE_BYTES`.

    A device such as ``/dev/zero`` never ends and a FIFO has no size to check
    first, so the limit is enforced as the bytes arrive: a stream that passes it
    stops being read there.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise DataError([Diagnostic(name, _too_large(hint))])
        chunks.append(chunk)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        bad = raw[error.start : error.start + 1].hex()
        raise DataError(
            [
                Diagnostic(
                    name, f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8", line, column
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


# Every pattern here runs on lines of a file anyone may have written, so none may
# backtrack: each repetition is possessive (``*+``, ``++``) or cannot overlap what
# follows it, and a test times them on adversarial lines.
# They are compiled when first used, on a file with a problem: a valid file's
# start-up never pays for them.
_TOMLI_POSITION = r"\(at (?:line \d++, column \d++|end of document)\)$"


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = (
            getattr(error, "msg", None) or re.sub(_TOMLI_POSITION, "", str(error).rstrip()).rstrip()
        )
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        raise DataError([Diagnostic(name, f"invalid TOML: {message}", line, column)]) from None
    except RecursionError:
        raise DataError([Diagnostic(name, "invalid TOML: nested too deeply")]) from None
    except ValueError:
        # tomli hands an integer of more than 4,300 digits to int(), which refuses
        # it (sys.get_int_max_str_digits) with a ValueError, not a TOML error.
        long = re.search(_LONG_NUMBER, text)
        line, column = (
            _position(text.encode(), len(text[: long.start()].encode())) if long else (None, None)
        )
        raise DataError(
            [Diagnostic(name, "invalid TOML: a number too long to read", line, column)]
        ) from None


_LONG_NUMBER = r"(?<![0-9_])[0-9_]{1000,}+"  # from the start of a run only: linear


def validate_document(
    document: Mapping[str, Any],
    text: str,
    name: str,
    *,
    max_diagnostics: int | None = MAX_DIAGNOSTICS,
) -> Dataset:
    """Validate a parsed figures file; ``text`` is its source, used to find lines.

    An invalid file raises :class:`DataError` with its first ``max_diagnostics``
    problems in file order (None: all of them).
    """
    version = document.get("schema_version")
    if version is None:
        raise DataError(
            [Diagnostic(name, "missing `schema_version = 1` at the top of the file", 1, 1)]
        )
    if type(version) is not int or version not in SUPPORTED_SCHEMA_VERSIONS:
        line, column = TomlLocator(text).find(("schema_version",)) or (None, None)
        supported = ", ".join(str(v) for v in SUPPORTED_SCHEMA_VERSIONS)
        raise DataError(
            [
                Diagnostic(
                    name,
                    f"unsupported schema_version {_shown(version)}; "
                    f"this ocsae reads schema_version {supported}",
                    line,
                    column,
                    "schema_version",
                )
            ]
        )

    from pydantic import ValidationError

    model = _model_class()
    try:
        return model.model_validate(document)
    except ValidationError as error:
        shown, omitted = _diagnostics(error, document, text, name, max_diagnostics)
        raise DataError(shown, omitted) from None
    except RecursionError:
        raise DataError([Diagnostic(name, "the file is nested too deeply")]) from None


def _model_class() -> type[Dataset]:
    """The Dataset model with its validators built, without pydantic's plugin discovery.

    Discovery scans every installed distribution's entry points (several ms) and
    loads whatever plugins it finds; ocsae has no use for them. The models defer
    building their validators (see model.py), so the building happens here, while
    discovery is turned off, and not at whichever validation comes first.
    """
    from ocsae_cli.model import Dataset

    if not Dataset.__pydantic_complete__:
        previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        try:
            Dataset.model_rebuild()
        finally:
            if previous is None:
                del os.environ["PYDANTIC_DISABLE_PLUGINS"]
            else:
                os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous
    return Dataset


def _diagnostics(
    error: ValidationError,
    document: Mapping[str, Any],
    text: str,
    name: str,
    limit: int | None = None,
) -> tuple[list[Diagnostic], int]:
    """The first ``limit`` problems in file order, and how many more there are.

    Every problem is found, placed and counted, but the suggestions ("did you
    mean"), which cost a string comparison against every choice, are worked out
    only for those shown: a file with 200,000 bad figures must not take minutes
    to say so.
    """
    from ocsae_cli.model import Problem, format_path, reference_problems

    locator = TomlLocator(text)
    details = [d for d in error.errors(include_url=False) if d["type"] != "dataset_references"]
    paths = [_field_path(d["loc"]) for d in details]
    # A misspelt key is reported once, as unknown with its suggestion, rather than
    # also as the required key it was meant to be.
    unknown_keys: dict[tuple[str | int, ...], list[str]] = {}
    for detail, path in zip(details, paths, strict=True):
        if detail["type"] == "extra_forbidden" and path:
            unknown_keys.setdefault(path[:-1], []).append(str(path[-1]))

    def meant(path: tuple[str | int, ...]) -> bool:
        allowed = tuple(_fields_at(path[:-1]))
        return any(
            path[-1] in _close_matches(key, allowed) for key in unknown_keys.get(path[:-1], ())
        )

    # Pydantic also calls a list "too short" once its invalid entries are set aside.
    has_inner_errors = {path[:1] for path in paths if len(path) > 1}
    found: dict[tuple[tuple[str | int, ...], str], ErrorDetails | Problem] = {}
    for detail, path in zip(details, paths, strict=True):
        if detail["type"] == "missing" and path and meant(path):
            continue
        if detail["type"] == "too_short" and path[:1] in has_inner_errors and len(path) == 1:
            continue
        found.setdefault((path, _message(detail, path, suggest=False)), detail)
    for problem in reference_problems(document):
        found.setdefault((problem.path, problem.message), problem)

    placed = []
    for (path, message), source in found.items():
        line, column = locator.find(path) or (None, None)
        placed.append((line is None, line or 0, column or 0, path, message, source))
    placed.sort(key=lambda entry: entry[:3])
    shown = placed if limit is None else placed[:limit]
    diagnostics = [
        Diagnostic(
            name,
            source.full_message
            if isinstance(source, Problem)
            else _message(source, path, suggest=True),
            None if missing else line,
            None if missing else column,
            format_path(path),
        )
        for missing, line, column, path, message, source in shown
    ]
    return diagnostics, len(placed) - len(shown)


@functools.lru_cache(maxsize=4096)
def _close_matches(value: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """model.close_matches, remembered: a large broken file repeats its mistakes."""
    from ocsae_cli.model import close_matches

    return tuple(close_matches(value, choices))


def _model_fields(annotation: Any) -> Iterator[type[Any]]:
    """The pydantic model classes an annotation can hold (through Optional, tuple, ...)."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _model_fields(typing.get_args(annotation)[0])
        return
    if origin in (typing.Union, types.UnionType, tuple, list):
        for argument in typing.get_args(annotation):
            yield from _model_fields(argument)


def _field_path(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The part of a pydantic error location that names fields and indices.

    Pydantic adds the names of union members (``int``, ``float``) to a location;
    they mean nothing to someone editing the file, so they are dropped.
    """
    # The answer depends on the names and on where the indices are, not on which
    # indices: one walk through the models serves every figure.
    shape = tuple(part if isinstance(part, str) else 0 for part in loc)
    return tuple(loc[: _kept_length(shape)])


@functools.lru_cache(maxsize=1024)
def _kept_length(loc: tuple[str | int, ...]) -> int:
    """How many parts of ``loc`` name fields and indices of the Dataset model."""
    from ocsae_cli.model import Dataset

    path: list[str | int] = []
    current: type[Any] | None = Dataset
    expecting_index = False
    for part in loc:
        if expecting_index:
            if not isinstance(part, int):
                break
            path.append(part)
            expecting_index = False
            continue
        if current is None or not isinstance(part, str):
            break
        field = current.model_fields.get(part)
        path.append(part)
        if field is None:
            break  # an unknown key: the path ends here
        annotation = field.annotation
        candidates = list(_model_fields(annotation))
        expecting_index = typing.get_origin(annotation) in (tuple, list) or (
            typing.get_origin(annotation) in (typing.Union, types.UnionType)
            and any(typing.get_origin(a) in (tuple, list) for a in typing.get_args(annotation))
        )
        current = candidates[0] if candidates else None
        if current is None and not expecting_index:
            break
    return len(path)


def _fields_at(path: Sequence[str | int]) -> tuple[str, ...]:
    """The field names allowed in the table at ``path`` (for "did you mean")."""
    # Which table it is depends on the names, not on the indices.
    return _fields_in(tuple(part for part in path if isinstance(part, str)))


@functools.lru_cache(maxsize=1024)
def _fields_in(names: tuple[str, ...]) -> tuple[str, ...]:
    from ocsae_cli.model import Dataset

    current: type[Any] | None = Dataset
    for part in names:
        if current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return ()
        candidates = list(_model_fields(field.annotation))
        current = candidates[0] if candidates else None
    return tuple(current.model_fields) if current is not None else ()


_TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "date": "a date such as 2020-03-23",
    "dict": "a table",
    "tuple": "an array",
    "list": "an array",
}


_KINDS = {"str": "string", "datetime": "date-time", "int": "integer"}  # TOML's words


def _shown(value: Any) -> str:
    """A value as the file wrote it, never as a Python repr: 'text', 2020-03-23, true."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return "'" + (value if len(value) <= 40 else value[:37] + "...") + "'"
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


def _describe(value: Any) -> str:
    """A value with its TOML type: "string 'x'", "date 2020-03-23", "a table"."""
    if isinstance(value, dict | list):
        return _shown(value)
    kind = type(value).__name__
    kind = "boolean" if isinstance(value, bool) else _KINDS.get(kind, kind)
    return f"{kind} {_shown(value)}"


def _message(  # noqa: C901, PLR0912 - a table of pydantic's error kinds, one case each
    detail: ErrorDetails, path: tuple[str | int, ...], *, suggest: bool = True
) -> str:
    """What a pydantic error means for the file's author; ``suggest`` adds "did you mean"."""

    def did_you_mean(value: str, choices: Sequence[str]) -> str:
        if not suggest:
            return ""
        matches = _close_matches(value, tuple(choices))
        return f" (did you mean '{matches[0]}'?)" if matches else ""

    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        allowed = _fields_at(path[:-1]) if suggest else ()
        return f"unknown key '{key}'{did_you_mean(str(key), allowed)}"
    if kind == "missing":
        return f"missing required key '{key}'"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected)
        suggestion = did_you_mean(value, choices) if isinstance(value, str) else ""
        if key == "schema_version":
            return f"unsupported schema_version {_shown(value)}; expected {expected}"
        return f"{_describe(value)} is not one of {expected}{suggestion}"
    if (kind == "string_pattern_mismatch" and key in ("id", "metric", "period", "metrics")) or (
        kind == "string_pattern_mismatch" and isinstance(key, int)
    ):
        return (
            f"{_shown(value)} is not a kebab-case id "
            "(lower-case letters and digits joined by '-', e.g. 'seven-weeks')"
        )
    if kind == "string_pattern_mismatch" and key == "url":
        return f"{_shown(value)} is not an http(s) URL"
    if kind.endswith("_type") or kind in ("model_type", "model_attributes_type"):
        wanted = kind.removesuffix("_type").removesuffix("_attributes").split("_")[0]
        if kind.startswith("model"):
            wanted = "dict"
        if kind in ("int_type", "float_type"):
            wanted = "float"
        if wanted == "date" and isinstance(value, datetime):  # TOML's local or offset date-time
            return f"expected a date such as 2020-03-23, not a date-time ({_shown(value)})"
        if wanted == "date" and isinstance(value, str):
            return f"{_describe(value)} is not a date; write dates unquoted, as in 2020-03-23"
        described = _TYPE_NAMES.get(wanted, wanted)
        return f"expected {described}, got {_describe(value)}"
    if kind in ("date_from_datetime_inexact", "date_from_datetime_parsing"):
        return "expected a date such as 2020-03-23, not a date-time"
    if kind == "too_short":
        return "must not be empty" if not value else str(detail["msg"]).lower()
    message = str(detail["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


# A key part: bare, "basic" or 'literal'. TOML's whitespace is spaces and tabs only.
_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]++|"(?:[^"\\]|\\.)*+"|\'[^\']*+\')'
_DOTTED = rf"(?>{_BARE_OR_QUOTED}(?:[ \t]*+\.[ \t]*+{_BARE_OR_QUOTED})*+)"
_HEADER = rf"[ \t]*+(\[\[?+)[ \t]*+({_DOTTED})[ \t]*+(\]\]?+)[ \t]*+(?:#.*)?$"
_KEY = rf"([ \t]*+)({_DOTTED})[ \t]*+="


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The header, key and key-part patterns, compiled on first use."""
    return re.compile(_HEADER), re.compile(_KEY), re.compile(_BARE_OR_QUOTED)


def _split_key(key: str) -> tuple[str, ...]:
    parts = _patterns()[2].findall(key)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


class TomlLocator:
    """Map field paths such as ``figures[3].period`` to 1-based line and column.

    A light line scanner rather than a second parser: it understands table and
    array-of-tables headers, dotted keys and multi-line strings, which is what
    figures files use. Paths it cannot place fall back to their nearest parent.
    It runs only when a file has errors.
    """

    def __init__(self, text: str) -> None:
        self._positions: dict[tuple[str | int, ...], tuple[int, int]] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table: tuple[str | int, ...] = ()
        array_counts: dict[tuple[str | int, ...], int] = {}
        in_multiline: str | None = None
        header_pattern, key_pattern, _ = _patterns()
        # TOML ends lines at "\n" only; str.splitlines() would also split at
        # form feeds, U+0085 or U+2028 inside strings and shift every later line.
        for number, raw_line in enumerate(text.split("\n"), start=1):
            line = raw_line.removesuffix("\r")
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = header_pattern.match(line)
            if header and header.group(1) == header.group(3)[::-1].replace("]", "["):
                keys = _split_key(header.group(2))
                if not keys:
                    continue
                if header.group(1) == "[[":
                    # The array itself, not its latest element, is what gets a new entry.
                    path = (*self._with_indices(keys[:-1], array_counts), keys[-1])
                else:
                    path = self._with_indices(keys, array_counts)
                if header.group(1) == "[[":
                    index = array_counts.get(path, -1) + 1
                    array_counts[path] = index
                    self._positions.setdefault(path, (number, line.index("[") + 1))
                    path = (*path, index)
                table = path
                self._positions.setdefault(path, (number, line.index("[") + 1))
                continue
            key = key_pattern.match(line)
            if key:
                path = (*table, *_split_key(key.group(2)))
                self._positions.setdefault(path, (number, len(key.group(1)) + 1))
                rest = line[key.end() :]
                for quotes in ('"""', "'''"):
                    if rest.count(quotes) % 2 == 1:
                        in_multiline = quotes

    def _with_indices(
        self, keys: tuple[str, ...], array_counts: dict[tuple[str | int, ...], int]
    ) -> tuple[str | int, ...]:
        path: tuple[str | int, ...] = ()
        for key in keys:
            path = (*path, key)
            if path in array_counts:
                path = (*path, array_counts[path])
        return path

    def find(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """The line and column of ``path``, or of its nearest parent that appears."""
        candidate = tuple(path)
        while candidate:
            if candidate in self._positions:
                return self._positions[candidate]
            candidate = candidate[:-1]
        return None
