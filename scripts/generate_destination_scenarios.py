#!/usr/bin/env python3
"""Deterministic generator for the destination-behaviour scenarios (HubSpot merging contacts by
e-mail, Salesforce rejecting a repeated external id, validation rules of a new Salesforce org).

Usage (from the repository root):
    python3 scripts/generate_destination_scenarios.py          # write all folders, then --check
    python3 scripts/generate_destination_scenarios.py --check  # only verify the files on disk
    (add --facts to also print the measured defect positions as a Python literal)

Python 3.11 standard library only. Each scenario draws from its own random.Random(<fixed seed>);
nothing depends on the clock, the environment or set/hash ordering, so two runs produce
byte-identical files. People and companies are synthetic; e-mails use example.com or made-up
company domains under .example; phone numbers use fictitious ranges (+1 NXX-555-01xx,
+44 20 7946 0xxx, +49 30 901820xx).

"Line" below is the 1-based physical line of the file (header = line 1) on which a record
STARTS. Multi-line cells (LF inside the quotes) exist only in A/Contact.csv and
C/Opportunity.csv; everywhere else line = record number + 1 (record number 1-based).
--check recomputes every number below by reading the CSVs back with the csv module and
asserts it against EXPECTED.

Salesforce files (A, C): Data Loader style, UTF-8 without BOM, CRLF record ends, every field
double-quoted. Ids are 18 characters (15-char id + case-safe suffix, sf_common.to18), built as
<key prefix> <pod> "00000" <5-char base62 counter>; every counter part holds at least one upper-
and one lower-case letter and within a scenario no two 15-char ids differ only by case. Key
prefixes: 001 Account, 003 Contact, 006 Opportunity, 00K OpportunityContactRole. Records are
written in ascending Id order (creation order).

---------------------------------------------------------------------------------------------
A. scenarios/hubspot-contacts-merged-by-email/data/                    (seed 20250114)
   A Salesforce export going to HubSpot, which keys contacts by e-mail (case-insensitive,
   trimmed): a second row with a known e-mail updates the first contact instead of creating one.
   Account.csv    40 rows  "Id","Name","Website","Industry","BillingCity","BillingCountry"
                           (includes "Redwood Media, Inc." and other names with commas)
   Contact.csv   250 records, 254 physical lines  "Id","AccountId","FirstName","LastName",
                           "Email","Phone","Title","MailingCity","Description","CreatedDate"
       Every AccountId is one of the 40 accounts. 2 Descriptions are multi-line (LF inside the
       quotes): record 165 at lines 166-168 (it is also a first copy below) and record 183 at
       lines 186-187. So with n = 1-based record number: line = n + 1 up to line 166,
       n + 3 from line 169 to 186, n + 4 from line 188 on (last record, n = 250, line 254).
       Email blank: 5 contacts, lines 53, 107, 165, 209, 253 (blank never merges).
       DEFECT: 10 contacts are SECOND COPIES of one earlier contact: same e-mail after
       lower(trim), a different Id, the raw e-mail differing in case and/or leading/trailing
       spaces (inside the quotes). Both copies share AccountId and (but for one dropped accent)
       FirstName/LastName. No e-mail occurs 3 times; every other e-mail is distinct
       case-insensitively after trimming. 5 differ by case only, 2 by spaces only, 3 by both.
         second copy line Id     <- first copy line Id   raw e-mail of the second copy
           roles on the second copy ; fields that differ (trimmed compare)
          73 0035g00000TnFZKAA3 <-  66 0035g00000TnFYKAA3  " kwame.hill@wagner-labs.example"
              2 roles ; Phone
         129 0035g00000TnFp9AAF <-  13 0035g00000TnFKyAAN  "Emma.Nagy@Example.com "
              5 roles ; none
         149 0035g00000TnFwVAAV <-  12 0035g00000TnFKwAAN  "SARAH.MARTIN@edwards-medical.example"
              1 role  ; none
         152 0035g00000TnFxtAAF <-  72 0035g00000TnFZ9AAN  "David.celik@becker-optics.example"
              4 roles ; Title
         162 0035g00000TnG03AAF <-  51 0035g00000TnFUeAAN  "ASA.TAYLOR@LUMIERE-MEDICAL.EXAMPLE"
              1 role  ; Phone
         178 0035g00000TnG3hAAF <-  24 0035g00000TnFOMAA3  "  ines.smith@Example.com"
              1 role  ; FirstName (Inès -> Ines), Phone, Title
         217 0035g00000TnGDTAA3 <- 166 0035g00000TnG1CAAV  "Leo.king@polaris-solutions.example"
              2 roles ; Phone
         230 0035g00000TnGGkAAN <-  80 0035g00000TnFcBAAV  "Hannah.Perez@Maple-brewing.example"
              3 roles ; Title
         240 0035g00000TnGJyAAN <- 163 0035g00000TnG0LAAV
              " joaquin.becker@sorensen-partners.example"
              3 roles ; none
         251 0035g00000TnGMoAAN <- 196 0035g00000TnG8dAAF  " Bjorn.kim@maple-brewing.example "
              1 role  ; Phone, Title
       -> merged rows: 10 of 250 contacts loaded (240 HubSpot contacts remain); 7 of the 10
          differ from their first copy in Phone and/or Title.
   Opportunity.csv  300 rows  "Id","AccountId","Name","StageName","Amount","CloseDate",
                           "Description"  StageName from the standard Salesforce list, Amount
                           "12500.00" style (never blank), CloseDate "2024-03-15" style.
   OpportunityContactRole.csv  426 rows  "Id","OpportunityId","ContactId","Role","IsPrimary"
       Every opportunity has 1-2 roles (174 with 1, 126 with 2), exactly one IsPrimary
       "true"; every ContactId exists; no (OpportunityId, ContactId) repeats; no opportunity
       links both copies of one pair;
       for each pair at least one opportunity links the first copy and another the second.
       Opportunities with no contact role: 0.

B. scenarios/salesforce-external-id-repeated/data/                     (seed 20250121)
   A HubSpot export going to Salesforce, where "ERP Account Number" is an External ID
   (unique, case-insensitive): a repeated value makes the second upsert hit the first record.
   HubSpot export style: UTF-8 without BOM, LF record ends, fields quoted only when needed.
   companies.csv  150 rows  "Record ID","Company name","Company Domain Name","Phone Number",
                            "City","Country/Region","ERP Account Number"
       Record IDs: 10-digit, ascending, unique. ERP Account Number `[A-Z]{3,4}-\\d{5}` (the
       case-variant repeats are lower case), blank in 10 rows -> 140 non-blank.
       DEFECT: 6 rows repeat an earlier row's ERP number (3 differ only in case, 3 exact);
       each repeated value occurs exactly twice (line = record number + 1, no multi-line
       cells):
         line Record ID  value       <- earlier line Record ID  value
           48 9876749533 BLWT-19123  <-  15 9876614281 BLWT-19123  exact
           74 9876875121 embr-24363  <-  19 9876631220 EMBR-24363  case only
           75 9876882782 NRDW-83038  <-  54 9876777269 NRDW-83038  exact
           79 9876894545 tmbr-37006  <-  56 9876789368 TMBR-37006  case only
           96 9876968547 wrgh-78909  <-  27 9876672453 WRGH-78909  case only
          105 9877015598 MNSH-00213  <-  14 9876613423 MNSH-00213  exact
       -> 140 rows with a non-blank ERP number, 6 repeating an earlier one case-insensitively.
   contacts.csv   400 rows  "Record ID","First Name","Last Name","Email","Phone Number",
                            "Job Title","Associated Company IDs"
       Unique Record IDs; one company id each (all exist in companies.csv), 5 blank;
       4 blank e-mails, all others unique. No defects.

C. scenarios/salesforce-org-validation-rules/data/                     (seed 20250128)
   An org-to-org migration: a Salesforce export loaded into a new org whose validation rules
   refuse Amount < 0 and a Closed Lost opportunity without Loss_Reason__c.
   Account.csv      60 rows  "Id","Name","Industry","BillingCountry"
   Opportunity.csv 400 records  "Id","AccountId","Name","StageName","Amount","CloseDate",
                            "Loss_Reason__c","Description"
       Every AccountId is one of the 60 accounts; every CloseDate and Amount filled.
       Loss_Reason__c in "Price","Competitor","No budget","Timing","Went dark" on Closed Lost
       rows, blank on all others; 99 Closed Lost rows. 403 physical lines: the Description of
       record 108 spans lines 109-111, so line = record number + 1 up to line 109 and
       record number + 3 from line 112 on.
       DEFECT 1: 5 rows with a negative Amount (credit notes / refunds), none Closed Lost:
         line  31 0068c00000EnlYxAAJ  -5750.00
         line 170 0068c00000EnmD7AAJ  -4250.00
         line 232 0068c00000EnmT0AAJ  -1950.00
         line 290 0068c00000EnmhKAAR  -2100.00
         line 299 0068c00000EnmjkAAB  -2150.00
       DEFECT 2: 7 Closed Lost rows with a blank Loss_Reason__c, none with a negative Amount:
         line  40 0068c00000Enlb1AAB     line 260 0068c00000EnmZXAAZ
         line  66 0068c00000Enlj0AAB     line 365 0068c00000Enn0BAAR
         line 190 0068c00000EnmHNAAZ     line 389 0068c00000Enn7CAAR
         line 205 0068c00000EnmLMAAZ
       12 of 400 rows (3%) fail a rule; none fails both.
---------------------------------------------------------------------------------------------
"""

