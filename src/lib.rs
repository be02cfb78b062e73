//! shadow-import rehearses a CRM migration: it loads CSV exports of the
//! source CRM into an embedded SQLite *shadow destination* through the
//! team's mapping, evaluates the rollback triggers they agreed on, and
//! answers GO or ROLLBACK with examples a person can fix.
//!
//! The pipeline runs in one direction, streaming:
//! [`decode`] → [`parse`] → [`map`] → [`load`] → [`checks`] → [`report`],
//! orchestrated by [`run`], which tells an [`observe::Observer`] how it goes.
//! Below the stages sit [`error`] (every error and its words), [`output`]
//! (every file the tool writes goes through a partial renamed when complete), [`facts`]
//! (the plain data checks produce and reports render, and the decision) and
//! [`scenario`] (the team's mapping, knowing no stage); [`tools`] (init,
//! generate, sample) are built on the stages. Modules import only modules
//! below them, in this order: error, output, observe, decode, facts, scenario,
//! parse, map, load, checks, report, run, tools (`tests/architecture.rs`).

#![deny(missing_docs)]

pub mod checks;
pub mod decode;
pub mod error;
pub mod facts;
pub mod load;
pub mod map;
pub mod observe;
pub mod output;
pub mod parse;
pub mod report;
pub mod run;
pub mod scenario;
pub mod tools;

pub use error::{Error, Result};
pub use facts::Verdict;
pub use report::Report;
pub use run::{RunOptions, rehearse};
pub use scenario::Scenario;
