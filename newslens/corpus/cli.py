"""`python -m newslens corpus build|info|query`: the corpus commands (registered by
`newslens.cli`). Errors are one line on stderr with a non-zero exit, as everywhere."""

from __future__ import annotations

import argparse
import json
import sys
from typing import cast

from newslens.cli import print_error

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    corpus = sub.add_parser("corpus", help="build and query a corpus store (Parquet + DuckDB)")
    commands = corpus.add_subparsers(dest="corpus_command", required=True)

    build = commands.add_parser("build", help="analyse folders/JSONL into a corpus folder")
    build.add_argument("sources", nargs="*", help="folders, article files or .jsonl files")
    build.add_argument("--corpus", required=True, help="the corpus folder (created or resumed)")
    engine = build.add_mutually_exclusive_group()
    engine.add_argument(
        "--workers", type=int, default=None, help="local worker processes (default: all cores)"
    )
    engine.add_argument("--dask", metavar="local:N|tcp://HOST:8786", help="run the shards on Dask")
    build.add_argument(
        "--shard-size",
        type=int,
        default=None,
        help="articles per shard (default: input/16, 8 to 200)",
    )
    build.add_argument("--model", help="spaCy model name")
    build.add_argument("--outlet", help="outlet of articles whose input names none")
    build.add_argument(
        "--polnear-ids",
        action="store_true",
        help="read outlet and date from ids like nyt_2016-09-12_slug when a line has none",
    )
    build.add_argument(
        "--from-library", action="store_true", help="also export the saved library's analyses"
    )
    build.add_argument("--library", help="library database path (with --from-library)")
    build.set_defaults(func=cmd_build)

    info = commands.add_parser("info", help="counts, date range, outlets and errors")
    info.add_argument("corpus")
    info.add_argument("--format", choices=("text", "json"), default="text")
    info.set_defaults(func=cmd_info)

    from newslens.corpus import QUERY_NAMES

    query = commands.add_parser("query", help="a named query as CSV or JSON")
    query.add_argument("corpus")
    query.add_argument("name", choices=QUERY_NAMES)
    query.add_argument("--actor", help="the actor (stance, stance-evidence, cooccurrence)")
    query.add_argument("--outlet")
    query.add_argument("--start", help="first publication date YYYY-MM-DD")
    query.add_argument("--end", help="last publication date YYYY-MM-DD")
    query.add_argument("--format", choices=("csv", "json"), default="csv")
    query.set_defaults(func=cmd_query)


def cmd_build(args: argparse.Namespace) -> int:
    import os

    from newslens.corpus.build import build
    from newslens.corpus.progress import Progress

    if not args.sources and not args.from_library:
        print_error("nothing to build: give folders, files or .jsonl, or --from-library")
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print_error("--workers must be at least 1")
        return EXIT_USAGE
    if args.dask and not (args.dask.startswith("local") or "://" in args.dask):
        print_error(f"--dask {args.dask!r}: give local:N or a scheduler address tcp://HOST:8786")
        return EXIT_USAGE
    workers = args.workers or (1 if args.dask else os.cpu_count() or 1)
    summary = build(
        args.sources,
        args.corpus,
        workers=workers,
        dask=args.dask,
        model=args.model,
        shard_size=args.shard_size,
        outlet=args.outlet,
        polnear_ids=args.polnear_ids,
        from_library=args.from_library,
        library=args.library,
        progress=Progress(),
    )
    print(
        f"corpus {summary.corpus}: {summary.articles} articles analysed "
        f"({summary.articles_per_second:.2f}/s, {summary.engine}), {summary.errors} errors, "
        f"{summary.shards_skipped} shards already done, {summary.already_stored} articles "
        f"already stored, {summary.duplicates} duplicates skipped",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT if summary.errors else 0


def cmd_info(args: argparse.Namespace) -> int:
    from newslens.corpus.queries import QueryError, info

    try:
        facts = info(args.corpus)
    except QueryError as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    if args.format == "json":
        print(json.dumps(facts, indent=1))
        return 0
    counts = facts["counts"]
    print(f"corpus {args.corpus}")
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(
        f"published: {facts['first_published'] or '-'} to {facts['last_published'] or '-'}"
        f" ({facts['undated_articles']} undated)"
    )
    print("outlets: " + ", ".join(f"{o} {n:,}" for o, n in facts["outlets"].items()))
    print(f"errors: {counts['errors']}")
    for error in facts["errors"]:
        print(f"  {error['source']} ({error['stage']}): {error['reason']}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from newslens.corpus.queries import QueryError, run_named

    try:
        frame = run_named(
            args.corpus,
            args.name,
            actor=args.actor,
            outlet=args.outlet,
            start=args.start,
            end=args.end,
        )
    except QueryError as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    for column in frame.columns:  # dates as YYYY-MM-DD, not timestamps
        if str(frame[column].dtype).startswith("datetime64"):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if args.format == "json":
        records = frame.to_json(orient="records", date_format="iso", force_ascii=False)
        sys.stdout.write(cast(str, records))  # a str: no path was given
        sys.stdout.write("\n")
    else:
        frame.to_csv(sys.stdout, index=False)
    return 0
