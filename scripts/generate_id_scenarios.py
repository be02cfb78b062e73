#!/usr/bin/env python3
"""Deterministic generator for the two id scenarios (issue 13, items 2, 6 and 8).

Usage (from anywhere):
    python3 scripts/generate_id_scenarios.py          # (re)write both data folders, then verify
    python3 scripts/generate_id_scenarios.py --check  # only verify the files already on disk
    python3 scripts/generate_id_scenarios.py --facts  # also print every fact --check derives

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>);
two runs write byte-identical files. All people and companies are synthetic; e-mails use
made-up domains under .example, phone numbers the UK's drama ranges (01632 960xxx,
07700 900xxx).

"Line" = 1-based physical line (header = line 1; no cell holds a line break, so row k is on
line k + 1). --check re-reads the bytes with Python's csv module and counts every number
below with its own rules (written out here, not taken from the tool):

  destroyed id   a cell matching [+-]?D+(.D+)?[Ee][+-]?D+ with a fraction or a signed exponent
                 (1.18174E+11, 8.48E10); in a key, a reference by key or a junction end the
                 row is refused and counted by spreadsheet_damage;
  rewritten date m/d/yy H:MM (2/5/24 1:51) in a datetime column declared "%Y-%m-%d %H:%M";
                 refused, counted by spreadsheet_damage;
  cut to 15      an all-digit id of 16 or more digits whose digits past the 15th are zeros;
                 lost_digits flags an id column when every long value is so (and >= 3 are);
  lost zeros     an all-digit value one or two digits shorter than the length most of the
                 column's values have; lost_digits counts them over the column's loaded,
                 non-blank values when >= 20 values, >= 95% all digits, >= 80% one length >= 4.

---------------------------------------------------------------------------------------------
scenarios/excel-resaved-hubspot-export/     (seed 20240205)
---------------------------------------------------------------------------------------------
A HubSpot export (companies, contacts, their associations) opened in Excel and saved again
as CSV (UTF-8, no BOM, LF, minimal quoting).
data/companies.csv   80 rows. Header: Record ID,Company name,City,Postal Code,Create Date,
                     Close Date
  Record ID     12-digit numbers; 15 rows were written by Excel in scientific notation:
                12 rows hold 1.18174E+11 (first on line 4), 3 rows hold 1.18175E+11 (first
                on line 9). The other 65 are written in full and unique.
  Create Date   "%Y-%m-%d %H:%M"; 9 rows rewritten as m/d/yy H:MM (2/5/24 1:51 among them),
                none of them on a destroyed-id row.
  Close Date    "%m/%d/%Y" (03/14/2025); 3 rows shortened by Excel to m/d/yy (3/14/25), which
                %Y would read as the year 25: refused as rewritten dates, on rows otherwise
                valid.
  Postal Code   US ZIP codes; 7 loaded rows lost their leading zeros (02134 -> 2134,
                00501 -> 501); no other ZIP starts with 0.
  Refused 27 of 80 (33.8%): 15 destroyed keys + 9 + 3 rewritten dates; 53 loaded.
  lost_digits companies.zip: 7 of 53 values (5 digits most of them have).
data/contacts.csv   150 rows. Header: Record ID,First Name,Last Name,Email,Phone Number,
                    Legacy ID,Associated Company ID
  Associated Company ID   a loaded company's Record ID, blank (no company), or destroyed:
                7 rows (6 x 1.18174E+11, 1 x 1.18175E+11) refused; 143 loaded.
  Phone Number  11-digit UK numbers written as digits; 9 loaded rows lost the leading 0
                (10 digits); blank in 15 rows, 14 of them loaded.
  Legacy ID     18-digit ids of the old system, every one cut by Excel to 15 significant
                digits (123456789012345000); blank in 30 rows, 28 of them loaded.
  lost_digits contacts.phone: 9 of 129 values; contacts.legacy_id: 115 of 115 values.
data/company_contacts.csv   120 rows. Header: Contact ID,Company ID
  115 links between loaded contacts and loaded companies (no pair twice); 5 rows point at
  Company ID 1.18174E+11 and are refused (4.2%, below import_failure's 5%): none of them
  attaches to any company.
Verdict: ROLLBACK; failing: spreadsheet_damage on companies (27 rows), contacts (7 rows) and
company_contacts (5 rows), import_failure on companies (33.8%); lost_digits warns 3 times.

---------------------------------------------------------------------------------------------
scenarios/salesforce-data-loader-bad-ids/    (seed 18151815)
---------------------------------------------------------------------------------------------
A Salesforce Data Loader extract (UPPERCASE headers, every field quoted, 18-character ids)
after hand edits and a copy through a web form; every object has ids = "salesforce".
data/Account.csv   60 rows. Header: "ID","NAME","BILLINGCITY"
  Not Salesforce ids (refused): 3 of a wrong length (14, 16 and 17 characters), 3 with a
  character outside base 62 (-, _ and #), 2 whose suffix holds a character no suffix has
  (6 to 9), 3 of mixed case that their suffix contradicts. Refused 11 of 60 (18.3%).
  6 ids padded with Unicode whitespace (NBSP, U+3000, U+2009, U+202F), all loaded.
data/Contact.csv   150 rows. Header: "ID","FIRSTNAME","LASTNAME","EMAIL","ACCOUNTID"
  ACCOUNTID     a loaded account (its 18 or its 15 characters), never a refused one; 9 are
                no Salesforce id (3 length, 3 character, 3 case) and refused (6.0%).
  Padded: 5 ID cells, 7 ACCOUNTID cells.
data/AccountContactRelation.csv   100 rows. Header: "ID","ACCOUNTID","CONTACTID","ISDIRECT"
  Ends point at loaded rows only; 6 rows have an end that is no Salesforce id (2 length,
  2 character, 1 suffix, 1 case) and are refused (6.0%). Padded: 4 ACCOUNTID, 4 CONTACTID.
Trimmed (the report counts them): Account.csv 6 (ID 6); Contact.csv 12 (ID 5, ACCOUNTID 7);
AccountContactRelation.csv 8 (ACCOUNTID 4, CONTACTID 4).
Verdict: ROLLBACK; failing: import_failure on companies, contacts and account_contacts.
"""
from __future__ import annotations

