"""Tests of the extraction engine (``ocsae_cli.extract``), one module per engine module.

A package, so that its modules never clash by name with other test modules.
"""
