"""The export layer: the figures, their weekly rates and their checks, written for other tools.

:mod:`~ocsae_cli.export.datapackage` writes a Frictionless Data Package and
:mod:`~ocsae_cli.export.sqlite` a SQLite database with Datasette's metadata,
both from the tables of :mod:`~ocsae_cli.export.tables`, which are built from
the analysis results, so that their numbers are the ones the commands print.
:mod:`~ocsae_cli.export.files` writes each all or nothing.

This layer sits between render and analysis: it imports analysis, load and
model, never render or the commands.
"""
