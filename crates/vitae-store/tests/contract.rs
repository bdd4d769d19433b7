//! The store contract: every test runs against SQLite (a new file) and PostgreSQL (a new
//! database on the local server), and both must behave the same.

mod common;

use common::on_both;
use vitae_store::{
    Holder, KeySecret, KeySource, NewSession, ResumeDraft, Write, hash_password, hash_secret,
    random_token, verify_password,
};

fn draft(name: &str) -> ResumeDraft {
    ResumeDraft {
        name: name.to_owned(),
        source_format: "native".to_owned(),
        body: format!("{{\"contact\":{{\"name\":\"{name}\"}}}}"),
        variants: vec!["base".to_owned(), "backend".to_owned()],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_authenticates_its_tenant_until_revoked() {
    on_both(|store| async move {
        assert_eq!(store.active_key_count().await.unwrap(), 0);
        let secret = KeySecret::generate();
        let info = store
            .create_key("acme", "ci", KeySource::Cli, &secret)
            .await
            .unwrap();
        assert_eq!(info.tenant_name, "acme");
        assert_eq!(info.prefix, secret.prefix());
        assert_eq!(info.revoked_at, None);

        let who = store.authenticate(&secret.hash()).await.unwrap().unwrap();
        assert_eq!(who.tenant_id, info.tenant_id);
        assert_eq!(who.key_id, info.id);
        assert_eq!(store.active_key_count().await.unwrap(), 1);
        // A second key of the same tenant name joins the same tenant.
        let other = store
            .create_key("acme", "laptop", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap();
        assert_eq!(other.tenant_id, info.tenant_id);

        let revoked = store.revoke_key(&info.id).await.unwrap();
        assert!(revoked.revoked_at.is_some());
        assert_eq!(store.authenticate(&secret.hash()).await.unwrap(), None);
        // Revoking again keeps the first revocation time.
        let again = store.revoke_key(&info.id).await.unwrap();
        assert_eq!(again.revoked_at, revoked.revoked_at);
        assert!(store.revoke_key("k_missing").await.is_err());
        assert_eq!(store.list_keys().await.unwrap().len(), 2);
        assert_eq!(
            store
                .authenticate(&KeySecret::generate().hash())
                .await
                .unwrap(),
            None
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_environment_key_replaces_its_previous_value() {
    on_both(|store| async move {
        let first = KeySecret::from_string("old-shared-key".into());
        store.sync_env_key(Some(&first)).await.unwrap();
        store.sync_env_key(Some(&first)).await.unwrap();
        assert_eq!(store.list_keys().await.unwrap().len(), 1);
        assert!(store.authenticate(&first.hash()).await.unwrap().is_some());

        let second = KeySecret::from_string("new-shared-key".into());
        store.sync_env_key(Some(&second)).await.unwrap();
        assert!(store.authenticate(&first.hash()).await.unwrap().is_none());
        let who = store.authenticate(&second.hash()).await.unwrap().unwrap();
        let keys = store.list_keys().await.unwrap();
        assert!(keys.iter().all(|k| k.tenant_name == "default"));
        assert!(keys.iter().any(|k| k.id == who.key_id && k.source == "env"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsetting_the_environment_key_revokes_it_and_leaves_other_keys_alone() {
    on_both(|store| async move {
        let env = KeySecret::from_string("a-shared-key-of-the-old-system-0123".into());
        let cli = KeySecret::generate();
        store
            .create_key("acme", "laptop", KeySource::Cli, &cli)
            .await
            .unwrap();
        store.sync_env_key(Some(&env)).await.unwrap();
        assert!(store.authenticate(&env.hash()).await.unwrap().is_some());
        store.sync_env_key(None).await.unwrap();
        assert!(store.authenticate(&env.hash()).await.unwrap().is_none());
        assert!(store.authenticate(&cli.hash()).await.unwrap().is_some());
        // Set again, the same value is a new key: a revoked one stays revoked.
        store.sync_env_key(Some(&env)).await.unwrap();
        assert_eq!(store.active_key_count().await.unwrap(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_are_private_to_their_tenant() {
    on_both(|store| async move {
        let a = store
            .create_key("a", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let b = store
            .create_key("b", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let record = store.create_resume(&a, &draft("Ada")).await.unwrap();
        assert_eq!(record.version, 1);
        assert!(record.id.starts_with("r_"));

        let got = store.get_resume(&a, &record.id).await.unwrap().unwrap();
        assert_eq!(got, record);
        assert_eq!(store.get_resume(&b, &record.id).await.unwrap(), None);
        assert!(store.list_resumes(&b, None, 10).await.unwrap().is_empty());
        assert_eq!(
            store
                .update_resume(&b, &record.id, 1, &draft("Mallory"))
                .await
                .unwrap(),
            Write::Missing
        );
        assert_eq!(
            store.delete_resume(&b, &record.id, None).await.unwrap(),
            Write::Missing
        );
        assert_eq!(store.get_resume(&a, &record.id).await.unwrap(), Some(got));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_page_in_creation_order() {
    on_both(|store| async move {
        let t = store
            .create_key("t", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let mut ids = Vec::new();
        for i in 0..7 {
            ids.push(
                store
                    .create_resume(&t, &draft(&format!("R{i}")))
                    .await
                    .unwrap()
                    .id,
            );
        }
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = store.list_resumes(&t, after.as_deref(), 3).await.unwrap();
            if page.is_empty() {
                break;
            }
            assert!(page.len() <= 3);
            after = page.last().map(|r| r.id.clone());
            seen.extend(page.into_iter().map(|r| (r.id, r.name, r.variants)));
        }
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(seen.iter().map(|s| s.0.clone()).collect::<Vec<_>>(), sorted);
        assert_eq!(seen[0].2, vec!["base", "backend"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_and_deletes_need_the_current_version() {
    on_both(|store| async move {
        let t = store
            .create_key("t", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let id = store.create_resume(&t, &draft("v1")).await.unwrap().id;
        let Write::Done(v2) = store.update_resume(&t, &id, 1, &draft("v2")).await.unwrap() else {
            panic!("the first update at version 1 must succeed");
        };
        assert_eq!(v2.version, 2);
        assert_eq!(v2.name, "v2");
        assert!(v2.updated_at >= v2.created_at);
        assert_eq!(
            store
                .update_resume(&t, &id, 1, &draft("lost"))
                .await
                .unwrap(),
            Write::Stale { current: 2 }
        );
        assert_eq!(
            store.delete_resume(&t, &id, Some(1)).await.unwrap(),
            Write::Stale { current: 2 }
        );
        assert_eq!(store.get_resume(&t, &id).await.unwrap().unwrap().name, "v2");
        assert_eq!(
            store.delete_resume(&t, &id, Some(2)).await.unwrap(),
            Write::Done(())
        );
        assert_eq!(store.get_resume(&t, &id).await.unwrap(), None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_fifty_concurrent_updates_from_one_version_exactly_one_wins() {
    on_both(|store| async move {
        let t = store
            .create_key("t", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let id = store.create_resume(&t, &draft("start")).await.unwrap().id;
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let store = store.clone();
                let (t, id) = (t.clone(), id.clone());
                tokio::spawn(async move {
                    store
                        .update_resume(&t, &id, 1, &draft(&format!("writer {i}")))
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut winners = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                Write::Done(r) => winners.push(r.name),
                Write::Stale { current } => assert_eq!(current, 2),
                Write::Missing => panic!("the resume exists"),
            }
        }
        assert_eq!(winners.len(), 1, "{winners:?}");
        let stored = store.get_resume(&t, &id).await.unwrap().unwrap();
        assert_eq!(stored.version, 2);
        assert_eq!(stored.name, winners[0]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_survives_reopening_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
    let secret = KeySecret::generate();
    let (tenant, id) = {
        let store = vitae_store::connect(&url).await.unwrap();
        let tenant = store
            .create_key("t", "k", KeySource::Cli, &secret)
            .await
            .unwrap()
            .tenant_id;
        let id = store
            .create_resume(&tenant, &draft("kept"))
            .await
            .unwrap()
            .id;
        (tenant, id)
    };
    let store = vitae_store::connect(&url).await.unwrap();
    assert_eq!(
        store
            .authenticate(&secret.hash())
            .await
            .unwrap()
            .unwrap()
            .tenant_id,
        tenant
    );
    assert_eq!(
        store.get_resume(&tenant, &id).await.unwrap().unwrap().name,
        "kept"
    );
    store.ping().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_switches_ai_off_for_itself_only() {
    on_both(|store| async move {
        let acme = store
            .create_key("acme", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        let globex = store
            .create_key("globex", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap()
            .tenant_id;
        assert!(
            store.settings(&acme).await.unwrap().ai_enabled,
            "allowed by default"
        );
        assert!(!store.set_ai_enabled(&acme, false).await.unwrap().ai_enabled);
        assert!(!store.settings(&acme).await.unwrap().ai_enabled);
        assert!(
            store.settings(&globex).await.unwrap().ai_enabled,
            "other tenants keep theirs"
        );
        assert!(store.set_ai_enabled(&acme, true).await.unwrap().ai_enabled);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_opens_its_tenant_until_it_expires_or_ends() {
    on_both(|store| async move {
        let key = store
            .create_key("acme", "k", KeySource::Cli, &KeySecret::generate())
            .await
            .unwrap();
        let acme = key.tenant_id.clone();
        let secret = random_token();
        let live = NewSession {
            hash: hash_secret(&secret),
            holder: Holder::Key(key.id.clone()),
            csrf: random_token(),
            expires_at: vitae_store::now_ms() + 60_000,
        };
        store.create_session(&acme, &live).await.unwrap();
        let found = store.session(&live.hash).await.unwrap().unwrap();
        assert_eq!(found.tenant_id, acme);
        assert_eq!(found.csrf, live.csrf);
        // Only the hash opens it: the secret itself is not a key of the table.
        assert_eq!(store.session(&secret).await.unwrap(), None);
        assert_eq!(store.session("x\0y").await.unwrap(), None);

        let expired = NewSession {
            hash: hash_secret(&random_token()),
            holder: Holder::Key(key.id.clone()),
            csrf: random_token(),
            expires_at: vitae_store::now_ms() - 1,
        };
        store.create_session(&acme, &expired).await.unwrap();
        assert_eq!(store.session(&expired.hash).await.unwrap(), None);

        store.delete_session(&live.hash).await.unwrap();
        assert_eq!(store.session(&live.hash).await.unwrap(), None);
        store.delete_session(&live.hash).await.unwrap();
        // A session needs a tenant that exists.
        assert!(store.create_session("t_missing", &live).await.is_err());
        // Revoking the key ends the sessions it opened.
        let again = NewSession {
            hash: hash_secret(&random_token()),
            ..live.clone()
        };
        store.create_session(&acme, &again).await.unwrap();
        assert!(store.session(&again.hash).await.unwrap().is_some());
        store.revoke_key(&key.id).await.unwrap();
        assert_eq!(store.session(&again.hash).await.unwrap(), None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_with_a_password_until_removed_or_given_a_new_one() {
    on_both(|store| async move {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
        let ada = store.set_person("acme", "ada", &hash).await.unwrap();
        assert_eq!(ada.tenant_name, "acme");
        let login = store.person_login("ada").await.unwrap().unwrap();
        assert_eq!(login.tenant_id, ada.tenant_id);
        assert!(verify_password(
            "correct horse battery",
            &login.password_hash
        ));
        assert!(store.person_login("bob").await.unwrap().is_none());
        assert!(store.person_login("a\0b").await.unwrap().is_none());

        let open = |holder| NewSession {
            hash: hash_secret(&random_token()),
            holder,
            csrf: random_token(),
            expires_at: vitae_store::now_ms() + 60_000,
        };
        let first = open(Holder::Person(ada.id.clone()));
        store.create_session(&ada.tenant_id, &first).await.unwrap();
        let found = store.session(&first.hash).await.unwrap().unwrap();
        assert_eq!(found.holder_id, ada.id);
        // A new password ends the sessions of the old one; the person stays who they were.
        let again = store
            .set_person("acme", "ada", &hash_password("another long passphrase"))
            .await
            .unwrap();
        assert_eq!(again.id, ada.id);
        assert_eq!(store.session(&first.hash).await.unwrap(), None);
        let second = open(Holder::Person(ada.id.clone()));
        store.create_session(&ada.tenant_id, &second).await.unwrap();
        assert!(store.session(&second.hash).await.unwrap().is_some());
        assert_eq!(store.list_people().await.unwrap().len(), 1);
        // Removed: no sign-in, no session.
        assert!(store.remove_person("ada").await.unwrap());
        assert!(!store.remove_person("ada").await.unwrap());
        assert_eq!(store.session(&second.hash).await.unwrap(), None);
        assert!(store.person_login("ada").await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_url_of_another_database_is_refused_with_the_accepted_forms() {
    let err = vitae_store::connect("mysql://root:hunter2@localhost/x")
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("sqlite://PATH or postgres://"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}
