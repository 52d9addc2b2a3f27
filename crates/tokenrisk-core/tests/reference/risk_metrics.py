#!/usr/bin/env python3
"""Reference values for the risk core, computed independently of the Rust code with pandas,
NumPy, SciPy and empyrical (empyrical-reloaded) on the shared market data.

Run from this directory:  python3 risk_metrics.py ../../../../../shared/data/market > risk_metrics.json
On the committed fixture cuts:  python3 risk_metrics.py ../../../tokenrisk-testdata/fixtures/market > risk_metrics_fixtures.json

Conventions (the same the Rust core states): simple daily returns of daily closes; ddof 1;
SciPy's biased skewness and excess kurtosis; NumPy's linear quantiles; P = 365 for assets with
weekend dates, 252 otherwise; pairs on the inner join of their price dates, returns taken
after the join; equities on adjclose; FET's daily closes from its 23:00 UTC hourly bar.
Where empyrical has the metric, it is the reference; otherwise the formula is written out here
with NumPy/SciPy (capture ratios use per-period geometric means, scipy.stats.gmean, where
empyrical annualises them).
"""
import json
import sys
from pathlib import Path

import empyrical as ep
import numpy as np
import pandas as pd
from scipy import stats

from market_csv import load, periods

FILES = {
    "BTC": ("binance_spot_1d/BTCUSDT.csv", "open_time", "close", False),
    "TAO": ("binance_spot_1d/TAOUSDT.csv", "open_time", "close", False),
    "NEAR": ("binance_spot_1d/NEARUSDT.csv", "open_time", "close", False),
    "ICP": ("binance_spot_1d/ICPUSDT.csv", "open_time", "close", False),
    "FET": ("binance_spot_1h_close/FETUSDT.csv", "open_time", "close", True),
    "NVDA": ("yahoo_equities_1d/NVDA.csv", "time", "adjclose", False),
    "MSFT": ("yahoo_equities_1d/MSFT.csv", "time", "adjclose", False),
}


def date(ts):
    return ts.strftime("%Y-%m-%d")


def drawdown_episodes(path):
    """Peak → trough → recovery episodes, deepest first, by a plain loop."""
    values = path.to_numpy()
    episodes, peak, current = [], 0, None
    for i, p in enumerate(values):
        if p >= values[peak]:
            if current is not None:
                current["recovery"] = i
                episodes.append(current)
                current = None
            peak = i
            continue
        depth = p / values[peak] - 1.0
        if current is None:
            current = {"peak": peak, "trough": i, "depth": depth, "recovery": None}
        elif depth < current["depth"]:
            current.update(trough=i, depth=depth)
    if current is not None:
        episodes.append(current)
    episodes.sort(key=lambda e: e["depth"])
    index = path.index
    return [
        {
            "depth": e["depth"],
            "peak": date(index[e["peak"]]),
            "trough": date(index[e["trough"]]),
            "recovery": None if e["recovery"] is None else date(index[e["recovery"]]),
        }
        for e in episodes[:3]
    ]


def single(prices):
    p = periods(prices)
    r = prices.pct_change().dropna()
    x = r.to_numpy()
    n = len(x)
    q95, q99 = np.quantile(x, 0.05), np.quantile(x, 0.01)
    mu, sd = x.mean(), x.std(ddof=1)
    skew, kurt = stats.skew(x), stats.kurtosis(x)
    z = stats.norm.ppf(0.05)
    z_cf = z + (z**2 - 1) * skew / 6 + (z**3 - 3 * z) * kurt / 24 - (2 * z**3 - 5 * z) * skew**2 / 36
    sr = mu / sd
    psr = stats.norm.cdf(sr * np.sqrt(n - 1) / np.sqrt(1 - skew * sr + (kurt + 3 - 1) / 4 * sr**2))
    dd = (prices / prices.cummax() - 1.0).to_numpy()
    dar = np.quantile(-dd, 0.95)
    ten_day = (prices.shift(-10) / prices - 1.0).dropna().to_numpy()
    q10 = np.quantile(ten_day, 0.05)
    assert np.isclose(ep.value_at_risk(x, cutoff=0.05), q95, rtol=1e-12)
    log_r = np.diff(np.log(prices.to_numpy()))
    return {
        "periods_per_year": p,
        "observations": n,
        "total_return": float(np.prod(1 + x) - 1),
        "cagr": float(ep.annual_return(r, annualization=p)),
        "mean_return": float(mu),
        "ann_vol": float(ep.annual_volatility(r, annualization=p)),
        "sharpe": float(ep.sharpe_ratio(r, annualization=p)),
        "sortino": float(ep.sortino_ratio(r, annualization=p)),
        "psr": float(psr),
        "max_drawdown": float(ep.max_drawdown(r)),
        "calmar": float(ep.calmar_ratio(r, annualization=p)),
        "omega": float(ep.omega_ratio(r, annualization=p)),
        "tail_ratio": float(ep.tail_ratio(r)),
        "ulcer_index": float(np.sqrt(np.mean(dd**2))),
        "cdar_95": float(np.mean(-dd[-dd >= dar])),
        "var_hist_95": float(-q95),
        "cvar_hist_95": float(-x[x <= q95].mean()),
        "var_hist_99": float(-q99),
        "cvar_hist_99": float(-x[x <= q99].mean()),
        "var_gauss_95": float(-(mu + z * sd)),
        "cvar_gauss_95": float(-mu + sd * stats.norm.pdf(z) / 0.05),
        "var_cf_95": float(-(mu + z_cf * sd)),
        "var_hist_95_10d_overlapping": float(-q10),
        "ann_vol_log": float(log_r.std(ddof=1) * np.sqrt(p)),
        "var_hist_95_log": float(-np.quantile(log_r, 0.05)),
        "skew": float(skew),
        "excess_kurtosis": float(kurt),
        "best": float(x.max()),
        "worst": float(x.min()),
        "win_rate": float((x > 0).sum() / (x != 0).sum()),
        "drawdown_episodes": drawdown_episodes(prices),
    }


