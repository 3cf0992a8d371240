//! The sender: the only code that calls a provider.
//!
//! It claims due outbox rows, sends each contact's rows in order (one task per contact, many
//! contacts at once), and hands the outcomes to a recorder that writes them in batches. Every
//! send passes the same gates first: an erased or opted-out contact gets nothing (except the
//! STOP/HAPUS confirmations and safety messages), WhatsApp's 24-hour window is respected (a
//! template goes instead, the message waits until the teen writes), and each channel has a
//! rate limit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngExt;
use tokio::sync::{Semaphore, mpsc};

use crate::app::AppState;
use crate::channels::{Message, Outgoing, SendOutcome};
use crate::metrics::ChannelLabel;
use crate::store::outbox::{Claimed, Outcome};

/// When to try again after the n-th failed attempt (throttled, then passing failures). Meta
/// suggests 4^n seconds for its rate limits.
pub const RETRY_SOON: [Duration; 8] = [
    Duration::from_secs(1),
    Duration::from_secs(4),
    Duration::from_secs(16),
    Duration::from_secs(64),
    Duration::from_secs(256),
    Duration::from_secs(900),
    Duration::from_secs(3600),
    Duration::from_secs(4 * 3600),
];
pub const RETRY_LATER: [Duration; 8] = [
    Duration::from_secs(10),
    Duration::from_secs(60),
    Duration::from_secs(300),
    Duration::from_secs(900),
    Duration::from_secs(3600),
    Duration::from_secs(3 * 3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(12 * 3600),
];

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// WhatsApp's customer-service window, with a margin for delayed webhooks.
const WINDOW_MS: i64 = 24 * 3_600_000 - 10 * 60_000;

/// The retry time for attempt `attempt` (1-based), with ±20% jitter so that a burst of
/// failures does not come back as a burst.
pub fn retry_at(
    now: i64,
    attempt: i64,
    schedule: &[Duration],
    hint: Option<Duration>,
) -> Option<i64> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let base = schedule[((attempt - 1).max(0) as usize).min(schedule.len() - 1)];
    let jitter = rand::rng().random_range(0.8..1.2);
    let delay = base.mul_f64(jitter).max(hint.unwrap_or_default());
    Some(now + delay.as_millis() as i64)
}

/// A token bucket: `rate` messages per second, bursts up to `rate`.
pub struct RateLimiter {
    rate: f64,
    state: Mutex<(f64, Instant)>,
}

impl RateLimiter {
    pub fn new(rate: u32) -> Self {
        Self::per_second(f64::from(rate.max(1)))
    }

    /// A limiter for a rate that may be below one a second (a broadcast's share of an SMS
    /// phone's rate); bursts up to one message or `rate`, whichever is more.
    pub fn per_second(rate: f64) -> Self {
        let rate = rate.max(0.001);
        RateLimiter {
            rate,
            state: Mutex::new((rate.max(1.0), Instant::now())),
        }
    }

    /// Waits for a token.
    pub async fn acquire(&self) {
        while let Err(wait) = self.try_acquire() {
            tokio::time::sleep(wait).await;
        }
    }

    /// Takes a token if there is one; else says how long until there is.
    pub fn try_acquire(&self) -> Result<(), Duration> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let refill = now.duration_since(state.1).as_secs_f64() * self.rate;
        state.0 = (state.0 + refill).min(self.rate.max(1.0));
        state.1 = now;
        if state.0 >= 1.0 {
            state.0 -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - state.0) / self.rate))
        }
    }
}

/// Each channel's limit, and the share of it broadcasts may use (on top of the channel's).
struct Limiters {
    channel: HashMap<&'static str, RateLimiter>,
    broadcast: HashMap<&'static str, RateLimiter>,
}

/// Messages per second a broadcast may use on `channel`.
pub fn broadcast_rate(app: &AppState, channel: &str) -> f64 {
    f64::from(app.config.rate(channel).max(1)) * app.config.broadcast_share
}

