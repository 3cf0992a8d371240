//! Storing what providers send, before acknowledging it.
//!
//! A webhook's messages and statuses are written in one transaction (together with those of
//! other webhooks that arrived at the same moment: group commit). A message is unique on
//! (channel, provider id): the same message delivered three times is stored once. A status
//! only moves a message's delivery state forward (`read` never goes back to `delivered`).

use std::collections::HashMap;

use sqlx::Row;

use super::{Backend, Db, Result, begin_write, new_pseudonym, on_db, random_code};
use crate::engine::Inbound;

/// A message from a teen, as a channel adapter parsed it.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub channel: String,
    /// Phone number, WhatsApp id or chat id.
    pub address: String,
    /// The provider's message id (wamid, MessageSid, event id, update id).
    pub provider_id: String,
    pub event: Inbound,
    pub received_at: i64,
}

/// Where a sent message is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    Delivered,
    Read,
    Failed,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Sent => "sent",
            Delivery::Delivered => "delivered",
            Delivery::Read => "read",
            Delivery::Failed => "failed",
        }
    }

    /// Order of delivery states: a status never moves a message back.
    pub fn rank(self) -> i64 {
        match self {
            Delivery::Sent => 1,
            Delivery::Delivered => 2,
            Delivery::Read => 3,
            Delivery::Failed => 1,
        }
    }
}

/// A delivery status from a provider.
#[derive(Debug, Clone)]
pub struct NewStatus {
    pub channel: String,
    pub provider_message_id: String,
    pub status: Delivery,
    pub at: i64,
    /// Our outbox id, when the provider echoes it (WhatsApp `biz_opaque_callback_data`, the
    /// `outbox` query parameter of Twilio's status callback, the SMS gateway's message id).
    pub outbox_id: Option<i64>,
    /// The provider's error, for a failure.
    pub error: Option<String>,
    /// The recipient has unsubscribed or blocked the bot (Twilio 21610): stop the contact.
    pub stopped: bool,
}

/// Anything a webhook brings.
#[derive(Debug, Clone)]
pub enum Incoming {
    Message(NewMessage),
    Status(NewStatus),
}

/// What became of each incoming item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// A new message, stored with this inbound id for this contact.
    Stored { inbound_id: i64, contact_id: i64 },
    /// Already stored: a provider retry or a duplicate inside the payload.
    Duplicate,
    /// A status, applied (or kept until its message is known).
    Status,
    /// A status seen before.
    DuplicateStatus,
}

/// Inserts `$contacts` ((channel, address, created_at, last_inbound_at), each once) with a new
/// pseudonym and invite code, resolving a clash on (channel, address) with `$on_conflict`;
/// records the ids returned in `$ids`.
macro_rules! insert_contacts {
    ($tx:ident, $contacts:expr, $ids:ident, $on_conflict:literal) => {
        for chunk in $contacts.chunks(CHUNK) {
            let mut q = sqlx::QueryBuilder::new(
                "insert into contacts (channel, address, pseudonym, invite_code, created_at, last_inbound_at) ");
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.0)
                    .push_bind(c.1)
                    .push_bind(new_pseudonym())
                    .push_bind(random_code(6))
                    .push_bind(c.2)
                    .push_bind(c.3);
            });
            q.push(concat!(" on conflict (channel, address) ", $on_conflict, " returning id, channel, address"));
            for row in q.build().fetch_all(&mut *$tx).await? {
                let address: Option<String> = row.try_get("address")?;
                $ids.insert((row.try_get("channel")?, address.unwrap_or_default()), row.try_get("id")?);
            }
        }
    };
}

/// Locks rows of `$table` by id, lowest first (run only on PostgreSQL; SQLite has one writer
/// at a time): transactions that take row locks in one order cannot deadlock on them.
macro_rules! lock_in_order {
    ($tx:ident, $table:literal, $ids:expr) => {{
        let mut ids: Vec<i64> = $ids;
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(CHUNK) {
            let mut q =
                sqlx::QueryBuilder::new(concat!("select id from ", $table, " where id in ("));
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            // The lock an update that leaves keys alone takes: it does not wait for the key-share
            // locks that inserting a row which references a contact takes.
            q.push(") order by id for no key update");
            q.build().fetch_all(&mut *$tx).await?;
        }
    }};
}

