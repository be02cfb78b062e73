#!/usr/bin/env python3
"""Deterministic generator for the join-export and no-cascade scenarios (issue 13, items 4, 5).

Usage (from anywhere):
    python3 scripts/generate_join_scenarios.py          # (re)write the data folders, then verify
    python3 scripts/generate_join_scenarios.py --check  # only verify the files already on disk
    python3 scripts/generate_join_scenarios.py --facts  # also print every fact --check derives

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>);
nothing depends on the date, the environment or set/hash ordering, so two runs write
byte-identical files (written as raw bytes). People and companies are synthetic; e-mails use
made-up domains under .example.

"Line" = 1-based physical line (header = line 1); no cell holds a line break, so row k is on
line k + 1. --check re-reads the bytes with Python's csv module, counts every number below
itself (never from the tool's output), asserts it equals this docstring and the scenario.toml
header comments, and that each [expect] block is the verdict those counts give under the
scenario's thresholds.

---------------------------------------------------------------------------------------------
J. scenarios/hubspot-contacts-with-companies-join/data/                  (seed 20240613)
---------------------------------------------------------------------------------------------
HubSpot files: UTF-8 without BOM, LF, comma-separated, quoted only when needed.
hubspot-companies.csv   40 rows. Header: Record ID,Company name,Company Domain Name,
                        Phone Number,City. Record ID 10-digit, unique; names with accents and
                        quoted commas ("Müller, Schmidt & Co. KG").
hubspot-contacts-with-companies.csv   HubSpot's "contacts with associated companies" export:
  Header: Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Record ID,
          Company name,Phone Number
  The contact's Record ID and Phone Number come first, the company's repeat both labels.
  200 contacts; a contact is written once per associated company, every contact column the
  same, and once with the company columns blank when it has none:
    contacts per number of companies (0: 24, 1: 130, 2: 36, 3: 10)  ->  256 rows
  plus 1 real duplicate: line 231 repeats the Record ID of the contact first on line 59 with
  another Email and Last Name (and one company that contact does not already have).
  257 rows, 258 lines. Contact Phone Number blank for 4 of the 200 contacts (2.0%); the
  company's Phone Number is never blank on a row with a company.
  Read right: contacts 257 = 200 loaded + 56 repeated + 1 rejected (duplicate key, first at
  line 59); the junction from the same file 257 = 257 loaded + 0 rejected, 233 links, 24
  rows without a link (blank company); missing_relationship contacts without a company
  24 of 200 (12.00%, warns above 5%, fails above 20%); critical_blank contacts.phone 4 of
  200 (2.00%); every link resolves.

---------------------------------------------------------------------------------------------
K. scenarios/salesforce-rejected-accounts-no-cascade/data/               (seed 20240702)
---------------------------------------------------------------------------------------------
Data Loader files: UTF-8 without BOM, CRLF, every field double-quoted, UPPERCASE headers.
Ids 18 characters (15 + case-safe suffix), ascending.
Account.csv       80 rows. "ID","NAME","ANNUALREVENUE","BILLINGCITY","BILLINGCOUNTRY"
                  ANNUALREVENUE not a decimal number in 5 rows (1.2M, approx. 250000, TBD ...),
                  lines 9, 19, 30, 45, 67; every other is a plain decimal or E-notation.
Opportunity.csv  240 rows. "ID","NAME","STAGENAME","AMOUNT","CLOSEDATE","ACCOUNTID"
                  ACCOUNTID: 27 rows point at the 5 rejected accounts, first at lines 11, 13,
                  32, 33, 51; 1 row (line 42) points at an account deleted before the export
                  (001 prefix, in no file); 2 blank and 1 000000000000000AAA (no account);
                  the other 209 at loaded accounts. 237 references in all.
  Read right: companies 5 of 80 rejected (6.25%, import_failure fails above 5%); deals 0
  rejected; rejected_reference deals.company 27 of 237 (11.39%, warns); orphan_reference
  deals.company 1 of 237 (0.42%, passes: fail above 0.5%); missing_relationship deals
  without a company 4 of 240 (1.67%, passes: fail above 2%). Counted as orphans the 27
  would make orphan_reference 28 of 237 and missing_relationship 31 of 240: both FAIL.

---------------------------------------------------------------------------------------------
L. scenarios/salesforce-all-deals-rejected-not-measurable/data/          (seed 20240703)
---------------------------------------------------------------------------------------------
Data Loader files as in K.
Account.csv      30 rows, all valid.
Opportunity.csv  60 rows, every AMOUNT written with a decimal comma (German Excel re-save:
                  12.500,00, 980,50): all 60 rejected as not a decimal number; every
                  ACCOUNTID points at a listed account; every STAGENAME set.
  Read right: deals 0 loaded + 60 rejected; import_failure is warn-only in this scenario, so
  it warns (deals 100.00%); critical_blank deals.dealstage, orphan_reference deals.company and
  missing_relationship deals measure 0 of 0 and are NOT MEASURABLE (fail): ROLLBACK.
"""
from __future__ import annotations

