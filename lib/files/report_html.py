"""A coaching `Report` as one self-contained HTML file: readable offline, printable to PDF.

Nothing is loaded from anywhere: styles are inline, charts are inline SVG, there are no scripts
(a Content-Security-Policy forbids them and every fetch, so even a mistake could not phone
home). Every piece of user text goes through `html.escape`. Printing gives one interview per
page and drops what only makes sense on screen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from lib.domain.coaching import ActionItem, CoachingSession, MentorReview, action_state, owner_name
from lib.domain.days import human_date, human_datetime
from lib.domain.gaps import signed_gap
from lib.domain.mentor_view import shared_notes
from lib.domain.model import PRIVATE_FIELDS, Dimension
from lib.domain.rubric import RUBRIC, score_label
from lib.files.report import Report, ReportChart, ReportEntry

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
PRINT_HINT = (
    "This file works offline and loads nothing from the internet. To make a PDF, print it from your "
    "browser (Ctrl+P or ⌘P, then “Save as PDF”): each interview starts on a new page."
)
STATUS_CLASS = {"overdue": "s-late", "due today": "s-due", "open": "s-open", "done": "s-done"}


def e(text: object) -> str:
    """Escaped for HTML text and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def multiline(text: str) -> str:
    """Escaped, with the writer's line breaks kept."""
    return e(text).replace("\r\n", "\n").replace("\n", "<br>")


def render_html(report: Report) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{e(report.title)} · {e(report.period)} · Debrief</title>",
        f"<style>{STYLE}</style></head><body><main>",
        _header(report),
        _summary(report),
        _charts(report.charts),
        *(_interview(n, entry, report) for n, entry in enumerate(report.entries, start=1)),
        _scale_appendix(),
        f"<footer>Made with Debrief on {e(human_datetime(report.generated_at))}. Scores are 1 to 5; "
        "“not sure yet” means the scorer left it open.</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _header(report: Report) -> str:
    count = len(report.entries)
    facts = [report.period, f"{count} interview{'s' if count != 1 else ''}"]
    if len(report.sessions) > 1 or (report.sessions and not report.title.startswith("Coaching session")):
        facts.append(f"{len(report.sessions)} coaching session{'s' if len(report.sessions) != 1 else ''}")
    return (
        '<header><p class="eyebrow">Debrief · coaching report</p>'
        f"<h1>{e(report.title)}</h1>"
        f'<p class="meta">{" · ".join(e(f) for f in facts)}</p>'
        f'<p class="hint no-print">{e(PRINT_HINT)}</p></header>'
    )


