//! The `[cutover]` section: the migration window (start, zone, length),
//! the destination API (a preset from `destinations/*.toml`, or explicit
//! limits, or a preset with some of them overridden), the callers'
//! concurrency, the share of the budget other integrations use, batch sizes
//! per object, the validation time, and the full export's row counts when
//! the rehearsal runs on a sample (inline, or from a baseline file).

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::folder::Folder;
use super::positions::Positions;
use crate::error::{Location, Result, ScenarioError, closest};
use crate::facts::{ApiLimits, Duration, Links, Percent, Rate, Sourced};

/// The window's length when the scenario does not say (the practice's 4 hours).
pub const DEFAULT_WINDOW: Duration = Duration::seconds(4 * 3600);

/// The `[cutover]` section as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCutover {
    /// Local clock time the window opens: `2027-03-13 18:00`.
    start: Option<Spanned<String>>,
    /// IANA zone of `start`; `[scenario] timezone` or UTC otherwise.
    timezone: Option<Spanned<String>>,
    /// The window's length: `"4h"`.
    window: Option<Spanned<String>>,
    /// A preset: `hubspot-starter`, `salesforce-bulk2` ….
    api: Option<Spanned<String>>,
    /// Calls in flight at once.
    concurrency: Option<Spanned<i64>>,
    /// Share of every budget other integrations use: `"20%"`.
    other_integrations: Option<Spanned<String>>,
    /// `"measured"` (the default) or a duration.
    validation: Option<Spanned<String>>,
    /// The full export's counts: a table, or a baseline file.
    counts: Option<Spanned<toml::Value>>,
    /// Records per call, per object or junction.
    #[serde(default)]
    batch: IndexMap<Spanned<String>, Spanned<i64>>,
    /// Overrides of the preset's limits.
    limits: Option<Spanned<RawLimits>>,
}

/// `[cutover.limits]`: any of a preset's values.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    records_per_call: Option<Spanned<i64>>,
    rate: Option<Spanned<String>>,
    daily_calls: Option<Spanned<i64>>,
    daily_records: Option<Spanned<i64>>,
    upload_mb: Option<Spanned<i64>>,
    call_seconds: Option<Spanned<f64>>,
    links: Option<Spanned<String>>,
    links_per_call: Option<Spanned<i64>>,
}

/// A preset value with its date and source, as a shipped file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetValue<T> {
    value: T,
    as_of: String,
    source: String,
}

impl<T> PresetValue<T> {
    fn sourced<U>(self, value: impl FnOnce(T) -> Option<U>) -> Option<Sourced<U>> {
        Some(Sourced { value: value(self.value)?, as_of: Some(self.as_of), source: self.source })
    }
}

/// One `[api.<tier>]` table of a shipped destination file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    title: String,
    records_per_call: PresetValue<u64>,
    rate: Option<PresetValue<String>>,
    daily_calls: Option<PresetValue<u64>>,
    daily_records: Option<PresetValue<u64>>,
    upload_mb: Option<PresetValue<u64>>,
    call_seconds: PresetValue<f64>,
    links: PresetValue<String>,
    links_per_call: Option<PresetValue<u64>>,
}

#[derive(Deserialize)]
struct RawPresetFile {
    #[serde(default)]
    api: IndexMap<String, RawPreset>,
}

/// The full export's row counts, per object and junction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullCounts {
    /// Rows per object or junction name.
    pub rows: IndexMap<String, u64>,
    /// Where they come from: `[cutover] counts`, or the baseline file as written.
    pub from: String,
}

/// The validated `[cutover]` section.
#[derive(Debug, Clone)]
pub struct Cutover {
    /// When the window opens, in its zone.
    pub start: Option<chrono::DateTime<chrono_tz::Tz>>,
    /// The window's length.
    pub window: Duration,
    /// What the destination API allows.
    pub api: ApiLimits,
    /// Calls in flight at once (default 1).
    pub concurrency: u64,
    /// The share of every budget other integrations use (default 0%).
    pub others: Percent,
    /// Records per call, where the scenario sets them.
    pub batch: IndexMap<String, u64>,
    /// The declared validation time; `None`: measured from this rehearsal.
    pub validation: Option<Duration>,
    /// The full export's counts, when the rehearsal runs on a sample.
    pub counts: Option<FullCounts>,
    /// A baseline file the counts are read from, as written (an input of the scenario).
    pub baseline: Option<String>,
    /// Where the section is.
    pub at: Location,
}

