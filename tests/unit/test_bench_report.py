"""The table `make bench` writes: each page against blank, against itself at N = 10 and against its floor."""

from __future__ import annotations

from tests.bench.__main__ import FLOORS, REFERENCES, report


def timing(ms: float) -> dict:
    return {"median_ms": ms, "charts": 1, "elements": 3, "cold_ms": ms}


def test_pages_are_compared_with_blank_with_themselves_at_ten_and_with_their_floor():
    large = {name: timing(1_000) for name in REFERENCES} | {FLOORS["trends"]: timing(1_600)}
    large |= {"trends": timing(2_000), "today": timing(1_200)}
    small = {name: timing(1_000) for name in large} | {"trends": timing(1_600)}
    reruns = {n: {"today": {"median_s": 0.1, "cold_s": 1.0, "error": None}} for n in (10, 10_000)}
    text = report(reruns, {10: small, 10_000: large}, None, [], 1.0)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert rows["trends"].endswith("| 2,000 ms | 1.25× | 1.25× | 2.00× | **MISS** |")  # at N = 10, floor, blank
    assert rows["today"].endswith("| 1,200 ms | 1.20× | — | 1.20× | ok |")
    assert rows[FLOORS["trends"]].endswith("| 1.60× | reference |")
