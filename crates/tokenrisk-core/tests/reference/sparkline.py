#!/usr/bin/env python3
"""Reference values for the sector table's sparkline figures, with NumPy on the shared hourly
closes: the last 169 hours (a 7-day sparkline) that FET, RENDER and TAO all have; hourly simple
returns; volatility std(ddof=1) * sqrt(8760); beta cov/var (ddof=1) to TAO (the shared data has
no hourly BTC).

Run from this directory:  python3 sparkline.py ../../../../../shared/data/market > sparkline.json
On the committed fixture cuts:  python3 sparkline.py ../../../tokenrisk-testdata/fixtures/market > sparkline_fixtures.json
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

FILES = {
    "FET": "binance_spot_1h_close/FETUSDT.csv",
    "RENDER": "binance_spot_1h_close/RENDERUSDT.csv",
    "TAO": "binance_spot_1h_close/TAOUSDT.csv",
}
POINTS = 169


def main() -> None:
    root = Path(sys.argv[1])
    frames = [
        pd.read_csv(root / rel, index_col="open_time")["close"].rename(asset)
        for asset, rel in FILES.items()
    ]
    joined = pd.concat(frames, axis=1, join="inner").sort_index().iloc[-POINTS:]
    closes = {a: joined[a].to_numpy(dtype=float) for a in FILES}
    returns = {a: c[1:] / c[:-1] - 1.0 for a, c in closes.items()}
    out = {"numpy": np.__version__, "points": POINTS, "files": FILES,
           "first": str(joined.index[0]), "last": str(joined.index[-1]), "assets": {}}
    for asset, r in returns.items():
        b = returns["TAO"]
        out["assets"][asset] = {
            "volatility": float(np.std(r, ddof=1) * np.sqrt(8760.0)),
            "beta_to_tao": float(np.cov(r, b, ddof=1)[0, 1] / np.var(b, ddof=1)),
        }
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