import csv
import io
import random
import re
import sys
import tomllib
import unicodedata

from sf_common import SCEN, b62, to18, write

EXCEL = SCEN / "excel-resaved-hubspot-export"
LOADER = SCEN / "salesforce-data-loader-bad-ids"

CO_H = ["Record ID", "Company name", "City", "Postal Code", "Create Date", "Close Date"]
CT_H = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Legacy ID",
        "Associated Company ID"]
LK_H = ["Contact ID", "Company ID"]
AC_H = ["ID", "NAME", "BILLINGCITY"]
SC_H = ["ID", "FIRSTNAME", "LASTNAME", "EMAIL", "ACCOUNTID"]
AR_H = ["ID", "ACCOUNTID", "CONTACTID", "ISDIRECT"]

GIVEN = ["Zoë", "Ana", "Liam", "Olivia", "Noah", "Sophia", "Siobhán", "Mia", "Hannah", "Oliver",
         "Mateo", "Aisha", "Kenji", "Priya", "Ingrid", "Lars", "Giulia", "Marco", "Laura",
         "Felix", "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Łukasz",
         "Renée", "François", "Mónica", "Raphaël", "Åsa", "Ayşe", "Gonçalo", "Dóra", "Zdeněk"]
LAST = ["Martin", "Taylor", "Wilson", "O'Brien", "Jensen", "Tanaka", "Chen", "Singh", "Mensah",
        "Silva", "Novak", "Becker", "Müller", "Schäfer", "Großmann", "García", "Núñez",
        "Lefèvre", "Sørensen", "Öztürk", "Kowalczyk", "Dvořák", "Ibáñez", "Wójcik", "Szabó"]
COMPANY = ["Müller, Schmidt & Co. KG", "Café Olé 🚀 Ltd", "Nordwind Logistics", "Lumen Apps",
           "Kestrel Analytics", "Brauhaus Tech", "Søndergaard ApS", "Atelier Dupré",
           "Harbour & Pine", "Zürich Data AG", "Ōkawa Trading", "Blue Fjord, Inc.",
           "Ibérica Solar", "Quartz \"Q\" Labs", "Ferreira & Filhos", "Vltava Studio"]
CITIES = [("Boston", "02"), ("Hoboken", "07"), ("Portland", "04"), ("Holtsville", "00"),
          ("New York", "10"), ("Chicago", "60"), ("Austin", "78"), ("Denver", "80"),
          ("Seattle", "98"), ("San Francisco", "94"), ("Miami", "33"), ("Atlanta", "30")]
