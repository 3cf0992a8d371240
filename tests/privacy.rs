//! The teens' data protection, end to end: HAPUS leaves no trace in any table (nor, on SQLite,
//! in the raw database files), the retention job purges old texts on a clock the test
//! controls while the statistics survive, and an admin can export everything stored about one
//! teen.

mod common;

use common::console::add_counsellor;
use common::world::*;
use common::*;
use genre::store::Db;
use genre::store::counsellors::Role;

const DAY: i64 = 24 * 3_600_000;
const ANA: &str = "6281298765432";
const BUDI: &str = "6281211112222";

/// Every value of every column of every table, as text: (table, column, value).
async fn every_value(db: &Db) -> Vec<(String, String, String)> {
    let tables: Vec<String> = match db {
        Db::Sqlite(p) => sqlx::query_scalar(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(
            "select table_name::text from information_schema.tables where table_schema = 'public'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    assert!(tables.len() >= 10, "{tables:?}");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = match db {
            Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "select name from pragma_table_info('{table}')"
            )))
            .fetch_all(p)
            .await
            .unwrap(),
            Db::Postgres(p) => sqlx::query_scalar(
                "select column_name::text from information_schema.columns
                 where table_schema = 'public' and table_name = $1",
            )
            .bind(&table)
            .fetch_all(p)
            .await
            .unwrap(),
        };
        for column in columns {
            // As bytes on SQLite (a column may hold a blob), as text on PostgreSQL.
            let values: Vec<Option<String>> = match db {
                Db::Sqlite(p) => sqlx::query_scalar::<_, Option<Vec<u8>>>(sqlx::AssertSqlSafe(
                    format!("select cast(\"{column}\" as blob) from \"{table}\""),
                ))
                .fetch_all(p)
                .await
                .unwrap()
                .into_iter()
                .map(|b| b.map(|b| String::from_utf8_lossy(&b).into_owned()))
                .collect(),
                Db::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "select cast(\"{column}\" as text) from \"{table}\""
                )))
                .fetch_all(p)
                .await
                .unwrap(),
            };
            for v in values.into_iter().flatten() {
                out.push((table.clone(), column.clone(), v));
            }
        }
    }
    out
}

/// Where any of `needles` appears.
fn traces<'a>(
    values: &'a [(String, String, String)],
    needles: &[&str],
) -> Vec<&'a (String, String, String)> {
    values
        .iter()
        .filter(|(_, _, v)| needles.iter().any(|n| v.contains(n)))
        .collect()
}

/// `login` signs in and takes the one open case; returns the console and the case's path.
async fn take_the_case(w: &World, login: &str) -> (common::console::Console, String) {
    let case = w.open_cases(1).await.remove(0);
    let mut console = w.console(login).await;
    let path = format!("/console/cases/{}", case.id);
    console.get(&path).await;
    console.post(&format!("{path}/take"), &[]).await;
    console.get(&path).await;
    (console, path)
}

