//! Destination rules: what the real destination refuses (required fields,
//! field lengths, allowed picklist values), so the shadow rejects the same
//! rows; and what it does to records the export never shows: the fields it
//! holds unique, the key it merges records on, and the org's validation
//! rules. A scenario names a schema shipped with the tool (`hubspot`,
//! `salesforce`, see `destinations/`) or its own TOML file, which may
//! `extends` a shipped one with its custom fields and rules.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};

use super::positions::Positions;
use crate::error::{Location, RejectReason, Result, ScenarioError};

/// Schemas shipped with the tool, by name.
pub const BUILTIN: [(&str, &str); 2] = [
    ("hubspot", include_str!("../../destinations/hubspot.toml")),
    ("salesforce", include_str!("../../destinations/salesforce.toml")),
];

/// What the destination accepts for one field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// The destination refuses a record without it.
    #[serde(default)]
    pub required: bool,
    /// Longest value accepted, in characters.
    pub max_length: Option<usize>,
    /// The only values accepted (a picklist).
    pub values: Option<Vec<String>>,
    /// The destination refuses a second record with a value already held
    /// (Salesforce `DUPLICATE_VALUE`).
    #[serde(default)]
    pub unique: bool,
    /// The upsert key: a value twice in one load fails both upserts
    /// (Salesforce "Duplicate external id specified").
    #[serde(default)]
    pub external_id: bool,
    /// Values that differ only in case are different values. By default
    /// the destination ignores case when it compares (HubSpot e-mails,
    /// Salesforce unique and external-id fields unless declared
    /// case-sensitive); surrounding spaces never count, as the mapping
    /// trims every value.
    #[serde(default)]
    pub case_sensitive: bool,
}

/// The key a destination merges records on: a second record with the
/// value of an earlier one becomes that record (HubSpot contacts by e-mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeKey {
    /// The destination field compared.
    pub field: String,
    /// The merge happens (a setting of the destination may switch it).
    pub on: bool,
}

/// One of the org's validation rules: a row the check does not hold for is
/// refused with the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationRule {
    /// The rule's name (`amount_not_negative`).
    pub name: String,
    /// An SQL boolean expression over the object's destination fields that
    /// holds for a valid row; a row where it is false or NULL is refused.
    pub check: String,
    /// The destination's error message.
    pub message: String,
    /// The destination fields the check reads, in schema order.
    pub reads: Vec<String>,
    /// Where the check is written, for an error while it runs.
    pub at: Location,
}

