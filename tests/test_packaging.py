"""What `pip install .` ships: every package under kam_xl/ (a wheel built from pyproject.toml lists them
by name), the default model, and the worksheet-function module Excel imports."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"]) - {"kam_macros"}
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kam_xl").rglob("__init__.py")}
    assert on_disk == listed, (
        f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}; remove: {sorted(listed - on_disk)}"
    )
    assert config["py-modules"] == ["kam_udfs"] and (ROOT / "udfs" / "kam_udfs.py").is_file()
    # the buttons' entry points and their VBA modules: macros/ is the kam_macros package
    assert "kam_macros" in config["packages"] and config["package-dir"]["kam_macros"] == "macros"
    assert (ROOT / "macros" / "__init__.py").is_file() and "*.bas" in config["package-data"]["kam_macros"]
    assert "*.toml" in config["package-data"]["kam_xl.models"]
