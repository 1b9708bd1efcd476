"""One view module per result family; importing this package registers every view."""

from ocsae_cli.render.views import chart, checks, compare, listing, summary

__all__ = ["chart", "checks", "compare", "listing", "summary"]
