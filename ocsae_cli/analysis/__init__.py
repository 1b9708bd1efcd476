"""Pure functions over a validated dataset: rates, comparisons, derived periods, checks.

Nothing here reads files or prints; every function returns a result from
:mod:`ocsae_cli.analysis.results`.
"""
