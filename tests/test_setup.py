"""The project's own files agree with each other: pins, conda env, notebooks, README."""

import json
import re
from pathlib import Path

import yaml

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
