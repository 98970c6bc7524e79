"""The batch run: every year's notebooks through papermill, then the reports.

Per year ``01_clean`` then ``02_score``, years in parallel across the cores; ``03_compare`` over
the years that were cleaned, beside the score steps. Each executed notebook is kept as the run's
log. The pool runs notebooks, not years: a year's score step is queued when its clean step is done,
so the cores stay busy to the end (5 years on 2 cores would otherwise leave one core idle
for a whole year); a step's reports are written by the worker as soon as it has run.
A year that fails does not stop the others: the run ends non-zero and the index page says
which step failed, where and why.

Runs are quiet: what a kernel and papermill print for developers (the kernel's "running over
TCP without encryption" warning, "KeyboardInterrupt caught in kernel" after a failed cell)
goes to the step's log beside its executed notebook (``runs/<year>/01_clean.log``), not to the
terminal, where only the progress bar and the summary appear. Kernels are started from the
interpreter running the batch (``kernels.this_interpreter``).
"""

from __future__ import annotations

import os
import shutil
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import papermill as pm
from tqdm import tqdm

from analysis import catalog, store
from analysis.province.facts import provinces_that_took_part
from analysis.run import kernels, portfolio
from analysis.run.kernels import BATCH_KERNEL_ENV
from analysis.years import years_text

YEAR_STEPS = [("clean", "01_clean.ipynb"), ("score", "02_score.ipynb")]
COMPARE_STEP = ("compare", "03_compare.ipynb")
START_TIMEOUT = 120  # seconds for a kernel to start on a busy 2-core machine


@dataclass
class StepResult:
    year: int | None  # None for the comparison over all years
    step: str
    log: Path
    ok: bool
    error: str = ""  # what failed and why, for the index page
    written: list[Path] = field(default_factory=list)  # reports already written for this step
    years: tuple[int, ...] = ()  # the comparison's years (the years whose clean step ran)


