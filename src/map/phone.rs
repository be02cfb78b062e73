//! Phone numbers: read with the `phonenumber` crate (Google's
//! libphonenumber metadata), in the field's declared region when the number
//! has no country code, checked against the numbering plan of its country,
//! and stored in E.164 (`+442079460018`). A number that is not one says why.
//!
//! A number is kept when libphonenumber finds it valid, or when it has a
//! length its country's numbers have (libphonenumber's "possible number"):
//! a range not known to be assigned (the drama ranges `07700 900xxx`,
//! `06 39 98 xx xx`, ranges opened after the metadata) is no reason for a
//! destination to refuse it. Refused: letters and extensions, a national
//! number without a declared region, a country code no country has, and a
//! length no number of its country has.

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, ParseError};

use crate::error::RejectReason;

/// The E.164 form of `text` (trimmed, not blank), read in `region` when it
/// has no `+` and country code; or why it is not a phone number.
///
/// Only digits and the separators people write (space, `-`, `.`, `/`,
/// parentheses, a non-breaking space, a leading `+`) are accepted: an
/// extension (`ext. 12`) or a letter is refused rather than dropped, since
/// E.164 cannot hold it.
pub fn e164(text: &str, region: Option<Id>) -> Result<String, RejectReason> {
    let plus = text.starts_with('+');
    let mut digits = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' => digits += 1,
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' | '/' => {}
            bad => return Err(RejectReason::PhoneCharacter { bad }),
        }
    }
    if !plus && region.is_none() {
        return Err(RejectReason::PhoneNoCountryCode);
    }
    if digits > 17 {
        // Longer than any number with its country code: not worth parsing.
        return Err(RejectReason::PhoneLength { region: region_code(region), digits });
    }
    let number = phonenumber::parse(region, text).map_err(|e| match e {
        ParseError::InvalidCountryCode => RejectReason::PhoneCountryCode,
        _ => RejectReason::PhoneLength { region: region_code(region), digits },
    })?;
    let e164 = number.format().mode(Mode::E164).to_string();
    // Kept when its length is one its country's numbers have, or when it is
    // in a range the metadata knows to be assigned. A number outside the
    // known ranges (the drama ranges 07700 900xxx, ranges opened since) of
    // a possible length is kept, as the destination would keep it. The
    // length is asked first: the range check runs the metadata's patterns,
    // the costliest step of a phone column's load.
    let database = &*DATABASE;
    let code = number.code().value();
    let meta = number.metadata(database).or_else(|| {
        let all = database.by_code(&code)?;
        all.iter().find(|m| m.is_main_country_for_code()).or(all.first()).copied()
    });
    let national = number.national().to_string().len();
    let possible = meta.is_some_and(|meta| {
        u16::try_from(national).is_ok_and(|n| possible_lengths(meta).any(|l| l == n))
    });
    if possible || number.is_valid() {
        return Ok(e164);
    }
    let Some(meta) = meta else { return Err(RejectReason::PhoneCountryCode) };
    Err(RejectReason::PhoneLength { region: Some(meta.id().to_string()), digits: national })
}

/// The lengths of a country's numbers, of every type (the metadata keeps
/// them per type; its general list is often empty).
fn possible_lengths(meta: &phonenumber::Metadata) -> impl Iterator<Item = u16> + '_ {
    let d = meta.descriptors();
    let types = [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
    ];
    std::iter::once(d.general())
        .chain(types.into_iter().flatten())
        .flat_map(|t| t.possible_length().iter().copied())
}