impl Db {
    /// Stores a batch in one transaction, with a handful of statements whatever its size:
    /// the contacts in one upsert, the messages in one insert, the statuses in one insert and
    /// one update per kind. The outcome is the one the items would have one after another, in
    /// order (a message or status repeated inside the batch is a duplicate of the first).
    pub async fn ingest(&self, items: &[Incoming]) -> Result<Vec<Ingested>> {
        // The batch is rolled back whole and tried again when PostgreSQL broke a deadlock
        // with the worker or the sender (they lock rows in other orders), or when a new
        // contact drew an invite code another contact has (new codes are drawn each time).
        let mut attempt = 0;
        loop {
            match self.ingest_once(items).await {
                Err(e) if attempt < 5 && (is_deadlock(&e) || is_invite_code_taken(&e)) => {
                    attempt += 1;
                    tracing::debug!(attempt, error = %e, "trying the webhook batch again");
                }
                result => return result,
            }
        }
    }

    async fn ingest_once(&self, items: &[Incoming]) -> Result<Vec<Ingested>> {
        let mut out: Vec<Option<Ingested>> = vec![None; items.len()];
        let messages: Vec<(usize, &NewMessage)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Incoming::Message(m) => Some((i, m)),
                Incoming::Status(_) => None,
            })
            .collect();
        let statuses: Vec<(usize, &NewStatus)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Incoming::Status(s) => Some((i, s)),
                Incoming::Message(_) => None,
            })
            .collect();
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);

            // ----- messages
            if !messages.is_empty() {
                // Each contact once: created at its first message, its last inbound time the
                // latest of the batch (what one upsert per message would leave).
                let mut contacts: Vec<(&str, &str, i64, i64)> = Vec::new();
                let mut contact_index: HashMap<(&str, &str), usize> = HashMap::new();
                for (_, m) in &messages {
                    let key = (m.channel.as_str(), m.address.as_str());
                    match contact_index.get(&key) {
                        Some(&c) => contacts[c].3 = contacts[c].3.max(m.received_at),
                        None => {
                            contact_index.insert(key, contacts.len());
                            contacts.push((key.0, key.1, m.received_at, m.received_at));
                        }
                    }
                }
                // New contacts are created without touching the existing ones: locking an
                // existing contact here, before its messages are inserted, deadlocks on
                // PostgreSQL with the worker when a message it is processing is delivered
                // again (the insert waits for the worker, the worker for the contact). Their
                // last inbound time is moved forward at the end, below.
                let mut contact_ids: HashMap<(String, String), i64> = HashMap::new();
                insert_contacts!(tx, contacts, contact_ids, "do nothing");
                let known = |ids: &HashMap<(String, String), i64>, c: &(&str, &str, i64, i64)| {
                    ids.contains_key(&(c.0.to_string(), c.1.to_string()))
                };
                let existing: Vec<(&str, &str, i64, i64)> =
                    contacts.iter().filter(|c| !known(&contact_ids, c)).copied().collect();
                for chunk in existing.chunks(CHUNK) {
                    let mut q = sqlx::QueryBuilder::new("select id, channel, address from contacts where (channel, address) in (");
                    q.push_values(chunk, |mut b, c| {
                        b.push_bind(c.0).push_bind(c.1);
                    });
                    q.push(")");
                    for row in q.build().fetch_all(&mut *tx).await? {
                        let address: Option<String> = row.try_get("address")?;
                        contact_ids.insert((row.try_get("channel")?, address.unwrap_or_default()), row.try_get("id")?);
                    }
                }
                // Erased in the meantime (the address is gone): created anew, as a new contact.
                let vanished: Vec<(&str, &str, i64, i64)> =
                    contacts.iter().filter(|c| !known(&contact_ids, c)).copied().collect();
                insert_contacts!(
                    tx,
                    vanished,
                    contact_ids,
                    "do update set last_inbound_at = case
                         when excluded.last_inbound_at > coalesce(contacts.last_inbound_at, 0)
                         then excluded.last_inbound_at else contacts.last_inbound_at end"
                );
                // The contacts that existed: their last inbound time, moved forward only.
                let mut bumps: Vec<(i64, i64)> = existing
                    .iter()
                    .filter_map(|c| contact_ids.get(&(c.0.to_string(), c.1.to_string())).map(|id| (*id, c.3)))
                    .collect();
                bumps.sort_unstable();
                // Each message once, in the order received (inbound ids keep that order): a
                // repeat inside the batch is a duplicate, like a repeat of a stored one.
                let mut first: Vec<(usize, &NewMessage, i64, String)> = Vec::new();
                let mut seen: HashMap<(&str, &str), ()> = HashMap::new();
                for (i, m) in &messages {
                    if seen.insert((m.channel.as_str(), m.provider_id.as_str()), ()).is_some() {
                        out[*i] = Some(Ingested::Duplicate);
                        continue;
                    }
                    let contact_id = *contact_ids
                        .get(&(m.channel.clone(), m.address.clone()))
                        .ok_or_else(|| super::StoreError::Corrupt(format!("contact of {} not returned", m.provider_id)))?;
                    let event = serde_json::to_string(&m.event).map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
                    first.push((*i, m, contact_id, event));
                }
                let mut stored: HashMap<(String, String), i64> = HashMap::new();
                for chunk in first.chunks(CHUNK) {
                    let mut q = sqlx::QueryBuilder::new(
                        "insert into inbound (contact_id, channel, provider_id, event, received_at) ");
                    q.push_values(chunk, |mut b, (_, m, contact_id, event)| {
                        b.push_bind(*contact_id)
                            .push_bind(m.channel.as_str())
                            .push_bind(m.provider_id.as_str())
                            .push_bind(event.as_str())
                            .push_bind(m.received_at);
                    });
                    q.push(" on conflict (channel, provider_id) do nothing returning id, channel, provider_id");
                    for row in q.build().fetch_all(&mut *tx).await? {
                        stored.insert((row.try_get("channel")?, row.try_get("provider_id")?), row.try_get("id")?);
                    }
                }
                // In id order, the order in which other writers should lock contacts; a
                // contact whose time does not move (a message delivered again) is not locked.
                // (An update from a list locks rows in whatever order its plan visits them:
                // on PostgreSQL they are locked first, in order.)
                if self.backend() == Backend::Postgres {
                    let ids: Vec<i64> = bumps.iter().map(|(id, _)| *id).collect();
                    lock_in_order!(tx, "contacts", ids);
                }
                for chunk in bumps.chunks(CHUNK) {
                    let mut q = sqlx::QueryBuilder::new("with v (v_id, v_at) as (");
                    q.push_values(chunk, |mut b, (id, at)| {
                        b.push_bind(*id).push_bind(*at);
                    });
                    q.push(
                        ") update contacts set last_inbound_at = v_at from v
                         where contacts.id = v_id and v_at > coalesce(contacts.last_inbound_at, 0)");
                    q.build().execute(&mut *tx).await?;
                }
                for (i, m, contact_id, _) in &first {
                    out[*i] = Some(match stored.get(&(m.channel.clone(), m.provider_id.clone())) {
                        Some(&inbound_id) => Ingested::Stored { inbound_id, contact_id: *contact_id },
                        None => Ingested::Duplicate,
                    });
                }
            }

            // ----- statuses
            if !statuses.is_empty() {
                let mut first: Vec<(usize, &NewStatus)> = Vec::new();
                let mut seen: HashMap<(&str, &str, &str), ()> = HashMap::new();
                for (i, s) in &statuses {
                    if seen.insert((s.channel.as_str(), s.provider_message_id.as_str(), s.status.as_str()), ()).is_some() {
                        out[*i] = Some(Ingested::DuplicateStatus);
                    } else {
                        first.push((*i, s));
                    }
                }
                let mut new: HashMap<(String, String, String), ()> = HashMap::new();
                for chunk in first.chunks(CHUNK) {
                    let mut q = sqlx::QueryBuilder::new(
                        "insert into statuses (channel, provider_message_id, status, at) ");
                    q.push_values(chunk, |mut b, (_, s)| {
                        b.push_bind(s.channel.as_str())
                            .push_bind(s.provider_message_id.as_str())
                            .push_bind(s.status.as_str())
                            .push_bind(s.at);
                    });
                    q.push(" on conflict do nothing returning channel, provider_message_id, status");
                    for row in q.build().fetch_all(&mut *tx).await? {
                        new.insert((row.try_get("channel")?, row.try_get("provider_message_id")?, row.try_get("status")?), ());
                    }
                }
                let mut applied: Vec<&NewStatus> = Vec::new();
                for (i, s) in &first {
                    let key = (s.channel.clone(), s.provider_message_id.clone(), s.status.as_str().to_string());
                    if new.contains_key(&key) {
                        out[*i] = Some(Ingested::Status);
                        applied.push(s);
                    } else {
                        out[*i] = Some(Ingested::DuplicateStatus);
                    }
                }
                // Applied in rounds in which each message appears once, so that two statuses
                // of the same message apply in the order they came, as one by one.
                let mut rest: &[&NewStatus] = &applied;
                while !rest.is_empty() {
                    let mut in_round: HashMap<(&str, &str), ()> = HashMap::new();
                    let len = rest
                        .iter()
                        .position(|s| in_round.insert((s.channel.as_str(), s.provider_message_id.as_str()), ()).is_some())
                        .unwrap_or(rest.len());
                    let (round, later) = rest.split_at(len);
                    rest = later;

                    // A status naming our row settles a send left in doubt by a crash: it
                    // reached the provider, so it must not be sent again. (A second message
                    // naming the same row finds it settled: only the first counts.)
                    let mut settle: Vec<(i64, &NewStatus)> = Vec::new();
                    for s in round {
                        if let Some(id) = s.outbox_id
                            && !settle.iter().any(|(other, _)| *other == id)
                        {
                            settle.push((id, s));
                        }
                    }
                    // In the order of the rows, as other writers should lock them.
                    settle.sort_by_key(|(id, _)| *id);
                    if self.backend() == Backend::Postgres {
                        let mut ids: Vec<i64> = settle.iter().map(|(id, _)| *id).collect();
                        for chunk in round.chunks(CHUNK) {
                            let mut q = sqlx::QueryBuilder::new(
                                "select id from outbox where (channel, provider_message_id) in (");
                            let mut list = q.separated(", ");
                            for s in chunk {
                                list.push("(");
                                list.push_bind_unseparated(s.channel.as_str());
                                list.push_unseparated(", ");
                                list.push_bind_unseparated(s.provider_message_id.as_str());
                                list.push_unseparated(")");
                            }
                            q.push(")");
                            ids.extend(q.build_query_scalar::<i64>().fetch_all(&mut *tx).await?);
                        }
                        lock_in_order!(tx, "outbox", ids);
                    }
                    for chunk in settle.chunks(CHUNK) {
                        let mut q = sqlx::QueryBuilder::new("with v (v_id, v_channel, v_pmid, v_at) as (");
                        q.push_values(chunk, |mut b, (id, s)| {
                            b.push_bind(*id)
                                .push_bind(s.channel.as_str())
                                .push_bind(s.provider_message_id.as_str())
                                .push_bind(s.at);
                        });
                        q.push(
                            ") update outbox set provider_message_id = v_pmid, state = 'sent', in_doubt = false,
                                   lease_until = null, sent_at = coalesce(sent_at, v_at)
                               from v
                               where outbox.id = v_id and outbox.channel = v_channel
                                 and outbox.provider_message_id is null
                                 and outbox.state in ('sending', 'pending')");
                        q.build().execute(&mut *tx).await?;
                    }
                    for kind in [Delivery::Sent, Delivery::Delivered, Delivery::Read, Delivery::Failed] {
                        let of_kind: Vec<&&NewStatus> = round.iter().filter(|s| s.status == kind).collect();
                        for chunk in of_kind.chunks(CHUNK) {
                            let mut q = sqlx::QueryBuilder::new("with v (v_channel, v_pmid, v_at, v_err) as (");
                            q.push_values(chunk, |mut b, s| {
                                b.push_bind(s.channel.as_str())
                                    .push_bind(s.provider_message_id.as_str())
                                    .push_bind(s.at)
                                    .push_bind(s.error.as_deref());
                            });
                            q.push(") ").push(status_batch_sql(kind));
                            q.build().execute(&mut *tx).await?;
                        }
                    }
                    for s in round.iter().filter(|s| s.stopped) {
                        sqlx::query(
                            "update contacts set opted_out = true
                             where id = (select contact_id from outbox where channel = $1 and provider_message_id = $2)")
                        .bind(&s.channel)
                        .bind(&s.provider_message_id)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
            }
            tx.commit().await?;
            out.into_iter()
                .map(|o| o.ok_or_else(|| super::StoreError::Corrupt("an item was not stored".into())))
                .collect()
        })
    }
}

/// A PostgreSQL deadlock or serialization failure: the transaction was rolled back.
pub(crate) fn is_deadlock(e: &super::StoreError) -> bool {
    match e {
        super::StoreError::Sql(sqlx::Error::Database(db)) => {
            matches!(db.code().as_deref(), Some("40P01" | "40001"))
        }
        _ => false,
    }
}

/// A new contact's random invite code was already taken.
fn is_invite_code_taken(e: &super::StoreError) -> bool {
    match e {
        super::StoreError::Sql(sqlx::Error::Database(db)) => {
            db.is_unique_violation()
                && (db.constraint() == Some("contacts_invite_code_key")
                    || db.message().contains("contacts.invite_code"))
        }
        _ => false,
    }
}

/// Rows per statement (SQLite allows 32,766 parameters, PostgreSQL 65,535).
const CHUNK: usize = 1000;

/// [`status_sql`] for many messages at once: the same update, each row's values taken from
/// `v (v_channel, v_pmid, v_at, v_err)` (written before it, in a `with`).
fn status_batch_sql(status: Delivery) -> &'static str {
    match status {
        Delivery::Failed => {
            "update outbox set state = 'failed', failed_at = v_at, last_error = coalesce(v_err, last_error)
             from v where outbox.channel = v_channel and outbox.provider_message_id = v_pmid
               and outbox.state in ('sending', 'sent')"
        }
        Delivery::Sent => {
            "update outbox set state = 'sent', sent_at = coalesce(sent_at, v_at), last_error = coalesce(v_err, last_error)
             from v where outbox.channel = v_channel and outbox.provider_message_id = v_pmid
               and outbox.state = 'sending'"
        }
        Delivery::Delivered => {
            "update outbox set state = 'delivered', delivered_at = v_at, last_error = coalesce(v_err, last_error)
             from v where outbox.channel = v_channel and outbox.provider_message_id = v_pmid
               and outbox.state in ('sending', 'sent')"
        }
        Delivery::Read => {
            "update outbox set state = 'read', read_at = v_at, delivered_at = coalesce(delivered_at, v_at),
                 last_error = coalesce(v_err, last_error)
             from v where outbox.channel = v_channel and outbox.provider_message_id = v_pmid
               and outbox.state in ('sending', 'sent', 'delivered')"
        }
    }
}

/// The update that moves an outbox row's delivery state forward, never back.
/// Parameters: `$1` time, `$2` channel, `$3` provider message id, `$4` error (or null).
pub(crate) fn status_sql(status: Delivery) -> &'static str {
    match status {
        Delivery::Failed => {
            "update outbox set state = 'failed', failed_at = $1, last_error = coalesce($4, last_error)
             where channel = $2 and provider_message_id = $3 and state in ('sending', 'sent')"
        }
        Delivery::Sent => {
            "update outbox set state = 'sent', sent_at = coalesce(sent_at, $1), last_error = coalesce($4, last_error)
             where channel = $2 and provider_message_id = $3 and state = 'sending'"
        }
        Delivery::Delivered => {
            "update outbox set state = 'delivered', delivered_at = $1, last_error = coalesce($4, last_error)
             where channel = $2 and provider_message_id = $3 and state in ('sending', 'sent')"
        }
        Delivery::Read => {
            "update outbox set state = 'read', read_at = $1, delivered_at = coalesce(delivered_at, $1),
                 last_error = coalesce($4, last_error)
             where channel = $2 and provider_message_id = $3 and state in ('sending', 'sent', 'delivered')"
        }
    }
}
