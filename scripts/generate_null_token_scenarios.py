#!/usr/bin/env python3
"""Deterministic generator for the null-token / placeholder / phone shadow-import scenario.

Usage (from anywhere):
    python3 scripts/generate_null_token_scenarios.py          # (re)write the data, then verify
    python3 scripts/generate_null_token_scenarios.py --check  # only verify the files on disk
    python3 scripts/generate_null_token_scenarios.py --facts  # print every fact --check derives, unasserted

Python 3 standard library only. Every random choice comes from random.Random(<fixed seed>), so
two runs write byte-identical files. All people and companies are synthetic; e-mails use made-up
domains under .example; phones use fictitious ranges ((NXX) 555-01xx, +44 20 7946 0xxx, UK
mobiles 07700 900xxx).

"Line" = 1-based physical line where a record starts (header = line 1; DESCRIPTION cells hold
line breaks, so --check reads the lines back with the csv module). --check re-reads the bytes
and asserts every count below, counted independently of the tool: a cell is a null token when,
trimmed of ASCII white space, it equals one of #N/A, NULL, null, None, [not provided], N/A, -
exactly (case-sensitive); placeholders follow the README's rules (re-implemented here); a
phone is read by the shapes these files hold (+1 and 10 digits; +44 and 10 digits, a national
0 dropped; 999 is no calling code) and a stored E.164 form is computed for each; a reference
resolves when it equals an account's ID or its first 15 characters.

All files: UTF-8 without BOM, LF line ends, comma-separated, minimal quoting (quoted commas and
multi-line cells in DESCRIPTION), Data Loader UPPERCASE headers, 18-character Salesforce keys (some references 15).

---------------------------------------------------------------------------------------------
scenarios/salesforce-deployment-tool-na-cells/
---------------------------------------------------------------------------------------------
A Salesforce deployment tool's CSV extract: every empty cell is written #N/A; an earlier
clean-up and other tools left NULL, null, None, [not provided], N/A and - in some; a
required-field rule in the source org made people type placeholder e-mails and phones.

data/Account.csv   40 rows, 41 lines, 3050 bytes; ID 18-character (001..., correct suffix).
  Header: ID,NAME,PHONE,BILLINGCITY,BILLINGCOUNTRY,PARENTID
  Null-token cells: data/Account.csv #N/A 43, NULL 2, None 2, - 2 (49 cells)
    PHONE #N/A 10; BILLINGCITY #N/A 3, None 2; BILLINGCOUNTRY NULL 2; PARENTID #N/A 30, - 2
  accounts.phone: 29 numbers, #N/A 10, 1 placeholder (0000000000).
  accounts.parent: 8 references (3 of them 15-character), all resolve, no cycle; #N/A 30 and
    - 2 are none (each parent is an earlier row).
  Rejected: 0.

data/Contact.csv   400 rows, 429 lines, 52098 bytes; ID 18-character (003...).
  Header: ID,FIRSTNAME,LASTNAME,EMAIL,PHONE,MOBILEPHONE,ACCOUNTID,BIRTHDATE,LEADSOURCE,
          DESCRIPTION
  Null-token cells: data/Contact.csv #N/A 1104, NULL 12, null 3, None 4, [not provided] 3,
    N/A 6, - 7 (1139 cells)
    ID #N/A 1; FIRSTNAME #N/A 22; LASTNAME [not provided] 1; EMAIL #N/A 5, NULL 1,
    [not provided] 2, N/A 1; PHONE #N/A 3, NULL 1, - 1; MOBILEPHONE #N/A 332, - 6;
    ACCOUNTID #N/A 35, null 3; BIRTHDATE #N/A 286, NULL 10, None 4; LEADSOURCE #N/A 120,
    N/A 5; DESCRIPTION #N/A 300
  Both files: 1188 cells in all; written with a trailing space: BILLINGCOUNTRY 'NULL ',
    BIRTHDATE 'NULL ' (a spreadsheet's leftovers; trimmed, still tokens).
  Rows: contacts 400 read, 7 rejected (1.75%, import_failure passes), 393 loaded:
    line 8 PHONE +44 20 7946 00188: 11 digits, no number in GB has that many
    line 171 PHONE 555-0123: 7 digits, no number in US has that many (no area code)
    line 240 PHONE +999 1234 5678: no country has its calling code
    line 255 PHONE (303) 555-0142 ext. 12: `e` is no digit or separator (E.164 has no
      extension)
    line 275 ID #N/A: a blank key
    line 380 PHONE 303-555-01O8: `O` is no digit or separator (a letter O for a zero)
    line 381 LASTNAME [not provided]: required, a null token
  LASTNAME  a contact really called Null (line 361) loads: `Null` is no token.
  The counts below are of the 393 loaded rows.
  EMAIL (critical): 16 of 393 loaded contacts have no e-mail (4.07%, fail > 3%): 9 null
    tokens (#N/A 5, NULL 1, [not provided] 2, N/A 1) and 7 placeholders
    (noemail@acme.example, NoEmail@globex.example, no-email@initech.example, test@test.com,
    none@none.com, email@email.com, unknown@unknown.org): FAIL. The tokens alone (9, 2.29%)
    would pass.
  PHONE (critical, phone_region US from the scenario): 11 of 393 (2.80%) blank, pass: 5 null
    tokens and 6 placeholders (1234, 000000000, +51000000000, 0000000000, 999-999-9999,
    123456789). The others are (NXX) 555-01xx or +44 20 7946 0xxx: 257 stored as +1…,
    125 as +44….
  MOBILEPHONE (field phone_region GB): 58 numbers 07700 900xxx → +447700900xxx,
    2 placeholders (00000000000, +44 0000 000000), #N/A 327, - 6.
  ACCOUNTID (ref accounts): 1 of 350 references (0.29%, line 372: prefix 001, so missing
    from the export): orphan_reference passes; 30 of the resolved references are
    15-character ids; #N/A 35, null 3 and 000000000000000AAA 5 are no references.
  LEADSOURCE (strict map): 0 of the 273 loaded values outside the map (#N/A 115 and N/A 5
    are blank); the value-map table counts every row with a key, rejected or not: Trade Show
    74, Partner Referral 72, Phone Inquiry 69, Web 60.
  BIRTHDATE: 97 ISO dates; #N/A 282, NULL 10, None 4 blank, none rejected.
  DESCRIPTION: #N/A 294; 99 notes, 28 with a line break, 55 with a comma, 26 with an emoji,
    11 "n/a" and 8 "N/A – see notes" (text: not a token).
  Round trip: 522 non-ASCII characters read (29 in accounts' NAME, BILLINGCITY,
    BILLINGCOUNTRY; 493 in loaded contacts' FIRSTNAME, LASTNAME, DESCRIPTION), all stored.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import sys
import tomllib

from generate_mapping_scenarios import Table, csv_bytes, is_email, slug
from sf_common import SCEN, UniqueEmails, b62, to18, write

DIR = SCEN / "salesforce-deployment-tool-na-cells"
TOKENS = ["#N/A", "NULL", "null", "None", "[not provided]", "N/A", "-"]
NA = "#N/A"
EMPTY_ID = "000000000000000AAA"
A_H = ["ID", "NAME", "PHONE", "BILLINGCITY", "BILLINGCOUNTRY", "PARENTID"]
C_H = ["ID", "FIRSTNAME", "LASTNAME", "EMAIL", "PHONE", "MOBILEPHONE", "ACCOUNTID", "BIRTHDATE",
       "LEADSOURCE", "DESCRIPTION"]
N_ACCOUNTS, N_CONTACTS = 40, 400
LEAD_SOURCES = ["Web", "Partner Referral", "Trade Show", "Phone Inquiry"]
CITIES = [("Boston", "United States"), ("Denver", "United States"), ("London", "United Kingdom"),
          ("Manchester", "United Kingdom"), ("São Paulo", "Brazil"), ("Zürich", "Switzerland")]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Wayne", "Stark",
             "Tyrell", "Soylent", "Cyberdyne", "Massive Dynamic", "Nordwind", "Lumen", "Kestrel",
             "Brauhaus", "Öztürk Gıda", "Société Lyonnaise", "Müller & Söhne", "Café Ñandú"]
SUFFIXES = ["Inc.", "GmbH", "Ltd", "S.A.", "LLC"]
GIVEN = ["Zoë", "Ana", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Hannah", "Oliver",
         "Mateo", "Aisha", "Kenji", "Priya", "Ingrid", "José", "Anaïs", "Jürgen", "Søren", "Chloé",
         "Łukasz", "Renée", "François", "Mónica", "Raphaël", "Åsa", "Ayşe", "Hélène"]
LAST = ["Martin", "Taylor", "Wilson", "Rossi", "Jensen", "Tanaka", "Chen", "Singh", "Mensah",
        "Silva", "Novak", "Becker", "Müller", "Schäfer", "García", "Núñez", "Lefèvre", "Pérez",
        "Sørensen", "Öztürk", "Kowalczyk", "Dvořák", "Ó Briain", "Szabó"]
DOMAINS = ["nordwind.example", "lumen-apps.example", "kestrel.example", "mail.example"]
NOTES = ["Met at the Boston trade show, wants a demo", "Prefers e-mail; call only after 4pm",
         "n/a", "N/A – see notes", "Budget approved ✅, procurement next",
         "Renewal in Q3, ask for\nthe multi-year quote",
         "Moved from the Zürich office\nnew desk phone pending",
         "Referred by Chloé, \"very keen\"", "Asked for the API docs 📄, sent",
         "Called 3×, no answer 😕\nTry again in March, or e-mail her assistant"]
# Planted values, each in its own row (no two share one).
EMAIL_TOKENS = ["#N/A"] * 5 + ["[not provided]"] * 2 + ["NULL", "N/A"]
EMAIL_PLACEHOLDERS = ["noemail@acme.example", "NoEmail@globex.example",
                      "no-email@initech.example", "test@test.com", "none@none.com",
                      "email@email.com", "unknown@unknown.org"]
PHONE_TOKENS = ["#N/A"] * 3 + ["NULL", "-"]
PHONE_PLACEHOLDERS = ["1234", "000000000", "+51000000000", "0000000000", "999-999-9999",
                      "123456789"]
# Real invalid phones: a local number without its area code, an extension, a letter O typed
# for a zero, a calling code no country has, a UK number with a digit too many.
BAD_PHONES = ["555-0123", "(303) 555-0142 ext. 12", "303-555-01O8", "+999 1234 5678",
              "+44 20 7946 00188"]
MOBILE_PLACEHOLDERS = ["00000000000", "+44 0000 000000"]
N_MOBILES, N_MOBILE_DASH = 60, 6


def sf_id(rng: random.Random, prefix: str) -> str:
    return to18(prefix + "5g00000" + b62(rng.randrange(62 ** 5), 5))


def us_or_uk_phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"({rng.choice([303, 212, 415, 617, 312, 206])}) 555-01{rng.randrange(100):02d}"
    return f"+44 20 7946 0{rng.randrange(1000):03d}"


# ------------------------------------------------------------------------------------------
# generation
# ------------------------------------------------------------------------------------------
def gen_accounts(rng: random.Random) -> list[list[str]]:
    rows, names = [], set()
    null_country = rng.sample(range(N_ACCOUNTS), 2)
    no_city = rng.sample(range(N_ACCOUNTS), 5)
    no_phone = rng.sample(range(N_ACCOUNTS), 11)
    with_parent = rng.sample(range(5, N_ACCOUNTS), 8)
    short_parent = set(with_parent[:3])
    dash_parent = set(rng.sample([i for i in range(N_ACCOUNTS) if i not in with_parent], 2))
    for i in range(N_ACCOUNTS):
        while True:
            name = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)}"
            if name not in names:
                break
        names.add(name)
        city, country = rng.choice(CITIES)
        parent = "-" if i in dash_parent else NA
        if i in with_parent:
            parent = rows[rng.randrange(i)][0]
            parent = parent[:15] if i in short_parent else parent
        phone = us_or_uk_phone(rng)
        if i in no_phone:
            phone = "0000000000" if i == no_phone[0] else NA
        if i in no_city:
            city = "None" if i in no_city[:2] else NA
        rows.append([sf_id(rng, "001"), name, phone, city,
                     padded(null_country, i, "NULL") or country, parent])
    return rows


def padded(rows: list[int], i: int, token: str) -> str | None:
    """`token` in the rows `rows`, the first written with a trailing space (as a spreadsheet
    leaves it); None elsewhere."""
    if i not in rows:
        return None
    return token + " " if i == rows[0] else token


def planted(rng: random.Random) -> dict[str, object]:
    """The rows with a fixed role, drawn once so that no two roles share a row."""
    n = 2 + 1 + len(BAD_PHONES) + len(EMAIL_TOKENS + EMAIL_PLACEHOLDERS) \
        + len(PHONE_TOKENS + PHONE_PLACEHOLDERS)
    special = rng.sample(range(N_CONTACTS), n)
    key_na, last_na, null_name = special[:3]
    rest = special[3:]
    bad, rest = rest[:len(BAD_PHONES)], rest[len(BAD_PHONES):]
    emails = EMAIL_TOKENS + EMAIL_PLACEHOLDERS
    email_rows, rest = dict(zip(rest[:len(emails)], emails)), rest[len(emails):]
    phone_rows = dict(zip(rest, PHONE_TOKENS + PHONE_PLACEHOLDERS))
    phone_rows.update(zip(bad, BAD_PHONES))
    return {"key_na": key_na, "last_na": last_na, "null_name": null_name,
            "email": email_rows, "phone": phone_rows,
            "rejected": {key_na, last_na, *bad}}


def gen_contacts(rng: random.Random, accounts: list[list[str]]) -> list[list[str]]:
    emails = UniqueEmails(lambda name: slug(name, "."))
    p = planted(rng)
    mobiles = rng.sample(range(N_CONTACTS), len(MOBILE_PLACEHOLDERS) + N_MOBILES + N_MOBILE_DASH)
    mobile_rows = dict(zip(mobiles, MOBILE_PLACEHOLDERS + [""] * N_MOBILES
                           + ["-"] * N_MOBILE_DASH))
    others = [i for i in range(N_CONTACTS) if i not in p["rejected"]]
    account_blank = rng.sample(others, 43)
    account_set = dict(zip(account_blank, [NA] * 35 + ["null"] * 3 + [EMPTY_ID] * 5))
    linked = [i for i in others if i not in account_set]
    orphan = rng.choice(linked)
    short_ids = set(rng.sample([i for i in linked if i != orphan], 30))
    birth = rng.sample(range(N_CONTACTS), 114)
    birth_set = dict(zip(birth, ["NULL "] + ["NULL"] * 9 + ["None"] * 4 + [""] * 100))
    lead = rng.sample(range(N_CONTACTS), 125)
    lead_set = dict(zip(lead, [NA] * 120 + ["N/A"] * 5))
    desc_set = set(rng.sample(range(N_CONTACTS), 100))
    rows = []
    for i in range(N_CONTACTS):
        given, last = rng.choice(GIVEN), rng.choice(LAST)
        if i == p["null_name"]:
            last = "Null"
        email = emails.make(given, last, rng.choice(DOMAINS))
        phone = us_or_uk_phone(rng)
        mobile = mobile_rows.get(i, NA)
        if mobile == "":
            mobile = f"07700 900{rng.randrange(1000):03d}"
        if i in account_set:
            account = account_set[i]
        elif i == orphan:
            account = sf_id(rng, "001")
        else:
            account = rng.choice(accounts)[0]
            account = account[:15] if i in short_ids else account
        birthdate = birth_set.get(i, NA)
        if birthdate == "":
            birthdate = f"{rng.randint(1950, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append([
            NA if i == p["key_na"] else sf_id(rng, "003"),
            NA if rng.random() < 0.05 else given,
            "[not provided]" if i == p["last_na"] else last,
            p["email"].get(i, email),
            p["phone"].get(i, phone),
            mobile, account, birthdate,
            lead_set.get(i) or rng.choice(LEAD_SOURCES),
            rng.choice(NOTES) if i in desc_set else NA,
        ])
    return rows


def gen() -> dict[str, bytes]:
    rng = random.Random(20240613)
    accounts = gen_accounts(rng)
    contacts = gen_contacts(rng, accounts)
    return {"Account.csv": csv_bytes(A_H, accounts), "Contact.csv": csv_bytes(C_H, contacts)}


# ------------------------------------------------------------------------------------------
# verification: the rules re-implemented, independently of the tool
# ------------------------------------------------------------------------------------------
def trim(cell: str) -> str:
    return cell.strip(" \t\n\r\x0c")  # ASCII white space


def token_counts(t: Table) -> dict[str, int]:
    """Cells (every column, every row) equal to each token once trimmed."""
    counts = {tok: 0 for tok in TOKENS}
    for r in t.rows:
        for cell in r:
            if trim(cell) in counts:
                counts[trim(cell)] += 1
    return {k: v for k, v in counts.items() if v}


def padded_tokens(t: Table) -> list[str]:
    """Token cells that are not the token itself (spaces around it), as `COLUMN "cell"`."""
    return [f"{col} {cell!r}" for r in t.rows for col, cell in zip(t.header, r)
            if trim(cell) in TOKENS and cell != trim(cell)]


def is_token(cell: str) -> bool:
    return trim(cell) in TOKENS


def placeholder_email(v: str) -> bool:
    if "@" not in v:
        return False
    local, domain = v.split("@", 1)
    local, domain = local.lower(), domain.lower()
    if local in ("noemail", "no-email", "no_email", "no.email", "nomail"):
        return True
    name, _, tld = domain.partition(".")
    return (local in ("none", "test", "null", "na", "unknown", "email") and name == local
            and tld.isalpha() and tld.isascii())


CALLING_CODES = {"1": "US", "44": "GB", "51": "PE"}  # the codes these files use


def placeholder_phone(v: str) -> bool:
    if re.fullmatch(r"\+?[0-9 ().\-/\u00a0]*", v) is None:
        return False
    d = re.sub(r"\D", "", v)
    if not d:
        return False
    if len(d) <= 4 or (len(d) >= 5 and len(set(d)) == 1):
        return True
    if len(d) >= 6 and ("1234567890".startswith(d) or "0123456789".startswith(d)):
        return True
    return v.startswith("+") and any(
        d.startswith(code) and len(d) - len(code) >= 6 and set(d[len(code):]) == {"0"}
        for code in CALLING_CODES)


def phone(v: str, region: str) -> tuple[str, str]:
    """("token" | "placeholder" | "e164" | "reject", the E.164 form or the reason), for the
    shapes these files hold: US numbers are 10 digits after +1; UK geographic 020 and
    mobile 07700 numbers 10 digits after +44 (the leading national 0 dropped)."""
    if is_token(v):
        return "token", ""
    if placeholder_phone(v):
        return "placeholder", ""
    bad = re.search(r"[^0-9 ().\-/+]", v)
    if bad:
        return "reject", f"character {bad.group()}"
    d = re.sub(r"\D", "", v)
    if v.startswith("+"):
        code = next((c for c in CALLING_CODES if d.startswith(c)), None)
        if code is None:
            assert d.startswith("999"), v  # ITU has assigned no country 999
            return "reject", "calling code"
        national = d[len(code):]
    else:
        code = {"US": "1", "GB": "44"}[region]
        national = d[1:] if region == "GB" and d.startswith("0") else d
    if len(national) != 10:
        return "reject", f"length {CALLING_CODES[code]} {len(national)}"
    return "e164", f"+{code}{national}"


def emoji(ch: str) -> bool:
    return 0x2600 <= ord(ch) <= 0x27BF or ord(ch) >= 0x1F000


def email_kind(v: str) -> str:
    if is_token(v):
        return "token"
    if placeholder_email(v):
        return "placeholder"
    assert is_email(v), v
    return "email"


def lines_of(t: Table) -> list[int]:
    return [first for first, _ in t.lines]


def check_accounts(a: Table, facts: dict[str, object]) -> set[str]:
    facts.update(A_BYTES=a.size, A_LINES=a.n_lines, A_TOKENS=token_counts(a),
                 A_PADDED=padded_tokens(a))
    ids = [r[0] for r in a.rows]
    assert all(len(x) == 18 and x.startswith("001") and to18(x[:15]) == x for x in ids)
    assert len({x.lower() for x in ids}) == len(ids)
    parents = a.col("PARENTID")
    refs = [(i, p) for i, p in enumerate(parents) if not is_token(p)]
    for i, p in refs:  # each parent is an earlier row (15 or 18 characters): no cycle
        assert any(p in (x, x[:15]) for x in ids[:i]), p
    facts["A_PARENT"] = (len(refs), sum(len(p) == 15 for _, p in refs),
                         parents.count(NA), parents.count("-"))
    kinds = [phone(v, "US")[0] for v in a.col("PHONE")]
    assert "reject" not in kinds
    facts["A_PHONE"] = (kinds.count("e164"), kinds.count("token"), kinds.count("placeholder"))
    cities = a.col("BILLINGCITY")
    facts["A_CITY"] = (cities.count(NA), cities.count("None"))
    facts["A_NON_ASCII"] = sum(ord(ch) > 127 for r in a.rows for v in (r[1], r[3], r[4])
                               for ch in v)
    return set(ids)


def contact_rejects(c: Table) -> dict[int, str]:
    """line → why: a blank key, a blank required last name, a phone that is none."""
    why = {}
    for line, d in zip(lines_of(c), c.dicts()):
        kind, reason = phone(d["PHONE"], "US")
        if is_token(d["ID"]):
            why[line] = "key"
        elif is_token(d["LASTNAME"]):
            why[line] = "lastname"
        elif kind == "reject":
            why[line] = f"phone {reason}"
    return why


def check_contacts(c: Table, account_ids: set[str], facts: dict[str, object]) -> None:
    facts.update(C_BYTES=c.size, C_LINES=c.n_lines, C_TOKENS=token_counts(c),
                 C_PADDED=padded_tokens(c))
    why = contact_rejects(c)
    facts["C_REJECTS"] = sorted(why.items())
    loaded = [d for line, d in zip(lines_of(c), c.dicts()) if line not in why]
    facts["C_LOADED"] = len(loaded)
    facts["C_NULL_NAME"] = [line for line, d in zip(lines_of(c), c.dicts())
                            if d["LASTNAME"] == "Null" and line not in why]
    ids = [d["ID"] for d in loaded]
    assert all(len(x) == 18 and x.startswith("003") and to18(x[:15]) == x for x in ids)
    assert len({x.lower() for x in ids}) == len(ids)

    def blanks(col: str, kind) -> tuple[int, int, int]:
        kinds = [kind(d[col]) for d in loaded]
        tokens, held = kinds.count("token"), kinds.count("placeholder")
        return tokens, held, tokens + held
    email_kinds = [(trim(d["EMAIL"]), email_kind(d["EMAIL"])) for d in loaded]
    facts["EMAIL_TOKENS"] = {t: sum(1 for v, k in email_kinds if v == t) for t in TOKENS
                             if any(v == t for v, _ in email_kinds)}
    facts["EMAIL_BLANKS"] = blanks("EMAIL", email_kind)
    facts["EMAIL_PLACEHOLDERS"] = [v for v in EMAIL_PLACEHOLDERS
                                   if any(d["EMAIL"] == v for d in loaded)]
    facts["PHONE_PLACEHOLDERS"] = [v for v in PHONE_PLACEHOLDERS
                                   if any(d["PHONE"] == v for d in loaded)]
    facts["PHONE_BLANKS"] = blanks("PHONE", lambda v: phone(v, "US")[0])
    stored = [phone(d["PHONE"], "US") for d in loaded]
    assert all(k != "reject" for k, _ in stored)
    facts["PHONE_STORED"] = (sum(1 for k, v in stored if k == "e164" and v.startswith("+1")),
                             sum(1 for k, v in stored if k == "e164" and v.startswith("+44")))
    mobile = [phone(d["MOBILEPHONE"], "GB") for d in loaded]
    assert all(k != "reject" for k, _ in mobile)
    assert all(v.startswith("+447700900") for k, v in mobile if k == "e164")
    facts["MOBILE"] = (sum(k == "e164" for k, _ in mobile), sum(k == "placeholder" for k, _ in mobile),
                       sum(d["MOBILEPHONE"] == NA for d in loaded),
                       sum(d["MOBILEPHONE"] == "-" for d in loaded))
    n = len(loaded)
    facts["EMAIL_PCT"] = f"{100 * facts['EMAIL_BLANKS'][2] / n:.2f}%"
    facts["EMAIL_TOKENS_PCT"] = f"{100 * facts['EMAIL_BLANKS'][0] / n:.2f}%"
    facts["PHONE_PCT"] = f"{100 * facts['PHONE_BLANKS'][2] / n:.2f}%"
    facts["EMAIL_FAILS"] = facts["EMAIL_BLANKS"][2] * 100 > 3 * n  # fail above 3%
    facts["EMAIL_TOKENS_FAIL"] = facts["EMAIL_BLANKS"][0] * 100 > 3 * n
    facts["PHONE_FAILS"] = facts["PHONE_BLANKS"][2] * 100 > 3 * n
    check_references(c, loaded, why, account_ids, facts)
    birth = [trim(d["BIRTHDATE"]) for d in loaded]
    for b in birth:
        assert is_token(b) or dt.date.fromisoformat(b), b
    facts["BIRTH"] = (birth.count(NA), birth.count("NULL"), birth.count("None"),
                      sum(not is_token(b) for b in birth))
    lead = [d["LEADSOURCE"] for d in loaded]
    assert all(is_token(v) or v in LEAD_SOURCES for v in lead)
    facts["LEAD"] = (lead.count(NA), lead.count("N/A"), sum(not is_token(v) for v in lead))
    desc = [d["DESCRIPTION"] for d in loaded]
    notes = [v for v in desc if not is_token(v)]
    facts["DESC"] = (desc.count(NA), len(notes), sum("\n" in v for v in notes),
                     notes.count("n/a"), notes.count("N/A – see notes"),
                     sum("," in v for v in notes), sum(any(emoji(ch) for ch in v) for v in notes))
    facts["C_NON_ASCII"] = sum(ord(ch) > 127 for d in loaded
                               for v in (d["FIRSTNAME"], d["LASTNAME"], d["DESCRIPTION"])
                               for ch in v)


def check_references(c: Table, loaded: list[dict[str, str]], why: dict[int, str],
                     account_ids: set[str], facts: dict[str, object]) -> None:
    col = [d["ACCOUNTID"] for d in loaded]
    refs = [v for v in col if not is_token(v) and v != EMPTY_ID]
    short = {x[:15]: x for x in account_ids}
    resolved = [v for v in refs if v in account_ids or v in short]
    orphans = [v for v in refs if v not in resolved]
    facts["ACCOUNT"] = (col.count(NA), col.count("null"), col.count(EMPTY_ID), len(refs),
                        sum(len(v) == 15 for v in resolved), len(orphans))
    facts["ORPHAN_LINES"] = [line for line, d in zip(lines_of(c), c.dicts())
                             if d["ACCOUNTID"] in orphans and line not in why]
    assert all(v.startswith("001") for v in orphans)  # accounts' prefix: missing, not elsewhere
    facts["ORPHAN_PCT"] = f"{100 * len(orphans) / len(refs):.2f}%"
    assert len(orphans) * 1000 <= 5 * len(refs)  # orphan_reference passes (fail above 0.5%)


def check() -> dict[str, object]:
    facts: dict[str, object] = {}
    a = Table(DIR / "data" / "Account.csv", A_H)
    c = Table(DIR / "data" / "Contact.csv", C_H)
    account_ids = check_accounts(a, facts)
    check_contacts(c, account_ids, facts)
    facts["A_TOKEN_COLUMNS"] = token_columns(a)
    facts["C_TOKEN_COLUMNS"] = token_columns(c)
    facts["TOKEN_CELLS"] = sum(facts["A_TOKENS"].values()) + sum(facts["C_TOKENS"].values())
    facts["C_REJECTED_PCT"] = f"{100 * len(facts['C_REJECTS']) / len(c.rows):.2f}%"
    assert len(facts["C_REJECTS"]) * 100 <= 5 * len(c.rows)  # import_failure passes
    # The value-map table counts every row with a key, also those rejected for another value.
    lead = [d["LEADSOURCE"] for d in c.dicts() if not is_token(d["LEADSOURCE"])
            and not is_token(d["ID"])]
    facts["LEAD_READ"] = {s: lead.count(s) for s in sorted(LEAD_SOURCES, key=lambda s: -lead.count(s))}
    return facts


def token_columns(t: Table) -> str:
    """Per column, the cells equal to each token: `PHONE #N/A 10; BILLINGCITY #N/A 3, None 2`."""
    out = []
    for col in t.header:
        cells = [trim(v) for v in t.col(col)]
        counts = [f"{tok} {cells.count(tok)}" for tok in TOKENS if tok in cells]
        if counts:
            out.append(f"{col} {', '.join(counts)}")
    return "; ".join(out)


def counts(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items())


def reject_phrase(line: int, d: dict[str, str], why: str) -> str:
    if why == "key":
        return f"line {line} ID {d['ID']}: a blank key"
    if why == "lastname":
        return f"line {line} LASTNAME {d['LASTNAME']}: required, a null token"
    head = f"line {line} PHONE {d['PHONE']}: "
    kind = why.split()
    if kind[1] == "length":
        return head + f"{kind[3]} digits, no number in {kind[2]} has that many"
    if kind[1] == "calling":
        return head + "no country has its calling code"
    return head + f"`{kind[2]}` is no digit or separator"


def phrases(facts: dict[str, object], c: Table) -> list[str]:
    """What both the docstring and scenario.toml's header state, built from the facts."""
    rows = dict(zip(lines_of(c), c.dicts()))
    e_tok, e_ph, e_all = facts["EMAIL_BLANKS"]
    p_tok, p_ph, p_all = facts["PHONE_BLANKS"]
    n = facts["C_LOADED"]
    acc = facts["ACCOUNT"]
    return [
        f"data/Account.csv {counts(facts['A_TOKENS'])} ({sum(facts['A_TOKENS'].values())} cells)",
        f"written with a trailing space: {', '.join(facts['A_PADDED'] + facts['C_PADDED'])}",
        facts["A_TOKEN_COLUMNS"],
        f"data/Contact.csv {counts(facts['C_TOKENS'])} ({sum(facts['C_TOKENS'].values())} cells)",
        facts["C_TOKEN_COLUMNS"],
        f"{facts['TOKEN_CELLS']} cells in all",
        f"contacts 400 read, {len(facts['C_REJECTS'])} rejected ({facts['C_REJECTED_PCT']}, "
        f"import_failure passes), {n} loaded",
        *(reject_phrase(line, rows[line], why) for line, why in facts["C_REJECTS"]),
        f"a contact really called Null (line {facts['C_NULL_NAME'][0]}) loads",
        f"{e_all} of {n} loaded contacts have no e-mail ({facts['EMAIL_PCT']}, fail > 3%): "
        f"{e_tok} null tokens ({counts(facts['EMAIL_TOKENS'])}) and {e_ph} placeholders "
        f"({', '.join(facts['EMAIL_PLACEHOLDERS'])})",
        f"The tokens alone ({e_tok}, {facts['EMAIL_TOKENS_PCT']}) would pass",
        f"{p_all} of {n} ({facts['PHONE_PCT']}) blank, pass: {p_tok} null tokens and {p_ph} "
        f"placeholders ({', '.join(facts['PHONE_PLACEHOLDERS'])})",
        f"{facts['PHONE_STORED'][0]} stored as +1…, {facts['PHONE_STORED'][1]} as +44…",
        f"{facts['MOBILE'][0]} numbers 07700 900xxx → +447700900xxx, {facts['MOBILE'][1]} "
        f"placeholders (00000000000, +44 0000 000000), #N/A {facts['MOBILE'][2]}, - "
        f"{facts['MOBILE'][3]}",
        f"accounts.phone: {facts['A_PHONE'][0]} numbers, #N/A {facts['A_PHONE'][1]}, "
        f"{facts['A_PHONE'][2]} placeholder (0000000000)",
        f"{acc[5]} of {acc[3]} references ({facts['ORPHAN_PCT']}, line "
        f"{facts['ORPHAN_LINES'][0]}",
        f"{acc[4]} of the resolved references are 15-character ids",
        f"#N/A {acc[0]}, null {acc[1]} and 000000000000000AAA {acc[2]} are no references",
        f"accounts.parent: {facts['A_PARENT'][0]} references ({facts['A_PARENT'][1]} of them "
        f"15-character), all resolve, no cycle; #N/A {facts['A_PARENT'][2]} and - "
        f"{facts['A_PARENT'][3]} are none",
        f"0 of the {facts['LEAD'][2]} loaded values outside the map (#N/A {facts['LEAD'][0]} "
        f"and N/A {facts['LEAD'][1]} are blank)",
        f"counts every row with a key, rejected or not: {counts(facts['LEAD_READ'])}",
        f"BIRTHDATE: {facts['BIRTH'][3]} ISO dates; #N/A {facts['BIRTH'][0]}, NULL "
        f"{facts['BIRTH'][1]}, None {facts['BIRTH'][2]} blank, none rejected",
        f"DESCRIPTION: #N/A {facts['DESC'][0]}; {facts['DESC'][1]} notes, {facts['DESC'][2]} "
        f"with a line break, {facts['DESC'][5]} with a comma, {facts['DESC'][6]} with an emoji, "
        f"{facts['DESC'][3]} \"n/a\" and {facts['DESC'][4]} \"N/A – see notes\" (text: not a "
        f"token)",
        f"{facts['A_NON_ASCII'] + facts['C_NON_ASCII']} non-ASCII characters read "
        f"({facts['A_NON_ASCII']} in accounts' NAME, BILLINGCITY, BILLINGCOUNTRY; "
        f"{facts['C_NON_ASCII']} in loaded contacts' FIRSTNAME, LASTNAME, DESCRIPTION)",
    ]


