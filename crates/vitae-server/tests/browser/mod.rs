//! A headless Chromium driven over the DevTools protocol: enough of it to open pages, type,
//! run script in the page, take screenshots and run axe-core. The browser is the distribution's
//! (`chromium`, installed by `scripts/test`; `VITAE_CHROMIUM` names another), started with its
//! own throw-away profile and killed when the test ends.
//!
//! The protocol is JSON over one WebSocket: a request carries an id, and the answer with that
//! id comes back among events. The page is a target attached in "flat" mode, so its requests
//! travel on the browser's socket with a `sessionId`.
#![allow(dead_code)] // each test uses a different part

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    /// Uncaught exceptions and console errors the page reported.
    pub page_errors: Vec<String>,
    /// Downloads Chromium reported finished (written whole and renamed to their names).
    downloads_done: usize,
    _profile: tempfile::TempDir,
}

fn chromium() -> String {
    if let Some(p) = std::env::var_os("VITAE_CHROMIUM") {
        return p.to_string_lossy().into_owned();
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
        {
            return name.into();
        }
    }
    panic!("no Chromium: install the `chromium` package (scripts/test does) or set VITAE_CHROMIUM");
}

impl Browser {
    /// A new headless browser with one blank page, `width` × `height` CSS pixels.
    pub fn launch(width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--remote-debugging-port=0",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                &format!("--window-size={width},{height}"),
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start Chromium");
        // The browser names its socket on stderr; give it a while on a loaded machine.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1) {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("Chromium did not open its DevTools socket within 60 s");
        let (socket, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            // A hung browser fails the test instead of hanging it.
            s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            page_errors: Vec::new(),
            downloads_done: 0,
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        // Content Security Policy refusals arrive as log entries.
        browser.call("Log.enable", json!({}));
        browser.viewport(width, height);
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        match self.try_send(method, params, session) {
            Ok(v) => v,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    fn try_send(&mut self, method: &str, params: Value, session: bool) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if session {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to Chromium");
        loop {
            let text = match self.socket.read().expect("read from Chromium") {
                Message::Text(t) => t,
                _ => continue,
            };
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    return Err(error.clone());
                }
                return Ok(value["result"].clone());
            }
            self.event(&value);
        }
    }

    fn event(&mut self, value: &Value) {
        match value["method"].as_str() {
            Some("Runtime.exceptionThrown") => self.page_errors.push(
                value["params"]["exceptionDetails"]["exception"]["description"]
                    .as_str()
                    .unwrap_or("an exception")
                    .to_owned(),
            ),
            Some("Runtime.consoleAPICalled") if value["params"]["type"] == "error" => {
                self.page_errors.push(value["params"]["args"].to_string());
            }
            Some("Log.entryAdded") if value["params"]["entry"]["level"] == "error" => {
                let entry = &value["params"]["entry"];
                // A download's or a refused login's status is no page error; a policy
                // refusal or a script error is.
                let text = entry["text"].as_str().unwrap_or_default();
                if !text.contains("status of 4") {
                    self.page_errors
                        .push(format!("{}: {text}", entry["source"]));
                }
            }
            Some("Browser.downloadProgress") if value["params"]["state"] == "completed" => {
                self.downloads_done += 1;
            }
            _ => {}
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A DevTools command on the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    pub fn viewport(&mut self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500}),
        );
    }

    /// Prefers a dark or light colour scheme, as the system setting would.
    pub fn color_scheme(&mut self, dark: bool) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" }}]}),
        );
    }

    /// Opens `url` and waits until the page has loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /// Runs `expression` in the page (awaiting a promise) and answers its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("the page threw on `{expression}`: {e}");
        }
        result["result"]["value"].clone()
    }

    /// Waits (up to 30 s) until `condition` is truthy in the page; answers its value.
    pub fn wait_for(&mut self, condition: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(&format!(
                "(() => {{ try {{ return {condition}; }} catch {{ return null; }} }})()"
            ));
            if !(value.is_null()
                || value == json!(false)
                || value == json!(0)
                || value == json!(""))
            {
                return value;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "waited 30 s for `{condition}`; page errors: {:?}",
                self.page_errors
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text` where the focus is, as a keyboard would insert it.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({"text": text}));
    }

    /// Presses and releases a key (`Enter`, `Backspace`, `Tab`, `ArrowRight`...).
    pub fn press(&mut self, key: &str) {
        let (code, windows) = match key {
            "Enter" => ("Enter", 13),
            "Backspace" => ("Backspace", 8),
            "Tab" => ("Tab", 9),
            "ArrowRight" => ("ArrowRight", 39),
            "ArrowLeft" => ("ArrowLeft", 37),
            "End" => ("End", 35),
            "Escape" => ("Escape", 27),
            other => panic!("no key code for {other}"),
        };
        for kind in ["rawKeyDown", "keyUp"] {
            let mut params =
                json!({"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": windows});
            if key == "Enter" && kind == "rawKeyDown" {
                params["text"] = json!("\r");
                params["type"] = json!("keyDown");
            }
            self.call("Input.dispatchKeyEvent", params);
        }
    }

    /// Lets the page download files into `dir` (a click on a download link saves there).
    pub fn allow_downloads(&mut self, dir: &Path) {
        self.call_browser(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir.to_string_lossy(), "eventsEnabled": true}),
        );
    }

    /// Waits (up to 30 s) until `count` downloads in all have finished. A file appears under its
    /// name before Chromium has written it all, so a test that reads it sooner can read nothing.
    pub fn wait_for_downloads(&mut self, count: usize) {
        let started = Instant::now();
        while self.downloads_done < count {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "waited 30 s for {count} downloads; {} finished",
                self.downloads_done
            );
            std::thread::sleep(Duration::from_millis(20));
            // Any command reads the events that arrived before its answer.
            self.call_browser("Browser.getVersion", json!({}));
        }
    }

    /// A PNG of the viewport (or the whole page).
    pub fn screenshot(&mut self, path: &Path, full_page: bool) {
        use base64::Engine;
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": full_page}),
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// axe-core's violations on the page as it is now (`[]` when it passes).
    pub fn axe(&mut self) -> Value {
        let source = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("studio/node_modules/axe-core/axe.min.js"),
        )
        .expect(
            "axe-core: run scripts/studio (scripts/test does) to install the studio's packages",
        );
        // Evaluated by the debugger, not loaded by the page: the page's CSP allows no inline
        // script, and this is the test's script, not the app's.
        self.eval(&source);
        self.eval(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
