"""Word lists of the quote extractor, loaded once from `newslens/data/quotes/`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "quotes"


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """Reporting-verb lemma -> tier ("speech" or "quoted")."""
    tiers: dict[str, str] = {}
    for line in (DATA / "cue_verbs.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tier, lemma = line.split()
        tiers.setdefault(lemma, tier)
    return tiers


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name -> "m" / "f"."""
    genders: dict[str, str] = {}
    for line in (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        gender, name = line.split(maxsplit=1)
        genders[name] = gender
    return genders


# Pronouns and their gender; "they"/"we"/"who" carry no gender.
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "princess", "sister"}
)
