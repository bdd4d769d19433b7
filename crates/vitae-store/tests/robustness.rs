//! What the store does with input one backend could not hold, with a database that went away,
//! and with the files of a SQLite database.

mod common;

use common::on_both;
use std::sync::Arc;
use std::time::{Duration, Instant};
use vitae_store::{KeySecret, KeySource, ResumeDraft, Store, StoreError, Write, testing};

fn draft(name: &str) -> ResumeDraft {
    ResumeDraft {
        name: name.to_owned(),
        source_format: "native".to_owned(),
        body: "{\"contact\":{\"name\":\"Ada\"}}".to_owned(),
        variants: vec!["base".to_owned()],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_with_a_nul_character_is_refused_alike_by_both_backends() {
    on_both(|store| async move {
        let key = store
            .create_key("acme", "ci", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap();
        let tenant = key.tenant_id;
        let refused = |r: Result<_, StoreError>, what: &str| match r {
            Err(StoreError::InvalidText { .. }) => {}
            other => panic!("{what}: {other:?}"),
        };
        refused(
            store
                .create_resume(&tenant, &draft("Ada\0"))
                .await
                .map(|_| ()),
            "name",
        );
        let mut body = draft("Ada");
        body.body = "{\"contact\":{\"name\":\"Ada\0\"}}".to_owned();
        refused(
            store.create_resume(&tenant, &body).await.map(|_| ()),
            "body",
        );
        let mut variants = draft("Ada");
        variants.variants.push("back\0end".to_owned());
        refused(
            store.create_resume(&tenant, &variants).await.map(|_| ()),
            "variants",
        );
        refused(
            store
                .create_key("acme\0", "ci", KeySource::Cli, &KeySecret::generate())
                .await
                .map(|_| ()),
            "tenant name",
        );
        refused(
            store
                .list_resumes(&tenant, Some("r_\0"), 10)
                .await
                .map(|_| ()),
            "cursor",
        );
        assert!(
            store
                .list_resumes(&tenant, None, 10)
                .await
                .unwrap()
                .is_empty()
        );

        // An id with a NUL names nothing: no resume or key can have one.
        let stored = store.create_resume(&tenant, &draft("Ada")).await.unwrap();
        let evil = format!("{}\0", stored.id);
        assert_eq!(store.get_resume(&tenant, &evil).await.unwrap(), None);
        assert_eq!(
            store
                .update_resume(&tenant, &evil, 1, &draft("Bo"))
                .await
                .unwrap(),
            Write::Missing
        );
        assert_eq!(
            store.delete_resume(&tenant, &evil, None).await.unwrap(),
            Write::Missing
        );
        assert!(matches!(
            store.revoke_key("k_\0").await,
            Err(StoreError::UnknownKey(_))
        ));
        refused(
            store
                .update_resume(&tenant, &stored.id, 1, &draft("Bo\0"))
                .await
                .map(|_| ()),
            "an update",
        );
        let kept = store
            .get_resume(&tenant, &stored.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((kept.name.as_str(), kept.version), ("Ada", 1));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_is_unavailable_at_once_and_comes_back_by_itself() {
    let url = testing::fresh_postgres()
        .await
        .expect("PostgreSQL at 127.0.0.1:5432 (set VITAE_TEST_POSTGRES to use another)");
    let store = vitae_store::connect(&url).await.unwrap();
    store.ping().await.unwrap();

    testing::block_connections(&url).await.unwrap();
    // Observed before any assertion, so the database is always restored and dropped.
    let started = Instant::now();
    let ping = store.ping().await;
    let get = store.get_resume("t_x", "r_x").await;
    let elapsed = started.elapsed();
    testing::allow_connections(&url).await.unwrap();
    let back = store.ping().await;
    testing::drop_postgres(&url).await.unwrap();

    assert!(matches!(ping, Err(StoreError::Unavailable(_))), "{ping:?}");
    assert!(matches!(get, Err(StoreError::Unavailable(_))), "{get:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    back.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_server_that_refuses_connections_is_unavailable() {
    // Nothing listens on port 1 of the loopback address.
    let error = vitae_store::connect("postgres://postgres@127.0.0.1:1/vitae")
        .await
        .err()
        .expect("no server there");
    assert!(matches!(error, StoreError::Unavailable(_)), "{error:?}");
    assert!(error.to_string().contains("unavailable"), "{error}");
}

#[cfg(unix)]
mod files {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    async fn write_something(store: &Arc<dyn Store>) {
        store
            .create_key("acme", "ci", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_new_sqlite_database_and_its_directory_are_private_to_their_owner() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("data").join("vitae");
        let path = nested.join("vitae.db");
        let store = vitae_store::connect(&vitae_store::sqlite_url(&path))
            .await
            .unwrap();
        write_something(&store).await;
        assert_eq!(mode(&path), 0o600, "the database file");
        for suffix in ["-wal", "-shm"] {
            let side = nested.join(format!("vitae.db{suffix}"));
            assert_eq!(mode(&side), 0o600, "{}", side.display());
        }
        assert_eq!(mode(&nested), 0o700, "the directory it created");
        assert_eq!(mode(&dir.path().join("data")), 0o700);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_sqlite_url_as_a_user_writes_it_creates_its_file_and_folder() {
        // `--database sqlite://PATH`, no `mode`: created like the default location, not
        // "unable to open database file".
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("jobs.db");
        let url = format!("sqlite://{}", path.display());
        let store = vitae_store::connect(&url).await.unwrap();
        write_something(&store).await;
        assert!(path.is_file(), "{}", path.display());
        assert_eq!(mode(&path), 0o600);
        // Read-only stays read-only: no file is made for it.
        let missing = dir.path().join("absent.db");
        let refused =
            vitae_store::connect(&format!("sqlite://{}?mode=ro", missing.display())).await;
        assert!(refused.is_err());
        assert!(!missing.exists());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_existing_directory_keeps_its_mode_and_readable_database_files_become_private() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = dir.path().join("vitae.db");
        let url = vitae_store::sqlite_url(&path);
        let store = vitae_store::connect(&url).await.unwrap();
        write_something(&store).await;
        drop(store);
        // As an older vitae (or a copy) left them.
        for file in ["vitae.db", "vitae.db-wal", "vitae.db-shm"] {
            let file = dir.path().join(file);
            if file.exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
        }
        let store = vitae_store::connect(&url).await.unwrap();
        write_something(&store).await;
        assert_eq!(mode(dir.path()), 0o755, "a directory it did not create");
        for file in ["vitae.db", "vitae.db-wal", "vitae.db-shm"] {
            let file = dir.path().join(file);
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
}
