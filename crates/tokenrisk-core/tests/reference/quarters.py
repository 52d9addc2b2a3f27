#!/usr/bin/env python3
"""Reference fiscal quarters derived with pandas from SEC EDGAR XBRL companyfacts JSON,
independently of the Rust code.

Inputs: companyfacts JSON files as served by data.sec.gov/api/xbrl/companyfacts/CIK##########.json,
{"cik", "entityName", "facts": {"us-gaap": {Tag: {"units": {"USD": [fact, ...]}}}}}, each fact
{start?, end, val, accn, fy, fp, form, filed, frame?}. Only us-gaap tags with a "USD" unit are used.

Run from this directory:
    /tmp/venv/bin/python quarters.py \\
        ../../../../../shared/data/api-samples/sec_edgar/companyfacts_MSFT_trimmed.json \\
        ../../../../../shared/data/api-samples/sec_edgar/companyfacts_GOOGL_trimmed.json \\
        > quarters.json
(any python3 with pandas works; a sanity check and the edge cases met go to stderr).

Rules, per tag:
1. Duration facts only (those with a "start"); instants are dropped. A tag with no duration
   facts gives no rows and is omitted.
2. Deduplicate by (start, end): keep the fact with the latest "filed"; on a tie of filed, the one
   appearing last in the file's array.
3. Length L = end - start in calendar days (2026-01-01 -> 2026-03-31 is 89). A quarter is
   80 <= L <= 100. (Facts with L < 80 are neither quarters nor cumulative facts: ignored.)
4. Reported quarters: every deduplicated quarter fact -> row with derived=false, value=val, and
   that fact's form and filed.
5. Derived quarters: the deduplicated facts B = (S, E) with L > 100, in order of E then S. If a
   quarter row (reported, or derived earlier) already ends on E, B is skipped. Otherwise the amount
   from S up to an earlier end e1 is sought such that q = e1 + 1 day, (E - q) in [80, 100], from,
   in order of preference:
   (a) a deduplicated fact (any length) with start S and end e1 - the latest such e1;
   (b) the sum of quarter rows (reported or derived so far) chaining contiguously from S (the
       first starts on S, each next starts the day after the previous ends) and ending on e1 -
       the latest such e1 (if several chains reach the same e1, the one whose quarters come first
       in (end, start) order).
   Neither -> no row from B. Found -> row start = q, end = E, value = val(B) - amount,
   derived=true, form = B's form, filed = the latest filed among B and the fact / rows used.
6. Rows sorted by end then start; values are exact integers in USD.

Output (json, indent=1):
{"pandas": version, "companies": {entityName: {"cik", "file", "tags": {Tag: [
    {"start", "end", "value", "derived", "form", "filed"}, ...]}}}}
"""
import json
import os
import sys

import pandas as pd

DAY = pd.Timedelta(days=1)
QMIN, QMAX = 80, 100


def log(*a):
    print(*a, file=sys.stderr)


