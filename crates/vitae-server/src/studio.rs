//! The studio: the web app, served by the same binary beside the API it calls.
//!
//! The pages and their scripts are compiled in (`studio/dist`, built from `studio/src` by
//! `scripts/studio`), so the app needs no network and no file at run time. The app is a client of
//! the `/v1` API like any other: what it shows is what the API answers, and nothing here
//! re-implements a use case. What this module adds is what a browser needs and an API client
//! does not:
//!
//! - **Sessions.** A browser signs in once (with an API key, or under `vitae studio` with the
//!   one-time link the command prints) and then carries an HttpOnly, SameSite=Strict cookie whose
//!   secret the store keeps only as a hash. The cookie is `Secure` (and named `__Host-…`) when the
//!   server is told it sits behind TLS.
//! - **CSRF.** A request authenticated by the cookie that can change anything (every method but
//!   GET, HEAD and OPTIONS) must carry the session's token in `X-CSRF-Token`; a page on another
//!   site cannot read it, so it cannot forge a write even where SameSite is not honoured.
//! - **The file on disk.** Under `vitae studio FILE` the source is that file: read and written
//!   here, whole, atomically, and only when nobody changed it since it was read (the editor and
//!   `git checkout` may both touch it). The path is fixed when the server starts; no request names
//!   a path, so nothing else on the disk can be reached.
//! - **A strict Content Security Policy** on every page: scripts, styles and connections from this
//!   origin only, images also from `blob:` and `data:` (the preview's pages), no frames.

use crate::AppState;
use crate::auth::Tenant;
use crate::error::ApiError;
use axum::Router;
use axum::extract::{ConnectInfo, Form, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;
use vitae_store::{MIN_SECRET_LEN, NewSession, hash_secret, random_token};
// (`std::sync::Mutex` guards the link and the studio's sessions: held for a map operation only.)

/// How the studio is served.
#[derive(Debug, Clone)]
pub struct StudioConfig {
    /// `vitae studio FILE`: the source file the one person using this server edits.
    pub file: Option<PathBuf>,
    /// `vitae studio`: the tenant the one-time sign-in link opens (none under `vitae serve`,
    /// where people sign in with their API key).
    pub link_tenant: Option<String>,
    /// Mark cookies `Secure` (the server is reached over HTTPS, e.g. behind a proxy).
    pub secure_cookies: bool,
    /// How long a sign-in lasts.
    pub session_ttl: Duration,
}

impl Default for StudioConfig {
    fn default() -> Self {
        StudioConfig {
            file: None,
            link_tenant: None,
            secure_cookies: false,
            session_ttl: Duration::from_secs(12 * 3600),
        }
    }
}

/// The studio's own state. Under `vitae studio` (a sign-in link), sessions live here, in this
/// process only: the local store is shared with `vitae serve` and `vitae track`, and a session of
/// the studio must open nothing on a server started over the same file, nor one of that server
/// open the studio (whose file is not a tenant's resource).
#[derive(Debug, Default)]
pub struct Desk {
    /// The one-time link's secret, while it is unused.
    ticket: Mutex<Option<String>>,
    /// `vitae studio`'s sessions: hash of the secret → (CSRF token, expiry).
    local: Mutex<std::collections::HashMap<String, (String, std::time::Instant)>>,
    /// Held from reading the file's version to renaming the new text over it, so two saves of
    /// one version cannot both pass the check.
    saving: tokio::sync::Mutex<()>,
    /// The link tenant's id, found once (finding it writes when it is new, and every request
    /// would otherwise take the shared store's write lock).
    tenant_id: tokio::sync::OnceCell<String>,
}

impl Desk {
    pub fn new(config: &StudioConfig) -> Self {
        Desk {
            ticket: Mutex::new(config.link_tenant.as_ref().map(|_| random_token())),
            ..Desk::default()
        }
    }

    /// The path of the one-time sign-in link (`/studio/open/…`), until it is used.
    pub fn link(&self) -> Option<String> {
        let ticket = self.ticket.lock().ok()?;
        ticket.as_ref().map(|t| format!("/studio/open/{t}"))
    }

    /// Takes the ticket when `presented` is it: a link opens one session, once.
    fn redeem(&self, presented: &str) -> bool {
        let Ok(mut ticket) = self.ticket.lock() else {
            return false;
        };
        // Compared as hashes, so the time taken says nothing about how much of it matched.
        if ticket
            .as_deref()
            .is_some_and(|t| hash_secret(t) == hash_secret(presented))
        {
            *ticket = None;
            return true;
        }
        false
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/studio") }))
        .route("/studio", get(app_page))
        .route("/studio/sign-in", get(sign_in_page).post(sign_in))
        .route("/studio/sign-out", post(sign_out))
        .route("/studio/open/{ticket}", get(open_link))
        .route("/studio/session", get(session_info))
        .route("/studio/file", get(read_file).put(write_file))
        .route("/studio/assets/{name}", get(asset))
}

// --- sessions ------------------------------------------------------------------------------------

/// Whether this is `vitae studio` (one person, a file, a sign-in link) rather than `vitae serve`.
fn linked(state: &AppState) -> bool {
    state.config.studio.link_tenant.is_some()
}

fn cookie_name(state: &AppState) -> &'static str {
    // Browsers send a host's cookies to every port: the studio's has a name of its own, so a
    // studio and a server on one machine do not overwrite each other's.
    if linked(state) {
        return "vitae_studio";
    }
    // `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and for `/`.
    if state.config.studio.secure_cookies {
        "__Host-vitae_session"
    } else {
        "vitae_session"
    }
}

/// The session secret a request's cookie carries.
pub fn session_cookie<'h>(headers: &'h HeaderMap, state: &AppState) -> Option<&'h str> {
    let name = cookie_name(state);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A browser signed in with a session cookie.
