//! The studio, end to end: the real server on port 0 and a real headless Chromium driving the
//! app the way a person would (typing into the editor, choosing in menus, clicking), checked
//! with axe-core on every screen. Requests that need no browser (sign-in links, the file's
//! versions, CSRF) are also made directly.
//!
//! Set `VITAE_STUDIO_SCREENSHOTS=DIR` to keep a screenshot of every screen (the README's).

mod browser;
mod support;

use browser::Browser;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::{Db, TestApp, example_yaml, fixtures, spawn_with};
use vitae_server::studio::StudioConfig;

/// A studio editing a copy of the example resume, as `vitae studio FILE` starts it.
async fn studio_on_file(text: &str) -> (TestApp, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("resume.yaml");
    std::fs::write(&file, text).unwrap();
    let studio = StudioConfig {
        file: Some(file.clone()),
        link_tenant: Some("local".into()),
        ..StudioConfig::default()
    };
    let app = spawn_with(Db::Sqlite, |c| c.studio = studio).await;
    (app, dir, file)
}

/// A client that shows redirects instead of following them (sign-in answers 303).
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The `name=value` of the session cookie a response sets.
fn session_of(response: &reqwest::Response) -> String {
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

/// A JSON answer to a GET made with a session cookie.
async fn get_json(client: &reqwest::Client, url: String, session: &str) -> Value {
    let response = client
        .get(url)
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

fn shots() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("VITAE_STUDIO_SCREENSHOTS")?);
    std::fs::create_dir_all(&dir).unwrap();
    Some(dir)
}

fn shoot(b: &mut Browser, name: &str) {
    if let Some(dir) = shots() {
        b.screenshot(&dir.join(format!("{name}.png")), false);
    }
}

/// Runs axe-core on the page and fails on any violation, naming the screen.
fn accessible(b: &mut Browser, screen: &str) {
    let violations = b.axe();
    assert_eq!(
        violations,
        json!([]),
        "axe-core found problems on the {screen} screen"
    );
}

/// Every preview page shown (base64 PNG), joined: what changes when the preview changes.
fn preview_pages(b: &mut Browser) -> String {
    b.eval("window.vitaeStudio.pages.join('\\n')")
        .as_str()
        .unwrap()
        .to_owned()
}

fn previews(b: &mut Browser) -> u64 {
    b.eval("window.vitaeStudio.previews").as_u64().unwrap()
}

/// Waits for a preview newer than `after`.
fn next_preview(b: &mut Browser, after: u64) -> u64 {
    b.wait_for(&format!(
        "window.vitaeStudio.previews > {after} && window.vitaeStudio.previews"
    ))
    .as_u64()
    .unwrap()
}

/// Puts the editor's cursor at the end of the first occurrence of `needle`, focused.
fn cursor_after(b: &mut Browser, needle: &str) {
    let found = b.eval(&format!(
        "(() => {{ const v = window.vitaeStudio.editor.view; const i = v.state.doc.toString().indexOf({n}); \
         if (i < 0) return false; v.focus(); v.dispatch({{selection: {{anchor: i + {n}.length}}}}); return true; }})()",
        n = serde_json::to_string(needle).unwrap()
    ));
    assert_eq!(found, json!(true), "`{needle}` is not in the editor");
}

/// Selects `needle`'s characters in the editor (typing then replaces them).
fn select(b: &mut Browser, needle: &str) {
    let found = b.eval(&format!(
        "(() => {{ const v = window.vitaeStudio.editor.view; const i = v.state.doc.toString().indexOf({n}); \
         if (i < 0) return false; v.focus(); v.dispatch({{selection: {{anchor: i, head: i + {n}.length}}}}); return true; }})()",
        n = serde_json::to_string(needle).unwrap()
    ));
    assert_eq!(found, json!(true), "`{needle}` is not in the editor");
}

fn choose(b: &mut Browser, select_id: &str, value: &str) {
    let ok = b.eval(&format!(
        "(() => {{ const s = document.getElementById('{select_id}'); if (![...s.options].some(o => o.value === {v})) return false; \
         s.focus(); s.value = {v}; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()",
        v = serde_json::to_string(value).unwrap()
    ));
    assert_eq!(ok, json!(true), "`{value}` is not offered in #{select_id}");
}

/// The first option of a `<select>` other than the one chosen.
fn another_option(b: &mut Browser, select_id: &str) -> String {
    b.eval(&format!(
        "(() => {{ const s = document.getElementById('{select_id}'); \
         return [...s.options].map(o => o.value).find(v => v !== s.value); }})()"
    ))
    .as_str()
    .unwrap_or_else(|| panic!("#{select_id} offers one option only"))
    .to_owned()
}

