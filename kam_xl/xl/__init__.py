"""Boundary code between Excel and the core: Excel values in, Excel shapes and one-line errors out."""

from kam_xl.xl.boundary import *  # noqa: F403 — the package re-exports the boundary module as is
from kam_xl.xl.boundary import __all__  # noqa: F401
