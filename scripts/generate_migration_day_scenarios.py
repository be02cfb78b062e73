#!/usr/bin/env python3
"""Writes the migration-day scenarios: one small Salesforce export (accounts,
contacts, opportunities, contact roles) and, per scenario, what the HubSpot
destination holds after the load, as its own export would give it.

  verify-hubspot-load-arrived                 the destination holds what was sent: GO
  verify-deals-without-contacts-in-destination the deal-contact associations of 46 of 200
                                              deals (23%) did not arrive: ROLLBACK
  verify-automation-reassigned-owners         a workflow set every imported contact's and
                                              deal's owner to the integration user: ROLLBACK
  verify-import-results-platform-errors       Data Loader result files: 2 data errors,
                                              18 platform errors (lock, limit): GO, 1 warning
  reconcile-window-35-changes                 35 records created, changed or deleted in the
                                              destination during the window

Python 3, standard library only; deterministic (seeded). `baseline.json` in
each folder is written by `shadow-import baseline` and checked by the tests.
Run: python3 scripts/generate_migration_day_scenarios.py
"""

from __future__ import annotations

import csv
import io
import random
import datetime as dt

from sf_common import SCEN, b62, to18, write

FIRST = ["José", "Zoë", "Ingrid", "Łukasz", "Siobhán", "Mehmet", "Aiko", "Chloé", "Søren",
         "Amara", "Nguyễn", "Björn", "Fatima", "Renée", "Dmitri", "Ana", "Kwame", "Élodie"]
LAST = ["García", "Müller", "O'Connor", "Nowak", "Yılmaz", "Tanaka", "Lefèvre", "Jørgensen",
        "Okafor", "Ferreira", "Kowalski", "Schmidt", "Dubois", "Haddad", "Lindqvist", "Brown"]
COMPANY = ["Nordlicht Logistik", "Müller, Schmidt & Co", "Café Olé S.L.", "Tanaka Seimitsu",
           "Brightwater \"Labs\"", "Ferreira & Filhos", "Ölund Energi AB", "Kowalski Sp. z o.o.",
           "Haddad Trading", "Lindqvist Design", "Dubois Frères", "Okafor Agritech"]
STAGES = {"Prospecting": "appointmentscheduled", "Qualification": "qualifiedtobuy",
          "Needs Analysis": "qualifiedtobuy", "Proposal/Price Quote": "contractsent",
          "Negotiation/Review": "contractsent", "Closed Won": "closedwon", "Closed Lost": "closedlost"}
OWNERS = ["0055e000001AbCdAAK", "0055e000001AbCeAAK", "0055e000001AbCfAAK"]
HS_OWNERS = {"0055e000001AbCdAAK": "51234001", "0055e000001AbCeAAK": "51234002",
             "0055e000001AbCfAAK": "51234003"}
INTEGRATION_USER = "51239999"


def sf(prefix: str, n: int) -> str:
    return to18(prefix + "5e0000" + b62(n * 7919 + 12345, 6))


