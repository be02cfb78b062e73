//! Thresholds and how measurements compare with them: the units a limit is
//! written in (a percentage kept exact in hundredths, a count, a duration),
//! what keeps a written value from being one, what a trigger measured,
//! the warn / fail limits of a trigger, and the status (pass, warn, fail)
//! of a measurement under them.

use std::fmt;

use serde::Serialize;

/// The unit of a threshold and of the value measured against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Offending rows (values, files …) in percent of all of them.
    Percent,
    /// Offending rows (values, files …), counted.
    Count,
    /// A length of time.
    Duration,
}

/// What keeps a written `warn` or `fail` from being a threshold, whatever
/// trigger it is for: the checks, which know the units each trigger takes,
/// say what is wrong in those terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// A whole number in quotes, `"10"`: a count written as text.
    QuotedCount(u64),
    /// A percentage over 100%, `"150%"`, with its number when it is a
    /// whole one (which, unquoted, would be a count).
    OverHundred(Option<u64>),
    /// A number that is not a whole count of 0 or more: `-1`, `2.5`.
    NotCount,
    /// A whole number too large for a count.
    TooLarge,
    /// Anything else: `"abc"`, `""`, `"1h30"`, `"10 rows"`, `true`.
    Other,
}

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

    /// Parses `"2%"`, `"0.5%"`, `"0%"`, `"12.25%"`; at most 100%, since a
    /// share of rows above that means nothing.
    pub fn parse(text: &str) -> Result<Percent, Unreadable> {
        let bad = Unreadable::Other;
        let number = text.trim().strip_suffix('%').ok_or(bad)?.trim();
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty()
            || frac.len() > 2
            || !(whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()))
        {
            return Err(bad);
        }
        let Ok(whole) = whole.parse::<u64>() else { return Err(Unreadable::OverHundred(None)) };
        let frac: u64 = format!("{frac:0<2}").parse().map_err(|_| bad)?;
        if whole > 100 || (whole == 100 && frac > 0) {
            return Err(Unreadable::OverHundred((frac == 0).then_some(whole)));
        }
        // At most 100% is at most 10 000 hundredths.
        let hundredths = u32::try_from(whole * 100 + frac).map_err(|_| bad)?;
        Ok(Percent { hundredths })
    }

    /// True when `count / total` is strictly above this threshold.
    pub fn exceeded_by(self, count: u64, total: u64) -> bool {
        total > 0 && u128::from(count) * 10_000 > u128::from(self.hundredths) * u128::from(total)
    }

    /// The percentage in hundredths of a percent (at most 10 000).
    pub fn as_hundredths(self) -> u32 {
        self.hundredths
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

/// A length of time in whole seconds, written `"4h"`, `"90m"`, `"30s"` or
/// `"1h30m"` and shown as `5h 30m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration {
    seconds: u64,
}

impl Duration {
    /// A duration of `seconds` seconds.
    pub const fn seconds(seconds: u64) -> Duration {
        Duration { seconds }
    }

    /// The duration in seconds.
    pub fn as_seconds(self) -> u64 {
        self.seconds
    }

    /// Parses hours, minutes and seconds in that order, each at most once
    /// and any of them left out: `"4h"`, `"90m"`, `"1h30m"`, `"1h 30m 5s"`.
    pub fn parse(text: &str) -> Result<Duration, Unreadable> {
        let bad = || Unreadable::Other;
        let mut rest = text.trim();
        let mut seconds: u64 = 0;
        let mut units = [('h', 3600u64), ('m', 60), ('s', 1)].into_iter();
        if rest.is_empty() {
            return Err(bad());
        }
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let (number, tail) = rest.split_at(digits);
            let unit = tail.chars().next().ok_or_else(bad)?;
            let (_, scale) = units.find(|(u, _)| *u == unit).ok_or_else(bad)?;
            let number: u64 = number.parse().map_err(|_| bad())?;
            seconds =
                number.checked_mul(scale).and_then(|s| seconds.checked_add(s)).ok_or_else(bad)?;
            rest = tail[unit.len_utf8()..].trim_start();
        }
        Ok(Duration { seconds })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        let parts: Vec<String> = [(h, 'h'), (m, 'm'), (s, 's')]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, unit)| format!("{n}{unit}"))
            .collect();
        if parts.is_empty() { f.write_str("0s") } else { f.write_str(&parts.join(" ")) }
    }
}

/// One threshold: strictly above it, a trigger warns or fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A share of the rows (values, files …) measured: `"2%"`.
    Percent(Percent),
    /// A number of offending rows (values, files …): `10`.
    Count(u64),
    /// A length of time: `"4h"`.
    Duration(Duration),
}

