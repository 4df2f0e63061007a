"""What the fault tests share: children forked, not spawned, so each starts in milliseconds with lib imported."""

from __future__ import annotations

import multiprocessing

FORK = multiprocessing.get_context("fork")
