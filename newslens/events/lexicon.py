"""Word lists of the event stage: which predicates are events, how a clause's wording sets
an event's modality, which arguments are people and organisations.

The CAMEO categories themselves (verbs, event nouns, Goldstein scores) live in
newslens/data/cameo.py; this module says what is an event at all.
"""

from __future__ import annotations

from newslens import vocabulary

# Clause heads that can be events.
CLAUSE_DEPS = frozenset(
    {
        "ROOT",
        "conj",
        "ccomp",
        "advcl",
        "xcomp",
        "relcl",
        "acl",
        "pcomp",
        "parataxis",
        "csubj",
        "dep",
    }
)
NESTED_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "xcomp", "pcomp"}
)
OBJECT_DEPS = frozenset({"dobj", "obj"})

# Verbs that are states, perceptions or thoughts, not actions a reader would list.
NON_ACTION_VERBS = frozenset(
    "be have do seem appear become remain look sound feel believe think know understand "
    "want wish hope expect consider see mean let get include involve contain cost "
    "need like love hate prefer worry fear wonder guess suppose assume imagine "
    "tend matter deserve exist lie sit stand stay base name dub title".split()
)
# Lemmas the tagger gets wrong ("staged" -> "stag").
LEMMA_FIXES = {"stag": "stage"}

# Verbs whose subject undergoes the event ("the plane crashed", "Jobs died").
UNACCUSATIVE_VERBS = frozenset(
    "die crash land occur happen come go arrive fall rise grow increase decrease drop "
    "decline fail collapse sink break change emerge survive age suffer undergo receive "
    "face experience stem result arise disappear vanish explode burn jump soar plunge "
    "slip climb fluctuate recover shrink expand".split()
)
# Verbs of moving that a craft does as well as a person: "the aircraft flew", "it can fly
# non-stop" tell where the craft went (its theme), not what someone did.
CRAFT_MOTION_VERBS = frozenset({"fly", "sail", "taxi", "cruise", "orbit"})
# Saying verbs that are themselves events a reader lists, with or without a clause.
SPEECH_EVENTS = frozenset("announce deny confirm reveal disclose admit unveil warn allege".split())

# Control and aspect verbs: the event is their infinitive ("continued to push" -> push).
PASS_THROUGH_CONTROLLERS = frozenset(
    "continue begin start try attempt want need hope seek decide expect manage appear seem "
    "tend aim prepare move go have fail like love prefer help keep stop cease plan intend "
    "agree promise pledge vow threaten refuse offer propose schedule set wish struggle "
    "fight strive work push look get be use".split()
)
# Controllers that carry their own meaning into the event ("refused to sign", "agreed to
# withdraw", "threatened to strike"): the infinitive's event takes the controller's code.
MEANINGFUL_CONTROLLERS = frozenset(
    "refuse agree promise pledge vow swear threaten offer propose decline reject".split()
)
NEGATING_CONTROLLERS = frozenset({"fail", "cease", "stop", "refuse", "decline", "reject"})
PLANNING_CONTROLLERS = frozenset(
    "plan intend agree promise pledge vow schedule set aim prepare decide expect offer "
    "propose threaten due".split()
)
DESIRE_CONTROLLERS = frozenset("want hope wish need seek try attempt struggle strive".split())
# Verbs and nouns whose complement is asked of someone.
DEMAND_CONTROLLERS = frozenset(
    "urge ask call demand press order request appeal implore encourage push "
    "require insist beg".split()
)
# "urged Russia to stop" -> Russia stops (object control).
OBJECT_CONTROL = frozenset(
    "urge ask order tell force persuade call allow permit encourage require invite "
    "select choose pick hire task contract commission authorize authorise".split()
)
CONDITIONAL_MARKS = frozenset({"if", "whether", "unless"})
# Conjunctions of time before a participle whose subject is the main clause's ("while
# introducing the phone, Jobs ...", "after meeting Putin, Trump ...").
TEMPORAL_MARKS = frozenset({"while", "after", "before", "since", "when", "upon"})
# Conjunctions of a condition: what follows may never happen ("unless Baghdad accepts"),
# unlike an open question ("did not say whether he decided to leave").
CONDITION_MARKS = frozenset({"if", "unless"})
# Nouns of a concluded commitment: "signed a contract to supply tankers" tells what will be
# done, unlike "an offer to host" or "an appeal for ending the strike".
COMMITMENT_NOUNS = frozenset({"contract", "agreement", "deal", "treaty", "accord"})
PLANNING_AUX = frozenset({"will", "shall", "'ll", "wo"})
POSSIBLE_AUX = frozenset({"may", "might", "could", "would", "can", "ca"})
DEMANDING_AUX = frozenset({"must", "should"})

