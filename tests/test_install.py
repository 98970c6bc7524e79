"""The package as a colleague or a JupyterHub gets it: a wheel, installed (not editable) into a new
venv with only what pyproject.toml declares, runs the sample end to end from another folder.

It needs the package index (or pip's cache) as ``make setup`` does; the pins in requirements.txt
are given as constraints, so pip takes the same releases as the development venv (cached).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_FILES = ("pyproject.toml", "README.md", "LICENSE", "src", "notebooks", "share")


def _run(args, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, **kw)
    assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the files a build reads (so the checkout gets no build/)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in BUILD_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(
            ROOT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                          if (ROOT / name).is_dir() else {}))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist", source])
    (found,) = (base / "dist").glob("analysis-*.whl")
    return found


def test_the_wheel_carries_every_module_the_notebooks_and_the_kernel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {f"analysis/{p.relative_to(ROOT / 'src/analysis').as_posix()}"
               for p in (ROOT / "src/analysis").rglob("*.py")}
    assert modules <= names, sorted(modules - names)  # a subpackage missing from pyproject's list
    assert {f"analysis/notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")} <= names
    (spec,) = [n for n in names if n.endswith("share/jupyter/kernels/analysis/kernel.json")]
    assert json.loads(zipfile.ZipFile(wheel).read(spec))["argv"][0] == "python"
    assert not any(n.endswith("py.typed") for n in names)  # no typing claim the package does not check
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Requires-Dist: pyyaml" in meta and "Requires-Dist: pandas" in meta


@pytest.mark.install
def test_a_wheel_in_a_new_venv_runs_the_sample_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv])
    bin_ = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([bin_ / "python", "-m", "pip", "install", "--quiet", "-c", ROOT / "requirements.txt", wheel])
    where = _run([bin_ / "python", "-c", "import analysis, analysis.catalog as l; "
                  "print(analysis.__file__); print(l.notebooks())"], cwd=tmp_path).stdout.splitlines()
    assert all(str(venv) in line for line in where), where  # the installed package, not the checkout
    assert (venv / "share/jupyter/kernels/analysis/kernel.json").is_file()
    assert _run([bin_ / "analysis", "--version"]).stdout.startswith("analysis ")

    out = tmp_path / "reports"
    # one year and two province pages keep the test short; the pages show the wheel's 04_province
    # notebook runs (test_portfolio makes all 76)
    done = _run([bin_ / "analysis", "run", "--raw-dir", ROOT / "data/raw", "--years", "2568",
                 "--out-dir", out, "--clean-dir", tmp_path / "clean", "--criteria-dir", ROOT / "data/criteria",
                 "--provinces", "50,ลำปาง"], cwd=tmp_path, timeout=900)
    terminal = done.stdout + done.stderr
    assert "IPKernelApp" not in terminal and "without encryption" not in terminal
    assert "done: 2 of 2 steps ran" in done.stdout
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert pages == {"index.html", "2568/clean.html", "2568/score.html", "2568/summary.html",
                     "provinces/50.html", "provinces/52.html"}  # ลำปาง is 52, found by its name
    assert "<title>ผลคะแนนและรางวัล ปี พ.ศ. 2568</title>" in (out / "2568/score.html").read_text(encoding="utf-8")
    assert (out / "2568/ผลการประเมิน_2568.xlsx").is_file()
