"""Every file of a year's clean data and of the reports, named once.

The steps and the pages name data by catalog name (``"submissions"``, ``"results"``), never by
file name, and read it through ``YearFolder.read``, which checks the folder's manifest first
(``store.verify``: the step that wrote the file finished, with this version, and nothing changed
since). The shape is Kedro's ``catalog.yml`` with its pipelines naming datasets only by name, and
cookiecutter-data-science's one ``config.py`` of paths.

A year's clean folder, ``<clean-dir>/<year>/`` (written by the clean and score steps)::

    submissions.parquet  scores.parquet  judges.parquet  quarantine.csv  set_aside.csv   (clean)
    results.parquet  judging.parquet  leniency.parquet ...  timing.parquet               (score)
    manifest.json                                                                        (store)

The reports, ``<out-dir>/``: ``index.html``, ``compare.html``, ``provinces/<code>.html`` and per
year ``<year>/summary.html``, ``score.html``, ``clean.html`` and the workbook
``ผลการประเมิน_<year>.xlsx``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis import store
from analysis.errors import SetupError


@dataclass(frozen=True)
class Dataset:
    """One file of a year's clean folder: its name, the step that writes it, what it holds."""

    file: str
    step: str
    what: str

    @property
    def kind(self) -> str:
        return Path(self.file).suffix.lstrip(".")


CLEAN = "clean"
SCORE = "score"

DATASETS: dict[str, Dataset] = {
    "submissions": Dataset("submissions.parquet", CLEAN, "the accepted forms: one row per candidate"),
    "scores": Dataset("scores.parquet", CLEAN, "the judges' marks: one row per judge, candidate and criterion"),
    "judges": Dataset("judges.parquet", CLEAN, "the panels: who judged which category and round"),
    "quarantine": Dataset("quarantine.csv", CLEAN, "rows held back, with their reason and what to write"),
    "set_aside": Dataset("set_aside.csv", CLEAN, "rows that are not data (totals, notes, tests), with why"),
    "results": Dataset("results.parquet", SCORE, "points, ranks, awards and their probabilities"),
    "judging": Dataset("judging.parquet", SCORE, "each judge's marks as scored (normalised, weighted)"),
    "leniency": Dataset("leniency.parquet", SCORE, "each judge's leniency and spread"),
    "agreement": Dataset("agreement.parquet", SCORE, "how far the judges agree, per round and criterion"),
    "margins": Dataset("margins.parquet", SCORE, "the points between neighbours at each award boundary"),
    "weights": Dataset("weights.parquet", SCORE, "the rubric weights of each draw"),
    "contested": Dataset("contested.parquet", SCORE, "per award: the candidates the data cannot tell apart"),
    "more_judges": Dataset("more_judges.parquet", SCORE, "what 1-4 more judges on the contested would settle"),
    "panel_size": Dataset("panel_size.parquet", SCORE, "the share of awards settled with 3-9 judges"),
    "judge_model": Dataset("judge_model.parquet", SCORE, "the fitted judge model: leniency, spread, residual"),
    "timing": Dataset("timing.parquet", SCORE, "seconds spent on the draws (the benchmark reads it)"),
}
# The score step's tables, written beside the clean step's (``timing`` apart: not a result).
SCORE_OUTPUTS = tuple(n for n, d in DATASETS.items() if d.step == SCORE and n != "timing")
CSV_ENCODING = "utf-8-sig"  # Excel opens a UTF-8 CSV as Thai only with the BOM


def file(name: str) -> str:
    """The file name of a dataset (``"results"`` -> ``"results.parquet"``)."""
    return DATASETS[name].file


@dataclass(frozen=True)
class YearFolder:
    """A year's clean folder: ``<clean_dir>/<year>/``."""

    clean_dir: Path
    year: int

    def __post_init__(self):
        object.__setattr__(self, "clean_dir", Path(self.clean_dir))
        object.__setattr__(self, "year", int(self.year))

    @property
    def path(self) -> Path:
        return self.clean_dir / str(self.year)

    def __truediv__(self, name: str) -> Path:
        """The path of a dataset: ``folder / "results"``."""
        return self.path / file(name)

    def has(self, name: str) -> bool:
        return (self / name).is_file()

    def verify(self, *names: str, rubric=None) -> dict:
        """Check, through the manifest, that the step that writes ``names`` finished and nothing
        changed since; returns its record (``store.verify``). One step per call."""
        steps = {DATASETS[n].step for n in names}
        if len(steps) != 1:
            raise ValueError(f"one step per verify, not {sorted(steps)}")
        step, needs = steps.pop(), tuple(file(n) for n in names)
        key = (str(self.path.resolve()), step, str(rubric), needs, _snapshot(self.path))
        if key not in _VERIFIED:  # a province's page asks for every year: the hashes are read once
            _VERIFIED[key] = store.verify(self.path, step, rubric=rubric, needs=needs)
        return _VERIFIED[key]

    def read(self, name: str, *, rubric=None, columns: list[str] | None = None,
             dtype=None, verified: bool = False) -> pd.DataFrame:
        """A dataset as a frame, after ``verify`` (skipped with ``verified=True`` when the caller
        has just verified the folder)."""
        if not verified:
            self.verify(name, rubric=rubric)
        path = self / name
        if DATASETS[name].kind == "csv":
            return pd.read_csv(path, encoding=CSV_ENCODING, usecols=columns, dtype=dtype)
        return pd.read_parquet(path, columns=columns)

    def read_if(self, name: str, **kw) -> pd.DataFrame | None:
        """The dataset, or ``None`` when its step has not written it (the score step not run yet)."""
        return self.read(name, **kw) if self.has(name) else None


