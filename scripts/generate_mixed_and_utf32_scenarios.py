#!/usr/bin/env python3
"""Deterministic generator for two encoding scenarios of issue 13 (items 3 and 7).

Usage (from anywhere):
    python3 scripts/generate_mixed_and_utf32_scenarios.py          # (re)write both data folders, then verify
    python3 scripts/generate_mixed_and_utf32_scenarios.py --check  # only verify the files already on disk
    python3 scripts/generate_mixed_and_utf32_scenarios.py --facts  # also print every fact --check derives

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>);
nothing depends on the date, the environment or set/hash ordering, so two runs write
byte-identical files (written as raw bytes). All people are synthetic; e-mails use example.com /
example.org; Salesforce ids are 18 characters with a correct case-safe suffix.

--check re-reads the bytes and derives every fact below on its own, without the tool: a record
of the Latin-1 file (split on CRLF outside quotes; every structural byte is ASCII) is UTF-8 when
its bytes are valid UTF-8 and Windows-1252 otherwise (the five bytes Windows-1252 leaves
undefined become U+FFFD); the UTF-32 files are read with Python's own codecs. It then asserts
that the damage found in the bytes is exactly the damage planted (and that no trap fires), that
the facts equal EXPECTED, that this docstring and each scenario.toml state them, and that each
[expect] block is the verdict they give under the default thresholds.

---------------------------------------------------------------------------------------------
1. scenarios/salesforce-latin1-with-utf8-cells/data/Contact.csv
---------------------------------------------------------------------------------------------
   Data Loader extract (UPPERCASE headers, every field quoted, CRLF), Windows-1252, no BOM:
   "ID","ACCOUNTID","FIRSTNAME","LASTNAME","EMAIL","MAILINGCITY","MAILINGCOUNTRY","DESCRIPTION".
   300 contacts, 318 lines, 39369 bytes; 17 Descriptions span two lines (CRLF inside quotes).
   Records in Windows-1252 with a non-ASCII byte: 248. Records written in UTF-8 (BOGOTÁ D.C.,
   Azañero, São Paulo, Łukasz, “quotes”, 🚀): 25, lines
   11, 24, 37, 50, 64, 76, 89, 101, 113, 127, 139, 153, 165, 177, 189, 201, 213, 227, 239, 251,
   265, 278, 290, 302, 316
   (24 from a second system, and line 113, whose UTF-8 holds mojibake).
   ASCII-only records: 27 (of which the 6 `?` records below).
   Visible damage, one damaged character each, 12 records:
     `?` for a letter (a third system that could only write ASCII), 6 records, lines
       34, 88, 140, 190, 243, 296: BOGOT? D.C. / Aza?ero / MEDELL?N / JOS? / Pe?a / POPAY?N
     U+FFFD read as Windows-1252 (`Nuï¿½ez`, bytes EF BF BD in a Windows-1252 record), 3
       records, lines 62, 167, 272
     UTF-8 read as Windows-1252 and saved as UTF-8 (`AzaÃ±ero`), 1 record, line 113
     a byte Windows-1252 leaves undefined outside any UTF-8 sequence (0x81 / 0x8D, the
       second half of a UTF-8 Á / Í whose first byte was cut): `BOGOT\\x81 D.C.`,
       `MEDELL\\x8DN`, 2 records, lines 217, 261, byte offsets 26893, 32124:
       2 undecodable bytes
   Traps that are not damage ("Any budget for Q3?", "CALL BACK?", "¿Qué tal?",
   "See https://example.com/page?id=42", SÃO PAULO and João in Windows-1252): 127 rows.
   Non-ASCII characters in the mapped text columns (FIRSTNAME LASTNAME EMAIL MAILINGCITY
   MAILINGCOUNTRY DESCRIPTION) as read: 991, of them stored damaged: 12.
   So: encoding "mixed" (windows-1252 + utf-8), encoding_damage 12 of 300 rows (4.00%, above
   0.1%), non_ascii_round_trip 12 of 991 characters (1.21%), every row loads: ROLLBACK.

---------------------------------------------------------------------------------------------
2. scenarios/utf32-exports-and-lying-boms/data/
---------------------------------------------------------------------------------------------
   Account.csv     UTF-32BE, no BOM, comma, LF. 40 accounts, 41 lines, 6000 bytes;
                   30 rows with a non-ASCII character (株式会社 山田, München, Kraków).
   Contact.csv     UTF-32LE with BOM FF FE 00 00, comma, CRLF, every field quoted.
                   150 contacts, 151 lines, 57800 bytes, AccountId all in Account.csv.
                   Non-ASCII letters, CJK, emoji (山田 太郎, Zoë, 🚀): 144 rows.
   Case.csv        UTF-32LE, no BOM, comma, CRLF. 30 cases, 31 lines, 7952 bytes,
                   ContactId all in Contact.csv; 8 rows with 請求書の再発行 or 💸.
   Lead.csv        UTF-32BE with BOM 00 00 FE FF, comma, LF. 25 leads, 26 lines, 6160 bytes;
                   25 rows with a non-ASCII character.
   Opportunity.csv a UTF-16BE BOM (FE FF) written before UTF-32LE data (the bytes show it:
                   three NULs in every four-byte unit of ASCII; read as UTF-16BE the text is
                   50% NUL characters), comma, LF.
                   60 deals, 61 lines, 14450 bytes, AccountId all in Account.csv.
   Task.csv        a UTF-16LE BOM (FF FE) written before Windows-1252 data (not valid UTF-8,
                   no NUL; read as UTF-16LE it has no line break): refused on its own, so the
                   scenario declares encoding = "windows-1252" with bom = "ignore".
                   Semicolon, CRLF. 45 tasks, 46 lines, 2227 bytes, WhoId all in Contact.csv;
                   24 rows with Rückruf or Réunion.
   Non-ASCII characters in the mapped text columns as read: 1415.
   No damage, no orphans, no blank required values: GO.
"""

