//! The job search: applications tied to the exact documents sent, their status history and
//! follow-ups, the analytics over them, and job offers compared by the user's weights.
//!
//! Every front end runs these use cases over a [`Store`] it hands in, for one tenant (the CLI's
//! local user, or an API key's tenant), passing today's date: no clock and no file here.
//!
//! Updates are optimistic, as resumes' are: a caller that read version `n` (an HTTP `If-Match`)
//! names it and gets [`TrackError::Stale`] if someone else wrote first; a caller that names
//! none (the CLI) has its change applied to the newest version, read again until it lands.

pub mod analytics;
pub mod csv;
mod model;
pub mod offers;

pub use model::{
    Application, Contact, Event, LogCells, Posting, Sent, SentDocument, Status, media_type_of,
};

use std::sync::Arc;
/// The calendar day type the tracker counts in, for front ends to pass today in.
pub use time::{Date, Month};
use vitae_store::{
    ApplicationFields, ApplicationFilter, ApplicationRecord, NewDocument, Store, StoreError, Write,
};

/// Why a tracker use case failed.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    #[error("no application {0}")]
    NotFound(String),
    #[error("no offer {0}")]
    OfferNotFound(String),
    /// Someone else changed it since it was read.
    #[error("the {what} was changed by someone else (it is at version {current} now)")]
    Stale { what: &'static str, current: i64 },
    #[error("an application that is {from} cannot become {to}{}", hint_next(*.from))]
    Transition { from: Status, to: Status },
    /// A value that cannot be used. `at` says where (a CSV's row and column, a JSON field).
    #[error("{at}: {message}")]
    Invalid {
        at: String,
        message: String,
        hint: Option<String>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn hint_next(from: Status) -> String {
    let next = from.next();
    if next.is_empty() {
        " (it is closed; a correction takes --force)".to_owned()
    } else {
        let names: Vec<&str> = next.iter().map(|s| s.name()).collect();
        format!(
            " (from {from} it can become: {}; a correction takes --force)",
            names.join(", ")
        )
    }
}

impl TrackError {
    pub fn invalid(at: impl Into<String>, message: impl Into<String>) -> TrackError {
        TrackError::Invalid {
            at: at.into(),
            message: message.into(),
            hint: None,
        }
    }

    fn with_hint(self, text: impl Into<String>) -> TrackError {
        match self {
            TrackError::Invalid { at, message, .. } => TrackError::Invalid {
                at,
                message,
                hint: Some(text.into()),
            },
            other => other,
        }
    }

    /// What to do about it, when there is something to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            TrackError::Invalid { hint, .. } => hint.clone(),
            TrackError::NotFound(_) => {
                Some("`vitae track list` shows the applications and their numbers".into())
            }
            TrackError::OfferNotFound(_) => Some("`vitae offer list` shows the offers".into()),
            TrackError::Stale { .. } => Some("read it again and repeat the change".into()),
            _ => None,
        }
    }
}

pub type Result<T, E = TrackError> = std::result::Result<T, E>;

/// An ISO date (YYYY-MM-DD).
pub fn parse_iso(text: &str, at: &str) -> Result<Date> {
    // By hand rather than with `time`'s format parser: analytics read two or three dates per
    // application, and this shape is all there is to read.
    let b = text.trim().as_bytes();
    let number = |from: usize, to: usize| -> Option<u16> {
        b.get(from..to)?.iter().try_fold(0u16, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let month = Month::try_from(u8::try_from(number(5, 7)?).ok()?).ok()?;
            let day = u8::try_from(number(8, 10)?).ok()?;
            Date::from_calendar_date(i32::from(number(0, 4)?), month, day).ok()
        })
        .flatten();
    date.ok_or_else(|| {
        TrackError::invalid(at, format!("`{}` is not a date", text.escape_debug()))
            .with_hint("write dates as YYYY-MM-DD, as in 2026-03-14")
    })
}

