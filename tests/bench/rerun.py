"""One page's server-side rerun time, in a process of its own: `python -m tests.bench.rerun DB PAGE RERUNS`.

The app runs through streamlit_app.py (AppTest) and lands directly on PAGE, so a slow page never
delays the others, and the parent can stop a page that takes too long. Prints one JSON line:
the first (cold-cache) run, and the median of RERUNS reruns after one warm-up rerun (one rerun
for a page slower than SLOW_S).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from tests.factories import FIXED_NOW, ROOT

SLOW_S = 5  # a page whose first run takes longer than this gets one timed rerun, to keep the bench short


def measure(db_path: str, page: str, reruns: int) -> dict:
    os.environ |= {"DEBRIEF_DB": db_path, "DEBRIEF_NOW": FIXED_NOW.isoformat(), "DEBRIEF_TZ": "Europe/London"}
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=3_600)
    started = time.perf_counter()
    at.switch_page(page).run()
    cold = time.perf_counter() - started
    slow = cold >= SLOW_S
    if not slow:
        at.run()  # warm-up; a slow page's first run has warmed its caches already
    times = []
    for _ in range(1 if slow else reruns):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    error = at.exception[0].value if at.exception else None
    return {"cold_s": cold, "median_s": statistics.median(times), "error": error}


if __name__ == "__main__":
    db, page_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print(json.dumps(measure(db, page_path, count)), flush=True)
