//! The load driver and the fake WhatsApp Graph API.
//!
//! The driver plays Meta on both sides of the server: it posts signed message webhooks as
//! teens write (closed loop: a fixed number of teens, each waiting for the bot's answer before
//! writing again; open loop: messages at a fixed rate with random arrivals, whether or not the
//! server keeps up), and it is the Graph API the server sends its replies to. Like Meta, the
//! fake answers each send with a message id and then reports it with three signed status
//! webhooks (sent, delivered, read) that echo `biz_opaque_callback_data`.
//!
//! Every reply is checked against the contact's [`Script`]: a reply that differs is wrong, one
//! more than asked for is a duplicate, one that never comes is missing. Latency in the open
//! loop is measured from the moment a message was due, not from when it was sent, so a server
//! that falls behind cannot hide it (no coordinated omission).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::serve::ListenerExt;
use rand::RngExt;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};

use super::script::{Script, signature};
use crate::engine::Inbound;

/// The app secret the driver signs with (the servers are started with it).
pub const APP_SECRET: &str = "genre-bench-app-secret";
/// The business number's id in every payload.
pub const PHONE_NUMBER_ID: &str = "100000000000001";
/// The Graph API token the servers are given (the fake accepts any).
pub const TOKEN: &str = "genre-bench-token";

/// How long a teen waits for an answer before giving up (it is then counted missing).
const REPLY_TIMEOUT: Duration = Duration::from_secs(60);
/// Tasks posting status webhooks.
const STATUS_POSTERS: usize = 64;
/// Locks of the contact index.
const SHARDS: usize = 16;
/// Message webhooks in flight at once in the open loop. Meta, too, holds back deliveries to a
/// slow endpoint; a message waiting here is late all the same, since latency counts from the
/// moment it was due.
const OPEN_LOOP_CONNECTIONS: usize = 256;

/// What a new contact will write.
pub type Scripts = Arc<dyn Fn() -> Script + Send + Sync>;

/// Where to send and how to judge the answers.
#[derive(Clone, Debug)]
pub struct Target {
    /// Compare every reply's text and buttons with the script (off for the stateless ceiling,
    /// which answers every message with the same text).
    pub check_texts: bool,
    /// Percent of messages delivered a second time with the same id, as Meta does when an
    /// acknowledgement is slow (off for the ceiling: without state it cannot recognise them).
    pub redeliver_percent: u32,
}

/// What a phase measured.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Messages sent (first deliveries).
    pub messages: u64,
    /// Messages delivered a second time.
    pub redelivered: u64,
    /// Replies received.
    pub replies: u64,
    pub wrong: u64,
    pub duplicate: u64,
    pub missing: u64,
    /// Webhooks refused or failed (each retried, as Meta retries).
    pub errors: u64,
    /// Status webhooks posted.
    pub statuses: u64,
    /// Microseconds from a message being due to its acknowledgement.
    pub ack_us: Vec<u64>,
    /// Microseconds from a message being due to its last reply arriving.
    pub reply_us: Vec<u64>,
    /// Microseconds to acknowledge a status webhook.
    pub status_ack_us: Vec<u64>,
    /// When the last reply arrived.
    pub last_reply: Option<Instant>,
    /// A few wrong replies, to show what went wrong.
    pub examples: Vec<String>,
}

/// How a teen is told that its answer is complete.
enum Waiter {
    /// Closed loop: the teen's task waits on it.
    Reply(oneshot::Sender<()>),
    /// Open loop: the contact becomes ready to write its turn `next`.
    Ready(Arc<ReadyQueue>, usize),
}

type ReadyQueue = Mutex<VecDeque<(Arc<Track>, usize)>>;

/// One contact and its script.
struct Track {
    id: u64,
    number: String,
    script: Script,
    /// Every expected reply, in order.
    flat: Vec<String>,
    /// `cumulative[i]`: replies expected before turn `i`.
    cumulative: Vec<usize>,
    state: Mutex<TrackState>,
}

