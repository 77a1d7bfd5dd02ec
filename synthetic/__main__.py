"""python -m synthetic --people N --seed S [--as-of YYYY-MM-DD] --out DIR

Writes people, records, record_events and truth Parquet files plus manifest.json, atomically.
Bad arguments give one line "error: …" on stderr and exit status 2, with nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic import ValidationError
from tqdm import tqdm

from scoring.dataset import write
from synthetic.generate import generate
from synthetic.settings import MAX_AS_OF, MIN_AS_OF, GeneratorSettings

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are a single line without the usage block."""

    def error(self, message: str):
        self.exit(USAGE_ERROR, f"error: {message}\n")


def _whole_number(minimum: int):
    """An argparse type: a whole number of at least `minimum`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
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
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} exists and is not a directory")
    if path.is_dir() and any(path.iterdir()) and not (path / "manifest.json").is_file():
        raise argparse.ArgumentTypeError(
            f"{text} is a non-empty directory that is not a dataset; refusing to replace it"
        )
    return path


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m synthetic", description="Generate a synthetic population (模拟数据（合成）).")
    p.add_argument("--people", type=_whole_number(1), required=True, help="number of people (at least 1)")
    p.add_argument("--seed", type=_whole_number(0), required=True, help="random seed (0 or more)")
    p.add_argument("--as-of", type=_date, default=None, help="data_as_of, YYYY-MM-DD (default 2025-12-31)")
    p.add_argument("--out", type=_out_dir, required=True, help="output directory (replaced if it holds a dataset)")
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
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{out}: {len(dataset.people)} people, {len(dataset.records)} records, {len(dataset.events)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
