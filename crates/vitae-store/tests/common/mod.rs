//! What the store's test binaries share.

use std::future::Future;
use std::sync::Arc;
use vitae_store::{Store, testing};

/// Runs `check` against a fresh SQLite store and a fresh PostgreSQL store.
pub async fn on_both<F, Fut>(check: F)
where
    F: Fn(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
    check(vitae_store::connect(&url).await.unwrap()).await;

    let url = testing::fresh_postgres()
        .await
        .expect("PostgreSQL at 127.0.0.1:5432 (set VITAE_TEST_POSTGRES to use another)");
    let store = vitae_store::connect(&url).await.unwrap();
    check(store).await;
    testing::drop_postgres(&url).await.unwrap();
}
