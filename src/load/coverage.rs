//! Reads value-map coverage back from the shadow's `_coverage` table: for
//! every field translated through a value map, each distinct source value
//! with its row count and where it goes, values the map does not cover first.

use super::Shadow;
use crate::error::{Error, Result};
use crate::facts::{MapCoverage, ValueCount};
use crate::scenario::{Scenario, UnmappedPolicy};

impl Shadow {
    /// The coverage of every mapped field of `scenario`, in scenario order.
    pub fn coverage(&self, scenario: &Scenario) -> Result<Vec<MapCoverage>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT value, rows, target FROM _coverage WHERE object = ?1 AND field = ?2 \
                 ORDER BY target IS NOT NULL, rows DESC, value",
            )
            .map_err(Error::shadow("prepare coverage query"))?;
        let mut all = Vec::new();
        for object in &scenario.objects {
            for field in &object.fields {
                let Some(map) = &field.map else { continue };
                let values = stmt
                    .query_map([&object.name, &field.name], |r| {
                        Ok(ValueCount {
                            value: r.get(0)?,
                            rows: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                            target: r.get(2)?,
                        })
                    })
                    .map_err(Error::shadow("read coverage"))?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(Error::shadow("read coverage"))?;
                all.push(MapCoverage {
                    field: format!("{}.{}", object.name, field.name),
                    map: map.clone(),
                    strict: scenario.maps.get(map).is_some_and(|m| m.strict),
                    default: scenario.maps.get(map).and_then(|m| match &m.unmapped {
                        UnmappedPolicy::Default(value) => Some(value.clone()),
                        UnmappedPolicy::Keep | UnmappedPolicy::Reject => None,
                    }),
                    distinct: values.len() as u64,
                    unmapped: values.iter().filter(|v| v.target.is_none()).count() as u64,
                    values,
                });
            }
        }
        Ok(all)
    }
}
