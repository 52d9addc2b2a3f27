#!/usr/bin/env python3
"""Cuts the committed test fixtures (`fixtures/`) from the shared data (`../shared/data/`), and
writes `fixtures/PROVENANCE.md` naming the source and the cut of every file.

Run from the workspace root:  python3 crates/tokenrisk-testdata/cut_fixtures.py [SHARED_DIR]
(default `../shared`). Standard library only. Every cut is the header line and a contiguous run
of the shared file's own lines, byte for byte (nothing re-formatted); the API samples are whole
copies. Re-running it on the same shared data reproduces the same files.
"""
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures"

# Each market file: the rows kept are those whose first field (the date or hour) is on or after
# FROM. The daily files share TAO's span (Binance listed TAO on 2024-04-11, so TAO is whole);
# the hourly files keep 2025 (enough for the daily-from-hourly conversion over the token view's
# ranges, the 2025-01-03..2025-06-30 custom range and the 169-hour sparklines).
DAILY_FROM = "2024-04-11"
HOURLY_FROM = "2025-01-01"
MARKET = {
    "binance_spot_1d/BTCUSDT.csv": DAILY_FROM,
    "binance_spot_1d/TAOUSDT.csv": DAILY_FROM,
    "binance_spot_1d/NEARUSDT.csv": DAILY_FROM,
    "binance_spot_1d/ICPUSDT.csv": DAILY_FROM,
    "binance_spot_1h_close/FETUSDT.csv": HOURLY_FROM,
    "binance_spot_1h_close/RENDERUSDT.csv": HOURLY_FROM,
    "binance_spot_1h_close/TAOUSDT.csv": HOURLY_FROM,
    "yahoo_equities_1d/NVDA.csv": DAILY_FROM,
    "yahoo_equities_1d/MSFT.csv": DAILY_FROM,
}

# Where each shared folder came from, as shared/data/market/PROVENANCE.md states it.
ORIGIN = {
    "binance_spot_1d": "Binance spot daily klines (`/api/v3/klines`, interval 1d), from GitHub "
    "`djienne/Hurst_Crypto` `data/<SYMBOL>.csv` at commit "
    "`c83fd0139198121d58e2ad4c2d5429d767788da1`; no licence stated",
    "binance_spot_1h_close": "Binance spot hourly closes, from GitHub `RobBudaghyan/mark6` "
    "`data/<SYMBOL>.csv` at commit `0af2c2b2ccfd7d0a9323c42fae8a15dc39aec2ce`; no licence "
    "stated",
    "yahoo_equities_1d": "Yahoo Finance daily bars via yfinance, from GitHub "
    "`JohnAprek/us-stock-monitor` `data/stocks/<SYMBOL>.csv` at commit "
    "`63c88bd0a229766d8c7074700b8562e4f8eba02a`; no licence stated (Yahoo terms apply)",
}


# Recorded order books copied whole (the three smallest of `shared/data/orderbooks/`, to keep the
# fixtures near 1 MB), with their origin as shared/data/market-2026/PROVENANCE.md states it.
CRYPTOFEED = "GitHub `bmoscon/cryptofeed` at commit `ce58c2a0` (licence XFree86 1.1), extracted"
ORDERBOOKS = {
    "binance_spot_RUNEEUR_2021-10-12T002842Z.json": "Binance spot depth, 221/468 levels, "
    "2021-10-12 00:28 UTC, `GET /api/v3/depth?limit=1000`, from `sample_data/BINANCE.http.0.0` "
    "of " + CRYPTOFEED,
    "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json": "Binance USD-M futures depth, 400/612 "
    "levels, 2021-07-22 22:25 UTC, `GET /fapi/v1/depth?limit=1000`, from "
    "`sample_data/BINANCE_FUTURES.http.0.0` of " + CRYPTOFEED,
    "binance_usdm_CTKUSDT_2021-07-22T222542Z.json": "Binance USD-M futures depth, 485/744 "
    "levels, 2021-07-22 22:25 UTC, `GET /fapi/v1/depth?limit=1000`, from "
    "`sample_data/BINANCE_FUTURES.http.0.0` of " + CRYPTOFEED,
}


