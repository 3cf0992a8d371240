//! Counsellors and the console, end to end over HTTP: cases opened by real teen messages through
//! the WhatsApp webhook, routing and the SLA timer on a clock the test controls, the console's
//! pages and forms as a browser would use them (cookies, CSRF tokens), permissions, lockout.

mod common;

use common::console::{Console, PASSWORD, add_counsellor};
use common::world::*;
use common::*;
use genre::clock::ManualClock;
use genre::dispatch;
use genre::store::counsellors::Role;

const MINUTE: i64 = 60_000;

const ANA: &str = "6281100000001";
const BUDI: &str = "6281100000002";
const CITRA: &str = "6281100000003";
const DEWI: &str = "6281100000004";

async fn cases_go_urgent_first_then_oldest_to_whoever_has_room_and_covers_them(db: TestDb) {
    let w = world(db, &[]).await;
    // Nobody is on duty yet: four cases wait in the queue.
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "KONSELOR").await;
    w.open_cases(1).await;
    w.clock.advance(MINUTE);
    w.onboard(BUDI, "gempol").await;
    w.text(BUDI, "KONSELOR").await;
    w.open_cases(2).await;
    w.clock.advance(MINUTE);
    w.text(CITRA, "aku mau dinikahkan minggu depan, aku ga mau")
        .await;
    w.open_cases(3).await;
    w.clock.advance(MINUTE);
    w.text(DEWI, "aku pengen mati aja").await;
    let cases = w.open_cases(4).await;
    let [ana, budi, citra, dewi] = [&cases[0], &cases[1], &cases[2], &cases[3]].map(|c| c.id);
    assert!(
        !cases[0].urgent && !cases[1].urgent && cases[2].urgent && cases[3].urgent,
        "{cases:#?}"
    );
    dispatch::tick(w.app()).await.unwrap();
    assert!(
        w.open_cases(4).await.iter().all(|c| c.status == "waiting"),
        "nobody is available"
    );

    // A counsellor with room for two takes the two urgent cases, though two normal ones are older.
    let nia = add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 2, false).await;
    dispatch::tick(w.app()).await.unwrap();
    assert_eq!(w.case(citra).await.assignee_id, Some(nia));
    assert_eq!(w.case(dewi).await.assignee_id, Some(nia));
    assert_eq!(w.case(ana).await.status, "waiting", "nia is full");

    // An away counsellor gets nothing; one who covers only gempol still takes the oldest case
    // (bangil), as nobody who covers bangil has room.
    let rudi = add_counsellor(
        w.app(),
        "rudi",
        Role::Counsellor,
        &["counsellor_request"],
        &["gempol"],
        1,
        false,
    )
    .await;
    let away = add_counsellor(w.app(), "away", Role::Counsellor, &[], &[], 5, true).await;
    dispatch::tick(w.app()).await.unwrap();
    assert_eq!(
        w.case(ana).await.assignee_id,
        Some(rudi),
        "oldest first, to anyone available"
    );
    assert_eq!(
        w.case(budi).await.status,
        "waiting",
        "rudi is full and the other is away"
    );

    // Coming back from away: the last case goes to her.
    w.app().db.set_available(away, true).await.unwrap();
    dispatch::tick(w.app()).await.unwrap();
    assert_eq!(w.case(budi).await.assignee_id, Some(away));

    // A disabled counsellor's cases go back to the queue, and to a colleague with room.
    let lina = add_counsellor(
        w.app(),
        "lina",
        Role::Counsellor,
        &["violence/crisis"],
        &[],
        3,
        false,
    )
    .await;
    w.app().db.disable_counsellor(nia).await.unwrap();
    dispatch::tick(w.app()).await.unwrap();
    assert_eq!(
        w.case(dewi).await.assignee_id,
        Some(lina),
        "lina covers violence/crisis"
    );
    assert_eq!(
        w.case(citra).await.assignee_id,
        Some(away),
        "forced marriage: anyone with room"
    );
    w.server.stop().await.unwrap();
}