def exact(v):
    """JSON number -> Python int when whole (values are USD amounts)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def is_quarter_days(days):
    return QMIN <= days <= QMAX


def dedup(facts):
    """Rules 1-3: duration facts, one per (start, end), with their length in days."""
    df = pd.DataFrame(facts)
    if "start" not in df.columns:
        return None
    df["pos"] = range(len(df))
    df = df[df["start"].notna()].copy()
    if df.empty:
        return None
    df["s"] = pd.to_datetime(df["start"])
    df["e"] = pd.to_datetime(df["end"])
    df["fd"] = pd.to_datetime(df["filed"])
    df["val"] = df["val"].map(exact).astype(object)
    # latest filed wins; on a tie the later array position (stable sort keeps ties by pos)
    df = df.sort_values(["s", "e", "fd", "pos"], kind="mergesort")
    df = df.groupby(["s", "e"], sort=False).tail(1)
    df["days"] = (df["e"] - df["s"]).dt.days
    return df.sort_values(["e", "s"], kind="mergesort").reset_index(drop=True)


def option_a(df):
    """Rule 5(a) for every cumulative fact at once: merge on start, keep the latest valid e1."""
    big = df[df["days"] > QMAX][["s", "e", "val", "fd", "form", "pos"]]
    part = df[["s", "e", "val", "fd"]].rename(columns={"e": "e1", "val": "amt", "fd": "fd1"})
    m = big.merge(part, on="s", how="inner")
    m["qdays"] = (m["e"] - (m["e1"] + DAY)).dt.days
    m = m[(m["e1"] < m["e"]) & m["qdays"].between(QMIN, QMAX)]
    m = m.sort_values(["s", "e", "e1"], kind="mergesort").groupby(["s", "e"]).tail(1)
    return {(r.s, r.e): (r.e1, r.amt, r.fd1) for r in m.itertuples()}


def option_b(rows, S, E):
    """Rule 5(b): chains of quarter rows from S; latest e1 with (E - (e1+1)) in [80, 100]."""
    q = pd.DataFrame(rows).sort_values(["e", "s"], kind="mergesort").reset_index(drop=True)
    best = None  # (e1, amount, filed, chain)
    # depth-first over contiguous chains (quarter rows are few; chains are short)
    stack = [(S, 0, None, [])]
    while stack:
        at, amt, fd, chain = stack.pop()
        nxt = q[q["s"] == at]
        for r in reversed(list(nxt.itertuples())):  # pop order = (end, start) order
            amt2 = amt + r.value
            fd2 = r.fd if fd is None else max(fd, r.fd)
            chain2 = chain + [(r.s, r.e)]
            if r.e >= E:
                continue
            qdays = (E - (r.e + DAY)).days
            if is_quarter_days(qdays) and (best is None or r.e > best[0]):
                best = (r.e, amt2, fd2, chain2)
            stack.append((r.e + DAY, amt2, fd2, chain2))
    return best


def derive(df, tag, company, edges):
    rows = []
    for r in df[df["days"].between(QMIN, QMAX)].itertuples():
        rows.append(dict(s=r.s, e=r.e, value=r.val, derived=False, form=r.form, fd=r.fd))
    short = df[df["days"] < QMIN]
    for r in short.itertuples():
        edges.append(f"{company} {tag}: {r.s.date()}->{r.e.date()} is {r.days} days (< {QMIN}), ignored")
    a = option_a(df)
    for b in df[df["days"] > QMAX].itertuples():  # already in (end, start) order
        if any(x["e"] == b.e for x in rows):
            continue
        if (b.s, b.e) in a:
            e1, amt, fd1 = a[(b.s, b.e)]
            used = f"(a) fact {b.s.date()}->{e1.date()}"
        else:
            found = option_b(rows, b.s, b.e) if rows else None
            if found is None:
                edges.append(f"{company} {tag}: cumulative {b.s.date()}->{b.e.date()} "
                             f"({b.days} d) has no amount leaving a quarter; no row")
                continue
            e1, amt, fd1, chain = found
            used = f"(b) chain of {len(chain)} quarter(s) {b.s.date()}->{e1.date()}"
        value = b.val - amt
        row = dict(s=e1 + DAY, e=b.e, value=value, derived=True, form=b.form, fd=max(b.fd, fd1))
        rows.append(row)
        if used.startswith("(b)"):
            edges.append(f"{company} {tag}: {row['s'].date()}->{b.e.date()} derived via {used}")
        if value < 0:
            edges.append(f"{company} {tag}: derived {row['s'].date()}->{b.e.date()} is negative ({value})")
    if not rows:
        return []
    out = pd.DataFrame(rows).sort_values(["e", "s"], kind="mergesort")
    # overlapping quarter rows (a row starting before the previous one ends)
    prev_e = out["e"].shift()
    for r, pe in zip(out.itertuples(), prev_e):
        if pd.notna(pe) and r.s <= pe:
            edges.append(f"{company} {tag}: quarter {r.s.date()}->{r.e.date()} overlaps one ending {pe.date()}")
    return [
        {"start": str(r.s.date()), "end": str(r.e.date()), "value": exact(r.value),
         "derived": bool(r.derived), "form": r.form, "filed": str(r.fd.date())}
        for r in out.itertuples()
    ]


def main() -> None:
    companies = {}
    edges = []
    for path in sys.argv[1:]:
        with open(path) as f:
            doc = json.load(f)
        name = doc["entityName"]
        tags = {}
        for tag, body in sorted(doc.get("facts", {}).get("us-gaap", {}).items()):
            facts = body.get("units", {}).get("USD")
            if not facts:
                continue
            df = dedup(facts)
            if df is None:
                continue
            rows = derive(df, tag, name, edges)
            if rows:
                tags[tag] = rows
        companies[name] = {"cik": doc["cik"], "file": os.path.basename(path), "tags": tags}

    json.dump({"pandas": pd.__version__, "companies": companies}, sys.stdout, indent=1)
    sys.stdout.write("\n")

    log("edge cases:")
    for e in edges:
        log("  " + e)
    log("rows (total / derived):")
    for name, c in companies.items():
        for tag, rows in c["tags"].items():
            log(f"  {name} {tag}: {len(rows)} / {sum(r['derived'] for r in rows)}")
    checks = [("Alphabet Inc.", 44_924_000_000), ("MICROSOFT CORPORATION", 35_802_000_000)]
    for name, want in checks:
        if name not in companies:
            continue
        rows = companies[name]["tags"].get("PaymentsToAcquirePropertyPlantAndEquipment", [])
        got = [r for r in rows if r["start"] == "2026-04-01" and r["end"] == "2026-06-30"]
        ok = len(got) == 1 and got[0]["value"] == want and got[0]["derived"]
        log(f"check {name} PaymentsToAcquirePropertyPlantAndEquipment 2026-04-01->2026-06-30: "
            f"want {want:,} derived, got {got} -> {'OK' if ok else 'MISMATCH'}")


if __name__ == "__main__":
    main()
