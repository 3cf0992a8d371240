//! A teen-facing world for server tests: a server on a clock the test controls, a fake Graph
//! API, and teens who write through the signed WhatsApp webhook.

use std::sync::Arc;

use genre::app::Running;
use genre::clock::ManualClock;
use genre::store::cases::CaseRow;

use super::console::{Console, PASSWORD};
use super::*;

pub struct World {
    pub server: Running,
    pub api: Receiver,
    pub clock: Arc<ManualClock>,
    pub db: TestDb,
    next_id: std::cell::Cell<u32>,
}

pub async fn world(db: TestDb, extra: &[&str]) -> World {
    world_at(db, office_clock(), extra).await
}

pub async fn world_at(db: TestDb, clock: ManualClock, extra: &[&str]) -> World {
    let api = Receiver::whatsapp().await;
    let mut flags = whatsapp_flags(&api);
    flags.extend(extra.iter().map(|s| s.to_string()));
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let clock = Arc::new(clock);
    let server = start_with_clock(config(&db, &flags), clock.clone()).await;
    World {
        server,
        api,
        clock,
        db,
        next_id: 0.into(),
    }
}

impl World {
    pub fn app(&self) -> &genre::app::AppState {
        &self.server.app
    }

    /// A new message id that, like Meta's, encodes the sender's number.
    fn message_id(&self, from: &str) -> String {
        let n = self.next_id.get() + 1;
        self.next_id.set(n);
        format!("wamid.{}", base64_of(&format!("{from}{n:04}")))
    }

    pub async fn text(&self, from: &str, text: &str) {
        let id = self.message_id(from);
        // Sent now, by the test's clock.
        let at = genre::clock::Clock::now_ms(&*self.clock) / 1000;
        let status = post_whatsapp(self.server.addr, &wa_text_at(from, &id, text, at)).await;
        assert_eq!(status, 200);
    }

    pub async fn tap(&self, from: &str, choice: &str) {
        let id = self.message_id(from);
        let body = wa_choice(from, &id, "button_reply", choice, "x");
        assert_eq!(post_whatsapp(self.server.addr, &body).await, 200);
    }

    /// A teen who chose Indonesian, is 16, agreed to the notice and named her kecamatan.
    pub async fn onboard(&self, from: &str, kecamatan: &str) {
        self.text(from, "halo").await;
        self.tap(from, "salam/hello/id").await;
        self.tap(from, "salam/age/16").await;
        self.tap(from, "salam/notice/yes").await;
        self.text(from, kecamatan).await;
    }

    /// Waits until `n` cases are open; returns them, oldest first.
    pub async fn open_cases(&self, n: usize) -> Vec<CaseRow> {
        let db = &self.app().db;
        let ok = eventually(15, async || db.cases(true, 100).await.unwrap().len() >= n).await;
        let mut cases = db.cases(true, 100).await.unwrap();
        assert!(ok, "expected {n} open cases, found {cases:?}");
        cases.sort_by_key(|c| c.opened_at);
        cases
    }

    pub async fn case(&self, id: i64) -> CaseRow {
        self.app().db.case(id).await.unwrap()
    }

    /// Texts the fake Graph API received for one number.
    pub fn sent_to(&self, to: &str) -> Vec<String> {
        let mine: Vec<_> = self
            .api
            .received()
            .into_iter()
            .filter(|r| r.json()["to"] == to)
            .collect();
        wa_texts(&mine)
    }

    /// Waits until a message containing `needle` went to `to`.
    pub async fn wait_sent(&self, to: &str, needle: &str) -> bool {
        eventually(15, async || {
            self.sent_to(to).iter().any(|t| t.contains(needle))
        })
        .await
    }

    /// Waits until every stored inbound message has been handled.
    pub async fn settle(&self) {
        let db = &self.app().db;
        assert!(
            eventually(15, async || db.unprocessed_inbound().await.unwrap() == 0).await,
            "inbound messages left unhandled"
        );
    }

    pub async fn console(&self, login: &str) -> Console {
        let mut c = Console::new(self.server.addr);
        let page = c.login(login, PASSWORD).await;
        assert_eq!(page.status, 303, "{login} signs in: {}", page.body);
        c
    }
}
