"""What Excel would import: kam_udfs run under xlwings' own decorators, not a stand-in.

- **Classic** (Windows): ``xlwings.udfs`` — its ``xlfunc``/``xlarg``, its
  ``import_udfs`` writing the VBA module and calling ``MacroOptions`` for the
  function wizard — with only the Windows COM modules (pywin32) stubbed and
  a workbook object that records what Excel would be told (DESIGN §3).
- **Lite / server**: ``xlwings.pro.udfs_officejs`` — its decorators and
  ``custom_functions_meta``, the metadata Office.js registers. Loaded from its
  file without ``xlwings.pro``'s package import, which asks for a licence
  key: nothing here needs or sets one.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from pathlib import Path

import pytest
import xlwings

from kam_xl.indicators import REGISTRY, arg_doc
from kam_xl.xl.model_arg import MODEL_ARG_DOC

UDFS_FILE = Path(__file__).resolve().parents[1] / "udfs" / "kam_udfs.py"
UDFS = sorted(ind.udf for ind in REGISTRY.values() if ind.udf)
BY_UDF = {ind.udf: ind for ind in REGISTRY.values() if ind.udf}
CATEGORY = "KAM 大客户"
TABLE_FUNCTIONS = {"KAM_ABC", "KAM_PYRAMID", "KAM_SCORE", "KAM_SCORE_RAW", "KAM_PORTFOLIO"}


def _load_udfs(monkeypatch, name: str, func, arg, ret) -> types.ModuleType:
    """kam_udfs imported afresh with ``from xlwings import func, arg`` bound to one runtime's decorators."""
    monkeypatch.setattr(xlwings, "func", func)
    monkeypatch.setattr(xlwings, "arg", arg)
    monkeypatch.setattr(xlwings, "ret", ret)
    spec = importlib.util.spec_from_file_location(name, UDFS_FILE)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- classic xlwings (Windows)


class _ComError(Exception):
    pass


def _stub_pywin32(monkeypatch) -> None:
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda obj: obj
    win32com.client = client
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = _ComError
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    for name, module in {
        "pythoncom": pythoncom,
        "pywintypes": pywintypes,
        "win32com": win32com,
        "win32com.client": client,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)


class _Components:
    """``VBProject.VBComponents``: records the module Excel would import."""

    def __init__(self) -> None:
        self.imported: list[str] = []

    def __call__(self, name):
        raise _ComError(name)  # no xlwings_udfs module yet

    def Remove(self, component) -> None:
        pass

    def Import(self, path) -> None:
        self.imported.append(Path(path).read_text())


class _Application:
    Version = "16.0"

    def __init__(self) -> None:
        self.macro_options: dict[str, dict] = {}

    def MacroOptions(self, macro, **options) -> None:
        self.macro_options[macro.split("!")[-1]] = options


class _Workbook:
    Name = "team.xlsm"

    def __init__(self) -> None:
        self.VBProject = types.SimpleNamespace(VBComponents=_Components())
        self.Application = _Application()


@pytest.fixture
def classic(monkeypatch):
    """What classic xlwings' "Import Functions" does with kam_udfs: (the workbook it told, the VBA, the module)."""
    _stub_pywin32(monkeypatch)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    udfs = importlib.import_module("xlwings.udfs")
    module = _load_udfs(monkeypatch, "kam_udfs_classic", udfs.xlfunc, udfs.xlarg, udfs.xlret)
    monkeypatch.setitem(udfs.udf_modules, "kam_udfs_classic", {"module": module, "filetime": None})
    book = _Workbook()
    udfs.import_udfs("kam_udfs_classic", book)
    (vba,) = book.VBProject.VBComponents.imported
    yield book, vba, module
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)


def test_classic_registers_every_function_with_its_category_and_docs(classic):
    book, _, module = classic
    options = book.Application.macro_options
    assert sorted(options) == UDFS
    for udf in UDFS:
        ind = BY_UDF[udf]
        got = options[udf]
        assert got["Category"] == CATEGORY
        assert got["Description"] == ind.doc() == getattr(module, udf).__doc__
        assert "docs/indicators.md#" in got["Description"] and "SPEC" not in got["Description"]
        assert got["ArgumentDescriptions"] == [arg_doc(udf, a.name) for a in ind.args] + [MODEL_ARG_DOC]
        assert all(len(d) <= 255 for d in got["ArgumentDescriptions"])  # MacroOptions cuts at 255