/// Every preset name: `<destination>-<tier>`, in file order.
pub fn preset_names() -> Vec<String> {
    super::destination::BUILTIN
        .iter()
        .flat_map(|(name, text)| {
            let tiers = toml::from_str::<RawPresetFile>(text).map(|f| f.api).unwrap_or_default();
            tiers.into_keys().map(move |tier| format!("{name}-{tier}"))
        })
        .collect()
}

/// The shipped preset `name`, read.
fn preset(name: &str) -> Option<Result<ApiLimits, String>> {
    let (file, tier) = super::destination::BUILTIN.iter().find_map(|(file, text)| {
        let tier = name.strip_prefix(file)?.strip_prefix('-')?;
        Some((text, tier))
    })?;
    let parsed = match toml::from_str::<RawPresetFile>(file) {
        Ok(parsed) => parsed,
        Err(e) => return Some(Err(e.message().to_string())),
    };
    let raw = parsed.api.into_iter().find(|(t, _)| t == tier)?.1;
    Some(from_preset(name, raw))
}

fn from_preset(name: &str, raw: RawPreset) -> Result<ApiLimits, String> {
    let bad = |what: &str| format!("preset {name}: {what} is not valid");
    let links = raw.links.sourced(|l| links(&l)).ok_or_else(|| bad("links"))?;
    Ok(ApiLimits {
        preset: Some(name.to_string()),
        title: raw.title,
        records_per_call: raw
            .records_per_call
            .sourced(Some)
            .ok_or_else(|| bad("records_per_call"))?,
        rate: raw.rate.map(|r| r.sourced(|r| rate(&r)).ok_or_else(|| bad("rate"))).transpose()?,
        daily_calls: raw.daily_calls.and_then(|v| v.sourced(Some)),
        daily_records: raw.daily_records.and_then(|v| v.sourced(Some)),
        upload_bytes: raw.upload_mb.and_then(|v| v.sourced(|mb| mb.checked_mul(1024 * 1024))),
        call_ms: raw.call_seconds.sourced(millis).ok_or_else(|| bad("call_seconds"))?,
        links,
        links_per_call: raw.links_per_call.and_then(|v| v.sourced(Some)),
    })
}

/// `"associations"` or `"records"`.
fn links(text: &str) -> Option<Links> {
    match text {
        "associations" => Some(Links::Associations),
        "records" => Some(Links::Records),
        _ => None,
    }
}

/// `"190/10s"`: calls per interval.
fn rate(text: &str) -> Option<Rate> {
    let (calls, per) = text.split_once('/')?;
    let calls: u64 = calls.trim().parse().ok().filter(|c| *c > 0)?;
    let per = Duration::parse(per).ok().filter(|d| d.as_seconds() > 0)?;
    Some(Rate { calls, per })
}

/// Seconds (`1.5`) as whole milliseconds, when positive and finite.
fn millis(seconds: f64) -> Option<u64> {
    if !(seconds.is_finite() && seconds > 0.0 && seconds < 1e9) {
        return None;
    }
    // In range by the check above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some((seconds * 1000.0).round().max(1.0) as u64)
}

