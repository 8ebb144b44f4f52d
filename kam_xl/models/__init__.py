"""Scoring models: schema, TOML loader and validator, the shipped default."""

from kam_xl.models.loader import (
    MODEL_ENV,
    active_model,
    default_model,
    load_model,
    loads_model,
    model_from_dict,
    model_from_rows,
    model_from_workbook,
    model_rows,
)
from kam_xl.models.schema import Model, Scorecard

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
