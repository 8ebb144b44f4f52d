"""The development record: probabilities, weighted values and the pipeline agree with the core in three engines.

Seeded random records (stages and outcomes given as code, Chinese or English
text; blank fields; varied sizes) are written, recomputed by ``formulas`` and by
LibreOffice and compared cell by cell with the cached values, which are checked
against the core (:mod:`kam_xl.core.pipeline`) recomputed here row by row.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells, libreoffice_recalc
from openpyxl import load_workbook

from kam_xl.core import pipeline
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError
from kam_xl.models import default_model
from kam_xl.samples.development import attempts
from kam_xl.workbooks import development as dev
from kam_xl.workbooks.book import OverwriteError
from kam_xl.workbooks.lint import lint_workbook

MODEL = default_model()
STAGES = MODEL.pipeline.stages
N_STAGES = len(STAGES)
COL = {c.key: chr(ord("A") + i) for i, c in enumerate(dev.columns())}


def random_records(n: int, seed: int) -> list[dev.Attempt]:
    rng = np.random.default_rng(seed)

    def maybe(value: object, p: float = 0.15) -> object:
        return None if rng.random() < p else value

    out = []
    for i in range(n):
        stage = STAGES[int(rng.integers(N_STAGES))]
        outcome = list(dev.OUTCOMES)[int(rng.integers(4))]
        out.append(
            dev.Attempt(
                account=maybe(str(rng.choice([f"客户{i:02d}", "=HYPERLINK(1)", "+86 客户", "-折扣", "@张工"]))),
                industry=maybe("钢铁"),
                owner=maybe(str(rng.choice(["王磊", "李娜"]))),
                source=maybe("展会"),
                first_contact=maybe(date(2026, 1, 1) + timedelta(days=int(rng.integers(0, 200)))),
                stage=maybe(str(rng.choice([stage.code, stage.zh, stage.en]))),
                expected_value=maybe(float(np.round(rng.lognormal(12, 1), 2))),
                next_step=maybe("报价"),
                due=maybe(date(2026, 10, 1) + timedelta(days=int(rng.integers(0, 60)))),
                outcome=maybe(str(rng.choice([outcome, *dev.OUTCOMES[outcome]]))),
                reason=maybe("价格"),
                lessons=maybe("尽早接触决策层"),
                # the funnel's inputs: stage dates (some out of order) and a reason category (code, zh or en)
                possible_on=maybe(date(2026, 2, 1) + timedelta(days=int(rng.integers(0, 200))), 0.4),
                regular_on=maybe(date(2026, 4, 1) + timedelta(days=int(rng.integers(0, 200))), 0.5),
                key_on=maybe(date(2026, 6, 1) + timedelta(days=int(rng.integers(0, 200))), 0.5),
                closed_on=maybe(date(2026, 8, 1) + timedelta(days=int(rng.integers(0, 200))), 0.5),
                loss_category=maybe(str(rng.choice(["price", "技术", "Budget cancelled", "other"])), 0.5),
            )
        )
    return out


def expected(records: list[dev.Attempt], lang: str) -> dict[tuple[str, str], object]:
    """Every computed cell, from the core: per-row probability and weighted value, then the summary."""
    sheet, summary = (dev.LABELS[k][0 if lang == "zh" else 1] for k in ("sheet", "summary"))
    out: dict[tuple[str, str], object] = {}
    stage_of, weighted = [], []
    for i, a in enumerate(records):
        r = dev.FIRST_ROW + i
        k = None if a.stage is None else int(lookup([a.stage], STAGES, "stage")[0])
        stage_of.append(k)
        out[(sheet, f"{COL['probability']}{r}")] = "" if k is None else float(pipeline.stage_probability([a.stage])[0])
        w = (
            ""
            if k is None or a.expected_value is None
            else float(pipeline.weighted_value([a.expected_value], [a.stage])[0])
        )
        out[(sheet, f"{COL['weighted_value']}{r}")] = w
        weighted.append(w)
    ev = [a.expected_value or 0.0 for a in records]
    # the stage table counts the open deals only (outcome open / 进行中 / Open); won, lost, dropped are apart
    is_open = [a.outcome in ("open", *dev.OUTCOMES["open"]) for a in records]
    sums = {"B": 0.0, "C": 0.0, "D": 0.0}
    for k in range(N_STAGES):
        rows = [i for i, s in enumerate(stage_of) if s == k and is_open[i]]
        got = {"B": float(len(rows)), "C": float(sum(ev[i] for i in rows)),
               "D": float(sum(w for i in rows if isinstance(w := weighted[i], float)))}  # fmt: skip
        for c, v in got.items():
            out[(summary, f"{c}{5 + k}")] = v
            sums[c] += v
    t = 5 + N_STAGES
    for c, v in sums.items():
        out[(summary, f"{c}{t}")] = v
    counts = {}
    for j, (code, names) in enumerate(dev.OUTCOMES.items()):
        rows = [i for i, a in enumerate(records) if a.outcome in (code, *names)]
        counts[code] = len(rows)
        out[(summary, f"B{t + 3 + j}")] = float(len(rows))
        out[(summary, f"C{t + 3 + j}")] = float(sum(ev[i] for i in rows))
        out[(summary, f"D{t + 3 + j}")] = float(sum(w for i in rows if isinstance(w := weighted[i], float)))
    out[(summary, f"B{t + 8}")] = float(sum(a.account is not None for a in records))
    out[(summary, f"B{t + 9}")] = out[(summary, f"D{t}")]  # the weighted pipeline over the open deals
    out[(summary, f"B{t + 10}")] = out[(summary, f"C{t + 3}")]  # won value: the won deals' expected value
    out[(summary, f"B{t + 11}")] = out[(summary, f"C{t + 4}")]  # lost value
    decided = counts["won"] + counts["lost"]
    out[(summary, f"B{t + 12}")] = counts["won"] / decided if decided else ""
    return out


def check(values: dict, want: dict) -> None:
    bad = [(k, w, values.get(k)) for k, w in want.items() if not close(values.get(k), w)]
    assert not bad, bad[:10]


CASES = {
    "r17_zh": (17, 1, "zh"),
    "r40_en": (40, 2, "en"),
    "one_zh": (1, 3, "zh"),
    "blank_zh": (0, 0, "zh"),
    "blank_en": (0, 0, "en"),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("development")
    made, paths = {}, {}
    for name, (n, seed, lang) in CASES.items():
        made[name] = (random_records(n, seed) if n else None, lang)
        paths[name] = dev.write(tmp / f"{name}.xlsx", made[name][0], model=MODEL, lang=lang, spare_rows=4)
    lo = libreoffice_recalc(list(paths.values()), tmp / "lo")
    return {"made": made, "paths": paths, "lo": {k: lo[p] for k, p in paths.items()}}


@pytest.mark.parametrize("name", list(CASES))
def test_cached_formulas_and_libreoffice_agree_with_the_core(books: dict, name: str) -> None:
    path = books["paths"][name]
    records, lang = books["made"][name]
    cached, cells = cached_values(path), formula_cells(path)
    fv = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    lo = cached_values(books["lo"][name])
    for engine in (fv, lo):
        bad = [(k, cached[k], engine.get(k)) for k in cells if not close(engine.get(k), cached[k])]
        assert not bad, bad[:10]
    assert not [k for k in cells if str(cached[k]).startswith("#")]  # blank rows: blanks, never errors
    check(cached, expected(records or [], lang))


def test_editing_a_stage_or_a_value_gives_the_cores_new_answers(books: dict) -> None:
    path = books["paths"]["r17_zh"]
    records, _ = books["made"]["r17_zh"]
    row = next(i for i, a in enumerate(records) if a.stage is not None and a.expected_value is not None)
    r = dev.FIRST_ROW + row
    fb = FormulasBook(path)
    titles = load_workbook(path, read_only=True).sheetnames
    # a later stage, typed in as the dropdown offers it (the Chinese name)
    k = int(lookup([records[row].stage], STAGES, "stage")[0])
    new_stage = STAGES[(k + 2) % N_STAGES]
    changed = [*records]
    changed[row] = dev.Attempt(**{**records[row].__dict__, "stage": new_stage.zh})
    values = by_title(fb.values(inputs={("开发记录", f"{COL['stage']}{r}"): new_stage.zh}), titles)
    check(values, expected(changed, "zh"))
    # a new expected value
    changed[row] = dev.Attempt(**{**records[row].__dict__, "expected_value": 123_456.0})
    values = by_title(fb.values(inputs={("开发记录", f"{COL['expected_value']}{r}"): 123_456.0}), titles)
    check(values, expected(changed, "zh"))


def test_hand_worked_record(tmp_path: Path) -> None:
    records = [
        dev.Attempt(account="甲", stage="需求明确", expected_value=100_000, outcome="won"),  # 25 % → 25,000
        dev.Attempt(account="乙", stage="closing", expected_value=200_000, outcome="丢单"),  # 90 % → 180,000
        dev.Attempt(account="丙", stage="Value assessed", outcome="open"),  # no value: blank, adds nothing
        dev.Attempt(account="丁", expected_value=50_000, outcome="进行中"),  # no stage: blank
    ]
    path = dev.write(tmp_path / "hand.xlsx", records, model=MODEL, spare_rows=2)
    v = cached_values(path)
    rec = {ref: v[("开发记录", ref)] for (s, ref) in v if s == "开发记录"}
    assert [rec[f"G{r}"] for r in range(5, 9)] == [0.25, 0.9, 0.5, ""]
    assert [rec[f"I{r}"] for r in range(5, 9)] == [25_000.0, 180_000.0, "", ""]
    assert rec["F6"] == "促成成交" and rec["L5"] == "赢单" and rec["L6"] == "丢单"  # written as the dropdown shows them
    s = {ref: v[("汇总", ref)] for (sheet, ref) in v if sheet == "汇总"}
    # stage rows 5–9 count the open deals only: 甲 is won and 乙 lost, 丁 has no stage → only 丙 (价值评估, no
    # value); total 1 open deal, 0 expected, 0 weighted
    assert [s[f"B{r}"] for r in range(5, 10)] == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert (s["B10"], s["C10"], s["D10"]) == (1.0, 0.0, 0.0)
    assert [s[f"B{r}"] for r in range(13, 17)] == [1.0, 1.0, 2.0, 0.0]  # won, lost, open, dropped
    assert s["B18"] == 4.0 and s["B19"] == 0.0  # the open rows weigh nothing
    assert s["B20"] == 100_000.0 and s["B21"] == 200_000.0  # won value (甲), lost value (乙), reported apart
    assert s["B22"] == 0.5  # 1 won of 1 won + 1 lost
    assert lint_workbook(path) == []


def test_no_win_rate_until_an_attempt_is_won_or_lost_and_dates_as_text_are_read(tmp_path: Path) -> None:
    records = [
        dev.Attempt(account="甲", stage="closing", expected_value=10_000, outcome="open", first_contact="2026-03-01"),
        dev.Attempt(account="乙", stage="needs", expected_value=4_000, outcome="dropped", due="2026/4/15"),
    ]
    path = dev.write(tmp_path / "open.xlsx", records, model=MODEL, spare_rows=1)
    wb = load_workbook(path)
    ws = wb["开发记录"]
    assert ws[f"{COL['first_contact']}5"].value == datetime(2026, 3, 1)  # one date grammar (kam_xl.cells)
    assert ws[f"{COL['due']}6"].value == datetime(2026, 4, 15)
    engine = by_title(FormulasBook(path).values(), wb.sheetnames)
    for values in (cached_values(path), engine):
        s = {ref: v for (sheet, ref), v in values.items() if sheet == "汇总"}
        assert s["B19"] == 9_000.0  # the open one only: 90 % of 10,000 (the dropped 4,000 is out of the pipeline)
        assert s["B20"] == 0.0 and s["B21"] == 0.0  # nothing won or lost
        assert s["B22"] == ""  # neither won nor lost: no rate yet, not 0 % and not an error
    with pytest.raises(InputError, match=r"first_contact.*row 2"):
        dev.build([dev.Attempt(), dev.Attempt(first_contact="不是日期")], model=MODEL)


def test_inputs_are_validated_text_stays_text_and_sheets_are_protected(tmp_path: Path) -> None:
    records = [dev.Attempt(account='=HYPERLINK("http://x","y")', lessons="-价格不是唯一原因", reason="+86 电话")]
    path = dev.write(tmp_path / "v.xlsx", records, model=MODEL, lang="en", spare_rows=3)
    wb = load_workbook(path)
    ws = wb["Development record"]
    for ref, text in (
        ("A5", records[0].account),
        (f"{COL['lessons']}5", records[0].lessons),
        (f"{COL['reason']}5", records[0].reason),
    ):
        assert ws[ref].data_type == "s" and ws[ref].value == text
    rules = {(str(dv.sqref), dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    last = dev.FIRST_ROW + 3
    span = {k: f"{c}{dev.FIRST_ROW}:{c}{last}" for k, c in COL.items()}
    assert (span["stage"], "list", "=KAM_PIPELINE_STAGES_EN") in rules
    assert (span["outcome"], "list", '"Won,Lost,Open,Dropped"') in rules
    assert {(span[k], "date") for k in ("first_contact", "due")} <= {(s, t) for s, t, _ in rules}
    assert (span["expected_value"], "decimal", "0") in rules
    assert any(s == span["source"] and t == "list" for s, t, _ in rules)
    assert ws.protection.sheet and wb["Summary"].protection.sheet
    assert ws["A8"].protection.locked is False and ws[f"{COL['probability']}8"].protection.locked is True
    assert ws.freeze_panes == f"B{dev.FIRST_ROW}" and wb.sheetnames[-1] == "Model"


def test_bad_records_are_refused_with_the_field_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"stage @ row 2"):  # the attempt named: the second
        dev.build([dev.Attempt(stage="closing"), dev.Attempt(stage="签约后")], model=MODEL)
    with pytest.raises(InputError, match="outcome"):
        dev.build([dev.Attempt(outcome="maybe")], model=MODEL)
    with pytest.raises(InputError, match="expected_value"):
        dev.build([dev.Attempt(stage="closing", expected_value=-1)], model=MODEL)
    with pytest.raises(InputError, match="due"):
        dev.build([dev.Attempt(due="下周")], model=MODEL)  # type: ignore[arg-type]
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"mine")
    with pytest.raises(OverwriteError):
        dev.write(target, None, model=MODEL)
    assert target.read_bytes() == b"mine"


def test_the_sample_is_reproducible_and_records_every_outcome_with_its_lesson() -> None:
    a, b = attempts(model=MODEL), attempts(model=MODEL)
    assert a == b and len(a) == 24
    assert {x.outcome for x in a} == set(dev.OUTCOMES)
    assert all(x.lessons for x in a)  # won or not, every attempt says what was learnt
    assert all(x.reason for x in a if x.outcome in ("won", "lost", "dropped"))


def test_the_blank_record_holds_500_attempts_with_filter_buttons_and_its_summary_covers_them() -> None:
    """Room for a year's prospecting: 500 rows (5 to 504), filter and sort on the heading row down to the
    last one, every summary range reaching row 504 (a row inserted inside the list is in every count)."""
    book = dev.build(None, model=MODEL)
    record, summary, funnel = (next(s for s in book.sheets if s.title == t) for t in ("开发记录", "汇总", "漏斗"))
    last = dev.FIRST_ROW + 500 - 1
    assert dev.SPARE_ROWS >= 500 and record.filtered == f"A{dev.HEADER_ROW}:{COL['dates_check']}{last}"
    assert record.get(f"{COL['probability']}{last}") is not None  # the last row has its formulas
    formulas = [f for sheet in (summary, funnel) for _, f, _ in sheet.formulas()]
    spans = {m for f in formulas for m in re.findall(r"开发记录'!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)", f)}
    assert spans == {(str(dev.FIRST_ROW), str(last))}  # every range over the list: all of it, none stops short
