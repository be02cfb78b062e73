"""The benchmark's peer: DuckDB loads the same four generated files and
counts the same defects shadow-import's triggers count, by hand-written SQL.

    python3 bench/duckdb_check.py DIR    # DIR holds data/*.csv and manifest.json

Prints one JSON line of counts. Salesforce ids are compared on their first
15 characters (the case-sensitive part), as the scenario's `ids =
"salesforce"` does.
"""
import json
import sys

import duckdb

STAGES = [
    "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
    "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
    "Negotiation/Review", "Closed Won", "Closed Lost",
]

d = sys.argv[1]
con = duckdb.connect()
con.execute("SET preserve_insertion_order = false")
for table, file in [("account", "Account"), ("contact", "Contact"),
                    ("opportunity", "Opportunity"), ("contact_role", "OpportunityContactRole")]:
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv('{d}/data/{file}.csv', "
        "header = true, all_varchar = true, quote = '\"', escape = '\"', strict_mode = false)"
    )
one = lambda sql, *p: con.execute(sql, list(p)).fetchone()[0]
counts = {
    "rows": {t: one(f"SELECT count(*) FROM {t}") for t in
             ["account", "contact", "opportunity", "contact_role"]},
    "blank_emails": one("SELECT count(*) FROM contact WHERE trim(coalesce(Email, '')) = ''"),
    "unknown_stages": one(
        "SELECT count(*) FROM opportunity WHERE trim(coalesce(StageName, '')) <> '' "
        "AND StageName NOT IN (SELECT unnest(?))", STAGES),
    "orphan_contact_roles": one(
        "SELECT count(*) FROM contact_role r WHERE NOT EXISTS "
        "(SELECT 1 FROM contact c WHERE left(c.Id, 15) = left(r.ContactId, 15))"),
    "deals_without_contact": one(
        "SELECT count(*) FROM opportunity o WHERE NOT EXISTS "
        "(SELECT 1 FROM contact_role r JOIN contact c ON left(c.Id, 15) = left(r.ContactId, 15) "
        "WHERE left(r.OpportunityId, 15) = left(o.Id, 15))"),
}
print(json.dumps(counts))