impl Limit {
    /// The unit it is written in.
    pub fn unit(self) -> Unit {
        match self {
            Limit::Percent(_) => Unit::Percent,
            Limit::Count(_) => Unit::Count,
            Limit::Duration(_) => Unit::Duration,
        }
    }

    /// True when `measured` is strictly above this limit. A percentage or
    /// a count compares with a share, a duration with a time; a limit of
    /// the other kind is never exceeded (the checks stage refuses it).
    pub fn exceeded_by(self, measured: &Measurement) -> bool {
        match (self, *measured) {
            (Limit::Percent(p), Measurement::Share { count, total }) => p.exceeded_by(count, total),
            (Limit::Count(n), Measurement::Share { count, .. }) => count > n,
            (Limit::Duration(d), Measurement::Time(t)) => t > d,
            _ => false,
        }
    }

    /// True for `0%`, which means the same as a count of 0.
    pub fn is_zero_percent(self) -> bool {
        self == Limit::Percent(Percent::hundredths(0))
    }

    /// The threshold as a plain number in its unit.
    pub fn number(self) -> Number {
        match self {
            Limit::Percent(p) => Number::Fraction(p.as_percent()),
            Limit::Count(count) => Number::Whole(count),
            Limit::Duration(time) => Number::Whole(time.as_seconds()),
        }
    }
}

/// A value or a threshold as a plain number in its unit: percent, a
/// count, or seconds (for JSON, and for drawing one against the other).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    /// Percent, which may have decimals.
    Fraction(f64),
    /// A count or a number of seconds.
    Whole(u64),
}

impl Number {
    /// The number as a float, for arithmetic.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Fraction(value) => value,
            // Counts and seconds are far below 2^52: the conversion is exact.
            #[allow(clippy::cast_precision_loss)]
            Number::Whole(n) => n as f64,
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Percent(p) => p.fmt(f),
            Limit::Count(n) => n.fmt(f),
            Limit::Duration(d) => d.fmt(f),
        }
    }
}

/// What a trigger measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measurement {
    /// `count` offending rows (values, files …) out of `total`.
    Share {
        /// The offending ones.
        count: u64,
        /// All of them.
        total: u64,
    },
    /// A length of time (the cut-over window).
    Time(Duration),
}