fn region_code(region: Option<Id>) -> Option<String> {
    region.map(|id| id.as_ref().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(code: &str) -> Option<Id> {
        Some(code.parse().unwrap())
    }

    /// The phonenumber crate keeps its compiled patterns in one shared,
    /// bounded cache: the test of many regions and the timing test must
    /// not run at once, or the timing measures recompiling.
    static CACHE: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// The order of the checks before the length was asked first: the
    /// range check, then the length. Kept here to prove the two agree.
    fn range_first(text: &str, region: Option<Id>) -> Result<String, RejectReason> {
        let number =
            phonenumber::parse(region, text).map_err(|_| RejectReason::PhoneCountryCode)?;
        let e164 = number.format().mode(Mode::E164).to_string();
        if number.is_valid() {
            return Ok(e164);
        }
        let database = &*DATABASE;
        let code = number.code().value();
        let meta = number.metadata(database).or_else(|| {
            let all = database.by_code(&code)?;
            all.iter().find(|m| m.is_main_country_for_code()).or(all.first()).copied()
        });
        let Some(meta) = meta else { return Err(RejectReason::PhoneCountryCode) };
        let national = number.national().to_string().len();
        if u16::try_from(national).is_ok_and(|n| possible_lengths(meta).any(|l| l == n)) {
            return Ok(e164);
        }
        Err(RejectReason::PhoneLength { region: Some(meta.id().to_string()), digits: national })
    }

    #[test]
    fn asking_the_length_first_keeps_and_refuses_the_same_numbers() {
        let _alone = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // 600 numbers from a fixed generator: every length from 3 to 16
        // digits, with and without a country code, in regions with ranges
        // of their own (drama numbers, NANP, trunk zeros, short numbers).
        let regions = ["US", "GB", "DE", "FR", "JP", "BR", "IN", "AU", "CH", "NL"];
        let codes = ["1", "44", "49", "33", "81", "55", "91", "61", "41", "31", "999", "7"];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let (mut kept, mut refused) = (0, 0);
        for _ in 0..600 {
            let len = 3 + next(14) as usize;
            let digits: String = (0..len).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let (text, region) = if next(2) == 0 {
                (format!("+{} {digits}", codes[next(codes.len() as u64) as usize]), None)
            } else {
                (digits, id(regions[next(regions.len() as u64) as usize]))
            };
            // e164's checks before the parse are the same in both orders.
            let too_long = text.chars().filter(char::is_ascii_digit).count() > 17;
            if too_long || phonenumber::parse(region, &text).is_err() {
                continue;
            }
            let (new, old) = (e164(&text, region), range_first(&text, region));
            assert_eq!(new, old, "{text} in {region:?}");
            if new.is_ok() { kept += 1 } else { refused += 1 }
        }
        // Both outcomes are exercised, in numbers.
        assert!(kept > 30 && refused > 30, "kept {kept}, refused {refused}");
    }

    #[test]
    fn numbers_become_e164_in_their_region() {
        let us = id("US");
        assert_eq!(e164("(303) 555-0188", us).as_deref(), Ok("+13035550188"));
        assert_eq!(e164("+1 303-555-0188", None).as_deref(), Ok("+13035550188"));
        assert_eq!(e164("+44 20 7946 0018", us).as_deref(), Ok("+442079460018"));
        assert_eq!(e164("030 901820 45", id("DE")).as_deref(), Ok("+493090182045"));
        assert_eq!(e164("+49 30 90182064", None).as_deref(), Ok("+493090182064"));
        assert_eq!(e164("+33 5 36 49 25 88", None).as_deref(), Ok("+33536492588"));
        assert_eq!(e164("020 7946 0018", id("GB")).as_deref(), Ok("+442079460018"));
        assert_eq!(e164("+51 1 4567890", None).as_deref(), Ok("+5114567890"));
    }

    #[test]
    fn invalid_numbers_say_why() {
        assert_eq!(e164("(303) 555-0188", None), Err(RejectReason::PhoneNoCountryCode));
        assert_eq!(
            e164("+1 303 555 0188 ext. 12", None),
            Err(RejectReason::PhoneCharacter { bad: 'e' })
        );
        assert_eq!(e164("n/a", id("US")), Err(RejectReason::PhoneCharacter { bad: 'n' }));
        assert_eq!(
            e164("555-12", id("US")),
            Err(RejectReason::PhoneLength { region: Some("US".into()), digits: 5 })
        );
        assert_eq!(
            e164("12345678901234567890", id("US")),
            Err(RejectReason::PhoneLength { region: Some("US".into()), digits: 20 })
        );
        assert_eq!(e164("+999 1234 5678", None), Err(RejectReason::PhoneCountryCode));
        // A UK number with a digit too many.
        assert_eq!(
            e164("+44 20 7946 00188", None),
            Err(RejectReason::PhoneLength { region: Some("GB".into()), digits: 11 })
        );
    }

    #[test]
    fn numbers_in_unassigned_ranges_of_the_right_length_are_kept() {
        assert_eq!(e164("+44 7700 900551", None).as_deref(), Ok("+447700900551"));
        assert_eq!(e164("+33 6 39 98 74 84", None).as_deref(), Ok("+33639987484"));
        assert_eq!(e164("07700 900551", id("GB")).as_deref(), Ok("+447700900551"));
    }

    #[test]
    fn a_phone_takes_a_few_microseconds() {
        // The bench maps a million phones: keep an eye on the cost.
        let _alone = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = e164("+49 30 90179999", None);
        let start = std::time::Instant::now();
        for n in 0..2000 {
            let _ = e164(&format!("+49 30 {:08}", 90_180_000 + n), None);
        }
        let each = start.elapsed() / 2000;
        assert!(each < std::time::Duration::from_millis(1), "{each:?}");
    }
}