def check_scenario(facts: dict[str, object], c: Table) -> None:
    """scenario.toml states the same numbers and expects the verdict they give."""
    text = (DIR / "scenario.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    assert toml["scenario"]["phone_region"] == "US"
    assert "null_tokens" not in toml["scenario"], "the default list"
    objs = {o["name"]: o for o in toml["object"]}
    cf = objs["contacts"]["fields"]
    assert cf["mobilephone"]["phone_region"] == "GB"
    assert cf["email"]["critical"] and cf["phone"]["critical"] and cf["lastname"]["required"]
    assert cf["birthdate"]["type"] == "date" and cf["account"]["ref"] == "accounts"
    assert toml["maps"]["lead_sources"]["strict"]
    assert sorted(toml["maps"]["lead_sources"]["values"]) == sorted(LEAD_SOURCES)
    assert "triggers" not in toml, "default thresholds: critical_blank fails above 3%"
    failed = ["critical_blank:contacts.email"] if facts["EMAIL_FAILS"] else []
    failed += ["critical_blank:contacts.phone"] if facts["PHONE_FAILS"] else []
    assert toml["expect"] == {"verdict": "rollback" if failed else "go", "triggers": failed}
    assert not facts["EMAIL_TOKENS_FAIL"], "the placeholders make the difference"
    header = " ".join(line.lstrip("#").strip() for line in text.splitlines()
                      if line.startswith("#"))
    doc = " ".join(__doc__.split())
    for phrase in phrases(facts, c):
        phrase = " ".join(phrase.split())
        assert phrase in " ".join(header.split()), ("scenario.toml", phrase)
        assert phrase in doc, ("docstring", phrase)
    for key in ("A_BYTES", "C_BYTES"):
        assert f"{facts[key]} bytes" in doc, key
    assert f"40 rows, {facts['A_LINES']} lines" in doc and f"400 rows, {facts['C_LINES']} lines" in doc


def check_all() -> dict[str, object]:
    facts = check()
    check_scenario(facts, Table(DIR / "data" / "Contact.csv", C_H))

    def norm(v: object) -> str:
        return " ".join(str(v).split())
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert norm(facts[key]) == norm(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    return facts


# Every fact --check derives from the files, as the docstring and scenario.toml state them.
EXPECTED: dict[str, object] = {
    'A_BYTES': 3050,
    'A_LINES': 41,
    'A_TOKENS': {'#N/A': 43, 'NULL': 2, 'None': 2, '-': 2},
    'A_PADDED': ["BILLINGCOUNTRY 'NULL '"],
    'A_PARENT': (8, 3, 30, 2),
    'A_PHONE': (29, 10, 1),
    'A_CITY': (3, 2),
    'A_NON_ASCII': 29,
    'C_BYTES': 52098,
    'C_LINES': 429,
    'C_TOKENS': {'#N/A': 1104, 'NULL': 12, 'null': 3, 'None': 4, '[not provided]': 3, 'N/A': 6, '-': 7},
    'C_PADDED': ["BIRTHDATE 'NULL '"],
    'C_REJECTS': [(8, 'phone length GB 11'), (171, 'phone length US 7'), (240, 'phone calling code'), (255, 'phone character e'), (275, 'key'), (380, 'phone character O'), (381, 'lastname')],
    'C_LOADED': 393,
    'C_NULL_NAME': [361],
    'EMAIL_TOKENS': {'#N/A': 5, 'NULL': 1, '[not provided]': 2, 'N/A': 1},
    'EMAIL_BLANKS': (9, 7, 16),
    'EMAIL_PLACEHOLDERS': ['noemail@acme.example', 'NoEmail@globex.example', 'no-email@initech.example', 'test@test.com', 'none@none.com', 'email@email.com', 'unknown@unknown.org'],
    'PHONE_PLACEHOLDERS': ['1234', '000000000', '+51000000000', '0000000000', '999-999-9999', '123456789'],
    'PHONE_BLANKS': (5, 6, 11),
    'PHONE_STORED': (257, 125),
    'MOBILE': (58, 2, 327, 6),
    'EMAIL_PCT': '4.07%',
    'EMAIL_TOKENS_PCT': '2.29%',
    'PHONE_PCT': '2.80%',
    'EMAIL_FAILS': True,
    'EMAIL_TOKENS_FAIL': False,
    'PHONE_FAILS': False,
    'ACCOUNT': (35, 3, 5, 350, 30, 1),
    'ORPHAN_LINES': [372],
    'ORPHAN_PCT': '0.29%',
    'BIRTH': (282, 10, 4, 97),
    'LEAD': (115, 5, 273),
    'DESC': (294, 99, 28, 11, 8, 55, 26),
    'C_NON_ASCII': 493,
    'A_TOKEN_COLUMNS': 'PHONE #N/A 10; BILLINGCITY #N/A 3, None 2; BILLINGCOUNTRY NULL 2; PARENTID #N/A 30, - 2',
    'C_TOKEN_COLUMNS': 'ID #N/A 1; FIRSTNAME #N/A 22; LASTNAME [not provided] 1; EMAIL #N/A 5, NULL 1, [not provided] 2, N/A 1; PHONE #N/A 3, NULL 1, - 1; MOBILEPHONE #N/A 332, - 6; ACCOUNTID #N/A 35, null 3; BIRTHDATE #N/A 286, NULL 10, None 4; LEADSOURCE #N/A 120, N/A 5; DESCRIPTION #N/A 300',
    'TOKEN_CELLS': 1188,
    'C_REJECTED_PCT': '1.75%',
    'LEAD_READ': {'Trade Show': 74, 'Partner Referral': 72, 'Phone Inquiry': 69, 'Web': 60},
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for n, b in gen().items():
            write(DIR / "data" / n, b)
    if "--facts" in sys.argv[1:]:
        for k, v in check().items():
            print(f"    {k!r}: {v!r},")
        return
    check_all()
    print("ok: salesforce-deployment-tool-na-cells (Account.csv, Contact.csv)")


if __name__ == "__main__":
    main()