/// Runs until shutdown; then finishes the sends in flight and records them.
pub async fn run(app: AppState) {
    let permits = Arc::new(Semaphore::new(app.config.send_concurrency.max(1)));
    let limiters = Arc::new(Limiters {
        channel: app
            .channels
            .names()
            .into_iter()
            .map(|name| (name, RateLimiter::new(app.config.rate(name))))
            .collect(),
        broadcast: app
            .channels
            .names()
            .into_iter()
            .map(|name| (name, RateLimiter::per_second(broadcast_rate(&app, name))))
            .collect(),
    });
    let (results_tx, results_rx) = mpsc::channel::<(Claimed, Outcome)>(4096);
    let recorder = tokio::spawn(record(app.clone(), results_rx));
    loop {
        if app.shutdown.is_cancelled() {
            break;
        }
        claim_and_send(&app, &permits, &limiters, &results_tx).await;
        tokio::select! {
            _ = app.wake_sender.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
            _ = app.shutdown.cancelled() => {}
        }
    }
    // Wait for every send in flight, then let the recorder write the last outcomes.
    let _ = permits
        .acquire_many(app.config.send_concurrency.max(1) as u32)
        .await;
    drop(results_tx);
    let _ = recorder.await;
}

/// Claims what is due, as far as free senders allow, and starts one task per contact.
async fn claim_and_send(
    app: &AppState,
    permits: &Arc<Semaphore>,
    limiters: &Arc<Limiters>,
    results: &mpsc::Sender<(Claimed, Outcome)>,
) {
    loop {
        let free = permits.available_permits();
        if free == 0 || app.shutdown.is_cancelled() {
            return;
        }
        let now = app.clock.now_ms();
        let claimed = match app
            .db
            .claim_sends(now, (free * 4).min(512) as i64, now + lease_ms(app))
            .await
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "could not claim sends");
                return;
            }
        };
        if claimed.is_empty() {
            return;
        }
        // Each contact's rows, in order, in one task.
        let mut groups: Vec<Vec<Claimed>> = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        for row in claimed {
            match index.get(&row.contact_id) {
                Some(&i) => groups[i].push(row),
                None => {
                    index.insert(row.contact_id, groups.len());
                    groups.push(vec![row]);
                }
            }
        }
        for group in groups {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                return;
            };
            let app = app.clone();
            let limiters = limiters.clone();
            let results = results.clone();
            tokio::spawn(async move {
                send_in_order(&app, &limiters, group, &results).await;
                drop(permit);
            });
        }
    }
}

/// Sends one contact's rows in order; after a row that must wait, the rest wait with it.
async fn send_in_order(
    app: &AppState,
    limiters: &Limiters,
    rows: Vec<Claimed>,
    results: &mpsc::Sender<(Claimed, Outcome)>,
) {
    let mut blocked: Option<Outcome> = None;
    for row in rows {
        let outcome = match &blocked {
            // Keep the order: a later row never overtakes an earlier one that must wait.
            Some(Outcome::Retry { at, .. } | Outcome::Released { at }) => {
                Outcome::Released { at: *at }
            }
            Some(Outcome::Held { .. }) => Outcome::Held { template: None },
            _ => send_one(app, limiters, &row).await,
        };
        if matches!(
            outcome,
            Outcome::Retry { .. } | Outcome::Held { .. } | Outcome::Released { .. }
        ) && blocked.is_none()
        {
            blocked = Some(outcome.clone());
        }
        if results.send((row, outcome)).await.is_err() {
            return;
        }
    }
}

