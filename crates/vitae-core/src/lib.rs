//! vitae-core: the resume model, its source formats, validation and variants.
//!
//! Pure by construction: no file system, no clock, no network, no environment. Every outside input
//! (the source text, today's date) is passed in, and every problem comes back as data.
//!
//! ```
//! let text = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n";
//! let loaded = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap();
//! assert_eq!(loaded.resume.basics.name, "Ada Lovelace");
//! assert!(!loaded.diagnostics.has_errors());
//! ```

pub mod date;
pub mod design;
pub mod diag;
pub mod format;
pub mod limits;
pub mod model;
pub mod node;
pub mod path;
pub mod rich;
pub mod section;
pub mod text;
pub mod validate;
pub mod variant;

pub use date::{DateValue, PartialDate};
pub use design::Design;
pub use diag::{Diagnostic, Diagnostics, Severity};
pub use format::{Format, Loaded, ReadError};
pub use model::Resume;
pub use path::{ModelPath, ResumePath};
pub use section::Section;

/// Reads and validates a source in one step: the loaded resume with the reader's and the
/// validator's diagnostics together, sorted by position.
pub fn load(
    bytes: &[u8],
    format: Option<Format>,
    options: &validate::Options,
) -> Result<Loaded, ReadError> {
    Ok(checked(format::read_bytes(bytes, format)?, options))
}

/// [`load`] for a document already parsed, such as a part of a JSON request body: positions stay
/// those of the whole text the node came from.
pub fn load_node(
    root: &node::Node,
    syntax: format::Syntax,
    format: Option<Format>,
    options: &validate::Options,
) -> Loaded {
    checked(format::read_node(root, syntax, format), options)
}

fn checked(mut loaded: Loaded, options: &validate::Options) -> Loaded {
    let found = validate::validate(&loaded.resume, &loaded.source_map, options);
    loaded.diagnostics.extend(found);
    loaded.diagnostics = std::mem::take(&mut loaded.diagnostics).sorted();
    loaded
}