# Heads of noun phrases that name people or organisations without a name ("the company",
# "officials"): good actors even when the entity stage found no name in them.
AGENT_NOUNS = frozenset(
    "company firm maker carmaker manufacturer airline carrier group government ministry "
    "official officer spokesman spokeswoman spokesperson minister president chairman ceo "
    "executive director chief analyst agency army force troop soldier police court judge "
    "prosecutor lawmaker senator committee board council parliament senate congress "
    "administration union bank investor buyer seller customer consortium regulator "
    "authority authorities team partner rival competitor manager leader founder "
    "engineer researcher scientist people citizen worker employee staff member "
    "country nation state city office department commission organization organisation "
    "party campaign candidate voter user owner operator supplier vendor retailer "
    "developer producer publisher studio network station newspaper hostage prisoner "
    "detainee captive civilian refugee migrant journalist resident victim child woman man "
    "student protester demonstrator activist family guard militant rebel fighter "
    "gunman pirate".split()
)
# Abstract subjects are causes or themes, not doers: "the problem affected the software",
# "the statement caused a decrease", "the agreement barred Apple" (MEANTIME gives such
# events no Arg0). Nominalisations are known by their endings; other abstract heads listed.
ABSTRACT_SUFFIXES = ("ment", "tion", "sion", "ance", "ence", "ity", "ness", "ing", "ism")
ABSTRACT_NOUNS = frozenset(
    "problem deal use issue move decision plan idea fact result effect change increase "
    "decrease rise fall drop news take-off difficulty trouble reason cause matter case "
    "situation event incident accident crisis failure success loss gain".split()
)
# Objects that name no participant, only a measure, a part or a relation of the action:
# "marked the end of an era", "took necessary measures", "gave the opening keynote".
NON_PARTICIPANTS = frozenset(
    "fact end beginning start role title opening measure step way part figure detail "
    "place time chance look lead".split()
)
# Of those, the ones that name a part of what their "of" phrase names: "the end of the DC-9".
PART_NOUNS = frozenset("end beginning start part".split())
# Nominalisations that name things made: "an application that limits the volume" acts.
CONCRETE_NOMINALS = frozenset(
    "application equipment installation instrument document building painting".split()
)
# Events also take products as actors and targets.
ACTOR_LABELS = vocabulary.ACTOR_LABELS | {"PRODUCT"}
# Names that can act (a product or a work cannot).
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})

# Prepositions whose object is the target when the verb has no direct object.
TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "at", "into", "upon", "over")
PLACE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "within", "from", "to", "into"}
)
TRANSFER_VERBS = frozenset(
    "send supply deliver give provide sell export ship transfer donate lend hand".split()
)
# Verbs whose two participants act alike: "X and Y met" -> actor X, target Y.
RECIPROCAL_ROOTS = frozenset({"04", "05", "06", "19"})
# Occurrence verbs whose subject is the event: "the talks took place", "fighting continues".
OCCURRENCE_VERBS = frozenset(
    "happen occur begin start end continue resume collapse stall conclude open close "
    "break proceed finish fail intensify escalate erupt".split()
)
# Heads that only quantify the noun that names the real argument: "any of the land".
QUANTIFIERS = frozenset(
    "any some all none one part most many much each several thousand hundred dozen "
    "million score number group".split()
)
# Generic heads named by their "of" phrase: "the city of Kharkiv" -> Kharkiv.
NAMED_BY_OF = frozenset(
    "city town village region province country state capital port district republic island "
    "government".split()
)
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
# Subjects that name nobody: "it is said", "there were", "what happened".
EMPTY_SUBJECTS = frozenset({"there", "what", "this", "that", "these", "those", "which"})
MAX_NP_TOKENS = 10

# Plain-language names of the CAMEO roots for readers (the codebook's names are jargon).
CATEGORY_NAMES: dict[str, str] = {
    "01": "statement",
    "02": "appeal",
    "03": "intent to cooperate",
    "04": "consultation",
    "05": "diplomatic cooperation",
    "06": "material cooperation",
    "07": "aid",
    "08": "concession",
    "09": "investigation",
    "10": "demand",
    "11": "criticism",
    "12": "rejection",
    "13": "threat",
    "14": "protest",
    "15": "show of force",
    "16": "reduced relations",
    "17": "coercion",
    "18": "assault",
    "19": "fighting",
    "20": "mass violence",
}
OTHER_CATEGORY = "other"

MODALITIES = ("asserted", "reported", "planned", "possible", "demanded", "negated")

# Event nouns and the verb whose happening they name: "the sale" re-mentions "sold",
# "Russia's invasion of Ukraine" is an invading.
NOUN_VERBS: dict[str, str] = {
    "sale": "sell",
    "purchase": "purchase",
    "acquisition": "acquire",
    "takeover": "take over",
    "merger": "merge",
    "release": "release",
    "launch": "launch",
    "order": "order",
    "investment": "invest",
    "bid": "bid",
    "invasion": "invade",
    "attack": "attack",
    "annexation": "annex",
    "occupation": "occupy",
    "visit": "visit",
    "meeting": "meet",
    "talk": "talk",
    "call": "call",
    "agreement": "agree",
    "deal": "deal",
    "announcement": "announce",
    "statement": "state",
    "speech": "speak",
    "decision": "decide",
    "proposal": "propose",
    "offer": "offer",
    "threat": "threaten",
    "sanction": "sanction",
    "withdrawal": "withdraw",
    "resignation": "resign",
    "appointment": "appoint",
    "election": "elect",
    "arrest": "arrest",
    "bankruptcy": "file for bankruptcy",
    "cut": "cut",
    "layoff": "lay off",
    "protest": "protest",
    "criticism": "criticize",
    "rejection": "reject",
    "refusal": "refuse",
    "request": "request",
    "demand": "demand",
    "choice": "choose",
    "selection": "select",
    "introduction": "introduce",
    "delivery": "deliver",
    "win": "win",
    "victory": "win",
    "defeat": "defeat",
    "lawsuit": "sue",
    "suit": "sue",
    "ban": "ban",
    "approval": "approve",
    "support": "support",
}
