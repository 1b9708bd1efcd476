"""A cache of validated figures files: reading a file again costs a hash and a JSON parse.

Parsing TOML and validating every figure is most of what a command costs on a
large file. Both are a pure function of the file's bytes, so the validated
:class:`~ocsae_cli.model.Dataset` is kept, as JSON, under a key made from

* a BLAKE2b hash of the file's bytes (any change to the file is a new key),
* the ocsae, pydantic, pydantic-core and Python versions, the TOML parser, and
  the bytes of ``model.py``, ``load.py`` and this module (so a changed model,
  even in an editable install, never meets an old entry).

The format is data only: JSON, each model an object of its declared fields and
each tuple of models an object of columns, rebuilt without validation from the
model classes' declared fields (:func:`serialise`, :func:`deserialise`).
Nothing in an entry can run code, and an entry whose shape or JSON types do not
match the models is a miss. Adding fields or models needs no change here, as
long as their types are JSON values, literals, dates, models, tuples or lists of
these, or optional ones; a model this module cannot rebuild is simply not
cached.

Entries are opened without following symlinks, relative to a descriptor of the
cache directory, and are trusted only when both the directory and the entry are
owned by this user and writable by no one else (checked on the open
descriptors, so nothing can be swapped in between). Writes go to a temporary
file in the same directory, renamed into place.

The cache is a speed-up and nothing more: any problem reading or writing it (a
full disk, a read-only home, a corrupt, foreign or planted entry) means the file
is validated as if there were no cache, and no message is printed.

Where: ``$OCSAE_CACHE_DIR``, else the platform's cache directory
(``$XDG_CACHE_HOME/ocsae`` or ``~/.cache/ocsae`` on Linux). ``OCSAE_NO_CACHE=1``
turns it off. ``ocsae validate`` never reads it. The directory itself must not
be a symlink. Where the operating system lacks ``O_NOFOLLOW`` and
descriptor-relative opening (Windows), nothing is cached.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import operator
import os
import stat
import sys
import time
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ocsae_cli.model import Dataset

    Model = TypeVar("Model", bound=BaseModel)

CACHE_DIR_ENV_VAR = "OCSAE_CACHE_DIR"
NO_CACHE_ENV_VAR = "OCSAE_NO_CACHE"
MAX_ENTRIES = 8  # a few files in use at once; older entries are removed
_SUFFIX = ".dataset.json"
_NOTE_SUFFIX = ".note.json"  # JSON computed from a dataset (the summary's tally)
_STALE_SUFFIXES = (".dataset.pickle",)  # earlier formats: removed when the cache is pruned
_TEMPORARY_PREFIX = ".tmp-"
_MAGIC = b"ocsae-dataset-cache 2 "  # then the entry's key and a newline, then JSON

# Safe opening needs all of these; without them (Windows) nothing is cached.
_SAFE = (
    os.name == "posix"
    and hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and os.open in os.supports_dir_fd
    and os.rename in os.supports_dir_fd  # os.replace shares its implementation
    and os.unlink in os.supports_dir_fd
    and os.stat in os.supports_dir_fd
    and os.listdir in os.supports_fd
)


def cache_directory(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where validated datasets are kept, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(NO_CACHE_ENV_VAR, "").strip().lower() not in ("", "0", "false", "no", "off"):
        return None
    chosen = env.get(CACHE_DIR_ENV_VAR, "")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "ocsae" / "Cache"
    base = env.get("XDG_CACHE_HOME", "")
    if base and sys.platform != "darwin":
        return Path(base) / "ocsae"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no $HOME and no passwd entry: no cache
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ocsae"
    return home / ".cache" / "ocsae"


# What decides whether a file's bytes make a valid dataset, and what that dataset
# is: these modules, the TOML parser and pydantic. A change to any of them, even in
# an editable install, makes every key new.
_VALIDATING_MODULES = ("model.py", "load.py", "cache.py")


def _salt() -> bytes:
    import importlib.util

    import pydantic
    import pydantic_core

    from ocsae_cli import __version__

    digest = hashlib.blake2b(
        f"ocsae {__version__}; pydantic {pydantic.VERSION}; pydantic-core "
        f"{pydantic_core.__version__}; python {sys.version}\n".encode()
    )
    for name in _VALIDATING_MODULES:
        try:
            digest.update(Path(__file__).with_name(name).read_bytes())
        except OSError:  # no source beside the package: the versions must do
            digest.update(name.encode())
    # tomli is not imported on a warm run (that is the point), so its file stands in
    # for its version: an upgrade replaces it.
    spec = importlib.util.find_spec("tomli")
    if spec is not None and spec.origin:
        try:
            status = Path(spec.origin).stat()
            digest.update(f"tomli {spec.origin} {status.st_size} {status.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"tomli")
    return digest.digest()


def cache_key(raw: bytes) -> str:
    """The key of a file's validated dataset: its bytes, and what validated them."""
    digest = hashlib.blake2b(_salt(), digest_size=20)
    digest.update(raw)
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# The format. A model is a JSON object of its declared fields, in declaration
# order, plus "" holding its fields set as a bit mask over that order. A tuple or
# list of models is one object of columns: each field's values for every model
# in turn, and "" the masks. Columns make the JSON half the size and let each
# field's types be checked in one pass over its column. Dates are ISO strings.
# How to encode, check and rebuild each field is worked out once per model class
# from its annotations (_Plan), never written per model.


