//! Ids as exports write them and as spreadsheets damage them: the
//! Salesforce id check (15 or 18 base-62 characters, an 18-character id's
//! suffix agreeing with its letter case), ids in scientific notation
//! (`1.18174E+11`: a spreadsheet rounded the number, the id is gone),
//! Unicode whitespace around ids, and dates a spreadsheet rewrote into its
//! short form (`2/5/24 1:51`).
//!
//! Letter case of an 18-character id: the suffix encodes which letters of
//! the first 15 are upper case. A body whose letters are all one case
//! (`001M000000QFPYSIAU`, `001m000000qfpysiau`) carries no case at all: a
//! spreadsheet or a tool re-cased the whole id, and the suffix restores it.
//! A body of mixed case says which letters are upper case itself; when that
//! contradicts the suffix, the id is not one Salesforce wrote, and it is
//! refused rather than guessed.

use chrono::NaiveDate;

use crate::error::RejectReason;

/// The characters of the 3-character suffix, by the 5 case bits they encode.
const SUFFIX: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// The 18-character case-safe form of a Salesforce id, or why `id` is not
/// one (see the module's note on letter case).
pub fn salesforce_id(id: &str) -> Result<[u8; 18], RejectReason> {
    if let Some(bad) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(RejectReason::SalesforceIdCharacter { bad });
    }
    let id = id.as_bytes();
    if !matches!(id.len(), 15 | 18) {
        return Err(RejectReason::SalesforceIdLength { chars: id.len() });
    }
    let mut full = [0u8; 18];
    full[..15].copy_from_slice(&id[..15]);
    let written = suffix_of(&id[..15]);
    if id.len() == 15 {
        full[15..].copy_from_slice(&written);
        return Ok(full);
    }
    let suffix = [id[15], id[16], id[17]].map(|b| b.to_ascii_uppercase());
    let mut bits = [0u8; 3];
    for (n, code) in suffix.iter().enumerate() {
        bits[n] = match code {
            b'A'..=b'Z' => code - b'A',
            b'0'..=b'5' => code - b'0' + 26,
            _ => return Err(RejectReason::SalesforceIdSuffix),
        };
    }
    let letters = id[..15].iter().filter(|b| b.is_ascii_alphabetic());
    let upper = letters.clone().filter(|b| b.is_ascii_uppercase()).count();
    let one_case = upper == 0 || upper == letters.count();
    if !one_case && (written != [id[15], id[16], id[17]]) {
        let expected = String::from_utf8_lossy(&written).into_owned();
        return Err(RejectReason::SalesforceIdCase { expected });
    }
    for (chunk, bits) in full[..15].chunks_mut(5).zip(bits) {
        for (i, b) in chunk.iter_mut().enumerate() {
            let upper = bits & (1 << i) != 0;
            *b = if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
        }
    }
    full[15..].copy_from_slice(&suffix);
    Ok(full)
}

/// The suffix the letter case of a 15-character body gives.
fn suffix_of(body: &[u8]) -> [u8; 3] {
    let mut suffix = [0u8; 3];
    for (n, chunk) in body.chunks(5).enumerate() {
        let bits = chunk
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_uppercase())
            .fold(0usize, |n, (i, _)| n | 1 << i);
        suffix[n] = SUFFIX[bits];
    }
    suffix
}

/// A number in scientific notation as a spreadsheet or Data Loader writes
/// it: digits, an optional fraction, `E`, an exponent, with either a
/// decimal point (`6.0E7`, `1.18174E+11`) or a signed exponent (`1E+11`).
/// A bare `12E5` is not taken for one: that could be an id.
pub fn is_scientific(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let signed = exponent.starts_with(['+', '-']);
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    digits(whole)
        && fraction.is_none_or(digits)
        && digits(exponent)
        && (fraction.is_some() || signed)
}

/// The checked form of an id written `raw` (trimmed, not blank), into
/// `kept`: refused in scientific notation; with `salesforce`, refused
/// unless a Salesforce id, and extended to its 18-character form.
pub fn check_id(raw: &str, salesforce: bool, kept: &mut String) -> Result<(), RejectReason> {
    kept.clear();
    if salesforce {
        return match salesforce_id(raw) {
            Ok(full) => {
                kept.extend(full.iter().map(|&b| char::from(b)));
                Ok(())
            }
            Err(_) if is_scientific(raw) => Err(RejectReason::ScientificNotationId),
            Err(why) => Err(why),
        };
    }
    if is_scientific(raw) {
        return Err(RejectReason::ScientificNotationId);
    }
    kept.push_str(raw);
    Ok(())
}

