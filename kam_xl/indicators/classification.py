"""Single-indicator classification (seed 002: 单一指标分类法 — 交易类, 联络类, 特征类 beside 财务类) —
docs/definitions.md §2.15."""

from __future__ import annotations

from datetime import date

from kam_xl.core import classification as C
from kam_xl.indicators.entry import LANG, Arg, Example, FromModel, Indicator
from kam_xl.xlformulas import classification as X

__all__ = ["ENTRIES"]

_AMOUNTS = Arg("amounts", "各订单金额", "each order's amount")
# An orders sheet's four orders (rows 4–7: date A, amount E, returned H)
_ORDER_AMOUNTS = [120_000.0, 80_000.0, 250_000.0, 50_000.0]
_ORDER_DATES = [date(2024, 1, 10), date(2024, 2, 9), date(2024, 3, 20), date(2024, 4, 9)]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "average_order",
        None,
        "平均单笔交易额",
        "Average order",
        "订单金额的平均值（交易类指标）",
        "the mean order amount (a transaction indicator)",
        "§2.15",
        C.average_order,
        (_AMOUNTS,),
        excel=X.average_order,
        definition_zh="交易类指标（种子 002）：订单表上各订单金额的平均值，空白与文本不计；没有订单时为空白。",
        definition_en="A transaction indicator (seed 002): the mean of the order amounts on the orders sheet, blanks "
        "and text left out; blank with no order.",
        # by hand: (120,000 + 80,000 + 250,000 + 50,000) / 4 = 500,000 / 4 = 125,000
        example=Example(
            (_ORDER_AMOUNTS,),
            ("$E$4:$E$7",),
            "四笔订单 12 万、8 万、25 万、5 万：平均 12.5 万。",
            "Four orders of 120 k, 80 k, 250 k and 50 k: 125 k on average.",
        ),
    ),
    Indicator(
        "largest_order",
        None,
        "最大单笔交易额",
        "Largest order",
        "最大的一笔订单金额（交易类指标）",
        "the largest order amount (a transaction indicator)",
        "§2.15",
        C.largest_order,
        (_AMOUNTS,),
        excel=X.largest_order,
        definition_zh="交易类指标：订单金额的最大值；没有订单时为空白。",
        definition_en="A transaction indicator: the largest order amount; blank with no order.",
        example=Example(
            (_ORDER_AMOUNTS,),
            ("$E$4:$E$7",),
            "同上四笔订单：最大 25 万。",
            "The same four orders: the largest is 250 k.",
        ),
    ),
    Indicator(
        "returns_rate",
        None,
        "退货率",
        "Returns rate",
        "退货金额合计 / 订单金额合计（交易类指标）",
        "amounts returned / amounts ordered (a transaction indicator)",
        "§2.15",
        C.returns_rate,
        (Arg("returned", "各订单退货金额", "each order's returned amount"), _AMOUNTS),
        excel=X.returns_rate,
        definition_zh="交易类指标（种子 002 的“退货金额”）：退货金额合计 / 订单金额合计；没有订单金额时为空白。",
        definition_en="A transaction indicator (seed 002's 退货金额, amount returned): the amounts returned over the "
        "amounts ordered; blank while nothing is ordered.",
        # by hand: (5,000 + 10,000) / 500,000 = 0.03
        example=Example(
            ([None, 5_000.0, 10_000.0, None], _ORDER_AMOUNTS),
            ("$H$4:$H$7", "$E$4:$E$7"),
            "同上四笔订单共 50 万，退货 0.5 万与 1 万：退货率 3%。",
            "The same four orders, 500 k in all, with 5 k and 10 k returned: 3 %.",
        ),
    ),
    Indicator(
        "order_cycle_days",
        None,
        "平均交易周期",
        "Order cycle",
        "相邻两笔订单之间的平均天数（交易类指标）",
        "the mean days between consecutive orders (a transaction indicator)",
        "§2.15",
        C.order_cycle_days,
        (Arg("dates", "各订单日期", "each order's date"),),
        excel=X.order_cycle_days,
        definition_zh="交易类指标（种子 002 的“平均交易周期”）：按日期排序后相邻订单间隔天数的平均值，等于"
        "(最后日期 − 最早日期) / (订单数 − 1)，所以订单不必排序；少于两笔订单时为空白。",
        definition_en="A transaction indicator (seed 002's 平均交易周期): the mean gap in days between consecutive "
        "orders by date, which equals (last date − first date) / (orders − 1), so the orders need no sorting; "
        "blank below two orders.",
        # by hand: 2024-01-10 to 2024-04-09 is 21 + 29 + 31 + 9 = 90 days over 3 gaps: 30 days
        example=Example(
            (_ORDER_DATES,),
            ("$A$4:$A$7",),
            "四笔订单 2024-01-10 至 2024-04-09 共 90 天、3 个间隔：平均 30 天。",
            "Four orders from 2024-01-10 to 2024-04-09, 90 days and 3 gaps: 30 days.",
        ),
    ),
    Indicator(
        "classify",
        None,
        "单一指标分类",
        "Single-indicator class",
        "按模型中某一指标的分档给客户分类（交易类、联络类、特征类）",
        "an account's class on one of the model's indicators (transaction, contact, characteristic)",
        "§2.15",
        C.classify,
        (
            Arg("value", "该指标的取值", "the indicator's value"),
            Arg(
                "indicator",
                "指标代码（默认为模型 classification.on）",
                "the indicator's code (default: the model's classification.on)",
                True,
            ),
            LANG,
        ),
        excel=X.classify,
        definition_zh="单一指标分类法（种子 002）：任选一个指标（模型 [classification]：交易类的毛利率、平均单笔与最大"
        "单笔交易额、退货率、平均交易周期；联络类的表扬、投诉、建议次数；特征类的注册资金、区域、所有制），"
        "按其分档（取值达到的第一档，自上而下）分类；没有分档的指标（区域、所有制）按取值本身分类。取值空白时为空白。",
        definition_en="Seed 002's single-indicator classification: pick any one indicator (the model's "
        "[classification]: transaction — gross margin, average and largest order, returns rate, order cycle; "
        "contact — praise, complaint and suggestion counts; characteristic — registered capital, region, "
        "ownership) and class the account by its bands (the first the value reaches, top down); an indicator "
        "without bands (region, ownership) classes by the value itself. Blank while the value is blank.",
        # by hand: 125,000 reaches the average order's 100,000 band (not 500,000): 中额订单客户
        example=Example(
            (125_000.0, "average_order"),
            ("F12", "average_order", "zh", FromModel()),
            "平均单笔交易额 12.5 万达到 10 万档：中额订单客户。",
            "An average order of 125 k reaches the 100 k band: medium orders.",
            kwargs=(("lang", "zh"),),
        ),
    ),
)