class UnsupportedModelError(TypeError):
    """A model has a field whose type the cache cannot rebuild; such a model is not cached."""


class _Codec(NamedTuple):
    """How one declared type goes to JSON and comes back, its JSON types checked."""

    encode: Callable[[Any], Any] | None  # None: the value is its own JSON
    decode: Callable[[Any], Any]  # raises ValueError when the JSON is not of the type
    decode_column: Callable[[list[Any]], list[Any]]  # decode, for many values at once


class _Scalars(NamedTuple):
    """A JSON scalar type: the Python types it arrives as, and for literals its values."""

    types: frozenset[type]
    values: frozenset[Any] | None  # None: any value of those types

    def codec(self) -> _Codec:
        types, values = self.types, self.values

        def decode(value: Any) -> Any:
            if type(value) not in types or (values is not None and value not in values):
                raise ValueError(f"unexpected {type(value).__name__} {value!r}")
            return value

        def decode_column(column: list[Any]) -> list[Any]:
            # Both checks run in C, one pass each over the column.
            if not types.issuperset(map(type, column)) or (
                values is not None and not values.issuperset(column)
            ):
                raise ValueError("unexpected value in a column")
            return column

        return _Codec(None, decode, decode_column)


_NONE = _Scalars(frozenset({type(None)}), frozenset({None}))
_SCALARS = {
    str: _Scalars(frozenset({str}), None),
    int: _Scalars(frozenset({int}), None),
    # pydantic stores floats in a float field and JSON keeps 2.0 a float; an int there
    # would be a number all the same.
    float: _Scalars(frozenset({float, int}), None),
    bool: _Scalars(frozenset({bool}), None),
    type(None): _NONE,
}


