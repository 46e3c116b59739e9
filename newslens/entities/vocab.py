"""Word lists of the entities stage: labels, titles, descriptors, aliases, codes."""

from __future__ import annotations

# Labels shown as entities in the dashboard (numbers and dates go to newslens/timexes/ instead).
NAME_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}
# Names that take a determiner as part of the name ("the Kremlin", "the US").
DETERMINED_LABELS = {"ORG", "GPE", "LOC", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# Titles and roles written before a person's name ("President Vladimir Putin").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam sec
    president vice senator sen rep representative congressman congresswoman governor gov
    mayor minister prime chancellor secretary ambassador commissioner premier
    general gen colonel col lieutenant lt captain capt sergeant sgt admiral adm major marshal
    judge justice presiding attorney king queen prince princess emperor pope cardinal bishop
    archbishop rabbi imam reverend rev father sheikh chief executive ceo chairman chairwoman
    chair spokesman spokeswoman spokesperson director deputy foreign defence defense interior
    finance economy health justice trade officer leader speaker
    """.split()
)
# Words of a person's role in apposition after the name ("Vikram Pandit, Citi's chief
# executive"): a name so described is a person's, whatever spaCy called it.
PERSON_ROLE_WORDS = frozenset(
    """
    executive ceo chairman chairwoman president founder spokesman spokeswoman
    spokesperson minister secretary senator governor mayor analyst economist
    strategist director
    """.split()
)
# Generational suffixes after a person's surname ("Henry M. Paulson Jr.").
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Titles that only ever come before a person's name (not "President's Council").
PERSON_ONLY_TITLES = frozenset(
    "mr mrs ms mx dr sen senator rep congressman congresswoman gov governor mayor judge "
    "spokesman spokeswoman spokesperson sir dame".split()
)
# Titles that make the capitalised words right after them a person's name, whatever
# spaCy called them ("German chancellor Olaf Scholz" tagged ORG, "President Trump").
PERSON_HEAD_TITLES = PERSON_ONLY_TITLES | frozenset(
    "president chancellor minister senator premier king queen pope prince princess "
    "sheikh ayatollah secretary".split()
)
# Common nouns that describe the organisation named right after them ("engine maker
# Europrop", "German magazine Der Spiegel", "low-cost airline Ryanair"): whatever spaCy
# called the name, it is an organisation.
ORG_DESCRIPTORS = frozenset(
    """
    company companies firm firms corporation group conglomerate business startup start-up
    maker makers manufacturer manufacturers airframer automaker carmaker chipmaker drugmaker
    airline airlines carrier carriers operator retailer retailers supplier suppliers
    bank banks lender insurer broker brokerage fund
    newspaper paper magazine daily tabloid broadcaster network agency website site
    publisher studio band university college school
    organisation organization charity association watchdog regulator
    subsidiary parent
    """.split()
)
# Nouns for a person's role, after which "at"/"with" names an organisation ("an analyst at
# Goldman Sachs").
ROLE_NOUNS = frozenset(
    """
    analyst analysts economist economists strategist strategists executive executives
    officer officers employee employees engineer engineers researcher researchers
    scientist scientists professor professors trader traders partner partners
    director directors manager managers
    """.split()
)
# Nouns that a name owns only when it names an organisation ("Ryanair CEO", "Boeing 's
# shareholders", "UBS analyst David Strauss"); not "spokesman" ("Trump spokesman").
ORG_OWNED_NOUNS = frozenset(
    """
    ceo cfo coo cto shareholders shares stock headquarters employees subsidiary
    analyst analysts economist economists strategist strategists
    plant plants factory factories unit units division divisions dealers dealership
    dealerships
    """.split()
)
# Online platforms spaCy's small model takes for people ("on Twitter").
PLATFORMS = frozenset(
    "twitter facebook instagram youtube gmail google reddit tiktok snapchat whatsapp linkedin "
    "tumblr periscope".split()
)
# Last words of a company's name: a "person" ending in one is a company ("Douglas
# Aircraft", "Lehman Brothers Holdings").
ORG_NAME_ENDINGS = frozenset(
    """
    inc inc. corp corp. co co. ltd ltd. llc plc ag sa nv gmbh group holdings company
    corporation aircraft airlines airways motors motor industries systems technologies
    bank bancorp securities capital partners investments energy electric communications
    networks pharmaceuticals entertainment studios records media foods brands
    """.split()
)
# Legal-form suffixes of a company's name ("Chrysler LLC", "Fiat SpA").
COMPANY_SUFFIXES = frozenset(
    "inc inc. corp corp. co co. ltd ltd. llc plc ag sa spa nv n.v. gmbh bv lp llp".split()
)
# Words at the end of a company's name that say nothing of which company it is ("Lehman
# Brothers Holdings Inc."), as written in a mention's key (no periods).
COMPANY_TAILS = frozenset(w.replace(".", "") for w in COMPANY_SUFFIXES) | {"group", "holdings"}
# Nouns for kinds of product: a company's name before one names the product or its
# brand ("MacBook Air laptops", "Airbus jets"), not the company.
PRODUCT_NOUNS = frozenset(
    """
    aircraft airliner airliners jet jets plane planes engine engines
    car cars truck trucks vehicle vehicles sedan sedans suv suvs pickup pickups
    laptop laptops computer computers notebook notebooks desktop desktops phone phones
    smartphone smartphones handset handsets tablet tablets device devices player players
    console consoles software system systems app apps version versions
    line lineup range family series model models design designs
    """.split()
)
# Verbs whose object is a company ("sold Opel to Magna", "acquire Chrysler").
DEAL_VERBS = frozenset("acquire buy purchase sell merge own invest".split())
# Nouns of which a company is the owner ("shares of Fannie Mae", "a stake in Magna").
STAKE_NOUNS = frozenset("share shares stock stake stakes".split())

# The last word of a name for a unit inside a larger body: its first word alone names
# that body, not the unit ("the Senate" is not the "Senate Banking Committee").
UNIT_NOUNS = frozenset(
    """
    committee subcommittee commission department ministry agency office council board
    bureau court caucus panel division unit service services administration
    """.split()
)
# A name ending in one of these is an event, not an organisation ("Worldwide Developers
# Conference").
EVENT_HEADS = frozenset(
    "conference summit expo convention festival olympics games championship championships "
    "cup tournament show".split()
)
# Institutions named after a person ("the Muhammad Ali Center"): the person's name is not
# a short form of them.
INSTITUTION_HEADS = frozenset(
    "center centre foundation institute university college school library museum hall "
    "airport stadium arena tower hospital prize award awards bridge park street avenue "
    "building fund trust".split()
)

# Possessive endings spaCy keeps inside a name ("Apple Computer 's").
POSSESSIVES = {"'s", "'", "’s", "’", "`s"}
FUNCTION_WORDS = {"of", "and", "the", "for", "de", "du", "la", "le", "&", "in", "on", "at"}
ARTICLES = {"the"}
# Dashes written between spaces join two names (a dateline "DETROIT - Chrysler"), never
# two parts of one name ("Rolls-Royce" has no spaces).
SPACED_DASHES = {"-", "–", "—", "--"}

# Different spellings of one country: mentions with these keys share a cluster.
COUNTRY_ALIASES = {
    "us": "us",
    "usa": "us",
    "united states": "us",
    "united states of america": "us",
    "uk": "uk",
    "united kingdom": "uk",
    "great britain": "uk",
    "britain": "uk",
    "uae": "uae",
    "united arab emirates": "uae",
    "prc": "china",
    "china": "china",
    "people 's republic of china": "china",
    "people's republic of china": "china",
    "people republic of china": "china",
    "ussr": "ussr",
    "soviet union": "ussr",
    "drc": "drc",
    "democratic republic of the congo": "drc",
    "eu": "eu",
    "european union": "eu",
}
# Unions of countries, marked as places like the countries themselves ("the EU").
COUNTRY_UNIONS = frozenset({"eu", "european union"})
CURRENCY_SIGNS = {"$", "#", "£", "€", "¥"}
# ISO 4217 codes of currencies in the news: never a name, next to an amount or not.
CURRENCY_CODES = frozenset(
    "usd eur gbp jpy cny rmb chf aud cad hkd inr rub krw sgd nzd sek nok dkk brl mxn zar".split()
)
# Time zones spaCy tags as organisations ("0800 UTC").
TIME_ZONES = frozenset(
    "utc gmt est edt cst cdt mst mdt pst pdt akst akdt hst bst cet cest eet eest wet "
    "msk jst kst aest aedt awst hkt".split()
)
# Short zones that are also other abbreviations: a zone only right after a time.
TIME_ZONES_AFTER_TIME = frozenset("et ct pt mt".split())
