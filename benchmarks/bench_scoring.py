"""Benchmark: the default model (score + tier + ABC + pyramid + barrier) over N accounts.

Times kam_xl's core against a bare numpy implementation of the same arithmetic
(no validation, no labels) in the same run, and checks that both agree.
Run: ``python benchmarks/bench_scoring.py [--accounts 1000000] [--repeat 3]``.
Targets (issue #2): under 2 s, and within 3x of bare numpy.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable

import numpy as np

from kam_xl.core import barriers, pareto, pyramid, scorecard
from kam_xl.models import Model, default_model


def make_inputs(n: int, model: Model, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    card = model.scorecard()
    return {
        "scores": rng.integers(0, int(card.scale) + 1, (n, len(card.criteria))).astype(float),
        "value": np.round(rng.lognormal(14, 1.2, n), -2),
        "wall": rng.integers(0, 3, (n, len(model.barrier.wall_criteria))).astype(float),
        "technical": rng.integers(0, 6, n).astype(float),
        "commercial": rng.integers(0, 6, n).astype(float),
        "switching": rng.uniform(0, 5, n),
    }


def kam(model: Model, x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    s = scorecard.score(x["scores"], model=model)
    ratio = barriers.wall_ratio(x["wall"], model)
    strength = barriers.barrier_strength(ratio, x["technical"], x["commercial"], x["switching"], model)
    return {
        "tier": scorecard.tier_index(s, model),
        "abc": pareto.abc_index(x["value"], model),
        "pyramid": pyramid.pyramid_index(x["value"], model),
        "barrier": strength,
        "barrier_level": barriers.barrier_level_index(strength, model),
    }


def bare(model: Model, x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    card = model.scorecard()
    raw = x["scores"] @ (card.weights * card.directions)
    s = 100 * (raw - card.raw_min) / (card.raw_max - card.raw_min)
    tier_mins = np.array([b.min for b in model.tiers[:-1]])
    v = x["value"]
    srt = np.sort(v)
    cs = np.cumsum(srt)
    share = (cs[-1] - cs[np.searchsorted(srt, v, "right") - 1]) / cs[-1]
    rank = v.size - np.searchsorted(srt, v, "right") + 1
    b = model.barrier
    strength = 100 * (
        b.wall_weight * x["wall"].sum(axis=1) / b.wall_max
        + (
            b.technical_weight * x["technical"]
            + b.commercial_weight * x["commercial"]
            + b.switching_weight * x["switching"]
        )
        / b.component_scale
    )
    level_mins = np.array([lv.min for lv in b.levels[:-1]])
    return {
        "tier": (np.round(s, 9)[:, None] < tier_mins).sum(axis=1),
        "abc": np.where(np.round(share, 12) < model.abc.a, 0, np.where(np.round(share, 12) < model.abc.b, 1, 2)),
        "pyramid": ((rank - 1)[:, None] >= np.round(model.pyramid.cumulative * v.size, 9)).sum(axis=1),
        "barrier": strength,
        "barrier_level": (np.round(strength, 9)[:, None] < level_mins).sum(axis=1),
    }


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = default_model()
    x = make_inputs(args.accounts, model)
    ours, theirs = kam(model, x), bare(model, x)
    for key in ours:
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-12, err_msg=key)
    t_kam = best_of(lambda: kam(model, x), args.repeat)
    t_bare = best_of(lambda: bare(model, x), args.repeat)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()} numpy {np.__version__}"
    )
    print(f"accounts: {args.accounts:,}  (best of {args.repeat})")
    print(f"kam_xl core : {t_kam:.3f} s")
    print(f"bare numpy  : {t_bare:.3f} s")
    print(f"ratio       : {t_kam / t_bare:.2f}x   (targets: < 2 s, < 3x)")


if __name__ == "__main__":
    main()
