"""python -m specimens render --seed N --out DIR [--styles a,b] [--variants pdf,layout,...]
python -m specimens score DIR [--out OUT] [--verbose] [--no-run]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _list(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m specimens", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("render", help="render a specimen set with its truth")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--styles", help="comma-separated (default: all)")
    r.add_argument("--variants", help="comma-separated: pdf,layout,text,md,ocr,scan (default: all)")
    r.add_argument("--per-style", type=int, default=2, help="documents per style (default 2)")
    r.add_argument("--slow-per-style", type=int, default=1,
                   help="documents per style that get the ocr/scan variants (default 1)")
    r.add_argument("--jobs", type=int, default=2)
    s = sub.add_parser("score", help="run specx over a rendered set and compare with the truth")
    s.add_argument("dir", type=Path)
    s.add_argument("--out", type=Path, help="specx output folder (default DIR/specx-out)")
    s.add_argument("--jobs", type=int, default=2)
    s.add_argument("--no-run", action="store_true", help="score existing outputs, do not run specx")
    s.add_argument("--verbose", "-v", action="store_true", help="print the worst examples")
    s.add_argument("--examples", type=int, default=12)
    args = parser.parse_args(argv)
    if args.command == "render":
        from .render import render

        render(args.seed, args.out, _list(args.styles), _list(args.variants), per_style=args.per_style,
               slow_per_style=args.slow_per_style, jobs=args.jobs)
        return 0
    from .score import main as score_main

    return score_main(args)


if __name__ == "__main__":
    sys.exit(main())