/// What the destination does with one object's records.
#[derive(Debug, Clone, Default)]
pub struct ObjectRules {
    /// Its fields and what each accepts.
    pub fields: IndexMap<String, FieldRule>,
    /// The key its records merge on, if any.
    pub merge: Option<MergeKey>,
    /// Its validation rules, in file order.
    pub rules: Vec<ValidationRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchema {
    /// A shipped schema this one adds to.
    extends: Option<Spanned<String>>,
    #[serde(default)]
    objects: IndexMap<String, RawObject>,
    /// The API presets of a shipped file, read by the cut-over (`super::cutover`).
    #[serde(default, rename = "api")]
    _api: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObject {
    #[serde(default)]
    fields: IndexMap<String, FieldRule>,
    merge: Option<RawMerge>,
    #[serde(default)]
    rule: IndexMap<String, RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table like { key = \"email\" }")]
struct RawMerge {
    key: Spanned<String>,
    #[serde(default = "yes")]
    on: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like { check = \"amount IS NULL OR amount >= 0\", message = \"…\" }"
)]
struct RawRule {
    check: Spanned<String>,
    message: String,
}

/// A destination schema: objects and what the destination does with them.
#[derive(Debug, Clone)]
pub struct Destination {
    /// `hubspot`, or the schema file as the scenario names it.
    pub name: String,
    /// The user's schema file it was read from; `None` for a shipped one.
    pub file: Option<std::path::PathBuf>,
    objects: IndexMap<String, ObjectRules>,
}

impl Destination {
    /// Parses a schema: `path` names it in errors (a shipped one by its
    /// place in the repository). A schema that `extends` a shipped one
    /// starts from it: its fields replace or add to the shipped fields,
    /// its `merge` replaces the shipped one, its rules come after the
    /// shipped rules (a rule of the same name replaces it).
    pub fn parse(name: &str, text: &str, path: &Path) -> Result<Destination> {
        let pos = Positions { path, text };
        let raw: RawSchema = toml::from_str(text).map_err(|e| {
            let message = crate::error::toml_message(e.message());
            let at = e.span().map_or_else(|| Location::file(path), |s| pos.at(s.start));
            ScenarioError::SchemaToml { name: name.to_string(), message }.at(at)
        })?;
        let mut objects = match &raw.extends {
            None => IndexMap::new(),
            Some(base) => {
                let Some(text) = Destination::builtin(base.get_ref()) else {
                    let shipped = BUILTIN.iter().map(|(n, _)| *n).collect();
                    let kind =
                        ScenarioError::UnknownBaseSchema { name: base.get_ref().clone(), shipped };
                    return Err(pos.error(base, kind));
                };
                let shipped = format!("destinations/{}.toml", base.get_ref());
                Destination::parse(base.get_ref(), text, Path::new(&shipped))?.objects
            }
        };
        for (object, raw) in raw.objects {
            let rules = objects.entry(object.clone()).or_default();
            rules.fields.extend(raw.fields);
            if let Some(merge) = raw.merge {
                if !rules.fields.contains_key(merge.key.get_ref()) {
                    let kind = unknown_field(name, &object, merge.key.get_ref(), &rules.fields);
                    return Err(pos.error(&merge.key, kind));
                }
                rules.merge = Some(MergeKey { field: merge.key.into_inner(), on: merge.on });
            }
            for (rule, written) in raw.rule {
                let reads = compile(&pos, name, &object, &rule, &written.check, &rules.fields)?;
                let at = pos.of(&written.check);
                let check = written.check.into_inner();
                let (name, message) = (rule, written.message);
                let parsed = ValidationRule { name, check, message, reads, at };
                match rules.rules.iter_mut().find(|r| r.name == parsed.name) {
                    Some(same) => *same = parsed,
                    None => rules.rules.push(parsed),
                }
            }
        }
        Ok(Destination { name: name.to_string(), file: None, objects })
    }

    /// A shipped schema by name.
    pub fn builtin(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
    }

    /// The destination's fields of an object, if it has the object.
    pub fn object(&self, name: &str) -> Option<&IndexMap<String, FieldRule>> {
        self.objects.get(name).map(|o| &o.fields)
    }

    /// Everything the destination does with an object's records.
    pub fn rules_of(&self, name: &str) -> Option<&ObjectRules> {
        self.objects.get(name)
    }

    /// The destination's object names.
    pub fn object_names(&self) -> impl Iterator<Item = &str> {
        self.objects.keys().map(String::as_str)
    }

    /// Switches an object's merge key on or off (a destination setting,
    /// `[destination] merge = { companies = true }`); false when the object
    /// has no merge key.
    pub(super) fn switch_merge(&mut self, object: &str, on: bool) -> bool {
        match self.objects.get_mut(object).and_then(|o| o.merge.as_mut()) {
            Some(merge) => {
                merge.on = on;
                true
            }
            None => false,
        }
    }
}

impl ObjectRules {
    /// The field its records merge on, when the merge is on.
    pub fn merge_key(&self) -> Option<(&str, &FieldRule)> {
        let merge = self.merge.as_ref().filter(|m| m.on)?;
        Some((merge.field.as_str(), self.fields.get(&merge.field)?))
    }

    /// The fields the destination holds unique (or upserts on), in schema order.
    pub fn unique_fields(&self) -> impl Iterator<Item = (&str, &FieldRule)> {
        self.fields.iter().filter(|(_, r)| r.unique || r.external_id).map(|(n, r)| (n.as_str(), r))
    }
}

impl FieldRule {
    /// Why the destination would refuse `value`, if it would.
    pub fn refuses(&self, field: &str, value: &str) -> Option<RejectReason> {
        if let Some(max) = self.max_length {
            let chars = value.chars().count();
            if chars > max {
                return Some(RejectReason::DestinationTooLong { field: field.into(), chars, max });
            }
        }
        match &self.values {
            Some(values) if !values.iter().any(|v| v == value) => {
                Some(RejectReason::DestinationValue { field: field.into() })
            }
            _ => None,
        }
    }

    /// The SQL expression the destination compares `column` (SQL, already
    /// quoted) by: the value, or its lower case (SQLite's `lower`, which
    /// folds ASCII letters only). An index on the same expression serves it.
    pub fn compared(&self, column: &str) -> String {
        if self.case_sensitive { column.to_string() } else { format!("lower({column})") }
    }
}

/// SQL condition: the row `t` fails the rule whose check is `check` (the
/// check is not true: false or NULL). The check stands on lines of its
/// own, so a `--` comment in it cannot swallow what follows.
pub fn rule_fails(check: &str) -> String {
    format!("NOT coalesce((\n{check}\n), 0)")
}

/// Compiles a rule's check against the object's fields, as SQLite would
/// run it on the shadow; returns the fields it reads. A check that does not
/// compile (a syntax error, an unknown column or the rowid, another table
/// or SQLite's own, a pragma, an aggregate, a random or side-effecting
/// function, more than one statement) is an error at its place in the
/// schema file.
fn compile(
    pos: &Positions<'_>,
    schema: &str,
    object: &str,
    rule: &str,
    check: &Spanned<String>,
    fields: &IndexMap<String, FieldRule>,
) -> Result<Vec<String>> {
    let error_at = |message: String, at: Location| {
        let rule = format!("{object}.{rule}");
        ScenarioError::RuleCheck { schema: schema.to_string(), rule, message }.at(at)
    };
    let error = |message: String| error_at(message, pos.of(check));
    let mut conn = rusqlite::Connection::open_in_memory().map_err(|e| error(e.to_string()))?;
    // The object's row, as the rehearsal gives it to the check: its fields,
    // and no rowid (the shadow's rows reach the check through a subquery).
    let columns: String = fields.keys().map(|f| format!("{}, ", quoted(f))).collect();
    conn.execute_batch(&format!(
        "CREATE TABLE t ({columns}{PK}, PRIMARY KEY ({PK})) WITHOUT ROWID"
    ))
    .map_err(|e| error(e.to_string()))?;
    // The columns SQLite reads while it compiles the check; anything but
    // the row's fields and deterministic functions is refused.
    let read = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let reading = std::sync::Arc::clone(&read);
    conn.authorizer(Some(move |context: AuthContext<'_>| match context.action {
        AuthAction::Select => Authorization::Allow,
        AuthAction::Read { table_name: "t", column_name } if column_name != PK_NAME => {
            let mut read = reading.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            read.push(column_name.to_lowercase());
            Authorization::Allow
        }
        AuthAction::Function { function_name }
            if !UNSTABLE.contains(&function_name.to_lowercase().as_str()) =>
        {
            Authorization::Allow
        }
        _ => Authorization::Deny,
    }))
    .map_err(|e| error(e.to_string()))?;
    let sql = format!("SELECT 1 FROM t WHERE {}", rule_fails(check.get_ref()));
    if let Err(e) = conn.prepare(&sql) {
        let at = offending_token(pos, check, &sql, &e).unwrap_or_else(|| pos.of(check));
        return Err(error_at(sqlite_message(&e), at));
    }
    let read = read.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    Ok(fields.keys().filter(|f| read.contains(&f.to_lowercase())).cloned().collect())
}

/// The compile table's key column, which no check may read.
const PK_NAME: &str = "_shadow_import_pk";
const PK: &str = "\"_shadow_import_pk\"";

/// Functions whose result is not the row's: a check calling one would give
/// another verdict on every run, or reach outside the row.
const UNSTABLE: [&str; 7] = [
    "random",
    "randomblob",
    "load_extension",
    "changes",
    "total_changes",
    "last_insert_rowid",
    "sqlite_offset",
];

/// Where in the schema file SQLite's error points, when it names a token
/// of the check and the check is written as a plain one-line string (no
/// escapes), so its characters stand in the file as they are.
fn offending_token(
    pos: &Positions<'_>,
    check: &Spanned<String>,
    sql: &str,
    e: &rusqlite::Error,
) -> Option<Location> {
    let rusqlite::Error::SqlInputError { offset, .. } = e else { return None };
    let within = usize::try_from(*offset).ok()?.checked_sub(sql.find(check.get_ref().as_str())?)?;
    let span = check.span();
    let written = pos.text.get(span.start + 1..span.end.checked_sub(1)?)?;
    (written == check.get_ref() && within < written.len() && written.is_char_boundary(within))
        .then(|| pos.at(span.start + 1 + within))
}

/// SQLite's own words for an error, without rusqlite's wrapping.
pub fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::MultipleStatement => "more than one statement".to_string(),
        other => other.to_string(),
    }
}

