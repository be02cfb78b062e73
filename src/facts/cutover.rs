//! The cut-over projection: will the load fit the window and the API
//! budget. Plain data and pure arithmetic: the destination API's limits
//! ([`ApiLimits`], each value with its source), what is to be sent
//! ([`Load`], in dependency order), and the timeline [`project`] makes of
//! them (one [`Step`] per load, then validation). Times are kept in
//! milliseconds and shown in whole seconds.

use serde::Serialize;

use super::{Duration, Percent};

/// Milliseconds in a day: the daily caps are read as a rolling 24 hours
/// from the load's start (HubSpot resets at midnight in the portal's zone,
/// so this is the cautious reading).
pub const DAY_MS: u64 = 24 * 3600 * 1000;

/// A limit's value with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// When the value was read from its source (`2026-12-06`); `None`
    /// for a value the scenario sets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The page it was read from, or `scenario.toml:41:1` for an override,
    /// or what an assumption rests on.
    pub source: String,
}

/// A rate limit: at most `calls` calls per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rate {
    /// Calls allowed in each interval.
    pub calls: u64,
    /// The interval, in seconds.
    #[serde(serialize_with = "seconds")]
    pub per: Duration,
}

/// How the destination takes links (lookups and junction rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Links {
    /// Every link is an association, sent in calls of its own (HubSpot).
    Associations,
    /// A lookup is a field of its record; a junction row is a record of
    /// its own object (Salesforce).
    Records,
}

/// What the destination API allows, as a preset names it or the scenario
/// overrides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiLimits {
    /// The preset's name (`hubspot-starter`), if one is used.
    pub preset: Option<String>,
    /// What the API is, in words (`HubSpot private app, Free or Starter`).
    pub title: String,
    /// Most records one call (one batch) takes.
    pub records_per_call: Sourced<u64>,
    /// The rate limit, if the API has one.
    pub rate: Option<Sourced<Rate>>,
    /// Calls (batches) allowed per day.
    pub daily_calls: Option<Sourced<u64>>,
    /// Records allowed per day.
    pub daily_records: Option<Sourced<u64>>,
    /// Largest upload of one job, in bytes.
    pub upload_bytes: Option<Sourced<u64>>,
    /// How long one call takes from the caller's side, in milliseconds:
    /// with `concurrency` callers this bounds the pace when the rate does not.
    pub call_ms: Sourced<u64>,
    /// How links are sent.
    pub links: Sourced<Links>,
    /// Most links one association call takes (for [`Links::Associations`]).
    pub links_per_call: Option<Sourced<u64>>,
}

/// What one step of the load sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LoadKind {
    /// The records of an object, or the rows of a junction sent as records.
    Records,
    /// The links of a lookup field or a junction, sent as associations.
    Associations {
        /// The two objects linked (`deals`, `contacts`).
        between: (String, String),
    },
}

/// Where a step's record count comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum CountSource {
    /// This rehearsal's rows (loaded and rejected: a refused record costs its call too).
    Rehearsed,
    /// The full export's count, declared in `[cutover] counts` or read from a baseline.
    Declared {
        /// The rehearsal's count it replaces.
        rehearsed: u64,
    },
    /// The rehearsal's links, scaled by the owning object's full count.
    Scaled {
        /// The rehearsal's links.
        rehearsed: u64,
        /// The owning object's full count.
        full: u64,
        /// The owning object's rehearsed count.
        of: u64,
    },
}

/// One thing the load sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Load {
    /// The object or junction (`contacts`, `deal_contacts`), or the lookup
    /// (`deals.company`) whose links an association step sends.
    pub name: String,
    /// Records or associations.
    #[serde(flatten)]
    pub kind: LoadKind,
    /// Records (or links) to send.
    pub records: u64,
    /// Where `records` comes from.
    pub counted: CountSource,
    /// Records per call.
    pub per_call: u64,
    /// Bytes to upload, when the API limits an upload's size (the export
    /// file's size, scaled like its rows).
    pub bytes: Option<u64>,
}

