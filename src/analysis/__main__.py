"""Command line: ``python -m analysis clean|score|sample ...``.

Every expected failure (a missing folder, a broken rubric) ends with a message in Thai and
English and exit code 2, never a traceback. Rows held back are not failures: the command
ran, so it exits 0 and says how many were held back and why.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from analysis.rubric import RubricError, load_rubric, rubric_path


def _years(text: str) -> list[int]:
    """'2564-2568' or '2564,2566' or '2564'."""
    years: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = (int(x) for x in part.split("-", 1))
            years += range(a, b + 1)
        else:
            years.append(int(part))
    return years


def cmd_clean(args) -> int:
    from analysis.clean import run_clean, summary

    criteria = Path(args.criteria_dir) if args.criteria_dir else Path(args.raw_dir).parent / "criteria"
    for year in _years(args.year):
        rubric = load_rubric(rubric_path(criteria, year))
        result = run_clean(args.raw_dir, year, args.out_dir, rubric)
        q = result.quarantine
        print(f"ปี พ.ศ. {year} / B.E. {year}: {int(result.rows_read['rows'].sum())} data rows read "
              f"in {result.rows_read['source_file'].nunique()} files -> {Path(args.out_dir) / str(year)}")
        print(summary(result).to_string(index=False))
        if len(q):
            print("held back by reason:")
            print(q.groupby(["category", "reason_code"]).size().to_string())
        for f in result.ignored_files:
            print(f"  ignored (not in a category folder): {f}")
    return 0


def cmd_score(args) -> int:
    from analysis.score import run_score

    criteria = Path(args.criteria_dir)
    for year in _years(args.year):
        rubric = load_rubric(rubric_path(criteria, year))
        out = run_score(args.clean_dir, year, rubric, draws=args.draws, seed=args.seed)
        r = out["results"]
        print(f"ปี พ.ศ. {year} / B.E. {year}: {len(r)} rows -> {Path(args.clean_dir) / str(year)}"
              f"/results.parquet; intervals {out['timing']['seconds'].sum():.2f} s")
        print(r.groupby(["category", "round"]).agg(
            candidates=("total", "size"), incomplete=("incomplete", "sum"),
            few_judges=("few_judges", "sum"), not_nominee=("not_nominee", "sum"),
            close_call=("close_call", "sum")).to_string())
        awarded = r[r["award"] != ""]
        if len(awarded):
            print(awarded.groupby(["category", "award"]).size().to_string())
    return 0


def cmd_sample(args) -> int:
    from analysis.sample import generate

    generate(Path(args.raw_dir), seed=args.seed, truth_dir=Path(args.truth_dir) if args.truth_dir else None,
             criteria_dir=Path(args.criteria_dir))
    print(f"sample written to {args.raw_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("clean", help="clean one or more years of raw forms and score sheets")
    p.add_argument("--raw-dir", required=True, help="folder with <year>/<category>/<submissions|scores>/")
    p.add_argument("--year", required=True, help="B.E. year, e.g. 2564, or a range 2564-2568")
    p.add_argument("--out-dir", required=True, help="outputs go to <out-dir>/<year>/")
    p.add_argument("--criteria-dir", help="rubric files <year>.yaml (default: <raw-dir>/../criteria)")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("score", help="scores, ranks, awards and rank intervals for cleaned years")
    p.add_argument("--clean-dir", required=True, help="the clean step's out-dir; reads and writes <clean-dir>/<year>/")
    p.add_argument("--year", required=True, help="B.E. year, e.g. 2564, or a range 2564-2568")
    p.add_argument("--criteria-dir", default="data/criteria")
    p.add_argument("--draws", type=int, default=1000, help="draws per method for the rank intervals")
    p.add_argument("--seed", type=int, default=2564)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("sample", help="(re)generate the seeded sample raw data")
    p.add_argument("--raw-dir", default="data/raw")
    p.add_argument("--truth-dir", help="also write what a perfect cleaner would do (for tests)")
    p.add_argument("--seed", type=int, default=2564)
    p.add_argument("--criteria-dir", default="data/criteria")
    p.set_defaults(func=cmd_sample)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (RubricError, FileNotFoundError, NotADirectoryError, ValueError) as exc:
        print(f"ผิดพลาด / error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: say so plainly, details on request
        if os.environ.get("ANALYSIS_DEBUG"):
            traceback.print_exc()
        print(f"ข้อผิดพลาดภายในโปรแกรม (โปรดแจ้งผู้ดูแล) / internal error, please report: "
              f"{exc.__class__.__name__}: {exc}. Set ANALYSIS_DEBUG=1 for details.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