async fn while_a_case_is_open_the_bot_is_quiet_and_the_counsellor_speaks_through_the_teens_channel(
    db: TestDb,
) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, false).await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "KONSELOR").await;
    assert!(w.wait_sent(ANA, "manusia, bukan bot").await);
    let case = w.open_cases(1).await[0].clone();
    assert!(
        eventually(10, async || w.case(case.id).await.status == "assigned").await,
        "the dispatcher assigns the case at once"
    );

    // The teen's messages go to the case, not to the bot.
    let before = w.sent_to(ANA).len();
    w.text(ANA, "menu").await;
    w.text(ANA, "aku mau cerita soal pacarku <script>alert(1)</script>")
        .await;
    w.settle().await;
    assert_eq!(
        w.sent_to(ANA).len(),
        before,
        "the bot stays silent: {:?}",
        w.sent_to(ANA)
    );

    // The counsellor sees the conversation, escaped, and answers.
    let mut nia = w.console("nia").await;
    let page = nia.get(&format!("/console/cases/{}", case.id)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("aku mau cerita soal pacarku &lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(
        !page.body.contains("<script>alert(1)"),
        "a teen's markup is never run"
    );
    assert!(!page.body.contains(ANA), "counsellors never see the number");
    assert!(page.body.contains(&case.pseudonym));
    let answer = nia
        .post(
            &format!("/console/cases/{}/reply", case.id),
            &[("text", "Halo, aku kak Nia. Cerita aja ya.")],
        )
        .await;
    assert_eq!(answer.status, 303);
    assert!(
        w.wait_sent(ANA, "aku kak Nia").await,
        "the reply goes out on WhatsApp"
    );
    assert!(w.case(case.id).await.first_reply_at.is_some());

    // TOLONG still answers during a case, with the numbers.
    w.text(ANA, "TOLONG").await;
    assert!(w.wait_sent(ANA, "0811-1129-129").await);

    // Closing hands the teen back to the bot, which asks one question.
    let closed = nia
        .post(
            &format!("/console/cases/{}/close", case.id),
            &[("outcome", "answered")],
        )
        .await;
    assert_eq!(closed.status, 303);
    assert!(w.wait_sent(ANA, "Apakah obrolan tadi membantu?").await);
    w.tap(ANA, "feedback/ask/yes").await;
    assert!(w.wait_sent(ANA, "Makasih jawabannya").await);
    let case = w.case(case.id).await;
    assert_eq!(
        (case.status.as_str(), case.outcome.as_deref()),
        ("closed", Some("answered"))
    );
    w.server.stop().await.unwrap();
}