/// What sets the pace of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// The rate limit (`190 calls per 10s`).
    Rate,
    /// The callers: calls × call time ÷ concurrency.
    Callers,
}

/// One step of the projected timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What is sent.
    pub load: Load,
    /// Calls needed: records ÷ per call, rounded up.
    pub calls: u64,
    /// Its time under the rate limit alone (after other integrations' share).
    pub rate_ms: Option<u64>,
    /// Its time with the callers alone.
    pub callers_ms: u64,
    /// Which of the two sets the pace.
    pub pace: Pace,
    /// Time spent waiting for a daily cap to refill.
    pub waited_ms: u64,
    /// Uploads needed when the API limits an upload's size.
    pub uploads: Option<u64>,
    /// Start, from the window's opening.
    pub start_ms: u64,
    /// End, from the window's opening.
    pub end_ms: u64,
}

/// How long validating the loaded data takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum Validation {
    /// Declared in `[cutover] validation`.
    Declared {
        /// The time declared.
        #[serde(serialize_with = "seconds")]
        time: Duration,
    },
    /// Measured: this rehearsal's load and reference checks took
    /// `rehearsal_ms` for `rows` rows; scaled to `full_rows` and rounded
    /// up to whole minutes.
    Measured {
        /// What the rehearsal took.
        rehearsal_ms: u64,
        /// Rows it read.
        rows: u64,
        /// Rows of the full export.
        full_rows: u64,
    },
}

impl Validation {
    /// The validation time, in milliseconds.
    pub fn ms(self) -> u64 {
        match self {
            Validation::Declared { time } => time.as_seconds() * 1000,
            Validation::Measured { rehearsal_ms, rows, full_rows } => {
                let scaled = ceil_div(
                    u128::from(rehearsal_ms) * u128::from(full_rows.max(rows)),
                    u128::from(rows.max(1)),
                );
                let minute = 60_000u128;
                let minutes = ceil_div(scaled, minute).max(1);
                u64::try_from(minutes * minute).unwrap_or(u64::MAX)
            }
        }
    }
}

/// The cut-over's settings the projection needs beside the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    /// When the window opens, in its zone (`2027-03-13 18:00 Europe/London`), if set.
    #[serde(serialize_with = "opening")]
    pub start: Option<chrono::DateTime<chrono_tz::Tz>>,
    /// The window's length.
    #[serde(serialize_with = "seconds")]
    pub length: Duration,
    /// Calls in flight at once.
    pub concurrency: u64,
    /// The share of every budget other integrations use.
    #[serde(serialize_with = "percent")]
    pub others: Percent,
}

impl Window {
    /// The clock time `ms` after the window opens, in the window's zone
    /// (`2027-03-13 22:46 GMT`); `None` without a start.
    pub fn clock(&self, ms: u64) -> Option<String> {
        let start = self.start?;
        let later = i64::try_from(ms).ok().and_then(chrono::TimeDelta::try_milliseconds)?;
        let at = start.checked_add_signed(later)?;
        Some(at.format("%Y-%m-%d %H:%M %Z").to_string())
    }
}

/// A window's opening as `2027-03-13 18:00 Europe/London`.
fn opening<S: serde::Serializer>(
    start: &Option<chrono::DateTime<chrono_tz::Tz>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match start {
        Some(at) => serializer.serialize_str(&format!(
            "{} {}",
            at.format("%Y-%m-%d %H:%M"),
            at.timezone().name()
        )),
        None => serializer.serialize_none(),
    }
}

