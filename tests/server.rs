//! `genre serve` end to end: signed webhooks in, replies out at small local receivers standing
//! in for Meta, Twilio, Telegram and the SMS gateway phone. Real HTTP on loopback, a real
//! database.

mod common;

use std::time::Duration;

use common::*;
use genre::channels::smsgate;
use genre::channels::twilio;

fn flags(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

async fn whatsapp_server(db: TestDb) -> (genre::app::Running, Receiver, TestDb) {
    let api = Receiver::whatsapp().await;
    let wa = whatsapp_flags(&api);
    let server = start(config(&db, &flags(&wa))).await;
    (server, api, db)
}

async fn a_signed_whatsapp_text_gets_a_reply_with_the_token_the_number_id_and_the_recipient(
    db: TestDb,
) {
    let (server, api, _db) = whatsapp_server(db).await;
    assert_eq!(
        post_whatsapp(
            server.addr,
            &wa_text("6281234567890", "wamid.1", "halo kak")
        )
        .await,
        200
    );
    let sent = api.wait_for(2, 10).await;
    assert!(sent.len() >= 2, "{sent:?}");
    let first = &sent[0];
    assert_eq!(first.path, format!("/{PHONE_NUMBER_ID}/messages"));
    assert_eq!(first.headers["authorization"], format!("Bearer {WA_TOKEN}"));
    assert_eq!(first.json()["to"], "6281234567890");
    assert_eq!(first.json()["messaging_product"], "whatsapp");
    assert!(
        first.json()["biz_opaque_callback_data"]
            .as_str()
            .unwrap()
            .starts_with("genre:")
    );
    assert!(wa_texts(&sent)[0].contains("Kak Genre"));
    // The language menu comes as reply buttons, in order after the greeting.
    assert_eq!(sent[1].json()["interactive"]["type"], "button");
    server.stop().await.unwrap();
}

async fn button_and_list_replies_route_by_id(db: TestDb) {
    let (server, api, db) = whatsapp_server(db).await;
    let from = "6281111111111";
    post_whatsapp(server.addr, &wa_text(from, "wamid.a", "halo")).await;
    api.wait_for(2, 10).await;
    // A tapped button: its id says English, whatever its title says.
    post_whatsapp(
        server.addr,
        &wa_choice(
            from,
            "wamid.b",
            "button_reply",
            "salam/hello/en",
            "whatever",
        ),
    )
    .await;
    api.wait_for(3, 10).await;
    // A list row, by id.
    post_whatsapp(
        server.addr,
        &wa_choice(from, "wamid.c", "list_reply", "salam/age/16", "x"),
    )
    .await;
    let sent = api.wait_for(4, 10).await;
    assert!(
        wa_texts(&sent)[3..].join(" ").contains("DP3AP2KB"),
        "the notice follows: {:?}",
        wa_texts(&sent)
    );
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    assert_eq!(
        count(
            &store,
            "select count(*) from contacts where lang = 'en' and age_band = '16-17'"
        )
        .await,
        1
    );
    server.stop().await.unwrap();
}

async fn a_wrong_or_missing_signature_gets_401_and_stores_nothing(db: TestDb) {
    let (server, api, db) = whatsapp_server(db).await;
    let body = wa_text("6282222222222", "wamid.x", "halo");
    let client = reqwest::Client::new();
    let url = format!("http://{}/webhooks/whatsapp", server.addr);
    let wrong = client
        .post(&url)
        .header(
            "x-hub-signature-256",
            meta_signature(&body.replace("halo", "hapus")),
        )
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let missing = client.post(&url).body(body.clone()).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(api.received().is_empty());
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    assert_eq!(count(&store, "select count(*) from inbound").await, 0);
    assert_eq!(count(&store, "select count(*) from contacts").await, 0);
    server.stop().await.unwrap();
}

async fn malformed_bodies_get_a_precise_400_and_huge_ones_413(db: TestDb) {
    let (server, _api, _db) = whatsapp_server(db).await;
    let client = reqwest::Client::new();
    let url = format!("http://{}/webhooks/whatsapp", server.addr);
    let body = r#"{"entry": []}"#;
    let response = client
        .post(&url)
        .header("x-hub-signature-256", meta_signature(body))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("missing field `object`")
    );
    let huge = "x".repeat(4 * 1024 * 1024);
    let response = client
        .post(&url)
        .header("x-hub-signature-256", meta_signature(&huge))
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    server.stop().await.unwrap();
}