from __future__ import annotations

import datetime as dt
import random
import re

from sf_common import (generate_and_check, CO_NOUNS, CRLF, INDUSTRIES, LAST, LF, ROOT, SCEN, IdFactory, Table,
                       UniqueEmails, ascii_fold, csv_bytes, rand_date, sf_id_ok, slug, write)

DIR_A = SCEN / "hubspot-contacts-merged-by-email" / "data"
DIR_B = SCEN / "salesforce-external-id-repeated" / "data"
DIR_C = SCEN / "salesforce-org-validation-rules" / "data"
SEED_A, SEED_B, SEED_C = 20250114, 20250121, 20250128


# ------------------------------------------------------------------------------------------
# Names, companies, phones
# ------------------------------------------------------------------------------------------
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Ethan", "Hannah",
         "Oliver", "Amelia", "James", "Isabella", "Mateo", "Aisha", "Kenji", "Priya", "Wei",
         "Fatima", "Omar", "Ingrid", "Lars", "Giulia", "Marco", "Sofia", "Daniel", "Laura",
         "Thomas", "Anna", "David", "Sarah", "Michael", "Julia", "Peter", "Nina", "Paul",
         "Elena", "Tom", "Clara", "Max", "Lea", "Felix", "Marie", "Jonas", "Grace", "Ryan",
         "Chloe", "Samuel", "Maya", "Adam", "Ava", "Leo", "Ruth", "Kwame", "Ngozi", "Arjun",
         "Ana", "Zoë", "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Łukasz",
         "Renée", "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa", "Joaquín",
         "Ayşe", "Gonçalo", "Hélène"]
CO_WORDS = ["Nordwind", "Alpenblick", "Bluewater", "Crescent", "Evergreen", "Granite",
            "Harbor", "Ironbridge", "Lumière", "Maple", "Nordlicht", "Oakridge", "Pinnacle",
            "Quarry", "Riverstone", "Silverline", "Sunridge", "Tidewater", "Vertex", "Westbrook",
            "Zenith", "Aurora", "Brightpath", "Cobalt", "Driftwood", "Ember", "Fjordlys",
            "Glacier", "Highland", "Juniper", "Keystone", "Lakeside", "Meridian", "Northstar",
            "Orchard", "Polaris", "Saffron", "Timber", "Upland", "Valencia", "Willow",
            "Yarrow", "Élan", "Château", "Mühlbach", "Señorío", "Øresund"]
# a leading comma: written "Base, Inc." (the quoted-comma case)
CO_LEGAL = ["GmbH", "AG", "Inc.", ", Inc.", ", LLC", "Ltd", "LLC", "S.A.", "SARL", "S.L.",
            "B.V.", "AB", "Oy", "Pty Ltd", "Corp.", "", "", ""]
