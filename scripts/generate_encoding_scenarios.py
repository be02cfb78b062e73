#!/usr/bin/env python3
"""Deterministic generator for the encoding-related shadow-import scenarios.

Usage (from the repository root):
    python3 scripts/generate_encoding_scenarios.py          # (re)write every data folder, then verify
    python3 scripts/generate_encoding_scenarios.py --check  # only verify the files already on disk

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>),
one generator per scenario; nothing depends on the date, the environment or set/hash ordering,
so two runs write byte-identical files. Every file is written as raw bytes (open(..., "wb")),
so encodings and line endings are exact. All people and companies are synthetic; e-mails use
example.com / example.org or made-up domains under .example; phone numbers use fictitious
ranges (+1 NXX-555-01xx, +44 20 7946 0xxx, +49 30 901820xx).

"Line" = 1-based physical line as an editor shows it (header = line 1; a quoted cell holding a
line break spans several lines). --check re-reads the bytes and asserts everything listed here,
including every line number below.

---------------------------------------------------------------------------------------------
1. scenarios/salesforce-windows-1252-contacts/data/      (clean, no defects)
   Data Loader export: windows-1252 (cp1252), no BOM, CRLF, every field double-quoted.
   Account.csv   60 accounts (ids 001..., 18 chars, correct case-safe suffix). 61 lines,
                 4,020 bytes. Rows holding at least one non-ASCII byte: 48 of 60.
   Contact.csv   300 contacts (ids 003...), every AccountId exists in Account.csv, every
                 Email filled, ASCII and unique; (FirstName, LastName) pairs unique.
                 364 lines, 42,588 bytes.
                 Rows holding non-ASCII characters (accents, €, ’, “ ”, –): 275 of 300.
                 Multi-line Descriptions (CRLF inside quotes): 50 rows (37 two-line,
                 13 three-line: +63 physical lines). Descriptions with a comma: 57; with an
                 embedded (doubled) double quote: 15.
   Only characters representable in cp1252 (strict encode; no Ł, CJK or emoji).

2. scenarios/salesforce-windows-1252-read-as-utf8/data/
   Byte-identical copies of folder 1 (the scenario forces UTF-8 decoding).
   Records containing at least one non-ASCII byte, i.e. records damaged by a UTF-8 read
   (each one is verified to be invalid UTF-8 on its own; the headers are pure ASCII):
       Account.csv    48 of  60 data rows
       Contact.csv   275 of 300 data rows

3. scenarios/excel-unicode-text-contacts/data/contacts.txt   (clean, no defects)
   Excel "Unicode Text": UTF-16LE with BOM FF FE, TAB-separated, CRLF record ends, a field is
   quoted only when it contains a tab, a double quote or a line break (quotes doubled).
   120 rows (C-0001..C-0120), 122 physical lines, 23,368 bytes. Polish/Czech/Turkish/Greek/
   CJK names (Łukasz Ćwik, Jiří Dvořák, Ayşe Şahin, 山田 太郎, 王 伟, Αλέξανδρος
   Παπαδόπουλος), 36 emoji outside the BMP (surrogate pairs) in Notes.
   Exactly 2 quoted cells, both in Notes:
       line 48      C-0047  "Asked for ""net 30, not net 60"" terms"   (quotes + comma)
       lines 88-89  C-0087  "Call back Monday<LF>Send price list 📎"    (embedded bare LF,
                                                    as Excel writes an Alt+Enter line break)
   No other cell contains a comma, a tab, a double quote or a line break.

4. scenarios/hubspot-mac-mojibake-names/data/contacts.csv
   UTF-8 without BOM, LF, every field quoted. 200 contacts, 11-digit Record IDs (ascending),
   201 lines, 22,912 bytes. Exactly 9 rows (14 cells) have First Name and/or Last Name
   replaced by good.encode("utf-8").decode("mac_roman"); all other cells of those rows clean
   (e-mail built from the original name):
       line  24  First "Jos√©"       Last "Mart√≠nez"    <- José Martínez
       line  37                      Last "O‚ÄôConnor"    <- Aoife O’Connor (U+2019)
       line  53  First "J√ºrgen"     Last "M√ºller"      <- Jürgen Müller
       line  80  First "Fran√ßois"                       <- François Lefebvre
       line 104  First "Zo√´"                            <- Zoë Hartley
       line 128  First "S√©bastien"  Last "C√¥t√©"       <- Sébastien Côté
       line 135  First "√Ösa"        Last "Lindstr√∂m"   <- Åsa Lindström
       line 157  First "Bj√∂rn"      Last "√òdegaard"    <- Björn Ødegaard
       line 194                      Last "N√∫√±ez"       <- Ana Núñez
   The other 191 rows are clean but tricky: João, Maria da Conceição, Gonçalves, Magalhães,
   ÂNGELA GUIMARÃES, São Paulo, SÃO PAULO, BRASÍLIA, "Kunde schrieb: ‚passt so‘",
   notes ending with "?", "¿Qué tal?", "See https://example.com/page?id=42",
   "Price: 10 € – 15 €", company names with ™ / ®. No cell outside the 14 above round-trips
   as UTF-8 read as Mac Roman or windows-1252 (checked). No blank e-mails.

5. scenarios/contacts-with-nul-bytes/data/contacts.csv
   UTF-8 without BOM, CRLF, minimal quoting (19 quoted Company cells containing a comma).
   150 contacts CT-00001..CT-00150, 151 lines, 14,182 bytes, 12 NUL bytes in total.
   NUL (0x00) rows, exactly 3:
       line  24  CT-00023  LastName  "Smith" + 4 x NUL
       line  67  CT-00066  Company   "Acme" + NUL + "Corp"
       line 118  CT-00117  FirstName "Jan" + 7 x NUL
   SUB (0x1A) row, exactly 1 (a different row):
       line  91  CT-00090  Company   "Westbrook" + SUB + " Trading Ltd"
   No other control characters.

6. scenarios/mixed-encoding-contacts/data/contacts.csv
   Mostly UTF-8 (no BOM), LF, minimal quoting. 250 rows M-00001..M-00250, 251 lines,
   15,946 bytes. Exactly 6 rows are windows-1252 instead of UTF-8 (each has non-ASCII
   letters and is invalid UTF-8); every other line is valid UTF-8:
       line  27  M-00026  Jürgen Müller, München         (4D FC 6C 6C 65 72 = Müller)
       line  83  M-00082  Françoise Lefèvre, Besançon
       line 105  M-00104  Åsa Sjöberg, Malmö
       line 161  M-00160  José Muñoz, Málaga
       line 187  M-00186  Søren Sørensen, København
       line 240  M-00239  Björn Weiß, Nürnberg
   UTF-8 rows holding non-ASCII letters: 129 of 244 (52.9%).

7. scenarios/german-excel-semicolon-decimal-comma/data/Kunden.csv   (clean, no defects)
   German Excel "CSV (Trennzeichen-getrennt)": windows-1252, no BOM, CRLF, separator ";",
   quoting only when a field contains ";" '"' or a line break. 80 rows K-1001..K-1080,
   81 lines, 9,175 bytes. Umsatz German numbers (980,00 / 1.234,50 / 12.500,00 ...),
   Abschlussdatum dd.mm.yyyy (all valid dates 2023-2024). Exactly 2 quoted cells:
       line 30  K-1029  "Elektro Köhler; Inh. Sabine Köhler e.K."
       line 57  K-1056  "Gasthof ""Zum Goldenen Löwen"" GmbH"

8. scenarios/salesforce-report-with-footer/data/report.csv
   Salesforce Classic report "Export Details": UTF-8 without BOM, CRLF, every field quoted,
   18,469 bytes. Header line 1; 140 data rows on lines 2-141 (last data row = line 141);
   Opportunity IDs 006... with correct suffix; Close Date m/d/yyyy; Amount like 12500.00.
       line 142  (empty)
       line 143  "Acme Corporation"
       line 144  "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."
       line 145  "Confidential Information - Do Not Distribute"
       line 146  "Generated By:  Dana Whitfield  11/26/2024 9:14 AM"
       line 147  "Acme Corporation"
   Every line (including the last) ends with CRLF.
---------------------------------------------------------------------------------------------
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sf_common import B62, ROOT, SCEN, sf_suffix, write

D1 = SCEN / "salesforce-windows-1252-contacts" / "data"
D2 = SCEN / "salesforce-windows-1252-read-as-utf8" / "data"
D3 = SCEN / "excel-unicode-text-contacts" / "data"
D4 = SCEN / "hubspot-mac-mojibake-names" / "data"
D5 = SCEN / "contacts-with-nul-bytes" / "data"
D6 = SCEN / "mixed-encoding-contacts" / "data"
D7 = SCEN / "german-excel-semicolon-decimal-comma" / "data"
D8 = SCEN / "salesforce-report-with-footer" / "data"

# Expected values asserted by --check (kept in sync with the docstring above).
EXP1_ACCOUNT_NONASCII = 48
EXP1_CONTACT_NONASCII = 275
EXP3_QUOTED = {48: "C-0047", 88: "C-0087"}
EXP4_DAMAGED = {  # line -> (first, last) originals; None = cell not damaged
    24: ("José", "Martínez"),
    37: (None, "O’Connor"),
    53: ("Jürgen", "Müller"),
    80: ("François", None),
    104: ("Zoë", None),
    128: ("Sébastien", "Côté"),
    135: ("Åsa", "Lindström"),
    157: ("Björn", "Ødegaard"),
    194: (None, "Núñez"),
}
EXP5_NUL = {24: "CT-00023", 67: "CT-00066", 118: "CT-00117"}
EXP5_SUB = {91: "CT-00090"}
EXP6_CP1252 = {27: "M-00026", 83: "M-00082", 105: "M-00104", 161: "M-00160",
               187: "M-00186", 240: "M-00239"}
EXP7_QUOTED = {30: "K-1029", 57: "K-1056"}
SF_REPORT_FOOTER = [
    '"Acme Corporation"',
    '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."',
    '"Confidential Information - Do Not Distribute"',
    '"Generated By:  Dana Whitfield  11/26/2024 9:14 AM"',
    '"Acme Corporation"',
]

# ------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------


assert "001M000000qfPyS" + sf_suffix("001M000000qfPyS") == "001M000000qfPySIAU"
assert "a0RE000000IJmcN" + sf_suffix("a0RE000000IJmcN") == "a0RE000000IJmcNMAT"


def sf_ids(rng: random.Random, prefix: str, n: int) -> list[str]:
    """n unique 18-char ids: prefix + '5g00000' + 5 random base-62 chars + suffix."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        id15 = prefix + "5g00000" + "".join(rng.choice(B62) for _ in range(5))
        if id15 in seen:
            continue
        seen.add(id15)
        out.append(id15 + sf_suffix(id15))
    return out


