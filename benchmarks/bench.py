"""``make bench``: how fast the batch is, and against what. Not a test: it prints figures.

Every ratio is measured side by side in the same run, on the same machine:

- ``batch_vs_floor``: ``python -m analysis run`` over the 5 sample years, end to end, divided by
  the *floor*: the same 11 papermill executions (5 years x 01_clean, 02_score, and 03_compare once
  every year is cleaned) and 11 nbconvert HTML exports, through the same scheduler
  (``analysis.batch.run_notebooks``, 2 workers), of notebooks that only take the same parameters
  and import the same third-party libraries as the real ones. What is left above 1 is the work
  itself. Batch and floor run in turns, ``--rounds`` pairs (3); the line is the median pair's
  ratio, since this machine's speed drifts from minute to minute.
- ``score_vs_duckdb``: the package's scoring (``score.score_round`` + ``score.rank_order``, the
  code ``score_year`` runs, without the rank intervals) on 1,000,000 synthetic judges' score rows,
  divided by DuckDB running the same aggregation on the same frames. Best of 3 each.
- ``intervals_share``: seconds spent on rank intervals in the median round's batch
  (``timing.parquet`` written by ``run_score`` for every year) divided by that batch's wall time.
- ``report_max_mb``: the largest HTML report the batch wrote (MB = 10^6 bytes).
- ``portfolio_vs_cold``: every province's page made by the portfolio (``analysis.portfolio``: the
  parameterised ``04_province.ipynb`` through papermill, 2 workers with one kernel each), divided
  by as many cold papermill executions and HTML exports of an import-only notebook (a new kernel
  each, 2 workers). The batch of ``batch_vs_floor`` leaves the province pages out
  (``--no-province-pages``), so that it is the same 11 notebooks as its floor.

Also printed: peak memory, and cleaning throughput at 100,000 form rows (few vs 10x more
distinct values). Usage: ``.venv/bin/python benchmarks/bench.py [--years 2564-2568] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TARGETS = {"batch_vs_floor": ("<=", 2.0), "score_vs_duckdb": ("<=", 1.0),
           "intervals_share": ("<", 0.10), "report_max_mb": ("<=", 1.5), "portfolio_vs_cold": ("<=", 0.5)}

# What the real notebooks import, directly or through the package's modules (third-party only):
# the floor notebooks import exactly this and do nothing else.
FLOOR_IMPORTS = {
    "01_clean.ipynb": ["numpy", "pandas", "pyarrow.parquet", "pandera.pandas", "pythainlp.util",
                       "geothai", "rapidfuzz", "python_calamine", "charset_normalizer", "yaml",
                       "fontpkg_sarabun", "IPython.display"],
    "02_score.ipynb": ["numpy", "pandas", "pyarrow.parquet", "matplotlib.pyplot", "pythainlp.util",
                       "geothai", "rapidfuzz", "yaml", "fontpkg_sarabun", "IPython.display"],
    "03_compare.ipynb": ["numpy", "pandas", "pyarrow.parquet", "matplotlib.pyplot", "pythainlp.util",
                         "geothai", "rapidfuzz", "yaml", "fontpkg_sarabun", "IPython.display"],
    "04_province.ipynb": ["numpy", "pandas", "pyarrow.parquet", "matplotlib.pyplot", "pythainlp.util",
                          "geothai", "rapidfuzz", "yaml", "fontpkg_sarabun", "IPython.display"],
}


# ------------------------------------------------------------------------------ the floor
def _floor_notebooks(folder: Path) -> Path:
    """Copies of the three notebooks: the same parameters cell, then one cell of imports."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    for name, modules in FLOOR_IMPORTS.items():
        real = nbformat.read(str(ROOT / "notebooks" / name), as_version=4)
        params = next(c for c in real.cells if "parameters" in c.metadata.get("tags", []))
        nb = nbformat.v4.new_notebook(metadata=real.metadata)
        nb.cells = [params, nbformat.v4.new_code_cell("\n".join(f"import {m}" for m in modules))]
        nbformat.write(nb, str(folder / name))
    return folder


_EXPORTER = None


