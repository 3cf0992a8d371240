//! The worker: runs stored messages through the engine, batch after batch, and wakes the
//! sender when replies are written.

use std::time::Duration;

use crate::app::AppState;
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
            .process_batch(BATCH, &*app.clock, |item, now| {
                let office_open = app
                    .settings
                    .office
                    .is_open(chrono::DateTime::from_timestamp_millis(now).unwrap_or_default());
                step_item(app, item, now, office_open)
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
            Err(e) => {
                tracing::error!(error = %e, "processing failed; retrying shortly");
                tokio::time::sleep(Duration::from_secs(1)).await;
                return;
            }
        }
    }
}

/// One message through the engine, with the values its texts may use.
fn step_item(app: &AppState, item: &WorkItem, now: i64, office_open: bool) -> Stepped {
    let facts = ContactFacts {
        invite_code: Some(item.contact.invite_code.clone()),
        invites_joined: item.contact.invites_joined.max(0) as u64,
    };
    let lang = item.contact.state.lang(app.bundle.texts.default_lang());
    let vars = app.settings.vars(&facts, lang);
    let env = Env {
        bundle: &app.bundle,
        now_ms: now,
        vars: &vars,
        office_open,
    };
    let result = step(&item.contact.state, &item.event, &env);
    Stepped {
        state: result.state,
        effects: result.effects,
    }
}