async fn an_urgent_case_nobody_answers_in_ten_minutes_reassures_the_teen_and_alerts_supervisors(
    db: TestDb,
) {
    let w = world(db, &[]).await;
    let sari = add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    w.app()
        .db
        .set_counsellor_phone(sari, Some("6281199999999"))
        .await
        .unwrap();
    w.text(DEWI, "aku pengen mati aja").await;
    let case = w.open_cases(1).await[0].clone();
    assert!(w.wait_sent(DEWI, "112").await);
    let before = w.sent_to(DEWI).len();

    w.clock.advance(9 * MINUTE + 59_000);
    dispatch::tick(w.app()).await.unwrap();
    w.settle().await;
    assert_eq!(w.sent_to(DEWI).len(), before, "not yet");
    assert!(w.app().db.open_alerts().await.unwrap().is_empty());

    w.clock.advance(1_000);
    dispatch::tick(w.app()).await.unwrap();
    assert!(
        w.wait_sent(DEWI, "belum sempat membalas").await,
        "{:?}",
        w.sent_to(DEWI)
    );
    assert!(w.sent_to(DEWI).last().unwrap().contains("112"));
    assert!(
        eventually(10, async || !w
            .api
            .received()
            .iter()
            .all(|r| r.json()["to"] != "6281199999999"))
        .await,
        "the supervisor's phone is messaged"
    );
    let alerts = w.app().db.open_alerts().await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].1, case.id);
    let mut console = w.console("sari").await;
    assert!(
        console
            .get("/console")
            .await
            .body
            .contains(&format!("#{}", case.id))
    );

    // Once only.
    let after = w.sent_to(DEWI).len();
    dispatch::tick(w.app()).await.unwrap();
    w.clock.advance(10 * MINUTE);
    dispatch::tick(w.app()).await.unwrap();
    w.settle().await;
    assert_eq!(w.sent_to(DEWI).len(), after);

    // A case answered in time raises nothing; the reply also settles the first alert.
    w.text(CITRA, "aku mau dinikahkan minggu depan, aku ga mau")
        .await;
    let second = w.open_cases(2).await[1].clone();
    w.clock.advance(5 * MINUTE);
    console.get(&format!("/console/cases/{}", case.id)).await;
    console
        .post(
            &format!("/console/cases/{}/reply", case.id),
            &[("text", "Aku di sini, kamu aman sekarang?")],
        )
        .await;
    console.get(&format!("/console/cases/{}", second.id)).await;
    console
        .post(
            &format!("/console/cases/{}/reply", second.id),
            &[("text", "Halo, aku kak Sari.")],
        )
        .await;
    w.clock.advance(10 * MINUTE);
    dispatch::tick(w.app()).await.unwrap();
    let second = w.case(second.id).await;
    assert!(second.sla_alerted_at.is_none(), "{second:?}");
    assert!(
        w.app().db.open_alerts().await.unwrap().is_empty(),
        "answered: the alert is settled"
    );
    w.server.stop().await.unwrap();
}

async fn outside_office_hours_the_teen_hears_when_someone_will_answer_and_the_24_hour_numbers(
    db: TestDb,
) {
    // Monday 22:00 in Jakarta.
    let w = world_at(
        db,
        ManualClock::new(1_795_399_200_000 + 13 * 3_600_000),
        &[],
    )
    .await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "KONSELOR").await;
    assert!(w.wait_sent(ANA, "di luar jam kerja").await);
    let told = w
        .sent_to(ANA)
        .into_iter()
        .find(|t| t.contains("di luar jam kerja"))
        .unwrap();
    assert!(
        told.contains("Senin") && told.contains("112") && told.contains("24 jam"),
        "{told}"
    );
    // An urgent case at night: the wait message is honest about the hours too.
    w.text(DEWI, "aku pengen mati aja").await;
    w.open_cases(2).await;
    w.clock.advance(10 * MINUTE);
    dispatch::tick(w.app()).await.unwrap();
    assert!(
        w.wait_sent(DEWI, "di luar jam kerja kakak konselor").await,
        "{:?}",
        w.sent_to(DEWI)
    );
    w.server.stop().await.unwrap();
}

