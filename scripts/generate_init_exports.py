#!/usr/bin/env python3
"""Deterministic generator for the raw export folders `tests/init.rs` runs `init` on.

Usage (from anywhere):
    python3 scripts/generate_init_exports.py          # (re)write the folders, then verify
    python3 scripts/generate_init_exports.py --check  # only verify the files already on disk
    python3 scripts/generate_init_exports.py --facts  # also print every fact --check derives

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>);
nothing depends on the date, the environment or set/hash ordering, so two runs write
byte-identical files (written as raw bytes). People and companies are synthetic; e-mails use
made-up domains under .example.

Each folder tests/init-exports/<kind>/ holds data/ (the exports, NO scenario.toml: `init`
must write it) and expected.toml: `from`, `to`, the verdict, and one [[trigger]] per trigger
a careful hand-written scenario FAILS on, with the object as `init` names it for the target,
the referenced object (`target`, orphan_reference only, when the name is certain) and the
count and total injected here. hand-written.toml beside it (written by hand, not by this
script) is a careful scenario for the same data/; tests/init.rs checks that it reproduces
expected.toml exactly, so every number there is reachable. --check re-reads the bytes, recounts every number itself
(identifying each file's object from its content, never from its name) and asserts the
recount equals EXPECTED below, this docstring and expected.toml.

---------------------------------------------------------------------------------------------
a. data-loader-extracts   --from salesforce --to hubspot                      (seed 20261205)
---------------------------------------------------------------------------------------------
Data Loader extracts: windows-1252 (Latin-1 letters only: Müller, Françoise), CRLF, every
field double-quoted, UPPERCASE headers, 18-character ids. File names say nothing:
  extract.csv   Opportunity 260 rows  ID,NAME,STAGENAME,AMOUNT,CLOSEDATE,ACCOUNTID,OWNERID
  extract1.csv  User         10 rows  ID,NAME,EMAIL,ISACTIVE
  extract2.csv  OpportunityContactRole 254 rows  ID,OPPORTUNITYID,CONTACTID,ROLE,ISPRIMARY
  extract3.csv  Contact     200 rows  ID,FIRSTNAME,LASTNAME,EMAIL,PHONE,ACCOUNTID,OWNERID
  extract4.csv  Account      50 rows  ID,NAME,INDUSTRY,PHONE,BILLINGCITY,OWNERID,PARENTID
  STAGENAME only the ten standard stages; CLOSEDATE YYYY-MM-DD; every ACCOUNTID, OWNERID and
  PARENTID (8 set, 42 blank) resolves.
  Defects: 60 of 260 opportunities have no contact role (23.08%; missing_relationship deals,
  fails above 2%); 8 of 200 contacts have a blank EMAIL (4.00%; critical_blank, fails above
  3%); 4 of 254 contact roles name a contact id (003) in no file (orphan_reference
  deal_contacts.right -> contacts), each on an opportunity that has another, valid role.

---------------------------------------------------------------------------------------------
b. hubspot-join           --from hubspot --to salesforce                      (seed 20261206)
---------------------------------------------------------------------------------------------
HubSpot files: UTF-8 without BOM, LF, quoted only when needed.
  hubspot-companies-export.csv  40 rows  Record ID,Company name,Company Domain Name,
                                Phone Number,City
  hubspot_contacts.csv  contacts with associated companies: Record ID,First Name,Last Name,
    Email,Phone Number,Lifecycle Stage,Record ID,Company name,Phone Number (the second
    Record ID and Phone Number are the company's). 200 contacts, written once per company
    and once with blank company columns when they have none:
      contacts per number of companies (0: 24, 1: 130, 2: 36, 3: 10) -> 256 rows
    plus 5 rows linking a contact that has a valid company to a company id in no file:
    261 rows, 237 links.
  Defects: 24 of 200 contacts have no company (12.00%; missing_relationship contacts);
  10 of 200 contacts have a blank Email (5.00%; critical_blank); 5 of 237 links name a
  company that is in no companies file (2.11%; orphan_reference).

---------------------------------------------------------------------------------------------
c. spreadsheet-crm        --from csv --to hubspot                             (seed 20261207)
---------------------------------------------------------------------------------------------
The Maven Analytics "CRM sales opportunities" shape: UTF-8, LF, quoted only when needed;
lookups by NAME.
  accounts.csv        60 rows  account,sector,year_established,revenue,employees,
                               office_location,subsidiary_of (12 set, each a listed account)
  products.csv         7 rows  product,series,sales_price
  sales_teams.csv     30 rows  sales_agent,manager,regional_office
  sales_pipeline.csv 300 rows  opportunity_id,sales_agent,product,account,deal_stage,
                               engage_date,close_date,close_value
  deal_stage Prospecting / Engaging / Won / Lost; open deals leave close_date and
  close_value blank (Prospecting also engage_date), as the real dataset does.
  Defects: 51 of 300 deals name product "GTXPro" where products.csv has "GTX Pro" (17.00%;
  orphan_reference deals -> products); 48 of 300 deals have a blank account (16.00%;
  missing_relationship deals, fails above 2%), all open deals, none of them a GTXPro deal.

---------------------------------------------------------------------------------------------
d. weekly-export          --from salesforce --to hubspot                      (seed 20261208)
---------------------------------------------------------------------------------------------
Salesforce weekly export: windows-1252 with accents, CRLF, every cell quoted, CamelCase
headers, 18-character ids.
  User.csv                    12 rows  Id,Name,Email,IsActive,CreatedDate
  Account.csv                 60 rows  Id,Name,Industry,Phone,BillingCity,BillingCountry,
                                       OwnerId,CreatedDate
  Contact.csv                150 rows  Id,FirstName,LastName,Email,Phone,AccountId,OwnerId,
                                       CreatedDate
  Opportunity.csv            200 rows  Id,Name,StageName,Amount,CloseDate,AccountId,OwnerId,
                                       CreatedDate
  OpportunityContactRole.csv 200 rows  Id,OpportunityId,ContactId,Role,IsPrimary,CreatedDate
  CloseDate like 2022-12-02 00:00:00, CreatedDate like 2022-11-30T14:05:00.000Z, Amount with
  two decimals, Phone as (212) 555-0147, +44 20 7946 0958 or 212.555.0147.
  Defects: 20 of 200 opportunities have an OwnerId (005) that is in no User.csv row
  (10.00%; orphan_reference deals); 40 of 200 opportunities have no contact role (20.00%;
  missing_relationship deals). Every other reference resolves.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import tomllib
from collections import Counter

from sf_common import ROOT, UniqueEmails, ascii_fold, b62, rand_date, to18, write

OUT = ROOT / "tests" / "init-exports"

GIVEN = ["Anna", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Hannah", "Oliver",
         "Mateo", "Aisha", "Kenji", "Priya", "Ingrid", "Lars", "Giulia", "Marco", "Laura",
         "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Françoise", "Renée",
         "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa", "Joaquín", "Zoë"]
LAST = ["Martin", "Taylor", "Wilson", "Rossi", "Jensen", "Tanaka", "Chen", "Singh", "Mensah",
        "Silva", "Novak", "Becker", "Wagner", "Müller", "Schäfer", "Großmann", "García",
        "Núñez", "Lefèvre", "Pérez", "Sørensen", "Öztürk", "Fernández", "Björklund",
        "Ibáñez", "Szabó", "O'Brien", "Dubois", "Løvström", "Nuñez-Ortiz"]
FIRMS = ["Müller, Schmidt & Co. KG", "Nordwind Logistik", "Café Lumière SARL", "Kestrel Labs",
         "Brauhaus Technik GmbH", "Søndergaard & Sønner A/S", "Ibérica Soluciones, S.L.",
         "Acme Widgets", "Otter & Finch", "Zürich Data AG", "Bäckerei Groß", "Atlas Freight",
         "Horizon Analytics", "Quinta do Vale, Lda.", "Pixel Garden", "Émeraude Conseil",
         "Fjord Systems AS", "Blue Heron Inc.", "Château Réseaux", "Göta Kanal Tech"]
CITIES = {"Berlin": "Germany", "München": "Germany", "Zürich": "Switzerland",
          "Lyon": "France", "Sevilla": "Spain", "Porto": "Portugal", "Boston": "United States",
          "Austin": "United States", "Göteborg": "Sweden", "Aarhus": "Denmark",
          "Wien": "Austria", "Genève": "Switzerland", "São Paulo": "Brazil",
          "Montréal": "Canada", "London": "United Kingdom"}
INDUSTRIES = ["Technology", "Manufacturing", "Retail", "Finance", "Healthcare", "Energy",
              "Logistics", "Education"]
SF_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
             "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
             "Negotiation/Review", "Closed Won", "Closed Lost"]
ROLES = ["Decision Maker", "Economic Buyer", "Technical Buyer", "Evaluator", "Influencer",
         "Business User"]
HS_STAGES = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
             "opportunity", "customer"]
PRODUCTS = [("GTX Basic", "GTX", "550"), ("GTX Pro", "GTX", "4821"),
            ("MG Special", "MG", "55"), ("MG Advanced", "MG", "3393"),
            ("GTX Plus Pro", "GTX", "5482"), ("GTX Plus Basic", "GTX", "1096"),
            ("GTK 500", "GTK", "26768")]
MAVEN_STAGES = ["Prospecting", "Engaging", "Won", "Lost"]
SECTORS = ["technolgy", "medical", "retail", "software", "entertainment", "marketing",
           "finance", "services", "telecommunications", "employment"]
LATIN1_NAMES = re.compile(r"[^\x00-\xff]")


def slug(s: str, sep: str = "") -> str:
    return re.sub(r"[^a-z0-9]+", sep, ascii_fold(s).lower()).strip(sep)




# ------------------------------------------------------------------------------------------
# CSV bytes
# ------------------------------------------------------------------------------------------
def csv_out(header: list[str], rows: list[list[str]], *, quote_all: bool, crlf: bool,
            encoding: str) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                   lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (header, r)
        w.writerow(r)
    return buf.getvalue().encode(encoding)


def sf_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    return csv_out(header, rows, quote_all=True, crlf=True, encoding="cp1252")


def hs_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    return csv_out(header, rows, quote_all=False, crlf=False, encoding="utf-8")


def read_csv(path, *, sf: bool) -> tuple[list[str], list[list[str]]]:
    """A file re-read, asserting its exact byte form (encoding, line ends, quoting)."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), path
    if sf:
        # windows-1252 with accents: NOT valid UTF-8, CRLF only, every field quoted.
        if any(b > 127 for b in raw):
            try:
                raw.decode("utf-8")
                raise AssertionError(f"{path}: decodes as UTF-8, expected windows-1252")
            except UnicodeDecodeError:
                pass
        text = raw.decode("cp1252")
        assert raw.count(b"\n") == raw.count(b"\r\n"), path
    else:
        text = raw.decode("utf-8")
        assert b"\r" not in raw, path
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body), path
    assert all("\n" not in c and "\r" not in c for r in body for c in r), path
    again = sf_bytes(header, body) if sf else hs_bytes(header, body)
    assert again == raw, f"{path}: not in canonical form"
    assert 0 < len(body) <= 300, (path, len(body))
    assert any(ord(ch) > 127 for r in body for c in r for ch in c) or path.name in (
        "accounts.csv", "products.csv", "sales_teams.csv", "sales_pipeline.csv", "extract2.csv",
        "extract.csv", "OpportunityContactRole.csv", "Opportunity.csv"), path
    return header, body


