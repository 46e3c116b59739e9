"""Word sense of violent verbs: "Russian forces attacked Kharkiv" is fighting, "the senator
attacked the plan" is criticism, "the party captured three seats" is no violence at all.

A violence code (CAMEO 18 assault, 19 fight, 20 mass violence, and the seizures of 17) is
kept only when the clause says the act is physical: armed actors or weapons, a place or
people as the target of an army or a state, or words of war and injury in the sentence.
Otherwise the verb gets its figurative sense: criticism for verbal attacks, rejection for
"kill the bill", and no code (category "other") for contests of elections, markets,
courts and sports.
"""

from __future__ import annotations

from spacy.tokens import Token

# Codes whose verbs are used figuratively in politics and business news.
VIOLENCE_CODES = frozenset({"18", "19", "20"})
SEIZURE_VERBS = frozenset({"seize", "capture", "raid", "storm", "besiege", "blockade"})

# Words that make a clause physical.
ARMED_WORDS = frozenset(
    "army military troop soldier force militant rebel gunman gunmen insurgent "
    "fighter militia police marine navy jet warplane tank artillery missile rocket drone "
    "bomb bomber shell mortar gun rifle weapon grenade airstrike explosive "
    "terrorist jihadist guerrilla commando sniper battalion brigade regiment unit "
    "warship submarine helicopter pirate hijacker bandit gang armed".split()
)
INJURY_NOUNS = frozenset(
    "death casualty civilian victim body blood hostage war ceasefire frontline invasion "
    "bombardment shelling massacre murder wound injury raid bombing explosion shooting "
    "ambush assassination".split()
)
# Verbs that are physical when done to people ("killed Osama bin Laden", "shot a soldier").
HARM_VERBS = frozenset("kill murder assassinate wound injure shoot stab beat kidnap".split())
PEOPLE_NOUNS = frozenset(
    "people person man woman child civilian soldier officer policeman journalist protester "
    "passenger worker resident villager student prisoner hostage leader official".split()
)
INJURY_VERBS = frozenset("kill wound injure die massacre bomb shell murder".split())
# Objects and prepositional objects that make a clash a contest, not a fight.
CONTEST_WORDS = frozenset(
    "election vote voter seat poll primary race campaign ballot budget bill law policy "
    "plan proposal legislation reform market share price stock rate deal contract bid "
    "court case lawsuit ruling verdict debate issue question decision record title "
    "championship cup match game league tournament season opponent rival competitor "
    "audience customer consumer viewer reader buyer sale revenue profit growth "
    "inflation crisis crash recession deficit debt unemployment poverty disease cancer "
    "virus corruption climate idea agency chief administration regulator bush "
    "nomination committee report claim statement comment remark criticism".split()
)
# What a company cuts, freezes or halts without reducing relations with anyone.
BUSINESS_QUANTITIES = frozenset(
    "job cost price rate output production spending budget tax staff workforce forecast "
    "dividend fee salary wage emission percent position investment capacity service".split()
)
# Figurative senses: what a violent verb means when it is not violent.
VERBAL_ATTACK_VERBS = frozenset({"attack", "hit", "blast", "assault", "slam"})
REJECTING_VERBS = frozenset({"kill", "shoot", "torpedo", "block"})
REJECTED_THINGS = frozenset(
    "bill proposal plan idea deal legislation measure motion amendment reform offer".split()
)


def literal_violence(verb: Token, arguments: list[Token]) -> bool:
    """Whether the clause of `verb` (with its argument heads) describes physical force."""
    nouns, verbs = _sentence_words(verb)
    if nouns & ARMED_WORDS or nouns & INJURY_NOUNS or verbs & INJURY_VERBS:
        return True
    if verb.lemma_.lower() in HARM_VERBS and any(
        a.i > verb.i and (a.ent_type_ == "PERSON" or a.lemma_.lower() in PEOPLE_NOUNS)
        for a in arguments
    ):
        return True  # "killed two police officers": done to people
    words = nouns
    # A state or an armed group acting on a place: "Russia attacked Kharkiv".
    labels = {arg.ent_type_ for arg in arguments}
    if {"GPE", "NORP"} & labels and {"GPE", "LOC", "FAC"} & labels and not words & CONTEST_WORDS:
        return len([a for a in arguments if a.ent_type_]) >= 2
    return False


def figurative_code(verb: Token) -> str | None:
    """The code a violent verb gets when it is not violent, or None ("other")."""
    lemma = verb.lemma_.lower()
    if lemma in VERBAL_ATTACK_VERBS:
        return "11"  # "the senator attacked the plan": criticism
    if lemma in REJECTING_VERBS and _sentence_words(verb)[0] & REJECTED_THINGS:
        return "12"  # "killed the bill", "shot down the proposal"
    return None


def sense_code(verb: Token, code: str | None, arguments: list[Token]) -> str | None:
    """`code` when the verb is used in that sense, else its figurative code (or None)."""
    if code is None:
        return None
    lemma = verb.lemma_.lower()
    if code == "16" and {a.lemma_.lower() for a in arguments} & BUSINESS_QUANTITIES:
        return None  # "cut 10,000 jobs", "froze prices": business, not relations
    if code in VIOLENCE_CODES or (code == "17" and lemma in SEIZURE_VERBS):
        if _is_striving(verb):
            return None  # "is fighting to stave off a crash": striving, not fighting
        if not literal_violence(verb, arguments):
            return figurative_code(verb)
    return code


def _is_striving(verb: Token) -> bool:
    """ "fight to X", "battle for X", "fight against inflation": an effort, not a fight."""
    return (
        any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in verb.children)
        and not _sentence_words(verb)[0] & ARMED_WORDS
    )


def _sentence_words(verb: Token) -> tuple[set[str], set[str]]:
    """Noun lemmas and other verbs' lemmas of the verb's sentence: the context a reader
    uses to tell the sense."""
    nouns: set[str] = set()
    verbs: set[str] = set()
    for tok in verb.sent:
        if tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.lower_ == "armed"):
            nouns.add(tok.lemma_.lower())
        elif tok.pos_ == "VERB" and tok.i != verb.i:
            verbs.add(tok.lemma_.lower())
    return nouns, verbs