/// Reads `[cutover]`: `names` are the objects and junctions, `zone` the
/// scenario's `timezone`.
pub(super) fn build(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    raw: Spanned<RawCutover>,
    names: &[String],
    zone: chrono_tz::Tz,
) -> Result<Cutover> {
    let at = pos.of(&raw);
    let raw = raw.into_inner();
    let bad = |spanned: &dyn Fn() -> Location, key: &'static str, expected: &'static str| {
        ScenarioError::CutoverValue { key, expected }.at(spanned())
    };
    let window = match &raw.window {
        None => DEFAULT_WINDOW,
        Some(w) => {
            Duration::parse(w.get_ref()).ok().filter(|d| d.as_seconds() > 0).ok_or_else(|| {
                bad(&|| pos.of(w), "window", "a length of time like \"4h\" or \"3h30m\"")
            })?
        }
    };
    let zone = match &raw.timezone {
        None => zone,
        Some(name) => super::positions::zone_named(pos, name)?,
    };
    let start = raw.start.as_ref().map(|s| start(pos, s, zone)).transpose()?;
    let concurrency = match &raw.concurrency {
        None => 1,
        Some(c) => {
            u64::try_from(*c.get_ref()).ok().filter(|c| (1..=10_000).contains(c)).ok_or_else(
                || bad(&|| pos.of(c), "concurrency", "a whole number of callers from 1 to 10000"),
            )?
        }
    };
    let others = match &raw.other_integrations {
        None => Percent::hundredths(0),
        Some(o) => {
            Percent::parse(o.get_ref()).ok().filter(|p| p.as_hundredths() < 10_000).ok_or_else(
                || bad(&|| pos.of(o), "other_integrations", "a share below 100% like \"20%\""),
            )?
        }
    };
    let validation = match &raw.validation {
        None => None,
        Some(v) if v.get_ref().trim() == "measured" => None,
        Some(v) => Some(Duration::parse(v.get_ref()).map_err(|_| {
            bad(&|| pos.of(v), "validation", "\"measured\" or a length of time like \"45m\"")
        })?),
    };
    let api = api(pos, raw.api.as_ref(), raw.limits.as_ref(), &at)?;
    let batch = batch(pos, &raw.batch, names, &api)?;
    let (counts, baseline) = match &raw.counts {
        None => (None, None),
        Some(c) => counts(pos, dir, c, names)?,
    };
    Ok(Cutover { start, window, api, concurrency, others, batch, validation, counts, baseline, at })
}

/// `start = "2027-03-13 18:00"`, a clock time in `zone` that exists there.
fn start(
    pos: &Positions<'_>,
    written: &Spanned<String>,
    zone: chrono_tz::Tz,
) -> Result<chrono::DateTime<chrono_tz::Tz>> {
    let text = written.get_ref().trim();
    let formats = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"];
    let local = formats
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| {
            ScenarioError::CutoverValue {
                key: "start",
                expected: "a local date and time like \"2027-03-13 18:00\" (the zone goes in `timezone`)",
            }
            .at(pos.of(written))
        })?;
    match local.and_local_timezone(zone) {
        // A time a clock change repeats is read as its first occurrence.
        chrono::LocalResult::Single(at) | chrono::LocalResult::Ambiguous(at, _) => Ok(at),
        chrono::LocalResult::None => Err(ScenarioError::CutoverValue {
            key: "start",
            expected: "a time that exists in its zone (this one falls in a daylight-saving gap)",
        }
        .at(pos.of(written))),
    }
}

/// The preset named by `api`, with `[cutover.limits]` over it; without a
/// preset, the limits must give records per call and the call time.
fn api(
    pos: &Positions<'_>,
    name: Option<&Spanned<String>>,
    limits: Option<&Spanned<RawLimits>>,
    at: &Location,
) -> Result<ApiLimits> {
    let mut api = match name {
        Some(name) => match preset(name.get_ref()) {
            Some(Ok(api)) => api,
            Some(Err(message)) => {
                let kind = ScenarioError::SchemaToml { name: name.get_ref().clone(), message };
                return Err(pos.error(name, kind));
            }
            None => {
                let known = preset_names();
                let suggestion =
                    closest(name.get_ref(), known.iter().map(String::as_str)).map(str::to_string);
                let kind = ScenarioError::UnknownApiPreset {
                    name: name.get_ref().clone(),
                    suggestion,
                    known,
                };
                return Err(pos.error(name, kind));
            }
        },
        None => {
            let raw = limits.map(Spanned::get_ref);
            if raw.is_none_or(|l| l.records_per_call.is_none() || l.call_seconds.is_none()) {
                let place = limits.map_or_else(|| at.clone(), |l| pos.of(l));
                return Err(ScenarioError::CutoverNoApi { known: preset_names() }.at(place));
            }
            ApiLimits {
                preset: None,
                title: "the scenario's own limits".into(),
                records_per_call: Sourced { value: 1, as_of: None, source: String::new() },
                rate: None,
                daily_calls: None,
                daily_records: None,
                upload_bytes: None,
                call_ms: Sourced { value: 1, as_of: None, source: String::new() },
                links: Sourced { value: Links::Records, as_of: None, source: "default".into() },
                links_per_call: None,
            }
        }
    };
    if let Some(limits) = limits {
        overrides(pos, limits.get_ref(), &mut api)?;
    }
    Ok(api)
}

