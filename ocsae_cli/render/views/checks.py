"""The view of the checks: one row per check, with its verdict."""

from __future__ import annotations

from ocsae_cli.analysis.results import CheckResult
from ocsae_cli.render.layout import (
    MISSING,
    Column,
    Section,
    Styled,
    StyleName,
    ViewOptions,
    view,
)

_VERDICT_STYLE: dict[str, StyleName] = {"ok": "ok", "note": "note", "warn": "warn", "fail": "fail"}


@view.register
def check_view(result: CheckResult, options: ViewOptions) -> list[Section]:
    section = Section(
        None,
        [
            Column("Verdict"),
            Column("Check"),
            Column("Basis"),
            Column("Claim", wrap=True),
            Column("Computed", wrap=True),
            Column("Explanation", wrap=True),
        ],
    )
    for check in result.checks:
        section.rows.append(
            [
                Styled(check.verdict.upper(), _VERDICT_STYLE[check.verdict]),
                Styled(check.id),
                Styled(check.basis or MISSING, None if check.basis else "missing"),
                Styled(check.claim),
                Styled(check.computed),
                Styled(check.explanation),
            ]
        )
    counts = {
        v: sum(1 for c in result.checks if c.verdict == v) for v in ("ok", "note", "warn", "fail")
    }
    section.footnotes.append(
        f"{len(result.checks)} checks: " + ", ".join(f"{n} {v}" for v, n in counts.items()) + "."
    )
    return [section]
