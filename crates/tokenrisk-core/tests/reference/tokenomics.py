#!/usr/bin/env python3
"""Reference 20-year daily supply schedules computed with NumPy independently of the Rust code
(`tokenrisk_core::tokenomics::schedule`), one per token's mechanism, with the parameters of
`shared/design/facts-2026.md` §1–5 (the start supplies are round test values, not facts).

Run from this directory:
    python3 tokenomics.py > tokenomics.json

Definitions (the Rust module's documentation states the same), day d = 0 … 7304 from START:
- TAO: emission a day 7,200 / 2^k while issuance is in [21e6 (1 - 2^-k), 21e6 (1 - 2^-(k+1))),
  computed here segment by segment in closed form (days spent at each k with issuance growing
  by emission - recycled a day), not by the daily recursion; burn = recycled;
- NEAR: total_d = total_{d-1} (1 + (r_d - b) / 365) (numpy.cumprod), r_d 2.5 %, burn b a year
  of supply; a tenth of the mint to a treasury that does not circulate;
- ICP: total_d = total_{d-1} (1 + (R(t_d) F + o - b) / 365.25), R the voting-reward curve
  5 % + 5 % ((2922 - t) / 2922)^2 for t days since 2021-05-10 (5 % after), F 0.6329 from
  2026-04-23, o node-provider minting, b burns;
- RENDER: year y of the schedule from 2023-12-20 (365-day years) emits 9,126,804, 5.9 M,
  5.9 M, then 5.9 M x 0.945^(y - 2), spread evenly; a burn a day (the maximum supply is not
  reached within these 20 years);
- FET: a fixed supply with the unconverted OCEAN claim (about 117 M FET) released linearly over
  730 days from the start, all of it assumed sold.
Each case reports every 73rd day and the last, with the sums of the flows.
"""
import json
from datetime import date

import numpy as np

START = date(2026, 1, 1)
DAYS = 7305
SAMPLE = list(range(0, DAYS, 73)) + [DAYS - 1]


def days_since(d0, d1):
    return (d1 - d0).days


def report(total, circulating, emission, burn, unlocked, sold):
    out = {
        "total": total,
        "circulating": circulating,
        "emission": emission,
        "burn": burn,
        "unlocked": unlocked,
        "sold": sold,
    }
    sampled = {k: [float(v[i]) for i in SAMPLE] for k, v in out.items()}
    sums = {k: float(np.sum(v)) for k, v in out.items() if k != "total" and k != "circulating"}
    return {"days": SAMPLE, "sampled": sampled, "sums": sums}


def tao(issuance0, recycled, sell):
    cap, base = 21e6, 7200.0
    emission = np.zeros(DAYS)
    issuance = issuance0
    d = 0
    k = 0
    while cap * (1 - 2.0 ** -(k + 1)) <= issuance:
        k += 1
    while d < DAYS:
        per_day = base / 2.0 ** k
        upper = cap * (1 - 2.0 ** -(k + 1))
        growth = per_day - recycled
        # Days whose start issuance is still below the next threshold.
        n = int(np.ceil((upper - issuance) / growth))
        n = max(1, min(n, DAYS - d))
        emission[d : d + n] = per_day
        issuance += n * growth
        d += n
        k += 1 if issuance >= upper else 0
    burn = np.full(DAYS, recycled)
    total = issuance0 + np.cumsum(emission - burn)
    return report(total, total.copy(), emission, burn, np.zeros(DAYS), emission * sell)


def near(total0, circulating0, burn_rate, sell):
    growth = np.full(DAYS, 1 + (0.025 - burn_rate) / 365)
    total = total0 * np.cumprod(growth)
    start_of_day = np.concatenate([[total0], total[:-1]])
    minted = start_of_day * 0.025 / 365
    burn = start_of_day * burn_rate / 365
    circulating = circulating0 + np.cumsum(minted * 0.9 - burn)
    return report(total, circulating, minted, burn, np.zeros(DAYS), minted * 0.9 * sell)


def icp(total0, other, burn_rate, sell):
    t = np.arange(DAYS) + days_since(date(2021, 5, 10), START)
    curve = np.where(t < 2922, 0.05 + 0.05 * ((2922 - t) / 2922) ** 2, 0.05)
    factor = np.where(np.arange(DAYS) >= days_since(START, date(2026, 4, 23)), 0.6329, 1.0)
    mint_rate = curve * factor + other
    total = total0 * np.cumprod(1 + (mint_rate - burn_rate) / 365.25)
    start_of_day = np.concatenate([[total0], total[:-1]])
    minted = start_of_day * mint_rate / 365.25
    burn = start_of_day * burn_rate / 365.25
    return report(total, total.copy(), minted, burn, np.zeros(DAYS), minted * sell)


def render(total0, burned_per_day, sell, listed=(9_126_804.0, 5.9e6, 5.9e6)):
    elapsed = np.arange(DAYS) + days_since(date(2023, 12, 20), START)
    year = elapsed // 365
    listed = np.array(listed)
    n = len(listed)
    yearly = np.where(year < n, listed[np.minimum(year, n - 1)], listed[-1] * 0.945 ** (year - n + 1))
    emission = yearly / 365
    burn = np.full(DAYS, burned_per_day)
    total = total0 + np.cumsum(emission - burn)
    return report(total, total.copy(), emission, burn, np.zeros(DAYS), emission * sell)


def fet(total0, circulating0, claim, duration=730.0, vesting_start=START):
    elapsed = np.arange(-1, DAYS, dtype=float) + days_since(vesting_start, START)
    released = claim * np.clip(elapsed / duration, 0, 1)
    unlocked = np.diff(released)
    circulating = circulating0 + np.cumsum(unlocked)
    zero = np.zeros(DAYS)
    return report(np.full(DAYS, total0), circulating, zero, zero, unlocked, unlocked)


if __name__ == "__main__":
    print(
    json.dumps(
        {
            "start": START.isoformat(),
            "days": DAYS,
            "tao": tao(11_250_000.0, 240.0, 0.2),
            "near": near(1.25e9, 1.2e9, 0.001, 0.3),
            "icp": icp(5.4e8, 0.0384, 0.002, 0.5),
            "render": render(5.3e8, 3_000.0, 0.1),
            "fet": fet(2_630_547_141.0, 2.4e9, 117e6),
        },
        indent=1,
    )
)