@dataclass
class RunResult:
    steps: list[StepResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (step, why, in Thai and English)
    pages: list = field(default_factory=list)  # every province's page (portfolio.Page)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps) and all(p.ok for p in self.pages)

    def failed_years(self) -> set[int]:
        return {s.year for s in self.steps if not s.ok and s.year is not None}


def execute(notebook: str, log: Path, parameters: dict, notebooks: Path | None = None,
            attempts: int = 2) -> str | None:
    """Run one notebook with papermill; the executed copy is the log. None when it ran.

    A cell that fails is the notebook's error and is reported at once. A kernel that fails to
    start is the machine's: kernels started at the same moment by parallel workers can race for
    the same free TCP port (seen as "Invalid Signature" or "Kernel died before replying"; each
    kernel signs its messages with its own key, so code never runs in the wrong one). That is
    tried once more before it is reported.
    """
    notebooks = notebooks or catalog.notebooks()
    log.parent.mkdir(parents=True, exist_ok=True)
    declared = pm.inspect_notebook(str(notebooks / notebook))  # pass only what it declares
    parameters = {k: v for k, v in parameters.items() if k in declared}
    error = None
    for _ in range(attempts):
        try:
            pm.execute_notebook(str(notebooks / notebook), str(log), parameters=parameters,
                                kernel_name=kernels.NAME, progress_bar=False, cwd=str(notebooks),
                                start_timeout=START_TIMEOUT)
            return None
        except pm.PapermillExecutionError as exc:
            return kernels.describe(exc)
        except Exception as exc:  # noqa: BLE001 - the kernel did not start: reported if it persists
            error = kernels.describe(exc)
    return error


def run_step(year: int | None, step: str, notebook: str, params: dict, runs_dir: Path,
             notebooks: Path | None = None, render=None, years: tuple[int, ...] = ()) -> StepResult:
    """One step (in a worker): a year's step, or the comparison (``year`` None) over ``years``.
    ``render(step) -> [paths]`` writes its reports when it ran. A report that cannot be written
    because the file is open elsewhere or read-only fails the step with a message naming the file;
    if rendering fails otherwise, the step is left for ``build_reports`` to render (and report)."""
    if year is None:
        log = runs_dir / "compare" / notebook
        params = {**params, "years": years_text(years)}
    else:
        log = runs_dir / str(year) / notebook
        params = {**params, "year": year}
    with kernels.output_to(log.with_suffix(".log")):
        error = execute(notebook, log, params, notebooks)
        result = StepResult(year, step, log, error is None, error or "", years=tuple(years))
        if result.ok and render is not None:
            try:
                result.written = list(render(result))
            except Exception as exc:  # noqa: BLE001 - build_reports renders it again and fails loudly there
                locked = store.in_use(exc)
                result.written = []
                if locked is not None:
                    result.ok, result.error = False, f"{type(locked).__name__}: {locked}"
    return result


def _worker_start() -> None:
    """Workers leave Ctrl-C to the batch, which stops them (a traceback per worker says nothing)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_notebooks(folders: catalog.Folders, years: list[int], public: bool, workers: int | None = None, *,
                  notebooks: Path | None = None, render=None, province_pages=None,
                  provinces: list[str] | None = None) -> RunResult:
    """Every year's steps and the comparison through a pool of ``workers`` processes (default: the
    cores, at most one per year). ``render`` (picklable, ``render(step) -> [paths]``) writes a step's
    reports in the worker; ``notebooks`` is the folder the notebooks are read from. ``folders``:
    the forms, the cleaned data, the rubrics and the reports (the executed notebooks and their logs
    go to the reports' ``runs/``).

    The comparison needs every year's clean step, not its score step (``compare.run_compare``
    scores the cleaned data itself), so it starts as soon as the last year is cleaned and runs
    beside the score steps: run last, on one core, it used to leave the other core idle. No more
    steps are handed to the pool than it has workers, so that a step that becomes ready is taken in
    this order: clean steps (everything waits on them), then the comparison (the longest), then
    score steps, oldest year first. ``province_pages`` (picklable, ``render(page) -> [paths]``):
    when given, every province's page (or only ``provinces``' pages) is made last (``portfolio``)
    and rendered with it."""
    params = {"raw_dir": str(Path(folders.raw_dir).resolve()), "clean_dir": str(Path(folders.clean_dir).resolve()),
              "criteria_dir": str(Path(folders.criteria_dir).resolve()), "public": public,
              # 02_score drafts the announcement beside the year's reports (<out-dir>/<year>/announce/)
              "reports_dir": str(Path(folders.out_dir).resolve())}
    runs_dir, clean_dir = folders.reports.runs, Path(folders.clean_dir)
    if runs_dir.exists():
        shutil.rmtree(runs_dir)
    result = RunResult()
    workers = workers or min(len(years), os.cpu_count() or 1)
    # ready steps as (priority, year, index into YEAR_STEPS); the comparison is (1, 0, -1)
    ready = sorted((0, y, 0) for y in years)
    cleaned: list[int] = []
    unsettled = set(years)  # years whose clean step has not finished
    pending: dict = {}
    notebooks = notebooks or catalog.notebooks()
    with kernels.this_interpreter(BATCH_KERNEL_ENV), \
            ProcessPoolExecutor(max_workers=workers, initializer=_worker_start) as pool, \
            tqdm(total=len(years) * len(YEAR_STEPS) + 1, desc="ขั้นตอน / steps", unit="step") as bar:
        try:
            while ready or pending:
                while ready and len(pending) < workers:
                    task = ready.pop(0)
                    _, year, i = task
                    if i < 0:
                        step, notebook = COMPARE_STEP
                        future = pool.submit(run_step, None, step, notebook, params, runs_dir, notebooks,
                                             render, tuple(sorted(cleaned)))
                    else:
                        step, notebook = YEAR_STEPS[i]
                        future = pool.submit(run_step, year, step, notebook, params, runs_dir, notebooks,
                                             render)
                    pending[future] = task
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    _, year, i = pending.pop(future)
                    outcome = future.result()
                    result.steps.append(outcome)
                    if i < 0:
                        bar.update(1)
                        continue
                    if outcome.ok and i + 1 < len(YEAR_STEPS):
                        ready.append((2, year, i + 1))
                        bar.update(1)
                    else:
                        bar.update(len(YEAR_STEPS) - i)
                    if i == 0:
                        unsettled.discard(year)
                        if outcome.ok:
                            cleaned.append(year)
                        if not unsettled:
                            if len(cleaned) >= 2:
                                ready.append((1, 0, -1))
                            else:
                                bar.update(1)  # nothing to compare
                                result.skipped.append((COMPARE_STEP[1], _why_no_compare(cleaned, years)))
                    ready.sort()
        except KeyboardInterrupt:  # Ctrl-C: stop the workers now; every output is whole or untouched
            for future in pending:
                future.cancel()
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            raise
    result.steps.sort(key=lambda s: (s.year is None, s.year or 0, s.step))
    if province_pages is not None:
        result.pages = _portfolio(result, years, clean_dir, runs_dir, params, workers, notebooks, province_pages,
                                  provinces)
    return result


def _portfolio(result: RunResult, years, clean_dir, runs_dir: Path, params: dict, workers, notebooks,
               render, only: list[str] | None = None) -> list:
    """Every province that took part in a year whose clean step ran gets its page
    (``portfolio``), once the years are scored."""
    cleaned = sorted({s.year for s in result.steps if s.step == "clean" and s.ok})
    if not cleaned:
        result.skipped.append((portfolio.NOTEBOOK, "ไม่มีปีที่ตรวจข้อมูลผ่าน / no year was cleaned"))
        return []
    codes = provinces_that_took_part(clean_dir, cleaned)
    if only is not None:
        for code in sorted(set(only) - set(codes)):  # asked for, but no page can be made: said, not dropped
            result.skipped.append((f"{portfolio.NOTEBOOK} {code}", f"จังหวัดรหัส {code} ไม่ได้เข้าร่วมในปีที่ตรวจข้อมูลผ่าน / "
                                   f"province {code} took part in no cleaned year"))
        codes = [c for c in codes if c in set(only)]
    page_params = {**params, "years": years_text(cleaned)}
    return portfolio.run_portfolio(codes, page_params, runs_dir / "provinces", render,
                                   workers or os.cpu_count() or 1, notebooks)


def _why_no_compare(cleaned: list[int], years: list[int]) -> str:
    have = ", ".join(map(str, sorted(cleaned))) or "-"
    if len(years) < 2:
        return (f"การเปรียบเทียบรายปีต้องมีอย่างน้อย 2 ปี แต่ขอไว้ปีเดียว ({have}) / "
                f"the year-over-year comparison needs at least 2 years; only one was asked for ({have})")
    return (f"การเปรียบเทียบรายปีต้องมีอย่างน้อย 2 ปีที่ตรวจข้อมูลผ่าน แต่ผ่าน {len(cleaned)} ปี ({have}) / "
            f"the year-over-year comparison needs at least 2 cleaned years; {len(cleaned)} were ({have})")
