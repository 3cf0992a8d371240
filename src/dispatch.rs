//! Routing cases to counsellors, and the SLA timer for urgent ones.
//!
//! Every few seconds (and at once when a case opens or a counsellor becomes available), on one
//! instance of the cluster at a time:
//!
//! * **Routing.** Waiting cases, urgent first, then oldest first, go to an available counsellor
//!   with spare capacity who covers the case's topic and kecamatan (the least loaded, then the
//!   one who waited longest for a case); failing that, to any available counsellor with spare
//!   capacity. With nobody available the case waits in the queue, visible to all who cover it.
//! * **SLA.** An urgent case without a human reply after `GENRE_SLA_MINUTES` (default 10): the
//!   teen gets the emergency numbers again with an honest word about the wait, and supervisors
//!   get an alert in the console and, when their phone is set, on WhatsApp.

use std::time::Duration;

use fluent_bundle::FluentArgs;

use crate::app::{AppState, ConsoleEvent};
use crate::engine::Reply;
use crate::store::counsellors::{Counsellor, Role};
use crate::store::{Db, Result, on_db};

/// Runs until shutdown.
pub async fn run(app: AppState) {
    loop {
        tokio::select! {
            _ = app.wake_dispatch.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = app.shutdown.cancelled() => return,
        }
        if let Err(e) = tick(&app).await {
            tracing::error!(error = %e, "dispatch failed");
        }
    }
}

/// One round of routing and SLA checks (public for tests with a controlled clock).
pub async fn tick(app: &AppState) -> Result<()> {
    // The lease keeps other instances out; this keeps two rounds of this one apart.
    static ONE_ROUND: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _round = ONE_ROUND.lock().await;
    let now = app.clock.now_ms();
    if !app
        .db
        .try_lease("dispatch", &app.instance_id, now, now + 30_000)
        .await?
    {
        return Ok(());
    }
    assign_waiting(app, now).await?;
    check_sla(app, now).await
}

/// The counsellor a case should go to, if any.
pub fn pick<'c>(
    counsellors: &'c [Counsellor],
    topic: &str,
    kecamatan: Option<&str>,
) -> Option<&'c Counsellor> {
    let free = counsellors
        .iter()
        .filter(|c| c.available && !c.disabled && c.load < c.capacity);
    let best = |list: Vec<&'c Counsellor>| list.into_iter().min_by_key(|c| (c.load, c.id));
    best(
        free.clone()
            .filter(|c| c.covers(topic, kecamatan))
            .collect(),
    )
    .or_else(|| best(free.collect()))
}

async fn assign_waiting(app: &AppState, now: i64) -> Result<()> {
    let waiting: Vec<_> = app
        .db
        .cases(true, 1000)
        .await?
        .into_iter()
        .filter(|c| c.status == "waiting")
        .collect();
    if waiting.is_empty() {
        return Ok(());
    }
    let mut counsellors = app.db.counsellors().await?;
    for case in waiting {
        let Some(chosen) = pick(&counsellors, &case.topic, case.kecamatan.as_deref()).map(|c| c.id)
        else {
            continue;
        };
        app.db.assign_case(case.id, chosen, now).await?;
        if let Some(c) = counsellors.iter_mut().find(|c| c.id == chosen) {
            c.load += 1;
        }
        tracing::info!(
            case_id = case.id,
            counsellor_id = chosen,
            urgent = case.urgent,
            "case assigned"
        );
        app.publish(ConsoleEvent::Case { id: case.id }).await;
    }
    Ok(())
}

async fn check_sla(app: &AppState, now: i64) -> Result<()> {
    let limit_ms = app.config.sla_minutes as i64 * 60_000;
    let overdue: Vec<_> = app
        .db
        .cases(true, 1000)
        .await?
        .into_iter()
        .filter(|c| {
            c.urgent
                && c.first_reply_at.is_none()
                && c.sla_alerted_at.is_none()
                && c.opened_at + limit_ms <= now
        })
        .collect();
    for case in overdue {
        if !app.db.mark_sla_alerted(case.id, now).await? {
            continue;
        }
        let office_open = app
            .settings
            .office
            .is_open(chrono::DateTime::from_timestamp_millis(now).unwrap_or_default());
        // To the teen: the numbers again, honestly.
        let lang = app
            .db
            .contact_lang(case.contact_id)
            .await?
            .unwrap_or_else(|| "id".into());
        let mut args = FluentArgs::new();
        args.set("office_hours", app.settings.office.describe(&lang));
        let id = if office_open {
            "system-sla-wait"
        } else {
            "system-sla-wait-closed"
        };
        let text = app
            .bundle
            .texts
            .format(&lang, id, Some(&args))
            .unwrap_or_default();
        app.db
            .queue_message(case.contact_id, "reply", &safety(text), now)
            .await?;
        // To supervisors: in the console, and on WhatsApp when their phone is set.
        let supervisors: Vec<Counsellor> = app
            .db
            .counsellors()
            .await?
            .into_iter()
            .filter(|c| c.role >= Role::Supervisor && !c.disabled)
            .collect();
        if app.channels.whatsapp.is_some() {
            for s in supervisors.iter().filter(|s| s.phone.is_some()) {
                let mut args = FluentArgs::new();
                args.set("case", case.id);
                args.set("minutes", app.config.sla_minutes);
                let text = app
                    .bundle
                    .texts
                    .format(&s.lang, "console-alert-whatsapp", Some(&args))
                    .unwrap_or_default();
                let staff = app
                    .db
                    .staff_contact("whatsapp", s.phone.as_deref().unwrap_or_default(), now)
                    .await?;
                app.db
                    .queue_message(staff, "alert", &plain(text), now)
                    .await?;
            }
        }
        tracing::warn!(
            case_id = case.id,
            "urgent case not picked up in time: teen reassured, supervisors alerted"
        );
        app.publish(ConsoleEvent::Alert { case: case.id }).await;
        app.wake_sender.notify_one();
    }
    Ok(())
}