def test_classic_vba_declares_the_optional_arguments_and_skips_the_wizard_for_tables(classic):
    _, vba, _ = classic
    for udf in UDFS:
        ind = BY_UDF[udf]
        params = [("Optional " if a.optional else "") + a.name for a in ind.args] + ["Optional model"]
        assert f"Function {udf}({', '.join(params)})" in vba, udf
        body = vba.split(f"Function {udf}(")[1].split("End Function")[0]
        wizard = "Controls(1).Enabled) Then Exit Function" in body
        assert wizard == (udf in TABLE_FUNCTIONS), udf
        assert f'"kam_udfs_classic", "{udf}"' in body
    assert re.search(r"[\u4e00-\u9fff]", vba) is None  # Chinese stays in Python: VBA code pages mangle it


def test_classic_passes_a_population_flat_and_every_other_range_as_rows(classic):
    """The conversion each argument declares (what the workbook test hands the functions): a population
    (KAM_ABC's and KAM_PYRAMID's values) as one flat list, everything else as rows of cells."""
    from test_udf_workbook import FLAT

    _, _, module = classic
    declared = {
        (udf, a["name"]): a["options"].get("ndim") for udf in UDFS for a in getattr(module, udf).__xlfunc__["args"]
    }
    assert {k for k, ndim in declared.items() if ndim == 1} == FLAT
    assert set(declared.values()) == {1, 2, None}  # None: a single value (lang), converted as it comes


def test_classic_wrappers_call_the_same_functions(classic):
    # the decorated functions are still the worksheet functions: 85 → tier A of the model
    _, _, module = classic
    from kam_xl.models import default_model

    assert module.KAM_TIER(85) == default_model().tiers[0].zh


# ---------------------------------------------------------------- xlwings Lite / server (Office.js)


@pytest.fixture
def lite(monkeypatch):
    """xlwings' Office.js decorators and metadata, without the licence check of ``xlwings.pro``'s import."""
    pro_dir = Path(xlwings.__file__).parent / "pro"
    bare = types.ModuleType("xlwings.pro")
    bare.__path__ = [str(pro_dir)]
    monkeypatch.setitem(sys.modules, "xlwings.pro", bare)
    for name in ("xlwings.pro.udfs_officejs", "xlwings.pro.object_handles"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    officejs = importlib.import_module("xlwings.pro.udfs_officejs")
    module = _load_udfs(monkeypatch, "kam_udfs_lite", officejs.xlfunc, officejs.xlarg, officejs.xlret)
    yield officejs.custom_functions_meta(module), module
    for name in ("xlwings.pro.udfs_officejs", "xlwings.pro.object_handles"):
        monkeypatch.delitem(sys.modules, name, raising=False)


def test_lite_registers_every_function_with_optional_arguments_and_docs(lite):
    meta, module = lite
    functions = {f["id"]: f for f in meta["functions"]}
    assert sorted(functions) == UDFS
    for udf in UDFS:
        ind, f = BY_UDF[udf], functions[udf]
        assert f["name"] == udf
        assert f["description"] == ind.doc()
        names = [p["name"] for p in f["parameters"]]
        assert names == [a.name for a in ind.args] + ["model"]
        optional = {p["name"] for p in f["parameters"] if p.get("optional")}
        assert optional == {a.name for a in ind.args if a.optional} | {"model"}
        docs = [p["description"] for p in f["parameters"]]
        assert docs == [arg_doc(udf, a.name) for a in ind.args] + [MODEL_ARG_DOC]
        assert all(p["dimensionality"] == "matrix" and p["type"] == "any" for p in f["parameters"])
        assert getattr(module, udf).__xlfunc__["cache"] is True  # Lite keeps results of pure functions
