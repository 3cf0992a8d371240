//! Reports: every figure of `genre::reports` against a seeded database whose answers are known
//! (both backends), the console page over HTTP, and `genre report` as staff run it.
//!
//! The seeded month is November 2026 in Jakarta time (UTC+7). Its rows sit on the boundaries
//! that matter: teens who wrote at 06:00 WIB on 1 November (still 31 October in UTC), at 23:30
//! WIB on Sunday 1 November and at 00:30 WIB on Monday 2 November (both Sunday in UTC, but two
//! ISO weeks apart in Jakarta), at 23:59 WIB on 30 November, and at 00:00 WIB on 1 December
//! (30 November in UTC, outside the month).

mod common;

use common::console::{Console, PASSWORD, add_counsellor};
use common::*;
use genre::reports::{Count, Period, Report};
use genre::store::counsellors::Role;
use genre::store::{DatabaseUrl, Db};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// 2026-11-01 00:00 WIB.
const NOV_1: i64 = 1_793_466_000_000;

/// Jakarta time on day `day` of November 2026 (0 is 31 October, 31 is 1 December).
fn at(day: i64, hour: i64, minute: i64) -> i64 {
    NOV_1 + (day - 1) * DAY + hour * HOUR + minute * MINUTE
}

async fn run(db: &Db, sql: String) {
    let sql = sqlx::AssertSqlSafe(sql);
    match db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(drop),
        Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(drop),
    }
    .unwrap_or_else(|e| panic!("seeding failed: {e}"));
}

fn text(value: Option<&str>) -> String {
    value.map_or("null".into(), |v| format!("'{v}'"))
}

struct Teen {
    id: i64,
    created: i64,
    kecamatan: Option<&'static str>,
    age_band: Option<&'static str>,
    invited_by: Option<i64>,
}

async fn contact(db: &Db, teen: Teen, staff: bool, erased_at: Option<i64>) {
    let address = if erased_at.is_some() {
        "null".to_string()
    } else {
        format!("'6281100000{:03}'", teen.id)
    };
    run(
        db,
        format!(
            "insert into contacts (id, channel, address, pseudonym, invite_code, invited_by, kecamatan,
                                   age_band, created_at, staff, erased_at)
             values ({id}, 'whatsapp', {address}, 'Remaja-{id}', 'CODE{id}', {inv}, {kec}, {age}, {created},
                     {staff}, {erased})",
            id = teen.id,
            inv = teen.invited_by.map_or("null".into(), |i| i.to_string()),
            kec = text(teen.kecamatan),
            age = text(teen.age_band),
            created = teen.created,
            erased = erased_at.map_or("null".into(), |e| e.to_string()),
        ),
    )
    .await;
}

/// A message from the teen (already processed), whose text must never reach a report.
async fn wrote(db: &Db, contact: i64, when: i64) {
    wrote_on(db, contact, when, "whatsapp").await
}

async fn wrote_on(db: &Db, contact: i64, when: i64, channel: &str) {
    run(
        db,
        format!(
            "insert into inbound (contact_id, channel, provider_id, event, received_at, processed_at)
             values ({contact}, '{channel}', 'm-{contact}-{when}', '{{\"kind\":\"text\",\"text\":\"rahasia pribadi\"}}',
                     {when}, {when})"
        ),
    )
    .await;
}

struct Event {
    at: i64,
    kind: &'static str,
    contact: Option<i64>,
    topic: Option<&'static str>,
    flow: Option<&'static str>,
    node: Option<&'static str>,
    run: Option<i64>,
    value: Option<&'static str>,
}

const EVENT: Event = Event {
    at: 0,
    kind: "",
    contact: None,
    topic: None,
    flow: None,
    node: None,
    run: None,
    value: None,
};

async fn event(db: &Db, e: Event) {
    run(
        db,
        format!(
            "insert into events (at, kind, contact_ref, channel, topic, flow, node, run, value)
             values ({}, '{}', {}, 'whatsapp', {}, {}, {}, {}, {})",
            e.at,
            e.kind,
            e.contact.map_or("null".into(), |c| c.to_string()),
            text(e.topic),
            text(e.flow),
            text(e.node),
            e.run.map_or("null".into(), |r| r.to_string()),
            text(e.value),
        ),
    )
    .await;
}