# The sell-off of 2026-02-05/06 (the liquidity page's replay and its reference): BTC's daily
# candles from 2026-01-01 to 2026-02-09 (`open_time` in epoch milliseconds), and the last daily
# open interest recorded before it, whole; origins as shared/data/market-2026/PROVENANCE.md
# states them.
SELL_OFF_SPANS = {
    "market-2026/BTCUSDT.csv": ("1767225600000", "1770595200000",
                                "Binance spot daily klines, from GitHub "
                                "`RonaldLu66/binance-btc-monitor` `data/BTCUSDT_1d.csv` at commit "
                                "`812c1b0f`; no licence stated"),
}
SELL_OFF_WHOLE = {
    "futures/BTC_ETH_open_interest_2025-11_12.csv": "Binance USD-M daily open interest value in "
    "USD (`openInterestHist`), from GitHub `ccyun95/Cryptocurrency_Work` "
    "`data/open_interest.csv` at commit `7940af19`; no licence stated",
}


# SEC EDGAR's recorded XBRL answers (`shared/data/api-samples/sec_edgar/`): the companyconcept
# answer whole, and each companyfacts file cut to the tags the signals follow (capital
# expenditure and revenue), written as the shared files are (sorted keys, one-space indent), so
# every kept concept is the shared file's own text.
SEC_WHOLE = ["companyconcept_AAPL_EntityCommonStockSharesOutstanding.json"]
SEC_CUTS = {
    "companyfacts_MSFT_trimmed.json": [
        "PaymentsToAcquirePropertyPlantAndEquipment",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
    ],
    "companyfacts_GOOGL_trimmed.json": [
        "PaymentsToAcquirePropertyPlantAndEquipment",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "Revenues",
    ],
}


def sec_samples(shared: Path) -> list[str]:
    source, out = shared / "api-samples" / "sec_edgar", OUT / "api-samples" / "sec_edgar"
    out.mkdir(parents=True)
    rows = []
    for name in SEC_WHOLE:
        shutil.copyfile(source / name, out / name)
        rows.append(
            f"| `api-samples/sec_edgar/{name}` | {(out / name).stat().st_size:,} | "
            f"`shared/data/api-samples/sec_edgar/{name}` | whole file | a recorded SEC answer; "
            "its origin in `shared/data/api-samples/sec_edgar/PROVENANCE.md` |"
        )
    for name, tags in SEC_CUTS.items():
        facts = json.loads((source / name).read_text(encoding="utf-8"))
        facts["facts"] = {"us-gaap": {t: facts["facts"]["us-gaap"][t] for t in tags}}
        (out / name).write_text(json.dumps(facts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        rows.append(
            f"| `api-samples/sec_edgar/{name}` | {(out / name).stat().st_size:,} | "
            f"`shared/data/api-samples/sec_edgar/{name}` | the us-gaap concepts "
            f"{', '.join(f'`{t}`' for t in tags)}, whole; written as the shared file is | a recorded "
            "SEC answer, trimmed upstream; its origin in `shared/data/api-samples/sec_edgar/PROVENANCE.md` |"
        )
    shutil.copyfile(source / "PROVENANCE.md", out / "PROVENANCE.md")
    return rows


def cut(text: str, start: str) -> tuple[str, int, str, str]:
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines[1:] if line.strip() and line.split(",", 1)[0] >= start]
    first, last = kept[0].split(",", 1)[0], kept[-1].split(",", 1)[0]
    return lines[0] + "".join(kept), len(kept), first, last


def span(text: str, first: str, last: str) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines[1:] if line.strip() and first <= line.split(",", 1)[0] <= last]
    return lines[0] + "".join(kept), len(kept)


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared") / "data"
    if OUT.exists():
        shutil.rmtree(OUT)
    rows = []
    for rel, start in MARKET.items():
        text = (shared / "market" / rel).read_text(encoding="utf-8")
        total = len([line for line in text.splitlines()[1:] if line.strip()])
        body, kept, first, last = cut(text, start)
        out = OUT / "market" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, encoding="utf-8", newline="")
        rows.append(
            f"| `market/{rel}` | {out.stat().st_size:,} | `shared/data/market/{rel}` ({total:,} rows) | "
            f"the header and the last {kept:,} rows: {first} … {last} | {ORIGIN[rel.split('/')[0]]} |"
        )
    samples = sorted((shared / "api-samples").glob("*.json"))
    (OUT / "api-samples").mkdir(parents=True)
    for sample in samples:
        shutil.copyfile(sample, OUT / "api-samples" / sample.name)
        rows.append(
            f"| `api-samples/{sample.name}` | {sample.stat().st_size:,} | "
            f"`shared/data/api-samples/{sample.name}` | whole file | the provider's documented "
            "example response; its documentation page in `api-samples/PROVENANCE.md` |"
        )
    rows.extend(sec_samples(shared))
    (OUT / "orderbooks").mkdir(parents=True)
    for name, origin in ORDERBOOKS.items():
        shutil.copyfile(shared / "orderbooks" / name, OUT / "orderbooks" / name)
        size = (OUT / "orderbooks" / name).stat().st_size
        rows.append(
            f"| `orderbooks/{name}` | {size:,} | `shared/data/orderbooks/{name}` | whole file | "
            f"{origin} |"
        )
    for rel, (first, last, origin) in SELL_OFF_SPANS.items():
        body, kept = span((shared / rel).read_text(encoding="utf-8"), first, last)
        out = OUT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, encoding="utf-8", newline="")
        rows.append(
            f"| `{rel}` | {out.stat().st_size:,} | `shared/data/{rel}` | the header and the "
            f"{kept} rows with `open_time` from {first} to {last} | {origin} |"
        )
    for rel, origin in SELL_OFF_WHOLE.items():
        out = OUT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / rel, out)
        rows.append(
            f"| `{rel}` | {out.stat().st_size:,} | `shared/data/{rel}` | whole file | {origin} |"
        )
    # The samples' own provenance (documentation page of each), copied whole beside them.
    shutil.copyfile(shared / "api-samples" / "PROVENANCE.md", OUT / "api-samples" / "PROVENANCE.md")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    (OUT / "PROVENANCE.md").write_text(
        PROVENANCE.format(table="\n".join(rows), total=total, daily=DAILY_FROM, hourly=HOURLY_FROM),
        encoding="utf-8",
    )