def sf_ids(rng: random.Random, prefix: str, n: int) -> list[str]:
    counters = sorted(rng.sample(range(62 ** 5, 62 ** 6), n))
    return [to18(prefix + "5g0000" + b62(c, 6)) for c in counters]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(LAST)


def phone(rng: random.Random, style: int) -> str:
    n = rng.randrange(100, 200)
    area = rng.choice(["212", "415", "617", "512"])
    if style == 0:
        return f"({area}) 555-{n:04d}"
    if style == 1:
        return f"+44 20 7946 {rng.randrange(0, 1000):04d}"
    return f"{area}.555.{n:04d}"


def latin1_ok(rows: list[list[str]]) -> None:
    for r in rows:
        for c in r:
            assert not LATIN1_NAMES.search(c), c


# ------------------------------------------------------------------------------------------
# a. data-loader-extracts
# ------------------------------------------------------------------------------------------
A_FILES = {"Opportunity": "extract.csv", "User": "extract1.csv",
           "OpportunityContactRole": "extract2.csv", "Contact": "extract3.csv",
           "Account": "extract4.csv"}


def gen_a() -> dict[str, bytes]:
    rng = random.Random(20261205)
    emails = UniqueEmails(slug)
    uids = sf_ids(rng, "005", 10)
    users = []
    for i, u in enumerate(uids):
        f, last = person(rng)
        users.append([u, f"{f} {last}", emails.make(f, last, "salesorg.example"),
                      "false" if i in (3, 8) else "true"])
    aids = sf_ids(rng, "001", 50)
    with_parent = set(rng.sample(range(10, 50), 8))
    accounts = []
    for i, a in enumerate(aids):
        city = rng.choice(sorted(CITIES))
        accounts.append([a, FIRMS[i % len(FIRMS)] + ("" if i < 20 else f" {i // 20 + 1}"),
                         rng.choice(INDUSTRIES), phone(rng, i % 3), city, rng.choice(uids),
                         aids[rng.randrange(0, 10)] if i in with_parent else ""])
    cids = sf_ids(rng, "003", 204)
    cids, ghost = cids[:200], cids[200:]
    blank_email = set(rng.sample(range(200), 8))
    contacts = []
    for i, c in enumerate(cids):
        f, last = person(rng)
        contacts.append([c, f, last, "" if i in blank_email else
                         emails.make(f, last, rng.choice(["kunde.example", "mail.example"])),
                         phone(rng, rng.randrange(3)), rng.choice(aids), rng.choice(uids)])
    oids = sf_ids(rng, "006", 260)
    no_role = set(rng.sample(range(260), 60))
    opps = []
    for i, o in enumerate(oids):
        close = rand_date(rng, dt.date(2023, 1, 1), dt.date(2025, 6, 30))
        opps.append([o, f"{accounts[i % 50][1]} - deal {i + 1}", rng.choice(SF_STAGES),
                     f"{rng.randrange(500, 250000)}.{rng.choice(['00', '50', '25'])}",
                     close.isoformat(), rng.choice(aids), rng.choice(uids)])
    with_role = [i for i in range(260) if i not in no_role]
    twice = set(rng.sample(with_role, 50))
    links = []
    for i in with_role:
        for k, c in enumerate(rng.sample(cids, 2 if i in twice else 1)):
            links.append([oids[i], c, rng.choice(ROLES), "true" if k == 0 else "false"])
    for g, i in zip(ghost, rng.sample(with_role, 4)):
        links.insert(rng.randrange(len(links) + 1), [oids[i], g, "Influencer", "false"])
    ocr = [[r] + link for r, link in zip(sf_ids(rng, "00K", len(links)), links)]
    tables = {
        "Opportunity": (["ID", "NAME", "STAGENAME", "AMOUNT", "CLOSEDATE", "ACCOUNTID",
                         "OWNERID"], opps),
        "User": (["ID", "NAME", "EMAIL", "ISACTIVE"], users),
        "OpportunityContactRole": (["ID", "OPPORTUNITYID", "CONTACTID", "ROLE", "ISPRIMARY"],
                                   ocr),
        "Contact": (["ID", "FIRSTNAME", "LASTNAME", "EMAIL", "PHONE", "ACCOUNTID", "OWNERID"],
                    contacts),
        "Account": (["ID", "NAME", "INDUSTRY", "PHONE", "BILLINGCITY", "OWNERID", "PARENTID"],
                    accounts),
    }
    out = {}
    for obj, (h, rows) in tables.items():
        latin1_ok(rows)
        out[A_FILES[obj]] = sf_bytes(h, rows)
    return out


