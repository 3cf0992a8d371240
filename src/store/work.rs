//! Processing stored messages: each contact's messages in order, one at a time, and the new
//! conversation state, the replies, the cases and the analytics written in the same transaction
//! as the "processed" mark. A crash before the commit means the messages are processed again
//! from the same state; after it, never again.
//!
//! On PostgreSQL several instances process at once: each claims contacts with a transaction-
//! scoped advisory lock (`pg_try_advisory_xact_lock`), so a contact is never processed by two
//! instances at a time, and the lock does not block the webhooks that keep writing new messages
//! for that contact. On SQLite there is one writer: `BEGIN IMMEDIATE` takes it.

use sqlx::Row;

use super::{Db, Result, StoreError, begin_write, on_db};
use crate::engine::state::ContactState;
use crate::engine::{CaseOrigin, Effect, Inbound};

/// One stored message to process, with its contact.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub inbound_id: i64,
    pub received_at: i64,
    pub event: Inbound,
    pub contact: ContactRow,
}

/// What the worker needs to know about a contact.
#[derive(Debug, Clone)]
pub struct ContactRow {
    pub id: i64,
    pub channel: String,
    /// The state before this message (or after the previous one in the same batch).
    pub state: ContactState,
    pub invite_code: String,
    pub invites_joined: i64,
    pub created_at: i64,
}

/// The engine's answer for one item.
pub struct Stepped {
    pub state: ContactState,
    pub effects: Vec<Effect>,
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    pub processed: usize,
    /// New outbox rows, for the sender.
    pub outbox: usize,
    /// Cases opened or made urgent: (case id, urgent).
    pub cases: Vec<(i64, bool)>,
    /// Milliseconds from receipt to processing, per message.
    pub waited_ms: Vec<i64>,
    /// Problems the engine reported (texts that failed to format).
    pub problems: Vec<String>,
    /// Contacts whose message went to their open case (consoles show it live).
    pub teen_wrote: Vec<i64>,
}

