//! What an application is: its status and the moves between statuses, its history, and what
//! was sent. The store keeps it as JSON (the body) plus the columns it filters on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Noted, not sent yet.
    Saved,
    Applied,
    /// A recruiter's call or a screening test.
    Screening,
    /// An interview round (the history counts the rounds).
    Interview,
    Offer,
    Accepted,
    Rejected,
    /// The candidate withdrew (or declined the offer).
    Withdrawn,
    /// No answer came (the candidate closed it as such; a late answer can still reopen it).
    NoAnswer,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Saved,
        Status::Applied,
        Status::Screening,
        Status::Interview,
        Status::Offer,
        Status::Accepted,
        Status::Rejected,
        Status::Withdrawn,
        Status::NoAnswer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Saved => "saved",
            Status::Applied => "applied",
            Status::Screening => "screening",
            Status::Interview => "interview",
            Status::Offer => "offer",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::NoAnswer => "no_answer",
        }
    }

    /// Reads a status as people and resume-cli write it ("no_response", "Phone screen",
    /// "interviewing"…), case and separators aside.
    pub fn parse(text: &str) -> Option<Status> {
        let key: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Some(match key.as_str() {
            "saved" | "wishlist" | "bookmarked" | "draft" => Status::Saved,
            "applied" | "submitted" | "sent" => Status::Applied,
            "screening" | "screen" | "phone_screen" | "recruiter_call" | "phone" => {
                Status::Screening
            }
            "interview" | "interviewing" | "interviews" | "onsite" => Status::Interview,
            "offer" | "offered" => Status::Offer,
            "accepted" | "hired" => Status::Accepted,
            "rejected" | "declined_by_employer" | "rejection" => Status::Rejected,
            "withdrawn" | "withdrew" | "declined" => Status::Withdrawn,
            "no_answer" | "no_response" | "ghosted" | "noanswer" => Status::NoAnswer,
            _ => return None,
        })
    }

    /// Whether reaching this status means the employer answered.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            Status::Screening
                | Status::Interview
                | Status::Offer
                | Status::Accepted
                | Status::Rejected
        )
    }

    /// Whether the application is over.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Accepted | Status::Rejected | Status::Withdrawn
        )
    }

    /// The statuses an application in this one may move to. Another interview round is a move
    /// from `interview` to itself. Closed applications move nowhere (a correction takes
    /// `force`).
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Saved => &[Applied, Withdrawn],
            Applied => &[Screening, Interview, Offer, Rejected, Withdrawn, NoAnswer],
            Screening => &[Interview, Offer, Rejected, Withdrawn, NoAnswer],
            Interview => &[Interview, Offer, Rejected, Withdrawn, NoAnswer],
            Offer => &[Accepted, Rejected, Withdrawn],
            NoAnswer => &[Screening, Interview, Offer, Rejected, Withdrawn],
            Accepted | Rejected | Withdrawn => &[],
        }
    }

    pub fn may_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One entry of an application's history: a status it reached, or a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// ISO date.
    pub on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The interview round this status began (1, 2, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A move outside the usual ones, made on purpose (a correction).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
    /// The real date is unknown (a status read from a log that only dates the application):
    /// `on` is the application's date, and timings leave this event out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undated: bool,
    /// A later correction (`force`) undid this status: it stays in the history, struck out, and
    /// counts nowhere.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
}

impl Event {
    /// A status the application reached on `on` (interview rounds numbered by the caller).
    pub fn status(on: &str, status: Status, round: Option<u32>) -> Event {
        Event {
            on: on.to_owned(),
            status: Some(status),
            round,
            note: None,
            forced: false,
            undated: false,
            superseded: false,
        }
    }

    /// A dated note.
    pub fn note(on: &str, text: String) -> Event {
        Event {
            status: None,
            note: Some(text),
            ..Event::status(on, Status::Applied, None)
        }
    }

    /// A status that counts: not undone by a correction.
    fn counted(&self) -> Option<Status> {
        self.status.filter(|_| !self.superseded)
    }
}

/// The cells of resume-cli's log as an import read them, given back as written on export while
/// the application still stands where the log said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogCells {
    pub status: String,
    pub response: String,
    pub cover_letter: String,
}

/// Someone at the employer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// The posting applied to: its text as given and what vitae read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Posting {
    pub text: String,
    /// The job as a JSON Resume job.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub job: serde_json::Value,
}

/// A document sent, as the application names it (the bytes are in the store once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentDocument {
    /// SHA-256 of the bytes, hex.
    pub hash: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
}

impl SentDocument {
    /// A document sent, to store and to name in the application: the bytes once under their
    /// SHA-256, the name and media type (told by the name's extension when not given).
    pub fn of(
        name: &str,
        media_type: Option<&str>,
        bytes: Vec<u8>,
    ) -> (vitae_store::NewDocument, SentDocument) {
        let media_type = media_type.map_or_else(|| media_type_of(name).to_owned(), str::to_owned);
        let doc = vitae_store::NewDocument {
            media_type: media_type.clone(),
            name: name.to_owned(),
            bytes,
        };
        let sent = SentDocument {
            hash: doc.hash(),
            name: name.to_owned(),
            media_type,
            size: doc.bytes.len() as u64,
        };
        (doc, sent)
    }
}

