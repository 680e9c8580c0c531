"""The ``dyads`` command: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from dyads import __version__
from dyads.analysis import format_summary, queries
from dyads.analysis.resolve import UnknownActorError
from dyads.extract.language import language_code
from dyads.kb.base import KnowledgeBaseError, load_knowledge_base, search_actors, state_wikidata_ids
from dyads.kb.importers import read_actor_file
from dyads.pipeline import Pipeline
from dyads.store import EXPORTS, READ_WAIT_SECONDS, StoreError, default_db_path, gdelt, open_store
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
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="worker processes for parsing and coding (default: all cores)")
    run.add_argument("--max-mb", type=float, default=50.0,
                     help="largest item in MB, after decompression (default 50): a file read whole, one JSONL "
                          "line, one WARC record; a larger one is refused with one error and the rest goes on")
    run.add_argument("--timings", action="store_true",
                     help="print seconds per stage (this process) as a JSON line on stderr")
    run.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                     help="run the stages as Ray tasks: on a local Ray instance with --workers CPUs, or on the "
                          "cluster at ADDRESS ('auto', 'ray://host:10001'); PATH may be an fsspec URL "
                          "(s3://, gs://, http(s)://, a Common Crawl *.paths.gz listing)")
    run.add_argument("--shards", default=None, metavar="DIR",
                     help="with --ray: folder of the Parquet shards the tasks write (default: DB.shards); "
                          "a rerun skips tasks whose shards exist")
    run.add_argument("--files-per-task", type=int, default=32, metavar="N",
                     help="with --ray: small files per task (default 32; a WARC is always a task of its own)")
    run.add_argument("--no-load", action="store_true",
                     help="with --ray: keep the shards as a Parquet dataset (query it in place with DuckDB) "
                          "instead of loading them into the database")

    extract = commands.add_parser("extract", help="extract article bodies and metadata only (no NLP)",
                                  description="Print one JSON object per article: source, external_id, url, "
                                              "title, authors, published, published_precision, site_date, "
                                              "language, text and method.")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--jsonl", action="store_true", help="one compact JSON object per line (default)")
    extract.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default stdout)")

    code = commands.add_parser("code", help="code your own sentences (JSONL in, JSONL out)",
                               description='Read JSONL lines {"id", "text", "date", "language"} (date: the '
                                           "publication date that relative time expressions resolve against; "
                                           "language: ISO 639-1 code, optional, identified from the text when "
                                           'absent) and write one line per input: {"id", "language", "events": '
                                           "[...]} with the fields of the events export.")
    code.add_argument("file", nargs="?", default="-", help="input JSONL file, or - for standard input (default)")

    export = commands.add_parser("export", help="export a table as JSONL, CSV, Parquet, GDELT or PLOVER",
                                 description="Export documents, actors, mentions or events. For events, "
                                             "--format gdelt writes GDELT 2.0 Events and Mentions files "
                                             "(OUTPUT.export.CSV, OUTPUT.mentions.CSV) and --format plover "
                                             "PLOVER JSON lines.")
    export.add_argument("table", choices=sorted(EXPORTS))
    export.add_argument("--format", choices=["jsonl", "csv", "parquet", "gdelt", "plover"], default="jsonl")
    export.add_argument("-o", "--output", default=None, metavar="FILE",
                        help="output file, or file prefix for gdelt (default: TABLE.FORMAT here)")
    _add_db(export)

    gdelt_import = commands.add_parser("import-gdelt", help="load GDELT 2.0 event files to compare with dyads' events",
                                description="Load GDELT 2.0 events files (tab-separated, 61 columns) into the "
                                            "store; 'dyads dyad A B --compare gdelt' then shows both series.")
    gdelt_import.add_argument("files", nargs="+", metavar="FILE")
    _add_db(gdelt_import)

    stats = commands.add_parser("stats", help="print row counts and top dyads")
    _add_db(stats)

    modes_help = "comma-separated modes to count (default: all but negated and hypothetical)"
    dyad = commands.add_parser("dyad", help="time series of events between two actors",
                               description="Events between A and B (both directions) per period: counts by "
                                           "QuadClass, Goldstein sum and mean. A and B are names, actor ids "
                                           "or CAMEO codes (Russia, raisi_ebrahim, IRNGOV).")
    dyad.add_argument("a")
    dyad.add_argument("b")
    dyad.add_argument("--by", choices=["day", "week", "month", "year"], default="month")
    dyad.add_argument("--since", metavar="DATE")
    dyad.add_argument("--until", metavar="DATE")
    dyad.add_argument("--modes", help=modes_help)
    dyad.add_argument("--plot", metavar="FILE", help="also draw the series to FILE.png or FILE.svg")
    dyad.add_argument("--compare", choices=["gdelt"], help="also show the same dyad in imported GDELT events")
    _add_output(dyad)
    _add_db(dyad)

    actor = commands.add_parser("actor", help="profile, roles, partners and timeline of an actor")
    actor.add_argument("name")
    actor.add_argument("--limit", type=int, default=30, help="timeline length (default 30)")
    _add_output(actor)
    _add_db(actor)

    events = commands.add_parser("events", help="list coded events with their evidence")
    events.add_argument("--source", help="source actor: name, actor id or code")
    events.add_argument("--target", help="target actor: name, actor id or code")
    events.add_argument("--code", help="CAMEO event code prefix (04, 042, 1411)")
    events.add_argument("--since", metavar="DATE")
    events.add_argument("--until", metavar="DATE")
    events.add_argument("--mode", help=modes_help)
    events.add_argument("--language", metavar="CODES",
                        help="document languages, ISO 639-1, comma-separated (ru or ru,ar,fa)")
    events.add_argument("--limit", type=int, default=50)
    _add_output(events)
    _add_db(events)

    search = commands.add_parser("search", help="full-text search over articles and evidence sentences")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20)
    _add_output(search)
    _add_db(search)

    kb = commands.add_parser("kb", help="look up and extend the knowledge base of actors",
                             description="The bundled knowledge base (states, organisations, office holders, "
                                         "cities, towns, regions, seas and straits) plus the actors imported "
                                         "into the database.")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_show = kb_commands.add_parser("show", help="an actor by any of its names, with aliases and dated roles")
    kb_show.add_argument("name")
    _add_db(kb_show)
    kb_search = kb_commands.add_parser("search", help="actors whose names resemble TEXT")
    kb_search.add_argument("text")
    kb_search.add_argument("--limit", type=int, default=10)
    _add_db(kb_search)
    kb_import = kb_commands.add_parser("import", help="import actors from JSONL, CSV or a Wikidata JSON dump",
                                       description="Import actors into the database (the same actor id replaces "
                                                   "an earlier import). Formats: our JSONL, CSV (actor_id, name, "
                                                   "type, country, codes, aliases, wikidata, lat, lon, roles), "
                                                   "or a Wikidata JSON dump (.json, .json.gz, .json.bz2).")
    kb_import.add_argument("files", nargs="+", metavar="FILE")
    _add_db(kb_import)

    serve = commands.add_parser("serve", help="start the web explorer",
                                description="Dashboards, dyad and actor pages, events with their evidence, "
                                            "search, and a JSON API under /api (OpenAPI at /openapi.json).")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    _add_db(serve)

    sql = commands.add_parser("sql", help="run a read-only SQL query on the database")
    sql.add_argument("query")
    _add_output(sql)
    _add_db(sql)
    return parser


def _add_output(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="one JSON document: an array of rows")
    group.add_argument("--nl", action="store_true", help="newline-delimited JSON: one row per line")
    group.add_argument("--csv", action="store_true", help="CSV instead of a table")


#: How a period of each length prints: the period it is, not the midnight that starts it.
PERIOD_FORMATS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


def _machine_output(args: argparse.Namespace) -> bool:
    return bool(args.json or args.nl or args.csv)


def _with_periods(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """The frame with its periods and dates printable as what they are: the ``period`` column as
    the period (2024-05 by month, 2024 by year), and a date column (DuckDB's DATE arrives in pandas
    as midnight timestamps) as ISO days."""
    if frame.empty:
        return frame
    frame = frame.copy()
    if by is not None and "period" in frame.columns:
        frame["period"] = pd.to_datetime(frame["period"]).dt.strftime(PERIOD_FORMATS[by])
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values) and (values.dropna() == values.dropna().dt.normalize()).all():
            frame[column] = values.dt.strftime("%Y-%m-%d").where(values.notna(), None)
    return frame


def _json_value(value):
    """A value json.dumps cannot write itself: numpy scalars and arrays, dates, timestamps."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _json_rows(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: missing values (None, NaN, NaT) as null."""
    # pandas' to_json writes DATE columns as epoch numbers; rows through json.dumps keep them ISO
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def _print_frame(frame, args: argparse.Namespace, title: str | None = None, by: str | None = None) -> None:
    frame = _with_periods(frame, by)
    if args.json:
        sys.stdout.write(json.dumps(_json_rows(frame), ensure_ascii=False, default=_json_value) + "\n")
    elif args.nl:
        for row in _json_rows(frame):
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")
    elif args.csv:
        frame.to_csv(sys.stdout, index=False)
    else:
        if title:
            print(title)
        if frame.empty:
            print("  (nothing)")
            return
        with pd.option_context("display.max_colwidth", 80, "display.width", 200, "display.max_rows", 500):
            print(frame.to_string(index=False))


