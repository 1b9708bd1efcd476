"""Pure functions over a validated dataset: rates, comparisons, derived periods, checks.

Nothing here reads files or prints; every function returns a result from
:mod:`ocsae_cli.analysis.results`.
"""

# A summary is one screen: a file of many releases is counted and checked in
# full, but only its first periods are listed. Here, not in summary.py, so that
# the command line can show the default without importing the analysis.
SUMMARY_LIMIT = 10
