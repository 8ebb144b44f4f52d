"""Building and writing an account plan: the sheets laid out in the order their figures need."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kam_xl.models import Model, active_model
from kam_xl.workbooks.account_plan.actions import actions_sheet, resources_sheet
from kam_xl.workbooks.account_plan.barriers import barriers_sheet
from kam_xl.workbooks.account_plan.competitors import competitors_sheet
from kam_xl.workbooks.account_plan.data import AccountPlan
from kam_xl.workbooks.account_plan.diagnosis import diagnosis_sheet, needs_sheet
from kam_xl.workbooks.account_plan.layout import Layout, PlanBook
from kam_xl.workbooks.account_plan.monthly import monthly_sheet
from kam_xl.workbooks.account_plan.overview import overview_sheet
from kam_xl.workbooks.account_plan.scorecard import buying_centre_sheet, scorecard_sheet

__all__ = ["build", "write"]


def build(
    plan: AccountPlan | None, *, model: Model | None = None, lang: str = "zh", as_of: date | None = None
) -> PlanBook:
    """The account-plan workbook for ``plan`` (None = the blank standard template).

    ``as_of`` (default: the plan's, else today; blank in the template) dates
    the overdue check of the action plan.
    """
    s = Layout(plan, model or active_model(), lang, as_of)
    scorecard_sheet(s)
    buying_centre_sheet(s)
    diagnosis_sheet(s)
    competitors_sheet(s)  # needs the diagnosis' share of wallet and satisfaction scores
    needs_sheet(s)
    barriers_sheet(s)
    actions_sheet(s)
    resources_sheet(s)  # needs the tier
    monthly_sheet(s)
    overview_sheet(s)  # shows every sheet's figures
    s.book.add_model_sheet()
    return s.book


def write(
    path: str | os.PathLike[str],
    plan: AccountPlan | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    as_of: date | None = None,
) -> Path:
    """Build and save the workbook; an existing file is refused unless ``overwrite``."""
    return build(plan, model=model, lang=lang, as_of=as_of).save(path, overwrite=overwrite)
