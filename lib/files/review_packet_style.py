"""The review packet's one inline style sheet: system fonts, one column on a phone, large tap targets.

Allowed by its SHA-256 hash in the packet's Content-Security-Policy (so no `style=` attribute may
appear anywhere in the page). Colours keep text at 4.5:1 or better in light and dark schemes.
"""

STYLE = r"""
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #4a5260; --line: #c9d1d9;
  --card: #f6f8fa; --accent: #0a58a8; --on-accent: #ffffff; --pick: #e6effa; --warn: #8f3a00;
  --ok: #1a6630; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #101318; --fg: #e7e9ec; --muted: #aab2bd; --line: #3b434e; --card: #191d24;
    --accent: #77b6ff; --on-accent: #0b1220; --pick: #1c2a3c; --warn: #ffb36b; --ok: #7bd88f; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; overflow-wrap: anywhere; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .2rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .35rem; }
h4 { font-size: 1rem; margin: .8rem 0 .2rem; }
p { margin: .3rem 0; }
.eyebrow, .meta, .hint, .count { color: var(--muted); }
.eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; margin: 0; }
.intro { border: 1px solid var(--line); background: var(--card); border-radius: .75rem; padding: 1rem 1.1rem; }
.intro ol { margin: .4rem 0 .6rem; padding-left: 1.3rem; }
.field { display: block; font-weight: 600; margin: .8rem 0 .25rem; }
input[type=text], textarea { width: 100%; font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--muted); border-radius: .5rem; padding: .6rem .7rem; min-height: 44px; }
textarea { min-height: 6rem; resize: vertical; }
input[type=text]:focus, textarea:focus, button:focus-visible, .choice:focus-within {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.interview { border-top: 2px solid var(--line); margin-top: 2rem; padding-top: 1.2rem; }
.status { display: inline-block; font-size: .9rem; font-weight: 600; color: var(--warn); margin: .2rem 0; }
.status.done { color: var(--ok); }
.self { margin: .1rem 0; }
.evidence, .text { white-space: normal; overflow-wrap: anywhere; }
.private { color: var(--muted); font-style: italic; }
.none { color: var(--muted); }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.dim { margin: .9rem 0 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .15rem; }
.question { color: var(--muted); margin: 0 0 .4rem; }
.choices { display: grid; gap: .35rem; }
.choice { display: flex; gap: .65rem; align-items: flex-start; min-height: 44px; padding: .55rem .7rem;
  border: 1px solid var(--line); border-radius: .55rem; cursor: pointer; }
.choice:has(input:checked) { background: var(--pick); border-color: var(--accent); }
.choice input { width: 1.3rem; height: 1.3rem; margin: .1rem 0 0; flex: none; accent-color: var(--accent); }
.num { font-weight: 700; white-space: nowrap; min-width: 2.6rem; flex: none; }
.yours { border: 1px solid var(--line); background: var(--card); border-radius: .75rem; padding: .2rem 1rem 1rem;
  margin-top: 1rem; }
.problem { color: var(--warn); font-weight: 600; }
.bar { position: sticky; bottom: 0; background: var(--bg); border-top: 1px solid var(--line);
  padding: .6rem .5rem; margin-top: 2rem; display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: center; }
.bar p { margin: 0; flex: 1 1 14rem; }
.bar p:empty { display: none; }
button { font: inherit; font-weight: 600; min-height: 44px; padding: .55rem .9rem; border-radius: .55rem;
  cursor: pointer; border: 1px solid var(--accent); }
#download { background: var(--accent); color: var(--on-accent); }
#start-over { background: transparent; color: var(--accent); }
.needs-script { display: none; }
.scripted .needs-script { display: flex; }
footer { color: var(--muted); font-size: .9rem; margin-top: 1.5rem; }
@media (min-width: 900px) {
  .sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.75rem; align-items: start; }
  .yours { margin-top: .4rem; }
  .theirs { position: sticky; top: 1rem; }
}
@media (max-width: 600px) {
  main { padding: .75rem .6rem 1.5rem; }
  h1 { font-size: 1.35rem; }
  .intro { padding: .8rem .85rem; }
  .bar { padding: .5rem .25rem; }
}
@media print {
  .bar, .intro ol, #save-state { display: none; }
  .interview { break-before: page; border: 0; }
  .choice { min-height: 0; padding: .15rem .4rem; }
}
"""
