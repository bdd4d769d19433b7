//! The one SQL implementation of [`Store`], for SQLite and PostgreSQL through sqlx's `Any`
//! driver. Statements use `$n` placeholders, which both backends accept, and only `text` and
//! `bigint` columns. Backend differences live in [`SqlStore::connect`] and [`migrate`].

use crate::{
    Backend, KeyInfo, KeySecret, KeySource, Principal, Result, ResumeDraft, ResumeRecord,
    ResumeSummary, Store, StoreError, TenantSettings, Write, new_id, now_ms,
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
];

/// Per-connection SQLite settings. WAL lets readers work while one writer writes;
/// `synchronous = normal` is durable across a crash of the process (a `kill -9`), and only a
/// power loss may lose the last commits; `busy_timeout` makes a writer wait for the write lock
/// instead of failing at once.
const SQLITE_PRAGMAS: &str =
    "pragma busy_timeout = 10000; pragma foreign_keys = on; pragma synchronous = normal;";

/// The tenant environment keys belong to.
const ENV_TENANT: &str = "default";

/// The URL of a SQLite file, created when missing.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// A [`Store`] over a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
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
        let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        options = match backend {
            // One writer at a time is SQLite's rule; a few connections serve concurrent reads.
            Backend::Sqlite => options.max_connections(8).after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(sqlx::raw_sql(SQLITE_PRAGMAS)).await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options.max_connections(16),
        };
        let pool = options.connect(url).await?;
        let store = SqlStore { pool, backend };
        store.migrate().await?;
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

    async fn tenant_id(&self, name: &str) -> Result<String> {
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

    async fn active_key_count(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from api_key where revoked_at is null")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn sync_env_key(&self, secret: &KeySecret) -> Result<()> {
        let hash = secret.hash();
        let existing: Option<String> = sqlx::query_scalar("select id from api_key where hash = $1")
            .bind(&hash)
            .fetch_optional(&self.pool)
            .await?;
        if existing.is_none() {
            self.create_key(ENV_TENANT, "RESUME_API_KEY", KeySource::Env, secret)
                .await?;
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

    async fn update_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        draft: &ResumeDraft,
    ) -> Result<Write<ResumeRecord>> {
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
        .bind(now_ms())
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        let current = self.get_resume(tenant_id, id).await?;
        Ok(match current {
            // Read back after our write: a later writer may already have moved it on, which
            // is still a successful write of ours.
            Some(record) if done => Write::Done(ResumeRecord {
                version: expected_version + 1,
                ..record
            }),
            Some(record) => Write::Stale {
                current: record.version,
            },
            None if done => Err(StoreError::Corrupt(format!(
                "resume {id} vanished after its update"
            )))?,
            None => Write::Missing,
        })
    }

    async fn settings(&self, tenant_id: &str) -> Result<TenantSettings> {
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
        sqlx::query("update tenant set ai_enabled = $1 where id = $2")
            .bind(i64::from(enabled))
            .bind(tenant_id)
            .execute(&self.pool)
            .await?;
        self.settings(tenant_id).await
    }

    async fn delete_resume(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
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
        Ok(match self.get_resume(tenant_id, id).await? {
            Some(record) => Write::Stale {
                current: record.version,
            },
            None => Write::Missing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_error_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db/vitae"),
            "postgres://app:***@db/vitae"
        );
        assert_eq!(redact("postgres://app@db/vitae"), "postgres://app@db/vitae");
        assert_eq!(redact("mysql://x"), "mysql://x");
    }
}
