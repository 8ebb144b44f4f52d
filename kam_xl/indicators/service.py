"""Service and churn (客户服务数据库, 抱怨 → 投诉 → 危机, 流失 / 挽回, 防火式服务) — docs/definitions.md §2.17."""

from __future__ import annotations

from datetime import date

from kam_xl.core import service
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import service as X

__all__ = ["ENTRIES"]

_KINDS = Arg("kinds", "服务记录的类型列（表扬、建议、抱怨、投诉、危机）", "the service log's type column")
_KIND = Arg("kind", "要统计的类型", "the type to count")
_CLOSED = Arg("closed", "关闭日期列（空白 = 未关闭）", "the closed-date column (blank = open)")
_START = Arg("start", "起始日期（受理日期）", "the start date (received)")
_END = Arg("end", "结束日期（首次响应或关闭日期）", "the end date (first response or closed)")
_AS_OF = Arg("as_of", "统计基准日", "the as-of date")
_MONTHS = Arg("months", "窗口月数", "months in the window")

# A small service log worked by hand (definitions §2.17): received, first response, closed.
_LOG_KINDS = ["投诉", "抱怨", "投诉", "表扬", "危机"]
_RECEIVED = [date(2024, 3, 1), date(2024, 3, 4), date(2024, 4, 2), date(2024, 4, 8), date(2024, 5, 6)]
_CLOSED_ON = [date(2024, 3, 11), date(2024, 3, 5), None, date(2024, 4, 8), None]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "service_days",
        None,
        "响应/关闭天数",
        "Response / closure days",
        "受理到首次响应（响应天数）或到关闭（关闭天数）的天数",
        "days from received to the first response (response days) or to closing (closure days)",
        "§2.17",
        service.days_between,
        (_START, _END),
        excel=X.days_between,
        definition_zh="结束日期 − 起始日期（天）：响应天数 = 首次响应日期 − 受理日期，关闭天数 = 关闭日期 − 受理日期。"
        "任一日期空白时为空白；结束早于起始时为负数（输入错误，表上标红，不隐藏）。",
        definition_en="End date − start date in days: response days = first response − received, closure days = "
        "closed − received. Blank while either date is; negative when the end is before the start (a typing "
        "error, coloured red on the sheet, not hidden).",
        # by hand: 2024-03-11 − 2024-03-01 = 10 days
        example=Example(
            (date(2024, 3, 1), date(2024, 3, 11)),
            ("E12", "G12"),
            "3 月 1 日受理的投诉 3 月 11 日关闭：关闭天数 10。",
            "A complaint received on 1 March and closed on 11 March: 10 closure days.",
        ),
    ),
    Indicator(
        "service_status",
        None,
        "状态",
        "Status",
        "有关闭日期为已关闭，否则为未关闭",
        "Closed with a closed date, Open without",
        "§2.17",
        service.service_status,
        (_KIND, Arg("closed", "关闭日期", "the closed date"), LANG),
        excel=X.service_status,
        definition_zh="有关闭日期的记录为“已关闭”，没有的为“未关闭”；没有类型的行为空白。状态由关闭日期算出，不另外输入。",
        definition_en='"Closed" when the record has a closed date, "Open" when not; blank on a row without a '
        "type. The status follows the closed date; it is not typed.",
        example=Example(
            ("投诉", None, "zh"),
            ("C14", "G14", "zh"),
            "4 月 2 日受理的投诉尚无关闭日期：未关闭。",
            "A complaint received on 2 April with no closed date: Open.",
        ),
    ),
    Indicator(
        "open_count",
        None,
        "未关闭数",
        "Open records",
        "某类型中没有关闭日期的记录数（未关闭的抱怨、投诉、危机）",
        "records of a type with no closed date (open grumbles, complaints, crises)",
        "§2.17",
        service.open_count,
        (_KINDS, _KIND, _CLOSED),
        excel=X.open_count,
        definition_zh="类型等于给定类型（同“计数”的比较）且关闭日期空白的记录数；给定类型空白时为空白。"
        "抱怨、投诉、危机三行之和为未关闭的投诉类记录，是流失风险信号之一。",
        definition_en="Records whose type equals the given one (compared as the count compares) and that have no "
        "closed date; blank for a blank type. The grumble, complaint and crisis rows add up to the open "
        "complaints, one of the churn signals.",
        # by hand: 投诉 rows 1 (closed 3-11) and 3 (no closed date) → 1 open
        example=Example(
            (_LOG_KINDS, "投诉", _CLOSED_ON),
            ("$C$12:$C$16", "A6", "$G$12:$G$16"),
            "五条记录中两条投诉，一条 3 月 11 日已关闭，一条未关闭：1。",
            "Two complaints among five records, one closed on 11 March, one not: 1.",
        ),
    ),
    Indicator(
        "avg_days",
        None,
        "平均天数",
        "Average days",
        "某类型记录的平均响应或关闭天数（两个日期都有的记录）",
        "the mean response or closure days of a type's records (those with both dates)",
        "§2.17",
        service.avg_days,
        (_KINDS, _KIND, _START, _END),
        excel=X.avg_days,
        definition_zh="类型等于给定类型、两个日期都有的记录的（结束 − 起始）天数之平均；没有这样的记录时空白。",
        definition_en="The mean of end − start days over the records of the type that have both dates; blank "
        "when none has.",
        # by hand: 投诉 closed: only row 1, 10 days → 10; the open one has no closed date and is left out
        example=Example(
            (_LOG_KINDS, "投诉", _RECEIVED, _CLOSED_ON),
            ("$C$12:$C$16", "A6", "$E$12:$E$16", "$G$12:$G$16"),
            "两条投诉只有一条已关闭（10 天）：平均关闭天数 10。",
            "Of two complaints only one is closed (10 days): average closure days 10.",
        ),
    ),
    Indicator(
        "orders_in_window",
        None,
        "窗口内订单额",
        "Orders in a window",
        "基准日前若干月内（起点不含）的订单金额",
        "the order amounts dated in a window of months before the as-of date (start exclusive)",
        "§2.17",
        service.orders_in_window,
        (
            Arg("dates", "订单日期列", "the order dates"),
            Arg("amounts", "订单金额列", "the order amounts"),
            _AS_OF,
            Arg("back", "窗口终点在基准日前几个月（0 = 最近）", "months back the window ends (0 = the latest)"),
            _MONTHS,
        ),
        excel=X.orders_in_window,
        definition_zh="日期在 (EDATE(基准日, −back−months), EDATE(基准日, −back)] 内的订单金额之和：back = 0 为最近 months "
        "个月，back = months 为此前的同样长度。空白或文字金额不计。",
        definition_en="The amounts of the orders dated in (EDATE(as_of, −back−months), EDATE(as_of, −back)]: back = "
        "0 is the latest months, back = months the window before. Blank or text amounts add nothing.",
        # by hand: as of 2024-06-30, latest 3 months (2024-03-30, 2024-06-30] (EDATE keeps the 30th): 5-10 100 + 6-30 50 = 150; 3-30 is out
        example=Example(
            (
                [date(2024, 3, 30), date(2024, 5, 10), date(2024, 6, 30), date(2024, 7, 1)],
                [80, 100, 50, 999],
                date(2024, 6, 30),
                0,
                3,
            ),
            ("订单!$A$4:$A$7", "订单!$E$4:$E$7", "应收账款!$B$2", "0", "3"),
            "基准日 2024-06-30，最近 3 个月 (3 月 30 日, 6 月 30 日]：5 月 10 日 100 + 6 月 30 日 50 = 150（3 月 30 日不含）。",
            "As of 2024-06-30, the latest 3 months (30 March, 30 June]: 100 on 10 May + 50 on 30 June = 150 (30 "
            "March is out).",
        ),
    ),
    Indicator(
        "orders_change",
        None,
        "订单变化",
        "Orders change",
        "最近窗口的订单额比前一窗口的变化率",
        "the latest window's orders against the window before, as a change",
        "§2.17",
        service.orders_change,
        (
            Arg("recent", "最近窗口订单额", "the latest window's orders"),
            Arg("before", "前一窗口订单额", "the window before's orders"),
        ),
        excel=X.orders_change,
        definition_zh="最近窗口 ÷ 前一窗口 − 1；前一窗口没有订单（0 或空白）时空白。",
        definition_en="Latest window ÷ the window before − 1; blank when the window before had no orders.",
        # by hand: 150 / 250 − 1 = −0.4
        example=Example((150, 250), ("B6", "B7"), "150 ÷ 250 − 1 = −40 %。", "150 ÷ 250 − 1 = −40 %."),
    ),
    Indicator(
        "churn_signal",
        None,
        "流失风险信号",
        "Churn signal",
        "数值达到阈值时为 1（订单下降：变化 ≤ −阈值）",
        "1 when a value reaches its threshold (falling orders: change ≤ −threshold)",
        "§2.17",
        service.churn_signal,
        (
            Arg("value", "数值", "the value"),
            Arg("at", "阈值", "the threshold"),
            Arg("below", "为下降信号（≤ −阈值）", "a fall (≤ −threshold)", True),
        ),
        excel=X.churn_signal,
        definition_zh="数值 ≥ 阈值时为 1（逾期占比、未关闭投诉、失去决策者），下降信号在变化 ≤ −阈值时为 1（订单下降）；"
        "数值空白时为 0。",
        definition_en="1 when the value is at or above the threshold (overdue ratio, open complaints, decision "
        "maker lost); a fall signal is 1 when the change is at or below −threshold (falling orders); 0 for a "
        "blank value.",
        # by hand: −0.4 ≤ −0.3 → 1
        example=Example(
            (-0.4, 0.3),
            ("B8", "KAM_SERVICE_ORDERS_DROP", True),
            "订单下降 40 %，阈值 30 %：1。",
            "Orders down 40 %, threshold 30 %: 1.",
            kwargs=(("below", True),),
        ),
    ),
    Indicator(
        "yes_flag",
        None,
        "是否信号",
        "Yes flag",
        "是/否 单元格为“是”时为 1（如失去决策者）",
        "1 when a Yes/No cell says Yes (the decision maker lost …)",
        "§2.17",
        service.yes_flag,
        (Arg("value", "是/否", "Yes/No"), LANG),
        excel=X.yes_flag,
        definition_zh="单元格为“是”（英文版 Yes，不区分大小写）时为 1，“否”或空白为 0。",
        definition_en="1 when the cell says Yes (是 in Chinese; any case), 0 for No or blank.",
        example=Example(("是", "zh"), ("I9", "zh"), "失去决策者：是 → 1。", "Decision maker lost: Yes → 1."),
    ),
    Indicator(
        "risk_level",
        None,
        "流失风险等级",
        "Churn risk level",
        "按风险信号数：高 / 中 / 低",
        "by the number of churn signals: High / Medium / Low",
        "§2.17",
        service.risk_level,
        (
            Arg("count", "风险信号数", "the number of signals"),
            Arg("medium_at", "“中”的信号数", "signals for Medium"),
            Arg("high_at", "“高”的信号数", "signals for High"),
            LANG,
        ),
        excel=X.risk_level,
        definition_zh="风险信号数 ≥ 高的阈值为“高”，≥ 中的阈值为“中”，否则“低”（模型默认 1 与 2）。",
        definition_en='"High" at the high count of signals or more, "Medium" at the medium count or more, else '
        '"Low" (the model defaults: 1 and 2).',
        # by hand: 2 signals, medium 1, high 2 → 高
        example=Example(
            (2, 1, 2, "zh"),
            ("B13", "KAM_SERVICE_RISK_MEDIUM", "KAM_SERVICE_RISK_HIGH", "zh"),
            "两个信号（订单下降、逾期占比）：高。",
            "Two signals (falling orders, overdue ratio): High.",
        ),
    ),
    Indicator(
        "visits_in_window",
        None,
        "窗口内拜访次数",
        "Visits in a window",
        "基准日前若干月内（起点不含）的拜访次数（过程记录）",
        "visits (the process log) dated in the months before the as-of date (start exclusive)",
        "§2.17",
        service.visits_in_window,
        (Arg("dates", "过程记录的日期列", "the process log's dates"), _AS_OF, _MONTHS),
        excel=X.visits_in_window,
        definition_zh="过程记录中日期在 (EDATE(基准日, −months), 基准日] 内的条数。",
        definition_en="The process log's entries dated in (EDATE(as_of, −months), as_of].",
        # by hand: as of 2024-06-30, (2024-03-30, 2024-06-30]: 4-15, 6-1 → 2; 3-30 is out
        example=Example(
            ([date(2024, 3, 30), date(2024, 4, 15), date(2024, 6, 1)], date(2024, 6, 30), 3),
            ("过程记录!$A$4:$A$6", "应收账款!$B$2", "3"),
            "基准日 2024-06-30 的最近一个季度：4 月 15 日、6 月 1 日两次（3 月 30 日不含）。",
            "The quarter to 2024-06-30: 15 April and 1 June, 2 visits (30 March is out).",
        ),
    ),
    Indicator(
        "visits_required",
        None,
        "应拜访次数",
        "Visits due",
        "该客户等级每季度应拜访的次数（模型设定）",
        "the tier's visits per quarter (set in the model)",
        "§2.17",
        service.visits_required,
        (Arg("tier", "客户等级（名称）", "the account's tier (its name)"),),
        excel=X.visits_required,
        definition_zh="模型 [service] 表为每个客户等级设定每季度拜访次数（默认：战略客户 12、重点客户 6、成长客户 3、"
        "一般客户 1）；等级空白或不是模型的等级时为空白。",
        definition_en="The model's [service] table sets each tier's visits per quarter (default: Strategic 12, Key "
        "6, Growth 3, Standard 1); blank for a blank tier or one the model does not have.",
        example=Example(
            ("重点客户",), ("B15", "zh"), "重点客户每季度应拜访 6 次。", "A key account is due 6 visits a quarter."
        ),
    ),
    Indicator(
        "visits_behind",
        None,
        "拜访落后",
        "Visits behind",
        "本季度拜访次数少于该等级要求时为 1",
        "1 when the quarter's visits fall short of the tier's frequency",
        "§2.17",
        service.visits_behind,
        (
            Arg("done", "本季度拜访次数", "the quarter's visits"),
            Arg("required", "该等级每季度应拜访次数", "the tier's visits per quarter"),
        ),
        excel=X.visits_behind,
        definition_zh="拜访次数 < 要求时为 1，否则 0；没有要求（等级未填）时为 0。",
        definition_en="1 when the visits are fewer than required, else 0; 0 when nothing is required (no tier).",
        example=Example(
            (2, 6),
            ("B17", "B16"),
            "战略客户每季度应拜访 6 次，只拜访 2 次：落后。",
            "A strategic account is due 6 visits a quarter and had 2: behind.",
        ),
    ),
)
