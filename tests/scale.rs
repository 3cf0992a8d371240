//! Several `genre serve` instances on one PostgreSQL database (`GENRE_TEST_POSTGRES_URL`;
//! without it these tests say so and do nothing, and CI always sets it).

mod common;

use std::sync::Arc;
use std::sync::atomic::Ordering::SeqCst;
use std::time::Duration;

use common::console::{Console, add_counsellor};
use common::process::*;
use common::*;
use genre::store::counsellors::Role;

/// Three instances, 1,000 signed webhooks from 100 teens spread over them at random; one
/// instance is SIGKILLed midway and restarted. Every reply arrives exactly once, and each
/// teen's replies come in the order of their messages.
// Two worker threads: the fake Meta and the load driver must keep up with three servers, as the
// real ones would.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_answer_every_message_once_and_in_order_through_a_crash() {
    let Some(db) = postgres_db().await else {
        return;
    };
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let meta = Meta::start(
        ports
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}/webhooks/whatsapp"))
            .collect(),
        Duration::from_millis(5),
    )
    .await;
    let survey = survey_settings();
    let mut settings: Vec<(&str, &str)> = survey.iter().map(|(k, v)| (*k, v.as_str())).collect();
    settings.extend([
        // Shorter than the defaults (120 s, 15 s, 60 s) so that the test is quick, long enough
        // for three debug builds sharing two cores. A send that timed out waits the grace
        // period for Meta's status before it is sent again: the grace must outlast how late a
        // status can come on this loaded machine.
        ("GENRE_SEND_LEASE", "20"),
        ("GENRE_SEND_TIMEOUT", "5"),
        ("GENRE_IN_DOUBT_GRACE", "30"),
    ]);
    // The first instance migrates the fresh database; the others find it ready.
    let mut servers = vec![spawn_server(ports[0], &db.url, &meta.url, &settings)];
    wait_healthy(ports[0]).await;
    for &port in &ports[1..] {
        servers.push(spawn_server(port, &db.url, &meta.url, &settings));
    }
    for &port in &ports {
        wait_healthy(port).await;
    }

    let load = Arc::new(Load {
        contacts: 100,
        per_contact: 10,
        ports: ports.clone(),
        acked: Default::default(),
    });
    let sending = tokio::spawn(load.clone().run());
    assert!(
        eventually(120, async || load.acked.load(SeqCst) >= 500).await,
        "half the webhooks acknowledged"
    );
    // SIGKILL one instance mid-stream (whatever it holds: claimed contacts, sends on the
    // wire), then bring it back.
    let victim = servers.remove(1);
    kill(victim);
    let killed_at = load.acked.load(SeqCst);
    tokio::time::sleep(Duration::from_millis(500)).await;
    servers.insert(1, spawn_server(ports[1], &db.url, &meta.url, &settings));
    wait_healthy(ports[1]).await;

    tokio::time::timeout(Duration::from_secs(300), sending)
        .await
        .expect("every webhook acknowledged in time")
        .unwrap();
    assert_eq!(load.acked.load(SeqCst), 1000);
    let done = eventually(120, async || load.wrong(&meta).is_empty()).await;
    // A while longer, for a wrong resend to show up (after a grace period).
    tokio::time::sleep(Duration::from_secs(30)).await;
    let wrong = load.wrong(&meta);
    let total = meta.received().len();
    for s in servers {
        kill(s);
    }
    // For a failure: which outbox rows went out for the first teen concerned.
    let diagnosis: Vec<String> = wrong
        .first()
        .map(|(c, _)| {
            meta.received()
                .iter()
                .filter(|j| j["to"] == Load::number(*c))
                .map(|j| {
                    format!(
                        "{} at {} {}",
                        j["biz_opaque_callback_data"], j["_received_ms"], j["text"]["body"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        done && wrong.is_empty(),
        "{} teens with replies missing, doubled or out of order (killed after {killed_at} \
         webhooks), e.g. {diagnosis:#?}",
        wrong.len(),
    );
    assert_eq!(total, 1000, "one reply per message, nothing more");
}

/// A counsellor connected to one instance hears about a case opened on another (LISTEN/NOTIFY).
#[tokio::test]
async fn a_case_opened_on_one_instance_reaches_a_console_on_another() {
    let Some(db) = postgres_db().await else {
        return;
    };
    let api = Receiver::whatsapp().await;
    let wa = whatsapp_flags(&api);
    let flags: Vec<&str> = wa.iter().map(String::as_str).collect();
    let a = start(config(&db, &flags)).await;
    let b = start(config(&db, &flags)).await;
    add_counsellor(&a.app, "nia", Role::Counsellor, &[], &[], 3, true).await;

    // Nia's console is on instance B, listening.
    let mut nia = Console::new(b.addr);
    assert_eq!(
        nia.login("nia", common::console::PASSWORD).await.status,
        303
    );
    let mut events = nia.stream("/console/events").await;

    // The teen's webhook lands on instance A.
    let body = wa_text("6281277777777", "wamid.la.1", "aku pengen mati aja");
    assert_eq!(post_whatsapp(a.addr, &body).await, 200);
    let heard = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            let chunk = events
                .chunk()
                .await
                .unwrap()
                .expect("the stream stays open");
            if String::from_utf8_lossy(&chunk).contains(r#""kind":"case""#) {
                return;
            }
        }
    })
    .await;
    assert!(
        heard.is_ok(),
        "instance B's console heard of the case opened on A"
    );
    drop(events);
    a.stop().await.unwrap();
    b.stop().await.unwrap();
}