#[derive(Default)]
struct TrackState {
    received: usize,
    /// Replies expected up to the turn in flight.
    target: usize,
    /// When the turn in flight was due.
    due: Option<Instant>,
    waiter: Option<Waiter>,
    /// What arrived, to tell a duplicate from a wrong reply.
    seen: Vec<String>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The driver: one per target server.
pub struct Driver {
    client: reqwest::Client,
    target: Target,
    /// The server's WhatsApp webhook URL (known once the server is started).
    webhook: Mutex<Arc<str>>,
    /// The fake Graph API's base URL (the server's `GENRE_WHATSAPP_API_URL`).
    pub graph_url: String,
    shards: Vec<Mutex<HashMap<u64, Arc<Track>>>>,
    /// Contacts of the phase under way (for counting what is missing).
    phase: Mutex<Vec<Arc<Track>>>,
    next_contact: Arc<AtomicU64>,
    next_wamid: AtomicU64,
    tally: Mutex<Tally>,
    in_flight: AtomicI64,
    /// Replies asked for and not yet received, over every contact of the phase.
    outstanding: AtomicI64,
    statuses_pending: AtomicI64,
    posters: Vec<mpsc::UnboundedSender<Bytes>>,
    next_poster: AtomicUsize,
}

impl Driver {
    /// Starts the fake Graph API on loopback and the status posters. Contact numbers come from
    /// `numbers`, shared by the drivers of one run so that no two contacts share a number.
    pub async fn start(target: Target, numbers: Arc<AtomicU64>) -> anyhow::Result<Arc<Driver>> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1024)
            .tcp_nodelay(true)
            .timeout(Duration::from_secs(30))
            .build()?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let graph_url = format!("http://{}/v25.0", listener.local_addr()?);
        let mut posters = Vec::new();
        let mut receivers = Vec::new();
        for _ in 0..STATUS_POSTERS {
            let (tx, rx) = mpsc::unbounded_channel::<Bytes>();
            posters.push(tx);
            receivers.push(rx);
        }
        let driver = Arc::new(Driver {
            client,
            target,
            webhook: Mutex::new(Arc::from("")),
            graph_url,
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            phase: Mutex::new(Vec::new()),
            next_contact: numbers,
            next_wamid: AtomicU64::new(1),
            tally: Mutex::new(Tally::default()),
            in_flight: AtomicI64::new(0),
            outstanding: AtomicI64::new(0),
            statuses_pending: AtomicI64::new(0),
            posters,
            next_poster: AtomicUsize::new(0),
        });
        for mut rx in receivers {
            let d = driver.clone();
            tokio::spawn(async move {
                while let Some(body) = rx.recv().await {
                    let ok = d.post(body, Instant::now(), Kind::Status).await;
                    if !ok {
                        lock(&d.tally).errors += 1;
                    }
                    d.statuses_pending.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
        let app = Router::new()
            .fallback(graph_send)
            .with_state(driver.clone());
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "the fake Graph API stopped");
            }
        });
        Ok(driver)
    }

    /// Points the driver at a server's webhook.
    pub fn connect(&self, webhook: &str) {
        *lock(&self.webhook) = Arc::from(webhook);
    }

    fn new_track(&self, script: Script) -> Arc<Track> {
        let id = self.next_contact.fetch_add(1, Ordering::Relaxed);
        let mut cumulative = vec![0];
        let mut flat = Vec::new();
        for turn in &script.turns {
            flat.extend(turn.expected.iter().cloned());
            cumulative.push(flat.len());
        }
        let track = Arc::new(Track {
            id,
            number: format!("628{id:010}"),
            script,
            flat,
            cumulative,
            state: Mutex::new(TrackState::default()),
        });
        lock(&self.shards[(id as usize) % SHARDS]).insert(id, track.clone());
        lock(&self.phase).push(track.clone());
        track
    }

    fn track(&self, number: &str) -> Option<Arc<Track>> {
        let id: u64 = number.strip_prefix("628")?.parse().ok()?;
        lock(&self.shards[(id as usize) % SHARDS]).get(&id).cloned()
    }

    /// Starts turn `turn` of `track`, due at `due`; returns whether it expects a reply (the
    /// waiter is dropped otherwise).
    fn arm(&self, track: &Track, turn: usize, due: Instant, waiter: Option<Waiter>) -> bool {
        let mut state = lock(&track.state);
        state.target = track.cumulative[turn + 1];
        state.due = Some(due);
        let expected = track.cumulative[turn + 1] - track.cumulative[turn];
        self.outstanding
            .fetch_add(expected as i64, Ordering::SeqCst);
        state.waiter = if expected > 0 { waiter } else { None };
        expected > 0
    }

    /// Posts turn `turn` (and, now and then, posts it again with the same id).
    async fn send_turn(&self, track: &Track, turn: usize, due: Instant) {
        let wamid = format!("wamid.BENCH.{}.{turn}", track.id);
        let body = Bytes::from(message_webhook(
            &track.number,
            &wamid,
            &track.script.turns[turn].event,
        ));
        lock(&self.tally).messages += 1;
        self.post(body.clone(), due, Kind::Message).await;
        if self.target.redeliver_percent > 0
            && rand::rng().random_range(0..100) < self.target.redeliver_percent
        {
            lock(&self.tally).redelivered += 1;
            self.post(body, Instant::now(), Kind::Redelivery).await;
        }
    }

    /// Posts a signed webhook, retrying a few times as Meta does; returns whether it was taken.
    async fn post(&self, body: Bytes, due: Instant, kind: Kind) -> bool {
        let signature = sign(&body);
        let webhook = lock(&self.webhook).clone();
        for attempt in 0..5u64 {
            let result = self
                .client
                .post(&*webhook)
                .header("x-hub-signature-256", &signature)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await;
            match result {
                Ok(response) if response.status().is_success() => {
                    let _ = response.bytes().await;
                    let us = due.elapsed().as_micros() as u64;
                    let mut tally = lock(&self.tally);
                    match kind {
                        Kind::Message => tally.ack_us.push(us),
                        Kind::Status => {
                            tally.statuses += 1;
                            tally.status_ack_us.push(us)
                        }
                        Kind::Redelivery => {}
                    }
                    return true;
                }
                Ok(response) => {
                    let status = response.status();
                    let _ = response.bytes().await;
                    let mut tally = lock(&self.tally);
                    tally.errors += 1;
                    if tally.examples.len() < 5 {
                        tally.examples.push(format!("webhook answered {status}"));
                    }
                }
                Err(e) => {
                    let mut tally = lock(&self.tally);
                    tally.errors += 1;
                    if tally.examples.len() < 5 {
                        tally.examples.push(format!("webhook failed: {e}"));
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(50 * (attempt + 1))).await;
        }
        false
    }

    /// A reply reached the fake Graph API.
    fn on_reply(&self, message: &Value) {
        let now = Instant::now();
        let to = message["to"].as_str().unwrap_or("");
        let Some(track) = self.track(to) else {
            let mut tally = lock(&self.tally);
            tally.replies += 1;
            tally.wrong += 1;
            if tally.examples.len() < 5 {
                tally
                    .examples
                    .push(format!("a reply to an unknown number {to:?}"));
            }
            return;
        };
        let seen = if self.target.check_texts {
            signature(message)
        } else {
            String::new()
        };
        let (wrong, duplicate, latency, waiter) = {
            let mut state = lock(&track.state);
            let k = state.received;
            state.received += 1;
            let (mut wrong, mut duplicate) = (None, false);
            if k < state.target {
                self.outstanding.fetch_sub(1, Ordering::SeqCst);
                if self.target.check_texts && track.flat[k] != seen {
                    wrong = Some(format!(
                        "{}: reply {} was {:?}, expected {:?}",
                        track.number,
                        k + 1,
                        seen,
                        track.flat[k]
                    ));
                }
            } else if !self.target.check_texts || state.seen.contains(&seen) {
                duplicate = true;
            } else {
                wrong = Some(format!("{}: an unexpected reply {:?}", track.number, seen));
            }
            if self.target.check_texts {
                state.seen.push(seen);
            }
            let done = k + 1 == state.target;
            let latency = if done { state.due } else { None };
            let waiter = if done { state.waiter.take() } else { None };
            (wrong, duplicate, latency, waiter)
        };
        {
            let mut tally = lock(&self.tally);
            tally.replies += 1;
            tally.last_reply = Some(now);
            if let Some(due) = latency {
                tally
                    .reply_us
                    .push(now.saturating_duration_since(due).as_micros() as u64);
            }
            if duplicate {
                tally.duplicate += 1;
                if tally.examples.len() < 5 {
                    tally
                        .examples
                        .push(format!("{}: a reply sent twice", track.number));
                }
            }
            if let Some(why) = wrong {
                tally.wrong += 1;
                if tally.examples.len() < 5 {
                    tally.examples.push(why);
                }
            }
        }
        match waiter {
            Some(Waiter::Reply(tx)) => {
                let _ = tx.send(());
            }
            Some(Waiter::Ready(queue, next)) => lock(&queue).push_back((track, next)),
            None => {}
        }
    }

    /// Queues the three status webhooks Meta sends for an accepted message.
    fn report_statuses(&self, wamid: &str, to: &str, callback: Option<&str>) {
        let poster = self.next_poster.fetch_add(1, Ordering::Relaxed) % self.posters.len();
        for status in ["sent", "delivered", "read"] {
            self.statuses_pending.fetch_add(1, Ordering::SeqCst);
            let body = Bytes::from(status_webhook(wamid, to, status, callback));
            if self.posters[poster].send(body).is_err() {
                self.statuses_pending.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// Closed loop: `concurrency` teens, each writing its next message once the last one is
    /// answered, new contacts one after another, for `duration`.
    pub async fn closed(
        self: &Arc<Self>,
        concurrency: usize,
        duration: Duration,
        scripts: Scripts,
    ) {
        let deadline = Instant::now() + duration;
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let driver = self.clone();
            let scripts = scripts.clone();
            tasks.push(tokio::spawn(async move {
                while Instant::now() < deadline {
                    let track = driver.new_track(scripts());
                    for turn in 0..track.script.turns.len() {
                        let now = Instant::now();
                        if now >= deadline {
                            break;
                        }
                        let (tx, rx) = oneshot::channel();
                        let expecting = driver.arm(&track, turn, now, Some(Waiter::Reply(tx)));
                        driver.send_turn(&track, turn, now).await;
                        if expecting
                            && !matches!(tokio::time::timeout(REPLY_TIMEOUT, rx).await, Ok(Ok(())))
                        {
                            break;
                        }
                    }
                }
            }));
        }
        for task in tasks {
            let _ = task.await;
        }
    }

    /// Open loop: messages at `rate` per second on average, with exponential gaps (Poisson
    /// arrivals), for `duration`. Each arrival is the next message of a contact whose last
    /// message was answered, or the first of a new contact.
    pub async fn open(self: &Arc<Self>, rate: f64, duration: Duration, scripts: Scripts) {
        let start = Instant::now();
        let end = start + duration;
        let ready: Arc<ReadyQueue> = Arc::new(Mutex::new(VecDeque::new()));
        let slots = Arc::new(tokio::sync::Semaphore::new(OPEN_LOOP_CONNECTIONS));
        let mut due = start;
        loop {
            let u: f64 = rand::rng().random_range(f64::MIN_POSITIVE..1.0);
            due += Duration::from_secs_f64(-u.ln() / rate);
            if due >= end {
                break;
            }
            if due > Instant::now() {
                tokio::time::sleep_until(due.into()).await;
            }
            let next = lock(&ready).pop_front();
            let (track, turn) = match next {
                Some(next) => next,
                None => (self.new_track(scripts()), 0),
            };
            let driver = self.clone();
            let ready = ready.clone();
            let slots = slots.clone();
            // Counted before the task starts, so that `finish` never misses it.
            self.in_flight.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let _slot = slots.acquire_owned().await;
                let more = turn + 1 < track.script.turns.len();
                let waiter = more.then(|| Waiter::Ready(ready.clone(), turn + 1));
                let expecting = driver.arm(&track, turn, due, waiter);
                driver.send_turn(&track, turn, due).await;
                if !expecting && more {
                    lock(&ready).push_back((track, turn + 1));
                }
                driver.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }

    /// Waits (at most `timeout`) until every message of the phase is acknowledged and
    /// answered and every status is posted; then counts what is missing and starts afresh.
    /// Returns the tally and when the last of that work was done.
    pub async fn finish(&self, timeout: Duration) -> (Tally, Instant) {
        let deadline = Instant::now() + timeout;
        loop {
            let busy = self.in_flight.load(Ordering::SeqCst) > 0
                || self.statuses_pending.load(Ordering::SeqCst) > 0
                || self.outstanding.load(Ordering::SeqCst) > 0;
            if !busy || Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let drained = Instant::now();
        // A reply sent twice comes shortly after the first; give it the time to show.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let tracks = std::mem::take(&mut *lock(&self.phase));
        let missing: usize = tracks
            .iter()
            .map(|t| {
                let s = lock(&t.state);
                s.target.saturating_sub(s.received)
            })
            .sum();
        // Forget the phase's contacts: a reply that still comes for one is counted as wrong.
        for t in &tracks {
            lock(&self.shards[(t.id as usize) % SHARDS]).remove(&t.id);
        }
        self.outstanding.store(0, Ordering::SeqCst);
        let mut tally = std::mem::take(&mut *lock(&self.tally));
        tally.missing = missing as u64;
        (tally, drained)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Message,
    Redelivery,
    Status,
}

/// `POST {graph}/{phone_number_id}/messages`: takes the reply, answers with a message id as
/// Meta does, then reports it with status webhooks.
async fn graph_send(State(driver): State<Arc<Driver>>, body: Bytes) -> impl IntoResponse {
    let message: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let n = driver.next_wamid.fetch_add(1, Ordering::Relaxed);
    let wamid = format!("wamid.BENCHOUT{n}");
    driver.on_reply(&message);
    let to = message["to"].as_str().unwrap_or("");
    driver.report_statuses(&wamid, to, message["biz_opaque_callback_data"].as_str());
    axum::Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": to, "wa_id": to }],
        "messages": [{ "id": wamid }],
    }))
}

/// `sha256=<hex>` of the body with the app secret, as Meta signs.
pub fn sign(body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(APP_SECRET.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn envelope(value: Value) -> Vec<u8> {
    let payload = json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "200000000000002",
            "changes": [{ "field": "messages", "value": value }],
        }],
    });
    serde_json::to_vec(&payload).unwrap_or_default()
}

fn unix_seconds() -> String {
    chrono::Utc::now().timestamp().to_string()
}

/// A message webhook as Meta sends it: typed text, or a tapped button or list row.
pub fn message_webhook(from: &str, wamid: &str, event: &Inbound) -> Vec<u8> {
    let mut message = json!({ "from": from, "id": wamid, "timestamp": unix_seconds() });
    match event {
        Inbound::Choice { id, title } => {
            message["type"] = json!("interactive");
            message["interactive"] = json!({
                "type": "list_reply",
                "list_reply": { "id": id, "title": title },
            });
        }
        Inbound::Text { text } => {
            message["type"] = json!("text");
            message["text"] = json!({ "body": text });
        }
        _ => message["type"] = json!("unsupported"),
    }
    envelope(json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": "6281100000000", "phone_number_id": PHONE_NUMBER_ID },
        "contacts": [{ "profile": { "name": "Remaja" }, "wa_id": from }],
        "messages": [message],
    }))
}

