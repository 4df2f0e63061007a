"""An axe-core audit of what a page shows: every screenful of every scroll container, the app's own
content told apart from Streamlit's chrome, so a test can fail on the first and only print the second.

axe judges colour contrast and target size only for what is on screen, and Streamlit scrolls inside
its own containers (the main section, the sidebar, a dialog), not the document. So the first run
checks every rule over the whole page (or the part a state is about), then each scroll container is
walked from its top in steps of 80% of its height, and the on-screen rules run again at each stop.
The findings are merged by (rule, target): one fault seen on three screenfuls is one finding.

axe-core's JavaScript comes from the installed `axe-playwright-python` package and is injected as a
script: nothing is fetched.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path

AXE_SCRIPT = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ON_SCREEN_RULES = ["color-contrast", "target-size"]  # the rules that judge only what is in view
FAILING_IMPACTS = ("serious", "critical")
STEP = 0.8  # of a container's height per scroll: each stop overlaps the last a little

# Streamlit's chrome, not the app's: its header and toolbar (menu, deploy, status widget), the
# sidebar's own header and collapse control, and the page navigation Streamlit draws from st.navigation.
CHROME = ", ".join(f'[data-testid="{test_id}"]' for test_id in (
    "stHeader", "stToolbar", "stToolbarActions", "stDecoration", "stStatusWidget", "stMainMenu",
    "stAppDeployButton", "stSidebarHeader", "stSidebarCollapseButton", "stExpandSidebarButton",
    "stSidebarCollapsedControl", "stSidebarNav", "stSidebarNavItems", "stSidebarNavSeparator",
))

_RUN = """async ({context, tags, rules, chrome}) => {
    const options = {resultTypes: ['violations'],
                     runOnly: rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags}};
    const root = context ? document.querySelector(context) : document;
    if (!root) return [];
    const results = await axe.run(root, options);
    const shell = new Set([document.documentElement, document.head, document.body]);
    return results.violations.flatMap(rule => rule.nodes.map(node => {
        const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
        return {rule: rule.id, impact: node.impact || rule.impact || '', target: node.target.join(' >>> '),
                summary: node.failureSummary || '', html: node.html.slice(0, 300), help: rule.help,
                chrome: !!element && (shell.has(element) || !!element.closest(chrome))};
    }));
}"""

# A scroll container on screen (a collapsed sidebar is not), holding the part audited or inside it.
_MARK_SCROLLERS = """(within) => {
    const root = within ? document.querySelector(within) : document.body;
    if (!root) return 0;
    const onScreen = el => {
        const box = el.getBoundingClientRect();
        return box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight; };
    const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && onScreen(el)
                          && el.scrollHeight > el.clientHeight + 4 && el.clientHeight >= 120;
    const found = [...document.querySelectorAll('*')]
        .filter(el => (el.contains(root) || root.contains(el)) && scrolls(el));
    found.forEach((el, i) => el.setAttribute('data-a11y-scroller', String(i)));
    return found.length;
}"""

_SCROLL = """([index, step]) => {
    const el = document.querySelector(`[data-a11y-scroller="${index}"]`);
    if (!el) return false;
    if (step === 0) { el.scrollTop = 0; return true; }
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return false;
    el.scrollTop = Math.min(el.scrollTop + Math.round(el.clientHeight * STEP), el.scrollHeight - el.clientHeight);
    return true;
}""".replace("STEP", str(STEP))

_SETTLED = "() => [...document.images].every(image => image.complete)"


@dataclass(frozen=True)
class Finding:
    """One element failing one axe rule, where it was seen."""

    state: str
    width: str
    scheme: str
    rule: str
    impact: str
    target: str
    summary: str
    html: str
    help: str
    chrome: bool

    @property
    def fails(self) -> bool:
        """A serious or critical fault in the app's own content: the kind a test stops on."""
        return not self.chrome and self.impact in FAILING_IMPACTS

    def describe(self) -> str:
        """Enough to fix it without rerunning: rule, impact, where, the element and axe's own summary."""
        summary = self.summary.replace("\n", "\n      ")
        return (f"- {self.rule} ({self.impact}) on {self.state}, {self.width}, {self.scheme}: {self.help}\n"
                f"    target: {self.target}\n    html: {self.html}\n    {summary}")


def audit(page, state: str, width: str, scheme: str, within: str | None = None) -> list[Finding]:
    """Every axe finding on the page as it is now, screenful by screenful; `within` keeps to one part
    (a dialog), for the page behind it is another state's."""
    page.evaluate(AXE_SCRIPT)
    found: dict[tuple[str, str], Finding] = {}

    def run(context: str | None, rules: list[str] | None) -> None:
        nodes = page.evaluate(_RUN, {"context": context, "tags": WCAG_TAGS, "rules": rules, "chrome": CHROME})
        for node in nodes:
            found.setdefault((node["rule"], node["target"]), Finding(state, width, scheme, **node))

    run(within, None)
    for index in range(page.evaluate(_MARK_SCROLLERS, within)):
        step = 0
        while page.evaluate(_SCROLL, [index, step]):
            if step:
                page.wait_for_timeout(150)  # the browser paints the new screenful
                page.wait_for_function(_SETTLED)
                run(within or f'[data-a11y-scroller="{index}"]', ON_SCREEN_RULES)
            step += 1
        page.evaluate(_SCROLL, [index, 0])
    return sorted(found.values(), key=lambda f: (f.chrome, f.rule, f.target))


def failure_message(findings: list[Finding]) -> str:
    """The serious and critical faults in the app's own content, each with what a developer needs."""
    failing = [f for f in findings if f.fails]
    return f"{len(failing)} serious or critical accessibility violations in the app's content:\n" + "\n".join(
        f.describe() for f in failing)


def chrome_report(findings: list[Finding]) -> str:
    """Streamlit's own faults, one line per rule and target: printed, for the README, never failing."""
    lines = sorted({f"  {f.rule} ({f.impact}): {f.target}" for f in findings if f.chrome})
    return "Streamlit chrome (not failing):\n" + "\n".join(lines) if lines else "Streamlit chrome: no violations"


def save(findings: list[Finding], path: Path, width: str, scheme: str) -> None:
    """Write one width and scheme's findings as JSON, beside what the file holds for the others."""
    rows = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    rows = [row for row in rows if (row["width"], row["scheme"]) != (width, scheme)] + [asdict(f) for f in findings]
    path.write_text(json.dumps(rows, indent=1), encoding="utf-8")