impl Measurement {
    /// The unit the measurement is shown in when no limit says otherwise.
    pub fn natural_unit(self) -> Unit {
        match self {
            Measurement::Share { .. } => Unit::Percent,
            Measurement::Time(_) => Unit::Duration,
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
    pub warn: Option<Limit>,
    /// Above this: fail (ROLLBACK).
    pub fail: Option<Limit>,
}

impl Limits {
    /// A trigger that fails above `hundredths` hundredths of a percent, with no warn level.
    pub const fn fail_above(hundredths: u32) -> Limits {
        Limits { warn: None, fail: Some(Limit::Percent(Percent::hundredths(hundredths))) }
    }

    /// A trigger that warns above `hundredths` hundredths of a percent and never fails.
    pub const fn warn_above(hundredths: u32) -> Limits {
        Limits { warn: Some(Limit::Percent(Percent::hundredths(hundredths))), fail: None }
    }

    /// The status of `measured` under these limits.
    pub fn status(&self, measured: &Measurement) -> Status {
        if self.fail.is_some_and(|l| l.exceeded_by(measured)) {
            Status::Fail
        } else if self.warn.is_some_and(|l| l.exceeded_by(measured)) {
            Status::Warn
        } else {
            Status::Pass
        }
    }

    /// The unit of the limits: the fail level's, else the warn level's.
    pub fn unit(&self) -> Option<Unit> {
        self.fail.or(self.warn).map(Limit::unit)
    }
}

/// The outcome of one trigger on one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Under every threshold.
    Pass,
    /// Over the warn threshold: allowed, but look at it.
    Warn,
    /// Over the fail threshold: the verdict becomes ROLLBACK.
    Fail,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Pass => "pass",
            Status::Warn => "WARN",
            Status::Fail => "FAIL",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(count: u64, total: u64) -> Measurement {
        Measurement::Share { count, total }
    }

    #[test]
    fn parses_percentages_exactly() {
        assert_eq!(Percent::parse("2%"), Ok(Percent::hundredths(200)));
        assert_eq!(Percent::parse("0.5%"), Ok(Percent::hundredths(50)));
        assert_eq!(Percent::parse(" 0.05 % "), Ok(Percent::hundredths(5)));
        assert_eq!(Percent::parse("0%"), Ok(Percent::hundredths(0)));
        assert_eq!(Percent::parse("100%"), Ok(Percent::hundredths(10_000)));
        assert_eq!(Percent::parse("2"), Err(Unreadable::Other));
        assert!(Percent::parse("two%").is_err());
        assert!(Percent::parse("0.125%").is_err());
        assert!(Percent::parse("-1%").is_err());
        assert_eq!(Percent::parse("101%"), Err(Unreadable::OverHundred(Some(101))));
        assert_eq!(Percent::parse("150.00%"), Err(Unreadable::OverHundred(Some(150))));
        assert_eq!(Percent::parse("100.01%"), Err(Unreadable::OverHundred(None)));
        assert_eq!(Percent::parse("99999999999999999999%"), Err(Unreadable::OverHundred(None)));
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
    fn parses_durations_in_hours_minutes_and_seconds() {
        assert_eq!(Duration::parse("4h"), Ok(Duration::seconds(4 * 3600)));
        assert_eq!(Duration::parse("90m"), Ok(Duration::seconds(90 * 60)));
        assert_eq!(Duration::parse("30s"), Ok(Duration::seconds(30)));
        assert_eq!(Duration::parse("1h30m"), Ok(Duration::seconds(5400)));
        assert_eq!(Duration::parse(" 1h 30m 5s "), Ok(Duration::seconds(5405)));
        assert_eq!(Duration::parse("0s"), Ok(Duration::seconds(0)));
        for bad in
            ["", "4", "h", "4 hours", "30m1h", "1h1h", "1.5h", "-1h", "4d", "99999999999999999999h"]
        {
            assert_eq!(Duration::parse(bad), Err(Unreadable::Other), "{bad}");
        }
    }

    #[test]
    fn durations_show_their_parts() {
        assert_eq!(Duration::parse("90m").unwrap().to_string(), "1h 30m");
        assert_eq!(Duration::parse("4h").unwrap().to_string(), "4h");
        assert_eq!(Duration::seconds(5 * 3600 + 30 * 60).to_string(), "5h 30m");
        assert_eq!(Duration::seconds(3605).to_string(), "1h 5s");
        assert_eq!(Duration::seconds(0).to_string(), "0s");
    }

    #[test]
    fn limits_pick_the_worst_status() {
        let limits = Limits {
            warn: Some(Limit::Percent(Percent::hundredths(100))),
            fail: Some(Limit::Percent(Percent::hundredths(300))),
        };
        assert_eq!(limits.status(&share(0, 100)), Status::Pass);
        assert_eq!(limits.status(&share(2, 100)), Status::Warn);
        assert_eq!(limits.status(&share(4, 100)), Status::Fail);
        assert_eq!(limits.fail.map(Limit::number), Some(Number::Fraction(3.0)));
        assert_eq!(limits.unit(), Some(Unit::Percent));
    }

    #[test]
    fn a_count_limit_compares_the_offending_rows() {
        let limits = Limits { warn: Some(Limit::Count(0)), fail: Some(Limit::Count(10)) };
        assert_eq!(limits.status(&share(0, 5)), Status::Pass);
        assert_eq!(limits.status(&share(10, 20)), Status::Warn, "10 is not above 10");
        assert_eq!(limits.status(&share(11, 1_000_000)), Status::Fail, "no matter the total");
        assert_eq!(limits.fail.map(Limit::number), Some(Number::Whole(10)));
        assert_eq!(limits.unit(), Some(Unit::Count));
        assert!(Limit::Percent(Percent::hundredths(0)).is_zero_percent());
        assert!(!Limit::Count(0).is_zero_percent());
    }

    #[test]
    fn a_duration_limit_compares_a_time() {
        let four_hours = Limit::Duration(Duration::parse("4h").unwrap());
        let limits = Limits { warn: None, fail: Some(four_hours) };
        let time = |text| Measurement::Time(Duration::parse(text).unwrap());
        assert_eq!(limits.status(&time("4h")), Status::Pass);
        assert_eq!(limits.status(&time("5h30m")), Status::Fail);
        assert_eq!(four_hours.number(), Number::Whole(4 * 3600));
        assert_eq!(limits.unit(), Some(Unit::Duration));
        assert_eq!(time("1s").natural_unit(), Unit::Duration);
        assert!(!four_hours.exceeded_by(&share(100, 100)), "a duration never compares with rows");
        assert!(!Limit::Count(0).exceeded_by(&time("9h")), "nor a count with a time");
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
