//! vitae-store: where the service keeps tenants, API keys and resumes, and ([`file`]) how any
//! front end keeps a document as a file.
//!
//! [`Store`] is the contract the server programs against. [`connect`] opens the backend a URL
//! names and applies the migrations:
//!
//! - `sqlite://PATH` — the embedded default: one file, WAL journal, nothing to install.
//! - `postgres://…` — for several server instances behind a load balancer. Every piece of state
//!   lives in the database, so any instance can answer any request.
//!
//! Both backends run the same SQL through sqlx's `Any` driver: the schema uses only types and
//! statements both understand, so there is one implementation to keep correct, and one contract
//! test suite (`tests/contract.rs`) runs against both. What differs (connection pragmas, the
//! migration lock) is in [`sql`]; the SQLite file is created private to its owner (0600, in a
//! directory made 0700) by `sqlite_file`.
//!
//! Failures are of two kinds: [`StoreError::Unavailable`] when the database cannot be reached
//! now (a server answers 503 and retries later succeed: the pool reconnects by itself), and
//! everything else, which is a bug or damaged data. Text one backend could not hold (U+0000,
//! which PostgreSQL's `text` refuses) is refused by both ([`StoreError::InvalidText`]).
//!
//! Concurrency: updates are optimistic. A writer names the version it read; the `update` matches
//! no row when another writer got there first, and the caller learns the current version
//! instead of overwriting it. No read-modify-write transaction is held open, so SQLite's single
//! writer never deadlocks and PostgreSQL never needs row locks.

pub mod file;
mod keys;
mod sql;
mod sqlite_file;
pub mod tracker;

pub use keys::{
    KeySecret, MIN_PASSWORD_LEN, MIN_SECRET_LEN, SecretError, hash_password, hash_secret,
    random_token, verify_password,
};

/// Who signed a browser in: with an API key, or as a person with a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Key(String),
    Person(String),
}

/// A browser session to record: the SHA-256 of its cookie secret, who signed in, its CSRF token
/// and when it ends (milliseconds since the epoch).
#[derive(Debug, Clone)]
pub struct NewSession {
    pub hash: String,
    pub holder: Holder,
    pub csrf: String,
    pub expires_at: i64,
}

/// A person who signs in to the studio with a password.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonInfo {
    pub id: String,
    pub name: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub created_at: i64,
}

/// What a password sign-in checks.
#[derive(Debug, Clone)]
pub struct PersonLogin {
    pub id: String,
    pub tenant_id: String,
    pub password_hash: String,
}

/// A live browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub tenant_id: String,
    /// The key's or the person's id.
    pub holder_id: String,
    pub csrf: String,
    pub expires_at: i64,
}
pub use sql::{SqlStore, sqlite_url};
pub use tracker::{
    ApplicationFields, ApplicationFilter, ApplicationRecord, Document, NewDocument, OfferFields,
    OfferRecord, document_hash,
};

use async_trait::async_trait;
use std::sync::Arc;

/// The database engine behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Why a store operation failed. Messages are lowercase and say what to do where they can.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL `{0}` (expected sqlite://PATH or postgres://USER@HOST/DATABASE)"
    )]
    UnsupportedUrl(String),
    #[error(
        "the database was written by a newer vitae (schema version {found}, this build knows {known}); upgrade vitae"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("no API key `{0}`")]
    UnknownKey(String),
    /// The database cannot be reached now: the connection was refused or lost, no connection
    /// came free in time, or the server is shutting down or refuses connections. Retrying later
    /// may succeed; a server answers 503.
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// Text one of the backends cannot hold (PostgreSQL's `text` refuses U+0000). Refused by
    /// both, so the backends behave alike.
    #[error("{field} contains a NUL character (U+0000), which the database cannot store")]
    InvalidText { field: &'static str },
    #[error("cannot prepare the SQLite database file {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if sql::is_unavailable(&e) {
            StoreError::Unavailable(e)
        } else {
            StoreError::Database(e)
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Where an API key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `vitae keys create`.
    Cli,
    /// The `RESUME_API_KEY` variable of the system vitae replaces: one tenant's key.
    Env,
}

impl KeySource {
    pub fn name(self) -> &'static str {
        match self {
            KeySource::Cli => "cli",
            KeySource::Env => "env",
        }
    }
}

