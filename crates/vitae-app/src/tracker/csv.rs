//! The application log of resume-cli, the tool vitae replaces, read as it is and written back
//! cell for cell: `resume_version, company, role, date, status, response, notes, source, url,
//! cover_letter, package_path`. Cells are kept as written (spaces, a missing date, resume-cli's
//! own words such as `no_response`); a byte-order mark and columns vitae does not read are not
//! kept (the import names them). Columns are found by name, so the older log its docs describe
//! (`date_applied, response_status, time_to_response_days, application_method, job_url`) is read
//! too. A row that cannot be read is an error naming its row and column.

use super::{Application, Event, LogCells, Status, TrackError, iso, parse_iso};
use time::Date;

/// resume-cli's header, in its order: what `vitae track export` writes.
pub const HEADER: [&str; 11] = [
    "resume_version",
    "company",
    "role",
    "date",
    "status",
    "response",
    "notes",
    "source",
    "url",
    "cover_letter",
    "package_path",
];

/// Column names of the older log, and the column they mean.
const ALIASES: [(&str, &str); 5] = [
    ("date_applied", "date"),
    ("response_status", "status"),
    ("application_method", "source"),
    ("job_url", "url"),
    ("time_to_response_days", "time_to_response_days"),
];

/// Applications read from a log, with the columns it had that vitae does not read.
#[derive(Debug)]
pub struct Read {
    pub applications: Vec<Application>,
    pub ignored_columns: Vec<String>,
}

/// Reads a resume-cli log. Each application's history starts with `applied` on its date; a
/// later status is in the history too, dated by `time_to_response_days` when the log has it,
/// and marked undated otherwise (timings then leave it out rather than guess).
pub fn read(text: &str, file: &str) -> Result<Read, TrackError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| TrackError::invalid(format!("{file}: line 1"), e.to_string()))?
        .clone();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    let mut ignored = Vec::new();
    for h in &headers {
        let name = h.trim().to_ascii_lowercase();
        let known = HEADER
            .iter()
            .copied()
            .find(|c| *c == name)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == name).map(|(_, c)| *c));
        if known.is_none() {
            ignored.push(h.to_owned());
        }
        columns.push(known);
    }
    if !columns.contains(&Some("company")) {
        return Err(TrackError::invalid(
            format!("{file}: line 1"),
            "no `company` column: this is not resume-cli's application log",
        )
        .with_hint(format!("the log's header is: {}", HEADER.join(","))));
    }
    let mut applications = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let record = record
            .map_err(|e| TrackError::invalid(format!("{file}: line {line}"), e.to_string()))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |name: &str| -> &str {
            columns
                .iter()
                .position(|c| *c == Some(name))
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let at = |column: &str| format!("{file}: line {line}, column `{column}`");
        let company = get("company");
        if company.trim().is_empty() {
            return Err(TrackError::invalid(at("company"), "the company is empty"));
        }
        let status_text = get("status").trim();
        let status = if status_text.is_empty() {
            Status::Applied
        } else {
            super::parse_status(status_text, &at("status"))?
        };
        let mut app = Application::new(company, get("role"), status);
        let date = get("date").trim();
        let applied = if date.is_empty() {
            None
        } else {
            Some(parse_iso(date, &at("date"))?)
        };
        app.applied_on = applied.map(iso);
        app.sent.variant = get("resume_version").to_owned();
        app.notes = get("notes").to_owned();
        app.source = get("source").to_owned();
        app.url = get("url").to_owned();
        app.sent.package_path = get("package_path").to_owned();
        app.responded = flag(get("response"), &at("response"))?;
        app.letter_sent = flag(get("cover_letter"), &at("cover_letter"))?;
        // As written, so an export gives back the same text ("no_response", not "no_answer";
        // an empty response, not 0).
        app.imported = Some(LogCells {
            status: get("status").to_owned(),
            response: get("response").to_owned(),
            cover_letter: get("cover_letter").to_owned(),
        });
        let days = get("time_to_response_days").trim();
        let days: Option<i64> = if days.is_empty() {
            None
        } else {
            Some(
                days.parse()
                    .ok()
                    .filter(|d| (0..=super::MAX_DAYS).contains(d))
                    .ok_or_else(|| {
                        TrackError::invalid(
                            at("time_to_response_days"),
                            format!(
                                "`{days}` is not a number of days (0 to {})",
                                super::MAX_DAYS
                            ),
                        )
                    })?,
            )
        };
        app.history = history(status, applied, days);
        applications.push(app);
    }
    Ok(Read {
        applications,
        ignored_columns: ignored,
    })
}

fn flag(text: &str, at: &str) -> Result<Option<bool>, TrackError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "1" | "yes" | "true" | "y" => Ok(Some(true)),
        "0" | "no" | "false" | "n" => Ok(Some(false)),
        other => Err(TrackError::invalid(
            at,
            format!("`{other}` is neither 1 nor 0"),
        )),
    }
}

fn history(status: Status, applied: Option<Date>, days: Option<i64>) -> Vec<Event> {
    let Some(applied) = applied else {
        return Vec::new();
    };
    let entry = |on: Date, status: Status, undated: bool| Event {
        undated,
        ..Event::status(&iso(on), status, (status == Status::Interview).then_some(1))
    };
    let mut events = Vec::new();
    if status != Status::Saved {
        events.push(entry(applied, Status::Applied, false));
    }
    if status != Status::Applied && status != Status::Saved {
        // `time_to_response_days` of 0 means "no response" in that log, not "the same day".
        match days.filter(|d| *d > 0) {
            Some(d) => events.push(entry(
                applied
                    .checked_add(time::Duration::days(d))
                    .unwrap_or(applied),
                status,
                false,
            )),
            None => events.push(entry(applied, status, true)),
        }
    }
    events
}

/// Writes applications as resume-cli's log, in its header order.
pub fn write(apps: &[Application]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(HEADER);
    for a in apps {
        // The cells as the log wrote them, while the application still stands where it said;
        // after a move, what vitae knows now.
        let cells = a
            .imported
            .as_ref()
            .filter(|c| Status::parse(&c.status).unwrap_or(Status::Applied) == a.status);
        let status = cells.map_or(a.status.name(), |c| c.status.as_str());
        let response = cells.map_or(if a.answered() { "1" } else { "0" }, |c| {
            c.response.as_str()
        });
        let letter = cells.map_or(if a.has_letter() { "1" } else { "0" }, |c| {
            c.cover_letter.as_str()
        });
        let _ = writer.write_record([
            a.sent.variant.as_str(),
            &a.company,
            &a.role,
            a.applied_on.as_deref().unwrap_or(""),
            status,
            response,
            &a.notes,
            &a.source,
            &a.url,
            letter,
            &a.sent.package_path,
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
