"""The batch run: every year's notebooks through papermill, then the reports.

Per year ``01_clean`` then ``02_score``, years in parallel across the cores; ``03_compare`` over
the years that were cleaned, beside the score steps. Each executed notebook is kept as the run's
log. The pool runs notebooks, not years: a year's score step is queued when its clean step is done,
so the cores stay busy to the end (5 years on 2 cores would otherwise leave one core idle
for a whole year); a step's reports are written by the worker as soon as it has run.
A year that fails does not stop the others: the run ends non-zero and the index page says
which step failed, where and why.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import papermill as pm
from tqdm import tqdm

from analysis.rubric import years_text

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
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

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)

    def failed_years(self) -> set[int]:
        return {s.year for s in self.steps if not s.ok and s.year is not None}


def _describe(exc: Exception) -> str:
    """The failing cell's error, without the traceback colour codes."""
    if isinstance(exc, pm.PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}"[:500]
    return f"{exc.__class__.__name__}: {exc}"[:500]


def execute(notebook: str, log: Path, parameters: dict, notebooks: Path = NOTEBOOKS,
            attempts: int = 2) -> str | None:
    """Run one notebook with papermill; the executed copy is the log. None when it ran.

    A cell that fails is the notebook's error and is reported at once. A kernel that fails to
    start is the machine's: kernels started at the same moment by parallel workers can race for
    the same free TCP port (seen as "Invalid Signature" or "Kernel died before replying"; each
    kernel signs its messages with its own key, so code never runs in the wrong one). That is
    tried once more before it is reported.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    declared = pm.inspect_notebook(str(notebooks / notebook))  # pass only what it declares
    parameters = {k: v for k, v in parameters.items() if k in declared}
    error = None
    for _ in range(attempts):
        try:
            pm.execute_notebook(str(notebooks / notebook), str(log), parameters=parameters,
                                kernel_name="python3", progress_bar=False, cwd=str(notebooks),
                                start_timeout=START_TIMEOUT)
            return None
        except pm.PapermillExecutionError as exc:
            return _describe(exc)
        except Exception as exc:  # noqa: BLE001 - the kernel did not start: reported if it persists
            error = _describe(exc)
    return error


def run_step(year: int | None, step: str, notebook: str, params: dict, runs_dir: Path,
             notebooks: Path = NOTEBOOKS, render=None, years: tuple[int, ...] = ()) -> StepResult:
    """One step (in a worker): a year's step, or the comparison (``year`` None) over ``years``.
    ``render(step) -> [paths]`` writes its reports when it ran; if rendering fails here, the step is
    left for ``build_reports`` to render (and report)."""
    if year is None:
        log = runs_dir / "compare" / notebook
        params = {**params, "years": years_text(years)}
    else:
        log = runs_dir / str(year) / notebook
        params = {**params, "year": year}
    error = execute(notebook, log, params, notebooks)
    result = StepResult(year, step, log, error is None, error or "", years=tuple(years))
    if result.ok and render is not None:
        try:
            result.written = list(render(result))
        except Exception:  # noqa: BLE001 - build_reports renders it again and fails loudly there
            result.written = []
    return result


def run_notebooks(raw_dir: Path, years: list[int], clean_dir: Path, runs_dir: Path,
                  criteria_dir: Path, public: bool, workers: int | None = None, *,
                  notebooks: Path = NOTEBOOKS, render=None) -> RunResult:
    """Every year's steps and the comparison through a pool of ``workers`` processes (default: the
    cores, at most one per year). ``render`` (picklable, ``render(step) -> [paths]``) writes a step's
    reports in the worker; ``notebooks`` is the folder the notebooks are read from.

    The comparison needs every year's clean step, not its score step (``compare.run_compare``
    scores the cleaned data itself), so it starts as soon as the last year is cleaned and runs
    beside the score steps: run last, on one core, it used to leave the other core idle. No more
    steps are handed to the pool than it has workers, so that a step that becomes ready is taken in
    this order: clean steps (everything waits on them), then the comparison (the longest), then
    score steps, oldest year first."""
    params = {"raw_dir": str(Path(raw_dir).resolve()), "out_dir": str(Path(clean_dir).resolve()),
              "clean_dir": str(Path(clean_dir).resolve()),
              "criteria_dir": str(Path(criteria_dir).resolve()), "public": public}
    if runs_dir.exists():
        shutil.rmtree(runs_dir)
    result = RunResult()
    workers = workers or min(len(years), os.cpu_count() or 1)
    # ready steps as (priority, year, index into YEAR_STEPS); the comparison is (1, 0, -1)
    ready = sorted((0, y, 0) for y in years)
    cleaned: list[int] = []
    unsettled = set(years)  # years whose clean step has not finished
    pending: dict = {}
    with ProcessPoolExecutor(max_workers=workers) as pool, \
            tqdm(total=len(years) * len(YEAR_STEPS) + 1, desc="notebooks", unit="step") as bar:
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
                ready.sort()
    result.steps.sort(key=lambda s: (s.year is None, s.year or 0, s.step))
    return result
