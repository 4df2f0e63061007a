"""`make bench`: how every page scales from 10 to 100,000 interviews. Not a test: it never fails.

1. Server-side rerun time of every page in `lib.ui.PAGES` (AppTest through streamlit_app.py,
   median of a few reruns after a warm-up) at N = 10, 1,000, 10,000 and 100,000, as a ratio to
   the same page at N = 10. Target: within 2x at 10,000.
2. In real Chromium against `streamlit run`, 1366 px wide, at N = 10 and 10,000: every page's full
   load (navigation to the last chart drawn) and in-app switch (a sidebar click from the page
   before it, warm), each as a ratio to a blank page (DEBRIEF_BENCH_BLANK=1) served by the same
   server in the same run, and the page's height. Targets at 10,000: full load within 1.25x,
   switch within 4x.
3. Peak RSS (VmHWM) of the server at N = 100,000 after opening every page, Trends first, with each
   page's first (cold) load. Targets: < 600 MB; the first Trends within 5 s.

Prints a table and writes it to tests/bench/results.md. `python -m tests.bench --quick` runs a
smaller version (N up to 10,000, fewer runs) for a first look; `--browser` runs part 2 alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from tests.factories import FIXED_NOW, ROOT

SIZES = (10, 1_000, 10_000, 100_000)
BROWSER_N, RSS_N = 10_000, 100_000
RERUNS = 5
BROWSER_RUNS = 5
RESULTS = ROOT / "tests" / "bench" / "results.md"
DEFAULT_PAGE = "today"  # served at "/" (st.Page(default=True) in streamlit_app.py)
TARGET_RERUN, TARGET_BROWSER, TARGET_SWITCH, TARGET_RSS_MB = 2.0, 1.25, 4.0, 600
REFERENCES = {  # tests/bench/reference_pages.py
    "blank": "bench-blank",
    "one chart (3 points)": "bench-one-chart",
    "trends floor (5 filters, 5 charts)": "bench-trends-floor",
    "form floor (6 kinds of input)": "bench-form-floor",
}
RSS_PAGE_TIMEOUT_S = 120
SKIP_ABOVE_S = 10  # a page slower than this at one N is not timed at the next
PAGE_TIMEOUT_S = {10: 120, 1_000: 120, 10_000: 150, 100_000: 150}  # per page and N, all runs included


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_databases(folder: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    from lib.files.demo import load_generated
    from lib.store import Store

    paths = {}
    for n in sizes:
        path = folder / f"bench-{n}.db"
        started = time.perf_counter()
        load_generated(Store(path), n, FIXED_NOW)
        log(f"built {n:,} interviews in {time.perf_counter() - started:.1f} s")
        paths[n] = path
    return paths


def page_paths() -> dict[str, str]:
    from lib.ui import PAGES

    return {name: ("" if name == DEFAULT_PAGE else Path(path).stem) for name, path in PAGES.items()}


# --- 1. server-side reruns (AppTest) ---------------------------------------------------------


def rerun_times(db_path: Path, reruns: int, timeout_s: float, skip: dict[str, str]) -> dict[str, dict]:
    """Per page, in its own process (tests/bench/rerun.py): first run and median rerun, or why not."""
    import json
    import subprocess

    from lib.ui import PAGES

    results = {}
    for name, path in PAGES.items():
        if name in skip:
            results[name] = {"cold_s": None, "median_s": None, "error": skip[name]}
            continue
        command = [sys.executable, "-m", "tests.bench.rerun", str(db_path), path, str(reruns)]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s, check=True)
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            results[name] = {"cold_s": None, "median_s": None, "error": f"no result within {timeout_s:.0f} s"}
        except (subprocess.CalledProcessError, ValueError, IndexError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            results[name] = {"cold_s": None, "median_s": None, "error": detail.strip().splitlines()[-1][:300]}
        log(f"  {name}: {results[name]}")
    return results


def too_slow_to_grow(done: dict[int, dict], n: int) -> dict[str, str]:
    """Pages whose first run already took over SKIP_ABOVE_S at a smaller N: not run again 10x bigger."""
    skip = {}
    for smaller, results in done.items():
        for name, result in results.items():
            cold = result["cold_s"]
            if smaller < n and (cold is None or cold > SKIP_ABOVE_S):
                took = "no result" if cold is None else f"{cold:.0f} s"
                skip[name] = f"skipped: its first run took {took} at N = {smaller:,}"
    return skip


# --- 2 and 3. the real server in Chromium -----------------------------------------------------


def browser_times(db_path: Path, runs: int, only: set[str] | None = None) -> dict[str, dict]:
    from tests.bench.browser_timing import time_pages
    from tests.browser.helpers import start_server

    paths = {name: path for name, path in {**REFERENCES, **page_paths()}.items()
             if only is None or name in only or name == "blank"}
    server = start_server(db_path, db_path.with_suffix(".log"), {"DEBRIEF_BENCH_BLANK": "1"})
    try:
        return time_pages(server.url, paths, runs)
    finally:
        server.stop()


def peak_rss(db_path: Path) -> tuple[dict[str, float], dict[str, float | None]]:
    """The server's peak resident memory (VmHWM, MB) after each page, opened once in this order:
    Trends first, so its own peak shows apart, the default page last. And ms per cold page."""
    from tests.bench.browser_timing import load_every_page
    from tests.browser.helpers import start_server

    paths = page_paths()
    order = {"trends": paths.pop("trends"), **{k: v for k, v in paths.items() if k != DEFAULT_PAGE},
             DEFAULT_PAGE: paths[DEFAULT_PAGE]}
    server = start_server(db_path, db_path.with_suffix(".log"))
    peaks: dict[str, float] = {}

    def read_peak(name: str) -> None:
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        peaks[name] = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
        log(f"  after {name}: VmHWM {peaks[name]:,.0f} MB")

    try:
        read_peak("start")
        cold = load_every_page(server.url, order, RSS_PAGE_TIMEOUT_S, read_peak)
        return peaks, cold
    finally:
        server.stop()


# --- the report ---------------------------------------------------------------------------------


def fmt_ms(seconds: float | None) -> str:
    return "error" if seconds is None else f"{seconds * 1000:,.0f} ms"


def ratio(value: float | None, base: float | None) -> float | None:
    return value / base if value is not None and base else None


def mark(value: float | None, target: float, below: bool = True) -> str:
    if value is None:
        return "n/a"
    return "ok" if (value <= target if below else value >= target) else "**MISS**"


def rerun_table(reruns: dict[int, dict], sizes: list[int]) -> list[str]:
    lines: list[str] = []
    lines += ["## Server-side rerun (AppTest, median of reruns after a warm-up; × = ratio to N = 10)", ""]
    columns = " | ".join(f"N = {n:,}" for n in sizes)
    header = f"| page | {columns} | first load at the largest N | 10k target ≤ 2× |"
    lines += [header, "|" + " --- |" * (len(sizes) + 3)]
    for name in reruns[sizes[0]]:
        base = reruns[sizes[0]][name]["median_s"]
        cells = []
        for n in sizes:
            value = reruns[n][name]["median_s"]
            x = ratio(value, base)
            cells.append(fmt_ms(value) + ("" if n == sizes[0] or x is None else f" ({x:.2f}×)"))
        ten_k = ratio(reruns[10_000][name]["median_s"], base) if 10_000 in reruns else None
        cold = fmt_ms(reruns[sizes[-1]][name]["cold_s"])
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {cold} | {mark(ten_k, TARGET_RERUN)} |")
    errors = [f"- {name} at N = {n:,}: {r['error']}" for n in sizes for name, r in reruns[n].items() if r["error"]]
    if errors:
        lines += ["", "Errors:", *errors]
    return lines


def browser_table(browser: dict[int, dict]) -> list[str]:
    """Full load and switch per page at BROWSER_N, each as a ratio to the blank page in the same run."""
    small, large = browser.get(SIZES[0], {}), browser[BROWSER_N]
    blank, blank_switch = large["blank"]["median_ms"], large["blank"]["switch_ms"]
    lines = ["", f"## Chromium at N = {BROWSER_N:,}, 1366 px wide (median)", ""]
    lines += [f"| page | charts | elements | height | full load | × blank | × same page at N = {SIZES[0]} "
              f"| switch | × blank switch | full load ≤ {TARGET_BROWSER}× | switch ≤ {TARGET_SWITCH:g}× |",
              "|" + " --- |" * 11]
    for name, result in large.items():
        x, sx = result["median_ms"] / blank, result["switch_ms"] / blank_switch
        same = result["median_ms"] / small[name]["median_ms"] if name in small else None
        verdicts = ("reference", "reference") if name in REFERENCES else (
            mark(x, TARGET_BROWSER), mark(sx, TARGET_SWITCH))
        lines.append(f"| {name} | {result['charts']} | {result['elements']} | {result['height']:,} px "
                     f"| {result['median_ms']:,.0f} ms | {x:.2f}× | {'n/a' if same is None else f'{same:.2f}×'} "
                     f"| {result['switch_ms']:,.0f} ms | {sx:.2f}× | {verdicts[0]} | {verdicts[1]} |")
    lines += [
        "",
        "Full load: from navigation to the last chart drawn, with nothing changing for a second after. "
        "Switch: a click on the page's sidebar link from the page listed before it (the first from the "
        "last), warm, to the new title drawn and quiet. Height: the page's scroll height at 1366 px.",
        "",
        f"Elements: what Streamlit drew in the page (its element containers); the blank page holds "
        f"{large['blank']['elements']}. Each element costs the browser milliseconds whatever the data "
        f"size, which the column against the same page at N = {SIZES[0]} separates out.",
    ]
    return lines


def report(reruns: dict[int, dict], browser: dict | None, rss: tuple | None, notes: list[str], minutes: float) -> str:
    sizes = sorted(reruns)
    lines = [f"# Benchmark results ({datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, {minutes:.1f} min)", ""]
    lines += rerun_table(reruns, sizes) if reruns else []
    if browser:
        lines += browser_table(browser)
    if rss:
        peaks, cold = rss
        worst = max(peaks.values())
        lines += ["", f"## Server at N = {RSS_N:,}: peak memory and first (cold-cache) load in Chromium", ""]
        lines += ["| after opening | peak RSS (VmHWM) | first load |", "| --- | --- | --- |"]
        for name, mb in peaks.items():
            load = "—" if name == "start" else ("not ready in " f"{RSS_PAGE_TIMEOUT_S} s" if cold.get(name) is None
                                                else f"{cold[name] / 1000:,.1f} s")
            lines.append(f"| {name} | {mb:,.0f} MB | {load} |")
        lines += ["", f"Peak RSS **{worst:,.0f} MB** (target < {TARGET_RSS_MB} MB: {mark(worst, TARGET_RSS_MB)})."]
    if notes:
        lines += ["", "## Notes", "", *notes]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N up to 10,000, fewer runs: a first look")
    parser.add_argument("--browser", action="store_true", help="only the Chromium timings (N = 10 and 10,000)")
    parser.add_argument("--pages", help="with --browser: only these pages (comma-separated), beside blank, "
                        "at N = 10,000; each switch then comes from the page before it in this list")
    args = parser.parse_args()
    sizes = (SIZES[0], BROWSER_N) if args.browser else SIZES[:-1] if args.quick else SIZES
    started = time.perf_counter()
    notes: list[str] = []
    reruns: dict[int, dict] = {}
    browser = rss = None
    with tempfile.TemporaryDirectory(prefix="debrief-bench-") as folder:
        databases = build_databases(Path(folder), sizes)
        for n in () if args.browser else sizes:
            log(f"AppTest reruns at N = {n:,}")
            skip = too_slow_to_grow(reruns, n)
            reruns[n] = rerun_times(databases[n], 3 if args.quick else RERUNS, PAGE_TIMEOUT_S[n], skip)
        from tests.bench.browser_timing import browser_available

        if not browser_available():
            notes.append("- Chromium not found at /usr/bin/chromium: browser timings and RSS skipped.")
        else:
            try:
                browser = {}
                for n in (BROWSER_N,) if args.pages else (SIZES[0], BROWSER_N):  # N = 10: what data size costs
                    log(f"Chromium at N = {n:,}")
                    only = set(args.pages.split(",")) if args.pages else None
                    browser[n] = browser_times(databases[n], 3 if args.quick else BROWSER_RUNS, only)
            except Exception:
                notes.append("- Browser timing failed:\n\n```\n" + traceback.format_exc() + "```")
            if not (args.quick or args.browser):
                try:
                    log(f"server memory at N = {RSS_N:,}")
                    rss = peak_rss(databases[RSS_N])
                except Exception:
                    notes.append("- RSS measurement failed:\n\n```\n" + traceback.format_exc() + "```")
    text = report(reruns, browser, rss, notes, (time.perf_counter() - started) / 60)
    print(text)
    if not (args.quick or args.browser):
        RESULTS.write_text(text)
        log(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # the bench informs; it never fails a build
        traceback.print_exc()
        sys.exit(0)