GEO = [  # (country, cities, phone style)
    ("United States", ["Denver", "Boston", "Austin", "Chicago", "Seattle", "New York"], "us"),
    ("United States", ["Atlanta", "San Francisco", "Portland"], "us"),
    ("Canada", ["Montréal", "Toronto", "Québec"], "us"),
    ("United Kingdom", ["London", "Manchester", "Edinburgh"], "uk"),
    ("Germany", ["München", "Düsseldorf", "Köln", "Berlin", "Hamburg"], "de"),
    ("France", ["Paris", "Lyon", "Besançon"], "uk"),
    ("Spain", ["Madrid", "Córdoba", "Barcelona"], "uk"),
    ("Sweden", ["Malmö", "Göteborg", "Stockholm"], "uk"),
    ("Denmark", ["København", "Aarhus"], "uk"),
    ("Poland", ["Kraków", "Łódź", "Warsaw"], "uk"),
    ("Brazil", ["São Paulo"], "us"),
]
US_AREAS = ["303", "212", "415", "617", "312", "206", "512", "404", "720", "646"]
TITLES = ["CEO", "CFO", "CTO", "COO", "VP Sales", "VP Marketing", "VP Engineering",
          "Head of IT", "IT Manager", "Procurement Manager", "Sales Director",
          "Marketing Manager", "Operations Manager", "Controller", "Data Engineer",
          "Office Manager", "Account Executive", "Geschäftsführerin", "Directrice financière",
          "Jefe de Compras", ""]
STAGES = [("Prospecting", 10), ("Qualification", 9), ("Needs Analysis", 8),
          ("Value Proposition", 7), ("Id. Decision Makers", 6), ("Perception Analysis", 5),
          ("Proposal/Price Quote", 7), ("Negotiation/Review", 6), ("Closed Won", 22),
          ("Closed Lost", 20)]
STAGE_NAMES = [s for s, _ in STAGES]
ROLES = ["Decision Maker", "Economic Buyer", "Technical Buyer", "Influencer", "Evaluator",
         "Business User", "Executive Sponsor", "Other", ""]
PRODUCTS = ["Platform License", "Renewal 2024", "Expansion - 50 Seats", "SSO Add-on",
            "Data Warehouse Sync", "Analytics Tier", "EU Data Residency", "Pilot",
            "Support Upgrade", "Professional Services", "Renewal 2025", "Multi-year Deal"]


def dslug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def non_ascii(s: str) -> bool:
    return any(ord(c) > 127 for c in s)