PROVENANCE = """# Provenance of the test fixtures

Written by `../cut_fixtures.py` from the shared data (`../shared/data/` beside the project); do
not edit by hand, re-run the script. The tests read these files when `../shared` is absent
(`tokenrisk-testdata`); the snapshot tests of the charts always draw from them.

- **Market files** (`market/`): cuts of the shared exports, the header line and a contiguous
  run of the shared file's own lines, byte for byte (nothing re-formatted, re-sorted or
  cleaned): the daily files and the equities keep the rows from {daily} (TAO's Binance listing
  day, so TAO's daily file is whole), the hourly files the rows from {hourly} 00:00. Each
  source file's own origin is stated in `shared/data/market/PROVENANCE.md`, summarised below.
- **API samples** (`api-samples/`): whole copies of the providers' documented example responses
  in `shared/data/api-samples/`; their sources (documentation pages) are listed in
  `api-samples/PROVENANCE.md`, a copy of `shared/data/api-samples/PROVENANCE.md`. SEC EDGAR's
  recorded answers (`api-samples/sec_edgar/`): the companyconcept answer whole, and the
  companyfacts files cut to the concepts the signals follow (capital expenditure, revenue),
  each kept concept whole and written as the shared file is (sorted keys, one-space indent);
  their origin in `api-samples/sec_edgar/PROVENANCE.md`, a copy of the shared one.
- **Order books** (`orderbooks/`): whole copies of three of the recorded full-depth books in
  Binance's depth-response shape in `shared/data/orderbooks/` (origin in
  `shared/data/market-2026/PROVENANCE.md`, summarised below).
- **The sell-off of 2026-02-05/06** (`market-2026/`, `futures/`): BTC's daily candles around it,
  the header and a contiguous run of the shared file's lines, byte for byte, and the daily open
  interest recorded up to 2025-12-06, whole (origins in `shared/data/market-2026/PROVENANCE.md`).

The numbers are exchange / Yahoo market data re-published by repositories that state no
licence: test fixtures only, not an authoritative price record.

| File | Bytes | Cut from | Cut | Origin of the source |
|---|---|---|---|---|
{table}

Total of the files above and `api-samples/PROVENANCE.md`: {total:,} bytes (this file aside).
"""

if __name__ == "__main__":
    main()