pub struct SignedIn {
    pub tenant: Tenant,
    pub csrf: String,
    hash: String,
}

impl SignedIn {
    /// The session a cookie names; a write must also carry the session's CSRF token.
    pub async fn check(
        method: &Method,
        headers: &HeaderMap,
        state: &AppState,
        secret: &str,
    ) -> Result<Self, ApiError> {
        let expired = || {
            ApiError::Unauthorized(
                "the session has ended or is not known; sign in again at /studio/sign-in".into(),
            )
        };
        if secret.len() > 128 {
            return Err(expired());
        }
        let hash = hash_secret(secret);
        let (tenant_id, key_id, csrf) = if let Some(tenant) = &state.config.studio.link_tenant {
            let csrf = {
                let Ok(local) = state.desk.local.lock() else {
                    return Err(expired());
                };
                match local.get(&hash) {
                    Some((csrf, until)) if *until > std::time::Instant::now() => csrf.clone(),
                    _ => return Err(expired()),
                }
            };
            let id = state
                .desk
                .tenant_id
                .get_or_try_init(|| state.store.tenant(tenant))
                .await?;
            (id.clone(), "studio".to_owned(), csrf)
        } else {
            let s = state.store.session(&hash).await?.ok_or_else(expired)?;
            (s.tenant_id, s.holder_id, s.csrf)
        };
        let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if hash_secret(sent) != hash_secret(&csrf) {
                return Err(ApiError::Forbidden(
                    "a signed-in browser's write must carry its session's X-CSRF-Token \
                     (GET /studio/session gives it); this one did not, so it may come from \
                     another site and is refused"
                        .into(),
                ));
            }
        }
        Ok(SignedIn {
            // The rate limit counts per key, whether it comes as a header or a session.
            tenant: Tenant {
                id: tenant_id,
                key_id,
            },
            csrf,
            hash,
        })
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secret = session_cookie(&parts.headers, state).ok_or_else(|| {
            ApiError::Unauthorized("not signed in; sign in at /studio/sign-in".into())
        })?;
        SignedIn::check(&parts.method, &parts.headers, state, secret).await
    }
}

/// Who a new session is for: a key's or a person's tenant (`vitae serve`), or the studio's one
/// person.
enum Holder<'a> {
    Stored {
        tenant_id: &'a str,
        who: vitae_store::Holder,
    },
    Studio,
}

