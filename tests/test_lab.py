"""``make lab`` starts JupyterLab, as root too (containers, WSL), and it offers the notebooks'
kernel ``analysis``, which starts this venv's Python."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_notebooks_with_the_analysis_kernel(tmp_path):
    port, token = _free_port(), "test-token"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws")}
    env.pop("JUPYTER_PATH", None)
    lab = subprocess.Popen(
        ["make", "--no-print-directory", "lab",
         f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
         f"--IdentityProvider.token={token}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        specs = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and lab.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}", timeout=5) as r:
                    specs = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert specs is not None, lab.stdout.read() if lab.poll() is not None else "no answer"
        spec = specs["kernelspecs"]["analysis"]["spec"]
        assert spec["display_name"].startswith("analysis") and spec["argv"][0].startswith(str(ROOT / ".venv"))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=5) as r:
            listed = {item["name"] for item in json.load(r)["content"]}
        assert {"01_clean.ipynb", "02_score.ipynb", "03_compare.ipynb"} <= listed
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
