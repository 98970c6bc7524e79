"""The ``analysis`` Jupyter kernel: the Python environment where this package is installed.

The notebooks name it in their metadata, so JupyterLab and papermill run them where the package
is, not in whatever ``python3`` kernel is registered first. It exists in three ways:

- a pip install (wheel) puts ``share/jupyter/kernels/analysis/kernel.json`` into the
  environment's prefix; its command is ``python``, which Jupyter replaces with the interpreter
  of the Jupyter that starts it, so the spec is right in any venv, conda env or JupyterHub image;
- ``make setup`` (or ``analysis kernel``) registers it in the environment's prefix, since an
  editable install gets no data files; ``analysis kernel --user`` registers it for the user, for
  a JupyterLab that runs from another environment (Jupyter then starts this environment's Python);
- a batch run (``analysis run``) starts its kernels from its own interpreter whatever is
  registered (``this_interpreter``): outside a venv, a user-level ``analysis`` kernel of another
  checkout would otherwise win.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NAME = "analysis"
DISPLAY_NAME = "analysis (ท้องถิ่นอำเภอดีเด่น)"
# A batch's kernels show static tables: its executed notebooks are logs, and the reports are made
# from the static view anyway (``analysis.report.interactive``).
BATCH_KERNEL_ENV = {"ANALYSIS_TABLES": "static"}


def spec(executable: str = "python") -> dict:
    return {"argv": [executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": DISPLAY_NAME, "language": "python", "metadata": {"debugger": True}}


def install(user: bool = False) -> str:
    """Register the kernel for this interpreter: in its environment's prefix, or for the user."""
    from ipykernel.kernelspec import install as ipykernel_install

    return ipykernel_install(user=user, kernel_name=NAME, display_name=DISPLAY_NAME,
                             prefix=None if user else sys.prefix)


@contextmanager
def this_interpreter(env: dict[str, str] | None = None) -> Iterator[None]:
    """While the block runs, the kernel ``analysis`` is this interpreter: a spec in a temporary
    folder put first on ``JUPYTER_PATH`` (which Jupyter searches before any other place), for
    this process and the processes it starts; ``env``: variables its kernels get (kernel.json's
    ``env``), e.g. the batch's static tables."""
    before = os.environ.get("JUPYTER_PATH")
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as tmp:
        folder = Path(tmp, "kernels", NAME)
        folder.mkdir(parents=True)
        (folder / "kernel.json").write_text(json.dumps({**spec(sys.executable), **({"env": env} if env else {})},
                                                       ensure_ascii=False, indent=1),
                                            encoding="utf-8")
        os.environ["JUPYTER_PATH"] = os.pathsep.join([tmp] + ([before] if before else []))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = before


# ------------------------------------------------------------------ a kernel's run, for the batch
def describe(exc: Exception) -> str:
    """A notebook's failure in one line: the error the cell raised (papermill's execution error),
    else the exception itself (a kernel that did not start)."""
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):  # papermill's, without importing it here
        return f"{exc.ename}: {exc.evalue}"[:500]
    return f"{exc.__class__.__name__}: {exc}"[:500]


@contextmanager
def output_to(path: Path) -> Iterator[None]:
    """This process's stdout and stderr, at the file-descriptor level, appended to ``path`` while the
    block runs: a kernel started inside inherits them, so its warnings land in the log."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for f in (fd, *saved):
            os.close(f)
