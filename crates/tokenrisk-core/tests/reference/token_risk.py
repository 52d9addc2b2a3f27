#!/usr/bin/env python3
"""Reference values for the token view's volatility and maximum drawdown, computed with pandas
and NumPy from the shared market data, independently of the Rust code.

Run from this directory:  python3 token_risk.py ../../../../../shared/data/market > token_risk.json
On the committed fixture cuts:  python3 token_risk.py ../../../tokenrisk-testdata/fixtures/market > token_risk_fixtures.json

Conventions (the same the Rust core states):
- daily simple returns  r_t = P_t / P_{t-1} - 1  (pandas pct_change);
- volatility = std(r, ddof=1) * sqrt(P), P = 365 if the series has weekend dates, else 252;
- drawdown = P_t / cummax(P) - 1 over the window; max drawdown = its minimum;
- a range of n days keeps the dates >= last date - n days; ytd those from 1 January of the last
  date's year; FROM..TO those between both dates, included;
- equities use the adjusted close (adjclose); hourly files give daily closes from the 23:00 bar.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from market_csv import load, periods

FILES = {
    "BTC": ("binance_spot_1d/BTCUSDT.csv", "open_time", "close", False),
    "TAO": ("binance_spot_1d/TAOUSDT.csv", "open_time", "close", False),
    "NEAR": ("binance_spot_1d/NEARUSDT.csv", "open_time", "close", False),
    "ICP": ("binance_spot_1d/ICPUSDT.csv", "open_time", "close", False),
    "FET": ("binance_spot_1h_close/FETUSDT.csv", "open_time", "close", True),
    "RENDER": ("binance_spot_1h_close/RENDERUSDT.csv", "open_time", "close", True),
    "NVDA": ("yahoo_equities_1d/NVDA.csv", "time", "adjclose", False),
    "MSFT": ("yahoo_equities_1d/MSFT.csv", "time", "adjclose", False),
}
RANGES = {"7d": 7, "30d": 30, "90d": 90, "ytd": "ytd", "1y": 365, "all": None,
          "2025-01-03..2025-06-30": ("2025-01-03", "2025-06-30")}


def window_of(prices: pd.Series, spec) -> pd.Series:
    """The dates a range keeps: n days back from the last date, from 1 January of the last
    date's year (ytd), everything (None), or FROM..TO with both ends included."""
    last = prices.index[-1]
    if spec is None:
        return prices
    if spec == "ytd":
        return prices[prices.index >= pd.Timestamp(year=last.year, month=1, day=1, tz="UTC")]
    if isinstance(spec, tuple):
        start, end = (pd.Timestamp(d, tz="UTC") for d in spec)
        return prices[(prices.index >= start) & (prices.index <= end)]
    return prices[prices.index >= last - pd.Timedelta(days=spec)]


def main() -> None:
    root = Path(sys.argv[1])
    out = {"generator": "pandas %s, numpy %s" % (pd.__version__, np.__version__), "series": {}}
    for asset, (rel, time_col, price_col, hourly) in FILES.items():
        prices = load(root, rel, time_col, price_col, hourly)
        p = periods(prices)
        entry = {"file": rel, "periods_per_year": p, "ranges": {}}
        for name, days in RANGES.items():
            window = window_of(prices, days)
            returns = window.pct_change().dropna()
            drawdown = window / window.cummax() - 1.0
            trough = drawdown.idxmin()
            peak = window[:trough].idxmax()
            entry["ranges"][name] = {
                "prices": int(len(window)),
                "first": window.index[0].strftime("%Y-%m-%d"),
                # null where pandas gives NaN (fewer than two returns)
                "volatility": None if len(returns) < 2 else float(returns.std(ddof=1) * np.sqrt(p)),
                "max_drawdown": float(drawdown.min()),
                "peak": peak.strftime("%Y-%m-%d"),
                "trough": trough.strftime("%Y-%m-%d"),
            }
        out["series"][asset] = entry
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
