"""The project's own files agree with each other: pins, conda env, pyproject, notebooks, README."""

import json
import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _pins(lines):
    return {re.split(r"==", l, 1)[0].lower(): l.split("==", 1)[1]
            for l in (x.split("#")[0].strip() for x in lines) if "==" in l}


def test_environment_yml_lists_the_same_pins_as_requirements():
    req = _pins((ROOT / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip) == req
    assert "-e ." in pip
    assert all(re.match(r"^\d", v) for v in req.values())  # every dependency pinned exactly


def test_pyproject_declares_every_pin_as_a_range_that_holds_it():
    """pyproject.toml says what the package needs (ranges, for other environments); requirements.txt
    the exact releases it is tested with. Every pin falls in its range, and nothing is in one file only:
    the runtime needs in ``dependencies``, the rest in an extra (lab, test, bench)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for extra in project["optional-dependencies"].values() for r in extra]
    ranges = {r.name.lower(): r.specifier for r in declared}
    assert all(str(spec) for spec in ranges.values())  # a range each, never a bare name
    pins = _pins((ROOT / "requirements.txt").read_text().splitlines())
    assert set(ranges) == set(pins)
    for name, version in pins.items():
        assert ranges[name].contains(version), (name, version, str(ranges[name]))
    assert set(project["optional-dependencies"]) == {"lab", "test", "bench"}


def test_every_package_is_listed_and_no_typing_claim_is_made():
    """pyproject lists its packages (the notebooks folder is mapped in as one): a subpackage added
    under src/analysis must be listed, or the wheel would leave it out."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert found | {"analysis.notebooks"} == set(tool["packages"])
    assert tool["package-dir"]["analysis.notebooks"] == "notebooks"
    assert not (ROOT / "src/analysis/py.typed").exists()
    assert "py.typed" not in json.dumps(tool.get("package-data", {}))


def test_the_notebooks_name_the_analysis_kernel_that_ships_with_the_package():
    from analysis.run import kernels

    shipped = json.loads((ROOT / "share/jupyter/kernels/analysis/kernel.json").read_text(encoding="utf-8"))
    assert shipped == kernels.spec("python")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert spec["name"] == kernels.NAME and spec["display_name"] == kernels.DISPLAY_NAME, path
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) -m analysis kernel" in makefile  # setup registers it in the venv


def test_make_lab_starts_as_root():
    """JupyterLab refuses root without --allow-root: the Makefile adds it for root only."""
    import subprocess

    printed = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(l for l in printed.splitlines() if "jupyter lab" in l)
    import os

    assert ("--allow-root" in line) == (os.getuid() == 0)
    assert "--notebook-dir=notebooks" in line


def test_every_requirement_says_why():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line:
            assert "#" in line and len(line.split("#", 1)[1].strip()) > 10, line


def test_notebooks_are_thin_sources():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), path
        tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path
        # logic lives in the package: no function or class definitions in notebooks
        assert not any(re.search(r"^\s*(def|class) ", "".join(c["source"]), re.M) for c in code), path


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, re.S).group(1)
    commands = [l.split("#")[0].strip() for l in first_block.splitlines() if l.split("#")[0].strip()]
    assert commands[:2] == ["make report", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^report:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_reading_a_notebook_does_not_build_the_iri_grammar():
    """jsonschema is held back (requirements.txt) because from 4.25 on, importing it (nbformat does,
    in every process that runs or exports a notebook) builds rfc3987-syntax's IRI grammar: 2.5 s
    each time. Lift the pin once jsonschema imports it lazily."""
    import subprocess
    import sys

    code = "import sys, papermill, nbconvert; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_readme_windows_commands_are_what_ci_runs_and_what_make_report_does():
    """.ci/run runs the README's make-free block (tests cannot: it builds the checkout's own .venv);
    here, that the block is there, parses, and does what ``make setup`` and ``make report`` do."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_free", ROOT / ".ci" / "make_free.py")
    make_free = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_free)
    commands = make_free.commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [c[1:3] for c in commands[:1]] == [["-m", "venv"]]
    assert ["-m", "pip", "install", "-r", "requirements.txt"] == commands[1][1:]
    assert commands[3] == [".venv/bin/analysis", "kernel"]
    run = commands[-1]
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^report:.*\n\t(.*)", makefile, re.M).group(1)
    defaults = dict(re.findall(r"^(\w+)\s*\?=\s*(\S+)", makefile, re.M))
    expanded = re.sub(r"\$\((\w+)\)", lambda m: defaults.get(m.group(1), ".venv"), recipe).split()
    assert run == expanded, (run, expanded)
    assert "python3 .ci/make_free.py" in (ROOT / ".ci/run").read_text() and "make test" in (ROOT / ".ci/run").read_text()
