//! Test helpers: a server in this process on a fresh database, and small local receivers that
//! stand in for Meta, Twilio, Telegram and the SMS gateway phone.

#![allow(dead_code)]

pub mod console;
pub mod process;
pub mod world;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use clap::Parser;
use hmac::{KeyInit, Mac};
use sqlx::Connection;
use tokio::net::TcpListener;

use genre::app::Running;
use genre::clock::{Clock, ManualClock, SystemClock};
use genre::config::ServeConfig;

pub const APP_SECRET: &str = "app_secret";
pub const PHONE_NUMBER_ID: &str = "109876543210987";
pub const WA_TOKEN: &str = "wa-token";

/// One request a fake provider received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    pub fn form(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_str(&self.body).unwrap_or_default()
    }
}

/// A fake provider: records every request and answers from a script (then a default).
#[derive(Clone)]
pub struct Receiver {
    pub addr: SocketAddr,
    pub url: String,
    inner: Arc<ReceiverState>,
}

struct ReceiverState {
    received: Mutex<Vec<Received>>,
    script: Mutex<VecDeque<(u16, String)>>,
    default: Mutex<(u16, String)>,
    counter: Mutex<u64>,
}

impl Receiver {
    /// Starts a receiver that answers like the WhatsApp Graph API by default.
    pub async fn whatsapp() -> Self {
        Self::start(
            200,
            r#"{"messaging_product":"whatsapp","messages":[{"id":"wamid.OUT-{n}"}]}"#,
        )
        .await
    }

    /// Starts a receiver; `{n}` in a response body is replaced by a running number, and
    /// `{to64}` by the base64 of the request's `to` (Meta's message ids encode the number).
    pub async fn start(status: u16, body: &str) -> Self {
        let inner = Arc::new(ReceiverState {
            received: Mutex::new(vec![]),
            script: Mutex::new(VecDeque::new()),
            default: Mutex::new((status, body.to_string())),
            counter: Mutex::new(0),
        });
        let app = Router::new().fallback(record).with_state(inner.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver {
            addr,
            url: format!("http://{addr}"),
            inner,
        }
    }

    /// The next `n` requests get this answer.
    pub fn then(&self, n: usize, status: u16, body: &str) {
        let mut script = self.inner.script.lock().unwrap();
        for _ in 0..n {
            script.push_back((status, body.to_string()));
        }
    }

    pub fn set_default(&self, status: u16, body: &str) {
        *self.inner.default.lock().unwrap() = (status, body.to_string());
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.received.lock().unwrap().clone()
    }

    /// Waits until `n` requests arrived (at most `secs` seconds), then returns them all.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.received();
            if got.len() >= n || tokio::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn record(
    State(state): State<Arc<ReceiverState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    let body = String::from_utf8_lossy(&body).into_owned();
    let to = serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default()["to"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    state.received.lock().unwrap().push(Received {
        method,
        path: uri.to_string(),
        headers,
        body,
    });
    let (status, body) = state
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| state.default.lock().unwrap().clone());
    let n = {
        let mut c = state.counter.lock().unwrap();
        *c += 1;
        *c
    };
    (
        StatusCode::from_u16(status).unwrap(),
        body.replace("{n}", &n.to_string())
            .replace("{to64}", &base64_of(&to)),
    )
}

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    config: ServeConfig,
}

/// The repository root (flows and locales live there).
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty database for one test: a temporary SQLite file, or a new PostgreSQL
/// database (dropped at the end) on the server of `GENRE_TEST_POSTGRES_URL`.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// The server's URL and this test's database name, to drop it afterwards.
    drop_pg: Option<(String, String)>,
}

pub fn sqlite_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/genre.db", dir.path().display());
    TestDb {
        url,
        _dir: Some(dir),
        drop_pg: None,
    }
}

