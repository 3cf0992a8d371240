//! `genre serve` as a child process, killed with SIGKILL and restarted on the same database:
//! every reply is still delivered exactly once.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;
use common::*;
use tokio::net::TcpListener;

/// A free port on loopback (the restarted server must come back on the same one, where the
/// fake provider keeps sending its statuses).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_server(port: u16, db: &str, api: &str, extra: &[(&str, &str)]) -> Child {
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
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().expect("genre serve starts")
}

async fn wait_healthy(port: u16) {
    let ok = eventually(20, async || {
        reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
    assert!(ok, "the server came up");
}

fn kill(mut child: Child) {
    // SIGKILL: no shutdown handler runs.
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn killed_between_acknowledgement_and_send_the_reply_is_delivered_once_after_restart() {
    let api = Receiver::whatsapp().await;
    // The first attempt fails: the reply is acknowledged and stored but not delivered.
    api.then(1, 503, "maintenance");
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/genre.db", dir.path().display());
    let port = free_port();
    let first = spawn_server(port, &db, &api.url, &[]);
    wait_healthy(port).await;
    let server = format!("127.0.0.1:{port}").parse().unwrap();
    assert_eq!(
        post_whatsapp(server, &wa_text("6281300000001", "wamid.k1", "halo")).await,
        200
    );
    assert_eq!(
        api.wait_for(1, 10).await.len(),
        1,
        "the first attempt reached the provider and failed"
    );
    // Kill only once the failure is recorded (killed mid-send is the in-doubt case, tested
    // below).
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.clone()))
        .await
        .unwrap();
    let recorded = eventually(10, async || {
        let genre::store::Db::Sqlite(pool) = &store else {
            return false;
        };
        sqlx::query_scalar::<_, i64>(
            "select count(*) from outbox where state = 'pending' and attempts = 1",
        )
        .fetch_one(pool)
        .await
        .is_ok_and(|n| n == 1)
    })
    .await;
    assert!(recorded, "the failed attempt is recorded");
    store.close().await;
    kill(first);

    let second = spawn_server(port, &db, &api.url, &[]);
    wait_healthy(port).await;
    // The retry is due about ten seconds after the failure.
    let sent = api.wait_for(3, 40).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let texts = wa_texts(&api.received());
    kill(second);
    assert_eq!(sent.len(), 3, "{texts:?}");
    assert_eq!(
        texts.len(),
        3,
        "nothing more after a quiet while: {texts:?}"
    );
    assert_eq!(
        texts[0], texts[1],
        "the failed greeting, then the same greeting delivered"
    );
    assert!(
        texts[2].contains("bahasa"),
        "then the menu, once: {texts:?}"
    );
}

#[tokio::test]
async fn killed_right_after_acknowledging_nothing_is_lost_and_nothing_doubled() {
    let api = Receiver::whatsapp().await;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/genre.db", dir.path().display());
    let port = free_port();
    let first = spawn_server(port, &db, &api.url, &[]);
    wait_healthy(port).await;
    let server = format!("127.0.0.1:{port}").parse().unwrap();
    // Ten teens write; the server dies the moment the last webhook is acknowledged.
    for i in 0..10 {
        let body = wa_text(
            &format!("62813000001{i:02}"),
            &format!("wamid.n{i}"),
            "halo",
        );
        assert_eq!(post_whatsapp(server, &body).await, 200);
    }
    kill(first);
    let before = api.received().len();
    let second = spawn_server(
        port,
        &db,
        &api.url,
        &[
            ("GENRE_SEND_LEASE", "3"),
            ("GENRE_SEND_TIMEOUT", "2"),
            ("GENRE_IN_DOUBT_GRACE", "1"),
        ],
    );
    wait_healthy(port).await;
    api.wait_for(20, 30).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = api.received();
    kill(second);
    // Each teen gets the greeting and the language menu exactly once, in that order.
    for i in 0..10 {
        let to = format!("62813000001{i:02}");
        let mine: Vec<String> = received
            .iter()
            .filter(|r| r.json()["to"] == to.as_str())
            .map(|r| wa_texts(std::slice::from_ref(r))[0].clone())
            .collect();
        assert_eq!(
            mine.len(),
            2,
            "teen {i}: {mine:?} ({before} sent before the kill)"
        );
        assert!(
            mine[0].contains("Kak Genre") && mine[1].contains("bahasa"),
            "teen {i}: {mine:?}"
        );
    }
}

/// A fake Graph API that, like Meta, answers slowly and then reports each accepted message
/// with a signed `sent` status webhook (retrying until the server takes it).
#[derive(Clone)]
struct SlowMeta {
    received: Arc<Mutex<Vec<serde_json::Value>>>,
    webhook: String,
    delay: Duration,
}

async fn slow_meta_handler(State(meta): State<SlowMeta>, body: Bytes) -> impl IntoResponse {
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let n = {
        let mut received = meta.received.lock().unwrap();
        received.push(json.clone());
        received.len()
    };
    let wamid = format!("wamid.SLOW-{n}");
    let outbox: Option<i64> = json["biz_opaque_callback_data"]
        .as_str()
        .and_then(|d| d.strip_prefix("genre:"))
        .and_then(|id| id.parse().ok());
    // Meta accepted it: it will report it, retrying its webhook for as long as it takes.
    let status = wa_status(&wamid, "sent", outbox);
    let webhook = meta.webhook.clone();
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        for _ in 0..600 {
            let ok = client
                .post(&webhook)
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

#[tokio::test]
async fn killed_in_the_middle_of_a_send_the_providers_status_settles_it_without_a_second_send() {
    let port = free_port();
    let meta = SlowMeta {
        received: Arc::new(Mutex::new(vec![])),
        webhook: format!("http://127.0.0.1:{port}/webhooks/whatsapp"),
        delay: Duration::from_millis(1500),
    };
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new()
        .fallback(slow_meta_handler)
        .with_state(meta.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/genre.db", dir.path().display());
    let settings = [
        ("GENRE_SEND_LEASE", "4"),
        ("GENRE_SEND_TIMEOUT", "3"),
        ("GENRE_IN_DOUBT_GRACE", "2"),
    ];
    let first = spawn_server(port, &db, &api, &settings);
    wait_healthy(port).await;
    let server = format!("127.0.0.1:{port}").parse().unwrap();
    assert_eq!(
        post_whatsapp(server, &wa_text("6281300000999", "wamid.mid", "halo")).await,
        200
    );
    // The greeting is on the wire, the provider has it, our answer is not back yet: kill.
    let arrived = eventually(10, async || !meta.received.lock().unwrap().is_empty()).await;
    assert!(arrived);
    kill(first);

    let second = spawn_server(port, &db, &api, &settings);
    wait_healthy(port).await;
    let both = eventually(30, async || meta.received.lock().unwrap().len() >= 2).await;
    // Long enough for a wrong resend of the greeting to show up (lease + grace).
    tokio::time::sleep(Duration::from_secs(8)).await;
    let received = meta.received.lock().unwrap().clone();
    kill(second);
    assert!(both, "{received:?}");
    let texts: Vec<String> = received
        .iter()
        .map(|j| {
            j["text"]["body"]
                .as_str()
                .or(j["interactive"]["body"]["text"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(
        texts.len(),
        2,
        "the greeting once (settled by Meta's status), the menu once: {texts:?}"
    );
    assert!(
        texts[0].contains("Kak Genre") && texts[1].contains("bahasa"),
        "{texts:?}"
    );
}
