#!/usr/bin/env python3
"""Reference liquidation cascades on real recorded order books, computed with NumPy
(independently of the Rust walk: each order is filled by cumulative sums over the remaining
quantities, the book kept as arrays), for `tokenrisk_core::cascade::simulate`.

The algorithm and its conventions are those of the Rust module's documentation
(`crates/tokenrisk-core/src/cascade/mod.rs`, after `shared/design/facts-2026.md` section 9.3):
- the book is rescaled so its mid is the start price, then each level keeps (1 - h(d)) of its
  quantity, d = |price - mid| / mid;
- open interest (quote units at the start price) is split long/short and over entry prices x
  leverages; a cohort's liquidation price is that of an isolated position in the first bracket,
  long: e (1 - 1/l) / (1 - m), short: e (1 + 1/l) / (1 + m) (Binance's formula with wallet
  e/l per unit and no maintenance amount); cohorts already crossed at the start price are
  dropped and the side's weights normalised;
- the shock removes the resting orders it trades through; then, round by round, every cohort
  the price has crossed sells (long) or buys (short) its whole size at market; fills beyond its
  bankruptcy price e (1 -/+ 1/l) are the insurance fund's loss, q (bankruptcy - p) for a sell
  and q (p - bankruptcy) for a buy; what the book cannot fill is left to auto-deleveraging at
  the bankruptcy price; the price is the last level traded;
- after each round, a share r of the stressed book is posted again at the same distances from
  the new price on the side hit; the loop stops when nothing new is crossed, at the round limit,
  or when the side hit is empty (r = 0).

Run from this directory (the books are the same bytes in the shared data and the fixtures):
  python3 cascade.py ../../../tokenrisk-testdata/fixtures/orderbooks > cascade.json
"""
import json
import sys
from pathlib import Path

import numpy as np

EXCHANGE_RETAIL = [[2.0, 0.15], [4.0, 0.30], [10.0, 0.30], [22.5, 0.17], [50.0, 0.08]]
HYPERLIQUID = [[2.0, 0.36], [5.0, 0.48], [10.0, 0.15]]
HEATMAP_VENDOR = [[10.0, 0.25], [25.0, 0.25], [50.0, 0.25], [100.0, 0.25]]
FLASH_CRASH = {"bands": [[0.01, 0.90], [0.04, 0.70]], "beyond": 0.0}
BRACKET = {"maintenance_rate": 0.005, "max_leverage": 100.0}

# (book, start price as a multiple of the book's mid, shock, open interest as a multiple of the
# bids' (or asks') quote depth within 5 % of the mid, long share, entry offsets and weights,
# leverage mix, haircut, replenishment, round limit)
CASES = [
    ("binance_usdm_KEEPUSDT_2021-07-22T222542Z.json", 1.0, -0.03, 8.0, 0.8,
     [], EXCHANGE_RETAIL, {"flat": 0.3}, 0.0, 100),
    ("binance_usdm_KEEPUSDT_2021-07-22T222542Z.json", 1.0, -0.02, 4.0, 0.75,
     [[-0.06, 1.0], [-0.03, 2.0], [0.0, 3.0], [0.02, 2.0], [0.05, 1.0]],
     HEATMAP_VENDOR, FLASH_CRASH, 0.2, 100),
    ("binance_usdm_CTKUSDT_2021-07-22T222542Z.json", 3.0, 0.12, 6.0, 0.3,
     [[-0.04, 1.0], [-0.01, 2.0], [0.0, 2.0], [0.03, 1.0]],
     HYPERLIQUID, {"flat": 0.5}, 0.0, 100),
    ("binance_usdm_CTKUSDT_2021-07-22T222542Z.json", 1.0, -0.015, 10.0, 0.85,
     [[-0.02, 1.0], [0.0, 4.0], [0.01, 2.0]],
     EXCHANGE_RETAIL, {"flat": 0.0}, 0.0, 3),
    ("binance_spot_RUNEEUR_2021-10-12T002842Z.json", 1.0, -0.01, 3.0, 0.82,
     [[-0.01, 1.0], [0.0, 1.0]],
     HEATMAP_VENDOR, {"flat": 0.3}, 0.0, 100),
]


