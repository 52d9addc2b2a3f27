"""Reading the shared market exports with pandas, for the reference scripts beside this file
(independently of the Rust CSV reader)."""
from pathlib import Path

import pandas as pd


def load(root: Path, rel: str, time_col: str, price_col: str, hourly: bool) -> pd.Series:
    """Prices indexed by UTC time, sorted; hourly files give daily closes from the 23:00 bar."""
    frame = pd.read_csv(root / rel, usecols=[time_col, price_col])
    times = pd.to_datetime(frame[time_col], utc=True)
    prices = pd.Series(frame[price_col].to_numpy(dtype=float), index=times).sort_index()
    if hourly:
        prices = prices[prices.index.hour == 23]
        prices.index = prices.index.normalize()
    return prices


def periods(prices: pd.Series) -> int:
    """365 when the series has weekend dates (trades every day), else 252."""
    return 365 if bool((prices.index.day_of_week >= 5).any()) else 252
