#!/usr/bin/env python3
"""Reference 20-year daily schedules of the supply presets (`tokenrisk_market::supply_presets`)
with their default parameters, computed by the NumPy implementation of
`crates/tokenrisk-core/tests/reference/tokenomics.py` (independent of the Rust code), from
2026-01-01 on round start supplies given as the user's (not facts).

The defaults, typed here from `shared/design/facts-2026.md` §1–5 rather than read from Rust:
- TAO: 7,200 a day below 10.5 M, cap 21 M, nothing recycled or burnt, all of it assumed sold;
- NEAR: 2.5 % a year (protocol 81, since 2025-10-30), a tenth to the treasury, 0.1 % burnt;
- ICP: the voting-reward curve (10 % to 5 % over 2,922 days from 2021-05-10) times 0.6329
  from 2026-04-23, node-provider rewards 3.84 %, no burn;
- RENDER: 9,126,804, then 5.9 M in years 2 to 5 (years 4 and 5 assumed flat), then × 0.945 a
  year, from 2023-12-20, no burn;
- FET: the unconverted OCEAN claim, 270 M × 0.433226 FET, released evenly over 365 days from
  the Ocean exit on 2025-10-09.

Run from this directory (NumPy needed):
    python3 supply_presets.py > supply_presets.json
"""
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tokenrisk-core/tests/reference"))
import tokenomics as t  # noqa: E402

CLAIM = 270e6 * 0.433226
FET_TOTAL = 2_630_547_141.0
FET_START = date(2025, 10, 9)
FET_LOCKED = CLAIM * (1 - min(1.0, (t.days_since(FET_START, t.START) - 1) / 365))

print(
    json.dumps(
        {
            "start": t.START.isoformat(),
            "days": t.DAYS,
            "supplies": {
                "tao": [11_250_000.0, 11_250_000.0],
                "near": [1.25e9, 1.2e9],
                "icp": [5.4e8, 5.4e8],
                "render": [5.3e8, 5.3e8],
                "fet": [FET_TOTAL, FET_TOTAL - FET_LOCKED],
            },
            "tao": t.tao(11_250_000.0, 0.0, 1.0),
            "near": t.near(1.25e9, 1.2e9, 0.001, 1.0),
            "icp": t.icp(5.4e8, 0.0384, 0.0, 1.0),
            "render": t.render(5.3e8, 0.0, 1.0, listed=(9_126_804.0, 5.9e6, 5.9e6, 5.9e6, 5.9e6)),
            "fet": t.fet(FET_TOTAL, FET_TOTAL - FET_LOCKED, CLAIM, 365.0, FET_START),
        },
        indent=1,
    )
)