/// An API key as listings show it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyInfo {
    pub id: String,
    pub name: String,
    pub tenant_id: String,
    pub tenant_name: String,
    /// The first characters of the secret, to tell keys apart.
    pub prefix: String,
    pub source: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// Who a valid key speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub key_id: String,
    pub tenant_id: String,
}

/// A resume to store: the canonical native document as JSON text, and what listings show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeDraft {
    /// The person's name, for listings.
    pub name: String,
    /// The format the resume was submitted in (`native`, `json-resume`, `rendercv`).
    pub source_format: String,
    /// The canonical native document, JSON.
    pub body: String,
    /// The resume's variant keys.
    pub variants: Vec<String>,
}

/// A stored resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeRecord {
    pub id: String,
    pub name: String,
    pub source_format: String,
    pub body: String,
    pub variants: Vec<String>,
    /// 1 on creation, +1 on every update.
    pub version: i64,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    pub updated_at: i64,
}

/// A stored resume without its body, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeSummary {
    pub id: String,
    pub name: String,
    pub source_format: String,
    pub variants: Vec<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a conditional write found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write<T> {
    Done(T),
    /// The resume exists but is at another version than the writer read.
    Stale {
        current: i64,
    },
    /// No such resume for this tenant.
    Missing,
}

/// The storage contract. Every resume operation is scoped to a tenant: another tenant's id
/// behaves exactly like an id that does not exist, and so does an id holding U+0000. Text with
/// U+0000 is refused with [`StoreError::InvalidText`] on both backends.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Whether the database answers.
    async fn ping(&self) -> Result<()>;

    /// Creates a key named `name` for the tenant named `tenant` (created when new).
    async fn create_key(
        &self,
        tenant: &str,
        name: &str,
        source: KeySource,
        secret: &KeySecret,
    ) -> Result<KeyInfo>;
    async fn list_keys(&self) -> Result<Vec<KeyInfo>>;
    /// Revokes a key by id. Revoking a revoked key keeps its first revocation time.
    async fn revoke_key(&self, id: &str) -> Result<KeyInfo>;
    /// The tenant an unrevoked key (given by its hash) belongs to.
    async fn authenticate(&self, hash: &str) -> Result<Option<Principal>>;
    async fn active_key_count(&self) -> Result<i64>;
    /// Records a signed-in browser session of `tenant_id` (the tenant and the key must exist).
    async fn create_session(&self, tenant_id: &str, session: &NewSession) -> Result<()>;
    /// The unexpired session whose secret hashes to `hash`, while the key it signed in with is
    /// not revoked (or the person who signed in is still there, with the same password).
    async fn session(&self, hash: &str) -> Result<Option<Session>>;
    /// Ends a session (signing out); an unknown hash is not an error.
    async fn delete_session(&self, hash: &str) -> Result<()>;
    /// Adds a person of the tenant named `tenant` (created when new) who signs in with a
    /// password, or gives an existing one a new password hash (ending their sessions).
    async fn set_person(&self, tenant: &str, name: &str, password_hash: &str)
    -> Result<PersonInfo>;
    /// A person by name, with their password hash, to check a sign-in.
    async fn person_login(&self, name: &str) -> Result<Option<PersonLogin>>;
    async fn list_people(&self) -> Result<Vec<PersonInfo>>;
    /// Removes a person and ends their sessions; `false` when there was none by that name.
    async fn remove_person(&self, name: &str) -> Result<bool>;
    /// Makes `secret` the one environment key (tenant `default`): creates it when new and
    /// revokes every other environment key; with `None` (the variable is unset) every
    /// environment key is revoked. A key an operator revoked stays revoked.
    async fn sync_env_key(&self, secret: Option<&KeySecret>) -> Result<()>;

    async fn create_resume(&self, tenant_id: &str, draft: &ResumeDraft) -> Result<ResumeRecord>;
    async fn get_resume(&self, tenant_id: &str, id: &str) -> Result<Option<ResumeRecord>>;
    /// Up to `limit` resumes with ids after `after`, in id (creation) order.
    async fn list_resumes(
        &self,
        tenant_id: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<ResumeSummary>>;
    /// How many resumes the tenant has.
    async fn count_resumes(&self, tenant_id: &str) -> Result<i64>;
    /// Replaces a resume if it is still at `expected_version`.
    async fn update_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        draft: &ResumeDraft,
    ) -> Result<Write<ResumeRecord>>;
    /// Deletes a resume; with `expected_version`, only if it is still at that version.
    async fn delete_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>>;

    /// The tenant's settings (the defaults for a tenant without any).
    async fn settings(&self, tenant_id: &str) -> Result<TenantSettings>;
    /// Allows or forbids language-model assistance for every request of the tenant.
    async fn set_ai_enabled(&self, tenant_id: &str, enabled: bool) -> Result<TenantSettings>;

    /// The id of the tenant named `name`, created when new (the CLI's one local user).
    async fn tenant(&self, name: &str) -> Result<String>;

    // --- the job search (see [`tracker`]) ---

    /// Stores an application, with its running number, and the new documents it sent (stored
    /// once per tenant: bytes already stored are not stored again).
    async fn create_application(
        &self,
        tenant_id: &str,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<ApplicationRecord>;
    async fn get_application(&self, tenant_id: &str, id: &str)
    -> Result<Option<ApplicationRecord>>;
    /// Every application's body (the use-case layer's JSON), in creation order, in one round
    /// trip: what analytics over thousands of applications read.
    async fn application_bodies(&self, tenant_id: &str) -> Result<Vec<String>>;
    /// The id of the tenant's application with this running number.
    async fn application_id(&self, tenant_id: &str, number: i64) -> Result<Option<String>>;
    /// Up to `limit` applications matching `filter` with ids after `after`, in creation order.
    async fn list_applications(
        &self,
        tenant_id: &str,
        filter: &ApplicationFilter,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<ApplicationRecord>>;
    /// Replaces an application if it is still at `expected_version`; documents it no longer
    /// names and no other application uses are deleted.
    async fn update_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<Write<ApplicationRecord>>;
    /// Deletes an application, and the documents no other application uses.
    async fn delete_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>>;
    /// A stored document by its SHA-256 (hex); the bytes are checked against it.
    async fn document(&self, tenant_id: &str, hash: &str) -> Result<Option<Document>>;
    /// How many documents the tenant has stored.
    async fn document_count(&self, tenant_id: &str) -> Result<i64>;

    async fn create_offer(&self, tenant_id: &str, fields: &OfferFields) -> Result<OfferRecord>;
    async fn get_offer(&self, tenant_id: &str, id: &str) -> Result<Option<OfferRecord>>;
    async fn offer_id(&self, tenant_id: &str, number: i64) -> Result<Option<String>>;
    /// Every offer of the tenant, by number.
    async fn list_offers(&self, tenant_id: &str) -> Result<Vec<OfferRecord>>;
    async fn update_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &OfferFields,
    ) -> Result<Write<OfferRecord>>;
    async fn delete_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>>;
    /// The tenant's offer weights (JSON), empty when never set.
    async fn offer_weights(&self, tenant_id: &str) -> Result<String>;
    async fn set_offer_weights(&self, tenant_id: &str, json: &str) -> Result<()>;
}

