//! The one SQL implementation of [`Store`], for SQLite and PostgreSQL through sqlx's `Any`
//! driver. Statements use `$n` placeholders, which both backends accept, and only `text` and
//! `bigint` columns. Backend differences live in [`SqlStore::connect`] and [`migrate`].

use crate::tracker::{
    ApplicationFields, ApplicationFilter, ApplicationRecord, Document, NewDocument, OfferFields,
    OfferRecord,
};
use crate::{
    Backend, Holder, KeyInfo, KeySecret, KeySource, NewSession, PersonInfo, PersonLogin, Principal,
    Result, ResumeDraft, ResumeRecord, ResumeSummary, Session, Store, StoreError, TenantSettings,
    Write, new_id, now_ms, sqlite_file,
};
use async_trait::async_trait;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use std::path::Path;
use std::time::Duration;

/// The columns of a key listing. Macros rather than consts so `concat!` builds each statement as
/// one static string (sqlx accepts only static SQL without an explicit audit).
macro_rules! key_select {
    () => {
        "select k.id, k.name, k.tenant_id, t.name as tenant_name, k.prefix, k.source, \
         k.created_at, k.revoked_at from api_key k join tenant t on t.id = k.tenant_id"
    };
}

macro_rules! resume_columns {
    () => {
        "id, name, source_format, body, variants, version, created_at, updated_at"
    };
}

/// The migrations, in order. Each runs once, in one transaction with its bookkeeping row.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "tenants, API keys and resumes",
        include_str!("../migrations/0001_tenants_keys_resumes.sql"),
    ),
    (
        2,
        "the tenant's switch for language-model assistance",
        include_str!("../migrations/0002_tenant_ai_switch.sql"),
    ),
    (
        3,
        "applications, the documents sent, offers and offer weights",
        include_str!("../migrations/0003_applications_documents_offers.sql"),
    ),
    (
        4,
        "studio sessions",
        include_str!("../migrations/0004_studio_sessions.sql"),
    ),
];

/// Per-connection SQLite settings. WAL lets readers work while one writer writes;
/// `synchronous = normal` is durable across a crash of the process (a `kill -9`), and only a
/// power loss may lose the last commits; `busy_timeout` makes a writer wait for the write lock
/// instead of failing at once.
const SQLITE_PRAGMAS: &str =
    "pragma busy_timeout = 10000; pragma foreign_keys = on; pragma synchronous = normal;";

/// How long a request may wait for a PostgreSQL connection. Short: a query takes milliseconds,
/// so a longer wait means the server is down, unreachable or saturated, and the client is
/// better served by a 503 with `Retry-After` at once than by a stall (a refused connection is
/// retried within this time, so a restart shorter than it goes unnoticed).
const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(1);

/// How long a request may wait for a SQLite connection. A local file is never "unreachable"
/// (its failures are immediate I/O errors); a wait means writers queueing for the one write
/// lock, which is load, not an outage.
const SQLITE_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// The tenant environment keys belong to.
const ENV_TENANT: &str = "default";

/// The URL of a SQLite file, created when missing.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// A [`Store`] over a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
}