/// The media type a document's file name says: its extension read as one of vitae's output
/// formats, whose media types the renderer already knows; anything else is bytes.
pub fn media_type_of(name: &str) -> &'static str {
    name.rsplit_once('.')
        .and_then(|(_, extension)| extension.parse::<vitae_render::OutputFormat>().ok())
        .map_or(
            "application/octet-stream",
            vitae_render::OutputFormat::media_type,
        )
}

/// What was sent, as it was when it was sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<SentDocument>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<SentDocument>,
    /// The variant's key (or, from resume-cli's log, its `resume_version`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    /// SHA-256 of the resume source the documents were made from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_hash: String,
    /// The ATS score against the posting at the time (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ats_score: Option<f64>,
    /// Where the package folder was written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub package_path: String,
}

/// An application: what the store's body holds, with the record's identity and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// Store id (`a_…`); not part of the body.
    #[serde(default)]
    pub id: String,
    /// The tenant's running number (#1, #2…); not part of the body.
    #[serde(default)]
    pub number: i64,
    /// Not part of the body.
    #[serde(default)]
    pub version: i64,
    pub company: String,
    #[serde(default)]
    pub role: String,
    pub status: Status,
    /// ISO date the application was sent (none while saved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_on: Option<String>,
    /// ISO date to follow up on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_on: Option<String>,
    /// Where the posting was found or how it was applied to (LinkedIn, referral…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    /// The posting's seniority as vitae read it, or as given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seniority: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posting: Option<Posting>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Free notes (the history holds dated ones).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default)]
    pub history: Vec<Event>,
    #[serde(default)]
    pub sent: Sent,
    /// Whether the employer answered, as a log imported from resume-cli said (its `response`
    /// column), when that says more than the history; `None`: the history tells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responded: Option<bool>,
    /// Whether a cover letter went with it, as resume-cli's log said (`cover_letter`), when
    /// no letter document is stored; `None`: the stored documents tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter_sent: Option<bool>,
    /// The cells of resume-cli's log this application was imported from, given back on
    /// export while its status is still the one they name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<LogCells>,
    /// Milliseconds since the Unix epoch; not part of the body.
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

impl Application {
    /// A new application, nothing but its company, role and status.
    pub fn new(company: &str, role: &str, status: Status) -> Application {
        Application {
            id: String::new(),
            number: 0,
            version: 0,
            company: company.to_owned(),
            role: role.to_owned(),
            status,
            applied_on: None,
            follow_up_on: None,
            source: String::new(),
            url: String::new(),
            location: String::new(),
            seniority: String::new(),
            posting: None,
            contacts: Vec::new(),
            notes: String::new(),
            history: Vec::new(),
            sent: Sent::default(),
            responded: None,
            letter_sent: None,
            imported: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    /// Keeps the posting (its text, and the job read from it as a JSON Resume job) and fills
    /// what it tells that the application does not say yet: the role (the posting's title),
    /// the seniority and the posting's address. What the caller set stays.
    pub fn attach_posting(&mut self, text: String, job: serde_json::Value) {
        let field = |key: &str| job.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        for (slot, key) in [
            (&mut self.role, "title"),
            (&mut self.seniority, "experience"),
            (&mut self.url, "url"),
        ] {
            if slot.trim().is_empty()
                && let Some(value) = field(key)
            {
                *slot = value;
            }
        }
        self.posting = Some(Posting { text, job });
    }

    /// The date of the first answer from the employer: the first status in the history that is
    /// an answer.
    /// The earliest date among the answers the history records; `None` when no answer came,
    /// or when one of them has no known date (the first could be that one).
    pub fn first_answer_on(&self) -> Option<&str> {
        let mut answers = self
            .history
            .iter()
            .filter(|e| e.counted().is_some_and(Status::is_answer))
            .peekable();
        answers.peek()?;
        let mut first: Option<&str> = None;
        for e in answers {
            if e.undated {
                return None;
            }
            first = Some(first.map_or(e.on.as_str(), |f| f.min(e.on.as_str())));
        }
        first
    }

    /// Whether the employer answered: the history says so, or the imported log did.
    pub fn answered(&self) -> bool {
        self.responded == Some(true)
            || self.status.is_answer()
            || self
                .history
                .iter()
                .any(|e| e.counted().is_some_and(Status::is_answer))
    }

    /// Whether the application reached `status` at some point (its history or its status now);
    /// a status a correction undid does not count.
    pub fn reached(&self, status: Status) -> bool {
        self.status == status || self.history.iter().any(|e| e.counted() == Some(status))
    }

    /// Whether it got as far as an interview (an offer implies one).
    pub fn interviewed(&self) -> bool {
        [Status::Interview, Status::Offer, Status::Accepted]
            .into_iter()
            .any(|s| self.reached(s))
    }

    /// Whether it got an offer.
    pub fn offered(&self) -> bool {
        self.reached(Status::Offer) || self.reached(Status::Accepted)
    }

    /// How many interview rounds the history records.
    pub fn rounds(&self) -> u32 {
        self.history
            .iter()
            .filter(|e| e.counted() == Some(Status::Interview))
            .count() as u32
    }

    /// Whether a cover letter went with it.
    pub fn has_letter(&self) -> bool {
        self.letter_sent
            .unwrap_or_else(|| self.sent.letter.is_some())
    }

    /// The hashes of the documents sent.
    pub fn document_hashes(&self) -> Vec<String> {
        [&self.sent.resume, &self.sent.letter]
            .into_iter()
            .flatten()
            .map(|d| d.hash.clone())
            .collect()
    }
}
