//! vitae-fit: how a resume fits a job, computed from the resume and the posting alone.
//!
//! The skills vocabulary ([`keywords`]), job postings ([`job`]), the ATS check ([`ats`], which
//! scores a text layer it is given and never renders), truthful tailoring and the claim verifier
//! ([`tailor`]), cover letters ([`letter`]) and ranking postings against a resume ([`rank`]).
//!
//! Pure like vitae-core: no file system, no clock, no network, no environment. Today's date, the
//! posting's text and a rendered document's text layer come in as arguments. The posting is
//! evidence of what an employer wants, never of what the candidate did: nothing here writes a
//! claim about the person that the resume does not carry.
//!
//! ```
//! let posting = "Backend Engineer\n\nRequirements:\n- 3+ years of Rust\n- PostgreSQL\n";
//! let job = vitae_fit::job::parse(posting).unwrap();
//! let named: Vec<&str> = job.skills.iter().flat_map(|s| &s.keywords).map(String::as_str).collect();
//! assert!(named.contains(&"Rust"), "{named:?}");
//! ```

pub mod ats;
mod claims;
pub mod job;
pub mod keywords;
pub mod letter;
pub mod rank;
pub mod tailor;