from __future__ import annotations

import random
import re
import sys
import tomllib
from pathlib import Path

from sf_common import SCEN, b62, to18, write

D1 = SCEN / "salesforce-latin1-with-utf8-cells"
D2 = SCEN / "utf32-exports-and-lying-boms"

# ------------------------------------------------------------------------------------------
# 1. A Latin-1 Data Loader export with UTF-8 cells
# ------------------------------------------------------------------------------------------
SEED1 = 13_03
N1 = 300
H1 = ["ID", "ACCOUNTID", "FIRSTNAME", "LASTNAME", "EMAIL", "MAILINGCITY", "MAILINGCOUNTRY",
      "DESCRIPTION"]
TEXT1 = ["FIRSTNAME", "LASTNAME", "EMAIL", "MAILINGCITY", "MAILINGCOUNTRY", "DESCRIPTION"]

# Windows-1252 people of the main system: (first names, last names, (city, country) pairs).
CP_POOLS = [
    (["Jürgen", "Bärbel", "Jörg", "Günther", "Anna", "Lukas"],
     ["Müller", "Schröder", "Köhler", "Weiß", "Becker", "Groß"],
     [("München", "Deutschland"), ("Köln", "Deutschland"), ("Zürich", "Schweiz")]),
    (["François", "Hélène", "Loïc", "Noël", "Chloé", "Marc"],
     ["Lefèvre", "Bérard", "Mercier", "Faure", "Gaëtan", "Dupont"],
     [("Besançon", "France"), ("Orléans", "France"), ("Genève", "Suisse")]),
    (["José", "María", "Ángel", "Inés", "Raúl", "Lucía"],
     ["Núñez", "García", "Muñoz", "Peña", "Ibáñez", "Ortega"],
     [("Málaga", "España"), ("León", "España"), ("Córdoba", "España")]),
    (["João", "Conceição", "André", "Inês"],
     ["Gonçalves", "Magalhães", "Simões", "Araújo"],
     [("SÃO PAULO", "BRASIL"), ("Brasília", "Brasil"), ("Belém", "Brasil")]),
    (["Søren", "Åsa", "Björn", "Sigríður"],
     ["Sørensen", "Sjöberg", "Ødegaard", "Lindström"],
     [("København", "Danmark"), ("Malmö", "Sverige"), ("Tromsø", "Norge")]),
    (["Emily", "James", "Olivia", "Noah"],
     ["Smith", "Brown", "Taylor", "Walker"],
     [("Leeds", "United Kingdom"), ("Boston", "USA"), ("Dublin", "Ireland")]),
]
# The second system's people, in UTF-8 (some letters Windows-1252 cannot hold).
UTF8_PEOPLE = [
    ("Andrés", "Azañero", "BOGOTÁ D.C.", "Colombia"), ("Łukasz", "Dvořák", "Kraków", "Polska"),
    ("Camila", "Peña", "Medellín", "Colombia"), ("Thiago", "Gonçalves", "São Paulo", "Brasil"),
    ("Zoë", "Ødegaard", "Tromsø", "Norge"), ("Şebnem", "Yılmaz", "İstanbul", "Türkiye"),
    ("Valentina", "Muñoz", "Popayán", "Colombia"), ("Jiří", "Novák", "Brno", "Česko"),
    ("Sofía", "Ibáñez", "Cali", "Colombia"), ("Ana", "Ruiz", "BOGOTÁ D.C.", "Colombia"),
    ("Mateus", "Araújo", "Belém", "Brasil"), ("Oğuz", "Demir", "Ankara", "Türkiye"),
]
UTF8_NOTES = ["Reunión confirmada 🚀", "Prefers “WhatsApp” 📞", "Migrated from the HubSpot portal",
              "Pedido de cotização 🙂", "Llamar después de las 3", ""]