SF_PREFIX = {"001": "Account", "003": "Contact", "005": "User", "006": "Opportunity",
             "00K": "OpportunityContactRole"}


def sf_by_content(folder) -> dict[str, list[dict[str, str]]]:
    """Every file in `folder`, keyed by the object its Id column's prefix names."""
    objs: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.iterdir()):
        header, body = read_csv(path, sf=True)
        idcol = [h for h in header if h.lower() == "id"]
        assert len(idcol) == 1, path
        rows = [{h.lower(): c for h, c in zip(header, r)} for r in body]
        prefixes = {r["id"][:3] for r in rows}
        assert len(prefixes) == 1 and all(len(r["id"]) == 18 for r in rows), path
        for r in rows:
            assert to18(r["id"][:15]) == r["id"], r["id"]
        obj = SF_PREFIX[prefixes.pop()]
        assert obj not in objs, obj
        objs[obj] = rows
    return objs


def sf_facts(objs: dict[str, list[dict[str, str]]], tag: str) -> dict[str, object]:
    ids = {o: {r["id"] for r in rows} for o, rows in objs.items()}
    opps, ocr, contacts = objs["Opportunity"], objs["OpportunityContactRole"], objs["Contact"]
    f: dict[str, object] = {f"{tag}_ROWS": ", ".join(f"{o} {len(r)}" for o, r in
                                                     sorted(objs.items()))}
    assert all(r["stagename"] in SF_STAGES for r in opps)
    for o, rows in objs.items():
        for r in rows:
            for col, target in (("accountid", "Account"), ("parentid", "Account")):
                if col in r:
                    assert r[col] in ids[target] or (col == "parentid" and r[col] == ""), r
            if "ownerid" in r and o != "Opportunity":
                assert r["ownerid"] in ids["User"], r
    assert all(r["opportunityid"] in ids["Opportunity"] for r in ocr)
    valid = {r["opportunityid"] for r in ocr if r["contactid"] in ids["Contact"]}
    anyrole = {r["opportunityid"] for r in ocr}
    assert valid == anyrole, "an orphan role is the only role of its opportunity"
    f[f"{tag}_NO_ROLE"] = sum(r["id"] not in anyrole for r in opps)
    f[f"{tag}_DEALS"] = len(opps)
    f[f"{tag}_OCR"] = len(ocr)
    f[f"{tag}_OCR_ORPHAN"] = sum(r["contactid"] not in ids["Contact"] for r in ocr)
    assert all(r["contactid"][:3] == "003" for r in ocr)
    f[f"{tag}_CONTACTS"] = len(contacts)
    f[f"{tag}_BLANK_EMAIL"] = sum(r["email"].strip() == "" for r in contacts)
    f[f"{tag}_OWNER_ORPHAN"] = sum(r["ownerid"] not in ids["User"] for r in opps)
    assert all(r["ownerid"][:3] == "005" for r in opps)
    return f


