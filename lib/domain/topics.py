"""Topics for an email, as short phrases that fit into a sentence: "on-call", "the migration to Kafka".

A draft says "I especially enjoyed discussing {topic}." and "We talked about {topic}.", so a
topic must be a noun phrase, never a sentence from the notes ("They asked about on-call.").
The rules, in order, for each sentence of a notes line:
- a question they asked becomes what it asks about ("What is the on-call rotation like?" ->
  "the on-call rotation"; "How do you test pipelines?" -> "how to test pipelines");
- it splits into phrases at commas, semicolons, "and", "but", "as well as", "plus";
- each phrase loses its lead-in ("they asked about", "we talked about", "discussed",
  "asked me about", "question on", ...) and "their" becomes "the", which reads right in an
  email to them and in one to the recruiter;
- a phrase that is still a clause (a subject like "I", "we", "they", "you"; a verb like "is";
  a reminder like "send ...") or longer than six words is dropped;
- a sentence-initial ordinary word is lower-cased ("Team of six" -> "team of six"); a word that
  may be a name keeps its capital ("Kafka", "Leeds", "SRE").
These are heuristics over free text: a phrase they cannot make short and clean is left out, and
the user can always type a topic of their own (cleaned by `as_topic`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TOPIC_LIMIT = 80  # characters
WORD_LIMIT = 6

_BULLET = re.compile(r"^\s*(?:[-*•·>]+|\d+[.)])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_SPLIT = re.compile(r"(?:\s*(?:[,;:]|\s&\s|\b(?:and|but|as well as|plus|also|then)\b)\s*)+", re.IGNORECASE)
_END = ".!?;:,…\"'”’)"

# Who said it, before a lead-in verb: "they", "the hiring manager", "Priya", "Priya and Tom".
_PERSON = (r"(?:they|we|i|she|he|both of us|(?:the|our|my) (?:interviewers?|hiring manager|manager|recruiter|team|"
           r"panel|cto|ceo|lead|founders?)|(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?))")
_SAYER = rf"(?:{_PERSON}(?:\s+and\s+{_PERSON})?\s+)?"
_ADVERB = r"(?:(?:also|then|briefly|mostly|mainly|really|quickly|first|later)\s+)?"
_ALONE = r"(?:asked|discussed|covered|mentioned|explained|described|shared|raised|highlighted|probed|grilled|quizzed)"
_WITH_PARTICLE = (
    r"(?:(?:talked|spoke|chatted|went|walked|touched|dug|focused|brought|wanted to know|were curious|was curious)"
    r"(?:\s+(?:me|us|a lot|a bit))?\s+(?:about|on|through|over|into|up))"
)
_OBJECT = r"(?:\s+(?:me|us|a lot|a bit|some|lots))?(?:\s+(?:questions?|a question))?(?:\s+(?:about|on|around|into|re))?"
_LEAD_INS = [
    re.compile(rf"^{_SAYER}{_ADVERB}(?:{_WITH_PARTICLE}|{_ALONE}{_OBJECT})(?:\s+|$)", re.IGNORECASE),
    re.compile(
        r"^(?:(?:some|many|lots of|a lot of|a few|more|the|a|one|two|three|several|follow-up|big|main|long|short)\s+)*"
        r"(?:questions?|discussion|chat|conversation|talk|focus|deep dive|topics?)"
        r"\s*(?:about|on|around|of|into|re|:)\s+",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:topics?\s*[:\-–]|re\b:?|about)\s+", re.IGNORECASE),
    re.compile(r"^(?:and|but|also|plus|then|so|a bit about|a bit on)\s+", re.IGNORECASE),
]

# A question they asked -> what it is about; any other question is left out.
_QUESTIONS = [
    (re.compile(r"^how (?:do|would|did|could|can|should|will|might) you\s+(.+)$", re.IGNORECASE), r"how to \1"),
    (re.compile(r"^what(?:'s|’s| is| are| was| were) (.+?)(?: like)?$", re.IGNORECASE), r"\1"),
    (re.compile(r"^(?:is|are) there (?:any )?(.+)$", re.IGNORECASE), r"\1"),
    (re.compile(r"^(?:tell (?:me|us) about|describe|walk (?:me|us) through|talk (?:me|us) through|explain)\s+(.+)$",
                re.IGNORECASE), r"\1"),
]

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a phrase a clause or a note to self, wherever they stand.
_CLAUSE_WORDS = _words(
    "i i'm i've i'd i'll me my mine myself we we're we've we'd they they're they've they'd you you're you've "
    "your yours he she he's she's it's is are was were am be been being will would shall should can could "
    "must might may do does did don't didn't doesn't isn't wasn't aren't weren't won't can't couldn't "
    "has have had seems seemed felt feel think thought said told asked talked discussed mentioned explained"
)
# Words that, first in a phrase, make it a question, a reminder or a verdict rather than a topic.
_CLAUSE_STARTS = _words(
    "what which who whom whose why when where how if whether send sent ask follow email emailed call called "
    "check remember need needs got get nailed forgot stumbled struggled messed bombed loved liked hated enjoyed "
    "wish hope hoping maybe probably not no yes ok okay good great bad fine went"
)
# Whole phrases that are about the notes, not a topic ("Notes:", "a lot", "stuff").
_NOT_TOPICS = frozenset(
    ["notes", "note", "questions", "question", "topics", "topic", "misc", "other", "stuff", "things", "etc",
     "a lot", "lots", "a bit", "everything", "nothing", "more", "some"]
)
_DETERMINERS = _words("the a an my our their his her its this that these those some")

# Ordinary words that often start a notes line: lower-cased there. An unknown word keeps its capital.
_ORDINARY = _words(
    """the a an this that these those some any each every all both its our his her no more most other
    another such next new old current first last recent upcoming big small open weekly daily quarterly
    annual long short technical tech business lots plenty how to team teams role roles company product
    products project projects roadmap plan plans pricing data pipeline pipelines migration move rebuild
    architecture structure infrastructure culture system systems design testing tests values hiring process
    interview interviews salary compensation pay benefits remote hybrid office growth career mentoring
    management manager managers leadership stakeholders customers users metrics dashboards dashboard
    analytics platform code review reviews deployment deployments release releases security performance
    scaling scale budget timeline deadlines goals strategy vision mission market sales marketing support
    operations engineering research quality incident incidents monitoring observability documentation
    tooling tools stack backend frontend mobile cloud database databases model models machine learning
    work life balance travel equity bonus rituals standups sprint sprints agile language languages
    on-call oncall weekend weekends hours holidays parental leave team's company's question questions topic topics
    distributed automated embedded managed advanced applied notice period expectations availability start
    experience background motivation strengths weakness weaknesses conflict failure success example examples
    people feedback teamwork communication collaboration ownership time day week month year favourite
    previous biggest hardest largest latest best"""
)
_ORDINARY_SUFFIXES = ("ing", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities",
                      "ship", "ships", "ism", "ogy", "ies", "ated", "uted", "ive", "ous", "ful",
                      "less", "able", "ible")


def as_topic(text: str) -> str:
    """One topic as typed or picked, made to fit "We talked about …": no list marker, no lead-in
    ("We talked about"), no end punctuation, a sentence's first ordinary word lower-cased.

    Unlike the suggestions it keeps the user's wording otherwise: it is their choice.
    """
    topic = " ".join(_BULLET.sub("", text or "").split()).strip(_END + " ")
    topic = _strip_lead_ins(topic)
    topic = _lower_first(topic, frozenset()).strip(_END + " ")
    return topic[:TOPIC_LIMIT].rstrip()


def suggest_topics(texts: Iterable[str], limit: int = 8) -> list[str]:
    """Short phrases from these texts (notes, then the questions asked), in order, each once."""
    texts = [t or "" for t in texts]
    seen_lower = _lower_case_words(texts)
    found: dict[str, str] = {}
    for text in texts:
        for line in text.splitlines():
            for sentence in _SENTENCE_END.split(_BULLET.sub("", line)):
                for topic in phrases(sentence, seen_lower):
                    found.setdefault(topic.casefold(), topic)
    return list(found.values())[:limit]


def phrases(sentence: str, seen_lower: frozenset[str] = frozenset()) -> list[str]:
    """The topics in one sentence of notes; none when it holds no short noun phrase.

    >>> phrases("Discussed the migration to Kafka and team rituals.")
    ['the migration to Kafka', 'team rituals']
    """
    sentence = " ".join(sentence.split()).strip(_END + " ")
    found = []
    for part in _SPLIT.split(_as_subject_of_question(_strip_lead_ins(sentence))):
        phrase = _strip_lead_ins(part.strip(_END + " "))
        phrase = re.sub(r"\btheir\b", "the", phrase, flags=re.IGNORECASE)
        if _is_topic(phrase):
            found.append(_lower_first(phrase, seen_lower))
    return found


def _strip_lead_ins(text: str) -> str:
    """Without "they asked me about", "we talked about", "discussed", "question on", ... at its start."""
    previous = None
    while previous != text:
        previous = text
        for lead_in in _LEAD_INS:
            text = lead_in.sub("", text, count=1)
    return text.strip()


def _as_subject_of_question(sentence: str) -> str:
    """A question as what it is about; any other question stays, for `_is_topic` to leave out."""
    for pattern, subject in _QUESTIONS:
        if pattern.match(sentence):
            return pattern.sub(subject, sentence)
    return sentence


def _is_topic(phrase: str) -> bool:
    words = phrase.split()
    if len(phrase) < 3 or not words or len(words) > WORD_LIMIT or len(phrase) >= TOPIC_LIMIT:
        return False
    lowered = [w.casefold().strip(_END + "(\"'“‘") for w in words]
    if " ".join(lowered) in _NOT_TOPICS:
        return False
    if any(w in _CLAUSE_WORDS for w in lowered):
        return False
    if lowered[0] in _CLAUSE_STARTS and lowered[:2] != ["how", "to"]:
        return False
    # "Nailed the SQL question", "Explained my approach": a past-tense verb, then its object.
    return not (lowered[0].endswith("ed") and len(words) > 1 and lowered[1] in _DETERMINERS)


def _lower_first(phrase: str, seen_lower: frozenset[str]) -> str:
    """The phrase with its first word lower-cased when that word is ordinary, not a name or an acronym."""
    first, _, rest = phrase.partition(" ")
    if _is_ordinary(first, seen_lower):
        first = first[0].lower() + first[1:]
    return f"{first} {rest}" if rest else first


def _is_ordinary(word: str, seen_lower: frozenset[str]) -> bool:
    if not word[:1].isupper() or (len(word) > 1 and not word[1:].islower()):
        return False  # already lower, an acronym ("SRE"), or a name written in its own way ("GraphQL")
    plain = word.casefold()
    return plain in _ORDINARY or plain in seen_lower or plain.endswith(_ORDINARY_SUFFIXES)


def _lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    """Words these texts write in lower case somewhere: ordinary words, so a capital on them is a sentence's."""
    return frozenset(w for text in texts for w in re.findall(r"\b[a-z][\w'’-]*", text))
