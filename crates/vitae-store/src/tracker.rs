//! The job search's storage: applications, the documents sent with them, offers and the offer
//! weights. The store keeps what it must index (company, status, dates, the running number) in
//! columns and the rest as the JSON body the use-case layer (`vitae_app::tracker`) owns; it
//! never interprets a body.

use crate::sql::{SqlStore, nameable, not_deleted, storable, updated};
use crate::{Result, StoreError, Write, new_id, now_ms};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An application as the use-case layer writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicationFields {
    pub company: String,
    pub role: String,
    pub status: String,
    /// ISO date (YYYY-MM-DD).
    pub applied_on: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub follow_up_on: Option<String>,
    /// The use-case layer's JSON.
    pub body: String,
    /// The posting (the use-case layer's JSON): large, so listings leave it out unless asked
    /// ([`ApplicationFilter::with_posting`]).
    pub posting: Option<String>,
    /// The SHA-256 (hex) of every document the application sent: stored before, or coming
    /// with the write as a [`NewDocument`].
    pub documents: Vec<String>,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: String,
    /// The tenant's running number: 1, 2, …
    pub number: i64,
    pub fields: ApplicationFields,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Which applications a listing returns. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Any of these statuses.
    pub statuses: Vec<String>,
    /// The company contains this text (case-insensitive for ASCII letters).
    pub company: Option<String>,
    /// A follow-up is set on or before this ISO date.
    pub due_by: Option<String>,
    /// Applied on or after this ISO date.
    pub applied_since: Option<String>,
    /// Whether the records carry their posting (an export does; a listing need not).
    pub with_posting: bool,
}

/// Bytes to store once per tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub media_type: String,
    /// A file name to offer on download (`resume.pdf`).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl NewDocument {
    /// The SHA-256 of the bytes, lowercase hex: the document's address.
    pub fn hash(&self) -> String {
        document_hash(&self.bytes)
    }
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn document_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub hash: String,
    pub media_type: String,
    pub name: String,
    pub bytes: Vec<u8>,
    pub created_at: i64,
}

/// An offer as the use-case layer writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferFields {
    pub company: String,
    /// The use-case layer's JSON.
    pub body: String,
}

/// A stored offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRecord {
    pub id: String,
    pub number: i64,
    pub fields: OfferFields,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

macro_rules! application_columns {
    () => {
        "id, number, company, role, status, applied_on, follow_up_on, body, version, created_at, \
         updated_at"
    };
}

fn storable_fields(fields: &ApplicationFields) -> Result<()> {
    storable("the company", &fields.company)?;
    storable("the role", &fields.role)?;
    storable("the status", &fields.status)?;
    storable("the application", &fields.body)?;
    storable("the posting", fields.posting.as_deref().unwrap_or_default())?;
    for date in [&fields.applied_on, &fields.follow_up_on]
        .into_iter()
        .flatten()
    {
        storable("a date", date)?;
    }
    for hash in &fields.documents {
        if !is_hash(hash) {
            return Err(StoreError::Corrupt(format!(
                "`{}` is not a document's SHA-256",
                hash.escape_debug()
            )));
        }
    }
    Ok(())
}

fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn application_record(row: &AnyRow, documents: Vec<String>) -> Result<ApplicationRecord> {
    Ok(ApplicationRecord {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        fields: ApplicationFields {
            company: row.try_get("company")?,
            role: row.try_get("role")?,
            status: row.try_get("status")?,
            applied_on: row.try_get("applied_on")?,
            follow_up_on: row.try_get("follow_up_on")?,
            body: row.try_get("body")?,
            posting: row.try_get("posting")?,
            documents,
        },
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn offer_record(row: &AnyRow) -> Result<OfferRecord> {
    Ok(OfferRecord {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        fields: OfferFields {
            company: row.try_get("company")?,
            body: row.try_get("body")?,
        },
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// `%` and `_` are `like`'s wildcards; a company named "100%" must match itself only. Matched
/// against `company_key`, both lowercased here, so both backends fold case the same way.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl SqlStore {
    /// Stores documents (once per tenant) in a transaction's scope, then links them.
    async fn put_documents(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        tenant_id: &str,
        documents: &[NewDocument],
    ) -> Result<()> {
        for doc in documents {
            storable("a document's media type", &doc.media_type)?;
            storable("a document's name", &doc.name)?;
            // `do update` rather than `do nothing`: the row stays locked until this transaction
            // ends, and a clean-up locks it before it looks for links (`collect_documents`), so
            // it waits for this write's links instead of deleting what they name.
            sqlx::query(
                "insert into document (tenant_id, hash, media_type, name, size, bytes, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7) \
                 on conflict (tenant_id, hash) do update set size = excluded.size",
            )
            .bind(tenant_id)
            .bind(doc.hash())
            .bind(&doc.media_type)
            .bind(&doc.name)
            .bind(i64::try_from(doc.bytes.len()).unwrap_or(i64::MAX))
            .bind(base64::engine::general_purpose::STANDARD.encode(&doc.bytes))
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    async fn link_documents(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        tenant_id: &str,
        application_id: &str,
        hashes: &[String],
    ) -> Result<()> {
        sqlx::query("delete from application_document where application_id = $1")
            .bind(application_id)
            .execute(&mut **tx)
            .await?;
        let mut seen = std::collections::BTreeSet::new();
        for hash in hashes.iter().filter(|h| seen.insert(h.as_str())) {
            let present: Option<String> =
                sqlx::query_scalar("select hash from document where tenant_id = $1 and hash = $2")
                    .bind(tenant_id)
                    .bind(hash)
                    .fetch_optional(&mut **tx)
                    .await?;
            if present.is_none() {
                return Err(StoreError::Corrupt(format!(
                    "document {hash} is not stored: store it before an application names it"
                )));
            }
            sqlx::query(
                "insert into application_document (application_id, tenant_id, hash) values ($1, $2, $3)",
            )
            .bind(application_id)
            .bind(tenant_id)
            .bind(hash)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Deletes the tenant's documents among `hashes` that no application uses any more.
    async fn collect_documents(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        tenant_id: &str,
        hashes: &[String],
    ) -> Result<()> {
        for hash in hashes {
            if self.backend == crate::Backend::Postgres {
                // Under READ COMMITTED a statement that waited for a row lock re-checks the row
                // but not its subqueries: the lock is taken first, in a statement of its own,
                // so the link check below runs on a snapshot taken after any writer that was
                // linking this document committed. (SQLite has one writer at a time.)
                sqlx::query(
                    "select hash from document where tenant_id = $1 and hash = $2 for update",
                )
                .bind(tenant_id)
                .bind(hash)
                .execute(&mut **tx)
                .await?;
            }
            sqlx::query(
                "delete from document where tenant_id = $1 and hash = $2 and not exists \
                 (select 1 from application_document l where l.tenant_id = $1 and l.hash = $2)",
            )
            .bind(tenant_id)
            .bind(hash)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// The documents an application names; a delete or an update reads them inside its own
    /// transaction, so it sees the links as they are when it writes.
    async fn linked<'e>(
        executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
        tenant_id: &str,
        application_id: &str,
    ) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "select hash from application_document where tenant_id = $1 and application_id = $2 \
             order by hash",
        )
        .bind(tenant_id)
        .bind(application_id)
        .fetch_all(executor)
        .await?)
    }

    /// The tenant's next running number, from its counter (`statement` bumps and returns it).
    async fn next_number(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        statement: &'static str,
        tenant_id: &str,
    ) -> Result<i64> {
        let number: Option<i64> = sqlx::query_scalar(statement)
            .bind(tenant_id)
            .fetch_optional(&mut **tx)
            .await?;
        number.ok_or_else(|| StoreError::Corrupt(format!("no tenant {tenant_id}")))
    }

    pub(crate) async fn tracker_create_application(
        &self,
        tenant_id: &str,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<ApplicationRecord> {
        storable_fields(fields)?;
        if !nameable(tenant_id) {
            return Err(StoreError::InvalidText {
                field: "the tenant",
            });
        }
        let id = new_id("a_");
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        Self::put_documents(&mut tx, tenant_id, documents).await?;
        let number = Self::next_number(
            &mut tx,
            "update tenant set application_seq = application_seq + 1 where id = $1 \
             returning application_seq",
            tenant_id,
        )
        .await?;
        sqlx::query(
            "insert into application (id, tenant_id, number, company, company_key, role, status, \
             applied_on, follow_up_on, body, posting, version, created_at, updated_at) \
             values ($1, $2, $11, $3, $12, $4, $5, $6, $7, $8, $10, 1, $9, $9)",
        )
        .bind(&id)
        .bind(tenant_id)
        .bind(&fields.company)
        .bind(&fields.role)
        .bind(&fields.status)
        .bind(&fields.applied_on)
        .bind(&fields.follow_up_on)
        .bind(&fields.body)
        .bind(now)
        .bind(&fields.posting)
        .bind(number)
        .bind(fields.company.to_lowercase())
        .execute(&mut *tx)
        .await?;
        Self::link_documents(&mut tx, tenant_id, &id, &fields.documents).await?;
        tx.commit().await?;
        self.tracker_get_application(tenant_id, &id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("application {id} vanished after insert")))
    }

    pub(crate) async fn tracker_get_application(
        &self,
        tenant_id: &str,
        id: &str,
    ) -> Result<Option<ApplicationRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(None);
        }
        let row = sqlx::query(concat!(
            "select ",
            application_columns!(),
            ", posting from application where tenant_id = $1 and id = $2"
        ))
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => {
                let documents = Self::linked(&self.pool, tenant_id, id).await?;
                Ok(Some(application_record(&row, documents)?))
            }
            None => Ok(None),
        }
    }

    pub(crate) async fn tracker_application_id(
        &self,
        tenant_id: &str,
        number: i64,
    ) -> Result<Option<String>> {
        self.id_by_number(
            "select id from application where tenant_id = $1 and number = $2",
            tenant_id,
            number,
        )
        .await
    }

    /// The id of the tenant's row with a running number, by `statement` (one per table).
    async fn id_by_number(
        &self,
        statement: &'static str,
        tenant_id: &str,
        number: i64,
    ) -> Result<Option<String>> {
        if !nameable(tenant_id) {
            return Ok(None);
        }
        Ok(sqlx::query_scalar(statement)
            .bind(tenant_id)
            .bind(number)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn tracker_list_applications(
        &self,
        tenant_id: &str,
        filter: &ApplicationFilter,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<ApplicationRecord>> {
        storable("the listing cursor", after.unwrap_or_default())?;
        for s in &filter.statuses {
            storable("a status", s)?;
        }
        for text in [&filter.company, &filter.due_by, &filter.applied_since]
            .into_iter()
            .flatten()
        {
            storable("a filter", text)?;
        }
        if !nameable(tenant_id) {
            return Ok(Vec::new());
        }
        // Optional filters as `($n is null or …)`: one static statement for every combination.
        // The statuses travel as one JSON array compared as text, which both backends do alike.
        let statuses = (!filter.statuses.is_empty())
            .then(|| serde_json::Value::from(filter.statuses.clone()).to_string());
        let rows = sqlx::query(concat!(
            "select ",
            application_columns!(),
            ", case when $8 = 1 then posting end as posting \
             from application where tenant_id = $1 and id > $2 \
             and ($3 is null or $3 like ('%\"' || replace(status, '_', '\\_') || '\"%') escape '\\') \
             and ($4 is null or company_key like $4 escape '\\') \
             and ($5 is null or (follow_up_on is not null and follow_up_on <= $5)) \
             and ($6 is null or (applied_on is not null and applied_on >= $6)) \
             order by id limit $7"
        ))
        .bind(tenant_id)
        .bind(after.unwrap_or(""))
        .bind(statuses)
        .bind(filter.company.as_deref().map(like_pattern))
        .bind(&filter.due_by)
        .bind(&filter.applied_since)
        .bind(i64::from(limit))
        .bind(i64::from(filter.with_posting))
        .fetch_all(&self.pool)
        .await?;
        // The page's document links in one query (ids are ordered, so the page is a range).
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(Vec::new());
        };
        let first: String = first.try_get("id")?;
        let last: String = last.try_get("id")?;
        let links = sqlx::query(
            "select application_id, hash from application_document \
             where tenant_id = $1 and application_id >= $2 and application_id <= $3 order by hash",
        )
        .bind(tenant_id)
        .bind(&first)
        .bind(&last)
        .fetch_all(&self.pool)
        .await?;
        let mut documents: std::collections::HashMap<String, Vec<String>> =
            std::collections::HashMap::new();
        for link in &links {
            documents
                .entry(link.try_get("application_id")?)
                .or_default()
                .push(link.try_get("hash")?);
        }
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                application_record(row, documents.remove(&id).unwrap_or_default())
            })
            .collect()
    }

    pub(crate) async fn tracker_update_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &ApplicationFields,
        documents: &[NewDocument],
    ) -> Result<Write<ApplicationRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        storable_fields(fields)?;
        let now = now_ms();
        // Every statement that reads comes after one that writes: a SQLite transaction that
        // read first cannot take the write lock once another writer committed (SQLITE_BUSY at
        // once, whatever the busy timeout); one that writes first waits its turn.
        let mut tx = self.pool.begin().await?;
        Self::put_documents(&mut tx, tenant_id, documents).await?;
        // Matched on the version read: of several writers holding one version, exactly one
        // matches a row; the others learn the current version (HTTP answers them 412).
        let done = sqlx::query(
            "update application set company = $1, role = $2, status = $3, applied_on = $4, \
             follow_up_on = $5, body = $6, posting = $11, company_key = $12, \
             version = version + 1, updated_at = $7 \
             where tenant_id = $8 and id = $9 and version = $10",
        )
        .bind(&fields.company)
        .bind(&fields.role)
        .bind(&fields.status)
        .bind(&fields.applied_on)
        .bind(&fields.follow_up_on)
        .bind(&fields.body)
        .bind(now)
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .bind(&fields.posting)
        .bind(fields.company.to_lowercase())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            // The links as they were: this update has not changed them yet.
            let before = Self::linked(&mut *tx, tenant_id, id).await?;
            Self::link_documents(&mut tx, tenant_id, id, &fields.documents).await?;
            let dropped: Vec<String> = before
                .into_iter()
                .filter(|h| !fields.documents.contains(h))
                .collect();
            self.collect_documents(&mut tx, tenant_id, &dropped).await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        let current = self.tracker_get_application(tenant_id, id).await?;
        updated(
            done,
            expected_version,
            current,
            &format!("application {id}"),
            |r| {
                r.fields = fields.clone();
                r.updated_at = now;
            },
        )
    }

    pub(crate) async fn tracker_delete_application(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        // The links go first, a write (see the update), and say which documents to look at.
        let mut tx = self.pool.begin().await?;
        let hashes: Vec<String> = sqlx::query_scalar(
            "delete from application_document where tenant_id = $1 and application_id = $2 \
             returning hash",
        )
        .bind(tenant_id)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let deleted = sqlx::query(
            "delete from application where tenant_id = $1 and id = $2 and ($3 is null or version = $3)",
        )
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if deleted == 1 {
            self.collect_documents(&mut tx, tenant_id, &hashes).await?;
            tx.commit().await?;
            return Ok(Write::Done(()));
        }
        tx.rollback().await?;
        Ok(not_deleted(
            self.tracker_get_application(tenant_id, id).await?,
        ))
    }

    pub(crate) async fn tracker_document(
        &self,
        tenant_id: &str,
        hash: &str,
    ) -> Result<Option<Document>> {
        if !nameable(tenant_id) || !is_hash(hash) {
            return Ok(None);
        }
        let row = sqlx::query(
            "select hash, media_type, name, bytes, created_at from document \
             where tenant_id = $1 and hash = $2",
        )
        .bind(tenant_id)
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let text: String = row.try_get("bytes")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| StoreError::Corrupt(format!("document {hash}: {e}")))?;
        if document_hash(&bytes) != hash {
            return Err(StoreError::Corrupt(format!(
                "document {hash} does not hold the bytes it was stored with"
            )));
        }
        Ok(Some(Document {
            hash: row.try_get("hash")?,
            media_type: row.try_get("media_type")?,
            name: row.try_get("name")?,
            bytes,
            created_at: row.try_get("created_at")?,
        }))
    }

    pub(crate) async fn tracker_document_count(&self, tenant_id: &str) -> Result<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from document where tenant_id = $1")
                .bind(tenant_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub(crate) async fn tracker_create_offer(
        &self,
        tenant_id: &str,
        fields: &OfferFields,
    ) -> Result<OfferRecord> {
        storable("the company", &fields.company)?;
        storable("the offer", &fields.body)?;
        let id = new_id("o_");
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let number = Self::next_number(
            &mut tx,
            "update tenant set offer_seq = offer_seq + 1 where id = $1 returning offer_seq",
            tenant_id,
        )
        .await?;
        sqlx::query(
            "insert into offer (id, tenant_id, number, company, body, version, created_at, \
             updated_at) values ($1, $2, $3, $4, $5, 1, $6, $6)",
        )
        .bind(&id)
        .bind(tenant_id)
        .bind(number)
        .bind(&fields.company)
        .bind(&fields.body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.tracker_get_offer(tenant_id, &id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("offer {id} vanished after insert")))
    }

    pub(crate) async fn tracker_get_offer(
        &self,
        tenant_id: &str,
        id: &str,
    ) -> Result<Option<OfferRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(None);
        }
        let row = sqlx::query(
            "select id, number, company, body, version, created_at, updated_at from offer \
             where tenant_id = $1 and id = $2",
        )
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(offer_record).transpose()
    }

    pub(crate) async fn tracker_offer_id(
        &self,
        tenant_id: &str,
        number: i64,
    ) -> Result<Option<String>> {
        self.id_by_number(
            "select id from offer where tenant_id = $1 and number = $2",
            tenant_id,
            number,
        )
        .await
    }

    pub(crate) async fn tracker_list_offers(&self, tenant_id: &str) -> Result<Vec<OfferRecord>> {
        if !nameable(tenant_id) {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "select id, number, company, body, version, created_at, updated_at from offer \
             where tenant_id = $1 order by number",
        )
        .bind(tenant_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(offer_record).collect()
    }

    pub(crate) async fn tracker_update_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: i64,
        fields: &OfferFields,
    ) -> Result<Write<OfferRecord>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        storable("the company", &fields.company)?;
        let now = now_ms();
        storable("the offer", &fields.body)?;
        let done = sqlx::query(
            "update offer set company = $1, body = $2, version = version + 1, updated_at = $3 \
             where tenant_id = $4 and id = $5 and version = $6",
        )
        .bind(&fields.company)
        .bind(&fields.body)
        .bind(now)
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        let current = self.tracker_get_offer(tenant_id, id).await?;
        updated(
            done,
            expected_version,
            current,
            &format!("offer {id}"),
            |r| {
                r.fields = fields.clone();
                r.updated_at = now;
            },
        )
    }

    pub(crate) async fn tracker_delete_offer(
        &self,
        tenant_id: &str,
        id: &str,
        expected_version: Option<i64>,
    ) -> Result<Write<()>> {
        if !nameable(tenant_id) || !nameable(id) {
            return Ok(Write::Missing);
        }
        let deleted = sqlx::query(
            "delete from offer where tenant_id = $1 and id = $2 and ($3 is null or version = $3)",
        )
        .bind(tenant_id)
        .bind(id)
        .bind(expected_version)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if deleted == 1 {
            return Ok(Write::Done(()));
        }
        Ok(not_deleted(self.tracker_get_offer(tenant_id, id).await?))
    }

    pub(crate) async fn tracker_offer_weights(&self, tenant_id: &str) -> Result<String> {
        if !nameable(tenant_id) {
            return Ok(String::new());
        }
        let weights: Option<String> =
            sqlx::query_scalar("select offer_weights from tenant where id = $1")
                .bind(tenant_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(weights.unwrap_or_default())
    }

    pub(crate) async fn tracker_set_offer_weights(
        &self,
        tenant_id: &str,
        json: &str,
    ) -> Result<()> {
        storable("the offer weights", json)?;
        if !nameable(tenant_id) {
            return Ok(());
        }
        sqlx::query("update tenant set offer_weights = $1 where id = $2")
            .bind(json)
            .bind(tenant_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn tracker_application_bodies(&self, tenant_id: &str) -> Result<Vec<String>> {
        if !nameable(tenant_id) {
            return Ok(Vec::new());
        }
        // One row holding every body, newline-separated (compact JSON never holds a raw
        // newline): the driver hands rows over one at a time between threads, which costs
        // more than SQLite's own reading (10,000 rows: 95 ms through sqlx, 23 ms in SQLite).
        // The aggregate is spelled differently by each backend; the order is creation order.
        let sql = match self.backend {
            crate::Backend::Sqlite => {
                "select group_concat(body, char(10)) from \
                 (select body from application where tenant_id = $1 order by id)"
            }
            crate::Backend::Postgres => {
                "select string_agg(body, chr(10) order by id) from application where tenant_id = $1"
            }
        };
        let all: Option<String> = sqlx::query_scalar(sql)
            .bind(tenant_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(all
            .map(|text| text.split('\n').map(str::to_owned).collect())
            .unwrap_or_default())
    }
}
