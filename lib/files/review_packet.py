"""A review packet: one self-contained HTML file a mentor opens anywhere, reviews in, and answers with a file.

The candidate emails the packet; the mentor needs nothing installed and no account. Each
interview is drawn here, server-side and escaped, from `shared_copy` (never the raw interview),
so the packet is readable with scripts off and a private note cannot reach it. The mentor's part
is a plain form: a 1–5 score per dimension with the rubric's anchors (or "Not sure"; no default),
a comment and suggested actions. One inline script, allowed by its hash, keeps the work in
`localStorage` and saves the reply (`REPLY_FORMAT`) through a Blob link. The page's
Content-Security-Policy forbids every fetch: there is nothing to load and nowhere to send.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from lib.domain.coaching import COACHING_LIMITS
from lib.domain.days import human_date, human_datetime
from lib.domain.model import PREP_FIELDS, Dimension, Interview
from lib.domain.privacy import SharedInterview, Sharing, shared_copy
from lib.domain.review_request import MAX_ACTIONS, REPLY_FORMAT, REPLY_VERSION
from lib.domain.rubric import RUBRIC, SCALE, score_label
from lib.files.review_packet_script import SCRIPT
from lib.files.review_packet_style import STYLE

NOT_SURE = "Not sure"
HOW_TO = "Fill in what you can, then press Download my review and email the file back to {candidate}."
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def new_packet_id() -> str:
    """'pk-' and 16 random hex digits: what the reply names its packet by."""
    return f"pk-{secrets.token_hex(8)}"


def packet_file_name(mentor: str, day: date) -> str:
    """'review-packet-sam-lee-2026-11-20.html'."""
    return f"review-packet-{file_slug(mentor)}-{day.isoformat()}.html"


def file_slug(text: str) -> str:
    """A file-name-safe form of a name: 'Sam O’Neil' -> 'sam-oneil' (the packet's script makes the same)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold().replace("'", "")).strip("-")[:40].rstrip("-") or "mentor"


def e(text: object) -> str:
    """Escaped for HTML text and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def multiline(text: str) -> str:
    """Escaped, with the writer's line breaks kept."""
    return e(text.strip()).replace("\r\n", "\n").replace("\n", "<br>")


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no '<!--', no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_ESCAPES[m.group()], text)


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style: 'sha256-…'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy() -> str:
    """Nothing may be fetched; only this page's own script and style may run."""
    return (f"default-src 'none'; script-src {csp_hash(SCRIPT)}; style-src {csp_hash(STYLE)}; "
            "base-uri 'none'; form-action 'none'")


def review_packet(
    interviews: Sequence[Interview], *, mentor: str, candidate: str, sharing: Sharing, packet_id: str,
    made_at: datetime,
) -> str:
    """The whole packet as one HTML document (UTF-8 text), interviews oldest first."""
    ordered = sorted(interviews, key=lambda i: (i.interview_at, i.id or 0))
    shared = [shared_copy(interview, sharing) for interview in ordered]
    candidate = candidate.strip() or "the candidate"
    total = len(shared)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>Review for {e(candidate)}: {total} interview{'s' if total != 1 else ''} · Debrief</title>",
        f"<style>{STYLE}</style></head><body><main>",
        '<form id="review" autocomplete="off">',
        _intro(mentor, candidate, total, made_at),
        *(_interview(n, item, sharing, candidate, total) for n, item in enumerate(shared)),
        _bar(),
        "</form>",
        f"<footer>Made with Debrief on {e(human_datetime(made_at))} · packet {e(packet_id)}. This page loads "
        "nothing from the internet and sends nothing anywhere: your review leaves only as the file you "
        "download.</footer>",
        "</main>",
        f'<script type="application/json" id="packet-data">{script_json(_data(shared, mentor, candidate, packet_id))}'
        "</script>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _data(shared: Sequence[SharedInterview], mentor: str, candidate: str, packet_id: str) -> dict:
    """What the script needs: the reply's fixed fields, each interview's identity and the limits."""
    return {
        "format": REPLY_FORMAT,
        "version": REPLY_VERSION,
        "packet": packet_id,
        "mentor": mentor,
        "candidate": candidate,
        "dimensions": [d.value for d in Dimension],
        "limits": {"mentor": COACHING_LIMITS["mentor"], "comment": COACHING_LIMITS["comment"],
                   "action": COACHING_LIMITS["action"], "actions": MAX_ACTIONS},
        "interviews": [
            {"uid": s.interview.uid, "company": s.interview.company, "role": s.interview.role,
             "interview_at": s.interview.interview_at.isoformat(timespec="minutes")}
            for s in shared
        ],
    }