/// Whitespace trimmed from ids: Unicode's (ASCII, NBSP, U+2009, U+3000 …)
/// and the invisible zero-width space and BOM, which copy-paste leaves.
fn is_id_padding(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// An id, key or junction end trimmed of Unicode whitespace.
pub fn trim_id(text: &str) -> &str {
    text.trim_matches(is_id_padding)
}

/// The non-ASCII padding trimming removes from an id cell (each value of
/// it when split at `split`): how many characters, or `None` when there is
/// none (ASCII spaces are not counted: they were always trimmed).
pub fn id_padding(cell: &str, split: Option<char>) -> Option<u64> {
    let padding = |value: &str| {
        let kept = trim_id(value);
        let start = value.len() - value.trim_start_matches(is_id_padding).len();
        let removed = value[..start].chars().chain(value[start + kept.len()..].chars());
        removed.filter(|c| !c.is_ascii()).count() as u64
    };
    let removed: u64 = match split {
        Some(separator) => cell.split(separator).map(padding).sum(),
        None => padding(cell),
    };
    (removed > 0).then_some(removed)
}

/// A date or date-time in the short form a spreadsheet rewrites dates into
/// (`2/5/24`, `2/5/2024 1:51`, `2/5/24 1:51 PM`): month and day (either
/// first) that make a real date, and a 2-digit year or a time in hours and
/// minutes (`12/11/2024` alone is a date format, not damage).
pub fn is_spreadsheet_date(text: &str) -> bool {
    let (date, time) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let number = |s: &str, lengths: &[usize]| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = date.split('/').collect();
    let date_ok = match parts.as_slice() {
        [a, b, y] if number(a, &[1, 2]) && number(b, &[1, 2]) && number(y, &[2, 4]) => {
            // A real date read month first (US) or day first.
            let n = |s: &str| s.parse::<u32>().unwrap_or(0);
            let year = if y.len() == 2 { 2000 + n(y) } else { n(y) };
            let year = i32::try_from(year).unwrap_or(0);
            NaiveDate::from_ymd_opt(year, n(a), n(b))
                .or_else(|| NaiveDate::from_ymd_opt(year, n(b), n(a)))
                .is_some()
        }
        _ => false,
    };
    // A day, month and 4-digit year alone is a date format of its own
    // (`12/11/2024`, `30/09/2024`), which CRMs write too: the spreadsheet's
    // mark is the 2-digit year or the time cut to minutes.
    let short_year = parts.last().is_some_and(|y| y.len() == 2);
    let minutes = time.is_some_and(|t| t.matches(':').count() == 1);
    if !short_year && !minutes {
        return false;
    }
    let time_ok = time.is_none_or(|t| {
        let t = t.strip_suffix(" AM").or_else(|| t.strip_suffix(" PM")).unwrap_or(t);
        let parts: Vec<&str> = t.split(':').collect();
        match parts.as_slice() {
            [h, m] => number(h, &[1, 2]) && number(m, &[2]),
            [h, m, s] => number(h, &[1, 2]) && number(m, &[2]) && number(s, &[2]),
            _ => false,
        }
    });
    date_ok && time_ok
}

/// A date a spreadsheet shortened (`2/5/24`) that a declared `%Y` read
/// as the year 24: chrono takes any number of digits for `%Y`, so the
/// year 2024 would silently become 0024.
pub fn short_year_read_whole(year: i32, text: &str) -> bool {
    (0..100).contains(&year) && is_spreadsheet_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Result<String, RejectReason> {
        salesforce_id(text).map(|b| String::from_utf8(b.to_vec()).unwrap())
    }

    #[test]
    fn a_salesforce_id_has_15_or_18_base62_characters() {
        assert_eq!(id("001M000000qfPyS").as_deref(), Ok("001M000000qfPySIAU"));
        assert_eq!(id("001M000000qfPy"), Err(RejectReason::SalesforceIdLength { chars: 14 }));
        assert_eq!(id("001M000000qfPySIA"), Err(RejectReason::SalesforceIdLength { chars: 17 }));
        assert_eq!(id("001M000000qfPy-"), Err(RejectReason::SalesforceIdCharacter { bad: '-' }));
        assert_eq!(id("00ü000000000000"), Err(RejectReason::SalesforceIdCharacter { bad: 'ü' }));
        // 6 to 9 never appear in a suffix.
        assert_eq!(id("001M000000qfPySIA9"), Err(RejectReason::SalesforceIdSuffix));
    }

    #[test]
    fn a_re_cased_id_is_repaired_by_its_suffix_and_a_contradicting_one_refused() {
        // One case throughout: a spreadsheet's UPPER() or lower(); the suffix repairs it.
        assert_eq!(id("001M000000QFPYSIAU").as_deref(), Ok("001M000000qfPySIAU"));
        assert_eq!(id("001m000000qfpysiau").as_deref(), Ok("001M000000qfPySIAU"));
        assert_eq!(id("001M000000qfPySIAU").as_deref(), Ok("001M000000qfPySIAU"));
        // Mixed case that the suffix contradicts: not an id Salesforce wrote.
        assert_eq!(
            id("001M000000qFPySIAU"),
            Err(RejectReason::SalesforceIdCase { expected: "IAW".into() })
        );
        assert_eq!(
            id("001M000000qfPySAAA"),
            Err(RejectReason::SalesforceIdCase { expected: "IAU".into() })
        );
        // No letters at all: nothing to contradict.
        assert_eq!(id("001000000000000AAA").as_deref(), Ok("001000000000000AAA"));
    }

    #[test]
    fn scientific_notation_as_spreadsheets_and_data_loader_write_it() {
        for yes in ["1.18174E+11", "1E+11", "6.0E7", "8.48E10", "-4.5e-3", "1.2E+05"] {
            assert!(is_scientific(yes), "{yes}");
        }
        for no in ["12E5", "118174000000", "E+11", "1.2E", "1.E5", "0015g00000DWr6hAAD", "1.5", ""]
        {
            assert!(!is_scientific(no), "{no}");
        }
    }

    #[test]
    fn check_id_refuses_destroyed_ids_and_normalises_salesforce_ones() {
        let mut kept = String::new();
        assert_eq!(
            check_id("1.18174E+11", false, &mut kept),
            Err(RejectReason::ScientificNotationId)
        );
        assert_eq!(
            check_id("1.18174E+11", true, &mut kept),
            Err(RejectReason::ScientificNotationId)
        );
        assert_eq!(check_id("118174000001", false, &mut kept), Ok(()));
        assert_eq!(kept, "118174000001");
        assert_eq!(check_id("001M000000qfPyS", true, &mut kept), Ok(()));
        assert_eq!(kept, "001M000000qfPySIAU");
        assert_eq!(
            check_id("001M000000qfPy", true, &mut kept),
            Err(RejectReason::SalesforceIdLength { chars: 14 })
        );
    }

    #[test]
    fn ids_are_trimmed_of_unicode_whitespace_and_the_padding_counted() {
        assert_eq!(trim_id("\u{a0}001M000000qfPyS\u{3000}"), "001M000000qfPyS");
        assert_eq!(trim_id("\u{2009} 42\u{200B}\t"), "42");
        assert_eq!(trim_id("a\u{a0}b"), "a\u{a0}b");
        assert_eq!(id_padding("\u{a0}42\u{3000}\u{3000}", None), Some(3));
        assert_eq!(id_padding("  42 ", None), None);
        assert_eq!(id_padding("4\u{a0}2", None), None);
        assert_eq!(id_padding("1;\u{a0}2\u{a0};3", Some(';')), Some(2));
        assert_eq!(id_padding("", None), None);
    }

    #[test]
    fn a_short_year_read_by_a_declared_four_digit_year_is_spreadsheet_damage() {
        use crate::map::{Value, convert};
        use crate::scenario::FieldType;
        let utc = chrono_tz::UTC;
        let date = |f, t| convert(FieldType::Date, Some(f), utc, t);
        let format = "%m/%d/%Y".to_string();
        assert_eq!(date("%m/%d/%Y", "2/5/24"), Err(RejectReason::SpreadsheetDate { format }));
        assert_eq!(date("%m/%d/%Y", "2/5/2024"), Ok(Value::Text("2024-02-05".into())));
        assert_eq!(date("%m/%d/%y", "2/5/24"), Ok(Value::Text("2024-02-05".into())));
        let datetime = |f, t| convert(FieldType::Datetime, Some(f), utc, t);
        let format = "%m/%d/%Y %H:%M".to_string();
        assert_eq!(
            datetime("%m/%d/%Y %H:%M", "2/5/24 1:51"),
            Err(RejectReason::SpreadsheetDate { format })
        );
        assert_eq!(
            datetime("%m/%d/%Y %H:%M", "2/5/2024 1:51"),
            Ok(Value::Text("2024-02-05T01:51:00".into()))
        );
        // Without a declared format the ISO readings never take 2/5/24.
        assert_eq!(
            convert(FieldType::Datetime, None, utc, "2/5/24 1:51"),
            Err(RejectReason::SpreadsheetDate { format: "%Y-%m-%dT%H:%M:%S".into() })
        );
    }

    #[test]
    fn short_spreadsheet_dates_are_recognised() {
        for yes in ["2/5/24 1:51", "2/5/24", "12/31/2024 0:00", "2/5/24 13:51:09", "2/5/24 1:51 PM"]
        {
            assert!(is_spreadsheet_date(yes), "{yes}");
        }
        for no in [
            "2024-02-05",
            "2/5",
            "2/5/24 1:5",
            "02.05.2024",
            "Q3 2024",
            "2/5/245",
            "a/b/cc",
            "31/02/2024",
            "13/13/24",
            "12/11/2024",
            "2/5/2024 13:51:09",
        ] {
            assert!(!is_spreadsheet_date(no), "{no}");
        }
    }
}

/// The id rules as an object's and a junction's plan apply them to rows.
#[cfg(test)]
mod plan_tests {
    use csv::StringRecord;

    use crate::error::RejectReason;
    use crate::map::{Coverage, JunctionPlan, Link, ObjectPlan, Reject};
    use crate::parse::CsvFile;
    use crate::scenario::Scenario;

    const SCENARIO: &str = "[scenario]\nname = \"t\"\n\
        [[object]]\nname = \"companies\"\nfile = \"a.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
        fields.name = { from = \"Name\" }\n\
        [[object]]\nname = \"contacts\"\nfile = \"c.csv\"\nkey = \"ID\"\n\
        fields.company = { from = \"ACCOUNTID\", type = \"id\", ref = \"companies\" }\n\
        fields.zip = { from = \"Zip\" }\n\
        [[junction]]\nname = \"links\"\nfile = \"j.csv\"\n\
        left = { from = \"ContactId\", ref = \"contacts\" }\n\
        right = { from = \"AccountId\", ref = \"companies\" }\n";

    /// Maps each data row of `csv` as object `n` (0 companies, 1 contacts)
    /// of [`SCENARIO`]: the key or the reject.
    fn objects(n: usize, csv: &str) -> Vec<Result<(String, Vec<String>), Reject>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(["a.csv", "c.csv"][n]), csv).unwrap();
        let scenario =
            Scenario::parse(SCENARIO, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let object = &scenario.objects[n];
        let mut file = CsvFile::open(&object.source).unwrap();
        let plan = ObjectPlan::new(&scenario, object, &file).unwrap();
        let (mut record, mut out) = (StringRecord::new(), Vec::new());
        while file.read(&mut record).unwrap().is_some() {
            let (mut key, mut values, mut unmapped) = (String::new(), Vec::new(), Vec::new());
            let mapped =
                plan.map(&record, &mut key, &mut values, &mut unmapped, &mut Coverage::default());
            out.push(mapped.map(|()| {
                let values = values.iter().map(|v| format!("{v:?}")).collect();
                (key, values)
            }));
        }
        out
    }

    /// Maps each data row of `csv` through [`SCENARIO`]'s junction.
    fn junction(csv: &str) -> Vec<Result<Vec<Link>, Reject>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("j.csv"), csv).unwrap();
        let scenario =
            Scenario::parse(SCENARIO, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let junction = &scenario.junctions[0];
        let mut file = CsvFile::open(&junction.source).unwrap();
        let plan = JunctionPlan::new(&scenario, junction, &file).unwrap();
        let (mut record, mut out) = (StringRecord::new(), Vec::new());
        while file.read(&mut record).unwrap().is_some() {
            let mut links = Vec::new();
            out.push(plan.map(&record, &mut links).map(|()| links));
        }
        out
    }

    fn reason<T>(result: &Result<T, Reject>) -> Option<(&str, &RejectReason, &str)> {
        result
            .as_ref()
            .err()
            .map(|r| (r.column.as_deref().unwrap_or(""), &r.reason, r.raw.as_str()))
    }

    #[test]
    fn a_key_or_ref_in_scientific_notation_is_refused_naming_its_column() {
        let rows = objects(
            1,
            "ID,ACCOUNTID,Zip\n1.18174E+11,001M000000qfPyS,02134\n118174000001,8.48E10,2134\n\
             118174000002,001M000000qfPyS,1.5E+3\n",
        );
        let sci = &RejectReason::ScientificNotationId;
        assert_eq!(reason(&rows[0]), Some(("ID", sci, "1.18174E+11")));
        assert_eq!(reason(&rows[1]), Some(("ACCOUNTID", sci, "8.48E10")));
        // Not an id column: a zip stays text as written.
        assert_eq!(rows[2].as_ref().unwrap().0, "118174000002");
    }

    #[test]
    fn salesforce_keys_and_refs_that_are_no_id_are_refused_with_the_reason() {
        let rows = objects(
            0,
            "Id,Name\n001M000000qfPy,a\n001M000000qfPy-,b\n001M000000qfPySIA9,c\n\
             001M000000qFPySIAU,d\n001M000000QFPYSIAU,e\n1.18174E+11,f\n",
        );
        let reasons: Vec<_> =
            rows.iter().map(|r| reason(r).map(|(_, why, _)| why.clone())).collect();
        assert_eq!(
            reasons,
            [
                Some(RejectReason::SalesforceIdLength { chars: 14 }),
                Some(RejectReason::SalesforceIdCharacter { bad: '-' }),
                Some(RejectReason::SalesforceIdSuffix),
                Some(RejectReason::SalesforceIdCase { expected: "IAW".into() }),
                None,
                Some(RejectReason::ScientificNotationId),
            ]
        );
        // A re-cased 18-character id gets its case back from its suffix.
        assert_eq!(rows[4].as_ref().unwrap().0, "001M000000qfPySIAU");
        // A ref to a Salesforce-id object is checked the same way.
        let refs = objects(1, "ID,ACCOUNTID,Zip\n1,001M000000qfPy,x\n2,001M000000qfPyS,x\n");
        let length = &RejectReason::SalesforceIdLength { chars: 14 };
        assert_eq!(reason(&refs[0]), Some(("ACCOUNTID", length, "001M000000qfPy")));
        assert!(refs[1].as_ref().unwrap().1[0].contains("001M000000qfPySIAU"));
    }

    #[test]
    fn a_junction_end_through_a_destroyed_or_bad_id_is_refused_never_linked() {
        let rows = junction(
            "ContactId,AccountId\n1.18174E+11,001M000000qfPyS\n42,001M000000qfPy\n\
             \u{a0}42\u{3000},001M000000qfPyS\u{2009}\n",
        );
        let sci = &RejectReason::ScientificNotationId;
        assert_eq!(reason(&rows[0]), Some(("ContactId", sci, "1.18174E+11")));
        let length = &RejectReason::SalesforceIdLength { chars: 14 };
        assert_eq!(reason(&rows[1]), Some(("AccountId", length, "001M000000qfPy")));
        let links = rows[2].as_ref().unwrap();
        assert_eq!((links[0].left.as_str(), links[0].right.as_str()), ("42", "001M000000qfPySIAU"));
    }

    #[test]
    fn keys_and_refs_are_trimmed_of_unicode_whitespace() {
        let rows =
            objects(0, "Id,Name\n\u{3000}001M000000qfPyS\u{a0},a\n\u{2009}001M000000qfPyT,b\n");
        assert_eq!(rows[0].as_ref().unwrap().0, "001M000000qfPySIAU");
        assert_eq!(rows[1].as_ref().unwrap().0, "001M000000qfPyTIAU");
        let refs = objects(1, "ID,ACCOUNTID,Zip\n\u{feff}7\u{200b},\u{a0}001M000000qfPyS,x\n");
        let (key, values) = refs[0].as_ref().unwrap();
        assert_eq!(key, "7");
        assert!(values[0].contains("\"001M000000qfPySIAU\""), "{values:?}");
    }
}
