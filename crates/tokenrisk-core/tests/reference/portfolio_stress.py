#!/usr/bin/env python3
"""Reference values for the portfolio and stress core (least squares with standard errors,
the three-factor stress model, expected-shortfall contributions, the worst windows, position
sizing: Kelly fractions, volatility targets, ES caps), computed
with NumPy and pandas independently of the Rust code, on real daily closes.

Run from this directory:
    python3 portfolio_stress.py ../../../tokenrisk-testdata/fixtures/market > portfolio_stress_fixtures.json
    python3 portfolio_stress.py ../../../../../shared/data/market > portfolio_stress.json

Conventions (the same the Rust core states): simple daily returns taken after an inner join of
all the assets' price dates; the AI-equity basket is the equal-weight mean of NVDA's and MSFT's
returns (AMD is not in the data); the AI-token sector the equal-weight mean of TAO's, NEAR's,
ICP's and FET's. Least squares by numpy.linalg.lstsq on the design matrix [1, factors];
standard errors sqrt(diag(s2 (X'X)^-1)), s2 = SSR / (n - k - 1) (statsmodels' classical bse).
Historical VaR/ES: NumPy's linear quantile, tail r <= q. Worst windows: a plain loop over all
starts, lowest change first (earliest on ties), skipping starts closer than the window length
to one already chosen.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from market_csv import load

FILES = {
    "BTC": ("binance_spot_1d/BTCUSDT.csv", "open_time", "close", False),
    "TAO": ("binance_spot_1d/TAOUSDT.csv", "open_time", "close", False),
    "NEAR": ("binance_spot_1d/NEARUSDT.csv", "open_time", "close", False),
    "ICP": ("binance_spot_1d/ICPUSDT.csv", "open_time", "close", False),
    "FET": ("binance_spot_1h_close/FETUSDT.csv", "open_time", "close", True),
    "NVDA": ("yahoo_equities_1d/NVDA.csv", "time", "adjclose", False),
    "MSFT": ("yahoo_equities_1d/MSFT.csv", "time", "adjclose", False),
}
ORDER = ["BTC", "TAO", "NEAR", "ICP", "FET", "NVDA", "MSFT"]
TOKENS = ["TAO", "NEAR", "ICP", "FET"]
# The sell-off preset (core::stress::SELL_OFF_2026_02): BTC close to close, the basket as the
# mean of NVDA, AMD and MSFT, the sector.
SHOCK = {"btc": -0.14, "eq": (-0.10 - 0.185 - 0.08) / 3.0, "sector": -0.40}
PORTFOLIO = {"BTC": 0.3, "TAO": 0.25, "NEAR": 0.15, "ICP": 0.1, "FET": 0.05, "NVDA": 0.15}
# Signed exposure weights on equity: leveraged (gross 2.1) with a short.
EXPOSURES = {"BTC": 0.8, "TAO": 0.6, "NEAR": -0.3, "NVDA": 0.4}


def lstsq(y, factors):
    x = np.column_stack([np.ones(len(y))] + factors)
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ coef
    n, k1 = x.shape
    s2 = resid @ resid / (n - k1)
    cov = s2 * np.linalg.inv(x.T @ x)
    sst = ((y - y.mean()) ** 2).sum()
    return {
        "alpha": float(coef[0]),
        "betas": [float(b) for b in coef[1:]],
        "alpha_se": float(np.sqrt(cov[0, 0])),
        "beta_se": [float(np.sqrt(cov[i, i])) for i in range(1, k1)],
        "beta_cov": [[float(cov[i, j]) for j in range(1, k1)] for i in range(1, k1)],
        "residual_std": float(np.sqrt(s2)),
        "r_squared": float(1.0 - resid @ resid / sst),
        "observations": int(n),
    }, resid


def worst_windows(prices, weights, h, count):
    values = prices.to_numpy()
    n = len(values)
    changes = [(float(((values[t + h] / values[t] - 1.0) * weights).sum()), t) for t in range(n - h)]
    changes.sort()
    chosen = []
    for change, t in changes:
        if len(chosen) == count:
            break
        if all(abs(t - c["start"]) >= h for c in chosen):
            chosen.append({"start": t, "change": change,
                           "holdings": [float(x) for x in values[t + h] / values[t] - 1.0]})
    return chosen


def first_crossing(f, hi, steps=20000):
    """The first x in (0, hi] where f(x) is true: a uniform scan, then bisection to 1e-13."""
    low = 0.0
    for x in np.linspace(hi / steps, hi, steps):
        if f(x):
            high = x
            while high - low > 1e-13 * high:
                mid = 0.5 * (low + high)
                if f(mid):
                    high = mid
                else:
                    low = mid
            return low
        low = x
    return None


def sizing(cols, w, p):
    """Kelly and volatility targets of each asset (annualised with p, ddof 1, risk-free 0),
    and the ES caps: the first exposure weight of one holding, the others as given, whose
    component ES (95 %, one day) passes the cap."""
    mu = cols.mean(axis=0) * p
    sigma = cols.std(axis=0, ddof=1) * np.sqrt(p)

    def component(i, x, side):
        ww = w.copy()
        ww[i] = side * x
        rp = cols @ ww
        q = np.quantile(rp, 0.05)
        tail = rp <= q
        return -ww[i] * cols[tail, i].mean()

    caps = []
    for i, side, cap in ((1, 1.0, 0.02), (0, 1.0, 0.03), (2, -1.0, 0.01)):
        caps.append({"holding": i, "short": side < 0, "cap": cap, "max_weight": 5.0,
                     "weight": first_crossing(lambda x: component(i, x, side) > cap, 5.0)})
    return {
        "kelly": [float(m / s ** 2) for m, s in zip(mu, sigma)],
        "volatility_target_20": [float(0.2 / s) for s in sigma],
        "volatility": [float(s) for s in sigma],
        "mean": [float(m) for m in mu],
        "es_caps": caps,
    }


def main(root: Path):
    prices = {a: load(root, *FILES[a]) for a in ORDER}
    joined = pd.concat([prices[a] for a in ORDER], axis=1, join="inner", keys=ORDER).dropna()
    returns = joined.pct_change().dropna()
    btc = returns["BTC"].to_numpy()
    eq = returns[["NVDA", "MSFT"]].mean(axis=1).to_numpy()
    sector = returns[TOKENS].mean(axis=1).to_numpy()
    sector_fit, surprise = lstsq(sector, [btc, eq])
    g = sector_fit["betas"]
    shock_surprise = SHOCK["sector"] - g[0] * SHOCK["btc"] - g[1] * SHOCK["eq"]
    holdings = {}
    for asset in ORDER:
        fit, _ = lstsq(returns[asset].to_numpy(), [btc, eq, surprise])
        v = np.array([SHOCK["btc"], SHOCK["eq"], shock_surprise])
        cov = np.array(fit["beta_cov"])
        fit["move"] = float(np.array(fit["betas"]) @ v)
        fit["move_se"] = float(np.sqrt(v @ cov @ v))
        holdings[asset] = fit

    names = list(PORTFOLIO)
    w = np.array([PORTFOLIO[a] for a in names])
    cols = returns[names].to_numpy()
    rp = cols @ w
    tails = {}
    for c in (0.95, 0.99):
        q = np.quantile(rp, 1.0 - c)
        tail = rp <= q
        tails[str(c)] = {
            "var": float(-q),
            "es": float(-rp[tail].mean()),
            "component_es": [float(-w[i] * cols[tail, i].mean()) for i in range(len(names))],
            "tail_periods": int(tail.sum()),
        }
    windows = {str(h): worst_windows(joined[names], w, h, 5) for h in (1, 5, 20)}

    enames = list(EXPOSURES)
    ew = np.array([EXPOSURES[a] for a in enames])
    ecols = returns[enames].to_numpy()
    cov = np.cov(ecols, rowvar=False, ddof=1)
    sigma = np.sqrt(ew @ cov @ ew)
    p = 252  # the join holds weekdays only (the equities')
    erp = ecols @ ew
    q = np.quantile(erp, 0.05)
    etail = erp <= q
    exposure = {
        "assets": enames,
        "weights": [float(x) for x in ew],
        "periods_per_year": p,
        "volatility": float(sigma * np.sqrt(p)),
        "component": [float(x) for x in ew * (cov @ ew) / sigma * np.sqrt(p)],
        "diversification_ratio": float(np.abs(ew) @ np.sqrt(np.diag(cov)) / sigma),
        "effective_bets": float(np.abs(ew).sum() ** 2 / (ew @ ew)),
        "var": float(-q),
        "es": float(-erp[etail].mean()),
        "component_es": [float(-ew[i] * ecols[etail, i].mean()) for i in range(len(enames))],
    }
    json.dump({
        "sizing": sizing(ecols, ew, p),
        "files": {a: FILES[a][0] for a in ORDER},
        "order": ORDER,
        "first_date": joined.index[0].strftime("%Y-%m-%d"),
        "observations": len(returns),
        "sector_on_markets": sector_fit,
        "shock_surprise": shock_surprise,
        "holdings": holdings,
        "portfolio": {"assets": names, "weights": [float(x) for x in w]},
        "tail_contributions": tails,
        "worst_windows": windows,
        "exposure_portfolio": exposure,
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