def rows_csv(header: list[str], rows: list[list[str]], eol: str = "\r\n") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def source(rng: random.Random):
    accounts, contacts, opps, roles = [], [], [], []
    for i in range(40):
        name = f"{COMPANY[i % len(COMPANY)]} {i // len(COMPANY) + 1}" if i >= len(COMPANY) else COMPANY[i]
        dom = "".join(c for c in name.lower() if c.isascii() and c.isalnum())[:18] + ".example"
        accounts.append({"Id": sf("001", i), "Name": name, "Website": dom,
                         "OwnerId": OWNERS[i % 3]})
    for i in range(160):
        f, l = FIRST[rng.randrange(len(FIRST))], LAST[rng.randrange(len(LAST))]
        local = "".join(c for c in (f + "." + l).lower() if c.isascii() and (c.isalnum() or c == "."))
        contacts.append({"Id": sf("003", i), "FirstName": f, "LastName": l,
                         "Email": f"{local}{i}@example.org", "AccountId": accounts[i % 40]["Id"],
                         "OwnerId": OWNERS[rng.randrange(3)]})
    start = dt.date(2026, 12, 1)
    names = list(STAGES)
    for i in range(200):
        stage = names[rng.randrange(len(names))]
        acc = accounts[rng.randrange(40)]
        opps.append({"Id": sf("006", i), "Name": f"{acc['Name']} – renewal {2026 + i % 2}, phase {i % 4 + 1}",
                     "StageName": stage, "Amount": f"{rng.randrange(1500, 250000)}.{rng.randrange(100):02d}",
                     "CloseDate": (start + dt.timedelta(days=rng.randrange(180))).isoformat(),
                     "AccountId": acc["Id"], "OwnerId": OWNERS[rng.randrange(3)]})
    n = 0
    for i, o in enumerate(opps):
        for c in rng.sample(range(160), 1 + (i % 3 == 0)):
            roles.append({"Id": sf("00K", n), "OpportunityId": o["Id"],
                          "ContactId": contacts[c]["Id"], "IsPrimary": "true" if n % 2 == 0 else "false"})
            n += 1
    return accounts, contacts, opps, roles


def write_source(folder, accounts, contacts, opps, roles):
    for name, rows in [("Account", accounts), ("Contact", contacts), ("Opportunity", opps),
                       ("OpportunityContactRole", roles)]:
        header = list(rows[0])
        write(folder / "data" / f"{name}.csv", rows_csv(header, [[r[h] for h in header] for r in rows]))


def destination(accounts, contacts, opps, roles):
    """What HubSpot holds after a faithful load: its own ids, the source key."""
    ids = {}
    for i, r in enumerate(accounts):
        ids[r["Id"]] = str(18_000_000_001 + i * 17)
    for i, r in enumerate(contacts):
        ids[r["Id"]] = str(31_000_000_001 + i * 13)
    for i, r in enumerate(opps):
        ids[r["Id"]] = str(27_000_000_001 + i * 11)
    companies = [{"id": ids[a["Id"]], "source_key": a["Id"], "name": a["Name"],
                  "domain": a["Website"], "owner": HS_OWNERS[a["OwnerId"]]} for a in accounts]
    people = [{"id": ids[c["Id"]], "source_key": c["Id"], "firstname": c["FirstName"],
               "lastname": c["LastName"], "email": c["Email"], "company": ids[c["AccountId"]],
               "owner": HS_OWNERS[c["OwnerId"]]} for c in contacts]
    deals = [{"id": ids[o["Id"]], "source_key": o["Id"], "dealname": o["Name"],
              "dealstage": STAGES[o["StageName"]], "amount": o["Amount"], "closedate": o["CloseDate"],
              "company": ids[o["AccountId"]], "owner": HS_OWNERS[o["OwnerId"]]} for o in opps]
    links = [{"deals": ids[r["OpportunityId"]], "contacts": ids[r["ContactId"]]} for r in roles]
    return {"companies": companies, "contacts": people, "deals": deals, "deal_contacts": links}


def write_export(folder, export):
    for name, rows in export.items():
        header = list(rows[0])
        write(folder / f"{name}.csv", rows_csv(header, [[r[h] for h in header] for r in rows], "\n"))