/// Starts a session and answers with its cookie, sending the browser to the app.
async fn start_session(state: &AppState, holder: Holder<'_>) -> Result<Response, ApiError> {
    let secret = random_token();
    let ttl = state.config.studio.session_ttl;
    match holder {
        Holder::Stored { tenant_id, who } => {
            let expires_at =
                vitae_store::now_ms() + i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX / 2);
            state
                .store
                .create_session(
                    tenant_id,
                    &NewSession {
                        hash: hash_secret(&secret),
                        holder: who,
                        csrf: random_token(),
                        expires_at,
                    },
                )
                .await?;
        }
        Holder::Studio => {
            let until = std::time::Instant::now() + ttl;
            if let Ok(mut local) = state.desk.local.lock() {
                local.insert(hash_secret(&secret), (random_token(), until));
            }
        }
    }
    let cookie = format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        cookie_name(state),
        ttl.as_secs(),
        if state.config.studio.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    let mut response = Redirect::to("/studio").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// The sign-in form: an API key, or a person's name and password.
#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// A hash no password matches, checked when the name is unknown so that an unknown name takes
/// as long to refuse as a wrong password (the time says nothing about who has an account).
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| vitae_store::hash_password(&random_token()))
}

/// Signs in with an API key: the key's tenant is the session's.
async fn sign_in(State(state): State<AppState>, req: Request) -> Result<Response, ApiError> {
    if linked(&state) {
        return Err(ApiError::NotFound(
            "vitae studio signs in with the link it printed, not with keys".into(),
        ));
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let headers = req.headers().clone();
    let Form(form) = Form::<SignInForm>::from_request(req, &state)
        .await
        .map_err(|e| ApiError::BadParameter(format!("a sign-in form: {}", e.body_text())))?;
    // A sign-in form posted from another site would sign the browser into the attacker's
    // account; browsers name the page's origin on every form post.
    if !same_origin(&headers) {
        return Err(ApiError::Forbidden(
            "sign-in must come from this server's own page".into(),
        ));
    }
    if let Some(ip) = peer
        && let Err(retry_after) = state.failures.admit(&ip)
    {
        return Err(ApiError::Throttled { retry_after });
    }
    let key = form.key.trim();
    let holder = if !key.is_empty() {
        let principal = if key.chars().count() < MIN_SECRET_LEN {
            None
        } else {
            state.store.authenticate(&hash_secret(key)).await?
        };
        principal.map(|p| (p.tenant_id, vitae_store::Holder::Key(p.key_id)))
    } else {
        let login = state.store.person_login(form.name.trim()).await?;
        let phc = login
            .as_ref()
            .map_or_else(|| dummy_hash().to_owned(), |l| l.password_hash.clone());
        let password = form.password;
        // Argon2 is slow on purpose: off the async threads, and every sign-in in one share of
        // the pool, so a flood of them cannot hold every thread.
        let matches = crate::render::on_lane(&state, " sign-in", "sign-in", move || {
            Ok(vitae_store::verify_password(&password, &phc))
        })
        .await?;
        login
            .filter(|_| matches)
            .map(|l| (l.tenant_id, vitae_store::Holder::Person(l.id)))
    };
    match holder {
        Some((tenant_id, who)) => {
            start_session(
                &state,
                Holder::Stored {
                    tenant_id: &tenant_id,
                    who,
                },
            )
            .await
        }
        None => {
            if let Some(ip) = peer {
                state.failures.record(ip);
            }
            Ok(page(
                StatusCode::UNAUTHORIZED,
                "Sign in",
                &sign_in_body(Some(
                    "That name and password, or that key, did not sign in (unknown, wrong or revoked).",
                )),
            ))
        }
    }
}

/// Whether the request's `Origin` (when sent) is this server.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
}

/// `vitae studio`'s one-time link: opens a session for the local tenant, once.
async fn open_link(
    State(state): State<AppState>,
    Path(ticket): Path<String>,
) -> Result<Response, ApiError> {
    if !linked(&state) {
        return Err(ApiError::NotFound(
            "this server signs in with keys only".into(),
        ));
    }
    if !state.desk.redeem(&ticket) {
        return Ok(page(
            StatusCode::UNAUTHORIZED,
            "Link used",
            "<h1>This sign-in link has been used</h1><p>A link opens the studio once. \
             Restart <code>vitae studio</code> for a new one.</p>",
        ));
    }
    start_session(&state, Holder::Studio).await
}

