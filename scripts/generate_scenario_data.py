#!/usr/bin/env python3
"""Deterministic generator for the synthetic CRM exports used by the shadow-import scenarios.

Usage (from the repository root):
    python3 scripts/generate_scenario_data.py          # (re)write every data folder, then verify
    python3 scripts/generate_scenario_data.py --check  # only verify the files already on disk

Python 3.11 standard library only. Every random choice comes from random.Random(<fixed seed>);
nothing depends on today's date, on the environment or on set/hash ordering, so two runs
produce byte-identical files. All people, companies, e-mails and phone numbers are synthetic:
names are combinations of first/last names from many languages, e-mails use example.com /
example.org / example.net or made-up company domains under .example, and phone numbers use
fictitious ranges (+1 NXX-555-01xx, +44 20 7946 0xxx and other Ofcom drama ranges,
+49 30 901820xx, +33 1 99 00 xx xx style ARCEP fiction ranges, +61 2 5550 xxxx).

---------------------------------------------------------------------------------------------
A. Salesforce Data Loader export (byte-identical copies in three scenarios)
   scenarios/opportunity-contact-roles-missed/data/
   scenarios/opportunity-contact-roles-mapped/data/
   scenarios/stage-names-unmapped/data/
   Format: UTF-8 without BOM, CRLF record ends, every field double-quoted, header first.
   18-character ids with correct case-safe suffix (001 Account, 003 Contact, 006 Opportunity,
   00K OpportunityContactRole, 005 User; 12 owner users).

   Account.csv                 1,200 rows. 82 BillingStreet cells are multi-line (LF).
   Contact.csv                 3,600 rows.
       AccountId blank (private contacts) ........ 72   (all others exist in Account.csv)
       Email blank ............................... 36   (all others valid and unique)
       Description multi-line .................... 119  (LF or CRLF inside quotes)
   Opportunity.csv             4,800 rows.
       ContactId filled .......................... 3,696
       ContactId blank ("") ...................... 1,104 (23.0%; all 1,104 DO have contact roles)
       Amount blank .............................. 48   (all in Prospecting/Qualification)
       Description multi-line .................... 161
       AccountId: all exist in Account.csv; ContactId (when filled) exists in Contact.csv
       StageName counts: Prospecting 480, Qualification 432, Needs Analysis 384,
         Value Proposition 336, Id. Decision Makers 288, Perception Analysis 240,
         Proposal/Price Quote 336, Negotiation/Review 288, Closed Won 1,056, Closed Lost 960
       Probability = Salesforce default for the stage (10,10,20,50,60,70,75,90,100,0)
   OpportunityContactRole.csv  8,176 rows.
       Opportunities with no role ................ 24   (all 24 have ContactId filled)
       Opportunities with roles .................. 4,776, each with exactly one IsPrimary="true"
         (1 role: 2,229, 2 roles: 1,694, 3 roles: 853; the 6 orphan rows included)
       Primary role contact == Opportunity.ContactId whenever ContactId is filled (3,672 opps)
       Rows whose ContactId is not in Contact.csv  6    (non-primary; each of those 6 opps also
                                                         has a valid primary role)
       Rows whose contact belongs to another account than the opportunity's: 64 (non-primary)

B. HubSpot export: scenarios/hubspot-contacts-blank-emails/data/
   Format: UTF-8 without BOM, LF record ends, every field double-quoted.
   contacts.csv   640 rows. Email blank .............. 37 (5.78%; event badge-scan import,
                  Lifecycle Stage Subscriber or Lead, created 2024-03-14 16:02-16:09).
                  Associated Company IDs blank ....... 20 (disjoint from the 37).
                  Every other e-mail valid and unique; every company id exists in companies.csv.
   companies.csv  160 rows, unique ids and domains.

C. Pipedrive export: scenarios/pipedrive-deals-unparseable-values/data/
   Format: UTF-8 without BOM, LF record ends, fields quoted only when needed, no multi-line cells.
   deals.csv  500 rows, Deal - ID 1..500 in ascending order (line number = ID + 1).
       Unparseable Deal - Value .................. 23
       Non-ISO Deal - Expected close date ........ 19   (disjoint from the 23)
       => deals with exactly one bad value ....... 42   (8.4%)
       Blank Deal - Value (legit, not a defect) .. 10   (disjoint from the 42)
       Blank Expected close date ................. 0
   The exact bad values and their line numbers are printed by --check.
---------------------------------------------------------------------------------------------
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import re
import sys
from pathlib import Path

from sf_common import B62, ROOT, SCEN, ascii_fold, b62, sf_suffix, to18, write

SF_DIRS = [
    SCEN / "opportunity-contact-roles-missed" / "data",
    SCEN / "opportunity-contact-roles-mapped" / "data",
    SCEN / "stage-names-unmapped" / "data",
]
HS_DIR = SCEN / "hubspot-contacts-blank-emails" / "data"
PD_DIR = SCEN / "pipedrive-deals-unparseable-values" / "data"

SF_SEED = 20240628
HS_SEED = 20240314
PD_SEED = 20240531

# ------------------------------------------------------------------------------------------
# Salesforce ids
# ------------------------------------------------------------------------------------------


class IdSeq:
    """Sequential ids; now and then a value is skipped (a record deleted in the source org)."""

    def __init__(self, prefix: str, rng: random.Random, skip_rate: float = 0.03):
        self.prefix = prefix
        self.rng = rng
        self.skip_rate = skip_rate
        self.n = rng.randint(62 ** 4 * 3, 62 ** 4 * 40)
        self.skipped: list[str] = []

    def make(self, n: int) -> str:
        return to18(self.prefix + "5g00000" + b62(n, 5))

    def next(self) -> str:
        while self.rng.random() < self.skip_rate:
            self.skipped.append(self.make(self.n))
            self.n += self.rng.randint(1, 3)
        v = self.make(self.n)
        self.n += 1
        return v


def sf_id_ok(v: str, prefix: str) -> bool:
    return (len(v) == 18 and v.startswith(prefix) and all(c in B62 for c in v[:15])
            and v[15:] == sf_suffix(v[:15]))


# ------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------
def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


# Latin-script cultures: {"m": [...], "f": [...], "last": [...]}; CJK: (display, romanized).
CULTURES = {
    "english": dict(
        m=["James", "Michael", "David", "Daniel", "Thomas", "Ryan", "Chris", "Kevin", "Oliver",
           "Ethan", "Samuel", "Nathan", "Liam", "Marcus", "Owen"],
        f=["Emily", "Sarah", "Olivia", "Grace", "Hannah", "Megan", "Laura", "Rachel", "Zoë",
           "Charlotte", "Amelia", "Jessica", "Naomi", "Abigail", "Siobhán"],
        last=["Smith", "Johnson", "O'Brien", "Walker", "Bennett", "Turner", "Hughes", "Carter",
              "Foster", "Reed", "Coleman", "Price", "Fletcher", "Hayes", "Gallagher", "Whitaker",
              "Ellison", "Brennan", "Holloway", "McKenzie"]),
    "german": dict(
        m=["Jonas", "Lukas", "Matthias", "Jürgen", "Maximilian", "Björn", "Jörg", "Felix",
           "Tobias", "Günther"],
        f=["Lena", "Anna", "Katrin", "Sophie", "Jana", "Birgit", "Mareike", "Ute", "Annegret",
           "Käthe"],
        last=["Müller", "Schröder", "Weiß", "Becker", "Hoffmann", "Krüger", "Schäfer", "Köhler",
              "Wagner", "Zimmermann", "Groß", "Böhm", "Vogt", "Lehmann", "Hüttner"]),
    "french": dict(
        m=["Jérôme", "Étienne", "Benoît", "Théo", "Noël", "Mathis", "Loïc", "Rémi", "Hugo",
           "François"],
        f=["Françoise", "Chloé", "Hélène", "Amélie", "Céline", "Gaëlle", "Léa", "Maëlle",
           "Inès", "Agnès"],
        last=["Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet", "Fontaine", "Rousseau",
              "Mercier", "Lévêque", "Chevalier", "Garnier", "Bérard", "Faure", "Lemaître"]),
    "spanish": dict(
        m=["José", "Íñigo", "Álvaro", "Martín", "Andrés", "Javier", "Joaquín", "Rubén"],
        f=["María", "Lucía", "Sofía", "Begoña", "Núria", "Ainhoa", "Pilar", "Itziar"],
        last=["García", "Fernández", "Martínez", "Muñoz", "Ibáñez", "Sánchez", "Peña", "Gómez",
              "Larrañaga", "Echeverría", "Castillo", "Ortega"]),
    "portuguese": dict(
        m=["João", "Gonçalo", "Thiago", "Rodrigo", "Luís"],
        f=["Inês", "Letícia", "Conceição", "Beatriz", "Mariana"],
        last=["Gonçalves", "Araújo", "Simões", "Magalhães", "Pereira", "Figueiredo"]),
    "nordic": dict(
        m=["Øystein", "Søren", "Bjørn", "Mikael", "Henrik", "Ásgeir", "Lars", "Jørgen"],
        f=["Åsa", "Ingrid", "Sigrún", "Linnéa", "Kjersti", "Solveig", "Maja", "Frøydis"],
        last=["Andersen", "Løvås", "Hansen", "Ødegård", "Nyström", "Lindqvist", "Sørensen",
              "Åberg", "Kristiansen", "Bergström"]),
    "polish": dict(
        m=["Łukasz", "Wojciech", "Paweł", "Grzegorz", "Michał", "Jędrzej"],
        f=["Małgorzata", "Agnieszka", "Zofia", "Katarzyna", "Urszula", "Bożena"],
        last=["Kowalczyk", "Wiśniewski", "Wójcik", "Zieliński", "Lewandowski", "Dąbrowski",
              "Król", "Szymański", "Jabłoński"]),
    "turkish": dict(
        m=["Mehmet", "Emre", "Oğuz", "Burak", "Çağrı"],
        f=["Ayşe", "Çağla", "Gülşen", "Şebnem", "Elif"],
        last=["Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Aydın", "Doğan"]),
    "vietnamese": dict(
        m=["Minh", "Hùng", "Tuấn", "Đức", "Quang"],
        f=["Thảo", "Lan", "Phương", "Quỳnh", "Hương"],
        last=["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Võ", "Huỳnh"]),
    "dutch": dict(
        m=["Daan", "Joris", "Bram", "Sjoerd", "Maarten"],
        f=["Sanne", "Lieke", "Eline", "Fleur", "Marieke"],
        last=["de Vries", "van Dijk", "Jansen", "Bakker", "van den Berg", "Visser", "de Jong"]),
    "italian": dict(
        m=["Lorenzo", "Niccolò", "Matteo", "Giacomo", "Davide"],
        f=["Giulia", "Francesca", "Chiara", "Ilaria", "Benedetta"],
        last=["Rossi", "Esposito", "Bianchi", "Ricci", "Mancini", "Galli", "De Luca"]),
    "indian": dict(
        m=["Arjun", "Rohan", "Vikram", "Sanjay", "Aditya", "Karthik"],
        f=["Priya", "Ananya", "Kavya", "Deepika", "Meera", "Lakshmi"],
        last=["Sharma", "Iyer", "Patel", "Reddy", "Nair", "Gupta", "Banerjee", "Krishnan"]),
    "west_african": dict(
        m=["Chinedu", "Oluwaseun", "Kwame", "Tunde", "Kofi"],
        f=["Ngozi", "Adaeze", "Amara", "Abena", "Folake"],
        last=["Okafor", "Adeyemi", "Mensah", "Eze", "Balogun", "Boateng", "Owusu"]),
    "arabic": dict(
        m=["Omar", "Youssef", "Karim", "Tariq", "Samir"],
        f=["Layla", "Fatima", "Nour", "Rania", "Yasmin"],
        last=["Haddad", "Al-Sayed", "Khoury", "Mansour", "Nasser", "El-Amin"]),
}
CJK = {
    "japanese": dict(
        m=[("太郎", "taro"), ("健太", "kenta"), ("翔", "sho"), ("大輔", "daisuke")],
        f=[("花子", "hanako"), ("由美", "yumi"), ("美咲", "misaki"), ("陽菜", "hina")],
        last=[("山田", "yamada"), ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"),
              ("田中", "tanaka"), ("伊藤", "ito")]),
    "chinese": dict(
        m=[("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun")],
        f=[("娜", "na"), ("敏", "min"), ("静", "jing"), ("秀英", "xiuying")],
        last=[("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
              ("杨", "yang")]),
    "korean": dict(
        m=[("민준", "minjun"), ("지훈", "jihoon"), ("도윤", "doyun")],
        f=[("서연", "seoyeon"), ("하은", "haeun"), ("지민", "jimin")],
        last=[("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi")]),
}
CULTURE_WEIGHTS = [("english", 26), ("german", 10), ("french", 8), ("spanish", 7),
                   ("portuguese", 3), ("nordic", 5), ("polish", 5), ("turkish", 4),
                   ("vietnamese", 4), ("dutch", 3), ("italian", 4), ("indian", 6),
                   ("west_african", 3), ("arabic", 4), ("japanese", 3), ("chinese", 3),
                   ("korean", 2)]


class Person:
    __slots__ = ("first", "last", "first_ascii", "last_ascii", "gender", "culture")

    def __init__(self, first, last, fa, la, gender, culture):
        self.first, self.last = first, last
        self.first_ascii, self.last_ascii = fa, la
        self.gender, self.culture = gender, culture

    @property
    def full(self) -> str:
        if self.culture in CJK:
            return f"{self.last} {self.first}"
        return f"{self.first} {self.last}"


def make_person(rng: random.Random, culture: str | None = None) -> Person:
    if culture is None:
        culture = rng.choices([c for c, _ in CULTURE_WEIGHTS],
                              [w for _, w in CULTURE_WEIGHTS])[0]
    g = rng.choice("mf")
    if culture in CJK:
        pool = CJK[culture]
        f, fa = rng.choice(pool[g])
        l, la = rng.choice(pool["last"])
        return Person(f, l, fa, la, g, culture)
    pool = CULTURES[culture]
    f = rng.choice(pool[g])
    l = rng.choice(pool["last"])
    return Person(f, l, ascii_fold(f), ascii_fold(l), g, culture)


def email_local(rng: random.Random, p: Person) -> str:
    f, l = slug(p.first_ascii), slug(p.last_ascii)
    style = rng.choices(["dot", "initial", "first", "flat", "under"], [55, 20, 10, 10, 5])[0]
    if style == "dot":
        return f"{f}.{l}"
    if style == "initial":
        return f"{f[0]}{l}"
    if style == "first":
        return f"{f}{l[0]}"
    if style == "flat":
        return f"{f}{l}"
    return f"{f}_{l}"


class EmailBook:
    def __init__(self):
        self.used: set[str] = set()

    def make(self, rng: random.Random, p: Person, domain: str) -> str:
        base = email_local(rng, p)
        cand = f"{base}@{domain}"
        k = 2
        while cand.lower() in self.used:
            cand = f"{base}{k}@{domain}"
            k += 1
        self.used.add(cand.lower())
        return cand


EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
PERSONAL_DOMAINS = ["example.com", "example.org", "example.net"]

# ------------------------------------------------------------------------------------------
# Geography, phones (fictitious ranges only)
# ------------------------------------------------------------------------------------------
# city, postal codes, phone area (US/CA area code; others: fictitious prefix)
GEO = {
    "United States": dict(
        cur="USD", local=["english"],
        cities=[("New York", ["10017", "10001", "10036"], "212"),
                ("San Francisco", ["94105", "94107"], "415"),
                ("Austin", ["78701", "78704"], "512"),
                ("Chicago", ["60601", "60606"], "312"),
                ("Seattle", ["98101", "98104"], "206"),
                ("Boston", ["02110", "02116"], "617"),
                ("Denver", ["80202", "80205"], "303"),
                ("Atlanta", ["30303", "30309"], "404")]),
    "Canada": dict(
        cur="USD", local=["english", "french"],
        cities=[("Toronto", ["M5V 2T6", "M5H 2N2"], "416"),
                ("Vancouver", ["V6B 1A1", "V6C 3E8"], "604"),
                ("Montréal", ["H3B 2Y5", "H2X 1Y4"], "514")]),
    "United Kingdom": dict(
        cur="GBP", local=["english"],
        cities=[("London", ["EC2A 4NE", "SE1 9GF", "W1T 3JH"], "20 7946 0"),
                ("Manchester", ["M1 1AE", "M4 5JD"], "161 496 0"),
                ("Birmingham", ["B1 1BB", "B3 2DJ"], "121 496 0"),
                ("Leeds", ["LS1 4DY", "LS11 5QN"], "113 496 0")]),
    "Germany": dict(
        cur="EUR", local=["german"],
        cities=[("Berlin", ["10115", "10969", "10178"], ""),
                ("München", ["80331", "80807"], ""),
                ("Hamburg", ["20095", "22765"], ""),
                ("Köln", ["50667", "50823"], ""),
                ("Frankfurt am Main", ["60311", "60486"], "")]),
    "France": dict(
        cur="EUR", local=["french"],
        cities=[("Paris", ["75008", "75011", "75002"], "1 99 00"),
                ("Lyon", ["69002", "69007"], "4 65 71"),
                ("Bordeaux", ["33000", "33800"], "5 36 49"),
                ("Lille", ["59000", "59800"], "3 53 01"),
                ("Nantes", ["44000", "44200"], "2 61 91")]),
    "Australia": dict(
        cur="USD", local=["english"],
        cities=[("Sydney", ["2000", "2010"], "2 5550"),
                ("Melbourne", ["3000", "3121"], "3 5550"),
                ("Brisbane", ["4000", "4006"], "7 5550")]),
}
SF_COUNTRY_WEIGHTS = [("United States", 34), ("United Kingdom", 16), ("Germany", 18),
                      ("France", 12), ("Canada", 8), ("Australia", 12)]


def phone(rng: random.Random, country: str, area: str, mobile: bool = False) -> str:
    if country in ("United States", "Canada"):
        return f"+1 {area}-555-01{rng.randint(0, 99):02d}"
    if country == "United Kingdom":
        if mobile:
            return f"+44 7700 900{rng.randint(0, 999):03d}"
        return f"+44 {area}{rng.randint(0, 999):03d}"
    if country == "Germany":
        return f"+49 30 901820{rng.randint(0, 99):02d}"
    if country == "France":
        if mobile:
            return f"+33 6 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
        return f"+33 {area} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
    if country == "Australia":
        if mobile:
            return f"+61 491 570 {rng.choice(['156', '157', '158', '159'])}"
        return f"+61 {area} {rng.randint(0, 9999):04d}"
    raise ValueError(country)


STREET_WORDS = ["Maple", "Harbor", "Cedar", "Lake", "Hill", "Mill", "Station", "Market",
                "Church", "King", "Queen", "Park", "Bridge", "Willow", "Elm", "Orchard"]
DE_STREETS = ["Friedrichstraße", "Hauptstraße", "Lindenallee", "Schillerstraße", "Gartenweg",
              "Königsallee", "Am Rosengarten", "Bahnhofstraße", "Mühlenweg", "Große Elbstraße"]
FR_STREETS = ["rue de la Paix", "avenue Victor-Hugo", "rue Lafayette", "boulevard Haussmann",
              "rue des Écoles", "quai de la Fosse", "rue Sainte-Catherine", "place Bellecour"]
MTL_STREETS = ["rue Sainte-Catherine Ouest", "boulevard René-Lévesque", "rue Saint-Denis"]


def street(rng: random.Random, country: str, city: str) -> tuple[str, bool]:
    """Returns (street, is_multiline)."""
    n = rng.randint(1, 2400)
    if country == "Germany":
        return f"{rng.choice(DE_STREETS)} {rng.randint(1, 180)}", False
    if country == "France":
        return f"{rng.randint(1, 140)} {rng.choice(FR_STREETS)}", False
    if city == "Montréal":
        return f"{n} {rng.choice(MTL_STREETS)}", False
    kind = {"United Kingdom": ["Road", "Street", "Lane", "Way"],
            "Australia": ["Street", "Road", "Parade"]}.get(country, ["Street", "Avenue", "Blvd"])
    base = f"{n} {rng.choice(STREET_WORDS)} {rng.choice(kind)}"
    if rng.random() < 0.11:
        extra = rng.choice(["Suite", "Floor", "Unit"]) + f" {rng.randint(2, 40)}"
        return f"{base}\n{extra}", True
    return base, False


# ------------------------------------------------------------------------------------------
# Companies
# ------------------------------------------------------------------------------------------
ROOTS = ["Northwind", "Blue Harbor", "Crestline", "Brightwater", "Ironbridge", "Silverleaf",
         "Kestrel", "Lumen", "Evergreen", "Summit Ridge", "Redwood", "Nimbus", "Granite Peak",
         "Harborview", "Cobalt", "Juniper", "Meridian", "Riverside", "Sable", "Tidewater",
         "Willowmere", "Alder", "Beacon Hill", "Cascade", "Driftwood", "Ember", "Fjordline",
         "Glacier Bay", "Indigo", "Keystone", "Lighthouse", "Oakridge", "Prairie Wind",
         "Sequoia", "Starling", "Thistle", "Verdant", "Wildflower", "Zephyr", "Nordlicht",
         "Sonnenberg", "Bergblick", "Lindenhof", "Étoile", "Belle Rive", "Mont-Clair",
         "Øresund", "Kranich", "Falkenstein", "Rivière", "Copperleaf", "Bluestone", "Halcyon"]
SECTORS = ["Analytics", "Logistics", "Systems", "Foods", "Robotics", "Health", "Energy",
           "Textiles", "Software", "Consulting", "Capital", "Labs", "Manufacturing", "Media",
           "Biotech", "Networks", "Solar", "Freight", "Dental", "Architects", "Brewing",
           "Instruments", "Data", "Outdoor", "Supply", "Insurance", "Telecom", "Packaging"]
DE_SECTORS = ["Maschinenbau", "Logistik", "Feinkost", "Elektrotechnik", "Brauerei",
              "Werkzeugbau", "Spedition", "Medizintechnik"]
LEGAL = {
    "United States": ["Inc.", ", Inc.", "LLC", "Corp.", "Co.", ""],
    "Canada": ["Inc.", "Ltd.", ", Inc.", "Corp."],
    "United Kingdom": ["Ltd", "Limited", "plc", "LLP", ""],
    "Germany": ["GmbH", "AG", "GmbH & Co. KG", "SE"],
    "France": ["SAS", "S.A.", "SARL", ""],
    "Australia": ["Pty Ltd", "Pty. Ltd.", "Limited"],
}
SPECIAL_COMPANIES = [
    ("Acme, Inc.", "United States"),
    ("Müller & Söhne, GmbH", "Germany"),
    ("Yamada Shoji (山田商事) USA, Inc.", "United States"),
    ('Bäckerei "Zum Goldenen Löwen" GmbH', "Germany"),
    ("Nguyễn & Đặng Trading Pty Ltd", "Australia"),
    ('The "Green" Grocer Ltd', "United Kingdom"),
    ("星辰科技 (Xingchen Tech) UK Ltd", "United Kingdom"),
    ("Smith, Fletcher & Hayes LLP", "United States"),
    ("Lefèvre et Fils, SARL", "France"),
    ("Øystein's Nordic Seafood, Inc.", "United States"),
]
LEGAL_WORDS = {"inc", "llc", "corp", "co", "ltd", "limited", "plc", "llp", "gmbh", "ag", "kg",
               "se", "sas", "sa", "sarl", "pty", "the", "et", "fils"}


def company_name(rng: random.Random, country: str) -> str:
    local = GEO[country]["local"][0]
    lasts = CULTURES[local]["last"]
    legal = rng.choice(LEGAL[country])
    r = rng.random()
    if country == "Germany" and r < 0.30:
        l = rng.choice(lasts)
        if rng.random() < 0.3:
            return f"{l} & Söhne, GmbH"
        return f"{l} {rng.choice(DE_SECTORS)} {rng.choice(['GmbH', 'AG', 'GmbH & Co. KG'])}"
    if country == "France" and r < 0.25:
        l = rng.choice(lasts)
        return rng.choice([f"Maison {l}", f"{l} et Fils SARL", f"Atelier {l} SAS",
                           f"Groupe {l} S.A."])
    if r < 0.15:
        a, b = rng.sample(lasts, 2)
        if country in ("United States", "United Kingdom") and rng.random() < 0.5:
            c = rng.choice([x for x in lasts if x not in (a, b)])
            return f"{a}, {b} & {c} LLP"
        return f"{a} & {b} {legal}".strip() if legal and not legal.startswith(",") \
            else f"{a} & {b}{legal}"
    base = f"{rng.choice(ROOTS)} {rng.choice(SECTORS)}"
    if not legal:
        return base
    if legal.startswith(","):
        return f"{base}{legal}"
    return f"{base} {legal}"


def company_domain(name: str, used: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", ascii_fold(name).lower())
    words = [w for w in words if w not in LEGAL_WORDS and w != "s"]
    base = "-".join(words[:3]) or "company"
    dom = f"{base}.example"
    k = 2
    while dom in used:
        dom = f"{base}{k}.example"
        k += 1
    used.add(dom)
    return dom


# ------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------
SNAPSHOT = dt.datetime(2024, 6, 28, 17, 0, 0)


def rand_dt(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """Business-hours-ish timestamp in [start, end] (both naive UTC)."""
    assert start <= end, (start, end)
    days = (end.date() - start.date()).days
    d = start.date() + dt.timedelta(days=rng.randint(0, days))
    for _ in range(3):
        if d.weekday() < 5 or rng.random() < 0.05:
            break
        d = start.date() + dt.timedelta(days=rng.randint(0, days))
    t = dt.datetime(d.year, d.month, d.day, rng.randint(7, 18), rng.randint(0, 59),
                    rng.randint(0, 59))
    if t < start:
        t = start + dt.timedelta(minutes=rng.randint(1, 240), seconds=rng.randint(0, 59))
    if t > end:
        t = max(start, end - dt.timedelta(seconds=rng.randint(0, 3 * 3600)))
    return t


def sf_ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def money_cents(rng: random.Random) -> int:
    tier = rng.choices(["s", "m", "l", "xl"], [40, 35, 20, 5])[0]
    lo, hi = {"s": (1_000, 15_000), "m": (15_000, 80_000), "l": (80_000, 400_000),
              "xl": (400_000, 2_500_000)}[tier]
    v = rng.randint(lo, hi)
    r = rng.random()
    if r < 0.55:
        return (v // 500) * 500 * 100
    if r < 0.85:
        return (v // 50) * 50 * 100
    return v * 100 + rng.randint(0, 99)


# ------------------------------------------------------------------------------------------
# Free text
# ------------------------------------------------------------------------------------------
EVENTS = ["SaaStr Europa", "the Berlin partner day", "Web Summit", "our Q2 webinar",
          "the Paris roadshow", "DreamForce-style user meetup", "the London customer forum"]
PRODUCTS = ["SSO add-on", "data warehouse sync", "the analytics tier", "EU data residency",
            "premium support", "the mobile app", "API access"]


def contact_description(rng: random.Random, p: Person, crlf: bool, multiline: bool) -> str:
    nl = "\r\n" if crlf else "\n"
    if multiline:
        return rng.choice([
            f"Notes from call:{nl}- budget approved{nl}- needs {rng.choice(PRODUCTS)}{nl}"
            f"- follow up in two weeks",
            f"Met at {rng.choice(EVENTS)}.{nl}Interested in {rng.choice(PRODUCTS)}.",
            f"She said \"call me in Q3\".{nl}Assistant handles scheduling.",
            f"Champion for the rollout 🚀{nl}Prefers Teams over phone.",
            f"展示会で名刺交換。{nl}フォローアップ予定。",
            f"Address for invoices:{nl}c/o Buchhaltung{nl}Postfach 12 34",
        ])
    return rng.choice([
        f"Met at {rng.choice(EVENTS)}. Interested in {rng.choice(PRODUCTS)}.",
        'She said "call me in Q3".',
        'He said "send the contract to legal first".',
        "Prefers email over phone ✅",
        "Champion for the rollout 🚀",
        "Based in the DACH region 🇩🇪, speaks German and English.",
        '"Gatekeeper" for IT purchases, route via procurement',
        f"Former customer at another company; knows {rng.choice(PRODUCTS)} well.",
        "Do not call before 10:00 CET.",
        "展示会で名刺交換。",
        f"Reports to the CFO, budget owner for {rng.choice(PRODUCTS)}.",
        "Out on parental leave until September.",
    ])


def opp_description(rng: random.Random, crlf: bool, multiline: bool) -> str:
    nl = "\r\n" if crlf else "\n"
    if multiline:
        return rng.choice([
            f"Next steps:{nl}1. Security review{nl}2. Legal redlines{nl}3. Signature",
            f"Competitor in the deal: incumbent vendor.{nl}Pricing pressure expected.",
            f"Customer said \"we need this live before the audit\".{nl}Timeline is tight.",
            f"Verbal yes ✅{nl}Waiting for PO number.",
            f"Kick-off planned in Munich 🇩🇪{nl}Travel budget approved.",
        ])
    return rng.choice([
        f"Expansion driven by {rng.choice(PRODUCTS)}.",
        'Champion said "this is a must-have for Q4".',
        "Verbal yes ✅ waiting for PO",
        "Fast-track deal 🚀",
        "Multi-year deal, 3 years prepaid.",
        "Procurement requires a vendor questionnaire.",
        "Renewal with 5% uplift, no changes in scope.",
        "Budget moved to next fiscal year; keep warm.",
        "Lost on price; revisit next year.",
        "Pilot with 20 users, success criteria agreed.",
    ])


# ------------------------------------------------------------------------------------------
# CSV helpers
# ------------------------------------------------------------------------------------------
def csv_bytes(header: list[str], rows: list[list[str]], quote_all: bool, eol: str) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                   lineterminator=eol)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header)
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, "r", encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        rows = [dict(zip(header, r)) for r in rd]
    return header, rows


# ------------------------------------------------------------------------------------------
# A. Salesforce
# ------------------------------------------------------------------------------------------
SF_HEADERS = {
    "Account.csv": ["Id", "Name", "Type", "Industry", "BillingStreet", "BillingCity",
                    "BillingPostalCode", "BillingCountry", "Phone", "Website", "OwnerId",
                    "CreatedDate"],
    "Contact.csv": ["Id", "AccountId", "Salutation", "FirstName", "LastName", "Email", "Phone",
                    "MobilePhone", "Title", "MailingCity", "MailingCountry", "LeadSource",
                    "Description", "OwnerId", "CreatedDate"],
    "Opportunity.csv": ["Id", "AccountId", "ContactId", "Name", "StageName", "Amount",
                        "CurrencyIsoCode", "CloseDate", "Probability", "Type", "LeadSource",
                        "Description", "OwnerId", "CreatedDate"],
    "OpportunityContactRole.csv": ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary",
                                   "CreatedDate"],
}
STAGES = [  # name, default probability, exact count
    ("Prospecting", 10, 480), ("Qualification", 10, 432), ("Needs Analysis", 20, 384),
    ("Value Proposition", 50, 336), ("Id. Decision Makers", 60, 288),
    ("Perception Analysis", 70, 240), ("Proposal/Price Quote", 75, 336),
    ("Negotiation/Review", 90, 288), ("Closed Won", 100, 1056), ("Closed Lost", 0, 960),
]
STAGE_PROB = {s: p for s, p, _ in STAGES}
CLOSED = {"Closed Won", "Closed Lost"}
ROLES = ["Decision Maker", "Economic Buyer", "Technical Buyer", "Influencer", "Evaluator",
         "Business User", "Executive Sponsor"]
LEAD_SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"]
ACCOUNT_TYPES = [("Customer - Direct", 30), ("Customer - Channel", 10), ("Prospect", 30),
                 ("Channel Partner / Reseller", 5), ("Installation Partner", 3),
                 ("Technology Partner", 4), ("Other", 6), ("", 12)]
INDUSTRIES = ["Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
              "Communications", "Construction", "Consulting", "Education", "Electronics",
              "Energy", "Engineering", "Entertainment", "Environmental", "Finance",
              "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance",
              "Machinery", "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail",
              "Shipping", "Technology", "Telecommunications", "Transportation", "Utilities",
              "Other"]
TITLES = ["CEO", "CFO", "CTO", "COO", "VP Sales", "VP Engineering", "Head of IT",
          "Procurement Manager", "Operations Director", "IT Manager", "Marketing Manager",
          "Software Engineer", "Director of Finance", "Office Manager", "Data Analyst",
          "Chief Revenue Officer", "Head of Customer Success", "Solutions Architect",
          "Project Manager", "Controller"]
LOCAL_TITLES = {"Germany": ["Geschäftsführer", "Einkaufsleiterin", "Leiter IT",
                            "Teamleiterin Vertrieb"],
                "France": ["Directrice commerciale", "Responsable achats", "DSI",
                           "Chef de projet"]}
OPP_PRODUCTS = ["Platform License", "Renewal 2024", "Expansion - 50 Seats",
                "Professional Services", "Support Upgrade", "Pilot", "Data Migration",
                "Training Package", "Enterprise Agreement", "Add-on: SSO"]
OPP_TYPES = [("New Customer", 55), ("Existing Customer - Upgrade", 20),
             ("Existing Customer - Replacement", 8), ("Existing Customer - Downgrade", 4),
             ("", 13)]

N_ACCOUNTS, N_CONTACTS, N_OPPS = 1200, 3600, 4800
N_PRIVATE_CONTACTS, N_CONTACT_NO_EMAIL = 72, 36
N_OPP_CONTACT_BLANK, N_OPP_NO_ROLES, N_ORPHAN_ROLES, N_AMOUNT_BLANK = 1104, 24, 6, 48
# Results of the seeded draw (asserted by the check so the docstring cannot drift).
N_OCR_ROWS, N_CROSS_ACCOUNT_ROLES = 8176, 64
ROLE_COUNT_DIST = {1: 2229, 2: 1694, 3: 853}
N_ACCOUNT_MULTILINE_STREET = 82
N_CONTACT_MULTILINE_DESC, N_OPP_MULTILINE_DESC = 119, 161


def gen_salesforce() -> dict[str, bytes]:
    rng = random.Random(SF_SEED)
    users = IdSeq("005", rng, skip_rate=0.0)
    user_ids = [users.next() for _ in range(12)]
    user_w = [9, 9, 8, 8, 7, 7, 6, 6, 5, 4, 3, 2]

    # ---- accounts
    countries = [c for c, _ in SF_COUNTRY_WEIGHTS]
    cweights = [w for _, w in SF_COUNTRY_WEIGHTS]
    used_names: set[str] = {n for n, _ in SPECIAL_COMPANIES}
    used_domains: set[str] = set()
    accounts = []
    specials = list(SPECIAL_COMPANIES)
    for i in range(N_ACCOUNTS):
        if i % 100 == 7 and specials:
            name, country = specials.pop(0)
        else:
            country = rng.choices(countries, cweights)[0]
            name = company_name(rng, country)
            while name in used_names:
                name = company_name(rng, country)
            used_names.add(name)
        city, postals, area = rng.choice(GEO[country]["cities"])
        st, _ = street(rng, country, city)
        dom = company_domain(name, used_domains)
        w = rng.random()
        website = "" if w < 0.08 else (f"www.{dom}" if w < 0.5 else f"https://www.{dom}")
        accounts.append(dict(
            Name=name, Type=rng.choices([t for t, _ in ACCOUNT_TYPES],
                                        [x for _, x in ACCOUNT_TYPES])[0],
            Industry="" if rng.random() < 0.07 else rng.choice(INDUSTRIES),
            BillingStreet=st, BillingCity=city, BillingPostalCode=rng.choice(postals),
            BillingCountry=country,
            Phone="" if rng.random() < 0.04 else phone(rng, country, area),
            Website=website, OwnerId=rng.choices(user_ids, user_w)[0],
            created=rand_dt(rng, dt.datetime(2021, 1, 4, 8), dt.datetime(2024, 3, 29, 18)),
            domain=dom, area=area, weight=rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6, 9])))
    accounts.sort(key=lambda a: a["created"])
    acct_ids = IdSeq("001", rng)
    for a in accounts:
        a["Id"] = acct_ids.next()
        a["CreatedDate"] = sf_ts(a["created"])

    # ---- contacts: every account gets at least one; 72 private ones
    owners_idx = list(range(N_ACCOUNTS)) + rng.choices(
        range(N_ACCOUNTS), [a["weight"] for a in accounts],
        k=N_CONTACTS - N_PRIVATE_CONTACTS - N_ACCOUNTS)
    owners_idx += [None] * N_PRIVATE_CONTACTS
    rng.shuffle(owners_idx)
    emails = EmailBook()
    contacts = []
    for ai in owners_idx:
        if ai is None:
            country = rng.choices(countries, cweights)[0]
            culture = None
            acct = None
        else:
            acct = accounts[ai]
            country = acct["BillingCountry"]
            culture = rng.choice(GEO[country]["local"]) if rng.random() < 0.5 else None
        p = make_person(rng, culture)
        city, _, area = rng.choice(GEO[country]["cities"])
        if acct is not None and rng.random() < 0.8:
            city, area = acct["BillingCity"], acct["area"]
        domain = acct["domain"] if acct is not None else rng.choice(PERSONAL_DOMAINS)
        if p.culture in CJK:
            sal = ""
        else:
            r = rng.random()
            sal = ("" if r < 0.45 else "Dr." if r < 0.52 else "Prof." if r < 0.54
                   else ("Mr." if p.gender == "m" else rng.choice(["Ms.", "Ms.", "Mrs."])))
        title = rng.choice(LOCAL_TITLES[country]) if (
            country in LOCAL_TITLES and rng.random() < 0.3) else rng.choice(TITLES)
        lo = acct["created"] if acct else dt.datetime(2021, 2, 1, 8)
        contacts.append(dict(
            acct=ai, person=p, Salutation=sal, FirstName=p.first, LastName=p.last,
            Email=emails.make(rng, p, domain),
            Phone="" if rng.random() < 0.1 else phone(rng, country, area),
            MobilePhone="" if rng.random() < 0.45 else phone(rng, country, area, mobile=True),
            Title="" if rng.random() < 0.06 else title,
            MailingCity=city, MailingCountry=country,
            LeadSource=rng.choices(LEAD_SOURCES + [""], [25, 12, 14, 6, 8, 35])[0],
            OwnerId=acct["OwnerId"] if acct and rng.random() < 0.85
            else rng.choices(user_ids, user_w)[0],
            created=rand_dt(rng, lo, dt.datetime(2024, 5, 31, 18))))
    contacts.sort(key=lambda c: c["created"])
    contact_ids = IdSeq("003", rng)
    for c in contacts:
        c["Id"] = contact_ids.next()
        c["CreatedDate"] = sf_ts(c["created"])
        c["AccountId"] = "" if c["acct"] is None else accounts[c["acct"]]["Id"]
    # descriptions (decided after sorting so multi-line rows are spread over the file)
    for c in contacts:
        r = rng.random()
        if r < 0.03:
            c["Description"] = contact_description(rng, c["person"], rng.random() < 0.35, True)
        elif r < 0.17:
            c["Description"] = contact_description(rng, c["person"], False, False)
        else:
            c["Description"] = ""
    for i in rng.sample(range(N_CONTACTS), N_CONTACT_NO_EMAIL):
        contacts[i]["Email"] = ""
    acct_contacts: list[list[int]] = [[] for _ in accounts]
    for ci, c in enumerate(contacts):
        if c["acct"] is not None:
            acct_contacts[c["acct"]].append(ci)

    # ---- opportunities
    stage_list = [s for s, _, n in STAGES for _ in range(n)]
    rng.shuffle(stage_list)
    opp_acct = rng.choices(range(N_ACCOUNTS), [a["weight"] for a in accounts], k=N_OPPS)
    opps = []
    for stage, ai in zip(stage_list, opp_acct):
        acct = accounts[ai]
        prim = rng.choice(acct_contacts[ai])
        lo = max(acct["created"], contacts[prim]["created"])
        if stage in CLOSED:
            lo = max(lo, dt.datetime(2022, 1, 3, 8))
            created = rand_dt(rng, lo, SNAPSHOT - dt.timedelta(days=11))
            close = created.date() + dt.timedelta(days=rng.randint(10, 200))
            close = min(close, SNAPSHOT.date() - dt.timedelta(days=rng.randint(0, 10)))
            close = max(close, created.date())
        else:
            lo = max(lo, dt.datetime(2023, 6, 1, 8))
            created = rand_dt(rng, lo, SNAPSHOT - dt.timedelta(hours=2))
            close = max(created.date(), SNAPSHOT.date()) + dt.timedelta(days=rng.randint(5, 270))
        short = re.sub(r",? (Inc\.|LLC|Corp\.|Ltd\.?|Limited|GmbH.*|AG|SE|SAS|S\.A\.|SARL|"
                       r"Pty\.? Ltd\.?|plc|LLP)$", "", acct["Name"])
        name = f"{short} - {rng.choice(OPP_PRODUCTS)}"
        r = rng.random()
        desc = (opp_description(rng, rng.random() < 0.35, True) if r < 0.033
                else opp_description(rng, False, False) if r < 0.25 else "")
        opps.append(dict(
            acct=ai, prim=prim, StageName=stage, created=created,
            Name=name, Amount=None, CurrencyIsoCode=GEO[acct["BillingCountry"]]["cur"]
            if rng.random() < 0.9 else rng.choice(["USD", "EUR", "GBP"]),
            CloseDate=close.isoformat(), Probability=str(STAGE_PROB[stage]),
            Type=rng.choices([t for t, _ in OPP_TYPES], [w for _, w in OPP_TYPES])[0],
            Description=desc,
            OwnerId=acct["OwnerId"] if rng.random() < 0.8 else rng.choices(user_ids, user_w)[0]))
    opps.sort(key=lambda o: o["created"])
    opp_ids = IdSeq("006", rng)
    for o in opps:
        o["Id"] = opp_ids.next()
        o["CreatedDate"] = sf_ts(o["created"])
        o["AccountId"] = accounts[o["acct"]]["Id"]
        c = money_cents(rng)
        o["Amount"] = f"{c // 100}.{c % 100:02d}"
    blank_contact = set(rng.sample(range(N_OPPS), N_OPP_CONTACT_BLANK))
    filled = [i for i in range(N_OPPS) if i not in blank_contact]
    no_roles = set(rng.sample(filled, N_OPP_NO_ROLES))
    early = [i for i, o in enumerate(opps) if o["StageName"] in ("Prospecting", "Qualification")]
    for i in rng.sample(early, N_AMOUNT_BLANK):
        opps[i]["Amount"] = ""
    for i, o in enumerate(opps):
        if i in blank_contact:
            o["ContactId"] = ""
            o["LeadSource"] = rng.choices(LEAD_SOURCES + [""], [5, 10, 15, 2, 18, 50])[0]
        else:
            o["ContactId"] = contacts[o["prim"]]["Id"]
            o["LeadSource"] = rng.choices(LEAD_SOURCES + [""], [38, 16, 18, 10, 8, 10])[0]

    # ---- contact roles
    role_rows = []  # (created, opp index, order, contact id, role, is_primary)
    cross = 0
    for i, o in enumerate(opps):
        if i in no_roles:
            continue
        want = rng.choices([1, 2, 3], [40, 35, 25])[0]
        members = [o["prim"]]
        pool = [ci for ci in acct_contacts[o["acct"]] if ci != o["prim"]]
        rng.shuffle(pool)
        while len(members) < want and pool:
            members.append(pool.pop())
        if len(members) < 3 and rng.random() < 0.015:
            other = rng.randrange(N_CONTACTS)
            if contacts[other]["acct"] not in (None, o["acct"]) and other not in members:
                members.append(other)
                cross += 1
        roles = rng.sample(ROLES, len(members))
        for k, ci in enumerate(members):
            # a role is added after both the opportunity and the contact exist
            t = o["created"] if k == 0 else min(
                max(o["created"], contacts[ci]["created"])
                + dt.timedelta(minutes=rng.randint(5, 60 * 24 * 20)), SNAPSHOT)
            role_rows.append([t, i, k, contacts[ci]["Id"], roles[k], k == 0])
    # 6 rows pointing at contacts deleted from the source org (ids that were skipped)
    n_roles = {}
    for r in role_rows:
        n_roles[r[1]] = n_roles.get(r[1], 0) + 1
    cand = [i for i in range(N_OPPS) if n_roles.get(i, 0) in (1, 2)]
    deleted = rng.sample(contact_ids.skipped, N_ORPHAN_ROLES)
    for i, cid in zip(rng.sample(cand, N_ORPHAN_ROLES), deleted):
        o = opps[i]
        used = [r[4] for r in role_rows if r[1] == i]
        role = rng.choice([x for x in ROLES if x not in used])
        t = min(o["created"] + dt.timedelta(minutes=rng.randint(5, 60 * 24 * 5)), SNAPSHOT)
        role_rows.append([t, i, 9, cid, role, False])
    role_rows.sort(key=lambda r: (r[0], r[1], r[2]))
    ocr_ids = IdSeq("00K", rng, skip_rate=0.01)
    ocr = []
    for t, i, _, cid, role, prim in role_rows:
        ocr.append([ocr_ids.next(), opps[i]["Id"], cid, role, "true" if prim else "false",
                    sf_ts(t)])

    out = {}
    out["Account.csv"] = csv_bytes(SF_HEADERS["Account.csv"],
                                   [[a[h] for h in SF_HEADERS["Account.csv"]] for a in accounts],
                                   True, "\r\n")
    out["Contact.csv"] = csv_bytes(SF_HEADERS["Contact.csv"],
                                   [[c[h] for h in SF_HEADERS["Contact.csv"]] for c in contacts],
                                   True, "\r\n")
    out["Opportunity.csv"] = csv_bytes(SF_HEADERS["Opportunity.csv"],
                                       [[o[h] for h in SF_HEADERS["Opportunity.csv"]]
                                        for o in opps], True, "\r\n")
    out["OpportunityContactRole.csv"] = csv_bytes(SF_HEADERS["OpportunityContactRole.csv"],
                                                  ocr, True, "\r\n")
    return out


# ------------------------------------------------------------------------------------------
# B. HubSpot
# ------------------------------------------------------------------------------------------
HS_CONTACT_HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number",
                     "Job Title", "Lifecycle Stage", "Contact owner", "Associated Company IDs",
                     "City", "Country/Region", "Create Date"]
HS_COMPANY_HEADER = ["Record ID", "Company name", "Company Domain Name", "Industry", "City",
                     "Country/Region", "Number of Employees", "Create Date"]
HS_INDUSTRIES = ["Computer Software", "Information Technology and Services",
                 "Financial Services", "Hospital & Health Care", "Retail",
                 "Logistics and Supply Chain", "Marketing and Advertising",
                 "Mechanical or Industrial Engineering", "Renewables & Environment",
                 "Higher Education", "Food & Beverages", "Automotive"]
LIFECYCLE = [("Subscriber", 14), ("Lead", 30), ("Marketing Qualified Lead", 15),
             ("Sales Qualified Lead", 10), ("Opportunity", 10), ("Customer", 18),
             ("Evangelist", 3)]
N_HS_CONTACTS, N_HS_COMPANIES, N_HS_NO_EMAIL, N_HS_NO_COMPANY = 640, 160, 37, 20
BADGE_IMPORT = dt.datetime(2024, 3, 14, 16, 2, 0)


def hs_ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def gen_hubspot() -> dict[str, bytes]:
    rng = random.Random(HS_SEED)
    owners = [make_person(rng, c).full for c in
              ["english", "german", "french", "spanish", "nordic", "indian", "polish"]]
    countries = ["United States", "United Kingdom", "Germany", "France", "Canada", "Australia"]
    cw = [30, 15, 25, 12, 8, 10]
    used_names: set[str] = set()
    used_domains: set[str] = set()
    companies = []
    for i in range(N_HS_COMPANIES):
        country = rng.choices(countries, cw)[0]
        name = company_name(rng, country)
        while name in used_names:
            name = company_name(rng, country)
        used_names.add(name)
        city, _, area = rng.choice(GEO[country]["cities"])
        companies.append(dict(
            name=name, domain=company_domain(name, used_domains), country=country, city=city,
            area=area, industry=rng.choice(HS_INDUSTRIES),
            employees=str(rng.choice([rng.randint(2, 50), rng.randint(50, 500),
                                      rng.randint(500, 12000)])),
            created=rand_dt(rng, dt.datetime(2022, 1, 10, 8), dt.datetime(2024, 2, 28, 18))))
    companies.sort(key=lambda c: c["created"])
    cid = 18_654_321_001
    for c in companies:
        c["id"] = str(cid)
        cid += rng.randint(1, 400_000)

    badge = set(rng.sample(range(N_HS_CONTACTS), N_HS_NO_EMAIL))
    others = [i for i in range(N_HS_CONTACTS) if i not in badge]
    no_company = set(rng.sample(others, N_HS_NO_COMPANY))
    emails = EmailBook()
    contacts = []
    badge_minute = 0
    for i in range(N_HS_CONTACTS):
        comp = None if i in no_company else rng.choice(companies)
        country = comp["country"] if comp else rng.choice(countries)
        p = make_person(rng, rng.choice(GEO[country]["local"]) if rng.random() < 0.45 else None)
        city, _, area = rng.choice(GEO[country]["cities"])
        if comp and rng.random() < 0.85:
            city, area = comp["city"], comp["area"]
        if i in badge:
            email = ""
            stage = rng.choice(["Subscriber", "Lead", "Lead"])
            created = BADGE_IMPORT + dt.timedelta(minutes=badge_minute // 5,
                                                  seconds=rng.randint(0, 59))
            badge_minute += 1
        else:
            email = emails.make(rng, p, comp["domain"] if comp else rng.choice(PERSONAL_DOMAINS))
            stage = rng.choices([s for s, _ in LIFECYCLE], [w for _, w in LIFECYCLE])[0]
            lo = dt.datetime(2022, 3, 1, 8)
            if comp:
                lo = max(lo, comp["created"])
            created = rand_dt(rng, lo, dt.datetime(2024, 6, 27, 18))
        title = rng.choice(LOCAL_TITLES[country]) if (
            country in LOCAL_TITLES and rng.random() < 0.3) else rng.choice(TITLES)
        contacts.append(dict(
            p=p, email=email, stage=stage, created=created, comp=comp, city=city,
            country=country, title="" if rng.random() < 0.08 else title,
            phone="" if rng.random() < (0.5 if i in badge else 0.25)
            else phone(rng, country, area, mobile=rng.random() < 0.3),
            owner=rng.choice(owners)))
    contacts.sort(key=lambda c: c["created"])
    rid = 51_234_567_801
    rows = []
    for k, c in enumerate(contacts):
        if k == 580:  # newer portal records use 12-digit ids
            rid = 101_234_567_890
        rows.append([str(rid), c["p"].first, c["p"].last, c["email"], c["phone"], c["title"],
                     c["stage"], c["owner"], c["comp"]["id"] if c["comp"] else "", c["city"],
                     c["country"], hs_ts(c["created"])])
        rid += rng.randint(1, 90_000)
    comp_rows = [[c["id"], c["name"], c["domain"], c["industry"], c["city"], c["country"],
                  c["employees"], hs_ts(c["created"])] for c in companies]
    return {
        "contacts.csv": csv_bytes(HS_CONTACT_HEADER, rows, True, "\n"),
        "companies.csv": csv_bytes(HS_COMPANY_HEADER, comp_rows, True, "\n"),
    }


# ------------------------------------------------------------------------------------------
# C. Pipedrive
# ------------------------------------------------------------------------------------------
PD_HEADER = ["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Pipeline",
             "Deal - Stage", "Deal - Status", "Deal - Expected close date",
             "Deal - Organization", "Deal - Contact person", "Deal - Owner",
             "Deal - Deal created"]
PD_STAGES = ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made",
             "Negotiations Started"]
PD_BAD_VALUES = ["12k", "TBD", "€ 4.500", "ask Jonas", "1,200.00",
                 "8.5k", "TBD", "€ 12.000", "ask Jonas", "25,000.00",
                 "30K", "tbd", "€ 1.250,50", "ask Jonas re: budget", "3,450.75",
                 "15k", "TBD", "€ 7.800", "ask Jonas", "60,000.00",
                 "4k", "TBD - waiting on procurement", "€ 950"]
PD_BAD_DATES = ["Q3 2024", "31/02/2024", "next week", "2024-13-01", "15.07.2024",
                "Q4 2024", "30/09/2024", "next week", "2024-13-15", "01.08.2024",
                "Q3 2024", "31/02/2024", "end of month", "2024-00-10", "20.09.2024",
                "Q1 2025", "12/11/2024", "next week", "2024-02-30"]
N_PD_DEALS, N_PD_BLANK_VALUE = 500, 10
assert len(PD_BAD_VALUES) == 23 and len(PD_BAD_DATES) == 19
PD_TITLE_TAILS = ["deal", "– 25 seats", "– renewal 2024", "expansion 🚀", "pilot",
                  "– Enterprise plan", "upsell ✅", "– DACH rollout 🇩🇪", "– onboarding package",
                  "Q3 order"]


def pd_value(cents: int) -> str:
    if cents % 100 == 0:
        return str(cents // 100)
    s = f"{cents // 100}.{cents % 100:02d}"
    return s.rstrip("0")


def pd_close(rng: random.Random, created: dt.datetime, status: str) -> str:
    close = created.date() + dt.timedelta(days=rng.randint(14, 180))
    if status == "open" and close < SNAPSHOT.date() - dt.timedelta(days=45):
        # a few open deals stay overdue; most were re-planned into the future
        if rng.random() < 0.8:
            close = SNAPSHOT.date() + dt.timedelta(days=rng.randint(3, 150))
    if status != "open":
        close = min(close, SNAPSHOT.date() - dt.timedelta(days=rng.randint(0, 20)))
        close = max(close, created.date())
    return close.isoformat()


def gen_pipedrive() -> dict[str, bytes]:
    rng = random.Random(PD_SEED)
    owners = [make_person(rng, c).full for c in
              ["german", "english", "nordic", "spanish", "turkish", "french"]]
    countries = ["Germany", "United Kingdom", "United States", "France"]
    used: set[str] = set()
    orgs = []
    for _ in range(140):
        country = rng.choices(countries, [40, 20, 25, 15])[0]
        name = company_name(rng, country)
        while name in used:
            name = company_name(rng, country)
        used.add(name)
        orgs.append((name, country))
    for special in ["Acme, Inc.", "Müller & Söhne, GmbH", "Nguyễn & Đặng Trading Pty Ltd",
                    "Yamada Shoji (山田商事) USA, Inc."]:
        orgs.append((special, "United States" if "Inc." in special else
                     "Germany" if "GmbH" in special else "United Kingdom"))
    deals = []
    for _ in range(N_PD_DEALS):
        org, country = rng.choice(orgs)
        cur = {"Germany": "EUR", "France": "EUR", "United Kingdom": "GBP"}.get(country, "USD")
        created = rand_dt(rng, dt.datetime(2023, 6, 1, 8), dt.datetime(2024, 6, 20, 18))
        status = rng.choices(["open", "won", "lost"], [60, 22, 18])[0]
        short = re.sub(r",? (Inc\.|LLC|Corp\.|Ltd\.?|Limited|GmbH.*|AG|SE|SAS|S\.A\.|SARL|"
                       r"Pty\.? Ltd\.?|plc|LLP)$", "", org)
        c = money_cents(rng) // rng.choice([1, 2, 4])
        deals.append(dict(
            created=created, title=f"{short} {rng.choice(PD_TITLE_TAILS)}",
            value=pd_value(c), cur=cur,
            pipeline=rng.choices(["Sales pipeline", "Partner pipeline"], [80, 20])[0],
            stage=rng.choice(PD_STAGES), status=status,
            close=pd_close(rng, created, status),
            org=org, person=make_person(rng, rng.choice(GEO[country]["local"])
                                        if rng.random() < 0.5 else None).full,
            owner=rng.choice(owners)))
    deals.sort(key=lambda d: d["created"])
    picks = rng.sample(range(N_PD_DEALS), 23 + 19 + N_PD_BLANK_VALUE)
    for i, v in zip(picks[:23], PD_BAD_VALUES):
        deals[i]["value"] = v
        if v.startswith("€"):
            deals[i]["cur"] = "EUR"
    for i, v in zip(picks[23:42], PD_BAD_DATES):
        deals[i]["close"] = v
    for i in picks[42:]:
        deals[i]["value"] = ""
    rows = [[str(k + 1), d["title"], d["value"], d["cur"], d["pipeline"], d["stage"],
             d["status"], d["close"], d["org"], d["person"], d["owner"],
             d["created"].strftime("%Y-%m-%d %H:%M:%S")] for k, d in enumerate(deals)]
    return {"deals.csv": csv_bytes(PD_HEADER, rows, False, "\n")}


# ------------------------------------------------------------------------------------------
# Verification
# ------------------------------------------------------------------------------------------
DEC_RE = re.compile(r"^-?\d+(\.\d+)?$")
SF_AMOUNT_RE = re.compile(r"^\d+\.\d{2}$")
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_ok(s: str) -> bool:
    if not ISO_RE.match(s):
        return False
    try:
        dt.datetime.strptime(s, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def check_salesforce(d: Path) -> list[str]:
    info = []
    raw = {n: (d / n).read_bytes() for n in SF_HEADERS}
    for n, b in raw.items():
        assert not b.startswith(b"\xef\xbb\xbf"), n
        b.decode("utf-8")
        assert b.endswith(b"\r\n"), n
        # every record end is CRLF and every field quoted: header line check
        first = b.split(b"\r\n", 1)[0].decode()
        assert first == ",".join(f'"{h}"' for h in SF_HEADERS[n]), (n, first)
    data = {}
    for n in SF_HEADERS:
        header, rows = read_csv(d / n)
        assert header == SF_HEADERS[n], n
        data[n] = rows
        # every field quoted: re-serialising with QUOTE_ALL must reproduce the file exactly
        assert csv_bytes(header, [[r[h] for h in header] for r in rows], True,
                         "\r\n") == raw[n], n
    acc, con, opp, ocr = (data["Account.csv"], data["Contact.csv"], data["Opportunity.csv"],
                          data["OpportunityContactRole.csv"])
    assert len(acc) == N_ACCOUNTS and len(con) == N_CONTACTS and len(opp) == N_OPPS
    assert len(ocr) == N_OCR_ROWS, len(ocr)
    prefixes = {"Id": None, "AccountId": "001", "ContactId": "003", "OpportunityId": "006",
                "OwnerId": "005"}
    own = {"Account.csv": "001", "Contact.csv": "003", "Opportunity.csv": "006",
           "OpportunityContactRole.csv": "00K"}
    for n, rows in data.items():
        for r in rows:
            for f, pfx in prefixes.items():
                if f in r and r[f] != "":
                    assert sf_id_ok(r[f], pfx or own[n]), (n, f, r[f])
        ids = [r["Id"] for r in rows]
        assert len(set(ids)) == len(ids) and len({i.lower() for i in ids}) == len(ids)
        assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$", r["CreatedDate"])
                   for r in rows)
    acc_ids = {r["Id"] for r in acc}
    con_by_id = {r["Id"]: r for r in con}
    # Accounts
    assert len({r["Name"] for r in acc}) == N_ACCOUNTS
    assert sum("\n" in r["BillingStreet"] for r in acc) == N_ACCOUNT_MULTILINE_STREET
    # Contacts
    assert sum(r["AccountId"] == "" for r in con) == N_PRIVATE_CONTACTS
    assert all(r["AccountId"] in acc_ids for r in con if r["AccountId"])
    assert sum(r["Email"] == "" for r in con) == N_CONTACT_NO_EMAIL
    em = [r["Email"] for r in con if r["Email"]]
    assert all(EMAIL_RE.match(e) and e.count("@") == 1 for e in em)
    assert len({e.lower() for e in em}) == len(em)
    assert sum(("\n" in r["Description"]) for r in con) == N_CONTACT_MULTILINE_DESC
    assert any("\r\n" in r["Description"] for r in con)
    # Opportunities
    assert all(r["AccountId"] in acc_ids for r in opp)
    blank = [r for r in opp if r["ContactId"] == ""]
    assert len(blank) == N_OPP_CONTACT_BLANK and len(opp) - len(blank) == 3696
    assert all(r["ContactId"] in con_by_id for r in opp if r["ContactId"])
    assert sum(r["Amount"] == "" for r in opp) == N_AMOUNT_BLANK
    assert all(SF_AMOUNT_RE.match(r["Amount"]) for r in opp if r["Amount"])
    assert all(r["CurrencyIsoCode"] in ("USD", "EUR", "GBP") for r in opp)
    assert all(iso_ok(r["CloseDate"]) for r in opp)
    assert all(r["LeadSource"] in LEAD_SOURCES + [""] for r in opp + con)
    stage_counts = {s: 0 for s, _, _ in STAGES}
    for r in opp:
        stage_counts[r["StageName"]] += 1
        assert r["Probability"] == str(STAGE_PROB[r["StageName"]])
    assert stage_counts == {s: n for s, _, n in STAGES}, stage_counts
    assert min(stage_counts.values()) >= 100
    assert sum(("\n" in r["Description"]) for r in opp) == N_OPP_MULTILINE_DESC
    # Contact roles
    by_opp: dict[str, list[dict]] = {}
    for r in ocr:
        assert r["IsPrimary"] in ("true", "false") and r["Role"] in ROLES
        by_opp.setdefault(r["OpportunityId"], []).append(r)
    opp_by_id = {r["Id"]: r for r in opp}
    assert all(k in opp_by_id for k in by_opp)
    assert len(opp) - len(by_opp) == N_OPP_NO_ROLES
    assert all(opp_by_id[o["Id"]]["ContactId"] for o in opp if o["Id"] not in by_opp)
    assert all(o["Id"] in by_opp for o in blank)
    dist = {1: 0, 2: 0, 3: 0}
    orphans = 0
    cross = 0
    for oid, rows in by_opp.items():
        assert 1 <= len(rows) <= 3, (oid, len(rows))
        prims = [r for r in rows if r["IsPrimary"] == "true"]
        assert len(prims) == 1
        assert prims[0]["ContactId"] in con_by_id
        o = opp_by_id[oid]
        if o["ContactId"]:
            assert prims[0]["ContactId"] == o["ContactId"]
        assert len({r["ContactId"] for r in rows}) == len(rows)
        dist[len(rows)] += 1
        for r in rows:
            if r["ContactId"] not in con_by_id:
                orphans += 1
                assert r["IsPrimary"] == "false"
            elif con_by_id[r["ContactId"]]["AccountId"] != o["AccountId"]:
                cross += 1
                assert r["IsPrimary"] == "false"
    assert orphans == N_ORPHAN_ROLES, orphans
    assert cross == N_CROSS_ACCOUNT_ROLES, cross
    assert dist == ROLE_COUNT_DIST, dist
    info.append(f"stage counts: {stage_counts}")
    info.append(f"roles per opportunity: {dist}, cross-account roles: {cross}")
    info.append("orphan role rows (line-independent): " + ", ".join(
        f"{r['Id']}->{r['ContactId']}" for r in ocr if r["ContactId"] not in con_by_id))
    return info


def check_hubspot(d: Path) -> list[str]:
    for n in ("contacts.csv", "companies.csv"):
        b = (d / n).read_bytes()
        assert not b.startswith(b"\xef\xbb\xbf") and b"\r" not in b and b.endswith(b"\n")
    h, con = read_csv(d / "contacts.csv")
    assert h == HS_CONTACT_HEADER
    h2, comp = read_csv(d / "companies.csv")
    assert h2 == HS_COMPANY_HEADER
    assert csv_bytes(h, [[r[x] for x in h] for r in con], True, "\n") == \
        (d / "contacts.csv").read_bytes()
    assert csv_bytes(h2, [[r[x] for x in h2] for r in comp], True, "\n") == \
        (d / "companies.csv").read_bytes()
    assert len(con) == N_HS_CONTACTS and len(comp) == N_HS_COMPANIES
    comp_ids = {r["Record ID"] for r in comp}
    assert len(comp_ids) == N_HS_COMPANIES and all(i.isdigit() for i in comp_ids)
    assert len({r["Company Domain Name"] for r in comp}) == N_HS_COMPANIES
    ids = [r["Record ID"] for r in con]
    assert len(set(ids)) == len(ids) and all(i.isdigit() and 11 <= len(i) <= 12 for i in ids)
    blank = [r for r in con if r["Email"] == ""]
    assert len(blank) == N_HS_NO_EMAIL
    assert all(r["Lifecycle Stage"] in ("Subscriber", "Lead") for r in blank)
    em = [r["Email"] for r in con if r["Email"]]
    assert all(EMAIL_RE.match(e) for e in em) and len({e.lower() for e in em}) == len(em)
    assert sum(r["Associated Company IDs"] == "" for r in con) == N_HS_NO_COMPANY
    assert all(r["Associated Company IDs"] in comp_ids for r in con
               if r["Associated Company IDs"])
    assert not any(r["Email"] == "" and r["Associated Company IDs"] == "" for r in con)
    assert all(r["Lifecycle Stage"] in [s for s, _ in LIFECYCLE] for r in con)
    assert all(r["Contact owner"] for r in con)
    assert all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d$", r["Create Date"]) for r in con + comp)
    assert all(r["Number of Employees"].isdigit() for r in comp)
    stages = {}
    for r in con:
        stages[r["Lifecycle Stage"]] = stages.get(r["Lifecycle Stage"], 0) + 1
    bl = {}
    for r in blank:
        bl[r["Lifecycle Stage"]] = bl.get(r["Lifecycle Stage"], 0) + 1
    return [f"lifecycle counts: {stages}", f"blank-email lifecycle: {bl}",
            f"12-digit contact ids: {sum(len(i) == 12 for i in ids)}"]


def check_pipedrive(d: Path) -> list[str]:
    b = (d / "deals.csv").read_bytes()
    assert not b.startswith(b"\xef\xbb\xbf") and b"\r" not in b
    h, rows = read_csv(d / "deals.csv")
    assert h == PD_HEADER
    assert csv_bytes(h, [[r[x] for x in h] for r in rows], False, "\n") == b
    assert len(rows) == N_PD_DEALS and len(b.decode().splitlines()) == N_PD_DEALS + 1
    assert [r["Deal - ID"] for r in rows] == [str(i) for i in range(1, N_PD_DEALS + 1)]
    bad_v, bad_d, blank_v = [], [], []
    for k, r in enumerate(rows):
        line = k + 2
        assert all("\n" not in v for v in r.values())
        assert r["Deal - Stage"] in PD_STAGES and r["Deal - Status"] in ("open", "won", "lost")
        assert r["Deal - Currency"] in ("EUR", "USD", "GBP")
        assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", r["Deal - Deal created"])
        v, c = r["Deal - Value"], r["Deal - Expected close date"]
        assert c != ""
        if v == "":
            blank_v.append(line)
        elif not DEC_RE.match(v):
            bad_v.append((line, r["Deal - ID"], v))
        if not iso_ok(c):
            bad_d.append((line, r["Deal - ID"], c))
    assert len(bad_v) == 23 and len(bad_d) == 19 and len(blank_v) == N_PD_BLANK_VALUE
    lines_v = {x[0] for x in bad_v}
    lines_d = {x[0] for x in bad_d}
    assert not (lines_v & lines_d) and not (set(blank_v) & (lines_v | lines_d))
    assert sorted(v for _, _, v in bad_v) == sorted(PD_BAD_VALUES)
    assert sorted(v for _, _, v in bad_d) == sorted(PD_BAD_DATES)
    return (["bad values (line, id, value):"] + [f"  {x}" for x in bad_v]
            + ["bad close dates (line, id, value):"] + [f"  {x}" for x in bad_d]
            + [f"blank values at lines: {blank_v}"])


def check_all() -> None:
    base = [(d / n).read_bytes() for d in SF_DIRS[:1] for n in SF_HEADERS]
    for d in SF_DIRS[1:]:
        assert [(d / n).read_bytes() for n in SF_HEADERS] == base, d
    report = []
    report += ["== Salesforce"] + check_salesforce(SF_DIRS[0])
    report += ["== HubSpot"] + check_hubspot(HS_DIR)
    report += ["== Pipedrive"] + check_pipedrive(PD_DIR)
    report.append("== files")
    for d in SF_DIRS + [HS_DIR, PD_DIR]:
        for p in sorted(d.glob("*.csv")):
            b = p.read_bytes()
            report.append(f"{p.relative_to(ROOT)}  {len(b)} bytes  "
                          f"sha256 {hashlib.sha256(b).hexdigest()[:16]}")
    print("\n".join(report))
    print("ALL CHECKS PASSED")


def main() -> None:
    if "--check" not in sys.argv[1:]:
        sf = gen_salesforce()
        for d in SF_DIRS:
            for n, b in sf.items():
                write(d / n, b)
        for n, b in gen_hubspot().items():
            write(HS_DIR / n, b)
        for n, b in gen_pipedrive().items():
            write(PD_DIR / n, b)
    check_all()


if __name__ == "__main__":
    main()
