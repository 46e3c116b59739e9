"""Build progress on stderr: a bar with articles/s and ETA on a terminal, plain lines
(at most one every few seconds, and the last) otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 30
PLAIN_EVERY_S = 5.0


class Progress:
    def __init__(self, *, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.t0 = time.perf_counter()
        self.last_line = 0.0

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.t0
        rate = done / elapsed if elapsed > 0 and done else 0.0
        eta = (total - done) / rate if rate else None
        figures = f"{done}/{total} articles, {rate:.1f} articles/s" + (
            f", ETA {_duration(eta)}" if eta is not None and done < total else ""
        )
        if self.tty:
            filled = int(BAR_WIDTH * done / total) if total else BAR_WIDTH
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            end = "\n" if done >= total else ""
            print(f"\r[{bar}] {figures}   ", end=end, file=self.stream, flush=True)
        elif done >= total or elapsed - self.last_line >= PLAIN_EVERY_S or done == 0:
            self.last_line = elapsed
            print(f"corpus: {figures}", file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