/// Whether this is CI (`.ci/run` runs with `CI=true`): there, what a test needs is mandatory,
/// and a missing browser or database fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A test cannot run here: in CI that is a failure; elsewhere one line says what was skipped
/// and how to run it, once per test file. The line goes straight to the terminal, past the
/// test harness's output capture, so that a passing `cargo test` still shows it.
pub fn skip_or_fail(what: &str, how: &str) {
    if in_ci() {
        panic!("CI=true, and {what}: {how}");
    }
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.iter().any(|w| w == what) {
        said.push(what.to_string());
        let file = std::env::args()
            .next()
            .and_then(|p| {
                std::path::Path::new(&p)
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
            })
            .map(|f| {
                f.rsplit_once('-')
                    .map_or(f.clone(), |(name, _)| name.to_string())
            })
            .unwrap_or_default();
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\nskipped in tests/{file}.rs: {what}; {how}"
        );
    }
}

/// The PostgreSQL server tests use, if `GENRE_TEST_POSTGRES_URL` is set.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("GENRE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if url.is_none() {
        skip_or_fail(
            "the PostgreSQL runs (GENRE_TEST_POSTGRES_URL is not set)",
            "to run them: GENRE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo test",
        );
    }
    url
}

/// A new database on the test PostgreSQL server; `None` (said once per test file) when
/// `GENRE_TEST_POSTGRES_URL` is not set, a failure in CI. When it is set and the server does
/// not answer, the test fails: it never skips silently.
pub async fn postgres_db() -> Option<TestDb> {
    let base = postgres_url()?;
    let name = format!(
        "genre_test_{}",
        genre::store::random_code(12).to_lowercase()
    );
    let mut admin = sqlx::postgres::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| {
            panic!("GENRE_TEST_POSTGRES_URL is set but PostgreSQL does not answer: {e}")
        });
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&mut admin)
        .await
        .expect("a test database can be created");
    admin.close().await.ok();
    Some(TestDb {
        url: with_database(&base, &name),
        _dir: None,
        drop_pg: Some((base, name)),
    })
}

/// The URL of another database on the same server.
fn with_database(base: &str, name: &str) -> String {
    let (without_query, query) = base
        .split_once('?')
        .map_or((base, None), |(a, q)| (a, Some(q)));
    let after_scheme = without_query.find("://").map_or(0, |i| i + 3);
    let root = match without_query[after_scheme..].find('/') {
        Some(slash) => &without_query[..after_scheme + slash],
        None => without_query,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((base, name)) = self.drop_pg.take() else {
            return;
        };
        // Drop runs outside async; a small runtime of its own does the work.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(mut admin) = sqlx::postgres::PgConnection::connect(&base).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "drop database if exists {name} with (force)"
                    )))
                    .execute(&mut admin)
                    .await;
                }
            });
        })
        .join();
    }
}

/// Runs each named story (an `async fn(TestDb)`) twice: on SQLite, and on PostgreSQL when
/// `GENRE_TEST_POSTGRES_URL` is set. The tests are `sqlite::<name>` and `postgres::<name>`.
#[allow(unused_macros)]
macro_rules! on_both {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story(super::common::sqlite_db()).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(db) = super::common::postgres_db().await {
                        super::$story(db).await
                    }
                }
            )*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use on_both;

/// Runs one statement, on either backend.
pub async fn exec(db: &genre::store::Db, sql: &'static str) {
    match db {
        genre::store::Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(drop).unwrap(),
        genre::store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(drop).unwrap(),
    }
}