/// A day as people type it: an ISO date, `today`, `tomorrow`, or a count of days or weeks from
/// today (`3d`, `+2w`).
pub fn parse_day(text: &str, today: Date, at: &str) -> Result<Date> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today.next_day().unwrap_or(today)),
        _ => {}
    }
    let relative = t.strip_prefix('+').unwrap_or(&t);
    if let Some((count, unit)) = relative
        .find(|c: char| !c.is_ascii_digit())
        .map(|i| relative.split_at(i))
        && let Ok(count) = count.parse::<i64>()
    {
        let days = match unit {
            "d" | "day" | "days" => Some(count),
            "w" | "week" | "weeks" => count.checked_mul(7),
            _ => None,
        };
        if let Some(days) = days.filter(|d| d.abs() <= MAX_DAYS)
            && let Some(day) = today.checked_add(time::Duration::days(days))
        {
            return Ok(day);
        }
    }
    parse_iso(text, at)
        .map_err(|e| e.with_hint("write a date as YYYY-MM-DD, or today, tomorrow, 3d, 2w"))
}

/// The most days a relative date or a logged wait may span (a century): past it, a count is a
/// typo, and the calendar arithmetic would overflow long before the numbers do.
pub const MAX_DAYS: i64 = 36_500;

/// A calendar day from a front end's date (the CLI's and the server's clock give a
/// [`vitae_core::PartialDate`]).
pub fn date_of(d: vitae_core::PartialDate) -> Date {
    Date::from_calendar_date(
        i32::from(d.year),
        Month::try_from(d.month.unwrap_or(1)).unwrap_or(Month::January),
        d.day.unwrap_or(1),
    )
    .unwrap_or(Date::MIN)
}

/// An ISO date as text.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Reads a posting (text, HTML or JSON) and keeps it with the application
/// ([`Application::attach_posting`]).
pub fn read_posting(app: &mut Application, text: String) -> Result<(), crate::AppError> {
    let job = crate::posting::read(&text, crate::Vocabulary::builtin())?.to_json_resume_job();
    app.attach_posting(text, job);
    Ok(())
}

/// How an application is named: its number (`12`, `#12`) or its id (`a_…`).
fn reference(text: &str) -> Reference<'_> {
    let t = text.trim();
    match t.strip_prefix('#').unwrap_or(t).parse::<i64>() {
        Ok(n) if n > 0 => Reference::Number(n),
        _ => Reference::Id(t),
    }
}

enum Reference<'a> {
    Number(i64),
    Id(&'a str),
}

/// A change to an application's fields (what `track edit` and `PATCH` set); a field left out
/// stays as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub company: Option<String>,
    pub role: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub location: Option<String>,
    pub seniority: Option<String>,
    pub notes: Option<String>,
    pub applied_on: Option<String>,
    /// An ISO date; `null` clears the reminder.
    #[serde(default, deserialize_with = "explicit_null")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub follow_up_on: Option<Option<String>>,
    pub contacts: Option<Vec<Contact>>,
}

/// Reads a field that may be left out (`None`) or sent as `null` (`Some(None)`): with
/// `#[serde(default, deserialize_with = "explicit_null")]`, the two stay apart.
pub fn explicit_null<'de, D, T>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(d).map(Some)
}

/// A status as people and resume-cli write it ([`Status::parse`]), or an error at `at` that
/// lists the statuses.
pub fn parse_status(text: &str, at: &str) -> Result<Status> {
    Status::parse(text).ok_or_else(|| {
        TrackError::invalid(at, format!("`{}` is not a status", text.escape_debug())).with_hint(
            format!(
                "the statuses are: {}",
                Status::ALL.map(Status::name).join(", ")
            ),
        )
    })
}

/// The ATS scores an application may record (the score of `vitae ats`).
pub const ATS_SCORES: std::ops::RangeInclusive<f64> = 0.0..=100.0;

/// Days after applying that a follow-up is set for when none is given: a week is the usual
/// advice for a first nudge.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// The documents an application keeps, by the names the CLI and the API give them (a letter is
/// also found as `cover-letter` or `cover_letter`); the API's document states this list.
pub const DOCUMENT_KINDS: [&str; 2] = ["resume", "letter"];