/// Puts every value of `[cutover.limits]` over `api`, each sourced at its place.
fn overrides(pos: &Positions<'_>, raw: &RawLimits, api: &mut ApiLimits) -> Result<()> {
    let mine = |at: Location| at.to_string();
    let whole = |v: &Spanned<i64>, key: &'static str| -> Result<Sourced<u64>> {
        let value = u64::try_from(*v.get_ref()).ok().filter(|n| *n > 0).ok_or_else(|| {
            ScenarioError::CutoverValue { key, expected: "a whole number above 0" }.at(pos.of(v))
        })?;
        Ok(Sourced { value, as_of: None, source: mine(pos.of(v)) })
    };
    if let Some(v) = &raw.records_per_call {
        api.records_per_call = whole(v, "records_per_call")?;
    }
    if let Some(v) = &raw.daily_calls {
        api.daily_calls = Some(whole(v, "daily_calls")?);
    }
    if let Some(v) = &raw.daily_records {
        api.daily_records = Some(whole(v, "daily_records")?);
    }
    if let Some(v) = &raw.links_per_call {
        api.links_per_call = Some(whole(v, "links_per_call")?);
    }
    if let Some(v) = &raw.upload_mb {
        let mb = whole(v, "upload_mb")?;
        let bytes = mb.value.saturating_mul(1024 * 1024);
        api.upload_bytes = Some(Sourced { value: bytes, as_of: None, source: mb.source });
    }
    if let Some(v) = &raw.rate {
        let value = rate(v.get_ref()).ok_or_else(|| {
            ScenarioError::CutoverValue {
                key: "rate",
                expected: "calls per interval like \"190/10s\"",
            }
            .at(pos.of(v))
        })?;
        api.rate = Some(Sourced { value, as_of: None, source: mine(pos.of(v)) });
    }
    if let Some(v) = &raw.call_seconds {
        let value = millis(*v.get_ref()).ok_or_else(|| {
            ScenarioError::CutoverValue {
                key: "call_seconds",
                expected: "seconds above 0 like 1.5",
            }
            .at(pos.of(v))
        })?;
        api.call_ms = Sourced { value, as_of: None, source: mine(pos.of(v)) };
    }
    if let Some(v) = &raw.links {
        let value = links(v.get_ref()).ok_or_else(|| {
            ScenarioError::CutoverValue {
                key: "links",
                expected: "\"associations\" or \"records\"",
            }
            .at(pos.of(v))
        })?;
        api.links = Sourced { value, as_of: None, source: mine(pos.of(v)) };
    }
    Ok(())
}

/// `[cutover.batch]`: each name an object or junction, each size from 1
/// to what one call takes.
fn batch(
    pos: &Positions<'_>,
    raw: &IndexMap<Spanned<String>, Spanned<i64>>,
    names: &[String],
    api: &ApiLimits,
) -> Result<IndexMap<String, u64>> {
    let mut batch = IndexMap::new();
    for (name, size) in raw {
        known_name(pos, name, names, "batch")?;
        let max =
            api.records_per_call.value.max(api.links_per_call.as_ref().map_or(0, |l| l.value));
        let value = u64::try_from(*size.get_ref()).ok().filter(|s| (1..=max).contains(s));
        let Some(value) = value else {
            let kind = ScenarioError::BatchSize { name: name.get_ref().clone(), max };
            return Err(pos.error(size, kind));
        };
        batch.insert(name.get_ref().clone(), value);
    }
    Ok(batch)
}

/// An object or junction name, or an error with the closest one.
fn known_name(
    pos: &Positions<'_>,
    name: &Spanned<String>,
    names: &[String],
    key: &'static str,
) -> Result<()> {
    if names.iter().any(|n| n == name.get_ref()) {
        return Ok(());
    }
    let suggestion = closest(name.get_ref(), names.iter().map(String::as_str)).map(str::to_string);
    let kind = ScenarioError::CutoverName {
        key,
        name: name.get_ref().clone(),
        suggestion,
        known: names.to_vec(),
    };
    Err(pos.error(name, kind))
}

