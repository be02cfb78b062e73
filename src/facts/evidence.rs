//! Evidence a report carries of what it was made from: the tool and its
//! version, every input file's size and sha256, and when it ran (left out
//! where determinism is asked for).

use serde::Serialize;

/// What a report was made from and by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The tool: `shadow-import`.
    pub tool: &'static str,
    /// Its version (`0.1.0`).
    pub version: &'static str,
    /// When the rehearsal ran, UTC (`2026-12-07T12:38:42Z`); `None` in
    /// deterministic runs (the test runner, snapshots, `--deterministic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_at: Option<String>,
    /// Every file the rehearsal read, scenario file first.
    pub inputs: Vec<InputFile>,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            tool: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            run_at: None,
            inputs: Vec::new(),
        }
    }
}

/// One input file as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// The file, relative to the scenario folder (`data/Contact.csv`).
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The sha256 of its bytes, in lowercase hex.
    pub sha256: String,
}
