//! What the core's test binaries share: where the third-party fixtures are.
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;

/// `shared/fixtures` beside the checkout, or `VITAE_FIXTURES`.
pub fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
        PathBuf::from,
    )
}
