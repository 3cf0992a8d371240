//! The teens' data protection: retention, the right of access, finding a contact.
//!
//! Erasure (HAPUS) happens where the conversation step is committed (`work.rs`), and its last
//! part when the confirmation has gone out (`outbox.rs`).

use serde::Serialize;
use serde_json::{Value, json};

use super::{Db, Result, StoreError, on_db};

/// What one retention pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub messages: u64,
    pub replies: u64,
    pub notes: u64,
    pub statuses: u64,
    pub sessions: u64,
}

/// An hour: delivery statuses that match no sent message (it was erased, or the status came
/// for a message we never sent) are kept this long, in case the send result is still coming.
const ORPHAN_STATUS_MS: i64 = 3_600_000;

impl Db {
    /// Deletes message texts handled or created before `cutoff`: teens' messages, replies and
    /// counsellor messages that are done, notes of closed cases, delivery statuses; and
    /// expired console sessions. Contacts, cases and the anonymous events stay, so every
    /// statistic survives.
    pub async fn purge_before(&self, cutoff: i64, now: i64) -> Result<Purged> {
        Ok(Purged {
            // By when we handled it: the provider's timestamp is the sender's phone clock.
            messages: self
                .in_chunks(
                    "update inbound set event = null where id in (
                       select id from inbound where processed_at < $1 and event is not null limit 2000)",
                    &[cutoff],
                )
                .await?,
            replies: self
                .in_chunks(
                    "update outbox set body = '{}', last_error = null where id in (
                       select id from outbox where created_at < $1 and body <> '{}'
                         and state not in ('pending', 'sending', 'held') limit 2000)",
                    &[cutoff],
                )
                .await?,
            notes: self
                .in_chunks(
                    "delete from case_notes where id in (
                       select n.id from case_notes n join cases c on c.id = n.case_id
                       where n.created_at < $1 and c.status = 'closed' limit 2000)",
                    &[cutoff],
                )
                .await?,
            statuses: self
                .in_chunks(
                    "delete from statuses where (channel, provider_message_id, status) in (
                       select channel, provider_message_id, status from statuses s
                       where s.at < $1
                          or (s.at < $2 and not exists (
                                select 1 from outbox o
                                where o.channel = s.channel and o.provider_message_id = s.provider_message_id))
                       limit 2000)",
                    &[cutoff, now - ORPHAN_STATUS_MS],
                )
                .await?,
            sessions: self
                .in_chunks(
                    "delete from sessions where token_hash in (
                       select token_hash from sessions where expires_at < $1 limit 2000)",
                    &[now],
                )
                .await?,
        })
    }

    /// Runs a statement that changes at most 2,000 rows until a round changes fewer; returns
    /// how many it changed. Each round is its own short transaction, so that a first purge of a
    /// large database never holds the write lock long enough to delay a webhook.
    async fn in_chunks(&self, sql: &'static str, binds: &[i64]) -> Result<u64> {
        let mut total = 0;
        loop {
            let n = on_db!(self, pool => {
                let mut q = sqlx::query(sql);
                for b in binds {
                    q = q.bind(*b);
                }
                q.execute(pool).await?.rows_affected()
            });
            total += n;
            if n < 2000 {
                return Ok(total);
            }
        }
    }

    /// The contacts with this address (a phone number or chat id), on any channel.
    pub async fn contacts_at(&self, address: &str) -> Result<Vec<i64>> {
        on_db!(self, pool => Ok(sqlx::query_scalar(
            "select id from contacts where address = $1 order by id")
            .bind(address)
            .fetch_all(pool)
            .await?))
    }

    /// Everything stored about one contact, for the right of access: the contact's record and
    /// fields, consent, messages both ways, cases with their notes, and the analytics events
    /// that still name the contact.
    pub async fn export_contact(&self, id: i64) -> Result<Value> {
        on_db!(self, pool => {
            let contact: Option<ContactRow> = sqlx::query_as(
                "select channel, address, pseudonym, invite_code, lang, age_band, kecamatan,
                        events_opt_in, opted_out, consent_at, consent_channel, consent_version,
                        state, created_at, last_inbound_at, erased_at
                 from contacts where id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?;
            let Some(c) = contact else {
                return Err(StoreError::NotFound);
            };
            let invited: i64 = sqlx::query_scalar("select count(*) from contacts where invited_by = $1")
                .bind(id)
                .fetch_one(pool)
                .await?;
            let inbound: Vec<(i64, String, i64, Option<String>)> = sqlx::query_as(
                "select id, channel, received_at, event from inbound where contact_id = $1 order by id")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let outbox: Vec<OutboxRow> = sqlx::query_as(
                "select id, kind, state, created_at, sent_at, body from outbox where contact_id = $1 order by id")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let cases: Vec<CaseRow> = sqlx::query_as(
                "select id, topic, urgent, status, opened_at, closed_at, outcome
                 from cases where contact_id = $1 order by id")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let notes: Vec<(i64, i64, String)> = sqlx::query_as(
                "select n.case_id, n.created_at, n.body from case_notes n
                 join cases c on c.id = n.case_id where c.contact_id = $1 order by n.id")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let events: Vec<EventRow> = sqlx::query_as(
                "select at, kind, topic, flow, node from events where contact_ref = $1 order by id")
                .bind(id)
                .fetch_all(pool)
                .await?;
            let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or_else(|_| json!(s));
            Ok(json!({
                "contact": {
                    "id": id,
                    "channel": c.channel,
                    "address": c.address,
                    "pseudonym": c.pseudonym,
                    "invite_code": c.invite_code,
                    "teens_invited": invited,
                    "language": c.lang,
                    "age_band": c.age_band,
                    "kecamatan": c.kecamatan,
                    "events_opt_in": c.events_opt_in,
                    "opted_out": c.opted_out,
                    "created_at": c.created_at,
                    "last_message_at": c.last_inbound_at,
                    "erased_at": c.erased_at,
                    "conversation_state": parse(&c.state),
                },
                "consent": {
                    "at": c.consent_at,
                    "channel": c.consent_channel,
                    "notice_version": c.consent_version,
                },
                "messages_from_teen": inbound.iter().map(|(id, channel, at, event)| json!({
                    "id": id, "channel": channel, "received_at": at,
                    "message": event.as_deref().map(parse),
                })).collect::<Vec<_>>(),
                "messages_to_teen": outbox.iter().map(|(id, kind, state, at, sent, body)| json!({
                    "id": id, "kind": kind, "state": state, "created_at": at, "sent_at": sent,
                    "message": parse(body),
                })).collect::<Vec<_>>(),
                "cases": cases.iter().map(|(case, topic, urgent, status, opened, closed, outcome)| json!({
                    "id": case, "topic": topic, "urgent": urgent, "status": status,
                    "opened_at": opened, "closed_at": closed, "outcome": outcome,
                    "notes": notes.iter().filter(|n| n.0 == *case)
                        .map(|(_, at, body)| json!({ "at": at, "text": body }))
                        .collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "events": events.iter().map(|(at, kind, topic, flow, node)| json!({
                    "at": at, "kind": kind, "topic": topic, "flow": flow, "node": node,
                })).collect::<Vec<_>>(),
            }))
        })
    }
}

/// id, kind, state, created_at, sent_at, body.
type OutboxRow = (i64, String, String, i64, Option<i64>, String);
/// id, topic, urgent, status, opened_at, closed_at, outcome.
type CaseRow = (i64, String, bool, String, i64, Option<i64>, Option<String>);
/// at, kind, topic, flow, node.
type EventRow = (i64, String, Option<String>, Option<String>, Option<String>);

#[derive(sqlx::FromRow)]
struct ContactRow {
    channel: String,
    address: Option<String>,
    pseudonym: String,
    invite_code: String,
    lang: Option<String>,
    age_band: Option<String>,
    kecamatan: Option<String>,
    events_opt_in: bool,
    opted_out: bool,
    consent_at: Option<i64>,
    consent_channel: Option<String>,
    consent_version: Option<String>,
    state: String,
    created_at: i64,
    last_inbound_at: Option<i64>,
    erased_at: Option<i64>,
}
