#!/usr/bin/env python3
"""Reference values for the Amihud (2002) illiquidity ratio, computed with pandas independently
of the Rust code, on real daily exchange candles.

Run from this directory:
    python3 illiquidity.py ../../../tokenrisk-testdata/fixtures/market > illiquidity_fixtures.json
    python3 illiquidity.py ../../../../../shared/data/market > illiquidity.json

Definition (the same the Rust core states): r_t = close_t / close_{t-1} - 1 on daily closes
sorted by time; the ratio is the mean over days t >= 1 of |r_t| / V_t, V_t the day's quote
volume (`quote_asset_volume`, USDT), days with V_t <= 0 left out; per unit of quote volume.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

FILES = {
    "BTC": "binance_spot_1d/BTCUSDT.csv",
    "TAO": "binance_spot_1d/TAOUSDT.csv",
    "NEAR": "binance_spot_1d/NEARUSDT.csv",
    "ICP": "binance_spot_1d/ICPUSDT.csv",
}


def amihud(root: Path, rel: str) -> dict:
    frame = pd.read_csv(root / rel, usecols=["open_time", "close", "quote_asset_volume"])
    frame["open_time"] = pd.to_datetime(frame["open_time"], utc=True)
    frame = frame.sort_values("open_time").reset_index(drop=True)
    returns = frame["close"].astype(float).pct_change()
    volume = frame["quote_asset_volume"].astype(float)
    usable = (volume > 0) & returns.notna()
    ratio = (returns[usable].abs() / volume[usable]).mean()
    return {"file": rel, "days": int(usable.sum()), "amihud": float(ratio)}


def main() -> None:
    root = Path(sys.argv[1])
    out = {
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "assets": {asset: amihud(root, rel) for asset, rel in FILES.items()},
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