def check_a() -> dict[str, object]:
    folder = OUT / "data-loader-extracts" / "data"
    assert sorted(p.name for p in folder.iterdir()) == sorted(A_FILES.values())
    objs = sf_by_content(folder)
    for obj, rows in objs.items():
        assert all(k == k.lower() for k in rows[0])
    for obj, name in A_FILES.items():
        header = (folder / name).read_bytes().split(b"\r\n", 1)[0].decode("cp1252")
        assert header == header.upper(), header
        assert SF_PREFIX[rows_prefix(folder / name)] == obj, name
    f = sf_facts(objs, "A")
    f["A_PARENTS"] = sum(r["parentid"] != "" for r in objs["Account"])
    for r in objs["Opportunity"]:
        dt.date.fromisoformat(r["closedate"])
        assert re.fullmatch(r"\d+\.\d\d", r["amount"]), r
    return f


def rows_prefix(path) -> str:
    raw = path.read_bytes().decode("cp1252")
    return next(csv.reader(io.StringIO(raw.split("\r\n")[1])))[0][:3]


# ------------------------------------------------------------------------------------------
# b. hubspot-join
# ------------------------------------------------------------------------------------------
B_CONTACT_H = ["Record ID", "First Name", "Last Name", "Email", "Phone Number",
               "Lifecycle Stage", "Record ID", "Company name", "Phone Number"]
B_COMPANY_H = ["Record ID", "Company name", "Company Domain Name", "Phone Number", "City"]


