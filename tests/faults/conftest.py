"""Fault tests: processes killed mid-write, writers racing, old schemas, hostile files.

Children are forked (not spawned) so each starts in milliseconds with lib already imported;
Linux only, like the app's own target. Each test says what it measured in its output
(`pytest -s tests/faults` shows it).
"""

from __future__ import annotations

import sys

import pytest

if not sys.platform.startswith("linux"):
    pytest.skip("fault tests fork child processes (Linux)", allow_module_level=True)