/// Ana talks to the bot and to a counsellor (who replies, notes and reveals her number), Budi
/// chats too; then Ana sends HAPUS. Nothing of Ana is left anywhere; Budi is untouched.
async fn hapus_leaves_no_trace_of_the_teen_and_touches_no_one_else(db: TestDb) {
    let w = world(db, &[]).await;
    // Meta's outgoing message ids encode the recipient's number too.
    w.api.set_default(
        200,
        r#"{"messaging_product":"whatsapp","messages":[{"id":"wamid.{to64}{n}"}]}"#,
    );
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "kak aku mau tanya rahasia ANASECRET").await;
    w.text(ANA, "KONSELOR").await;
    w.onboard(BUDI, "gempol").await;
    w.text(BUDI, "halo BUDIWORDS").await;
    let (mut sari, path) = take_the_case(&w, "sari").await;
    let reply = sari
        .post(
            &format!("{path}/reply"),
            &[("text", "halo Ana, ini COUNSELLORREPLY")],
        )
        .await;
    assert!(reply.status < 400, "{}", reply.body);
    sari.get(&path).await;
    sari.post(&format!("{path}/note"), &[("body", "catatan NOTEABOUTANA")])
        .await;
    sari.get(&path).await;
    let reveal = sari
        .post(
            &format!("{path}/reveal"),
            &[("reason", "alasan REVEALREASON")],
        )
        .await;
    assert!(reveal.body.contains(ANA), "the supervisor sees the number");
    assert!(w.wait_sent(ANA, "COUNSELLORREPLY").await);
    w.settle().await;

    let store = &w.app().db;
    let before = every_value(store).await;
    let secrets = [
        ANA,
        &base64_of(&ANA[..12]),
        "ANASECRET",
        "COUNSELLORREPLY",
        "NOTEABOUTANA",
        "REVEALREASON",
    ];
    for needle in &secrets {
        assert!(
            !traces(&before, &[needle]).is_empty(),
            "the scan finds {needle} before the erasure (else it proves nothing)"
        );
    }

    w.text(ANA, "HAPUS").await;
    assert!(w.wait_sent(ANA, "dihapus").await, "one confirmation");
    let erased = eventually(15, async || {
        count(
            store,
            "select count(*) from contacts where erased_at is not null and address is null",
        )
        .await
            == 1
    })
    .await;
    assert!(erased, "the address goes once the confirmation is out");

    let after = every_value(store).await;
    let left = traces(&after, &secrets);
    assert!(left.is_empty(), "traces of Ana left: {left:#?}");
    // Budi's data is all there.
    assert!(!traces(&after, &[BUDI]).is_empty());
    assert!(!traces(&after, &["BUDIWORDS"]).is_empty());
    assert!(!traces(&after, &[&base64_of(&BUDI[..12])]).is_empty());
    // The anonymous tallies stay: Ana's case is closed, counted, and names nobody.
    assert_eq!(
        count(
            store,
            "select count(*) from cases where status = 'closed' and outcome = 'answered'"
        )
        .await
            + count(
                store,
                "select count(*) from cases where status = 'closed' and outcome = 'erased'"
            )
            .await,
        1
    );
    assert!(
        count(
            store,
            "select count(*) from events where contact_ref is null"
        )
        .await
            > 0
    );

    // On SQLite, the raw files too: deleted rows linger in free pages and the write-ahead log
    // unless the database overwrites them.
    if let Some(path) = w.db.url.strip_prefix("sqlite://") {
        let mut budi_seen = false;
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            for needle in &secrets {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{needle} is still in the bytes of {file}"
                );
            }
            budi_seen |= bytes.windows(BUDI.len()).any(|w| w == BUDI.as_bytes());
        }
        assert!(
            budi_seen,
            "Budi's number is in the files (the scan reads them)"
        );
    }
    w.server.stop().await.unwrap();
}

/// Texts older than the retention period go in the hourly pass; newer ones and every count
/// stay.
async fn the_retention_job_purges_old_texts_and_the_statistics_survive(db: TestDb) {
    let w = world(db, &["--retention-days", "30"]).await;
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "pertanyaan lama OLDTEXT").await;
    w.text(ANA, "KONSELOR").await;
    let (mut sari, path) = take_the_case(&w, "sari").await;
    sari.post(&format!("{path}/note"), &[("body", "catatan OLDNOTE")])
        .await;
    sari.get(&path).await;
    sari.post(&format!("{path}/close"), &[("outcome", "answered")])
        .await;
    w.settle().await;
    let store = &w.app().db;
    let stats = async || {
        (
            count(store, "select count(*) from events").await,
            count(store, "select count(*) from cases").await,
            count(store, "select count(*) from contacts").await,
            count(store, "select count(*) from inbound").await,
            count(store, "select count(*) from outbox").await,
        )
    };
    let tallies = stats().await;

    // 29 days on: nothing is old enough.
    w.clock.advance(29 * DAY);
    let purged = genre::retention::tick(w.app()).await.unwrap().unwrap();
    assert_eq!((purged.messages, purged.replies, purged.notes), (0, 0, 0));
    assert!(!traces(&every_value(store).await, &["OLDTEXT"]).is_empty());

    // A new message on day 29, then the pass of day 31.
    w.text(ANA, "pertanyaan baru NEWTEXT").await;
    w.settle().await;
    let tallies = (tallies.0, tallies.1, tallies.2, tallies.3 + 1, tallies.4);
    const RECENT_WITH_TEXT: &str = "select count(*) from outbox where body <> '{}'
         and created_at > (select min(created_at) from outbox) + 86400000";
    let recent = count(store, RECENT_WITH_TEXT).await;
    assert!(recent >= 1);
    w.clock.advance(2 * DAY);
    let purged = genre::retention::tick(w.app()).await.unwrap().unwrap();
    assert!(purged.messages >= 7, "{purged:?}");
    assert!(purged.replies >= 7, "{purged:?}");
    assert_eq!(purged.notes, 1, "{purged:?}");

    let values = every_value(store).await;
    assert!(traces(&values, &["OLDTEXT", "OLDNOTE"]).is_empty());
    assert!(
        !traces(&values, &["NEWTEXT"]).is_empty(),
        "newer texts stay"
    );
    assert_eq!(
        count(store, RECENT_WITH_TEXT).await,
        recent,
        "the replies of day 29 keep their text"
    );
    assert_eq!(
        count(store, "select count(*) from outbox where body <> '{}'").await,
        recent,
        "and only they"
    );
    let after = stats().await;
    assert_eq!(
        (after.0 >= tallies.0, after.1, after.2, after.3),
        (true, tallies.1, tallies.2, tallies.3),
        "events, cases, contacts and message rows are all still counted"
    );
    // Another instance (another lease holder) finds the job taken this hour.
    assert!(
        !w.app()
            .db
            .try_lease(
                "retention",
                "another-instance",
                genre::clock::Clock::now_ms(&*w.clock),
                genre::clock::Clock::now_ms(&*w.clock) + 1000
            )
            .await
            .unwrap()
    );
    w.server.stop().await.unwrap();
}

