"""Quotation marks: find the quoted stretches of a text, whatever the mark style.

Handles "…", “…”, ‘…’, «…», „…“, ''…'' and ``…''; quotes running over several paragraphs
(an opening mark on each paragraph, the closing mark only at the end); and unbalanced marks,
which are repaired at the paragraph end or dropped, never raised on.
"""

from __future__ import annotations

from dataclasses import dataclass

# Marks that can only open, only close, or either (decided by context).
_OPEN_DOUBLE = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb"}
_CLOSE_DOUBLE = {"\u201d", "\u00bb"}
_SINGLE_OPEN = "\u2018"
_SINGLE_CLOSE = "\u2019"
# An unclosed quote is repaired (closed at the paragraph end) only when it is this long;
# shorter stray marks are dropped.
_MIN_REPAIR_CHARS = 20
_MAX_TAG_CHARS = 400


@dataclass(frozen=True)
class QuotedSegment:
    """A quoted stretch: `start`/`end` include the marks; `pieces` are per paragraph."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def multi_paragraph(self) -> bool:
        return len(self.pieces) > 1


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A straight mark at i opens when it follows a space/bracket and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _tag_end(text: str, i: int) -> int:
    """End of an HTML/XML-like tag starting at i (tweets embedded as markup), else -1."""
    j = text.find(">", i + 1, i + _MAX_TAG_CHARS)
    if j == -1:
        return -1
    inner = text[i + 1 : j]
    if not inner or not (inner[0].isalpha() or inner[0] == "/") or "\n" in inner or "<" in inner:
        return -1
    return j + 1


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.segments: list[QuotedSegment] = []
        self.open_at = -1  # position of the current opening mark
        self.closer = ""  # the mark that closes it ('"' / "''" / a curly one)
        self.pieces: list[tuple[int, int]] = []
        self.piece_start = -1
        self.single_open = -1
        self.nested = 0  # quotes nested inside the open one, in the other mark style

    def close(self, end: int, *, closed: bool = True) -> None:
        pieces = [*self.pieces, (self.piece_start, end)]
        self.segments.append(QuotedSegment(self.open_at, end, tuple(pieces), closed))
        self.open_at, self.closer, self.pieces, self.piece_start = -1, "", [], -1

    def open(self, i: int, closer: str) -> None:
        self.open_at, self.closer, self.pieces, self.piece_start = i, closer, [], i
        self.nested = 0

    def paragraph_break(self, i: int, next_start: int) -> None:
        """At a paragraph end with a quote still open: continue, repair or drop it."""
        self.single_open = -1
        if self.open_at < 0:
            return
        nxt = self.text[next_start : next_start + 2]
        continues = nxt[:1] in ('"', "\u201c", "\u201e", "\u00ab", "\u2018") or nxt == "''"
        if continues:
            self.pieces.append((self.piece_start, i))
            self.piece_start = -2  # set by the continuation mark
            return
        if self.piece_start >= 0 and i - self.piece_start >= _MIN_REPAIR_CHARS:
            self.close(i, closed=False)
        elif self.pieces:
            # Closed only by the paragraph structure: keep the paragraphs already seen.
            last_start, last_end = self.pieces[-1]
            self.pieces = self.pieces[:-1]
            self.piece_start = last_start
            self.close(last_end, closed=False)
        else:
            self.open_at, self.closer, self.pieces, self.piece_start = -1, "", [], -1

    def scan(self) -> list[QuotedSegment]:
        text = self.text
        n = len(text)
        i = 0
        while i < n:
            ch = text[i]
            if ch == "\n":
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if "\n" in text[i:j] and (j - i > 1 or True):
                    self.paragraph_break(i, j)
                i = j
                continue
            if ch == "<":
                end = _tag_end(text, i)
                if end > 0:
                    i = end
                    continue
            two = text[i : i + 2]
            if self.open_at >= 0 and self.piece_start == -2:
                # The continuation mark of a multi-paragraph quote.
                width = 2 if two in ("''", "``") else 1
                self.piece_start = i
                i += width
                continue
            if self.open_at >= 0:
                if self.closer == "''" and two == "''":
                    self.close(i + 2)
                    i += 2
                    continue
                if self.closer == '"' and ch == '"':
                    self.close(i + 1)
                elif self.closer == '"' and ch == "\u201c":
                    self.nested += 1  # curly quotes nested in a straight-quoted stretch
                elif self.closer == '"' and ch == "\u201d" and self.nested:
                    self.nested -= 1
                elif ch == self.closer or (ch in _CLOSE_DOUBLE and self.closer != "''"):
                    # A curly closing mark also ends a straight opening (mixed typing).
                    self.close(i + 1)
                elif ch == '"' and self.closer != '"' and _opens(text, i):
                    self.nested += 1  # straight quotes nested in a curly-quoted stretch
                elif ch == '"' and self.closer != '"' and self.nested:
                    self.nested -= 1
                elif ch == '"' and self.closer != '"':
                    # A straight mark closing a curly opening: typing inconsistency.
                    self.close(i + 1)
                i += 1
                continue
            # Nothing open.
            if ch in _OPEN_DOUBLE:
                self.open(i, _OPEN_DOUBLE[ch])
            elif ch == '"':
                self.open(i, '"')
            elif two in ("''", "``") and _opens(text, i, 2):
                self.open(i, "''")
                i += 2
                continue
            elif ch == "\u201d" and _opens(text, i):
                self.open(i, "\u201d")  # Scandinavian style ”…”
            elif ch == _SINGLE_OPEN and (i == 0 or not _is_word(text[i - 1])):
                self._single(i)
            i += 1
        if self.open_at >= 0:
            self.paragraph_break(n, n)
        return sorted(self.segments, key=lambda s: s.start)

    def _single(self, i: int) -> None:
        """A ‘…’ quote at top level: find its closing ’ (not an apostrophe) in the paragraph."""
        text = self.text
        stop = text.find("\n", i)
        stop = len(text) if stop == -1 else stop
        j = i + 1
        while j < stop:
            if text[j] == _SINGLE_CLOSE:
                after = text[j + 1] if j + 1 < len(text) else " "
                if not _is_word(after):
                    if j - i > 1:
                        self.segments.append(QuotedSegment(i, j + 1, ((i, j + 1),)))
                    return
            elif text[j] in '\u201c\u201d\u201e\u00ab\u00bb"':
                return  # a double mark inside: leave the single quote alone
            j += 1


def find_quoted_segments(text: str) -> list[QuotedSegment]:
    """All top-level quoted stretches of `text`, in order; never raises on odd marks."""
    segments = _Scanner(text).scan()
    # ‘…’ found inside a double-quoted stretch is nested: keep only the outer one.
    result: list[QuotedSegment] = []
    for seg in segments:
        if result and seg.start < result[-1].end:
            if seg.end > result[-1].end and len(seg.pieces) >= len(result[-1].pieces):
                continue
            continue
        result.append(seg)
    return result