/// A closed case: opened at `opened`, first answered `reply` minutes later, and an SLA alert
/// if it was urgent and waited more than 10 minutes.
async fn case(db: &Db, contact: i64, topic: &str, urgent: bool, opened: i64, reply: i64) {
    let first = opened + reply * MINUTE;
    let alerted = if urgent && reply > 10 {
        (opened + 10 * MINUTE).to_string()
    } else {
        "null".into()
    };
    run(
        db,
        format!(
            "insert into cases (contact_id, topic, urgent, origin, reason, status, opened_at, assigned_at,
                                first_reply_at, closed_at, outcome, sla_alerted_at)
             values ({contact}, '{topic}', {urgent}, 'flow', 'x', 'closed', {opened}, {first}, {first},
                     {closed}, 'answered', {alerted})",
            closed = first + HOUR,
        ),
    )
    .await;
}

/// The seeded month; the answers are in [`november`].
async fn seed(db: &Db) {
    let teen = |id, created, kecamatan, age_band, invited_by| Teen {
        id,
        created,
        kecamatan,
        age_band,
        invited_by,
    };
    // Teens from before November: 1-8 write on 10 November (returning), 9 never in November
    // (it writes on 21 October, and at 00:00 WIB on 1 December), but invited 11-16.
    for id in 1..=9 {
        contact(
            db,
            teen(id, at(-16, 10, 0), Some("bangil"), Some("16-17"), None),
            false,
            None,
        )
        .await;
    }
    // 12 new teens at 06:00 WIB on 1 November (23:00 UTC on 31 October), in Beji; 11-16 were
    // invited by 9 (generation 1), 17-22 came on their own (generation 0).
    for id in 11..=22 {
        let invited_by = (id <= 16).then_some(9);
        contact(
            db,
            teen(id, at(1, 6, 0), Some("beji"), Some("13-15"), invited_by),
            false,
            None,
        )
        .await;
    }
    // Gempol: 23-25 invited by 11 (generation 2) late on Sunday 1 November (ISO week 44); 26
    // invited by 23 (generation 3) half an hour after midnight, Monday 2 November (week 45).
    for id in 23..=25 {
        contact(
            db,
            teen(id, at(1, 23, 30), Some("gempol"), Some("18-24"), Some(11)),
            false,
            None,
        )
        .await;
    }
    contact(
        db,
        teen(26, at(2, 0, 30), Some("gempol"), Some("18-24"), Some(23)),
        false,
        None,
    )
    .await;
    // Five teens who gave neither kecamatan nor age band, on 20 November (week 47).
    for id in 27..=31 {
        contact(db, teen(id, at(20, 9, 0), None, None, None), false, None).await;
    }
    // Just outside the month: a minute before it, and its first minute after.
    contact(
        db,
        teen(40, at(0, 23, 59), Some("bangil"), Some("16-17"), None),
        false,
        None,
    )
    .await;
    contact(
        db,
        teen(41, at(31, 0, 0), Some("bangil"), Some("16-17"), None),
        false,
        None,
    )
    .await;
    // Never counted: a supervisor's phone, and a teen who erased their data.
    contact(
        db,
        teen(50, at(5, 9, 0), Some("bangil"), None, None),
        true,
        None,
    )
    .await;
    contact(
        db,
        teen(51, at(5, 9, 0), None, None, None),
        false,
        Some(at(6, 9, 0)),
    )
    .await;

    for id in 1..=8 {
        wrote(db, id, at(10, 9, 0)).await;
    }
    wrote(db, 1, at(30, 23, 59)).await;
    wrote(db, 9, at(-10, 9, 0)).await;
    wrote(db, 9, at(31, 0, 0)).await;
    // A case closed for 9: the system's own row is not the teen writing.
    wrote_on(db, 9, at(15, 9, 0), "system").await;
    for id in 11..=22 {
        wrote(db, id, at(1, 6, 0)).await;
        wrote(db, id, at(3, 9, 0)).await;
    }
    for id in 23..=25 {
        wrote(db, id, at(1, 23, 30)).await;
    }
    wrote(db, 26, at(2, 0, 30)).await;
    for id in 27..=31 {
        wrote(db, id, at(20, 9, 0)).await;
    }
    wrote(db, 40, at(0, 23, 59)).await;
    wrote(db, 41, at(31, 0, 0)).await;
    wrote(db, 50, at(5, 9, 0)).await;
    wrote(db, 51, at(5, 9, 0)).await;

    // Topics: 12 + 7 + 3 + 2 + 6 = 30 in November, one on either side of it.
    let topic = |at, contact, topic| Event {
        at,
        kind: "topic",
        contact,
        topic: Some(topic),
        ..EVENT
    };
    for id in 11..=22 {
        event(db, topic(at(3, 9, 0), Some(id), "marriage_age")).await;
    }
    for id in 1..=7 {
        event(db, topic(at(10, 9, 0), Some(id), "hiv_sti")).await;
    }
    for id in 27..=29 {
        event(db, topic(at(20, 9, 0), Some(id), "menstruation")).await;
    }
    event(db, topic(at(5, 9, 0), None, "violence/crisis")).await;
    event(db, topic(at(5, 9, 0), Some(1), "violence/crisis")).await;
    for id in 11..=16 {
        event(db, topic(at(1, 6, 0), Some(id), "off_topic")).await;
    }
    event(db, topic(at(0, 23, 59), Some(40), "marriage_age")).await;
    event(db, topic(at(31, 0, 0), Some(41), "marriage_age")).await;

    // Flow runs of marriage_age.
    let flow = |at, kind, contact, run, node| Event {
        at,
        kind,
        contact: Some(contact),
        flow: Some("marriage_age"),
        node,
        run: Some(run),
        ..EVENT
    };
    for id in 11..=21 {
        event(db, flow(at(3, 9, 0), "flow_started", id, 1, None)).await;
    }
    for id in 11..=20 {
        event(db, flow(at(3, 9, 1), "node_reached", id, 1, Some("ask"))).await;
    }
    for id in 11..=16 {
        event(db, flow(at(3, 9, 5), "flow_finished", id, 1, None)).await;
    }
    for id in 17..=19 {
        event(db, flow(at(3, 9, 2), "node_reached", id, 1, Some("why"))).await;
    }
    // 20 stopped at "ask"; 21 never answered anything.
    // 22 started late on 30 November and finished after midnight: completed.
    event(db, flow(at(30, 23, 50), "flow_started", 22, 1, None)).await;
    event(db, flow(at(31, 0, 10), "flow_finished", 22, 1, None)).await;
    for id in 1..=8 {
        event(db, flow(at(10, 9, 0), "flow_started", id, 1, None)).await;
        event(db, flow(at(10, 9, 1), "node_reached", id, 1, Some("ask"))).await;
    }
    for id in 1..=5 {
        event(db, flow(at(10, 9, 2), "node_reached", id, 1, Some("why"))).await;
    }
    for id in 6..=8 {
        event(db, flow(at(10, 9, 3), "flow_finished", id, 1, None)).await;
    }
    // Started in October (not counted, though it finished in November).
    event(db, flow(at(-10, 9, 0), "flow_started", 9, 1, None)).await;
    event(db, flow(at(2, 9, 0), "flow_finished", 9, 1, None)).await;
    // The erased teen's run: its events were cut from them.
    event(
        db,
        Event {
            at: at(5, 9, 0),
            kind: "flow_started",
            flow: Some("marriage_age"),
            run: Some(1),
            ..EVENT
        },
    )
    .await;
    // Three quiz runs, all finished.
    for id in 27..=29 {
        let quiz = |at, kind| Event {
            at,
            kind,
            contact: Some(id),
            flow: Some("quiz"),
            run: Some(1),
            ..EVENT
        };
        event(db, quiz(at(20, 9, 0), "flow_started")).await;
        event(db, quiz(at(20, 9, 4), "flow_finished")).await;
    }

    // Cases. Urgent: violence/crisis answered after 2, 4, 6, 8, 10, 20 (the erased teen's) and
    // 30 minutes; forced marriage after 3 and 5. Normal: counsellor requests after 10..90,
    // reproductive health after 15..55.
    for (i, reply) in [2, 4, 6, 8, 10, 30].into_iter().enumerate() {
        case(
            db,
            1 + i as i64,
            "violence/crisis",
            true,
            at(5, 9 + i as i64, 0),
            reply,
        )
        .await;
    }
    case(db, 51, "violence/crisis", true, at(5, 8, 0), 20).await;
    case(db, 7, "forced_marriage_report", true, at(6, 9, 0), 3).await;
    case(db, 8, "forced_marriage_report", true, at(6, 10, 0), 5).await;
    for (i, reply) in [10, 20, 30, 40, 50, 60, 70, 80, 90].into_iter().enumerate() {
        case(
            db,
            11 + i as i64,
            "counsellor_request",
            false,
            at(7, 9, 0),
            reply,
        )
        .await;
    }
    for (i, reply) in [15, 25, 35, 45, 55].into_iter().enumerate() {
        case(
            db,
            20 + i as i64,
            "reproductive_health",
            false,
            at(8, 9, 0),
            reply,
        )
        .await;
    }
    case(db, 40, "violence/crisis", true, at(0, 23, 59), 1).await;
    case(db, 41, "counsellor_request", false, at(31, 0, 0), 1).await;
    run(
        db,
        "insert into alerts (at, case_id, kind, resolved)
         select sla_alerted_at, id, 'sla', true from cases where sla_alerted_at is not null"
            .into(),
    )
    .await;

    // "Did this help?": 9 yes and 5 no in November; one yes on either side.
    let feedback = |at, value| Event {
        at,
        kind: "feedback",
        contact: Some(1),
        value: Some(value),
        ..EVENT
    };
    for _ in 0..9 {
        event(db, feedback(at(12, 9, 0), "helped")).await;
    }
    for _ in 0..5 {
        event(db, feedback(at(12, 9, 0), "not_helped")).await;
    }
    event(db, feedback(at(0, 23, 59), "helped")).await;
    event(db, feedback(at(32, 9, 0), "helped")).await;
}

