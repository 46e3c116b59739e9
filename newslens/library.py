"""The library of saved analyses in a local SQLite database. (Placeholder.)"""

from __future__ import annotations

from newslens.model import Analysis


class Library:
    def __init__(self, path: str | None = None) -> None:
        self.path = path

    def save(self, analysis: Analysis) -> str:
        raise NotImplementedError("the library is not built yet")