SCENARIO = """# {comment}
[scenario]
name = "{name}"
description = "{description}"

[[object]]
name = "companies"
file = "data/Account.csv"
key = "Id"
ids = "salesforce"
fields.name   = {{ from = "Name", required = true }}
fields.domain = {{ from = "Website" }}
fields.owner  = {{ from = "OwnerId", map = "owners" }}

[[object]]
name = "contacts"
file = "data/Contact.csv"
key = "Id"
ids = "salesforce"
fields.firstname = {{ from = "FirstName" }}
fields.lastname  = {{ from = "LastName", required = true }}
fields.email     = {{ from = "Email", type = "email", critical = true }}
fields.company   = {{ from = "AccountId", type = "id", ref = "companies" }}
fields.owner     = {{ from = "OwnerId", map = "owners" }}

[[object]]
name = "deals"
file = "data/Opportunity.csv"
key = "Id"
ids = "salesforce"
fields.dealname  = {{ from = "Name", required = true }}
fields.dealstage = {{ from = "StageName", map = "stages", critical = true }}
fields.amount    = {{ from = "Amount", type = "decimal" }}
fields.closedate = {{ from = "CloseDate", type = "date", required = true }}
fields.company   = {{ from = "AccountId", type = "id", ref = "companies" }}
fields.owner     = {{ from = "OwnerId", map = "owners" }}

[[junction]]
name  = "deal_contacts"
file  = "data/OpportunityContactRole.csv"
key   = "Id"
left  = {{ from = "OpportunityId", ref = "deals" }}
right = {{ from = "ContactId", ref = "contacts" }}

[maps.stages]
strict = true
values = {{ "Prospecting" = "appointmentscheduled", "Qualification" = "qualifiedtobuy", "Needs Analysis" = "qualifiedtobuy", "Proposal/Price Quote" = "contractsent", "Negotiation/Review" = "contractsent", "Closed Won" = "closedwon", "Closed Lost" = "closedlost" }}

[maps.owners]
strict = true
values = {{ "0055e000001AbCdAAK" = "51234001", "0055e000001AbCeAAK" = "51234002", "0055e000001AbCfAAK" = "51234003" }}

[pipeline]
closed = ["closedwon", "closedlost"]

[migration_day]
baseline = "baseline.json"
{day}

[triggers]
missing_relationship = {{ parent = "deals", via = "deal_contacts", fail = "2%" }}

[expect]
{expect}
"""


def scenario(name, comment, description, day, expect):
    return SCENARIO.format(name=name, comment=comment, description=description, day=day,
                           expect=expect).encode("utf-8")