DOMAINS = ["nordwind.example", "lumen-apps.example", "mail.example", "kestrel.example"]
SCI = re.compile(r"[+-]?\d+(\.\d+)?[Ee][+-]?\d+")
SHORT_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2} \d{1,2}:\d{2}")
PADDING = ["\u00a0", "\u3000", "\u2009", "\u202f"]


def ascii_slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ł", "l").replace("Ł", "L").replace("ø", "o"))
    return "".join(c for c in s if c.isascii() and c.isalpha()).lower()


def csv_bytes(header: list[str], rows: list[list[str]], quote_all: bool = False) -> bytes:
    buf = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    w = csv.writer(buf, quoting=quoting, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), r
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def read(path, header: list[str], quote_all: bool = False) -> list[dict[str, str]]:
    """The rows of `path` re-read from its bytes; asserts the shape the docstring states."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == header, (path, rows[0])
    assert raw.count(b"\n") == len(rows), f"{path}: a cell holds a line break"
    assert csv_bytes(header, rows[1:], quote_all) == raw, f"{path}: not canonical"
    return [dict(zip(header, r)) for r in rows[1:]]


def excel_sci(n: int) -> str:
    """How Excel's General format writes a 12-digit number in a narrow column."""
    return f"{n:.5E}"


assert excel_sci(118174123456) == "1.18174E+11"


# ------------------------------------------------------------------------------------------
# excel-resaved-hubspot-export
# ------------------------------------------------------------------------------------------
def gen_excel() -> dict[str, bytes]:
    rng = random.Random(20240205)
    n_co = 80
    full_ids = sorted(rng.sample(range(118100000000, 118173999999), 40)
                      + rng.sample(range(118176000000, 118199999999), 25))
    group_a = [118174000000 + rng.randrange(499999) for _ in range(12)]
    group_b = [118175000000 + rng.randrange(499999) for _ in range(3)]
    # rows 2 (line 4) and 7 (line 9) are the first of each destroyed group
    rest = [i for i in range(n_co) if i not in (2, 7)]
    rng.shuffle(rest)
    a_rows = sorted([2] + [i for i in rest if i > 2][:11])
    b_rows = sorted([7] + [i for i in rest if i > 7 and i not in a_rows][:2])
    destroyed = set(a_rows) | set(b_rows)
    clean = [i for i in range(n_co) if i not in destroyed]
    date_rows = set(rng.sample(clean, 9))
    zero_rows = set(rng.sample([i for i in clean if i not in date_rows], 7))
    # Close Date is declared "%m/%d/%Y": Excel's 3/14/25 would read as the year 25
    close_rows = set(rng.sample([i for i in clean if i not in date_rows | zero_rows], 3))
    loaded = [i for i in clean if i not in date_rows | close_rows]
    companies, loaded_ids = [], []
    it_full = iter(full_ids)
    it_a, it_b = iter(group_a), iter(group_b)
    short_dates = ["2/5/24 1:51"]
    for i in range(n_co):
        if i in a_rows:
            rid = excel_sci(next(it_a))
        elif i in b_rows:
            rid = excel_sci(next(it_b))
        else:
            rid = str(next(it_full))
        name = f"{rng.choice(COMPANY)} {i + 1:02d}"
        if i in zero_rows:
            city, prefix = CITIES[rng.randrange(3)]
            zipcode = str(int(prefix + f"{rng.randrange(1000):03d}"))  # 4 digits
            if i == min(zero_rows):
                city, zipcode = "Holtsville", "501"
        else:
            city, prefix = CITIES[4 + rng.randrange(len(CITIES) - 4)]
            zipcode = prefix + f"{rng.randrange(1000):03d}"
        y, m, d = 2023 + rng.randrange(2), 1 + rng.randrange(12), 1 + rng.randrange(28)
        hh, mm = rng.randrange(24), rng.randrange(60)
        if i in date_rows:
            created = short_dates.pop() if short_dates else f"{m}/{d}/{y % 100} {hh}:{mm:02d}"
        else:
            created = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"
        cm, cd = 1 + rng.randrange(12), 1 + rng.randrange(28)
        close = f"{cm}/{cd}/25" if i in close_rows else f"{cm:02d}/{cd:02d}/2025"
        companies.append([rid, name, city, zipcode, created, close])
        if i in loaded:
            loaded_ids.append(rid)

    n_ct = 150
    sci_refs = set(rng.sample(range(n_ct), 7))
    b_ref = min(sci_refs)
    ct_loaded = [i for i in range(n_ct) if i not in sci_refs]
    phone_blank = set(rng.sample(ct_loaded, 14)) | {min(sci_refs - {b_ref})}
    phone_cut = set(rng.sample([i for i in ct_loaded if i not in phone_blank], 9))
    legacy_blank = set(rng.sample(ct_loaded, 28)) | set(sorted(sci_refs)[:2])
    contacts, loaded_contacts = [], []
    rid = 70_000_000_000 + rng.randrange(1_000_000)
    emails: set[str] = set()
    for i in range(n_ct):
        rid += rng.randint(1, 5000)
        given, last = rng.choice(GIVEN), rng.choice(LAST)
        base = f"{ascii_slug(given)}.{ascii_slug(last)}"
        mail, k = f"{base}@{rng.choice(DOMAINS)}", 2
        while mail in emails:
            mail, k = f"{base}{k}@{mail.split('@')[1]}", k + 1
        emails.add(mail)
        if i in phone_blank:
            phone = ""
        else:
            phone = rng.choice(["01632960", "07700900"]) + f"{rng.randrange(1000):03d}"
            if i in phone_cut:
                phone = phone[1:]
        legacy = ""
        if i not in legacy_blank:
            legacy = str(rng.randrange(10 ** 17, 10 ** 18))[:15] + "000"
        if i in sci_refs:
            company = "1.18175E+11" if i == b_ref else "1.18174E+11"
        else:
            company = "" if rng.random() < 0.12 else rng.choice(loaded_ids)
        contacts.append([str(rid), given, last, mail, phone, legacy, company])
        if i not in sci_refs:
            loaded_contacts.append(str(rid))

    links, pairs = [], set()
    bad_links = set(rng.sample(range(120), 5))
    for i in range(120):
        contact = rng.choice(loaded_contacts)
        if i in bad_links:
            links.append([contact, "1.18174E+11"])
            continue
        while True:
            company = rng.choice(loaded_ids)
            if (contact, company) not in pairs:
                break
            contact = rng.choice(loaded_contacts)
        pairs.add((contact, company))
        links.append([contact, company])
    return {"companies.csv": csv_bytes(CO_H, companies),
            "contacts.csv": csv_bytes(CT_H, contacts),
            "company_contacts.csv": csv_bytes(LK_H, links)}


