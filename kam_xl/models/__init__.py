"""Scoring models: the schema, validation, TOML files and the shipped default, Model-sheet rows.

- :mod:`~kam_xl.models.schema` — the frozen dataclasses the core reads;
- :mod:`~kam_xl.models.validate` — a raw (TOML-shaped) dict checked into a model;
- :mod:`~kam_xl.models.toml_file` — TOML text and files, the default and the active model;
- :mod:`~kam_xl.models.sheet_rows` — a workbook's ``Model`` sheet of ``path | value`` rows;
- :mod:`~kam_xl.models.hashing`, :mod:`~kam_xl.models.limits`, :mod:`~kam_xl.models.text` —
  the content hash, the bounds on a model's work, the text rules shared by the two sources.
"""

from kam_xl.models.schema import Model, Scorecard
from kam_xl.models.sheet_rows import model_from_rows, model_from_workbook, model_rows
from kam_xl.models.toml_file import MODEL_ENV, active_model, default_model, load_model, loads_model
from kam_xl.models.validate import model_from_dict

__all__ = [
    "MODEL_ENV",
    "Model",
    "Scorecard",
    "active_model",
    "default_model",
    "load_model",
    "loads_model",
    "model_from_dict",
    "model_from_rows",
    "model_from_workbook",
    "model_rows",
]
