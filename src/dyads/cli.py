"""The ``dyads`` command: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from dyads import __version__
from dyads.analysis import format_summary
from dyads.pipeline import Pipeline
from dyads.store import EXPORTS, StoreError, default_db_path, open_store
from dyads.types import InputError


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, metavar="FILE",
                        help=f"database file (default: $DYADS_DB or {default_db_path()})")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="dyads",
        description="Turn news articles into evidence-linked political event data (CAMEO/PLOVER).",
    )
    parser.add_argument("--version", action="version", version=f"dyads {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", help="process articles into the database",
                              description="Extract, parse, link actors, date and code events for every article "
                                          "under PATH (files, folders, .txt/.html/.jsonl/.warc, gzip), and store "
                                          "them. Articles already stored (same content hash) are skipped.")
    run.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    _add_db(run)
    run.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    run.add_argument("--kb", action="append", default=[], metavar="FILE",
                     help="extra knowledge-base JSONL file (repeatable)")
    run.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                     help="extra event-pattern YAML file (repeatable)")
    run.add_argument("--periods", default=None, metavar="FILE", help="extra named-period YAML file")
    run.add_argument("--batch-size", type=int, default=32, help="documents per transaction (default 32)")

    extract = commands.add_parser("extract", help="extract article bodies and metadata only (no NLP)",
                                  description="Print one JSON object per article: source, external_id, url, "
                                              "title, authors, published, published_precision, site_date, "
                                              "language, text and method.")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--jsonl", action="store_true", help="one compact JSON object per line (default)")
    extract.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default stdout)")

    export = commands.add_parser("export", help="export a table as JSONL, CSV or Parquet",
                                 description="Export documents, actors, mentions or events.")
    export.add_argument("table", choices=sorted(EXPORTS))
    export.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    export.add_argument("-o", "--output", default=None, metavar="FILE",
                        help="output file (default: TABLE.FORMAT in the current folder)")
    _add_db(export)

    stats = commands.add_parser("stats", help="print row counts and top dyads")
    _add_db(stats)
    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    pipeline = Pipeline(db=args.db, kb_files=tuple(args.kb), dictionary_files=tuple(args.dictionary),
                        periods_file=args.periods, batch_size=args.batch_size, quiet=args.quiet)
    summary = pipeline.run(args.paths)
    if not args.quiet:
        print(format_summary(summary))
    return 1 if summary.failed else 0


def _cmd_extract(args: argparse.Namespace) -> int:
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    failed = False
    try:
        for item in Pipeline().extract(args.paths):
            if isinstance(item, InputError):
                print(f"error: {item}", file=sys.stderr)
                failed = True
                continue
            record = asdict(item)
            record.pop("content_hash")
            record.pop("duplicate_of")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


def _cmd_export(args: argparse.Namespace) -> int:
    output = args.output or f"{args.table}.{args.format}"
    with open_store(args.db, read_only=True) as store:
        rows = store.export(args.table, args.format, output)
    print(f"exported {rows} {args.table} rows to {output}", file=sys.stderr)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True) as store:
        for table, count in store.counts().items():
            print(f"{table:18} {count}")
        for source, target, n, goldstein in store.top_dyads():
            print(f"dyad {source:>4} -> {target:<4} {n:5d} events, mean Goldstein {goldstein:+.2f}")
    return 0


COMMANDS = {"run": _cmd_run, "extract": _cmd_extract, "export": _cmd_export, "stats": _cmd_stats}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dyads`` console command."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every committed batch is stored; rerun to finish", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