def gmean(x):
    return float(stats.gmean(1.0 + np.asarray(x)) - 1.0)


def pair(a, b):
    joined = pd.concat([a, b], axis=1, join="inner").dropna()
    ra, rb = joined.iloc[:, 0].pct_change().dropna(), joined.iloc[:, 1].pct_change().dropna()
    p = periods(joined)
    return {
        "pair_observations": len(ra),
        "periods_per_year": p,
        "beta": float(ep.beta(ra, rb)),
        "correlation": float(np.corrcoef(ra, rb)[0, 1]),
        # Capture: ratio of per-period geometric mean returns over the benchmark's up (down)
        # periods (Morningstar's ratio at the data's frequency; empyrical annualises first).
        "up_capture": float(gmean(ra[rb > 0]) / gmean(rb[rb > 0])),
        "down_capture": float(gmean(ra[rb < 0]) / gmean(rb[rb < 0])),
    }


def main():
    root = Path(sys.argv[1])
    prices = {k: load(root, *v) for k, v in FILES.items()}
    out = {
        "generator": "pandas %s, numpy %s, scipy %s, empyrical-reloaded %s"
        % (pd.__version__, np.__version__, __import__("scipy").__version__, ep.__version__),
        "files": {k: v[0] for k, v in FILES.items()},
        "single": {k: single(prices[k]) for k in ["BTC", "TAO", "NEAR", "ICP", "FET", "NVDA"]},
        "pairs": {
            "TAO/BTC": pair(prices["TAO"], prices["BTC"]),
            "NEAR/BTC": pair(prices["NEAR"], prices["BTC"]),
            "TAO/NVDA": pair(prices["TAO"], prices["NVDA"]),
            "ICP/MSFT": pair(prices["ICP"], prices["MSFT"]),
        },
    }

    # Rolling and EWMA series on TAO (and TAO against BTC), every value.
    tao = prices["TAO"]
    r = tao.pct_change().dropna()
    joined = pd.concat([tao, prices["BTC"]], axis=1, join="inner")
    jr = joined.pct_change().dropna()
    out["rolling"] = {
        "tao_vol_30": (r.rolling(30).std() * np.sqrt(365)).dropna().tolist(),
        "tao_ewma_vol_094": np.sqrt((r**2).ewm(alpha=0.06, adjust=False).mean() * 365).tolist(),
        "tao_btc_beta_60": (jr.iloc[:, 0].rolling(60).cov(jr.iloc[:, 1]) / jr.iloc[:, 1].rolling(60).var()).dropna().tolist(),
        "tao_btc_corr_60": jr.iloc[:, 0].rolling(60).corr(jr.iloc[:, 1]).dropna().tolist(),
    }

    # Two-factor regression: TAO on BTC and an equal-weight NVDA/MSFT basket.
    four = pd.concat([tao, prices["BTC"], prices["NVDA"], prices["MSFT"]], axis=1, join="inner")
    fr = four.pct_change().dropna().to_numpy()
    y, f1, f2 = fr[:, 0], fr[:, 1], (fr[:, 2] + fr[:, 3]) / 2
    design = np.column_stack([np.ones_like(f1), f1, f2])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    out["two_factor_tao_btc_ai_equities"] = {
        "observations": len(y),
        "periods_per_year": periods(four),
        "alpha": float(coef[0]),
        "beta_btc": float(coef[1]),
        "beta_equities": float(coef[2]),
        "residual_volatility": float(np.sqrt(resid @ resid / (len(y) - 3)) * np.sqrt(periods(four))),
        "r_squared": float(1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))),
    }

    # Correlation matrix and a portfolio on the common dates of four crypto assets.
    names = ["BTC", "TAO", "NEAR", "ICP"]
    crypto = pd.concat([prices[k] for k in names], axis=1, join="inner").pct_change().dropna().to_numpy()
    w = np.array([0.4, 0.3, 0.2, 0.1])
    cov = np.cov(crypto, rowvar=False, ddof=1)
    sigma_p = np.sqrt(w @ cov @ w)
    component = w * (cov @ w) / sigma_p * np.sqrt(365)
    out["crypto_basket"] = {
        "assets": names,
        "observations": len(crypto),
        "correlation_matrix": np.corrcoef(crypto, rowvar=False).tolist(),
        "weights": w.tolist(),
        "volatility": float(sigma_p * np.sqrt(365)),
        "component": component.tolist(),
        "diversification_ratio": float(w @ np.sqrt(np.diag(cov)) / sigma_p),
        "effective_bets": float(1 / (w @ w)),
        "portfolio_sharpe": float(ep.sharpe_ratio(crypto @ w, annualization=365)),
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