def floor_render(step, out_dir: Path) -> list[Path]:
    """The floor's export: nbconvert's HTML of the executed notebook, written out (one exporter
    per process, as the package does)."""
    global _EXPORTER
    import nbformat
    from nbconvert import HTMLExporter

    if _EXPORTER is None:
        _EXPORTER = HTMLExporter(template_name="basic", exclude_input=True)
    body, _ = _EXPORTER.from_notebook_node(nbformat.read(str(step.log), as_version=4))
    target = Path(out_dir) / (f"{step.year}/{step.step}.html" if step.year else f"{step.step}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return [target]


def run_pages(clean: Path, out: Path, years: str) -> int:
    """(in a subprocess) every province's page through the portfolio, rendered as the batch does."""
    from analysis.catalog import Folders
    from analysis.province.facts import provinces_that_took_part
    from analysis.run import portfolio
    from analysis.report import ProvinceRenderer
    from analysis.years import parse_years

    codes = provinces_that_took_part(clean, years)
    params = {"years": years, "clean_dir": str(clean.resolve()),
              "criteria_dir": str((ROOT / "data" / "criteria").resolve()), "public": False}
    folders = Folders(ROOT / "data" / "raw", clean, ROOT / "data" / "criteria", out)
    render = ProvinceRenderer(folders=folders, years=parse_years(years), public=False)
    pages = portfolio.run_portfolio(codes, params, out / "runs", render, workers=2)
    (out / "pages.txt").write_text(str(len(pages)), encoding="utf-8")
    return 0 if pages and all(p.ok for p in pages) else 1


def _cold_one(notebook: str, log: str, html: str) -> None:
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    from analysis.run import kernels

    pm.execute_notebook(notebook, log, kernel_name=kernels.NAME, progress_bar=False)
    body, _ = HTMLExporter(template_name="basic", exclude_input=True).from_notebook_node(
        nbformat.read(log, as_version=4))
    Path(html).write_text(body, encoding="utf-8")


def run_cold(out: Path, n: int) -> int:
    """(in a subprocess) ``n`` cold papermill executions and HTML exports of the import-only
    province notebook, on 2 workers like the portfolio: each a new kernel, as 76 plain papermill
    runs would be."""
    from concurrent.futures import ProcessPoolExecutor

    from analysis.run import kernels

    notebooks = _floor_notebooks(out / "notebooks")
    with kernels.this_interpreter(), ProcessPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(_cold_one, str(notebooks / "04_province.ipynb"), str(out / f"{i}.ipynb"),
                            str(out / f"{i}.html")) for i in range(n)]
        for j in jobs:
            j.result()
    return 0


def run_floor(out: Path, years: str) -> int:
    """(in a subprocess, like the batch) the floor end to end."""
    from functools import partial

    from analysis.catalog import Folders
    from analysis.run.batch import run_notebooks
    from analysis.years import parse_years

    notebooks = _floor_notebooks(out / "notebooks")
    (notebooks / "04_province.ipynb").unlink()   # the batch the floor stands for has 11 notebooks
    render = partial(floor_render, out_dir=out)
    folders = Folders(ROOT / "data" / "raw", out / "data", ROOT / "data" / "criteria", out)
    run = run_notebooks(folders, parse_years(years), False, notebooks=notebooks, render=render)
    for s in run.steps:
        if s.ok and not s.written:
            floor_render(s, out)
    return 0 if run.ok and len(run.steps) == 2 * len(parse_years(years)) + 1 else 1


def _timed(cmd: list[str], log: Path) -> float:
    start = time.perf_counter()
    with open(log, "w") as f:
        done = subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}; see {log}")
    return seconds


