"""The bundled demo data set, and a generator of realistic entries for benchmarks.

The demo is one candidate's last four months, written by hand so a first look at the app
tells a story: scores that improve with practice, culture fit lagging, a rejection or two,
an offer at the end, and something due this week. Dates count back from `now`, so the demo
always looks current. Marks name thank-you steps by the person's position ("thank_you:new0");
`store.interviews.import_entries` stores them under the saved row ids.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lib.domain.days import next_business_day
from lib.domain.model import Dimension, Format, Interview, Interviewer, Outcome, Stage
from lib.domain.steps import StepMark, StepStatus
from lib.files.csv import Entry
from lib.files.csv_people import sent_marks_on
from lib.store import Store

DIMENSIONS = (Dimension.SKILLS_MATCH, Dimension.ENTHUSIASM, Dimension.CULTURE_FIT)


@dataclass(frozen=True)
class _Demo:
    """One hand-written entry; day counts are relative so the data set never ages."""

    days_ago: int
    at: str  # "HH:MM"
    company: str
    role: str
    stage: Stage
    format: Format
    minutes: int
    people: tuple[Interviewer, ...]
    scores: tuple[int | None, int | None, int | None]  # skills, enthusiasm, culture
    evidence: tuple[str, str, str]
    timeframe: str = ""
    recruiter: str = ""
    outcome: Outcome = Outcome.PENDING
    decided_after: int = 0  # days from the interview to the outcome
    thanked_after: int | None = None  # days from the interview to the thank-you notes
    checked_in_after: int | None = None
    recruiter_updated_after: int | None = None
    soft_touch_skipped: bool = False
    notes: str = ""
    prep: tuple[str, str, str] = ("", "", "")  # an interview still ahead: what to ask, stories, pitch


def _person(name: str, title: str, email: str = "") -> Interviewer:
    return Interviewer(name, title, email)


TIDEWATER, QUILLSTONE, ORCHARD = "Tidewater Games", "Quillstone", "Orchard & Vale"
LUMEN, BRIGHTWATER, FERNHILL, KESTREL = "Lumen Transit", "Brightwater Health", "Fernhill Energy", "Kestrel Pay"
MARCUS = _person("Marcus Bell", "Talent acquisition partner", "marcus.bell@tidewatergames.example.com")
INES = _person("Inês Carvalho", "Analytics lead")
TOM = _person("Tom Okafor", "Senior data analyst")
RACHEL = _person("Rachel Kim", "Head of data")
SUNIL = _person("Sunil Mehta", "Engineering manager", "s.mehta@quillstone.example.com")
HANNAH = _person("Hannah Roth", "Staff engineer")
LEAH = _person("Leah Porter", "Talent acquisition")
GREG = _person("Greg Novak", "Data engineering lead")
AISHA = _person("Aisha Bello", "Senior data engineer")
YUSUF = _person("Yusuf Demir", "Product manager, supply chain")
MARTIN = _person("Martin Reyes", "Director of data", "martin.reyes@orchardvale.example.com")
OLIVIA = _person("Olivia Grant", "Recruiter")
KEN = _person("Ken Watanabe", "Principal engineer")
FARAH = _person("Farah Nasser", "Engineering manager")
JOEL = _person("Joel Adams", "Talent partner")
MEI = _person("Mei Lin", "Analytics engineering lead")
PAUL = _person("Paul Osei", "Clinical informatics lead")
SARA = _person("Sara Lindqvist", "Product manager")
BETH = _person("Beth Summers", "Data team lead", "beth.summers@fernhill.example.com")
RAJ = _person("Raj Patel", "Senior data engineer")
ANNA = _person("Anna Kowalski", "Head of data platform")
LUIS = _person("Luis Moreno", "CTO")
NORA = _person("Nora Fitzgerald", "Senior technical recruiter")
JANE = _person("Jane Ashworth", "Staff data engineer", "jane.ashworth@kestrelpay.example.com")
DAVID = _person("David Chen", "Engineering manager, data platform", "david.chen@kestrelpay.example.com")
PRIYA = _person("Priya Raman", "Product lead, payments")
OWEN = _person("Owen Hughes", "Senior analytics engineer")
HELEN = _person("Helen Brooks", "VP engineering")
DANA = "Dana Whitfield (Hirewell)"
CHRIS = "Chris Doyle (Northstar Talent)"
S, F, V = Stage, Format, Outcome  # short names keep the table below readable (V: verdict)

DEMO: tuple[_Demo, ...] = (
    _Demo(121, "10:00", TIDEWATER, "Data analyst", S.RECRUITER_SCREEN, F.PHONE, 30, (MARCUS,), (3, 2, 2), (
        "Walked him through my churn dashboard; fine for a screen, nothing more.",
        "Hadn't played any of their games before the call, and admitted it. Weak.",
        ""), timeframe="within 2 weeks", outcome=V.NEXT_ROUND, decided_after=6, thanked_after=0),
    _Demo(113, "14:00", TIDEWATER, "Data analyst", S.TECHNICAL, F.VIDEO, 75, (INES, TOM), (2, 3, 2), (
        "Froze on the window-function question; only got there with a hint from Tom.",
        "Asked about their player-retention work; I had read the blog post on it.",
        "Tom was friendly, Inês very terse. Hard to read how I came across."),
        timeframe="10 days", outcome=V.REJECTED, decided_after=16, thanked_after=1, checked_in_after=15),
    _Demo(110, "11:30", QUILLSTONE, "Analytics engineer", S.PHONE_SCREEN, F.PHONE, 45, (RACHEL,), (3, 2, None), (
        "Talked through the dbt models from my last job; she asked good follow-ups.",
        "Gave a generic answer to 'why Quillstone'. Should have prepared one.",
        ""), timeframe="soon", outcome=V.NO_RESPONSE, decided_after=40, checked_in_after=14,
        notes="Forgot the thank-you note entirely. Set a reminder next time."),
    _Demo(105, "09:30", ORCHARD, "Data engineer", S.RECRUITER_SCREEN, F.PHONE, 30, (LEAH,), (3, 3, 3), (
        "Covered my Airflow and Spark experience; she ticked through a checklist.",
        "Mentioned I shop there and like the seasonal range. A bit thin.",
        "Easy chat, we laughed about legacy cron jobs."), timeframe="by end of next week", recruiter=DANA,
        outcome=V.NEXT_ROUND, decided_after=7, thanked_after=0, recruiter_updated_after=0),
    _Demo(97, "13:00", ORCHARD, "Data engineer", S.TECHNICAL, F.VIDEO, 90, (GREG, AISHA), (3, 3, 2), (
        "Live-coded the dedup job; it worked, but I missed the late-arriving data case.",
        "Asked how they forecast demand for stores; Greg lit up.",
        "Aisha pushed back on my design and I got defensive. Not great."), timeframe="within 2 weeks",
        recruiter=DANA, outcome=V.NEXT_ROUND, decided_after=9, thanked_after=1, recruiter_updated_after=0),
    _Demo(86, "10:00", ORCHARD, "Data engineer", S.PANEL, F.IN_PERSON, 180, (GREG, AISHA, YUSUF), (3, 4, 2), (
        "System design went well: streaming inventory updates, clear trade-offs.",
        "Told Yusuf why their supply-chain problems are the ones I want to work on.",
        "Lunch with the team was quiet; I talked too much about myself."), timeframe="at least 3 weeks",
        recruiter=DANA, outcome=V.REJECTED, decided_after=27, thanked_after=3, checked_in_after=26,
        recruiter_updated_after=0, notes="Dana's feedback: strong technically, team wasn't sure about fit."),
    _Demo(94, "16:00", LUMEN, "Data engineer", S.PHONE_SCREEN, F.PHONE, 30, (OLIVIA,), (3, 3, 3), (
        "Explained my GTFS pipeline side project; she took notes.",
        "Said I care about public transport, but didn't say why them.",
        "Friendly, relaxed call."), outcome=V.NEXT_ROUND, decided_after=5, thanked_after=0),
    _Demo(84, "11:00", LUMEN, "Data engineer", S.TECHNICAL, F.VIDEO, 60, (KEN,), (3, 4, 3), (
        "Solid on SQL and partitioning; shaky on their Kafka questions.",
        "Brought up their ridership open-data portal and a bug I'd found in it.",
        "Ken and I geeked out on timetables. Good rapport."), timeframe="10 days",
        outcome=V.NEXT_ROUND, decided_after=8, thanked_after=0),
    _Demo(74, "15:00", LUMEN, "Data engineer", S.HIRING_MANAGER, F.IN_PERSON, 60, (FARAH,), (4, 3, 2), (
        "Gave two concrete stories about cutting pipeline costs; she wrote them down.",
        "", "Five days a week in the office, strict hours. Not how I work."), timeframe="within 2 weeks",
        outcome=V.WITHDRAWN, decided_after=3, thanked_after=1,
        notes="70-minute commute each way and no remote days. Withdrew politely."),
    _Demo(80, "10:30", BRIGHTWATER, "Analytics engineer", S.RECRUITER_SCREEN, F.VIDEO, 30, (JOEL,), (3, 4, 3), (
        "Matched most of the job ad; no healthcare data experience, said so.",
        "Explained why patient-outcome work matters to me (my mum's care last year).",
        "Joel was warm; hard to judge the team from a screen."), timeframe="within 2 weeks",
        outcome=V.NEXT_ROUND, decided_after=6, thanked_after=0),
    _Demo(71, "14:00", BRIGHTWATER, "Analytics engineer", S.TECHNICAL, F.VIDEO, 60, (MEI,), (4, 4, 3), (
        "Take-home review went well; defended my test strategy clearly.",
        "Asked about their readmission models and how analysts work with clinicians.",
        "Mei likes written design docs; so do I."), timeframe="within 2 weeks",
        outcome=V.NEXT_ROUND, decided_after=10, thanked_after=0),
    _Demo(59, "09:30", BRIGHTWATER, "Analytics engineer", S.PANEL, F.IN_PERSON, 240, (MEI, PAUL, SARA), (4, 4, 3), (
        "Whiteboarded a cohort model; Paul corrected my clinical terms, fair enough.",
        "Prepared questions for each panelist; Sara thanked me for the product one.",
        "Felt a bit formal with Paul; fine with Mei and Sara."), timeframe="at least 3 weeks",
        outcome=V.REJECTED, decided_after=30, thanked_after=1, checked_in_after=27,
        notes="Feedback: went with someone with clinical data experience."),
    _Demo(66, "12:00", FERNHILL, "Data engineer", S.PHONE_SCREEN, F.VIDEO, 30, (BETH,), (4, 3, 3), (
        "Walked Beth through my metering-data project; clear and structured this time.",
        "Said I want to work on the energy transition; could have named their projects.",
        "Pleasant, a bit rushed."), recruiter=CHRIS, outcome=V.NEXT_ROUND, decided_after=4,
        thanked_after=0, recruiter_updated_after=0),
    _Demo(57, "10:00", FERNHILL, "Data engineer", S.TECHNICAL, F.VIDEO, 90, (RAJ, BETH), (4, 4, None), (
        "Designed the smart-meter ingestion end to end; Raj said it was close to theirs.",
        "Asked about their grid-balancing forecasts; had read their annual report.",
        ""), timeframe="by end of next week", recruiter=CHRIS, outcome=V.NEXT_ROUND, decided_after=9,
        thanked_after=0, recruiter_updated_after=0),
    _Demo(47, "15:30", FERNHILL, "Data engineer", S.HIRING_MANAGER, F.VIDEO, 45, (ANNA,), (4, 4, 3), (
        "Gave the cost-cutting story with numbers; she asked for more detail, a good sign.",
        "Told her Fernhill is my first choice in energy, and why.",
        "We disagree on on-call rotas; said so calmly."), timeframe="within 2 weeks", recruiter=CHRIS,
        outcome=V.NEXT_ROUND, decided_after=11, thanked_after=1, recruiter_updated_after=0),
    _Demo(36, "13:00", FERNHILL, "Data engineer", S.FINAL, F.IN_PERSON, 120, (ANNA, LUIS), (4, 4, 3), (
        "Luis grilled me on data quality SLAs; answered with real incidents.",
        "Brought a one-page plan for my first 90 days. Luis kept it.",
        "Good with Anna; Luis hard to read."), timeframe="10 days", recruiter=CHRIS, outcome=V.REJECTED,
        decided_after=16, thanked_after=0, checked_in_after=15, recruiter_updated_after=0,
        notes="Went with an internal candidate. Chris says they'd consider me for the next opening."),
    _Demo(45, "11:00", KESTREL, "Senior data engineer", S.RECRUITER_SCREEN, F.PHONE, 30, (NORA,), (4, 4, 3), (
        "Every must-have in the ad covered with an example.",
        "Said I use Kestrel for my freelance invoices and love the reconciliation view.",
        "Nora was brisk but kind."), timeframe="within 2 weeks", outcome=V.NEXT_ROUND, decided_after=3,
        thanked_after=0),
    _Demo(39, "14:30", KESTREL, "Senior data engineer", S.TECHNICAL, F.VIDEO, 90, (JANE,), (4, 5, 4), (
        "Debugged a skewed join live and explained the fix as I went.",
        "Asked about their ledger migration; Jane said nobody had asked that before.",
        "We both prefer small PRs and pairing. Easy back-and-forth."), timeframe="10 days",
        outcome=V.NEXT_ROUND, decided_after=6, thanked_after=0),
    _Demo(31, "10:00", KESTREL, "Senior data engineer", S.HIRING_MANAGER, F.VIDEO, 45, (DAVID,), (5, 4, 4), (
        "Told the warehouse-migration story with the numbers; David asked to hear more.",
        "Said Kestrel is my top choice. Could have been more specific about the team.",
        "He described how they run retros; sounds like my last team at its best."),
        timeframe="within 2 weeks", outcome=V.NEXT_ROUND, decided_after=8, thanked_after=0),
    _Demo(22, "09:30", KESTREL, "Senior data engineer", S.PANEL, F.IN_PERSON, 210, (JANE, PRIYA, OWEN), (4, 5, 4), (
        "Design round on fraud features went well; stumbled on one cost estimate.",
        "Brought questions for each of them; Priya said my payments questions were sharp.",
        "Owen and I already talk like colleagues."), timeframe="by end of next week",
        outcome=V.NEXT_ROUND, decided_after=6, thanked_after=1),
    _Demo(13, "15:00", KESTREL, "Senior data engineer", S.FINAL, F.IN_PERSON, 60, (HELEN, DAVID), (5, 5, 4), (
        "Helen asked how I'd scale the platform team; gave a concrete 6-month plan.",
        "Told them plainly I'd accept an offer, and why this team.",
        "Helen was formal; David joked about my first-week coffee duties."),
        timeframe="10 days", outcome=V.OFFER, decided_after=6, thanked_after=0, notes="Offer by phone from Nora!"),
    _Demo(27, "16:00", QUILLSTONE, "Data platform engineer", S.PHONE_SCREEN, F.VIDEO, 30, (SUNIL,), (4, 4, 4), (
        "Mapped my experience to each bullet of the ad before he asked.",
        "Prepared a real answer to 'why Quillstone' this time: legal search is a fun data problem.",
        "Sunil is as nerdy about tests as I am."), timeframe="within 2 weeks", outcome=V.NEXT_ROUND,
        decided_after=7, thanked_after=0),
    _Demo(17, "10:00", QUILLSTONE, "Data platform engineer", S.TECHNICAL, F.VIDEO, 75, (SUNIL, HANNAH), (4, 5, 3), (
        "Built the CDC pipeline exercise cleanly; Hannah asked about backfills, I had an answer.",
        "", "Hannah is very direct; I think I matched her, not sure."), timeframe="at least 3 weeks",
        thanked_after=0, soft_touch_skipped=True),
    _Demo(-2, "15:00", QUILLSTONE, "Data platform engineer", S.HIRING_MANAGER, F.VIDEO, 45, (SUNIL,),
          (None, None, None), ("", "", ""), prep=(
        "How is the platform team's roadmap decided? What would my first quarter look like?",
        "The CDC backfill I got right in round 2; the warehouse cost cut, with the numbers.",
        "I like legal search as a data problem, and I test my pipelines the way Sunil does.")),
    _Demo(9, "11:00", BRIGHTWATER, "Senior analytics engineer", S.RECRUITER_SCREEN, F.PHONE, 30, (JOEL,), (4, 4, 4), (
        "Senior role fits better: I now have the stakeholder stories they want.",
        "Told Joel I'd kept following their work since the last process.",
        "Joel remembered me and said the team had liked me."), timeframe="within 2 weeks", thanked_after=0),
    _Demo(6, "14:00", TIDEWATER, "Senior data analyst", S.OTHER, F.VIDEO, 45, (INES,), (4, 4, None), (
        "Walked Inês through my portfolio; the experimentation write-up landed.",
        "Played their new game all weekend and came with notes on the onboarding funnel.",
        ""), thanked_after=1, notes="Informal portfolio walkthrough before the formal loop."),
    _Demo(1, "13:30", ORCHARD, "Lead data engineer", S.HIRING_MANAGER, F.VIDEO, 60, (MARTIN, GREG), (5, 4, 4), (
        "Led with the platform-migration story; Martin asked me to go deeper twice.",
        "Said why I came back: the supply-chain problems, and Greg's team.",
        "Greg and I laughed about last time's design argument. Felt different now."),
        timeframe="a week or two", recruiter=DANA),
)
DEMO_SIZE = len(DEMO)  # what the screens promise before loading it
DEMO_COMPANIES = len({spec.company for spec in DEMO})


def demo_entries(now: datetime) -> list[Entry]:
    """The bundled demo set, oldest first, dated relative to `now` and valid at `now`."""
    return [_demo_entry(spec, now) for spec in sorted(DEMO, key=lambda d: -d.days_ago)]


def _weekday_back(day: date) -> date:
    """Interviews happen on weekdays: a weekend date moves back to the Friday."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _demo_entry(spec: _Demo, now: datetime) -> Entry:
    today = now.date()
    ahead = spec.days_ago < 0  # booked: on a weekday after today, with its preparation and no scores
    day0 = next_business_day(today - timedelta(days=spec.days_ago)) if ahead else _weekday_back(
        today - timedelta(days=spec.days_ago))

    def after(days: int) -> date:  # people write emails on weekdays; nothing happens after today
        return min(next_business_day(day0 + timedelta(days=days)), today)

    interview = Interview(
        company=spec.company,
        role=spec.role,
        stage=spec.stage,
        format=spec.format,
        interview_at=datetime.combine(day0, time.fromisoformat(spec.at)),
        duration_min=spec.minutes,
        interviewers=spec.people,
        recruiter=spec.recruiter,
        stated_timeframe=spec.timeframe,
        notes=spec.notes,
        scores=dict(zip(DIMENSIONS, spec.scores, strict=True)),
        evidence=dict(zip(DIMENSIONS, spec.evidence, strict=True)),
        outcome=spec.outcome,
        outcome_on=after(spec.decided_after) if spec.outcome.closes_follow_up else None,
        booked=ahead,
        prep_questions=spec.prep[0],
        prep_stories=spec.prep[1],
        prep_pitch=spec.prep[2],
        is_demo=True,
    )
    marks = []
    if spec.thanked_after is not None:
        marks += sent_marks_on(spec.people, after(spec.thanked_after))
    for key, days in (("check_in", spec.checked_in_after), ("recruiter_update", spec.recruiter_updated_after)):
        if days is not None:
            marks.append(StepMark(key, StepStatus.DONE, after(days)))
    if spec.soft_touch_skipped:
        marks.append(StepMark("soft_touch", StepStatus.SKIPPED, after(8)))
    return interview, marks


