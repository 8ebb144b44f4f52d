"""The customer file's text: its kind, sheet titles and every label it shows, in Chinese and English."""

from __future__ import annotations

from kam_xl.workbooks.labels import Text

__all__ = ["KIND", "LABELS", "SHEETS", "figure_label"]

KIND: Text = ("大客户档案", "Customer file")

SHEETS: dict[str, Text] = {
    "basic": ("基本信息", "Basic information"),
    "important": ("重要信息", "Important information"),
    "core": ("核心信息", "Core information"),
    "process": ("过程记录", "Process log"),
    "orders": ("订单", "Orders"),
    "structure": ("订单结构", "Order structure"),
    "receivables": ("应收账款", "Receivables"),
    "invoices": ("发票台账", "Invoices"),
    "receipts": ("收款台账", "Receipts"),
}

LABELS: dict[str, Text] = {
    # basic information
    "company": ("公司信息", "Company"),
    "code": ("客户编号", "Account code"),
    "industry": ("行业", "Industry"),
    "address": ("地址", "Address"),
    "phone": ("电话", "Phone"),
    "fax": ("传真", "Fax"),
    "email": ("电子邮箱", "Email"),
    "website": ("网址", "Website"),
    "employees": ("员工人数", "Employees"),
    "revenue": ("年销售额（¥）", "Annual revenue (¥)"),
    "main_products": ("主要产品", "Main products"),
    "founded": ("成立年份", "Founded (year)"),
    "ownership": ("企业性质", "Ownership"),
    "relationship_type": ("关系类型", "Relationship type"),
    "manager": ("大客户经理", "Key-account manager"),
    "updated": ("更新日期", "Updated on"),
    "key_figures": ("关键指标（取自应收账款表）", "Key figures (from the Receivables sheet)"),
    "contacts": ("联系人", "Contacts"),
    "name": ("姓名", "Name"),
    "department": ("部门", "Department"),
    "title": ("职务", "Title"),
    "level": ("层级", "Level"),
    "role": ("角色", "Role"),
    "authority": ("权限", "Authority"),
    "personality": ("性格", "Personality"),
    "hobbies": ("爱好", "Hobbies"),
    # important information
    "organisation": ("组织架构", "Organisation"),
    "history": ("发展历史", "History"),
    "goals": ("经营目标", "Business goals"),
    "direction": ("发展方向", "Direction"),
    "positioning": ("产品定位", "Product positioning"),
    "sales_status": ("销售状况", "Sales"),
    "resources": ("客户资源", "Resources"),
    "our_position": ("我方供货、竞争与利润", "Our supply, competition and profit"),
    "competitors": ("客户的竞争对手", "The customer's competitors"),
    "competitor": ("竞争对手", "Competitor"),
    "market_share": ("市场份额", "Market share"),
    "strengths": ("优势", "Strengths"),
    "weaknesses": ("劣势", "Weaknesses"),
    "suppliers": ("客户的供应商（本品类）", "The customer's suppliers (our category)"),
    "supplier": ("供应商", "Supplier"),
    "supplied": ("供应产品", "Products supplied"),
    "supplier_share": ("采购份额", "Share of spend"),
    "since": ("合作起始年", "Supplier since"),
    # core information
    "strategy_log": ("我方策略与效果（定期检查、随时修正）", "Our strategy and its effect (review, correct)"),
    "date": ("日期", "Date"),
    "strategy": ("策略/计划", "Strategy / plan"),
    "measures": ("具体措施", "Measures"),
    "expected": ("预期效果", "Expected effect"),
    "review_date": ("检查日期", "Reviewed on"),
    "effect": ("实际效果", "Actual effect"),
    "result": ("评价", "Result"),
    "correction": ("修正措施", "Correction"),
    # process log
    "process_log": ("拜访与谈判记录（SPIN）", "Visits and negotiations (SPIN)"),
    "kind": ("类型", "Type"),
    "their_people": ("客户参与人（身份）", "Their participants (role)"),
    "our_people": ("我方参与人", "Our participants"),
    "situation": ("背景问题 S", "Situation (S)"),
    "problem": ("难点问题 P", "Problem (P)"),
    "implication": ("暗示问题 I", "Implication (I)"),
    "need_payoff": ("需求-效益 N", "Need-payoff (N)"),
    "answer": ("我方回答", "Our answer"),
    "next_step": ("下一步", "Next step"),
    "next_date": ("下次日期", "Next date"),
    # orders
    "orders": ("订单记录", "Orders"),
    "order_no": ("订单号", "Order no."),
    "product_line": ("产品线", "Product line"),
    "quantity": ("数量", "Quantity"),
    "amount": ("金额", "Amount"),
    "cost": ("成本", "Cost"),
    "returned": ("退货金额", "Returned"),
    "transactions": ("交易类指标（按订单表）", "Transaction indicators (from the Orders sheet)"),
    "orders_amount": ("订单金额合计", "Orders: total amount"),
    "orders_cost": ("订单成本合计", "Orders: total cost"),
    "structure": ("订单结构（按产品线）", "Order structure (by product line)"),
    "orders_count": ("订单数", "Orders"),
    "share": ("占比", "Share"),
    # receivables
    "receivables": ("应收账款与信用", "Receivables and credit"),
    "credit_limit": ("信用额度", "Credit limit"),
    "period_start": ("期间起点（不含）", "Period start (exclusive)"),
    "period_days": ("期间天数", "Days in period"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "invoices": ("发票台账", "Invoices"),
    "receipts": ("收款台账", "Receipts"),
    "invoice_no": ("发票号", "Invoice no."),
    "invoice_date": ("开票日期", "Invoice date"),
    "due_date": ("到期日", "Due date"),
    "received": ("基准日已收", "Received as of"),
    "open": ("未收余额", "Outstanding"),
    "days_past_due": ("逾期天数", "Days past due"),
    "problems": ("问题", "Problems"),
    "counted": ("计入", "Counted"),
    "key": ("键", "Key"),
    "matches": ("匹配发票行数", "Matching invoice rows"),
    "invoice_amount": ("发票金额", "Invoice amount"),
    "cumulative": ("累计收款（至本笔）", "Received to date"),
    "receipt_date": ("收款日期", "Receipt date"),
    "its_invoice_date": ("对应开票日", "Its invoice date"),
    "days_to_collect": ("收款天数", "Days to collect"),
    "n_invoices": ("计入的发票数", "Invoices counted"),
    "n_receipts": ("计入的收款数", "Receipts counted"),
    "sales": ("本期销售额", "Sales in period"),
    "outstanding": ("应收余额", "Outstanding"),
    "overdue_amount": ("逾期金额", "Overdue"),
    "arrears_rate": ("欠款率", "Arrears rate"),
    "overdue_ratio": ("逾期占比", "Overdue ratio"),
    "dso": ("应收账款周转天数 DSO", "DSO (days)"),
    "best_dso": ("最佳可能 DSO", "Best possible DSO"),
    "days_delinquent": ("平均逾期天数", "Average days delinquent"),
    "opening": ("期初应收余额", "Opening outstanding"),
    "cei": ("收款有效性指数 CEI", "Collection effectiveness index (CEI)"),
    "avg_collection_days": ("平均收款周期（天）", "Average collection days"),
    "largest_receipt": ("最大单笔收款额", "Largest receipt"),
    "avg_receipt": ("平均收款额", "Average receipt"),
    "unapplied_receipts": ("未核销收款", "Unapplied receipts"),
    "avg_arrears": ("平均欠款额（月末）", "Average arrears (month ends)"),
    "credit_use": ("信用额度使用率", "Credit-limit use"),
    "credit_rating": ("信用等级", "Credit rating"),
    "month_ends": ("月末应收余额", "Outstanding at month ends"),
    "month_end": ("月末", "Month end"),
    "receivables_hint": (
        "统计基准日与信用额度为输入，台账在“发票台账”“收款台账”两表；指标按模型期间（统计基准日前若干月，起点不含、终点含）计算",
        "The as-of date and the credit limit are inputs, the ledgers are on the Invoices and Receipts sheets; "
        "indicators use the model's period (the months before the as-of date, start exclusive, end inclusive)",
    ),
    # a ledger's hidden helper columns (captioned for whoever unhides them): per invoice number's block of rows
    "helper_search": ("查找键", "Search key"),
    "helper_count": ("本号累计张数", "Running count"),
    "helper_to": ("本号累计至基准日", "Running amount to the as-of date"),
    "helper_total": ("本号累计金额", "Running amount"),
    "helper_min": ("本号最早开票日", "Earliest invoice date so far"),
    "helper_run": ("本号累计收款", "Running receipts"),
    "helper_last": ("本号最近收款日", "Latest receipt date so far"),
    "helper_order": ("排序正确", "In order"),
    "helper_end_count": ("本号张数", "Rows of the number"),
    "helper_end_to": ("本号至基准日金额", "Number's amount to the as-of date"),
    "helper_end_total": ("本号金额", "Number's amount"),
    "helper_end_min": ("本号最早开票日（全部）", "Number's earliest invoice date"),
    "ledger_hint": (
        "台账为输入，灰色列为公式（统计基准日在“应收账款”表）。在表内插入行后，把上一行的灰色单元格复制到新行，该行才计入；"
        "按发票号排序时重算最快",
        "The ledger is input, grey columns are formulas (the as-of date is on the Receivables sheet). After inserting "
        "rows inside the list, copy the grey cells of the row above onto them: a row counts once they are there; "
        "sorted by invoice number the ledger recalculates fastest",
    ),
    "structure_hint": (
        "产品线为输入（订单表的“产品线”下拉列表取自此列）；订单数、金额与占比按订单表计算",
        "Product lines are input (the Orders sheet's product-line list comes from this column); orders, amount "
        "and share are computed from the Orders sheet",
    ),
}

# A figure whose key (the core's column) names another registry entry is captioned under the entry's key:
# "overdue" is the account plan's action flag, the receivables figure is "overdue_amount".
_FIGURE_CAPTION = {"overdue": "overdue_amount"}


def figure_label(key: str) -> Text | None:
    """The caption of a receivables figure (a key of :func:`~.receivables_sheet.indicator_cells`), None for
    an aging bucket (the model names those)."""
    return LABELS.get(_FIGURE_CAPTION.get(key, key))