impl SqlStore {
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        let options = match backend {
            // One writer at a time is SQLite's rule; a few connections serve concurrent reads.
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(SQLITE_ACQUIRE_TIMEOUT)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute(sqlx::raw_sql(SQLITE_PRAGMAS)).await?;
                        Ok(())
                    })
                }),
            Backend::Postgres => AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(POSTGRES_ACQUIRE_TIMEOUT)
                // A connection idle this long is closed rather than kept: after an outage the
                // pool holds few dead ones (each is tested before use anyway).
                .idle_timeout(Duration::from_secs(60)),
        };
        let url = match backend {
            Backend::Sqlite => sqlite_file::creating(url),
            Backend::Postgres => url.to_owned(),
        };
        let file = match backend {
            Backend::Sqlite => sqlite_file::prepare(&url)?,
            Backend::Postgres => None,
        };
        let pool = options.connect(&url).await?;
        let store = SqlStore { pool, backend };
        store.migrate().await?;
        if let Some(path) = &file {
            // The journal files exist now; SQLite gives new ones the database file's mode.
            sqlite_file::make_private(path);
        }
        Ok(store)
    }

    /// Applies the migrations this database lacks. Several instances may start at once: on
    /// PostgreSQL an advisory lock serializes them; on SQLite the write lock does.
    async fn migrate(&self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            // Persistent: set once per file, outside any transaction.
            sqlx::raw_sql("pragma journal_mode = wal")
                .execute(&self.pool)
                .await?;
        }
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("select 1 from (select pg_advisory_xact_lock(7142026)) as l")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::raw_sql(
            "create table if not exists schema_migration (
                 version bigint primary key,
                 description text not null,
                 applied_at bigint not null)",
        )
        .execute(&mut *tx)
        .await?;
        // A write that changes nothing, so SQLite takes its write lock now rather than at the
        // first real write: two processes migrating one file queue instead of racing.
        sqlx::query("delete from schema_migration where version < 0")
            .execute(&mut *tx)
            .await?;
        let applied: Vec<i64> = sqlx::query_scalar("select version from schema_migration")
            .fetch_all(&mut *tx)
            .await?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if let Some(&found) = applied.iter().max()
            && found > known
        {
            return Err(StoreError::NewerSchema { found, known });
        }
        for (version, description, script) in MIGRATIONS {
            if applied.contains(version) {
                continue;
            }
            sqlx::raw_sql(*script).execute(&mut *tx).await?;
            sqlx::query(
                "insert into schema_migration (version, description, applied_at) values ($1, $2, $3)",
            )
            .bind(*version)
            .bind(*description)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            tracing::info!(version, description, "applied migration");
        }
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn tenant_id(&self, name: &str) -> Result<String> {
        storable("the tenant name", name)?;
        sqlx::query(
            "insert into tenant (id, name, created_at) values ($1, $2, $3) on conflict (name) do nothing",
        )
        .bind(new_id("t_"))
        .bind(name)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(sqlx::query_scalar("select id from tenant where name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn key(&self, id: &str) -> Result<Option<KeyInfo>> {
        if !nameable(id) {
            return Ok(None);
        }
        let row = sqlx::query(concat!(key_select!(), " where k.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(key_info).transpose()
    }
}

fn key_info(row: &AnyRow) -> Result<KeyInfo> {
    Ok(KeyInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        tenant_id: row.try_get("tenant_id")?,
        tenant_name: row.try_get("tenant_name")?,
        prefix: row.try_get("prefix")?,
        source: row.try_get("source")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

fn variants(row: &AnyRow) -> Result<Vec<String>> {
    let text: String = row.try_get("variants")?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("variants list: {e}")))
}

fn resume_record(row: &AnyRow) -> Result<ResumeRecord> {
    Ok(ResumeRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        source_format: row.try_get("source_format")?,
        body: row.try_get("body")?,
        variants: variants(row)?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn resume_summary(row: &AnyRow) -> Result<ResumeSummary> {
    Ok(ResumeSummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        source_format: row.try_get("source_format")?,
        variants: variants(row)?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Refuses text PostgreSQL's `text` cannot hold (U+0000; SQLite's can), before any statement,
/// so both backends answer alike.
pub(crate) fn storable(field: &'static str, text: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(StoreError::InvalidText { field });
    }
    Ok(())
}

fn storable_draft(draft: &ResumeDraft) -> Result<()> {
    storable("the resume's name", &draft.name)?;
    storable("the resume's source format", &draft.source_format)?;
    storable("the resume", &draft.body)?;
    for v in &draft.variants {
        storable("a variant key", v)?;
    }
    Ok(())
}

/// Whether `id` can name a row. No stored id, tenant id or hash holds U+0000, and PostgreSQL
/// would refuse to even compare one: such an id names nothing, on both backends.
/// Ends every session of the person named `name` (a new password, or the person removed).
async fn end_sessions_of(tx: &mut sqlx::Transaction<'_, sqlx::Any>, name: &str) -> Result<()> {
    sqlx::query("delete from session where person_id in (select id from person where name = $1)")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) fn nameable(id: &str) -> bool {
    !id.contains('\0')
}

/// Whether an error says the database cannot be reached now (connection refused, lost or timed
/// out; the server shutting down, starting, overloaded or refusing connections; the file
/// unreadable), rather than that a statement or the data is wrong. The first is a 503 worth
/// retrying; the second a bug.
pub(crate) fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            let Some(code) = db.code() else {
                return false;
            };
            if db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some()
            {
                postgres_unavailable(&code)
            } else if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                code.parse::<u32>().is_ok_and(sqlite_unavailable)
            } else {
                false
            }
        }
        _ => false,
    }
}

/// SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) of a server that
/// cannot serve now.
fn postgres_unavailable(code: &str) -> bool {
    // 08: connection exception; 53: insufficient resources (too many connections, disk full,
    // out of memory); 57P01–57P05: shutting down, crashed, starting, database dropped, idle
    // session timeout.
    code.starts_with("08")
        || code.starts_with("53")
        || code.starts_with("57P")
        // The database refuses connections (`ALLOW_CONNECTIONS false`, maintenance); no
        // statement of ours raises this code otherwise.
        || code == "55000"
        // Read-only: a standby, e.g. the old primary right after a failover.
        || code == "25006"
}

/// SQLite result codes (the primary code is the low byte of an extended one) of a file that
/// cannot be used now.
fn sqlite_unavailable(code: u32) -> bool {
    const BUSY: u32 = 5;
    const LOCKED: u32 = 6;
    const IOERR: u32 = 10;
    const FULL: u32 = 13;
    const CANTOPEN: u32 = 14;
    matches!(code & 0xff, BUSY | LOCKED | IOERR | FULL | CANTOPEN)
}

/// A stored row with a version (resumes, applications, offers).
pub(crate) trait Versioned {
    fn version(&self) -> i64;
    fn set_version(&mut self, version: i64);
}

macro_rules! versioned {
    ($($record:ty),*) => {$(
        impl Versioned for $record {
            fn version(&self) -> i64 {
                self.version
            }
            fn set_version(&mut self, version: i64) {
                self.version = version;
            }
        }
    )*};
}

versioned!(ResumeRecord, ApplicationRecord, OfferRecord);

/// What a conditional update found, from whether its statement matched a row and the row as
/// read back after it. Read back after our write, a later writer may already have moved it on,
/// which is still a successful write of ours: the answer is what we wrote (`ours` lays it over
/// the row read back, which gives the identity), at the version we wrote.
pub(crate) fn updated<R: Versioned>(
    done: bool,
    expected_version: i64,
    current: Option<R>,
    what: &str,
    ours: impl FnOnce(&mut R),
) -> Result<Write<R>> {
    Ok(match current {
        Some(mut record) if done => {
            ours(&mut record);
            record.set_version(expected_version + 1);
            Write::Done(record)
        }
        Some(record) => Write::Stale {
            current: record.version(),
        },
        None if done => Err(StoreError::Corrupt(format!(
            "{what} vanished after its update"
        )))?,
        None => Write::Missing,
    })
}

/// What a conditional delete that matched no row found: the row at another version, or none.
pub(crate) fn not_deleted<R: Versioned>(current: Option<R>) -> Write<()> {
    match current {
        Some(record) => Write::Stale {
            current: record.version(),
        },
        None => Write::Missing,
    }
}

fn variants_json(draft: &ResumeDraft) -> String {
    serde_json::Value::from(draft.variants.clone()).to_string()
}

/// A database URL safe to print: the password, if any, replaced.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_info = &url[scheme + 3..at];
            match user_info.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &user_info[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_key(
        &self,
        tenant: &str,
        name: &str,
        source: KeySource,
        secret: &KeySecret,
    ) -> Result<KeyInfo> {
        storable("the key name", name)?;
        let tenant_id = self.tenant_id(tenant).await?;
        let id = new_id("k_");
        sqlx::query(
            "insert into api_key (id, tenant_id, name, prefix, hash, source, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&tenant_id)
        .bind(name)
        .bind(secret.prefix())
        .bind(secret.hash())
        .bind(source.name())
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        self.key(&id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("key {id} vanished after insert")))
    }

    async fn list_keys(&self) -> Result<Vec<KeyInfo>> {
        let rows = sqlx::query(concat!(key_select!(), " order by k.created_at, k.id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(key_info).collect()
    }

    async fn revoke_key(&self, id: &str) -> Result<KeyInfo> {
        if !nameable(id) {
            return Err(StoreError::UnknownKey(id.replace('\0', "\\0")));
        }
        sqlx::query("update api_key set revoked_at = $1 where id = $2 and revoked_at is null")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.key(id)
            .await?
            .ok_or_else(|| StoreError::UnknownKey(id.to_owned()))
    }

    async fn authenticate(&self, hash: &str) -> Result<Option<Principal>> {
        if !nameable(hash) {
            return Ok(None);
        }
        let row =
            sqlx::query("select id, tenant_id from api_key where hash = $1 and revoked_at is null")
                .bind(hash)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| {
            Ok(Principal {
                key_id: row.try_get("id")?,
                tenant_id: row.try_get("tenant_id")?,
            })
        })
        .transpose()
    }

    async fn create_session(&self, tenant_id: &str, session: &NewSession) -> Result<()> {
        let now = now_ms();
        // Expired sessions go as new ones come: the table holds only live ones (and a few
        // expired since the last sign-in).
        sqlx::query("delete from session where expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "insert into session (hash, tenant_id, key_id, person_id, csrf, created_at, expires_at) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&session.hash)
        .bind(tenant_id)
        .bind(match &session.holder {
            Holder::Key(id) => Some(id.as_str()),
            Holder::Person(_) => None,
        })
        .bind(match &session.holder {
            Holder::Person(id) => Some(id.as_str()),
            Holder::Key(_) => None,
        })
        .bind(&session.csrf)
        .bind(now)
        .bind(session.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, hash: &str) -> Result<Option<Session>> {
        if !nameable(hash) {
            return Ok(None);
        }
        let row = sqlx::query(
            "select s.tenant_id, coalesce(s.key_id, s.person_id) as holder_id, s.csrf, \
             s.expires_at from session s \
             left join api_key k on k.id = s.key_id \
             left join person p on p.id = s.person_id \
             where s.hash = $1 and s.expires_at > $2 \
             and ((k.id is not null and k.revoked_at is null) or p.id is not null)",
        )
        .bind(hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Session {
                tenant_id: row.try_get("tenant_id")?,
                holder_id: row.try_get("holder_id")?,
                csrf: row.try_get("csrf")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    async fn delete_session(&self, hash: &str) -> Result<()> {
        if nameable(hash) {
            sqlx::query("delete from session where hash = $1")
                .bind(hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn set_person(
        &self,
        tenant: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<PersonInfo> {
        storable("the person's name", name)?;
        let tenant_id = self.tenant_id(tenant).await?;
        let mut tx = self.pool.begin().await?;
        // A new password ends the sessions the old one opened (written first: see the
        // tracker's transactions on SQLite's write lock).
        end_sessions_of(&mut tx, name).await?;
        let updated =
            sqlx::query("update person set password_hash = $1, tenant_id = $2 where name = $3")
                .bind(password_hash)
                .bind(&tenant_id)
                .bind(name)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if updated == 0 {
            sqlx::query(
                "insert into person (id, tenant_id, name, password_hash, created_at) \
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(new_id("p_"))
            .bind(&tenant_id)
            .bind(name)
            .bind(password_hash)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.list_people()
            .await?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| StoreError::UnknownKey(name.to_owned()))
    }

    async fn person_login(&self, name: &str) -> Result<Option<PersonLogin>> {
        if !nameable(name) {
            return Ok(None);
        }
        let row = sqlx::query("select id, tenant_id, password_hash from person where name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(PersonLogin {
                id: row.try_get("id")?,
                tenant_id: row.try_get("tenant_id")?,
                password_hash: row.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    async fn list_people(&self) -> Result<Vec<PersonInfo>> {
        let rows = sqlx::query(
            "select p.id, p.name, p.tenant_id, t.name as tenant_name, p.created_at \
             from person p join tenant t on t.id = p.tenant_id order by p.name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PersonInfo {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    tenant_id: row.try_get("tenant_id")?,
                    tenant_name: row.try_get("tenant_name")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn remove_person(&self, name: &str) -> Result<bool> {
        if !nameable(name) {
            return Ok(false);
        }
        let mut tx = self.pool.begin().await?;
        end_sessions_of(&mut tx, name).await?;
        let removed = sqlx::query("delete from person where name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(removed > 0)
    }

    async fn active_key_count(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from api_key where revoked_at is null")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn sync_env_key(&self, secret: Option<&KeySecret>) -> Result<()> {
        // Without the variable, no hash matches: every environment key is revoked.
        let hash = secret.map(KeySecret::hash).unwrap_or_default();
        if let Some(secret) = secret {
            let existing: Option<String> =
                sqlx::query_scalar("select id from api_key where hash = $1")
                    .bind(&hash)
                    .fetch_optional(&self.pool)
                    .await?;
            if existing.is_none() {
                self.create_key(ENV_TENANT, "RESUME_API_KEY", KeySource::Env, secret)
                    .await?;
            }
        }
        // The variable names one key: a value it held before no longer opens anything.
        sqlx::query(
            "update api_key set revoked_at = $1 \
             where source = $2 and hash <> $3 and revoked_at is null",
        )
        .bind(now_ms())
        .bind(KeySource::Env.name())
        .bind(&hash)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn create_resume(&self, tenant_id: &str, draft: &ResumeDraft) -> Result<ResumeRecord> {
        storable_draft(draft)?;
        let id = new_id("r_");
        let now = now_ms();
        sqlx::query(
            "insert into resume (id, tenant_id, name, source_format, body, variants, version, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
        )
        .bind(&id)
        .bind(tenant_id)
        .bind(&draft.name)
        .bind(&draft.source_format)
        .bind(&draft.body)
        .bind(variants_json(draft))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(ResumeRecord {
            id,
            name: draft.name.clone(),
            source_format: draft.source_format.clone(),
            body: draft.body.clone(),
            variants: draft.variants.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
        })
    }

    async fn get_resume(&self, tenant_id: &str, id: &str) -> Result<Option<ResumeRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(None);
        }
        let row = sqlx::query(concat!(
            "select ",
            resume_columns!(),
            " from resume where tenant_id = $1 and id = $2"
        ))
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(resume_record).transpose()
    }

    async fn list_resumes(
        &self,
        tenant_id: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<ResumeSummary>> {
        storable("the listing cursor", after.unwrap_or_default())?;
        if !nameable(tenant_id) {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "select id, name, source_format, variants, version, created_at, updated_at \
             from resume where tenant_id = $1 and id > $2 order by id limit $3",
        )
        .bind(tenant_id)
        .bind(after.unwrap_or(""))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(resume_summary).collect()
    }

    async fn count_resumes(&self, tenant_id: &str) -> Result<i64> {
        if !nameable(tenant_id) {
            return Ok(0);
        }
        Ok(
            sqlx::query_scalar("select count(*) from resume where tenant_id = $1")
                .bind(tenant_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn update_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        draft: &ResumeDraft,
    ) -> Result<Write<ResumeRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        storable_draft(draft)?;
        let now = now_ms();
        // One statement, matched on the version read: of several writers holding the same
        // version exactly one matches a row.
        let done = sqlx::query(
            "update resume set name = $1, source_format = $2, body = $3, variants = $4, \
             version = version + 1, updated_at = $5 \
             where tenant_id = $6 and id = $7 and version = $8",
        )
        .bind(&draft.name)
        .bind(&draft.source_format)
        .bind(&draft.body)
        .bind(variants_json(draft))
        .bind(now)
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        let current = self.get_resume(tenant_id, id).await?;
        updated(
            done,
            expected_version,
            current,
            &format!("resume {id}"),
            |r| {
                r.name.clone_from(&draft.name);
                r.source_format.clone_from(&draft.source_format);
                r.body.clone_from(&draft.body);
                r.variants.clone_from(&draft.variants);
                r.updated_at = now;
            },
        )
    }

    async fn settings(&self, tenant_id: &str) -> Result<TenantSettings> {
        if !nameable(tenant_id) {
            return Ok(TenantSettings { ai_enabled: true });
        }
        let enabled: Option<i64> =
            sqlx::query_scalar("select ai_enabled from tenant where id = $1")
                .bind(tenant_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(TenantSettings {
            // A tenant the database does not know has no settings: the defaults.
            ai_enabled: enabled.is_none_or(|v| v != 0),
        })
    }

    async fn set_ai_enabled(&self, tenant_id: &str, enabled: bool) -> Result<TenantSettings> {
        if !nameable(tenant_id) {
            return self.settings(tenant_id).await;
        }
        sqlx::query("update tenant set ai_enabled = $1 where id = $2")
            .bind(i64::from(enabled))
            .bind(tenant_id)
            .execute(&self.pool)
            .await?;
        self.settings(tenant_id).await
    }

    async fn tenant(&self, name: &str) -> Result<String> {
        self.tenant_id(name).await
    }

    async fn create_application(
        &self,
        tenant_id: &str,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<ApplicationRecord> {
        self.tracker_create_application(tenant_id, fields, documents)
            .await
    }

    async fn get_application(
        &self,
        tenant_id: &str,
        id: &str,
    ) -> Result<Option<ApplicationRecord>> {
        self.tracker_get_application(tenant_id, id).await
    }

    async fn application_id(&self, tenant_id: &str, number: i64) -> Result<Option<String>> {
        self.tracker_application_id(tenant_id, number).await
    }

    async fn application_bodies(&self, tenant_id: &str) -> Result<Vec<String>> {
        self.tracker_application_bodies(tenant_id).await
    }

    async fn list_applications(
        &self,
        tenant_id: &str,
        filter: &ApplicationFilter,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<ApplicationRecord>> {
        self.tracker_list_applications(tenant_id, filter, after, limit)
            .await
    }

    async fn update_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<Write<ApplicationRecord>> {
        self.tracker_update_application(tenant_id, id, expected_version, fields, documents)
            .await
    }

    async fn delete_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
        self.tracker_delete_application(tenant_id, id, expected_version)
            .await
    }

    async fn document(&self, tenant_id: &str, hash: &str) -> Result<Option<Document>> {
        self.tracker_document(tenant_id, hash).await
    }

    async fn document_count(&self, tenant_id: &str) -> Result<i64> {
        self.tracker_document_count(tenant_id).await
    }

    async fn create_offer(&self, tenant_id: &str, fields: &OfferFields) -> Result<OfferRecord> {
        self.tracker_create_offer(tenant_id, fields).await
    }

    async fn get_offer(&self, tenant_id: &str, id: &str) -> Result<Option<OfferRecord>> {
        self.tracker_get_offer(tenant_id, id).await
    }

    async fn offer_id(&self, tenant_id: &str, number: i64) -> Result<Option<String>> {
        self.tracker_offer_id(tenant_id, number).await
    }

    async fn list_offers(&self, tenant_id: &str) -> Result<Vec<OfferRecord>> {
        self.tracker_list_offers(tenant_id).await
    }

    async fn update_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &OfferFields,
    ) -> Result<Write<OfferRecord>> {
        self.tracker_update_offer(tenant_id, id, expected_version, fields)
            .await
    }

    async fn delete_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
        self.tracker_delete_offer(tenant_id, id, expected_version)
            .await
    }

    async fn offer_weights(&self, tenant_id: &str) -> Result<String> {
        self.tracker_offer_weights(tenant_id).await
    }

    async fn set_offer_weights(&self, tenant_id: &str, json: &str) -> Result<()> {
        self.tracker_set_offer_weights(tenant_id, json).await
    }

    async fn delete_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        let deleted = match expected_version {
            Some(version) => {
                sqlx::query("delete from resume where tenant_id = $1 and id = $2 and version = $3")
                    .bind(tenant_id)
                    .bind(id)
                    .bind(version)
                    .execute(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("delete from resume where tenant_id = $1 and id = $2")
                    .bind(tenant_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await?
            }
        }
        .rows_affected();
        if deleted == 1 {
            return Ok(Write::Done(()));
        }
        Ok(not_deleted(self.get_resume(tenant_id, id).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::{is_unavailable, postgres_unavailable, redact, sqlite_unavailable};

    #[test]
    fn passwords_never_reach_error_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db/vitae"),
            "postgres://app:***@db/vitae"
        );
        assert_eq!(redact("postgres://app@db/vitae"), "postgres://app@db/vitae");
        assert_eq!(redact("mysql://x"), "mysql://x");
    }

    #[test]
    fn connection_failures_are_unavailable_and_statement_errors_are_not() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&sqlx::Error::PoolClosed));
        assert!(is_unavailable(&sqlx::Error::Io(std::io::Error::from(
            std::io::ErrorKind::ConnectionReset
        ))));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
        assert!(!is_unavailable(&sqlx::Error::ColumnNotFound("x".into())));
        for code in [
            "08006", "08001", "57P01", "57P03", "53300", "55000", "25006",
        ] {
            assert!(postgres_unavailable(code), "{code}");
        }
        // Syntax, unique violation, bad encoding, missing table: bugs, not outages.
        for code in ["42601", "23505", "22021", "42P01"] {
            assert!(!postgres_unavailable(code), "{code}");
        }
        // SQLITE_BUSY, SQLITE_IOERR_WRITE (778), SQLITE_CANTOPEN; not SQLITE_CONSTRAINT_UNIQUE.
        for code in [5, 778, 14] {
            assert!(sqlite_unavailable(code), "{code}");
        }
        assert!(!sqlite_unavailable(2067));
        assert!(!sqlite_unavailable(1));
    }
}