# ------------------------------------------------------------------------------ scoring vs DuckDB
def synthetic_scores(rubric, n_rows: int = 1_000_000, judges: int = 5, seed: int = 1):
    """Individual national round: C candidates x 5 judges x the judged criteria = n_rows score rows,
    the columns and dtypes of scores.parquet, plus the forms the computed criteria need."""
    rub = rubric["individual"]
    keys = rub.judged_keys
    C = n_rows // (judges * len(keys))
    rng = np.random.default_rng(seed)
    provinces = np.array([f"{p:02d}" for p in range(11, 97)])
    cand = np.array([f"{i:06d}" for i in range(C)])
    prov = provinces[rng.integers(0, len(provinces), C)]
    regions = np.array(["north", "northeast", "central", "south"])
    received = rng.integers(0, 20, C)
    forms = pd.DataFrame({
        "year": 2564, "category": pd.array(["individual"] * C, dtype="str"),
        "province_code": pd.array(prov, dtype="str"), "district_code": pd.array(cand, dtype="str"),
        "region": pd.array(regions[rng.integers(0, 4, C)], dtype="str"),
        "report_rate": rng.uniform(60, 100, C).round(1),
        "complaints_received": pd.array(received, dtype="Int64"),
        "complaints_resolved": pd.array((received * rng.uniform(0, 1, C)).astype(int), dtype="Int64"),
        "submitted_at": pd.Timestamp("2021-07-01") + pd.to_timedelta(rng.integers(0, 30 * 86400, C),
                                                                      unit="s")})
    maxima = np.array([c.max for c in rub.criteria if not c.computed], dtype=float)
    ci, ji, ki = (a.ravel() for a in np.meshgrid(np.arange(C), np.arange(judges), np.arange(len(keys)),
                                                 indexing="ij"))
    scores = pd.DataFrame({
        "category": pd.array(["individual"] * ci.size, dtype="str"),
        "round": pd.array(["national"] * ci.size, dtype="str"),
        "judge": pd.array(np.array([f"กรรมการ คนที่ {j + 1}" for j in range(judges)])[ji], dtype="str"),
        "province_code": pd.array(prov[ci], dtype="str"), "district_code": pd.array(cand[ci], dtype="str"),
        "criterion": pd.array(np.array(keys)[ki], dtype="str"),
        "score": np.round(rng.uniform(0.4, 1.0, ci.size) * maxima[ki] * 2) / 2})
    return forms, scores


def package_scoring(forms, scores, rubric):
    """What score_year runs for one round before the rank intervals (``score_and_rank``: points,
    totals, judging flags, national and regional ranks), from the category's rows on."""
    from analysis.score import engine

    f, s = engine.prepare(forms, "individual"), engine.prepare(scores, "individual")
    frame, _, _ = engine.score_and_rank(f, s, rubric["individual"], "individual", "national")
    return frame


def _band_sql(expr: str, spec: dict) -> str:
    whens = " ".join(f"WHEN {expr} >= {t} - 1e-9 THEN {p}" for t, p in spec["bands"])
    return f"CASE WHEN {expr} IS NULL THEN NULL {whens} ELSE {spec['otherwise']} END"


def duckdb_sql(rubric) -> str:
    """The same aggregation in SQL: mean per candidate and criterion over judges, the computed
    criteria from the forms, the total, and the national and regional ranks with the rubric's
    tie-breaks (an incomplete candidate gets none)."""
    rub = rubric["individual"]
    judged = ", ".join(f"avg(score) FILTER (WHERE criterion = '{k}') AS {k}" for k in rub.judged_keys)
    points = []
    for c in rub.criteria:
        if not c.computed:
            points.append(f"j.{c.key}")
        elif "field" in c.computed:
            points.append(_band_sql(f"f.{c.computed['field']}", c.computed) + f" AS {c.key}")
        else:
            num, den = c.computed["ratio"]
            zero = c.computed.get("when_denominator_zero", c.computed["otherwise"])
            ratio = f"(f.{num}::DOUBLE / f.{den})"
            points.append(f"CASE WHEN f.{den} = 0 THEN {zero} ELSE {_band_sql(ratio, c.computed)} END"
                          f" AS {c.key}")
    keys = [c.key for c in rub.criteria]
    order = ", ".join(["round(total, 6) DESC"] + [
        "submitted_at ASC NULLS LAST" if t == "submitted_at" else f"round({t}, 6) DESC"
        for t in rub.tie_break])
    return f"""
        WITH j AS (SELECT district_code, {judged} FROM scores
                   WHERE category = 'individual' AND round = 'national' GROUP BY district_code),
        p AS (SELECT f.district_code, f.province_code, f.region, f.submitted_at, {", ".join(points)}
              FROM forms f JOIN j USING (district_code) WHERE f.category = 'individual'),
        t AS (SELECT *, {" + ".join(keys)} AS total FROM p)
        SELECT *,
            CASE WHEN total IS NULL THEN NULL ELSE rank() OVER (ORDER BY {order}) END AS rank_national,
            CASE WHEN total IS NULL THEN NULL ELSE rank() OVER (PARTITION BY region ORDER BY {order}) END
                AS rank_region
        FROM t"""


def best_of(fn, n: int = 3) -> tuple[float, object]:
    best, out = np.inf, None
    for _ in range(n):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


# ------------------------------------------------------------------------------ cleaning
THAI_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
               "พ.ย.", "ธ.ค."]


