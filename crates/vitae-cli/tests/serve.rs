//! `vitae keys` and `vitae serve` as processes: keys created by the CLI open the server, and
//! resumes the server acknowledged survive a `kill -9` in the middle of writes.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn vitae(data_dir: &Path) -> Command {
    vitae_on(data_dir, None)
}

/// `vitae` with its database at `database` (default: SQLite in `data_dir`).
fn vitae_on(data_dir: &Path, database: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitae"));
    cmd.env("VITAE_DATA_DIR", data_dir)
        .env_remove("VITAE_DATABASE_URL")
        .env_remove("RESUME_API_KEY")
        .env("NO_COLOR", "1");
    if let Some(url) = database {
        cmd.env("VITAE_DATABASE_URL", url);
    }
    cmd
}

fn create_key(data_dir: &Path, name: &str) -> Value {
    create_key_on(data_dir, None, name)
}

fn create_key_on(data_dir: &Path, database: Option<&str>, name: &str) -> Value {
    let out = vitae_on(data_dir, database)
        .args(["keys", "create", "--name", name, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Starts `vitae serve` on a free port; returns the process and its base URL.
fn serve(data_dir: &Path) -> (Child, String) {
    serve_on(data_dir, None)
}

fn serve_on(data_dir: &Path, database: Option<&str>) -> (Child, String) {
    let mut child = vitae_on(data_dir, database)
        .args(["serve", "--bind", "127.0.0.1:0", "--rate-limit", "0"])
        .env("VITAE_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let port = loop {
        assert!(Instant::now() < deadline, "the server did not start");
        let line = lines.next().expect("server exited early").unwrap();
        // The log goes to a pipe, not a terminal: no colour codes in it.
        assert!(
            !line.contains('\x1b'),
            "colour codes in a piped log: {line:?}"
        );
        if let Some(rest) = line.split(" port=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, format!("http://127.0.0.1:{port}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn keys_are_created_listed_and_revoked_and_only_active_keys_open_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let key = create_key(dir.path(), "ci");
    let secret = key["key"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("vitae_"));

    let list = vitae(dir.path())
        .args(["keys", "list", "--format", "json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(listed[0]["name"], "ci");
    assert!(
        !String::from_utf8_lossy(&list.stdout).contains(&secret),
        "listings never show the secret"
    );

    let (mut server, base) = serve(dir.path());
    let rt = runtime();
    let client = reqwest::Client::new();
    let status = |key: String| {
        let client = client.clone();
        let url = format!("{base}/v1/themes");
        rt.block_on(async move {
            client
                .get(url)
                .header("X-API-Key", key)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    assert_eq!(status(secret.clone()), 200);

    let id = key["id"].as_str().unwrap();
    let revoke = vitae(dir.path())
        .args(["keys", "revoke", id])
        .output()
        .unwrap();
    assert!(
        revoke.status.success(),
        "{}",
        String::from_utf8_lossy(&revoke.stderr)
    );
    // The server trusts a checked key for a few seconds, then asks the database again.
    let deadline = Instant::now() + Duration::from_secs(20);
    while status(secret.clone()) == 200 {
        assert!(Instant::now() < deadline, "a revoked key kept working");
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(status(secret), 401);
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn acknowledged_writes_survive_kill_9_during_writes_on_sqlite() {
    acknowledged_writes_survive_kill_9_during_writes(None);
}

#[test]
fn acknowledged_writes_survive_kill_9_during_writes_on_postgres() {
    let rt = runtime();
    let url = rt
        .block_on(vitae_store::testing::fresh_postgres())
        .expect("PostgreSQL at 127.0.0.1:5432 (scripts/test starts it)");
    acknowledged_writes_survive_kill_9_during_writes(Some(&url));
    rt.block_on(vitae_store::testing::drop_postgres(&url))
        .unwrap();
}

/// Eight writers create resumes as fast as they can and the server is killed with SIGKILL in
/// the middle; restarted on the same database, it has every resume it acknowledged.
fn acknowledged_writes_survive_kill_9_during_writes(database: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let secret = create_key_on(dir.path(), database, "writer")["key"]
        .as_str()
        .unwrap()
        .to_owned();
    let (mut server, base) = serve_on(dir.path(), database);
    let rt = runtime();
    let client = reqwest::Client::new();

    // Eight writers create resumes as fast as they can; the server is killed mid-stream.
    let acknowledged = rt.block_on(async {
        let stop = Instant::now() + Duration::from_millis(1500);
        let writers: Vec<_> = (0..8)
            .map(|w| {
                let client = client.clone();
                let (base, secret) = (base.clone(), secret.clone());
                tokio::spawn(async move {
                    let mut done = Vec::new();
                    for i in 0.. {
                        if Instant::now() > stop {
                            break;
                        }
                        let name = format!("Writer {w} #{i}");
                        let body = json!({ "resume_data": { "contact": { "name": name, "email": "w@example.com" } } });
                        let Ok(r) = client
                            .post(format!("{base}/v1/resumes"))
                            .header("X-API-Key", &secret)
                            .json(&body)
                            .send()
                            .await
                        else {
                            break; // the server is gone
                        };
                        if r.status() != 201 {
                            break;
                        }
                        let Ok(meta) = r.json::<Value>().await else { break };
                        done.push((meta["id"].as_str().unwrap().to_owned(), name));
                    }
                    done
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(700)).await;
        server.kill().unwrap(); // SIGKILL: no shutdown, no flush
        let mut all = Vec::new();
        for w in writers {
            all.extend(w.await.unwrap());
        }
        all
    });
    server.wait().unwrap();
    assert!(
        acknowledged.len() > 10,
        "only {} writes before the kill",
        acknowledged.len()
    );

    let (mut restarted, base) = serve_on(dir.path(), database);
    rt.block_on(async {
        for (id, name) in &acknowledged {
            let r = client
                .get(format!("{base}/v1/resumes/{id}"))
                .header("X-API-Key", &secret)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "acknowledged resume {id} was lost");
            let doc: Value = r.json().await.unwrap();
            assert_eq!(doc["contact"]["name"], name.as_str());
        }
    });
    restarted.kill().unwrap();
    restarted.wait().unwrap();
}

#[test]
fn a_sqlite_url_makes_its_file_and_a_bad_one_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh").join("keys.db");
    let out = vitae(dir.path())
        .args(["keys", "create", "--name", "ci", "--format", "json"])
        .args(["--database", &format!("sqlite://{}", db.display())])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.is_file());
    // A folder that cannot be made: one line, its cause said once.
    let out = vitae(dir.path())
        .args([
            "keys",
            "list",
            "--database",
            "sqlite:///proc/vitae-nope/keys.db",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

#[test]
fn studio_prints_a_one_time_link_and_edits_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("resume.yaml");
    std::fs::write(&file, "contact:\n  name: Ada Lovelace\n").unwrap();
    // A missing file is refused with the way to make one.
    let missing = vitae(dir.path())
        .args(["studio", "nowhere.yaml", "--no-open"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("vitae init nowhere.yaml"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );

    let mut child = vitae(dir.path())
        .args(["studio", "resume.yaml", "--no-open"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let link = loop {
        let line = lines.next().expect("studio exited early").unwrap();
        if let Some(url) = line.strip_prefix("open ") {
            break url.trim().to_owned();
        }
    };
    assert!(
        link.starts_with("http://127.0.0.1:") && link.contains("/studio/open/"),
        "{link}"
    );
    let base = link.split("/studio/").next().unwrap().to_owned();
    runtime().block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let opened = client.get(&link).send().await.unwrap();
        assert_eq!(opened.status(), 303);
        let cookie = opened.headers()["set-cookie"].to_str().unwrap();
        let session = cookie.split(';').next().unwrap().to_owned();
        let read: Value = client
            .get(format!("{base}/studio/file"))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(read["name"], json!("resume.yaml"));
        assert_eq!(read["text"], json!("contact:\n  name: Ada Lovelace\n"));
        // The link opens one session only.
        assert_eq!(client.get(&link).send().await.unwrap().status(), 401);
    });
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn users_added_from_standard_input_sign_in_to_the_studio_of_serve() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let add = |password: &str| {
        let mut child = vitae(dir.path())
            .args(["users", "add", "ada", "--tenant", "acme"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let short = add("short");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));
    let added = add("a long passphrase");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let listed = vitae(dir.path())
        .args(["users", "list", "--format", "json"])
        .output()
        .unwrap();
    let people: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(people[0]["name"], json!("ada"));
    assert_eq!(people[0]["tenant_name"], json!("acme"));
    // The password never reaches the listing.
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("argon2"));

    let (mut server, base) = serve(dir.path());
    runtime().block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let signed = client
            .post(format!("{base}/studio/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("name=ada&password=a+long+passphrase")
            .send()
            .await
            .unwrap();
        assert_eq!(signed.status(), 303);
    });
    server.kill().unwrap();
    server.wait().unwrap();
    let removed = vitae(dir.path())
        .args(["users", "remove", "ada"])
        .output()
        .unwrap();
    assert!(removed.status.success());
    let again = vitae(dir.path())
        .args(["users", "remove", "ada"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
