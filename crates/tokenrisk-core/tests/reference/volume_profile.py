#!/usr/bin/env python3
"""Reference volume profiles, computed with NumPy independently of the Rust code, on the last
30 daily Binance candles of TAO and BTC.

Run from this directory:
    python3 volume_profile.py ../../../tokenrisk-testdata/fixtures/market > volume_profile_fixtures.json

Definition (the same the Rust core states in `volume_profile.rs`): the bars' range [lowest low,
highest high] is cut into 24 equal bins (edges from numpy.linspace); each bar's base volume is
spread evenly over its own [low, high] (the overlap of that range with each bin, vectorised
over the bins), a bar with high == low putting all its volume in the bin holding its price;
bins with volume are reported by their centre, lowest first.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

FILES = {
    "TAO": "binance_spot_1d/TAOUSDT.csv",
    "BTC": "binance_spot_1d/BTCUSDT.csv",
}
DAYS = 30
BINS = 24


def profile(root: Path, rel: str) -> dict:
    frame = pd.read_csv(root / rel, usecols=["open_time", "high", "low", "volume"])
    frame["open_time"] = pd.to_datetime(frame["open_time"], utc=True)
    frame = frame.sort_values("open_time").tail(DAYS)
    low, high = frame["low"].min(), frame["high"].max()
    edges = np.linspace(low, high, BINS + 1)
    volume = np.zeros(BINS)
    for lo, hi, v in zip(frame["low"], frame["high"], frame["volume"]):
        if hi == lo:
            volume[min(int((lo - low) / ((high - low) / BINS)), BINS - 1)] += v
            continue
        overlap = np.clip(np.minimum(hi, edges[1:]) - np.maximum(lo, edges[:-1]), 0.0, None)
        volume += v * overlap / (hi - lo)
    centres = (edges[:-1] + edges[1:]) / 2
    keep = volume > 0
    return {
        "file": rel,
        "days": DAYS,
        "bins": BINS,
        "first_day": str(frame["open_time"].iloc[0].date()),
        "prices": centres[keep].tolist(),
        "volumes": volume[keep].tolist(),
    }


def main() -> None:
    root = Path(sys.argv[1])
    out = {"assets": {asset: profile(root, rel) for asset, rel in FILES.items()}}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
