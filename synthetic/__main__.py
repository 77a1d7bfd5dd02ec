"""python -m synthetic --people N --seed S [--as-of YYYY-MM-DD] --out DIR

Writes people, records, record_events and truth Parquet files plus manifest.json, atomically.
DIR may be new, empty, or an earlier dataset (which is replaced whole, or left whole if writing
fails); a folder holding anything else is refused, so nothing of the user's is ever deleted.
Any problem gives one line "error: …" on stderr and exit status 2, with nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from pydantic import ValidationError
from tqdm import tqdm

from scoring.dataset import MAX_SEED, DatasetError, check_replaceable, write
from synthetic.generate import generate
from synthetic.settings import MAX_AS_OF, MIN_AS_OF, GeneratorSettings

USAGE_ERROR = 2
MAX_PEOPLE = 5_000_000  # about 50 M records and 6 GB of memory (1 M people peak at 1.2 GB)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are a single line without the usage block."""

    def error(self, message: str):
        self.exit(USAGE_ERROR, f"error: {message}\n")


def _whole_number(minimum: int, maximum: int):
    """An argparse type: a whole number from `minimum` to `maximum`. Digits are counted before
    converting, so a 5,000-digit argument is refused as too large, not as an unreadable number."""

    def parse(text: str) -> int:
        match = re.fullmatch(r"\s*([+-]?)0*([0-9]+)\s*", text)
        if match is None:
            shown = text if len(text) <= 20 else text[:19] + "…"
            raise argparse.ArgumentTypeError(f"not a whole number: {shown!r}")
        sign, digits = match.groups()
        if len(digits) > len(str(maximum)) or int(digits) > maximum:
            bound = f"at least {minimum}" if sign == "-" else f"at most {maximum:,}"
            raise argparse.ArgumentTypeError(f"must be {bound}")
        value = int(sign + digits)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None
    if not MIN_AS_OF <= value <= MAX_AS_OF:
        raise argparse.ArgumentTypeError(f"{value} is outside {MIN_AS_OF} … {MAX_AS_OF}")
    return value


def _out_dir(text: str) -> Path:
    """Refused before generating (which takes a while); `write` checks again just before the swap."""
    path = Path(text)
    try:
        check_replaceable(path)
    except DatasetError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return path


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m synthetic", description="Generate a synthetic population (模拟数据（合成）).")
    p.add_argument(
        "--people", type=_whole_number(1, MAX_PEOPLE), required=True, help=f"number of people (1 to {MAX_PEOPLE:,})"
    )
    p.add_argument("--seed", type=_whole_number(0, MAX_SEED), required=True, help=f"random seed (0 to {MAX_SEED:,})")
    p.add_argument("--as-of", type=_date, default=None, help="data_as_of, YYYY-MM-DD (default 2025-12-31)")
    p.add_argument(
        "--out", type=_out_dir, required=True, help="output folder: new, empty, or an earlier dataset (replaced)"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    options = {"people": args.people, "seed": args.seed}
    if args.as_of is not None:
        options["data_as_of"] = args.as_of
    try:
        settings = GeneratorSettings(**options)
    except ValidationError as exc:
        first = exc.errors()[0]
        print(f"error: {'.'.join(map(str, first['loc']))}: {first['msg']}", file=sys.stderr)
        return USAGE_ERROR
    with tqdm(total=100, unit="%", file=sys.stderr, desc="synthetic", leave=False) as bar:

        def progress(fraction: float, stage: str) -> None:
            bar.update(round(fraction * 100) - bar.n)
            bar.set_postfix_str(stage, refresh=False)

        dataset = generate(settings, progress)
    try:
        out = write(dataset, args.out)
    except DatasetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"{out}: {len(dataset.people)} people, {len(dataset.records)} records, {len(dataset.events)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