async fn counsellors_see_only_their_cases_and_only_supervisors_reveal_numbers_with_a_logged_reason(
    db: TestDb,
) {
    let w = world(db, &[]).await;
    add_counsellor(
        w.app(),
        "gempol",
        Role::Counsellor,
        &["counsellor_request"],
        &["gempol"],
        3,
        true,
    )
    .await;
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "KONSELOR").await;
    w.onboard(BUDI, "gempol").await;
    w.text(BUDI, "KONSELOR").await;
    let cases = w.open_cases(2).await;
    let (bangil, gempol) = if cases[0].kecamatan.as_deref() == Some("bangil") {
        (&cases[0], &cases[1])
    } else {
        (&cases[1], &cases[0])
    };

    let mut g = w.console("gempol").await;
    let queue = g.get("/console").await.body;
    assert!(
        queue.contains(&gempol.pseudonym) && !queue.contains(&bangil.pseudonym),
        "{queue}"
    );
    assert_eq!(
        g.get(&format!("/console/cases/{}", bangil.id)).await.status,
        403
    );
    assert_eq!(
        g.get(&format!("/console/cases/{}/lines", bangil.id))
            .await
            .status,
        403
    );
    g.get(&format!("/console/cases/{}", gempol.id)).await;
    assert_eq!(
        g.post(
            &format!("/console/cases/{}/reply", bangil.id),
            &[("text", "x")]
        )
        .await
        .status,
        403
    );
    let refused = g
        .post(
            &format!("/console/cases/{}/reveal", gempol.id),
            &[("reason", "ingin menelepon langsung")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(!refused.body.contains(BUDI));
    assert_eq!(g.get("/console/admin").await.status, 403);
    assert_eq!(g.get("/console/audit").await.status, 403);

    let mut sari = w.console("sari").await;
    let queue = sari.get("/console").await.body;
    assert!(queue.contains(&gempol.pseudonym) && queue.contains(&bangil.pseudonym));
    sari.get(&format!("/console/cases/{}", bangil.id)).await;
    let short = sari
        .post(
            &format!("/console/cases/{}/reveal", bangil.id),
            &[("reason", "perlu")],
        )
        .await;
    assert_eq!(short.status, 400, "a reason is required");
    let shown = sari
        .post(
            &format!("/console/cases/{}/reveal", bangil.id),
            &[("reason", "rujukan darurat ke UPTD PPA")],
        )
        .await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains(ANA));
    let log = w.app().db.audit_log(50).await.unwrap();
    assert!(
        log.iter().any(|l| l.action == "number.reveal"
            && l.detail.as_deref() == Some("rujukan darurat ke UPTD PPA")
            && l.actor.as_deref() == Some("sari")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|l| l.action == "case.view" && l.target == Some(format!("case {}", gempol.id)))
    );
    w.server.stop().await.unwrap();
}

async fn every_form_needs_its_token_and_cookies_are_http_only_and_strict(db: TestDb) {
    let w = world(db, &["--public-url", "https://genre.example.org"]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    w.text(DEWI, "aku pengen mati aja").await;
    let case = w.open_cases(1).await[0].clone();

    // The login form itself: without the cookie that goes with its token, refused.
    let mut stranger = Console::new(w.server.addr);
    let refused = stranger
        .post_raw(
            "/console/login",
            &[("login", "nia"), ("password", PASSWORD), ("csrf", "guess")],
        )
        .await;
    assert_eq!(refused.status, 403);

    let mut nia = Console::new(w.server.addr);
    nia.get("/console/login").await;
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://{}/console/login", w.server.addr))
        .send()
        .await
        .unwrap();
    let set = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"),
        "{set}"
    );
    assert_eq!(nia.login("nia", PASSWORD).await.status, 303);

    nia.get(&format!("/console/cases/{}", case.id)).await;
    let path = format!("/console/cases/{}/reply", case.id);
    let forged = nia
        .post_raw(&path, &[("csrf", "forged"), ("text", "hi")])
        .await;
    assert_eq!(forged.status, 403);
    let missing = nia.post_raw(&path, &[("text", "hi")]).await;
    assert!((400..500).contains(&missing.status), "{}", missing.status);
    for (path, form) in [
        (
            format!("/console/cases/{}/close", case.id),
            vec![("csrf", "x"), ("outcome", "answered")],
        ),
        (
            format!("/console/cases/{}/take", case.id),
            vec![("csrf", "x")],
        ),
        (
            format!("/console/cases/{}/note", case.id),
            vec![("csrf", "x"), ("body", "n")],
        ),
        (
            "/console/availability".to_string(),
            vec![("csrf", "x"), ("available", "no")],
        ),
        ("/console/logout".to_string(), vec![("csrf", "x")]),
    ] {
        assert_eq!(nia.post_raw(&path, &form).await.status, 403, "{path}");
    }
    w.settle().await;
    let case = w.case(case.id).await;
    assert_eq!(case.first_reply_at, None, "nothing was sent");
    assert_ne!(case.status, "closed");
    assert!(!w.sent_to(DEWI).iter().any(|t| t == "hi"));
    // With the token, the same form works.
    assert_eq!(nia.post(&path, &[("text", "hi")]).await.status, 303);
    assert!(w.wait_sent(DEWI, "hi").await);
    // Signed out, the pages send you to the login form.
    assert_eq!(nia.post("/console/logout", &[]).await.status, 303);
    assert_eq!(
        nia.get("/console").await.location.as_deref(),
        Some("/console/login")
    );
    w.server.stop().await.unwrap();
}