import csv
import io
import random
import re
import sys
import tomllib
from decimal import Decimal, InvalidOperation

from generate_mapping_scenarios import Table, cell_clean, csv_bytes, is_email, slug
from sf_common import SCEN, UniqueEmails, b62, to18, write

J_DIR = SCEN / "hubspot-contacts-with-companies-join"
K_DIR = SCEN / "salesforce-rejected-accounts-no-cascade"
L_DIR = SCEN / "salesforce-all-deals-rejected-not-measurable"

GIVEN = ["Zoë", "Ana", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Hannah", "Oliver",
         "Mateo", "Aisha", "Kenji", "Priya", "Ingrid", "Lars", "Giulia", "Marco", "Laura",
         "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Łukasz", "Renée",
         "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa", "Joaquín", "Ayşe"]
LAST = ["Martin", "Taylor", "Wilson", "Rossi", "Jensen", "Tanaka", "Chen", "Singh", "Mensah",
        "Silva", "Novak", "Becker", "Wagner", "Müller", "Schäfer", "Großmann", "García",
        "Núñez", "Lefèvre", "Pérez", "Sørensen", "Öztürk", "Kowalczyk", "Fernández",
        "Björklund", "Çelik", "Dvořák", "Löfgren", "Ibáñez", "Wójcik", "Szabó", "O'Brien"]
FIRMS = ["Müller, Schmidt & Co. KG", "Nordwind Logistik", "Café ☕ Lumière SARL", "Kestrel Labs",
         "Brauhaus Technik GmbH", "Łódź Software sp. z o.o.", "Søndergaard & Sønner A/S",
         "Ibérica Soluciones, S.L.", "Acme Widgets", "Otter & Finch", "Zürich Data AG",
         "Bäckerei Groß", "Atlas Freight", "Horizon Analytics", "Quinta do Vale, Lda.",
         "Pixel Garden", "Émeraude Conseil", "Fjord Systems AS", "Tanaka Shōji", "Blue Heron Inc."]
CITIES = ["Berlin", "München", "Zürich", "Lyon", "Kraków", "Sevilla", "Porto", "Boston",
          "Austin", "Göteborg", "Aarhus", "Wien", "Genève", "São Paulo", "Montréal"]
COUNTRIES = {"Berlin": "Germany", "München": "Germany", "Zürich": "Switzerland",
             "Lyon": "France", "Kraków": "Poland", "Sevilla": "Spain", "Porto": "Portugal",
             "Boston": "United States", "Austin": "United States", "Göteborg": "Sweden",
             "Aarhus": "Denmark", "Wien": "Austria", "Genève": "Switzerland",
             "São Paulo": "Brazil", "Montréal": "Canada"}
DOMAINS = ["nordwind.example", "lumen-apps.example", "brauhaus-tech.example", "mail.example"]
STAGES = ["subscriber", "lead", "marketingqualifiedlead", "opportunity", "customer"]
SF_STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review",
             "Closed Won", "Closed Lost"]
PRODUCTS = ["Annual licence", "Enterprise plan", "Pilot project", "Support renewal",
            "Onboarding package", "API add-on"]
BAD_REVENUE = ["1.2M", "approx. 250000", "TBD", "€ 45000", "12 Mio."]
EMPTY_ID = "000000000000000AAA"

J_CONTACT_H = ["Record ID", "First Name", "Last Name", "Email", "Phone Number",
               "Lifecycle Stage", "Record ID", "Company name", "Phone Number"]