def load_demo(store: Store, now: datetime) -> int:
    """Add the demo set once; returns how many entries were added (0 when already there)."""
    if store.interviews.count(demo=True):
        return 0
    return len(store.interviews.import_entries(demo_entries(now), if_no_demo=True))


# --- synthetic entries for benchmarks -----------------------------------------------------
MAX_SPAN_DAYS = 5 * 365 - 7  # inside the model's five-year limit, with room for weekends
_PREFIXES = ("Northwind", "Bluefin", "Larkspur", "Copperline", "Meridian", "Harbor", "Ironbark", "Silverleaf",
             "Redwood", "Foxglove", "Granite", "Juniper", "Westmere", "Alder", "Cobalt", "Halcyon", "Marlow",
             "Pinecrest", "Saltmarsh", "Thistle")
_SUFFIXES = ("Analytics", "Health", "Pay", "Labs", "Logistics", "Energy", "Games", "Media", "Insurance", "Robotics")
COMPANY_POOL = tuple(f"{a} {b}" for a in _PREFIXES for b in _SUFFIXES)
_ROLES = ("Data engineer", "Senior data engineer", "Analytics engineer", "Data analyst", "Backend engineer",
          "Platform engineer", "Machine learning engineer", "Product analyst")
_FIRST = ("Alex", "Sam", "Jordan", "Maria", "Wei", "Fatima", "Tomás", "Grace", "Ibrahim", "Lena", "Kofi", "Hana",
          "Diego", "Ruth", "Arjun", "Chloe", "Mateo", "Zoe", "Emeka", "Freya")
