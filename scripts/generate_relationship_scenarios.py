#!/usr/bin/env python3
"""Deterministic generator for the relationship-check scenarios (orphans, junctions, primaries,
polymorphic lookups, hierarchy cycles, 15/18-character Salesforce ids).

Usage (from the repository root):
    python3 scripts/generate_relationship_scenarios.py          # write all folders, then --check
    python3 scripts/generate_relationship_scenarios.py --check  # only verify the files on disk
    (add --facts to also print the measured defect positions as a Python literal)

Python 3.11 standard library only. Each scenario draws from its own random.Random(<fixed seed>);
nothing depends on the clock, the environment or set/hash ordering, so two runs produce
byte-identical files. People and companies are synthetic; e-mails use example.com,
example.org or made-up company domains under .example.

"Line" below is the 1-based physical line of the file (header = line 1) on which a record
STARTS. Only Task.csv (E) has multi-line cells, so everywhere else line = record index + 1.

Salesforce files (A, B, D, E, F): Data Loader style, UTF-8 without BOM, CRLF record ends,
every field double-quoted. Ids are 18 characters (15-char id + case-safe suffix, asserted
against 001M000000qfPyS -> 001M000000qfPySIAU and a0RE000000IJmcN -> a0RE000000IJmcNMAT),
built as <key prefix> "5g00000" <5-char base62 counter>; every counter part holds at least
one upper- and one lower-case letter, and within a scenario no two 15-char ids differ only by
case. Key prefixes: 001 Account, 003 Contact, 00Q Lead, 006 Opportunity, 00T Task,
701 Campaign, 00v CampaignMember, 07k AccountContactRelation. Records are written in
ascending Id order (creation order); "deleted" ids come from the same counter, so they
interleave with the live ones and look exactly as real.

---------------------------------------------------------------------------------------------
A. scenarios/account-contact-relations-missing-primary/data/          (seed 20240401)
   Account.csv                 120 rows  "Id","Name","Industry"
   Contact.csv                 400 rows  "Id","AccountId","FirstName","LastName","Email"
                               AccountId = the primary (direct) account; always exists.
   AccountContactRelation.csv  706 rows  "Id","AccountId","ContactId","IsDirect","IsActive",
                                         "Roles","StartDate"
       IsDirect "true" 389 rows, "false" 317 rows. Every AccountId/ContactId exists; no
       (AccountId, ContactId) pair repeats; every "false" row points at an account other
       than the contact's AccountId.
       DEFECT 1: 14 contacts have NO "true" row (their direct row was filtered out of the
       export; each still has 1-2 "false" rows, so all 14 appear in the junction):
         contact id (Contact.csv line) -> their AccountContactRelation lines
         0035g00000beIyaAAE (line 8) -> 266
         0035g00000beJHUAA2 (line 79) -> 494
         0035g00000beJftAAE (line 171) -> 613
         0035g00000beJhfAAE (line 181) -> 674
         0035g00000beJjXAAU (line 189) -> 537
         0035g00000beJtpAAE (line 223) -> 108, 414
         0035g00000beJw7AAE (line 229) -> 615
         0035g00000beK2dAAE (line 253) -> 218
         0035g00000beK4lAAE (line 261) -> 648
         0035g00000beKC4AAM (line 291) -> 612
         0035g00000beKG4AAM (line 306) -> 69, 471
         0035g00000beKOVAA2 (line 340) -> 160, 691
         0035g00000beKYqAAM (line 377) -> 5
         0035g00000beKemAAE (line 397) -> 511, 653
       DEFECT 2: 3 other contacts have TWO "true" rows (two different accounts; the first
       listed is the contact's AccountId, the second another account):
         0035g00000beJUIAA2 (line 130) -> "true" rows at lines 541 and 401
         0035g00000beJqzAAE (line 210) -> "true" rows at lines 32 and 157
         0035g00000beKFyAAM (line 305) -> "true" rows at lines 187 and 159
       All other 383 contacts: exactly one "true" row, pointing at Contact.AccountId.

B. scenarios/campaign-members-orphans/data/                             (seed 20240515)
   Campaign.csv         25 rows   "Id","Name","Type","Status","StartDate"
   Contact.csv         600 rows   "Id","FirstName","LastName","Email","MailingCountry"
   CampaignMember.csv 1000 rows   "Id","CampaignId","ContactId","Status","HasResponded",
                                  "CreatedDate"
       Status Sent/Responded/Attended; HasResponded "false" exactly when Status is "Sent".
       Three disjoint defect groups (45 rows); the other 955 rows are clean and unique:
       DEFECT 1: 25 rows with a ContactId (003, valid suffix) not in Contact.csv
                 (19 distinct deleted contacts), lines:
         13, 55, 85, 112, 140, 145, 173, 179, 200, 229, 323, 372, 389, 427
         431, 558, 565, 584, 626, 713, 883, 916, 940, 955, 976
       DEFECT 2: 8 rows with a CampaignId (701, valid suffix) not in Campaign.csv
                 (2 distinct deleted campaigns), lines:
         64, 89, 103, 433, 535, 571, 589, 877
       DEFECT 3: 12 rows repeating an earlier row's (CampaignId, ContactId) pair, with their
                 own new Id; duplicate line <- line of the earlier (original) row:
         188 <- 175, 530 <- 479, 575 <- 501, 656 <- 632, 722 <- 348, 744 <- 609
         806 <- 597, 894 <- 356, 928 <- 238, 941 <- 526, 950 <- 591, 998 <- 994

C. scenarios/hubspot-multi-valued-associations/data/                    (seed 20240620)
   HubSpot export style: UTF-8 without BOM, LF record ends, every field double-quoted.
   companies.csv   80 rows  "Record ID","Company name","Company Domain Name","City"
                            11-digit numeric ids, unique ids and domains.
   contacts.csv   300 rows  "Record ID","First Name","Last Name","Email",
                            "Associated Company IDs"
       "Associated Company IDs" = ids joined by ";" (no spaces): 200 contacts with 1 id,
       60 with 2, 15 with 3, 25 blank -> 365 associations. Every id exists in
       companies.csv; no id repeats within a cell. 1 company has no contact.
       No defects.

D. scenarios/salesforce-15-and-18-char-ids/data/                        (seed 20240704)
   Account.csv      150 rows  "Id","Name","ParentId"   Id always 18 chars.
       ParentId: 30 rows = 18-char id of another (earlier) account, 60 rows =
       "000000000000000AAA" (Salesforce empty id), 60 rows = "". No cycles.
   Contact.csv      500 rows  "Id","AccountId","FirstName","LastName","Email"
       Id 18 chars; AccountId 15 chars in 240 rows, 18 chars in 260 rows.
   Opportunity.csv  300 rows  "Id","AccountId","Name","StageName","Amount","CloseDate"
       Id 15 chars in 100 rows (mixed into the key column), 18 chars in 200;
       AccountId 15 chars in 150 rows, 18 chars in 150.
   No defects: every reference resolves once 15-char ids get their suffix. No two distinct
   15-char ids in the scenario differ only by case, so no case-insensitive comparison is
   needed (or harmful). Naive pitfalls: exact string matching leaves 240 contact and 150
   opportunity AccountIds unresolved; treating 000000000000000AAA as an id yields 60
   "orphan" parents.

E. scenarios/task-whoid-polymorphic/data/                               (seed 20240812)
   Account.csv   100 rows  "Id","Name"
   Contact.csv   250 rows  "Id","AccountId","FirstName","LastName","Email"  (AccountId always
                           exists)
   Lead.csv      150 rows  "Id","FirstName","LastName","Company","Email","Status"
   Task.csv      500 records, 521 physical lines  "Id","WhoId","WhatId","Subject",
                           "Status","ActivityDate","Description"
       WhoId:  300 existing contact ids, 150 existing lead ids, 3 contact-prefixed (003) ids
               NOT in Contact.csv (deleted contacts), 47 blank.
       WhatId: 250 existing account ids, 120 opportunity ids (006; 70 distinct; there is
               no Opportunity file: opportunities are not migrated), 130 blank.
       8 Descriptions are multi-line (LF inside the quotes), starting at lines
         66, 152, 243, 302, 401, 438, 478, 513
       so from the first of them on, physical line != record index + 1.
       DEFECT: the 3 WhoId orphans (Task line, Task Id, WhoId):
         line 240  00T5g00000kzoOPEAY  WhoId 0035g00000EXvnGAAT
         line 253  00T5g00000kzoRuEAI  WhoId 0035g00000EXvlQAAT
         line 264  00T5g00000kzoV6EAI  WhoId 0035g00000EXviHAAT
       Note: the 130 blank WhatIds all belong to lead tasks; the requested counts force the
       remaining 20 lead tasks to carry a WhatId (account), which real Salesforce forbids
       for a Lead WhoId.

F. scenarios/account-hierarchy-cycle/data/                              (seed 20240903)
   Account.csv   200 rows  "Id","Name","ParentId","Type","BillingCountry"
       194 accounts form a clean forest: 26 roots (ParentId ""), depth 0-4, depth counts
       (26, 63, 65, 35, 5) for depth 0..4; 14 children appear on a line before their parent.
       No account hangs below a defective one.
       DEFECT 1: one 3-cycle (A.ParentId = B, B.ParentId = C, C.ParentId = A):
         A = 0015g00000CmESeAAN (line 28), ParentId 0015g00000CmEtBAAV
         B = 0015g00000CmEtBAAV (line 116), ParentId 0015g00000CmFDkAAN
         C = 0015g00000CmFDkAAN (line 195), ParentId 0015g00000CmESeAAN
       DEFECT 2: one account whose ParentId is its own Id:
         0015g00000CmEyZAAV (line 136)
       DEFECT 3: 2 accounts whose ParentId is a valid 001 id not in the file (deleted):
         0015g00000CmEOrAAN (line 8), ParentId 0015g00000CmExJAAV
         0015g00000CmF8jAAF (line 175), ParentId 0015g00000CmFBNAA3
---------------------------------------------------------------------------------------------
"""