/// The projected cut-over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Projection {
    /// The window and the callers.
    pub window: Window,
    /// The destination API.
    pub api: ApiLimits,
    /// The load, a step after the other in dependency order.
    pub steps: Vec<Step>,
    /// When the load ends, from the window's opening.
    pub load_end_ms: u64,
    /// The validation after the load.
    pub validation: Validation,
    /// When validation ends, from the window's opening.
    pub end_ms: u64,
    /// Calls of every step.
    pub calls: u64,
    /// Records of every step that sends records (not associations).
    pub records: u64,
    /// Calls a day allows after other integrations' share.
    pub day_calls: Option<u64>,
    /// Records a day allows after other integrations' share.
    pub day_records: Option<u64>,
    /// Calls the rate limit allows within the window, after the share.
    pub window_calls: Option<u64>,
}

/// The share of `amount` left after `others` took theirs, rounded down.
pub fn left_after(amount: u64, others: Percent) -> u64 {
    let left = 10_000 - u128::from(others_hundredths(others));
    u64::try_from(u128::from(amount) * left / 10_000).unwrap_or(u64::MAX)
}

/// `others` in hundredths of a percent, at most 10 000.
fn others_hundredths(others: Percent) -> u32 {
    others.as_hundredths().min(10_000)
}

/// `a ÷ b` rounded up.
fn ceil_div(a: u128, b: u128) -> u128 {
    if b == 0 { 0 } else { a.div_ceil(b) }
}

/// The calls `records` need at `per_call` a call: rounded up.
pub fn calls_for(records: u64, per_call: u64) -> u64 {
    if per_call == 0 { 0 } else { records.div_ceil(per_call) }
}

/// The time `calls` take under `rate`, after `others` took their share,
/// in milliseconds, rounded up. `None` when the share leaves nothing.
pub fn rate_ms(calls: u64, rate: Rate, others: Percent) -> Option<u64> {
    let left = 10_000 - u128::from(others_hundredths(others));
    let per_second = u128::from(rate.calls) * left; // calls per `per`, × 10 000
    if per_second == 0 {
        return None;
    }
    let ms =
        ceil_div(u128::from(calls) * u128::from(rate.per.as_seconds()) * 1000 * 10_000, per_second);
    u64::try_from(ms).ok()
}

/// The time `calls` take with `concurrency` callers, each call `call_ms`:
/// the calls go in rounds of `concurrency` (one call is not shared).
pub fn callers_ms(calls: u64, call_ms: u64, concurrency: u64) -> u64 {
    let rounds = ceil_div(u128::from(calls), u128::from(concurrency.max(1)));
    let ms = rounds * u128::from(call_ms);
    u64::try_from(ms).unwrap_or(u64::MAX)
}

/// Calls and records used so far against the daily caps.
struct Used {
    calls: u64,
    records: u64,
}

/// Daily caps after other integrations' share.
#[derive(Clone, Copy)]
struct Caps {
    calls: Option<u64>,
    records: Option<u64>,
}

/// Most days a projection waits for the caps before it gives up (ten years).
const MAX_DAYS: u64 = 3650;

impl Caps {
    /// Runs `calls` calls of `per_call` records from `start`, at `pace_ms`
    /// for all of them, waiting at each cap for the next day: returns the
    /// end and the time waited.
    fn run(
        &self,
        used: &mut Used,
        start: u64,
        calls: u64,
        per_call: u64,
        pace_ms: u64,
    ) -> (u64, u64) {
        let (mut t, mut left, mut waited) = (start, calls, 0u64);
        while left > 0 {
            let day = t / DAY_MS;
            let room = self.room(used, day, per_call);
            if room == 0 {
                if day >= MAX_DAYS {
                    return (u64::MAX, u64::MAX);
                }
                let next = (day + 1) * DAY_MS;
                waited += next - t;
                t = next;
                continue;
            }
            let m = left.min(room);
            let dt = ceil_div(u128::from(pace_ms) * u128::from(m), u128::from(calls));
            t = t.saturating_add(u64::try_from(dt).unwrap_or(u64::MAX));
            used.calls += m;
            used.records = used.records.saturating_add(m.saturating_mul(per_call));
            left -= m;
        }
        (t, waited)
    }

