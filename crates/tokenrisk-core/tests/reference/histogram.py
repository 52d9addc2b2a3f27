#!/usr/bin/env python3
"""Reference histograms of daily simple returns, computed with NumPy's np.histogram on the
shared market data (equal-width bins over [min, max], the last bin closed).

Run from this directory:  python3 histogram.py ../../../../../shared/data/market > histogram.json
On the committed fixture cuts:  python3 histogram.py ../../../tokenrisk-testdata/fixtures/market > histogram_fixtures.json
"""
import json
import sys
from pathlib import Path

import numpy as np

from market_csv import load

CASES = {
    "TAO": ("binance_spot_1d/TAOUSDT.csv", "open_time", "close", False, 40),
    "BTC": ("binance_spot_1d/BTCUSDT.csv", "open_time", "close", False, 60),
    "NVDA": ("yahoo_equities_1d/NVDA.csv", "time", "adjclose", False, 25),
}


def main() -> None:
    root = Path(sys.argv[1])
    out = {}
    for asset, (rel, time_col, price_col, hourly, bins) in CASES.items():
        prices = load(root, rel, time_col, price_col, hourly)
        returns = prices.pct_change().dropna().to_numpy()
        counts, edges = np.histogram(returns, bins=bins)
        out[asset] = {
            "file": rel,
            "price_column": price_col,
            "bins": bins,
            "counts": counts.tolist(),
            "edges": edges.tolist(),
        }
    json.dump({"numpy": np.__version__, "histograms": out}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