_VERIFIED: dict[tuple, dict] = {}


def _snapshot(folder: Path) -> tuple:
    """Every file of a folder with its size and time: a verification holds while this is the same."""
    try:
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                            if e.is_file()))
    except OSError:
        return ()


# ---------------------------------------------------------------------------------- the project folder
# Where the notebooks and the project's folders are, whatever the working directory.
#
# The notebooks ship inside the package (``analysis/notebooks/`` in a wheel, found through
# ``importlib.resources``); in a source checkout (an editable install) they are the checkout's
# ``notebooks/`` folder, the one analysts open: setuptools maps that folder into the wheel, so
# there is one copy of each notebook.
#
# A notebook's folder parameters (``raw_dir = "data/raw"``) are read relative to the *project
# folder*, not to the working directory, so that papermill gives the same result from the
# repository root, from ``notebooks/`` (where JupyterLab starts a kernel) or from anywhere else.
# The project folder is, in this order: ``$ANALYSIS_PROJECT``; the source checkout the package runs
# from; the nearest folder at or above the working directory that holds ``data/criteria`` (a
# project beside an installed package); the working directory.
_CHECKOUT = Path(__file__).resolve().parents[2]  # src/analysis/catalog.py -> the checkout


def notebooks() -> Path:
    """The folder holding ``01_clean.ipynb``, ``02_score.ipynb`` and ``03_compare.ipynb``."""
    shipped = resources.files("analysis").joinpath("notebooks")
    if shipped.is_dir() and shipped.joinpath("01_clean.ipynb").is_file():
        return Path(str(shipped))
    if (_CHECKOUT / "notebooks" / "01_clean.ipynb").is_file():
        return _CHECKOUT / "notebooks"
    raise SetupError("ไม่พบโน้ตบุ๊กของแพ็กเกจ (ติดตั้งไม่ครบ) / the package's notebooks are missing "
                            "(an incomplete install: reinstall the package)")


def _is_project(folder: Path) -> bool:
    return (folder / "data" / "criteria").is_dir()


def project_dir() -> Path:
    """The project folder (see the module docstring)."""
    if os.environ.get("ANALYSIS_PROJECT"):
        return Path(os.environ["ANALYSIS_PROJECT"]).expanduser().resolve()
    if (_CHECKOUT / "src" / "analysis").is_dir() and _is_project(_CHECKOUT):
        return _CHECKOUT
    here = Path.cwd().resolve()
    return next((p for p in (here, *here.parents) if _is_project(p)), here)


def resolve(*paths: str | os.PathLike) -> list[str]:
    """Each folder as an absolute path: a relative one is taken from the project folder."""
    base = project_dir()
    given = [Path(p).expanduser() for p in paths]
    return [str(p if p.is_absolute() else base / p) for p in given]


# ---------------------------------------------------------------------------------- the folders
RAW_DIR, OUT_DIR = Path("data/raw"), Path("reports")


@dataclass(frozen=True)
class Folders:
    """The four folders every command and notebook names the same way, each with one default:
    the raw forms (``data/raw``), beside them the cleaned data (``<raw>/../clean``) and the rubrics
    (``<raw>/../criteria``), and what people receive (``reports``)."""

    raw_dir: Path = RAW_DIR
    clean_dir: Path = RAW_DIR.parent / "clean"
    criteria_dir: Path = RAW_DIR.parent / "criteria"
    out_dir: Path = OUT_DIR

    @classmethod
    def given(cls, raw_dir=None, clean_dir=None, criteria_dir=None, out_dir=None) -> "Folders":
        raw = Path(raw_dir) if raw_dir else RAW_DIR
        return cls(raw, Path(clean_dir) if clean_dir else raw.parent / "clean",
                   Path(criteria_dir) if criteria_dir else raw.parent / "criteria",
                   Path(out_dir) if out_dir else OUT_DIR)

    @property
    def reports(self) -> "ReportFolder":
        """What people receive, by name (``out_dir``'s pages, workbooks and logs)."""
        return ReportFolder(self.out_dir)


# ---------------------------------------------------------------------------------- the reports
PAGES = {"summary": "summary.html", "score": "score.html", "clean": "clean.html"}
INDEX, COMPARE_PAGE, PROVINCES = "index.html", "compare.html", "provinces"
RUNS = "runs"   # the executed notebooks and their logs, a folder per year (not shared)


def workbook_name(year: int) -> str:
    """The year's workbook, as officials receive it: ``ผลการประเมิน_2568.xlsx``."""
    return f"ผลการประเมิน_{year}.xlsx"


@dataclass(frozen=True)
class ReportFolder:
    """The reports folder: ``<out_dir>/``."""

    out_dir: Path

    def __post_init__(self):
        object.__setattr__(self, "out_dir", Path(self.out_dir))

    @property
    def index(self) -> Path:
        return self.out_dir / INDEX

    @property
    def compare(self) -> Path:
        return self.out_dir / COMPARE_PAGE

    def year(self, year: int) -> Path:
        return self.out_dir / str(year)

    def page(self, year: int, name: str) -> Path:
        return self.year(year) / PAGES[name]

    def workbook(self, year: int) -> Path:
        return self.year(year) / workbook_name(year)

    def province(self, code: str) -> Path:
        return self.out_dir / PROVINCES / f"{code}.html"

    @property
    def runs(self) -> Path:
        return self.out_dir / RUNS
