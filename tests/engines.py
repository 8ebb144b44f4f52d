"""Independent engines that recompute generated workbooks, for the parity tests.

- :func:`formulas_values`: the ``formulas`` engine (pure Python), optionally
  with edited inputs, as a user editing a cell would trigger.
- :func:`libreoffice_recalc`: LibreOffice headless, forced to recalculate
  every formula on load, saving a copy whose cached values are its own.
- :func:`cached_values`: what a viewer that does not recalculate shows
  (python-calamine reading the cached values kam_xl wrote).

Values are keyed ``(sheet title, "B5")`` and normalised: numbers as float,
blank text as "", booleans as bool, error values as their text ("#DIV/0!").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import formulas
import numpy as np
from formulas.tokens.operand import Empty, XlError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

Key = tuple[str, str]


def formula_cells(path: Path) -> dict[Key, str]:
    """Every formula cell of the workbook and its formula text."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    out[(ws.title, c.coordinate)] = str(c.value)
    return out


def _norm(v: object) -> object:
    if isinstance(v, np.ndarray):
        v = v.ravel()[0] if v.size else ""
    if isinstance(v, XlError):
        return str(v)
    if v is None or isinstance(v, Empty) or (isinstance(v, str) and v == ""):
        return ""
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | float | np.number):
        return float(v)
    return v


class FormulasBook:
    """A workbook loaded once into ``formulas``; :meth:`values` recomputes with inputs."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.model = formulas.ExcelModel().loads(str(self.path)).finish()
        self._book = self.path.name.upper()

    def key(self, sheet: str, ref: str) -> str:
        return f"'[{self.path.name}]{sheet.upper()}'!{ref.upper()}"

    def values(self, inputs: Mapping[Key, object] | None = None) -> dict[Key, object]:
        ins = {self.key(s, r): v for (s, r), v in (inputs or {}).items()}
        sol = self.model.calculate(inputs=ins) if ins else self.model.calculate()
        out: dict[Key, object] = {}
        for k, v in sol.items():
            k = str(k)
            if "]" not in k or ":" in k.split("!")[-1]:
                continue
            sheet, ref = k.split("]", 1)[1].split("'!")
            out[(sheet, ref)] = _norm(getattr(v, "value", v))
        return out


def formulas_values(path: Path, inputs: Mapping[Key, object] | None = None) -> dict[Key, object]:
    return FormulasBook(path).values(inputs)


def by_title(values: Mapping[Key, object], titles: Iterable[str]) -> dict[Key, object]:
    """Re-key ``formulas``' upper-cased sheet names with the real titles."""
    upper = {t.upper(): t for t in titles}
    return {(upper.get(s, s), r): v for (s, r), v in values.items()}


def cached_values(path: Path) -> dict[Key, object]:
    """Every non-empty cell as a viewer that does not recalculate reads it (calamine)."""
    wb = CalamineWorkbook.from_path(str(path))
    out: dict[Key, object] = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                out[(name, f"{get_column_letter(j)}{i}")] = _norm(v)
    return out


_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_recalc(paths: Iterable[Path], out_dir: Path) -> dict[Path, Path]:
    """Open each file in headless LibreOffice, recalculate everything, save a copy in ``out_dir``.

    A private profile sets "recalculate on load: always", so no cached value
    kam_xl wrote survives into the copy.
    """
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: bash scripts/test.sh installs it")
    paths = [Path(p) for p in paths]
    profile = Path(tempfile.mkdtemp(prefix="kam-lo-profile-"))
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_XCU, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        str(out_dir),
        *map(str, paths),
    ]
    env = dict(os.environ, HOME=str(profile))
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=600, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = {p: out_dir / p.name for p in paths}
    missing = [str(p) for p, q in result.items() if not q.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert: {missing}")
    return result


def close(a: object, b: object, rel: float = 1e-9, abs_: float = 1e-9) -> bool:
    """Numbers within ``rel`` (or ``abs_`` near zero); anything else exactly equal."""
    if isinstance(a, float) and isinstance(b, float):
        return bool(np.isclose(a, b, rtol=rel, atol=abs_))
    return a == b
