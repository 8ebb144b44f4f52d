"""The standard blank templates in ``workbooks/``: one per kind and language.

``kam-xl templates`` regenerates them (all eight or none, through
:mod:`kam_xl.output`); :func:`differences` compares a file with
a freshly generated one cell by cell — values, formulas, data validations,
conditional formats, merged cells and defined names — not byte by byte, since
a zip's timestamps differ on every save.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kam_xl.models import Model, default_model
from kam_xl.output import Transaction

__all__ = ["KINDS", "LANGS", "differences", "signature", "template_name", "write_templates"]

# kind → module under kam_xl.workbooks, and the title users know it by
KINDS: dict[str, tuple[str, str]] = {
    "account_plan": ("大客户战略管理计划", "Account plan"),
    "customer_file": ("大客户档案", "Customer file"),
    "portfolio": ("客户组合", "Portfolio"),
    "development": ("大客户开发记录表", "Development record"),
}
LANGS = ("zh", "en")


def template_name(kind: str, lang: str) -> str:
    return f"{kind}_{lang}.xlsx"


def _module(kind: str) -> Any:
    return importlib.import_module(f"kam_xl.workbooks.{kind}")


def write_templates(
    out_dir: str | os.PathLike[str], *, model: Model | None = None, overwrite: bool = False
) -> list[Path]:
    """Write every blank template into ``out_dir`` as one transaction (all or none).

    A file there is replaced only with ``overwrite``; one someone changed is kept as a
    backup first, with a :class:`kam_xl.output.BackupNotice` warning.
    """
    model = model or default_model()
    out = Path(out_dir)
    with Transaction(force=overwrite, lock=[out]) as txn:
        targets = {out / template_name(kind, lang): (kind, lang) for kind in KINDS for lang in LANGS}
        txn.reserve((path, path.name) for path in targets)
        for path, (kind, lang) in targets.items():
            txn.stage(path, _module(kind).build(None, model=model, lang=lang).write_to)
        done = txn.commit()
    done.warn()
    return list(done.files)


def signature(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What a template is made of, in a form two files can be compared by."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    sig: dict[str, Any] = {
        "sheets": wb.sheetnames,
        "names": {n: d.attr_text for n, d in wb.defined_names.items()},
    }
    for ws in wb.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        sig[f"{ws.title}:cells"] = cells
        sig[f"{ws.title}:validations"] = sorted(
            (str(dv.sqref), dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation
        )
        sig[f"{ws.title}:formats"] = sorted(
            (str(cf.sqref), r.type, tuple(r.formula or ())) for cf in ws.conditional_formatting for r in cf.rules
        )
        sig[f"{ws.title}:merged"] = sorted(str(r) for r in ws.merged_cells.ranges)
        sig[f"{ws.title}:protected"] = bool(ws.protection.sheet)
    return sig


def _diff(a: dict[str, Any], b: dict[str, Any]) -> Iterator[str]:
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        if isinstance(x, dict) and isinstance(y, dict):
            for k in sorted(set(x) | set(y), key=str):
                if x.get(k) != y.get(k):
                    yield f"{key} {k}: {x.get(k)!r} ≠ {y.get(k)!r}"
                    break
        else:
            yield f"{key}: differs"


def differences(template_dir: str | os.PathLike[str], model: Model | None = None) -> list[str]:
    """How the committed templates differ from freshly generated ones (empty when up to date)."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write_templates(tmp, model=model)
        for new in fresh:
            old = Path(template_dir) / new.name
            if not old.is_file():
                found.append(f"{old}: missing")
                continue
            found += [f"{old.name}: {d}" for d in _diff(signature(old), signature(new))]
    return found