def lost_zeros(values: list[str]) -> tuple[int, int] | None:
    """(common length, values one or two digits shorter) by the docstring's rule."""
    digits = [v for v in values if v.isdigit() and v.isascii()]
    if len(digits) < 20 or len(digits) * 100 < len(values) * 95:
        return None
    lengths: dict[int, int] = {}
    for v in digits:
        lengths[len(v)] = lengths.get(len(v), 0) + 1
    common = max(sorted(lengths), key=lambda n: lengths[n])
    if common < 4 or lengths[common] * 100 < len(digits) * 80:
        return None
    short = sum(n for length, n in lengths.items() if common - 2 <= length < common)
    return (common, short) if short else None


def check_excel() -> dict[str, object]:
    facts: dict[str, object] = {}
    co = read(EXCEL / "data" / "companies.csv", CO_H)
    ct = read(EXCEL / "data" / "contacts.csv", CT_H)
    lk = read(EXCEL / "data" / "company_contacts.csv", LK_H)
    facts["CO_ROWS"], facts["CT_ROWS"], facts["LK_ROWS"] = len(co), len(ct), len(lk)

    groups: dict[str, list[int]] = {}
    co_loaded, dates, closes = [], 0, 0
    for k, r in enumerate(co):
        rid, created = r["Record ID"], r["Create Date"]
        if SCI.fullmatch(rid):
            groups.setdefault(rid, []).append(k + 2)
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", created), r
            continue
        assert re.fullmatch(r"[1-9]\d{11}", rid), r
        if SHORT_DATE.fullmatch(created):
            dates += 1
            continue
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", created), r
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d", r["Close Date"]):
            closes += 1
            continue
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", r["Close Date"]), r
        co_loaded.append(r)
    full = [r["Record ID"] for r in co if not SCI.fullmatch(r["Record ID"])]
    assert len(full) == len(set(full))
    assert "2/5/24 1:51" in [r["Create Date"] for r in co]
    facts["CO_GROUPS"] = ", ".join(f"{len(v)} x {k} (line {v[0]})" for k, v in groups.items())
    facts["CO_DESTROYED"] = sum(len(v) for v in groups.values())
    facts["CO_DATES"] = dates
    facts["CO_CLOSES"] = closes
    facts["CO_REFUSED"] = facts["CO_DESTROYED"] + dates + closes
    facts["CO_LOADED"] = len(co_loaded)
    assert facts["CO_REFUSED"] + facts["CO_LOADED"] == len(co)
    zips = [r["Postal Code"] for r in co_loaded]
    assert all(len(z) == 5 and z[0] != "0" or len(z) < 5 for z in zips)
    facts["CO_ZIP"] = lost_zeros(zips)
    loaded_ids = {r["Record ID"] for r in co_loaded}

    ct_loaded, sci_refs = [], []
    for r in ct:
        ref = r["Associated Company ID"]
        if SCI.fullmatch(ref):
            sci_refs.append(ref)
            continue
        assert ref == "" or ref in loaded_ids, r
        ct_loaded.append(r)
    facts["CT_REFUSED"] = f"{len(sci_refs)} ({sci_refs.count('1.18174E+11')} x 1.18174E+11, " \
                          f"{sci_refs.count('1.18175E+11')} x 1.18175E+11)"
    facts["CT_LOADED"] = len(ct_loaded)
    phones = [r["Phone Number"] for r in ct_loaded if r["Phone Number"]]
    facts["CT_PHONE_BLANK"] = (sum(not r["Phone Number"] for r in ct),
                               sum(not r["Phone Number"] for r in ct_loaded))
    facts["CT_PHONE"] = (lost_zeros(phones), len(phones))
    legacy = [r["Legacy ID"] for r in ct_loaded if r["Legacy ID"]]
    long_ = [v for v in legacy if v.isdigit() and len(v) >= 16]
    cut = [v for v in long_ if set(v[15:]) == {"0"}]
    assert len(cut) == len(long_) >= 3
    facts["CT_LEGACY"] = (len(cut), len(legacy))
    facts["CT_LEGACY_BLANK"] = (sum(not r["Legacy ID"] for r in ct),
                                sum(not r["Legacy ID"] for r in ct_loaded))
    contact_ids = {r["Record ID"] for r in ct_loaded}
    assert len(contact_ids) == len(ct_loaded)

    bad, pairs = 0, set()
    for r in lk:
        assert r["Contact ID"] in contact_ids, r
        if SCI.fullmatch(r["Company ID"]):
            bad += 1
            continue
        assert r["Company ID"] in loaded_ids, r
        pairs.add((r["Contact ID"], r["Company ID"]))
    facts["LK_REFUSED"] = bad
    facts["LK_LINKS"] = len(pairs)
    assert len(pairs) + bad == len(lk), "no pair twice"

    text = (EXCEL / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    want = ["import_failure:companies", "spreadsheet_damage:companies",
            "spreadsheet_damage:company_contacts", "spreadsheet_damage:contacts"]
    # import_failure fails above 5%: only companies' share is above it
    assert facts["CO_REFUSED"] * 100 > 5 * len(co)
    assert len(sci_refs) * 100 <= 5 * len(ct) and bad * 100 <= 5 * len(lk)
    assert toml["expect"]["verdict"] == "rollback"
    assert sorted(toml["expect"]["triggers"]) == want, toml["expect"]
    assert "triggers" not in toml, "every threshold is the default"
    for phrase in [
        f"{len(groups['1.18174E+11'])} rows share the key 1.18174E+11",
        f"{facts['CO_REFUSED']} of {len(co)} companies refused",
        f"{facts['CO_ZIP'][1]} of {facts['CO_LOADED']} loaded companies' ZIP codes",
        f"{facts['CT_PHONE'][0][1]} of {facts['CT_PHONE'][1]} phone numbers",
        f"{facts['CT_LEGACY'][0]} of {facts['CT_LEGACY'][1]} Legacy IDs",
        f"{len(sci_refs)} of {len(ct)} contacts refused",
        f"{bad} of {len(lk)} association rows refused",
    ]:
        assert phrase in " ".join(text.replace("#", " ").split()), phrase
    return facts


# ------------------------------------------------------------------------------------------
# salesforce-data-loader-bad-ids
# ------------------------------------------------------------------------------------------
def sf_id(rng: random.Random, prefix: str) -> str:
    """An 18-character id with letters of both cases in its body."""
    while True:
        body = prefix + "5g00000" + b62(rng.randrange(62 ** 5), 5)
        if any(c.isupper() for c in body) and any(c.islower() for c in body):
            return to18(body)


def not_an_id(rng: random.Random, kind: str, n: int, good: str) -> str:
    """`good` damaged the way `kind` says (n: which variant)."""
    if kind == "length":
        return [good[:14], good[:16], good[:17]][n % 3]
    if kind == "character":
        c = "-_#"[n % 3]
        return good[:9] + c + good[10:]
    if kind == "suffix":
        return good[:16] + "6789"[n % 4] + good[17]
    # case: flip one letter of the body so the written suffix no longer matches, keeping
    # both cases in the body (a body of one case is repaired by its suffix, not refused)
    letters = [i for i, ch in enumerate(good[:15]) if ch.isalpha()]
    for k in range(len(letters)):
        i = letters[(n + k) % len(letters)]
        flipped = good[:i] + good[i].swapcase() + good[i + 1:]
        body = flipped[:15]
        if body.upper() != body and body.lower() != body:
            assert to18(body) != flipped
            return flipped
    raise AssertionError(good)


def pad(rng: random.Random, value: str) -> str:
    where = rng.randrange(3)
    p = rng.choice(PADDING)
    return (p if where != 1 else "") + value + (p if where != 0 else "")


def gen_loader() -> dict[str, bytes]:
    rng = random.Random(18151815)
    made: dict[str, int] = {}

    def damage(kind: str, good: str) -> str:
        made[kind] = made.get(kind, 0) + 1
        return not_an_id(rng, kind, made[kind] - 1, good)

    kinds = ["length"] * 3 + ["character"] * 3 + ["suffix"] * 2 + ["case"] * 3
    bad_rows = rng.sample(range(60), len(kinds))
    bad_of = dict(zip(bad_rows, kinds))
    padded = set(rng.sample([i for i in range(60) if i not in bad_of], 6))
    accounts, good_accounts = [], []
    for i in range(60):
        good = sf_id(rng, "001")
        key = good
        if i in bad_of:
            key = damage(bad_of[i], good)
        else:
            good_accounts.append(good)
            if i in padded:
                key = pad(rng, good)
        accounts.append([key, f"{rng.choice(COMPANY)} {i + 1:02d}",
                         rng.choice(["Bogotá", "São Paulo", "Zürich", "Kraków", "Lyon"])])

    ckinds = ["length"] * 3 + ["character"] * 3 + ["case"] * 3
    cbad = dict(zip(rng.sample(range(150), len(ckinds)), ckinds))
    cpad_id = set(rng.sample([i for i in range(150) if i not in cbad], 5))
    cpad_ref = set(rng.sample([i for i in range(150) if i not in cbad], 7))
    contacts, good_contacts = [], []
    for i in range(150):
        cid = sf_id(rng, "003")
        given, last = rng.choice(GIVEN), rng.choice(LAST)
        mail = f"{ascii_slug(given)}.{ascii_slug(last)}{i}@{rng.choice(DOMAINS)}"
        account = rng.choice(good_accounts)
        if rng.random() < 0.4:
            account = account[:15]
        if i in cbad:
            account = damage(cbad[i], to18(account[:15]))
        elif i in cpad_ref:
            account = pad(rng, account)
        if i not in cbad:
            good_contacts.append(cid)
        contacts.append([pad(rng, cid) if i in cpad_id else cid, given, last, mail, account])

    rkinds = ["length"] * 2 + ["character"] * 2 + ["suffix", "case"]
    rbad = dict(zip(rng.sample(range(100), len(rkinds)), rkinds))
    rpad_a = set(rng.sample([i for i in range(100) if i not in rbad], 4))
    rpad_c = set(rng.sample([i for i in range(100) if i not in rbad], 4))
    relations, pairs = [], set()
    for i in range(100):
        while True:
            a, c = rng.choice(good_accounts), rng.choice(good_contacts)
            if (a, c) not in pairs:
                break
        pairs.add((a, c))
        if i in rbad:
            if i % 2:
                a = damage(rbad[i], a)
            else:
                c = damage(rbad[i], c)
        a = pad(rng, a) if i in rpad_a else a
        c = pad(rng, c) if i in rpad_c else c
        relations.append([sf_id(rng, "07k"), a, c, rng.choice(["true", "false"])])
    return {"Account.csv": csv_bytes(AC_H, accounts, True),
            "Contact.csv": csv_bytes(SC_H, contacts, True),
            "AccountContactRelation.csv": csv_bytes(AR_H, relations, True)}


def why_not(value: str) -> str | None:
    """Why `value` is no Salesforce id (the docstring's kinds), or None."""
    if not (value.isascii() and value.isalnum()):
        return "character"
    if len(value) not in (15, 18):
        return "length"
    if len(value) == 18:
        if any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" for c in value[15:].upper()):
            return "suffix"
        body = value[:15]
        one_case = body.upper() == body or body.lower() == body
        if not one_case and to18(body) != value:
            return "case"
    return None


def unicode_padded(value: str) -> bool:
    trimmed = value.strip()
    return trimmed != value and any(not c.isascii() for c in value.replace(trimmed, "", 1))


def check_loader() -> dict[str, object]:
    facts: dict[str, object] = {}
    ac = read(LOADER / "data" / "Account.csv", AC_H, True)
    sc = read(LOADER / "data" / "Contact.csv", SC_H, True)
    ar = read(LOADER / "data" / "AccountContactRelation.csv", AR_H, True)

    def kinds(values: list[str]) -> str:
        found = [why_not(v.strip()) for v in values]
        return ", ".join(f"{k} {found.count(k)}" for k in ("length", "character", "suffix",
                                                            "case") if found.count(k))

    def norm(v: str) -> str:
        v = v.strip()
        return to18(v) if len(v) == 15 else v

    good_a = {norm(r["ID"]) for r in ac if why_not(r["ID"].strip()) is None}
    facts["AC_BAD"] = kinds([r["ID"] for r in ac])
    facts["AC_REFUSED"] = len(ac) - len(good_a)
    facts["AC_LENGTHS"] = sorted({len(r["ID"]) for r in ac if why_not(r["ID"]) == "length"})
    facts["AC_PADDED"] = sum(unicode_padded(r["ID"]) for r in ac)
    good_c = set()
    for r in sc:
        if why_not(r["ACCOUNTID"].strip()) is None:
            assert norm(r["ACCOUNTID"]) in good_a, r
            assert why_not(r["ID"].strip()) is None
            good_c.add(norm(r["ID"]))
    facts["SC_BAD"] = kinds([r["ACCOUNTID"] for r in sc])
    facts["SC_REFUSED"] = len(sc) - len(good_c)
    facts["SC_PADDED"] = (sum(unicode_padded(r["ID"]) for r in sc),
                          sum(unicode_padded(r["ACCOUNTID"]) for r in sc))
    bad_r, links = [], set()
    for r in ar:
        why = why_not(r["ACCOUNTID"].strip()) or why_not(r["CONTACTID"].strip())
        if why:
            bad_r.append(why)
            continue
        assert norm(r["ACCOUNTID"]) in good_a and norm(r["CONTACTID"]) in good_c, r
        links.add((norm(r["ACCOUNTID"]), norm(r["CONTACTID"])))
    assert len(links) + len(bad_r) == len(ar)
    facts["AR_BAD"] = ", ".join(f"{k} {bad_r.count(k)}" for k in ("length", "character",
                                                                  "suffix", "case"))
    facts["AR_PADDED"] = (sum(unicode_padded(r["ACCOUNTID"]) for r in ar),
                          sum(unicode_padded(r["CONTACTID"]) for r in ar))

    text = (LOADER / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    assert all(o["ids"] == "salesforce" for o in toml["object"])
    over = [name for name, n, total in [("companies", facts["AC_REFUSED"], len(ac)),
                                        ("contacts", facts["SC_REFUSED"], len(sc)),
                                        ("account_contacts", len(bad_r), len(ar))]
            if n * 100 > 5 * total]
    assert toml["expect"] == {"verdict": "rollback",
                              "triggers": [f"import_failure:{o}" for o in over]}, toml["expect"]
    for phrase in [f"{facts['AC_REFUSED']} of {len(ac)} accounts refused",
                   f"{facts['SC_REFUSED']} of {len(sc)} contacts refused",
                   f"{len(bad_r)} of {len(ar)} relations refused",
                   f"Account.csv: 6 ids trimmed",
                   f"Contact.csv: {sum(facts['SC_PADDED'])} ids trimmed",
                   f"AccountContactRelation.csv: {sum(facts['AR_PADDED'])} ids trimmed"]:
        assert phrase in " ".join(text.replace("#", " ").split()), phrase
    return facts


EXPECTED: dict[str, object] = {
    "CO_ROWS": 80, "CT_ROWS": 150, "LK_ROWS": 120,
    "CO_GROUPS": "12 x 1.18174E+11 (line 4), 3 x 1.18175E+11 (line 9)",
    "CO_DESTROYED": 15, "CO_DATES": 9, "CO_CLOSES": 3, "CO_REFUSED": 27, "CO_LOADED": 53,
    "CO_ZIP": (5, 7),
    "CT_REFUSED": "7 (6 x 1.18174E+11, 1 x 1.18175E+11)", "CT_LOADED": 143,
    "CT_PHONE_BLANK": (15, 14), "CT_PHONE": ((11, 9), 129),
    "CT_LEGACY": (115, 115), "CT_LEGACY_BLANK": (30, 28),
    "LK_REFUSED": 5, "LK_LINKS": 115,
    "AC_BAD": "length 3, character 3, suffix 2, case 3", "AC_REFUSED": 11,
    "AC_LENGTHS": [14, 16, 17], "AC_PADDED": 6,
    "SC_BAD": "length 3, character 3, case 3", "SC_REFUSED": 9, "SC_PADDED": (5, 7),
    "AR_BAD": "length 2, character 2, suffix 1, case 1", "AR_PADDED": (4, 4),
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for n, b in gen_excel().items():
            write(EXCEL / "data" / n, b)
        for n, b in gen_loader().items():
            write(LOADER / "data" / n, b)
    facts = check_excel() | check_loader()
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    for key in sorted(facts.keys() | EXPECTED.keys()):
        assert facts.get(key) == EXPECTED.get(key), (key, facts.get(key), EXPECTED.get(key))
    doc = " ".join(__doc__.split())
    (_, zip_short), ((_, phone_short), phones) = facts["CO_ZIP"], facts["CT_PHONE"]
    for phrase in [
        f"{facts['CO_ROWS']} rows. Header: Record ID", "12 rows hold 1.18174E+11 (first on line 4)",
        "3 rows hold 1.18175E+11 (first on line 9)", f"{facts['CO_DATES']} rows rewritten",
        f"{zip_short} loaded rows lost their leading zeros",
        f"Refused {facts['CO_REFUSED']} of 80 ({100 * facts['CO_REFUSED'] / 80:.1f}%)",
        f"{facts['CO_LOADED']} loaded.", f"{facts['CO_CLOSES']} rows shortened by Excel",
        f"lost_digits companies.zip: {zip_short} of {facts['CO_LOADED']} values",
        f"{facts['CT_REFUSED'].split(' (')[0]} rows (6 x 1.18174E+11, 1 x 1.18175E+11) refused",
        f"{phone_short} loaded rows lost the leading 0",
        f"blank in {facts['CT_PHONE_BLANK'][0]} rows, {facts['CT_PHONE_BLANK'][1]} of them",
        f"blank in {facts['CT_LEGACY_BLANK'][0]} rows, {facts['CT_LEGACY_BLANK'][1]} of them",
        f"contacts.phone: {phone_short} of {phones} values",
        f"contacts.legacy_id: {facts['CT_LEGACY'][0]} of {facts['CT_LEGACY'][1]} values",
        f"{facts['LK_LINKS']} links between", f"{facts['LK_REFUSED']} rows point at",
        f"Refused {facts['AC_REFUSED']} of 60 (18.3%)", f"{facts['AC_PADDED']} ids padded",
        f"(14, 16 and 17 characters)", f"{facts['SC_REFUSED']} are no Salesforce id",
        f"Padded: {facts['SC_PADDED'][0]} ID cells, {facts['SC_PADDED'][1]} ACCOUNTID cells",
        f"(2 length, 2 character, 1 suffix, 1 case)",
        f"Padded: {facts['AR_PADDED'][0]} ACCOUNTID, {facts['AR_PADDED'][1]} CONTACTID",
    ]:
        assert phrase in doc, phrase
    print("ok: excel-resaved-hubspot-export, salesforce-data-loader-bad-ids")


if __name__ == "__main__":
    main()
