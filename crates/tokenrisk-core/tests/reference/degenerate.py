#!/usr/bin/env python3
"""Reference values for the two classes of edge the risk core must get right, computed
independently of the Rust code.

1. Exactly degenerate inputs: a pegged price (every return 0) and a price growing by the same
   1 % every day. The growth series is written out as the floats `100 * 1.01**t` (Python), whose
   returns differ by rounding only; Python's exact `fractions` arithmetic on the same series
   (100 * (101/100)**t) gives returns of exactly 1/100 and a standard deviation of exactly 0,
   so volatility is 0 and the Sharpe ratio, skewness and kurtosis are undefined. What the
   float libraries report on the rounded series is recorded beside it, to show the fault.
2. Quantile positions that should be whole numbers: historical VaR and expected shortfall at
   confidence 0.8, 0.9, 0.95 and 0.99 on real daily TAO returns, over a window of n returns with
   n − 1 divisible by 100, so that (n − 1)(1 − c) is a whole number for every c. empyrical's
   `value_at_risk(r, cutoff)` (np.percentile, linear) and `conditional_value_at_risk(r, cutoff)`
   (mean of the int((n − 1) cutoff) + 1 smallest) with the cutoff written exactly.

Run from this directory:
    python3 degenerate.py ../../../tokenrisk-testdata/fixtures/market > degenerate.json
"""
import json
import statistics
import sys
from fractions import Fraction
from pathlib import Path

import empyrical as ep
import numpy as np
from scipy import stats

from market_csv import load


def main(root: Path) -> None:
    days = 366
    growth = [100 * 1.01**t for t in range(days)]
    exact = [100 * Fraction(101, 100) ** t for t in range(days)]
    exact_returns = [b / a - 1 for a, b in zip(exact, exact[1:])]
    assert set(exact_returns) == {Fraction(1, 100)}
    exact_std = statistics.stdev(exact_returns)  # exact on Fractions
    floats = np.diff(growth) / np.array(growth[:-1])
    pegged = [1.0] * 120

    prices = load(root, "binance_spot_1d/TAOUSDT.csv", "open_time", "close", False)
    r = prices.pct_change().dropna().to_numpy()
    n = 1 + 100 * ((len(r) - 1) // 100)
    window = r[-n:]
    tails = {}
    for confidence, cutoff in [("0.8", 0.2), ("0.9", 0.1), ("0.95", 0.05), ("0.99", 0.01)]:
        tails[confidence] = {
            "var": -float(ep.value_at_risk(window, cutoff=cutoff)),
            "es": -float(ep.conditional_value_at_risk(window, cutoff=cutoff)),
            "tail_count": int((n - 1) * cutoff) + 1,
        }

    json.dump(
        {
            "generator": "degenerate.py (empyrical, NumPy, SciPy, Python fractions)",
            "growth": {
                "prices": growth,
                "exact_return": "1/100",
                "exact_std": float(exact_std),
                "numpy_std_of_rounded_returns": float(floats.std(ddof=1)),
                "empyrical_sharpe_of_rounded_returns": float(ep.sharpe_ratio(floats, annualization=365)),
                "scipy_skew_of_rounded_returns": float(stats.skew(floats)),
            },
            "pegged": {
                "prices": pegged,
                "numpy_std": float(np.std(np.zeros(len(pegged) - 1), ddof=1)),
            },
            "tails": {
                "file": "binance_spot_1d/TAOUSDT.csv",
                "returns": n,
                "by_confidence": tails,
            },
        },
        sys.stdout,
        indent=1,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
