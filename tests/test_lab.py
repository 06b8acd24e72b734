"""JupyterLab, as `make lab` starts it: the server lists the notebooks and runs one through
its own kernel (REST API + kernel websocket), offline, then stops."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import nbformat
import pytest

from textlab.paths import NOTEBOOKS_DIR

NOTEBOOK = "1_cleaning.ipynb"  # the first notebook: loads, cleans, draws and saves a figure
TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, path: str, *, method: str = "GET", body: dict | None = None) -> object:
    req = urllib.request.Request(
        f"{base}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        raw = resp.read()
    return json.loads(raw) if raw else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A headless JupyterLab on a free local port, serving a copy of notebooks/."""
    root = tmp_path_factory.mktemp("lab")
    for nb in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    port = _free_port()
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(root / ".config"),  # no user settings
           "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
           "TEXTLAB_FIGURES_DIR": str(tmp_path_factory.mktemp("figures"))}  # kernels inherit
    log = open(root / ".server.log", "wb")  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _api(base, "/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n"
                                       + (root / ".server.log").read_text()[-3000:]) from None
                time.sleep(0.25)
        yield base, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _run_cells(base: str, kernel_id: str, cells: list[str]) -> list[dict]:
    """Execute each source on the kernel over the server's websocket; every output message."""
    import websocket  # websocket-client, a dependency of jupyter_server

    ws = websocket.create_connection(
        f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?token={TOKEN}",
        timeout=120)
    session, outputs = uuid.uuid4().hex, []
    try:
        for source in cells:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                           "username": "test", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": source, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False,
                            "stop_on_error": True}}))
            idle = replied = False
            while not (idle and replied):
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    replied = True
                    assert msg["content"]["status"] == "ok", msg["content"]
                elif kind == "status":
                    idle = msg["content"]["execution_state"] == "idle"
                elif kind in ("stream", "execute_result", "display_data", "error"):
                    outputs.append(msg)
    finally:
        ws.close()
    return outputs


@pytest.mark.slow
def test_lab_lists_the_notebooks_and_runs_one_through_its_kernel(lab):
    base, root = lab
    listing = _api(base, "/api/contents/")
    names = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    assert names == sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    with urllib.request.urlopen(f"{base}/lab?token={TOKEN}", timeout=30) as resp:
        assert resp.status == 200 and b"JupyterLab" in resp.read()  # the app's page, offline

    session = _api(base, "/api/sessions", method="POST", body={
        "path": NOTEBOOK, "type": "notebook", "name": NOTEBOOK, "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    try:
        nb = nbformat.read(root / NOTEBOOK, as_version=4)
        cells = [c.source for c in nb.cells if c.cell_type == "code"]
        outputs = _run_cells(base, kernel_id, cells)
    finally:
        _api(base, f"/api/sessions/{session['id']}", method="DELETE")
    assert not [m for m in outputs if m["header"]["msg_type"] == "error"]
    # the figure cell shows the figure as a PNG, and the last cell printed the cleaned body
    assert any("image/png" in m["content"].get("data", {}) for m in outputs)
    assert outputs[-1]["header"]["msg_type"] == "stream"
    assert _api(base, "/api/kernels") == []  # the session's kernel was shut down
