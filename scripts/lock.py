"""Write constraints.txt: the installed version of every package that requirements-dev.txt
pulls in (itself, requirements.txt and their dependencies, extras included), so that
scripts/setup.sh installs the versions the tests passed with.

    .venv/bin/python scripts/lock.py        # after changing a requirement and testing
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
TOP = ROOT / "requirements-dev.txt"
OUT = ROOT / "constraints.txt"


def _top_level(path: Path) -> list[Requirement]:
    """The requirements of a requirements file, following `-r` includes."""
    out: list[Requirement] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r"):
            out.extend(_top_level(path.parent / line[2:].strip()))
        elif not line.startswith("-"):
            out.append(Requirement(line))
    return out


def closure(requirements: list[Requirement]) -> dict[str, str]:
    """Canonical name -> installed version of every package the requirements need."""
    found: dict[str, str] = {}
    todo = [(r, frozenset(r.extras)) for r in requirements]
    seen_extras: dict[str, set[str]] = {}
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        done = seen_extras.setdefault(name, set())
        if name in found and extras <= done:
            continue
        done.update(extras)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"lock: {req.name} is required but not installed")
        found[name] = dist.version
        for text in dist.requires or []:
            dep = Requirement(text)
            if dep.marker is None:
                todo.append((dep, frozenset(dep.extras)))
                continue
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if any(dep.marker.evaluate(env) for env in envs):
                todo.append((dep, frozenset(dep.extras)))
    return found


def main() -> int:
    found = closure(_top_level(TOP))
    lines = [
        "# Versions the test suite passed with; scripts/setup.sh installs with -c constraints.txt.",
        "# Regenerate with: .venv/bin/python scripts/lock.py",
    ]
    lines += [f"{name}=={found[name]}" for name in sorted(found)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"lock: {len(found)} packages -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
