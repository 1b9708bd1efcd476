"""Write a plain mapping as a TOML document, laid out the way a person would write it.

The load layer's writer: `ocsae extract` prints its drafts with it and `ocsae upgrade`
rewrites old files with it. It knows nothing about figures; it turns

- a top-level mapping into a ``[table]``,
- a list of mappings into an array of tables (``[[periods]]``, and nested ones such
  as ``[[sources.attributions]]``),
- a flat mapping below the top level (only scalars or lists of scalars, like a
  period's ``stated_length``) into an inline table,
- dates into TOML dates, and drops ``None`` values, which TOML cannot spell,

and it can put comment lines above any table, for example ``# review: ...``.

tomlkit formats every value (strings with their escapes, floats, dates); the layout
is written here so that a comment lands exactly above the table it is about.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["CommentKey", "dumps_toml"]

#: Where a comment goes: a top-level table's key (``"source"``), or a key and an
#: index for one entry of an array of tables (``("figures", 3)``).
CommentKey = str | tuple[str, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dumps_toml(
    data: Mapping[str, Any],
    *,
    comments: Mapping[CommentKey, str | Sequence[str]] | None = None,
    header: str | Sequence[str] = (),
) -> str:
    """Return ``data`` as a TOML document.

    ``comments`` maps a table to the comment lines written just above its header:
    ``{("figures", 0): ["review: no period"]}`` puts ``# review: no period`` above
    the first ``[[figures]]``. A string may hold several lines. ``header`` is a
    comment written at the top of the document. Keys keep their order, except that
    within each table plain values come before sub-tables, as TOML requires.

    Raises ``TypeError`` for a value TOML cannot hold (for example a set) and
    ``ValueError`` for a comment key that names no table in ``data``.
    """
    import tomlkit  # only a run that writes TOML pays for it

    out: list[str] = []
    head = _comment_lines(header)
    if head:
        out.extend(head)
        out.append("")
    pending = dict(comments or {})
    _write_table(out, (), data, tomlkit, pending)
    if pending:
        raise ValueError(
            f"comments for tables that the data does not have: {sorted(map(str, pending))}"
        )
    text = "\n".join(out).strip("\n")
    return text + "\n"


def _comment_lines(text: str | Sequence[str]) -> list[str]:
    lines = [text] if isinstance(text, str) else list(text)
    out: list[str] = []
    for item in lines:
        for line in str(item).splitlines() or [""]:
            # A comment may hold any character but a newline; strip what would end it.
            clean = line.replace("\r", " ")
            out.append(clean if clean.startswith("#") else f"# {clean}".rstrip())
    return out


def _is_table_list(value: Any) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str | bytes)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )


def _is_flat(value: Mapping[str, Any]) -> bool:
    return not any(isinstance(item, Mapping) or _is_table_list(item) for item in value.values())


def _key(name: str) -> str:
    if _BARE_KEY.fullmatch(name):
        return name
    import tomlkit

    return str(tomlkit.string(name).as_string())


def _value(value: Any, tomlkit: Any) -> str:
    if isinstance(value, Mapping):
        pairs = [
            f"{_key(str(k))} = {_value(v, tomlkit)}" for k, v in value.items() if v is not None
        ]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return "[" + ", ".join(_value(v, tomlkit) for v in value if v is not None) + "]"
    if isinstance(value, _dt.datetime | _dt.date | str | bool | int | float):
        return str(tomlkit.item(value).as_string())
    raise TypeError(f"TOML cannot hold a value of type {type(value).__name__}: {value!r}")


_Sub = Mapping[str, Any] | Sequence[Mapping[str, Any]]


def _split(
    table: Mapping[str, Any], *, top: bool
) -> tuple[list[tuple[str, Any]], list[tuple[str, _Sub]]]:
    """A table's keys written as ``key = value``, then its sub-tables and arrays of tables.

    Each keeps the table's order; keys whose value is None are left out.
    """
    plain: list[tuple[str, Any]] = []
    subs: list[tuple[str, _Sub]] = []
    for name, value in table.items():
        if value is None:
            continue
        # Below the top level a small flat mapping reads best inline
        # (stated_length = { value = 4, unit = "weeks" }).
        inline = isinstance(value, Mapping) and not top and _is_flat(value)
        if not inline and (isinstance(value, Mapping) or _is_table_list(value)):
            subs.append((name, value))
        else:
            plain.append((name, value))
    return plain, subs


def _write_table(
    out: list[str],
    path: tuple[str, ...],
    table: Mapping[str, Any],
    tomlkit: Any,
    pending: dict[CommentKey, str | Sequence[str]],
) -> None:
    top = not path
    plain, subs = _split(table, top=top)
    for name, value in plain:
        out.append(f"{_key(name)} = {_value(value, tomlkit)}")
    for name, sub in subs:
        header = ".".join(_key(p) for p in (*path, name))
        if isinstance(sub, Mapping):
            out.append("")
            if top:
                out.extend(_comment_lines(pending.pop(name, ())))
            out.append(f"[{header}]")
            _write_table(out, (*path, name), sub, tomlkit, pending)
            continue
        for index, entry in enumerate(sub):
            out.append("")
            if top:
                out.extend(_comment_lines(pending.pop((name, index), ())))
            out.append(f"[[{header}]]")
            _write_table(out, (*path, name), entry, tomlkit, pending)