def main():
    rng = random.Random(20261207)
    accounts, contacts, opps, roles = source(rng)
    faithful = destination(accounts, contacts, opps, roles)

    def folder(name, comment, description, day, expect):
        f = SCEN / name
        write_source(f, accounts, contacts, opps, roles)
        write(f / "scenario.toml", scenario(name, comment, description, day, expect))
        return f

    f = folder("verify-hubspot-load-arrived",
               "The destination's export after the load holds every record as the mapping sent it.",
               "verify: what arrived in HubSpot is what the baseline and the mapping say",
               'export = "destination"', 'verdict = "go"\ntriggers = []')
    write_export(f / "destination", faithful)

    # 46 of 200 deals (23%) lost every association to a contact in the destination.
    lost = set(d["id"] for d in faithful["deals"][::4][:46])
    broken = dict(faithful)
    broken["deal_contacts"] = [l for l in faithful["deal_contacts"] if l["deals"] not in lost]
    f = folder("verify-deals-without-contacts-in-destination",
               "The incident, found on the destination's data: 46 of 200 deals (23%) arrived without contacts.",
               "verify: the deal-contact associations of 23% of deals did not arrive",
               'export = "destination"',
               'verdict = "rollback"\ntriggers = ["missing_relationship", "arrived_rows:deal_contacts"]')
    write_export(f / "destination", broken)

    reassigned = {k: [dict(r) for r in v] for k, v in faithful.items()}
    for obj in ("contacts", "deals"):
        for r in reassigned[obj]:
            r["owner"] = INTEGRATION_USER
    f = folder("verify-automation-reassigned-owners",
               "A workflow left on during the load set every imported contact's and deal's owner to the integration user.",
               "verify: owners changed after the load toward one value, likely by automation",
               'export = "destination"',
               'verdict = "rollback"\ntriggers = ["changed_after_load:contacts.owner", "changed_after_load:deals.owner"]')
    write_export(f / "destination", reassigned)

    f = folder("verify-import-results-platform-errors",
               "Data Loader result files for contacts: 2 data errors (1.25%, under import_failure's 5%), 18 platform errors.",
               "verify: the loader's result files, data errors apart from platform errors",
               'import_results = "results"',
               'verdict = "go"\ntriggers = []')
    header = ["ID", "FIRSTNAME", "LASTNAME", "EMAIL", "SOURCE_KEY__C"]
    ok, errors = [], []
    platform = ["UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: 0015e00000AbCdE",
                "REQUEST_LIMIT_EXCEEDED:TotalRequests Limit exceeded."]
    for i, c in enumerate(contacts):
        row = [c["FirstName"], c["LastName"], c["Email"], c["Id"]]
        if i in (17, 93):
            errors.append(["", *row, "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"
                           if i == 17 else "INVALID_EMAIL_ADDRESS:Email: invalid email address: " + c["Email"] + ":Email --"])
        elif 120 <= i < 138:
            errors.append(["", *row, platform[0] if i < 132 else platform[1]])
        else:
            ok.append([to18("0035e" + b62(900000 + i, 10)), *row])
    write(f / "results" / "contacts" / "success120726094501.csv", rows_csv(header, ok))
    write(f / "results" / "contacts" / "error120726094501.csv", rows_csv(header + ["ERROR"], errors))

    # Reconcile: 35 records created, changed or deleted during the window.
    before = faithful
    after = {k: [dict(r) for r in v] for k, v in faithful.items()}
    for i, d in enumerate(after["deals"][3:18]):          # 15 stage changes, each to another stage
        d["dealstage"] = "closedwon" if d["dealstage"] != "closedwon" else "closedlost"
    for d in after["deals"][40:45]:                        # 5 amount changes
        d["amount"] = str(round(float(d["amount"]) * 1.1, 2))
    for i in range(3):                                     # 3 new deals
        after["deals"].append({"id": str(27_900_000_001 + i), "source_key": "", "dealname": f"Nordlicht Logistik – upsell {i + 1}",
                               "dealstage": "appointmentscheduled", "amount": f"{12000 + i * 500}.00",
                               "closedate": "2027-02-15", "company": faithful["companies"][0]["id"], "owner": "51234001"})
    for i in range(8):                                     # 8 new contacts, 5 of them already in the source
        if i < 3:
            src = contacts[10 + i]
            c = {"firstname": src["FirstName"], "lastname": src["LastName"], "email": src["Email"].upper()}
        elif i < 5:
            src = contacts[50 + i]
            c = {"firstname": src["FirstName"], "lastname": src["LastName"], "email": f"new{i}@elsewhere.example"}
            c["company"] = before["contacts"][50 + i]["company"]
        elif i < 7:
            c = {"firstname": "Wanjiru", "lastname": f"Kamau-{i}", "email": f"w.kamau{i}@example.net"}
        else:  # typed by a rep, read by a spreadsheet: must stay text in the changes file
            c = {"firstname": "Njeri", "lastname": "=HYPERLINK(\"http://x.example\",\"Kamau\")",
                 "email": "njeri.kamau@example.net"}
        after["contacts"].append({"id": str(31_900_000_001 + i), "source_key": "", **c,
                                  "company": c.get("company", faithful["companies"][1]["id"]), "owner": "51234002"})
    removed = {after["contacts"][70]["id"], after["contacts"][71]["id"]}   # 2 deleted contacts
    after["contacts"] = [c for c in after["contacts"] if c["id"] not in removed]
    after["deal_contacts"] = [l for l in after["deal_contacts"] if l["contacts"] not in removed]
    for c in after["contacts"][100:102]:                   # 2 e-mail changes
        c["email"] = c["email"].replace("@example.org", "@example.com")
    f = folder("reconcile-window-35-changes",
               "A rollback after a window in which reps worked in HubSpot: 35 records created, changed or deleted.",
               "reconcile: what changed in the destination during the window, to carry back to the source",
               'before = "destination-at-load-end"\nafter = "destination-at-rollback"',
               'verdict = "go"\ntriggers = []')
    write_export(f / "destination-at-load-end", before)
    write_export(f / "destination-at-rollback", after)


if __name__ == "__main__":
    main()
