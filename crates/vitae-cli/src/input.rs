//! Reading a resume source from a file or stdin, with the size limit applied before reading.

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;
use vitae_core::node::MAX_INPUT_BYTES;

/// The bytes of `path` (`-` for stdin). Files over the limit are refused without being read.
pub fn read_source(path: &Path) -> Result<Vec<u8>> {
    read_limited(
        path,
        MAX_INPUT_BYTES,
        "a resume source",
        "a resume source is a few kilobytes; link large assets instead of embedding them",
    )
}

/// A document to import (a PDF, a text resume), up to [`vitae_app::import::MAX_BYTES`]; `-`
/// reads standard input.
pub fn read_document(path: &Path) -> Result<Vec<u8>> {
    read_limited(
        path,
        vitae_app::import::MAX_BYTES,
        "a document to import",
        "a resume's PDF is well under a megabyte; export it again without embedded images",
    )
}

/// A text file (a posting, a CSV log) up to the import limit; `-` reads standard input.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_document(path)?;
    String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("`{}` is not UTF-8 text: {e}", path.display()))
}

/// A file's bytes (`-`: standard input), refused past `limit` bytes with `what` it is and a hint.
fn read_limited(path: &Path, limit: usize, what: &str, hint: &str) -> Result<Vec<u8>> {
    let limit = limit as u64;
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
                    "standard input is larger than the {limit} byte limit for {what}"
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
            "`{}` is {} bytes, more than the {limit} byte limit for {what} (hint: {hint})",
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

/// The photo `image` (the source's `contact.image` / `basics.image`) names when it is a file,
/// read for a typeset document. Sandboxed: only a file in the source's folder or below it (for
/// standard input, the working folder), never a link out of it, never more than
/// [`vitae_render::MAX_PHOTO_BYTES`]; an address on the network is not fetched (said once). A
/// data URL is the renderer's to read; `None` for it too.
pub fn photo(source: &str, image: Option<&str>) -> Result<Option<vitae_render::Photo>> {
    let Some(image) = image.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if image.starts_with("data:") {
        return Ok(None);
    }
    if let Some((scheme, _)) = image.split_once("://")
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        eprintln!(
            "note: the photo `{image}` is not shown: vitae reads nothing from the network (hint: \
             save it beside the source and give its file name as the image)"
        );
        return Ok(None);
    }
    let folder = if source == "-" {
        std::env::current_dir().context("cannot find the working folder")?
    } else {
        Path::new(source)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf)
    };
    let folder = folder
        .canonicalize()
        .with_context(|| format!("cannot find the folder of `{source}`"))?;
    let wanted = folder.join(image);
    let cannot = || {
        format!(
            "cannot read the photo `{image}` (the source's image) at `{}`",
            wanted.display()
        )
    };
    let outside = || {
        anyhow::anyhow!(
            "the photo `{image}` is outside the folder of `{source}` (hint: vitae reads only \
             files in the source's folder or below it; copy the photo there)"
        )
    };
    // Only a regular file (a FIFO would block the open below), and not one that resolves out
    // of the folder.
    let path = wanted.canonicalize().with_context(cannot)?;
    if !path.starts_with(&folder) {
        return Err(outside());
    }
    if !std::fs::metadata(&path).with_context(cannot)?.is_file() {
        bail!("the photo `{image}` is not a file");
    }
    // Then open it, and check where the opened file really is: a folder swapped for a link
    // between the check and the open must not lead the read out of the folder.
    let file = std::fs::File::open(&path).with_context(cannot)?;
    if !opened_inside(&file, &path, &folder)? {
        return Err(outside());
    }
    // Read no more than the limit and one byte, whatever the file says its size is.
    let limit = vitae_render::MAX_PHOTO_BYTES as u64;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot)?;
    vitae_render::Photo::new(bytes)
        .map(Some)
        .map_err(|why| anyhow::anyhow!("the photo `{image}`: {why}"))
}

/// Whether the open `file` (opened at `path`) is a regular file inside `folder`: on Linux, the
/// path the kernel gives for the open file; elsewhere on Unix, the file at `path` resolved again
/// must be the same file (device and inode) as the one opened.
fn opened_inside(file: &std::fs::File, path: &Path, folder: &Path) -> Result<bool> {
    if !file.metadata()?.is_file() {
        return Ok(false);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // The kernel names the open file itself; the path it was opened at is not needed.
        let _ = path;
        let real = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
        Ok(real.starts_with(folder))
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        use std::os::unix::fs::MetadataExt;
        let again = path.canonicalize()?;
        let (opened, named) = (file.metadata()?, std::fs::metadata(&again)?);
        Ok(again.starts_with(folder) && (opened.dev(), opened.ino()) == (named.dev(), named.ino()))
    }
    #[cfg(not(unix))]
    {
        Ok(path.canonicalize()?.starts_with(folder))
    }
}

/// A text file the user names for the look of a document (`what`: "theme file", "template"),
/// read up to `limit` bytes (one more tells the reader it is over), with its file name.
fn user_text(path: &Path, what: &str, limit: usize) -> Result<(String, String)> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read the {what} `{}`", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("the {what} `{}` is not UTF-8 text", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, text))
}

/// A theme file (`--theme-file`).
pub fn theme_file(path: &Path) -> Result<vitae_render::ThemeFile> {
    let (name, code) = user_text(path, "theme file", vitae_render::MAX_THEME_FILE_BYTES)?;
    vitae_render::ThemeFile::new(&name, &code)
        .map_err(|why| anyhow::anyhow!("`{}`: {why}", path.display()))
}

/// A template (`--template`).
pub fn template(path: &Path) -> Result<vitae_render::template::Template> {
    use vitae_render::template::{MAX_TEMPLATE_BYTES, Template};
    let (name, text) = user_text(path, "template", MAX_TEMPLATE_BYTES)?;
    Template::new(&name, &text).map_err(|why| anyhow::anyhow!(why))
}

#[cfg(test)]
mod tests {
    use super::opened_inside;

    #[test]
    fn an_open_file_is_judged_by_where_it_really_is() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("cv");
        std::fs::create_dir(&inside).unwrap();
        std::fs::write(inside.join("me.png"), b"x").unwrap();
        std::fs::write(dir.path().join("other.png"), b"x").unwrap();
        let folder = inside.canonicalize().unwrap();
        let path = folder.join("me.png");
        let file = std::fs::File::open(&path).unwrap();
        assert!(opened_inside(&file, &path, &folder).unwrap());
        // The file that was opened decides, whatever path it is said to be at.
        let other = dir.path().join("other.png").canonicalize().unwrap();
        let file = std::fs::File::open(&other).unwrap();
        assert!(!opened_inside(&file, &path, &folder).unwrap());
        // A folder is no photo.
        let file = std::fs::File::open(&folder).unwrap();
        assert!(!opened_inside(&file, &folder, &folder).unwrap());
    }
}
