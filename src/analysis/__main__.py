"""Command line: ``python -m analysis clean|score|compare|run|sample ...``.

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

from analysis.errors import AnalysisError
from analysis.rubric import RubricError, load_rubric, parse_years, rubric_path


def cmd_clean(args) -> int:
    from analysis.clean import run_clean, summary

    criteria = Path(args.criteria_dir) if args.criteria_dir else Path(args.raw_dir).parent / "criteria"
    for year in parse_years(args.year):
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
        for note in result.notes:
            print(f"  note: {note}")
    return 0


def cmd_score(args) -> int:
    from analysis.score import run_score

    criteria = Path(args.criteria_dir)
    for year in parse_years(args.year):
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


def cmd_compare(args) -> int:
    """``python -m analysis compare --clean-dir OUT --years 2564-2568 [--category individual]
    [--criteria-dir data/criteria]``."""
    from analysis.compare import run_compare

    out = run_compare(args.clean_dir, args.years, args.criteria_dir, args.category)
    panel = out["panel"]
    print(f"{panel['province_code'].nunique()} provinces x {panel['year'].nunique()} years = "
          f"{len(panel)} rows -> {Path(args.clean_dir) / 'compare' / 'panel.parquet'}")
    took = panel.groupby("year")[["individual_participated", "project_participated"]].sum()
    print("provinces taking part / จังหวัดที่เข้าร่วม:\n" + took.to_string())
    show = ["province_name", "region", "total_first", "total_last", "total_delta", "rank_delta"]
    for name in ("improvers", "decliners"):
        print(f"{name} ({args.category}):\n" + out[name][show].round(2).to_string(index=False))
    pc = out["participation_changes"]
    print("stopped / started:\n" + pc.groupby(["year", "category", "change"]).size().to_string())
    rc = out["rubric_changes"]
    if len(rc):
        print("criteria changes / เกณฑ์ที่เปลี่ยน:\n" + rc[["year_a", "year_b", "key", "reason_code",
                                                         "comparable"]].to_string(index=False))
    return 0


def cmd_run(args) -> int:
    """Forms to shared reports: notebooks through papermill, then HTML, Excel and the index."""
    from functools import partial

    from analysis.batch import run_notebooks
    from analysis.report import build_reports, render_step

    years = parse_years(args.years)
    out = Path(args.out_dir)
    clean_dir = Path(args.clean_dir) if args.clean_dir else out / "data"
    criteria = Path(args.criteria_dir) if args.criteria_dir else Path(args.raw_dir).parent / "criteria"
    if not Path(args.raw_dir).is_dir():
        raise FileNotFoundError(f"ไม่พบโฟลเดอร์ {args.raw_dir} / no folder {args.raw_dir}")
    # a year's reports are written by the worker that ran its step, in parallel with the others
    render = partial(render_step, raw_dir=Path(args.raw_dir), clean_dir=clean_dir, criteria_dir=criteria,
                     out_dir=out, years=years, public=args.public)
    run = run_notebooks(Path(args.raw_dir), years, clean_dir, out / "runs", criteria, args.public,
                        render=render)
    written = build_reports(run, Path(args.raw_dir), clean_dir, criteria, out, years, args.public)
    for s in run.steps:
        where = s.year or "all years"
        print(f"{'ok    ' if s.ok else 'FAILED'} {where} {s.step}: {s.error or s.log}")
    print(f"{len(written)} files written; open {out / 'index.html'}")
    return 0 if run.ok else 1


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

    p = sub.add_parser("compare", help="compare provinces year over year")
    p.add_argument("--clean-dir", required=True, help="the clean step's out-dir: <year>/submissions.parquet and scores.parquet")
    p.add_argument("--years", required=True, help="B.E. years, e.g. 2564-2568 or 2564,2566")
    p.add_argument("--category", choices=["individual", "province"], default="individual")
    p.add_argument("--criteria-dir", default="data/criteria")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("run", help="forms to HTML reports: every year through the notebooks, then the index")
    p.add_argument("--raw-dir", required=True)
    p.add_argument("--years", required=True, help="e.g. 2564-2568")
    p.add_argument("--out-dir", required=True, help="reports go here: index.html, <year>/*.html, runs/ (logs)")
    p.add_argument("--clean-dir", help="cleaned data (default: <out-dir>/data)")
    p.add_argument("--criteria-dir", help="rubric files (default: <raw-dir>/../criteria)")
    p.add_argument("--public", action="store_true", help="mask personal names (PDPA) in every report")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("sample", help="(re)generate the seeded sample raw data")
    p.add_argument("--raw-dir", default="data/raw")
    p.add_argument("--truth-dir", help="also write what a perfect cleaner would do (for tests)")
    p.add_argument("--seed", type=int, default=2564)
    p.add_argument("--criteria-dir", default="data/criteria")
    p.set_defaults(func=cmd_sample)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (AnalysisError, RubricError, FileNotFoundError, NotADirectoryError, ValueError) as exc:
        print(f"ผิดพลาด / error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nหยุดแล้ว (Ctrl-C): ผลของขั้นที่เสร็จแล้วครบถ้วน ส่วนที่กำลังเขียนยังเป็นของเดิม รันใหม่เพื่อทำต่อ / "
              "stopped (Ctrl-C): what finished is complete, what was being written is as it was; "
              "run again to finish", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: say so plainly, details on request
        if os.environ.get("ANALYSIS_DEBUG"):
            traceback.print_exc()
        print(f"ข้อผิดพลาดภายในโปรแกรม (โปรดแจ้งผู้ดูแล) / internal error, please report: "
              f"{exc.__class__.__name__}: {exc}. Set ANALYSIS_DEBUG=1 for details.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
