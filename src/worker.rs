//! The worker: runs stored messages through the engine, batch after batch, and wakes the
//! sender when replies are written.

use std::collections::HashMap;
use std::time::Duration;

use crate::app::AppState;
use crate::engine::state::ContactState;
use crate::engine::{Env, step};
use crate::metrics::UrgencyLabel;
use crate::settings::ContactFacts;
use crate::store::work::{Stepped, WorkItem};

/// Messages processed per transaction.
const BATCH: i64 = 256;

/// Runs until shutdown; on shutdown, finishes what is stored, then stops.
pub async fn run(app: AppState) {
    loop {
        let stopping = app.shutdown.is_cancelled();
        drain(&app).await;
        if stopping {
            break;
        }
        tokio::select! {
            _ = app.wake_worker.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
            _ = app.shutdown.cancelled() => {}
        }
    }
}

/// Processes batches until nothing is left.
async fn drain(app: &AppState) {
    loop {
        let result = app
            .db
            .process_batch(BATCH, &*app.clock, |items, now| {
                // Understanding a message is CPU work: it runs on the blocking pool, so the
                // runtime's threads go on serving webhooks and the console meanwhile.
                let app = app.clone();
                async move {
                    tokio::task::spawn_blocking(move || step_batch(&app, &items, now))
                        .await
                        .unwrap_or_default()
                }
            })
            .await;
        match result {
            Ok(outcome) if outcome.processed == 0 => return,
            Ok(outcome) => {
                app.metrics.processed.inc_by(outcome.processed as u64);
                for waited in &outcome.waited_ms {
                    app.metrics
                        .processing_seconds
                        .observe(*waited as f64 / 1000.0);
                }
                if !outcome.cases.is_empty() {
                    app.wake_dispatch.notify_one();
                }
                for contact in &outcome.teen_wrote {
                    app.publish(crate::app::ConsoleEvent::Message { contact: *contact })
                        .await;
                }
                for (case_id, urgent) in &outcome.cases {
                    app.publish(crate::app::ConsoleEvent::Case { id: *case_id })
                        .await;
                    app.metrics
                        .cases_opened
                        .get_or_create(&UrgencyLabel {
                            urgent: urgent.to_string(),
                        })
                        .inc();
                    tracing::info!(case_id, urgent, "case opened for a counsellor");
                }
                for problem in &outcome.problems {
                    tracing::warn!(problem = %problem, "a text could not be produced; run `genre check`");
                }
                if outcome.outbox > 0 {
                    app.wake_sender.notify_one();
                }
            }
            // PostgreSQL rolled the batch back to break a deadlock with a webhook's batch:
            // nothing was written, so it is processed again at once.
            Err(e) if crate::store::ingest::is_deadlock(&e) => {
                tracing::debug!(error = %e, "processing deadlocked; trying again");
            }
            Err(e @ crate::store::StoreError::Conflict(_)) => {
                tracing::warn!(error = %e, "processing conflicted with another writer; trying again");
            }
            Err(e) => {
                tracing::error!(error = %e, "processing failed; retrying shortly");
                tokio::time::sleep(Duration::from_secs(1)).await;
                return;
            }
        }
    }
}

/// A batch through the engine, in order: a contact's second message starts from the state
/// its first one left.
fn step_batch(app: &AppState, items: &[WorkItem], now: i64) -> Vec<Stepped> {
    let office_open = app
        .settings
        .office
        .is_open(chrono::DateTime::from_timestamp_millis(now).unwrap_or_default());
    let mut latest: HashMap<i64, ContactState> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let state = latest.get(&item.contact.id).unwrap_or(&item.contact.state);
            // A bug in the engine must not make a message poison the queue: the message is
            // marked processed, the state stays as it was, and the problem is logged.
            let stepped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                step_item(app, item, state, now, office_open)
            }))
            .unwrap_or_else(|_| Stepped {
                state: state.clone(),
                effects: vec![crate::engine::Effect::Problem {
                    message: "the engine failed on a message; it was skipped".into(),
                }],
            });
            latest.insert(item.contact.id, stepped.state.clone());
            stepped
        })
        .collect()
}

/// One message through the engine, with the values its texts may use.
fn step_item(
    app: &AppState,
    item: &WorkItem,
    state: &ContactState,
    now: i64,
    office_open: bool,
) -> Stepped {
    let facts = ContactFacts {
        invite_code: Some(item.contact.invite_code.clone()),
        invites_joined: item.contact.invites_joined.max(0) as u64,
    };
    let lang = state.lang(app.bundle.texts.default_lang());
    let vars = app.settings.vars(&facts, lang);
    let env = Env {
        bundle: &app.bundle,
        now_ms: now,
        vars: &vars,
        office_open,
    };
    let result = step(state, &item.event, &env);
    Stepped {
        state: result.state,
        effects: result.effects,
    }
}