/// What a tenant decided for all its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantSettings {
    /// Whether a configured language model may help (tailoring, letters). Default: yes.
    pub ai_enabled: bool,
}

/// Opens the store a URL names and brings its schema up to date.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    Ok(Arc::new(SqlStore::connect(url).await?))
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A new id: `prefix`, then 12 hex digits of milliseconds and 16 random hex digits, so ids sort
/// by creation time (listings page by id) and cannot be guessed (and another tenant's id answers
/// 404 anyway).
pub fn new_id(prefix: &str) -> String {
    // Within one process ids strictly increase (as ULIDs do): in the same millisecond, or after
    // the clock stepped back, the random part is the last one plus a random step, so listings
    // (ordered by id) keep creation order. Across instances, ids of one millisecond interleave.
    static LAST: std::sync::Mutex<(u64, u64)> = std::sync::Mutex::new((0, 0));
    let mut random = [0u8; 8];
    keys::fill_random(&mut random);
    let random = u64::from_be_bytes(random);
    let ms = u64::try_from(now_ms()).unwrap_or(0) & 0xffff_ffff_ffff;
    let (ms, tail) = {
        let mut last = LAST
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Fresh random parts stay below 2^63 and steps below 2^32, so incrementing cannot wrap.
        *last = if ms > last.0 {
            (ms, random >> 1)
        } else {
            (last.0, last.1 + 1 + (random >> 32))
        };
        *last
    };
    format!("{prefix}{ms:012x}{tail:016x}")
}