_LAST = ("Smith", "Nguyen", "Garcia", "Okoye", "Schmidt", "Rossi", "Tanaka", "Kaur", "Murphy", "Silva", "Haddad",
         "Novak", "Larsen", "Mensah", "Dubois", "Cohen")
_TITLES = ("Recruiter", "Engineering manager", "Senior engineer", "Staff engineer", "Head of data", "Product manager",
           "Data scientist", "Director of engineering", "Team lead")
_TIMEFRAMES = ("", "", "", "", "within 2 weeks", "10 days", "at least 3 weeks", "by end of next week",
               "a week or two", "early next week", "soon", "within 5 business days", "end of the month")
_STAGES = (*[Stage.RECRUITER_SCREEN] * 3, *[Stage.PHONE_SCREEN] * 3, *[Stage.TECHNICAL] * 3, Stage.HIRING_MANAGER,
           Stage.HIRING_MANAGER, Stage.PANEL, Stage.FINAL, Stage.OTHER)
_CLOSED = (*[Outcome.NEXT_ROUND] * 6, *[Outcome.REJECTED] * 6, *[Outcome.NO_RESPONSE] * 3,
           *[Outcome.WITHDRAWN] * 2, Outcome.OFFER, Outcome.PENDING)
_EVIDENCE = {
    Dimension.SKILLS_MATCH: ("Walked through my pipeline project end to end.", "Struggled with the SQL exercise.",
                             "Answered the system design question with clear trade-offs.",
                             "Missed an edge case in the live coding.", "Gave a concrete example for every must-have.",
                             "They asked about Kafka and I had little to say.", "Explained my migration story well."),
    Dimension.ENTHUSIASM: ("Asked about their roadmap; had read the engineering blog.", "My 'why us' was generic.",
                           "Told them plainly this role is near the top of my list.",
                           "Mentioned I use their product every week.", "Came with questions for each interviewer.",
                           "Sounded tired; didn't show much energy."),
    Dimension.CULTURE_FIT: ("Easy rapport, we laughed about legacy code.", "Stiff conversation, hard to read.",
                            "We both like small PRs and written design docs.", "They work fully on-site; I prefer not.",
                            "Talked about me as if I were already on the team.", "I interrupted twice. Not great."),
}