def _summary(report: Report) -> str:
    parts = ['<section class="summary"><h2>Summary</h2>']
    if report.gap_lines:
        parts.append('<h3>Self-score and mentor’s read</h3><ul class="gaps">')
        parts += [f"<li>{e(line)}</li>" for line in report.gap_lines]
        parts.append("</ul>")
    else:
        parts.append('<p class="muted">No interview has both a self-score and a mentor’s score yet.</p>')
    if not report.means.empty:
        parts.append(_means_table(report.means))
    parts.append(_discussed_list(report.entries))
    if report.left_out:
        parts.append(f'<p class="muted">{report.left_out:,} earlier interviews in this range are left out: '
                     f"the report lists the latest {len(report.entries)}.</p>")
    today = report.generated_at.date()
    parts.append(_actions_table("Actions agreed", report.actions, "None agreed yet.", today))
    if report.earlier_actions:
        parts.append(_actions_table("Actions from earlier sessions", report.earlier_actions, "", today))
    for whose, text in report.notes:
        parts.append(f'<h3>Session notes ({e(whose)})</h3><p class="note">{multiline(text)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _means_table(means: pd.DataFrame) -> str:
    columns = (means[c] for c in ("dimension", "self_mean", "mentor_mean", "mean_gap", "count"))
    rows = "".join(
        f'<tr><th scope="row">{e(dimension)}</th><td>{self_mean:.1f}</td><td>{mentor_mean:.1f}</td>'
        f"<td>{e(signed_gap(gap))}</td><td>{count}</td></tr>"
        for dimension, self_mean, mentor_mean, gap, count in zip(*columns, strict=True)
    )
    return (
        '<div class="table-wrap"><table class="means"><caption>Means over the interviews both scored</caption>'
        "<thead><tr><th>Dimension</th><th>Candidate</th><th>Mentor</th><th>Gap</th><th>Interviews</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _discussed_list(entries: Iterable[ReportEntry]) -> str:
    """The interviews a mentor reviewed, then the others once under "Not reviewed", each linked to its page."""
    entries = list(entries)
    parts = []
    for title, group in (("Interviews discussed", [x for x in entries if x.reviews]),
                         ("Not reviewed (not scored, no comment)", [x for x in entries if not x.reviews])):
        items = "".join(
            f'<li><a href="#interview-{entry.interview.id}">{e(entry.interview.title)}</a> '
            f'<span class="muted">{e(human_date(entry.interview.day0))} · {e(entry.interview.stage.label)}</span></li>'
            for entry in group
        )
        if items:
            parts.append(f'<h3>{e(title)}</h3><ol class="discussed">{items}</ol>')
    return "".join(parts)


def _actions_table(title: str, actions: Iterable[ActionItem], empty: str, today: date) -> str:
    actions = list(actions)
    if not actions:
        return f'<h3>{e(title)}</h3><p class="muted">{e(empty)}</p>' if empty else ""
    rows = "".join(
        f'<tr class="a-{a.status.value}"><td>{e(a.text)}</td><td>{e(owner_name(a, for_mentor=True))}</td>'
        f"<td>{e(human_date(a.due_on) if a.due_on else '—')}</td>"
        f"<td>{e('open' if a.is_open else action_state(a, today))}</td></tr>"
        for a in actions
    )
    return (
        f'<h3>{e(title)}</h3><div class="table-wrap"><table class="actions">'
        "<thead><tr><th>Action</th><th>Who</th><th>Due</th><th>Status</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _charts(charts: Iterable[ReportChart]) -> str:
    figures = [
        f'<figure class="chart"><figcaption><strong>{e(c.title)}</strong><br><span class="muted">{e(c.caption)}'
        f"</span></figcaption>{inline_svg(c.svg, f'chart{n}', c.title)}</figure>"
        for n, c in enumerate(charts)
    ]
    return f'<section class="charts"><h2>Charts</h2>{"".join(figures)}</section>' if figures else ""


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """vl-convert's SVG, ready to sit inside HTML next to others.

    The XML prolog and namespace declarations go (an HTML parser needs neither, and they are the
    only http:// strings in it); ids get a per-chart prefix so two charts never share one.
    """
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
    return svg.replace("<svg", f'<svg role="img" aria-label="{e(title)}"', 1)


def _interview(number: int, entry: ReportEntry, report: Report) -> str:
    interview = entry.interview
    people = ", ".join(p.name for p in interview.interviewers)
    facts = [human_datetime(interview.interview_at), interview.stage.label, interview.format.label,
             f"{interview.duration_min} min"] + ([f"with {people}"] if people else []) + (
             [f"recruiter {interview.recruiter}"] if interview.recruiter else []) + [
             f"outcome: {interview.outcome.label.lower()}"]
    return "\n".join(
        [
            f'<section class="interview" id="interview-{interview.id}">',
            f'<p class="eyebrow">Interview {number} of {len(report.entries)}</p>',
            f"<h2>{e(interview.title)}</h2>",
            f'<p class="meta">{" · ".join(e(f) for f in facts)}</p>',
            _follow_up(entry, report),
            _scores_table(entry),
            _evidence(entry),
            _asked_and_noted(entry),
            _comments(entry.reviews),
            _actions_table("Actions about this interview", entry.actions, "", report.generated_at.date()),
            "</section>",
        ]
    )


def _follow_up(entry: ReportEntry, report: Report) -> str:
    today = report.generated_at.date()
    steps = "".join(
        f'<li><span class="status {STATUS_CLASS.get(s.status.value, "s-muted")}">{e(s.status_text(today))}</span> '
        f"{e(s.title)}</li>"
        for s in entry.steps
        if s.reminder
    )
    return (
        f'<div class="followup"><p><strong>Follow-up</strong> (as of {e(human_date(today))}): '
        f"{e(entry.follow_up)}</p><ul>{steps}</ul></div>"
    )


def _scores_table(entry: ReportEntry) -> str:
    reviews = entry.reviews
    heads = "".join(f"<th>{e(s.mentor)}<br><span class=\"muted\">{e(human_date(s.held_on))}</span></th>"
                    for s, _ in reviews)
    gap_head = "<th>Gap</th>" if len(reviews) == 1 else ""
    rows = []
    for d in Dimension:
        own = entry.interview.score(d)
        cells = "".join(f"<td>{_score(r.score(d))}</td>" for _, r in reviews)
        gap = ""
        if len(reviews) == 1:
            theirs = reviews[0][1].score(d)
            gap = f"<td>{e(_whole_gap(own, theirs))}</td>"
        rows.append(f'<tr><th scope="row">{e(d.label)}</th><td>{_score(own)}</td>{cells}{gap}</tr>')
    unreviewed = '<p class="muted">Not reviewed: no mentor scored or commented on it.</p>' if not reviews else ""
    return (
        '<div class="table-wrap"><table class="scores"><thead><tr><th>Dimension</th><th>Candidate</th>'
        f"{heads}{gap_head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{unreviewed}"
    )


def _whole_gap(own: int | None, theirs: int | None) -> str:
    """The mentor's score minus the candidate's: '+2', '−1', '0'; '—' when either is missing."""
    if own is None or theirs is None:
        return "—"
    gap = theirs - own
    return f"+{gap}" if gap > 0 else f"−{-gap}" if gap < 0 else "0"


def _score(value: int | None) -> str:
    return f"<strong>{value}</strong>/5" if value is not None else '<span class="muted">not sure yet</span>'


def _evidence(entry: ReportEntry) -> str:
    interview = entry.interview
    items = []
    for d in Dimension:
        text = interview.evidence_for(d).strip()
        anchor = RUBRIC[d].anchor(interview.score(d)) if interview.score(d) is not None else ""
        body = multiline(text) if text else '<span class="muted">No evidence written.</span>'
        items.append(f"<dt>{e(d.label)} · {e(score_label(interview.score(d)))}</dt><dd>{body}"
                     + (f'<br><span class="anchor">Scale: {e(anchor)}</span>' if anchor else "") + "</dd>")
    return f'<h3>Candidate’s evidence</h3><dl class="evidence">{"".join(items)}</dl>'


def _asked_and_noted(entry: ReportEntry) -> str:
    """The questions the interviewers asked and the candidate's notes (shared copies), and what stays private."""
    interview = entry.interview
    parts = []
    if interview.questions.strip():
        parts.append(f'<h3>Questions they asked</h3><p class="note">{multiline(interview.questions.strip())}</p>')
    elif PRIVATE_FIELDS["questions"] not in entry.kept_private:
        parts.append('<h3>Questions they asked</h3><p class="muted">None written.</p>')
    notes = shared_notes(interview)
    if notes:
        parts.append("<h3>Candidate’s notes</h3>" + "".join(
            f'<p class="note"><strong>{e(label)}:</strong> {multiline(text)}</p>' for label, text in notes))
    if entry.private_note_line:
        parts.append(f'<p class="private muted">{e(entry.private_note_line)}</p>')
    return "".join(parts)


def _comments(reviews: Iterable[tuple[CoachingSession, MentorReview]]) -> str:
    parts = []
    for session, review in reviews:
        text = review.comment.strip()
        body = multiline(text) if text else '<span class="muted">No comments.</span>'
        parts.append(f"<h3>{e(session.mentor)}’s comments <span class=\"muted\">({e(human_date(session.held_on))})"
                     f"</span></h3><p class=\"note\">{body}</p>")
    return "".join(parts)


def _scale_appendix() -> str:
    blocks = []
    for d, guide in RUBRIC.items():
        rows = "".join(f'<tr><th scope="row">{n}</th><td>{e(text)}</td></tr>' for n, text in guide.anchors.items())
        blocks.append(f"<h3>{e(d.label)}</h3><p class=\"muted\">{e(guide.question)}</p>"
                      f"<table class=\"scale\"><tbody>{rows}</tbody></table>")
    return f'<section class="appendix"><h2>How the 1–5 scale reads</h2>{"".join(blocks)}</section>'


STYLE = """
:root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #2b7fc4; }
* { box-sizing: border-box; }
body { margin: 0; background: #f8fafc; color: var(--ink); line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 860px; margin: 0 auto; padding: 28px 20px 48px; background: #fff; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 0 0 0.5rem; line-height: 1.25; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
p { margin: 0.3rem 0 0.6rem; }
.eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; color: var(--muted); margin: 0; }
.meta, .muted { color: var(--muted); }
.hint { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 8px; padding: 8px 12px; font-size: .9rem; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
section { margin: 0 0 28px; }
section.interview { border-top: 1px solid var(--line); padding-top: 22px; }
ul, ol { padding-left: 1.3rem; margin: 0.3rem 0 0.6rem; }
li { margin: 0.15rem 0; }
a { color: var(--accent); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: .93rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: 4px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { font-size: .8rem; color: var(--muted); font-weight: 600; border-bottom: 1px solid #cbd5e1; }
tbody th { font-weight: 600; white-space: nowrap; }
table.means td { white-space: nowrap; }
table.scale th { width: 2rem; }
tr.a-done td, tr.a-dropped td { color: var(--muted); }
tr.a-dropped td:first-child { text-decoration: line-through; }
dl.evidence dt { font-weight: 600; margin-top: 0.5rem; }
dl.evidence dd { margin: 0.1rem 0 0.3rem; }
.anchor { color: var(--muted); font-size: .85rem; }
.note { overflow-wrap: break-word; }
dd, td, li { overflow-wrap: break-word; }
.followup { background: #f8fafc; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.followup ul { list-style: none; padding: 0; margin: 0.2rem 0 0; }
.status { display: inline-block; font-size: .78rem; border-radius: 999px; padding: 0 8px; margin-right: 4px;
  background: #f1f5f9; color: #475569; }
.s-late { background: #fee2e2; color: #991b1b; } .s-due { background: #ffedd5; color: #9a3412; }
.s-open { background: #dbeafe; color: #1e40af; } .s-done { background: #dcfce7; color: #166534; }
figure.chart { margin: 0 0 22px; }
figure.chart figcaption { margin-bottom: 6px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 520px) {
  main { padding: 18px 12px 36px; } h1 { font-size: 1.4rem; } body { font-size: 14px; }
  table { font-size: .82rem; } th, td { padding: 5px 4px; } tbody th { white-space: normal; }
  /* a chart scaled to a phone's width is too small to read: keep it legible and let it scroll */
  figure.chart { overflow-x: auto; } figure.chart svg { max-width: none; width: 540px; }
}
@page { margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .no-print, button { display: none !important; }
  section.interview { break-before: page; border-top: none; padding-top: 0; }
  section.charts, section.appendix { break-before: page; }
  table, figure.chart, .followup, dl.evidence dt, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; }
}
"""
