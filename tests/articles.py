"""Articles written for the tests: one whose sixteen actors all have long names (the charts'
labels must still fit and stay apart), used by the export legibility tests."""

from __future__ import annotations

LONG_ACTORS = (
    "International Federation of Maritime Shipping Unions",
    "European Council for Agricultural Trade and Fisheries",
    "African Development Bank Infrastructure Committee",
    "United Nations Office for Disaster Risk Reduction",
    "Association of Southeast Asian Nations Trade Council",
    "International Organization for Standardization Board",
    "World Meteorological Organization Executive Council",
    "Organisation for Economic Co-operation and Development",
    "International Committee of the Red Cross Delegation",
    "European Bank for Reconstruction and Development",
    "Inter-American Commission on Human Rights Secretariat",
    "International Atomic Energy Agency Board of Governors",
    "Food and Agriculture Organization of the United Nations",
    "International Telecommunication Union Radio Bureau",
    "Commonwealth Parliamentary Association Steering Group",
    "North Atlantic Treaty Organization Military Committee",
)
_ACTIONS = (
    ("accused", "of blocking the agreement"),
    ("praised", "for its help with the new port"),
    ("criticised", "over the delayed payments"),
    ("welcomed", "to the talks"),
)
LONG_ACTORS_PUBLISHED = "2025-04-01"


def long_actor_article() -> str:
    """Each actor acts on the next one on a dated day, is quoted about it and meets it: every
    chart (portrayal, positions, cooperation, timeline) gets a row per actor."""
    paragraphs = []
    for i, actor in enumerate(LONG_ACTORS):
        target = LONG_ACTORS[(i + 1) % len(LONG_ACTORS)]
        verb, rest = _ACTIONS[i % len(_ACTIONS)]
        paragraphs.append(
            f"On {i % 27 + 1} March 2025 the {actor} {verb} the {target} {rest}. "
            f"“The {target} has let everyone down and must change course,” the {actor} "
            f"said in a statement. Officials of the {actor} met the {target} in Geneva a "
            "week later."
        )
    return "\n\n".join(paragraphs)
