"""Setting Excel up for kam_xl: a workbook's ``xlwings.conf`` sheet, what this machine lacks, the wheel.

- :func:`setup_workbook` adds (or updates) the ``xlwings.conf`` sheet xlwings reads
  its settings from — ``UDF Modules = kam_udfs`` and this environment's Python
  (``Interpreter_Win`` / ``Interpreter_Mac``) — in a copy of the workbook, or in
  the workbook itself with ``force`` (through :mod:`kam_xl.output`: refused without
  ``force``, a backup kept with it). The sheet is added inside the file's zip
  package: every other part (charts, images, pivot tables, VBA) is copied byte for
  byte, which openpyxl's load-and-save would not do.
- :func:`machine_checks` lists what classic xlwings needs on this machine and
  whether it is there: Excel's platform, pywin32, the xlwings add-in, VBA project
  access ("Trust access to the VBA project object model", read from the registry
  on Windows), the modules Excel imports.
- :func:`build_wheel` builds kam_xl's wheel (for xlwings Lite and for machines
  without internet) from a checkout.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from kam_xl.errors import FileError, InputError, Position
from kam_xl.output import Backup, Transaction
from kam_xl.reading import check_workbook, open_workbook

__all__ = [
    "CONF_SHEET",
    "UDF_MODULE",
    "Check",
    "SetupResult",
    "build_wheel",
    "conf_settings",
    "machine_checks",
    "read_conf",
    "setup_workbook",
]

CONF_SHEET = "xlwings.conf"  # the sheet name xlwings looks for (keys in column A, values in column B)
UDF_MODULE = "kam_udfs"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = _REL_NS + "/worksheet"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def conf_settings(interpreter: str | None = None, pythonpath: str | None = None) -> dict[str, str]:
    """The settings kam_xl needs: its UDF module, this environment's Python (on this platform's key:
    ``Interpreter_Mac`` on a Mac, else ``Interpreter_Win``) and, when given, a ``PYTHONPATH`` (the
    folder to search first, e.g. one holding a newer ``kam_macros`` than the installed one)."""
    key = "Interpreter_Mac" if sys.platform == "darwin" else "Interpreter_Win"
    python = interpreter or sys.executable
    if sys.platform.startswith("win") and interpreter is None and python.lower().endswith("python.exe"):
        python = python[: -len("python.exe")] + "pythonw.exe"  # no console window flashing up with each call
    out = {"UDF Modules": UDF_MODULE, key: python}
    if pythonpath:
        out["PYTHONPATH"] = pythonpath
    return out


@dataclass(frozen=True)
class SetupResult:
    """What :func:`setup_workbook` wrote: the workbook, its settings, any backup kept (``force``)."""

    file: Path
    settings: dict[str, str]
    backups: tuple[Backup, ...] = ()

    def summary(self, lang: str = "zh") -> str:
        zh = lang == "zh"
        lines = [f"已写入 {self.file}（{CONF_SHEET}）" if zh else f"Wrote {self.file} ({CONF_SHEET})"]
        lines += [f"  {k} = {v}" for k, v in self.settings.items()]
        lines += [b.message(lang) for b in self.backups]
        lines.append(
            "下一步：在 Excel 中打开它，在 xlwings 选项卡点击 Import Functions"
            if zh
            else "Next: open it in Excel and click Import Functions on the xlwings tab"
        )
        return "\n".join(lines)


def read_conf(path: str | os.PathLike[str]) -> dict[str, str] | None:
    """The workbook's ``xlwings.conf`` settings (column A → column B), None when it has no such sheet."""
    wb = open_workbook(path, "workbook")
    try:
        if CONF_SHEET not in wb.sheetnames:
            return None
        out: dict[str, str] = {}
        for row in wb[CONF_SHEET].iter_rows(max_col=2, values_only=True):
            key, value = (*row, None, None)[:2]
            if key is not None and str(key).strip():
                out[str(key).strip()] = "" if value is None else str(value)
        return out
    finally:
        wb.close()


def setup_workbook(
    book: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    interpreter: str | None = None,
    pythonpath: str | None = None,
    force: bool = False,
) -> SetupResult:
    """Write ``book`` with an ``xlwings.conf`` sheet to ``out`` (default: ``book`` itself, which needs
    ``force``). Settings the sheet already holds are kept; kam_xl's are set. ``book`` is only read."""
    source = Path(book)
    target = Path(out) if out is not None else source
    if source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(
            "book", f"只能设置 .xlsx 或 .xlsm 工作簿，而不是 “{source.name}”",
            f"only an .xlsx or .xlsm workbook can be set up, not '{source.name}'", Position(source=str(source)),
        )  # fmt: skip
    if target.suffix.lower() != source.suffix.lower():
        raise InputError(
            "out", f"输出文件的扩展名应与输入相同（{source.suffix}）", f"the output must keep the input's extension "
            f"({source.suffix})", Position(source=str(target)),
        )  # fmt: skip
    check_workbook(source, "workbook")
    settings = {**(read_conf(source) or {}), **conf_settings(interpreter, pythonpath)}
    data = source.read_bytes()  # read once: the target may be the source itself
    with Transaction(force=force, lock=[target.parent]) as txn:
        txn.reserve([(target, source.name)])
        txn.stage(target, lambda tmp: _write_with_conf(data, tmp, settings, source.name))
        done = txn.commit()
    return SetupResult(done.files[0], settings, done.backups)


