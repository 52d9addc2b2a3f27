#!/usr/bin/env python3
"""Reference replays of 2026-02-05/06 and liquidation maps, computed with NumPy independently
of the Rust code (`tokenrisk_core::cascade::{replay, liquidation_map}`), on BTC's real daily
candles around the sell-off.

Run from this directory:
    python3 replay.py ../../../tokenrisk-testdata/fixtures > replay.json

Definitions (the Rust modules' documentation states the same):
- entry prices: the volume profile of the 30 daily bars before 2026-02-05 (base volume spread
  evenly over each bar's [low, high], 24 equal bins from numpy.linspace, bins with volume by
  their centre);
- ladder: open interest (quote units at the first price of the path, 2026-02-05's open) split
  long/short, over entries x leverages; liquidation price in BTCUSDT's first bracket
  (maintenance rate 0.4 %, amount 0): long e (1 - 1/l) / (1 - m), short e (1 + 1/l) / (1 + m);
  cohorts already crossed at the first price dropped, the side's weights normalised;
- path: each day's open, then high then low for a day that closed at or below its open (low
  then high otherwise), then close;
- replay: with m_i, M_i the running minimum and maximum of the path, longs with a
  liquidation price >= m_i and shorts with one <= M_i are liquidated by point i (a vectorised
  comparison, not a walk), at size x liquidation price; a step is the difference of the
  cumulative sums;
- map: numpy.histogram of the liquidation prices weighted by size x liquidation price, 60
  equal bins from 0.7 to 1.3 times the first price.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

FIRST_DAY = pd.Timestamp("2026-02-05", tz="UTC")
DAYS_BEFORE = 30
BINS = 24
MMR = 0.004
OPEN_INTEREST = 7742134475.442725
MIXES = {
    "exchange_retail": [[2.0, 0.15], [4.0, 0.30], [10.0, 0.30], [22.5, 0.17], [50.0, 0.08]],
    "hyperliquid_observed": [[2.0, 0.36], [5.0, 0.48], [10.0, 0.15]],
    "heatmap_vendor": [[10.0, 0.25], [25.0, 0.25], [50.0, 0.25], [100.0, 0.25]],
}
LONG_SHARES = [0.5, 0.75, 0.82]
MAP_BINS = 60


def candles(root: Path) -> pd.DataFrame:
    frame = pd.read_csv(root / "market-2026" / "BTCUSDT.csv")
    frame["open_time"] = pd.to_datetime(frame["open_time"], unit="ms", utc=True)
    return frame.sort_values("open_time").reset_index(drop=True)


def profile(bars: pd.DataFrame):
    low, high = bars["low"].min(), bars["high"].max()
    edges = np.linspace(low, high, BINS + 1)
    volume = np.zeros(BINS)
    for lo, hi, v in zip(bars["low"], bars["high"], bars["volume"]):
        overlap = np.clip(np.minimum(hi, edges[1:]) - np.maximum(lo, edges[:-1]), 0.0, None)
        volume += v * overlap / (hi - lo)
    centres = (edges[:-1] + edges[1:]) / 2
    keep = volume > 0
    return centres[keep], volume[keep]


def path(days: pd.DataFrame) -> np.ndarray:
    points = []
    for _, d in days.iterrows():
        extremes = [d["high"], d["low"]] if d["close"] <= d["open"] else [d["low"], d["high"]]
        points += [d["open"], *extremes, d["close"]]
    return np.array(points)


def ladder(start, entries, weights, mix, long_share):
    lev = np.array([l for l, _ in mix])
    share = np.array([s for _, s in mix])
    E, L = np.meshgrid(entries, lev, indexing="ij")
    W = np.outer(weights, share)
    base = OPEN_INTEREST / start
    out = {}
    for side, sigma in (("long", long_share), ("short", 1.0 - long_share)):
        if side == "long":
            lp = E * (1.0 - 1.0 / L) / (1.0 - MMR)
            keep = (lp < start) & (W > 0)
        else:
            lp = E * (1.0 + 1.0 / L) / (1.0 + MMR)
            keep = (lp > start) & (W > 0)
        kept, total = W[keep].sum(), W[W > 0].sum()
        size = base * sigma * W / kept if kept > 0 else np.zeros_like(W)
        sel = keep & (size > 0)
        out[side] = {"lp": lp[sel], "size": size[sel], "dropped": 1.0 - kept / total}
    return out


def main() -> None:
    bars = candles(Path(sys.argv[1]))
    before = bars[(bars["open_time"] < FIRST_DAY)].tail(DAYS_BEFORE)
    days = bars[(bars["open_time"] >= FIRST_DAY)].head(2)
    entries, weights = profile(before)
    prices = path(days)
    start = prices[0]
    running_min = np.minimum.accumulate(prices)
    running_max = np.maximum.accumulate(prices)
    edges = np.linspace(0.7 * start, 1.3 * start, MAP_BINS + 1)
    cases = []
    for name, mix in MIXES.items():
        for long_share in LONG_SHARES:
            lad = ladder(start, entries, weights, mix, long_share)
            lo, sh = lad["long"], lad["short"]
            notional_long = lo["size"] * lo["lp"]
            notional_short = sh["size"] * sh["lp"]
            cum_long = np.array([notional_long[lo["lp"] >= m].sum() for m in running_min])
            cum_short = np.array([notional_short[sh["lp"] <= m].sum() for m in running_max])
            map_long, _ = np.histogram(lo["lp"], bins=edges, weights=notional_long)
            map_short, _ = np.histogram(sh["lp"], bins=edges, weights=notional_short)
            cases.append({
                "mix": name,
                "long_share": long_share,
                "step_long": np.diff(cum_long, prepend=0.0).tolist(),
                "step_short": np.diff(cum_short, prepend=0.0).tolist(),
                "liquidated_long": float(cum_long[-1]),
                "liquidated_short": float(cum_short[-1]),
                "dropped_long": float(lo["dropped"]),
                "dropped_short": float(sh["dropped"]),
                "map_long": map_long.tolist(),
                "map_short": map_short.tolist(),
            })
    out = {
        "open_interest": OPEN_INTEREST,
        "first_day": str(FIRST_DAY.date()),
        "entry_days": [str(before["open_time"].iloc[0].date()), str(before["open_time"].iloc[-1].date())],
        "path": prices.tolist(),
        "map_edges": edges.tolist(),
        "cases": cases,
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