fn plain(text: String) -> Reply {
    Reply {
        text,
        choices: vec![],
        list_button: None,
        even_if_stopped: false,
    }
}

/// A safety message goes even to a teen who opted out.
fn safety(text: String) -> Reply {
    Reply {
        even_if_stopped: true,
        ..plain(text)
    }
}

impl Db {
    /// Marks a case's SLA alert as sent; false if another round already did.
    pub async fn mark_sla_alerted(&self, case_id: i64, now: i64) -> Result<bool> {
        on_db!(self, pool => {
            let changed = sqlx::query("update cases set sla_alerted_at = $1 where id = $2 and sla_alerted_at is null")
                .bind(now)
                .bind(case_id)
                .execute(pool)
                .await?
                .rows_affected();
            if changed > 0 {
                sqlx::query("insert into alerts (at, case_id, kind) values ($1, $2, 'sla')")
                    .bind(now)
                    .bind(case_id)
                    .execute(pool)
                    .await?;
            }
            Ok(changed > 0)
        })
    }

    pub async fn contact_lang(&self, contact_id: i64) -> Result<Option<String>> {
        on_db!(self, pool => Ok(sqlx::query_scalar::<_, Option<String>>("select lang from contacts where id = $1")
            .bind(contact_id)
            .fetch_optional(pool)
            .await?
            .flatten()))
    }

    /// Puts a message for a contact in the outbox (outside the engine: SLA notices, alerts).
    pub async fn queue_message(
        &self,
        contact_id: i64,
        kind: &str,
        reply: &Reply,
        now: i64,
    ) -> Result<i64> {
        let body = serde_json::to_string(reply).unwrap_or_default();
        let priority = if kind == "broadcast" { 2 } else { 0 };
        on_db!(self, pool => Ok(sqlx::query_scalar(
            "insert into outbox (contact_id, channel, kind, priority, body, even_if_stopped, state, next_attempt_at, created_at)
             select id, channel, $1, $2, $3, $4, 'pending', $5, $5 from contacts where id = $6
             returning id")
            .bind(kind)
            .bind(priority)
            .bind(body)
            .bind(reply.even_if_stopped)
            .bind(now)
            .bind(contact_id)
            .fetch_one(pool)
            .await?))
    }

    /// The contact for a staff phone (created on first use; left out of reports).
    pub async fn staff_contact(&self, channel: &str, address: &str, now: i64) -> Result<i64> {
        on_db!(self, pool => Ok(sqlx::query_scalar(
            "insert into contacts (channel, address, pseudonym, invite_code, created_at, staff, state)
             values ($1, $2, 'staff', $3, $4, true, '{\"consented\":true}')
             on conflict (channel, address) do update set staff = true
             returning id")
            .bind(channel)
            .bind(address)
            .bind(format!("S{}", crate::store::random_code(7)))
            .bind(now)
            .fetch_one(pool)
            .await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, topics: &[&str], kecamatan: &[&str], load: i64, available: bool) -> Counsellor {
        Counsellor {
            id,
            name: format!("c{id}"),
            login: format!("c{id}"),
            role: Role::Counsellor,
            topics: topics.iter().map(|s| s.to_string()).collect(),
            kecamatan: kecamatan.iter().map(|s| s.to_string()).collect(),
            capacity: 2,
            available,
            disabled: false,
            phone: None,
            lang: "id".into(),
            load,
        }
    }

    #[test]
    fn a_matching_counsellor_wins_then_anyone_available_with_room() {
        let team = vec![
            c(1, &["hiv_sti"], &[], 0, true),
            c(2, &["violence/crisis"], &["bangil"], 1, true),
            c(3, &[], &[], 0, true),
        ];
        assert_eq!(
            pick(&team, "violence/crisis", Some("bangil")).unwrap().id,
            3,
            "least loaded among those who cover it"
        );
        let team = vec![
            c(1, &["hiv_sti"], &[], 0, true),
            c(2, &["violence/crisis"], &["bangil"], 1, true),
        ];
        assert_eq!(
            pick(&team, "violence/crisis", Some("bangil")).unwrap().id,
            2
        );
        assert_eq!(
            pick(&team, "marriage_age", Some("gempol")).unwrap().id,
            1,
            "no match: anyone with room"
        );
    }

    #[test]
    fn away_or_full_counsellors_get_nothing() {
        let team = vec![c(1, &[], &[], 0, false), c(2, &[], &[], 2, true)];
        assert!(pick(&team, "hiv_sti", None).is_none());
    }
}