    /// Calls that may still start on `day` (0 = the first 24 hours).
    fn room(&self, used: &Used, day: u64, per_call: u64) -> u64 {
        let mut room = u64::MAX;
        if let Some(cap) = self.calls {
            room = room.min(cap.saturating_mul(day + 1).saturating_sub(used.calls));
        }
        if let Some(cap) = self.records {
            let records = cap.saturating_mul(day + 1).saturating_sub(used.records);
            room = room.min(records / per_call.max(1));
        }
        room
    }
}

/// Projects `loads`, sent one after the other from the window's opening,
/// then `validation`: the timeline and the budgets.
pub fn project(
    window: Window,
    api: ApiLimits,
    loads: Vec<Load>,
    validation: Validation,
) -> Projection {
    let others = window.others;
    let caps = Caps {
        calls: api.daily_calls.as_ref().map(|c| left_after(c.value, others)),
        records: api.daily_records.as_ref().map(|c| left_after(c.value, others)),
    };
    let mut used = Used { calls: 0, records: 0 };
    let mut t = 0u64;
    let mut steps = Vec::with_capacity(loads.len());
    let (mut calls, mut records) = (0u64, 0u64);
    for load in loads {
        let n = calls_for(load.records, load.per_call);
        let rate = api.rate.as_ref().and_then(|r| rate_ms(n, r.value, others));
        let callers = callers_ms(n, api.call_ms.value, window.concurrency);
        let (pace, pace_ms) = match rate {
            Some(r) if r >= callers => (Pace::Rate, r),
            _ => (Pace::Callers, callers),
        };
        let (end, waited) = caps.run(&mut used, t, n, load.per_call, pace_ms);
        let uploads = api
            .upload_bytes
            .as_ref()
            .map(|u| load.bytes.map_or(1, |b| b.div_ceil(u.value.max(1))).max(u64::from(n > 0)));
        calls += n;
        if load.kind == LoadKind::Records {
            records += load.records;
        }
        steps.push(Step {
            load,
            calls: n,
            rate_ms: rate,
            callers_ms: callers,
            pace,
            waited_ms: waited,
            uploads,
            start_ms: t,
            end_ms: end,
        });
        t = end;
    }
    let end_ms = t.saturating_add(validation.ms());
    let window_calls = api.rate.as_ref().map(|r| {
        let per_ms = r.value.per.as_seconds().max(1) * 1000;
        let intervals = window.length.as_seconds() * 1000 / per_ms;
        left_after(r.value.calls.saturating_mul(intervals), others)
    });
    Projection {
        day_calls: caps.calls,
        day_records: caps.records,
        window_calls,
        window,
        api,
        steps,
        load_end_ms: t,
        validation,
        end_ms,
        calls,
        records,
    }
}

/// Milliseconds as a [`Duration`], rounded to the nearest second.
pub fn rounded(ms: u64) -> Duration {
    Duration::seconds(ms.saturating_add(500) / 1000)
}

/// Serializes a duration as its seconds.
fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_seconds())
}

