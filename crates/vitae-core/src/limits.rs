//! What a resume may ask of the layout engine, checked before anything is laid out.
//!
//! Typesetting time grows with the text it is given, and faster than linearly for text that has
//! nowhere to break: a 32,000-character word took Typst 52 s to set. A resume needs none of
//! that, so validation bounds the work up front, for every output and every front end (the CLI
//! exits 1, the API answers 422), each refusal located at the field and naming the limit:
//!
//! - one text field: [`MAX_FIELD_CHARS`] characters (a long summary is ~2,000);
//! - one run of characters without a space: [`MAX_RUN_CHARS`] (the longest real URLs, hashes
//!   and identifiers fit; renderers also give such runs break opportunities so they wrap);
//! - the whole text: [`MAX_TOTAL_CHARS`] characters (some 60 dense pages);
//! - one list (entries of a section, bullets of an entry, items of a category):
//!   [`MAX_LIST_ITEMS`].
//!
//! With these, the time to render is linear in the input with a small constant
//! (`bench/long_fields.py` measures it from 1 k to 1 M characters).

use crate::diag::Diagnostics;
use crate::format::SourceMap;
use crate::model::Resume;
use crate::path::{self, Item};

/// Characters one text field may hold.
pub const MAX_FIELD_CHARS: usize = 10_000;
/// Characters in a row without whitespace.
pub const MAX_RUN_CHARS: usize = 500;
/// Characters of text in the whole resume.
pub const MAX_TOTAL_CHARS: usize = 200_000;
/// Items in one list.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Characters of a photo written into the source as a data URL (`basics.image`): about 2 MiB of
/// image, more than a sharp head shot needs. It is an image, not text: the other limits do not
/// apply to it.
pub const MAX_PHOTO_URL_CHARS: usize = 2_800_000;

/// Whether a line may break at `c` without help: whitespace, or a character of a script written
/// without spaces, which layout engines segment themselves (Typst by dictionary for Thai, Lao,
/// Khmer and Myanmar, between any two characters for CJK). The limit on runs and the
/// renderers' added break opportunities both go by this one definition.
pub fn breaks_by_itself(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
            | '\u{1000}'..='\u{109F}'   // Myanmar
            | '\u{1780}'..='\u{17FF}'   // Khmer
            | '\u{2E80}'..='\u{9FFF}'   // CJK radicals, kana, ideographs
            | '\u{AC00}'..='\u{D7AF}'   // Hangul
            | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
            | '\u{FF00}'..='\u{FFEF}'   // full-width forms
            | '\u{20000}'..='\u{3FFFF}' // CJK extensions
        )
}

/// The longest run of characters in `text` with nowhere to break a line ([`breaks_by_itself`]).
pub fn longest_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if breaks_by_itself(c) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    longest
}

/// Checks `resume` against the limits, adding one located error per field or list over a limit
/// (and one for the total).
pub fn check(resume: &Resume, map: &SourceMap, diags: &mut Diagnostics) {
    let mut total = 0usize;
    let mut error = |path: &str, message: String, hint: &str| {
        let (source, pos) = map.resolve(path);
        diags.error(&source, pos, message, Some(hint.to_owned()));
    };
    // One walk over every text field and list there is or will be, each with its model path.
    let photo = path::ResumePath::root().basics().image();
    path::walk(resume, &mut |path, item| match item {
        Item::Text(text) if path == &photo && text.starts_with("data:") => {
            if text.len() > MAX_PHOTO_URL_CHARS {
                error(
                    path.as_str(),
                    format!(
                        "this photo is {} KiB as a data URL; at most {} KiB can be embedded",
                        text.len() / 1024,
                        MAX_PHOTO_URL_CHARS / 1024
                    ),
                    "save the photo smaller (a head shot needs some 600 pixels across), or \
                     give its file name instead",
                );
            }
        }
        Item::Text(text) => {
            let chars = text.chars().count();
            total += chars;
            if chars > MAX_FIELD_CHARS {
                error(
                    path.as_str(),
                    format!(
                        "this text has {chars} characters; a field may have at most \
                         {MAX_FIELD_CHARS}"
                    ),
                    "shorten it, or split it into bullets or entries",
                );
            } else if let run = longest_run(text)
                && run > MAX_RUN_CHARS
            {
                error(
                    path.as_str(),
                    format!(
                        "this text has {run} characters without a space; at most \
                         {MAX_RUN_CHARS} can be set on a page"
                    ),
                    "shorten the word or link, or put spaces in it",
                );
            }
        }
        Item::List(len) if len > MAX_LIST_ITEMS => error(
            path.as_str(),
            format!("this list has {len} items; a list may have at most {MAX_LIST_ITEMS}"),
            "keep the items that matter for the jobs you want",
        ),
        Item::List(_) | Item::Value(_) => {}
    });
    if total > MAX_TOTAL_CHARS {
        error(
            "",
            format!(
                "the resume has {total} characters of text; at most {MAX_TOTAL_CHARS} can be laid \
                 out"
            ),
            "a resume is read in minutes: keep what matters for the jobs you want",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_run_counts_characters_between_whitespace() {
        for (text, expected) in [
            ("", 0),
            ("a bc  def", 3),
            ("ééé x", 3),
            ("https://example.com/a/b?c=d", 27),
            ("line\nbreak\ttab", 5),
            // Chinese and Thai are written without spaces and still break anywhere / by word.
            ("ab漢字漢字cd", 2),
            ("ภาษาไทยไม่มีช่องว่าง", 0),
        ] {
            assert_eq!(longest_run(text), expected, "{text:?}");
        }
    }
}
