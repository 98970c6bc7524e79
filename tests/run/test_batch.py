"""The batch runner: a notebook's error is reported, a kernel that did not
start is tried once more (parallel kernels can race for a port)."""

import shutil

import papermill as pm

from analysis.catalog import Folders
from analysis.run import batch
from helpers.files import CRITERIA
from helpers.years import fixture_year


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


def _folders(tmp_path):
    """The forms, the rubrics and the reports all in ``tmp_path``; the cleaned data in ``clean/``."""
    return Folders(tmp_path, tmp_path / "clean", tmp_path, tmp_path)


def test_the_comparison_runs_beside_the_score_steps(monkeypatch, tmp_path):
    """It needs the clean steps only: it starts when the last year is cleaned, before the score
    steps still waiting, and it is given the years that were cleaned."""
    journal = _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.2, "02_score.ipynb": 0.4,
                                                  "03_compare.ipynb": 0.4})
    run = batch.run_notebooks(_folders(tmp_path), [2564, 2565, 2566], False, workers=2)
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
    run = batch.run_notebooks(_folders(tmp_path), [2564, 2565, 2566], False, workers=2)
    assert not run.ok and run.failed_years() == {2565}
    assert [(s.year, s.step) for s in run.steps] == [
        (2564, "clean"), (2564, "score"), (2565, "clean"), (2566, "clean"), (2566, "score"),
        (None, "compare")]
    assert run.steps[-1].years == (2564, 2566)
    assert ("03_compare.ipynb", "2564,2566", "end") in _read(journal)


def test_nothing_to_compare_with_one_year_cleaned(monkeypatch, tmp_path):
    _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.05, "02_score.ipynb": 0.05},
                fail={("01_clean.ipynb", 2565)})
    run = batch.run_notebooks(_folders(tmp_path), [2564, 2565], False, workers=2)
    assert [(s.year, s.step) for s in run.steps] == [(2564, "clean"), (2564, "score"), (2565, "clean")]


def test_a_year_whose_score_step_failed_is_still_compared(monkeypatch, tmp_path):
    """The comparison scores the cleaned data itself: a score notebook that failed (say, in a chart
    cell) leaves its year in the comparison, and the run still ends failed for that year."""
    _fake_steps(monkeypatch, tmp_path, {"01_clean.ipynb": 0.05, "02_score.ipynb": 0.05,
                                        "03_compare.ipynb": 0.05},
                fail={("02_score.ipynb", 2565)})
    run = batch.run_notebooks(_folders(tmp_path), [2564, 2565], False, workers=2)
    assert not run.ok and run.failed_years() == {2565}
    assert run.steps[-1].step == "compare" and run.steps[-1].ok and run.steps[-1].years == (2564, 2565)


# ------------------------------------------------------------------------ what a person sees
def _two_years(tmp_path):
    for year in (2564, 2565):
        fixture_year(tmp_path / "raw" / str(year), year)
    shutil.copytree(CRITERIA, tmp_path / "criteria")
    return tmp_path / "raw", tmp_path / "criteria"


def test_a_run_is_quiet_and_ends_with_what_it_did(tmp_path):
    """Kernel noise goes to the step's log; the terminal gets the progress bar and a summary: the
    reports, per year rows accepted / held back / set aside, and the step that failed or was skipped."""
    import subprocess
    import sys

    raw, criteria = _two_years(tmp_path)
    (criteria / "2565.yaml").write_text("year: 2565\nindividual: {}\n", encoding="utf-8")  # 2565 fails
    (raw / "2564/individual/submissions/~$f.xlsx").write_bytes(b"\x00" * 165)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "analysis", "run", "--raw-dir", str(raw), "--years",
                           "2564-2565", "--out-dir", str(out), "--criteria-dir", str(criteria),
                           "--provinces", "ลำปาง,กระบี่"], capture_output=True, text=True, timeout=600)
    terminal = done.stdout + done.stderr
    assert done.returncode == 1
    for noise in ("IPKernelApp", "without encryption", "KeyboardInterrupt", "Traceback"):
        assert noise not in terminal, noise
    logs = "".join(p.read_text(encoding="utf-8") for p in (out / "runs").rglob("*.log"))
    assert "without encryption" in logs  # kept, where a developer looks
    assert f"รายงาน / reports: {out / 'index.html'}" in done.stdout and str(out / "2564/score.html") in done.stdout
    assert ("2564: accepted 6 forms and 24 score-sheet rows · rows held back: 1 · rows set aside as not data: 2"
            in done.stdout)
    # a page asked for is made; one that cannot be is said (กระบี่ sent nothing), not left out quietly
    assert sorted(p.name for p in (out / "provinces").glob("*.html")) == ["52.html"]
    assert "province 81 took part in no cleaned year" in done.stdout
    assert "files not read, and notes:" in done.stdout
    assert "~$f.xlsx: ไฟล์ล็อกของ Excel" in done.stdout and "an Excel lock file" in done.stdout
    assert "2565: not cleaned" in done.stdout and "RubricError" in done.stdout
    assert "needs at least 2 cleaned years; 1 were (2564)" in done.stdout  # the comparison, skipped, says why
    assert "partly done: 2 of 3 steps ran" in done.stdout
    # a batch's notebooks are logs: static tables, no DataTables bundle in each (the year's and the page's)
    for log in (out / "runs/2564/02_score.ipynb", *(out / "runs/provinces").rglob("*.ipynb")):
        assert "<table>" in log.read_text(encoding="utf-8") and "itables" not in log.read_text(encoding="utf-8")