def haircut_at(h, d):
    if "flat" in h:
        return np.full_like(d, h["flat"])
    out = np.full_like(d, h["beyond"])
    # The first band with d <= up_to wins: fill from the last band back.
    for up_to, cut in reversed(h["bands"]):
        out = np.where(d <= up_to, cut, out)
    return out


def read_book(path):
    raw = json.loads(Path(path).read_text())
    bids = np.array([[float(p), float(q)] for p, q in raw["bids"]])
    asks = np.array([[float(p), float(q)] for p, q in raw["asks"]])
    bids = bids[np.argsort(-bids[:, 0], kind="stable")]
    asks = asks[np.argsort(asks[:, 0], kind="stable")]
    return bids, asks


def cohorts(oi, long_share, start, entries, mix, m):
    entries = entries or [[0.0, 1.0]]
    e = np.array([start * (1.0 + off) for off, _ in entries])
    w = np.array([wt for _, wt in entries])
    lev = np.array([l for l, _ in mix])
    share = np.array([s for _, s in mix])
    E, L = np.meshgrid(e, lev, indexing="ij")
    W = np.outer(w, share)
    base = oi / start
    out = {}
    for side, sigma in (("long", long_share), ("short", 1.0 - long_share)):
        if side == "long":
            lp = E * (1.0 - 1.0 / L) / (1.0 - m)
            bp = E * (1.0 - 1.0 / L)
            keep = (lp < start) & (W > 0)
        else:
            lp = E * (1.0 + 1.0 / L) / (1.0 + m)
            bp = E * (1.0 + 1.0 / L)
            keep = (lp > start) & (W > 0)
        total = W[W > 0].sum()
        kept = W[keep].sum()
        size = base * sigma * W / kept if kept > 0 else np.zeros_like(W)
        sel = keep & (size > 0)
        order = np.argsort(-lp[sel] if side == "long" else lp[sel], kind="stable")
        out[side] = {
            "lp": lp[sel][order],
            "bp": bp[sel][order],
            "size": size[sel][order],
            "dropped": 1.0 - kept / total if total > 0 else 0.0,
        }
    return out


def fill(prices, qty, size, bankruptcy, is_bid):
    """Takes `size` from the arrays (best first); returns what the side could not fill (base),
    quote, the loss beyond the
    bankruptcy price, the last price (or None) and the new quantities."""
    before = np.concatenate(([0.0], np.cumsum(qty)[:-1]))
    take = np.minimum(qty, np.maximum(size - before, 0.0))
    unfilled = size - float(qty.sum()) if size > float(qty.sum()) else 0.0
    traded = np.nonzero(take > 0.0)[0]
    last = float(prices[traded[-1]]) if traded.size else None
    beyond = (bankruptcy - prices) if is_bid else (prices - bankruptcy)
    loss = float((take * np.maximum(beyond, 0.0)).sum())
    return unfilled, float((take * prices).sum()), loss, last, qty - take