def gen_b() -> dict[str, bytes]:
    rng = random.Random(20261206)
    companies, rid = [], 8_800_000_000
    for i in range(40):
        rid += rng.randint(1, 90_000)
        name = FIRMS[i % len(FIRMS)] + ("" if i < 20 else " Nord")
        companies.append([str(rid), name, f"{slug(name, '-')}.example", phone(rng, i % 3),
                          rng.choice(sorted(CITIES))])
    ghosts = [[str(rid + 1_000_000 * (k + 1)), name, "", phone(rng, 0)]
              for k, name in enumerate(["Vanished GmbH", "Old Merger Ltd", "Deleted Co",
                                        "Ancien Client SA", "Former Partner AB"])]
    ks = [0] * 24 + [1] * 130 + [2] * 36 + [3] * 10
    rng.shuffle(ks)
    blank_email = set(rng.sample(range(200), 10))
    emails = UniqueEmails(slug)
    cid = 51_000
    rows = []
    contacts = []
    for i, k in enumerate(ks):
        cid += rng.randint(1, 400)
        f, last = person(rng)
        c = [str(cid), f, last, "" if i in blank_email else
             emails.make(f, last, rng.choice(["mail.example", "kontor.example"])),
             phone(rng, rng.randrange(3)), rng.choice(HS_STAGES)]
        contacts.append((c, k))
        if k == 0:
            rows.append(c + ["", "", ""])
        for co in rng.sample(companies, k):
            rows.append(c + [co[0], co[1], co[3]])
    for g, (c, _) in zip(ghosts, rng.sample([ck for ck in contacts if ck[1] > 0], 5)):
        last_row = max(j for j, r in enumerate(rows) if r[0] == c[0])
        rows.insert(last_row + 1, c + [g[0], g[1], g[3]])
    return {"hubspot_contacts.csv": hs_bytes(B_CONTACT_H, rows),
            "hubspot-companies-export.csv": hs_bytes(B_COMPANY_H, companies)}


def check_b() -> dict[str, object]:
    folder = OUT / "hubspot-join" / "data"
    assert sorted(p.name for p in folder.iterdir()) == ["hubspot-companies-export.csv",
                                                        "hubspot_contacts.csv"]
    ch, companies = read_csv(folder / "hubspot-companies-export.csv", sf=False)
    assert ch == B_COMPANY_H
    jh, rows = read_csv(folder / "hubspot_contacts.csv", sf=False)
    assert jh == B_CONTACT_H
    company_ids = {r[0] for r in companies}
    assert len(company_ids) == len(companies)
    per: dict[str, list[list[str]]] = {}
    for r in rows:
        per.setdefault(r[0], []).append(r)
    for rs in per.values():
        assert all(r[:6] == rs[0][:6] for r in rs), "contact columns differ between repeats"
        blank = [r for r in rs if r[6] == ""]
        assert not blank or (len(rs) == 1 and blank[0][7:] == ["", ""]), rs
    links = [r for r in rows if r[6] != ""]
    sizes = Counter(sum(r[6] in company_ids for r in rs) for rs in per.values())
    no_company = sum(all(r[6] not in company_ids for r in rs) for rs in per.values())
    # An orphan link is never a contact's only company.
    assert no_company == sum(all(r[6] == "" for r in rs) for rs in per.values())
    return {"B_COMPANIES": len(companies), "B_CONTACTS": len(per), "B_ROWS": len(rows),
            "B_LINKS": len(links),
            "B_SIZES": ", ".join(f"{k}: {sizes[k]}" for k in sorted(sizes)),
            "B_NO_COMPANY": no_company,
            "B_BLANK_EMAIL": sum(rs[0][3] == "" for rs in per.values()),
            "B_ORPHAN": sum(r[6] not in company_ids for r in links)}


# ------------------------------------------------------------------------------------------
# c. spreadsheet-crm
# ------------------------------------------------------------------------------------------
C_ACCOUNT_H = ["account", "sector", "year_established", "revenue", "employees",
               "office_location", "subsidiary_of"]
C_PRODUCT_H = ["product", "series", "sales_price"]
C_TEAM_H = ["sales_agent", "manager", "regional_office"]
C_DEAL_H = ["opportunity_id", "sales_agent", "product", "account", "deal_stage",
            "engage_date", "close_date", "close_value"]
C_WORDS = ["Acme", "Betatech", "Cancity", "Codehow", "Dalttechnology", "Dontechi",
           "Faxquote", "Finhigh", "Genco", "Goodsilron", "Hottechi", "Isdom", "Kan-code",
           "Konex", "Lexiqvolax", "Mathtouch", "Newex", "Opentech", "Plussunin", "Rangreen",
           "Ron-tech", "Scotfind", "Silis", "Sonron", "Streethex", "Sumace", "Toughzap",
           "Treequote", "Umbrella", "Warephase", "Xx-holding", "Y-corporation", "Zathunicon",
           "Zumgoity", "Bioplex", "Condax", "Donware", "Fasehatice", "Gekko", "Groovestreet"]


