//! Tools built on the stages: `init` writes a first scenario from an
//! export's headers, `generate` writes a deterministic Salesforce-shaped
//! export for benchmarks, `sample` draws a relationship-preserving sample,
//! `baseline` keeps the source as it stood before migration, `rollback_plan`
//! rehearses for the rollback plan.

pub mod baseline;
pub mod generate;
pub mod init;
pub mod loader_results;
pub mod migration_day;
pub mod reconcile;
pub mod rollback_plan;
pub mod sample;
pub mod verify;
