"""CAMEO root categories with Goldstein scores, and the lexicon that maps news wording to them.

The 20 root codes, their names and the root-level Goldstein scores are the public values of the
CAMEO event codebook (Schrodt et al.) as distributed with GDELT (CAMEO.goldsteinscale.txt:
the score of each root's generic "x0" code). Goldstein runs from -10 (most conflictual) to +10
(most cooperative).

The lexicon is ours: a verb lemma -> root table of common news verbs, event nouns that carry
the action of a light verb ("impose sanctions", "hold talks") or stand alone as nominal events
("a call between X and Y"), and a few verb + object overrides where the object decides the
category ("agree to a ceasefire" is yielding, not just intent).
"""

from __future__ import annotations

# code -> (name, Goldstein score of the root)
ROOTS: dict[str, tuple[str, float]] = {
    "01": ("MAKE PUBLIC STATEMENT", 0.0),
    "02": ("APPEAL", 3.0),
    "03": ("EXPRESS INTENT TO COOPERATE", 4.0),
    "04": ("CONSULT", 1.0),
    "05": ("ENGAGE IN DIPLOMATIC COOPERATION", 3.5),
    "06": ("ENGAGE IN MATERIAL COOPERATION", 6.0),
    "07": ("PROVIDE AID", 7.0),
    "08": ("YIELD", 5.0),
    "09": ("INVESTIGATE", -2.0),
    "10": ("DEMAND", -5.0),
    "11": ("DISAPPROVE", -2.0),
    "12": ("REJECT", -4.0),
    "13": ("THREATEN", -4.4),
    "14": ("PROTEST", -6.5),
    "15": ("EXHIBIT FORCE POSTURE", -7.2),
    "16": ("REDUCE RELATIONS", -4.0),
    "17": ("COERCE", -7.0),
    "18": ("ASSAULT", -9.0),
    "19": ("FIGHT", -10.0),
    "20": ("USE UNCONVENTIONAL MASS VIOLENCE", -10.0),
}


def _table(groups: dict[str, str]) -> dict[str, str]:
    """Invert {code: "lemma lemma ..."} into {lemma: code}; a lemma listed twice is an error."""
    table: dict[str, str] = {}
    for code, words in groups.items():
        for word in words.split():
            word = word.replace("_", " ")
            if word in table:
                raise ValueError(f"{word!r} is listed under {table[word]} and {code}")
            table[word] = code
    return table


# Verb lemma -> root code. Multi-word verbs ("call_for", "break_off") use the particle or
# preposition that the parser attaches to the verb (prt / prep child).
VERB_ROOTS: dict[str, str] = _table(
    {
        "01": (
            "announce comment declare state assert acknowledge admit confirm deny reiterate "
            "predict forecast estimate report disclose reveal publish unveil describe "
            "characterize brief inform signal express voice highlight stress "
            "emphasize mention indicate clarify respond reply answer launch speak "
            "introduce present release "
        ),
        "02": (
            "appeal urge ask request call_for call_on plead beg petition invite encourage "
            "implore lobby press_for seek solicit apply"
        ),
        "03": ("propose offer promise pledge vow commit intend plan agree volunteer undertake"),
        "04": (
            "meet talk negotiate call send discuss consult visit host phone telephone confer "
            "mediate broker arbitrate convene gather travel fly arrive tour "
            "dispatch"
        ),
        "05": (
            "sign ratify recognize endorse praise commend welcome congratulate thank support "
            "back defend apologize forgive reconcile ally partner normalize restore "
            "cooperate collaborate approve adopt"
        ),
        "06": (
            "trade invest buy sell acquire purchase export import supply share fund finance "
            "train exchange merge"
        ),
        "07": (
            "aid assist help donate provide rescue evacuate shelter protect grant give "
            "deliver contribute"
        ),
        "08": (
            "yield concede surrender withdraw retreat free return ease lift relax "
            "accept accede comply allow permit pardon resign step_down capitulate call_off"
        ),
        "09": "investigate probe examine inspect audit review question interrogate",
        "10": "demand insist require order push_for",
        "11": (
            "criticize criticise condemn denounce accuse blame complain disapprove "
            "doubt slam rebuke scold chide censure "
            "sue charge allege lament decry deplore"
        ),
        "12": (
            "reject refuse decline veto rebuff dismiss oppose resist spurn snub block renege "
            "obstruct stall defy ignore deflect sidestep evade"
        ),
        "13": "threaten warn menace ",
        "14": "protest demonstrate rally march boycott picket riot",
        "15": "mobilize mobilise deploy station mass patrol fortify reinforce",
        "16": (
            "sanction suspend cut break_off sever expel recall halt freeze downgrade "
            "embargo terminate cancel withhold"
        ),
        "17": (
            "arrest detain jail imprison deport ban restrict confiscate seize raid "
            "censor blockade repress crack_down impose evict sentence prosecute indict "
            "extradite outlaw"
        ),
        "18": "assault kill murder kidnap abduct torture injure wound beat stab assassinate",
        "19": (
            "fight attack strike shell bomb bombard invade occupy annex capture shoot clash "
            "battle storm ambush besiege target destroy advance push_into retake recapture hit "
            "liberate"
        ),
        "20": "massacre exterminate gas slaughter",
    }
)