def generate_interviews(count: int, now: datetime, seed: int = 7) -> list[Entry]:
    """`count` realistic, valid entries spread over ~count/6 days (at most ~5 years) before `now`.

    Deterministic for a seed and quick (100,000 in a few seconds), so benchmarks can build big
    databases; every entry is marked demo so one click removes them all. Oldest first.
    """
    rng = random.Random(seed)
    span = max(14, min(round(count / 6), MAX_SPAN_DAYS))
    ages = sorted((1 + int(rng.random() * span) for _ in range(count)), reverse=True)
    return [_synthetic_entry(rng, now, age, span) for age in ages]


def _synthetic_entry(rng: random.Random, now: datetime, age: int, span: int) -> Entry:
    day0 = _weekday_back(now.date() - timedelta(days=age))
    company = _pick(rng, COMPANY_POOL)
    people = tuple(_synthetic_person(rng, company) for _ in range(_pick(rng, (1, 1, 2, 2, 3))))
    progress = 1 - age / span  # scores drift upwards with practice; culture fit lags
    scores = {d: _synthetic_score(rng, progress, lag) for d, lag in zip(DIMENSIONS, (0, 0.2, 0.6), strict=True)}
    outcome = _pick(rng, _CLOSED) if age > 21 else Outcome.PENDING
    interview = Interview(
        company=company,
        role=_pick(rng, _ROLES),
        stage=_pick(rng, _STAGES),
        format=_pick(rng, (Format.PHONE, Format.VIDEO, Format.VIDEO, Format.IN_PERSON)),
        interview_at=datetime.combine(day0, time(9 + int(rng.random() * 8), _pick(rng, (0, 15, 30, 45)))),
        duration_min=_pick(rng, (30, 45, 60, 60, 90, 120)),
        interviewers=people,
        recruiter=f"{_pick(rng, _FIRST)} {_pick(rng, _LAST)}" if rng.random() < 0.3 else "",
        stated_timeframe=_pick(rng, _TIMEFRAMES),
        scores=scores,
        evidence={d: _pick(rng, _EVIDENCE[d]) if rng.random() < 0.9 else "" for d in DIMENSIONS},
        outcome=outcome,
        outcome_on=day0 + timedelta(days=min(3 + int(rng.random() * 18), age)) if outcome.closes_follow_up else None,
        is_demo=True,
    )
    return interview, _synthetic_marks(rng, people, day0, age)