/// A field name as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A `merge` key that is not a field of the object.
fn unknown_field(
    schema: &str,
    object: &str,
    field: &str,
    fields: &IndexMap<String, FieldRule>,
) -> ScenarioError {
    ScenarioError::DestinationField {
        destination: schema.to_string(),
        object: object.to_string(),
        field: field.to_string(),
        suggestion: crate::error::closest(field, fields.keys().map(String::as_str))
            .map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Destination> {
        Destination::parse("org.toml", text, Path::new("org.toml"))
    }

    #[test]
    fn shipped_schemas_parse() {
        for (name, text) in BUILTIN {
            let schema = Destination::parse(name, text, Path::new(name)).unwrap();
            assert!(schema.object_names().count() >= 3, "{name}");
        }
        let hubspot = Destination::parse("hubspot", BUILTIN[0].1, Path::new("x")).unwrap();
        let stage = &hubspot.object("deals").unwrap()["dealstage"];
        assert!(stage.required);
        assert_eq!(stage.refuses("dealstage", "closedwon"), None);
        assert_eq!(
            stage.refuses("dealstage", "Closed Won"),
            Some(RejectReason::DestinationValue { field: "dealstage".into() })
        );
        let salesforce = Destination::parse("salesforce", BUILTIN[1].1, Path::new("x")).unwrap();
        let name = &salesforce.object("opportunities").unwrap()["Name"];
        assert_eq!(
            name.refuses("Name", &"x".repeat(121)),
            Some(RejectReason::DestinationTooLong { field: "Name".into(), chars: 121, max: 120 })
        );
    }

    #[test]
    fn hubspot_merges_contacts_by_email_and_companies_by_domain_only_when_switched_on() {
        let mut hubspot = Destination::parse("hubspot", BUILTIN[0].1, Path::new("x")).unwrap();
        let contacts = hubspot.rules_of("contacts").unwrap();
        let (field, rule) = contacts.merge_key().unwrap();
        assert_eq!(field, "email");
        assert!(!rule.case_sensitive);
        assert_eq!(rule.compared("t.\"email\""), "lower(t.\"email\")");
        assert_eq!(hubspot.rules_of("companies").unwrap().merge_key(), None);
        assert!(hubspot.switch_merge("companies", true));
        assert_eq!(hubspot.rules_of("companies").unwrap().merge_key().unwrap().0, "domain");
        assert!(!hubspot.switch_merge("deals", true));
    }

    #[test]
    fn a_schema_extends_a_shipped_one_with_its_fields_and_rules() {
        let org = parse(
            "extends = \"salesforce\"\n\
             [objects.accounts.fields]\n\
             ERP_Number__c = { external_id = true, unique = true }\n\
             [objects.opportunities.fields]\n\
             Loss_Reason__c = {}\n\
             [objects.opportunities.rule]\n\
             amount_not_negative = { check = \"Amount IS NULL OR Amount >= 0\", message = \"Amount cannot be negative.\" }\n\
             loss_reason = { check = \"StageName <> 'Closed Lost' OR loss_reason__c IS NOT NULL\", message = \"Enter a loss reason.\" }\n",
        )
        .unwrap();
        let accounts = org.rules_of("accounts").unwrap();
        assert!(accounts.fields.contains_key("Name"), "the shipped fields stay");
        let unique: Vec<&str> = accounts.unique_fields().map(|(f, _)| f).collect();
        assert_eq!(unique, ["ERP_Number__c"]);
        let rules = &org.rules_of("opportunities").unwrap().rules;
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].reads, ["Amount"]);
        assert_eq!(
            rules[1].reads,
            ["StageName", "Loss_Reason__c"],
            "case-insensitive, schema order"
        );
    }

    fn refused(text: &str) -> (String, Option<u64>, Option<u64>) {
        match parse(text) {
            Err(crate::error::Error::Scenario { location, kind }) => {
                (kind.to_string(), location.line, location.column)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rule_that_does_not_compile_is_refused_at_its_check() {
        let head = "[objects.deals.fields]\namount = {}\nstage = {}\n[objects.deals.rule]\n";
        let (message, line, column) =
            refused(&format!("{head}positive = {{ check = \"amout >= 0\", message = \"m\" }}\n"));
        assert!(
            message.contains("deals.positive") && message.contains("no such column: amout"),
            "{message}"
        );
        assert_eq!((line, column), (Some(5), Some(23)), "at `amout`, inside the string");
        for (check, words) in [
            ("amount >= ", "syntax error"),
            ("(SELECT count(*) FROM contacts) > 0", "no such table: contacts"),
            ("count(*) > 0", "misuse of aggregate"),
            ("1); DROP TABLE deals; --", "syntax error"),
            ("(SELECT count(*) FROM sqlite_master) > 0", "not authorized"),
            ("EXISTS (SELECT 1 FROM pragma_table_list)", "not authorized"),
            ("random() > 0", "not authorized"),
            ("load_extension('x') IS NULL", "not authorized"),
            ("rowid > 5", "no such column: rowid"),
            ("_shadow_import_pk IS NULL", "prohibited"),
        ] {
            let text = format!("{head}r = {{ check = \"{check}\", message = \"m\" }}\n");
            let (message, line, _) = refused(&text);
            assert!(message.contains(words), "{check}: {message}");
            assert_eq!(line, Some(5));
        }
        let (message, line, _) = refused(
            "[objects.deals]\nmerge = { key = \"emial\" }\n[objects.deals.fields]\nemail = {}\n",
        );
        assert!(message.contains("no field `emial`") && message.contains("email"), "{message}");
        assert_eq!(line, Some(2));
        let (message, line, _) = refused("extends = \"hubspt\"\n");
        assert!(message.contains("hubspot"), "{message}");
        assert_eq!(line, Some(1));
        let (message, line, _) = refused("[objects.deals.fields]\namount = { uniqe = true }\n");
        assert!(message.contains("unique"), "{message}");
        assert_eq!(line, Some(2));
    }
}
