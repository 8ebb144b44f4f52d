"""Models as TOML: text, files, the shipped default and the active model.

A model is TOML (see ``default.toml``); every error names the file (and the line
where it has one). Before a file is parsed its work is bounded: at most
:data:`~kam_xl.models.limits.MAX_MODEL_BYTES`, UTF-8 only (a BOM is accepted;
GBK or UTF-16 is refused naming the line), no dotted key deeper than
:data:`~kam_xl.models.limits.MAX_KEY_DEPTH` (Python's TOML parser is quadratic
in a key's depth). Validation is :func:`kam_xl.models.validate.model_from_dict`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kam_xl.errors import ModelError, Position
from kam_xl.models.limits import MAX_KEY_DEPTH, MAX_MODEL_BYTES
from kam_xl.models.schema import Model
from kam_xl.models.validate import model_from_dict

__all__ = [
    "MODEL_ENV",
    "active_model",
    "default_model",
    "default_model_dict",
    "load_model",
    "loads_model",
]

MODEL_ENV = "KAM_XL_MODEL"

# Strings and comments, which may hold anything; what is left is keys, values and punctuation.
# An unterminated string runs to the end of its line (of the text, for a multi-line one): the
# parser stops there anyway. Each alternative, once its quote matched, always matches (a lone
# trailing backslash included), so no quote is scanned from twice: linear in the text.
_TOML_OPAQUE = re.compile(
    r'"""(?:[^\\]|\\[\s\S]?)*?(?:"""|\Z)'
    r"|'''[\s\S]*?(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.?)*+(?:"|(?=\n)|\Z)'
    r"|'[^'\n]*+(?:'|(?=\n)|\Z)"
    r"|#[^\n]*+"
)
# A dotted key: bare or quoted parts joined by dots (taken after strings became "").
_DOTTED = re.compile(r"(?<![A-Za-z0-9_\-\"'])(?:[A-Za-z0-9_-]++|\"\")(?:[ \t]*+\.[ \t]*+(?:[A-Za-z0-9_-]++|\"\"))++")


def _check_key_depth(text: str, source: str) -> None:
    """Refuse a dotted key deeper than :data:`MAX_KEY_DEPTH` before parsing.

    Python's TOML parser takes time and memory quadratic in a key's depth: one
    10,000-part key costs 400 MB, a 200 KB line of them exhausts memory.
    """
    plain = _TOML_OPAQUE.sub(lambda m: '""' + "\n" * m.group().count("\n"), text)
    for m in _DOTTED.finditer(plain):
        if m.group().count(".") >= MAX_KEY_DEPTH:
            line = plain.count("\n", 0, m.start()) + 1
            raise ModelError(
                "model",
                f"第 {line} 行的键超过 {MAX_KEY_DEPTH} 层",
                f"line {line} holds a key more than {MAX_KEY_DEPTH} levels deep",
                Position(source=source, row=line),
            )


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    text = text.removeprefix("\ufeff")  # a BOM left by an editor
    _check_key_depth(text, source)
    where = Position(source=source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError("model", f"TOML 格式错误：{exc}", f"not valid TOML: {exc}", where) from None
    except RecursionError:
        raise ModelError("model", "TOML 嵌套过深", "not valid TOML: nested too deeply", where) from None
    except ValueError:  # the one ValueError tomllib lets through: an integer of thousands of digits
        raise ModelError(
            "model", "TOML 中有位数过多、无法读取的数字", "not valid TOML: a number has too many digits to read", where
        ) from None


def loads_model(text: str, source: str = "<text>") -> Model:
    """A model from TOML text; syntax errors name ``source``."""
    return model_from_dict(_parse_toml(text, source), source)


def _read_model_bytes(p: Path) -> bytes:
    """A model file's bytes, or one line saying why not (missing, a folder, too large …)."""
    where = Position(source=str(p))
    try:
        st = p.stat()
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise ModelError("model", "找不到该模型文件", "no such model file", where) from None
        raise ModelError(
            "model", f"无法读取模型文件：{exc.strerror}", f"cannot read the model file: {exc.strerror}", where
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise ModelError("model", "这是文件夹，不是模型文件", "this is a folder, not a model file", where)
    if not stat.S_ISREG(st.st_mode):
        raise ModelError("model", "不是普通文件", "not a regular file", where)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_MODEL_BYTES + 1)
    except OSError as exc:
        raise ModelError(
            "model", f"无法读取模型文件：{exc.strerror}", f"cannot read the model file: {exc.strerror}", where
        ) from None
    if len(data) > MAX_MODEL_BYTES:
        raise ModelError(
            "model",
            f"文件超过 {MAX_MODEL_BYTES >> 10} KB，不像模型文件（默认模型约 11 KB）",
            f"the file is over {MAX_MODEL_BYTES >> 10} KB: not a model (the default is about 11 KB)",
            where,
        )
    return data


def _decode(data: bytes, p: Path) -> str:
    """UTF-8 text (a BOM is accepted), as TOML must be; anything else names the line."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    utf16 = ("像是 UTF-16（Excel 的“Unicode 文本”）", "it looks like UTF-16, Excel's 'Unicode text'")
    other = ("可能是 GBK/GB18030 等其他编码", "GBK/GB18030 or another encoding?")
    nul_byte = ("含有空字节，像是 UTF-16 或二进制文件", "a NUL byte: UTF-16 or a binary file?")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bad, why = 0, utf16
    else:
        text: str | None
        try:
            text = data[start:].decode("utf-8")
            bad, why = len(data), other  # no byte fails to decode
        except UnicodeDecodeError as exc:
            text, bad, why = None, start + exc.start, other
        nul = data.find(b"\x00", start)  # valid UTF-8, but no text file holds one (UTF-16 without a BOM does)
        if 0 <= nul < bad:
            bad, why = nul, nul_byte
        if text is not None and bad == len(data):
            return text
    line = data.count(b"\n", 0, bad) + 1
    shown = " ".join(f"0x{x:02X}" for x in data[bad : bad + 2])
    raise ModelError(
        "model",
        f"不是 UTF-8 文本：第 {line} 行，文件第 {bad + 1} 个字节（{shown}）无法解码，{why[0]}；请用 UTF-8 另存",
        f"is not UTF-8 text: line {line}, byte {bad + 1} of the file ({shown}) cannot be decoded — {why[1]}; "
        "save it as UTF-8",
        Position(source=str(p), row=line),
    )


def load_model(path: str | os.PathLike[str]) -> Model:
    """A model from a TOML file; every error names the file (and the line where it has one)."""
    p = Path(path)
    text = _decode(_read_model_bytes(p), p)
    try:
        return loads_model(text, str(p))
    except ModelError as exc:
        raise exc.at(Position(source=str(p))) from None


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("kam_xl.models").joinpath("default.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model: the defaults of docs/definitions.md §2."""
    return loads_model(_default_text(), "kam_xl/models/default.toml")


def default_model_dict() -> dict[str, Any]:
    """The shipped model as the raw TOML dict, a fresh copy on each call (a caller may edit it)."""
    return tomllib.loads(_default_text())


def active_model() -> Model:
    """The model named by ``$KAM_XL_MODEL``, else the default.

    Cached per file version — resolved path, modification time and size — so a
    model file edited while Excel is open is read again on the next call, and
    two spellings of one path share one entry.
    """
    path = os.environ.get(MODEL_ENV)
    if not path:
        return default_model()
    resolved = Path(path).expanduser().resolve()
    try:
        st = resolved.stat()
    except OSError:
        return load_model(path)  # cannot be read: load_model raises the error naming the file
    return _load_cached(str(resolved), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Model:
    """One version of a model file (the key's mtime and size only tell versions apart)."""
    return load_model(path)
