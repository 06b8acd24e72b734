"""Command line: ``textlab clean``, ``textlab reproduce`` (and ``python -m textlab``).

Errors a user can cause (missing path, a folder where a file is expected, undecodable bytes)
become one line on stderr naming the file and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from textlab.corpus import TextFileError, iter_text_files, read_text
from textlab.paths import SEEDS_DIR

__all__ = ["main"]

EXIT_USAGE = 2


class CLIError(Exception):
    """A problem to report as one line and exit non-zero."""


def _read_input(arg: str, errors: str) -> tuple[str, int]:
    if arg == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8-sig"), 0
        except UnicodeDecodeError as exc:
            if errors == "strict":
                raise CLIError(f"<stdin>: not valid UTF-8 (offset {exc.start}); "
                               "use --errors replace") from None
            text = data.decode("utf-8-sig", errors="replace")
            return text, text.count("\ufffd")
    return read_text(arg, errors=errors)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _cmd_clean(args: argparse.Namespace) -> int:
    from textlab.clean import clean

    src = args.input
    if src != "-" and Path(src).is_dir():
        return _clean_folder(args)
    if args.output:
        raise CLIError(f"{src}: -o/--output is for folders; for one file redirect stdout")
    raw, replaced = _read_input(src, args.errors)
    if replaced:
        print(f"textlab: warning: {src}: replaced {replaced} undecodable byte(s)", file=sys.stderr)
    result = clean(raw)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(result.body + ("\n" if result.body else ""))
    return 0


def _clean_folder(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from textlab.clean import clean

    src = Path(args.input)
    if not args.output:
        raise CLIError(f"{src}: is a folder; give -o OUT to write the cleaned pages")
    out = Path(args.output)
    if _is_inside(out, SEEDS_DIR) or _is_inside(out, src):
        raise CLIError(f"{out}: refusing to write into the input folder or seeds/; "
                       "raw text is never modified in place")
    files = iter_text_files(src, pattern=args.pattern)
    out.mkdir(parents=True, exist_ok=True)
    reasons: Counter[str] = Counter()
    warnings: list[str] = []
    n_ok = 0
    for path in tqdm(files, desc="cleaning", unit="file", file=sys.stderr,
                     disable=args.quiet or None):
        try:
            raw, replaced = read_text(path, errors=args.errors)
        except TextFileError as exc:
            warnings.append(str(exc))
            continue
        if replaced:
            warnings.append(f"{path}: replaced {replaced} undecodable byte(s)")
        if not raw.strip():
            warnings.append(f"{path}: empty file")
        result = clean(raw)
        reasons.update(d.reason for d in result.lines if d.label not in {"body", "blank"})
        target = out / path.name
        if args.json:
            target = target.with_suffix(".json")
            target.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1),
                              encoding="utf-8")
        else:
            target.write_text(result.body + "\n", encoding="utf-8")
        n_ok += 1
    print(f"cleaned {n_ok} of {len(files)} file(s) into {out}", file=sys.stderr)
    if reasons:
        print("lines dropped, by reason:", file=sys.stderr)
        for reason, n in reasons.most_common():
            print(f"  {n:7d}  {reason}", file=sys.stderr)
    for w in warnings:
        print(f"textlab: warning: {w}", file=sys.stderr)
    print(f"{len(warnings)} warning(s)", file=sys.stderr)
    return 0 if n_ok or not files else 1


def _cmd_reproduce(args: argparse.Namespace) -> int:
    from textlab.notebooks import execute_notebooks

    execute_notebooks(pattern=args.pattern)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textlab", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="print a page's article body (or clean a folder)",
                       description="Clean a scraped plain-text page: print its article body, "
                                   "or with --json the title, byline, date, body and the "
                                   "decision for every line. A folder needs -o OUT.")
    p.add_argument("input", help="a .txt file, '-' for stdin, or a folder of .txt files")
    p.add_argument("-o", "--output", help="folder for the cleaned pages (folder input only)")
    p.add_argument("--json", action="store_true", help="the whole result as JSON")
    p.add_argument("--errors", choices=["strict", "replace"], default="strict",
                   help="undecodable bytes: stop with an error (default) or replace and count")
    p.add_argument("--pattern", default="*.txt", help="files to take from a folder")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("reproduce", help="execute every notebook in place and rewrite figures/")
    p.add_argument("--pattern", default="*.ipynb", help="notebooks to run (default: all)")
    p.set_defaults(func=_cmd_reproduce)

    # further subcommands register here (see textlab.compare)
    try:
        from textlab.compare import add_subparser as _add_compare
    except ImportError:  # the compare pipeline is optional until it exists
        pass
    else:
        _add_compare(sub)
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
