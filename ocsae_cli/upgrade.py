"""``ocsae upgrade``: a figures file rewritten as schema 2, its comments and layout kept.

The load layer's other writer: tomlkit edits the parsed document in place, so that
every comment, blank line and key order a person wrote survives. Schema 1's one
``[source]`` table becomes the first ``[[sources]]`` entry, with the id every
schema 1 file's source is known by (:data:`ocsae_cli.model.V1_SOURCE_ID`).
"""

from __future__ import annotations

from typing import Any

V1_SOURCE_ID = "article"  # the same as ocsae_cli.model.V1_SOURCE_ID, without importing pydantic


class UpgradeError(ValueError):
    """The text is not a figures file this ocsae can upgrade."""


def upgrade_text(text: str) -> str:
    """The figures file ``text`` as schema 2; a schema 2 file comes back unchanged.

    Raises :class:`UpgradeError` for text that is not TOML or has no schema_version
    this ocsae knows.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise UpgradeError(f"invalid TOML: {error}") from None
    version = document.unwrap().get("schema_version")
    if type(version) is int and version == 2:
        return text
    if type(version) is not int or version != 1:
        raise UpgradeError(f"schema_version must be 1 or 2 to upgrade, not {version!r}")
    upgraded = tomlkit.document()
    for key, item in document.body:
        if key is None:
            upgraded.add(item)  # a comment or a blank line, where it stood
        elif key.key == "schema_version":
            upgraded.add("schema_version", tomlkit.item(2).indent(0))
        elif key.key == "source":
            upgraded.append("sources", _sources(item))
        else:
            upgraded.append(key, item)
    return tomlkit.dumps(upgraded)


def _sources(source: Any) -> Any:
    """Schema 1's ``[source]`` table as a one-entry ``[[sources]]`` array, id first."""
    import tomlkit

    entry = tomlkit.table()
    entry.add("id", V1_SOURCE_ID)
    for key, item in source.value.body:
        if key is None:
            entry.add(item)
        else:
            entry.add(key, item)
    sources = tomlkit.aot()
    sources.append(entry)
    return sources