# ---------------------------------------------------------------- the sheet, inside the zip package


def _sheet_xml(settings: Mapping[str, str]) -> bytes:
    rows = []
    for r, (key, value) in enumerate(settings.items(), start=1):
        cells = "".join(
            f'<c r="{col}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
            for col, text in (("A", key), ("B", value))
        )
        rows.append(f'<row r="{r}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN_NS}"><cols><col min="1" max="1" width="18" customWidth="1"/>'
        f'<col min="2" max="2" width="60" customWidth="1"/></cols><sheetData>{"".join(rows)}</sheetData></worksheet>'
    ).encode()


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\s{re.escape(name)}\s*=\s*"([^"]*)"', tag)
    return m.group(1) if m else None


def _write_with_conf(data: bytes, tmp: Path, settings: Mapping[str, str], name: str) -> None:
    """Copy the package ``data`` to ``tmp`` with the conf sheet added (or its part replaced)."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {i.filename: i for i in src.infolist()}
        try:
            workbook = src.read("xl/workbook.xml").decode("utf-8")
            rels = src.read("xl/_rels/workbook.xml.rels").decode("utf-8")
            types = src.read("[Content_Types].xml").decode("utf-8")
        except KeyError as exc:
            raise FileError(
                "book", f"“{name}” 缺少工作簿的组成部分 {exc}", f"'{name}' lacks a workbook part {exc}", name
            ) from None
        sheet_tags = re.findall(r"<(?:\w+:)?sheet\b[^>]*/?>", workbook)
        conf = next((t for t in sheet_tags if _attr(t, "name") == CONF_SHEET), None)
        changed: dict[str, bytes] = {}
        if conf is not None:  # replace the existing sheet's part
            m = re.search(r'\s\w+:id="([^"]*)"', conf)
            rid = m.group(1) if m else None
            rel = next((t for t in re.findall(r"<Relationship\b[^>]*/?>", rels) if _attr(t, "Id") == rid), None)
            target = _attr(rel, "Target") if rel is not None else None
            if target is None:
                raise FileError("book", f"“{name}” 的 {CONF_SHEET} 工作表找不到其内容",
                                f"the {CONF_SHEET} sheet of '{name}' has no part", name)  # fmt: skip
            changed[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = _sheet_xml(settings)
        else:
            ids = {int(x) for x in re.findall(r'\ssheetId="(\d+)"', workbook)}
            rids = set(re.findall(r'\sId="([^"]+)"', rels))
            rid = next(f"rIdKam{k}" for k in range(1, 10_000) if f"rIdKam{k}" not in rids)
            n = next(k for k in range(1, 100_000) if f"xl/worksheets/sheet{k}.xml" not in parts)
            part = f"worksheets/sheet{n}.xml"
            # the relationships namespace declared on the element itself: valid whatever the root declares
            tag = (f'<sheet xmlns:kamr="{_REL_NS}" name={quoteattr(CONF_SHEET)} '
                   f'sheetId="{max(ids, default=0) + 1}" kamr:id="{rid}"/>')  # fmt: skip
            workbook = re.sub(r"(</(?:\w+:)?sheets>)", lambda m: tag + m.group(1), workbook, count=1)
            rels = rels.replace(
                "</Relationships>", f'<Relationship Id="{rid}" Type="{_WORKSHEET}" Target="{part}"/></Relationships>'
            )
            types = types.replace("</Types>", f'<Override PartName="/xl/{part}" ContentType="{_SHEET_TYPE}"/></Types>')
            changed |= {
                "xl/workbook.xml": workbook.encode("utf-8"),
                "xl/_rels/workbook.xml.rels": rels.encode("utf-8"),
                "[Content_Types].xml": types.encode("utf-8"),
                f"xl/{part}": _sheet_xml(settings),
            }
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                new = changed.pop(info.filename, None)
                dst.writestr(info, new if new is not None else src.read(info.filename))
            for filename, content in changed.items():  # the new sheet's part
                dst.writestr(filename, content)


# ---------------------------------------------------------------- what this machine has


@dataclass(frozen=True)
class Check:
    """One thing classic xlwings needs: its name (zh, en), whether it is there (None: cannot be told
    here) and what was found or what to do."""

    zh: str
    en: str
    ok: bool | None
    detail: str


def _addin_paths() -> list[Path]:
    """Where ``xlwings addin install`` puts the add-in (the user's XLSTART folder), per platform."""
    home = Path.home()
    if sys.platform.startswith("win"):
        appdata = os.environ.get("APPDATA", str(home / "AppData" / "Roaming"))
        return [Path(appdata) / "Microsoft" / "Excel" / "XLSTART" / "xlwings.xlam"]
    if sys.platform == "darwin":
        group = home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content"
        return [group / "Startup" / "Excel" / "xlwings.xlam",
                group.with_name("User Content.localized") / "Startup.localized" / "Excel" / "xlwings.xlam"]  # fmt: skip
    return []


def _vba_access() -> tuple[bool | None, str]:
    """Windows: ``AccessVBOM`` under each installed Office version's Excel security key (1 = trusted)."""
    if not sys.platform.startswith("win"):
        return None, "only Windows Excel has this setting / 仅 Windows 版 Excel 有此设置"
    import winreg  # Windows only

    found = []
    for version in ("16.0", "15.0", "14.0"):
        key = rf"Software\Microsoft\Office\{version}\Excel\Security"
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as k:
                value, _ = winreg.QueryValueEx(k, "AccessVBOM")
                found.append((version, int(value)))
        except OSError:
            continue
    if not found:
        return False, "AccessVBOM not set: File > Options > Trust Center > Macro Settings"
    version, value = found[0]
    return value == 1, f"Office {version}: AccessVBOM = {value}"


def machine_checks() -> list[Check]:
    """What classic xlwings needs here, each found or not (one screen: :func:`format_checks`)."""
    import xlwings

    import kam_xl

    windows, mac = sys.platform.startswith("win"), sys.platform == "darwin"
    checks = [
        Check("Python 与 kam_xl", "Python and kam_xl", True,
              f"Python {sys.version.split()[0]} ({sys.executable}), kam_xl {kam_xl.__version__}"),
        Check("操作系统（需 Windows 或 Mac 上的 Excel）", "Platform (Excel on Windows or Mac)", windows or mac,
              sys.platform if windows or mac else f"{sys.platform}: no desktop Excel here — use the generated "
              "workbooks' native formulas or xlwings Lite"),
        Check("xlwings", "xlwings", True, xlwings.__version__),
    ]  # fmt: skip
    if windows:
        has = importlib.util.find_spec("win32com") is not None
        checks.append(Check("pywin32", "pywin32", has, "installed" if has else "pip install pywin32"))
    paths = _addin_paths()
    there = [p for p in paths if p.is_file()]
    checks.append(
        Check("xlwings 加载项", "xlwings add-in", bool(there) if paths else None,
              str(there[0]) if there else ("xlwings addin install" if paths else "no Excel on this platform"))
    )  # fmt: skip
    ok, detail = _vba_access()
    checks.append(Check("信任对 VBA 工程对象模型的访问", "Trust access to the VBA project object model", ok, detail))
    for module, zh, en in ((UDF_MODULE, "工作表函数模块", "worksheet-function module"),
                           ("kam_macros", "按钮模块", "buttons module")):  # fmt: skip
        spec = importlib.util.find_spec(module)
        checks.append(Check(f"{zh} {module}", f"{en} {module}", spec is not None,
                            str(spec.origin) if spec is not None else "not importable: install kam_xl in this Python "
                            "(pip install kam_xl-*.whl)"))  # fmt: skip
    return checks


def format_checks(checks: Sequence[Check], lang: str = "zh") -> str:
    """One screen: a mark, the name, what was found."""
    marks = {True: "✓", False: "✗", None: "·"}
    width = max(len(c.zh if lang == "zh" else c.en) for c in checks)
    return "\n".join(f"{marks[c.ok]} {(c.zh if lang == 'zh' else c.en).ljust(width)}  {c.detail}" for c in checks)


# ---------------------------------------------------------------- the wheel


def source_root() -> Path | None:
    """The checkout kam_xl runs from (its pyproject.toml), None when installed from a wheel."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "udfs" / f"{UDF_MODULE}.py").is_file() else None


def _can_build_here() -> bool:
    """Whether this Python can build the wheel itself: setuptools 70.1+ has bdist_wheel; older needs wheel."""
    try:
        from importlib.metadata import version

        major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    except (ImportError, ValueError, LookupError):
        return False
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def build_wheel(out: str | os.PathLike[str]) -> Path:
    """Build kam_xl's wheel into the folder ``out`` with ``pip wheel`` from a copy of the checkout, so no
    build folder is left in it. With setuptools and wheel installed here the build uses them (no
    network); otherwise pip fetches them from your package index."""
    root = source_root()
    if root is None:
        raise FileError(
            "wheel", "只能在 kam_xl 的源代码目录中构建 wheel（需 pyproject.toml）",
            "the wheel is built from a kam_xl checkout (with its pyproject.toml)", str(Path(__file__).parent),
        )  # fmt: skip
    dest = Path(out)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kam_xl-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(root / name, src / name)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        for folder in ("kam_xl", "udfs", "macros"):  # the packages pyproject.toml names
            shutil.copytree(root / folder, src / folder, ignore=ignore)
        built = Path(tmp) / "dist"
        offline = _can_build_here()
        isolation = ["--no-build-isolation"] if offline else []
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "--quiet", "-w", str(built), str(src)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        wheels = sorted(built.glob("kam_xl-*.whl"))
        if done.returncode != 0 or not wheels:
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            raise FileError("wheel", f"pip wheel 失败：{last}", f"pip wheel failed: {last}", str(root))
        target = dest / wheels[0].name
        shutil.copy2(wheels[0], target)
    return target