def gen_c() -> dict[str, bytes]:
    rng = random.Random(20261207)
    names = [f"{w} {s}" for w in C_WORDS for s in ["", "Group"]][:60]
    names = [n.strip() for n in names]
    parents = set(rng.sample(range(60), 12))
    accounts = []
    for i, n in enumerate(names):
        accounts.append([n, rng.choice(SECTORS), str(rng.randrange(1979, 2017)),
                         f"{rng.randrange(4, 11000)}.{rng.randrange(100):02d}",
                         str(rng.randrange(9, 20000)),
                         rng.choice(["United States", "Panama", "Kenya", "Philipines",
                                     "Japan", "Italy", "Norway", "Korea", "Jordan",
                                     "Belgium", "Brazil", "China", "Germany", "Poland"]),
                         rng.choice([m for m in names if m != n]) if i in parents else ""])
    managers = ["Dustin Brinkmann", "Melvin Marxen", "Cara Losch", "Celia Rouche",
                "Rocco Neubert", "Summer Sewald"]
    offices = ["Central", "Central", "East", "East", "West", "West"]
    team, seen = [], set()
    while len(team) < 30:
        f, last = person(rng)
        name = f"{ascii_fold(f)} {ascii_fold(last)}"
        if name in seen:
            continue
        seen.add(name)
        m = len(team) % 6
        team.append([name, managers[m], offices[m]])
    products = [list(p) for p in PRODUCTS]
    stages = ["Won"] * 120 + ["Lost"] * 72 + ["Engaging"] * 60 + ["Prospecting"] * 48
    rng.shuffle(stages)
    open_deals = [i for i, s in enumerate(stages) if s in ("Engaging", "Prospecting")]
    blank_account = set(rng.sample(open_deals, 48))
    gtxpro = set(rng.sample([i for i in range(300) if i not in blank_account], 51))
    deals, used = [], set()
    for i, st in enumerate(stages):
        oid = ""
        while not oid or oid in used:
            oid = "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(8))
        used.add(oid)
        prod = "GTXPro" if i in gtxpro else rng.choice([p[0] for p in PRODUCTS if
                                                        p[0] != "GTX Pro"])
        engage = rand_date(rng, dt.date(2016, 10, 20), dt.date(2017, 9, 30))
        close = engage + dt.timedelta(days=rng.randrange(1, 120))
        price = int(next(p[2] for p in PRODUCTS if p[0] == prod.replace("GTXPro", "GTX Pro")))
        value = {"Won": str(round(price * rng.uniform(0.9, 1.1))), "Lost": "0"}.get(st, "")
        deals.append([oid, rng.choice(team)[0], prod,
                      "" if i in blank_account else rng.choice(names), st,
                      "" if st == "Prospecting" else engage.isoformat(),
                      close.isoformat() if st in ("Won", "Lost") else "", value])
    return {"accounts.csv": hs_bytes(C_ACCOUNT_H, accounts),
            "products.csv": hs_bytes(C_PRODUCT_H, products),
            "sales_teams.csv": hs_bytes(C_TEAM_H, team),
            "sales_pipeline.csv": hs_bytes(C_DEAL_H, deals)}


def check_c() -> dict[str, object]:
    folder = OUT / "spreadsheet-crm" / "data"
    tabs = {}
    for name, h in (("accounts.csv", C_ACCOUNT_H), ("products.csv", C_PRODUCT_H),
                    ("sales_teams.csv", C_TEAM_H), ("sales_pipeline.csv", C_DEAL_H)):
        header, body = read_csv(folder / name, sf=False)
        assert header == h, name
        tabs[name] = [dict(zip(header, r)) for r in body]
    assert sorted(p.name for p in folder.iterdir()) == sorted(tabs)
    accounts = {r["account"] for r in tabs["accounts.csv"]}
    products = {r["product"] for r in tabs["products.csv"]}
    agents = {r["sales_agent"] for r in tabs["sales_teams.csv"]}
    deals = tabs["sales_pipeline.csv"]
    assert len(accounts) == len(tabs["accounts.csv"]) and len({d["opportunity_id"]
                                                               for d in deals}) == len(deals)
    assert all(r["subsidiary_of"] in accounts | {""} for r in tabs["accounts.csv"])
    assert all(d["sales_agent"] in agents for d in deals)
    assert all(d["account"] in accounts | {""} for d in deals)
    assert {d["deal_stage"] for d in deals} == set(MAVEN_STAGES)
    bad = [d for d in deals if d["product"] not in products]
    assert {d["product"] for d in bad} == {"GTXPro"} and "GTX Pro" in products
    blank = [d for d in deals if d["account"] == ""]
    assert all(d["deal_stage"] in ("Prospecting", "Engaging") for d in blank)
    assert not any(d["account"] == "" for d in bad)
    return {"C_ACCOUNTS": len(accounts), "C_PRODUCTS": len(products),
            "C_AGENTS": len(agents), "C_DEALS": len(deals),
            "C_PARENTS": sum(r["subsidiary_of"] != "" for r in tabs["accounts.csv"]),
            "C_PRODUCT_REFS": sum(d["product"] != "" for d in deals),
            "C_GTXPRO": len(bad), "C_BLANK_ACCOUNT": len(blank),
            "C_STAGES": ", ".join(f"{s}: {sum(d['deal_stage'] == s for d in deals)}"
                                  for s in MAVEN_STAGES)}


# ------------------------------------------------------------------------------------------
# d. weekly-export
# ------------------------------------------------------------------------------------------
def created(rng: random.Random) -> str:
    t = dt.datetime(2021, 1, 4, 8, 0) + dt.timedelta(minutes=5 * rng.randrange(200_000))
    return t.strftime("%Y-%m-%dT%H:%M:00.000Z")