def synthetic_forms(raw: Path, rows: int, distinct: int, seed: int = 0) -> None:
    """A year of ``rows`` individual form rows (tests/helpers/files.py's header and row) drawn from
    ``distinct`` different rows, one per district: a repeat is identical (the cleaner keeps the
    last one read), so no row is a conflict and every row is still parsed and settled."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.files import FORM_HEADER, form_row, write_csv

    from analysis import places

    d = places.districts().sample(n=distinct, random_state=seed)
    pairs = [(places.province_name(p), n) for p, n in zip(d["province_code"], d["district_name"])]
    rates = np.round(np.linspace(60, 100, distinct), 1)
    base = [form_row(province=p, district=n, name=f"นายสมชาย ใจดี{i}", rate=float(rates[i]),
                     received=i % 40 + 1, resolved=(i % 40 + 1) // 2,
                     submitted=f"{1 + i % 28} {THAI_MONTHS[(i // 28) % 12]} 2564")
            for i, (p, n) in enumerate(pairs)]
    which = np.random.default_rng(seed).integers(0, distinct, rows)
    root = raw / "2564"
    for cat in ("individual", "province"):
        for folder in ("submissions", "scores"):
            (root / cat / folder).mkdir(parents=True, exist_ok=True)
    write_csv(root / "individual" / "submissions" / "forms.csv", [FORM_HEADER] + [base[i] for i in which])


def clean_throughput(rows: int, distinct: int, tmp: Path) -> tuple[float, int]:
    from analysis.clean import run_clean
    from analysis.rubric.load import load_rubric, rubric_path

    raw = tmp / f"raw_{distinct}"
    synthetic_forms(raw, rows, distinct)
    rubric = load_rubric(rubric_path(ROOT / "data" / "criteria", 2564))
    start = time.perf_counter()
    result = run_clean(raw, 2564, tmp / f"clean_{distinct}", rubric)
    seconds = time.perf_counter() - start
    read = int(result.rows_read["rows"].sum())
    if read != rows:
        sys.exit(f"synthetic year: {read} rows read, {rows} written")
    return seconds, read


# ------------------------------------------------------------------------------ main
def verdict(name: str, value: float) -> str:
    op, target = TARGETS[name]
    ok = value <= target if op == "<=" else value < target
    return f"{name}: {value:.3f}  (target {op} {target}) {'OK' if ok else 'OVER'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2564-2568")
    parser.add_argument("--clean-rows", type=int, default=100_000)
    parser.add_argument("--clean-distinct", type=int, default=80,
                        help="distinct rows of the 'few' cleaning run (the other has 10x)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="batch/floor pairs; batch_vs_floor is the median pair's ratio")
    parser.add_argument("--floor", help=argparse.SUPPRESS)  # internal: run the floor into this folder
    parser.add_argument("--pages", nargs=2, help=argparse.SUPPRESS)  # internal: CLEAN OUT, the portfolio
    parser.add_argument("--cold", nargs=2, help=argparse.SUPPRESS)   # internal: OUT N, cold notebooks
    args = parser.parse_args()
    if args.floor:
        return run_floor(Path(args.floor), args.years)
    if args.pages:
        return run_pages(Path(args.pages[0]), Path(args.pages[1]), args.years)
    if args.cold:
        return run_cold(Path(args.cold[0]), int(args.cold[1]))

    import duckdb

    from analysis.rubric import load_rubric, rubric_path
    from analysis.years import parse_years

    table: list[tuple[str, float]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    # warm the disk cache so that neither side pays for the first import of the libraries
    subprocess.run([PY, "-c", "import analysis.clean, analysis.score, analysis.report, "
                    "analysis.charts.compare, matplotlib.pyplot, papermill, nbconvert"], cwd=ROOT, check=True)

    # 1. the batch and its floor, one after the other, each a fresh process end to end, in rounds:
    # this machine's speed drifts by a fifth from one minute to the next, so one pair is not enough
    rounds = []
    for r in range(args.rounds):
        out = tmp / f"batch{r}"
        batch = _timed([PY, "-m", "analysis", "run", "--raw-dir", "data/raw", "--years", args.years,
                        "--out-dir", str(out), "--clean-dir", str(out / "data"), "--no-province-pages"],
                       tmp / f"batch{r}.log")
        floor = _timed([PY, str(Path(__file__).resolve()), "--floor", str(tmp / f"floor{r}"), "--years",
                        args.years], tmp / f"floor{r}.log")
        rounds.append((batch / floor, batch, floor, out))
        table += [(f"round {r + 1}: batch, python -m analysis run (11 notebooks, reports, index)", batch),
                  (f"round {r + 1}: floor, 11 import-only notebooks + 11 HTML exports", floor)]
    ratio, batch, floor, out = sorted(rounds, key=lambda x: x[0])[len(rounds) // 2]  # the median round
    years = parse_years(args.years)
    timing = pd.concat([pd.read_parquet(out / "data" / str(y) / "timing.parquet") for y in years])
    intervals = float(timing["seconds"].sum())
    table.append((f"award probabilities, intervals, judges' statistics inside the median round's batch ({len(timing)} rounds of scoring, "
                  f"{len(years)} years)", intervals))
    # the province pages: the portfolio (warm kernels) against as many cold papermill runs
    portfolio = _timed([PY, str(Path(__file__).resolve()), "--pages", str(out / "data"), str(out / "pages"),
                        "--years", args.years], tmp / "pages.log")
    n_pages = int((out / "pages" / "pages.txt").read_text())
    cold = _timed([PY, str(Path(__file__).resolve()), "--cold", str(tmp / "cold"), str(n_pages)],
                  tmp / "cold.log")
    table += [(f"province pages: the portfolio, {n_pages} pages (04_province.ipynb, 2 warm kernels)", portfolio),
              (f"province pages: {n_pages} cold papermill runs + HTML exports of an import-only notebook", cold)]
    reports = sorted(out.rglob("*.html"))
    largest = max(reports, key=lambda p: p.stat().st_size)

    # 2. scoring vs DuckDB on 1,000,000 score rows
    rubric = load_rubric(rubric_path(ROOT / "data" / "criteria", 2564))
    forms, scores = synthetic_scores(rubric)
    pkg, frame = best_of(lambda: package_scoring(forms, scores, rubric))
    con = duckdb.connect()
    con.register("forms", forms)
    con.register("scores", scores)
    sql = duckdb_sql(rubric)
    duck, db = best_of(lambda: con.execute(sql).df())
    cols = ["total", "rank_national", "rank_region"]
    mine = frame.set_index("district_code")[cols].sort_index().astype(float)
    theirs = db.set_index("district_code")[cols].sort_index().astype(float)
    if not (len(mine) == len(theirs) and np.allclose(mine.to_numpy(), theirs.to_numpy())):
        sys.exit("the package and DuckDB disagree on the synthetic scores")
    table += [(f"scoring {len(scores):,} score rows: score.score_and_rank (best of 3)", pkg),
              (f"scoring {len(scores):,} score rows: DuckDB {duckdb.__version__} (best of 3)", duck)]

    # 3. cleaning throughput: cost per row, with few and with 10x more distinct values
    clean = {}
    for distinct in (args.clean_distinct, args.clean_distinct * 10):
        seconds, rows = clean_throughput(args.clean_rows, distinct, tmp)
        clean[distinct] = rows / seconds
        table.append((f"clean {rows:,} form rows from {distinct} distinct rows", seconds))

    width = max(len(n) for n, _ in table)
    print(f"{'measured':<{width}}  seconds")
    for name, seconds in table:
        print(f"{name:<{width}}  {seconds:8.2f}")
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
             resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak memory (largest of this process and its children, ru_maxrss): {kb / 1024:.0f} MB "
          f"(self {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"children {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB)")
    for distinct, rate in clean.items():
        print(f"cleaning throughput, {args.clean_rows:,} rows from {distinct} distinct rows: {rate:,.0f} rows/s")
    print(f"largest report: {largest.relative_to(out)} ({largest.stat().st_size:,} bytes); "
          f"machine: {os.cpu_count()} cores")
    print(f"batch_vs_floor of each round: {', '.join(f'{x[0]:.2f}' for x in rounds)} (median below)")
    print()
    print(verdict("batch_vs_floor", ratio))
    print(verdict("score_vs_duckdb", pkg / duck))
    print(verdict("intervals_share", intervals / batch))
    print(verdict("report_max_mb", largest.stat().st_size / 1e6))
    print(verdict("portfolio_vs_cold", portfolio / cold))
    json.dump({"rounds": [x[:3] for x in rounds]}, open(tmp / "figures.json", "w"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
