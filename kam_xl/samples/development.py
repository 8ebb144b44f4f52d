"""A sample development record (大客户开发记录表): attempts to win accounts, won and lost."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.workbooks.development import SOURCES, Attempt

__all__ = ["attempts"]


_PLACES = ("苏州", "无锡", "宁波", "佛山", "东莞", "合肥", "武汉", "成都", "西安", "天津", "青岛", "长沙")
_INDUSTRIES = ("电气设备", "仪器仪表", "机械制造", "建材", "钢铁", "汽车零部件")
_OWNERS = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆")
_STEPS = ("技术交流会", "提交方案与报价", "样品试用", "高层拜访", "商务谈判", "合同评审")
_WON = ("方案贴合产线改造需求，交期有保障", "技术团队现场支持获得认可")
_LOST = ("价格高于竞争对手约8%", "对方决策层更换，新负责人偏好原供应商")
_DROPPED = ("项目预算取消", "资信评估未通过")
_LESSONS = (
    "尽早接触决策层，不要只停留在采购部门",
    "报价前先弄清对方的评标权重",
    "样品试用要约定验收标准与时限",
    "每次拜访后48小时内发送会议纪要",
    "提前做资信调查，避免后期回款风险",
    "找到内部教练，了解真实的决策流程",
)


def attempts(
    n: int = 24, *, seed: int = SAMPLE_SEED, model: Model | None = None, as_of: date | None = None
) -> list[Attempt]:
    """``n`` reproducible attempts over the year to ``as_of``: open ones at every stage, and won,
    lost and dropped ones with their reasons and lessons."""

    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    rng = np.random.default_rng(seed + 3)
    stages = model.pipeline.stages
    out = []
    for i in range(n):
        industry = _INDUSTRIES[i % len(_INDUSTRIES)]
        first = as_of - timedelta(days=int(rng.integers(20, 360)))
        outcome = str(rng.choice(["open", "open", "won", "lost", "dropped"]))
        k = (
            int(rng.integers(0, len(stages)))
            if outcome == "open"
            else len(stages) - 1
            if outcome == "won"
            else int(rng.integers(0, len(stages)))
        )
        reason = {"won": _WON, "lost": _LOST, "dropped": _DROPPED}.get(outcome)
        out.append(
            Attempt(
                account=f"{_PLACES[i % len(_PLACES)]}{industry}{'有限公司' if i % 3 else '股份有限公司'}",
                industry=industry,
                owner=str(rng.choice(_OWNERS)),
                source=SOURCES[int(rng.integers(len(SOURCES)))][0],
                first_contact=first,
                stage=stages[k].code,
                expected_value=float(np.round(rng.lognormal(13.5, 0.8), -3)),
                next_step=str(rng.choice(_STEPS)) if outcome == "open" else None,
                due=as_of + timedelta(days=int(rng.integers(-10, 45))) if outcome == "open" else None,
                outcome=outcome,
                reason=str(rng.choice(reason)) if reason else None,
                lessons=str(rng.choice(_LESSONS)),
            )
        )
    return out
