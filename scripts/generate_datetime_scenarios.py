#!/usr/bin/env python3
"""Deterministic generator for the time-zone / date-time shadow-import scenario.

Usage (from anywhere):
    python3 scripts/generate_datetime_scenarios.py          # (re)write the data folder, then verify
    python3 scripts/generate_datetime_scenarios.py --check  # only verify the files already on disk
    python3 scripts/generate_datetime_scenarios.py --facts  # also print every fact --check derives

Python 3.11 standard library only (zoneinfo for the DST arithmetic, tomllib to read the
scenario back). Every random choice comes from random.Random(<fixed seed>); nothing depends on
the date, the environment or set/hash ordering, so two runs write byte-identical files (written
as raw bytes). All people are synthetic; e-mails use made-up domains under .example.

"Line" = 1-based physical line (header = line 1; no cell holds a line break, so row k is on
line k + 1). --check re-reads the bytes and asserts everything listed here, every count and
line number below, and that scenario.toml states the same counts and expects the verdict they
give. The rejected rows are counted independently of the tool: a naive wall-clock time is
"in the gap" when zoneinfo's fold=0 reading does not survive a round trip through UTC (the
clocks skipped it) and "in the fold" when fold=0 and fold=1 give two different UTC offsets
that both survive (the clocks showed it twice).

All files: UTF-8 without BOM, LF line ends, comma-separated, a field is quoted only when it must
be (byte-identical to csv.writer(QUOTE_MINIMAL, lineterminator="\\n") on its own records). No
cell holds a control character, U+FFFD, a `?` between letters or text that re-encodes as UTF-8
misread as Windows-1252/Latin-1/Mac Roman (encoding_damage has nothing to find).

---------------------------------------------------------------------------------------------
scenarios/hubspot-portal-local-datetimes/
---------------------------------------------------------------------------------------------
data/hubspot-contacts.csv   HubSpot contacts export of a portal set to Europe/Berlin.
  300 rows, 301 lines, 33398 bytes; Record ID 11-digit, ascending, unique.
  Header: Record ID,First Name,Last Name,Email,Lifecycle Stage,Create Date,
          Last Activity Date,Close Date
  First/Last Name  synthetic, 237 rows with a non-ASCII letter (Zoë, Łukasz, Sørensen ...);
                   Email first.last@<domain>.example, ASCII-folded, valid and unique.
  Create Date      portal-local naive "YYYY-MM-DD HH:MM" (Europe/Berlin), 2023-01..2024-12,
                   business hours 07:00-19:59 except the planted rows below.
                   Spring-forward gap (2024-03-31 02:00-02:59 does not exist): 12 rows, lines
                   11, 17, 23, 26, 38, 55, 85, 141, 183, 265, 272, 299
                   Fall-back fold (2024-10-27 02:00-02:59 happens twice): 9 rows, lines
                   14, 35, 114, 155, 173, 237, 273, 279, 290
                   Near misses on the same two days, all valid (exist exactly once):
                   6 rows, 2024-03-31 01:59 / 03:00 / 03:30, 2024-10-27 01:30 / 01:59 / 03:00
  Last Activity Date  naive "YYYY-MM-DD HH:MM:SS", written by a sync tool in
                   America/New_York (field-level timezone); 31 blank; never in a New York gap
                   or fold; never in a Berlin one either.
  Close Date       naive "YYYY-MM-DD HH:MM" (Europe/Berlin), set for customers only
                   (112 rows, blank otherwise); never in a gap or fold.
  Lifecycle Stage  lead 92, marketingqualifiedlead 54, opportunity 42, customer 112
  Rejected when read: 21 of 300 rows (7.0%), above import_failure's default 5%.

data/Opportunity.csv   Salesforce Opportunity report export, object timezone UTC.
  120 rows, 121 lines, 16440 bytes; Id 18-character (006..., correct case-safe suffix).
  Header: Id,Name,StageName,Amount,CloseDate,LastModifiedDate,CreatedDate
  CloseDate / LastModifiedDate  "%m/%d/%Y %H:%M:%S%z", e.g. 07/15/2009 02:14:45+0800
                   (offsets +0800, +0530, +0100, +0200, +0000, -0500, -0700); the stored UTC
                   instant does not depend on any zone setting.
  CreatedDate      naive ISO "YYYY-MM-DDTHH:MM:SS" in UTC; 6 rows fall inside Berlin's gap or
                   fold hours (2024-03-31 02:xx / 2024-10-27 02:xx) and are valid only because
                   the object says timezone = "UTC".
  Rejected when read: 0 of 120 rows.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import sys
import tomllib
from zoneinfo import ZoneInfo

from generate_mapping_scenarios import Table, cell_clean, csv_bytes, is_email, slug
from sf_common import SCEN, UniqueEmails, b62, rand_date, to18, write

DIR = SCEN / "hubspot-portal-local-datetimes"
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.timezone.utc

C_H = ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Create Date",
       "Last Activity Date", "Close Date"]
D_H = ["Id", "Name", "StageName", "Amount", "CloseDate", "LastModifiedDate", "CreatedDate"]
N_CONTACTS, N_DEALS = 300, 120
N_GAP, N_FOLD = 12, 9
NEAR_MISSES = ["2024-03-31 01:59", "2024-03-31 03:00", "2024-03-31 03:30",
               "2024-10-27 01:30", "2024-10-27 01:59", "2024-10-27 03:00"]
STAGES = ["lead", "marketingqualifiedlead", "opportunity", "customer"]
SF_FMT = "%m/%d/%Y %H:%M:%S%z"
OFFSETS = ["+0800", "+0530", "+0100", "+0200", "+0000", "-0500", "-0700"]

GIVEN = ["Zoë", "Ana", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Hannah", "Oliver",
         "Mateo", "Aisha", "Kenji", "Priya", "Ingrid", "Lars", "Giulia", "Marco", "Laura",
         "Felix", "Marie", "Jonas", "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès",
         "Łukasz", "Renée", "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa",
         "Joaquín", "Ayşe", "Gonçalo", "Hélène", "Dóra", "Márton", "Zdeněk", "Ólafur"]
LAST = ["Martin", "Taylor", "Wilson", "Rossi", "Jensen", "Tanaka", "Chen", "Singh", "Mensah",
        "Silva", "Novak", "Virtanen", "Becker", "Wagner", "Müller", "Schäfer", "Großmann",
        "García", "Núñez", "Lefèvre", "Pérez", "Sørensen", "Öztürk", "Kowalczyk", "Fernández",
        "Björklund", "Çelik", "Dvořák", "Löfgren", "Ibáñez", "Wójcik", "Håkansson",
        "Brückner", "Ó Briain", "Szabó", "Jankovič"]
DOMAINS = ["nordwind.example", "lumen-apps.example", "brauhaus-tech.example", "mail.example",
           "kestrel.example"]
PRODUCTS = ["Annual licence", "Enterprise plan", "Pilot project", "Support renewal",
            "Onboarding package", "API add-on", "Training days", "Data migration"]
SF_STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review",
             "Closed Won", "Closed Lost"]


# ------------------------------------------------------------------------------------------
# the independent DST arithmetic
# ------------------------------------------------------------------------------------------
def local_kind(naive: dt.datetime, zone: ZoneInfo) -> str:
    """"ok", "gap" (the clocks skip this wall time) or "fold" (they show it twice)."""
    a, b = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if a.utcoffset() == b.utcoffset():
        return "ok"
    back = a.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return "fold" if back == naive else "gap"


assert local_kind(dt.datetime(2024, 3, 31, 2, 30), BERLIN) == "gap"
assert local_kind(dt.datetime(2024, 10, 27, 2, 30), BERLIN) == "fold"
assert local_kind(dt.datetime(2024, 3, 31, 3, 0), BERLIN) == "ok"
assert local_kind(dt.datetime(2024, 3, 10, 2, 30), NEW_YORK) == "gap"
assert local_kind(dt.datetime(2024, 11, 3, 1, 30), NEW_YORK) == "fold"


def to_utc(naive: dt.datetime, zone: ZoneInfo) -> str:
    """The stored form: the UTC instant as YYYY-MM-DDTHH:MM:SS."""
    return naive.replace(tzinfo=zone).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


assert to_utc(dt.datetime(2024, 7, 1, 12, 0), BERLIN) == "2024-07-01T10:00:00"
assert (dt.datetime.strptime("07/15/2009 02:14:45+0800", SF_FMT).astimezone(UTC)
        .strftime("%Y-%m-%dT%H:%M:%S")) == "2009-07-14T18:14:45"


def business_time(rng: random.Random, start: dt.date, end: dt.date, seconds: bool) -> dt.datetime:
    d = rand_date(rng, start, end)
    return dt.datetime(d.year, d.month, d.day, rng.randint(7, 19), rng.randrange(60),
                       rng.randrange(60) if seconds else 0)


# ------------------------------------------------------------------------------------------
# generation
# ------------------------------------------------------------------------------------------
def gen() -> dict[str, bytes]:
    rng = random.Random(20240331)
    emails = UniqueEmails(lambda name: slug(name, "."))
    rows_planted = rng.sample(range(N_CONTACTS), N_GAP + N_FOLD + len(NEAR_MISSES))
    planted: dict[int, str] = {}
    for k, i in enumerate(rows_planted):
        if k < N_GAP:
            planted[i] = f"2024-03-31 02:{rng.randrange(60):02d}"
        elif k < N_GAP + N_FOLD:
            planted[i] = f"2024-10-27 02:{rng.randrange(60):02d}"
        else:
            planted[i] = NEAR_MISSES[k - N_GAP - N_FOLD]
    stages = (["lead"] * 92 + ["marketingqualifiedlead"] * 54 + ["opportunity"] * 42
              + ["customer"] * 112)
    assert len(stages) == N_CONTACTS
    rng.shuffle(stages)

    contacts = []
    names: set[str] = set()
    rid = 30_000_000_000 + rng.randrange(1_000_000)
    for i in range(N_CONTACTS):
        rid += rng.randint(1, 4000)
        while True:
            given, last = rng.choice(GIVEN), rng.choice(LAST)
            if f"{given} {last}" not in names:
                break
        names.add(f"{given} {last}")
        if i in planted:
            created = dt.datetime.strptime(planted[i], "%Y-%m-%d %H:%M")
        else:
            created = business_time(rng, dt.date(2023, 1, 1), dt.date(2024, 12, 31), False)
        activity = ""
        if rng.random() > 0.09:
            a = business_time(rng, created.date() + dt.timedelta(days=1), dt.date(2025, 3, 31),
                              True)
            activity = a.strftime("%Y-%m-%d %H:%M:%S")
        close = ""
        if stages[i] == "customer":
            c = business_time(rng, created.date() + dt.timedelta(days=3), dt.date(2025, 3, 31),
                              False)
            close = c.strftime("%Y-%m-%d %H:%M")
        contacts.append([str(rid), given, last, emails.make(given, last, rng.choice(DOMAINS)),
                         stages[i], created.strftime("%Y-%m-%d %H:%M"), activity, close])

    deals = []
    dst_created = set(rng.sample(range(N_DEALS), 6))
    for i in range(N_DEALS):
        id15 = "006" + "5g000" + b62(rng.randrange(62 ** 7), 7)
        if i in dst_created:
            day = rng.choice([dt.date(2024, 3, 31), dt.date(2024, 10, 27)])
            created = dt.datetime(day.year, day.month, day.day, 2, rng.randrange(60),
                                  rng.randrange(60))
        else:
            created = business_time(rng, dt.date(2023, 1, 1), dt.date(2024, 12, 31), True)
        close = business_time(rng, created.date() + dt.timedelta(days=7), dt.date(2025, 6, 30),
                              True)
        modified = business_time(rng, created.date(), dt.date(2025, 3, 31), True)
        deals.append([
            to18(id15), f"{rng.choice(LAST)} – {rng.choice(PRODUCTS)}", rng.choice(SF_STAGES),
            str(rng.randint(10, 900) * 100),
            close.strftime("%m/%d/%Y %H:%M:%S") + rng.choice(OFFSETS),
            modified.strftime("%m/%d/%Y %H:%M:%S") + rng.choice(OFFSETS),
            created.strftime("%Y-%m-%dT%H:%M:%S"),
        ])
    return {"hubspot-contacts.csv": csv_bytes(C_H, contacts),
            "Opportunity.csv": csv_bytes(D_H, deals)}


# ------------------------------------------------------------------------------------------
# verification
# ------------------------------------------------------------------------------------------
def check() -> dict[str, object]:
    facts: dict[str, object] = {}
    c = Table(DIR / "data" / "hubspot-contacts.csv", C_H)
    d = Table(DIR / "data" / "Opportunity.csv", D_H)
    assert (len(c.rows), c.n_lines, len(d.rows), d.n_lines) == (300, 301, 120, 121)
    for t in (c, d):
        assert all(a == b for a, b in t.lines), "no multi-line cells"
        assert all(cell_clean(x) and x.strip() == x for r in t.rows for x in r)
    facts.update(C_BYTES=c.size, D_BYTES=d.size)

    # contacts
    ids = c.col("Record ID")
    assert all(re.fullmatch(r"[1-9]\d{10}", x) for x in ids)
    assert [int(x) for x in ids] == sorted({int(x) for x in ids})
    mails = c.col("Email")
    assert all(is_email(e) and e.isascii() and e.endswith(".example") for e in mails)
    assert len({e.lower() for e in mails}) == 300
    assert all(r["First Name"] and r["Last Name"] for r in c.dicts())
    facts["C_ACCENT"] = sum(not (r[1] + r[2]).isascii() for r in c.rows)
    gap, fold, near = [], [], []
    for k, r in enumerate(c.dicts()):
        line = c.lines[k][0]
        created = dt.datetime.strptime(r["Create Date"], "%Y-%m-%d %H:%M")
        kind = local_kind(created, BERLIN)
        (gap if kind == "gap" else fold if kind == "fold" else []).append(line)
        if kind == "ok":
            to_utc(created, BERLIN)
            if not 7 <= created.hour <= 19:
                assert r["Create Date"][:10] in ("2024-03-31", "2024-10-27"), r
                near.append(r["Create Date"])
        if r["Last Activity Date"]:
            a = dt.datetime.strptime(r["Last Activity Date"], "%Y-%m-%d %H:%M:%S")
            assert local_kind(a, NEW_YORK) == "ok" and local_kind(a, BERLIN) == "ok", r
        if r["Close Date"]:
            cd = dt.datetime.strptime(r["Close Date"], "%Y-%m-%d %H:%M")
            assert local_kind(cd, BERLIN) == "ok", r
        assert bool(r["Close Date"]) == (r["Lifecycle Stage"] == "customer"), r
    assert sorted(near) == sorted(NEAR_MISSES)
    facts["C_GAP"], facts["C_FOLD"] = len(gap), len(fold)
    facts["C_GAP_LINES"] = ", ".join(map(str, gap))
    facts["C_FOLD_LINES"] = ", ".join(map(str, fold))
    facts["C_ACTIVITY_BLANK"] = c.col("Last Activity Date").count("")
    facts["C_CLOSE_SET"] = sum(bool(x) for x in c.col("Close Date"))
    stages = c.col("Lifecycle Stage")
    assert set(stages) <= set(STAGES)
    facts["C_STAGES"] = ", ".join(f"{s} {stages.count(s)}" for s in STAGES)
    rejected = len(gap) + len(fold)
    facts["C_REJECTED"] = rejected
    facts["C_REJECTED_PCT"] = f"{100 * rejected / len(c.rows):.1f}%"

    # deals
    dids = d.col("Id")
    assert all(len(x) == 18 and x.startswith("006") and to18(x[:15]) == x for x in dids)
    assert len(set(dids)) == 120
    offsets = set()
    berlin_dst = 0
    for r in d.dicts():
        for col in ("CloseDate", "LastModifiedDate"):
            assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d[+-]\d{4}", r[col]), r
            dt.datetime.strptime(r[col], SF_FMT)
            offsets.add(r[col][-5:])
        created = dt.datetime.strptime(r["CreatedDate"], "%Y-%m-%dT%H:%M:%S")
        berlin_dst += local_kind(created, BERLIN) != "ok"
        assert re.fullmatch(r"\d+00", r["Amount"]) and r["StageName"] in SF_STAGES
    assert offsets == set(OFFSETS), offsets
    facts["D_BERLIN_DST"] = berlin_dst

    # the scenario must state these counts and expect the verdict they give
    text = (DIR / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    assert toml["scenario"]["timezone"] == "Europe/Berlin"
    objs = {o["name"]: o for o in toml["object"]}
    assert objs["contacts"]["file"] == "data/hubspot-contacts.csv"
    assert "timezone" not in objs["contacts"]
    assert objs["deals"]["file"] == "data/Opportunity.csv" and objs["deals"]["timezone"] == "UTC"
    cf = objs["contacts"]["fields"]
    assert cf["created"] == {"from": "Create Date", "type": "datetime"}
    assert cf["last_activity"]["timezone"] == "America/New_York"
    df = objs["deals"]["fields"]
    assert df["close_date"]["format"] == df["last_modified"]["format"] == SF_FMT
    assert "triggers" not in toml, "the default import_failure threshold (fail above 5%)"
    over = rejected * 100 > 5 * len(c.rows)  # fail *above* 5%
    want = ({"verdict": "rollback", "triggers": ["import_failure:contacts"]} if over
            else {"verdict": "go", "triggers": []})
    assert toml["expect"] == want, toml["expect"]
    facts["VERDICT"] = want["verdict"]
    comment = (f"# {len(gap)} of {len(c.rows)} contacts fall in the spring-forward gap, "
               f"{len(fold)} in the fall-back fold")
    assert comment in text, comment
    assert f"{rejected} of {len(c.rows)} rows ({facts['C_REJECTED_PCT']})" in text
    return facts


def check_all() -> dict[str, object]:
    facts = check()

    def norm(v: object) -> str:
        return " ".join(str(v).split())
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert norm(facts[key]) == norm(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    doc = norm(__doc__)
    for key in ("C_GAP_LINES", "C_FOLD_LINES", "C_STAGES"):
        assert norm(facts[key]) in doc, key
    for key in ("C_BYTES", "D_BYTES"):
        assert f"{facts[key]} bytes" in doc, key
    for phrase in (f"not exist): {facts['C_GAP']} rows", f"twice): {facts['C_FOLD']} rows",
                   f"{facts['C_ACCENT']} rows with a non-ASCII", f"{facts['C_ACTIVITY_BLANK']} blank",
                   f"({facts['C_CLOSE_SET']} rows, blank", f"{facts['D_BERLIN_DST']} rows fall",
                   f"{facts['C_REJECTED']} of 300 rows ({facts['C_REJECTED_PCT']})"):
        assert phrase in doc, phrase
    return facts


# Every fact --check derives from the files, as stated in the docstring.
EXPECTED: dict[str, object] = {
    "C_BYTES": 33398,
    "D_BYTES": 16440,
    "C_ACCENT": 237,
    "C_GAP": 12,
    "C_FOLD": 9,
    "C_GAP_LINES": "11, 17, 23, 26, 38, 55, 85, 141, 183, 265, 272, 299",
    "C_FOLD_LINES": "14, 35, 114, 155, 173, 237, 273, 279, 290",
    "C_ACTIVITY_BLANK": 31,
    "C_CLOSE_SET": 112,
    "C_STAGES": "lead 92, marketingqualifiedlead 54, opportunity 42, customer 112",
    "C_REJECTED": 21,
    "C_REJECTED_PCT": "7.0%",
    "D_BERLIN_DST": 6,
    "VERDICT": "rollback",
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for n, b in gen().items():
            write(DIR / "data" / n, b)
    facts = check_all()
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    print("ok: hubspot-portal-local-datetimes (hubspot-contacts.csv, Opportunity.csv)")


if __name__ == "__main__":
    main()
