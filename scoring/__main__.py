"""Batch scoring: python -m scoring --data DIR --rulebook FILE [--as-of YYYY-MM-DD] --out FILE

Writes one row per person (Parquet, CSV with BOM, or XLSX by extension). Any problem is one line
on stderr naming it, exit status 2, no traceback and no partial output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scoring.dataset import DatasetError, read
from scoring.engine import CompileError, compile_dataset, require_complete_history, score
from scoring.export import FORMATS, SYNTHETIC_NOTICE, ExportError, with_notice, write_table
from scoring.provenance import provenance_table, status_counts
from scoring.rulebook import RulebookError, load_rulebook


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage too)
        _fail(message)


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m scoring", description="Score every person of a dataset with a rulebook.")
    parser.add_argument("--data", required=True, type=Path, help="dataset folder (manifest.json and Parquet tables)")
    parser.add_argument("--rulebook", required=True, type=Path, help="rulebook YAML file")
    parser.add_argument("--as-of", type=_date, help="scoring date (default: the data's as-of date)")
    parser.add_argument("--out", required=True, type=Path, help=f"output file: {', '.join(FORMATS)}")
    args = parser.parse_args(argv)
    if args.out.suffix.lower() not in FORMATS:
        _fail(f"--out {args.out}: unknown format {args.out.suffix or '(none)'}; expected one of {', '.join(FORMATS)}")
    try:
        rulebook = load_rulebook(args.rulebook)
        dataset = read(args.data)
        if dataset.people.empty:  # a header-only output would look like a result
            _fail("people: no rows; expected at least one person to score")
        require_complete_history(dataset, rulebook, args.as_of)
        result = score(compile_dataset(dataset, args.as_of), rulebook)
        frame = result.to_frame()
        notice = SYNTHETIC_NOTICE if dataset.is_synthetic else "pilot data"
        write_table(
            with_notice(frame, f"{notice} · {rulebook.title.en}"),
            args.out,
            _notes(dataset, rulebook, result),
            provenance_table(rulebook),
        )
    except (RulebookError, DatasetError, CompileError, ExportError) as exc:
        _fail(str(exc).splitlines()[0] + (" (and more)" if len(str(exc).splitlines()) > 1 else ""))
    except OSError as exc:
        _fail(f"{exc.filename or args.out}: {exc.strerror}")
    scored = int(result.eligible.sum())
    print(
        f"wrote {args.out}: {len(frame):,} people, {scored:,} scored, {len(frame) - scored:,} unscored", file=sys.stderr
    )
    return 0


def _notes(dataset, rulebook, result) -> dict[str, object]:
    """What the data is and which rulebook scored it; each value's status travels in the
    provenance table beside it."""
    return {
        "data_notice": SYNTHETIC_NOTICE if dataset.is_synthetic else "pilot data",
        "manifest": dataset.manifest,
        "as_of": str(result.compiled.as_of),
        "rulebook": {"id": rulebook.id, "title": rulebook.title.model_dump()},
        "value_status_counts": status_counts(rulebook),
        "tier_cutoffs": dict(zip(rulebook.tiers.ids, map(float, result.cutoffs), strict=False)),
    }


if __name__ == "__main__":
    sys.exit(main())