/// A status webhook as Meta sends it, echoing the send's `biz_opaque_callback_data`.
pub fn status_webhook(wamid: &str, to: &str, status: &str, callback: Option<&str>) -> Vec<u8> {
    let mut s = json!({
        "id": wamid,
        "status": status,
        "timestamp": unix_seconds(),
        "recipient_id": to,
    });
    if let Some(callback) = callback {
        s["biz_opaque_callback_data"] = json!(callback);
    }
    envelope(json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": "6281100000000", "phone_number_id": PHONE_NUMBER_ID },
        "statuses": [s],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhooks_are_signed_and_parse_as_the_server_parses_them() {
        let wa = crate::channels::whatsapp::WhatsApp {
            app_secret: crate::channels::Secret(APP_SECRET.into()),
            verify_token: crate::channels::Secret("v".into()),
            token: crate::channels::Secret(TOKEN.into()),
            phone_number_id: PHONE_NUMBER_ID.into(),
            api_url: "http://127.0.0.1:1".into(),
            template: None,
        };
        let body = message_webhook(
            "6280000000001",
            "wamid.X",
            &Inbound::Choice {
                id: "menu/main/1".into(),
                title: "Haid".into(),
            },
        );
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-hub-signature-256", sign(&body).parse().unwrap());
        assert!(wa.verify(&headers, &body).is_ok());
        let items = wa.parse(&body, 0).unwrap();
        let crate::store::ingest::Incoming::Message(m) = &items[0] else {
            panic!("a message")
        };
        assert_eq!(m.provider_id, "wamid.X");
        assert_eq!(
            m.event,
            Inbound::Choice {
                id: "menu/main/1".into(),
                title: "Haid".into()
            }
        );
        let status = status_webhook("wamid.OUT", "6280000000001", "read", Some("genre:7"));
        let items = wa.parse(&status, 0).unwrap();
        let crate::store::ingest::Incoming::Status(s) = &items[0] else {
            panic!("a status")
        };
        assert_eq!(s.outbox_id, Some(7));
    }
}
