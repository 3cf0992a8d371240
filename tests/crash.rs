//! `genre serve` as a child process, killed with SIGKILL and restarted on the same database:
//! every reply is still delivered exactly once.

mod common;

use std::sync::Arc;
use std::sync::atomic::Ordering::SeqCst;
use std::time::Duration;

use common::process::*;
use common::*;

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

#[tokio::test]
async fn killed_in_the_middle_of_a_send_the_providers_status_settles_it_without_a_second_send() {
    let port = free_port();
    // Meta answers slowly, then reports the message with a status webhook.
    let meta = Meta::start(
        vec![format!("http://127.0.0.1:{port}/webhooks/whatsapp")],
        Duration::from_millis(1500),
    )
    .await;
    let api = meta.url.clone();

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
    let texts = meta.texts_to("6281300000999");
    kill(second);
    assert!(both, "{texts:?}");
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

/// Teens keep writing while the server gets SIGTERM: it stops taking webhooks, finishes what
/// it holds and exits cleanly; Meta retries what was refused, a new server takes over, and
/// every message is answered exactly once, in order.
async fn sigterm_under_load_loses_nothing(db: TestDb) {
    let port = free_port();
    let meta = Meta::start(
        vec![format!("http://127.0.0.1:{port}/webhooks/whatsapp")],
        Duration::from_millis(20),
    )
    .await;
    let survey = survey_settings();
    let mut settings: Vec<(&str, &str)> = survey.iter().map(|(k, v)| (*k, v.as_str())).collect();
    settings.extend([
        ("GENRE_SEND_LEASE", "5"),
        ("GENRE_SEND_TIMEOUT", "3"),
        ("GENRE_IN_DOUBT_GRACE", "20"),
    ]);
    let first = spawn_server(port, &db.url, &meta.url, &settings);
    wait_healthy(port).await;

    let load = Arc::new(Load {
        contacts: 20,
        per_contact: 10,
        ports: vec![port],
        acked: Default::default(),
    });
    let sending = tokio::spawn(load.clone().run());
    let midway = eventually(60, async || load.acked.load(SeqCst) >= 80).await;
    assert!(midway, "half the messages were acknowledged");
    let acked_before = load.acked.load(SeqCst);
    let clean = tokio::task::spawn_blocking(move || terminate(first))
        .await
        .unwrap();
    assert!(clean, "SIGTERM ends the server with exit code 0");
    // Nothing acknowledged is missing, and no send is left claimed.
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    assert!(count(&store, "select count(*) from inbound").await >= acked_before as i64);
    assert_eq!(
        count(
            &store,
            "select count(*) from outbox where state = 'sending'"
        )
        .await,
        0
    );
    store.close().await;

    let second = spawn_server(port, &db.url, &meta.url, &settings);
    wait_healthy(port).await;
    tokio::time::timeout(Duration::from_secs(120), sending)
        .await
        .unwrap()
        .unwrap();
    let done = eventually(60, async || load.wrong(&meta).is_empty()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let wrong = load.wrong(&meta);
    kill(second);
    assert!(
        done && wrong.is_empty(),
        "replies missing, doubled or out of order: {wrong:?}"
    );
}

common::on_both!(sigterm_under_load_loses_nothing);