def sf_id_ok(v: str, prefix: str) -> bool:
    return (len(v) == 18 and v.startswith(prefix) and all(c in B62 for c in v[:15])
            and v[15:] == sf_suffix(v[:15]))


TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                          "Æ": "Ae", "ı": "i", "œ": "oe", "Œ": "Oe", "’": "", "'": ""})
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_fold(s: str, german: bool = False) -> str:
    if german:
        s = s.translate(GERMAN)
    s = unicodedata.normalize("NFKD", s.translate(TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.encode("ascii", "ignore").decode("ascii")


def local_part(*parts: str, german: bool = False) -> str:
    return ".".join(re.sub(r"[^a-z0-9]+", "", ascii_fold(p, german).lower()) for p in parts)


def domain_slug(name: str, german: bool = False) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name, german).lower()).strip("-")
    return s + ".example"


LEGAL_FORMS = {"gmbh", "kg", "ag", "ab", "as", "a/s", "aps", "sarl", "sas", "sa", "s.a.", "s.l.",
               "lda.", "ltda.", "ltda", "inc.", "llc", "llp", "ltd", "co.", "e.k.", "e.u.", "og",
               "ohg", "gbr", "mbb", "y", "&", "cía.", "and", "sp.", "z", "o.o."}


def company_domain(name: str, german: bool = False) -> str:
    """Made-up company domain under .example: name without legal form, e.g. Peña, Muñoz y Cía.
    -> pena-munoz.example."""
    words = [w.strip(",;\"“”") for w in name.split()]
    words = [w for w in words if w and w.lower() not in LEGAL_FORMS]
    return domain_slug(" ".join(words), german)


EMAIL_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*@(example\.com|example\.org|[a-z0-9-]+\.example)$")


def unique_email(local: str, domain: str, used: set[str]) -> str:
    e = f"{local}@{domain}"
    k = 2
    while e in used:
        e = f"{local}{k}@{domain}"
        k += 1
    used.add(e)
    return e


def q_all(fields: list[str], sep: str = ",") -> str:
    return sep.join('"' + f.replace('"', '""') + '"' for f in fields)


def q_min(fields: list[str], sep: str = ",") -> str:
    out = []
    for f in fields:
        if sep in f or '"' in f or "\r" in f or "\n" in f:
            out.append('"' + f.replace('"', '""') + '"')
        else:
            out.append(f)
    return sep.join(out)


def spread_positions(rng: random.Random, n_total: int, k: int, lo: int = 5) -> list[int]:
    """k sorted row indices in [lo, n_total-lo), roughly evenly spread, never adjacent."""
    span = (n_total - 2 * lo) / k
    out = []
    for i in range(k):
        a = lo + int(i * span) + 2
        b = lo + int((i + 1) * span) - 3
        out.append(rng.randint(a, b))
    assert all(b - a >= 2 for a, b in zip(out, out[1:]))
    return out


# ------------------------------------------------------------------------------------------
# Strict CSV parser used by --check (reports physical line numbers)
# ------------------------------------------------------------------------------------------
@dataclass
class Rec:
    first_line: int
    last_line: int
    start: int          # offset of the first character of the record
    end: int            # offset just past the last character (before the line end)
    eol: str
    fields: list[tuple[str, bool]]  # (value, was_quoted)

    @property
    def values(self) -> list[str]:
        return [v for v, _ in self.fields]


def parse(text: str, sep: str) -> list[Rec]:
    recs: list[Rec] = []
    i, n, line = 0, len(text), 1
    while i < n:
        start, first_line = i, line
        fields: list[tuple[str, bool]] = []
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    if i >= n:
                        raise ValueError(f"unterminated quote (record at line {first_line})")
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\n":
                        line += 1
                    buf.append(c)
                    i += 1
                if i < n and text[i] not in (sep, "\r", "\n"):
                    raise ValueError(f"text after closing quote at line {line}")
                fields.append(("".join(buf), True))
            else:
                j = i
                while j < n and text[j] not in (sep, "\r", "\n"):
                    if text[j] == '"':
                        raise ValueError(f"stray quote in unquoted field at line {line}")
                    j += 1
                fields.append((text[i:j], False))
                i = j
            if i < n and text[i] == sep:
                i += 1
                continue
            end = i
            if i >= n:
                eol = ""
            elif text[i] == "\r":
                if not (i + 1 < n and text[i + 1] == "\n"):
                    raise ValueError(f"bare CR at line {line}")
                eol = "\r\n"
                i += 2
            else:
                eol = "\n"
                i += 1
            recs.append(Rec(first_line, line, start, end, eol, fields))
            if eol:
                line += 1
            break
    return recs


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise AssertionError(msg)


def has_non_ascii(s: str) -> bool:
    return any(ord(c) > 127 for c in s)


