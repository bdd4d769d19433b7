//! Checks a PDF passes before the interpreter sees it. hayro's parser goes one level deeper on
//! the stack for each array or dictionary nested in another, so a file of a hundred thousand `[`
//! overflows the stack and aborts the process (a server's too, whatever the request's other
//! limits). Real documents nest a few levels; this refuses more than [`MAX_NESTING`], in the file
//! and in its compressed text streams (page contents and object streams, where the same nesting
//! can hide), inflating at most [`MAX_INFLATED`] bytes in all.

use crate::ImportError;
use std::io::Read;

/// The deepest nesting of arrays and dictionaries accepted.
pub const MAX_NESTING: usize = 64;

/// The most bytes inflated to look into compressed streams: a resume's content streams are tens
/// of kilobytes; a stream that inflates past this is a bomb.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// Refuses a PDF that nests too deep, or whose text streams inflate past the limit.
pub fn check(pdf: &[u8]) -> Result<(), ImportError> {
    nesting(pdf, true)?;
    let mut budget = MAX_INFLATED;
    let mut at = 0;
    while let Some(found) = find(&pdf[at..], b"stream") {
        let start = at + found;
        at = start + 6;
        // "endstream" contains "stream": only the keyword that opens data counts.
        if start >= 3 && &pdf[start - 3..start] == b"end" {
            continue;
        }
        let mut data = at;
        if pdf.get(data) == Some(&b'\r') {
            data += 1;
        }
        if pdf.get(data) != Some(&b'\n') {
            continue;
        }
        data += 1;
        let Some(len) = find(&pdf[data..], b"endstream") else {
            break;
        };
        let dict = &pdf[start.saturating_sub(512)..start];
        if find(dict, b"/FlateDecode").is_some() && find(dict, b"/Image").is_none() {
            let mut inflated = Vec::new();
            let read = flate2::read::ZlibDecoder::new(&pdf[data..data + len])
                .take(budget + 1)
                .read_to_end(&mut inflated);
            if inflated.len() as u64 > budget {
                return Err(ImportError::Damaged(format!(
                    "its compressed streams inflate to more than {} MiB; a resume's are far smaller",
                    MAX_INFLATED / 1024 / 1024
                )));
            }
            budget -= inflated.len() as u64;
            // A stream that does not inflate is the interpreter's to judge; a binary one (a font)
            // holds no structure to nest.
            if read.is_ok() && text_like(&inflated) {
                nesting(&inflated, false)?;
            }
        }
        at = data + len + 9;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Mostly printable ASCII: a content stream or an object stream, not a font or a picture.
fn text_like(data: &[u8]) -> bool {
    let printable = data
        .iter()
        .filter(|b| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~'))
        .count();
    printable * 20 >= data.len() * 19
}

/// The nesting of arrays and dictionaries in PDF syntax, strings and comments skipped (and, in
/// the file itself, stream data, which [`check`] looks into apart).
fn nesting(data: &[u8], skip_streams: bool) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut level = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if data.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if skip_streams
                && data[i..].starts_with(b"stream")
                && (i < 3 || &data[i - 3..i] != b"end") =>
            {
                match find(&data[i..], b"endstream") {
                    Some(n) => i += n + 8,
                    None => return Ok(()),
                }
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(ImportError::Damaged(format!(
                "it nests arrays or dictionaries more than {MAX_NESTING} deep; a real document \
                 nests a few"
            )));
        }
        i += 1;
    }
    Ok(())
}