async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes(db: TestDb) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    let mut c = Console::new(w.server.addr);
    for attempt in 1..=5 {
        let page = c.login("nia", "salah sekali lagi").await;
        assert_eq!(page.status, 401, "attempt {attempt}");
    }
    let page = c.login("nia", PASSWORD).await;
    assert_eq!(page.status, 401, "locked, even with the right password");
    assert!(page.body.contains("dikunci"), "{}", page.body);
    w.clock.advance(15 * MINUTE + 1);
    assert_eq!(c.login("nia", PASSWORD).await.status, 303);
    // An unknown login is answered exactly like a wrong password.
    let mut other = Console::new(w.server.addr);
    let unknown = other.login("siapa", PASSWORD).await;
    let wrong = other.login("nia", "bukan ini sandinya").await;
    assert_eq!(unknown.status, wrong.status);
    w.server.stop().await.unwrap();
}

async fn one_address_gets_twenty_login_attempts_per_ten_minutes(db: TestDb) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    let mut c = Console::new(w.server.addr);
    // Many logins, a few attempts each: the lockout never triggers, the address limit does.
    for n in 0..20 {
        c.login(&format!("orang{n}"), "salah").await;
    }
    let page = c.login("nia", PASSWORD).await;
    assert_eq!(page.status, 401);
    assert!(
        page.body.contains("Terlalu banyak percobaan"),
        "{}",
        page.body
    );
    w.clock.advance(10 * MINUTE + 1);
    assert_eq!(c.login("nia", PASSWORD).await.status, 303);
    w.server.stop().await.unwrap();
}

async fn after_the_24_hour_window_the_case_says_which_template_will_go(db: TestDb) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    w.text(DEWI, "aku pengen mati aja").await;
    let case = w.open_cases(1).await[0].clone();
    let mut nia = w.console("nia").await;
    let open = nia.get(&format!("/console/cases/{}", case.id)).await;
    assert_eq!(open.status, 200, "{open:?}");
    let open = open.body;
    assert!(open.contains("Jendela WhatsApp 24 jam terbuka"), "{open}");
    w.clock.advance(25 * 60 * MINUTE);
    let expired = nia.get(&format!("/console/cases/{}", case.id)).await;
    assert_eq!(
        expired.location.as_deref(),
        Some("/console/login"),
        "a session lasts 12 hours"
    );
    let mut nia = w.console("nia").await;
    let closed = nia.get(&format!("/console/cases/{}", case.id)).await.body;
    assert!(closed.contains("genre_pesan_baru"), "{closed}");
    w.server.stop().await.unwrap();
}

async fn canned_replies_are_in_the_teens_language_and_the_console_speaks_english_on_request(
    db: TestDb,
) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "nia", Role::Counsellor, &[], &[], 3, true).await;
    w.text(ANA, "hello").await;
    w.tap(ANA, "salam/hello/en").await;
    w.tap(ANA, "salam/age/16").await;
    w.tap(ANA, "salam/notice/yes").await;
    w.text(ANA, "COUNSELLOR").await;
    let case = w.open_cases(1).await[0].clone();
    let mut nia = w.console("nia").await;
    let page = nia.get(&format!("/console/cases/{}", case.id)).await.body;
    assert!(
        page.contains("Balasan untuk remaja"),
        "the console is in Indonesian by default"
    );
    let english_canned = w
        .app()
        .bundle
        .texts
        .format("en", "console-canned-greeting", None)
        .unwrap();
    assert!(
        page.contains(&maud::html! { (english_canned) }.into_string()),
        "{page}"
    );
    nia.post("/console/lang", &[("lang", "en")]).await;
    let page = nia.get(&format!("/console/cases/{}", case.id)).await.body;
    assert!(page.contains("Reply to the teen"), "{page}");
    w.server.stop().await.unwrap();
}