# Nouns that name an event: the object of a light verb ("hold talks", "impose sanctions"),
# the subject of an occurrence verb ("the talks took place"), or a standalone nominal event
# with participants ("a call between X and Y").
EVENT_NOUN_ROOTS: dict[str, str] = _table(
    {
        "01": "statement announcement declaration speech address remark comment",
        "02": "appeal plea request",
        "03": "proposal offer pledge promise",
        "04": (
            "talk negotiation meeting summit call conversation visit consultation "
            "conference discussion dialogue phone_call telephone_call mediation trip"
        ),
        "05": "agreement deal accord treaty pact alliance recognition",
        "06": "investment trade exercise cooperation",
        "07": "aid assistance help relief donation",
        "08": "ceasefire truce concession withdrawal retreat release ",
        "09": "investigation inquiry probe",
        "10": "demand",
        "11": "criticism condemnation accusation complaint",
        "12": "rejection refusal veto",
        "13": "threat warning",
        "14": "protest demonstration rally boycott riot sit-in ",
        "15": "mobilization mobilisation deployment buildup alert",
        "16": "sanction embargo suspension expulsion",
        "17": "arrest detention crackdown blockade raid",
        "18": "assault assassination killing kidnapping bombing",
        "19": (
            "war fighting attack strike airstrike offensive invasion occupation battle "
            "clash shelling bombardment annexation"
        ),
        "20": "massacre genocide cleansing",
    }
)

# Light verbs: their own lemma says little; the event noun they take decides the category
# ("hold talks" -> CONSULT, "impose sanctions" -> REDUCE RELATIONS, "launch an attack" ->
# FIGHT). Without an event-noun object they are not events at all (except where the verb is
# in VERB_ROOTS, e.g. "impose restrictions" -> COERCE).
LIGHT_VERBS = frozenset(
    "hold start begin launch conduct carry make have take give stage open resume "
    "continue impose announce declare reach sign enter mount wage join host "
    "seek get put complete finish conduct engage".split()
)

# Military materiel: sending it is military aid (CAMEO 072 -> root 07).
ARMS = ("tank", "missile", "weapon", "arm", "ammunition", "jet", "drone", "artillery")

# People set free: "release" alone is mostly publishing ("released a statement").
CAPTIVES = ("hostage", "prisoner", "detainee", "captive", "journalist", "soldier", "activist")

PROJECTILES = ("missile", "rocket", "shell", "shot", "drone", "bomb", "torpedo", "salvo")