def gen_d() -> dict[str, bytes]:
    rng = random.Random(20261208)
    emails = UniqueEmails(slug)
    uids = sf_ids(rng, "005", 15)
    uids, gone_users = uids[:12], uids[12:]
    users = []
    for u in uids:
        f, last = person(rng)
        users.append([u, f"{f} {last}", emails.make(f, last, "weekly-sales.example"), "true",
                      created(rng)])
    aids = sf_ids(rng, "001", 60)
    accounts = []
    for i, a in enumerate(aids):
        city = rng.choice(sorted(CITIES))
        accounts.append([a, FIRMS[i % len(FIRMS)] + ("" if i < 20 else f" {i // 20 + 1}"),
                         rng.choice(INDUSTRIES), phone(rng, i % 3), city, CITIES[city],
                         rng.choice(uids), created(rng)])
    cids = sf_ids(rng, "003", 150)
    contacts = []
    for c in cids:
        f, last = person(rng)
        contacts.append([c, f, last, emails.make(f, last, "client.example"),
                         phone(rng, rng.randrange(3)), rng.choice(aids), rng.choice(uids),
                         created(rng)])
    oids = sf_ids(rng, "006", 200)
    orphan_owner = set(rng.sample(range(200), 20))
    no_role = set(rng.sample(range(200), 40))
    opps = []
    for i, o in enumerate(oids):
        close = rand_date(rng, dt.date(2022, 6, 1), dt.date(2023, 12, 31))
        opps.append([o, f"{accounts[i % 60][1]} renewal {i + 1}", rng.choice(SF_STAGES),
                     f"{rng.randrange(1000, 180000)}.{rng.randrange(100):02d}",
                     f"{close.isoformat()} 00:00:00", rng.choice(aids),
                     rng.choice(gone_users) if i in orphan_owner else rng.choice(uids),
                     created(rng)])
    with_role = [i for i in range(200) if i not in no_role]
    twice = set(rng.sample(with_role, 40))
    links = []
    for i in with_role:
        for k, c in enumerate(rng.sample(cids, 2 if i in twice else 1)):
            links.append([oids[i], c, rng.choice(ROLES), "true" if k == 0 else "false",
                          created(rng)])
    ocr = [[r] + link for r, link in zip(sf_ids(rng, "00K", len(links)), links)]
    tables = {
        "User.csv": (["Id", "Name", "Email", "IsActive", "CreatedDate"], users),
        "Account.csv": (["Id", "Name", "Industry", "Phone", "BillingCity", "BillingCountry",
                         "OwnerId", "CreatedDate"], accounts),
        "Contact.csv": (["Id", "FirstName", "LastName", "Email", "Phone", "AccountId",
                         "OwnerId", "CreatedDate"], contacts),
        "Opportunity.csv": (["Id", "Name", "StageName", "Amount", "CloseDate", "AccountId",
                             "OwnerId", "CreatedDate"], opps),
        "OpportunityContactRole.csv": (["Id", "OpportunityId", "ContactId", "Role",
                                        "IsPrimary", "CreatedDate"], ocr),
    }
    out = {}
    for name, (h, rows) in tables.items():
        latin1_ok(rows)
        out[name] = sf_bytes(h, rows)
    return out


PHONE_FORMS = [r"\(\d{3}\) 555-\d{4}", r"\+44 20 7946 \d{4}", r"\d{3}\.555\.\d{4}"]


