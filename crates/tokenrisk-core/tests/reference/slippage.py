#!/usr/bin/env python3
"""Reference market-order fills and depth on real recorded order books, computed with NumPy
(vectorised, independently of the Rust walk): mid, quote depth within ±0.5/1/2/5 % of the mid,
and for a list of sizes on both sides (in base and in quote units) the average price, slippage
in basis points, levels consumed, filled base and quote, and the unfilled remainder; and the
largest order on each side within a list of slippage limits.

Conventions (those of `tokenrisk_core::execution`): mid = (best bid + best ask) / 2; a sell takes
the bids best first, a buy the asks; slippage_bps = (avg / mid - 1) * 1e4 for a buy and
(1 - avg / mid) * 1e4 for a sell; depth within f is sum(p * q) of bids with p >= mid * (1 - f)
and asks with p <= mid * (1 + f); the unfilled remainder of a base order is in base units (and
times the mid in quote), of a quote order in quote units (and over the mid in base).

Run from this directory (the books are the same bytes in the shared data and the fixtures):
  python3 slippage.py ../../../tokenrisk-testdata/fixtures/orderbooks > slippage.json
"""
import json
import sys
from pathlib import Path

import numpy as np

BOOKS = [
    "binance_spot_RUNEEUR_2021-10-12T002842Z.json",
    "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
    "binance_usdm_CTKUSDT_2021-07-22T222542Z.json",
]
BANDS = [0.005, 0.01, 0.02, 0.05]
# Order sizes as fractions of everything resting on the side taken (base units for base
# orders, quote notional for quote orders); 1.5 exhausts the side.
FRACTIONS = [0.0005, 0.003, 0.02, 0.1, 0.37, 0.8, 1.5]
# Slippage limits (bps) for the largest market order within a limit; the last one exceeds every
# side's full-walk slippage, so the whole side fits.
LIMITS = [5.0, 20.0, 50.0, 150.0, 1e6]


def side(levels, best_first_descending):
    a = np.array([[float(p), float(q)] for p, q in levels], dtype=np.float64)
    order = np.argsort(-a[:, 0] if best_first_descending else a[:, 0], kind="stable")
    return a[order, 0], a[order, 1]


def fill(prices, quantities, size, unit):
    if unit == "base":
        before = np.concatenate(([0.0], np.cumsum(quantities)[:-1]))
        take = np.minimum(quantities, np.maximum(size - before, 0.0))
    else:
        notional = prices * quantities
        before = np.concatenate(([0.0], np.cumsum(notional)[:-1]))
        take = np.minimum(notional, np.maximum(size - before, 0.0)) / prices
    filled_base = float(np.sum(take))
    filled_quote = float(np.sum(take * prices))
    total = float(np.sum(quantities)) if unit == "base" else float(np.sum(prices * quantities))
    filled = filled_base if unit == "base" else filled_quote
    return {
        "filled_base": filled_base,
        "filled_quote": filled_quote,
        "levels_consumed": int(np.count_nonzero(take > 0.0)),
        "exhausted": bool(size > total),
        "unfilled": max(size - total, 0.0) if size > total else 0.0,
        "avg_price": filled_quote / filled_base,
        "_filled": filled,
    }


def max_within(prices, quantities, mid, limit, sign):
    """Largest base size whose average price stays within target = mid * (1 + sign * limit/1e4):
    the average after each whole level from cumulative sums; in the first level whose whole
    average crosses the target, solve (C + p x) / (Q + x) = target for x."""
    target = mid * (1.0 + sign * limit / 1e4)
    cum_q = np.cumsum(quantities)
    cum_c = np.cumsum(prices * quantities)
    avg = cum_c / cum_q
    crossed = (avg > target) if sign > 0 else (avg < target)
    if not crossed.any():
        return {"limit": limit, "base": float(cum_q[-1]), "quote": float(cum_c[-1]), "whole_side": True}
    k = int(np.argmax(crossed))
    q_before = float(cum_q[k - 1]) if k > 0 else 0.0
    c_before = float(cum_c[k - 1]) if k > 0 else 0.0
    x = max((c_before - target * q_before) / (target - prices[k]), 0.0)
    return {
        "limit": limit,
        "base": q_before + x,
        "quote": c_before + float(prices[k]) * x,
        "whole_side": False,
    }


def main() -> None:
    root = Path(sys.argv[1])
    out = {"bands": BANDS, "fractions": FRACTIONS, "books": {}}
    for name in BOOKS:
        raw = json.loads((root / name).read_text(encoding="utf-8"))
        bid_p, bid_q = side(raw["bids"], True)
        ask_p, ask_q = side(raw["asks"], False)
        mid = (bid_p[0] + ask_p[0]) / 2.0
        depth = [
            {
                "fraction": f,
                "bids_quote": float(np.sum((bid_p * bid_q)[bid_p >= mid * (1.0 - f)])),
                "asks_quote": float(np.sum((ask_p * ask_q)[ask_p <= mid * (1.0 + f)])),
            }
            for f in BANDS
        ]
        fills = []
        max_sizes = []
        for side_name, prices, quantities, sign in [
            ("sell", bid_p, bid_q, -1.0),
            ("buy", ask_p, ask_q, 1.0),
        ]:
            for unit in ["base", "quote"]:
                total = np.sum(quantities) if unit == "base" else np.sum(prices * quantities)
                for fraction in FRACTIONS:
                    size = float(fraction * total)
                    f = fill(prices, quantities, size, unit)
                    left = f.pop("unfilled")
                    f.pop("_filled")
                    f["unfilled_base"] = left if unit == "base" else left / mid
                    f["unfilled_quote"] = left * mid if unit == "base" else left
                    f["slippage_bps"] = sign * (f["avg_price"] / mid - 1.0) * 1e4
                    fills.append({"side": side_name, "unit": unit, "size": size, **f})
            for limit in LIMITS:
                m = max_within(prices, quantities, mid, limit, sign)
                max_sizes.append({"side": side_name, **m})
        out["books"][name] = {
            "mid": float(mid),
            "levels": [int(bid_p.size), int(ask_p.size)],
            "depth": depth,
            "fills": fills,
            "max_within": max_sizes,
        }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