/// The gates, then the provider.
#[tracing::instrument(name = "send", skip_all, fields(outbox_id = row.id, contact_id = row.contact_id, channel = %row.channel))]
async fn send_one(app: &AppState, limiters: &Limiters, row: &Claimed) -> Outcome {
    let now = app.clock.now_ms();
    let Some(to) = row.address.as_deref() else {
        return Outcome::Cancelled {
            reason: "the contact's data was erased".into(),
        };
    };
    if row.opted_out && !row.even_if_stopped {
        return Outcome::Cancelled {
            reason: "the teen opted out".into(),
        };
    }
    if row.erasing && !row.even_if_stopped {
        return Outcome::Cancelled {
            reason: "the teen asked for erasure".into(),
        };
    }
    if row.kind == "broadcast" && !row.events_opt_in {
        return Outcome::Cancelled {
            reason: "the teen turned event news off".into(),
        };
    }
    let Some(channel) = app.channels.get(&row.channel) else {
        return match retry_at(now, row.attempt, &RETRY_LATER, None) {
            Some(at) => Outcome::Retry {
                at,
                error: format!("channel {} is not configured", row.channel),
                in_doubt: false,
            },
            None => Outcome::Failed {
                error: format!("channel {} is not configured", row.channel),
            },
        };
    };
    let broadcast = row.kind == "broadcast";
    let mut template = (row.kind == "template").then_some(None);
    let window_closed = row
        .last_inbound_at
        .is_none_or(|last| now - last > WINDOW_MS);
    if channel.has_window(to) && template.is_none() && window_closed {
        if !broadcast {
            return outside_window(channel.has_template());
        }
        // An announcement is not worth holding: it goes as the supervisor's template, or not
        // at all. (Templates are Meta's: only the Cloud API channel sends them by name.)
        match row.broadcast_template.as_deref() {
            Some(name) if channel.name() == "whatsapp" => template = Some(Some(name)),
            _ => {
                return Outcome::Cancelled {
                    reason: "outside WhatsApp's 24-hour window and the broadcast has no template"
                        .into(),
                };
            }
        }
    }
    // Over its share, a broadcast message goes back to the queue rather than wait here: a
    // waiting send would hold a sender slot that a reply needs.
    if broadcast
        && let Some(limiter) = limiters.broadcast.get(channel.name())
        && let Err(wait) = limiter.try_acquire()
    {
        return Outcome::Released {
            at: now + wait.as_millis() as i64 + 1,
        };
    }
    if let Some(limiter) = limiters.channel.get(channel.name()) {
        limiter.acquire().await;
    }
    // A send must end (by answer or timeout) inside its claim: once the lease runs out another
    // instance may take the row, and both would send it. A row that waited too long for a
    // free slot goes back, untried.
    let now = app.clock.now_ms();
    if now + (app.config.send_timeout * 1000) as i64 >= row.lease_until {
        return Outcome::Released { at: now };
    }
    let message = match template {
        Some(name) => Message::Template(name),
        None => Message::Reply(&row.reply),
    };
    let outcome = channel
        .send(
            &app.http,
            Outgoing {
                outbox_id: row.id,
                to,
                message,
            },
        )
        .await;
    match outcome {
        SendOutcome::Sent { provider_id } => Outcome::Sent { provider_id },
        SendOutcome::RetrySoon { error, after } => {
            retry(now, row.attempt, &RETRY_SOON, after, error)
        }
        SendOutcome::RetryLater { error } => retry(now, row.attempt, &RETRY_LATER, None, error),
        SendOutcome::InDoubt { error } => {
            // Not before the grace period: a status naming the row may still settle it.
            let grace = Duration::from_secs(app.config.in_doubt_grace);
            match retry(now, row.attempt, &RETRY_LATER, Some(grace), error) {
                Outcome::Retry { at, error, .. } => Outcome::Retry {
                    at,
                    error,
                    in_doubt: true,
                },
                other => other,
            }
        }
        SendOutcome::Permanent { error } => Outcome::Failed { error },
        SendOutcome::Stopped { error } => Outcome::Stopped { error },
        SendOutcome::OutsideWindow { .. } => outside_window(channel.has_template()),
    }
}

/// How long a claim lasts: at least a send timeout and a bit, so that a slow send is never
/// taken for an interrupted one.
fn lease_ms(app: &AppState) -> i64 {
    (app.config.send_lease.max(app.config.send_timeout + 1) * 1000) as i64
}