/// Priority of outbox rows: replies and safety messages first.
pub const PRIORITY_REPLY: i64 = 0;
pub const PRIORITY_COUNSELLOR: i64 = 1;
pub const PRIORITY_BROADCAST: i64 = 2;

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl Db {
    /// Stored messages not yet processed (the worker's backlog).
    pub async fn unprocessed_inbound(&self) -> Result<i64> {
        on_db!(self, pool => Ok(sqlx::query_scalar("select count(*) from inbound where processed_at is null")
            .fetch_one(pool)
            .await?))
    }

    /// Processes up to `limit` stored messages in three steps: read them with their contacts,
    /// hand them to `step` (given the time; it returns one [`Stepped`] per item, in order),
    /// then write everything in one transaction.
    ///
    /// The engine never runs while SQLite's write lock is held, so a message that takes long
    /// to understand holds up no webhook (on SQLite the messages are read before the lock is
    /// taken: this worker is the only one that processes them). On PostgreSQL the contacts
    /// are claimed with transaction-scoped advisory locks first, which block no one else.
    pub async fn process_batch<F>(
        &self,
        limit: i64,
        clock: &dyn crate::clock::Clock,
        step: impl FnOnce(Vec<WorkItem>, i64) -> F,
    ) -> Result<BatchOutcome>
    where
        F: std::future::Future<Output = Vec<Stepped>>,
    {
        let mut outcome = BatchOutcome::default();
        on_db!(self, pool => {
            let postgres = self.backend() == super::Backend::Postgres;
            let mut claim = if postgres { Some(pool.begin().await?) } else { None };
            let rows = match claim.as_mut() {
                Some(tx) => {
                    // Claim contacts, skipping those another instance is processing.
                    let candidates: Vec<i64> = sqlx::query_scalar(
                        "select contact_id from inbound where processed_at is null
                         group by contact_id order by min(id) limit $1")
                    .bind(limit)
                    .fetch_all(&mut **tx)
                    .await?;
                    let mut locked = Vec::new();
                    for id in candidates {
                        // The one-key space: the contact's id (the sender uses the two-key
                        // space).
                        let got: bool = sqlx::query_scalar("select pg_try_advisory_xact_lock($1)")
                            .bind(id)
                            .fetch_one(&mut **tx)
                            .await?;
                        if got {
                            locked.push(id);
                        }
                    }
                    if locked.is_empty() {
                        return Ok(outcome);
                    }
                    let mut q = sqlx::QueryBuilder::new(
                        "select i.id, i.event, i.received_at, c.id as contact_id, c.channel, c.state,
                                c.invite_code, c.invites_joined, c.created_at
                         from inbound i join contacts c on c.id = i.contact_id
                         where i.processed_at is null and i.contact_id in (");
                    let mut list = q.separated(", ");
                    for id in &locked {
                        list.push_bind(*id);
                    }
                    q.push(") order by i.id");
                    q.build().fetch_all(&mut **tx).await?
                }
                None => sqlx::query(
                    "select i.id, i.event, i.received_at, c.id as contact_id, c.channel, c.state,
                            c.invite_code, c.invites_joined, c.created_at
                     from inbound i join contacts c on c.id = i.contact_id
                     where i.processed_at is null order by i.id limit $1")
                    .bind(limit)
                    .fetch_all(pool)
                    .await?,
            };
            if rows.is_empty() {
                return Ok(outcome);
            }
            // Read after the rows: every message in hand arrived before "now".
            let now = clock.now_ms();
            let mut items = Vec::with_capacity(rows.len());
            for row in &rows {
                let event: Inbound = match row.try_get::<Option<String>, _>("event")? {
                    Some(json) => serde_json::from_str(&json).map_err(corrupt)?,
                    // Purged by retention before it was processed (the server was down for
                    // longer than the retention period): nothing to say to it.
                    None => Inbound::Unsupported,
                };
                let state: String = row.try_get("state")?;
                items.push(WorkItem {
                    inbound_id: row.try_get("id")?,
                    received_at: row.try_get("received_at")?,
                    event,
                    contact: ContactRow {
                        id: row.try_get("contact_id")?,
                        channel: row.try_get("channel")?,
                        state: serde_json::from_str(&state).map_err(corrupt)?,
                        invite_code: row.try_get("invite_code")?,
                        invites_joined: row.try_get("invites_joined")?,
                        created_at: row.try_get("created_at")?,
                    },
                });
            }
            drop(rows);
            let stepped = step(items.clone(), now).await;
            if stepped.len() != items.len() {
                return Err(StoreError::Corrupt("the engine skipped a message".into()));
            }
            let mut tx = match claim {
                Some(tx) => tx,
                None => begin_write!(self, pool),
            };

            // Analytics events, written in one statement at the end of the batch.
            let mut events: Vec<EventRow> = Vec::new();
            // The latest state of each contact in this batch.
            let mut states: std::collections::HashMap<i64, ContactState> = std::collections::HashMap::new();
            let mut touched: Vec<i64> = Vec::new();
            for (item, stepped) in items.iter().zip(stepped) {
                let inbound_id = item.inbound_id;
                let received_at = item.received_at;
                let contact_id = item.contact.id;
                let channel = &item.contact.channel;
                let mut confirmation_id = None;
                for effect in &stepped.effects {
                    match effect {
                        Effect::Reply(reply) => {
                            let body = serde_json::to_string(reply).map_err(corrupt)?;
                            let id: i64 = sqlx::query_scalar(
                                "insert into outbox (contact_id, channel, inbound_id, kind, priority, body,
                                                     even_if_stopped, state, next_attempt_at, created_at)
                                 values ($1, $2, $3, 'reply', $4, $5, $6, 'pending', $7, $7)
                                 returning id")
                            .bind(contact_id)
                            .bind(channel)
                            .bind(inbound_id)
                            .bind(PRIORITY_REPLY)
                            .bind(body)
                            .bind(reply.even_if_stopped)
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await?;
                            if reply.even_if_stopped {
                                confirmation_id = Some(id);
                            }
                            outcome.outbox += 1;
                        }
                        Effect::OpenCase { topic, urgent, origin, reason } => {
                            let open: Option<(i64, bool)> = sqlx::query_as(
                                "select id, urgent from cases where contact_id = $1 and status <> 'closed'
                                 order by id desc limit 1")
                            .bind(contact_id)
                            .fetch_optional(&mut *tx)
                            .await?;
                            match open {
                                Some((case_id, was_urgent)) => {
                                    if *urgent && !was_urgent {
                                        sqlx::query(
                                            "update cases set urgent = true, corrected = false, topic = $1,
                                                 reason = $2, opened_at = $3
                                             where id = $4")
                                        .bind(topic)
                                        .bind(reason)
                                        .bind(now)
                                        .bind(case_id)
                                        .execute(&mut *tx)
                                        .await?;
                                        outcome.cases.push((case_id, true));
                                    }
                                }
                                None => {
                                    let kecamatan = stepped.state.fields.get("kecamatan").cloned();
                                    let case_id: i64 = sqlx::query_scalar(
                                        "insert into cases (contact_id, topic, urgent, kecamatan, origin, reason,
                                                            status, opened_at, last_teen_at)
                                         values ($1, $2, $3, $4, $5, $6, 'waiting', $7, $7)
                                         returning id")
                                    .bind(contact_id)
                                    .bind(topic)
                                    .bind(*urgent)
                                    .bind(kecamatan)
                                    .bind(origin_name(*origin))
                                    .bind(reason)
                                    .bind(now)
                                    .fetch_one(&mut *tx)
                                    .await?;
                                    outcome.cases.push((case_id, *urgent));
                                }
                            }
                        }
                        Effect::ToCase { .. } => {
                            outcome.teen_wrote.push(contact_id);
                            sqlx::query("update cases set last_teen_at = $1 where contact_id = $2 and status <> 'closed'")
                                .bind(now)
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                        }
                        Effect::CrisisCorrected { .. } => {
                            sqlx::query(
                                "update cases set urgent = false, corrected = true
                                 where contact_id = $1 and status <> 'closed' and origin = 'crisis'")
                            .bind(contact_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        Effect::Consent { notice_version } => {
                            sqlx::query(
                                "update contacts set consent_at = $1, consent_channel = $2, consent_version = $3
                                 where id = $4")
                            .bind(now)
                            .bind(channel)
                            .bind(notice_version)
                            .bind(contact_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        Effect::OptOut | Effect::OptIn => {}
                        Effect::Erase => {
                            let keep = confirmation_id.unwrap_or(-1);
                            // Provider ids go too: a WhatsApp message id encodes the sender's
                            // number.
                            sqlx::query(
                                "update inbound set event = null, provider_id = 'erased:' || cast(id as text)
                                 where contact_id = $1")
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query(
                                "delete from statuses where (channel, provider_message_id) in
                                   (select channel, provider_message_id from outbox
                                    where contact_id = $1 and provider_message_id is not null)")
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                            // Case texts: the counsellors' notes, and the free-text reason of a
                            // number reveal (the audit line itself stays: who, when, what).
                            sqlx::query(
                                "delete from case_notes where case_id in (select id from cases where contact_id = $1)")
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query(
                                "update audit set detail = 'erased'
                                 where action = 'number.reveal'
                                   and target in (select 'case ' || cast(id as text) from cases where contact_id = $1)")
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query(
                                "update outbox set body = '{}', provider_message_id = null, last_error = null,
                                     state = case when state in ('pending', 'held', 'sending') then 'cancelled' else state end
                                 where contact_id = $1 and id <> $2")
                            .bind(contact_id)
                            .bind(keep)
                            .execute(&mut *tx)
                            .await?;
                            sqlx::query("update events set contact_ref = null where contact_ref = $1")
                                .bind(contact_id)
                                .execute(&mut *tx)
                                .await?;
                            events.retain(|e| e.contact_ref != Some(contact_id));
                            sqlx::query(
                                "update cases set status = case when status = 'closed' then status else 'closed' end,
                                     closed_at = coalesce(closed_at, $1), outcome = coalesce(outcome, 'erased'),
                                     reason = 'erased', kecamatan = null
                                 where contact_id = $2")
                            .bind(now)
                            .bind(contact_id)
                            .execute(&mut *tx)
                            .await?;
                            sqlx::query(
                                "update contacts set state = '{}', lang = null, age_band = null, kecamatan = null,
                                     events_opt_in = false, consent_at = null, consent_channel = null,
                                     consent_version = null, invited_by = null, erasing = true,
                                     pseudonym = 'Remaja-terhapus'
                                 where id = $1")
                            .bind(contact_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        Effect::Referral { code } => {
                            // Only a contact in its first day joins through a code, and never
                            // through its own: the invite tree counts new teens.
                            let linked = sqlx::query(
                                "update contacts set invited_by = (select id from contacts where invite_code = $1 and id <> $2)
                                 where id = $2 and invited_by is null and created_at > $3
                                   and exists (select 1 from contacts where invite_code = $1 and id <> $2)")
                            .bind(code.to_uppercase())
                            .bind(contact_id)
                            .bind(now - 24 * 3_600_000)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                            if linked > 0 {
                                sqlx::query("update contacts set invites_joined = invites_joined + 1 where invite_code = $1")
                                    .bind(code.to_uppercase())
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                        Effect::Topic { topic, rule } => {
                            events.push(EventRow::new(now, "topic", contact_id, channel, &stepped.state, Some(topic), None, None, None, Some(rule)));
                        }
                        Effect::FlowStarted { flow, run } => {
                            events.push(EventRow::new(now, "flow_started", contact_id, channel, &stepped.state, None, Some(flow), None, Some(*run as i64), None));
                        }
                        Effect::NodeReached { flow, node, run } => {
                            events.push(EventRow::new(now, "node_reached", contact_id, channel, &stepped.state, None, Some(flow), Some(node), Some(*run as i64), None));
                        }
                        Effect::FlowFinished { flow, run } => {
                            events.push(EventRow::new(now, "flow_finished", contact_id, channel, &stepped.state, None, Some(flow), None, Some(*run as i64), None));
                        }
                        Effect::FieldSet { field, value } => {
                            if field == "feedback" {
                                events.push(EventRow::new(now, "feedback", contact_id, channel, &stepped.state, None, None, None, None, Some(value)));
                            }
                        }
                        Effect::Problem { message } => outcome.problems.push(message.clone()),
                    }
                }
                if item.event.from_teen() {
                    // A message from the teen reopens WhatsApp's 24-hour window: messages held
                    // back because it had closed can go now.
                    sqlx::query(
                        "update outbox set state = 'pending', next_attempt_at = $1
                         where contact_id = $2 and state = 'held'")
                    .bind(now)
                    .bind(contact_id)
                    .execute(&mut *tx)
                    .await?;
                }
                let marked = sqlx::query(
                    "update inbound set processed_at = $1 where id = $2 and processed_at is null")
                    .bind(now)
                    .bind(inbound_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if marked == 0 {
                    // Processed meanwhile by another worker (two servers on one SQLite file):
                    // nothing of this batch is written, and the next one starts afresh.
                    return Err(StoreError::Conflict("a message was processed twice".into()));
                }
                outcome.processed += 1;
                outcome.waited_ms.push(now - received_at);
                if !touched.contains(&contact_id) {
                    touched.push(contact_id);
                }
                states.insert(contact_id, stepped.state);
            }
            for chunk in events.chunks(500) {
                let mut q = sqlx::QueryBuilder::new(
                    "insert into events (at, kind, contact_ref, channel, topic, flow, node, run, value, kecamatan, age_band) ");
                q.push_values(chunk, |mut b, e| {
                    b.push_bind(e.at)
                        .push_bind(e.kind)
                        .push_bind(e.contact_ref)
                        .push_bind(&e.channel)
                        .push_bind(&e.topic)
                        .push_bind(&e.flow)
                        .push_bind(&e.node)
                        .push_bind(e.run)
                        .push_bind(&e.value)
                        .push_bind(&e.kecamatan)
                        .push_bind(&e.age_band);
                });
                q.build().execute(&mut *tx).await?;
            }
            // In id order, as webhook batches lock contact rows (see ingest.rs): two
            // transactions that lock rows in different orders can deadlock on PostgreSQL.
            touched.sort_unstable();
            for contact_id in touched {
                let state = &states[&contact_id];
                let fields = &state.fields;
                let erased = state == &ContactState::new() && !state.consented;
                sqlx::query(
                    "update contacts set state = $1, lang = $2, age_band = $3, kecamatan = $4,
                         events_opt_in = $5, opted_out = $6
                     where id = $7")
                .bind(serde_json::to_string(state).map_err(corrupt)?)
                .bind(if erased { None } else { fields.get("lang") })
                .bind(fields.get("age_band"))
                .bind(fields.get("kecamatan"))
                .bind(fields.get("events").is_some_and(|v| v == "yes"))
                .bind(state.opted_out)
                .bind(contact_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(outcome)
        })
    }
}

fn origin_name(origin: CaseOrigin) -> &'static str {
    match origin {
        CaseOrigin::Flow => "flow",
        CaseOrigin::Crisis => "crisis",
        CaseOrigin::Command => "command",
    }
}

/// One anonymous analytics event (with the age band and kecamatan, for reports).
struct EventRow {
    at: i64,
    kind: &'static str,
    /// Cut at erasure; never shown in reports.
    contact_ref: Option<i64>,
    channel: String,
    topic: Option<String>,
    flow: Option<String>,
    node: Option<String>,
    run: Option<i64>,
    value: Option<String>,
    kecamatan: Option<String>,
    age_band: Option<String>,
}

impl EventRow {
    #[allow(clippy::too_many_arguments)]
    fn new(
        at: i64,
        kind: &'static str,
        contact_id: i64,
        channel: &str,
        state: &ContactState,
        topic: Option<&String>,
        flow: Option<&String>,
        node: Option<&String>,
        run: Option<i64>,
        value: Option<&String>,
    ) -> Self {
        EventRow {
            at,
            kind,
            contact_ref: Some(contact_id),
            channel: channel.to_string(),
            topic: topic.cloned(),
            flow: flow.cloned(),
            node: node.cloned(),
            run,
            value: value.cloned(),
            kecamatan: state.fields.get("kecamatan").cloned(),
            age_band: state.fields.get("age_band").cloned(),
        }
    }
}