async fn sign_out(State(state): State<AppState>, signed: SignedIn) -> Result<Response, ApiError> {
    if linked(&state) {
        if let Ok(mut local) = state.desk.local.lock() {
            local.remove(&signed.hash);
        }
    } else {
        state.store.delete_session(&signed.hash).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let expired = format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
        cookie_name(&state)
    );
    if let Ok(v) = HeaderValue::from_str(&expired) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// What the app needs to start: the CSRF token and what it edits.
#[derive(Serialize)]
struct SessionInfo {
    csrf: String,
    /// `file` (`vitae studio FILE`) or `store` (the tenant's stored resumes).
    mode: &'static str,
    /// The edited file's name (not its path: the page has no use for the rest).
    file: Option<String>,
    /// Whether a sign-out ends anything (not under `vitae studio`, which signs in by link).
    can_sign_out: bool,
}

async fn session_info(State(state): State<AppState>, signed: SignedIn) -> Response {
    let file = state.config.studio.file.as_deref().map(file_name);
    let info = SessionInfo {
        csrf: signed.csrf,
        mode: if file.is_some() { "file" } else { "store" },
        file,
        can_sign_out: !linked(&state),
    };
    no_store(axum::Json(info).into_response())
}

// --- the file on disk ----------------------------------------------------------------------------

#[derive(Serialize)]
struct FileBody {
    name: String,
    text: String,
    /// The content's hash: send it back in `If-Match` to save.
    version: String,
}

fn studio_file(state: &AppState) -> Result<PathBuf, ApiError> {
    state
        .config
        .studio
        .file
        .clone()
        .ok_or_else(|| ApiError::NotFound("this server edits stored resumes, not a file".into()))
}

/// The file's own name, as the page shows it (the rest of its path is of no use there).
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn version_of(bytes: &[u8]) -> String {
    crate::render::content_etag(bytes)
}

async fn read_file(State(state): State<AppState>, _signed: SignedIn) -> Result<Response, ApiError> {
    let path = studio_file(&state)?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|e| file_error(&path, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ApiError::BadOption(format!(
            "{} is not UTF-8 text; the studio edits YAML or JSON sources",
            path.display()
        ))
    })?;
    let body = FileBody {
        name: file_name(&path),
        version: version_of(text.as_bytes()),
        text,
    };
    Ok(no_store(axum::Json(body).into_response()))
}

fn file_error(path: &std::path::Path, e: &std::io::Error) -> ApiError {
    ApiError::Unavailable {
        detail: format!("cannot read or write {}: {e}", path.display()),
        retry_after: 1,
    }
}

/// Saves the source: the body is the new text; `If-Match` names the version it replaces.
async fn write_file(
    State(state): State<AppState>,
    _signed: SignedIn,
    headers: HeaderMap,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    let path = studio_file(&state)?;
    let Some(expected) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Err(ApiError::PreconditionRequired(
            "send the version you edited in If-Match, so a change made meanwhile (in another \
             editor, by git) is not overwritten"
                .into(),
        ));
    };
    let text = std::str::from_utf8(&body.bytes)
        .map_err(|_| ApiError::BadParameter("the source must be UTF-8 text".into()))?;
    // One save at a time, from the version check to the rename.
    let _saving = state.desk.saving.lock().await;
    let current = tokio::fs::read(&path)
        .await
        .map_err(|e| file_error(&path, &e))?;
    if expected.trim() != version_of(&current) {
        return Err(ApiError::PreconditionFailed(format!(
            "{} changed on disk since it was opened; reload it, then make the edit again",
            path.display()
        )));
    }
    let bytes = text.as_bytes().to_vec();
    let version = version_of(&bytes);
    let target = path.clone();
    tokio::task::spawn_blocking(move || vitae_store::file::write_whole(&target, &bytes))
        .await
        .map_err(|e| ApiError::failed("saving the file", e))?
        .map_err(|e| file_error(&path, &e))?;
    let mut response = axum::Json(serde_json::json!({ "version": version })).into_response();
    if let Ok(v) = HeaderValue::from_str(&version) {
        response.headers_mut().insert(header::ETAG, v);
    }
    Ok(response)
}

