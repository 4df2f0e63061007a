"""The table `make bench` writes: each page's full load and switch against the blank page's, and itself at N = 10."""

from __future__ import annotations

from tests.bench.__main__ import REFERENCES, report


def timing(ms: float, switch_ms: float = 100, height: int = 900) -> dict:
    return {"median_ms": ms, "switch_ms": switch_ms, "charts": 1, "elements": 3, "cold_ms": ms, "height": height}


def rows_of(text: str) -> dict[str, str]:
    return {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}


def test_each_page_is_compared_with_the_blank_page_for_load_and_for_switch():
    large = {name: timing(1_000) for name in REFERENCES}
    large |= {"trends": timing(2_000, 500, 3_100), "today": timing(1_200, 350)}
    small = {name: timing(1_000) for name in large} | {"trends": timing(1_600)}
    reruns = {n: {"today": {"median_s": 0.1, "cold_s": 1.0, "error": None}} for n in (10, 10_000)}
    rows = rows_of(report(reruns, {10: small, 10_000: large}, None, [], 1.0))
    # height, full load, × blank, × itself at N = 10, switch, × blank switch, verdicts
    assert rows["trends"].endswith("| 3,100 px | 2,000 ms | 2.00× | 1.25× | 500 ms | 5.00× | **MISS** | **MISS** |")
    assert rows["today"].endswith("| 900 px | 1,200 ms | 1.20× | 1.20× | 350 ms | 3.50× | ok | ok |")
    assert rows["blank"].endswith("| 1.00× | reference | reference |")


def test_the_browser_table_stands_without_the_rerun_table():
    large = {name: timing(1_000) for name in REFERENCES} | {"log": timing(1_100, 150)}
    text = report({}, {10_000: large}, None, [], 1.0)
    assert "Server-side rerun" not in text
    assert rows_of(text)["log"].endswith("| 1,100 ms | 1.10× | n/a | 150 ms | 1.50× | ok | ok |")
