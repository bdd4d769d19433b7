//! Reading a resume source from a file or stdin, with the size limit applied before reading.

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;
use vitae_core::node::MAX_INPUT_BYTES;

/// The bytes of `path` (`-` for stdin). Files over the limit are refused without being read.
pub fn read_source(path: &Path) -> Result<Vec<u8>> {
    let limit = MAX_INPUT_BYTES as u64;
    if path.as_os_str() == "-" {
        // Standard input can be read once; every reader of `-` in this process gets what it held
        // (a config read for two purposes), and a command that takes two inputs refuses `-` twice.
        static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
        let read = STDIN.get_or_init(|| {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(limit + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("could not read standard input: {e}"))?;
            if buf.len() as u64 > limit {
                return Err(format!(
                    "standard input is larger than the {limit} byte limit for a resume source"
                ));
            }
            Ok(buf)
        });
        return read.clone().map_err(|e| anyhow::anyhow!(e));
    }
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if meta.is_dir() {
        bail!("`{}` is a directory; pass a resume file", path.display());
    }
    if meta.len() > limit {
        bail!(
            "`{}` is {} bytes, more than the {limit} byte limit for a resume source (hint: a resume source is a few kilobytes; link large assets instead of embedding them)",
            path.display(),
            meta.len()
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// Today's date from the system clock (the core never reads the clock itself).
pub fn today() -> vitae_core::PartialDate {
    vitae_server::today()
}