/// The use cases over one tenant's applications and offers.
#[derive(Clone)]
pub struct Tracker {
    store: Arc<dyn Store>,
    tenant: String,
}

impl Tracker {
    pub fn new(store: Arc<dyn Store>, tenant_id: impl Into<String>) -> Tracker {
        Tracker {
            store,
            tenant: tenant_id.into(),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// Records an application. Its history starts with the status it is recorded in (and
    /// `applied` before it when it is recorded further on, as resume-cli's `apply Google
    /// interview` does); an application sent without a follow-up date gets one a week later.
    /// `documents` are the bytes sent, whose hashes `app.sent` names.
    pub async fn record(
        &self,
        mut app: Application,
        documents: Vec<NewDocument>,
        today: Date,
        follow_up: FollowUp,
    ) -> Result<Application> {
        check(&app)?;
        normalize_dates(&mut app)?;
        if app.status != Status::Saved && app.applied_on.is_none() {
            app.applied_on = Some(iso(today));
        }
        if app.history.is_empty() {
            let applied = app.applied_on.clone().unwrap_or_else(|| iso(today));
            let round = (app.status == Status::Interview).then_some(1);
            match app.status {
                Status::Saved | Status::Applied => {
                    app.history.push(Event::status(&applied, app.status, round));
                }
                later => {
                    // Recorded further on: it was sent first, and got here some day since,
                    // which nobody said: undated, so no time to an answer is made up.
                    app.history
                        .push(Event::status(&applied, Status::Applied, None));
                    app.history.push(Event {
                        undated: true,
                        ..Event::status(&applied, later, round)
                    });
                }
            }
        }
        if follow_up == FollowUp::Default && app.follow_up_on.is_none() {
            app.follow_up_on = default_follow_up(&app, today)?;
        }
        let record = self
            .store
            .create_application(&self.tenant, &fields(&app)?, &documents)
            .await?;
        application(record)
    }

    /// Records the applications of an imported log as they are: no date, history or reminder
    /// is added (a log of last year's search must not flood `due`). An application already
    /// tracked (the same company, role, date and variant) is skipped, so importing a log twice
    /// records it once. Returns how many were recorded and how many skipped.
    pub async fn import_log(&self, apps: Vec<Application>) -> Result<(usize, usize)> {
        for app in &apps {
            check(app)?;
        }
        let key = |a: &Application| {
            (
                a.company.trim().to_lowercase(),
                a.role.trim().to_lowercase(),
                a.applied_on.clone(),
                a.sent.variant.trim().to_owned(),
            )
        };
        let mut known: std::collections::HashSet<_> = self
            .list(&ApplicationFilter::default())
            .await?
            .iter()
            .map(key)
            .collect();
        let (mut imported, mut skipped) = (0, 0);
        for mut app in apps {
            if !known.insert(key(&app)) {
                skipped += 1;
                continue;
            }
            normalize_dates(&mut app)?;
            self.store
                .create_application(&self.tenant, &fields(&app)?, &[])
                .await?;
            imported += 1;
        }
        Ok((imported, skipped))
    }

    /// An application by number or id.
    pub async fn get(&self, which: &str) -> Result<Application> {
        let id = self.id_of(which).await?;
        match self.store.get_application(&self.tenant, &id).await? {
            Some(record) => application(record),
            None => Err(TrackError::NotFound(which.to_owned())),
        }
    }

    async fn id_of(&self, which: &str) -> Result<String> {
        match reference(which) {
            Reference::Number(n) => self
                .store
                .application_id(&self.tenant, n)
                .await?
                .ok_or_else(|| TrackError::NotFound(format!("#{n}"))),
            Reference::Id(id) => Ok(id.to_owned()),
        }
    }

    /// Every application matching `filter`, in the order they were recorded.
    pub async fn list(&self, filter: &ApplicationFilter) -> Result<Vec<Application>> {
        const PAGE: u32 = 500;
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = self
                .store
                .list_applications(&self.tenant, filter, after.as_deref(), PAGE)
                .await?;
            let full = page.len() == PAGE as usize;
            after = page.last().map(|r| r.id.clone());
            for record in page {
                out.push(application(record)?);
            }
            if !full {
                return Ok(out);
            }
        }
    }

    /// Every application as analytics read them: bodies only (no identity, posting or
    /// documents), fetched in one round trip; [`analytics::of_bodies`] reads them.
    pub async fn bodies(&self) -> Result<Vec<String>> {
        Ok(self.store.application_bodies(&self.tenant).await?)
    }

    /// The analytics as of `today` ([`Tracker::bodies`], then [`analytics::of_bodies`]).
    pub async fn analytics(&self, today: Date) -> Result<analytics::Analytics> {
        analytics::of_bodies(&self.bodies().await?, today)
    }

    /// One page of applications (for the API): up to `limit` after the id `after`.
    pub async fn page(
        &self,
        filter: &ApplicationFilter,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Application>> {
        self.store
            .list_applications(&self.tenant, filter, after, limit)
            .await?
            .into_iter()
            .map(application)
            .collect()
    }

    /// Applies `change` to the application, at `expected` (its version as the caller read it)
    /// or, with `None`, at whatever version is newest.
    pub async fn update(
        &self,
        which: &str,
        expected: Option<i64>,
        documents: Vec<NewDocument>,
        change: impl Fn(&mut Application) -> Result<()>,
    ) -> Result<Application> {
        let id = self.id_of(which).await?;
        // Without an expected version the change is re-applied to a fresh read whenever another
        // writer got in between; the bound only guards against a livelock.
        for _ in 0..16 {
            let Some(record) = self.store.get_application(&self.tenant, &id).await? else {
                return Err(TrackError::NotFound(which.to_owned()));
            };
            let mut app = application(record)?;
            if let Some(v) = expected
                && v != app.version
            {
                return Err(TrackError::Stale {
                    what: "application",
                    current: app.version,
                });
            }
            change(&mut app)?;
            check(&app)?;
            match self
                .store
                .update_application(&self.tenant, &id, app.version, &fields(&app)?, &documents)
                .await?
            {
                Write::Done(record) => return application(record),
                Write::Missing => return Err(TrackError::NotFound(which.to_owned())),
                Write::Stale { current } if expected.is_some() => {
                    return Err(TrackError::Stale {
                        what: "application",
                        current,
                    });
                }
                Write::Stale { .. } => continue,
            }
        }
        Err(TrackError::Stale {
            what: "application",
            current: -1,
        })
    }

    /// Moves an application to `status` on `on`, with an optional note. `force` allows a move
    /// outside [`Status::next`] (a correction), marked as such in the history.
    pub async fn set_status(
        &self,
        which: &str,
        status: Status,
        on: Date,
        note: Option<String>,
        force: bool,
        expected: Option<i64>,
    ) -> Result<Application> {
        self.update(which, expected, Vec::new(), |app| {
            let allowed = app.status.may_become(status);
            if !allowed && !force {
                return Err(TrackError::Transition {
                    from: app.status,
                    to: status,
                });
            }
            if !allowed {
                // A correction: the status it replaces was a mistake, and counts no more.
                if let Some(last) = app
                    .history
                    .iter_mut()
                    .rev()
                    .find(|e| e.status.is_some() && !e.superseded)
                {
                    last.superseded = true;
                }
            }
            let round = (status == Status::Interview).then(|| app.rounds() + 1);
            app.history.push(Event {
                note: note.clone().filter(|n| !n.trim().is_empty()),
                forced: !allowed,
                ..Event::status(&iso(on), status, round)
            });
            let was_saved = app.status == Status::Saved;
            if status == Status::Applied && app.applied_on.is_none() {
                app.applied_on = Some(iso(on));
            }
            app.status = status;
            // Sent at last: the usual reminder, as when an application is recorded as sent.
            if was_saved && status == Status::Applied && app.follow_up_on.is_none() {
                app.follow_up_on = default_follow_up(app, on)?;
            }
            // A closed application needs no follow-up, nor one the user stopped waiting on (a
            // reminder set afterwards still counts).
            if status.is_closed() || status == Status::NoAnswer {
                app.follow_up_on = None;
            }
            Ok(())
        })
        .await
    }

    /// Adds a dated note to the history.
    pub async fn note(&self, which: &str, text: &str, on: Date) -> Result<Application> {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return Err(TrackError::invalid("note", "the note is empty"));
        }
        self.update(which, None, Vec::new(), |app| {
            app.history.push(Event::note(&iso(on), text.clone()));
            Ok(())
        })
        .await
    }

    /// Sets (or, with `None`, clears) the follow-up date.
    pub async fn remind(&self, which: &str, on: Option<Date>) -> Result<Application> {
        self.update(which, None, Vec::new(), |app| {
            app.follow_up_on = on.map(iso);
            Ok(())
        })
        .await
    }

    /// Changes the fields an [`Edit`] names.
    pub async fn edit(
        &self,
        which: &str,
        edit: &Edit,
        expected: Option<i64>,
    ) -> Result<Application> {
        self.update(which, expected, Vec::new(), |app| apply_edit(app, edit))
            .await
    }

    /// Deletes an application, and the documents no other application sent.
    pub async fn delete(&self, which: &str, expected: Option<i64>) -> Result<()> {
        let id = self.id_of(which).await?;
        match self
            .store
            .delete_application(&self.tenant, &id, expected)
            .await?
        {
            Write::Done(()) => Ok(()),
            Write::Missing => Err(TrackError::NotFound(which.to_owned())),
            Write::Stale { current } => Err(TrackError::Stale {
                what: "application",
                current,
            }),
        }
    }

    /// Open applications whose follow-up is due on or before `today`, the most overdue first.
    pub async fn due(&self, today: Date) -> Result<Vec<Application>> {
        let filter = ApplicationFilter {
            due_by: Some(iso(today)),
            ..ApplicationFilter::default()
        };
        let mut due: Vec<Application> = self
            .list(&filter)
            .await?
            .into_iter()
            .filter(|a| !a.status.is_closed())
            .collect();
        due.sort_by(|a, b| {
            a.follow_up_on
                .cmp(&b.follow_up_on)
                .then(a.number.cmp(&b.number))
        });
        Ok(due)
    }

    /// A document an application sent, by kind (`resume` or `letter`): as the application
    /// names it (its own file name and type; the bytes are stored once for every application
    /// that sent them) and its bytes.
    pub async fn document(
        &self,
        which: &str,
        kind: &str,
    ) -> Result<(SentDocument, vitae_store::Document)> {
        let app = self.get(which).await?;
        let sent = match kind {
            k if k == DOCUMENT_KINDS[0] => app.sent.resume.as_ref(),
            k if k == DOCUMENT_KINDS[1] || k == "cover-letter" || k == "cover_letter" => {
                app.sent.letter.as_ref()
            }
            _ => {
                return Err(TrackError::invalid(
                    "document",
                    format!("`{kind}` is not a document kind"),
                )
                .with_hint(format!(
                    "the documents are {}",
                    DOCUMENT_KINDS.map(|k| format!("`{k}`")).join(" and ")
                )));
            }
        };
        let Some(sent) = sent else {
            return Err(TrackError::invalid(
                "document",
                format!("application #{} has no {kind} stored", app.number),
            ));
        };
        let doc = self
            .store
            .document(&self.tenant, &sent.hash)
            .await?
            .ok_or_else(|| {
                TrackError::Store(StoreError::Corrupt(format!(
                    "document {} of application #{} is missing",
                    sent.hash, app.number
                )))
            })?;
        Ok((sent.clone(), doc))
    }
}

/// Whether a new application gets the usual reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// [`FOLLOW_UP_DAYS`] after it was sent, unless it names a date.
    Default,
    /// None, unless it names a date.
    None,
}

