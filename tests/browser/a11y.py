"""An axe-core audit of what a page shows: every screenful of every scroll container, the app's own
content told apart from Streamlit's chrome, so a test can fail on the first and only print the second.

axe judges colour contrast and target size only for what is on screen, and Streamlit scrolls inside
its own containers (the main section, the sidebar, a dialog), not the document. So the first run
checks every rule over the whole page (or the part a state is about), then each scroll container is
walked from its top in steps of 80% of its height, and the on-screen rules run again at each stop,
once the stop is painted (two animation frames) and its pictures loaded. The walk runs inside the
page, in one call. The findings are merged by (rule, target): one fault seen on three screenfuls is
one finding.

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
# What a change of scheme can change. Streamlit swaps the theme's colours and the app recolours its charts
# and pictures; the elements, their names and their boxes stay as they were, so the other rules would
# repeat the first scheme's answers.
SCHEME_RULES = ["color-contrast", "link-in-text-block"]
FAILING_IMPACTS = ("serious", "critical")
STEP = 0.8  # of a container's height per scroll: each stop overlaps the last a little

# Streamlit's chrome, not the app's: its header and toolbar (menu, deploy, status widget), the
# sidebar's own header and collapse control, and the page navigation Streamlit draws from st.navigation.
CHROME = ", ".join(f'[data-testid="{test_id}"]' for test_id in (
    "stHeader", "stToolbar", "stToolbarActions", "stDecoration", "stStatusWidget", "stMainMenu",
    "stAppDeployButton", "stSidebarHeader", "stSidebarCollapseButton", "stExpandSidebarButton",
    "stSidebarCollapsedControl", "stSidebarNav", "stSidebarNavItems", "stSidebarNavSeparator",
))

# Lets axe see what sits in a position-fixed layer (a dialog, a toast): Streamlit leaves <html> and <body>
# 0 px high, and axe counts whatever lies outside the document's box as off screen, so it skipped the
# contrast of every element in the Draft dialog. Added for the audit only, and removed after it.
HEIGHT_FOR_AXE = "html, body { height: 100% !important; }"

# One call walks the page: every rule once over the part audited, then each scroll container from its top,
# the on-screen rules again at every stop. In the page, so no stop costs a round trip to Python.
_AUDIT = """async ({within, tags, rules, onScreenRules, chrome, step, heightStyle}) => {
    const root = within ? document.querySelector(within) : document;
    if (!root) return null;
    const painted = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const loaded = async () => {  // a picture still loading after ~10 s (600 frames) fails the audit
        for (let frame = 0; ![...document.images].every(image => image.complete); frame += 1) {
            if (frame > 600) throw new Error('a picture did not finish loading');
            await painted();
        }
    };
    const style = document.createElement('style');
    style.textContent = heightStyle;
    document.head.append(style);
    const shell = new Set([document.documentElement, document.head, document.body]);
    const found = new Map();
    const run = async (context, rules) => {
        const results = await axe.run(context, {resultTypes: ['violations'],
            runOnly: rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags}});
        for (const rule of results.violations) for (const node of rule.nodes) {
            const target = node.target.join(' >>> ');
            if (found.has(rule.id + ' ' + target)) continue;
            const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
            found.set(rule.id + ' ' + target, {rule: rule.id, impact: node.impact || rule.impact || '', target,
                summary: node.failureSummary || '', html: node.html.slice(0, 300), help: rule.help,
                chrome: !!element && (shell.has(element) || !!element.closest(chrome))});
        }
    };
    const onScreen = el => {
        const box = el.getBoundingClientRect();
        return box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight; };
    // A scroll container on screen (a collapsed sidebar is not), holding the part audited or inside it.
    const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && onScreen(el)
                          && el.scrollHeight > el.clientHeight + 4 && el.clientHeight >= 120;
    const part = within ? root : document.body;
    try {
        await run(root, rules);
        let stops = 0;
        for (const el of [...document.querySelectorAll('*')]
                 .filter(el => (el.contains(part) || part.contains(el)) && scrolls(el))) {
            el.scrollTop = 0;
            while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
                el.scrollTop = Math.min(el.scrollTop + Math.round(el.clientHeight * step),
                                        el.scrollHeight - el.clientHeight);
                await painted();
                await loaded();
                await run(within ? root : el, onScreenRules);
                stops += 1;
            }
            el.scrollTop = 0;
        }
        return {stops, findings: [...found.values()]};
    } finally {
        style.remove();
    }
}"""


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


def audit(page, state: str, width: str, scheme: str, within: str | None = None,
          rules: list[str] | None = None) -> tuple[list[Finding], int]:
    """Every axe finding on the page as it is now, screenful by screenful, and how many screenfuls past
    the first were walked; `within` keeps to one part (a dialog), for the page behind it is another state's;
    `rules` keeps to those rules (None: every WCAG rule)."""
    if not page.evaluate("() => typeof axe === 'object'"):  # once per document, not per state
        page.evaluate(AXE_SCRIPT)
    walked = page.evaluate(_AUDIT, {"within": within, "tags": WCAG_TAGS, "rules": rules,
                                    "onScreenRules": [r for r in ON_SCREEN_RULES if rules is None or r in rules],
                                    "chrome": CHROME, "step": STEP, "heightStyle": HEIGHT_FOR_AXE})
    assert walked is not None, f"{state}: nothing matches {within}"
    findings = [Finding(state, width, scheme, **node) for node in walked["findings"]]
    return sorted(findings, key=lambda f: (f.chrome, f.rule, f.target)), walked["stops"]


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