J_COMPANY_H = ["Record ID", "Company name", "Company Domain Name", "Phone Number", "City"]
ACCOUNT_H = ["ID", "NAME", "ANNUALREVENUE", "BILLINGCITY", "BILLINGCOUNTRY"]
DEAL_H = ["ID", "NAME", "STAGENAME", "AMOUNT", "CLOSEDATE", "ACCOUNTID"]


def us_phone(rng: random.Random) -> str:
    return f"+1 {rng.choice(['617', '512', '415', '212'])}-555-{rng.randrange(100, 200):04d}"


def de_phone(rng: random.Random) -> str:
    return f"+49 30 {rng.randrange(1000000, 9999999)}"


# ------------------------------------------------------------------------------------------
# Data Loader CSV: every field quoted, CRLF
# ------------------------------------------------------------------------------------------
def dl_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), r
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def dl_read(path) -> tuple[list[str], list[list[str]]]:
    """A Data Loader file re-read: header and rows, asserting the exact byte form."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n"), path
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body), path
    assert all("\n" not in c and "\r" not in c for r in body for c in r), path
    assert dl_bytes(header, body) == raw, f"{path}: not Data Loader canonical"
    assert raw.count(b"\r\n") == len(body) + 1, path
    for r in body:
        assert all(cell_clean(c) for c in r), r
    return header, body


def header_comment(text: str) -> str:
    """The scenario.toml's header comment as one line of words."""
    lines = [ln[1:] for ln in text.splitlines() if ln.startswith("#")]
    return " ".join(" ".join(lines).split())


def sf_ids(rng: random.Random, prefix: str, n: int) -> list[str]:
    counters = sorted(rng.sample(range(62 ** 5, 62 ** 6), n))
    return [to18(prefix + "5g0000" + b62(c, 6)) for c in counters]