// --- pages and assets ----------------------------------------------------------------------------

/// The policy of every studio page. The app's page adds a nonce to `style-src`: CodeMirror
/// styles itself with `<style>` elements it creates, and marks them with the nonce the page
/// carries (a new one per response), so no other inline style can apply.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

fn secured(response: Response) -> Response {
    secured_with(response, CSP.to_owned())
}

fn secured_with(mut response: Response, policy: String) -> Response {
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::REFERRER_POLICY,
        // Not `no-referrer`: under it browsers send `Origin: null` with the sign-in form, which
        // then cannot be told from a forged one.
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A page of fixed text around `body` (which never holds user text).
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · vitae studio</title>\
         <link rel=\"stylesheet\" href=\"/studio/assets/app.css\"></head>\
         <body class=\"plain\"><main id=\"main\">{body}</main></body></html>"
    );
    secured(no_store(
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    ))
}

fn sign_in_body(error: Option<&str>) -> String {
    let error = error.map_or_else(String::new, |e| {
        format!("<p class=\"error\" role=\"alert\">{e}</p>")
    });
    format!(
        "<h1>Sign in to vitae studio</h1>{error}\
         <form method=\"post\" action=\"/studio/sign-in\" class=\"sign-in\" id=\"password-form\">\
         <label for=\"name\">Name</label>\
         <input id=\"name\" name=\"name\" autocomplete=\"username\" required>\
         <label for=\"password\">Password</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <button type=\"submit\">Sign in</button></form>\
         <h2>Or with an API key</h2>\
         <form method=\"post\" action=\"/studio/sign-in\" class=\"sign-in\" id=\"key-form\">\
         <label for=\"key\">API key</label>\
         <input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"off\" required>\
         <button type=\"submit\">Sign in with the key</button></form>\
         <p>An administrator adds people with <code>vitae users add NAME --tenant TENANT</code> \
         and creates keys with <code>vitae keys create --name NAME</code>.</p>"
    )
}

async fn sign_in_page() -> Response {
    page(StatusCode::OK, "Sign in", &sign_in_body(None))
}

async fn app_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    // Without a session the app could not load anything: send the browser to sign in.
    let signed = match session_cookie(&headers, &state) {
        Some(secret) => SignedIn::check(&Method::GET, &headers, &state, secret)
            .await
            .is_ok(),
        None => false,
    };
    if !signed {
        if linked(&state) {
            // `vitae studio` has no sign-in form: its link opens it, once.
            return page(
                StatusCode::UNAUTHORIZED,
                "Signed out",
                "<h1>The studio is not open in this browser</h1><p>Its sign-in link opens it \
                 once, for one browser. Restart <code>vitae studio</code> for a new link.</p>",
            );
        }
        return Redirect::to("/studio/sign-in").into_response();
    }
    let nonce = random_token();
    let nonce = &nonce[..32];
    let page = String::from_utf8_lossy(asset_bytes("index.html").unwrap_or_default())
        .replace("__CSP_NONCE__", nonce);
    secured_with(
        no_store(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()),
        CSP.replace(
            "style-src 'self'",
            &format!("style-src 'self' 'nonce-{nonce}'"),
        ),
    )
}

/// The compiled-in files: the page and its icon as written (`studio/src`), the scripts and the
/// style sheet as built (`studio/dist`).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_bytes!("../studio/src/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../studio/dist/app.js"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../studio/dist/editor.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../studio/dist/app.css"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_bytes!("../studio/src/icon.svg"),
    ),
];

fn asset_bytes(name: &str) -> Option<&'static [u8]> {
    ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, b)| *b)
}

async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Some((_, media, bytes)) = ASSETS.iter().find(|(n, _, _)| *n == name) else {
        return Err(ApiError::NotFound(format!(
            "the studio has no file `{name}`"
        )));
    };
    let etag = crate::render::content_etag(bytes);
    let mut response = if crate::render::none_match(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, *media)], *bytes).into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Revalidated on every load (a new binary serves new files under the same names), which
    // costs a 304 on loopback.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(secured(response))
}
