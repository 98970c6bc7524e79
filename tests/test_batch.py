"""The batch runner: a notebook's error is reported, a kernel that did not
start is tried once more (parallel kernels can race for a port)."""

import papermill as pm

from analysis import batch


def _fake(outcomes):
    calls = []

    def execute_notebook(*args, **kwargs):
        calls.append(kwargs)
        outcome = outcomes[len(calls) - 1]
        if outcome:
            raise outcome

    return execute_notebook, calls


def test_a_kernel_that_did_not_start_is_tried_again(monkeypatch, tmp_path):
    fake, calls = _fake([RuntimeError("Kernel died before replying to kernel_info"), None])
    monkeypatch.setattr(batch.pm, "execute_notebook", fake)
    assert batch.execute("01_clean.ipynb", tmp_path / "log.ipynb", {"year": 2564}) is None
    assert len(calls) == 2
    assert calls[0]["parameters"] == {"year": 2564}  # only what the notebook declares


def test_a_failing_cell_is_reported_at_once(monkeypatch, tmp_path):
    cell_error = pm.PapermillExecutionError(3, 2, "rubric = load_rubric(...)", "ValueError", "bad rubric", [])
    fake, calls = _fake([cell_error, None])
    monkeypatch.setattr(batch.pm, "execute_notebook", fake)
    assert batch.execute("01_clean.ipynb", tmp_path / "log.ipynb", {}) == "ValueError: bad rubric"
    assert len(calls) == 1


def test_a_kernel_that_never_starts_is_reported(monkeypatch, tmp_path):
    fake, calls = _fake([RuntimeError("no kernel"), RuntimeError("no kernel")])
    monkeypatch.setattr(batch.pm, "execute_notebook", fake)
    assert batch.execute("01_clean.ipynb", tmp_path / "log.ipynb", {}) == "RuntimeError: no kernel"
    assert len(calls) == 2


# ------------------------------------------------------------------------ the schedule
def _fake_steps(monkeypatch, tmp_path, seconds: dict, fail: set = frozenset()):
    """``batch.execute`` replaced by a sleep that logs when each step started and ended (the pool's
    workers are forked, so they run the fake). Returns the log file."""
    import time

    journal = tmp_path / "journal.txt"

    def execute(notebook, log, parameters, notebooks=None):
        who = (notebook, parameters.get("year", parameters.get("years")))
        with open(journal, "a") as f:
            f.write(f"{who[0]} {who[1]} start {time.monotonic()}\n")
        time.sleep(seconds[notebook])
        with open(journal, "a") as f:
            f.write(f"{who[0]} {who[1]} end {time.monotonic()}\n")
        return "ValueError: broken" if who in fail else None

    monkeypatch.setattr(batch, "execute", execute)
    return journal


def _read(journal):
    times = {}
    for line in journal.read_text().splitlines():
        notebook, who, what, t = line.split()
        times[(notebook, who, what)] = float(t)
    return times


def test_the_comparison_runs_beside_the_score_steps(monkeypatch, tmp_path):
    """It needs the clean steps only: it starts when the last year is cleaned, before the score
    steps still waiting, and it is given the years that were cleaned."""
    journal = _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.2, "02_score.ipynb": 0.4,
                                                  "03_compare.ipynb": 0.4})
    run = batch.run_notebooks(tmp_path, [2564, 2565, 2566], tmp_path / "clean", tmp_path / "runs",
                              tmp_path, False, workers=2)
    assert run.ok and len(run.steps) == 7
    t = _read(journal)
    cleans_end = max(t[("01_clean.ipynb", str(y), "end")] for y in (2564, 2565, 2566))
    scores_end = max(t[("02_score.ipynb", str(y), "end")] for y in (2564, 2565, 2566))
    compare_start = t[("03_compare.ipynb", "2564-2566", "start")]
    assert cleans_end <= compare_start < scores_end
    # the score of the last year cleaned waits for the comparison (taken first: it is the longest)
    assert compare_start < t[("02_score.ipynb", "2566", "start")]
    compare = next(s for s in run.steps if s.step == "compare")
    assert compare.year is None and compare.years == (2564, 2565, 2566)


def test_a_year_that_failed_to_clean_is_left_out_of_the_comparison(monkeypatch, tmp_path):
    journal = _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.05, "02_score.ipynb": 0.05,
                                                  "03_compare.ipynb": 0.05},
                          fail={("01_clean.ipynb", 2565)})
    run = batch.run_notebooks(tmp_path, [2564, 2565, 2566], tmp_path / "clean", tmp_path / "runs",
                              tmp_path, False, workers=2)
    assert not run.ok and run.failed_years() == {2565}
    assert [(s.year, s.step) for s in run.steps] == [
        (2564, "clean"), (2564, "score"), (2565, "clean"), (2566, "clean"), (2566, "score"),
        (None, "compare")]
    assert run.steps[-1].years == (2564, 2566)
    assert ("03_compare.ipynb", "2564,2566", "end") in _read(journal)


def test_nothing_to_compare_with_one_year_cleaned(monkeypatch, tmp_path):
    _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.05, "02_score.ipynb": 0.05},
                fail={("01_clean.ipynb", 2565)})
    run = batch.run_notebooks(tmp_path, [2564, 2565], tmp_path / "clean", tmp_path / "runs",
                              tmp_path, False, workers=2)
    assert [(s.year, s.step) for s in run.steps] == [(2564, "clean"), (2564, "score"), (2565, "clean")]


def test_a_year_whose_score_step_failed_is_still_compared(monkeypatch, tmp_path):
    """The comparison scores the cleaned data itself: a score notebook that failed (say, in a chart
    cell) leaves its year in the comparison, and the run still ends failed for that year."""
    _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.05, "02_score.ipynb": 0.05,
                                        "03_compare.ipynb": 0.05},
                fail={("02_score.ipynb", 2565)})
    run = batch.run_notebooks(tmp_path, [2564, 2565], tmp_path / "clean", tmp_path / "runs",
                              tmp_path, False, workers=2)
    assert not run.ok and run.failed_years() == {2565}
    assert run.steps[-1].step == "compare" and run.steps[-1].ok and run.steps[-1].years == (2564, 2565)
