"""The fixtures every test folder shares; the writers and builders they use are in ``helpers/``."""

from __future__ import annotations

import shutil

import pytest
from filelock import FileLock

from helpers.files import CRITERIA, SAMPLE_YEARS


@pytest.fixture
def rubric():
    from analysis.rubric.load import load_rubric

    return load_rubric(CRITERIA / "2564.yaml")


@pytest.fixture
def year_dir(tmp_path):
    """An empty raw folder for 2564; returns (raw_dir, year_root)."""
    root = tmp_path / "raw" / "2564"
    for c in ("individual", "province"):
        for f in ("submissions", "scores"):
            (root / c / f).mkdir(parents=True)
    return tmp_path / "raw", root


@pytest.fixture(scope="session")
def sample(tmp_path_factory, worker_id):
    """The sample regenerated with its truth, cleaned and scored once for the whole run: the first
    test worker to ask builds it under a lock in the run's shared temporary folder, the others
    wait and read it (xdist's documented pattern; it took half a minute per worker). Read only."""
    root = tmp_path_factory.getbasetemp()
    root = root if worker_id == "master" else root.parent
    base, done = root / "sample", root / "sample.done"
    with FileLock(str(root / "sample.lock")):
        if not done.is_file():
            shutil.rmtree(base, ignore_errors=True)   # what a worker that failed half-way left
            _build_sample(base)
            done.touch()
    return base


def _build_sample(base):
    from analysis.clean import run_clean
    from analysis.rubric.load import load_rubric
    from analysis.sample.files import generate
    from analysis.score import run_score

    generate(base / "raw", years=SAMPLE_YEARS, truth_dir=base / "truth", criteria_dir=CRITERIA)
    for year in SAMPLE_YEARS:
        rubric = load_rubric(CRITERIA / f"{year}.yaml")
        run_clean(base / "raw", year, base / "clean", rubric)
        run_score(base / "clean", year, rubric, draws=1000)