def check_d() -> dict[str, object]:
    folder = OUT / "weekly-export" / "data"
    objs = sf_by_content(folder)
    for obj in objs:
        assert (folder / f"{obj}.csv").exists(), obj
        header = (folder / f"{obj}.csv").read_bytes().split(b"\r\n", 1)[0].decode("cp1252")
        assert header.startswith('"Id",') and header.endswith('"CreatedDate"'), header
    f = sf_facts(objs, "D")
    for r in objs["Opportunity"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d 00:00:00", r["closedate"]), r
        assert re.fullmatch(r"\d+\.\d\d", r["amount"]), r
    forms = Counter()
    for o, rows in objs.items():
        for r in rows:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z", r["createddate"]), r
            if "phone" in r:
                hit = [k for k, p in enumerate(PHONE_FORMS) if re.fullmatch(p, r["phone"])]
                assert len(hit) == 1, r["phone"]
                forms[hit[0]] += 1
    assert len(forms) == 3
    f["D_PHONE_FORMS"] = ", ".join(str(forms[k]) for k in range(3))
    return f


# ------------------------------------------------------------------------------------------
# expected.toml
# ------------------------------------------------------------------------------------------
# kind: (from, to, verdict, [(id, object, target or None, count fact, total fact)])
KINDS = {
    "data-loader-extracts": ("salesforce", "hubspot", "ROLLBACK", [
        ("missing_relationship", "deals", None, "A_NO_ROLE", "A_DEALS"),
        ("critical_blank", "contacts", None, "A_BLANK_EMAIL", "A_CONTACTS"),
        ("orphan_reference", "deal_contacts", "contacts", "A_OCR_ORPHAN", "A_OCR")]),
    "hubspot-join": ("hubspot", "salesforce", "ROLLBACK", [
        ("missing_relationship", "contacts", None, "B_NO_COMPANY", "B_CONTACTS"),
        ("critical_blank", "contacts", None, "B_BLANK_EMAIL", "B_CONTACTS"),
        ("orphan_reference", "contact_accounts", "accounts", "B_ORPHAN", "B_LINKS")]),
    "spreadsheet-crm": ("csv", "hubspot", "ROLLBACK", [
        ("orphan_reference", "deals", "products", "C_GTXPRO", "C_PRODUCT_REFS"),
        ("missing_relationship", "deals", None, "C_BLANK_ACCOUNT", "C_DEALS")]),
    "weekly-export": ("salesforce", "hubspot", "ROLLBACK", [
        ("orphan_reference", "deals", None, "D_OWNER_ORPHAN", "D_DEALS"),
        ("missing_relationship", "deals", None, "D_NO_ROLE", "D_DEALS")]),
}
NOTES = {
    "orphan_reference": "references to a record in no file",
    "missing_relationship": "parents with no link at all",
    "critical_blank": "blank e-mail",
}


def expected_toml(kind: str) -> bytes:
    frm, to, verdict, trig = KINDS[kind]
    out = ["# Written by scripts/generate_init_exports.py; verified by its --check.",
           "# What a careful hand-written scenario finds in data/ (see the script's docstring).",
           f'from = "{frm}"', f'to = "{to}"', f'verdict = "{verdict}"']
    for tid, obj, target, c, t in trig:
        out += ["", "[[trigger]]", f'id = "{tid}"  # {NOTES[tid]}', f'object = "{obj}"']
        if target:
            out.append(f'target = "{target}"')
        out += [f"count = {EXPECTED[c]}", f"total = {EXPECTED[t]}"]
    return ("\n".join(out) + "\n").encode()


def check_all() -> dict[str, object]:
    facts = {**check_a(), **check_b(), **check_c(), **check_d()}
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert str(facts[key]) == str(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    for kind, (frm, to, verdict, trig) in KINDS.items():
        path = OUT / kind / "expected.toml"
        assert path.read_bytes() == expected_toml(kind), path
        exp = tomllib.loads(path.read_text())
        assert (exp["from"], exp["to"], exp["verdict"]) == (frm, to, verdict)
        # hand-written.toml: a careful scenario by hand, kept beside (tests/init.rs runs it).
        assert sorted((OUT / kind).iterdir()) == [OUT / kind / "data", path,
                                                  OUT / kind / "hand-written.toml"]
        assert not (OUT / kind / "data" / "scenario.toml").exists()
        for t, (tid, obj, target, c, tot) in zip(exp["trigger"], trig, strict=True):
            assert (t["id"], t["object"], t.get("target")) == (tid, obj, target)
            assert (t["count"], t["total"]) == (facts[c], facts[tot]), (kind, t)
    doc = " ".join(__doc__.split())
    for phrase in [
        f"{facts['A_NO_ROLE']} of {facts['A_DEALS']} opportunities have no contact role",
        f"{facts['A_BLANK_EMAIL']} of {facts['A_CONTACTS']} contacts have a blank EMAIL",
        f"{facts['A_OCR_ORPHAN']} of {facts['A_OCR']} contact roles",
        f"PARENTID ({facts['A_PARENTS']} set",
        f"({facts['B_SIZES']}) -> 256 rows", f"{facts['B_ROWS']} rows, {facts['B_LINKS']} links",
        f"{facts['B_NO_COMPANY']} of {facts['B_CONTACTS']} contacts have no company",
        f"{facts['B_BLANK_EMAIL']} of 200 contacts have a blank Email",
        f"{facts['B_ORPHAN']} of {facts['B_LINKS']} links",
        f"{facts['C_GTXPRO']} of {facts['C_DEALS']} deals name product",
        f"{facts['C_BLANK_ACCOUNT']} of {facts['C_DEALS']} deals have a blank account",
        f"{facts['C_PARENTS']} set, each a listed account",
        f"{facts['D_OWNER_ORPHAN']} of {facts['D_DEALS']} opportunities have an OwnerId",
        f"{facts['D_NO_ROLE']} of {facts['D_DEALS']} opportunities have no contact role",
    ]:
        assert " ".join(phrase.split()) in doc, phrase
    return facts


# Every fact --check derives from the files, as stated in the docstring.
EXPECTED: dict[str, object] = {
    "A_ROWS": "Account 50, Contact 200, Opportunity 260, OpportunityContactRole 254, User 10",
    "A_NO_ROLE": 60, "A_DEALS": 260, "A_OCR": 254, "A_OCR_ORPHAN": 4, "A_CONTACTS": 200,
    "A_BLANK_EMAIL": 8, "A_OWNER_ORPHAN": 0, "A_PARENTS": 8,
    "B_COMPANIES": 40, "B_CONTACTS": 200, "B_ROWS": 261, "B_LINKS": 237,
    "B_SIZES": "0: 24, 1: 130, 2: 36, 3: 10", "B_NO_COMPANY": 24, "B_BLANK_EMAIL": 10,
    "B_ORPHAN": 5,
    "C_ACCOUNTS": 60, "C_PRODUCTS": 7, "C_AGENTS": 30, "C_DEALS": 300, "C_PARENTS": 12,
    "C_PRODUCT_REFS": 300, "C_GTXPRO": 51, "C_BLANK_ACCOUNT": 48,
    "C_STAGES": "Prospecting: 48, Engaging: 60, Won: 120, Lost: 72",
    "D_ROWS": "Account 60, Contact 150, Opportunity 200, OpportunityContactRole 200, User 12",
    "D_NO_ROLE": 40, "D_DEALS": 200, "D_OCR": 200, "D_OCR_ORPHAN": 0, "D_CONTACTS": 150,
    "D_BLANK_EMAIL": 0, "D_OWNER_ORPHAN": 20, "D_PHONE_FORMS": "79, 61, 70",
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for kind, files in (("data-loader-extracts", gen_a()), ("hubspot-join", gen_b()),
                            ("spreadsheet-crm", gen_c()), ("weekly-export", gen_d())):
            for n, b in files.items():
                write(OUT / kind / "data" / n, b)
            write(OUT / kind / "expected.toml", expected_toml(kind))
    facts = check_all()
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    print("ok: " + ", ".join(KINDS))


if __name__ == "__main__":
    main()
