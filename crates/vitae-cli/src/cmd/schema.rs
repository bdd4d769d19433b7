//! `vitae schema`: the JSON Schema of the native format.

use crate::Outcome;
use anyhow::Result;

pub fn run() -> Result<Outcome> {
    print!("{}", vitae_core::format::native::SCHEMA);
    Ok(Outcome::Ok)
}