from __future__ import annotations

import datetime as dt
import random
import re

from sf_common import (generate_and_check, B62, CO_NOUNS, CRLF, INDUSTRIES, LAST, LF, ROOT, SCEN, IdFactory, Table,
                       UniqueEmails, csv_bytes, mixed_case, rand_date, sf_id_ok, slug, to18,
                       write)

DIR_A = SCEN / "account-contact-relations-missing-primary" / "data"
DIR_B = SCEN / "campaign-members-orphans" / "data"
DIR_C = SCEN / "hubspot-multi-valued-associations" / "data"
DIR_D = SCEN / "salesforce-15-and-18-char-ids" / "data"
DIR_E = SCEN / "task-whoid-polymorphic" / "data"
DIR_F = SCEN / "account-hierarchy-cycle" / "data"

SEED_A, SEED_B, SEED_C, SEED_D, SEED_E, SEED_F = (20240401, 20240515, 20240620, 20240704,
                                                  20240812, 20240903)
SF_EMPTY_ID = "000000000000000AAA"

# ------------------------------------------------------------------------------------------
# Salesforce ids
# ------------------------------------------------------------------------------------------
def norm_id(v: str) -> str:
    """Salesforce id normalisation: 15-char ids get their case-safe suffix."""
    return to18(v) if len(v) == 15 else v


# ------------------------------------------------------------------------------------------
# Names, companies, e-mails
# ------------------------------------------------------------------------------------------
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Ethan", "Hannah",
         "Oliver", "Amelia", "James", "Isabella", "Mateo", "Aisha", "Kenji", "Priya", "Wei",
         "Fatima", "Omar", "Ingrid", "Lars", "Giulia", "Marco", "Sofia", "Daniel", "Laura",
         "Thomas", "Anna", "David", "Sarah", "Michael", "Julia", "Peter", "Nina", "Paul",
         "Elena", "Tom", "Clara", "Max", "Lea", "Felix", "Marie", "Jonas", "Grace", "Ryan",
         "Chloe", "Samuel", "Maya", "Adam", "Ava", "Leo", "Ruth", "Kwame", "Ngozi", "Arjun",
         # accented, here and there
         "Zoë", "José", "Anaïs", "Jürgen", "Søren", "Chloé", "Björn", "Inès", "Łukasz",
         "Renée", "François", "Mónica", "Noémie", "Raphaël", "Ángel", "Åsa", "Joaquín",
         "Ayşe", "Gonçalo", "Hélène"]
CO_WORDS = ["Nordwind", "Alpenblick", "Bluewater", "Crescent", "Evergreen", "Granite",
            "Harbor", "Ironbridge", "Lumière", "Maple", "Nordlicht", "Oakridge", "Pinnacle",
            "Quarry", "Riverstone", "Silverline", "Sunridge", "Tidewater", "Vertex", "Westbrook",
            "Zenith", "Aurora", "Brightfield", "Cobalt", "Driftwood", "Ember", "Fjordlys",
            "Glacier", "Highland", "Juniper", "Keystone", "Lakeside", "Meridian", "Northstar",
            "Orchard", "Polaris", "Redwood", "Saffron", "Timber", "Upland", "Valencia",
            "Willow", "Yarrow", "Élan", "Château", "Mühlbach", "Señorío", "Øresund"]
CO_LEGAL = ["GmbH", "AG", "Inc.", "Ltd", "LLC", "S.A.", "SARL", "S.L.", "B.V.", "AB", "Oy",
            "Pty Ltd", "Corp.", "", "", ""]
COUNTRIES = ["United States", "United Kingdom", "Germany", "France", "Spain", "Sweden",
             "Netherlands", "Austria", "Switzerland", "Denmark", "Poland", "Italy", "Canada",
             "Australia", "Japan", "Brazil"]
CITIES = ["München", "Zürich", "São Paulo", "Montréal", "Kraków", "Malmö", "Düsseldorf",
          "Göteborg", "Besançon", "Córdoba", "Köln", "Reykjavík", "Boston", "Austin",
          "London", "Manchester", "Berlin", "Hamburg", "Paris", "Lyon", "Madrid", "Barcelona",
          "Amsterdam", "Rotterdam", "Stockholm", "Oslo", "Copenhagen", "Vienna", "Warsaw",
          "Milan", "Toronto", "Sydney", "Chicago", "Seattle", "Denver", "Dublin"]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


