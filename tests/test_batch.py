"""The batch runner's rule for failures: a notebook's error is reported, a kernel that did not
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
