//! Storing what providers send, before acknowledging it.
//!
//! A webhook's messages and statuses are written in one transaction (together with those of
//! other webhooks that arrived at the same moment: group commit). A message is unique on
//! (channel, provider id): the same message delivered three times is stored once. A status
//! only moves a message's delivery state forward (`read` never goes back to `delivered`).

use super::{Db, Result, begin_write, new_pseudonym, on_db, random_code};
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

impl Db {
    /// Stores a batch in one transaction.
    pub async fn ingest(&self, items: &[Incoming]) -> Result<Vec<Ingested>> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(match item {
                    Incoming::Message(m) => {
                        let event = serde_json::to_string(&m.event).map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
                        // The contact: created on first contact, its last inbound time refreshed.
                        let contact_id: i64 = sqlx::query_scalar(
                            "insert into contacts (channel, address, pseudonym, invite_code, created_at, last_inbound_at)
                             values ($1, $2, $3, $4, $5, $5)
                             on conflict (channel, address) do update
                                 set last_inbound_at = case
                                     when excluded.last_inbound_at > coalesce(contacts.last_inbound_at, 0)
                                     then excluded.last_inbound_at else contacts.last_inbound_at end
                             returning id")
                        .bind(&m.channel)
                        .bind(&m.address)
                        .bind(new_pseudonym())
                        .bind(random_code(6))
                        .bind(m.received_at)
                        .fetch_one(&mut *tx)
                        .await?;
                        let inbound_id: Option<i64> = sqlx::query_scalar(
                            "insert into inbound (contact_id, channel, provider_id, event, received_at)
                             values ($1, $2, $3, $4, $5)
                             on conflict (channel, provider_id) do nothing
                             returning id")
                        .bind(contact_id)
                        .bind(&m.channel)
                        .bind(&m.provider_id)
                        .bind(event)
                        .bind(m.received_at)
                        .fetch_optional(&mut *tx)
                        .await?;
                        match inbound_id {
                            Some(inbound_id) => Ingested::Stored { inbound_id, contact_id },
                            None => Ingested::Duplicate,
                        }
                    }
                    Incoming::Status(s) => {
                        let new = sqlx::query(
                            "insert into statuses (channel, provider_message_id, status, at)
                             values ($1, $2, $3, $4) on conflict do nothing")
                        .bind(&s.channel)
                        .bind(&s.provider_message_id)
                        .bind(s.status.as_str())
                        .bind(s.at)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if new == 0 {
                            Ingested::DuplicateStatus
                        } else {
                            if let Some(outbox_id) = s.outbox_id {
                                // A status naming our row settles a send left in doubt by a
                                // crash: it reached the provider, so it must not be sent again.
                                sqlx::query(
                                    "update outbox set provider_message_id = $1, state = 'sent', in_doubt = false,
                                         lease_until = null, sent_at = coalesce(sent_at, $2)
                                     where id = $3 and channel = $4 and provider_message_id is null
                                       and state in ('sending', 'pending')")
                                .bind(&s.provider_message_id)
                                .bind(s.at)
                                .bind(outbox_id)
                                .bind(&s.channel)
                                .execute(&mut *tx)
                                .await?;
                            }
                            sqlx::query(status_sql(s.status))
                                .bind(s.at)
                                .bind(&s.channel)
                                .bind(&s.provider_message_id)
                                .bind(s.error.as_deref())
                                .execute(&mut *tx)
                                .await?;
                            if s.stopped {
                                sqlx::query(
                                    "update contacts set opted_out = true
                                     where id = (select contact_id from outbox where channel = $1 and provider_message_id = $2)")
                                .bind(&s.channel)
                                .bind(&s.provider_message_id)
                                .execute(&mut *tx)
                                .await?;
                            }
                            Ingested::Status
                        }
                    }
                });
            }
            tx.commit().await?;
            Ok(out)
        })
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