/// An admin exports everything stored about one teen, found by the number she gives (in any
/// usual spelling); the export is audited; others may not.
async fn an_admin_exports_everything_stored_about_one_teen(db: TestDb) {
    let w = world(db, &[]).await;
    add_counsellor(w.app(), "admin", Role::Admin, &[], &[], 3, true).await;
    add_counsellor(w.app(), "sari", Role::Supervisor, &[], &[], 3, true).await;
    w.onboard(ANA, "bangil").await;
    w.text(ANA, "tanya soal haid EXPORTME").await;
    w.onboard(BUDI, "gempol").await;
    w.settle().await;

    let mut sari = w.console("sari").await;
    sari.get("/console").await;
    assert_eq!(sari.get("/console/privacy").await.status, 403);
    assert_eq!(
        sari.post("/console/privacy/export", &[("address", ANA)])
            .await
            .status,
        403
    );

    let mut admin = w.console("admin").await;
    assert_eq!(admin.get("/console/privacy").await.status, 200);
    let page = admin
        .post("/console/privacy/export", &[("address", "0812-9876-5432")])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let export: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    let ana = &export["contacts"][0];
    assert_eq!(export["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(ana["contact"]["address"], ANA);
    assert_eq!(ana["contact"]["kecamatan"], "bangil");
    assert_eq!(ana["contact"]["age_band"], "16-17");
    assert_eq!(ana["consent"]["channel"], "whatsapp");
    assert!(ana["consent"]["notice_version"].is_string());
    assert!(ana["consent"]["at"].is_i64());
    assert!(page.body.contains("EXPORTME"));
    assert!(!page.body.contains(BUDI), "nobody else's data");
    assert!(ana["messages_to_teen"].as_array().unwrap().len() >= 4);

    admin.get("/console/privacy").await;
    let none = admin
        .post("/console/privacy/export", &[("address", "6289999999999")])
        .await;
    assert_eq!(none.status, 404);
    let audit = admin.get("/console/audit").await.body;
    assert!(audit.contains("contact.export"), "{audit}");
    w.server.stop().await.unwrap();
}

/// A first purge of a large database goes in short rounds, and gets every row.
async fn a_large_purge_goes_in_rounds_and_misses_nothing(db: TestDb) {
    let store = Db::connect(&genre::store::DatabaseUrl(db.url.clone()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    exec(
        &store,
        "insert into contacts (channel, address, pseudonym, invite_code, created_at)
         values ('whatsapp', '6281200000000', 'Remaja-TEST', 'TEST01', 0)",
    )
    .await;
    exec(
        &store,
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 4500)
         insert into inbound (contact_id, channel, provider_id, event, received_at, processed_at)
         select 1, 'whatsapp', 'wamid.' || cast(i as text), '{\"text\":\"old\"}', 0, 1000 from n",
    )
    .await;
    let purged = store.purge_before(DAY, DAY).await.unwrap();
    assert_eq!(purged.messages, 4500);
    assert_eq!(
        count(
            &store,
            "select count(*) from inbound where event is not null"
        )
        .await,
        0
    );
    assert_eq!(count(&store, "select count(*) from inbound").await, 4500);
}

on_both!(
    a_large_purge_goes_in_rounds_and_misses_nothing,
    hapus_leaves_no_trace_of_the_teen_and_touches_no_one_else,
    the_retention_job_purges_old_texts_and_the_statistics_survive,
    an_admin_exports_everything_stored_about_one_teen,
);