/// Counts rows, on either backend.
pub async fn count(db: &genre::store::Db, sql: &'static str) -> i64 {
    match db {
        genre::store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        genre::store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// Command-line settings for a test server; `extra` are more flags.
pub fn config(db: &TestDb, extra: &[&str]) -> ServeConfig {
    let mut args: Vec<String> = vec![
        "genre".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--database-url".into(),
        db.url.clone(),
        "--flows".into(),
        root().join("flows").display().to_string(),
        "--locales".into(),
        root().join("locales").display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    Args::parse_from(args).config
}

/// WhatsApp flags pointing at a fake Graph API.
pub fn whatsapp_flags(api: &Receiver) -> Vec<String> {
    vec![
        "--whatsapp-app-secret".into(),
        APP_SECRET.into(),
        "--whatsapp-verify-token".into(),
        "verify-me".into(),
        "--whatsapp-token".into(),
        WA_TOKEN.into(),
        "--whatsapp-phone-number-id".into(),
        PHONE_NUMBER_ID.into(),
        "--whatsapp-api-url".into(),
        api.url.clone(),
        "--whatsapp-template".into(),
        "genre_pesan_baru".into(),
    ]
}

/// A server in this process with the system clock.
pub async fn start(config: ServeConfig) -> Running {
    start_with_clock(config, Arc::new(SystemClock)).await
}

pub async fn start_with_clock(config: ServeConfig, clock: Arc<dyn Clock>) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    genre::app::start(config, listener, clock)
        .await
        .expect("the server starts")
}

/// A manual clock starting on Monday 2026-11-23 09:00 Jakarta time (office hours).
pub fn office_clock() -> ManualClock {
    ManualClock::new(1_795_399_200_000)
}

/// Signs a WhatsApp webhook body as Meta does.
pub fn meta_signature(body: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(APP_SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Now, in Unix seconds, as providers stamp their webhooks. Tests that run on a clock of their
/// own stamp with that clock instead ([`wa_text_at`]); nothing a test sends carries a fixed
/// date, so the suite passes on any day.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A WhatsApp webhook payload with one text message, sent now.
pub fn wa_text(from: &str, id: &str, text: &str) -> String {
    wa_text_at(from, id, text, unix_now())
}

/// The same, sent at `timestamp` (Unix seconds).
pub fn wa_text_at(from: &str, id: &str, text: &str, timestamp: i64) -> String {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "WABA", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "6281100000000", "phone_number_id": PHONE_NUMBER_ID },
            "contacts": [{ "profile": { "name": "Teen" }, "wa_id": from }],
            "messages": [{ "from": from, "id": id, "timestamp": timestamp.to_string(), "type": "text", "text": { "body": text } }]
        }}]}]
    })
    .to_string()
}

/// A WhatsApp webhook payload with one button or list reply.
pub fn wa_choice(from: &str, id: &str, kind: &str, choice_id: &str, title: &str) -> String {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "changes": [{ "field": "messages", "value": {
            "metadata": { "phone_number_id": PHONE_NUMBER_ID },
            "messages": [{ "from": from, "id": id, "timestamp": unix_now().to_string(), "type": "interactive",
                "interactive": { "type": kind, kind: { "id": choice_id, "title": title } } }]
        }}]}]
    })
    .to_string()
}

/// A WhatsApp status webhook.
pub fn wa_status(message_id: &str, status: &str, outbox_id: Option<i64>) -> String {
    let mut s = serde_json::json!({ "id": message_id, "status": status, "timestamp": unix_now().to_string(), "recipient_id": "62" });
    if let Some(id) = outbox_id {
        s["biz_opaque_callback_data"] = serde_json::json!(format!("genre:{id}"));
    }
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "changes": [{ "field": "messages", "value": { "statuses": [s] } }] }]
    })
    .to_string()
}

/// Posts a signed WhatsApp webhook; returns the status code.
pub async fn post_whatsapp(server: SocketAddr, body: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("http://{server}/webhooks/whatsapp"))
        .header("x-hub-signature-256", meta_signature(body))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The texts of WhatsApp messages sent to the fake Graph API (interactive bodies included).
pub fn wa_texts(received: &[Received]) -> Vec<String> {
    received
        .iter()
        .map(|r| {
            let j = r.json();
            j["text"]["body"]
                .as_str()
                .or(j["interactive"]["body"]["text"].as_str())
                .or(j["template"]["name"].as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// Polls `f` until it returns true or `secs` pass.
pub async fn eventually(secs: u64, mut f: impl AsyncFnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if f().await {
            return true;
        }
        if tokio::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Standard base64, as Meta encodes a number inside its message ids.
pub fn base64_of(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}
