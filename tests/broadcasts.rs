//! Broadcasts (Safari Genre events), end to end: a supervisor previews the audience and sends;
//! only teens who opted in to event news, in the chosen kecamatan, receive it; the pace is a
//! share of the channel's limit, on a clock the test controls; a teen who sends STOP
//! mid-broadcast gets nothing more.

mod common;

use common::console::add_counsellor;
use common::world::*;
use common::*;
use genre::store::counsellors::Role;

const TEENS: [&str; 4] = [
    "6281500000001",
    "6281500000002",
    "6281500000003",
    "6281500000004",
];
const GEMPOL: &str = "6281500000005";
const NOT_OPTED_IN: &str = "6281500000006";
const NEWS: &str = "Safari GenRe di Balai Desa Bangil, Sabtu jam 09.00 BCASTMARK";

/// A teen who onboarded in `kecamatan` and asked for event news.
async fn subscriber(w: &World, teen: &str, kecamatan: &str) {
    w.onboard(teen, kecamatan).await;
    w.text(teen, "info acara").await;
    w.text(teen, "mau").await;
    assert!(
        w.wait_sent(teen, "info acara GenRe").await,
        "{:?}",
        w.sent_to(teen)
    );
}

fn got_news(w: &World, teen: &str) -> usize {
    w.sent_to(teen)
        .iter()
        .filter(|t| t.contains("BCASTMARK"))
        .count()
}

async fn a_broadcast_reaches_only_opted_in_teens_at_a_capped_pace_and_stops_for_stop(db: TestDb) {
    // 20 messages a second on WhatsApp, a broadcast may use 5% of it: one a second.
    let w = world(db, &["--whatsapp-rate", "20", "--broadcast-share", "0.05"]).await;
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    for teen in TEENS {
        subscriber(&w, teen, "bangil").await;
    }
    subscriber(&w, GEMPOL, "gempol").await;
    w.onboard(NOT_OPTED_IN, "bangil").await;
    w.settle().await;

    // Counsellors may not broadcast.
    let mut nia = w.console("nia").await;
    assert_eq!(nia.get("/console/broadcasts").await.status, 403);

    let mut sari = w.console("sari").await;
    assert_eq!(sari.get("/console/broadcasts").await.status, 200);
    let form = [("body", NEWS), ("kecamatan", "bangil"), ("template", "")];
    let preview = sari.post("/console/broadcasts/preview", &form).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(
        preview.body.contains(r#"data-audience="4""#),
        "{}",
        preview.body
    );
    assert_eq!(
        sari.post(
            "/console/broadcasts/preview",
            &[("body", NEWS), ("kecamatan", "atlantis")]
        )
        .await
        .status,
        400
    );
    let sent = sari.post("/console/broadcasts", &form).await;
    assert_eq!(sent.status, 303, "{}", sent.body);

    // The first is due at once, the next one a second later by the clock: the clock stands
    // still, so only one goes.
    assert!(eventually(15, async || got_news(&w, TEENS[0]) == 1).await);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        TEENS[1..].iter().map(|t| got_news(&w, t)).sum::<usize>(),
        0,
        "the pace follows the clock"
    );
    // The news says how to stop event news, in the teen's language.
    let news = w
        .sent_to(TEENS[0])
        .into_iter()
        .find(|t| t.contains("BCASTMARK"))
        .unwrap();
    assert!(news.contains("INFO ACARA"), "{news}");

    // One second on: the second teen.
    w.clock.advance(1000);
    w.app().wake_sender.notify_one();
    assert!(eventually(15, async || got_news(&w, TEENS[1]) == 1).await);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(got_news(&w, TEENS[2]) + got_news(&w, TEENS[3]), 0);

    // The third teen sends STOP before her turn.
    w.text(TEENS[2], "STOP").await;
    assert!(w.wait_sent(TEENS[2], "sudah berhenti").await);
    // Time passes (the clock and the real pace of one a second).
    assert!(
        eventually(15, async || {
            w.clock.advance(500);
            w.app().wake_sender.notify_one();
            got_news(&w, TEENS[3]) == 1
        })
        .await
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(got_news(&w, TEENS[2]), 0, "STOP is honoured mid-broadcast");
    assert_eq!(got_news(&w, GEMPOL), 0, "another kecamatan");
    assert_eq!(got_news(&w, NOT_OPTED_IN), 0, "never opted in");
    for teen in [TEENS[0], TEENS[1], TEENS[3]] {
        assert_eq!(got_news(&w, teen), 1, "once each");
    }

    // Progress: three sent, one skipped, none waiting.
    let page = sari.get("/console/broadcasts").await.body;
    assert!(page.contains(r#"<td class="sent">3</td>"#), "{page}");
    assert!(page.contains(r#"<td class="skipped">1</td>"#), "{page}");
    assert!(page.contains(r#"<td class="waiting">0</td>"#), "{page}");
    let audit = count(
        &w.app().db,
        "select count(*) from audit where action = 'broadcast.send'",
    )
    .await;
    assert_eq!(audit, 1);
    w.server.stop().await.unwrap();
}

/// A broadcast can be stopped: what was not sent yet is cancelled.
async fn a_supervisor_stops_a_broadcast_and_the_rest_is_not_sent(db: TestDb) {
    let w = world(db, &["--whatsapp-rate", "20", "--broadcast-share", "0.05"]).await;
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    for teen in &TEENS[..3] {
        subscriber(&w, teen, "bangil").await;
    }
    let mut sari = w.console("sari").await;
    sari.get("/console/broadcasts").await;
    let sent = sari
        .post(
            "/console/broadcasts",
            &[("body", NEWS), ("age_band", "16-17")],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(eventually(15, async || got_news(&w, TEENS[0]) == 1).await);
    let id = count(&w.app().db, "select max(id) from broadcasts").await;
    sari.get("/console/broadcasts").await;
    let stop = sari
        .post(&format!("/console/broadcasts/{id}/cancel"), &[])
        .await;
    assert_eq!(stop.status, 303, "{}", stop.body);
    w.clock.advance(60_000);
    w.app().wake_sender.notify_one();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(got_news(&w, TEENS[1]) + got_news(&w, TEENS[2]), 0);
    let page = sari.get("/console/broadcasts").await.body;
    assert!(page.contains(r#"<td class="skipped">2</td>"#), "{page}");
    w.server.stop().await.unwrap();
}

on_both!(
    a_broadcast_reaches_only_opted_in_teens_at_a_capped_pace_and_stops_for_stop,
    a_supervisor_stops_a_broadcast_and_the_rest_is_not_sent,
);