class Names:
    """Unique company names and domains within one scenario."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[str] = set()
        self.domains: set[str] = set()

    def add(self, name: str, base: str) -> tuple[str, str] | None:
        dom = dslug(base) + ".example"
        if name in self.names or dom in self.domains:
            return None
        self.names.add(name)
        self.domains.add(dom)
        return name, dom

    def company(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            style = rng.random()
            if style < 0.35:
                base = f"{rng.choice(LAST)} {rng.choice(CO_NOUNS)}"
            elif style < 0.5:
                base = f"{rng.choice(LAST)} & {rng.choice(LAST)}"
            else:
                base = f"{rng.choice(CO_WORDS)} {rng.choice(CO_NOUNS)}"
            legal = rng.choice(CO_LEGAL)
            name = base + legal if legal.startswith(",") else (f"{base} {legal}" if legal else base)
            got = self.add(name, base)
            if got:
                return got


def phone(rng: random.Random, style: str) -> str:
    if style == "us":
        return f"+1 {rng.choice(US_AREAS)}-555-01{rng.randint(0, 99):02d}"
    if style == "de":
        return f"+49 30 901820{rng.randint(0, 99):02d}"
    return f"+44 20 7946 0{rng.randint(0, 999):03d}"


def amount(rng: random.Random) -> str:
    lo, hi = rng.choice([(500, 5000), (5000, 40000), (20000, 150000), (100000, 480000)])
    step = 50 if hi <= 5000 else 250
    return f"{rng.randrange(lo, hi, step):.2f}"


def sf_ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# ------------------------------------------------------------------------------------------
# A. HubSpot merges contacts by e-mail
# ------------------------------------------------------------------------------------------
A_HEADERS = {
    "Account.csv": ["Id", "Name", "Website", "Industry", "BillingCity", "BillingCountry"],
    "Contact.csv": ["Id", "AccountId", "FirstName", "LastName", "Email", "Phone", "Title",
                    "MailingCity", "Description", "CreatedDate"],
    "Opportunity.csv": ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate",
                        "Description"],
    "OpportunityContactRole.csv": ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"],
}
A_N_ACC, A_N_CON, A_N_DUP, A_N_BLANK, A_N_OPP = 40, 250, 10, 5, 300
A_EMAIL_KINDS = ["case"] * 5 + ["space"] * 2 + ["case+space"] * 3
A_FIELD_KINDS = ["phone"] * 3 + ["title"] * 2 + ["phone+title"] * 2 + ["same"] * 3
A_DESC = ["Met at SaaStr Europa 🚀 wants a demo in Q3", "Prefers e-mail; no calls before 10am ☕",
          "Signed NDA, see contract folder", "Budget owner for the data warehouse sync",
          "Reports to the CFO", "Asked about EU data residency (GDPR)",
          "Champion – moved here from \"Northstar Labs\"", "Out of office until 2024-09-02",
          "Newsletter only, no sales calls", "Referred by partner, 10% discount agreed 👍"]
A_DUP_DESC = ["Re-entered from the trade-show badge scan", "Created by web-to-lead form",
              "Imported from Outlook sync", ""]
A_MULTI_DESC = ["Met at the Berlin roadshow.\nInterested in the EU data residency add-on;\n"
                "follow up after the budget freeze 🙏",
                "Former champion at Redwood Media, Inc.\nKeep on the newsletter only."]
A_OPP_DESC = ["Verbal yes – waiting for PO", "Competes with \"in-house build\"",
              "Needs SSO, SCIM and audit log", "Procurement via reseller, 3% margin",
              "Budget confirmed for FY25 ✅", "Pilot with 20 seats, then roll-out"]


def case_variant(rng: random.Random, e: str) -> str:
    local, dom = e.split("@")
    kind = rng.choice(["title", "upper_local", "domain", "all_upper", "first"])
    if kind == "title":
        v = ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + \
            dom[:1].upper() + dom[1:]
    elif kind == "upper_local":
        v = local.upper() + "@" + dom
    elif kind == "domain":
        v = local + "@" + "-".join(p[:1].upper() + p[1:] for p in dom.split("-"))
    elif kind == "all_upper":
        v = e.upper()
    else:
        v = local[:1].upper() + local[1:] + "@" + dom
    assert v != e and v.lower() == e.lower(), (e, v)
    return v


def space_variant(rng: random.Random, e: str) -> str:
    return rng.choice([" " + e, e + " ", " " + e + " ", "  " + e])


def gen_a() -> dict[str, bytes]:
    rng = random.Random(SEED_A)
    ids = IdFactory(rng, "5g")
    names = Names(rng)
    emails = UniqueEmails(slug)
    accounts = []  # [Id, Name, Website, Industry, City, Country] + [domain, phone style]
    fixed = ("Redwood Media, Inc.", "Redwood Media")
    for i in range(A_N_ACC):
        if i == 7:
            name, dom = names.add(*fixed)
        else:
            name, dom = names.company()
        country, cities, style = rng.choice(GEO)
        accounts.append([ids.next("001"), name, "www." + dom, rng.choice(INDUSTRIES),
                         rng.choice(cities), country, dom, style])
    n_orig = A_N_CON - A_N_DUP
    origs = []  # dicts
    for _ in range(n_orig):
        acc = rng.choice(accounts)
        f, l = person(rng)
        dom = acc[6] if rng.random() < 0.85 else "example.com"
        origs.append({"acc": acc[0], "f": f, "l": l, "email": emails.make(f, l, dom),
                      "phone": phone(rng, acc[7]) if rng.random() < 0.9 else "",
                      "title": rng.choice(TITLES), "city": acc[4],
                      "desc": rng.choice(A_DESC) if rng.random() < 0.3 else ""})
    # first copies: 2 with an accented name (the first of them loses its accent), 8 others;
    # all early enough to have a later second copy
    early = list(range(200))
    accented = [i for i in early if non_ascii(origs[i]["f"] + origs[i]["l"])]
    firsts = rng.sample(accented, 2)
    firsts += rng.sample([i for i in early if i not in firsts], A_N_DUP - 2)
    drop_accent = firsts[0]
    rest = [i for i in range(n_orig) if i not in firsts]
    for i in rng.sample(rest, A_N_BLANK):
        origs[i]["email"] = ""
    ekinds, fkinds = A_EMAIL_KINDS[:], A_FIELD_KINDS[:]
    rng.shuffle(ekinds)
    rng.shuffle(fkinds)
    after: dict[int, list[dict]] = {}
    for k, i in enumerate(firsts):
        o = origs[i]
        e = o["email"]
        ek, fk = ekinds[k], fkinds[k]
        if ek == "case":
            e2 = case_variant(rng, e)
        elif ek == "space":
            e2 = space_variant(rng, e)
        else:
            e2 = space_variant(rng, case_variant(rng, e))
        dup = dict(o, email=e2, desc=rng.choice(A_DUP_DESC), first=i)
        if i == drop_accent:
            dup["f"], dup["l"] = ascii_fold(o["f"]), ascii_fold(o["l"])
        if "phone" in fk:
            while dup["phone"] == o["phone"]:
                dup["phone"] = phone(rng, rng.choice(["us", "uk", "de"]))
        if "title" in fk:
            while dup["title"].strip() == o["title"].strip():
                dup["title"] = rng.choice(TITLES)
        j = rng.randint(i + 3, n_orig - 1)
        after.setdefault(j, []).append(dup)
    order = []
    for j, o in enumerate(origs):
        order.append(o)
        order.extend(after.get(j, []))
    assert len(order) == A_N_CON
    plain = [k for k, o in enumerate(order) if "first" not in o and o["desc"] == ""
             and 10 < k < 200]
    multi = sorted(rng.sample(plain, 2))
    for k, text in zip(multi, A_MULTI_DESC):
        order[k]["desc"] = text
    t = dt.datetime(2021, 1, 4, 9, 12, 5)
    for o in order:
        o["id"] = ids.next("003")
        t += dt.timedelta(seconds=rng.randint(3600, 5 * 86400))
        o["created"] = sf_ts(t)
    contacts = [[o["id"], o["acc"], o["f"], o["l"], o["email"], o["phone"], o["title"],
                 o["city"], o["desc"], o["created"]] for o in order]
    # pairs as contact indices in `order`
    pos = {id(o): k for k, o in enumerate(order)}
    orig_pos = {i: pos[id(origs[i])] for i in firsts}
    pairs = [(orig_pos[o["first"]], pos[id(o)]) for o in order if "first" in o]
    pair_of = {}
    for p, (a, b) in enumerate(pairs):
        pair_of[a] = p
        pair_of[b] = p
    acc_contacts: dict[str, list[int]] = {}
    for k, o in enumerate(order):
        acc_contacts.setdefault(o["acc"], []).append(k)
    # opportunities; 20 reserved ones carry the two copies of each pair
    opp_acc = [rng.choice(accounts)[0] for _ in range(A_N_OPP)]
    reserved = rng.sample(range(A_N_OPP), 2 * len(pairs))
    required: dict[int, int] = {}
    for p, (a, b) in enumerate(pairs):
        for opp_i, c in ((reserved[2 * p], a), (reserved[2 * p + 1], b)):
            required[opp_i] = c
            opp_acc[opp_i] = order[c]["acc"]
    acc_name = {a[0]: a[1] for a in accounts}
    opps, roles = [], []
    for n in range(A_N_OPP):
        oid = ids.next("006")
        stage = rng.choices(STAGE_NAMES, [w for _, w in STAGES])[0]
        close = rand_date(rng, dt.date(2022, 1, 10), dt.date(2025, 6, 30)).isoformat()
        desc = rng.choice(A_OPP_DESC) if rng.random() < 0.25 else ""
        short = acc_name[opp_acc[n]].split(",")[0]
        opps.append([oid, opp_acc[n], f"{short} - {rng.choice(PRODUCTS)}", stage,
                     amount(rng), close, desc])
        want = rng.choices([1, 2], [60, 40])[0]
        chosen = [required[n]] if n in required else []
        pool = acc_contacts.get(opp_acc[n], [])
        tries = 0
        while len(chosen) < want:
            tries += 1
            src = pool if tries < 30 else list(range(A_N_CON))
            c = rng.choice(src)
            if c in chosen:
                continue
            if any(pair_of.get(c, -1) == pair_of.get(x, -2) for x in chosen):
                continue
            chosen.append(c)
        rng.shuffle(chosen)
        prim = rng.randrange(len(chosen))
        for q, c in enumerate(chosen):
            roles.append([contacts[c][0], rng.choice(ROLES),
                          "true" if q == prim else "false", oid])
    ocr = [[ids.next("00K"), r[3], r[0], r[1], r[2]] for r in roles]
    return {
        "Account.csv": csv_bytes(A_HEADERS["Account.csv"], [a[:6] for a in accounts], CRLF),
        "Contact.csv": csv_bytes(A_HEADERS["Contact.csv"], contacts, CRLF),
        "Opportunity.csv": csv_bytes(A_HEADERS["Opportunity.csv"], opps, CRLF),
        "OpportunityContactRole.csv": csv_bytes(A_HEADERS["OpportunityContactRole.csv"], ocr,
                                                CRLF),
    }


def check_a() -> tuple[list[str], dict]:
    t = {n: Table(DIR_A / n, h, CRLF) for n, h in A_HEADERS.items()}
    acc, con, opp, ocr = (t["Account.csv"], t["Contact.csv"], t["Opportunity.csv"],
                          t["OpportunityContactRole.csv"])
    assert (len(acc.rows), len(con.rows), len(opp.rows)) == (A_N_ACC, A_N_CON, A_N_OPP)
    all_ids = acc.col("Id") + con.col("Id") + opp.col("Id") + ocr.col("Id")
    assert len({x[:15].lower() for x in all_ids}) == len(all_ids)
    for col, pfx in ((acc.col("Id"), "001"), (con.col("Id"), "003"), (opp.col("Id"), "006"),
                     (ocr.col("Id"), "00K"), (con.col("AccountId"), "001"),
                     (opp.col("AccountId"), "001"), (ocr.col("OpportunityId"), "006"),
                     (ocr.col("ContactId"), "003")):
        assert all(sf_id_ok(x, pfx, mixed_tail=False) for x in col), pfx
    acc_ids = set(acc.col("Id"))
    assert all(a in acc_ids for a in con.col("AccountId") + opp.col("AccountId"))
    assert "Redwood Media, Inc." in acc.col("Name")
    con_line = dict(zip(con.col("Id"), con.lines))
    multi = [ln for ln, r in zip(con.lines, con.rows) if "\n" in r["Description"]]
    blank = [ln for ln, r in zip(con.lines, con.rows) if r["Email"].strip() == ""]
    assert all(r["Email"] == "" for r in con.rows if r["Email"].strip() == "")
    for r in con.rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", r["CreatedDate"])
        assert r["Phone"] == "" or re.fullmatch(r"\+\d{1,2} [\d -]+", r["Phone"])
    # e-mail groups by lower(trim)
    first: dict[str, dict] = {}
    pairs = []
    for ln, r in zip(con.lines, con.rows):
        key = r["Email"].strip().lower()
        if not key:
            continue
        if key in first:
            pairs.append((first[key], (ln, r)))
        else:
            first[key] = (ln, r)
    keys = [p[1][1]["Email"].strip().lower() for p in pairs]
    assert len(keys) == len(set(keys)) == A_N_DUP  # no e-mail 3 times
    facts_pairs = []
    n_case = n_space = n_fields = 0
    for (l1, r1), (l2, r2) in pairs:
        e1, e2 = r1["Email"], r2["Email"]
        assert e1 != e2 and r1["Id"] != r2["Id"]
        assert e1 == e1.strip()  # first copies are clean
        if e2 == e2.strip():
            kind = "case only"
            n_case += 1
        else:
            kind = "case + spaces" if e2.strip() != e1 else "spaces"
            n_space += 1
        diff = [f for f in ("FirstName", "LastName", "Phone", "Title")
                if r1[f].strip() != r2[f].strip()]
        for f in ("FirstName", "LastName"):
            assert ascii_fold(r1[f]) == ascii_fold(r2[f])
        if "Phone" in diff or "Title" in diff:
            n_fields += 1
        assert r1["AccountId"] == r2["AccountId"]
        n_roles = sum(1 for c in ocr.col("ContactId") if c == r2["Id"])
        facts_pairs.append((l2, r2["Id"], l1, r1["Id"], e2.strip().lower(), kind, n_roles,
                            diff))
    assert n_case >= 4 and n_space >= 3 and n_fields >= 6
    # contact roles
    con_ids = set(con.col("Id"))
    by_opp: dict[str, list[dict]] = {o: [] for o in opp.col("Id")}
    seen = set()
    for r in ocr.rows:
        assert r["ContactId"] in con_ids and r["OpportunityId"] in by_opp
        k = (r["OpportunityId"], r["ContactId"])
        assert k not in seen
        seen.add(k)
        assert r["IsPrimary"] in ("true", "false")
        by_opp[r["OpportunityId"]].append(r)
    no_role = [o for o, rs in by_opp.items() if not rs]
    sizes = {}
    for o, rs in by_opp.items():
        assert 1 <= len(rs) <= 2
        assert sum(1 for r in rs if r["IsPrimary"] == "true") == 1
        sizes[len(rs)] = sizes.get(len(rs), 0) + 1
    for (l1, r1), (l2, r2) in pairs:
        o1 = {r["OpportunityId"] for r in ocr.rows if r["ContactId"] == r1["Id"]}
        o2 = {r["OpportunityId"] for r in ocr.rows if r["ContactId"] == r2["Id"]}
        assert o1 and o2 and not (o1 & o2), (r1["Id"], r2["Id"])
    stages = {}
    for r in opp.rows:
        assert r["StageName"] in STAGE_NAMES
        stages[r["StageName"]] = stages.get(r["StageName"], 0) + 1
        assert re.fullmatch(r"\d+\.\d\d", r["Amount"]) and float(r["Amount"]) > 0
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["CloseDate"])
        assert "\n" not in r["Description"]
    facts = {"pairs": facts_pairs, "blank": blank, "multi": multi, "con_lines": con.n_lines,
             "n_ocr": len(ocr.rows), "no_role": len(no_role)}
    rep = [f"Account.csv {len(acc.rows)}, Contact.csv {len(con.rows)} records / "
           f"{con.n_lines} lines, Opportunity.csv {len(opp.rows)}, "
           f"OpportunityContactRole.csv {len(ocr.rows)} (opps with 1 role: {sizes.get(1, 0)}, "
           f"2 roles: {sizes.get(2, 0)})",
           f"multi-line Contact Description at lines {multi}; blank Email at lines {blank}",
           f"merged rows: {len(pairs)} of {len(con.rows)} contacts loaded "
           f"({len(con.rows) - len(pairs)} HubSpot contacts); case only {n_case}, "
           f"with spaces {n_space}, Phone/Title differ {n_fields}",
           "second copy (line Id) <- first copy (line Id)  e-mail  kind  roles->second  differ:"]
    rep += [f"  {l2:>3} {i2} <- {l1:>3} {i1}  {e}  {k}  {n}  {','.join(d) or '-'}"
            for l2, i2, l1, i1, e, k, n, d in facts_pairs]
    rep.append(f"opportunities with no contact role: {len(no_role)}")
    return rep, facts


# ------------------------------------------------------------------------------------------
# B. Salesforce external id repeated (HubSpot companies)
# ------------------------------------------------------------------------------------------
B_HEADERS = {
    "companies.csv": ["Record ID", "Company name", "Company Domain Name", "Phone Number", "City",
                      "Country/Region", "ERP Account Number"],
    "contacts.csv": ["Record ID", "First Name", "Last Name", "Email", "Phone Number",
                     "Job Title", "Associated Company IDs"],
}
B_N_CO, B_N_CON, B_N_ERP_BLANK, B_N_CASE, B_N_EXACT = 150, 400, 10, 3, 3
B_N_CON_NOCO, B_N_CON_NOMAIL = 5, 4
ERP_RE = r"[A-Z]{3,4}-\d{5}"


def erp_prefix(name: str) -> str:
    letters = re.sub(r"[^A-Z]", "", ascii_fold(name).upper())
    cons = letters[0] + re.sub(r"[AEIOU]", "", letters[1:])
    p = (cons if len(cons) >= 3 else letters + "XXX")[:4]
    return p


def gen_b() -> dict[str, bytes]:
    rng = random.Random(SEED_B)
    names = Names(rng)
    rid = 9876543210
    companies = []
    used_erp = set()
    for _ in range(B_N_CO):
        rid += rng.randint(7, 9000)
        name, dom = names.company()
        country, cities, style = rng.choice(GEO)
        while True:
            erp = f"{erp_prefix(name)}-{rng.randint(10, 99999):05d}"
            if erp.lower() not in used_erp:
                used_erp.add(erp.lower())
                break
        companies.append([str(rid), name, dom, phone(rng, style) if rng.random() < 0.85 else "",
                          rng.choice(cities), country, erp])
    idx = list(range(B_N_CO))
    blanks = rng.sample(idx[1:], B_N_ERP_BLANK)
    for i in blanks:
        companies[i][6] = ""
    cand = [i for i in idx if i not in blanks]
    # repeats: later rows (index >= 20) copy an earlier non-blank, not-yet-used value
    repeaters = sorted(rng.sample([i for i in cand if i >= 20], B_N_CASE + B_N_EXACT))
    kinds = ["case"] * B_N_CASE + ["exact"] * B_N_EXACT
    rng.shuffle(kinds)
    sources_used: list[int] = []
    for i, kind in zip(repeaters, kinds):
        src = rng.choice([j for j in cand if j < i and j not in repeaters
                          and j not in sources_used])
        sources_used.append(src)
        v = companies[src][6]
        companies[i][6] = v.lower() if kind == "case" else v
    contacts = []
    emails = UniqueEmails(slug)
    cid = 10451003
    co_blank = set(rng.sample(range(B_N_CON), B_N_CON_NOCO))
    mail_blank = set(rng.sample([i for i in range(B_N_CON) if i not in co_blank],
                                B_N_CON_NOMAIL))
    for i in range(B_N_CON):
        cid += rng.randint(1, 400)
        f, l = person(rng)
        co = rng.choice(companies)
        dom = co[2] if rng.random() < 0.8 else "example.com"
        contacts.append([str(cid), f, l, "" if i in mail_blank else emails.make(f, l, dom),
                         phone(rng, rng.choice(["us", "uk", "de"])) if rng.random() < 0.8
                         else "", rng.choice(TITLES), "" if i in co_blank else co[0]])
    return {
        "companies.csv": csv_bytes(B_HEADERS["companies.csv"], companies, LF, False),
        "contacts.csv": csv_bytes(B_HEADERS["contacts.csv"], contacts, LF, False),
    }


def check_b() -> tuple[list[str], dict]:
    t = {n: Table(DIR_B / n, h, LF, False) for n, h in B_HEADERS.items()}
    co, con = t["companies.csv"], t["contacts.csv"]
    assert (len(co.rows), len(con.rows)) == (B_N_CO, B_N_CON)
    co_ids = co.col("Record ID")
    assert all(re.fullmatch(r"\d{10}", x) for x in co_ids) and len(set(co_ids)) == B_N_CO
    con_ids = con.col("Record ID")
    assert all(re.fullmatch(r"\d+", x) for x in con_ids) and len(set(con_ids)) == B_N_CON
    assert len(set(co.col("Company Domain Name"))) == B_N_CO
    assert any("," in n for n in co.col("Company name"))
    first: dict[str, tuple] = {}
    repeats = []
    nonblank = 0
    for ln, r in zip(co.lines, co.rows):
        v = r["ERP Account Number"]
        if v.strip() == "":
            assert v == ""
            continue
        nonblank += 1
        assert re.fullmatch(ERP_RE, v.upper()), v
        k = v.lower()
        if k in first:
            l0, id0, v0 = first[k]
            repeats.append((ln, r["Record ID"], v, l0, id0, v0,
                            "exact" if v == v0 else "case only"))
        else:
            assert re.fullmatch(ERP_RE, v), v
            first[k] = (ln, r["Record ID"], v)
    keys = [x[2].lower() for x in repeats]
    assert len(keys) == len(set(keys))  # each repeated value exactly twice
    assert len(repeats) == B_N_CASE + B_N_EXACT
    assert sum(1 for x in repeats if x[6] == "exact") == B_N_EXACT
    assert nonblank == B_N_CO - B_N_ERP_BLANK
    assoc = con.col("Associated Company IDs")
    assert all(a == "" or a in set(co_ids) for a in assoc)
    assert sum(1 for a in assoc if a == "") == B_N_CON_NOCO
    mails = [e.lower() for e in con.col("Email") if e]
    assert len(mails) == len(set(mails)) == B_N_CON - B_N_CON_NOMAIL
    facts = {"repeats": repeats, "nonblank": nonblank}
    rep = [f"companies.csv {len(co.rows)}, contacts.csv {len(con.rows)} "
           f"({B_N_CON_NOCO} without company, {B_N_CON_NOMAIL} without e-mail)",
           f"rows with a non-blank ERP Account Number: {nonblank}; repeating an earlier one "
           f"case-insensitively: {len(repeats)}",
           "line Record-ID value <- earlier line Record-ID value (kind):"]
    rep += [f"  {a} {b} {c} <- {d} {e} {f} ({g})" for a, b, c, d, e, f, g in repeats]
    return rep, facts


# ------------------------------------------------------------------------------------------
# C. Validation rules of the new org
# ------------------------------------------------------------------------------------------
C_HEADERS = {
    "Account.csv": ["Id", "Name", "Industry", "BillingCountry"],
    "Opportunity.csv": ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate",
                        "Loss_Reason__c", "Description"],
}
C_N_ACC, C_N_OPP, C_N_NEG, C_N_NOREASON = 60, 400, 5, 7
LOSS_REASONS = ["Price", "Competitor", "No budget", "Timing", "Went dark"]
C_DESC = ["Renewal at list price", "Champion left – re-qualify 😬", "Needs security review",
          "Bundled with onboarding, 2 days", "Budget split across FY24/FY25",
          "Lost to \"build it ourselves\"", "Reseller deal, invoice via partner"]
C_MULTI = "Customer asked for split invoicing:\n- 60% on signature\n- 40% on go-live"
C_CREDIT_DESC = ["Credit for the March outage, approved by finance", "Refund agreed 💸 see ticket",
                 "Offsets invoice INV-10442, partial", ""]
C_CREDIT = ["Credit note CN-2023-{:04d}", "Refund - {} SLA breach", "Credit note CN-2024-{:04d}",
            "Goodwill credit - {}", "Refund - duplicate invoice {}"]


def gen_c() -> dict[str, bytes]:
    rng = random.Random(SEED_C)
    ids = IdFactory(rng, "8c")
    names = Names(rng)
    accounts = []
    for _ in range(C_N_ACC):
        name, _ = names.company()
        accounts.append([ids.next("001"), name, rng.choice(INDUSTRIES), rng.choice(GEO)[0]])
    stages = [rng.choices(STAGE_NAMES, [w for _, w in STAGES])[0] for _ in range(C_N_OPP)]
    lost = [i for i, s in enumerate(stages) if s == "Closed Lost"]
    not_lost = [i for i, s in enumerate(stages) if s != "Closed Lost"]
    noreason = set(rng.sample(lost, C_N_NOREASON))
    neg = set(rng.sample([i for i in not_lost if stages[i] in ("Closed Won",
                                                                "Negotiation/Review")], C_N_NEG))
    multi = rng.choice([i for i in range(40, 150) if i not in neg and i not in noreason])
    opps = []
    for i in range(C_N_OPP):
        acc = rng.choice(accounts)
        short = acc[1].split(",")[0]
        close = rand_date(rng, dt.date(2022, 2, 1), dt.date(2025, 9, 30)).isoformat()
        desc = rng.choice(C_DESC) if rng.random() < 0.3 else ""
        if i in neg:
            amt = f"-{rng.randrange(200, 6000, 50):.2f}"
            desc = rng.choice(C_CREDIT_DESC)
            tmpl = rng.choice(C_CREDIT)
            name = f"{short} - " + tmpl.format(rng.randint(1, 999) if "{:04d}" in tmpl
                                               else rng.choice(["Q1", "Q2", "Q3", "Q4"]))
        else:
            amt = amount(rng)
            name = f"{short} - {rng.choice(PRODUCTS)}"
        reason = ""
        if stages[i] == "Closed Lost" and i not in noreason:
            reason = rng.choice(LOSS_REASONS)
        if i == multi:
            desc = C_MULTI
        opps.append([ids.next("006"), acc[0], name, stages[i], amt, close, reason, desc])
    return {
        "Account.csv": csv_bytes(C_HEADERS["Account.csv"], accounts, CRLF),
        "Opportunity.csv": csv_bytes(C_HEADERS["Opportunity.csv"], opps, CRLF),
    }


def check_c() -> tuple[list[str], dict]:
    t = {n: Table(DIR_C / n, h, CRLF) for n, h in C_HEADERS.items()}
    acc, opp = t["Account.csv"], t["Opportunity.csv"]
    assert (len(acc.rows), len(opp.rows)) == (C_N_ACC, C_N_OPP)
    all_ids = acc.col("Id") + opp.col("Id")
    assert len({x[:15].lower() for x in all_ids}) == len(all_ids)
    assert all(sf_id_ok(x, "001", mixed_tail=False)
               for x in acc.col("Id") + opp.col("AccountId"))
    assert all(sf_id_ok(x, "006", mixed_tail=False) for x in opp.col("Id"))
    acc_ids = set(acc.col("Id"))
    neg, noreason, multi = [], [], []
    n_lost = 0
    for ln, r in zip(opp.lines, opp.rows):
        assert r["AccountId"] in acc_ids and r["StageName"] in STAGE_NAMES
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["CloseDate"])
        assert re.fullmatch(r"-?\d+\.\d\d", r["Amount"]) and float(r["Amount"]) != 0
        lost = r["StageName"] == "Closed Lost"
        n_lost += lost
        if not lost:
            assert r["Loss_Reason__c"] == ""
        else:
            assert r["Loss_Reason__c"] in LOSS_REASONS + [""]
        if float(r["Amount"]) < 0:
            neg.append((ln, r["Id"], r["Amount"]))
        if lost and r["Loss_Reason__c"].strip() == "":
            noreason.append((ln, r["Id"]))
        if "\n" in r["Description"]:
            multi.append(ln)
    assert len(neg) == C_N_NEG and len(noreason) == C_N_NOREASON
    assert not {x[1] for x in neg} & {x[1] for x in noreason}
    facts = {"neg": neg, "noreason": noreason, "multi": multi, "opp_lines": opp.n_lines,
             "n_lost": n_lost}
    rep = [f"Account.csv {len(acc.rows)}, Opportunity.csv {len(opp.rows)} records / "
           f"{opp.n_lines} lines ({n_lost} Closed Lost); multi-line Description at lines {multi}",
           f"Amount < 0: {len(neg)} rows (line, Id, Amount): {neg}",
           f"Closed Lost with blank Loss_Reason__c: {len(noreason)} rows (line, Id): {noreason}",
           f"failing a rule: {len(neg) + len(noreason)} of {len(opp.rows)}"]
    return rep, facts


# ------------------------------------------------------------------------------------------
# Expected defect positions (results of the seeded draws; the docstring repeats them)
# ------------------------------------------------------------------------------------------
EXPECTED: dict[str, dict] = {
    "A": {
        # (second line, second Id, first line, first Id, lower(trim) e-mail, how the raw
        #  e-mail differs, contact-role rows on the second copy, fields that differ)
        "pairs": [
            (73, "0035g00000TnFZKAA3", 66, "0035g00000TnFYKAA3",
             "kwame.hill@wagner-labs.example", "spaces", 2, ["Phone"]),
            (129, "0035g00000TnFp9AAF", 13, "0035g00000TnFKyAAN",
             "emma.nagy@example.com", "case + spaces", 5, []),
            (149, "0035g00000TnFwVAAV", 12, "0035g00000TnFKwAAN",
             "sarah.martin@edwards-medical.example", "case only", 1, []),
            (152, "0035g00000TnFxtAAF", 72, "0035g00000TnFZ9AAN",
             "david.celik@becker-optics.example", "case only", 4, ["Title"]),
            (162, "0035g00000TnG03AAF", 51, "0035g00000TnFUeAAN",
             "asa.taylor@lumiere-medical.example", "case only", 1, ["Phone"]),
            (178, "0035g00000TnG3hAAF", 24, "0035g00000TnFOMAA3",
             "ines.smith@example.com", "case + spaces", 1, ["FirstName", "Phone", "Title"]),
            (217, "0035g00000TnGDTAA3", 166, "0035g00000TnG1CAAV",
             "leo.king@polaris-solutions.example", "case only", 2, ["Phone"]),
            (230, "0035g00000TnGGkAAN", 80, "0035g00000TnFcBAAV",
             "hannah.perez@maple-brewing.example", "case only", 3, ["Title"]),
            (240, "0035g00000TnGJyAAN", 163, "0035g00000TnG0LAAV",
             "joaquin.becker@sorensen-partners.example", "spaces", 3, []),
            (251, "0035g00000TnGMoAAN", 196, "0035g00000TnG8dAAF",
             "bjorn.kim@maple-brewing.example", "case + spaces", 1, ["Phone", "Title"]),
        ],
        "blank": [53, 107, 165, 209, 253],
        "multi": [166, 186],
        "con_lines": 254,
        "n_ocr": 426,
        "no_role": 0,
    },
    "B": {
        # (line, Record ID, value, earlier line, earlier Record ID, earlier value, kind)
        "repeats": [
            (48, "9876749533", "BLWT-19123", 15, "9876614281", "BLWT-19123", "exact"),
            (74, "9876875121", "embr-24363", 19, "9876631220", "EMBR-24363", "case only"),
            (75, "9876882782", "NRDW-83038", 54, "9876777269", "NRDW-83038", "exact"),
            (79, "9876894545", "tmbr-37006", 56, "9876789368", "TMBR-37006", "case only"),
            (96, "9876968547", "wrgh-78909", 27, "9876672453", "WRGH-78909", "case only"),
            (105, "9877015598", "MNSH-00213", 14, "9876613423", "MNSH-00213", "exact"),
        ],
        "nonblank": 140,
    },
    "C": {
        "neg": [  # (line, Id, Amount)
            (31, "0068c00000EnlYxAAJ", "-5750.00"),
            (170, "0068c00000EnmD7AAJ", "-4250.00"),
            (232, "0068c00000EnmT0AAJ", "-1950.00"),
            (290, "0068c00000EnmhKAAR", "-2100.00"),
            (299, "0068c00000EnmjkAAB", "-2150.00"),
        ],
        "noreason": [  # (line, Id)
            (40, "0068c00000Enlb1AAB"), (66, "0068c00000Enlj0AAB"),
            (190, "0068c00000EnmHNAAZ"), (205, "0068c00000EnmLMAAZ"),
            (260, "0068c00000EnmZXAAZ"), (365, "0068c00000Enn0BAAR"),
            (389, "0068c00000Enn7CAAR"),
        ],
        "multi": [109],
        "opp_lines": 403,
        "n_lost": 99,
    },
}


def main() -> None:
    generate_and_check([
        ("A", DIR_A, gen_a, check_a),
        ("B", DIR_B, gen_b, check_b),
        ("C", DIR_C, gen_c, check_c),
    ], EXPECTED)


if __name__ == "__main__":
    main()