def _intro(mentor: str, candidate: str, total: int, made_at: datetime) -> str:
    return (
        '<header class="intro"><p class="eyebrow">Debrief · review request</p>'
        f"<h1>{e(candidate)} asks for your read of {total} interview{'s' if total != 1 else ''}</h1>"
        f'<p class="meta">From {e(candidate)}, made on {e(human_date(made_at.date()))}.</p>'
        "<ol><li>For each interview, give your own score on each dimension (or “Not sure”), a comment and "
        "any actions you suggest.</li>"
        f"<li>{e(HOW_TO.format(candidate=candidate))}</li>"
        "<li>Nothing is sent from this page. Your work is kept in this browser as you go, where it allows it.</li>"
        "</ol>"
        '<label class="field" for="mentor-name">Your name</label>'
        f'<input type="text" id="mentor-name" name="mentor" value="{e(mentor)}" '
        f'maxlength="{COACHING_LIMITS["mentor"]}" autocomplete="name">'
        '<p class="problem" id="mentor-problem" hidden></p>'
        f'<p id="progress" aria-live="polite">0 of {total} interviews reviewed</p>'
        '<p class="hint" id="save-state" aria-live="polite"></p>'
        "<noscript><p class=\"problem\">Scripts are off in this browser: you can read the packet, but to send a "
        "review open the file in a browser with JavaScript on (any current one).</p></noscript>"
        "</header>"
    )


def _interview(n: int, item: SharedInterview, sharing: Sharing, candidate: str, total: int) -> str:
    interview = item.interview
    return (
        f'<section class="interview" id="interview-{n}" aria-labelledby="title-{n}">'
        f'<p class="count">Interview {n + 1} of {total}</p>'
        f'<h2 id="title-{n}">{e(interview.company)}: {e(interview.role)}</h2>'
        f'<p class="meta">{e(interview.stage.label)} · {e(human_datetime(interview.interview_at))}</p>'
        f'<p class="status" id="status-{n}">Not reviewed yet</p>'
        f'<div class="sides"><div class="theirs">{_their_side(item, sharing, candidate)}</div>'
        f'<div class="yours">{_your_review(n)}</div></div></section>'
    )


def _their_side(item: SharedInterview, sharing: Sharing, candidate: str) -> str:
    """What the candidate shared of this interview, and that a private note exists when one does."""
    interview = item.interview
    parts = [f"<h3>{e(candidate)}’s read</h3>"]
    if sharing.scores or sharing.evidence:
        parts += [_their_dimension(interview, d, sharing) for d in Dimension]
    else:
        parts.append('<p class="none">Their own scores and evidence are not shared in this packet.</p>')
    if interview.questions.strip():
        parts.append(f'<h3>Questions they asked</h3><p class="text">{multiline(interview.questions)}</p>')
    notes = [("Notes", interview.notes), *((label, getattr(interview, f)) for f, label in PREP_FIELDS.items())]
    for label, text in notes:
        if text.strip():
            parts.append(f'<h3>{e(label)}</h3><p class="text">{multiline(text)}</p>')
    if item.private_note_line:
        parts.append(f'<p class="private">{e(item.private_note_line)}</p>')
    return "".join(parts)


def _their_dimension(interview: Interview, dimension: Dimension, sharing: Sharing) -> str:
    guide = RUBRIC[dimension]
    parts = [f"<h4>{e(guide.label)}</h4>"]
    if sharing.scores:
        score = interview.score(dimension)
        anchor = f" · {e(guide.anchors[score])}" if score is not None else ""
        parts.append(f'<p class="self">Their score: <strong>{e(score_label(score))}</strong>{anchor}</p>')
    if sharing.evidence:
        evidence = interview.evidence_for(dimension).strip()
        parts.append(f'<p class="evidence">{multiline(evidence)}</p>' if evidence
                     else '<p class="none">No evidence written.</p>')
    return "".join(parts)


def _your_review(n: int) -> str:
    """The mentor's controls for interview `n`, each with a visible label; nothing picked in advance."""
    parts = ["<h3>Your review</h3>"]
    for dimension in Dimension:
        guide, name = RUBRIC[dimension], f"s-{n}-{dimension.value}"
        choices = [_choice(name, str(score), score_label(score), guide.anchors[score]) for score in SCALE]
        choices.append(_choice(name, "unsure", NOT_SURE, "Leave it unscored rather than guess."))
        parts.append(
            f'<fieldset class="dim"><legend>{e(guide.label)}</legend><p class="question">{e(guide.question)}</p>'
            f'<div class="choices">{"".join(choices)}</div></fieldset>'
        )
    parts += [
        f'<label class="field" for="comment-{n}">Comment</label>',
        f'<textarea id="comment-{n}" name="comment-{n}" maxlength="{COACHING_LIMITS["comment"]}" rows="4"></textarea>',
        f'<p class="problem" id="comment-{n}-problem" hidden></p>',
        f'<label class="field" for="actions-{n}">Suggested actions (one per line)</label>',
        f'<textarea id="actions-{n}" name="actions-{n}" rows="3" aria-describedby="actions-{n}-hint"></textarea>',
        f'<p class="hint" id="actions-{n}-hint">At most {MAX_ACTIONS}, each up to {COACHING_LIMITS["action"]} '
        "characters.</p>",
        f'<p class="problem" id="actions-{n}-problem" hidden></p>',
    ]
    return "".join(parts)


def _choice(name: str, value: str, label: str, anchor: str) -> str:
    return (
        f'<label class="choice"><input type="radio" name="{name}" id="{name}-{value}" value="{value}">'
        f'<span class="num">{e(label)}</span><span class="anchor">{e(anchor)}</span></label>'
    )


def _bar() -> str:
    """The download and start-over buttons, kept in view at the bottom; shown only when the script runs."""
    return (
        '<div class="bar needs-script">'
        '<button type="button" id="download">Download my review</button>'
        '<button type="button" id="start-over">Start over</button>'
        '<p id="download-state" aria-live="polite"></p></div>'
    )