/// The usual reminder of an application sent: [`FOLLOW_UP_DAYS`] after it was sent; one
/// already past (an application logged late) is due `today`.
fn default_follow_up(app: &Application, today: Date) -> Result<Option<String>> {
    if app.status != Status::Applied {
        return Ok(None);
    }
    let Some(applied) = &app.applied_on else {
        return Ok(None);
    };
    let applied = parse_iso(applied, "applied_on")?;
    let due = applied
        .checked_add(time::Duration::days(FOLLOW_UP_DAYS))
        .unwrap_or(applied);
    Ok(Some(iso(due.max(today))))
}

/// Dates as ISO text, whatever spaces they came with (filters compare them as text).
fn normalize_dates(app: &mut Application) -> Result<()> {
    for (at, date) in [
        ("applied_on", &mut app.applied_on),
        ("follow_up_on", &mut app.follow_up_on),
    ] {
        if let Some(text) = date {
            *text = iso(parse_iso(text, at)?);
        }
    }
    Ok(())
}

fn apply_edit(app: &mut Application, edit: &Edit) -> Result<()> {
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            *field = v.trim().to_owned();
        }
    };
    set(&mut app.company, &edit.company);
    set(&mut app.role, &edit.role);
    set(&mut app.source, &edit.source);
    set(&mut app.url, &edit.url);
    set(&mut app.location, &edit.location);
    set(&mut app.seniority, &edit.seniority);
    set(&mut app.notes, &edit.notes);
    if let Some(on) = &edit.applied_on {
        app.applied_on = Some(iso(parse_iso(on, "applied_on")?));
    }
    if let Some(follow_up) = &edit.follow_up_on {
        app.follow_up_on = match follow_up {
            Some(on) => Some(iso(parse_iso(on, "follow_up_on")?)),
            None => None,
        };
    }
    if let Some(contacts) = &edit.contacts {
        app.contacts = contacts.clone();
    }
    Ok(())
}