def _modes(text: str | None) -> tuple[str, ...] | None:
    return tuple(m.strip() for m in text.split(",") if m.strip()) if text else None


def _cmd_run(args: argparse.Namespace) -> int:
    pipeline = Pipeline(db=args.db, kb_files=tuple(args.kb), dictionary_files=tuple(args.dictionary),
                        periods_file=args.periods, batch_size=args.batch_size, workers=max(1, args.workers),
                        max_bytes=int(args.max_mb * 1024 * 1024), quiet=args.quiet)
    if args.ray:
        from dyads.scale import run_on_ray

        summary = run_on_ray(pipeline, args.paths, address=None if args.ray == "local" else args.ray,
                             shard_folder=args.shards, load=not args.no_load,
                             files_per_task=max(1, args.files_per_task))
    else:
        summary = pipeline.run(args.paths)
    if not args.quiet:
        print(format_summary(summary))
    if args.timings:
        seconds = {stage: round(value, 3) for stage, value in pipeline.stage_seconds.items()}
        print("timings: " + json.dumps({"total": round(summary.seconds, 3), **seconds}), file=sys.stderr)
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
    if args.format in ("gdelt", "plover") and args.table != "events":
        print(f"error: --format {args.format} exports events only", file=sys.stderr)
        return 2
    output = args.output or (args.table if args.format == "gdelt" else f"{args.table}.{args.format}")
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        if args.format == "gdelt":
            events_path, mentions_path, rows = gdelt.export_gdelt(store, output)
            print(f"exported {rows} GDELT events to {events_path} and their mentions to {mentions_path}",
                  file=sys.stderr)
            return 0
        rows = gdelt.export_plover(store, output) if args.format == "plover" else \
            store.export(args.table, args.format, output)
    print(f"exported {rows} {args.table} rows to {output}", file=sys.stderr)
    return 0