def is_decimal(text: str) -> bool:
    """The default decimal style: digits with an optional . part, or E-notation."""
    if not re.fullmatch(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", text):
        return False
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


# ------------------------------------------------------------------------------------------
# J. hubspot-contacts-with-companies-join
# ------------------------------------------------------------------------------------------
def gen_j() -> dict[str, bytes]:
    rng = random.Random(20240613)
    companies = []
    rid = 9_100_000_000
    for i in range(40):
        rid += rng.randint(1, 90_000)
        name = FIRMS[i % len(FIRMS)] + ("" if i < len(FIRMS) else f" {['Nord', 'Süd'][i % 2]}")
        companies.append([str(rid), name, f"{slug(name, '-')}.example", de_phone(rng),
                          rng.choice(CITIES)])
    ks = [0] * 24 + [1] * 130 + [2] * 36 + [3] * 10
    rng.shuffle(ks)
    blank_phone = set(rng.sample(range(200), 4))
    emails = UniqueEmails(lambda s: slug(s, "."))
    rows, cid = [], 51_000_000
    first_line: dict[str, int] = {}
    own_companies: dict[str, list[int]] = {}
    for i, k in enumerate(ks):
        cid += rng.randint(1, 4000)
        given, last = rng.choice(GIVEN), rng.choice(LAST)
        contact = [str(cid), given, last, emails.make(given, last, rng.choice(DOMAINS)),
                   "" if i in blank_phone else us_phone(rng), rng.choice(STAGES)]
        picked = sorted(rng.sample(range(40), k))
        own_companies[str(cid)] = picked
        first_line[str(cid)] = len(rows) + 2
        if not picked:
            rows.append(contact + ["", "", ""])
        for c in picked:
            rows.append(contact + [companies[c][0], companies[c][1], companies[c][3]])
    # The real duplicate: the first contact with a company to start on line 57 or after,
    # again with other values, before the first contact to start on line 231 or after.
    victim = next(r for r in rows if first_line[r[0]] >= 57 and own_companies[r[0]])
    other = next(c for c in range(40) if c not in own_companies[victim[0]])
    dup = [victim[0], victim[1], "Müller-Lüdenscheidt", f"{slug(victim[1], '.')}@other.example",
           victim[4], victim[5], companies[other][0], companies[other][1], companies[other][3]]
    at = min(line for line in first_line.values() if line >= 231)
    rows.insert(at - 2, dup)
    return {"hubspot-companies.csv": csv_bytes(J_COMPANY_H, companies),
            "hubspot-contacts-with-companies.csv": csv_bytes(J_CONTACT_H, rows)}


def check_j() -> dict[str, object]:
    facts: dict[str, object] = {}
    co = Table(J_DIR / "data" / "hubspot-companies.csv", J_COMPANY_H)
    jx = Table(J_DIR / "data" / "hubspot-contacts-with-companies.csv", J_CONTACT_H)
    assert all(a == b for a, b in co.lines + jx.lines), "no multi-line cells"
    company_ids = co.col("Record ID")
    assert len(set(company_ids)) == len(company_ids)
    facts["J_COMPANIES"] = len(co.rows)
    facts["J_ROWS"], facts["J_LINES"] = len(jx.rows), jx.n_lines
    contact_cols = slice(0, 6)   # Record ID#1 .. Lifecycle Stage: what contacts map
    first: dict[str, tuple[int, list[str]]] = {}
    repeated, duplicates, no_link, links, dangling = 0, [], 0, 0, 0
    pairs: set[tuple[str, str]] = set()
    for (line, _), r in zip(jx.lines, jx.rows):
        key, values = r[0], r[contact_cols]
        assert key and is_email(r[3])
        if key not in first:
            first[key] = (line, values)
        elif first[key][1] == values:
            repeated += 1
        else:
            duplicates.append((line, first[key][0]))
        company = r[6]
        if company == "":
            assert r[7] == r[8] == "", r
            no_link += 1
        else:
            links += 1
            assert r[8], "a company row always has the company's phone"
            dangling += company not in company_ids
            assert (key, company) not in pairs, "no repeated link"
            pairs.add((key, company))
    facts["J_CONTACTS"] = len(first)
    facts["J_REPEATED"], facts["J_NO_LINK"], facts["J_LINKS"] = repeated, no_link, links
    assert dangling == 0
    facts["J_DUPLICATES"] = "; ".join(f"line {a} first at line {b}" for a, b in duplicates)
    assert len(first) + repeated + len(duplicates) == len(jx.rows)
    # What each contact (its first row) has: phone, companies.
    blank_phone = sum(v[4] == "" for _, v in first.values())
    facts["J_BLANK_PHONE"] = blank_phone
    per: dict[str, int] = {k: 0 for k in first}
    for r in jx.rows:
        per[r[0]] += r[6] != ""
    without = sum(n == 0 for n in per.values())
    facts["J_WITHOUT_COMPANY"] = without
    sizes = [0, 0, 0, 0]
    dup_lines = {a for a, _ in duplicates}
    for key in first:
        n = sum(1 for (line, _), r in zip(jx.lines, jx.rows)
                if r[0] == key and line not in dup_lines and r[6])
        sizes[n] += 1
    facts["J_SIZES"] = ", ".join(f"{i}: {n}" for i, n in enumerate(sizes))
    # Had the tool read the company's Phone Number (#2) for the contact, its blanks:
    facts["J_BLANK_PHONE_IF_2ND"] = sum(r[8] == "" for r in
                                        (next(x for x in jx.rows if x[0] == k) for k in first))

    text = (J_DIR / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    objs = {o["name"]: o for o in toml["object"]}
    assert objs["contacts"]["key"] == "Record ID#1"
    assert objs["contacts"]["file"] == "data/hubspot-contacts-with-companies.csv"
    cf = objs["contacts"]["fields"]
    assert cf["phone"] == {"from": "Phone Number#1", "critical": True}
    assert set(cf) == {"firstname", "lastname", "email", "phone", "lifecyclestage"}
    (junction,) = toml["junction"]
    assert junction["file"] == objs["contacts"]["file"]
    assert junction["left"] == {"from": "Record ID#1", "ref": "contacts"}
    assert junction["right"] == {"from": "Record ID#2", "ref": "companies"}
    mr = toml["triggers"]["missing_relationship"]
    assert (mr["warn"], mr["fail"]) == ("5%", "20%")
    contacts = len(first)
    failing = []
    if len(duplicates) * 100 > 5 * len(jx.rows):
        failing.append("import_failure:contacts")
    if blank_phone * 100 > 3 * contacts:
        failing.append("critical_blank:contacts.phone")
    if without * 100 > 20 * contacts:
        failing.append("missing_relationship")
    want = {"verdict": "rollback" if failing else "go", "triggers": failing}
    assert toml["expect"] == want, (toml["expect"], want)
    assert facts["J_BLANK_PHONE_IF_2ND"] * 100 > 3 * contacts, "the wrong column would fail"
    facts["J_VERDICT"] = want["verdict"]
    for phrase in [
        f"contacts {len(jx.rows)} = {contacts} loaded + {repeated} repeated + "
        f"{len(duplicates)} rejected",
        f"junction {len(jx.rows)} = {len(jx.rows)} loaded + 0 rejected, {links} links, "
        f"{no_link} without a link",
        f"missing_relationship {without} of {contacts} contacts",
        f"critical_blank contacts.phone {blank_phone} of {contacts}",
        f"line {duplicates[0][0]} repeats the Record ID first on line {duplicates[0][1]}",
    ]:
        assert " ".join(phrase.split()) in header_comment(text), phrase
    return facts


# ------------------------------------------------------------------------------------------
# K. salesforce-rejected-accounts-no-cascade
# ------------------------------------------------------------------------------------------
def gen_k() -> dict[str, bytes]:
    rng = random.Random(20240702)
    ids = sf_ids(rng, "001", 81)
    deleted = ids.pop(47)  # an account deleted before the export: in no file
    bad_lines = [9, 19, 30, 45, 67]
    accounts = []
    for i, aid in enumerate(ids):
        city = rng.choice(CITIES)
        name = f"{rng.choice(FIRMS)} {city}"
        if i + 2 in bad_lines:
            revenue = BAD_REVENUE[bad_lines.index(i + 2)]
        elif rng.random() < 0.15:
            revenue = f"{rng.randint(1, 9)}.{rng.randint(0, 9)}E{rng.randint(5, 8)}"
        else:
            revenue = f"{rng.randint(10, 9000) * 1000}.{rng.choice(['00', '50', '25'])}"
        accounts.append([aid, name, revenue, city, COUNTRIES[city]])
    rejected = [ids[line - 2] for line in bad_lines]
    loaded = [a for a in ids if a not in rejected]
    deal_ids = sf_ids(rng, "006", 240)
    kinds = (["rejected"] * 27 + ["deleted"] + ["blank"] * 2 + ["empty"] + ["ok"] * 209)
    rng.shuffle(kinds)
    # Keep the documented first lines: every rejected account is pointed at.
    deals = []
    for n, (did, kind) in enumerate(zip(deal_ids, kinds)):
        account = {"rejected": lambda: rejected[n % 5], "deleted": lambda: deleted,
                   "blank": lambda: "", "empty": lambda: EMPTY_ID,
                   "ok": lambda: rng.choice(loaded)}[kind]()
        amount = (f"{rng.randint(1, 9)}.{rng.randint(0, 9)}E{rng.randint(4, 6)}"
                  if rng.random() < 0.1 else f"{rng.randint(5, 900) * 100}")
        deals.append([did, f"{rng.choice(LAST)} – {rng.choice(PRODUCTS)}",
                      rng.choice(SF_STAGES), amount,
                      f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", account])
    return {"Account.csv": dl_bytes(ACCOUNT_H, accounts),
            "Opportunity.csv": dl_bytes(DEAL_H, deals)}


def check_k() -> dict[str, object]:
    facts: dict[str, object] = {}
    ah, accounts = dl_read(K_DIR / "data" / "Account.csv")
    dh, deals = dl_read(K_DIR / "data" / "Opportunity.csv")
    assert (ah, dh) == (ACCOUNT_H, DEAL_H)
    for aid in [a[0] for a in accounts] + [d[0] for d in deals]:
        assert len(aid) == 18 and to18(aid[:15]) == aid
    assert [a[0] for a in accounts] == sorted({a[0] for a in accounts})
    bad = [k + 2 for k, a in enumerate(accounts) if not is_decimal(a[2])]
    facts["K_ACCOUNTS"], facts["K_REJECTED_LINES"] = len(accounts), ", ".join(map(str, bad))
    rejected_ids = {accounts[line - 2][0] for line in bad}
    loaded_ids = {a[0] for a in accounts} - rejected_ids
    to_rejected, absent, no_ref = [], [], 0
    for k, d in enumerate(deals):
        assert is_decimal(d[3]) and d[2] in SF_STAGES and re.fullmatch(r"\d{4}-\d\d-\d\d", d[4])
        ref = d[5]
        if ref in ("", EMPTY_ID):
            no_ref += 1
        elif ref in rejected_ids:
            to_rejected.append(k + 2)
        elif ref not in loaded_ids:
            assert ref.startswith("001")
            absent.append(k + 2)
    refs = len(deals) - no_ref
    facts["K_DEALS"], facts["K_REFS"] = len(deals), refs
    facts["K_TO_REJECTED"] = len(to_rejected)
    facts["K_TO_REJECTED_FIRST"] = ", ".join(map(str, to_rejected[:5]))
    facts["K_ABSENT_LINES"] = ", ".join(map(str, absent))
    facts["K_NO_REF"] = no_ref
    assert {deals[line - 2][5] for line in to_rejected} == rejected_ids, "each is pointed at"
    without = no_ref + len(absent)  # a deal whose company is not in the export has none

    text = (K_DIR / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    objs = {o["name"]: o for o in toml["object"]}
    assert objs["companies"]["fields"]["revenue"] == {"from": "ANNUALREVENUE", "type": "decimal"}
    assert objs["deals"]["fields"]["company"]["ref"] == "companies"
    assert toml["triggers"] == {"missing_relationship": {"parent": "deals",
                                                          "via": "deals.company"}}
    failing = []
    if len(bad) * 100 > 5 * len(accounts):
        failing.append("import_failure:companies")
    if len(absent) * 1000 > 5 * refs:
        failing.append("orphan_reference")
    if without * 100 > 2 * len(deals):
        failing.append("missing_relationship")
    want = {"verdict": "rollback" if failing else "go", "triggers": failing}
    assert toml["expect"] == want, (toml["expect"], want)
    # Counted as orphans, the references to rejected rows would fail both.
    assert (len(absent) + len(to_rejected)) * 1000 > 5 * refs
    assert (without + len(to_rejected)) * 100 > 2 * len(deals)
    facts["K_VERDICT"] = want["verdict"]
    pct = lambda a, b: f"{100 * a / b:.2f}%"  # noqa: E731
    for phrase in [
        f"companies {len(bad)} of {len(accounts)} rejected ({pct(len(bad), len(accounts))})",
        f"lines {facts['K_REJECTED_LINES']}",
        f"rejected_reference deals.company {len(to_rejected)} of {refs} "
        f"({pct(len(to_rejected), refs)})",
        f"orphan_reference deals.company {len(absent)} of {refs} ({pct(len(absent), refs)})",
        f"missing_relationship {without} of {len(deals)} deals ({pct(without, len(deals))})",
        f"{len(absent) + len(to_rejected)} of {refs} and {without + len(to_rejected)} of "
        f"{len(deals)}",
        f"line {facts['K_ABSENT_LINES']}",
    ]:
        assert " ".join(phrase.split()) in header_comment(text), phrase
    return facts


# ------------------------------------------------------------------------------------------
# L. salesforce-all-deals-rejected-not-measurable
# ------------------------------------------------------------------------------------------
def gen_l() -> dict[str, bytes]:
    rng = random.Random(20240703)
    ids = sf_ids(rng, "001", 30)
    accounts = []
    for aid in ids:
        city = rng.choice(CITIES)
        accounts.append([aid, f"{rng.choice(FIRMS)} {city}",
                         f"{rng.randint(10, 9000) * 1000}.00", city, COUNTRIES[city]])
    deals = []
    for did in sf_ids(rng, "006", 60):
        euros = rng.randint(500, 90000)
        amount = f"{euros:,}".replace(",", ".") + f",{rng.choice(['00', '50'])}"
        deals.append([did, f"{rng.choice(LAST)} – {rng.choice(PRODUCTS)}",
                      rng.choice(SF_STAGES), amount,
                      f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(ids)])
    return {"Account.csv": dl_bytes(ACCOUNT_H, accounts),
            "Opportunity.csv": dl_bytes(DEAL_H, deals)}


def check_l() -> dict[str, object]:
    facts: dict[str, object] = {}
    _, accounts = dl_read(L_DIR / "data" / "Account.csv")
    _, deals = dl_read(L_DIR / "data" / "Opportunity.csv")
    assert all(is_decimal(a[2]) for a in accounts)
    account_ids = {a[0] for a in accounts}
    rejected = sum(not is_decimal(d[3]) for d in deals)
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d\d", d[3]) for d in deals)
    assert all(d[5] in account_ids and d[2] for d in deals)
    facts["L_ACCOUNTS"], facts["L_DEALS"], facts["L_REJECTED"] = (
        len(accounts), len(deals), rejected)
    text = (L_DIR / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    objs = {o["name"]: o for o in toml["object"]}
    assert objs["deals"]["fields"]["amount"] == {"from": "AMOUNT", "type": "decimal"}
    assert objs["deals"]["fields"]["dealstage"]["critical"] is True
    assert toml["triggers"]["import_failure"] == {"warn": "0%", "fail": "off"}
    loaded = len(deals) - rejected
    # With no deal loaded, each fail-level trigger on deals measures 0 of 0: not measurable.
    failing = ([] if loaded else
               ["critical_blank:deals.dealstage", "orphan_reference:deals.company → companies",
                "missing_relationship:deals via deals.company"])
    want = {"verdict": "rollback" if failing else "go", "triggers": failing}
    assert toml["expect"] == want, (toml["expect"], want)
    facts["L_VERDICT"] = want["verdict"]
    phrase = f"deals 0 loaded + {rejected} rejected"
    assert phrase in header_comment(text), phrase
    return facts


# ------------------------------------------------------------------------------------------
def check_all() -> dict[str, object]:
    facts = {**check_j(), **check_k(), **check_l()}

    def norm(v: object) -> str:
        return " ".join(str(v).split())
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert norm(facts[key]) == norm(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    doc = norm(__doc__)
    for phrase in [
        f"{facts['J_COMPANIES']} rows. Header: Record ID,Company name",
        f"{facts['J_ROWS']} rows, {facts['J_LINES']} lines",
        f"{facts['J_CONTACTS']} contacts; a contact", f"({facts['J_SIZES']})",
        f"blank for {facts['J_BLANK_PHONE']} of the 200",
        f"{facts['K_ACCOUNTS']} rows. \"ID\"", f"lines {facts['K_REJECTED_LINES']};",
        f"{facts['K_TO_REJECTED']} rows point at the 5 rejected accounts, first at lines "
        f"{facts['K_TO_REJECTED_FIRST']};", f"1 row (line {facts['K_ABSENT_LINES']})",
        f"{facts['K_REFS']} references in all", f"{facts['L_DEALS']} rows, every AMOUNT",
        f"all {facts['L_REJECTED']} rejected",
    ]:
        assert norm(phrase) in doc, phrase
    return facts


# Every fact --check derives from the files, as stated in the docstring.
EXPECTED: dict[str, object] = {
    "J_BLANK_PHONE": 4,
    "J_BLANK_PHONE_IF_2ND": 24,
    "J_COMPANIES": 40,
    "J_CONTACTS": 200,
    "J_DUPLICATES": 'line 231 first at line 59',
    "J_LINES": 258,
    "J_LINKS": 233,
    "J_NO_LINK": 24,
    "J_REPEATED": 56,
    "J_ROWS": 257,
    "J_SIZES": '0: 24, 1: 130, 2: 36, 3: 10',
    "J_VERDICT": 'go',
    "J_WITHOUT_COMPANY": 24,
    "K_ABSENT_LINES": '42',
    "K_ACCOUNTS": 80,
    "K_DEALS": 240,
    "K_NO_REF": 3,
    "K_REFS": 237,
    "K_REJECTED_LINES": '9, 19, 30, 45, 67',
    "K_TO_REJECTED": 27,
    "K_TO_REJECTED_FIRST": '11, 13, 32, 33, 51',
    "K_VERDICT": 'rollback',
    "L_ACCOUNTS": 30,
    "L_DEALS": 60,
    "L_REJECTED": 60,
    "L_VERDICT": 'rollback',
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for folder, files in ((J_DIR, gen_j()), (K_DIR, gen_k()), (L_DIR, gen_l())):
            for n, b in files.items():
                write(folder / "data" / n, b)
    facts = check_all()
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    print("ok: hubspot-contacts-with-companies-join, salesforce-rejected-accounts-no-cascade, "
          "salesforce-all-deals-rejected-not-measurable")


if __name__ == "__main__":
    main()