async fn the_subscription_check_answers_the_challenge_only_with_the_right_token(db: TestDb) {
    let (server, _api, _db) = whatsapp_server(db).await;
    let base = format!("http://{}/webhooks/whatsapp", server.addr);
    let ok = reqwest::get(format!(
        "{base}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345"
    ))
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "12345");
    let wrong = reqwest::get(format!(
        "{base}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345"
    ))
    .await
    .unwrap();
    assert_eq!(wrong.status(), 403);
    server.stop().await.unwrap();
}

async fn the_same_message_delivered_three_times_gets_one_reply(db: TestDb) {
    let (server, api, _db) = whatsapp_server(db).await;
    let body = wa_text("6283333333333", "wamid.same", "halo");
    for _ in 0..3 {
        assert_eq!(post_whatsapp(server.addr, &body).await, 200);
    }
    // The same id twice inside one payload, too.
    let mut twice: serde_json::Value = serde_json::from_str(&body).unwrap();
    let m = twice["entry"][0]["changes"][0]["value"]["messages"][0].clone();
    twice["entry"][0]["changes"][0]["value"]["messages"] = serde_json::json!([m, m]);
    assert_eq!(post_whatsapp(server.addr, &twice.to_string()).await, 200);
    let sent = api.wait_for(2, 10).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(api.received().len(), sent.len());
    assert_eq!(
        sent.len(),
        2,
        "one greeting and one language menu: {:?}",
        wa_texts(&sent)
    );
    server.stop().await.unwrap();
}

async fn replies_arrive_exactly_once_after_500s_and_429s(db: TestDb) {
    let api = Receiver::whatsapp().await;
    api.then(2, 500, "upstream error");
    let wa = whatsapp_flags(&api);
    // A controllable clock: the retries are minutes apart.
    let clock = office_clock();
    let server =
        start_with_clock(config(&db, &flags(&wa)), std::sync::Arc::new(clock.clone())).await;
    post_whatsapp(server.addr, &wa_text("6284444444444", "wamid.r1", "halo")).await;
    let moved = eventually(20, async || {
        clock.advance(5 * 60_000);
        server.app.wake_sender.notify_one();
        api.received().len() >= 4
    })
    .await;
    assert!(moved);
    // Two 500s, then accepted: the greeting goes out once, then the menu.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = api.received();
    let texts = wa_texts(&sent);
    assert_eq!(sent.len(), 4, "{texts:?}");
    assert_eq!(texts[0], texts[1]);
    assert_eq!(
        texts[1], texts[2],
        "the same greeting was attempted three times"
    );
    assert!(
        texts[3].contains("bahasa"),
        "then the next message, in order: {texts:?}"
    );
    server.stop().await.unwrap();

    // WhatsApp's pair rate limit comes back as a 403 with code 131056: retried soon.
    let api = Receiver::whatsapp().await;
    api.then(
        1,
        403,
        r#"{"error":{"code":131056,"message":"pair rate limit hit"}}"#,
    );
    let wa = whatsapp_flags(&api);
    let server = start(config(&db, &flags(&wa))).await;
    post_whatsapp(server.addr, &wa_text("6284444444445", "wamid.r2", "halo")).await;
    let sent = api.wait_for(3, 20).await;
    assert_eq!(sent.len(), 3, "{:?}", wa_texts(&sent));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        api.received().len(),
        3,
        "delivered exactly once after the throttle"
    );
    server.stop().await.unwrap();
}

