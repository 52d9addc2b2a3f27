#!/usr/bin/env python3
"""The portfolio Monte Carlo benchmark in NumPy, vectorised, for the side-by-side with
`benches/simulation.rs` (and the browser's run): 100,000 paths x 365 days x 5 assets,
multivariate normal daily log returns (x = mu + L z, L the Cholesky factor of the sample
covariance), holdings bought today and held, for each path: the horizon return, the deepest
drawdown from the running peak, the first day a stop (asset 0 at 0.8 of today's price) and a
liquidation price (asset 1 at 0.7) are crossed at a close, and the value on 52 weekly days.
The Rust run also tracks each path's recovery time, which this script does not.

The history is NumPy's own (1,000 days of five correlated assets, seeded); only its mean and
covariance enter the normal model, so the work is the same whatever their values.

Run:  python3 montecarlo_numpy.py        (prints the median of 5 runs, in seconds)
"""
import time

import numpy as np

PATHS, HORIZON, ASSETS, CHUNK = 100_000, 365, 5, 5_000


def history(rng):
    common = 0.02 * rng.standard_normal(1_000)
    own = 0.015 * rng.standard_normal((1_000, ASSETS))
    return common[:, None] * np.linspace(0.5, 1.1, ASSETS) + own


def run(mu, lower, rng):
    values = np.full(ASSETS, 1_000.0)
    weights = values / values.sum()
    days = np.ceil(np.arange(1, 53) * HORIZON / 52).astype(int) - 1
    terminal, deepest, stop, liq, fan = [], [], [], [], []
    for _ in range(PATHS // CHUNK):
        z = rng.standard_normal((CHUNK, HORIZON, ASSETS))
        growth = np.cumsum(mu + z @ lower.T, axis=1)
        value = np.exp(growth) @ weights
        peak = np.maximum(np.maximum.accumulate(value, axis=1), 1.0)
        deepest.append((value / peak - 1.0).min(axis=1))
        terminal.append(value[:, -1] - 1.0)
        for asset, level, out in ((0, 0.8, stop), (1, 0.7, liq)):
            crossed = growth[:, :, asset] <= np.log(level)
            out.append(np.where(crossed.any(axis=1), crossed.argmax(axis=1) + 1, 0))
        fan.append(value[:, days].astype(np.float32))
    return np.concatenate(terminal), np.concatenate(deepest), np.concatenate(fan)


def main():
    rng = np.random.default_rng(11)
    returns = history(rng)
    mu, lower = returns.mean(axis=0), np.linalg.cholesky(np.cov(returns, rowvar=False, ddof=1))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run(mu, lower, rng)
        times.append(time.perf_counter() - start)
    print(f"numpy {np.__version__}: median {np.median(times):.2f} s, min {min(times):.2f} s over 5 runs")


if __name__ == "__main__":
    main()