CP_NOTES = ["VIP", "", "Newsletter opt-in", "Any budget for Q3?", "CALL BACK?", "¿Qué tal?",
            "See https://example.com/page?id=42", "Kunde seit 2019, zahlt pünktlich",
            "Rückruf erbeten – 15 € Rabatt", "Met at the Köln fair, 2024"]
# `?` for a letter: (cell, value); each replaces one letter.
QUESTION_MARKS = [("MAILINGCITY", "BOGOT? D.C."), ("LASTNAME", "Aza?ero"),
                  ("MAILINGCITY", "MEDELL?N"), ("FIRSTNAME", "JOS?"), ("LASTNAME", "Pe?a"),
                  ("MAILINGCITY", "POPAY?N")]


def sf_id(rng: random.Random, prefix: str, used: set[str]) -> str:
    while True:
        id15 = prefix + "5g00000" + b62(rng.randrange(62 ** 5), 5)
        if id15 not in used:
            used.add(id15)
            return to18(id15)


def slug(s: str) -> str:
    table = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ğ": "g",
                           "ş": "s", "Ş": "S", "İ": "I", "ř": "r", "ð": "d"})
    import unicodedata
    s = unicodedata.normalize("NFKD", s.translate(table))
    return re.sub(r"[^a-z]", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def quoted(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\r\n"


# Which record comes from where: planted row positions (0-based), fixed.
DOUBLE_ROW = 105                                       # UTF-8 that holds mojibake (AzaÃ±ero)
UTF8_ROWS = sorted(set(range(9, N1, 12)) - {DOUBLE_ROW})  # 24 records of the second system
QMARK_ROWS = [30, 80, 130, 178, 229, 279]
FFFD_ROWS = [55, 155, 255]
# A UTF-8 letter whose first byte was cut: the second byte is one Windows-1252 leaves
# undefined (Á = C3 81, Í = C3 8D). Placeholders \x01 / \x02 are replaced after encoding.
CUT_ROWS = {205: "BOGOT\x01 D.C.", 245: "MEDELL\x02N"}


def gen1() -> bytes:
    rng = random.Random(SEED1)
    used_ids: set[str] = set()
    accounts = [sf_id(rng, "001", used_ids) for _ in range(25)]
    emails: set[str] = set()
    out = [quoted(H1).encode("ascii")]
    qi = 0
    for i in range(N1):
        if i in UTF8_ROWS:
            first, last, city, country = UTF8_PEOPLE[i % len(UTF8_PEOPLE)]
            note = UTF8_NOTES[i % len(UTF8_NOTES)]
            enc = "utf-8"
        elif i in QMARK_ROWS:
            first, last, city, country = "Jose", "Castano", "CALI", "COLOMBIA"
            note = "Imported from the legacy ERP"
            column, value = QUESTION_MARKS[qi]
            qi += 1
            enc = "ascii"
        else:
            pool = CP_POOLS[rng.randrange(len(CP_POOLS))]
            first, last = rng.choice(pool[0]), rng.choice(pool[1])
            city, country = rng.choice(pool[2])
            note = rng.choice(CP_NOTES)
            enc = "cp1252"
        if i in FFFD_ROWS:
            # A system that lost the letter wrote U+FFFD in UTF-8; this one read it as
            # Windows-1252 and saved it so, beside its own accented first name.
            first, last = "José", "Nu\ufffdez".encode("utf-8").decode("cp1252")
        if i == DOUBLE_ROW:
            first, last, city, country = "Andrés", "Azañero".encode("utf-8").decode("cp1252"), \
                "Cali", "Colombia"
            enc = "utf-8"
        if i in CUT_ROWS:
            city, country = CUT_ROWS[i], "COLOMBIA"
        local = f"{slug(first)}.{slug(last) or 'x'}"
        if i in QMARK_ROWS or i in CUT_ROWS:
            local = f"contact{i + 1}"
        email, k = f"{local}@example.com", 2
        while email in emails:
            email, k = f"{local}{k}@example.com", k + 1
        emails.add(email)
        if rng.random() < 0.06 and note:
            note = note + "\r\nFollow-up in January"
        row = {"ID": sf_id(rng, "003", used_ids), "ACCOUNTID": rng.choice(accounts),
               "FIRSTNAME": first, "LASTNAME": last, "EMAIL": email, "MAILINGCITY": city,
               "MAILINGCOUNTRY": country, "DESCRIPTION": note}
        if i in QMARK_ROWS:
            row[column] = value
        line = quoted([row[h] for h in H1]).encode(enc)
        out.append(line.replace(b"\x01", b"\x81").replace(b"\x02", b"\x8d"))
    return b"".join(out)


# ------------------------------------------------------------------------------------------
# 2. UTF-32 exports and lying BOMs
# ------------------------------------------------------------------------------------------
SEED2 = 13_07
NAMES2 = [("山田", "太郎"), ("王", "伟"), ("Zoë", "Hartley"), ("Jürgen", "Weiß"), ("Αλέξανδρος",
          "Παπαδόπουλος"), ("Иван", "Петров"), ("Emily", "Clark"), ("Łukasz", "Ćwik"),
          ("Ayşe", "Şahin"), ("Noah", "Green"), ("김", "민준"), ("Siobhán", "Ó Briain")]
NOTES2 = ["🚀 kick-off booked", "Prefers e-mail", "", "Renewal – Q3", "会議は火曜日", "VIP ⭐"]


def utf32(text: str, big_endian: bool) -> bytes:
    return text.encode("utf-32-be" if big_endian else "utf-32-le")


def gen2() -> dict[str, bytes]:
    rng = random.Random(SEED2)
    used: set[str] = set()
    accounts = [sf_id(rng, "001", used) for _ in range(40)]
    acc_lines = ["Id,Name,BillingCity"] + [
        f"{a},{rng.choice(['Acme', 'Globex', '株式会社 山田', 'Müller GmbH', 'Initech'])} {n},"
        f"{rng.choice(['Tokyo', 'München', 'Kraków', 'Leeds'])}" for n, a in enumerate(accounts)]
    contacts = [sf_id(rng, "003", used) for _ in range(150)]
    con = [quoted(["Id", "AccountId", "FirstName", "LastName", "Email", "Description"])]
    for n, c in enumerate(contacts):
        first, last = NAMES2[rng.randrange(len(NAMES2))]
        con.append(quoted([c, rng.choice(accounts), first, last, f"contact{n + 1}@example.org",
                           rng.choice(NOTES2)]))
    deals = ["Id,AccountId,Name,Amount"] + [
        f"{sf_id(rng, '006', used)},{rng.choice(accounts)},Renewal {n} – Zoë,{rng.randint(1, 90)}00"
        for n in range(60)]
    tasks = ["Id;WhoId;Subject"] + [
        f"{sf_id(rng, '00T', used)};{rng.choice(contacts)};"
        f"{rng.choice(['Rückruf', 'Réunion', 'Llamada', 'Call'])} {n}" for n in range(45)]
    cases = ["Id,ContactId,Subject,Status"] + [
        f"{sf_id(rng, '500', used)},{rng.choice(contacts)},"
        f"{rng.choice(['Login fehlgeschlagen', 'Facture en double', '請求書の再発行', 'Refund 💸'])} "
        f"#{n + 1},{rng.choice(['New', 'Working', 'Closed'])}" for n in range(30)]
    leads = ["Id,FirstName,LastName,Company,Email"]
    for n in range(25):
        first, last = NAMES2[rng.randrange(len(NAMES2))]
        leads.append(f"{sf_id(rng, '00Q', used)},{first},{last},"
                     f"{rng.choice(['Zürich Re', 'Société Générale', 'Ōsaka Gas', 'Nordwind'])},"
                     f"lead{n + 1}@example.org")
    return {
        "Account.csv": utf32("\n".join(acc_lines) + "\n", True),
        "Contact.csv": b"\xff\xfe\x00\x00" + utf32("".join(con), False),
        "Case.csv": utf32("\r\n".join(cases) + "\r\n", False),
        "Lead.csv": b"\x00\x00\xfe\xff" + utf32("\n".join(leads) + "\n", True),
        "Opportunity.csv": b"\xfe\xff" + utf32("\n".join(deals) + "\n", False),
        "Task.csv": b"\xff\xfe" + ("\r\n".join(tasks) + "\r\n").encode("cp1252"),
    }


def generate() -> None:
    write(D1 / "data" / "Contact.csv", gen1())
    for name, data in gen2().items():
        write(D2 / "data" / name, data)


# ------------------------------------------------------------------------------------------
# verification
# ------------------------------------------------------------------------------------------
def records(data: bytes) -> list[tuple[int, bytes, int]]:
    """(first line, bytes, byte offset) of each record: CRLF outside quotes ends one."""
    out, start, line, first, quoted_ = [], 0, 1, 1, False
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x22:
            quoted_ = not quoted_
        elif data[i:i + 2] == b"\r\n":
            if not quoted_:
                out.append((first, data[start:i], start))
                start, first = i + 2, line + 1
            line += 1
            i += 1
        i += 1
    assert start == len(data), "every record ends with CRLF"
    return out


# The five bytes Windows-1252 leaves undefined.
UNDEFINED_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_record(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def cells(text: str) -> list[str]:
    assert text.startswith('"') and text.endswith('"'), text
    parts = re.findall(r'"((?:[^"]|"")*)"(?:,|$)', text)
    return [p.replace('""', '"') for p in parts]


def non_ascii(s: str) -> int:
    return sum(not c.isascii() for c in s)


def lost_letter(cell: str) -> bool:
    """`?` for a letter, as the scenario defines it (written here without the tool's code): a
    `?` with a letter on both sides (`Aza?ero`) in a word that is not a URL, or, in a cell with no lower-case letter (Data
    Loader capitals), a word of two letters or more ending in `?` that is not the last of
    several words (`BOGOT? D.C.`, `JOS?`; `CALL BACK?` is a question)."""
    words = [w for w in cell.split() if not re.search(r"[/=&:@]", w)]  # URLs are no words
    if any(re.search(r"[^\W\d_]\?[^\W\d_]", w) for w in words):
        return True
    if any(c.islower() for c in cell):
        return False
    return any(re.fullmatch(r"[^\W\d_]{2,}\?[.,]?", w) and not (n + 1 == len(words) > 1)
               for n, w in enumerate(words))


assert lost_letter("BOGOT? D.C.") and lost_letter("JOS?") and lost_letter("Pe?a")
assert not any(map(lost_letter, ["CALL BACK?", "Any budget for Q3?", "¿Qué tal?", "?",
                                 "See https://example.com/page?id=42", "VIP"]))
# Cells that look suspicious but are right: questions, a URL, Portuguese Ã/ã in Windows-1252.
TRAPS = ["Any budget for Q3?", "CALL BACK?", "¿Qué tal?", "See https://example.com/page?id=42",
         "SÃO PAULO", "João"]


def check1() -> dict[str, object]:
    data = (D1 / "data" / "Contact.csv").read_bytes()
    assert not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    recs = records(data)
    f: dict[str, object] = {"C1_BYTES": len(data), "C1_LINES": data.count(b"\r\n")}
    head, rows = recs[0], recs[1:]
    assert cells(head[1].decode("ascii")) == H1
    f["C1_ROWS"] = len(rows)
    f["C1_MULTILINE"] = sum(b"\r\n" in r for _, r, _ in rows)
    kinds: dict[str, list[int]] = {"utf-8": [], "cp1252": [], "ascii": []}
    damaged: dict[str, list[int]] = {"qmark": [], "fffd": [], "mojibake": [], "undefined": []}
    read = lost = traps = 0
    ids, emails = set(), set()
    undefined_at = []
    for line, raw, offset in rows:
        text, enc = decode_record(raw)
        if enc == "cp1252":
            undefined_at += [offset + i for i, b in enumerate(raw) if b in UNDEFINED_1252]
        kinds["ascii" if raw.isascii() else enc].append(line)
        row = dict(zip(H1, cells(text)))
        assert len(row) == len(H1) and re.fullmatch(r"003\w{15}", row["ID"])
        assert to18(row["ID"][:15]) == row["ID"] and row["ID"] not in ids
        ids.add(row["ID"])
        assert re.fullmatch(r"[a-z0-9.]+@example\.com", row["EMAIL"]), row["EMAIL"]
        assert row["EMAIL"] not in emails and row["LASTNAME"]
        emails.add(row["EMAIL"])
        values = [row[h] for h in TEXT1]
        read += sum(non_ascii(v) for v in values)
        traps += any(t in v for v in values for t in TRAPS)
        found = []
        for v in values:
            kinds_here = [kind for kind, hit in (
                ("undefined", "\ufffd" in v), ("fffd", "ï¿½" in v),
                ("mojibake", re.search(r"Ã[\u0080-\u00bf]", v) is not None),
                ("qmark", lost_letter(v))) if hit]
            if kinds_here:
                # each damaged cell stands for exactly one lost character
                marks = (v.count("\ufffd") + v.count("ï¿½") + v.count("?")
                         + len(re.findall(r"Ã[\u0080-\u00bf]", v)))
                assert marks == 1, (line, v)
            found += kinds_here
        assert len(found) <= 1, (line, found)
        for kind in found:
            damaged[kind].append(line)
        lost += len(found)
        if enc == "utf-8" and not raw.isascii():
            # The second system's UTF-8 is made of real text (no C1 controls).
            assert all(c.isalpha() or c in " .,“”–—€🚀📞🙂ÃÂ±" or c.isascii() for c in text)
        if enc == "cp1252":
            # No Windows-1252 record holds bytes that happen to be valid UTF-8 text, so
            # reading each UTF-8 sequence as UTF-8 changes nothing in them (EF BF BD is
            # U+FFFD, which no real text holds: it is read as Windows-1252 `ï¿½`).
            assert not re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                                 rb"|[\xf0-\xf4][\x80-\xbf]{3}",
                                 raw.replace(b"\xef\xbf\xbd", b"")), line
    # What the bytes show is exactly what was planted, and nothing else fires.
    line_of = [line for line, _, _ in rows]
    assert damaged["qmark"] == [line_of[i] for i in QMARK_ROWS]
    assert damaged["fffd"] == [line_of[i] for i in FFFD_ROWS]
    assert damaged["mojibake"] == [line_of[DOUBLE_ROW]]
    assert damaged["undefined"] == [line_of[i] for i in sorted(CUT_ROWS)]
    assert kinds["utf-8"] == sorted([line_of[i] for i in UTF8_ROWS] + [line_of[DOUBLE_ROW]])
    f["C1_UTF8_LINES"] = ", ".join(map(str, kinds["utf-8"]))
    f["C1_UTF8"] = len(kinds["utf-8"])
    f["C1_CP1252"] = len(kinds["cp1252"])
    f["C1_ASCII"] = len(kinds["ascii"])
    for kind, lines in damaged.items():
        f[f"C1_{kind.upper()}_LINES"] = ", ".join(map(str, lines))
    f["C1_UNDEFINED_BYTES"] = len(undefined_at)
    f["C1_UNDEFINED_OFFSETS"] = ", ".join(map(str, undefined_at))
    f["C1_TRAP_ROWS"] = traps
    f["C1_DAMAGED"] = sum(len(v) for v in damaged.values())
    f["C1_READ"], f["C1_LOST"] = read, lost
    f["C1_DAMAGED_PCT"] = f"{100 * f['C1_DAMAGED'] / len(rows):.2f}%"
    f["C1_LOST_PCT"] = f"{100 * lost / read:.2f}%"
    assert f["C1_UTF8"] and f["C1_CP1252"], "both encodings: the file is mixed"
    return f


def utf32_units(data: bytes, big_endian: bool) -> str:
    assert len(data) % 4 == 0
    return data.decode("utf-32-be" if big_endian else "utf-32-le")


def check2() -> dict[str, object]:
    import csv
    import io
    d = D2 / "data"
    raw = {name: (d / f"{name}.csv").read_bytes()
           for name in ("Account", "Contact", "Case", "Lead", "Opportunity", "Task")}
    acc, con, case, lead = raw["Account"], raw["Contact"], raw["Case"], raw["Lead"]
    opp, task = raw["Opportunity"], raw["Task"]
    f: dict[str, object] = {}
    # No mark: UTF-32BE starts 00 00 00 'I', UTF-32LE 'I' 00 00 00.
    assert acc[:4] == b"\x00\x00\x00I"
    assert case[:4] == b"I\x00\x00\x00"
    assert con.startswith(b"\xff\xfe\x00\x00") and lead.startswith(b"\x00\x00\xfe\xff")
    # The lying marks: UTF-16BE's FE FF, then UTF-32LE 'I' 00 00 00; UTF-16LE's FF FE, then
    # single bytes ('I' 'd' ';').
    assert opp.startswith(b"\xfe\xff") and opp[2:6] == b"I\x00\x00\x00"
    assert task.startswith(b"\xff\xfe") and task[2:5] == b"Id;"
    texts = {"Account": utf32_units(acc, True), "Contact": utf32_units(con[4:], False),
             "Case": utf32_units(case, False), "Lead": utf32_units(lead[4:], True),
             "Opportunity": utf32_units(opp[2:], False), "Task": task[2:].decode("cp1252")}
    # Why the marks lie: read in UTF-16BE, the deals are half NUL characters; read in
    # UTF-16LE, the tasks hold no line break (and Windows-1252 bytes are not UTF-8).
    as_utf16be = opp[2:].decode("utf-16-be", errors="replace")
    f["OPP_UTF16BE_NUL_PCT"] = f"{100 * as_utf16be.count(chr(0)) / len(as_utf16be):.0f}%"
    as_utf16le = task[2:len(task) - len(task) % 2].decode("utf-16-le", errors="replace")
    assert not re.search("[\r\n]", as_utf16le)
    assert task.count(b"\n") == 46
    try:
        task[2:].decode("utf-8")
        raise AssertionError("Task.csv must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    tables = {}
    for name, text in texts.items():
        assert "\ufffd" not in text and "\x00" not in text and "\ufeff" not in text
        sep = ";" if name == "Task" else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        assert all(len(r) == len(rows[0]) for r in rows)
        tables[name] = rows
        key = {"Account": "ACC", "Contact": "CON", "Opportunity": "OPP"}.get(name, name.upper())
        f[f"{key}_ROWS"] = len(rows) - 1
        f[f"{key}_LINES"] = text.count("\n")
        f[f"{key}_BYTES"] = len(raw[name])
        f[f"{key}_NON_ASCII_ROWS"] = sum(any(not c.isascii() for c in "".join(r))
                                         for r in rows[1:])
        ids = [r[0] for r in rows[1:]]
        assert len(set(ids)) == len(ids) and all(to18(i[:15]) == i for i in ids)
    # Non-ASCII characters in the columns the scenario maps as text (stored as read).
    text_columns = {"Account": ["Name", "BillingCity"],
                    "Contact": ["FirstName", "LastName", "Email", "Description"],
                    "Case": ["Subject", "Status"], "Lead": ["FirstName", "LastName", "Company",
                                                           "Email"],
                    "Opportunity": ["Name"], "Task": ["Subject"]}
    f["U32_NON_ASCII_READ"] = sum(
        non_ascii(row[tables[name][0].index(column)])
        for name, columns in text_columns.items() for row in tables[name][1:]
        for column in columns)
    accounts = {r[0] for r in tables["Account"][1:]}
    contacts = {r[0] for r in tables["Contact"][1:]}
    assert all(r[1] in accounts for r in tables["Contact"][1:] + tables["Opportunity"][1:])
    assert all(r[1] in contacts for r in tables["Task"][1:] + tables["Case"][1:])
    assert all(r[2] and r[3] for r in tables["Contact"][1:] + tables["Lead"][1:])
    return f


# Every fact --check derives from the bytes. Checked by hand: 248 + 25 + 27 = 300 records;
# 6 + 3 + 1 + 2 = 12 damaged rows, one character each; 12 / 300 = 4.00%, 12 / 991 = 1.21%;
# a UTF-32 file is 4 bytes per character (+ 4 for a UTF-32 BOM, + 2 for a UTF-16 one).
EXPECTED: dict[str, object] = {
    "C1_BYTES": 39369, "C1_LINES": 318, "C1_ROWS": 300, "C1_MULTILINE": 17,
    "C1_UTF8": 25, "C1_CP1252": 248, "C1_ASCII": 27,
    "C1_UTF8_LINES": "11, 24, 37, 50, 64, 76, 89, 101, 113, 127, 139, 153, 165, 177, 189, 201, "
                     "213, 227, 239, 251, 265, 278, 290, 302, 316",
    "C1_QMARK_LINES": "34, 88, 140, 190, 243, 296", "C1_FFFD_LINES": "62, 167, 272",
    "C1_MOJIBAKE_LINES": "113", "C1_UNDEFINED_LINES": "217, 261",
    "C1_UNDEFINED_BYTES": 2, "C1_UNDEFINED_OFFSETS": "26893, 32124", "C1_TRAP_ROWS": 127,
    "C1_DAMAGED": 12, "C1_DAMAGED_PCT": "4.00%", "C1_READ": 991, "C1_LOST": 12,
    "C1_LOST_PCT": "1.21%",
    "ACC_ROWS": 40, "ACC_LINES": 41, "ACC_BYTES": 6000, "ACC_NON_ASCII_ROWS": 30,
    "CON_ROWS": 150, "CON_LINES": 151, "CON_BYTES": 57800, "CON_NON_ASCII_ROWS": 144,
    "CASE_ROWS": 30, "CASE_LINES": 31, "CASE_BYTES": 7952, "CASE_NON_ASCII_ROWS": 8,
    "LEAD_ROWS": 25, "LEAD_LINES": 26, "LEAD_BYTES": 6160, "LEAD_NON_ASCII_ROWS": 25,
    "OPP_ROWS": 60, "OPP_LINES": 61, "OPP_BYTES": 14450, "OPP_NON_ASCII_ROWS": 60,
    "OPP_UTF16BE_NUL_PCT": "50%",
    "TASK_ROWS": 45, "TASK_LINES": 46, "TASK_BYTES": 2227, "TASK_NON_ASCII_ROWS": 24,
    "U32_NON_ASCII_READ": 1415,
}


def norm(text: object) -> str:
    return " ".join(str(text).split())


def comment(toml_text: str) -> str:
    """The header comment of a scenario.toml, as one line."""
    return norm(" ".join(line.lstrip("#") for line in toml_text.splitlines()
                         if line.startswith("#")))


def check_docs(f: dict[str, object]) -> None:
    doc = norm(__doc__)
    for phrase in (f"{f['C1_ROWS']} contacts, {f['C1_LINES']} lines, {f['C1_BYTES']} bytes",
                   f"{f['C1_MULTILINE']} Descriptions span", f"non-ASCII byte: {f['C1_CP1252']}",
                   f"“quotes”, 🚀): {f['C1_UTF8']}, lines {f['C1_UTF8_LINES']}",
                   f"and line {f['C1_MOJIBAKE_LINES']}, whose UTF-8 holds mojibake",
                   f"ASCII-only records: {f['C1_ASCII']}", f"as read: {f['C1_READ']}",
                   f"stored damaged: {f['C1_LOST']}", f"{f['C1_DAMAGED']} records",
                   f"{f['C1_QMARK_LINES']}:", f"records, lines {f['C1_FFFD_LINES']}",
                   f"1 record, line {f['C1_MOJIBAKE_LINES']}",
                   f"2 records, lines {f['C1_UNDEFINED_LINES']}, byte offsets "
                   f"{f['C1_UNDEFINED_OFFSETS']}: {f['C1_UNDEFINED_BYTES']} undecodable bytes",
                   f"in Windows-1252): {f['C1_TRAP_ROWS']} rows",
                   f"{f['C1_DAMAGED']} of 300 rows ({f['C1_DAMAGED_PCT']}",
                   f"{f['C1_LOST']} of {f['C1_READ']} characters ({f['C1_LOST_PCT']})",
                   f"{f['ACC_ROWS']} accounts, {f['ACC_LINES']} lines, {f['ACC_BYTES']} bytes; "
                   f"{f['ACC_NON_ASCII_ROWS']} rows",
                   f"{f['CON_ROWS']} contacts, {f['CON_LINES']} lines, {f['CON_BYTES']} bytes",
                   f"(山田 太郎, Zoë, 🚀): {f['CON_NON_ASCII_ROWS']} rows",
                   f"{f['CASE_ROWS']} cases, {f['CASE_LINES']} lines, {f['CASE_BYTES']} bytes",
                   f"{f['CASE_NON_ASCII_ROWS']} rows with 請求書の再発行",
                   f"{f['LEAD_ROWS']} leads, {f['LEAD_LINES']} lines, {f['LEAD_BYTES']} bytes; "
                   f"{f['LEAD_NON_ASCII_ROWS']} rows",
                   f"text is {f['OPP_UTF16BE_NUL_PCT']} NUL characters",
                   f"{f['OPP_ROWS']} deals, {f['OPP_LINES']} lines, {f['OPP_BYTES']} bytes",
                   f"{f['TASK_ROWS']} tasks, {f['TASK_LINES']} lines, {f['TASK_BYTES']} bytes",
                   f"{f['TASK_NON_ASCII_ROWS']} rows with Rückruf",
                   f"columns as read: {f['U32_NON_ASCII_READ']}"):
        assert norm(phrase) in doc, phrase
    # The scenarios state the counts and expect the verdicts they give (default thresholds:
    # encoding_damage fails above 0.1% of rows, the round trip at the first character off).
    t1 = (D1 / "scenario.toml").read_text(encoding="utf-8")
    s1 = tomllib.loads(t1)
    assert "triggers" not in s1
    (o1,) = s1["object"]
    assert o1["file"] == "data/Contact.csv" and "encoding" not in o1, "detected, not declared"
    fails = []
    if f["C1_LOST"]:
        fails.append("non_ascii_round_trip")
    if f["C1_DAMAGED"] * 1000 > f["C1_ROWS"]:
        fails.append("encoding_damage")
    assert s1["expect"] == {"verdict": "rollback" if fails else "go", "triggers": fails}
    for phrase in (f"({f['C1_CP1252']} records", f"{f['C1_UTF8']} records are UTF-8",
                   f"and {f['C1_ASCII']} are ASCII",
                   f"{f['C1_QMARK_LINES']}", f"(Nuï¿½ez), lines {f['C1_FFFD_LINES']}",
                   f"(AzaÃ±ero), line {f['C1_MOJIBAKE_LINES']}",
                   f"lines {f['C1_UNDEFINED_LINES']}",
                   f"undecodable bytes ({f['C1_UNDEFINED_BYTES']})",
                   f"({f['C1_TRAP_ROWS']} rows hold one of these)",
                   f"{f['C1_DAMAGED']} of {f['C1_ROWS']} rows ({f['C1_DAMAGED_PCT']}",
                   f"{f['C1_LOST']} of the {f['C1_READ']} non-ASCII characters read stored "
                   f"damaged ({f['C1_LOST_PCT']})"):
        assert norm(phrase) in comment(t1), phrase
    t2 = (D2 / "scenario.toml").read_text(encoding="utf-8")
    s2 = tomllib.loads(t2)
    assert "triggers" not in s2
    assert s2["expect"] == {"verdict": "go", "triggers": []}
    objs = {o["file"]: o for o in s2["object"]}
    assert sorted(objs) == sorted(f"data/{n}.csv" for n in
                                  ("Account", "Contact", "Case", "Lead", "Opportunity", "Task"))
    assert objs["data/Task.csv"]["encoding"] == "windows-1252"
    assert objs["data/Task.csv"]["bom"] == "ignore"
    assert all("encoding" not in o and "bom" not in o
               for k, o in objs.items() if k != "data/Task.csv")
    for phrase in (f"LF: {f['ACC_ROWS']} accounts", f"quoted: {f['CON_ROWS']} contacts",
                   f"({f['CON_NON_ASCII_ROWS']} with", f"CRLF: {f['CASE_ROWS']} cases",
                   f"LF: {f['LEAD_ROWS']} leads", f"text is {f['OPP_UTF16BE_NUL_PCT']} NUL",
                   f"the {f['OPP_ROWS']} deals", f"bom = \"ignore\": {f['TASK_ROWS']} tasks"):
        assert norm(phrase) in comment(t2), phrase


def main() -> None:
    if "--check" not in sys.argv[1:]:
        generate()
    facts = {**check1(), **check2()}
    if "--facts" in sys.argv[1:]:
        for k, v in facts.items():
            print(f"{k} = {v!r}")
    assert sorted(facts) == sorted(EXPECTED), sorted(facts.keys() ^ EXPECTED.keys())
    for key in sorted(facts):
        assert norm(facts[key]) == norm(EXPECTED[key]), (key, facts[key], EXPECTED[key])
    check_docs(facts)
    print("ok: salesforce-latin1-with-utf8-cells, utf32-exports-and-lying-boms")


if __name__ == "__main__":
    main()
