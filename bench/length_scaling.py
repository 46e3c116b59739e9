"""Time and memory against article length: the whole analysis of one article of 100 k and
of 400 k characters (the same news paragraphs repeated), stage by stage.

    .venv/bin/python bench/length_scaling.py [--sizes 100000 400000] [--profile]

Goal (issue 15): time grows linearly with length, 400 k characters <= 5 x the time of 100 k,
and a 1 M-character article (`--sizes 1000000`) in <= 60 s. Each size runs in a fresh
process so that peak RSS is its own. CPU time is printed beside wall time: on a shared
machine the CPU ratio is the one other people's load does not skew.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import ROOT, SAMPLES, thousand_word_article

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from newslens.model import Meta
from newslens.nlp import load_nlp
from newslens.pipeline import analyze_text
text = open({path!r}, encoding="utf-8").read()
nlp = load_nlp()
nlp("warm up the model.")
t0, c0 = time.perf_counter(), time.process_time()
analysis = analyze_text(text, nlp=nlp, meta=Meta(published="2025-05-20"))
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "cpu": cpu, "rss_mb": rss, "timings": analysis.timings}}))
"""


def article(chars: int) -> str:
    """About `chars` characters of real news paragraphs (repeated), cut at a paragraph."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    unit = thousand_word_article(texts, sep="\n\n")
    text = ""
    while len(text) < chars:
        text += unit + "\n\n"
    return text[:chars].rsplit("\n\n", 1)[0]


def run(chars: int, *, profile: bool) -> dict:
    path = f"/tmp/newslens-length-{chars}.txt"
    with open(path, "w", encoding="utf-8") as f:
        f.write(article(chars))
    code = _CHILD.format(root=str(ROOT), path=path)
    cmd = [sys.executable, "-c", code]
    if profile:
        prof = f"/tmp/newslens-length-{chars}.prof"
        script = f"/tmp/newslens-length-{chars}.py"
        with open(script, "w", encoding="utf-8") as f:
            f.write(code)
        cmd = [sys.executable, "-m", "cProfile", "-o", prof, script]
        print(f"profile: {prof}", file=sys.stderr)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000])
    parser.add_argument("--profile", action="store_true", help="write a cProfile per size")
    args = parser.parse_args()
    results = {}
    for chars in args.sizes:
        result = run(chars, profile=args.profile)
        results[chars] = result
        stages = ", ".join(f"{k} {v:.1f}" for k, v in result["timings"].items())
        print(
            f"{chars:>9,} chars: {result['seconds']:6.1f} s ({result['cpu']:.1f} s CPU), peak RSS "
            f"{result['rss_mb']:6.0f} MB ({stages})"
        )
    if len(args.sizes) >= 2:
        small, big = args.sizes[0], args.sizes[-1]
        wall = results[big]["seconds"] / results[small]["seconds"]
        cpu = results[big]["cpu"] / results[small]["cpu"]
        print(
            f"time ratio {big:,}/{small:,} chars: {wall:.2f} wall, {cpu:.2f} CPU "
            f"(length ratio {big / small:.1f}; goal <= 5)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
