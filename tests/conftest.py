"""Shared fixtures for the scoring-core tests.

Every expected number in these tests is worked out by hand (arithmetic shown
in a comment) or quoted from a worked example in SPEC.md / the seeds — never
copied from the code's own output.
"""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from kam_xl.models import Model, default_model, model_from_dict

# SPEC §2.1 worked example (seed 002, IMSC industry selection). The seed prints
# the two direction −1 criteria (competition, implementation difficulty) with
# their sign; the *scores* are their absolute values.
IMSC_SCORES: dict[str, list[float]] = {
    "government": [9, 7, 7, 3, 3, 9, 7, 9],
    "telecom": [9, 7, 9, 5, 1, 9, 9, 7],
    "education": [9, 5, 5, 5, 3, 7, 5, 9],
    "finance": [9, 3, 9, 9, 7, 9, 7, 7],
}

# SPEC §2.2: the default account-selection scorecard weights, in order.
SELECTION_WEIGHTS = [8, 8, 8, 8, 6, 10, 10, 10, 10, 8, 8, 8, 6, 6, 6, 6, 6, 8]


def default_text() -> str:
    """The shipped default.toml, as text."""
    return resources.files("kam_xl.models").joinpath("default.toml").read_text(encoding="utf-8")


def default_dict() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped model as a raw (TOML-shaped) dict."""
    return copy.deepcopy(tomllib.loads(default_text()))


@pytest.fixture
def model() -> Model:
    return default_model()


@pytest.fixture
def raw_model() -> dict[str, Any]:
    return default_dict()


@pytest.fixture
def make_model():
    """Build a model from the default dict after applying ``edit(d)`` to it."""

    def build(edit) -> Model:
        d = default_dict()
        edit(d)
        return model_from_dict(d, "test")

    return build
