#!/usr/bin/env python3
"""Reference values for three daily market signals and their historical percentile ranks,
computed with pandas/SciPy independently of the Rust code, on real daily exchange candles.

Run from this directory:
    python3 signals.py ../../../tokenrisk-testdata/fixtures/market > signals_fixtures.json
    python3 signals.py ../../../../../shared/data/market > signals.json

Inputs: `binance_spot_1d/<ASSET>USDT.csv`, sorted by `open_time`; `close` is the daily close and
V_t = `quote_asset_volume` (USDT). Simple returns r_t = close_t / close_{t-1} - 1 (t >= 1).

Definitions (each signal has a `value` = its last defined observation, a `rank` in percent, and
`n` = the number of observations the rank is taken over, the last one included):

1. drawdown: DD_t = close_t / max(close_0..close_t) - 1 over the whole file (n = number of days).
   rank = scipy.stats.percentileofscore(-DD_all, -value, kind='weak'): the share of days whose
   drawdown is at least as shallow as the last day's (DD_t >= value), in percent ("rank low":
   a deep drawdown ranks low).
2. volatility_30d: sample standard deviation (ddof=1) of the last 30 returns, times sqrt(365),
   for every day that has 30 returns (pandas `r.rolling(30).std()`, NaNs dropped).
   rank = percentileofscore(history, value, kind='weak'): share of days with a volatility at most
   the last one's ("rank high").
3. volume_ratio_90d: ratio_t = V_t / median(V_{t-90}, ..., V_{t-1}), the median of the 90 days
   BEFORE day t (pandas `V / V.shift(1).rolling(90).median()`), defined only where that median is
   > 0; undefined days dropped. rank = percentileofscore(history, value, kind='weak') ("rank
   high").

`last_date` is the date (YYYY-MM-DD, UTC) of the last row's `open_time`.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy import stats

FILES = {
    "BTC": "binance_spot_1d/BTCUSDT.csv",
    "TAO": "binance_spot_1d/TAOUSDT.csv",
    "NEAR": "binance_spot_1d/NEARUSDT.csv",
    "ICP": "binance_spot_1d/ICPUSDT.csv",
}

VOL_WINDOW = 30
VOLUME_WINDOW = 90
DAYS_PER_YEAR = 365


def finite(x) -> float:
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("non-finite value %r" % x)
    return x


def signal(history: pd.Series, value: float, rank: float) -> dict:
    return {"value": finite(value), "rank": finite(rank), "n": int(len(history))}


def signals(root: Path, rel: str) -> dict:
    frame = pd.read_csv(root / rel, usecols=["open_time", "close", "quote_asset_volume"])
    frame["open_time"] = pd.to_datetime(frame["open_time"], utc=True)
    frame = frame.sort_values("open_time").reset_index(drop=True)
    close = frame["close"].astype(float)
    volume = frame["quote_asset_volume"].astype(float)

    # 1. drawdown from the running peak, over the whole file.
    drawdown = close / close.cummax() - 1.0
    dd_value = drawdown.iloc[-1]
    dd_rank = stats.percentileofscore(-drawdown.to_numpy(), -dd_value, kind="weak")

    # 2. 30-day rolling sample volatility of simple returns, annualised with sqrt(365).
    returns = close.pct_change()
    vol = (returns.rolling(VOL_WINDOW).std(ddof=1) * np.sqrt(DAYS_PER_YEAR)).dropna()
    vol_value = vol.iloc[-1]
    vol_rank = stats.percentileofscore(vol.to_numpy(), vol_value, kind="weak")

    # 3. today's quote volume over the median of the 90 previous days.
    prior_median = volume.shift(1).rolling(VOLUME_WINDOW).median()
    defined = prior_median.notna() & (prior_median > 0)
    ratio = (volume[defined] / prior_median[defined]).dropna()
    ratio_value = ratio.iloc[-1]
    ratio_rank = stats.percentileofscore(ratio.to_numpy(), ratio_value, kind="weak")

    return {
        "file": rel,
        "last_date": frame["open_time"].iloc[-1].strftime("%Y-%m-%d"),
        "drawdown": signal(drawdown, dd_value, dd_rank),
        "volatility_30d": signal(vol, vol_value, vol_rank),
        "volume_ratio_90d": signal(ratio, ratio_value, ratio_rank),
    }


def main() -> None:
    root = Path(sys.argv[1])
    out = {
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
        "assets": {asset: signals(root, rel) for asset, rel in FILES.items()},
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