fn click(b: &mut Browser, id: &str) {
    b.eval(&format!("document.getElementById('{id}').click()"));
}

/// Waits (up to 30 s) until the file on disk satisfies `ok`.
fn wait_for_file(file: &Path, ok: impl Fn(&str) -> bool) {
    let started = std::time::Instant::now();
    loop {
        if ok(&std::fs::read_to_string(file).unwrap()) {
            return;
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "the file never got the edit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap();
    1 + text[..at].matches('\n').count() as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn studio_edits_the_file_with_a_live_preview_job_fit_and_the_tracker() {
    let source = example_yaml();
    let (app, _dir, file) = studio_on_file(&source).await;
    let link = app.url(app.studio_link.as_deref().unwrap());
    let base = app.base.clone();
    let file2 = file.clone();
    let posting = std::fs::read_to_string(fixtures().join("jobs/backend-eng.txt")).unwrap();
    tokio::task::spawn_blocking(move || {
        let file = file2;
        let mut b = Browser::launch(1280, 900);
        b.color_scheme(false);
        b.goto(&link);
        assert!(
            b.eval("location.pathname").as_str() == Some("/studio"),
            "the link signs in and opens the app"
        );
        b.wait_for("window.vitaeStudio.ready && document.querySelectorAll('#pages img').length > 0 && window.vitaeStudio.previews > 0");
        assert_eq!(b.eval("document.getElementById('doc-name').textContent"), json!("resume.yaml"));
        // The example's three variants are offered; its two pages are shown.
        assert!(b.eval("document.getElementById('variant').options.length").as_u64().unwrap() >= 3);
        assert!(b.eval("document.querySelectorAll('#pages img').length").as_u64().unwrap() >= 1);
        // Everything came from this server: no CDN, no other host.
        let foreign = b.eval(&format!(
            "performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({base:?}) && !n.startsWith('blob:') && !n.startsWith('data:'))"
        ));
        assert_eq!(foreign, json!([]), "requests to other hosts");
        accessible(&mut b, "editor");
        shoot(&mut b, "edit");

        // A date that is no date: a warning at its line, and the preview still follows.
        let line = line_of(&source, "start_date: 2022-03");
        let seen = previews(&mut b);
        select(&mut b, "2022-03");
        b.type_text("2022-13");
        let seen = next_preview(&mut b, seen);
        b.wait_for(&format!(
            "[...document.querySelectorAll('#problems li.warning')].some(li => li.dataset.line === '{line}' && li.textContent.includes('2022-13'))"
        ));
        select(&mut b, "2022-13");
        b.type_text("2022-03");
        let seen = next_preview(&mut b, seen);
        b.wait_for("document.querySelectorAll('#problems li').length === 0");

        // A mistake: a list where the name goes. The error appears at its line, inline and
        // listed, and the last good preview stays.
        let line = line_of(&source, "name: Maya Okafor");
        let before = preview_pages(&mut b);
        select(&mut b, "Maya Okafor");
        b.type_text("[Maya, Okafor]");
        b.wait_for(&format!(
            "[...document.querySelectorAll('#problems li.error')].some(li => li.dataset.line === '{line}')"
        ));
        b.wait_for("document.querySelector('.cm-lintRange-error') !== null");
        let marked_line = b.eval(
            "(() => { const v = window.vitaeStudio.editor.view; const el = document.querySelector('.cm-lintRange-error'); \
             return v.state.doc.lineAt(v.posAtDOM(el)).number; })()",
        );
        assert_eq!(marked_line, json!(line), "the error is marked on its own line");
        let message = b.eval("document.querySelector('#problems li.error').textContent");
        assert!(message.as_str().unwrap().contains("expected text"), "{message}");
        assert_eq!(previews(&mut b), seen, "an invalid source leaves the last good preview");
        shoot(&mut b, "diagnostic");

        // Fixed: the problem goes, and the preview shows the change.
        select(&mut b, "[Maya, Okafor]");
        b.type_text("Maya O. Okafor");
        next_preview(&mut b, seen);
        b.wait_for("document.querySelectorAll('#problems li').length === 0");
        let after = preview_pages(&mut b);
        assert_ne!(before, after, "the preview changed with the edit");
        // Saved to the file as typed (the CLI and git see it).
        let expected = source.replace("name: Maya Okafor", "name: Maya O. Okafor");
        wait_for_file(&file, |t| t == expected);

        // Keystroke → preview on screen, measured in the page (reported, not asserted).
        let mut times = Vec::new();
        let mut fetches = Vec::new();
        cursor_after(&mut b, "name: Maya O. Okafor");
        for _ in 0..15 {
            let n = previews(&mut b);
            b.type_text("a");
            next_preview(&mut b, n);
            times.push(b.eval("window.vitaeStudio.lastPreviewMs").as_f64().unwrap());
            fetches.push(b.eval("window.vitaeStudio.lastFetchMs").as_f64().unwrap());
        }
        fetches.sort_by(f64::total_cmp);
        let bytes = b.eval("window.vitaeStudio.pages.reduce((n, p) => n + p.length, 0)");
        times.sort_by(f64::total_cmp);
        eprintln!(
            "studio keystroke → preview on screen: median {:.1} ms, max {:.1} ms over {} keystrokes \
             (request and answer: median {:.1} ms; {bytes} bytes of base64 PNG)",
            times[times.len() / 2],
            times[times.len() - 1],
            times.len(),
            fetches[fetches.len() / 2],
        );
        for _ in 0..15 {
            b.press("Backspace");
        }
        b.wait_for("window.vitaeStudio.editor.text().includes('name: Maya O. Okafor\\n')");

        // Theme and variant: one choice each, and the pages change. The pages compared with are
        // those of the text as it is now: a preview of the keys above may still be on its way,
        // and would otherwise be taken for the theme's.
        b.wait_for("!window.vitaeStudio.previewBusy()");
        let n = previews(&mut b);
        let plain = preview_pages(&mut b);
        // Not the theme shown (the first the catalog lists): choosing it again changes nothing.
        let theme = another_option(&mut b, "theme");
        choose(&mut b, "theme", &theme);
        let n = next_preview(&mut b, n);
        let themed = preview_pages(&mut b);
        assert_ne!(plain, themed, "another theme looks different");
        let variant = another_option(&mut b, "variant");
        choose(&mut b, "variant", &variant);
        next_preview(&mut b, n);
        b.wait_for(&format!(
            "document.getElementById('preview-state').textContent.includes({variant:?})"
        ));
        assert_ne!(themed, preview_pages(&mut b), "another variant shows something else");
        // Side by side with another variant.
        let other = b
            .eval("[...document.getElementById('compare').options].map(o => o.value).find(v => v && v !== document.getElementById('variant').value)")
            .as_str()
            .unwrap()
            .to_owned();
        choose(&mut b, "compare", &other);
        b.wait_for("document.querySelectorAll('#compare-pages img').length > 0");
        // And what their texts show differently, line by line.
        b.wait_for("document.querySelectorAll('#variant-diff ins, #variant-diff del').length > 0");
        shoot(&mut b, "compare");
        choose(&mut b, "compare", "");

        // The form edits the same source, in place: the rest of the file is kept byte for byte.
        let text = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        click(&mut b, "tab-form");
        b.wait_for("document.querySelector('[data-path=\"contact.email\"]') !== null");
        accessible(&mut b, "form");
        shoot(&mut b, "form");
        let email = b.eval("document.querySelector('[data-path=\"contact.email\"]').value");
        let email = email.as_str().unwrap().to_owned();
        b.eval("(() => { const i = document.querySelector('[data-path=\"contact.email\"]'); i.focus(); i.select(); })()");
        b.type_text("maya@new.example");
        b.wait_for("window.vitaeStudio.editor.text().includes('maya@new.example')");
        // Typing inside a value keeps the caret where it is (the form is not redrawn under it).
        b.eval("(() => { const i = document.querySelector('[data-path=\"contact.email\"]'); i.focus(); i.setSelectionRange(4, 4); })()");
        b.type_text("x");
        b.type_text("y");
        b.wait_for("window.vitaeStudio.editor.text().includes('mayaxy@new.example')");
        b.eval("(() => { const i = document.querySelector('[data-path=\"contact.email\"]'); i.focus(); i.select(); })()");
        b.type_text("maya@new.example");
        b.wait_for("window.vitaeStudio.editor.text().includes('email: maya@new.example')");
        let edited = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        assert_eq!(edited, text.replacen(&email, "maya@new.example", 1), "one value changed, nothing else");
        // A new bullet from the form: a record with the last one's keys, ready to type in.
        let before_add = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        b.eval("document.querySelector('[data-list=\"experience[0].bullets\"]').click()");
        b.wait_for("document.activeElement && (document.activeElement.dataset.path || '').startsWith('experience[0].bullets[')");
        b.type_text("Wrote the studio");
        b.wait_for("window.vitaeStudio.editor.text().includes('- text: Wrote the studio')");
        let after_add = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        let added: Vec<&str> = after_add.lines().filter(|l| !before_add.lines().any(|m| m == *l)).collect();
        assert_eq!(added.len(), 1, "one line added: {added:?}");
        accessible(&mut b, "form with a new bullet");
        click(&mut b, "tab-source");

        // Job fit: paste a posting, get a score with every check and its evidence.
        click(&mut b, "tab-fit");
        b.eval(&format!(
            "(() => {{ const t = document.getElementById('posting'); t.focus(); t.value = {}; }})()",
            serde_json::to_string(&posting).unwrap()
        ));
        click(&mut b, "score");
        b.wait_for("document.getElementById('ats-score') !== null");
        let score = b.eval("document.getElementById('ats-score').textContent");
        assert!(score.as_str().unwrap().contains("/ 100"), "{score}");
        assert!(b.eval("document.querySelectorAll('#fit-result .check').length").as_u64().unwrap() >= 5);
        // The matched bullets are marked in the source.
        let said = b.eval("document.getElementById('fit-marked').textContent");
        let marked: u32 = said.as_str().unwrap().split(". ").last().unwrap().split(' ').next().unwrap().parse().unwrap();
        assert!(marked > 0, "{said}");
        let texts = b.eval("window.vitaeStudio.editor.marked()");
        let texts = texts.as_array().unwrap();
        assert_eq!(texts.len() as u32, marked);
        assert!(
            texts.iter().any(|t| t.as_str().unwrap().contains("Kubernetes")),
            "the Kubernetes bullet is marked: {texts:?}"
        );
        accessible(&mut b, "job fit");
        shoot(&mut b, "fit");
        // And on the preview's pages: the lines of those bullets, marked where they stand.
        let lines = b.eval("window.vitaeStudio.markedLines").as_u64().unwrap();
        assert!(lines >= 1, "no line of a matched bullet is marked on the preview");
        click(&mut b, "tab-edit");
        let inside = b.eval(
            "[...document.querySelectorAll('#pages .mark-box')].every(m => { const r = m.getBoundingClientRect(), p = m.closest('.page-frame').getBoundingClientRect(); \
             return r.width > 0 && r.height > 0 && r.left >= p.left - 1 && r.right <= p.right + 1 && r.top >= p.top - 1 && r.bottom <= p.bottom + 1; })",
        );
        assert_eq!(inside, json!(true), "every mark lies on its page");
        b.eval("document.querySelector('#pages .mark-box').scrollIntoView({block: 'center'})");
        shoot(&mut b, "marked");
        click(&mut b, "tab-fit");

        // Tailor: a new variant shown as a diff, accepted into the source.
        click(&mut b, "tailor");
        b.wait_for("document.getElementById('tailor-diff') !== null");
        assert!(b.eval("document.querySelectorAll('#tailor-diff ins').length").as_u64().unwrap() > 0);
        accessible(&mut b, "tailoring");
        shoot(&mut b, "tailor");
        let before_accept = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        click(&mut b, "accept-tailoring");
        b.wait_for("window.vitaeStudio.editor.text().includes('tailored-')");
        let accepted = b.eval("window.vitaeStudio.editor.text()").as_str().unwrap().to_owned();
        assert_ne!(accepted, before_accept);
        // Only the additions landed: the user's comments and layout are as they were.
        assert!(accepted.starts_with("# A complete vitae source"), "{accepted}");
        let kept = before_accept.lines().filter(|l| accepted.lines().any(|m| m == *l)).count();
        assert!(kept * 10 >= before_accept.lines().count() * 9, "most lines are untouched");
        wait_for_file(&file, |t| t.contains("tailored-"));

        // The cover letter: composed, then editable, and checked again on every edit: a claim
        // the resume does not support (an employer it never names) is flagged where it stands.
        click(&mut b, "letter");
        b.wait_for("document.getElementById('letter-text') !== null && document.getElementById('letter-text').value.length > 200");
        b.wait_for("document.querySelector('#letter-findings .ok') !== null");
        b.eval("(() => { const t = document.getElementById('letter-text'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); })()");
        b.type_text(" Before this I led the search team at Google for 9 years.");
        b.wait_for("document.querySelectorAll('#letter-checked mark').length > 0");
        let flagged = b.eval("[...document.querySelectorAll('#letter-checked mark')].map(m => m.textContent)");
        let flagged: Vec<String> = serde_json::from_value(flagged).unwrap();
        assert!(flagged.iter().any(|f| f.contains("Google")), "{flagged:?}");
        assert!(flagged.iter().any(|f| f.contains("9 years")), "{flagged:?}");
        accessible(&mut b, "cover letter");
        shoot(&mut b, "letter");

        // The tracker's board and analytics.
        click(&mut b, "tab-track");
        b.wait_for("document.getElementById('track-state').textContent.includes('application')");
        accessible(&mut b, "applications");

        // Downloads: the chosen format of the chosen variant, named for it.
        click(&mut b, "tab-edit");
        let downloads = tempfile::tempdir().unwrap();
        b.allow_downloads(downloads.path());
        choose(&mut b, "format", "md");
        click(&mut b, "download");
        b.wait_for_downloads(1);
        let saved = std::fs::read_dir(downloads.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "md"))
            .expect("the finished download is a Markdown file");
        let markdown = std::fs::read_to_string(&saved).unwrap();
        assert!(markdown.contains("Maya O. Okafor"), "{markdown}");

        // Completion from the native schema: the keys a contact may hold.
        cursor_after(&mut b, "title: Senior Software Engineer");
        b.press("Enter");
        b.type_text("pho");
        b.wait_for("[...document.querySelectorAll('.cm-tooltip-autocomplete li')].some(li => li.textContent.startsWith('phone'))");
        b.press("Escape");
        for _ in 0..3 {
            b.press("Backspace");
        }
        b.press("Backspace");
        b.wait_for("document.querySelectorAll('#problems li.error').length === 0");

        // Dark, and a phone's width: nothing runs off the side, and it still passes axe.
        click(&mut b, "theme-toggle");
        assert_eq!(b.eval("document.documentElement.dataset.theme"), json!("dark"));
        accessible(&mut b, "editor (dark)");
        shoot(&mut b, "dark");
        b.viewport(360, 780);
        b.wait_for("document.documentElement.scrollWidth <= 360");
        accessible(&mut b, "editor at 360 px");
        shoot(&mut b, "narrow");
        assert_eq!(b.page_errors, Vec::<String>::new(), "the page reported errors");
    })
    .await
    .unwrap();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tracker_board_shows_applications_with_their_documents() {
    let (app, _dir, _file) = studio_on_file(&example_yaml()).await;
    let link = app.url(app.studio_link.as_deref().unwrap());
    let base = app.base.clone();
    tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(1280, 900);
        b.goto(&link);
        b.wait_for("window.vitaeStudio.ready");
        // Recorded through the API the app itself calls, with a resume as the document sent.
        let created = b.eval(&format!(
            "(async () => {{ const s = await (await fetch('/studio/session')).json(); \
             const r = await fetch('{base}/v1/applications', {{method: 'POST', headers: {{'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf}}, \
             body: JSON.stringify({{company: 'Lumen Freight', role: 'Staff Engineer', status: 'applied', applied_on: '2026-11-01', \
             resume: {{name: 'resume.pdf', content: btoa('%PDF-1.7 test')}}}})}}); return [r.status, await r.json()]; }})()"
        ));
        assert_eq!(created[0], json!(201), "{created}");
        click(&mut b, "tab-track");
        b.wait_for("document.querySelectorAll('#board .card').length === 1");
        b.eval("document.querySelector('#board .card').click()");
        b.wait_for("document.querySelector('#detail h3') !== null");
        let detail = b.eval("document.getElementById('detail').textContent");
        assert!(detail.as_str().unwrap().contains("Lumen Freight"), "{detail}");
        assert!(detail.as_str().unwrap().contains("resume.pdf"), "{detail}");
        b.wait_for("document.querySelectorAll('#analytics .bars li').length === 5");
        // Moved along from the detail view: the board follows.
        b.eval("(() => { const s = document.getElementById('move-status'); s.value = 'screening'; })()");
        click(&mut b, "move-button");
        b.wait_for("[...document.querySelectorAll('#board h3')].some(h => h.textContent === 'screening (1)')");
        accessible(&mut b, "applications with one");
        shoot(&mut b, "track");
    })
    .await
    .unwrap();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_link_opens_one_session_once() {
    let (app, _dir, _file) = studio_on_file(&example_yaml()).await;
    let link = app.studio_link.clone().unwrap();
    let client = no_redirects();
    // No session: the studio says how to open it (it has no sign-in form); the API refuses.
    let r = client.get(app.url("/studio")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Restart <code>vitae studio</code>")
    );
    assert_eq!(
        client
            .get(app.url("/studio/file"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // A guess opens nothing, and does not spend the real link.
    let guessed = client
        .get(app.url("/studio/open/0123"))
        .send()
        .await
        .unwrap();
    assert_eq!(guessed.status(), StatusCode::UNAUTHORIZED);
    let r = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );
    // Used once, the link opens nothing.
    let again = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    let guessed = client
        .get(app.url("/studio/open/0123"))
        .send()
        .await
        .unwrap();
    assert_eq!(guessed.status(), StatusCode::UNAUTHORIZED);
    // The page carries a strict policy.
    let session = cookie.split(';').next().unwrap().to_owned();
    let page = client
        .get(app.url("/studio"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("script-src 'self'")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_is_saved_whole_and_only_over_the_version_read() {
    let (app, dir, file) = studio_on_file("contact:\n  name: Ada\n").await;
    let client = no_redirects();
    let r = client
        .get(app.url(app.studio_link.as_deref().unwrap()))
        .send()
        .await
        .unwrap();
    let session = session_of(&r);
    let info: Value = get_json(&client, app.url("/studio/session"), &session).await;
    let csrf = info["csrf"].as_str().unwrap().to_owned();
    assert_eq!(info["mode"], "file");
    let read: Value = get_json(&client, app.url("/studio/file"), &session).await;
    assert_eq!(read["text"], "contact:\n  name: Ada\n");
    let version = read["version"].as_str().unwrap().to_owned();
    let put = |body: &'static str, if_match: Option<String>, token: Option<&str>| {
        let mut r = client
            .put(app.url("/studio/file"))
            .header("cookie", &session)
            .header("content-type", "application/yaml")
            .body(body);
        if let Some(v) = if_match {
            r = r.header("if-match", v);
        }
        if let Some(t) = token {
            r = r.header("x-csrf-token", t);
        }
        r.send()
    };
    // Without the CSRF token: refused, the file untouched.
    assert_eq!(
        put("x", Some(version.clone()), None)
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        put("x", Some(version.clone()), Some("wrong"))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    // Without If-Match: 428.
    assert_eq!(
        put("x", None, Some(&csrf)).await.unwrap().status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "contact:\n  name: Ada\n"
    );
    let saved = put(
        "contact:\n  name: Ada Lovelace\n",
        Some(version.clone()),
        Some(&csrf),
    )
    .await
    .unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "contact:\n  name: Ada Lovelace\n"
    );
    // Two saves of one version at once: one lands, the other is told the file moved on.
    let now: Value = get_json(&client, app.url("/studio/file"), &session).await;
    let v = now["version"].as_str().unwrap().to_owned();
    let (a, b) = tokio::join!(
        put("contact:\n  name: First\n", Some(v.clone()), Some(&csrf)),
        put("contact:\n  name: Second\n", Some(v), Some(&csrf)),
    );
    let mut statuses = vec![a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(
        statuses,
        vec![StatusCode::OK, StatusCode::PRECONDITION_FAILED]
    );
    let landed = std::fs::read_to_string(&file).unwrap();
    assert!(
        landed == "contact:\n  name: First\n" || landed == "contact:\n  name: Second\n",
        "{landed}"
    );
    let version: String = client
        .get(app.url("/studio/file"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["version"]
        .as_str()
        .unwrap()
        .to_owned();
    // Changed on disk meanwhile (git, another editor): the old version no longer saves.
    std::fs::write(&file, "contact:\n  name: Someone else\n").unwrap();
    let stale = put("contact:\n  name: Mine\n", Some(version), Some(&csrf))
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "contact:\n  name: Someone else\n"
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("resume.yaml")]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_answers_svg_pages_or_every_error_located() {
    let (app, _dir, _file) = studio_on_file("contact:\n  name: Ada\n").await;
    let r = app
        .post("/v1/preview?theme=modern")
        .header("content-type", "application/yaml")
        .body(example_yaml())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    let pages = body["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].as_str().unwrap().starts_with("<svg"), "SVG pages");
    assert!(body["variants"]["variants"].as_array().unwrap().len() >= 3);
    let broken = example_yaml().replace("name: Maya Okafor", "name: [Maya, Okafor]");
    let r = app
        .post("/v1/preview")
        .header("content-type", "application/yaml")
        .body(broken.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = r.json().await.unwrap();
    let line = line_of(&broken, "name: [Maya, Okafor]");
    assert!(
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["line"] == json!(line)),
        "{problem}"
    );
    app.stop().await;
}

/// `vitae serve`: people sign in with their key; each sees only their tenant's data; a write
/// without the session's CSRF token is refused.
async fn serve_signs_in_and_keeps_tenants_apart(db: Db) {
    let app = spawn_with(db, |_| {}).await;
    let (acme, globex) = (app.key.clone(), app.other_key.clone());
    // globex has an application acme must never see.
    let created: Value = app
        .client
        .post(app.url("/v1/applications"))
        .header("x-api-key", &globex)
        .json(&json!({"company": "Globex Secret", "role": "Engineer", "status": "applied"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret_id = created["id"].as_str().unwrap().to_owned();
    let base = app.base.clone();
    let cookie = tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(1280, 900);
        b.goto(&format!("{base}/studio"));
        assert_eq!(b.eval("location.pathname"), json!("/studio/sign-in"));
        accessible(&mut b, "sign-in");
        // A wrong key: told so, still signed out.
        b.eval("document.getElementById('key').value = 'vitae_not_a_key_at_all_but_long_enough'; document.getElementById('key-form').submit()");
        b.wait_for("document.querySelector('.error') !== null");
        accessible(&mut b, "sign-in refused");
        shoot(&mut b, "sign-in");
        b.eval(&format!(
            "document.getElementById('key').value = {acme:?}; document.getElementById('key-form').submit()"
        ));
        b.wait_for("location.pathname === '/studio' && window.vitaeStudio && window.vitaeStudio.ready");
        // The session cookie is out of the page's reach, and strict about sites.
        assert_eq!(b.eval("document.cookie"), json!(""));
        let cookies = b.call("Network.getCookies", json!({}));
        let cookie = &cookies["cookies"][0];
        assert_eq!(cookie["httpOnly"], json!(true));
        assert_eq!(cookie["sameSite"], json!("Strict"));
        // acme's own: stored resumes are what the editor opens; none yet.
        assert_eq!(b.eval("document.getElementById('doc-name').textContent"), json!("new resume"));
        // Tenant isolation: globex's application is not listed and cannot be read.
        let listed = b.eval("fetch('/v1/applications').then(r => r.json()).then(p => p.items.map(a => a.company))");
        assert_eq!(listed, json!([]));
        let status = b.eval(&format!("fetch('/v1/applications/{secret_id}').then(r => r.status)"));
        assert_eq!(status, json!(404));
        // CSRF: the same write without the token is refused; with it, it passes.
        let without = b.eval(
            "fetch('/v1/applications', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({company: 'Forged', status: 'applied'})}).then(r => r.status)",
        );
        assert_eq!(without, json!(403));
        let with = b.eval(
            "fetch('/studio/session').then(r => r.json()).then(s => fetch('/v1/applications', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf}, body: JSON.stringify({company: 'Initech', status: 'applied'})})).then(r => r.status)",
        );
        assert_eq!(with, json!(201));
        // Signing out ends the session on the server: its cookie, replayed, opens nothing.
        let cookie = format!(
            "{}={}",
            cookies["cookies"][0]["name"].as_str().unwrap(),
            cookies["cookies"][0]["value"].as_str().unwrap()
        );
        b.eval("document.getElementById('sign-out').click()");
        b.wait_for("location.pathname === '/studio/sign-in'");
        assert_eq!(b.page_errors, Vec::<String>::new());
        cookie
    })
    .await
    .unwrap();
    let replayed = app
        .client
        .get(app.url("/v1/themes"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), StatusCode::UNAUTHORIZED);
    // The forged write never happened.
    let acme_apps: Value = app
        .get("/v1/applications")
        .header("x-api-key", &app.key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let companies: Vec<_> = acme_apps["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["company"].clone())
        .collect();
    assert_eq!(companies, vec![json!("Initech")]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_signs_in_and_keeps_tenants_apart_on_sqlite() {
    serve_signs_in_and_keeps_tenants_apart(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_signs_in_and_keeps_tenants_apart_on_postgres() {
    serve_signs_in_and_keeps_tenants_apart(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_from_another_site_and_secure_cookies() {
    let app = spawn_with(Db::Sqlite, |c| c.studio.secure_cookies = true).await;
    let client = no_redirects();
    let form = format!("key={}", app.key);
    // A form on another site posting the user's browser into an account: refused.
    let forged = client
        .post(app.url("/studio/sign-in"))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let ok = client
        .post(app.url("/studio/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let cookie = ok.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-vitae_session=") && cookie.contains("; Secure"),
        "{cookie}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_with_a_password_and_sees_only_their_tenant() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    app.store
        .set_person(
            "globex",
            "grace",
            &vitae_store::hash_password("a long passphrase here"),
        )
        .await
        .unwrap();
    let client = no_redirects();
    let sign_in = |name: &str, password: &str| {
        client
            .post(app.url("/studio/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("name={name}&password={password}"))
            .send()
    };
    for (name, password) in [
        ("grace", "wrong+passphrase+here"),
        ("nobody", "a+long+passphrase+here"),
    ] {
        let refused = sign_in(name, password).await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert!(refused.headers().get("set-cookie").is_none());
    }
    let ok = sign_in("grace", "a+long+passphrase+here").await.unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let session = session_of(&ok);
    // globex's: acme's applications are not hers.
    app.post("/v1/applications")
        .json(&json!({"company": "Acme only", "status": "applied"}))
        .send()
        .await
        .unwrap();
    let listed: Value = get_json(&client, app.url("/v1/applications"), &session).await;
    assert_eq!(listed["items"], json!([]));
    // Removed, she is signed out everywhere.
    assert!(app.store.remove_person("grace").await.unwrap());
    let after = client
        .get(app.url("/v1/themes"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoking_the_key_ends_the_sessions_it_opened() {
    let app = spawn_with(Db::Sqlite, |c| c.key_cache_ttl = std::time::Duration::ZERO).await;
    let client = no_redirects();
    let signed = client
        .post(app.url("/studio/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("key={}", app.key))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let session = session_of(&signed);
    let themes = || {
        client
            .get(app.url("/v1/themes"))
            .header("cookie", &session)
            .send()
    };
    assert_eq!(themes().await.unwrap().status(), StatusCode::OK);
    let key = app
        .store
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.tenant_name == "acme")
        .unwrap();
    app.store.revoke_key(&key.id).await.unwrap();
    assert_eq!(themes().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_letter_is_checked_like_a_models_and_the_composed_one_passes() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    let resume: Value = serde_yaml_like(&example_yaml());
    // A title naming a skill the resume lacks: the letter may quote it, not claim it.
    let posting = "FastAPI Platform Engineer\n\nAcme Robotics is hiring a FastAPI Platform Engineer \
                   to build Python services on Kubernetes and PostgreSQL.";
    let letter: Value = app
        .post("/v1/cover-letter")
        .json(&json!({"resume": resume, "job_description": posting, "format": "txt"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paragraphs: Vec<String> = letter["letter"]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect();
    let check = |paragraphs: Vec<String>| {
        app.post("/v1/cover-letter/check")
            .json(&json!({"resume": resume, "job_description": posting, "paragraphs": paragraphs}))
            .send()
    };
    let clean: Value = check(paragraphs.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        clean["violations"],
        json!([]),
        "the composed letter, unedited, passes"
    );
    let mut edited = paragraphs.clone();
    edited[1].push_str(" I built services with FastAPI at Google.");
    let flagged: Value = check(edited).await.unwrap().json().await.unwrap();
    let found: Vec<&str> = flagged["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["found"].as_str().unwrap())
        .collect();
    assert!(found.contains(&"FastAPI"), "{flagged}");
    assert!(found.contains(&"Google"), "{flagged}");
    assert!(
        flagged["violations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["path"] == "paragraphs[1]"),
        "{flagged}"
    );
    let empty = check(Vec::new()).await.unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

/// The example resume as JSON (the fit endpoints take a parsed resume under `resume`).
fn serde_yaml_like(yaml: &str) -> Value {
    let node = vitae_core::node::parse_yaml(yaml).unwrap();
    node.to_json()
}

#[test]
fn the_page_before_the_editor_weighs_under_300_kb_and_the_bundle_is_built_from_its_sources() {
    let studio = Path::new(env!("CARGO_MANIFEST_DIR")).join("studio");
    let dist = studio.join("dist");
    let first: u64 = [
        "src/index.html",
        "dist/app.js",
        "dist/app.css",
        "src/icon.svg",
    ]
    .iter()
    .map(|f| std::fs::metadata(studio.join(f)).unwrap().len())
    .sum();
    assert!(first <= 300 * 1024, "{first} bytes before the editor loads");
    // The page's script loads the editor later, by name, instead of bundling it.
    let app = std::fs::read_to_string(dist.join("app.js")).unwrap();
    assert!(app.contains("\"/studio/assets/editor.js\""));
    assert!(
        !app.contains("EditorView"),
        "CodeMirror is not in the first script"
    );
}
