//! Documents kept as files: what the CLI writes (renders, packages, tailored sources) and what the
//! studio saves over a user's source. One way of writing them, whole or not at all.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` so that a crash or a full disk leaves the old file or the new one,
/// never half of either: a new temporary file beside it (created exclusively, so a link planted
/// at its name is not followed; its name is short, so any name `path` may have still fits),
/// with the permissions of the file it replaces (a private resume stays private: the temporary
/// file is created private and opened up to the old file's permissions only; a new file gets
/// the process's usual ones), flushed to disk, renamed over `path`, and the directory flushed
/// so the rename lasts. On failure the temporary file is removed and `path` is as it was.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(".vitae-save-{}", &crate::random_token()[..12]));
    let replaced = std::fs::metadata(path).ok();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if replaced.is_some() {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    let mut file = options.open(&temp)?;
    let written = (|| {
        // Where the file system has permissions (not FAT or some network mounts, where writing
        // still works); where they cannot be set, the new file stays private.
        if let Some(meta) = &replaced {
            let _ = file.set_permissions(meta.permissions());
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_keeping_its_permissions_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resume.yaml");
        write_whole(&path, b"first").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        write_whole(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "a private file stays private");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["resume.yaml"], "no temporary file is left");
        // A name as long as a file system allows still has room for its temporary file.
        let long = dir.path().join("x".repeat(250));
        write_whole(&long, b"long").unwrap();
        assert_eq!(std::fs::read(&long).unwrap(), b"long");
        std::fs::remove_file(&long).unwrap();
        // A directory that is not there: an error, and nothing written.
        assert!(write_whole(&dir.path().join("missing/resume.yaml"), b"x").is_err());
        assert!(!dir.path().join("missing").exists());
    }
}
