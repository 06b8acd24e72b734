"""Command line: ``textlab clean``, ``textlab compare``, ``textlab reproduce`` (and
``python -m textlab``).

Every subcommand reads through the one reader (:mod:`textlab.corpus`) and cleans through the
one engine (:mod:`textlab.engine`), so ``textlab clean DIR -o OUT`` gives the bodies
:func:`textlab.clean_corpus` gives, site furniture included. Errors a user can cause (a
missing path, a folder where a file is expected, undecodable bytes) become one line on stderr
naming the file and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from textlab.corpus import TextFileError
from textlab.paths import SEEDS_DIR

__all__ = ["main", "json_ready"]

EXIT_USAGE = 2


class CLIError(Exception):
    """A problem to report as one line and exit non-zero."""


def json_ready(value: object) -> object:
    """``value`` with every float NaN or infinity made None (JSON has no NaN), recursively
    through dicts, lists and tuples.

    Examples
    --------
    >>> json_ready({"score": float("nan"), "lines": [1.5, (float("inf"),)]})
    {'score': None, 'lines': [1.5, [None]]}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def _dump(obj: object, fh, *, indent: int | None = 2) -> None:
    json.dump(json_ready(obj), fh, ensure_ascii=False, indent=indent, allow_nan=False)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _cmd_clean(args: argparse.Namespace) -> int:
    from textlab.clean import clean
    from textlab.corpus import decode_bytes, read_file

    inputs = args.input
    one = inputs[0]
    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise CLIError(f"{name}: no such file or directory")
    if len(inputs) == 1 and (one == "-" or (Path(one).is_file() and not args.output)):
        if one == "-":
            decoded = decode_bytes(sys.stdin.buffer.read(), name="<stdin>",
                                   encoding=args.encoding, errors=args.errors)
        else:
            from textlab.corpus import _table_format

            if _table_format(Path(one)):
                raise CLIError(f"{one}: a table of documents; give -o OUT to clean each row "
                               "into its own file")
            decoded = read_file(one, encoding=args.encoding, errors=args.errors)
        if decoded.replaced:
            print(f"textlab: warning: {one}: replaced {decoded.replaced} undecodable byte(s)",
                  file=sys.stderr)
        if decoded.detected:
            print(f"textlab: note: {one}: decoded as {decoded.encoding} (detected)",
                  file=sys.stderr)
        result = clean(decoded.text)
        if result.warning:
            print(f"textlab: warning: {one}: {result.warning}", file=sys.stderr)
        if args.json:
            _dump(result.to_dict(), sys.stdout)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(result.body + ("\n" if result.body else ""))
        return 0
    if not args.output:
        raise CLIError(f"{one}: is a folder or several inputs; give -o OUT to write the "
                       "cleaned pages")
    return _clean_corpus(args)


def _clean_corpus(args: argparse.Namespace) -> int:
    from textlab.compare import reader_options
    from textlab.corpus import plan_corpus, summarize_problems
    from textlab.engine import Runner, RunReport, StepOptions, learn_furniture, run_batches

    src = args.input[0] if len(args.input) == 1 else args.input
    out = Path(args.output)
    for s in args.input:
        if Path(s).is_dir() and _is_inside(out, Path(s)):
            raise CLIError(f"{out}: refusing to write into the input folder; raw text is "
                           "never modified in place")
    if _is_inside(out, SEEDS_DIR):
        raise CLIError(f"{out}: refusing to write into seeds/; raw text is never modified "
                       "in place")
    plan = plan_corpus(src, **reader_options(args))
    runner = Runner(workers=args.workers, progress=False if args.quiet else None)
    furniture = learn_furniture(plan, by="source", runner=runner)
    opts = StepOptions(by="source", lines="all" if args.json else "none", keep_raw=False,
                       on_error="skip")
    report = RunReport(n_files=plan.n_documents,
                       furniture={g: len(h) for g, h in furniture.items()})
    noted = []
    out.mkdir(parents=True, exist_ok=True)
    for r in run_batches(plan, furniture=furniture, options=opts, runner=runner):
        report.add(r, by="source")
        docs = r.docs
        noted.append(docs[docs["problem"].astype(str) != ""][["doc_id", "path", "problem"]])
        per_doc = dict(tuple(r.lines.groupby("doc_id", sort=False))) if args.json else {}
        for row in docs.itertuples(index=False):
            target = _target(out, str(row.doc_id), ".json" if args.json else ".txt")
            if args.json:
                lines = per_doc.get(row.doc_id)
                record = {k: getattr(row, k) for k in ("doc_id", "source", "title", "byline",
                                                       "date", "date_parsed", "body",
                                                       "warning") if hasattr(row, k)}
                record["lines"] = ([] if lines is None else
                                   lines.drop(columns=["doc_id", "source"]).to_dict("records"))
                with open(target, "w", encoding="utf-8") as fh:
                    _dump(record, fh, indent=1)
            else:
                target.write_text(row.body + "\n", encoding="utf-8")
    import pandas as pd

    problems = summarize_problems(pd.concat(noted, ignore_index=True) if noted else
                                  pd.DataFrame(columns=["doc_id", "path", "problem"]),
                                  report.skipped)
    warnings = problems + [w for w in report.warnings if "skipped" not in w]
    total = report.n_docs + len(report.skipped)
    print(f"cleaned {report.n_docs} of {total} document(s) into {out}", file=sys.stderr)
    if report.furniture:
        print(f"site furniture learned for {len(report.furniture)} source(s)", file=sys.stderr)
    reasons: Counter = Counter()
    for (_, why), n in report.dropped.items():
        reasons[why] += n
    if reasons:
        print("lines dropped, by reason:", file=sys.stderr)
        for reason, n in reasons.most_common():
            print(f"  {n:7d}  {reason}", file=sys.stderr)
    for w in warnings:
        print(f"textlab: warning: {w}", file=sys.stderr)
    print(f"{len(warnings)} warning(s)", file=sys.stderr)
    return 0 if report.n_docs or not total else 1


def _target(out: Path, doc_id: str, suffix: str) -> Path:
    """``OUT/<doc_id><suffix>``; ids from subfolders keep their folders, and an id cannot
    climb out of ``out``."""
    parts = [p for p in doc_id.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    target = out.joinpath(*parts).with_name(parts[-1] + suffix) if parts else out / suffix
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _cmd_reproduce(args: argparse.Namespace) -> int:
    from textlab.notebooks import execute_notebooks

    execute_notebooks(pattern=args.pattern)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from textlab.compare import add_reader_arguments, add_subparser

    parser = argparse.ArgumentParser(prog="textlab", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="print a page's article body (or clean a corpus)",
                       description="Clean a scraped plain-text page: print its article body, "
                                   "or with --json the title, byline, date, body and the "
                                   "decision for every line. A folder or table file(s) need "
                                   "-o OUT: each document is cleaned with the furniture "
                                   "learned from its source's pages, as clean_corpus does.")
    p.add_argument("input", nargs="+",
                   help="a page, '-' for stdin, a folder of pages, or table file(s)")
    p.add_argument("-o", "--output", help="folder for the cleaned documents")
    p.add_argument("--json", action="store_true", help="the whole result as JSON")
    add_reader_arguments(p)
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("reproduce", help="execute every notebook in place and rewrite figures/")
    p.add_argument("--pattern", default="*.ipynb", help="notebooks to run (default: all)")
    p.set_defaults(func=_cmd_reproduce)

    add_subparser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CLIError, TextFileError, ValueError) as exc:
        print(f"textlab: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("textlab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
