//! `genre serve` as a child process (to kill it for real), and a fake Meta that, like the real
//! one, reports every message it accepts with a signed `sent` status webhook.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;
use tokio::net::TcpListener;

use super::*;
use genre::store::random_code;

/// A free port on loopback (a restarted server comes back on the same one).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A `genre serve` child process, killed when dropped: a test that fails (panics) part-way
/// leaves no server running behind it.
pub struct ServerProcess(Option<Child>);

impl ServerProcess {
    fn take(mut self) -> Child {
        self.0.take().expect("the child is there until taken")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `genre serve` with WhatsApp pointed at `api`, the bundled flows, and `extra` settings.
pub fn spawn_server(port: u16, db: &str, api: &str, extra: &[(&str, &str)]) -> ServerProcess {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_genre"));
    cmd.arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("GENRE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GENRE_DATABASE_URL", db)
        .env("GENRE_FLOWS", root().join("flows"))
        .env("GENRE_LOCALES", root().join("locales"))
        .env("GENRE_WHATSAPP_APP_SECRET", APP_SECRET)
        .env("GENRE_WHATSAPP_VERIFY_TOKEN", "v")
        .env("GENRE_WHATSAPP_TOKEN", WA_TOKEN)
        .env("GENRE_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("GENRE_WHATSAPP_API_URL", api)
        .env("GENRE_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // GENRE_TEST_LOG_DIR keeps each server's log (for a failure that only shows under load).
    if let Ok(dir) = std::env::var("GENRE_TEST_LOG_DIR") {
        let path = std::path::Path::new(&dir).join(format!("genre-{port}-{}.log", random_code(4)));
        let log = std::fs::File::create(path).unwrap();
        cmd.env("GENRE_LOG", "info")
            .stderr(log.try_clone().unwrap())
            .stdout(log);
    }
    for (k, v) in extra {
        cmd.env(k, v);
    }
    ServerProcess(Some(cmd.spawn().expect("genre serve starts")))
}

pub async fn wait_healthy(port: u16) {
    let ok = eventually(30, async || {
        reqwest::get(format!("http://127.0.0.1:{port}/readyz"))
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
    assert!(ok, "the server on port {port} came up");
}

/// SIGKILL: no shutdown handler runs.
pub fn kill(server: ServerProcess) {
    let mut child = server.take();
    child.kill().unwrap();
    child.wait().unwrap();
}

/// SIGTERM, then waits for the process to exit; returns whether it exited cleanly.
pub fn terminate(server: ServerProcess) -> bool {
    let mut child = server.take();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait().unwrap().success()
}

/// A fake Graph API that, like Meta, answers (after `delay`) and then reports each accepted
/// message with a signed `sent` status webhook to one of `webhooks`, retrying (on the next
/// one) until a server takes it.
#[derive(Clone)]
pub struct Meta {
    pub received: Arc<Mutex<Vec<serde_json::Value>>>,
    pub url: String,
    webhooks: Arc<Vec<String>>,
    delay: Duration,
}

impl Meta {
    pub async fn start(webhooks: Vec<String>, delay: Duration) -> Meta {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let meta = Meta {
            received: Arc::new(Mutex::new(vec![])),
            url: format!("http://{}", listener.local_addr().unwrap()),
            webhooks: Arc::new(webhooks),
            delay,
        };
        let app = Router::new()
            .fallback(meta_handler)
            .with_state(meta.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        meta
    }

    pub fn received(&self) -> Vec<serde_json::Value> {
        self.received.lock().unwrap().clone()
    }

    /// The texts sent to one number, in the order they arrived.
    pub fn texts_to(&self, to: &str) -> Vec<String> {
        self.received()
            .iter()
            .filter(|j| j["to"] == to)
            .map(|j| {
                j["text"]["body"]
                    .as_str()
                    .or(j["interactive"]["body"]["text"].as_str())
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }
}

async fn meta_handler(State(meta): State<Meta>, body: Bytes) -> impl IntoResponse {
    let mut json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    // When it arrived (for a failure's diagnosis).
    json["_received_ms"] = serde_json::json!(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64
    );
    let n = {
        let mut received = meta.received.lock().unwrap();
        received.push(json.clone());
        received.len()
    };
    let wamid = format!("wamid.META-{n}");
    let outbox: Option<i64> = json["biz_opaque_callback_data"]
        .as_str()
        .and_then(|d| d.strip_prefix("genre:"))
        .and_then(|id| id.parse().ok());
    let status = wa_status(&wamid, "sent", outbox);
    let webhooks = meta.webhooks.clone();
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        for attempt in 0..1200 {
            let webhook = &webhooks[(n + attempt) % webhooks.len()];
            let ok = client
                .post(webhook)
                .header("x-hub-signature-256", meta_signature(&status))
                .body(status.clone())
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            if ok {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    tokio::time::sleep(meta.delay).await;
    axum::Json(serde_json::json!({ "messages": [{ "id": wamid }] }))
}

/// Teens writing to the survey fixture (`tests/fixtures/survey`) through the WhatsApp webhook:
/// each contact's messages in order (the next once the last was acknowledged), the contacts
/// at once, each message to any of the servers; a refused or failed webhook is retried, on
/// another server, as Meta retries.
pub struct Load {
    pub contacts: usize,
    pub per_contact: usize,
    pub ports: Vec<u16>,
    /// Webhooks acknowledged so far.
    pub acked: std::sync::atomic::AtomicUsize,
}

/// The survey fixture's settings for `spawn_server`.
pub fn survey_settings() -> Vec<(&'static str, String)> {
    vec![
        (
            "GENRE_FLOWS",
            root()
                .join("tests/fixtures/survey/flows")
                .display()
                .to_string(),
        ),
        (
            "GENRE_LOCALES",
            root()
                .join("tests/fixtures/survey/locales")
                .display()
                .to_string(),
        ),
    ]
}

impl Load {
    pub fn number(c: usize) -> String {
        format!("62899{c:06}")
    }

    /// Sends every message; returns when all are acknowledged.
    pub async fn run(self: Arc<Self>) {
        let mut tasks = Vec::new();
        for c in 0..self.contacts {
            let load = self.clone();
            tasks.push(tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                for i in 0..load.per_contact {
                    let body = wa_text(
                        &Load::number(c),
                        &format!("wamid.c{c}.m{i}"),
                        &format!("c{c}-m{i}"),
                    );
                    let mut attempt = rand::random_range(0..load.ports.len());
                    loop {
                        let port = load.ports[attempt % load.ports.len()];
                        let ok = client
                            .post(format!("http://127.0.0.1:{port}/webhooks/whatsapp"))
                            .header("x-hub-signature-256", meta_signature(&body))
                            .header("content-type", "application/json")
                            .body(body.clone())
                            .send()
                            .await
                            .is_ok_and(|r| r.status() == 200);
                        if ok {
                            break;
                        }
                        attempt += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    load.acked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    }

    /// What each contact must receive, in order: the survey's first question, then one
    /// "Dapat …" naming each later message.
    pub fn expected(&self, c: usize) -> Vec<String> {
        (0..self.per_contact)
            .map(|i| {
                if i == 0 {
                    "Survei singkat".to_string()
                } else {
                    format!("Dapat c{c}-m{i}.")
                }
            })
            .collect()
    }

    /// Contacts whose replies are not exactly the expected ones, in order (with what they got).
    pub fn wrong(&self, meta: &Meta) -> Vec<(usize, Vec<String>)> {
        (0..self.contacts)
            .filter_map(|c| {
                let got = meta.texts_to(&Load::number(c));
                let expected = self.expected(c);
                let right = got.len() == expected.len()
                    && got
                        .iter()
                        .zip(&expected)
                        .all(|(g, e)| g.starts_with(e.as_str()));
                (!right).then_some((c, got))
            })
            .collect()
    }
}