class Names:
    """Unique company names and domains within one scenario."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[str] = set()
        self.domains: set[str] = set()

    def company(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            style = rng.random()
            if style < 0.35:
                base = f"{rng.choice(LAST)} {rng.choice(CO_NOUNS)}"
            elif style < 0.55:
                base = f"{rng.choice(LAST)} & {rng.choice(LAST)}"
            else:
                base = f"{rng.choice(CO_WORDS)} {rng.choice(CO_NOUNS)}"
            legal = rng.choice(CO_LEGAL)
            name = f"{base} {legal}" if legal else base
            dom = slug(base) + ".example"
            if name not in self.names and dom not in self.domains:
                self.names.add(name)
                self.domains.add(dom)
                return name, dom


def generic_domain(rng: random.Random) -> str:
    return rng.choice(["example.com", "example.org"])


# ------------------------------------------------------------------------------------------
# A. AccountContactRelation without / with two primaries
# ------------------------------------------------------------------------------------------
A_HEADERS = {
    "Account.csv": ["Id", "Name", "Industry"],
    "Contact.csv": ["Id", "AccountId", "FirstName", "LastName", "Email"],
    "AccountContactRelation.csv": ["Id", "AccountId", "ContactId", "IsDirect", "IsActive",
                                   "Roles", "StartDate"],
}
A_ROLES = ["Decision Maker", "Influencer", "Economic Buyer", "Technical Buyer",
           "Business User", "Executive Sponsor", "Evaluator"]
A_N_ACC, A_N_CON, A_N_MISSING, A_N_DOUBLE = 120, 400, 14, 3
A_N_ACR = 706  # result of the seeded draw, asserted


def a_roles(rng: random.Random, direct: bool) -> str:
    k = rng.choices([0, 1, 2], [45, 40, 15] if direct else [25, 50, 25])[0]
    return ";".join(rng.sample(A_ROLES, k))


def gen_a() -> dict[str, bytes]:
    rng = random.Random(SEED_A)
    ids = IdFactory(rng)
    names = Names(rng)
    emails = UniqueEmails(slug)
    accounts = []
    for _ in range(A_N_ACC):
        name, dom = names.company()
        accounts.append((ids.next("001"), name, rng.choice(INDUSTRIES), dom))
    contacts = []
    for _ in range(A_N_CON):
        acc = rng.choice(accounts)
        f, l = person(rng)
        contacts.append([ids.next("003"), acc[0], f, l, emails.make(f, l, acc[3])])
    idx = list(range(A_N_CON))
    special = rng.sample(idx, A_N_MISSING + A_N_DOUBLE)
    missing, double = set(special[:A_N_MISSING]), set(special[A_N_MISSING:])
    acc_ids = [a[0] for a in accounts]
    rels = []  # [AccountId, ContactId, IsDirect, IsActive, Roles, StartDate]
    for i, c in enumerate(contacts):
        start = rand_date(rng, dt.date(2019, 1, 1), dt.date(2023, 12, 31))
        if i not in missing:
            rels.append([c[1], c[0], "true", "true", a_roles(rng, True), start.isoformat()])
        k = rng.choices([0, 1, 2], [45, 40, 15])[0]
        if i in missing:
            k = max(k, 1)
        others = rng.sample([a for a in acc_ids if a != c[1]], k + 1)
        for a in others[:k]:
            rels.append([a, c[0], "false", rng.choices(["true", "false"], [85, 15])[0],
                         a_roles(rng, False),
                         rand_date(rng, start, dt.date(2024, 6, 30)).isoformat()])
        if i in double:  # second "primary" to an account not otherwise related
            rels.append([others[k], c[0], "true", "true", a_roles(rng, True),
                         rand_date(rng, start, dt.date(2024, 6, 30)).isoformat()])
    rng.shuffle(rels)
    acr = [[ids.next("07k")] + r for r in rels]
    return {
        "Account.csv": csv_bytes(A_HEADERS["Account.csv"], [a[:3] for a in accounts], CRLF),
        "Contact.csv": csv_bytes(A_HEADERS["Contact.csv"], contacts, CRLF),
        "AccountContactRelation.csv": csv_bytes(A_HEADERS["AccountContactRelation.csv"], acr,
                                                CRLF),
    }


def check_a() -> tuple[list[str], dict]:
    t = {n: Table(DIR_A / n, h, CRLF) for n, h in A_HEADERS.items()}
    acc, con, acr = t["Account.csv"], t["Contact.csv"], t["AccountContactRelation.csv"]
    assert len(acc.rows) == A_N_ACC and len(con.rows) == A_N_CON and len(acr.rows) == A_N_ACR
    acc_ids = set(acc.col("Id"))
    con_by_id = {r["Id"]: r for r in con.rows}
    con_line = dict(zip(con.col("Id"), con.lines))
    assert len(acc_ids) == A_N_ACC and len(con_by_id) == A_N_CON
    all_ids = acc.col("Id") + con.col("Id") + acr.col("Id")
    assert len({x[:15].lower() for x in all_ids}) == len(all_ids)
    for x in acc.col("Id"):
        assert sf_id_ok(x, "001")
    for x in con.col("Id"):
        assert sf_id_ok(x, "003")
    for x in acr.col("Id"):
        assert sf_id_ok(x, "07k")
    assert acr.col("Id") == sorted(acr.col("Id"), key=lambda s: [B62.index(c) for c in s])
    emails = [r["Email"].lower() for r in con.rows]
    assert len(set(emails)) == len(emails)
    for r in con.rows:
        assert r["AccountId"] in acc_ids
        assert r["Email"].split("@")[1].endswith(".example")
    by_contact: dict[str, list[tuple[int, dict]]] = {}
    pairs = set()
    for ln, r in zip(acr.lines, acr.rows):
        assert r["AccountId"] in acc_ids and r["ContactId"] in con_by_id
        assert r["IsDirect"] in ("true", "false") and r["IsActive"] in ("true", "false")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["StartDate"])
        assert r["Roles"] == "" or all(x in A_ROLES for x in r["Roles"].split(";"))
        p = (r["AccountId"], r["ContactId"])
        assert p not in pairs
        pairs.add(p)
        by_contact.setdefault(r["ContactId"], []).append((ln, r))
    n_true = sum(r["IsDirect"] == "true" for r in acr.rows)
    missing, double = {}, {}
    for cid, c in con_by_id.items():
        rs = by_contact.get(cid, [])
        direct = [(ln, r) for ln, r in rs if r["IsDirect"] == "true"]
        for ln, r in rs:
            if r["IsDirect"] == "false":
                assert r["AccountId"] != c["AccountId"]
        if not direct:
            assert rs, cid  # every contact with a missing primary still has indirect rows
            missing[cid] = (con_line[cid], [ln for ln, _ in rs])
        elif len(direct) == 2:
            assert direct[0][1]["AccountId"] != direct[1][1]["AccountId"]
            direct.sort(key=lambda x: x[1]["AccountId"] != c["AccountId"])
            assert direct[0][1]["AccountId"] == c["AccountId"]
            double[cid] = (con_line[cid], [ln for ln, _ in direct])
        else:
            assert len(direct) == 1 and direct[0][1]["AccountId"] == c["AccountId"], cid
    assert len(missing) == A_N_MISSING and len(double) == A_N_DOUBLE
    facts = {"missing": missing, "double": double, "n_true": n_true}
    rep = [f"Account.csv {len(acc.rows)}, Contact.csv {len(con.rows)}, "
           f"AccountContactRelation.csv {len(acr.rows)} (IsDirect true {n_true}, "
           f"false {len(acr.rows) - n_true})",
           f"contacts without a primary row: {len(missing)}"]
    rep += [f"  {cid} (Contact line {cl}) ACR lines {lns}"
            for cid, (cl, lns) in sorted(missing.items(), key=lambda x: x[1][0])]
    rep.append(f"contacts with two primary rows: {len(double)}")
    rep += [f"  {cid} (Contact line {cl}) ACR lines {lns}"
            for cid, (cl, lns) in sorted(double.items(), key=lambda x: x[1][0])]
    return rep, facts


# ------------------------------------------------------------------------------------------
# B. CampaignMember orphans and duplicates
# ------------------------------------------------------------------------------------------
B_HEADERS = {
    "Campaign.csv": ["Id", "Name", "Type", "Status", "StartDate"],
    "Contact.csv": ["Id", "FirstName", "LastName", "Email", "MailingCountry"],
    "CampaignMember.csv": ["Id", "CampaignId", "ContactId", "Status", "HasResponded",
                           "CreatedDate"],
}
B_N_CAMP, B_N_CON, B_N_CM = 25, 600, 1000
B_N_ORPH_CON, B_N_ORPH_CAMP, B_N_DUP = 25, 8, 12
B_N_DEL_CON, B_N_DEL_CAMP = 19, 2
B_TYPES = ["Email", "Webinar", "Conference", "Trade Show", "Direct Mail", "Advertisement",
           "Partners"]
B_TOPICS = ["Data Migration", "Spring Launch", "Customer Summit", "Partner Day",
            "Product Tour", "Year-End Offer", "Roadshow", "Security Briefing",
            "Sommerfest Düsseldorf", "Journée clients Montréal", "Nurture Track"]


def b_status(rng: random.Random) -> tuple[str, str]:
    s = rng.choices(["Sent", "Responded", "Attended"], [55, 30, 15])[0]
    return s, "false" if s == "Sent" else "true"


def gen_b() -> dict[str, bytes]:
    rng = random.Random(SEED_B)
    ids = IdFactory(rng)
    emails = UniqueEmails(slug)
    camp_all = [ids.next("701") for _ in range(B_N_CAMP + B_N_DEL_CAMP)]
    del_camp = set(rng.sample(camp_all, B_N_DEL_CAMP))
    camps = []
    for i, cid in enumerate(camp_all):
        d = rand_date(rng, dt.date(2022, 1, 1), dt.date(2024, 6, 30))
        typ = rng.choice(B_TYPES)
        name = f"{d.year} Q{(d.month - 1) // 3 + 1} {typ} – {rng.choice(B_TOPICS)}"
        status = "Completed" if d < dt.date(2024, 3, 1) else rng.choice(
            ["Planned", "In Progress", "Completed", "Aborted"])
        if cid not in del_camp:
            camps.append([cid, name, typ, status, d.isoformat()])
    con_all = [ids.next("003") for _ in range(B_N_CON + B_N_DEL_CON)]
    del_con = sorted(rng.sample(con_all, B_N_DEL_CON))
    del_con_set = set(del_con)
    contacts = []
    for cid in con_all:
        f, l = person(rng)
        if cid not in del_con_set:
            contacts.append([cid, f, l, emails.make(f, l, generic_domain(rng)),
                             rng.choice(COUNTRIES)])
    live_camp = [c[0] for c in camps]
    live_con = [c[0] for c in contacts]
    camp_w = [rng.choice([1, 2, 3, 5, 8]) for _ in live_camp]
    used: set[tuple[str, str]] = set()
    rows = []  # [CampaignId, ContactId, kind]

    def add(camp: str, con: str, kind: str) -> bool:
        if (camp, con) in used:
            return False
        used.add((camp, con))
        rows.append([camp, con, kind])
        return True

    n_clean = B_N_CM - B_N_ORPH_CON - B_N_ORPH_CAMP - B_N_DUP
    while len(rows) < n_clean:
        add(rng.choices(live_camp, camp_w)[0], rng.choice(live_con), "ok")
    orphan_con = list(del_con) + [rng.choice(del_con) for _ in range(B_N_ORPH_CON - B_N_DEL_CON)]
    for con in orphan_con:
        while not add(rng.choice(live_camp), con, "orphan_contact"):
            pass
    dc = sorted(del_camp)
    orphan_camp = dc + [rng.choice(dc) for _ in range(B_N_ORPH_CAMP - B_N_DEL_CAMP)]
    for camp in orphan_camp:
        while not add(camp, rng.choice(live_con), "orphan_campaign"):
            pass
    rng.shuffle(rows)
    originals = rng.sample([i for i, r in enumerate(rows) if r[2] == "ok"], B_N_DUP)
    # insert each duplicate somewhere after its original (work from the back so the
    # recorded original positions stay valid)
    inserts = [(rng.randint(i + 1, len(rows)), rows[i]) for i in originals]
    for pos, orig in sorted(inserts, key=lambda x: -x[0]):
        rows.insert(pos, [orig[0], orig[1], "dup"])
    assert len(rows) == B_N_CM
    t0 = dt.datetime(2023, 1, 9, 8, 0, 0)
    stamps = sorted(t0 + dt.timedelta(seconds=rng.randint(0, 540 * 86400)) for _ in rows)
    members = []
    for r, ts in zip(rows, stamps):
        st, resp = b_status(rng)
        members.append([ids.next("00v"), r[0], r[1], st, resp,
                        ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")])
    return {
        "Campaign.csv": csv_bytes(B_HEADERS["Campaign.csv"], camps, CRLF),
        "Contact.csv": csv_bytes(B_HEADERS["Contact.csv"], contacts, CRLF),
        "CampaignMember.csv": csv_bytes(B_HEADERS["CampaignMember.csv"], members, CRLF),
    }


def check_b() -> tuple[list[str], dict]:
    t = {n: Table(DIR_B / n, h, CRLF) for n, h in B_HEADERS.items()}
    camp, con, cm = t["Campaign.csv"], t["Contact.csv"], t["CampaignMember.csv"]
    assert (len(camp.rows), len(con.rows), len(cm.rows)) == (B_N_CAMP, B_N_CON, B_N_CM)
    camp_ids, con_ids = set(camp.col("Id")), set(con.col("Id"))
    all_ids = camp.col("Id") + con.col("Id") + cm.col("Id")
    assert len({x[:15].lower() for x in all_ids}) == len(all_ids)
    for col, pfx in ((camp.col("Id"), "701"), (con.col("Id"), "003"), (cm.col("Id"), "00v"),
                     (cm.col("CampaignId"), "701"), (cm.col("ContactId"), "003")):
        for x in col:
            assert sf_id_ok(x, pfx), x
    emails = [r["Email"].lower() for r in con.rows]
    assert len(set(emails)) == len(emails)
    assert all(e.split("@")[1] in ("example.com", "example.org") for e in emails)
    seen: dict[tuple[str, str], int] = {}
    orphan_con, orphan_camp, dup = [], [], []
    del_con, del_camp = set(), set()
    for ln, r in zip(cm.lines, cm.rows):
        assert r["Status"] in ("Sent", "Responded", "Attended")
        assert r["HasResponded"] == ("false" if r["Status"] == "Sent" else "true")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", r["CreatedDate"])
        kinds = 0
        if r["ContactId"] not in con_ids:
            orphan_con.append(ln)
            del_con.add(r["ContactId"])
            kinds += 1
        if r["CampaignId"] not in camp_ids:
            orphan_camp.append(ln)
            del_camp.add(r["CampaignId"])
            kinds += 1
        p = (r["CampaignId"], r["ContactId"])
        if p in seen:
            dup.append((ln, seen[p]))
            kinds += 1
        else:
            seen[p] = ln
        assert kinds <= 1, ln  # groups are disjoint
    # originals of the duplicates are clean rows, and each pair is duplicated once only
    orig_lines = [o for _, o in dup]
    assert len(set(orig_lines)) == len(orig_lines)
    clean = set(cm.lines) - set(orphan_con) - set(orphan_camp) - {d for d, _ in dup}
    assert set(orig_lines) <= clean
    cds = cm.col("CreatedDate")
    assert cds == sorted(cds)
    assert (len(orphan_con), len(orphan_camp), len(dup)) == (B_N_ORPH_CON, B_N_ORPH_CAMP,
                                                             B_N_DUP)
    assert (len(del_con), len(del_camp)) == (B_N_DEL_CON, B_N_DEL_CAMP)
    facts = {"orphan_contact": orphan_con, "orphan_campaign": orphan_camp, "duplicate": dup}
    rep = [f"Campaign.csv {len(camp.rows)}, Contact.csv {len(con.rows)}, "
           f"CampaignMember.csv {len(cm.rows)}",
           f"ContactId not in Contact.csv: {len(orphan_con)} rows ({len(del_con)} ids), "
           f"lines {orphan_con}",
           f"CampaignId not in Campaign.csv: {len(orphan_camp)} rows ({len(del_camp)} ids "
           f"{sorted(del_camp)}), lines {orphan_camp}",
           f"duplicate (CampaignId, ContactId): {len(dup)} rows, (line, original line) {dup}"]
    return rep, facts


# ------------------------------------------------------------------------------------------
# C. HubSpot multi-valued associations
# ------------------------------------------------------------------------------------------
C_HEADERS = {
    "companies.csv": ["Record ID", "Company name", "Company Domain Name", "City"],
    "contacts.csv": ["Record ID", "First Name", "Last Name", "Email", "Associated Company IDs"],
}
C_N_COMP, C_N_CON = 80, 300
C_DIST = {1: 200, 2: 60, 3: 15, 0: 25}
C_N_ASSOC = 365


def gen_c() -> dict[str, bytes]:
    rng = random.Random(SEED_C)
    names = Names(rng)
    emails = UniqueEmails(slug)
    comps = []
    n = rng.randint(18_600_000_000, 18_660_000_000)
    for _ in range(C_N_COMP):
        n += rng.randint(20_000, 4_000_000)
        name, dom = names.company()
        comps.append([str(n), name, dom, rng.choice(CITIES)])
    sizes = [k for k, c in C_DIST.items() for _ in range(c)]
    rng.shuffle(sizes)
    contacts = []
    cid = rng.randint(51, 900)
    for k in sizes:
        cid += rng.randint(1, 150)
        f, l = person(rng)
        assoc = rng.sample(comps, k)
        dom = assoc[0][2] if assoc else generic_domain(rng)
        contacts.append([str(cid), f, l, emails.make(f, l, dom),
                         ";".join(c[0] for c in assoc)])
    return {
        "companies.csv": csv_bytes(C_HEADERS["companies.csv"], comps, LF),
        "contacts.csv": csv_bytes(C_HEADERS["contacts.csv"], contacts, LF),
    }


def check_c() -> tuple[list[str], dict]:
    comp = Table(DIR_C / "companies.csv", C_HEADERS["companies.csv"], LF)
    con = Table(DIR_C / "contacts.csv", C_HEADERS["contacts.csv"], LF)
    assert len(comp.rows) == C_N_COMP and len(con.rows) == C_N_CON
    comp_ids = comp.col("Record ID")
    assert all(re.fullmatch(r"[1-9]\d{10}", x) for x in comp_ids)
    assert len(set(comp_ids)) == C_N_COMP
    assert len(set(comp.col("Company Domain Name"))) == C_N_COMP
    con_ids = con.col("Record ID")
    assert all(re.fullmatch(r"[1-9]\d*", x) for x in con_ids) and len(set(con_ids)) == C_N_CON
    emails = [e.lower() for e in con.col("Email")]
    assert len(set(emails)) == C_N_CON
    dist = {0: 0, 1: 0, 2: 0, 3: 0}
    used = set()
    total = 0
    for r in con.rows:
        cell = r["Associated Company IDs"]
        parts = cell.split(";") if cell else []
        assert " " not in cell and len(set(parts)) == len(parts)
        assert all(p in set(comp_ids) for p in parts)
        dist[len(parts)] += 1
        used.update(parts)
        total += len(parts)
    assert dist == C_DIST and total == C_N_ASSOC
    unused = C_N_COMP - len(used)
    rep = [f"companies.csv {len(comp.rows)}, contacts.csv {len(con.rows)}; "
           f"ids per contact {dist}; associations {total}; companies without contacts {unused}"]
    return rep, {"unused": unused}


# ------------------------------------------------------------------------------------------
# D. 15- and 18-character ids
# ------------------------------------------------------------------------------------------
D_HEADERS = {
    "Account.csv": ["Id", "Name", "ParentId"],
    "Contact.csv": ["Id", "AccountId", "FirstName", "LastName", "Email"],
    "Opportunity.csv": ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate"],
}
D_N_ACC, D_N_CON, D_N_OPP = 150, 500, 300
D_N_PARENT, D_N_EMPTYID, D_N_BLANK = 30, 60, 60
D_N_CON_15, D_N_OPP_ACC_15, D_N_OPP_ID_15 = 240, 150, 100
D_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
            "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"]
D_PRODUCTS = ["Platform License", "Renewal", "Expansion", "Professional Services",
              "Support Upgrade", "Pilot", "Data Migration", "Training"]


def gen_d() -> dict[str, bytes]:
    rng = random.Random(SEED_D)
    ids = IdFactory(rng)
    names = Names(rng)
    emails = UniqueEmails(slug)
    accounts = []
    for _ in range(D_N_ACC):
        name, dom = names.company()
        accounts.append([ids.next("001"), name, "", dom])
    kinds = ["parent"] * D_N_PARENT + ["empty"] * D_N_EMPTYID + ["blank"] * D_N_BLANK
    rng.shuffle(kinds)
    while kinds[0] == "parent":  # the first account cannot have an earlier parent
        rng.shuffle(kinds)
    for i, k in enumerate(kinds):
        if k == "parent":
            accounts[i][2] = accounts[rng.randrange(i)][0]
        elif k == "empty":
            accounts[i][2] = SF_EMPTY_ID
    contacts = []
    short = set(rng.sample(range(D_N_CON), D_N_CON_15))
    for i in range(D_N_CON):
        acc = rng.choice(accounts)
        f, l = person(rng)
        aid = acc[0][:15] if i in short else acc[0]
        contacts.append([ids.next("003"), aid, f, l, emails.make(f, l, acc[3])])
    opps = []
    short_acc = set(rng.sample(range(D_N_OPP), D_N_OPP_ACC_15))
    short_id = set(rng.sample(range(D_N_OPP), D_N_OPP_ID_15))
    for i in range(D_N_OPP):
        acc = rng.choice(accounts)
        oid = ids.next("006")
        stage = rng.choice(D_STAGES)
        close = rand_date(rng, dt.date(2023, 1, 1), dt.date(2025, 6, 30))
        amount = f"{rng.randint(10, 4000) * 250}.00"
        opps.append([oid[:15] if i in short_id else oid,
                     acc[0][:15] if i in short_acc else acc[0],
                     f"{acc[1]} – {rng.choice(D_PRODUCTS)}", stage, amount, close.isoformat()])
    return {
        "Account.csv": csv_bytes(D_HEADERS["Account.csv"], [a[:3] for a in accounts], CRLF),
        "Contact.csv": csv_bytes(D_HEADERS["Contact.csv"], contacts, CRLF),
        "Opportunity.csv": csv_bytes(D_HEADERS["Opportunity.csv"], opps, CRLF),
    }


def check_d() -> tuple[list[str], dict]:
    t = {n: Table(DIR_D / n, h, CRLF) for n, h in D_HEADERS.items()}
    acc, con, opp = t["Account.csv"], t["Contact.csv"], t["Opportunity.csv"]
    assert (len(acc.rows), len(con.rows), len(opp.rows)) == (D_N_ACC, D_N_CON, D_N_OPP)
    acc_ids = acc.col("Id")
    assert all(sf_id_ok(x, "001") for x in acc_ids) and len(set(acc_ids)) == D_N_ACC
    assert all(sf_id_ok(x, "003") for x in con.col("Id"))
    acc_set = set(acc_ids)
    # ParentId
    pid = acc.col("ParentId")
    parents = [(i, p) for i, p in enumerate(pid) if p not in ("", SF_EMPTY_ID)]
    assert len(parents) == D_N_PARENT
    assert sum(p == SF_EMPTY_ID for p in pid) == D_N_EMPTYID
    assert sum(p == "" for p in pid) == D_N_BLANK
    pos = {a: i for i, a in enumerate(acc_ids)}
    for i, p in parents:
        assert len(p) == 18 and p in acc_set and pos[p] < i  # earlier account: no cycles

    def resolves(v: str, prefix: str, pool: set[str]) -> int:
        assert len(v) in (15, 18) and v.startswith(prefix)
        if len(v) == 18:
            assert sf_id_ok(v, prefix)
        else:
            assert all(c in B62 for c in v) and mixed_case(v[10:])
        assert norm_id(v) in pool, v
        return len(v)

    con_len = [resolves(v, "001", acc_set) for v in con.col("AccountId")]
    assert con_len.count(15) == D_N_CON_15 and con_len.count(18) == D_N_CON - D_N_CON_15
    opp_acc_len = [resolves(v, "001", acc_set) for v in opp.col("AccountId")]
    assert opp_acc_len.count(15) == D_N_OPP_ACC_15
    opp_ids = opp.col("Id")
    id_len = [len(v) for v in opp_ids]
    assert id_len.count(15) == D_N_OPP_ID_15 and id_len.count(18) == D_N_OPP - D_N_OPP_ID_15
    for v in opp_ids:
        assert sf_id_ok(norm_id(v), "006")
    opp_norm = [norm_id(v) for v in opp_ids]
    assert len(set(opp_norm)) == D_N_OPP
    # no two distinct ids of the scenario differ only by case (15-char forms compared)
    every = acc_ids + con.col("Id") + opp_norm
    assert len({x[:15].lower() for x in every}) == len(every)
    for v in con.col("AccountId") + opp.col("AccountId") + pid:
        if v and v != SF_EMPTY_ID:
            hits = {a for a in every if a[:15].lower() == v[:15].lower()}
            assert hits == {norm_id(v)}
    exact_miss = sum(v not in acc_set for v in con.col("AccountId") + opp.col("AccountId"))
    assert exact_miss == D_N_CON_15 + D_N_OPP_ACC_15
    rep = [f"Account.csv {len(acc.rows)} (ParentId: id {len(parents)}, "
           f"{SF_EMPTY_ID} {pid.count(SF_EMPTY_ID)}, blank {pid.count('')}), "
           f"Contact.csv {len(con.rows)} (AccountId 15-char {con_len.count(15)}), "
           f"Opportunity.csv {len(opp.rows)} (AccountId 15-char {opp_acc_len.count(15)}, "
           f"Id 15-char {id_len.count(15)}); all resolve; no case-only collisions"]
    return rep, {}


# ------------------------------------------------------------------------------------------
# E. Task WhoId / WhatId polymorphic lookups
# ------------------------------------------------------------------------------------------
E_HEADERS = {
    "Account.csv": ["Id", "Name"],
    "Contact.csv": ["Id", "AccountId", "FirstName", "LastName", "Email"],
    "Lead.csv": ["Id", "FirstName", "LastName", "Company", "Email", "Status"],
    "Task.csv": ["Id", "WhoId", "WhatId", "Subject", "Status", "ActivityDate", "Description"],
}
E_N_ACC, E_N_CON, E_N_LEAD, E_N_TASK = 100, 250, 150, 500
E_WHO = {"contact": 300, "lead": 150, "deleted": 3, "blank": 47}
E_WHAT = {"account": 250, "opportunity": 120, "blank": 130}
E_N_OPP_IDS, E_N_MULTI = 70, 8
E_LEAD_STATUS = ["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted",
                 "Nurturing"]
E_SUBJECTS = ["Call", "Email", "Send Quote", "Follow-up call", "Send contract",
              "Demo", "Meeting prep", "Check renewal", "Intro call", "Angebot nachfassen",
              "Relance devis", "Onboarding check-in"]
E_TASK_STATUS = [("Completed", 60), ("Not Started", 15), ("In Progress", 12),
                 ("Waiting on someone else", 8), ("Deferred", 5)]
E_SHORT_DESC = ["Left voicemail.", "Sent pricing sheet.", "Asked for budget owner.",
                "Rückruf vereinbart.", "Client a confirmé la réunion.", "No answer.",
                "Shared case study.", "Requested updated quote."]
E_MULTI_DESC = [
    "Call notes:\n- budget approved for Q3\n- needs SSO\n- follow up after legal review",
    "Agenda:\n1. Intro\n2. Demo of import tool\n3. Next steps",
    "Notizen:\nAnsprechpartnerin: Zoë Müller\nEntscheidung bis Ende März",
    "Customer wrote:\n\"We'd like to move the go-live, can we talk?\"\nReplied same day.",
    "Open points:\n- data mapping\n- contact roles\n\n(see attached)",
    "Résumé de l'appel :\nintéressé par l'offre annuelle\nrappeler José la semaine prochaine",
    "Meeting moved.\nNew date tbc.",
    "Steps:\n1) export\n2) clean\n3) import",
]


def gen_e() -> dict[str, bytes]:
    rng = random.Random(SEED_E)
    ids = IdFactory(rng)
    names = Names(rng)
    emails = UniqueEmails(slug)
    accounts = []
    for _ in range(E_N_ACC):
        name, dom = names.company()
        accounts.append([ids.next("001"), name, dom])
    con_all = [ids.next("003") for _ in range(E_N_CON + E_WHO["deleted"])]
    deleted = rng.sample(con_all, E_WHO["deleted"])
    contacts = []
    for cid in con_all:
        acc = rng.choice(accounts)
        f, l = person(rng)
        if cid not in deleted:
            contacts.append([cid, acc[0], f, l, emails.make(f, l, acc[2])])
    leads = []
    for _ in range(E_N_LEAD):
        f, l = person(rng)
        co, dom = names.company()
        leads.append([ids.next("00Q"), f, l, co, emails.make(f, l, dom),
                      rng.choice(E_LEAD_STATUS)])
    opp_ids = [ids.next("006") for _ in range(E_N_OPP_IDS)]
    con_acc = {c[0]: c[1] for c in contacts}
    deleted_acc = {d: rng.choice(accounts)[0] for d in deleted}
    # Who side
    whos = [k for k, n in E_WHO.items() for _ in range(n)]
    rng.shuffle(whos)
    # What side: every blank WhatId goes to a lead task (Salesforce requires a blank WhatId
    # for a Lead WhoId); the counts leave 20 lead tasks with an account WhatId.
    lead_idx = [i for i, k in enumerate(whos) if k == "lead"]
    blank_what = set(rng.sample(lead_idx, E_WHAT["blank"]))
    others = [i for i in range(E_N_TASK) if i not in blank_what]
    lead_rest = [i for i in others if whos[i] == "lead"]
    non_lead = [i for i in others if whos[i] != "lead"]
    opp_what = set(rng.sample(non_lead, E_WHAT["opportunity"]))
    # make sure every opportunity id is used at least once
    opp_order = opp_ids + [rng.choice(opp_ids) for _ in range(E_WHAT["opportunity"]
                                                                - E_N_OPP_IDS)]
    rng.shuffle(opp_order)
    opp_iter = iter(opp_order)
    multi = set(rng.sample(range(E_N_TASK), E_N_MULTI))
    multi_texts = iter(E_MULTI_DESC)
    tasks = []
    for i, k in enumerate(whos):
        if k == "contact":
            c = rng.choice(contacts)
            who, home = c[0], c[1]
        elif k == "lead":
            who, home = rng.choice(leads)[0], None
        elif k == "deleted":
            who = deleted[len([x for x in whos[:i] if x == "deleted"])]
            home = deleted_acc[who]
        else:
            who, home = "", None
        if i in blank_what:
            what = ""
        elif i in opp_what:
            what = next(opp_iter)
        elif home is not None and rng.random() < 0.85:
            what = home
        else:
            what = rng.choice(accounts)[0]
        status = rng.choices([s for s, _ in E_TASK_STATUS], [w for _, w in E_TASK_STATUS])[0]
        date = rand_date(rng, dt.date(2023, 2, 1), dt.date(2024, 9, 30)).isoformat()
        if i in multi:
            desc = next(multi_texts)
        else:
            desc = rng.choice(E_SHORT_DESC) if rng.random() < 0.45 else ""
        tasks.append([ids.next("00T"), who, what, rng.choice(E_SUBJECTS), status, date, desc])
    assert lead_rest and len(lead_rest) == E_WHO["lead"] - E_WHAT["blank"]
    return {
        "Account.csv": csv_bytes(E_HEADERS["Account.csv"], [a[:2] for a in accounts], CRLF),
        "Contact.csv": csv_bytes(E_HEADERS["Contact.csv"], contacts, CRLF),
        "Lead.csv": csv_bytes(E_HEADERS["Lead.csv"], leads, CRLF),
        "Task.csv": csv_bytes(E_HEADERS["Task.csv"], tasks, CRLF),
    }


def check_e() -> tuple[list[str], dict]:
    t = {n: Table(DIR_E / n, h, CRLF) for n, h in E_HEADERS.items()}
    acc, con, lead, task = t["Account.csv"], t["Contact.csv"], t["Lead.csv"], t["Task.csv"]
    assert sorted(p.name for p in DIR_E.iterdir()) == sorted(E_HEADERS)  # no Opportunity.csv
    assert ((len(acc.rows), len(con.rows), len(lead.rows), len(task.rows))
            == (E_N_ACC, E_N_CON, E_N_LEAD, E_N_TASK))
    acc_ids, con_ids, lead_ids = set(acc.col("Id")), set(con.col("Id")), set(lead.col("Id"))
    for col, pfx in ((acc.col("Id"), "001"), (con.col("Id"), "003"), (lead.col("Id"), "00Q"),
                     (task.col("Id"), "00T"), (con.col("AccountId"), "001")):
        for x in col:
            assert sf_id_ok(x, pfx), x
    assert all(a in acc_ids for a in con.col("AccountId"))
    all_ids = (acc.col("Id") + con.col("Id") + lead.col("Id") + task.col("Id")
               + [x for x in task.col("WhoId") + task.col("WhatId") if x])
    assert len({x[:15].lower() for x in set(all_ids)}) == len(set(all_ids))
    emails = [e.lower() for e in con.col("Email") + lead.col("Email")]
    assert len(set(emails)) == len(emails)
    who = {"contact": 0, "lead": 0, "deleted": 0, "blank": 0}
    what = {"account": 0, "opportunity": 0, "blank": 0}
    orphans, multi, opp_ids = [], [], set()
    lead_with_what = 0
    for ln, r in zip(task.lines, task.rows):
        w = r["WhoId"]
        if not w:
            who["blank"] += 1
        elif w in con_ids:
            who["contact"] += 1
        elif w in lead_ids:
            who["lead"] += 1
        else:
            assert sf_id_ok(w, "003"), w
            who["deleted"] += 1
            orphans.append((ln, r["Id"], w))
        x = r["WhatId"]
        if not x:
            what["blank"] += 1
        elif x in acc_ids:
            what["account"] += 1
        else:
            assert sf_id_ok(x, "006"), x
            what["opportunity"] += 1
            opp_ids.add(x)
        if w in lead_ids and x:
            lead_with_what += 1
        if "\n" in r["Description"]:
            assert "\r" not in r["Description"]
            multi.append(ln)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["ActivityDate"])
    assert who == E_WHO and what == E_WHAT, (who, what)
    assert len(multi) == E_N_MULTI and len(opp_ids) == E_N_OPP_IDS
    assert lead_with_what == E_WHO["lead"] - E_WHAT["blank"]
    facts = {"orphans": orphans, "multi": multi, "task_lines": task.n_lines,
             "n_opp": len(opp_ids)}
    rep = [f"Account.csv {len(acc.rows)}, Contact.csv {len(con.rows)}, Lead.csv "
           f"{len(lead.rows)}, Task.csv {len(task.rows)} records / {task.n_lines} lines",
           f"WhoId {who}", f"WhatId {what} ({len(opp_ids)} distinct opportunity ids)",
           f"multi-line Description at lines {multi}",
           f"WhoId orphans (line, Task Id, WhoId): {orphans}"]
    return rep, facts


# ------------------------------------------------------------------------------------------
# F. Account hierarchy with a cycle
# ------------------------------------------------------------------------------------------
F_HEADER = ["Id", "Name", "ParentId", "Type", "BillingCountry"]
F_N = 200
F_N_ROOTS, F_MAX_DEPTH = 26, 4
F_TYPES = [("Customer - Direct", 35), ("Customer - Channel", 15), ("Prospect", 20),
           ("Channel Partner / Reseller", 8), ("Other", 7), ("", 15)]


def gen_f() -> dict[str, bytes]:
    rng = random.Random(SEED_F)
    ids = IdFactory(rng)
    names = Names(rng)
    n_tree = F_N - 6
    parent: list[int | None] = [None] * F_N_ROOTS
    depth = [0] * F_N_ROOTS
    while len(parent) < n_tree:
        cand = [i for i in range(len(parent)) if depth[i] < F_MAX_DEPTH]
        w = [4 - depth[i] for i in cand]
        p = rng.choices(cand, w)[0]
        parent.append(p)
        depth.append(depth[p] + 1)
    assert max(depth) == F_MAX_DEPTH
    # nodes n_tree.. : cycle a,b,c ; self ; orphan x2 ; plus 2 deleted placeholders
    nodes = list(range(n_tree)) + ["cyc0", "cyc1", "cyc2", "self", "orph0", "orph1",
                                   "del0", "del1"]
    key = {n: depth[n] + rng.random() * 1.6 if isinstance(n, int) else rng.random() * 5
           for n in nodes}
    order = sorted(nodes, key=lambda n: (key[n], str(n)))
    node_id = {n: ids.next("001") for n in order}
    rows = []
    for n in order:
        if isinstance(n, str) and n.startswith("del"):
            continue
        if isinstance(n, int):
            pid = "" if parent[n] is None else node_id[parent[n]]
        elif n.startswith("cyc"):
            pid = node_id[f"cyc{(int(n[3]) + 1) % 3}"]
        elif n == "self":
            pid = node_id[n]
        else:
            pid = node_id["del" + n[4]]
        name, _ = names.company()
        rows.append([node_id[n], name, pid,
                     rng.choices([t for t, _ in F_TYPES], [w for _, w in F_TYPES])[0],
                     rng.choice(COUNTRIES)])
    assert len(rows) == F_N
    return {"Account.csv": csv_bytes(F_HEADER, rows, CRLF)}


def check_f() -> tuple[list[str], dict]:
    acc = Table(DIR_F / "Account.csv", F_HEADER, CRLF)
    assert len(acc.rows) == F_N
    ids = acc.col("Id")
    assert all(sf_id_ok(x, "001") for x in ids) and len(set(ids)) == F_N
    assert len({x[:15].lower() for x in ids}) == F_N
    line = dict(zip(ids, acc.lines))
    par = {r["Id"]: r["ParentId"] for r in acc.rows}
    selfs = [i for i in ids if par[i] == i]
    orphans = [i for i in ids if par[i] and par[i] not in par]
    for i in orphans:
        assert sf_id_ok(par[i], "001")
    # classify each account by walking up
    depth: dict[str, int] = {}
    bad_reach: dict[str, str] = {}
    cycles: list[list[str]] = []
    for start in ids:
        path, cur = [], start
        while True:
            if cur in depth or cur in bad_reach:
                break
            if cur in path:
                cyc = path[path.index(cur):]
                if len(cyc) > 1:
                    cycles.append(cyc)
                break
            path.append(cur)
            p = par[cur]
            if not p:
                depth[cur] = 0
                path.pop()
                break
            if p not in par:
                break
            cur = p
        # resolve depths along path where possible
        for node in reversed(path):
            p = par[node]
            if p in depth and node not in depth:
                depth[node] = depth[p] + 1
            elif node not in depth:
                bad_reach[node] = "bad"
    assert len(cycles) == 1 and len(cycles[0]) == 3
    cyc = cycles[0]
    k = min(range(3), key=lambda j: line[cyc[j]])  # A = first in the file
    a, b, c = cyc[k], par[cyc[k]], par[par[cyc[k]]]
    assert par[b] == c and par[c] == a
    assert len(selfs) == 1 and len(orphans) == 2
    bad = set(cyc) | set(selfs) | set(orphans)
    assert set(bad_reach) == bad  # nothing hangs below a defective account
    assert len(depth) == F_N - 6 and max(depth.values()) == F_MAX_DEPTH
    dcount = [sum(1 for v in depth.values() if v == d) for d in range(F_MAX_DEPTH + 1)]
    assert dcount[0] == F_N_ROOTS
    forward = sum(1 for i in depth if par[i] and line[par[i]] > line[i])
    facts = {
        "cycle": [(n, a_, line[a_], par[a_]) for n, a_ in zip("ABC", (a, b, c))],
        "self": [(s, line[s]) for s in selfs],
        "orphans": sorted(((line[o], o, par[o]) for o in orphans)),
        "depths": dcount, "forward": forward,
    }
    rep = [f"Account.csv {len(acc.rows)}: forest of {len(depth)} (depth counts {dcount}, "
           f"{forward} children before their parent)",
           "cycle: " + "; ".join(f"{n}={x} line {ln} -> {p}" for n, x, ln, p in facts["cycle"]),
           f"self-parent: {facts['self']}",
           f"missing parent (line, Id, ParentId): {facts['orphans']}"]
    return rep, facts


# ------------------------------------------------------------------------------------------
# Expected defect positions (results of the seeded draws; the docstring repeats them)
# ------------------------------------------------------------------------------------------
EXPECTED: dict[str, dict] = {
    "A": {
        "missing": {  # contact id: (Contact.csv line, AccountContactRelation lines)
            "0035g00000beIyaAAE": (8, [266]),
            "0035g00000beJHUAA2": (79, [494]),
            "0035g00000beJftAAE": (171, [613]),
            "0035g00000beJhfAAE": (181, [674]),
            "0035g00000beJjXAAU": (189, [537]),
            "0035g00000beJtpAAE": (223, [108, 414]),
            "0035g00000beJw7AAE": (229, [615]),
            "0035g00000beK2dAAE": (253, [218]),
            "0035g00000beK4lAAE": (261, [648]),
            "0035g00000beKC4AAM": (291, [612]),
            "0035g00000beKG4AAM": (306, [69, 471]),
            "0035g00000beKOVAA2": (340, [160, 691]),
            "0035g00000beKYqAAM": (377, [5]),
            "0035g00000beKemAAE": (397, [511, 653]),
        },
        "double": {  # contact id: (Contact.csv line, ["true" rows: own account, other])
            "0035g00000beJUIAA2": (130, [541, 401]),
            "0035g00000beJqzAAE": (210, [32, 157]),
            "0035g00000beKFyAAM": (305, [187, 159]),
        },
        "n_true": 389,
    },
    "B": {
        "orphan_contact": [
            13, 55, 85, 112, 140, 145, 173, 179, 200, 229, 323, 372, 389,
            427, 431, 558, 565, 584, 626, 713, 883, 916, 940, 955, 976,
        ],
        "orphan_campaign": [
            64, 89, 103, 433, 535, 571, 589, 877,
        ],
        # (duplicate line, line of the earlier original row)
        "duplicate": [
            (188, 175), (530, 479), (575, 501), (656, 632), (722, 348), (744, 609),
            (806, 597), (894, 356), (928, 238), (941, 526), (950, 591), (998, 994),
        ],
    },
    "C": {"unused": 1},
    "E": {
        "orphans": [  # (Task.csv line, Task Id, WhoId)
            (240, "00T5g00000kzoOPEAY", "0035g00000EXvnGAAT"),
            (253, "00T5g00000kzoRuEAI", "0035g00000EXvlQAAT"),
            (264, "00T5g00000kzoV6EAI", "0035g00000EXviHAAT"),
        ],
        "multi": [66, 152, 243, 302, 401, 438, 478, 513],
        "task_lines": 521,
        "n_opp": 70,
    },
    "F": {
        "cycle": [  # (label, Id, line, ParentId)
            ("A", "0015g00000CmESeAAN", 28, "0015g00000CmEtBAAV"),
            ("B", "0015g00000CmEtBAAV", 116, "0015g00000CmFDkAAN"),
            ("C", "0015g00000CmFDkAAN", 195, "0015g00000CmESeAAN"),
        ],
        "self": [("0015g00000CmEyZAAV", 136)],
        "orphans": [  # (line, Id, ParentId)
            (8, "0015g00000CmEOrAAN", "0015g00000CmExJAAV"),
            (175, "0015g00000CmF8jAAF", "0015g00000CmFBNAA3"),
        ],
        "depths": [26, 63, 65, 35, 5],
        "forward": 14,
    },
}


def main() -> None:
    generate_and_check([
        ("A", DIR_A, gen_a, check_a),
        ("B", DIR_B, gen_b, check_b),
        ("C", DIR_C, gen_c, check_c),
        ("D", DIR_D, gen_d, check_d),
        ("E", DIR_E, gen_e, check_e),
        ("F", DIR_F, gen_f, check_f),
    ], EXPECTED)


if __name__ == "__main__":
    main()