async fn admins_add_counsellors_in_the_console_and_typos_are_refused(db: TestDb) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "admin", Role::Admin, &[], &[], 3, true).await;
    let mut admin = w.console("admin").await;
    assert_eq!(admin.get("/console/admin").await.status, 200);
    let form = |topics: &'static str| {
        vec![
            ("name", "Rina"),
            ("login", "rina"),
            ("password", "sandi rina panjang"),
            ("role", "counsellor"),
            ("topics", topics),
            ("kecamatan", "bangil, gempol"),
            ("capacity", "4"),
            ("phone", ""),
        ]
    };
    let typo = admin
        .post("/console/admin/counsellors", &form("violence"))
        .await;
    assert_eq!(typo.status, 400);
    assert!(
        typo.body.contains("unknown topic `violence`"),
        "{}",
        typo.body
    );
    assert_eq!(
        admin
            .post("/console/admin/counsellors", &form("violence/crisis"))
            .await
            .status,
        303
    );
    let rina = w
        .app()
        .db
        .counsellor_for_login("rina")
        .await
        .unwrap()
        .counsellor;
    assert_eq!(rina.kecamatan, vec!["bangil", "gempol"]);
    assert_eq!(rina.capacity, 4);
    let mut c = Console::new(w.server.addr);
    assert_eq!(c.login("rina", "sandi rina panjang").await.status, 303);
    w.server.stop().await.unwrap();
}

#[test]
fn genre_counsellor_adds_lists_and_disables_from_the_command_line() {
    let db = sqlite_db();
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_genre"))
            .args(["counsellor", "--database-url", &db.url])
            .args(args)
            .current_dir(root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, out) = run(
        &[
            "add",
            "siti",
            "--name",
            "Siti Aminah",
            "--role",
            "supervisor",
            "--topics",
            "violence/crisis",
        ],
        "sandi yang panjang\n",
    );
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = run(
        &["add", "budi", "--name", "Budi", "--kecamatan", "bangel"],
        "sandi yang panjang\n",
    );
    assert_eq!(code, Some(2));
    assert!(
        out.contains("unknown kecamatan `bangel`") && out.contains("bangil"),
        "{out}"
    );
    let (code, out) = run(&["add", "budi", "--name", "Budi"], "pendek\n");
    assert_eq!(code, Some(2));
    assert!(out.contains("at least 10 characters"), "{out}");
    let (_, out) = run(&["list"], "");
    assert!(
        out.contains("siti") && out.contains("supervisor") && out.contains("violence/crisis"),
        "{out}"
    );
    assert!(!out.contains("budi"));
    let (code, _) = run(&["passwd", "siti"], "sandi baru yang panjang\n");
    assert_eq!(code, Some(0));
    let (code, _) = run(&["disable", "siti"], "");
    assert_eq!(code, Some(0));
    let (_, out) = run(&["list"], "");
    assert!(out.contains("disabled"), "{out}");
}

common::on_both!(
    cases_go_urgent_first_then_oldest_to_whoever_has_room_and_covers_them,
    while_a_case_is_open_the_bot_is_quiet_and_the_counsellor_speaks_through_the_teens_channel,
    an_urgent_case_nobody_answers_in_ten_minutes_reassures_the_teen_and_alerts_supervisors,
    outside_office_hours_the_teen_hears_when_someone_will_answer_and_the_24_hour_numbers,
    counsellors_see_only_their_cases_and_only_supervisors_reveal_numbers_with_a_logged_reason,
    every_form_needs_its_token_and_cookies_are_http_only_and_strict,
    five_wrong_passwords_lock_the_account_for_fifteen_minutes,
    one_address_gets_twenty_login_attempts_per_ten_minutes,
    after_the_24_hour_window_the_case_says_which_template_will_go,
    canned_replies_are_in_the_teens_language_and_the_console_speaks_english_on_request,
    admins_add_counsellors_in_the_console_and_typos_are_refused,
);
