#!/usr/bin/env python3
"""Deterministic generator for the mapping / transform shadow-import scenarios.

Usage (from anywhere):
    python3 scripts/generate_mapping_scenarios.py          # (re)write both data folders, then verify
    python3 scripts/generate_mapping_scenarios.py --check  # only verify the files already on disk

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>),
one generator per scenario; nothing depends on the date, the environment or set/hash ordering,
so two runs write byte-identical files (written as raw bytes). All people and companies are
synthetic; e-mails use example.com / example.org or made-up domains under .example; phone
numbers use fictitious ranges (+44 20 7946 0xxx, (NXX) 555-01xx, +49 30 901820 xx); the
scenarios declare phone_region = "US" for the US numbers written without +1.

"Line" = 1-based physical line as an editor shows it (header = line 1; a quoted cell holding a
line break spans several lines). --check re-reads the bytes and asserts everything listed here,
including every line number, count and byte size below.

All files: UTF-8 without BOM, LF line ends (no CR anywhere), comma-separated, a field is quoted
only when it must be (comma, double quote or line break; quotes doubled): each file is
byte-identical to csv.writer(QUOTE_MINIMAL, lineterminator="\\n") applied to its own records.
No cell anywhere holds a control character (other than the one LF below), a `?` between
letters, or text that re-encodes as UTF-8 misread as Windows-1252/Latin-1/Mac Roman (so the
encoding_damage trigger has nothing to find).

---------------------------------------------------------------------------------------------
A. scenarios/spreadsheet-types-and-transforms/
---------------------------------------------------------------------------------------------
data/contacts.csv   40 rows C-001..C-040 (in order), 42 physical lines, 7703 bytes.
  Header: Contact ID,Full Name,First,Last,Email,Phone,Employees,Annual Revenue,Newsletter,
          Birthday,Last Activity,Owner,Status,Notes
  Full Name  "Given Last": the last word is the surname, every surname is one word, so
             splitting Full Name at its last space gives exactly First / Last. 4 rows
             have a two-word given name ("Ana María López", First = "Ana María").
  First      = Full Name minus its last word, except 4 rows where First is blank
             (lines 13, 24, 27, 35).
  Last       = last word of Full Name on every row (never blank).
  Email      first.last@{example.com, example.org, mail.example, acme.example,
             nordwind.example}, ASCII-folded, unique; valid except defect 1.
  Phone      +44 20 7946 0xxx / (NXX) 555-01xx / +49 30 901820 xx (10-12 digits); except defect 2.
  Employees  whole numbers 1..20000, no separators; except defect 3.
  Annual Revenue  German style, "." thousands groups, "," and 2 decimals, 500,00 ..
             4.999.999,99 (e.g. 731,00 / 34.295,00 / 2.705.104,72); every one is quoted (it
             contains a comma); except defect 4.
  Newsletter Yes x14, No x12, X x6, blank x7; plus defect 5.
  Birthday   mm/dd/yyyy, zero-padded, real dates 1955..2001; except defect 6.
  Last Activity  yyyy-mm-ddThh:mm:ss.000Z (2023..2024); except defect 7.
  Owner      one of 005A0000001aBcD/E/F/G/H; 8 rows write it in another case
             (all-lower or all-upper), lines:
             2 005a0000001abcd, 3 005a0000001abch, 20 005A0000001ABCE, 24 005A0000001ABCH,
             28 005a0000001abcf, 34 005A0000001ABCD, 37 005A0000001ABCF, 42 005a0000001abch.
             Case-insensitively every Owner is in maps/owners.csv; every owner is used.
  Status     Active x14, active x6, Churned x7, Prospect x8, On hold x4; plus defect 8.
  Notes      11 blank; 12 contain a comma (quoted); 2 contain a doubled double quote;
             exactly one holds a line break (the only multi-line record of the file):
             lines 14-15 (C-013): 'Call on Monday about the renewal<LF>Send the price list, then book a demo'
             All Notes are <= 255 characters except defect 9.
  Exact defects, one per row, all other cells of those rows valid (line: id column value):
    1. line  5  C-004  Email          'jose.garcia@example'
    2. line  8  C-007  Phone          '555-12'
    3. line 12  C-011  Employees      'twelve'
    4. line 18  C-016  Annual Revenue '1,234.50'
    5. line 21  C-019  Newsletter     'maybe'
    6. line 25  C-023  Birthday       '31/12/1983'
    7. line 29  C-027  Last Activity  'yesterday'
    8. line 33  C-031  Status         'Paused'
    9. line 38  C-036  Notes          305 chars: 'Long-standing customer since 2015, onboa'...
maps/owners.csv   header "Owner Id,Owner Email", 5 rows, 6 lines, 227 bytes:
    line 2: 005A0000001aBcD,ana.lopez@acme.example
    line 3: 005A0000001aBcE,tomas.berger@acme.example
    line 4: 005A0000001aBcF,chloe.dubois@acme.example
    line 5: 005A0000001aBcG,niklas.oberg@acme.example
    line 6: 005A0000001aBcH,priya.raman@acme.example

---------------------------------------------------------------------------------------------
B. scenarios/pipedrive-persons-and-deals-to-salesforce/data/     (clean, no defects)
---------------------------------------------------------------------------------------------
organizations.csv  30 rows, ids 1..30, 31 lines, 2729 bytes. Names unique (7 with a
                   comma, 15 with non-ASCII letters, e.g. "Müller & Söhne, GmbH");
                   Address "street no, postcode city, country" (always quoted); Owner = one of
                   5 owner names.
persons.csv        120 rows, ids 1..120, 121 lines, 12888 bytes. Person - Name unique, 2-3
                   words (last word = surname, 6 with a two-word given name);
                   Person - Organization = an organization name exactly as in
                   organizations.csv, blank for 10 persons, lines:
                   7, 37, 42, 48, 59, 66, 73, 79, 96, 102;
                   every organization has >= 2 persons. Emails valid and unique
                   (first.last@<org>.example, or @example.com/.org without an org);
                   phones 10-12 digits.
deals.csv          200 rows, ids 1..200, 201 lines, 28226 bytes. Value plain decimal
                   ("12500", "4500.5", "980.25"; no trailing zero after the point),
                   Currency EUR/USD/GBP, Stage one of the 5 Pipedrive stages, Status
                   open/won/lost, Expected close date ISO (2024-01..2025-06), Organization an
                   organization name (always), Contact person a person name (always) whose
                   Person - Organization is that same organization; Title <= 120 chars.
                   83 values with a decimal point; 30 organizations and
                   87 distinct persons used.
                   Counts:
                   EUR 100, USD 60, GBP 40
                   open 112, won 54, lost 34
                   Qualified 38, Contact Made 39, Demo Scheduled 36, Proposal Made 43,
                   Negotiations Started 44
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import unicodedata
from pathlib import Path

from sf_common import ROOT, UniqueEmails, ascii_fold, rand_date, write

DIR_A = ROOT / "scenarios" / "spreadsheet-types-and-transforms"
DIR_B = ROOT / "scenarios" / "pipedrive-persons-and-deals-to-salesforce" / "data"

# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------
def slug(s: str, sep: str = "") -> str:
    return re.sub(r"[^a-z0-9]+", sep, ascii_fold(s).lower()).strip(sep)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), r
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def phone(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"+44 20 7946 0{rng.randrange(1000):03d}"
    if kind < 0.75:
        return f"({rng.choice([303, 212, 415, 617, 312, 206])}) 555-01{rng.randrange(100):02d}"
    # With its country code: one phone_region (US) reads the national ones.
    return f"+49 30 901820 {rng.randrange(100):02d}"


# ---- validators mirroring src/map/mod.rs convert() --------------------------------------------
def is_email(t: str) -> bool:
    if "@" not in t:
        return False
    local, domain = t.split("@", 1)
    parts = domain.split(".")
    return (bool(local) and "@" not in domain and not any(c.isspace() for c in t)
            and len(parts) >= 2 and all(parts))


def email_domain_ok(t: str) -> bool:
    d = t.split("@", 1)[1]
    return d in ("example.com", "example.org") or d.endswith(".example")


def phone_ok(t: str) -> bool:
    if any(not (c.isascii() and c.isdigit()) and c not in " +-().\u00a0/" for c in t):
        return False
    return 7 <= sum(c.isdigit() for c in t) <= 15


def int_ok(t: str) -> bool:
    return re.fullmatch(r"[+-]?[0-9]+", t) is not None


def german_decimal_ok(t: str) -> bool:
    return re.fullmatch(r"[+-]?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+)(,[0-9]+)?", t) is not None


def plain_decimal_ok(t: str) -> bool:
    return re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", t) is not None


def bool_ok(t: str) -> bool:
    return t.lower() in ("true", "yes", "y", "1", "x", "false", "no", "n", "0")


def date_ok(t: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(t, fmt)
        return True
    except ValueError:
        return False


def datetime_ok(t: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", t):
        return False
    return date_ok(t[:19], "%Y-%m-%dT%H:%M:%S")


def mojibake(text: str) -> bool:
    """Would src/decode/detect.rs call this (or a word of it) UTF-8 misread as a single-byte code?"""
    for piece in [text] + text.split(" "):
        if piece.isascii():
            continue
        for codec in ("cp1252", "latin-1", "mac_roman"):
            try:
                orig = piece.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if orig != piece and not orig.isascii():
                return True
    return False


def lost_letter(text: str) -> bool:
    for word in text.split():
        if any(c in word for c in "/=&:@"):
            continue
        if len(word) >= 2 and set(word) == {"?"}:
            return True
        for i, c in enumerate(word):
            if c != "?":
                continue
            before = word[i - 1] if i > 0 else None
            after = word[i + 1] if i + 1 < len(word) else None
            if before and after and before.isalpha() and after.isalpha():
                return True
            if before is None and after and after.islower() and len(word) > 2:
                return True
    return False


def cell_clean(text: str) -> bool:
    ctrl = any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)
    return not ctrl and "\ufffd" not in text and not mojibake(text) and not lost_letter(text)


class Table:
    """A CSV re-read from disk: rows (lists) and the physical start/end line of each."""

    def __init__(self, path: Path, header: list[str]):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path}: BOM"
        assert b"\r" not in raw, f"{path}: CR"
        assert raw.endswith(b"\n"), path
        text = raw.decode("utf-8")
        rd = csv.reader(io.StringIO(text, newline=""))
        assert next(rd) == header, path
        self.rows: list[list[str]] = []
        self.lines: list[tuple[int, int]] = []
        prev = rd.line_num
        for r in rd:
            assert len(r) == len(header), (path, rd.line_num, r)
            self.lines.append((prev + 1, rd.line_num))
            prev = rd.line_num
            self.rows.append(r)
        assert raw.count(b"\n") == prev, path
        assert csv_bytes(header, self.rows) == raw, f"{path}: not minimal-quoting canonical"
        for r in [header] + self.rows:
            for c in r:
                assert cell_clean(c), (path, c)
        self.header = header
        self.n_lines = prev
        self.size = len(raw)
        self.raw = raw

    def col(self, name: str) -> list[str]:
        i = self.header.index(name)
        return [r[i] for r in self.rows]

    def dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, r)) for r in self.rows]


# ------------------------------------------------------------------------------------------
# A. spreadsheet-types-and-transforms
# ------------------------------------------------------------------------------------------
A_HEADER = ["Contact ID", "Full Name", "First", "Last", "Email", "Phone", "Employees",
            "Annual Revenue", "Newsletter", "Birthday", "Last Activity", "Owner", "Status",
            "Notes"]
A_OWNERS = [("005A0000001aBcD", "ana.lopez@acme.example"),
            ("005A0000001aBcE", "tomas.berger@acme.example"),
            ("005A0000001aBcF", "chloe.dubois@acme.example"),
            ("005A0000001aBcG", "niklas.oberg@acme.example"),
            ("005A0000001aBcH", "priya.raman@acme.example")]
A_STATUSES = ["Active", "active", "Churned", "Prospect", "On hold"]
A_GIVEN = ["Zoë", "Léa", "Jürgen", "Søren", "Chloé", "Mateo", "Inès", "Björn", "Noémie",
           "Thomas", "Emma", "Lukas", "Sofía", "Oliver", "Amélie", "Niamh", "Raúl", "Elif",
           "Marta", "Hugo", "Agnès", "Tomás", "Ingrid", "Pablo", "Greta", "Yusuf", "Maëlle",
           "Karin", "Daniel", "Aoife", "Håkon", "Małgorzata", "Renée", "Çağla"]
A_GIVEN2 = ["María José", "João Pedro", "Anna Lena", "Luis Miguel", "Marie Claire"]
A_LAST = ["Martin", "Müller", "Schäfer", "Dubois", "Fernández", "Nørgaard", "Hoffmann",
          "Rossi", "Kowalski", "Okafor", "Byrne", "Lefèvre", "Öztürk", "Castaño", "Weiß",
          "Lindqvist", "Moreau", "Janssen", "Novák", "Haddad", "Brennan", "Ferreira", "Silva",
          "Nakamura", "Svensson", "Keller", "Gómez", "Duarte", "Wiśniewski", "Jovanović"]
A_DOMAINS = ["example.com", "example.org", "mail.example", "acme.example", "nordwind.example"]
A_NOTES = [
    "Prefers email, not phone",
    "Met at Hannover Messe, interested in the API",
    "Asked for a quote for 3 seats",
    "Renewal due in Q3",
    "Key contact for the Zürich office",
    "Referred by Søren, follow up in spring",
    "Wants invoices in EUR, not CHF",
    "Goes by \"Lena\" on calls",
    "Out of office until the end of the month",
    "Champion for the rollout",
    "Budget approved, waiting for legal",
    "Downgraded to the basic plan",
    "Do not call before 10:00",
    "Speaks French and Spanish",
    "Sent the case study, no reply yet",
    "Signed as \"Dr. Weber\" on the contract",
    "Attended the webinar",
    "Needs SSO, escalated to product",
    "Prefers WhatsApp for quick questions",
    "Migrated from the old CRM in 2022",
    "Café meeting booked, bring samples",
    "Moved to the Lyon team",
    "Asked for the GDPR addendum",
    "Trial extended by two weeks, then review",
    "Invoice address changed to Köln",
    "Interested in the partner programme",
    "Reports to the CFO, keep her in the loop",
]
A_ML_ROW = 13          # C-013: the multi-line note
A_ML_NOTE = "Call on Monday about the renewal\nSend the price list, then book a demo"
A_LONG_NOTE = (
    "Long-standing customer since 2015, onboarded by the Hamburg office. "
    "Prefers calls before 10:00 CET, dislikes newsletters and asked twice for a dedicated "
    "account manager. Renewal is due in March; procurement insists on three quotes, so send "
    "the comparison sheet early and copy Jürgen Hoffmann from finance."
)
# contact number -> (column, defect value)
A_DEFECT_ROWS = {
    4: ("Email", "jose.garcia@example"),
    7: ("Phone", "555-12"),
    11: ("Employees", "twelve"),
    16: ("Annual Revenue", "1,234.50"),
    19: ("Newsletter", "maybe"),
    23: ("Birthday", "31/12/1983"),
    27: ("Last Activity", "yesterday"),
    31: ("Status", "Paused"),
    36: ("Notes", A_LONG_NOTE),
}
A_FIXED_PEOPLE = {2: ("Ana María", "López"), 4: ("José", "García")}


def german(cents: int) -> str:
    whole, frac = divmod(cents, 100)
    return f"{whole:,}".replace(",", ".") + f",{frac:02d}"


def gen_a() -> dict[str, bytes]:
    rng = random.Random(20240611)
    n = 40
    emails = UniqueEmails(lambda name: slug(name, '.'))
    names: list[str] = ["Ana María López", "José García"]
    people: dict[int, tuple[str, str]] = dict(A_FIXED_PEOPLE)
    two_word_left = 3  # two-word given names besides Ana María
    for i in range(1, n + 1):
        if i in people:
            continue
        while True:
            if two_word_left and rng.random() < 0.15:
                given = rng.choice(A_GIVEN2)
            else:
                given = rng.choice(A_GIVEN)
            last = rng.choice(A_LAST)
            if f"{given} {last}" not in names:
                break
        if " " in given:
            two_word_left -= 1
        names.append(f"{given} {last}")
        people[i] = (given, last)
    assert two_word_left == 0

    normal = [i for i in range(1, n + 1) if i not in A_DEFECT_ROWS]
    news = ["Yes"] * 14 + ["No"] * 12 + ["X"] * 6 + [""] * 7
    stats = ["Active"] * 14 + ["active"] * 6 + ["Churned"] * 7 + ["Prospect"] * 8 + ["On hold"] * 4
    assert len(news) == len(stats) == n - 1
    rng.shuffle(news)
    rng.shuffle(stats)
    first_blank = sorted(rng.sample([i for i in normal if i not in (2, A_ML_ROW)], 4))
    owner_odd = sorted(rng.sample(normal, 8))
    odd_case = ["lower"] * 4 + ["upper"] * 4
    rng.shuffle(odd_case)
    notes_blank = sorted(rng.sample([i for i in range(1, n + 1)
                                     if i not in (A_ML_ROW, 36)], 11))
    note_pool = list(A_NOTES)
    rng.shuffle(note_pool)

    rows = []
    for i in range(1, n + 1):
        given, last = people[i]
        domain = rng.choice(A_DOMAINS)
        email = emails.make(given, last, domain)
        emp = rng.choice([rng.randint(1, 49), rng.randint(50, 499), rng.randint(500, 20000)])
        band = rng.random()
        if band < 0.2:
            cents = rng.randint(50_000, 99_999) // 100 * 100   # 500,00 .. 999,00
        elif band < 0.6:
            cents = rng.randint(1_000_00, 999_999_99)
        else:
            cents = rng.randint(1_000_000_00, 4_999_999_99)
        bday = rand_date(rng, dt.date(1955, 1, 1), dt.date(2001, 12, 31)).strftime("%m/%d/%Y")
        act = dt.datetime(2023, 1, 1) + dt.timedelta(seconds=rng.randrange(2 * 365 * 86400))
        owner = rng.choice(A_OWNERS)[0]
        if i in owner_odd:
            owner = owner.lower() if odd_case.pop() == "lower" else owner.upper()
        if i == A_ML_ROW:
            note = A_ML_NOTE
        elif i in notes_blank or A_DEFECT_ROWS.get(i, ("",))[0] == "Notes":
            note = ""  # (the long defect note is put in below)
        else:
            note = note_pool.pop()
        row = {
            "Contact ID": f"C-{i:03d}",
            "Full Name": f"{given} {last}",
            "First": "" if i in first_blank else given,
            "Last": last,
            "Email": email,
            "Phone": phone(rng),
            "Employees": str(emp),
            "Annual Revenue": german(cents),
            "Newsletter": news.pop() if i != 19 else "",
            "Birthday": bday,
            "Last Activity": act.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "Owner": owner,
            "Status": stats.pop() if i != 31 else "",
            "Notes": note,
        }
        if i in A_DEFECT_ROWS:
            col, val = A_DEFECT_ROWS[i]
            row[col] = val
        rows.append([row[h] for h in A_HEADER])
    assert not news and not stats and not note_pool and not odd_case
    used = {r[11].lower() for r in rows}
    assert used == {o.lower() for o, _ in A_OWNERS}, "every owner used"
    return {
        "data/contacts.csv": csv_bytes(A_HEADER, rows),
        "maps/owners.csv": csv_bytes(["Owner Id", "Owner Email"], [list(o) for o in A_OWNERS]),
    }


def a_cell_valid(col: str, v: str) -> bool:
    owners_ci = {o.lower() for o, _ in A_OWNERS}
    if col == "Contact ID":
        return re.fullmatch(r"C-\d{3}", v) is not None
    if col in ("Full Name", "Last"):
        return v != ""
    if col == "First":
        return True
    if col == "Email":
        return is_email(v) and email_domain_ok(v) and len(v) <= 80
    if col == "Phone":
        return phone_ok(v)
    if col == "Employees":
        return int_ok(v)
    if col == "Annual Revenue":
        return german_decimal_ok(v)
    if col == "Newsletter":
        return v == "" or bool_ok(v)
    if col == "Birthday":
        return date_ok(v, "%m/%d/%Y")
    if col == "Last Activity":
        return datetime_ok(v)
    if col == "Owner":
        return v.lower() in owners_ci
    if col == "Status":
        return v in A_STATUSES
    if col == "Notes":
        return len(v) <= 255
    raise KeyError(col)


def check_a() -> dict[str, object]:
    t = Table(DIR_A / "data" / "contacts.csv", A_HEADER)
    rows = t.dicts()
    assert len(rows) == 40 and t.n_lines == 42
    assert [r["Contact ID"] for r in rows] == [f"C-{i:03d}" for i in range(1, 41)]
    facts: dict[str, object] = {"A_BYTES": t.size}

    # defects: exactly the listed cells, one per row, at the listed physical lines
    found = []
    for r, (start, _end) in zip(rows, t.lines):
        for col in A_HEADER:
            if not a_cell_valid(col, r[col]):
                found.append((start, r["Contact ID"], col, r[col]))
    expected = [(t.lines[i - 1][0], f"C-{i:03d}", c, v) for i, (c, v) in
                sorted(A_DEFECT_ROWS.items())]
    assert found == expected, found
    assert len({f[1] for f in found}) == 9
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", "1,234.50")  # English style, not German
    long_len = len(A_LONG_NOTE)
    assert 280 <= long_len <= 320, long_len
    facts["A_DEFECTS"] = "\n".join(
        f"    {n}. line {ln:>2}  {cid}  {col:<14} "
        + (f"{v!r}" if col != "Notes" else f"{len(v)} chars: {v[:40]!r}...")
        for n, (ln, cid, col, v) in enumerate(found, 1))

    # names
    middle = 0
    for r in rows:
        words = r["Full Name"].split(" ")
        assert len(words) in (2, 3) and all(words), r
        assert r["Last"] == words[-1]
        assert r["First"] in ("", " ".join(words[:-1]))
        assert len(words[-1]) <= 80 and len(" ".join(words[:-1])) <= 40
        middle += len(words) == 3
    assert rows[1]["Full Name"] == "Ana María López" and rows[1]["First"] == "Ana María"
    assert rows[3]["Full Name"] == "José García"
    assert len({r["Full Name"] for r in rows}) == 40
    facts["A_MIDDLE"] = middle
    fb = [t.lines[k][0] for k, r in enumerate(rows) if r["First"] == ""]
    facts["A_FIRST_BLANK"] = len(fb)
    facts["A_FIRST_BLANK_LINES"] = ", ".join(map(str, fb))
    emails = [r["Email"].lower() for r in rows]
    assert len(set(emails)) == 40
    assert sum(e.startswith("jose.garcia@") for e in emails) == 1

    # value distributions
    def count(col: str, v: str) -> int:
        return sum(r[col] == v for r in rows)
    for v, k in (("Yes", 14), ("No", 12), ("X", 6), ("", 7), ("maybe", 1)):
        assert count("Newsletter", v) == k, (v, count("Newsletter", v))
    for v, k in (("Active", 14), ("active", 6), ("Churned", 7), ("Prospect", 8),
                 ("On hold", 4), ("Paused", 1)):
        assert count("Status", v) == k, (v, count("Status", v))
    for r in rows:
        if r["Annual Revenue"] != "1,234.50":
            assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}", r["Annual Revenue"]), r
        if r["Employees"] != "twelve":
            assert 1 <= int(r["Employees"]) <= 20000
        if r["Birthday"] != "31/12/1983":
            assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", r["Birthday"])
            assert 1955 <= int(r["Birthday"][-4:]) <= 2001
        if r["Last Activity"] != "yesterday":
            assert r["Last Activity"][:4] in ("2023", "2024")
    # every revenue cell holds a comma, so minimal quoting (checked in Table) quotes it
    assert all("," in v for v in t.col("Annual Revenue"))
    for r in rows:
        if r["Annual Revenue"] != "1,234.50":
            plain = r["Annual Revenue"].replace(".", "").replace(",", ".")
            assert 500 <= float(plain) < 5_000_000, r
        if r["Phone"] != "555-12":
            assert 10 <= sum(c.isdigit() for c in r["Phone"]) <= 12, r

    # owners
    canon = [o for o, _ in A_OWNERS]
    odd = [(t.lines[k][0], r["Owner"]) for k, r in enumerate(rows) if r["Owner"] not in canon]
    assert all(v in (v.lower(), v.upper()) for _, v in odd)
    assert {r["Owner"].lower() for r in rows} == {o.lower() for o in canon}
    facts["A_OWNER_ODD"] = len(odd)
    items = [f"{ln} {v}" for ln, v in odd]
    facts["A_OWNER_ODD_LINES"] = ",\n             ".join(
        ", ".join(items[k:k + 4]) for k in range(0, len(items), 4))

    # notes
    notes = [r["Notes"] for r in rows]
    ml = [(t.lines[k], rows[k]["Contact ID"], v) for k, v in enumerate(notes) if "\n" in v]
    assert len(ml) == 1 and ml[0][2] == A_ML_NOTE and ml[0][1] == f"C-{A_ML_ROW:03d}"
    assert ml[0][0][1] - ml[0][0][0] == 1
    assert sum(t.lines[k][1] - t.lines[k][0] for k in range(40)) == 1
    facts["A_ML_LINES"] = f"{ml[0][0][0]}-{ml[0][0][1]}"
    facts["A_ML_ID"] = ml[0][1]
    facts["A_ML_VALUE"] = repr(A_ML_NOTE).replace("\\n", "<LF>")
    facts["A_NOTES_BLANK"] = sum(v == "" for v in notes)
    facts["A_NOTES_COMMA"] = sum("," in v for v in notes)
    facts["A_NOTES_QUOTE"] = sum('"' in v for v in notes)
    assert all(len(v) <= 255 for v in notes if v != A_LONG_NOTE)

    # owners.csv
    o = Table(DIR_A / "maps" / "owners.csv", ["Owner Id", "Owner Email"])
    assert [tuple(r) for r in o.rows] == A_OWNERS and o.n_lines == 6
    assert all(is_email(e) and e.endswith("@acme.example") for _, e in A_OWNERS)
    assert len({i.lower() for i, _ in A_OWNERS}) == 5
    facts["A_OWN_BYTES"] = o.size
    facts["A_OWNERS"] = "\n".join(f"    line {k + 2}: {i},{e}" for k, (i, e) in enumerate(A_OWNERS))
    return facts


# ------------------------------------------------------------------------------------------
# B. pipedrive-persons-and-deals-to-salesforce
# ------------------------------------------------------------------------------------------
B_ORG_H = ["Organization - ID", "Organization - Name", "Organization - Address",
           "Organization - Owner"]
B_PER_H = ["Person - ID", "Person - Name", "Person - Email", "Person - Phone",
           "Person - Organization", "Person - Owner"]
B_DEAL_H = ["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Stage",
            "Deal - Status", "Deal - Expected close date", "Deal - Organization",
            "Deal - Contact person", "Deal - Owner"]
B_STAGES = ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made",
            "Negotiations Started"]
B_OWNERS = ["Loïc Fontaine", "Greta Lindqvist", "Samuel Okafor", "Inés Castillo",
            "Hannah Weiß"]
B_ORGS = [
    "Müller & Söhne, GmbH", "Lefèvre Conseil SARL", "Núñez, Ortega y Asociados S.L.",
    "Björklund Design AB", "Østergaard & Co. ApS", "Zürcher Präzisionstechnik AG",
    "Kowalczyk Logistyka sp. z o.o.", "Brennan & Walsh Ltd", "Café Olé Distribución S.A.",
    "Nordlicht Energie GmbH", "Dvořák Engineering s.r.o.", "Castaño, Ruiz & Partners",
    "Blue Harbor Analytics Inc.", "Ferreira Têxteis Lda", "Haddad Trading FZE",
    "Öztürk Gıda A.Ş.", "Van der Berg Installaties B.V.", "Rossi & Figli S.p.A.",
    "Greenfield Organics, Inc.", "Søndergaard Møbler A/S", "Pacific Crest Software LLC",
    "Maison Dubois, Traiteur", "Lindholm Byggservice AB", "Okonkwo Health Systems Ltd",
    "Schäfer Werkzeugbau KG", "Atelier Noémie Laurent", "Kaplan, Reyes & Moore LLP",
    "Hoffmann Medientechnik GmbH", "Sakura Foods Europe B.V.", "Tōkai Precision Parts Co., Ltd.",
]
B_PLACES = [("Hauptstraße", "10115", "Berlin", "Germany"),
            ("Rue de la Paix", "75002", "Paris", "France"),
            ("Calle de Alcalá", "28014", "Madrid", "Spain"),
            ("Drottninggatan", "111 51", "Stockholm", "Sweden"),
            ("Bahnhofstrasse", "8001", "Zürich", "Switzerland"),
            ("Keizersgracht", "1015 CX", "Amsterdam", "Netherlands"),
            ("Market Street", "94105", "San Francisco", "United States"),
            ("Baker Street", "NW1 6XE", "London", "United Kingdom"),
            ("Vesterbrogade", "1620", "København", "Denmark"),
            ("Rua Augusta", "1100-053", "Lisboa", "Portugal"),
            ("Königsallee", "40212", "Düsseldorf", "Germany"),
            ("Via Roma", "10121", "Torino", "Italy")]
B_GIVEN = ["Zoë", "Ana", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Ethan",
           "Hannah", "Oliver", "Amelia", "James", "Mateo", "Aisha", "Kenji", "Priya", "Wei",
           "Fatima", "Omar", "Ingrid", "Lars", "Giulia", "Marco", "Daniel", "Laura", "Thomas",
           "Julia", "Peter", "Nina", "Elena", "Clara", "Felix", "Marie", "Jonas", "Grace",
           "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Łukasz", "Renée",
           "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa", "Joaquín", "Ayşe",
           "Gonçalo", "Hélène"]
B_GIVEN2 = ["Ana María", "María José", "João Pedro", "Anna Lena", "Jean Baptiste"]
B_LAST = ["Martin", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Anderson", "Moore",
          "Clark", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
          "Rossi", "Bianchi", "Jensen", "Hansen", "Tanaka", "Kim", "Chen", "Singh", "Patel",
          "Mensah", "Silva", "Santos", "Costa", "Novak", "Nagy", "Virtanen", "Murphy",
          "Janssen", "Becker", "Wagner", "Fischer", "Müller", "Schäfer", "Großmann",
          "García", "Núñez", "Lefèvre", "Pérez", "Sørensen", "Öztürk", "Kowalczyk",
          "Fernández", "Gómez", "Björklund", "Çelik", "Dvořák", "Löfgren", "Ibáñez", "López"]
B_PRODUCTS = ["Annual licence", "Enterprise plan", "Pilot project", "Support renewal",
              "Onboarding package", "Team expansion", "API add-on", "Training days",
              "Data migration", "Premium support", "Rollout phase 2", "Hardware bundle"]


def org_short(name: str) -> str:
    return name.split(",")[0]


def plain_value(cents: int) -> str:
    whole, frac = divmod(cents, 100)
    if frac == 0:
        return str(whole)
    return f"{whole}.{frac:02d}".rstrip("0")


def gen_b() -> dict[str, bytes]:
    rng = random.Random(20240612)
    assert len(B_ORGS) == 30 and len(set(B_ORGS)) == 30
    orgs = []
    domains: dict[str, str] = {}
    for i, name in enumerate(B_ORGS, 1):
        street, post, city, country = rng.choice(B_PLACES)
        orgs.append([str(i), name, f"{street} {rng.randint(1, 180)}, {post} {city}, {country}",
                     rng.choice(B_OWNERS)])
        domains[name] = "-".join(slug(org_short(name), "-").split("-")[:2]) + ".example"
    assert len(set(domains.values())) == 30, domains
    org_owner = {o[1]: o[3] for o in orgs}

    # 110 persons with an organization (each org >= 2), 10 without
    affil = [n for n in B_ORGS for _ in range(2)] + [rng.choice(B_ORGS) for _ in range(50)]
    affil += [""] * 10
    rng.shuffle(affil)
    emails = UniqueEmails(lambda name: slug(name, '.'))
    names: list[str] = []
    persons = []
    n_middle = 0
    for i, org in enumerate(affil, 1):
        while True:
            given = rng.choice(B_GIVEN2) if n_middle < 6 and rng.random() < 0.08 \
                else rng.choice(B_GIVEN)
            last = rng.choice(B_LAST)
            if f"{given} {last}" not in names:
                break
        n_middle += " " in given
        names.append(f"{given} {last}")
        domain = domains[org] if org else rng.choice(["example.com", "example.org"])
        owner = org_owner[org] if org and rng.random() < 0.8 else rng.choice(B_OWNERS)
        persons.append([str(i), f"{given} {last}", emails.make(given, last, domain),
                        phone(rng), org, owner])

    by_org: dict[str, list[str]] = {n: [] for n in B_ORGS}
    for p in persons:
        if p[4]:
            by_org[p[4]].append(p[1])
    deals = []
    for i in range(1, 201):
        org = rng.choice(B_ORGS)
        contact = rng.choice(by_org[org])
        band = rng.random()
        if band < 0.55:
            cents = rng.randint(10, 1200) * 50_00           # whole: 500 .. 60000
        elif band < 0.8:
            cents = rng.randint(1000, 90000) * 10          # one decimal at most
        else:
            cents = rng.randint(50_000, 9_000_000)         # two decimals
        status = rng.choices(["open", "won", "lost"], [60, 25, 15])[0]
        deals.append([
            str(i), f"{org_short(org)} – {rng.choice(B_PRODUCTS)}", plain_value(cents),
            rng.choices(["EUR", "USD", "GBP"], [50, 30, 20])[0], rng.choice(B_STAGES), status,
            rand_date(rng, dt.date(2024, 1, 1), dt.date(2025, 6, 30)).isoformat(),
            org, contact,
            org_owner[org] if rng.random() < 0.85 else rng.choice(B_OWNERS),
        ])
    return {
        "organizations.csv": csv_bytes(B_ORG_H, orgs),
        "persons.csv": csv_bytes(B_PER_H, persons),
        "deals.csv": csv_bytes(B_DEAL_H, deals),
    }


def check_b() -> dict[str, object]:
    facts: dict[str, object] = {}
    o = Table(DIR_B / "organizations.csv", B_ORG_H)
    p = Table(DIR_B / "persons.csv", B_PER_H)
    d = Table(DIR_B / "deals.csv", B_DEAL_H)
    assert (len(o.rows), len(p.rows), len(d.rows)) == (30, 120, 200)
    assert (o.n_lines, p.n_lines, d.n_lines) == (31, 121, 201)
    for t in (o, p, d):
        assert all(a == b for a, b in t.lines), "no multi-line cells in B"
        assert [r[0] for r in t.rows] == [str(i) for i in range(1, len(t.rows) + 1)]
        assert all(c.strip() == c for r in t.rows for c in r)
    facts.update(B_ORG_BYTES=o.size, B_PER_BYTES=p.size, B_DEAL_BYTES=d.size)

    org_names = o.col("Organization - Name")
    assert len(set(org_names)) == 30 and all(org_names)
    assert "Müller & Söhne, GmbH" in org_names
    facts["B_ORG_COMMA"] = sum("," in n for n in org_names)
    facts["B_ORG_ACCENT"] = sum(not n.isascii() for n in org_names)
    for r in o.dicts():
        assert re.fullmatch(r"[^,]+ \d+, [^,]+, [^,]+", r["Organization - Address"]), r
        assert r["Organization - Owner"] in B_OWNERS
        assert len(r["Organization - Name"]) <= 255

    pn = p.col("Person - Name")
    assert len(set(pn)) == 120
    middle = 0
    for r in p.dicts():
        words = r["Person - Name"].split(" ")
        assert len(words) in (2, 3) and all(words)
        assert len(" ".join(words[:-1])) <= 40 and len(words[-1]) <= 80
        middle += len(words) == 3
        e = r["Person - Email"]
        assert is_email(e) and email_domain_ok(e) and len(e) <= 80 and e.isascii(), r
        assert phone_ok(r["Person - Phone"]) and 10 <= sum(c.isdigit() for c in r["Person - Phone"]) <= 12
        assert r["Person - Organization"] == "" or r["Person - Organization"] in org_names
        assert r["Person - Owner"] in B_OWNERS
    assert len({e.lower() for e in p.col("Person - Email")}) == 120
    facts["B_PER_MIDDLE"] = middle
    blank = [p.lines[k][0] for k, r in enumerate(p.dicts()) if r["Person - Organization"] == ""]
    assert len(blank) == 10
    facts["B_PER_BLANK_LINES"] = ", ".join(map(str, blank))
    per_org = {n: 0 for n in org_names}
    for v in p.col("Person - Organization"):
        if v:
            per_org[v] += 1
    assert min(per_org.values()) >= 2 and sum(per_org.values()) == 110
    person_org = dict(zip(pn, p.col("Person - Organization")))

    counts: dict[str, int] = {}
    for r in d.dicts():
        assert len(r["Deal - Title"]) <= 120 and r["Deal - Title"]
        v = r["Deal - Value"]
        assert plain_decimal_ok(v) and (("." not in v) or not v.endswith("0")), v
        assert float(v) > 0
        assert r["Deal - Currency"] in ("EUR", "USD", "GBP")
        assert r["Deal - Stage"] in B_STAGES
        assert r["Deal - Status"] in ("open", "won", "lost")
        cd = r["Deal - Expected close date"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cd) and date_ok(cd, "%Y-%m-%d")
        assert "2024-01-01" <= cd <= "2025-06-30"
        assert r["Deal - Organization"] in org_names
        assert r["Deal - Contact person"] in person_org
        assert person_org[r["Deal - Contact person"]] == r["Deal - Organization"]
        assert r["Deal - Owner"] in B_OWNERS
        for k in ("Deal - Currency", "Deal - Status", "Deal - Stage"):
            counts[r[k]] = counts.get(r[k], 0) + 1
    order = ["EUR", "USD", "GBP", "open", "won", "lost"] + B_STAGES
    facts["B_DEAL_COUNTS"] = ("\n                   ".join(
        ", ".join(f"{k} {counts[k]}" for k in grp)
        for grp in (order[:3], order[3:6], order[6:])))
    assert sum(counts[k] for k in order[:3]) == 200
    facts["B_DEAL_ORGS_USED"] = len(set(d.col("Deal - Organization")))
    facts["B_DEAL_CONTACTS_USED"] = len(set(d.col("Deal - Contact person")))
    facts["B_DEAL_DECIMALS"] = sum("." in v for v in d.col("Deal - Value"))
    return facts


# ------------------------------------------------------------------------------------------
def check_all() -> dict[str, object]:
    facts = {**check_a(), **check_b()}
    # Every fact read back must equal the value stated here and in the docstring.
    def norm(v: object) -> str:
        return " ".join(str(v).split())
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert norm(facts[key]) == norm(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    doc = norm(__doc__)
    for key in ("A_DEFECTS", "A_OWNERS", "A_OWNER_ODD_LINES", "A_FIRST_BLANK_LINES",
                "A_ML_VALUE", "B_PER_BLANK_LINES", "B_DEAL_COUNTS"):
        assert norm(facts[key]) in doc, key
    for key in ("A_BYTES", "A_OWN_BYTES", "B_ORG_BYTES", "B_PER_BYTES", "B_DEAL_BYTES"):
        assert f"{facts[key]} bytes" in doc, key
    return facts


# Every fact --check derives from the files, as stated in the docstring (compared after
# collapsing whitespace).
EXPECTED: dict[str, object] = {
    "A_BYTES": 7703,
    "A_DEFECTS": (
        "1. line 5 C-004 Email 'jose.garcia@example' "
        "2. line 8 C-007 Phone '555-12' "
        "3. line 12 C-011 Employees 'twelve' "
        "4. line 18 C-016 Annual Revenue '1,234.50' "
        "5. line 21 C-019 Newsletter 'maybe' "
        "6. line 25 C-023 Birthday '31/12/1983' "
        "7. line 29 C-027 Last Activity 'yesterday' "
        "8. line 33 C-031 Status 'Paused' "
        "9. line 38 C-036 Notes 305 chars: 'Long-standing customer since 2015, onboa'..."),
    "A_MIDDLE": 4,
    "A_FIRST_BLANK": 4,
    "A_FIRST_BLANK_LINES": "13, 24, 27, 35",
    "A_OWNER_ODD": 8,
    "A_OWNER_ODD_LINES": (
        "2 005a0000001abcd, 3 005a0000001abch, 20 005A0000001ABCE, 24 005A0000001ABCH, "
        "28 005a0000001abcf, 34 005A0000001ABCD, 37 005A0000001ABCF, 42 005a0000001abch"),
    "A_ML_LINES": "14-15",
    "A_ML_ID": "C-013",
    "A_ML_VALUE": "'Call on Monday about the renewal<LF>Send the price list, then book a demo'",
    "A_NOTES_BLANK": 11,
    "A_NOTES_COMMA": 12,
    "A_NOTES_QUOTE": 2,
    "A_OWN_BYTES": 227,
    "A_OWNERS": (
        "line 2: 005A0000001aBcD,ana.lopez@acme.example "
        "line 3: 005A0000001aBcE,tomas.berger@acme.example "
        "line 4: 005A0000001aBcF,chloe.dubois@acme.example "
        "line 5: 005A0000001aBcG,niklas.oberg@acme.example "
        "line 6: 005A0000001aBcH,priya.raman@acme.example"),
    "B_ORG_BYTES": 2729,
    "B_PER_BYTES": 12888,
    "B_DEAL_BYTES": 28226,
    "B_ORG_COMMA": 7,
    "B_ORG_ACCENT": 15,
    "B_PER_MIDDLE": 6,
    "B_PER_BLANK_LINES": "7, 37, 42, 48, 59, 66, 73, 79, 96, 102",
    "B_DEAL_COUNTS": (
        "EUR 100, USD 60, GBP 40 open 112, won 54, lost 34 Qualified 38, Contact Made 39, "
        "Demo Scheduled 36, Proposal Made 43, Negotiations Started 44"),
    "B_DEAL_ORGS_USED": 30,
    "B_DEAL_CONTACTS_USED": 87,
    "B_DEAL_DECIMALS": 83,
}


def main() -> None:
    if "--check" not in sys.argv[1:]:
        for n, b in gen_a().items():
            write(DIR_A / n, b)
        for n, b in gen_b().items():
            write(DIR_B / n, b)
    facts = check_all()
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    print("ok: spreadsheet-types-and-transforms (contacts.csv, owners.csv), "
          "pipedrive-persons-and-deals-to-salesforce (organizations/persons/deals.csv)")


if __name__ == "__main__":
    main()