fn retry(
    now: i64,
    attempt: i64,
    schedule: &[Duration],
    hint: Option<Duration>,
    error: String,
) -> Outcome {
    match retry_at(now, attempt, schedule, hint) {
        Some(at) => Outcome::Retry {
            at,
            error,
            in_doubt: false,
        },
        None => Outcome::Failed {
            error: format!("gave up after {attempt} attempts: {error}"),
        },
    }
}

fn outside_window(has_template: bool) -> Outcome {
    if has_template {
        Outcome::Held {
            template: Some("configured".into()),
        }
    } else {
        Outcome::Failed {
            error: "outside WhatsApp's 24-hour window and no template is configured (GENRE_WHATSAPP_TEMPLATE)".into(),
        }
    }
}

/// Writes outcomes in batches, finishes erasures, wakes the sender for the next rows.
async fn record(app: AppState, mut rx: mpsc::Receiver<(Claimed, Outcome)>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < 512 {
            match rx.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        let now = app.clock.now_ms();
        if let Err(e) = app.db.record_sends(now, &batch).await {
            // The rows stay claimed; their lease expires and they are sent again, in doubt.
            tracing::error!(error = %e, "could not record send outcomes");
            continue;
        }
        for (row, outcome) in &batch {
            let label = ChannelLabel::of(&row.channel);
            match outcome {
                Outcome::Sent { .. } => {
                    app.metrics.sent.get_or_create(&label).inc();
                    if let Some(received) = row.received_at {
                        app.metrics
                            .end_to_end_seconds
                            .observe((now - received) as f64 / 1000.0);
                    }
                }
                Outcome::Retry { error, .. } => {
                    app.metrics.retries.get_or_create(&label).inc();
                    tracing::warn!(outbox_id = row.id, attempt = row.attempt, error = %error, "send will be retried");
                }
                Outcome::Failed { error } | Outcome::Stopped { error } => {
                    app.metrics.failed.get_or_create(&label).inc();
                    tracing::warn!(outbox_id = row.id, error = %error, "send failed");
                }
                Outcome::Cancelled { .. } | Outcome::Held { .. } | Outcome::Released { .. } => {}
            }
            let done = matches!(
                outcome,
                Outcome::Sent { .. }
                    | Outcome::Failed { .. }
                    | Outcome::Stopped { .. }
                    | Outcome::Cancelled { .. }
            );
            if row.erasing
                && row.even_if_stopped
                && done
                && let Err(e) = app.db.finish_erasure(row.contact_id, now).await
            {
                tracing::error!(error = %e, contact_id = row.contact_id, "could not finish an erasure");
            }
        }
        app.wake_sender.notify_one();
    }
}

/// Puts sends interrupted by a crash back in the queue (in doubt), every few seconds.
pub async fn run_reclaimer(app: AppState) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = app.shutdown.cancelled() => return,
        }
        let now = app.clock.now_ms();
        match app
            .db
            .reclaim_expired(now, app.config.in_doubt_grace as i64 * 1000)
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::warn!(
                rows = n,
                "sends interrupted by a crash are back in the queue, in doubt"
            ),
            Err(e) => tracing::error!(error = %e, "could not reclaim interrupted sends"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_schedule_with_jitter_and_give_up() {
        let at = retry_at(0, 1, &RETRY_SOON, None).unwrap();
        assert!((800..=1200).contains(&at), "{at}");
        let at = retry_at(0, 3, &RETRY_LATER, None).unwrap();
        assert!((240_000..=360_000).contains(&at), "{at}");
        let at = retry_at(0, 1, &RETRY_SOON, Some(Duration::from_secs(30))).unwrap();
        assert_eq!(at, 30_000, "a provider's Retry-After wins when longer");
        assert!(retry_at(0, MAX_ATTEMPTS, &RETRY_SOON, None).is_none());
    }

    #[tokio::test]
    async fn the_rate_limiter_spaces_sends() {
        let limiter = RateLimiter::new(20);
        let start = Instant::now();
        for _ in 0..30 {
            limiter.acquire().await;
        }
        // 20 from the burst, 10 more at 20 per second.
        assert!(
            start.elapsed() >= Duration::from_millis(450),
            "{:?}",
            start.elapsed()
        );
    }
}
