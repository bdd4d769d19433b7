//! The files of a SQLite database, private to their owner: they hold every tenant's resumes and
//! the API key hashes. SQLite itself creates files with mode 0644 (less the umask), readable by
//! every local user.
//!
//! So the database file is made here, mode 0600, before SQLite opens it (in a directory made
//! 0700 when it is missing); SQLite gives the `-wal` and `-shm` files it adds the database
//! file's mode. Files an older version (or a copy) left readable to others are made 0600; an
//! existing directory is left as its owner set it (it may be the working directory).

use crate::{Result, StoreError};
use std::path::{Path, PathBuf};

/// The database file a `sqlite:` URL names, when it names one, made private; created (with its
/// directory) when the URL asks for creation (`mode=rwc`) and it is missing. `None` for an
/// in-memory database or a URL sqlx will refuse anyway.
pub(crate) fn prepare(url: &str) -> Result<Option<PathBuf>> {
    let Some((path, create)) = target(url) else {
        return Ok(None);
    };
    if create && !path.exists() {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.exists()
        {
            private_dir(parent).map_err(|e| file_error(parent, e))?;
        }
        private_file(&path).map_err(|e| file_error(&path, e))?;
    }
    make_private(&path);
    Ok(Some(path))
}

/// Takes group and other permissions off the database file and its journal files. A file this
/// process may not change (another owner's) is left, with a warning.
pub(crate) fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = PathBuf::from(name);
            let Ok(meta) = std::fs::metadata(&file) else {
                continue;
            };
            let mode = meta.permissions().mode();
            if meta.is_file() && mode & 0o077 != 0 {
                let private = std::fs::Permissions::from_mode(mode & 0o700);
                if let Err(e) = std::fs::set_permissions(&file, private) {
                    tracing::warn!(
                        file = %file.display(),
                        error = %e,
                        "the SQLite file is readable by other users and could not be made private"
                    );
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A `sqlite:` URL as it is opened: without a `mode`, read-write and created when missing (with
/// its folder), like the default location; an explicit `mode` (`ro`, `rw`, `memory`) is kept.
pub(crate) fn creating(url: &str) -> String {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    if query.split('&').any(|pair| pair.starts_with("mode=")) || url.contains(":memory:") {
        return url.to_owned();
    }
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}mode=rwc")
}

/// The file path and whether the URL asks for creation; `None` for an in-memory database.
fn target(url: &str) -> Option<(PathBuf, bool)> {
    use std::str::FromStr;
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let mode = query
        .split('&')
        .filter_map(|pair| pair.strip_prefix("mode="))
        .next_back();
    if mode == Some("memory") {
        return None;
    }
    // sqlx's own reading of the URL (percent-decoding included), so the file prepared here is
    // the one it opens.
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let path = options.get_filename();
    let name = path.to_string_lossy();
    if name.is_empty() || name == ":memory:" || name.starts_with("file:sqlx-in-memory-") {
        return None;
    }
    Some((path.to_path_buf(), mode == Some("rwc")))
}

fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process made it first: SQLite opens it like any existing file.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn file_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::File {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::{creating, target};
    use std::path::PathBuf;

    #[test]
    fn the_file_is_the_one_sqlx_opens_and_memory_has_none() {
        assert_eq!(
            target("sqlite:///var/lib/vitae/vitae.db?mode=rwc"),
            Some((PathBuf::from("/var/lib/vitae/vitae.db"), true))
        );
        assert_eq!(
            target("sqlite://data/my%20db.sqlite"),
            Some((PathBuf::from("data/my db.sqlite"), false))
        );
        assert_eq!(target("sqlite::memory:"), None);
        assert_eq!(
            creating("sqlite://data/x.db"),
            "sqlite://data/x.db?mode=rwc"
        );
        assert_eq!(
            creating("sqlite://x.db?cache=shared"),
            "sqlite://x.db?cache=shared&mode=rwc"
        );
        assert_eq!(creating("sqlite://x.db?mode=ro"), "sqlite://x.db?mode=ro");
        assert_eq!(creating("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(target("sqlite://x.db?mode=memory"), None);
    }
}
