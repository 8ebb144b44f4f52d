"""Lifetime value and share of wallet — docs/definitions.md §2.6–2.7."""

from __future__ import annotations

from kam_xl.core import clv, wallet
from kam_xl.indicators.entry import Arg, Example, Indicator
from kam_xl.xlformulas import value as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "clv",
        "KAM_CLV",
        "客户生命周期价值",
        "Lifetime value",
        "客户生命周期价值（有限或无限期）",
        "customer lifetime value (finite or infinite horizon)",
        "§2.6",
        clv.clv,
        (
            Arg("margin", "年毛利（每年末获得）", "annual margin (received at each year end)"),
            Arg("retention", "保留率 0 ≤ r < 1", "retention 0 ≤ r < 1"),
            Arg("discount", "折现率 d > -1", "discount rate d > −1"),
            Arg("horizon", "年限（省略为无限期）", "horizon in years (omit for infinite)", True),
        ),
        excel=X.clv,
        definition_zh="客户每留一年，年末带来一年毛利 m；保留率 r 是再留一年的概率，折现率 d。记 q = r/(1 + d)，T 年的价值 = "
        "m × (1 − qᵀ)/(1 + d − r)，无限期 = m/(1 + d − r)。年限空白取模型设置（默认无限期）；q = 1 时取极限 m × T/(1 + d)；"
        "无限期而 q ≥ 1 时价值发散，是错误。毛利、保留率或折现率空白时结果空白；工作簿中以文本存的数字照常读取，"
        "其他文本或核心拒绝的值（保留率不在 [0, 1)、折现率 ≤ −1、年限 ≤ 0）显示空白，而不是错误值。",
        definition_en="Each year the account stays it brings its annual margin m at the year end; the retention "
        "r is the chance it stays another year and d the discount rate. With q = r/(1 + d), the value over T "
        "years is m × (1 − qᵀ)/(1 + d − r), and over an infinite horizon m/(1 + d − r). A blank horizon takes the "
        "model's (infinite by default); at q = 1 the limit m × T/(1 + d) is taken; an infinite horizon with "
        "q ≥ 1 has no value and is an error. A blank margin, retention or discount gives a blank; in a workbook a "
        "number stored as text is read, and other text or a value the core refuses (retention outside [0, 1), a "
        "discount ≤ −1, a horizon ≤ 0) shows blank, not an error value.",
        # by hand: 1 year 100,000 / 1.1 = 90,909.09; 5 years q = 8/11, (8/11)⁵ = 32,768/161,051 = 0.203463,
        # 100,000 × (1 − 0.203463) / 0.3 = 265,512.17; infinite 100,000 / (1.1 − 0.8) = 333,333.33
        example=Example(
            (100000, 0.8, 0.1, [1, 5, None]),
            ("B5", "C5", "D5", "E5"),
            "定义 §2.6 的例子：年毛利 100,000、保留率 80 %、折现率 10 %，年限 1 年、5 年、空白（无限期）。",
            "The example of definitions §2.6: margin 100,000, retention 80 %, discount 10 %, over 1 year, "
            "5 years and a blank horizon (infinite).",
        ),
    ),
    Indicator(
        "wallet_share",
        "KAM_WALLET_SHARE",
        "钱包份额",
        "Share of wallet",
        "钱包份额 = 我方销售额 / 客户该品类总采购额",
        "share of wallet = our sales / the account's total category spend",
        "§2.7",
        wallet.share_of_wallet,
        (
            Arg("our_sales", "我方对该客户的销售额", "our sales to the account"),
            Arg("total_spend", "客户该品类总采购额（同期）", "the account's total category spend (same period)"),
        ),
        excel=X.wallet_share,
        definition_zh="钱包份额 = 我方对该客户的销售额 ÷ 客户在该品类的总采购额，两者取同一期间。总采购额须 > 0；份额超过 "
        "100 % 是输入错误（卖的不会比客户买的多）。任一空白时结果空白；工作簿中总采购额为 0、份额超过 100 %、或输入是"
        "非数字的文本时也显示空白（而不是 #DIV/0! 或 #VALUE!），以文本存的数字照常读取。",
        definition_en="Share of wallet = our sales to the account ÷ its total spend in our category, over the same "
        "period. The total must be above 0, and a share above 100 % is an input error (we cannot sell more than "
        "they buy). A blank input gives a blank; in a workbook a total of 0, a share above 100 % or text that is no "
        "number shows blank too (not #DIV/0! or #VALUE!), and a number stored as text is read.",
        # by hand: 3,200,000 / 8,000,000 = 0.4
        example=Example(
            (3200000, 8000000),
            ("B5", "C5"),
            "我方销售 3,200,000，客户品类总采购 8,000,000：40 %，在围墙准则的份额一项得 1 分。",
            "Our sales of 3,200,000 of a category spend of 8,000,000: 40 %, which scores 1 on the wall's share "
            "criterion.",
        ),
    ),
    Indicator(
        "share_gap",
        None,
        "钱包份额差距",
        "Share of wallet − target",
        "钱包份额 − 钱包份额目标（负数 = 未达目标）",
        "share of wallet − its target (negative = short of the target)",
        "§2.7, §2.12",
        wallet.share_gap,
        (
            Arg("share", "钱包份额 0–1", "share of wallet 0–1"),
            Arg("target", "钱包份额目标 0–1", "share-of-wallet target 0–1"),
        ),
        excel=X.share_gap,
        definition_zh="钱包份额 − 计划中的钱包份额目标，两者 0–1；负数表示还没达到目标，计划还要追。任一空白、非数字或超出 0–1 时"
        "结果空白。",
        definition_en="The share of wallet − the plan's target for it, both 0–1; a negative gap is ground the plan "
        "still has to make up. A blank input, text that is no number or a value outside 0–1 gives a blank.",
        # by hand: 0.40 − 0.50 = −0.10
        example=Example(
            (0.4, 0.5),
            ("C6", "C7"),
            "份额 40 %，目标 50 %：差距 −10 %。",
            "A 40 % share against a 50 % target: a gap of −10 %.",
        ),
    ),
    Indicator(
        "order_share",
        None,
        "订单结构占比",
        "Share of our sales",
        "订单结构：各产品线销售额占我方对该客户销售额的比例",
        "order structure: each product line's share of our sales to the account",
        "§2.7",
        wallet.order_structure,
        (Arg("sales_by_line", "各产品线销售额", "our sales by product line"),),
        excel=X.order_share,
        definition_zh="订单结构：每条产品线的销售额 ÷ 我方对该客户各产品线销售额之和。空白的产品线按 0 计；合计为 0 时"
        "无结构可算（核心报错，工作簿显示空白）；本行空白时结果空白。",
        definition_en="Order structure: each product line's sales ÷ our sales to the account over all lines. A "
        "blank line counts as 0; with a total of 0 there is no structure (an error in the core, a blank in a "
        "workbook); a blank row gives a blank.",
        # by hand: total 600 + 300 + 100 = 1,000 → 0.6, 0.3, 0.1
        example=Example(
            ([600, 300, 100],),
            ("B5", "$B$8"),
            "三条产品线销售 600、300、100（合计 1,000）：60 %、30 %、10 %。公式是第一条产品线的，B8 是合计。",
            "Three product lines selling 600, 300 and 100 (total 1,000): 60 %, 30 % and 10 %. The formula is the "
            "first line's; B8 holds the total.",
        ),
    ),
)