def valid_date(s: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(s, fmt)
        return True
    except ValueError:
        return False


# ------------------------------------------------------------------------------------------
# 1 + 2. Salesforce Data Loader export in windows-1252
# ------------------------------------------------------------------------------------------
SEED1 = 1252_2024

# (name, city, country, culture)
SF_ACCOUNTS = [
    ("Société Générale de Café", "Lyon", "France", "fr"),
    ("Müller & Söhne GmbH", "München", "Germany", "de"),
    ("Ørsted Façades A/S", "København", "Denmark", "dk"),
    ("Peña, Muñoz y Cía.", "Málaga", "Spain", "es"),
    ("Bäckerei Krüger KG", "Köln", "Germany", "de"),
    ("Château Lemaître SARL", "Besançon", "France", "fr"),
    ("Åkerlund Trävaror AB", "Malmö", "Sweden", "se"),
    ("Bjørnstad Maritime AS", "Tromsø", "Norway", "dk"),
    ("Café Núñez S.L.", "Córdoba", "Spain", "es"),
    ("Schröder Präzisionstechnik GmbH", "Nürnberg", "Germany", "de"),
    ("Crème de la Crème Pâtisserie", "Paris", "France", "fr"),
    ("Fjällbacka Friluft AB", "Göteborg", "Sweden", "se"),
    ("Kjær & Løkke ApS", "Århus", "Denmark", "dk"),
    ("Zürichsee Treuhand AG", "Zürich", "Switzerland", "de"),
    ("Gonçalves & Simões Lda.", "Porto", "Portugal", "pt"),
    ("Ibáñez Ingeniería S.A.", "A Coruña", "Spain", "es"),
    ("Großmann Logistik GmbH", "Düsseldorf", "Germany", "de"),
    ("Brasserie Noël & Fils", "Nîmes", "France", "fr"),
    ("Sørensen Økologi ApS", "Odense", "Denmark", "dk"),
    ("Kaffeehaus Böhm OG", "Wien", "Austria", "de"),
    ("Dupré Conseil SAS", "Orléans", "France", "fr"),
    ("Nyström Ståltråd AB", "Göteborg", "Sweden", "se"),
    ("Ordóñez Vinícola S.A.", "León", "Spain", "es"),
    ("Magalhães Têxtil Lda.", "Lisboa", "Portugal", "pt"),
    ("Ødegård Fiskeri AS", "Bergen", "Norway", "dk"),
    ("Köhler Maschinenbau AG", "Graz", "Austria", "de"),
    ("Lumière Éditions SAS", "Paris", "France", "fr"),
    ("Castaño Alimentación S.L.", "Cádiz", "Spain", "es"),
    ("Weiß & Groß Steuerberatung", "Lübeck", "Germany", "de"),
    ("Jönsson Möbler AB", "Malmö", "Sweden", "se"),
    ("Hygge & Kaffe ApS", "København", "Denmark", "dk"),
    ("Importadora Paulista Ltda.", "São Paulo", "Brazil", "pt"),
    ("Les Frères Bélanger Inc.", "Montréal", "Canada", "fr"),
    ("Araújo Cerâmica Lda.", "Setúbal", "Portugal", "pt"),
    ("Gérard & Associés SA", "Genève", "Switzerland", "fr"),
    ("Schäfer Bürotechnik GmbH", "Köln", "Germany", "de"),
    ("Mañana Digital S.L.", "Madrid", "Spain", "es"),
    ("Nordlys Reiser AS", "Tromsø", "Norway", "dk"),
    ("Öresund Shipping AB", "Malmö", "Sweden", "se"),
    ("Crêperie Châtelain", "Rennes", "France", "fr"),
    ("Harbourview Traders Ltd", "London", "United Kingdom", "en"),
    ("Bluefield Analytics Inc.", "Boston", "United States", "en"),
    ("O’Neill Brothers Construction", "Dublin", "Ireland", "en"),
    ("Cedar Point Software LLC", "Denver", "United States", "en"),
    ("Greystone Partners LLP", "Leeds", "United Kingdom", "en"),
    ("Kestrel Medical Supplies", "Chicago", "United States", "en"),
    ("Doyle & Hughes Solicitors", "Cork", "Ireland", "en"),
    ("Maple Ridge Foods Inc.", "Toronto", "Canada", "en"),
    ("Silverline Freight Co.", "Seattle", "United States", "en"),
    ("Riverbend Dental Group", "Austin", "United States", "en"),
    ("Lindqvist Design Studio", "Stockholm", "Sweden", "se"),
    ("Überblick Kreativagentur GmbH", "Berlin", "Germany", "de"),
    ("Fernández & López Abogados", "Sevilla", "Spain", "es"),
    ("Pâtes Fraîches Moreau SARL", "Marseille", "France", "fr"),
    ("Dahl Energi AS", "Oslo", "Norway", "dk"),
    ("Hansen Tømrer ApS", "Aalborg", "Denmark", "dk"),
    ("Fuchs Gärtnerei e.U.", "Salzburg", "Austria", "de"),
    ("Guimarães Construções S.A.", "Porto", "Portugal", "pt"),
    ("Bistro “Le Zinc” SARL", "Lille", "France", "fr"),
    ("Smith & Carter Consulting", "Manchester", "United Kingdom", "en"),
]
assert len(SF_ACCOUNTS) == 60

# cp1252-only name pools per culture: (first names, last names)
CP_NAMES = {
    "fr": (["Françoise", "Élodie", "Hélène", "Jérôme", "Gaëlle", "Zoë", "Noël", "Anaïs",
            "Benoît", "Cécile", "Thérèse", "Loïc", "Sébastien", "Léa", "Camille", "Julien",
            "Mathis", "Claire"],
           ["Lefèvre", "Dupré", "Bélanger", "Fournier", "Rousseau", "Gérard", "Lemaître",
            "Moreau", "Leclère", "Girard", "Châtelain", "Faure", "Mercier", "Dubois"]),
    "de": (["Jürgen", "Jörg", "Günther", "Bärbel", "Käthe", "Sören", "Uwe", "Anna", "Lukas",
            "Jonas", "Lena", "Mia", "Jürgen", "Katrin", "Felix"],
           ["Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Böhm", "Krüger", "Schröder",
            "Fuchs", "Hoffmann", "Wagner", "Becker", "Lehmann"]),
    "es": (["José", "María", "Jesús", "Iñaki", "Begoña", "Ramón", "Inés", "Lucía", "Andrés",
            "Raúl", "Sofía", "Carlos", "Elena"],
           ["Núñez", "Peña", "Muñoz", "Ibáñez", "Gómez", "Fernández", "Martínez", "Castaño",
            "Ordóñez", "López", "Ruiz", "Navarro"]),
    "dk": (["Søren", "Bjørn", "Øystein", "Kåre", "Ørjan", "Mette", "Ingrid", "Jens", "Lars",
            "Sigrid", "Astrid"],
           ["Sørensen", "Ødegård", "Bjørnstad", "Kjær", "Løkke", "Hansen", "Dahl", "Nielsen",
            "Høgh", "Lund"]),
    "se": (["Åsa", "Björn", "Märta", "Håkan", "Göran", "Elin", "Maja", "Oskar", "Linnéa",
            "Erik"],
           ["Åkerlund", "Lindström", "Jönsson", "Nyström", "Söderberg", "Ek", "Berg",
            "Holm", "Sjöberg", "Ångström"]),
    "pt": (["João", "Conceição", "Estêvão", "Gonçalo", "Inês", "Ana", "Tiago", "Sónia",
            "Rui"],
           ["Gonçalves", "Magalhães", "Simões", "Guimarães", "Araújo", "Costa", "Pereira",
            "Lopes"]),
    "en": (["Seán", "Aoife", "Niamh", "Liam", "Emma", "Olivia", "Noah", "Ava", "James",
            "Sarah", "Michael", "Zoë", "Grace"],
           ["O’Brien", "O’Connor", "O’Neill", "Smith", "Walker", "Carter", "Brooks", "Hughes",
            "Doyle", "Bennett", "Murphy"]),
}

CP_DESCRIPTIONS = [
    "",
    "",
    "",
    "",
    "VIP",
    "Met at the trade fair – wants a demo in Q3.",
    "Prefers “formal” address; do not call before 10:00.",
    "Budget approx. 12.500 € for 2025.",
    "Decision maker, budget owner, signs contracts",
    "Referred by a partner, see notes from last call",
    "Call notes:\r\n- pricing accepted\r\n- send contract by Friday",
    "Follow-up 2024-05-14\r\nAsked about “Premium” tier – 4.900 € / year",
    'Goes by "Bea" in emails',
    "Customer’s invoices go to the finance team",
    "Speaks French, German and English",
    "Renewal due – check “auto-renew” clause, section 4.2",
    "Newsletter opt-in",
    "Moved from the Lyon office\r\nnew desk phone pending",
    "Champion for the rollout",
    "Wants quarterly invoicing",
]

FORCED_CONTACTS = [  # (first, last, culture) that must appear
    ("Zoë", "Hartley", "en"), ("José", "García", "es"), ("Anna", "Müller", "de"),
    ("Françoise", "Lefèvre", "fr"), ("Søren", "Kjær", "dk"), ("Åsa", "Lindström", "se"),
    ("Pilar", "Núñez", "es"), ("Seán", "O’Brien", "en"), ("Bjørn", "Sørensen", "dk"),
    ("Klaus", "Weiß", "de"),
]


def build_sf_cp1252() -> tuple[bytes, bytes]:
    rng = random.Random(SEED1)
    acc_ids = sf_ids(rng, "001", 60)
    lines = [q_all(["Id", "Name", "BillingCity", "BillingCountry"])]
    for aid, (name, city, country, _c) in zip(acc_ids, SF_ACCOUNTS):
        lines.append(q_all([aid, name, city, country]))
    account = ("\r\n".join(lines) + "\r\n").encode("cp1252")

    con_ids = sf_ids(rng, "003", 300)
    forced_at = dict(zip(sorted(rng.sample(range(300), len(FORCED_CONTACTS))),
                         FORCED_CONTACTS))
    used: set[str] = set()
    names_used = {(f, l) for f, l, _c in FORCED_CONTACTS}
    lines = [q_all(["Id", "AccountId", "FirstName", "LastName", "Email", "MailingCity",
                    "Description"])]
    for i, cid in enumerate(con_ids):
        if i in forced_at:
            first, last, culture = forced_at[i]
            idx = rng.choice([k for k, a in enumerate(SF_ACCOUNTS) if a[3] == culture])
        else:
            while True:
                idx = rng.randrange(60)
                culture = SF_ACCOUNTS[idx][3]
                firsts, lasts = CP_NAMES[culture]
                first, last = rng.choice(firsts), rng.choice(lasts)
                if (first, last) not in names_used:
                    names_used.add((first, last))
                    break
        name, city, _country, _c = SF_ACCOUNTS[idx]
        r = rng.random()
        if r < 0.75:
            domain = company_domain(name, german=(culture == "de"))
        else:
            domain = "example.com" if r < 0.9 else "example.org"
        email = unique_email(local_part(first, last, german=(culture == "de")), domain, used)
        desc = rng.choice(CP_DESCRIPTIONS)
        lines.append(q_all([cid, acc_ids[idx], first, last, email, city, desc]))
    contact = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    return account, contact


def check_sf_cp1252(folder: Path, label: str) -> tuple[int, int]:
    acc_b = (folder / "Account.csv").read_bytes()
    con_b = (folder / "Contact.csv").read_bytes()
    counts = []
    acc_ids: set[str] = set()
    for fname, data, header, n_rows, prefix in (
            ("Account.csv", acc_b, ["Id", "Name", "BillingCity", "BillingCountry"], 60, "001"),
            ("Contact.csv", con_b, ["Id", "AccountId", "FirstName", "LastName", "Email",
                                    "MailingCity", "Description"], 300, "003")):
        check(not data.startswith(b"\xef\xbb\xbf"), f"{fname}: BOM")
        text = data.decode("cp1252")  # strict: fails on undefined bytes
        check(text.encode("cp1252") == data, f"{fname}: cp1252 round trip")
        check(text.count("\r") == text.count("\r\n"), f"{fname}: bare CR")
        check(text.count("\n") == text.count("\r\n"), f"{fname}: bare LF")
        check(data.endswith(b"\r\n"), f"{fname}: no final CRLF")
        try:
            data.decode("utf-8")
            check(False, f"{fname}: unexpectedly valid UTF-8")
        except UnicodeDecodeError:
            pass
        recs = parse(text, ",")
        check(recs[0].values == header, f"{fname}: header")
        check(len(recs) == n_rows + 1, f"{fname}: row count {len(recs) - 1}")
        damaged = 0
        multi = comma = dq = 0
        ids = set()
        for r in recs:
            check(all(q for _, q in r.fields), f"{fname}: unquoted field line {r.first_line}")
            check(len(r.fields) == len(header), f"{fname}: width line {r.first_line}")
            check(r.eol == "\r\n", f"{fname}: eol line {r.first_line}")
        for r in recs[1:]:
            v = r.values
            check(sf_id_ok(v[0], prefix), f"{fname}: bad id {v[0]}")
            check(v[0] not in ids, f"{fname}: dup id")
            ids.add(v[0])
            raw = data[r.start:r.end]  # cp1252 is single-byte: char offsets == byte offsets
            if any(b > 127 for b in raw):
                damaged += 1
                try:
                    raw.decode("utf-8")
                    check(False, f"{fname}: line {r.first_line} non-ASCII but valid UTF-8")
                except UnicodeDecodeError:
                    pass
            if prefix == "003":
                check(v[1] in acc_ids, f"{fname}: orphan AccountId line {r.first_line}")
                check(bool(EMAIL_RE.match(v[4])), f"{fname}: bad email {v[4]!r}")
                if "\n" in v[6]:
                    multi += 1
                    check(v[6].count("\n") == v[6].count("\r\n"), "multi-line not CRLF")
                comma += "," in v[6]
                dq += '"' in v[6]
        if prefix == "001":
            acc_ids = ids
        else:
            emails = [r.values[4] for r in recs[1:]]
            check(len(set(emails)) == len(emails), "Contact.csv: duplicate e-mails")
            for first, last, _c in FORCED_CONTACTS:
                check(any(r.values[2] == first and r.values[3] == last for r in recs[1:]),
                      f"missing forced contact {first} {last}")
            check(damaged / n_rows >= 0.40, "Contact.csv: < 40% non-ASCII rows")
            extra_lines = recs[-1].last_line - len(recs)
            check((multi, extra_lines, comma, dq) == (50, 63, 57, 15),
                  f"Contact.csv: description stats {(multi, extra_lines, comma, dq)}")
            print(f"  [{label}] Contact.csv multi-line Descriptions: {multi} "
                  f"(+{extra_lines} physical lines, {recs[-1].last_line} lines total); "
                  f"with comma: {comma}; with doubled quote: {dq}")
        counts.append(damaged)
        print(f"  [{label}] {fname}: {len(data)} bytes, {n_rows} rows, "
              f"{recs[-1].last_line} lines, rows with non-ASCII bytes: {damaged}")
    check(counts[0] == EXP1_ACCOUNT_NONASCII, f"Account non-ASCII rows {counts[0]}")
    check(counts[1] == EXP1_CONTACT_NONASCII, f"Contact non-ASCII rows {counts[1]}")
    return counts[0], counts[1]


# ------------------------------------------------------------------------------------------
# 3. Excel Unicode Text (UTF-16LE + BOM, tab separated)
# ------------------------------------------------------------------------------------------
SEED3 = 1616_0001

U16 = {  # culture: (first names, last names, companies, cities); names are (native, roman)
    "pl": ([("Łukasz", "lukasz"), ("Małgorzata", "malgorzata"), ("Paweł", "pawel"),
            ("Agnieszka", "agnieszka"), ("Wojciech", "wojciech"), ("Żaneta", "zaneta")],
           [("Ćwik", "cwik"), ("Wiśniewska", "wisniewska"), ("Zieliński", "zielinski"),
            ("Wójcik", "wojcik"), ("Kołodziej", "kolodziej"), ("Łęcka", "lecka")],
           [("Wisła Logistyka Sp. z o.o.", "wisla-logistyka"),
            ("Bałtyk Software S.A.", "baltyk-software"),
            ("Złota Rączka Serwis s.c.", "zlota-raczka")],
           ["Kraków", "Łódź", "Gdańsk", "Wrocław", "Poznań"]),
    "cz": ([("Jiří", "jiri"), ("Tereza", "tereza"), ("Ondřej", "ondrej"),
            ("Kateřina", "katerina"), ("Radek", "radek")],
           [("Dvořák", "dvorak"), ("Nováková", "novakova"), ("Černý", "cerny"),
            ("Procházka", "prochazka"), ("Kříž", "kriz")],
           [("Pražská Data s.r.o.", "prazska-data"),
            ("Brněnské Strojírny a.s.", "brnenske-strojirny"),
            ("Vltava Účetnictví s.r.o.", "vltava-ucetnictvi")],
           ["Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice"]),
    "tr": ([("Ayşe", "ayse"), ("Mehmet", "mehmet"), ("Gülşen", "gulsen"),
            ("İbrahim", "ibrahim"), ("Çağla", "cagla"), ("Oğuz", "oguz")],
           [("Şahin", "sahin"), ("Yılmaz", "yilmaz"), ("Öztürk", "ozturk"),
            ("Çelik", "celik"), ("Doğan", "dogan"), ("Kılıç", "kilic")],
           [("Anadolu Yazılım A.Ş.", "anadolu-yazilim"),
            ("Boğaziçi Lojistik Ltd. Şti.", "bogazici-lojistik"),
            ("Ege Tekstil A.Ş.", "ege-tekstil")],
           ["İstanbul", "İzmir", "Ankara", "Bursa", "Eskişehir"]),
    "jp": ([("太郎", "taro"), ("花子", "hanako"), ("健太", "kenta"), ("美咲", "misaki"),
            ("翔太", "shota"), ("陽菜", "hina")],
           [("山田", "yamada"), ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"),
            ("田中", "tanaka"), ("渡辺", "watanabe")],
           [("株式会社さくら製作所", "sakura-seisakusho"),
            ("東海データ株式会社", "tokai-data"),
            ("青空トレーディング株式会社", "aozora-trading")],
           ["東京", "大阪", "名古屋", "札幌"]),
    "cn": ([("伟", "wei"), ("芳", "fang"), ("静", "jing"), ("磊", "lei"), ("秀英", "xiuying"),
            ("建国", "jianguo")],
           [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
            ("杨", "yang")],
           [("北京星河科技有限公司", "xinghe-tech"),
            ("上海东方贸易有限公司", "dongfang-trading"),
            ("深圳云帆电子有限公司", "yunfan-electronics")],
           ["北京", "上海", "深圳", "杭州"]),
    "gr": ([("Αλέξανδρος", "alexandros"), ("Ελένη", "eleni"), ("Γιώργος", "giorgos"),
            ("Μαρία", "maria"), ("Δημήτρης", "dimitris"), ("Σοφία", "sofia")],
           [("Παπαδόπουλος", "papadopoulos"), ("Οικονόμου", "oikonomou"),
            ("Γεωργίου", "georgiou"), ("Νικολάου", "nikolaou"), ("Βλάχου", "vlachou"),
            ("Καραγιάννης", "karagiannis")],
           [("Αιγαίο Ναυτιλιακή Α.Ε.", "aigaio-naftiliaki"),
            ("Όλυμπος Τεχνολογίες Ε.Π.Ε.", "olympos-tech"),
            ("Ακρόπολις Συμβουλευτική", "akropolis-consulting")],
           ["Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο"]),
    "en": ([("Emma", "emma"), ("Liam", "liam"), ("Olivia", "olivia"), ("Noah", "noah"),
            ("Chloé", "chloe"), ("Grace", "grace")],
           [("Walker", "walker"), ("Bennett", "bennett"), ("Hughes", "hughes"),
            ("Foster", "foster"), ("Turner", "turner"), ("Reed", "reed")],
           [("Bluefield Analytics Ltd", "bluefield-analytics"),
            ("Harbourview Traders Ltd", "harbourview-traders"),
            ("Cedar Point Software LLC", "cedar-point-software")],
           ["London", "Leeds", "Boston", "Denver"]),
}
U16_FORCED = [  # (culture, first, last) that must appear
    ("pl", "Łukasz", "Ćwik"), ("cz", "Jiří", "Dvořák"), ("tr", "Ayşe", "Şahin"),
    ("jp", "太郎", "山田"), ("cn", "伟", "王"), ("gr", "Αλέξανδρος", "Παπαδόπουλος"),
]
U16_NOTES = ["", "", "", "Prefers email 👍", "Launch call booked 🚀", "VIP 🎉 renewal signed",
             "Contract renewal Q2", "Met at trade fair in Łódź", "Πελάτης από το 2019",
             "紹介: 佐藤さん", "Müşteri toplantısı Pazartesi", "Great feedback 👍 send case study",
             "Needs invoice in CZK", "Demo done 🚀 waiting for PO"]
U16_QUOTE_NOTE = 'Asked for "net 30, not net 60" terms'
U16_LF_NOTE = "Call back Monday\nSend price list 📎"
U16_QUOTE_ROW, U16_LF_ROW = 46, 86  # 0-based row indices (C-0047, C-0087)


def build_excel_u16() -> bytes:
    rng = random.Random(SEED3)
    cultures = list(U16)
    forced_at = dict(zip(sorted(rng.sample(range(120), len(U16_FORCED))), U16_FORCED))
    used: set[str] = set()
    names_used = {(fn, ln) for _c, fn, ln in U16_FORCED}
    rows = [["Contact ID", "First Name", "Last Name", "Email", "Company", "City", "Notes"]]
    for i in range(120):
        if i in forced_at:
            cul, fn, ln = forced_at[i]
            firsts, lasts, comps, cities = U16[cul]
            first = next(p for p in firsts if p[0] == fn)
            last = next(p for p in lasts if p[0] == ln)
        else:
            while True:
                cul = rng.choice(cultures)
                firsts, lasts, comps, cities = U16[cul]
                first, last = rng.choice(firsts), rng.choice(lasts)
                if (first[0], last[0]) not in names_used:
                    names_used.add((first[0], last[0]))
                    break
        comp = rng.choice(comps)
        city = rng.choice(cities)
        domain = comp[1] + ".example" if rng.random() < 0.7 else rng.choice(
            ["example.com", "example.org"])
        email = unique_email(f"{first[1]}.{last[1]}", domain, used)
        note = rng.choice(U16_NOTES)
        if i == U16_QUOTE_ROW:
            note = U16_QUOTE_NOTE
        elif i == U16_LF_ROW:
            note = U16_LF_NOTE
        rows.append([f"C-{i + 1:04d}", first[0], last[0], email, comp[0], city, note])
    out = []
    for r in rows:
        cells = []
        for f in r:
            if "\t" in f or '"' in f or "\n" in f or "\r" in f:
                cells.append('"' + f.replace('"', '""') + '"')
            else:
                cells.append(f)
        out.append("\t".join(cells) + "\r\n")
    return b"\xff\xfe" + "".join(out).encode("utf-16-le")


def check_excel_u16() -> None:
    p = D3 / "contacts.txt"
    data = p.read_bytes()
    check(data[:2] == b"\xff\xfe", "contacts.txt: no UTF-16LE BOM")
    check(len(data) % 2 == 0, "contacts.txt: odd length")
    text = data[2:].decode("utf-16-le")  # strict: unpaired surrogates would fail
    check("\ufeff" not in text, "contacts.txt: stray BOM")
    check(text.endswith("\r\n"), "contacts.txt: final CRLF")
    check(text.count("\r") == text.count("\r\n"), "contacts.txt: bare CR")
    recs = parse(text, "\t")
    check(len(recs) == 121, "contacts.txt: row count")
    check(recs[0].values == ["Contact ID", "First Name", "Last Name", "Email", "Company",
                             "City", "Notes"], "contacts.txt: header")
    quoted = {}
    astral = 0
    for k, r in enumerate(recs):
        check(r.eol == "\r\n", f"contacts.txt: record end line {r.first_line}")
        check(len(r.fields) == 7, f"contacts.txt: width line {r.first_line}")
        for v, q in r.fields:
            need = any(c in v for c in '\t"\r\n')
            check(q == need, f"contacts.txt: quoting rule line {r.first_line}: {v!r}")
            if q:
                quoted[r.first_line] = r.values[0]
            check("," not in v or q, f"contacts.txt: unquoted comma line {r.first_line}")
            astral += sum(1 for c in v if ord(c) > 0xFFFF)
        if k:
            check(r.values[0] == f"C-{k:04d}", "contacts.txt: id sequence")
            check(bool(EMAIL_RE.match(r.values[3])), f"bad email {r.values[3]}")
    check(quoted == EXP3_QUOTED, f"contacts.txt: quoted cells {quoted}")
    check(recs[U16_QUOTE_ROW + 1].values[6] == U16_QUOTE_NOTE, "quote note")
    lf = recs[U16_LF_ROW + 1]
    check(lf.values[6] == U16_LF_NOTE and (lf.first_line, lf.last_line) == (88, 89), "LF note")
    check(astral == 36, f"contacts.txt: {astral} non-BMP characters")
    check(b"\x3d\xd8" in data, "contacts.txt: no surrogate pair bytes")
    vals = "".join("".join(r.values) for r in recs)
    for ch in "ŁĆřŞ山田太郎王伟Αλέξανδρος🚀👍":
        check(ch in vals, f"contacts.txt: missing {ch}")
    for cul, fn, ln in U16_FORCED:
        check(any(r.values[1] == fn and r.values[2] == ln for r in recs),
              f"missing {fn} {ln}")
    print(f"  contacts.txt: {len(data)} bytes, UTF-16LE+BOM, 120 rows, "
          f"{recs[-1].last_line} lines, non-BMP chars: {astral}, quoted cells at lines "
          f"{sorted(quoted)}")


# ------------------------------------------------------------------------------------------
# 4. HubSpot export with Mac Roman mojibake names
# ------------------------------------------------------------------------------------------
SEED4 = 1984_0124

HS_FIRST = ["Emily", "Sarah", "Olivia", "Grace", "Hannah", "James", "Michael", "David",
            "Daniel", "Thomas", "Ryan", "Megan", "Laura", "Nathan", "Owen", "Amelia",
            "Lucas", "Mateo", "Sofia", "Isabela", "Camila", "Pedro", "Rafael", "Beatriz",
            "Ingrid", "Lars", "Chloe", "Marcus", "Priya", "Arjun", "Kenji", "Yuki"]
HS_LAST = ["Smith", "Johnson", "Walker", "Bennett", "Turner", "Hughes", "Carter", "Foster",
           "Reed", "Coleman", "Price", "Fletcher", "Hayes", "Gallagher", "Whitaker", "Silva",
           "Santos", "Oliveira", "Costa", "Ferreira", "Almeida", "Nakamura", "Patel",
           "Larsen", "Brennan", "Holloway", "McKenzie", "Ellison"]
HS_COMPANIES = ["Bluefield Analytics", "Nimbus™ Analytics", "Brightline® Systems",
                "Cedar Point Software", "Harbourview Traders", "Kestrel Medical",
                "Vértice Consultoria", "Açaí Express Ltda", "Orbita® Cloud",
                "Quantum Leaf™", "Riverbend Dental", "Silverline Freight", "Greystone Partners",
                "Maple Ridge Foods", "Pinecrest Labs", "Solaris Energia"]
HS_CITIES = ["Boston", "Austin", "Denver", "Chicago", "Seattle", "London", "Dublin",
             "São Paulo", "Rio de Janeiro", "Florianópolis", "Brasília", "Lisboa", "Porto",
             "Toronto", "Montréal", "Zürich", "München"]
HS_NOTES = ["", "", "", "", "Any budget for Q3?", "¿Qué tal?",
            "See https://example.com/page?id=42", "Price: 10 € – 15 €",
            "Asked: can we start in May?", "Renewal in Q4",
            "Requested a demo", "Prefers WhatsApp", "Met at SaaStr booth", "Intro via partner",
            "Downloaded the pricing PDF", "Follow up next week?", "Ótimo contato – decisor"]
HS_TRICKY = [  # forced clean rows: (first, last, company, city, note)
    ("João", "Gonçalves", "Vértice Consultoria", "São Paulo", "Any budget for Q3?"),
    ("Maria da Conceição", "Magalhães", "Açaí Express Ltda", "SÃO PAULO", "¿Qué tal?"),
    ("Estêvão", "Simões", "Solaris Energia", "Porto", "See https://example.com/page?id=42"),
    ("ÂNGELA", "GUIMARÃES", "Orbita® Cloud", "BRASÍLIA", "Price: 10 € – 15 €"),
    ("Conceição", "Araújo", "Nimbus™ Analytics", "São Paulo", "Kunde schrieb: ‚passt so‘"),
    ("João Pedro", "Gonçalves", "Brightline® Systems", "SÃO PAULO", "Follow up next week?"),
    ("Sebastião", "Leitão", "Quantum Leaf™", "Florianópolis", "Ótimo contato – decisor"),
    ("Irene", "O'Hara", "Pinecrest Labs", "Dublin", "Asked: can we start in May?"),
]
HS_DAMAGED = [  # (first, last, damage_first, damage_last, city)
    ("José", "Martínez", True, True, "Austin"),
    ("Aoife", "O’Connor", False, True, "Dublin"),
    ("Jürgen", "Müller", True, True, "München"),
    ("François", "Lefebvre", True, False, "Montréal"),
    ("Zoë", "Hartley", True, False, "London"),
    ("Sébastien", "Côté", True, True, "Montréal"),
    ("Åsa", "Lindström", True, True, "Boston"),
    ("Björn", "Ødegaard", True, True, "Seattle"),
    ("Ana", "Núñez", False, True, "Chicago"),
]


def mac_mojibake(s: str) -> str:
    return s.encode("utf-8").decode("mac_roman")


def looks_mojibake(s: str) -> str | None:
    """Return the repaired text when s is UTF-8 read as Mac Roman or windows-1252."""
    for codec in ("mac_roman", "cp1252"):
        try:
            b = s.encode(codec)
        except UnicodeEncodeError:
            continue
        if b.isascii():
            continue
        try:
            t = b.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if t != s:
            return t
    return None


def build_hubspot() -> bytes:
    rng = random.Random(SEED4)
    ids = sorted(rng.sample(range(10_000_000_000, 99_999_999_999), 200))
    used: set[str] = set()
    clean = list(HS_TRICKY)
    names_used = {(r[0], r[1]) for r in HS_TRICKY} | {(r[0], r[1]) for r in HS_DAMAGED}
    while len(clean) < 191:
        first, last = rng.choice(HS_FIRST), rng.choice(HS_LAST)
        if (first, last) in names_used:
            continue
        names_used.add((first, last))
        clean.append((first, last, rng.choice(HS_COMPANIES), rng.choice(HS_CITIES),
                      rng.choice(HS_NOTES)))
    rng.shuffle(clean)
    dmg_pos = spread_positions(rng, 200, 9)
    rows = []
    ci = 0
    di = 0
    for i in range(200):
        if i in dmg_pos:
            first, last, df, dl, city = HS_DAMAGED[di]
            di += 1
            comp = rng.choice(HS_COMPANIES)
            note = rng.choice(HS_NOTES)
            email = unique_email(local_part(first, last),
                                 rng.choice(["example.com", "example.org"]), used)
            rows.append([str(ids[i]), mac_mojibake(first) if df else first,
                         mac_mojibake(last) if dl else last, email, comp, city, note])
        else:
            first, last, comp, city, note = clean[ci]
            ci += 1
            dom = rng.choice(["example.com", "example.org", company_domain(comp)])
            email = unique_email(local_part(first, last), dom, used)
            rows.append([str(ids[i]), first, last, email, comp, city, note])
    head = q_all(["Record ID", "First Name", "Last Name", "Email", "Company Name", "City",
                  "Notes"])
    return ("\n".join([head] + [q_all(r) for r in rows]) + "\n").encode("utf-8")


def check_hubspot() -> None:
    p = D4 / "contacts.csv"
    data = p.read_bytes()
    check(not data.startswith(b"\xef\xbb\xbf"), "hubspot: BOM")
    check(b"\r" not in data, "hubspot: CR present")
    text = data.decode("utf-8")
    recs = parse(text, ",")
    check(len(recs) == 201 and recs[-1].last_line == 201, "hubspot: rows/lines")
    check(recs[0].values == ["Record ID", "First Name", "Last Name", "Email", "Company Name",
                             "City", "Notes"], "hubspot: header")
    found = {}
    emails = set()
    for r in recs:
        check(all(q for _, q in r.fields) and len(r.fields) == 7 and r.eol == "\n",
              f"hubspot: format line {r.first_line}")
    for r in recs[1:]:
        v = r.values
        check(re.fullmatch(r"[1-9]\d{10}", v[0]) is not None, f"hubspot: id {v[0]}")
        check(bool(EMAIL_RE.match(v[3])) and v[3] not in emails, f"hubspot: email {v[3]}")
        emails.add(v[3])
        fixed_first, fixed_last = looks_mojibake(v[1]), looks_mojibake(v[2])
        for k in (3, 4, 5, 6):
            check(looks_mojibake(v[k]) is None, f"hubspot: mojibake outside names line "
                                                f"{r.first_line}")
        if fixed_first or fixed_last:
            found[r.first_line] = (fixed_first, fixed_last)
            for orig, cell in ((fixed_first, v[1]), (fixed_last, v[2])):
                if orig:
                    check(mac_mojibake(orig) == cell, "hubspot: not a Mac Roman mojibake")
    check(found == EXP4_DAMAGED, f"hubspot: damaged rows {found}")
    for line, (f, l) in sorted(found.items()):
        v = recs[line - 1].values
        print(f"    line {line:3d}: First={v[1]!r} Last={v[2]!r}  <- "
              f"{f or v[1]} {l or v[2]}")
    allv = [x for r in recs[1:] for x in r.values]
    for must in ("João", "São Paulo", "SÃO PAULO", "Maria da Conceição", "Gonçalves",
                 "Any budget for Q3?", "¿Qué tal?", "See https://example.com/page?id=42",
                 "Price: 10 € – 15 €", "Nimbus™ Analytics", "Brightline® Systems",
                 "GUIMARÃES", "ÂNGELA", "Kunde schrieb: ‚passt so‘"):
        check(must in allv, f"hubspot: missing tricky value {must}")
    print(f"  hubspot contacts.csv: {len(data)} bytes, 200 rows, damaged rows "
          f"{sorted(found)} ({sum((a is not None) + (b is not None) for a, b in found.values())}"
          f" cells)")


# ------------------------------------------------------------------------------------------
# 5. NUL bytes
# ------------------------------------------------------------------------------------------
SEED5 = 5_0000_0000

EU_FIRST = ["Anna", "Lukas", "José", "Zoë", "Jürgen", "Françoise", "Søren", "Åsa", "Björn",
            "Inès", "Noël", "Maëlle", "Ramón", "Sofía", "Emily", "James", "Oliver", "Grace",
            "Hannah", "Thomas", "Chloé", "Mateo", "Lena", "Felix", "Ingrid", "Oskar", "Lucía",
            "Hélène", "Jörg", "Céline"]
EU_LAST = ["Müller", "Schröder", "Weiß", "Lefèvre", "Dupré", "Núñez", "Peña", "Sørensen",
           "Lindström", "Åkerlund", "García", "López", "Smith", "Walker", "Bennett", "Hughes",
           "Carter", "Brooks", "Becker", "Wagner", "Fournier", "Girard", "Jönsson", "Holm",
           "Costa", "Ibáñez", "Krüger", "Böhm", "Moreau", "Reed"]
NUL_COMPANIES = ["Harbourview Traders Ltd", "Bluefield Analytics Inc.", "Müller & Söhne GmbH",
                 "Café Núñez S.L.", "Lumière Éditions SAS", "Kestrel Medical Supplies",
                 "Smith, Jones & Partners", "Baker, Lowe and Co.", "Nordlicht Logistik GmbH",
                 "Åkerlund Trävaror AB", "Cedar Point Software LLC", "Greystone Partners LLP",
                 "Riverbend Dental Group", "Silverline Freight Co.", "Sørensen Økologi ApS"]


def fict_phone(rng: random.Random, used: set[str]) -> str:
    while True:
        k = rng.random()
        if k < 0.5:
            p = f"+1 {rng.choice(['212', '312', '415', '617', '206'])}-555-01{rng.randint(0, 99):02d}"
        elif k < 0.8:
            p = f"+44 20 7946 0{rng.randint(0, 999):03d}"
        else:
            p = f"+49 30 901820{rng.randint(0, 99):02d}"
        if p not in used:
            used.add(p)
            return p


PHONE_RE = re.compile(r"^(\+1 \d{3}-555-01\d\d|\+44 20 7946 0\d{3}|\+49 30 901820\d\d)$")
NUL_ROWS = {22: (2, "Smith", "Smith\x00\x00\x00\x00"),     # 0-based row -> (column,
             65: (4, "Acme Corp", "Acme\x00Corp"),             #  clean value, damaged value)
             116: (1, "Jan", "Jan\x00\x00\x00\x00\x00\x00\x00")}
SUB_ROW = (89, 4, "Westbrook Trading Ltd", "Westbrook\x1a Trading Ltd")


def build_nul() -> bytes:
    rng = random.Random(SEED5)
    used_e: set[str] = set()
    used_p: set[str] = set()
    special = dict(NUL_ROWS)
    special[SUB_ROW[0]] = SUB_ROW[1:]
    names_used: set[tuple[str, str]] = set()
    lines = [q_min(["Id", "FirstName", "LastName", "Email", "Company", "Phone"])]
    for i in range(150):
        while True:
            row = [f"CT-{i + 1:05d}", rng.choice(EU_FIRST), rng.choice(EU_LAST), "",
                   rng.choice(NUL_COMPANIES), fict_phone(rng, used_p)]
            if i in special:
                col, clean, _bad = special[i]
                row[col] = clean
            if (row[1], row[2]) not in names_used:
                names_used.add((row[1], row[2]))
                break
        row[3] = unique_email(local_part(row[1], row[2]),
                              rng.choice(["example.com", "example.org", company_domain(row[4])]),
                              used_e)
        if i in special:
            col, _clean, bad = special[i]
            row[col] = bad
        lines.append(q_min(row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def check_nul() -> None:
    p = D5 / "contacts.csv"
    data = p.read_bytes()
    check(not data.startswith(b"\xef\xbb\xbf"), "nul: BOM")
    text = data.decode("utf-8")
    check(text.count("\r") == text.count("\r\n") == text.count("\n"), "nul: line ends")
    recs = parse(text, ",")
    check(len(recs) == 151 and recs[-1].last_line == 151, "nul: rows")
    check(recs[0].values == ["Id", "FirstName", "LastName", "Email", "Company", "Phone"],
          "nul: header")
    nul, sub = {}, {}
    for k, r in enumerate(recs):
        check(len(r.fields) == 6 and r.eol == "\r\n", f"nul: format line {r.first_line}")
        for v, q in r.fields:
            check(q == any(c in v for c in ',"\r\n'), f"nul: quoting line {r.first_line}")
        raw = "".join(r.values)
        ctrl = sorted({c for c in raw if ord(c) < 32 or ord(c) == 127})
        if "\x00" in raw:
            nul[r.first_line] = r.values[0]
        if "\x1a" in raw:
            sub[r.first_line] = r.values[0]
            check(r.values[SUB_ROW[1]] == SUB_ROW[3], "nul: SUB not in Company")
        check(set(ctrl) <= {"\x00", "\x1a"}, f"nul: other control chars line {r.first_line}")
        if k:
            check(r.values[0] == f"CT-{k:05d}", "nul: id sequence")
            check(bool(EMAIL_RE.match(r.values[3])), f"nul: email {r.values[3]!r}")
            check(bool(PHONE_RE.match(r.values[5])), f"nul: phone {r.values[5]!r}")
    check(nul == EXP5_NUL, f"nul: NUL rows {nul}")
    check(sub == EXP5_SUB, f"nul: SUB rows {sub}")
    check(data.count(b"\x00") == 12 and data.count(b"\x1a") == 1, "nul: byte counts")
    check(sum(has_non_ascii(x) for r in recs for x in r.values) > 20, "nul: few accents")
    for line in sorted(nul) + sorted(sub):
        v = recs[line - 1].values
        print(f"    line {line}: {v[0]} " + " | ".join(repr(x) for x in v[1:5]
                                                       if "\x00" in x or "\x1a" in x))
    quoted = sum(1 for r in recs for _, q in r.fields if q)
    check(quoted == 19, f"nul: {quoted} quoted cells")
    print(f"  nul contacts.csv: {len(data)} bytes, 150 rows, NUL rows {sorted(nul)}, "
          f"SUB row {sorted(sub)}, quoted cells {quoted}")


# ------------------------------------------------------------------------------------------
# 6. Mixed encoding (UTF-8 + 6 windows-1252 rows)
# ------------------------------------------------------------------------------------------
SEED6 = 6_1252_8

MIX_PLACES = {  # culture (name pools in CP_NAMES) -> (city, country)
    "fr": [("Besançon", "France"), ("Orléans", "France"), ("Nîmes", "France"),
           ("Paris", "France"), ("Genève", "Switzerland")],
    "de": [("München", "Germany"), ("Köln", "Germany"), ("Düsseldorf", "Germany"),
           ("Zürich", "Switzerland"), ("Wien", "Austria")],
    "es": [("Málaga", "Spain"), ("Córdoba", "Spain"), ("Cádiz", "Spain"), ("Madrid", "Spain")],
    "dk": [("København", "Denmark"), ("Århus", "Denmark"), ("Tromsø", "Norway"),
           ("Bergen", "Norway")],
    "se": [("Malmö", "Sweden"), ("Göteborg", "Sweden"), ("Linköping", "Sweden")],
    "pt": [("Setúbal", "Portugal"), ("Porto", "Portugal"), ("São Paulo", "Brazil")],
}
ASCII_PEOPLE_FIRST = ["Emily", "James", "Oliver", "Grace", "Hannah", "Thomas", "Lena", "Felix",
                      "Ingrid", "Oskar", "Mateo", "Noah", "Ava", "Liam", "Sarah", "Daniel",
                      "Megan", "Ryan", "Laura", "Peter"]
ASCII_PEOPLE_LAST = ["Smith", "Walker", "Bennett", "Hughes", "Carter", "Brooks", "Becker",
                     "Wagner", "Holm", "Costa", "Reed", "Turner", "Fletcher", "Hayes", "Larsen",
                     "Berg", "Fischer", "Novak", "Meyer", "Evans"]
ASCII_CITIES = [("London", "United Kingdom"), ("Leeds", "United Kingdom"),
                ("Boston", "United States"), ("Denver", "United States"),
                ("Washington, D.C.", "United States"), ("Berlin", "Germany"),
                ("Hamburg", "Germany"), ("Madrid", "Spain"), ("Paris", "France"),
                ("Oslo", "Norway"), ("Stockholm", "Sweden"), ("Dublin", "Ireland")]
MIX_CP1252_PEOPLE = [
    ("Jürgen", "Müller", "München", "Germany"), ("Françoise", "Lefèvre", "Besançon", "France"),
    ("Åsa", "Sjöberg", "Malmö", "Sweden"), ("José", "Muñoz", "Málaga", "Spain"),
    ("Søren", "Sørensen", "København", "Denmark"), ("Björn", "Weiß", "Nürnberg", "Germany"),
]


def build_mixed() -> bytes:
    rng = random.Random(SEED6)
    cp_pos = spread_positions(rng, 250, 6)
    used: set[str] = set()
    names_used = {(r[0], r[1]) for r in MIX_CP1252_PEOPLE}
    out = [b"Id,FirstName,LastName,Email,City,Country\n"]
    cp_i = 0
    for i in range(250):
        if i in cp_pos:
            first, last, city, country = MIX_CP1252_PEOPLE[cp_i]
            cp_i += 1
            enc = "cp1252"
        else:
            enc = "utf-8"
            while True:
                if rng.random() < 0.5:
                    cul = rng.choice(list(MIX_PLACES))
                    first, last = rng.choice(CP_NAMES[cul][0]), rng.choice(CP_NAMES[cul][1])
                    city, country = rng.choice(MIX_PLACES[cul])
                else:
                    first = rng.choice(ASCII_PEOPLE_FIRST)
                    last = rng.choice(ASCII_PEOPLE_LAST)
                    city, country = rng.choice(ASCII_CITIES)
                if (first, last) not in names_used:
                    names_used.add((first, last))
                    break
        email = unique_email(local_part(first, last), rng.choice(["example.com", "example.org"]),
                             used)
        row = q_min([f"M-{i + 1:05d}", first, last, email, city, country]) + "\n"
        out.append(row.encode(enc))
    return b"".join(out)


def check_mixed() -> None:
    p = D6 / "contacts.csv"
    data = p.read_bytes()
    check(not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data, "mixed: BOM/CR")
    try:
        data.decode("utf-8")
        check(False, "mixed: whole file is valid UTF-8")
    except UnicodeDecodeError:
        pass
    raw_lines = data.split(b"\n")
    check(raw_lines[-1] == b"", "mixed: final LF")
    raw_lines = raw_lines[:-1]
    check(len(raw_lines) == 251, "mixed: line count")
    cp = {}
    utf8_rows = utf8_non_ascii = 0
    for n, raw in enumerate(raw_lines, start=1):
        try:
            s = raw.decode("utf-8")
            if n > 1:
                utf8_rows += 1
                utf8_non_ascii += has_non_ascii(s)
        except UnicodeDecodeError:
            s = raw.decode("cp1252")
            check(any(c.isalpha() and ord(c) > 127 for c in s), f"mixed: line {n} no letter")
            cp[n] = s.split(",")[0]
        recs = parse(s, ",")
        check(len(recs) == 1 and len(recs[0].fields) == 6, f"mixed: width line {n}")
        for v, q in recs[0].fields:
            check(q == any(c in v for c in ',"\r\n'), f"mixed: quoting line {n}")
        if n == 1:
            check(recs[0].values == ["Id", "FirstName", "LastName", "Email", "City",
                                     "Country"], "mixed: header")
        else:
            check(recs[0].values[0] == f"M-{n - 1:05d}", "mixed: id")
            check(bool(EMAIL_RE.match(recs[0].values[3])), "mixed: email")
    check(cp == EXP6_CP1252, f"mixed: cp1252 rows {cp}")
    check(utf8_non_ascii / utf8_rows >= 0.30, "mixed: < 30% non-ASCII UTF-8 rows")
    check((utf8_non_ascii, utf8_rows) == (129, 244), "mixed: non-ASCII UTF-8 row count")
    for n in sorted(cp):
        print(f"    line {n}: {raw_lines[n - 1]!r}")
    print(f"  mixed contacts.csv: {len(data)} bytes, 250 rows, cp1252 lines {sorted(cp)}, "
          f"UTF-8 rows with non-ASCII: {utf8_non_ascii}/{utf8_rows} "
          f"({100 * utf8_non_ascii / utf8_rows:.1f}%)")


# ------------------------------------------------------------------------------------------
# 7. German Excel CSV (semicolon, decimal comma, windows-1252)
# ------------------------------------------------------------------------------------------
SEED7 = 4_9_2024

DE_TRADES = ["Bäckerei", "Metzgerei", "Schreinerei", "Elektro", "Sanitär", "Autohaus",
             "Gärtnerei", "Druckerei", "Brauerei", "Malerbetrieb", "Steuerbüro",
             "Ingenieurbüro", "Möbelhaus", "Reisebüro", "Blumenhaus", "Dachdeckerei",
             "Fahrradladen", "Optik", "Zimmerei", "Kfz-Werkstatt"]
DE_SURNAMES = ["Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Böhm", "Krüger", "Schröder",
               "Jäger", "Bäumer", "Höfler", "Kühn", "Löffler", "Mößner", "Pöschl", "Rößler",
               "Süß", "Fuchs", "Hoffmann", "Wagner", "Lehmann", "Vogt", "Brandt", "Hüttner"]
DE_LEGAL = ["GmbH", "KG", "GmbH & Co. KG", "e.K.", "OHG", "AG", "GbR"]
DE_FIRST = ["Jürgen", "Jörg", "Günther", "Bärbel", "Käthe", "Sören", "Uwe", "Anna", "Lukas",
            "Jonas", "Lena", "Mia", "Katrin", "Felix", "Björn", "Birgit", "Ute", "Matthias",
            "Sabine", "Tobias"]
DE_CITIES = ["München", "Köln", "Düsseldorf", "Nürnberg", "Lübeck", "Würzburg", "Göttingen",
             "Saarbrücken", "Osnabrück", "Tübingen", "Berlin", "Hamburg", "Frankfurt am Main",
             "Stuttgart", "Mönchengladbach", "Fürth"]
DE_SPECIAL = {0: "Bäckerei Müller GmbH", 7: "Straßenbau Schäfer & Co. KG",
              28: "Elektro Köhler; Inh. Sabine Köhler e.K.",
              55: 'Gasthof "Zum Goldenen Löwen" GmbH'}


def de_amount(cents: int) -> str:
    euros, c = divmod(cents, 100)
    s = f"{euros:,}".replace(",", ".")
    return f"{s},{c:02d}"


assert de_amount(123450) == "1.234,50" and de_amount(98000) == "980,00"
assert de_amount(1250000) == "12.500,00"


def build_german() -> bytes:
    rng = random.Random(SEED7)
    names: list[str] = []
    seen: set[str] = set(DE_SPECIAL.values())
    while len(names) < 80:
        i = len(names)
        if i in DE_SPECIAL:
            names.append(DE_SPECIAL[i])
            continue
        n = f"{rng.choice(DE_TRADES)} {rng.choice(DE_SURNAMES)} {rng.choice(DE_LEGAL)}"
        if n not in seen:
            seen.add(n)
            names.append(n)
    used: set[str] = set()
    lines = ["Kundennummer;Firma;Ansprechpartner;E-Mail;Umsatz;Abschlussdatum;Ort"]
    amounts = [98000, 123450, 1250000]
    base = dt.date(2023, 1, 1)
    people_used = {("Sabine", "Köhler")}
    for i, firma in enumerate(names):
        if i == 28:
            first, last = "Sabine", "Köhler"
        else:
            while True:
                first, last = rng.choice(DE_FIRST), rng.choice(DE_SURNAMES)
                if (first, last) not in people_used:
                    people_used.add((first, last))
                    break
        dom = company_domain(firma.split(";")[0], german=True)
        email = unique_email(local_part(first, last, german=True), dom, used)
        if i < 3:
            cents = amounts[i]
        else:
            mag = rng.random()
            if mag < 0.2:
                cents = rng.randint(100, 99_999)
            elif mag < 0.9:
                cents = rng.randint(1_000, 99_999) * 100 + rng.choice([0, 0, 50, 90, 25])
            elif mag < 0.98:
                cents = rng.randint(100_000, 999_999) * 100
            else:
                cents = rng.randint(1_000_000, 2_500_000) * 100
        d = base + dt.timedelta(days=rng.randint(0, 730))
        lines.append(q_min([f"K-{1001 + i}", firma, f"{first} {last}", email, de_amount(cents),
                            d.strftime("%d.%m.%Y"), rng.choice(DE_CITIES)], sep=";"))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def check_german() -> None:
    p = D7 / "Kunden.csv"
    data = p.read_bytes()
    check(not data.startswith(b"\xef\xbb\xbf"), "german: BOM")
    text = data.decode("cp1252")
    check(text.encode("cp1252") == data, "german: round trip")
    check(text.count("\r") == text.count("\r\n") == text.count("\n"), "german: line ends")
    recs = parse(text, ";")
    check(len(recs) == 81 and recs[-1].last_line == 81, "german: rows")
    check(recs[0].values == ["Kundennummer", "Firma", "Ansprechpartner", "E-Mail", "Umsatz",
                             "Abschlussdatum", "Ort"], "german: header")
    check(all(not q for _, q in recs[0].fields), "german: header quoted")
    quoted = {}
    num_re = re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}$")
    for k, r in enumerate(recs[1:], start=1):
        v = r.values
        check(len(v) == 7 and r.eol == "\r\n", f"german: width line {r.first_line}")
        for val, q in r.fields:
            check(q == any(c in val for c in ';"\r\n'), f"german: quoting line {r.first_line}")
            if q:
                quoted[r.first_line] = v[0]
        check(v[0] == f"K-{1000 + k}", "german: Kundennummer")
        check(bool(num_re.match(v[4])), f"german: Umsatz {v[4]}")
        check(re.fullmatch(r"\d\d\.\d\d\.\d{4}", v[5]) is not None
              and valid_date(v[5], "%d.%m.%Y"), f"german: date {v[5]}")
        check(bool(EMAIL_RE.match(v[3])), f"german: email {v[3]}")
    check(quoted == EXP7_QUOTED, f"german: quoted {quoted}")
    firmen = [r.values[1] for r in recs[1:]]
    check(len(set(firmen)) == 80, "german: duplicate Firma")
    for f in DE_SPECIAL.values():
        check(f in firmen, f"german: missing {f}")
    print(f"  Kunden.csv: {len(data)} bytes, cp1252, 80 rows, quoted cells at lines "
          f"{sorted(quoted)}")


# ------------------------------------------------------------------------------------------
# 8. Salesforce Classic report export with footer
# ------------------------------------------------------------------------------------------
SEED8 = 2024_1126

REPORT_ACCOUNTS = ["Société Générale de Café", "Müller & Söhne GmbH", "Ørsted Façades A/S",
                   "Peña, Muñoz y Cía.", "Bäckerei Krüger KG", "Åkerlund Trävaror AB",
                   "Kjær & Løkke ApS", "Gonçalves & Simões Lda.", "Lumière Éditions SAS",
                   "Zürichsee Treuhand AG", "Harbourview Traders Ltd", "Bluefield Analytics Inc.",
                   "O’Neill Brothers Construction", "Cedar Point Software LLC",
                   "Kestrel Medical Supplies", "Jönsson Möbler AB", "Ibáñez Ingeniería S.A.",
                   "Łódź Logistyka Sp. z o.o.", "Dvořák Strojírny s.r.o.", "Çelik Yazılım A.Ş."]
REPORT_TYPES = ["Renewal 2025", "Expansion", "New Business", "Upsell – Premium",
                "Services", "Pilot", "Q4 Add-on", "Multi-year Deal"]
STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
          "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
          "Negotiation/Review", "Closed Won", "Closed Lost"]


def build_report() -> bytes:
    rng = random.Random(SEED8)
    ids = sf_ids(rng, "006", 140)
    lines = [q_all(["Opportunity Name", "Account Name", "Stage", "Amount", "Close Date",
                    "Opportunity ID"])]
    base = dt.date(2024, 1, 1)
    for oid in ids:
        acc = rng.choice(REPORT_ACCOUNTS)
        d = base + dt.timedelta(days=rng.randint(0, 545))
        amount = rng.randint(20, 5000) * 50
        lines.append(q_all([f"{acc} - {rng.choice(REPORT_TYPES)}", acc, rng.choice(STAGES),
                            f"{amount}.00", f"{d.month}/{d.day}/{d.year}", oid]))
    lines.append("")
    lines.extend(SF_REPORT_FOOTER)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def check_report() -> None:
    p = D8 / "report.csv"
    data = p.read_bytes()
    check(not data.startswith(b"\xef\xbb\xbf"), "report: BOM")
    text = data.decode("utf-8")
    check(text.endswith("\r\n") and text.count("\r") == text.count("\r\n") == text.count("\n"),
          "report: line ends")
    phys = text.split("\r\n")[:-1]
    check(len(phys) == 147, f"report: {len(phys)} lines")
    check(phys[141] == "", "report: line 142 not empty")
    check(phys[142:147] == SF_REPORT_FOOTER, "report: footer")
    body = "\r\n".join(phys[:141]) + "\r\n"
    recs = parse(body, ",")
    check(len(recs) == 141 and recs[-1].last_line == 141, "report: data rows")
    check(recs[0].values == ["Opportunity Name", "Account Name", "Stage", "Amount",
                             "Close Date", "Opportunity ID"], "report: header")
    ids = set()
    for r in recs:
        check(all(q for _, q in r.fields) and len(r.fields) == 6, "report: quoting/width")
    for r in recs[1:]:
        v = r.values
        check(v[2] in STAGES, f"report: stage {v[2]}")
        check(re.fullmatch(r"\d+\.\d\d", v[3]) is not None, f"report: amount {v[3]}")
        check(re.fullmatch(r"[1-9]\d?/[1-9]\d?/\d{4}", v[4]) is not None
              and valid_date(v[4], "%m/%d/%Y"), f"report: date {v[4]}")
        check(sf_id_ok(v[5], "006") and v[5] not in ids, f"report: id {v[5]}")
        ids.add(v[5])
    check(sum(has_non_ascii(r.values[1]) for r in recs[1:]) > 40, "report: accents")
    print(f"  report.csv: {len(data)} bytes, 140 data rows (lines 2-141), empty line 142, "
          f"footer lines 143-147")


# ------------------------------------------------------------------------------------------
def generate() -> None:
    account, contact = build_sf_cp1252()
    for d in (D1, D2):
        write(d / "Account.csv", account)
        write(d / "Contact.csv", contact)
    write(D3 / "contacts.txt", build_excel_u16())
    write(D4 / "contacts.csv", build_hubspot())
    write(D5 / "contacts.csv", build_nul())
    write(D6 / "contacts.csv", build_mixed())
    write(D7 / "Kunden.csv", build_german())
    write(D8 / "report.csv", build_report())


def run_checks() -> None:
    print("1. salesforce-windows-1252-contacts")
    check_sf_cp1252(D1, "1")
    print("2. salesforce-windows-1252-read-as-utf8")
    for f in ("Account.csv", "Contact.csv"):
        check((D1 / f).read_bytes() == (D2 / f).read_bytes(), f"folder 2 {f} differs")
    check_sf_cp1252(D2, "2")
    print("3. excel-unicode-text-contacts")
    check_excel_u16()
    print("4. hubspot-mac-mojibake-names")
    check_hubspot()
    print("5. contacts-with-nul-bytes")
    check_nul()
    print("6. mixed-encoding-contacts")
    check_mixed()
    print("7. german-excel-semicolon-decimal-comma")
    check_german()
    print("8. salesforce-report-with-footer")
    check_report()
    sizes = {D1 / "Account.csv": 4020, D1 / "Contact.csv": 42588, D3 / "contacts.txt": 23368,
             D4 / "contacts.csv": 22912, D5 / "contacts.csv": 14182, D6 / "contacts.csv": 15946,
             D7 / "Kunden.csv": 9175, D8 / "report.csv": 18469}
    for p, size in sizes.items():
        check(p.stat().st_size == size, f"{p}: size {p.stat().st_size} != {size}")
    for p in (D1 / "Account.csv", D1 / "Contact.csv", D2 / "Account.csv", D2 / "Contact.csv",
              D3 / "contacts.txt", D4 / "contacts.csv", D5 / "contacts.csv",
              D6 / "contacts.csv", D7 / "Kunden.csv", D8 / "report.csv"):
        print(f"  sha256 {sha(p)[:16]}  {p.stat().st_size:7d}  {p.relative_to(ROOT)}")
    print("all checks passed")


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        generate()
    run_checks()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
