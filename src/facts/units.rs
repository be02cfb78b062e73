//! Thresholds and how measurements compare with them: percentages kept
//! exact in hundredths, the warn / fail limits of a trigger.

use std::fmt;

use super::Status;

/// A threshold such as `"2%"` or `"0.5%"`, kept exact in hundredths of a
/// percent so `count / total > threshold` never suffers float rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent {
    hundredths: u32,
}

impl Percent {
    /// A whole or fractional percentage given in hundredths of a percent.
    pub const fn hundredths(hundredths: u32) -> Percent {
        Percent { hundredths }
    }

    /// Parses `"2%"`, `"0.5%"`, `"0%"`, `"12.25%"`.
    pub fn parse(text: &str) -> Result<Percent, String> {
        let bad = || format!("`{text}` is not a percentage like \"2%\" or \"0.5%\"");
        let number = text.trim().strip_suffix('%').ok_or_else(bad)?.trim();
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty()
            || frac.len() > 2
            || !(whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let whole: u32 = whole.parse().map_err(|_| bad())?;
        let frac: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        if whole > 100 || (whole == 100 && frac > 0) {
            return Err(format!("`{text}` is over 100%"));
        }
        Ok(Percent { hundredths: whole * 100 + frac })
    }

    /// True when `count / total` is strictly above this threshold.
    pub fn exceeded_by(self, count: u64, total: u64) -> bool {
        total > 0 && u128::from(count) * 10_000 > u128::from(self.hundredths) * u128::from(total)
    }

    /// The threshold as a number of percent (for JSON).
    pub fn as_percent(self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.hundredths / 100, self.hundredths % 100);
        match frac {
            0 => write!(f, "{whole}%"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{}%", f10 / 10),
            _ => write!(f, "{whole}.{frac:02}%"),
        }
    }
}

/// `count / total` as a percentage rounded to two decimals (0 when total
/// is 0). A non-zero count never shows as 0: below 0.005% it keeps two
/// significant digits (`0.0033`).
pub fn percent_of(count: u64, total: u64) -> f64 {
    if total == 0 || count == 0 {
        return 0.0;
    }
    // Counts are far below 2^52, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let exact = count as f64 * 100.0 / total as f64;
    let rounded = (exact * 100.0).round() / 100.0;
    if rounded > 0.0 {
        return rounded;
    }
    #[allow(clippy::cast_possible_truncation)]
    let digits = 1 - exact.log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (exact * scale).round() / scale
}

/// A percentage for people: two decimals, more when needed to show it is not 0.
pub fn format_percent(value: f64) -> String {
    if value == 0.0 || value >= 0.01 { format!("{value:.2}%") } else { format!("{value}%") }
}

/// The warn and fail thresholds of one trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Above this: warn.
    pub warn: Option<Percent>,
    /// Above this: fail (ROLLBACK).
    pub fail: Option<Percent>,
}

impl Limits {
    /// The status of `count` out of `total` under these limits.
    pub fn status(&self, count: u64, total: u64) -> Status {
        if self.fail.is_some_and(|p| p.exceeded_by(count, total)) {
            Status::Fail
        } else if self.warn.is_some_and(|p| p.exceeded_by(count, total)) {
            Status::Warn
        } else {
            Status::Pass
        }
    }
}

impl fmt::Display for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.warn, self.fail) {
            (Some(w), Some(x)) => write!(f, "warn > {w}, fail > {x}"),
            (None, Some(x)) => write!(f, "fail > {x}"),
            (Some(w), None) => write!(f, "warn > {w}"),
            (None, None) => f.write_str("report only"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_percentages_exactly() {
        assert_eq!(Percent::parse("2%"), Ok(Percent::hundredths(200)));
        assert_eq!(Percent::parse("0.5%"), Ok(Percent::hundredths(50)));
        assert_eq!(Percent::parse(" 0.05 % "), Ok(Percent::hundredths(5)));
        assert_eq!(Percent::parse("0%"), Ok(Percent::hundredths(0)));
        assert!(Percent::parse("2").is_err());
        assert!(Percent::parse("two%").is_err());
        assert!(Percent::parse("0.125%").is_err());
        assert!(Percent::parse("-1%").is_err());
        assert!(Percent::parse("101%").is_err());
    }

    #[test]
    fn displays_as_written() {
        for text in ["2%", "0.5%", "0.05%", "0%", "12.25%"] {
            assert_eq!(Percent::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn threshold_is_strictly_greater_than() {
        let two = Percent::parse("2%").unwrap();
        assert!(!two.exceeded_by(2, 100));
        assert!(two.exceeded_by(3, 100));
        assert!(two.exceeded_by(97, 4800)); // 2.02%
        assert!(!two.exceeded_by(96, 4800)); // exactly 2%
        let zero = Percent::parse("0%").unwrap();
        assert!(zero.exceeded_by(1, 1_000_000));
        assert!(!zero.exceeded_by(0, 10));
        assert!(!zero.exceeded_by(0, 0));
    }

    #[test]
    fn limits_pick_the_worst_status() {
        let limits = Limits { warn: Percent::parse("1%").ok(), fail: Percent::parse("3%").ok() };
        assert_eq!(limits.status(0, 100), Status::Pass);
        assert_eq!(limits.status(2, 100), Status::Warn);
        assert_eq!(limits.status(4, 100), Status::Fail);
        assert_eq!(limits.to_string(), "warn > 1%, fail > 3%");
    }

    #[test]
    fn a_non_zero_count_never_shows_as_zero() {
        assert!((percent_of(1, 30_001) - 0.0033).abs() < 1e-12);
        assert_eq!(format_percent(percent_of(1, 30_001)), "0.0033%");
        assert_eq!(format_percent(percent_of(1, 200)), "0.50%");
        assert_eq!(format_percent(0.0), "0.00%");
        assert_eq!(format_percent(percent_of(1, 10_000_000)), "0.00001%");
    }

    #[test]
    fn percent_of_rounds_to_two_decimals() {
        assert!((percent_of(1104, 4800) - 23.0).abs() < f64::EPSILON);
        assert!((percent_of(1, 3) - 33.33).abs() < 1e-9);
        assert!((percent_of(5, 0)).abs() < f64::EPSILON);
    }
}