def simulate(books_dir, case):
    (book_name, start_mult, shock, oi_mult, long_share, entries, mix, haircut,
     replenishment, max_rounds) = case
    bids, asks = read_book(Path(books_dir) / book_name)
    raw_mid = (bids[0, 0] + asks[0, 0]) / 2.0
    start = raw_mid * start_mult
    f = start / raw_mid
    bids[:, 0] *= f
    asks[:, 0] *= f
    mid = (bids[0, 0] + asks[0, 0]) / 2.0
    bids[:, 1] *= 1.0 - haircut_at(haircut, np.abs(bids[:, 0] - mid) / mid)
    asks[:, 1] *= 1.0 - haircut_at(haircut, np.abs(asks[:, 0] - mid) / mid)
    band = 0.05
    side_levels = bids if shock < 0 else asks
    near = (np.abs(side_levels[:, 0] - mid) / mid) <= band
    oi = oi_mult * float((side_levels[near, 0] * side_levels[near, 1]).sum())
    m = BRACKET["maintenance_rate"]
    entries_abs = [[start * (1.0 + off), wt] for off, wt in entries]
    c = cohorts(oi, long_share, start, entries, mix, m)

    profile = {
        "bid": (1.0 - bids[:, 0] / mid, bids[:, 1].copy()),
        "ask": (asks[:, 0] / mid - 1.0, asks[:, 1].copy()),
    }
    book = {"bid": [bids[:, 0].copy(), bids[:, 1].copy()],
            "ask": [asks[:, 0].copy(), asks[:, 1].copy()]}
    shocked = start * (1.0 + shock)
    if shock < 0:
        book["bid"][1] = np.where(book["bid"][0] > shocked, 0.0, book["bid"][1])
    else:
        book["ask"][1] = np.where(book["ask"][0] < shocked, 0.0, book["ask"][1])

    price = shocked
    nl = ns = 0
    rounds = []
    while True:
        le = nl + int(np.count_nonzero(np.cumprod(c["long"]["lp"][nl:] >= price)))
        se = ns + int(np.count_nonzero(np.cumprod(c["short"]["lp"][ns:] <= price)))
        if le == nl and se == ns:
            stop = "settled"
            break
        if len(rounds) == max_rounds:
            stop = "round_limit"
            break
        r = {"liquidated_long": 0.0, "liquidated_short": 0.0, "absorbed": 0.0,
             "insurance_loss": 0.0, "to_adl": 0.0, "cohorts": 0}
        ran_out = False
        for side, key, lo, hi in (("long", "bid", nl, le), ("short", "ask", ns, se)):
            for k in range(lo, hi):
                size, lp, bp = (c[side]["size"][k], c[side]["lp"][k], c[side]["bp"][k])
                prices, qty = book[key]
                unfilled, quote, loss, last, book[key][1] = fill(prices, qty, size, bp, key == "bid")
                r["liquidated_" + side] += size * lp
                r["absorbed"] += quote
                r["insurance_loss"] += loss
                r["to_adl"] += unfilled * bp
                r["cohorts"] += 1
                if last is not None:
                    price = last
                if unfilled > 0.0:
                    ran_out = True
        hit = {"bid": le > nl, "ask": se > ns}
        nl, ns = le, se
        r["price"] = price
        rounds.append(r)
        if replenishment > 0:
            for key, direction in (("bid", -1.0), ("ask", 1.0)):
                if not hit[key]:
                    continue
                d, q = profile[key]
                prices, qty = book[key]
                # Drop what was taken whole (as the walk does), keep a level taken in part.
                rest = qty > 0
                new_p = np.concatenate((prices[rest], price * (1.0 + direction * d)))
                new_q = np.concatenate((qty[rest], q * replenishment))
                order = np.argsort(direction * new_p, kind="stable")
                book[key] = [new_p[order], new_q[order]]
        elif ran_out:
            stop = "book_exhausted"
            break

    total = lambda k: float(sum(r[k] for r in rounds))
    liquidated_base = float(c["long"]["size"][:nl].sum() + c["short"]["size"][:ns].sum())
    return {
        "book": book_name,
        "input": {
            "start_price": start,
            "shock": shock,
            "open_interest": oi,
            "long_share": long_share,
            "entries": entries_abs,
            "mix": mix,
            "maintenance_rate": m,
            "max_leverage": BRACKET["max_leverage"],
            "haircut": haircut,
            "replenishment": replenishment,
            "max_rounds": max_rounds,
        },
        "expected": {
            "stop": stop,
            "rounds": len(rounds),
            "shocked_price": shocked,
            "final_price": price,
            "price_path": [start, shocked] + [r["price"] for r in rounds],
            "liquidated_long": total("liquidated_long"),
            "liquidated_short": total("liquidated_short"),
            "liquidated_base": liquidated_base,
            "absorbed": total("absorbed"),
            "insurance_loss": total("insurance_loss"),
            "to_adl": total("to_adl"),
            "amplification": (price - start) / (shocked - start),
            "dropped_long": c["long"]["dropped"],
            "dropped_short": c["short"]["dropped"],
        },
    }


def main():
    books_dir = sys.argv[1]
    out = {
        "generator": "cascade.py (NumPy " + np.__version__ + ")",
        "cases": [simulate(books_dir, case) for case in CASES],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
