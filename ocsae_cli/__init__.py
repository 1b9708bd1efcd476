"""ocsae: a command-line explorer for the OCSAE unit's published, period-based figures."""

__version__ = "0.1.0"