def _each(decode: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    return lambda column: list(map(decode, column))


def _optional(codec: _Codec) -> _Codec:
    encode, decode, decode_present = codec

    def decode_optional(value: Any) -> Any:
        return None if value is None else decode(value)

    def decode_column(column: list[Any]) -> list[Any]:
        present = [value for value in column if value is not None]
        if len(present) == len(column):
            return decode_present(column)
        decoded = iter(decode_present(present))  # all at once: a column's checks are cheaper
        return [None if value is None else next(decoded) for value in column]

    encode_optional = None if encode is None else _or_none(encode)
    return _Codec(encode_optional, decode_optional, decode_column)


def _or_none(encode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else encode(value)


def _decode_date(value: Any) -> datetime.date:
    if type(value) is not str:
        raise ValueError("expected a date")
    return datetime.date.fromisoformat(value)


def _encode_date(value: datetime.date) -> str:
    return value.isoformat()


def _decode_dates(column: list[Any]) -> list[datetime.date]:
    # fromisoformat raises TypeError for anything but a string: one C call a date.
    return list(map(datetime.date.fromisoformat, column))


_DATE = _Codec(_encode_date, _decode_date, _decode_dates)


def _array(item: Any, kind: type[tuple[Any, ...]] | type[list[Any]]) -> _Codec:
    """A tuple or list of ``item``: columns when the items are models."""
    from pydantic import BaseModel

    if isinstance(item, type) and issubclass(item, BaseModel):
        plan = _plan(item)
        if kind is tuple:
            decode_rows: Callable[[Any], Any] = plan.decode_rows
        else:
            decode_rows = lambda raw: list(plan.decode_rows(raw))  # noqa: E731
        return _Codec(plan.encode_rows, decode_rows, _each(decode_rows))
    inner = _codec(item)
    encode_item, decode_items = inner.encode, inner.decode_column

    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise ValueError("expected an array")
        return kind(decode_items(value))

    encode = None if encode_item is None else (lambda value: [encode_item(v) for v in value])
    return _Codec(encode, decode, _each(decode))


def _codec(annotation: Any) -> _Codec:
    """How to store a value declared as ``annotation`` (raises UnsupportedModelError)."""
    found = _scalars(annotation)
    return found.codec() if isinstance(found, _Scalars) else found


def _scalars(annotation: Any) -> _Scalars | _Codec:
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _scalars(args[0])
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if origin is typing.Literal:
        if not all(type(arg) in _SCALARS for arg in args):
            raise UnsupportedModelError(f"a literal that is not JSON: {annotation!r}")
        return _Scalars(frozenset(map(type, args)), frozenset(args))
    if annotation is datetime.date:
        return _DATE
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        plan = _plan(annotation)
        return _Codec(plan.encode, plan.decode, plan.decode_many)
    if origin in (typing.Union, types.UnionType):
        members = [_scalars(arg) for arg in args]
        scalars = [m for m in members if isinstance(m, _Scalars)]
        others = [m for m in members if not isinstance(m, _Scalars)]
        if not others:
            values = [s.values for s in scalars]
            return _Scalars(
                frozenset().union(*(s.types for s in scalars)),
                None if None in values else frozenset().union(*values),  # type: ignore[arg-type]
            )
        if len(others) == 1 and scalars == [_NONE]:
            return _optional(others[0])
        # Which member a JSON value meant cannot be told without validating it.
        raise UnsupportedModelError(f"a union of types stored differently: {annotation!r}")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _array(args[0], tuple)
    if origin is list and len(args) == 1:
        return _array(args[0], list)
    raise UnsupportedModelError(f"a field the cache cannot rebuild: {annotation!r}")


_PER_MODEL_STATE = ("__dict__", "__pydantic_fields_set__")


class _Plan:
    """How to encode and rebuild one model class, worked out from its declared fields.

    The methods that run once per model (:meth:`decode_rows` above all, 100,000
    times for a large file) keep to local names and C-level loops.
    """

    def __init__(self, cls: type[BaseModel]) -> None:
        from pydantic import BaseModel

        config = cls.model_config
        if config.get("extra") == "allow" or cls.__private_attributes__:
            raise UnsupportedModelError(f"{cls.__name__} keeps values outside its declared fields")
        if cls.model_post_init is not BaseModel.model_post_init:
            raise UnsupportedModelError(f"{cls.__name__} runs code after construction")
        self.cls = cls
        self.order = tuple(cls.model_fields)
        self.names = frozenset(self.order)
        # pydantic never changes the fields set of a frozen model (it copies one
        # before changing it), so 100,000 figures can share a handful of sets.
        self.share_fields_sets = bool(config.get("frozen"))
        self.fields_sets: dict[int, set[str]] = {}
        self.masks: dict[frozenset[str], int] = {}
        self.template = self._template()
        self.build = self._builder()
        self.build_from_columns = self._column_builder()
        _PLANS[cls] = self  # before the fields, so that a model may contain itself
        self.codecs = tuple(
            (name, _codec(field.annotation)) for name, field in cls.model_fields.items()
        )

    @property
    def fast(self) -> bool:
        """Whether models are rebuilt by pickling's path rather than ``model_construct``."""
        return self.template is not None

    def _template(self) -> dict[str, Any] | None:
        """The state pickling gives a model, when rebuilding from it is safe; else None.

        ``model_construct`` is pydantic's public way to build a model without
        validating it, but it costs about 2.7 us a model (100,000 figures: 270 ms,
        past the speed budget). Pickling's own path, ``__new__`` and then
        ``__setstate__`` with the state that ``__getstate__`` gives, costs about a
        quarter of that. That state's keys are pydantic's, so the shortcut is taken
        only when a model it builds has exactly the state of one that
        ``model_construct`` builds; otherwise ``model_construct`` is used, and
        ``tests/test_cache.py`` fails to say that the shortcut is gone.
        """
        cls = self.cls
        probe = cls.model_construct()
        template = probe.__getstate__()
        if "__dict__" not in template or "__pydantic_fields_set__" not in template:
            return None
        check = cls.__new__(cls)
        check.__setstate__(
            {
                **template,
                "__dict__": dict(probe.__dict__),
                "__pydantic_fields_set__": set(probe.model_fields_set),
            }
        )
        if type(check) is not cls or check.__getstate__() != template:
            return None
        # Every model shares the rest of the template: only immutable None will do.
        if any(v is not None for k, v in template.items() if k not in _PER_MODEL_STATE):
            return None
        return template

    def _builder(self) -> Callable[[dict[str, Any], set[str]], BaseModel]:
        """Build a model from a dict of its field values and its fields set."""
        cls, template = self.cls, self.template
        if template is None:
            return lambda values, fields_set: cls.model_construct(fields_set, **values)
        new, setstate = cls.__new__, cls.__setstate__

        def build(values: dict[str, Any], fields_set: set[str]) -> BaseModel:
            model = new(cls)
            setstate(model, {**template, "__dict__": values, "__pydantic_fields_set__": fields_set})
            return model

        return build

    def _column_builder(self) -> Callable[..., BaseModel]:
        """Build a model from its field values in declaration order, then its fields set.

        Made from source, as ``dataclasses`` makes ``__init__``: a dict display
        with the field names as constants costs a third of ``dict(zip(...))``,
        and there is one call a model, not two. The source holds nothing but
        ``repr()`` of the field names; nothing read from a cache entry goes in.
        """
        cls, order, template = self.cls, self.order, self.template
        if template is None:

            def construct(*values: Any) -> BaseModel:
                return cls.model_construct(values[-1], **dict(zip(order, values, strict=False)))

            return construct
        rest = {k: v for k, v in template.items() if k not in _PER_MODEL_STATE}
        parameters = "".join(f"v{number}, " for number in range(len(order)))
        values = ", ".join(f"{name!r}: v{number}" for number, name in enumerate(order))
        source = (
            f"def build({parameters}fields_set):\n"
            "    model = new(cls)\n"
            f"    state = {{**rest, '__dict__': {{{values}}}, "
            "'__pydantic_fields_set__': fields_set}\n"
            "    setstate(model, state)\n"
            "    return model\n"
        )
        namespace: dict[str, Any] = {
            "new": cls.__new__,
            "setstate": cls.__setstate__,
            "cls": cls,
            "rest": rest,
        }
        exec(compile(source, f"<ocsae cache: build {cls.__name__}>", "exec"), namespace)
        built: Callable[..., BaseModel] = namespace["build"]
        return built

    def mask(self, model: BaseModel) -> int:
        """The fields set of ``model`` as a bit mask over the declaration order."""
        chosen = frozenset(model.model_fields_set)
        found = self.masks.get(chosen)
        if found is None:
            found = sum(1 << bit for bit, name in enumerate(self.order) if name in chosen)
            self.masks[chosen] = found
        return found

    def fields_set(self, mask: Any) -> set[str]:
        """The fields set a mask stands for (shared between frozen models)."""
        found = self.fields_sets.get(mask) if type(mask) is int else None
        if found is not None:
            return found
        if type(mask) is not int or not 0 <= mask < 1 << len(self.order):
            raise ValueError(f"not a fields set of {self.cls.__name__}")
        chosen = {name for bit, name in enumerate(self.order) if mask >> bit & 1}
        if self.share_fields_sets:
            self.fields_sets[mask] = chosen
        return chosen

    def _check(self, model: BaseModel) -> None:
        if type(model) is not self.cls:
            raise UnsupportedModelError(
                f"a {type(model).__name__} where a {self.cls.__name__} belongs"
            )

    def encode(self, model: BaseModel) -> dict[str, Any]:
        """One model as a JSON object."""
        self._check(model)
        out: dict[str, Any] = {}
        for name, codec in self.codecs:
            value = getattr(model, name)
            out[name] = value if codec.encode is None else codec.encode(value)
        out[""] = self.mask(model)
        return out

    def decode(self, raw: Any) -> BaseModel:
        """Rebuild one model from :meth:`encode`'s object."""
        if type(raw) is not dict:
            raise ValueError(f"expected a {self.cls.__name__}")
        fields_set = self.fields_set(raw.pop("", None))
        if raw.keys() != self.names:
            raise ValueError(f"not the fields of a {self.cls.__name__}")
        for name, codec in self.codecs:
            raw[name] = codec.decode(raw[name])
        return self.build(raw, fields_set)

    def decode_many(self, objects: list[Any]) -> list[BaseModel]:
        """Rebuild many models from :meth:`encode`'s objects: a column of a model field."""
        masks = [raw.pop("", None) for raw in objects]  # only a dict has pop(key, default)
        names = self.names
        if not all(type(raw) is dict and raw.keys() == names for raw in objects):
            raise ValueError(f"not the fields of a {self.cls.__name__}")
        columns: dict[str, Any] = {name: [raw[name] for raw in objects] for name in self.order}
        columns[""] = masks
        return list(self.decode_rows(columns))

    def encode_rows(self, models: Any) -> dict[str, Any]:
        """Many models as one JSON object of columns."""
        for model in models:
            self._check(model)
        out: dict[str, Any] = {}
        for name, codec in self.codecs:
            column = list(map(operator.attrgetter(name), models))
            out[name] = column if codec.encode is None else list(map(codec.encode, column))
        out = {name: _constant(column) for name, column in out.items()}
        out[""] = list(map(self.mask, models))  # always a list: it gives the number of models
        return out

    def decode_rows(self, raw: Any) -> tuple[BaseModel, ...]:
        """Rebuild the models of :meth:`encode_rows`'s columns."""
        if type(raw) is not dict:
            raise ValueError(f"expected columns of {self.cls.__name__}")
        masks = raw.pop("", None)
        if type(masks) is not list or raw.keys() != self.names:
            raise ValueError(f"not the columns of {self.cls.__name__}")
        count = len(masks)
        columns = []
        for name, codec in self.codecs:
            columns.append(codec.decode_column(_column(raw[name], count)))
        for mask in set(masks):  # each distinct mask is checked once
            self.fields_set(mask)
        if self.share_fields_sets:
            fields_sets: Any = map(self.fields_sets.__getitem__, masks)
        else:
            fields_sets = map(self.fields_set, masks)
        return tuple(map(self.build_from_columns, *columns, fields_sets))


# A column whose values are all one JSON value is kept as {"all": value}: the
# optional fields most figures leave out cost next to nothing to store and read.
# Floats are left alone (0.0 == -0.0), and so is anything that could be mutable.
_CONSTANT_TYPES = frozenset({type(None), bool, int, str})


def _constant(column: list[Any]) -> Any:
    if len(column) > 1 and len(set(map(type, column))) == 1:
        first = column[0]
        if type(first) in _CONSTANT_TYPES and column.count(first) == len(column):
            return {"all": first}
    return column


def _column(stored: Any, count: int) -> list[Any]:
    """A column of ``count`` values from what :func:`_constant` stored."""
    if type(stored) is list:
        if len(stored) != count:
            raise ValueError("a column of the wrong length")
        return stored
    if type(stored) is not dict or stored.keys() != {"all"}:
        raise ValueError("not a column")
    value = stored["all"]
    if type(value) not in _CONSTANT_TYPES:
        raise ValueError("not a constant column")
    return [value] * count


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[BaseModel]) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        try:
            found = _Plan(cls)
        except BaseException:
            _PLANS.pop(cls, None)
            raise
    return found


def supported(cls: type[BaseModel]) -> bool:
    """Whether every field of ``cls``, and of the models in it, can be cached."""
    try:
        _plan(cls)
    except UnsupportedModelError:
        return False
    return True


def shortcut_in_use(cls: type[BaseModel]) -> bool:
    """Whether ``cls`` is rebuilt through pickling's ``__setstate__``, not ``model_construct``.

    The first is about four times faster; ``_Plan._template`` says when it is safe.
    """
    return _plan(cls).fast


def serialise(model: BaseModel) -> bytes:
    """``model`` as JSON that :func:`deserialise` rebuilds.

    Raises :class:`UnsupportedModelError` for a model with a field it cannot rebuild.
    """
    import pydantic_core

    return pydantic_core.to_json(_plan(type(model)).encode(model))


def deserialise(cls: type[Model], data: bytes | bytearray) -> Model:
    """Rebuild a ``cls`` from :func:`serialise`'s JSON, without validating it.

    The JSON's shape and types are checked (each model's fields, arrays, dates,
    the JSON type of every value and the choices of literals), not the models'
    rules: use it on what this process or this user wrote. Raises ValueError
    (or another exception) on anything else.
    """
    import pydantic_core

    # cache_strings: the many repeated ids arrive as one string each, as from TOML.
    rebuilt = _plan(cls).decode(pydantic_core.from_json(data, cache_strings=True))
    if not isinstance(rebuilt, cls):  # for the type checker; decode builds a cls
        raise ValueError(f"not a {cls.__name__}")
    return rebuilt


# ---------------------------------------------------------------------------
# The directory and its entries.


def _trusted(status: os.stat_result) -> bool:
    # Only what this user could have written: no one else may own or write it.
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _open_directory(directory: Path) -> int | None:
    """A descriptor of ``directory`` when it is a real, private directory of this user."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(directory, flags)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode) and _trusted(status):
            return descriptor
    except BaseException:
        os.close(descriptor)
        raise
    os.close(descriptor)
    return None


def _header(key: str) -> bytes:
    return _MAGIC + key.encode("ascii") + b"\n"


def _read_entry(directory: int, key: str, suffix: str = _SUFFIX) -> bytes | None:
    """The JSON of the entry for ``key``, when it is a private regular file of this user."""
    # O_NONBLOCK: a FIFO planted under the entry's name must not hang the open.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    descriptor = os.open(key + suffix, flags, dir_fd=directory)
    with os.fdopen(descriptor, "rb") as stream:  # closes the descriptor
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or not _trusted(status):
            return None
        header = _header(key)
        if stream.read(len(header)) != header:  # another key's entry, or not an entry
            return None
        body = stream.read()
        if os.utime in os.supports_fd:
            with contextlib.suppress(OSError):
                os.utime(descriptor)  # most recently used: kept longest
    return body


def read(directory: Path, key: str) -> Dataset | None:
    """The dataset kept under ``key``, or None (never an error)."""
    if not _SAFE:
        return None
    try:
        from ocsae_cli.model import Dataset

        descriptor = _open_directory(directory)
        if descriptor is None:
            return None
        try:
            body = _read_entry(descriptor, key)
        finally:
            os.close(descriptor)
        return None if body is None else deserialise(Dataset, body)
    except Exception:  # missing, foreign, truncated or malformed: a miss, whatever it raises
        return None


def write(directory: Path, key: str, dataset: Dataset) -> None:
    """Keep ``dataset`` under ``key``, atomically; failures are ignored."""
    if not _SAFE:
        return
    try:
        body = serialise(dataset)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = _open_directory(directory)
        if descriptor is None:
            return
        try:
            _write_entry(descriptor, key, body)
            _prune(descriptor)
        finally:
            os.close(descriptor)
    except Exception:  # a cache that cannot be written is no cache, never an error
        return


def derived_key(key: str, name: str, package: str) -> str:
    """The key of something computed from the dataset under ``key`` by the code in ``package``.

    It changes with the dataset, with ``name`` and with every byte of the package's
    source, so a result kept by older code is never read by newer code.
    """
    root = Path(__file__).resolve().parent / package
    digest = hashlib.blake2b(f"{key}\0{name}\0".encode(), digest_size=20)
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_json(directory: Path, key: str) -> Any:
    """The JSON data kept under ``key`` (None: nothing, or nothing trustworthy; never an error)."""
    if not _SAFE:
        return None
    try:
        descriptor = _open_directory(directory)
        if descriptor is None:
            return None
        try:
            body = _read_entry(descriptor, key, _NOTE_SUFFIX)
        finally:
            os.close(descriptor)
        return None if body is None else json.loads(body)
    except Exception:
        return None


def write_json(directory: Path, key: str, data: Any) -> None:
    """Keep JSON ``data`` under ``key``, as a dataset is kept; failures are ignored."""
    if not _SAFE:
        return
    try:
        body = json.dumps(data, allow_nan=False).encode()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = _open_directory(directory)
        if descriptor is None:
            return
        try:
            _write_entry(descriptor, key, body, _NOTE_SUFFIX)
            _prune(descriptor)
        finally:
            os.close(descriptor)
    except Exception:
        return


def _write_entry(directory: int, key: str, body: bytes, suffix: str = _SUFFIX) -> None:
    temporary = f"{_TEMPORARY_PREFIX}{os.getpid()}-{os.urandom(8).hex()}{suffix}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(temporary, flags, 0o600, dir_fd=directory)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(_header(key))
            stream.write(body)
        # Readers see the old entry or the whole new one, never half of one.
        os.replace(temporary, key + suffix, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:  # Ctrl-C included: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=directory)
        raise


_ABANDONED = 3600  # seconds: a temporary file this old was left by a run that was killed


def _prune(directory: int) -> None:
    """Keep the MAX_ENTRIES most recently used datasets (and notes); remove stale files."""
    entries: dict[bool, list[tuple[int, str]]] = {True: [], False: []}  # by: is a note
    for name in os.listdir(directory):
        stale = name.endswith(_STALE_SUFFIXES)
        if not stale and not name.endswith((_SUFFIX, _NOTE_SUFFIX)):
            continue
        try:
            status = os.stat(name, dir_fd=directory, follow_symlinks=False)
        except OSError:
            continue
        if name.startswith(_TEMPORARY_PREFIX):
            stale = time.time() - status.st_mtime_ns / 1e9 > _ABANDONED
        elif not stale:
            entries[name.endswith(_NOTE_SUFFIX)].append((status.st_mtime_ns, name))
            continue
        if stale:
            _discard(directory, name)
    for kind in entries.values():
        kind.sort(reverse=True)
        for _, name in kind[MAX_ENTRIES:]:
            _discard(directory, name)


def _discard(directory: int, name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=directory)