async fn seeded(db: &TestDb) -> Db {
    let store = Db::connect(&DatabaseUrl(db.url.clone())).await.unwrap();
    seed(&store).await;
    store
}

fn s(c: Count) -> String {
    c.to_string()
}

fn rows(list: &[genre::reports::Row]) -> Vec<(String, String)> {
    list.iter()
        .map(|r| (r.label.clone(), r.count.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Checks every figure of the seeded November.
fn november(r: &Report) {
    // Teens reached: 8 returning (1-8) and 21 new (11-31); 9 wrote only outside the month, 40
    // a minute before it, 41 at its first minute after; 50 is staff and 51 erased.
    let reach = &r.reach;
    assert_eq!(
        (s(reach.teens), s(reach.new), s(reach.returning)),
        ("29".into(), "21".into(), "8".into())
    );
    let weeks: Vec<(String, String, String, String, String, String)> = reach
        .weeks
        .iter()
        .map(|w| {
            (
                w.week.label(),
                w.week.from.to_string(),
                w.week.to.to_string(),
                s(w.teens),
                s(w.new),
                s(w.returning),
            )
        })
        .collect();
    let week = |l: &str, f: &str, t: &str, a: &str, n: &str, r: &str| {
        (l.into(), f.into(), t.into(), a.into(), n.into(), r.into())
    };
    assert_eq!(
        weeks,
        vec![
            // Sunday 1 November alone: 11-22 (06:00 WIB) and 23-25 (23:30 WIB), all new.
            week("2026-W44", "2026-11-01", "2026-11-01", "15", "15", "0"),
            // 26 at 00:30 WIB on Monday (new: 1, so "<5"), 11-22 again (returning: 12, hidden
            // with it, or 13 − 12 would give 1).
            week("2026-W45", "2026-11-02", "2026-11-08", "13", "<5", "<5"),
            week("2026-W46", "2026-11-09", "2026-11-15", "8", "0", "8"),
            // 27-31: five new teens, hidden because the week-45 new teens (1) could otherwise
            // be worked out from the 21 new teens of the month; then the week's total (5 = new).
            week("2026-W47", "2026-11-16", "2026-11-22", "<5", "<5", "0"),
            week("2026-W48", "2026-11-23", "2026-11-29", "0", "0", "0"),
            // 1 at 23:59 WIB on 30 November; 9 at 00:00 WIB on 1 December is outside.
            week("2026-W49", "2026-11-30", "2026-11-30", "<5", "0", "<5"),
        ]
    );
    // Gempol (4) is small; "unknown" (5) goes with it, or 29 − 8 − 12 − 5 = 4.
    assert_eq!(
        rows(&reach.by_kecamatan),
        pairs(&[
            ("bangil", "8"),
            ("beji", "12"),
            ("gempol", "<5"),
            ("unknown", "<5")
        ])
    );
    assert_eq!(
        rows(&reach.by_age_band),
        pairs(&[
            ("13-15", "12"),
            ("16-17", "8"),
            ("18-24", "<5"),
            ("unknown", "<5")
        ])
    );

    // Topics, biggest first, the suppressed ones after by name.
    assert_eq!(s(r.topics_total), "30");
    assert_eq!(
        rows(&r.topics),
        pairs(&[
            ("marriage_age", "12"),
            ("hiv_sti", "7"),
            ("off_topic", "6"),
            ("menstruation", "<5"),
            ("violence/crisis", "<5"),
        ])
    );

    // Flows: marriage_age started 20 times in November (11-21, 22, 1-8; not 9's October run nor
    // the erased teen's); 10 completed (11-16, 22 after midnight, 6-8); 10 stopped: 8 at "why"
    // (17-19, 1-5), 1 at "ask" (20), 1 before any question (21).
    assert_eq!(r.flows.len(), 2);
    let m = &r.flows[0];
    assert_eq!(m.flow, "marriage_age");
    assert_eq!(
        (s(m.started), s(m.completed), s(m.unfinished)),
        ("20".into(), "10".into(), "10".into())
    );
    assert_eq!(
        rows(&m.stopped_at),
        pairs(&[("(start)", "<5"), ("ask", "<5"), ("why", "8")])
    );
    let q = &r.flows[1];
    assert_eq!(q.flow, "quiz");
    assert_eq!(
        (s(q.started), s(q.completed), s(q.unfinished)),
        ("<5".into(), "<5".into(), "0".into())
    );
    assert!(q.stopped_at.is_empty());

    // Cases: 9 urgent (7 violence, the erased teen's included; 2 forced marriage), 14 normal.
    let c = &r.cases;
    assert_eq!(
        (s(c.total), s(c.urgent), s(c.normal)),
        ("23".into(), "9".into(), "14".into())
    );
    // The two urgent cases answered after 20 and 30 minutes (SLA 10).
    assert_eq!(s(c.sla_breaches), "<5");
    let topics: Vec<(String, String, String, String)> = c
        .by_topic
        .iter()
        .map(|t| (t.topic.clone(), s(t.urgent), s(t.normal), s(t.total)))
        .collect();
    let t4 = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        topics,
        vec![
            t4("counsellor_request", "0", "9", "9"),
            t4("forced_marriage_report", "<5", "0", "<5"),
            t4("reproductive_health", "0", "5", "5"),
            // 7 urgent, hidden: with 9 urgent in all, 9 − 7 would give forced marriage's 2.
            t4("violence/crisis", "<5", "0", "<5"),
        ]
    );
    // Minutes to the first reply, interpolated between ranks:
    // urgent 2 3 4 5 6 8 10 20 30 → median 6, p90 20 + 0.2 × 10 = 22;
    // normal 10 15 20 25 30 35 40 45 50 55 60 70 80 90 → median 42.5, p90 70 + 0.7 × 10 = 77;
    // all 23 → median 25 (the 12th), p90 60 + 0.8 × 10 = 68.
    let times: Vec<(String, String, Option<i64>, Option<i64>)> = c
        .reply_times
        .iter()
        .map(|t| (t.group.clone(), s(t.replied), t.median_s, t.p90_s))
        .collect();
    assert_eq!(
        times,
        vec![
            ("urgent".into(), "9".into(), Some(6 * 60), Some(22 * 60)),
            ("normal".into(), "14".into(), Some(2550), Some(77 * 60)),
            ("all".into(), "23".into(), Some(25 * 60), Some(68 * 60)),
        ]
    );

    // Feedback: 9 of 14 said it helped: 64%.
    let f = &r.feedback;
    assert_eq!(
        (s(f.answers), s(f.helped), s(f.not_helped)),
        ("14".into(), "9".into(), "5".into())
    );
    assert_eq!(f.score, Some(64));

    // The invite cascade of the 21 new teens: generation 0: 17-22 and 27-31 (11); 1: 11-16,
    // invited by 9 who joined in October (6); 2: 23-25 (3); 3: 26 (1).
    let k = &r.cascade;
    assert_eq!(
        (s(k.teens), s(k.invited), k.depth),
        ("21".into(), "10".into(), Some(3))
    );
    let generations: Vec<(u32, String, String)> = k
        .generations
        .iter()
        .map(|g| (g.generation, s(g.teens), s(g.brought)))
        .collect();
    assert_eq!(
        generations,
        vec![
            (0, "11".into(), "6".into()),
            (1, "6".into(), "<5".into()),
            (2, "<5".into(), "<5".into()),
            (3, "<5".into(), "0".into()),
        ]
    );
    // Beji: 6 on their own, 6 invited; both hidden, because "unknown" (5, all on their own) is
    // hidden and generation 0's 11 would give it away. Gempol: 4, all invited, depth hidden
    // (fewer than 5 teens). Unknown: 5 teens, depth 0.
    let by_k: Vec<(String, String, String, String, Option<u32>)> = k
        .by_kecamatan
        .iter()
        .map(|x| {
            (
                x.kecamatan.clone(),
                s(x.teens),
                s(x.without_invite),
                s(x.invited),
                x.depth,
            )
        })
        .collect();
    assert_eq!(
        by_k,
        vec![
            (
                "beji".into(),
                "12".into(),
                "<5".into(),
                "<5".into(),
                Some(1)
            ),
            ("gempol".into(), "<5".into(), "0".into(), "<5".into(), None),
            (
                "unknown".into(),
                "<5".into(),
                "<5".into(),
                "0".into(),
                Some(0)
            ),
        ]
    );
}

async fn every_figure_of_a_seeded_month_is_exact(db: TestDb) {
    let store = seeded(&db).await;
    let report = Report::build(&store, Period::parse("2026-11-01", "2026-11-30").unwrap())
        .await
        .unwrap();
    november(&report);

    // JSON: a suppressed figure is null and its object says so.
    let json = report.to_json();
    assert_eq!(json["teens"]["teens"], 29);
    let gempol = &json["teens"]["by_kecamatan"][2];
    assert_eq!(gempol["kecamatan"], "gempol");
    assert!(gempol["teens"].is_null());
    assert_eq!(gempol["suppressed"], true);
    assert!(json["teens"]["by_kecamatan"][0].get("suppressed").is_none());
    assert_eq!(json["cases"]["first_reply"][0]["median_seconds"], 360);
    assert_eq!(json["feedback"]["score_percent"], 64);
    assert_eq!(json["cascade"]["depth"], 3);

    // A quiet December: two teens, one case, one answer. Nothing small is shown, nor anything
    // drawn from fewer than five.
    let december = Report::build(&store, Period::parse("2026-12-01", "2026-12-31").unwrap())
        .await
        .unwrap();
    let reach = &december.reach;
    assert_eq!(
        (s(reach.teens), s(reach.new), s(reach.returning)),
        ("<5".into(), "<5".into(), "<5".into())
    );
    assert_eq!(s(december.cases.total), "<5");
    assert!(
        december
            .cases
            .reply_times
            .iter()
            .all(|t| t.median_s.is_none() && t.p90_s.is_none())
    );
    assert_eq!(s(december.feedback.answers), "<5");
    assert_eq!(december.feedback.score, None);
    assert_eq!(december.cascade.depth, None);
    assert!(december.flows.is_empty());
    let json = december.to_json();
    assert!(json["feedback"]["score_percent"].is_null());
    assert_eq!(json["feedback"]["suppressed"], true);
    store.close().await;
}

async fn supervisors_read_the_report_page_and_counsellors_may_not(db: TestDb) {
    let store = seeded(&db).await;
    store.close().await;
    let server = start(config(&db, &[])).await;
    let app = &server.app;
    add_counsellor(app, "rina", Role::Supervisor, &[], &[], 3, true).await;
    add_counsellor(app, "siti", Role::Counsellor, &[], &[], 3, true).await;

    let mut rina = Console::new(server.addr);
    assert_eq!(rina.login("rina", PASSWORD).await.status, 303);
    let queue = rina.get("/console").await;
    assert!(
        queue.body.contains(r#"href="/console/reports""#),
        "a link in the header"
    );
    let page = rina
        .get("/console/reports?from=2026-11-01&to=2026-11-30")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<svg"), "charts");
    assert!(page.body.contains("<rect"), "bars");
    assert!(page.body.contains("<table"), "numbers beside the charts");
    assert!(page.body.contains("<td>29</td>") || page.body.contains(">29<"));
    assert!(page.body.contains("&lt;5"), "small counts are suppressed");
    assert!(page.body.contains("Gempol"), "kecamatan by name");
    assert!(!page.body.contains("rahasia"), "no message text");
    assert!(!page.body.contains("6281100000"), "no numbers");
    // The page is in English on request.
    let csrf = rina.csrf.clone();
    rina.post_raw("/console/lang", &[("csrf", &csrf), ("lang", "en")])
        .await;
    let page = rina
        .get("/console/reports?from=2026-11-01&to=2026-11-30")
        .await;
    assert!(page.body.contains("Teens reached"), "{}", page.body);
    // Downloads.
    let csv = rina
        .get("/console/reports?from=2026-11-01&to=2026-11-30&format=csv")
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("teens,all,teens,29\n"), "{}", csv.body);
    let json = rina
        .get("/console/reports?from=2026-11-01&to=2026-11-30&format=json")
        .await;
    let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(json["cascade"]["teens"], 21);
    // A period that makes no sense is refused, not guessed.
    let bad = rina
        .get("/console/reports?from=2026-11-30&to=2026-11-01")
        .await;
    assert_eq!(bad.status, 400);
    // Without dates: the last 28 days.
    assert_eq!(rina.get("/console/reports").await.status, 200);

    let mut siti = Console::new(server.addr);
    assert_eq!(siti.login("siti", PASSWORD).await.status, 303);
    let queue = siti.get("/console").await;
    assert!(!queue.body.contains(r#"href="/console/reports""#));
    assert_eq!(siti.get("/console/reports").await.status, 403);
    assert_eq!(siti.get("/console/reports?format=csv").await.status, 403);

    // Every view and download is in the audit log.
    assert_eq!(
        count(
            &app.db,
            "select count(*) from audit where action = 'report.view'"
        )
        .await,
        3
    );
    assert_eq!(
        count(
            &app.db,
            "select count(*) from audit where action = 'report.export'"
        )
        .await,
        2
    );
    server.stop().await.unwrap();
}

common::on_both!(
    every_figure_of_a_seeded_month_is_exact,
    supervisors_read_the_report_page_and_counsellors_may_not,
);

#[tokio::test]
async fn genre_report_prints_csv_and_json_without_a_number_or_a_word_of_any_teen() {
    let db = sqlite_db();
    seeded(&db).await.close().await;
    let genre = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_genre"))
            .arg("report")
            .args(args)
            .env("GENRE_DATABASE_URL", &db.url)
            .output()
            .unwrap()
    };
    let out = genre(&[
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("figure,key,measure,value\n"));
    for line in [
        "period,,from,2026-11-01",
        "teens,all,teens,29",
        "teens,all,new,21",
        "teens_by_week,2026-W45,new,<5",
        "teens_by_kecamatan,gempol,teens,<5",
        "topics,marriage_age,asked,12",
        "flow_stops,marriage_age/why,unfinished,8",
        "cases,all,sla_breaches,<5",
        "first_reply,urgent,median_seconds,360",
        "first_reply,all,p90_seconds,4080",
        "feedback,all,score_percent,64",
        "cascade,all,depth,3",
        "cascade_by_generation,0,brought,6",
    ] {
        assert!(
            csv.lines().any(|l| l == line),
            "`{line}` missing from\n{csv}"
        );
    }
    assert!(!csv.contains("rahasia") && !csv.contains("6281100000"));

    let out = genre(&[
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["teens"]["new"], 21);
    assert_eq!(json["period"]["time_zone"], "Asia/Jakarta");

    let out = genre(&[
        "--from",
        "2026-11-31",
        "--to",
        "2026-12-01",
        "--format",
        "csv",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026-11-31"));

    // Without dates: the last four complete weeks, Monday to Sunday, before today.
    let out = genre(&["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day = |key: &str| {
        chrono::NaiveDate::parse_from_str(json["period"][key].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
    };
    use chrono::Datelike;
    assert_eq!(day("from").weekday(), chrono::Weekday::Mon);
    assert_eq!(day("to").weekday(), chrono::Weekday::Sun);
    assert_eq!((day("to") - day("from")).num_days(), 27);
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    assert!(day("to") < today && (today - day("to")).num_days() <= 7);
    // One date alone is refused: a period needs both ends.
    assert!(!genre(&["--from", "2026-11-01"]).status.success());

    // The exports are in the audit log (no account: the command line).
    let store = Db::open(&DatabaseUrl(db.url.clone())).await.unwrap();
    let audited = "select count(*) from audit where action = 'report.export' and actor_id is null";
    assert_eq!(count(&store, audited).await, 3);
    store.close().await;
}