/// Serializes a percentage as its number.
fn percent<S: serde::Serializer>(p: &Percent, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(p.as_percent())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A test fixture, shared with the report's timeline tests.
    pub(crate) fn sourced<T>(value: T) -> Sourced<T> {
        Sourced { value, as_of: None, source: "test".into() }
    }

    /// A test fixture, shared with the report's timeline tests.
    pub(crate) fn hubspot(calls_per_10s: u64, daily: u64) -> ApiLimits {
        ApiLimits {
            preset: None,
            title: "test".into(),
            records_per_call: sourced(100),
            rate: Some(sourced(Rate { calls: calls_per_10s, per: Duration::seconds(10) })),
            daily_calls: Some(sourced(daily)),
            daily_records: None,
            upload_bytes: None,
            call_ms: sourced(1000),
            links: sourced(Links::Associations),
            links_per_call: Some(sourced(100)),
        }
    }

    /// A test fixture, shared with the report's timeline tests.
    pub(crate) fn window(hours: u64, concurrency: u64, others: u32) -> Window {
        Window {
            start: None,
            length: Duration::seconds(hours * 3600),
            concurrency,
            others: Percent::hundredths(others),
        }
    }

    /// A test fixture, shared with the report's timeline tests.
    pub(crate) fn records(name: &str, records: u64, per_call: u64) -> Load {
        Load {
            name: name.into(),
            kind: LoadKind::Records,
            records,
            counted: CountSource::Rehearsed,
            per_call,
            bytes: None,
        }
    }

    const NONE: Validation = Validation::Declared { time: Duration::seconds(0) };

    #[test]
    fn a_million_contacts_at_190_per_10_seconds_take_8_minutes_46_seconds() {
        // 1,000,000 / 100 = 10,000 calls; 10,000 × 10 s / 190 = 526.3 s.
        let p = project(
            window(4, 50, 0),
            hubspot(190, 1_000_000),
            vec![records("contacts", 1_000_000, 100)],
            NONE,
        );
        let step = &p.steps[0];
        assert_eq!(step.calls, 10_000);
        assert_eq!(step.rate_ms, Some(526_316));
        assert_eq!(step.callers_ms, 200_000); // 10,000 × 1 s / 50 callers
        assert_eq!(step.pace, Pace::Rate);
        assert_eq!(rounded(step.end_ms).to_string(), "8m 46s");
        assert_eq!(p.window_calls, Some(190 * 1440)); // 4 h = 1,440 intervals of 10 s
    }

    #[test]
    fn calls_round_up_and_one_record_over_a_batch_costs_a_call() {
        assert_eq!(calls_for(0, 100), 0);
        assert_eq!(calls_for(100, 100), 1);
        assert_eq!(calls_for(101, 100), 2);
        assert_eq!(calls_for(25_000_001, 10_000), 2501);
    }

    #[test]
    fn few_callers_set_the_pace_below_the_rate() {
        // One caller, 1 s a call: 10 calls per 10 s, under the 100 allowed.
        let p = project(
            window(4, 1, 0),
            hubspot(100, 250_000),
            vec![records("contacts", 40_000, 100)],
            NONE,
        );
        assert_eq!(p.steps[0].pace, Pace::Callers);
        assert_eq!(p.steps[0].end_ms, 400 * 1000);
        // Exactly at the rate: 10 callers × 1 call/s = 100 per 10 s; the rate wins the tie.
        let p = project(
            window(4, 10, 0),
            hubspot(100, 250_000),
            vec![records("contacts", 40_000, 100)],
            NONE,
        );
        assert_eq!((p.steps[0].pace, p.steps[0].end_ms), (Pace::Rate, 40_000));
        // Callers work in whole rounds: 7 calls on 4 callers are two rounds, 8 too, 9 three.
        assert_eq!(callers_ms(7, 1000, 4), 2000);
        assert_eq!(callers_ms(8, 1000, 4), 2000);
        assert_eq!(callers_ms(9, 1000, 4), 3000);
        assert_eq!(callers_ms(0, 1000, 4), 0);
    }

    #[test]
    fn other_integrations_take_their_share_of_the_rate_and_the_day() {
        assert_eq!(left_after(250_000, Percent::hundredths(2000)), 200_000);
        assert_eq!(left_after(250_000, Percent::hundredths(1)), 249_975);
        // 190 × 80% = 152 per 10 s: 10,000 calls take 657.9 s.
        let p = project(
            window(4, 100, 2000),
            hubspot(190, 1_000_000),
            vec![records("contacts", 1_000_000, 100)],
            NONE,
        );
        assert_eq!(p.steps[0].rate_ms, Some(657_895));
        assert_eq!(p.day_calls, Some(800_000));
        assert_eq!(p.window_calls, Some(190 * 1440 * 8 / 10));
    }

    #[test]
    fn the_daily_cap_makes_the_rest_wait_for_the_next_day() {
        // 250,000 calls a day, 20% used by others: 200,000 left.
        // 300,000 calls at 10 per second: 200,000 by 20,000 s, then a wait
        // until 24 h, then 100,000 more in 10,000 s.
        let api = hubspot(100, 250_000);
        let p = project(
            window(4, 100, 2000),
            api.clone(),
            vec![records("contacts", 30_000_000, 100)],
            NONE,
        );
        let step = &p.steps[0];
        assert_eq!(step.calls, 300_000);
        // 300,000 calls at 8 per second (100 × 80% per 10 s) = 37,500 s unhindered.
        assert_eq!(step.rate_ms, Some(37_500_000));
        // The first 200,000 end at 25,000 s; the wait is to 86,400 s; then 12,500 s.
        assert_eq!(step.waited_ms, (86_400 - 25_000) * 1000);
        assert_eq!(step.end_ms, (86_400 + 12_500) * 1000);
        // Exactly the day's allowance never waits.
        let p = project(
            window(4, 100, 2000),
            api.clone(),
            vec![records("contacts", 20_000_000, 100)],
            NONE,
        );
        assert_eq!((p.steps[0].calls, p.steps[0].waited_ms), (200_000, 0));
        // One call more: 200,000 end at 25,000 s, the last waits for the next day.
        let p =
            project(window(4, 100, 2000), api, vec![records("contacts", 20_000_001, 100)], NONE);
        assert_eq!(p.steps[0].calls, 200_001);
        assert_eq!(p.steps[0].waited_ms, (86_400 - 25_000) * 1000);
        assert!(p.steps[0].end_ms > 86_400 * 1000);
    }

    #[test]
    fn steps_follow_each_other_and_validation_comes_last() {
        let loads = vec![records("companies", 250, 100), records("contacts", 1_000, 100)];
        let validation = Validation::Declared { time: Duration::seconds(1800) };
        let p = project(window(4, 1, 0), hubspot(100, 250_000), loads, validation);
        assert_eq!((p.steps[0].start_ms, p.steps[0].end_ms), (0, 3_000));
        assert_eq!((p.steps[1].start_ms, p.steps[1].end_ms), (3_000, 13_000));
        assert_eq!(p.load_end_ms, 13_000);
        assert_eq!(p.end_ms, 13_000 + 1_800_000);
        assert_eq!((p.calls, p.records), (13, 1_250));
    }

    #[test]
    fn measured_validation_scales_with_the_full_export_and_rounds_up_to_minutes() {
        let v = Validation::Measured { rehearsal_ms: 50, rows: 100, full_rows: 1_000_000 };
        assert_eq!(v.ms(), 9 * 60_000); // 500 s → 9 min
        let v = Validation::Measured { rehearsal_ms: 120_000, rows: 10, full_rows: 10 };
        assert_eq!(v.ms(), 120_000);
        let v = Validation::Measured { rehearsal_ms: 1, rows: 10, full_rows: 0 };
        assert_eq!(v.ms(), 60_000, "at least a minute, never scaled down");
    }

    #[test]
    fn a_records_cap_counts_records_and_uploads_count_bytes() {
        let mut api = hubspot(100, 250_000);
        api.rate = None;
        api.daily_calls = Some(sourced(15_000));
        api.daily_records = Some(sourced(150_000_000));
        api.upload_bytes = Some(sourced(150 * 1024 * 1024));
        api.call_ms = sourced(60_000);
        let mut load = records("contacts", 1_000_000, 10_000);
        load.bytes = Some(400 * 1024 * 1024);
        let p = project(window(4, 10, 0), api, vec![load], NONE);
        let s = &p.steps[0];
        assert_eq!((s.calls, s.uploads, s.rate_ms), (100, Some(3), None));
        assert_eq!(s.end_ms, 100 * 60_000 / 10);
        assert_eq!(p.day_records, Some(150_000_000));
        assert_eq!(p.window_calls, None);
    }
}