def test_a_report_open_elsewhere_fails_its_step_and_the_rest_is_written(tmp_path, monkeypatch, capsys):
    import errno
    from pathlib import Path

    from analysis import store
    from analysis.__main__ import main

    raw, criteria = _two_years(tmp_path)
    out = tmp_path / "out"
    real = store._move

    def move(src, dst):  # 2565's score page is open in another program (a locked file on Windows)
        if Path(dst).as_posix().endswith("2565/score.html"):
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", move)
    args = ["run", "--raw-dir", str(raw), "--years", "2564-2565", "--out-dir", str(out),
            "--criteria-dir", str(criteria), "--no-province-pages"]  # the pages have their own tests
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert f"cannot write {out / '2565/score.html'}" in printed and "close it and run again" in printed
    assert "internal error" not in printed
    for page in ("index.html", "compare.html", "2564/score.html", "2565/clean.html"):
        assert (out / page).exists(), page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "FileInUse" in index and "ปิดไฟล์แล้วรันใหม่" in index

    # the index itself open elsewhere: named, the run fails, the reports are still written
    def move_index(src, dst):
        if Path(dst).name == "index.html":
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", move_index)
    assert not (out / "2565/score.html").exists()  # never half-written: not written at all
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert f"index.html: เขียนไฟล์ {out / 'index.html'} ไม่ได้" in printed and (out / "2565/score.html").exists()


def test_a_workbook_open_in_excel_is_named_the_old_one_stays_and_the_index_is_rewritten(tmp_path, monkeypatch,
                                                                                          capsys):
    """The results workbook is written beside its place and swapped in: open in Excel (locked on
    Windows), the step fails with a message naming it, the workbook is the one from before (never
    half-replaced), and the other reports and the index page are written anew."""
    import errno
    from pathlib import Path

    from analysis import store
    from analysis.__main__ import main

    raw, criteria = _two_years(tmp_path)
    out = tmp_path / "out"
    args = ["run", "--raw-dir", str(raw), "--years", "2564-2565", "--out-dir", str(out),
            "--criteria-dir", str(criteria), "--no-province-pages"]  # the pages have their own tests
    assert main(args) == 0
    capsys.readouterr()
    book = out / "2565" / "ผลการประเมิน_2565.xlsx"
    before = book.read_bytes()
    index_before = (out / "index.html").stat().st_mtime_ns
    real = store._move

    def move(src, dst):
        if Path(dst) == book:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", move)
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert f"cannot write {book}" in printed and "close it and run again" in printed
    assert f"เขียนไฟล์ {book} ไม่ได้" in printed and "internal error" not in printed
    assert book.read_bytes() == before
    assert not [p for p in book.parent.iterdir() if p.name.startswith(".")]  # nothing left beside it
    index = (out / "index.html").read_text(encoding="utf-8")
    assert (out / "index.html").stat().st_mtime_ns > index_before
    assert "FileInUse" in index and str(book.name) in index and "ปิดไฟล์แล้วรันใหม่" in index
    assert (out / "2564" / "ผลการประเมิน_2564.xlsx").exists() and (out / "compare.html").exists()