/// `counts = { contacts = 1000000, … }` or `counts = "baseline.json"`:
/// every object and junction's full count.
fn counts(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    written: &Spanned<toml::Value>,
    names: &[String],
) -> Result<(Option<FullCounts>, Option<String>)> {
    let here = pos.of(written);
    let shape = || {
        ScenarioError::CutoverValue {
            key: "counts",
            expected: "a table of full row counts like { contacts = 1000000 }, or a baseline file like \"baseline.json\"",
        }
        .at(here.clone())
    };
    let (rows, from, baseline) = match written.get_ref() {
        toml::Value::Table(table) => {
            let mut rows = IndexMap::new();
            for (name, value) in table {
                let spanned = Spanned::new(written.span(), name.clone());
                known_name(pos, &spanned, names, "counts")?;
                let n = value.as_integer().and_then(|n| u64::try_from(n).ok()).ok_or_else(shape)?;
                rows.insert(name.clone(), n);
            }
            (rows, "[cutover] counts".to_string(), None)
        }
        toml::Value::String(file) => {
            let spanned = Spanned::new(written.span(), file.clone());
            let path = dir.readable(pos, &spanned, "baseline file")?;
            let rows = read_baseline(&path).map_err(|message| {
                ScenarioError::BaselineCounts { file: file.clone(), message }.at(here.clone())
            })?;
            for name in rows.keys() {
                if !names.contains(name) {
                    let message = format!("it counts `{name}`, which the scenario does not map");
                    return Err(
                        ScenarioError::BaselineCounts { file: file.clone(), message }.at(here)
                    );
                }
            }
            (rows, file.clone(), Some(file.clone()))
        }
        _ => return Err(shape()),
    };
    let missing: Vec<String> = names.iter().filter(|n| !rows.contains_key(*n)).cloned().collect();
    if !missing.is_empty() {
        return Err(ScenarioError::CountsIncomplete { missing, from }.at(here));
    }
    Ok((Some(FullCounts { rows, from }), baseline))
}

/// The `counts` object of a baseline file (`shadow-import baseline`):
/// `{ "counts": { "contacts": 1000000, … } }`.
fn read_baseline(path: &std::path::Path) -> std::result::Result<IndexMap<String, u64>, String> {
    #[derive(Deserialize)]
    struct Baseline {
        counts: IndexMap<String, u64>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(baseline.counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_preset_reads_with_a_source_and_a_date() {
        let names = preset_names();
        for expected in [
            "hubspot-free",
            "hubspot-starter",
            "hubspot-professional",
            "hubspot-enterprise",
            "salesforce-bulk2",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
        }
        for name in &names {
            let api = preset(name).unwrap().unwrap();
            assert!(
                api.records_per_call.as_of.is_some() && !api.records_per_call.source.is_empty()
            );
            assert!(
                api.call_ms.source.starts_with("assumption"),
                "{name}: call time is an assumption"
            );
        }
        let starter = preset("hubspot-starter").unwrap().unwrap();
        assert_eq!(starter.rate.unwrap().value, Rate { calls: 100, per: Duration::seconds(10) });
        assert_eq!(starter.daily_calls.unwrap().value, 250_000);
        let pro = preset("hubspot-professional").unwrap().unwrap();
        assert_eq!((pro.rate.unwrap().value.calls, pro.daily_calls.unwrap().value), (190, 650_000));
        let enterprise = preset("hubspot-enterprise").unwrap().unwrap();
        assert_eq!(enterprise.daily_calls.unwrap().value, 1_000_000);
        let bulk = preset("salesforce-bulk2").unwrap().unwrap();
        assert_eq!(bulk.records_per_call.value, 10_000);
        assert_eq!(bulk.daily_calls.unwrap().value, 15_000);
        assert_eq!(bulk.daily_records.unwrap().value, 150_000_000);
        assert_eq!(bulk.upload_bytes.unwrap().value, 150 * 1024 * 1024);
        assert_eq!(bulk.links.value, Links::Records);
        assert!(bulk.rate.is_none());
        assert!(preset("hubspot-platinum").is_none());
    }

    #[test]
    fn a_rate_is_calls_per_interval() {
        assert_eq!(rate("190/10s"), Some(Rate { calls: 190, per: Duration::seconds(10) }));
        assert_eq!(rate(" 5 / 1s"), Some(Rate { calls: 5, per: Duration::seconds(1) }));
        for bad in ["190", "0/10s", "190/0s", "x/10s", "190/10"] {
            assert_eq!(rate(bad), None, "{bad}");
        }
        assert_eq!(millis(1.5), Some(1500));
        assert_eq!(millis(0.0), None);
        assert_eq!(millis(f64::NAN), None);
    }
}
