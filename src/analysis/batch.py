"""The batch run: every year's notebooks through papermill, then the reports.

Per year ``01_clean`` then ``02_score``, years in parallel across the cores; then
``03_compare`` over the years that scored. Each executed notebook is kept as the run's log.
A year that fails does not stop the others: the run ends non-zero and the index page says
which step failed, where and why.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import papermill as pm
from tqdm import tqdm

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
YEAR_STEPS = [("clean", "01_clean.ipynb"), ("score", "02_score.ipynb")]
COMPARE_STEP = ("compare", "03_compare.ipynb")


@dataclass
class StepResult:
    year: int | None  # None for the comparison over all years
    step: str
    log: Path
    ok: bool
    error: str = ""  # what failed and why, for the index page


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


def execute(notebook: str, log: Path, parameters: dict) -> str | None:
    """Run one notebook with papermill; the executed copy is the log. None when it ran."""
    log.parent.mkdir(parents=True, exist_ok=True)
    declared = pm.inspect_notebook(str(NOTEBOOKS / notebook))  # pass only what it declares
    parameters = {k: v for k, v in parameters.items() if k in declared}
    try:
        pm.execute_notebook(str(NOTEBOOKS / notebook), str(log), parameters=parameters,
                            kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    except Exception as exc:  # noqa: BLE001 - a failed step is reported, the run goes on
        return _describe(exc)
    return None


def run_year(year: int, params: dict, runs_dir: Path) -> list[StepResult]:
    """One year's steps in order; a failed step stops that year only."""
    results = []
    for step, notebook in YEAR_STEPS:
        log = runs_dir / str(year) / notebook
        error = execute(notebook, log, {**params, "year": year})
        results.append(StepResult(year, step, log, error is None, error or ""))
        if error:
            break
    return results


def run_notebooks(raw_dir: Path, years: list[int], clean_dir: Path, runs_dir: Path,
                  criteria_dir: Path, public: bool, workers: int | None = None) -> RunResult:
    params = {"raw_dir": str(Path(raw_dir).resolve()), "out_dir": str(Path(clean_dir).resolve()),
              "clean_dir": str(Path(clean_dir).resolve()),
              "criteria_dir": str(Path(criteria_dir).resolve()), "public": public}
    if runs_dir.exists():
        shutil.rmtree(runs_dir)
    result = RunResult()
    workers = workers or min(len(years), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool, \
            tqdm(total=len(years) * len(YEAR_STEPS) + 1, desc="notebooks", unit="step") as bar:
        futures = {pool.submit(run_year, y, params, runs_dir): y for y in years}
        for future in as_completed(futures):
            steps = future.result()
            result.steps += steps
            bar.update(len(YEAR_STEPS))
        scored = [y for y in years if y not in result.failed_years()]
        step, notebook = COMPARE_STEP
        log = runs_dir / "compare" / notebook
        if len(scored) >= 2:
            span = f"{min(scored)}-{max(scored)}" if scored == list(range(min(scored), max(scored) + 1)) \
                else ",".join(map(str, scored))
            error = execute(notebook, log, {"years": span, "clean_dir": params["clean_dir"],
                                            "criteria_dir": params["criteria_dir"], "public": public})
            result.steps.append(StepResult(None, step, log, error is None, error or ""))
        bar.update(1)
    result.steps.sort(key=lambda s: (s.year is None, s.year or 0, s.step))
    return result
