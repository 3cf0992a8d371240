//! The retention job: every hour, on one instance of the cluster, message texts older than
//! `GENRE_RETENTION_DAYS` are deleted (the teens were told so at first contact). Statistics
//! survive: they live in anonymous tallies, not in the texts.

use std::time::Duration;

use crate::app::AppState;
use crate::store::Result;
use crate::store::privacy::Purged;

const DAY_MS: i64 = 24 * 3_600_000;

/// Runs until shutdown: a pass soon after start, then every hour.
pub async fn run(app: AppState) {
    let mut wait = Duration::from_secs(30);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = app.shutdown.cancelled() => return,
        }
        wait = Duration::from_secs(3600);
        if let Err(e) = tick(&app).await {
            tracing::error!(error = %e, "the retention job failed; it runs again within the hour");
        }
    }
}

/// One pass, if no other instance holds the job's lease (public for tests with a controlled
/// clock). Returns what was purged, or `None` when another instance has the job.
pub async fn tick(app: &AppState) -> Result<Option<Purged>> {
    let now = app.clock.now_ms();
    // Held for most of the hour: the other instances' passes in that hour find it taken.
    if !app
        .db
        .try_lease("retention", &app.instance_id, now, now + 55 * 60_000)
        .await?
    {
        return Ok(None);
    }
    let cutoff = now - i64::from(app.config.retention_days) * DAY_MS;
    let purged = app.db.purge_before(cutoff, now).await?;
    if purged != Purged::default() {
        tracing::info!(
            messages = purged.messages,
            replies = purged.replies,
            notes = purged.notes,
            statuses = purged.statuses,
            sessions = purged.sessions,
            days = app.config.retention_days,
            "retention: old message texts deleted"
        );
    }
    Ok(Some(purged))
}