WAYS = ("road", "roadway", "highway", "street", "traffic", "bridge", "route", "railway")
STRENGTHEN = ("strengthen", "boost", "bolster", "increase", "reinforce", "mass")
FORCES = ("force", "troop", "army", "presence", "defence", "defense")
CANCEL = ("cancel", "end", "revoke", "repeal", "scrap")
RESTRICTIONS = ("restriction", "ban", "curfew", "sanction", "embargo", "blockade")
TIES = ("mediation", "talk", "negotiation", "cooperation", "relation", "tie", "dialogue")

# Verb + object-noun overrides: (verb lemma, object lemma) -> root code.
PHRASE_ROOTS: dict[tuple[str, str], str] = {
    ("agree", "ceasefire"): "08",
    ("accept", "ceasefire"): "08",
    ("declare", "ceasefire"): "08",
    ("observe", "ceasefire"): "08",
    ("reject", "ceasefire"): "12",
    ("violate", "ceasefire"): "19",
    ("break", "ceasefire"): "19",
    ("threaten", "sanction"): "13",
    ("threaten", "strike"): "13",
    ("threaten", "attack"): "13",
    ("threaten", "war"): "13",
    ("impose", "sanction"): "16",
    ("lift", "sanction"): "08",
    ("ease", "sanction"): "08",
    ("send", "delegation"): "04",
    ("send", "envoy"): "04",
    ("send", "troop"): "15",
    ("send", "weapon"): "07",
    ("send", "aid"): "07",
    **{(verb, arms): "07" for verb in ("send", "supply", "deliver") for arms in ARMS},
    **{("release", person): "08" for person in CAPTIVES},
    **{(verb, shot): "19" for verb in ("fire", "launch") for shot in PROJECTILES},
    ("stage", "strike"): "14",
    # Striking a deal is agreeing.
    **{("strike", pact): "05" for pact in ("deal", "agreement", "accord", "pact", "bargain")},
    # Blocking roads is a protest; blocking a bill is a rejection (the verb's own code).
    **{("block", way): "14" for way in WAYS},
    # Strengthening forces is a show of force.
    **{(verb, force): "15" for verb in STRENGTHEN for force in FORCES},
    # Cancelling or lifting a restriction is yielding.
    **{(verb, rule): "08" for verb in CANCEL for rule in RESTRICTIONS},
    # Ending talks or cooperation reduces relations.
    **{("end", tie): "16" for tie in TIES},
    ("send", "inspector"): "09",
    ("dispatch", "inspector"): "09",
    ("send", "investigator"): "09",
    ("hold", "hostage"): "17",
    ("take", "hostage"): "17",
    ("set", "fire"): "17",
    ("cast", "doubt"): "11",
    ("raise", "concern"): "11",
    ("make", "concession"): "08",
    ("make", "compromise"): "08",
    ("sign", "agreement"): "05",
    ("sign", "treaty"): "05",
    ("reach", "agreement"): "05",
    ("reach", "deal"): "05",
    ("win", "election"): "01",
    ("return", "land"): "08",
    ("return", "territory"): "08",
    ("seize", "land"): "19",
    ("seize", "territory"): "19",
    ("seize", "city"): "19",
    ("seize", "town"): "19",
    ("seize", "village"): "19",
}


def root(code: str) -> tuple[str, float]:
    """Name and Goldstein score of a root code ("01".."20")."""
    return ROOTS[code]


def verb_root(lemma: str, particle: str | None = None) -> str | None:
    """Root code of a verb lemma (with its particle/preposition when that matters)."""
    lemma = lemma.lower()
    if particle:
        code = VERB_ROOTS.get(f"{lemma} {particle.lower()}")
        if code:
            return code
    return VERB_ROOTS.get(lemma)


def noun_root(lemma: str) -> str | None:
    return EVENT_NOUN_ROOTS.get(lemma.lower())


def phrase_root(verb: str, noun: str) -> str | None:
    return PHRASE_ROOTS.get((verb.lower(), noun.lower()))