def _pick(rng: random.Random, choices: Sequence):
    """`rng.choice`, several times quicker: it matters at 100,000 entries."""
    return choices[int(rng.random() * len(choices))]


def _synthetic_person(rng: random.Random, company: str) -> Interviewer:
    first, last = _pick(rng, _FIRST), _pick(rng, _LAST)
    email = ""
    if rng.random() < 0.3:
        email = f"{first[0]}.{last}@{company.split()[0]}.example.com".lower()
    return Interviewer(f"{first} {last}", _pick(rng, _TITLES), email)


def _synthetic_score(rng: random.Random, progress: float, lag: float) -> int | None:
    if rng.random() < 0.06:
        return None  # not sure yet
    return max(1, min(5, round(2.3 + 2.2 * progress - lag + rng.uniform(-0.9, 0.9))))


def _synthetic_marks(rng: random.Random, people: Sequence[Interviewer], day0: date, age: int) -> list[StepMark]:
    marks = []
    if age >= 2 and rng.random() < 0.85:
        thanked = day0 + timedelta(days=_pick(rng, (0, 0, 0, 1, 1, 2)))
        marks += sent_marks_on(people, thanked)
    if age > 16 and rng.random() < 0.3:
        marks.append(StepMark("check_in", StepStatus.DONE, day0 + timedelta(days=15)))
    if age > 10 and rng.random() < 0.05:
        marks.append(StepMark("soft_touch", StepStatus.SKIPPED, day0 + timedelta(days=8)))
    return marks


def load_generated(store: Store, count: int, now: datetime, seed: int = 7, batch_size: int = 2_000) -> int:
    """Save generated entries, one transaction per batch: far quicker than one per entry."""
    entries = generate_interviews(count, now, seed)
    for start in range(0, len(entries), batch_size):
        store.interviews.import_entries(entries[start : start + batch_size])
    return len(entries)
