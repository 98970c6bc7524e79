"""Where the notebooks and the project's folders are, whatever the working directory.

The notebooks ship inside the package (``analysis/notebooks/`` in a wheel, found through
``importlib.resources``); in a source checkout (an editable install) they are the checkout's
``notebooks/`` folder, the one analysts open: setuptools maps that folder into the wheel, so
there is one copy of each notebook.

A notebook's folder parameters (``raw_dir = "data/raw"``) are read relative to the *project
folder*, not to the working directory, so that papermill gives the same result from the
repository root, from ``notebooks/`` (where JupyterLab starts a kernel) or from anywhere else.
The project folder is, in this order: ``$ANALYSIS_PROJECT``; the source checkout the package runs
from; the nearest folder at or above the working directory that holds ``data/criteria`` (a
project beside an installed package); the working directory.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from analysis.errors import SetupError

_CHECKOUT = Path(__file__).resolve().parents[2]  # src/analysis/locations.py -> the checkout


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