def _cmd_import_gdelt(args: argparse.Namespace) -> int:
    failed = False
    with open_store(args.db) as store:
        for path in args.files:
            try:
                print(f"{path}: {gdelt.import_gdelt(store, path)} GDELT events loaded", file=sys.stderr)
            except StoreError as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


def _cmd_stats(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        for table, count in store.counts().items():
            print(f"{table:18} {count}")
        for language, (documents, events) in store.language_counts().items():
            print(f"language {language:9} {documents} documents, {events} events")
        for source, target, n, goldstein in store.top_dyads():
            print(f"dyad {source:>4} -> {target:<4} {n:5d} events, mean Goldstein {goldstein:+.2f}")
    return 0


def _cmd_dyad(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        frame = queries.dyad(store, args.a, args.b, by=args.by, since=args.since, until=args.until,
                             modes=_modes(args.modes))
    theirs = None
    if args.compare == "gdelt":
        with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
            theirs = queries.gdelt_dyad(store, args.a, args.b, by=args.by, since=args.since, until=args.until)
    if _machine_output(args) and theirs is not None:
        # one document for both series: each row says which it belongs to
        both = pd.concat([frame.assign(series="dyads"), theirs.assign(series="gdelt")], ignore_index=True)
        _print_frame(both, args, by=args.by)
    else:
        _print_frame(frame, args, f"{args.a} <-> {args.b} by {args.by}", by=args.by)
        if theirs is not None:
            _print_frame(theirs, args, f"GDELT: {args.a} <-> {args.b} by {args.by}", by=args.by)
    if args.plot:
        from dyads.analysis.plot import plot_dyad

        plot_dyad(frame, f"{args.a} <-> {args.b}", args.plot, by=args.by)
        print(f"plot written to {args.plot}", file=sys.stderr)
    return 0


def _cmd_actor(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        profile = queries.actor_profile(store, args.name, limit=args.limit)
    if _machine_output(args):
        _print_frame(profile.timeline, args)
        return 0
    actor = profile.actor
    if actor is not None:
        print(f"{actor.name} [{actor.actor_id}] {actor.type}, country {actor.country or '-'}, "
              f"codes {', '.join(actor.codes) or '-'}")
        if actor.aliases:
            print(f"  also: {', '.join(actor.aliases[:12])}")
        for role in actor.roles:
            print(f"  {role.title} ({role.country or '-'}) {role.start or '?'} .. {role.end or 'now'}")
    else:
        print(profile.label)
    _print_frame(profile.partners, args, "top partners:")
    columns = ["date", "source_code", "cameo", "target_code", "mode", "sentence"]
    _print_frame(profile.timeline[columns], args, "timeline:")
    return 0


def _cmd_events(args: argparse.Namespace) -> int:
    try:
        language = queries.languages(args.language)
    except ValueError as exc:
        print(f"error: --language: {exc}", file=sys.stderr)
        return 2
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        frame = queries.events(store, source=args.source, target=args.target, code=args.code, since=args.since,
                               until=args.until, modes=_modes(args.mode), language=language,
                               limit=args.limit)
    if not _machine_output(args):
        frame = frame[["date", "language", "source_code", "cameo", "target_code", "goldstein", "mode", "sentence"]]
    _print_frame(frame, args)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        _print_frame(queries.search(store, args.text, args.limit), args)
    return 0


def _cmd_sql(args: argparse.Namespace) -> int:
    with open_store(args.db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as store:
        _print_frame(queries.sql(store, args.query), args)
    return 0


#: How close a misspelt name must be to a known one for 'kb show' to answer with it (rapidfuzz ratio).
FUZZY_SHOW_MIN = 85.0


def _load_kb(db: str | None, write: bool = False):
    path = db or default_db_path()
    if not write and not Path(path).exists():
        return load_knowledge_base()
    with open_store(path, read_only=not write) as store:
        return load_knowledge_base(extra_records=store.kb_records())


def _print_actor(actor) -> None:
    print(f"{actor.name} [{actor.actor_id}] {actor.type}, country {actor.country or '-'}, "
          f"codes {', '.join(actor.codes) or '-'}, wikidata {actor.wikidata or '-'}")
    if actor.aliases:
        print(f"  aliases: {', '.join(actor.aliases)}")
    for role in actor.roles:
        where = f"{role.country or '-'}, {role.sector or '-'}"
        print(f"  {role.title} ({where}) {role.start or '?'} .. {role.end or 'now'}")
    if actor.lat is not None:
        print(f"  at {actor.lat:.4f}, {actor.lon:.4f}")


def _cmd_kb(args: argparse.Namespace) -> int:
    if args.kb_command == "import":
        failed = False
        with open_store(args.db) as store:
            states = state_wikidata_ids(load_knowledge_base(with_cities=False))
            for path in args.files:
                try:
                    count = store.save_kb_records(read_actor_file(path, states), path)
                    print(f"{path}: {count} actors imported", file=sys.stderr)
                except (KnowledgeBaseError, OSError, UnicodeDecodeError) as exc:
                    print(f"error: {path}: {exc}", file=sys.stderr)
                    failed = True
        return 1 if failed else 0
    kb = _load_kb(args.db)
    if args.kb_command == "show":
        found = kb.lookup(args.name)
        if not found:  # a misspelling ("Mahshad"): the closest name, if it is close
            found = [actor for actor, score in search_actors(kb, args.name, 1) if score >= FUZZY_SHOW_MIN]
            if found:
                print(f"({args.name!r} is not a known name; closest: {found[0].name})")
        if not found:
            print(f"error: no actor named {args.name!r} (try 'dyads kb search')", file=sys.stderr)
            return 1
        for actor in found:
            _print_actor(actor)
        return 0
    for actor, score in search_actors(kb, args.text, args.limit):
        print(f"{score:5.1f}  {actor.name} [{actor.actor_id}] {actor.type} {actor.country or '-'}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from dyads.web import serve

    db = args.db or default_db_path()
    with open_store(db, read_only=True):
        pass  # a clear error now, not on the first page
    print(f"dyads explorer on http://{args.host}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    serve(db, host=args.host, port=args.port)
    return 0


def _cmd_code(args: argparse.Namespace) -> int:
    source = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    records, failed = [], False
    with source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError("needs a 'text' string")
                if record.get("language") is not None:
                    if not isinstance(record["language"], str):
                        raise ValueError("'language' must be a string such as 'ru'")
                    record["language"] = language_code(record["language"])
            except (json.JSONDecodeError, ValueError) as exc:
                print(f"error: {args.file}#{number}: {exc}", file=sys.stderr)
                failed = True
                continue
            record.setdefault("id", str(number))
            records.append(record)
    for result in Pipeline(quiet=True).code(records):
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 1 if failed else 0


COMMANDS = {"run": _cmd_run, "extract": _cmd_extract, "export": _cmd_export, "stats": _cmd_stats,
            "dyad": _cmd_dyad, "import-gdelt": _cmd_import_gdelt, "actor": _cmd_actor, "events": _cmd_events,
            "search": _cmd_search, "sql": _cmd_sql, "kb": _cmd_kb, "serve": _cmd_serve, "code": _cmd_code}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dyads`` console command."""
    args = build_parser().parse_args(argv)
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # here, not at exit, so that a reader gone early is caught below
        return status
    except BrokenPipeError:
        return _stdout_closed()
    except (StoreError, UnknownActorError, KnowledgeBaseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every committed batch is stored; rerun to finish", file=sys.stderr)
        return 130


#: The status of a command whose reader went away (``dyads sql ... | head``): 128 + SIGPIPE, as
#: the shell reports for programs that die of the signal.
STDOUT_CLOSED_STATUS = 141


def _stdout_closed() -> int:
    """Quit quietly once stdout's reader has gone: what was written is all the reader wanted.
    Python ignores SIGPIPE, so a write raises BrokenPipeError instead; stdout is pointed at
    /dev/null so that the interpreter's own flush at exit cannot raise it a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file descriptor (tests capture it)
        pass
    return STDOUT_CLOSED_STATUS


if __name__ == "__main__":
    sys.exit(main())