/// Hex digits after the prefix of an id [`new_id`] makes: 12 of milliseconds, 16 random.
const ID_DIGITS: usize = 12 + 16;

/// Whether `text` has the shape of an id [`new_id`] makes with `prefix`: the prefix, then 28
/// lowercase hex digits. Nothing else can name a row, so an edge answers "not found" (or
/// refuses a cursor) without asking the database, and no stray byte reaches a query.
pub fn is_id(prefix: &str, text: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == ID_DIGITS && rest.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Fresh databases for tests: a new SQLite file or a new PostgreSQL database per test, so tests
/// run in parallel without seeing each other's data.
#[cfg(feature = "testing")]
pub mod testing {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The PostgreSQL server tests use: `VITAE_TEST_POSTGRES`, else the machine's local server
    /// (127.0.0.1:5432, trust authentication, database `test`).
    pub fn postgres_admin_url() -> String {
        std::env::var("VITAE_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
    }

    /// Creates an empty database and returns its URL.
    pub async fn fresh_postgres() -> Result<String, sqlx::Error> {
        static N: AtomicUsize = AtomicUsize::new(0);
        sqlx::any::install_default_drivers();
        let admin = postgres_admin_url();
        let name = format!(
            "vitae_test_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            super::now_ms()
        );
        let mut conn = sqlx::AnyConnection::connect(&admin).await?;
        // The name is ours (process id, counter, clock), never outside input.
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        let base = admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base);
        Ok(format!("{base}/{name}"))
    }

    /// Drops a database [`fresh_postgres`] made. Connections to it are closed first.
    pub async fn drop_postgres(url: &str) -> Result<(), sqlx::Error> {
        let Some((_, name)) = url.rsplit_once('/') else {
            return Ok(());
        };
        let mut conn = sqlx::AnyConnection::connect(&postgres_admin_url()).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "drop database if exists {name} with (force)"
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await
    }

    /// Makes a database [`fresh_postgres`] made unreachable, as an outage would: it refuses new
    /// connections and its open ones are closed. [`allow_connections`] ends the outage (do call
    /// it: [`drop_postgres`] works either way, but a test should leave nothing half done).
    pub async fn block_connections(url: &str) -> Result<(), sqlx::Error> {
        set_connections(url, false).await
    }

    /// Ends an outage [`block_connections`] began.
    pub async fn allow_connections(url: &str) -> Result<(), sqlx::Error> {
        set_connections(url, true).await
    }

    async fn set_connections(url: &str, allowed: bool) -> Result<(), sqlx::Error> {
        sqlx::any::install_default_drivers();
        let Some((_, name)) = url.rsplit_once('/') else {
            return Ok(());
        };
        let mut conn = sqlx::AnyConnection::connect(&postgres_admin_url()).await?;
        // The name is one `fresh_postgres` made, never outside input.
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "alter database {name} allow_connections {allowed}"
        )))
        .execute(&mut conn)
        .await?;
        if !allowed {
            sqlx::query(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity \
                 where datname = $1 and pid <> pg_backend_pid()",
            )
            .bind(name)
            .execute(&mut conn)
            .await?;
        }
        conn.close().await
    }
}

#[cfg(test)]
mod tests {
    use super::{is_id, new_id};

    #[test]
    fn ids_made_in_one_millisecond_still_increase() {
        let ids: Vec<String> = (0..2000).map(|_| new_id("r_")).collect();
        for pair in ids.windows(2) {
            assert!(pair[0] < pair[1], "{} then {}", pair[0], pair[1]);
            assert_eq!(pair[0].len(), pair[1].len());
        }
        assert_eq!(ids[0].len(), 2 + 12 + 16);
    }

    #[test]
    fn only_the_shape_new_id_makes_is_an_id() {
        for _ in 0..100 {
            assert!(is_id("r_", &new_id("r_")));
        }
        let id = new_id("r_");
        assert!(!is_id("k_", &id), "another kind's prefix");
        for bad in [
            String::new(),
            "r_".to_owned(),
            "r_\0".to_owned(),
            format!("{id}\0"),
            format!("{id}0"),
            id[..id.len() - 1].to_owned(),
            id.to_uppercase(),
            format!("r_{}", "g".repeat(28)),
            format!("r_{}é", "0".repeat(26)),
        ] {
            assert!(!is_id("r_", &bad), "{bad:?}");
        }
    }
}