async fn a_permanent_error_ends_as_failed(db: TestDb) {
    let api = Receiver::whatsapp().await;
    api.set_default(
        400,
        r#"{"error":{"code":131026,"message":"Message undeliverable"}}"#,
    );
    let wa = whatsapp_flags(&api);
    let server = start(config(&db, &flags(&wa))).await;
    post_whatsapp(server.addr, &wa_text("6285555555555", "wamid.p", "halo")).await;
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    assert!(
        eventually(10, async || count(
            &store,
            "select count(*) from outbox where state = 'failed'"
        )
        .await
            == 2)
        .await,
        "both messages are marked failed"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let texts = wa_texts(&api.received());
    assert_eq!(
        texts.len(),
        2,
        "each was tried once, never again: {texts:?}"
    );
    assert_ne!(texts[0], texts[1]);
    server.stop().await.unwrap();
}

async fn statuses_only_move_forward_and_early_ones_are_kept(db: TestDb) {
    let (server, api, db) = whatsapp_server(db).await;
    post_whatsapp(server.addr, &wa_text("6286666666666", "wamid.s", "halo")).await;
    api.wait_for(2, 10).await;
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    assert!(
        eventually(10, async || count(
            &store,
            "select count(*) from outbox where state = 'sent'"
        )
        .await
            == 2)
        .await
    );
    // read, then a late delivered: stays read.
    post_whatsapp(server.addr, &wa_status("wamid.OUT-1", "read", None)).await;
    post_whatsapp(server.addr, &wa_status("wamid.OUT-1", "delivered", None)).await;
    assert_eq!(store.outbox_state(1).await.unwrap(), "read");
    // A status for a message not sent yet is kept, not lost (checked by its row in statuses).
    post_whatsapp(server.addr, &wa_status("wamid.FUTURE", "delivered", None)).await;
    assert_eq!(
        count(
            &store,
            "select count(*) from statuses where provider_message_id = 'wamid.FUTURE'"
        )
        .await,
        1
    );
    server.stop().await.unwrap();
}

async fn outside_the_24_hour_window_a_template_goes_and_the_message_waits_for_the_teen(db: TestDb) {
    let api = Receiver::whatsapp().await;
    let wa = whatsapp_flags(&api);
    let clock = office_clock();
    let server =
        start_with_clock(config(&db, &flags(&wa)), std::sync::Arc::new(clock.clone())).await;
    let from = "6287777777777";
    post_whatsapp(server.addr, &wa_text(from, "wamid.w1", "halo")).await;
    api.wait_for(2, 10).await;
    // The teen goes quiet; a day later a counsellor-style message is queued for them.
    clock.advance(25 * 3_600_000);
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    exec(
        &store,
        "insert into outbox (contact_id, channel, kind, priority, body, state, next_attempt_at, created_at)
             values (1, 'whatsapp', 'counsellor', 1, '{\"text\":\"Halo, ini kakak konselor.\"}', 'pending', 0, 0)",
    )
    .await;
    server.app.wake_sender.notify_one();
    let sent = api.wait_for(3, 10).await;
    assert_eq!(
        sent[2].json()["type"],
        "template",
        "free text is never sent outside the window"
    );
    assert_eq!(sent[2].json()["template"]["name"], "genre_pesan_baru");
    assert!(
        eventually(5, async || count(
            &store,
            "select count(*) from outbox where state = 'held'"
        )
        .await
            == 1)
        .await
    );
    // The teen answers: the window reopens and the held message goes.
    post_whatsapp(
        server.addr,
        &wa_text_at(
            from,
            "wamid.w2",
            "iya kak",
            genre::clock::Clock::now_ms(&clock) / 1000,
        ),
    )
    .await;
    // The bot answers "iya kak" too, so wait for the held message itself.
    let released = eventually(10, async || {
        wa_texts(&api.received())
            .iter()
            .any(|t| t == "Halo, ini kakak konselor.")
    })
    .await;
    assert!(released, "{:?}", wa_texts(&api.received()));
    server.stop().await.unwrap();
}

async fn sms_replies_are_numbered_menus_in_gsm7_through_the_gateway_phone(db: TestDb) {
    let phone = Receiver::start(202, r#"{"id":"x","state":"Pending"}"#).await;
    let server = start(config(
        &db,
        &[
            "--smsgate-api-url",
            &phone.url,
            "--smsgate-user",
            "u",
            "--smsgate-password",
            "p",
            "--smsgate-signing-key",
            "key",
            "--smsgate-rate",
            "100",
        ],
    ))
    .await;
    let client = reqwest::Client::new();
    let url = format!("http://{}/webhooks/smsgate", server.addr);
    let post = |body: String, ts: i64, key: &'static str| {
        let client = client.clone();
        let url = url.clone();
        async move {
            client
                .post(url)
                .header("x-signature", smsgate::sign(key, body.as_bytes(), ts))
                .header("x-timestamp", ts.to_string())
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let now = chrono::Utc::now().timestamp();
    let body = r#"{"deviceId":"d","event":"sms:received","id":"evt-1","webhookId":"w","payload":{"messageId":"m","message":"halo","phoneNumber":"+6281234500000","receivedAt":"2026-11-23T10:00:00+07:00"}}"#;
    assert_eq!(post(body.into(), now, "wrong").await, 401, "wrong key");
    assert_eq!(
        post(body.into(), now - 3600, "key").await,
        401,
        "outside the replay window"
    );
    assert_eq!(post(body.into(), now, "key").await, 200);
    assert_eq!(
        post(body.into(), now, "key").await,
        200,
        "a retry of the same event is acknowledged"
    );
    let sent = phone.wait_for(2, 10).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].path, "/message");
    assert_eq!(sent[0].headers["authorization"], "Basic dTpw");
    let menu = sent[1].json();
    assert_eq!(menu["phoneNumbers"][0], "+6281234500000");
    let text = menu["message"].as_str().unwrap();
    assert!(
        text.contains("\n1. Bahasa Indonesia\n2. Basa Jawa\n3. English"),
        "{text}"
    );
    assert_eq!(
        genre::render::sms_segments(text).0,
        genre::render::Encoding::Gsm7
    );
    assert!(menu["id"].as_str().unwrap().starts_with("genre-"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        phone.received().len(),
        2,
        "the duplicate event produced no second reply"
    );
    server.stop().await.unwrap();
}

async fn telegram_menus_are_inline_keyboards_and_taps_are_answered(db: TestDb) {
    let api = Receiver::start(200, r#"{"ok":true,"result":{"message_id":{n}}}"#).await;
    let server = start(config(
        &db,
        &[
            "--telegram-token",
            "123:abc",
            "--telegram-secret",
            "s3cret",
            "--telegram-api-url",
            &api.url,
        ],
    ))
    .await;
    let client = reqwest::Client::new();
    let url = format!("http://{}/webhooks/telegram", server.addr);
    let update = format!(
        r#"{{"update_id":1,"message":{{"message_id":1,"date":{},"chat":{{"id":4242,"type":"private"}},"text":"/start"}}}}"#,
        unix_now()
    );
    let refused = client
        .post(&url)
        .header("x-telegram-bot-api-secret-token", "nope")
        .body(update.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let ok = client
        .post(&url)
        .header("x-telegram-bot-api-secret-token", "s3cret")
        .body(update.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let sent = api.wait_for(2, 10).await;
    assert_eq!(sent[1].path, "/bot123:abc/sendMessage");
    let keyboard = &sent[1].json()["reply_markup"]["inline_keyboard"];
    assert_eq!(keyboard[0][0]["callback_data"], "salam/hello/id");
    assert_eq!(keyboard.as_array().unwrap().len(), 3);
    let tap = r#"{"update_id":2,"callback_query":{"id":"cb-7","from":{"id":4242},"message":{"message_id":2,"chat":{"id":4242}},"data":"salam/hello/en"}}"#;
    client
        .post(&url)
        .header("x-telegram-bot-api-secret-token", "s3cret")
        .body(tap)
        .send()
        .await
        .unwrap();
    let sent = api.wait_for(4, 10).await;
    assert!(sent.iter().any(
        |r| r.path.ends_with("/answerCallbackQuery") && r.json()["callback_query_id"] == "cb-7"
    ));
    server.stop().await.unwrap();
}

async fn twilio_inbound_is_verified_against_the_public_url_and_replied_through_rest(db: TestDb) {
    let api = Receiver::start(201, r#"{"sid":"SM{n}","status":"queued"}"#).await;
    let public = "https://genre.example.org";
    let server = start(config(
        &db,
        &[
            "--twilio-account-sid",
            "AC123",
            "--twilio-auth-token",
            "tok",
            "--twilio-from",
            "+15550000000",
            "--twilio-api-url",
            &api.url,
            "--public-url",
            public,
        ],
    ))
    .await;
    let params: Vec<(String, String)> = [
        ("MessageSid", "SM1"),
        ("From", "+6281299999999"),
        ("To", "+15550000000"),
        ("Body", "halo"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let body = serde_urlencoded::to_string(&params).unwrap();
    let client = reqwest::Client::new();
    let url = format!("http://{}/webhooks/twilio", server.addr);
    let bad = client
        .post(&url)
        .header(
            "x-twilio-signature",
            twilio::signature("tok", "https://other.example.org/webhooks/twilio", &params),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let good = client
        .post(&url)
        .header(
            "x-twilio-signature",
            twilio::signature("tok", &format!("{public}/webhooks/twilio"), &params),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 200);
    assert!(good.text().await.unwrap().contains("<Response/>"));
    let sent = api.wait_for(2, 10).await;
    assert_eq!(sent[0].path, "/2010-04-01/Accounts/AC123/Messages.json");
    let form: std::collections::HashMap<String, String> = sent[0].form().into_iter().collect();
    assert_eq!(form["To"], "+6281299999999");
    assert!(
        form["StatusCallback"].starts_with(&format!("{public}/webhooks/twilio/status?outbox="))
    );
    server.stop().await.unwrap();
}

async fn an_opted_out_teen_receives_nothing_but_the_confirmation(db: TestDb) {
    let (server, api, db) = whatsapp_server(db).await;
    let from = "6288888888888";
    post_whatsapp(server.addr, &wa_text(from, "wamid.o1", "halo")).await;
    api.wait_for(2, 10).await;
    post_whatsapp(server.addr, &wa_text(from, "wamid.o2", "STOP")).await;
    let sent = api.wait_for(3, 10).await;
    assert!(wa_texts(&sent)[2].contains("berhenti"));
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    exec(
        &store,
        "insert into outbox (contact_id, channel, kind, priority, body, state, next_attempt_at, created_at)
             values (1, 'whatsapp', 'broadcast', 2, '{\"text\":\"Acara GenRe!\"}', 'pending', 0, 0)",
    )
    .await;
    server.app.wake_sender.notify_one();
    assert!(
        eventually(5, async || count(
            &store,
            "select count(*) from outbox where state = 'cancelled'"
        )
        .await
            == 1)
        .await
    );
    assert_eq!(api.received().len(), 3);
    server.stop().await.unwrap();
}

async fn health_readiness_and_metrics_answer(db: TestDb) {
    let (server, api, _db) = whatsapp_server(db).await;
    post_whatsapp(server.addr, &wa_text("6289999999999", "wamid.m", "halo")).await;
    api.wait_for(2, 10).await;
    let base = format!("http://{}", server.addr);
    assert_eq!(
        reqwest::get(format!("{base}/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        reqwest::get(format!("{base}/readyz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ready\n"
    );
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("genre_messages_received_total{channel=\"whatsapp\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("genre_end_to_end_seconds_count"),
        "{metrics}"
    );
    server.stop().await.unwrap();
}

/// Sends "halo kak" from each number at once; returns, per number, how long its first reply
/// took to reach the fake Graph API, and every webhook's status.
async fn first_replies(
    server: std::net::SocketAddr,
    api: &Receiver,
    numbers: &[String],
    extra: Option<String>,
) -> (Vec<Duration>, Vec<u16>) {
    let mut posts = Vec::new();
    // The extra message is stored first, so that the worker has it in hand when the others
    // arrive.
    let mut statuses = Vec::new();
    if let Some(body) = extra {
        statuses.push(post_whatsapp(server, &body).await);
    }
    let started = tokio::time::Instant::now();
    for (i, number) in numbers.iter().enumerate() {
        let body = wa_text(number, &format!("wamid.{number}.{i}"), "halo kak");
        posts.push(tokio::spawn(
            async move { post_whatsapp(server, &body).await },
        ));
    }
    let mut arrived: Vec<Option<Duration>> = vec![None; numbers.len()];
    let deadline = started + Duration::from_secs(60);
    while arrived.iter().any(Option::is_none) && tokio::time::Instant::now() < deadline {
        let received = api.received();
        for (i, number) in numbers.iter().enumerate() {
            if arrived[i].is_none() && received.iter().any(|r| r.json()["to"] == number.as_str()) {
                arrived[i] = Some(started.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for post in posts {
        statuses.push(post.await.unwrap());
    }
    let times = arrived
        .into_iter()
        .map(|t| t.unwrap_or(Duration::from_secs(999)))
        .collect();
    (times, statuses)
}

async fn a_100000_character_message_holds_up_no_other_teen(db: TestDb) {
    // Arrange: the usual time for five teens who write at once.
    let (server, api, db) = whatsapp_server(db).await;
    let numbers = |base: u64| -> Vec<String> { (0..5).map(|i| format!("{}", base + i)).collect() };
    let (usual, statuses) = first_replies(server.addr, &api, &numbers(6281300000000), None).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let usual = usual.into_iter().max().unwrap();
    // Words that nearly match many rules at every position: the worst case for the matcher.
    let long: String = "aku mau tanya soal nikah muda dan haid telat kak "
        .chars()
        .cycle()
        .take(100_000)
        .collect();
    let long_body = wa_text("6281399999999", "wamid.long", &long);

    // Act: the long message and five other teens' messages, at the same moment.
    let (times, statuses) =
        first_replies(server.addr, &api, &numbers(6281310000000), Some(long_body)).await;

    let health = tokio::time::Instant::now();
    let healthz = reqwest::get(format!("http://{}/healthz", server.addr))
        .await
        .unwrap();
    let health = health.elapsed();

    // Assert: no error for anyone, and the five answered in about their usual time (before,
    // they waited 14 s behind the long message).
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(healthz.status(), 200);
    assert!(health < Duration::from_secs(1), "/healthz took {health:?}");
    let allowed = usual * 3 + Duration::from_millis(1500);
    for (i, t) in times.iter().enumerate() {
        assert!(
            *t <= allowed,
            "teen {i} answered after {t:?}; usually {usual:?}"
        );
    }
    // The long message is answered too, and kept whole for a counsellor.
    let answered = eventually(30, async || {
        api.received()
            .iter()
            .any(|r| r.json()["to"] == "6281399999999")
    })
    .await;
    assert!(answered, "the long message gets a reply");
    let store = genre::store::Db::open(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    let stored = count(
        &store,
        "select count(*) from inbound where length(event) > 100000",
    )
    .await;
    assert_eq!(stored, 1, "the whole text is stored");
    server.stop().await.unwrap();
}

common::on_both!(
    a_100000_character_message_holds_up_no_other_teen,
    a_signed_whatsapp_text_gets_a_reply_with_the_token_the_number_id_and_the_recipient,
    button_and_list_replies_route_by_id,
    a_wrong_or_missing_signature_gets_401_and_stores_nothing,
    malformed_bodies_get_a_precise_400_and_huge_ones_413,
    the_subscription_check_answers_the_challenge_only_with_the_right_token,
    the_same_message_delivered_three_times_gets_one_reply,
    replies_arrive_exactly_once_after_500s_and_429s,
    a_permanent_error_ends_as_failed,
    statuses_only_move_forward_and_early_ones_are_kept,
    outside_the_24_hour_window_a_template_goes_and_the_message_waits_for_the_teen,
    sms_replies_are_numbered_menus_in_gsm7_through_the_gateway_phone,
    telegram_menus_are_inline_keyboards_and_taps_are_answered,
    twilio_inbound_is_verified_against_the_public_url_and_replied_through_rest,
    an_opted_out_teen_receives_nothing_but_the_confirmation,
    health_readiness_and_metrics_answer,
);
