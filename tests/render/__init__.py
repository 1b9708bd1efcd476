"""The renderers' tests, one module per output format (as pip-audit's test/format/).

A package, so that its conftest and its modules are ``render.conftest`` and so on,
and never clash by name with ``tests/conftest.py`` or another test module.
"""
