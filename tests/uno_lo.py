"""Run a LibreOffice UNO script (``/usr/bin/python3``, which has ``uno``; the venv has not) on a headless
soffice listening on a pipe: one soffice process, a private profile, stopped when the script ends.

The script gets the pipe name and a JSON job file as arguments and writes its answer as JSON to a third
file. :func:`missing` says why it cannot run here (a test then skips); :func:`run` runs it.
The scripts live in ``tests/uno/`` (:data:`INSERT_ROWS`: open a workbook, insert rows, set cells,
recalculate, read back and save).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = Path("/usr/bin/python3")
INSERT_ROWS = Path(__file__).parent / "uno" / "insert_rows.py"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing() -> str | None:
    """Why a UNO script cannot run here (None: it can)."""
    if soffice() is None:
        return "LibreOffice (soffice) is not installed"
    if not SYSTEM_PYTHON.exists():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    if probe.returncode != 0:
        return f"{SYSTEM_PYTHON} has no uno module (apt-get install python3-uno)"
    return None


def run(script: Path, job: dict[str, Any], *, timeout: float = 240.0) -> dict[str, Any]:
    """Run ``script`` on ``job`` against a soffice of its own; its JSON answer. Raises RuntimeError with the
    script's output when it fails."""
    exe = soffice()
    assert exe is not None, missing()
    with tempfile.TemporaryDirectory(prefix="kamxl_uno_") as tmp:
        work = Path(tmp)
        pipe = f"kamxl_uno_{os.getpid()}_{time.monotonic_ns()}"
        job_file, answer_file = work / "job.json", work / "answer.json"
        office = subprocess.Popen(
            [exe, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation={(work / 'profile').as_uri()}",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # the script finds soffice.bin under this process to read its CPU time
        job_file.write_text(json.dumps({**job, "office_pid": office.pid}, ensure_ascii=False), encoding="utf-8")
        try:
            done = subprocess.run(
                [str(SYSTEM_PYTHON), str(script), pipe, str(job_file), str(answer_file)],
                capture_output=True, text=True, timeout=timeout, check=False,
            )  # fmt: skip
            if done.returncode != 0 or not answer_file.exists():
                raise RuntimeError(f"{script.name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
            answer: dict[str, Any] = json.loads(answer_file.read_text(encoding="utf-8"))
            return answer
        finally:
            try:
                office.wait(timeout=20)  # the script terminates the desktop
            except subprocess.TimeoutExpired:
                office.kill()
                office.wait()