/// What every stored application satisfies.
fn check(app: &Application) -> Result<()> {
    if app.company.trim().is_empty() {
        return Err(TrackError::invalid("company", "the company is empty")
            .with_hint("name the company applied to"));
    }
    for (at, date) in [
        ("applied_on", &app.applied_on),
        ("follow_up_on", &app.follow_up_on),
    ] {
        if let Some(date) = date {
            parse_iso(date, at)?;
        }
    }
    for (i, e) in app.history.iter().enumerate() {
        parse_iso(&e.on, &format!("history[{i}].on"))?;
    }
    if let Some(score) = app.sent.ats_score
        && !ATS_SCORES.contains(&score)
    {
        return Err(TrackError::invalid(
            "sent.ats_score",
            format!("{score} is not a score between 0 and 100"),
        ));
    }
    Ok(())
}

/// The store's columns and body of an application.
fn fields(app: &Application) -> Result<ApplicationFields> {
    let mut body =
        serde_json::to_value(app).map_err(|e| TrackError::invalid("application", e.to_string()))?;
    if let Some(map) = body.as_object_mut() {
        // The record's identity and times are columns, not body; the posting has a column of
        // its own, so listings need not read it.
        for key in [
            "id",
            "number",
            "version",
            "created_at",
            "updated_at",
            "posting",
        ] {
            map.remove(key);
        }
    }
    let posting = app
        .posting
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| TrackError::invalid("posting", e.to_string()))?;
    Ok(ApplicationFields {
        posting,
        company: app.company.trim().to_owned(),
        role: app.role.trim().to_owned(),
        status: app.status.name().to_owned(),
        applied_on: app.applied_on.clone(),
        follow_up_on: app.follow_up_on.clone(),
        body: body.to_string(),
        documents: app.document_hashes(),
    })
}

/// An application out of its stored record. The body is the truth; the record gives identity.
fn application(record: ApplicationRecord) -> Result<Application> {
    let mut app: Application = serde_json::from_str(&record.fields.body).map_err(|e| {
        TrackError::Store(StoreError::Corrupt(format!(
            "application {}: {e}",
            record.id
        )))
    })?;
    if let Some(posting) = &record.fields.posting {
        app.posting = Some(serde_json::from_str(posting).map_err(|e| {
            TrackError::Store(StoreError::Corrupt(format!(
                "the posting of application {}: {e}",
                record.id
            )))
        })?);
    }
    app.id = record.id;
    app.number = record.number;
    app.version = record.version;
    app.created_at = record.created_at;
    app.updated_at = record.updated_at;
    Ok(app)
}
