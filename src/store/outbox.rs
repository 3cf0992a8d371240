//! The outbox: the only way a message leaves.
//!
//! A sender claims due rows (state `sending`, with a lease), calls the provider, and records
//! the outcome. A contact's rows go out in order: a row is only claimed when no earlier row of
//! the same contact is in flight, waiting for a retry, or held. If a sender dies mid-send, its
//! lease expires and the row is "in doubt": it waits a grace period for a delivery status that
//! names it (WhatsApp echoes `biz_opaque_callback_data`, Twilio's callback carries our id, the
//! SMS gateway uses our id as its message id) before it is sent again. That is how a crash
//! between the provider's answer and our commit does not double a reply.

use sqlx::Row;

use super::ingest::{Delivery, status_sql};
use super::{Backend, Db, Result, StoreError, begin_write, on_db};
use crate::engine::Reply;

/// A row claimed for sending, with what the sender needs to know about its contact.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub contact_id: i64,
    pub channel: String,
    /// Null once the contact is erased.
    pub address: Option<String>,
    /// `reply`, `counsellor`, `broadcast`, `alert` or `template`.
    pub kind: String,
    pub reply: Reply,
    pub even_if_stopped: bool,
    /// This send's attempt number (1 for the first).
    pub attempt: i64,
    pub in_doubt: bool,
    /// When the claim runs out (another sender may then take the row).
    pub lease_until: i64,
    /// For a broadcast: the WhatsApp template for a teen whose 24-hour window is closed.
    pub broadcast_template: Option<String>,
    /// When the message that caused it arrived (end-to-end latency).
    pub received_at: Option<i64>,
    pub opted_out: bool,
    pub erasing: bool,
    /// Still wants event news (a broadcast is skipped for a teen who turned it off).
    pub events_opt_in: bool,
    pub last_inbound_at: Option<i64>,
}

/// What became of a send.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Sent {
        provider_id: String,
    },
    /// Try again at this time; `in_doubt` when the provider may have the message already
    /// (a delivery status naming the row then settles it first).
    Retry {
        at: i64,
        error: String,
        in_doubt: bool,
    },
    /// Will never work (invalid number, template problem...).
    Failed {
        error: String,
    },
    /// The recipient unsubscribed or blocked the bot: stop the contact too.
    Stopped {
        error: String,
    },
    /// Not sent on purpose (the contact opted out or is being erased).
    Cancelled {
        reason: String,
    },
    /// Not attempted: an earlier row of the same contact must wait until `at`, so this one
    /// waits too (the attempt does not count).
    Released {
        at: i64,
    },
    /// Outside WhatsApp's 24-hour window: kept until the teen writes again; a template with
    /// this name asks them to.
    Held {
        template: Option<String>,
    },
}

/// The rows of a claim: due, and not behind an earlier row of the same contact that is in
/// flight, waiting for a retry, or held.
const CLAIM_SELECT: &str =
    "select o.id, o.contact_id, o.channel, o.kind, o.body, o.even_if_stopped, o.attempts,
        o.in_doubt, i.received_at, c.address, c.opted_out, c.erasing, c.last_inbound_at,
        c.events_opt_in,
        b.template as broadcast_template
 from outbox o
 join contacts c on c.id = o.contact_id
 left join inbound i on i.id = o.inbound_id
 left join broadcasts b on b.id = o.broadcast_id
 where o.state = 'pending' and o.next_attempt_at <= ";
/// (A template may overtake held messages: it is what reopens the window for them. A broadcast
/// waiting for its turn in the pace never holds back a reply: announcements are not part of
/// the conversation's order.)
const CLAIM_NOT_BEHIND: &str = " and (o.kind = 'template' or not exists (
       select 1 from outbox p
       where p.contact_id = o.contact_id and p.id < o.id and p.kind <> 'broadcast'
         and (p.state in ('sending', 'held') or (p.state = 'pending' and p.next_attempt_at > ";

impl Db {
    /// Claims up to `limit` due rows, oldest first within a priority, keeping each contact's
    /// rows in order. The claim lasts until `lease_until`.
    pub async fn claim_sends(
        &self,
        now: i64,
        limit: i64,
        lease_until: i64,
    ) -> Result<Vec<Claimed>> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let rows = if self.backend() == Backend::Postgres {
                let candidates: Vec<i64> = sqlx::query_scalar(
                    "select contact_id from outbox where state = 'pending' and next_attempt_at <= $1
                     group by contact_id order by min(priority), min(id) limit $2")
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                let mut locked = Vec::new();
                for id in candidates {
                    // The two-key space, first key 2: the sender's claims (the worker locks
                    // contacts in the one-key space, which never overlaps). A contact id beyond
                    // 32 bits wraps: two contacts may then share a key, and one waits a round.
                    let got: bool = sqlx::query_scalar("select pg_try_advisory_xact_lock(2, $1::int4)")
                        .bind(id as i32)
                        .fetch_one(&mut *tx)
                        .await?;
                    if got {
                        locked.push(id);
                    }
                }
                if locked.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = sqlx::QueryBuilder::new(CLAIM_SELECT);
                q.push_bind(now).push(CLAIM_NOT_BEHIND).push_bind(now).push("))))");
                q.push(" and o.contact_id in (");
                let mut list = q.separated(", ");
                for id in &locked {
                    list.push_bind(*id);
                }
                // Rows another transaction holds (a status update, another claim) are skipped.
                q.push(") order by o.priority, o.id for update of o skip locked");
                q.build().fetch_all(&mut *tx).await?
            } else {
                let mut q = sqlx::QueryBuilder::new(CLAIM_SELECT);
                q.push_bind(now).push(CLAIM_NOT_BEHIND).push_bind(now).push("))))");
                q.push(" order by o.priority, o.id limit ").push_bind(limit);
                q.build().fetch_all(&mut *tx).await?
            };
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let body: String = row.try_get("body")?;
                let attempts: i64 = row.try_get::<i64, _>("attempts")?;
                claimed.push(Claimed {
                    id: row.try_get("id")?,
                    contact_id: row.try_get("contact_id")?,
                    channel: row.try_get("channel")?,
                    address: row.try_get("address")?,
                    kind: row.try_get("kind")?,
                    reply: serde_json::from_str(&body).unwrap_or(Reply {
                        text: String::new(),
                        choices: vec![],
                        list_button: None,
                        even_if_stopped: false,
                    }),
                    even_if_stopped: row.try_get("even_if_stopped")?,
                    attempt: attempts + 1,
                    in_doubt: row.try_get("in_doubt")?,
                    lease_until,
                    broadcast_template: row.try_get("broadcast_template")?,
                    received_at: row.try_get("received_at")?,
                    opted_out: row.try_get("opted_out")?,
                    erasing: row.try_get("erasing")?,
                    events_opt_in: row.try_get("events_opt_in")?,
                    last_inbound_at: row.try_get("last_inbound_at")?,
                });
            }
            for c in &claimed {
                sqlx::query("update outbox set state = 'sending', lease_until = $1, attempts = attempts + 1 where id = $2")
                    .bind(lease_until)
                    .bind(c.id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(claimed)
        })
    }

    /// Records the outcomes of sends, in one transaction.
    pub async fn record_sends(&self, now: i64, results: &[(Claimed, Outcome)]) -> Result<()> {
        // Rows in id order, the order status updates lock them in: two transactions that lock
        // rows in different orders can deadlock on PostgreSQL.
        let mut results: Vec<&(Claimed, Outcome)> = results.iter().collect();
        results.sort_by_key(|(claimed, _)| claimed.id);
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            for (claimed, outcome) in results.iter().copied() {
                match outcome {
                    Outcome::Sent { provider_id } => {
                        // Also when the lease ran out meanwhile and the row waits in doubt: the
                        // provider has it, and recording that now prevents a second send.
                        sqlx::query(
                            "update outbox set state = 'sent', provider_message_id = $1, sent_at = $2,
                                 lease_until = null, in_doubt = false, last_error = null
                             where id = $3 and (state = 'sending' or (state = 'pending' and in_doubt))")
                        .bind(provider_id)
                        .bind(now)
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                        // Statuses that arrived before this answer was stored.
                        let early: Vec<(String, i64)> = sqlx::query_as(
                            "select status, at from statuses where channel = $1 and provider_message_id = $2")
                        .bind(&claimed.channel)
                        .bind(provider_id)
                        .fetch_all(&mut *tx)
                        .await?;
                        let mut early: Vec<(Delivery, i64)> = early
                            .into_iter()
                            .filter_map(|(s, at)| delivery(&s).map(|d| (d, at)))
                            .collect();
                        early.sort_by_key(|(d, _)| d.rank());
                        for (status, at) in early {
                            sqlx::query(status_sql(status))
                                .bind(at)
                                .bind(&claimed.channel)
                                .bind(provider_id)
                                .bind(None::<String>)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                    Outcome::Retry { at, error, in_doubt } => {
                        sqlx::query(
                            "update outbox set state = 'pending', next_attempt_at = $1, last_error = $2,
                                 lease_until = null, in_doubt = (in_doubt or $3)
                             where id = $4 and state = 'sending'")
                        .bind(at)
                        .bind(error)
                        .bind(in_doubt)
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Outcome::Failed { error } | Outcome::Stopped { error } => {
                        sqlx::query(
                            "update outbox set state = 'failed', failed_at = $1, last_error = $2, lease_until = null
                             where id = $3 and state = 'sending'")
                        .bind(now)
                        .bind(error)
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                        if matches!(outcome, Outcome::Stopped { .. }) {
                            sqlx::query("update contacts set opted_out = true where id = $1")
                                .bind(claimed.contact_id)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                    Outcome::Released { at } => {
                        sqlx::query(
                            "update outbox set state = 'pending', next_attempt_at = $1, lease_until = null,
                                 attempts = attempts - 1
                             where id = $2 and state = 'sending'")
                        .bind(at)
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Outcome::Cancelled { reason } => {
                        sqlx::query(
                            "update outbox set state = 'cancelled', last_error = $1, lease_until = null
                             where id = $2 and state = 'sending'")
                        .bind(reason)
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Outcome::Held { template } => {
                        sqlx::query(
                            "update outbox set state = 'held', lease_until = null, attempts = attempts - 1
                             where id = $1 and state = 'sending'")
                        .bind(claimed.id)
                        .execute(&mut *tx)
                        .await?;
                        // One template per closed window, asking the teen to write back.
                        if template.is_some() {
                            let recent: i64 = sqlx::query_scalar(
                                "select count(*) from outbox where contact_id = $1 and kind = 'template'
                                 and state not in ('failed', 'cancelled') and created_at > $2")
                            .bind(claimed.contact_id)
                            .bind(now - 24 * 3_600_000)
                            .fetch_one(&mut *tx)
                            .await?;
                            if recent == 0 {
                                sqlx::query(
                                    "insert into outbox (contact_id, channel, kind, priority, body, state,
                                                         next_attempt_at, created_at)
                                     values ($1, $2, 'template', 0, '{}', 'pending', $3, $3)")
                                .bind(claimed.contact_id)
                                .bind(&claimed.channel)
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                            }
                        }
                    }
                }
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Rows whose sender died mid-send: back to pending after `grace_ms`, in doubt, so that a
    /// delivery status naming them can settle them first. Returns how many.
    pub async fn reclaim_expired(&self, now: i64, grace_ms: i64) -> Result<u64> {
        on_db!(self, pool => {
            Ok(sqlx::query(
                "update outbox set state = 'pending', in_doubt = true, lease_until = null, next_attempt_at = $1
                 where state = 'sending' and lease_until < $2")
            .bind(now + grace_ms)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected())
        })
    }

    /// After a HAPUS confirmation went out (or failed for good): the address goes too.
    pub async fn finish_erasure(&self, contact_id: i64, now: i64) -> Result<()> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            // Outgoing message ids encode the recipient's number too. (Statuses that arrive
            // later match no row and are dropped by the retention job within the hour.)
            sqlx::query(
                "delete from statuses where (channel, provider_message_id) in
                   (select channel, provider_message_id from outbox
                    where contact_id = $1 and provider_message_id is not null
                      and state not in ('pending', 'sending', 'held'))")
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "update outbox set body = '{}', provider_message_id = null, last_error = null
                 where contact_id = $1 and state not in ('pending', 'sending', 'held')")
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "update contacts set address = null, erasing = false, erased_at = $1
                 where id = $2 and erasing
                   and not exists (select 1 from outbox where contact_id = $2 and state in ('pending', 'sending', 'held'))")
            .bind(now)
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<(), StoreError>(())
        })?;
        if let Db::Sqlite(pool) = self {
            // Deleted bytes linger in the write-ahead log until a checkpoint copies the pages
            // back (where secure_delete has zeroed them) and the log is truncated.
            // A reader in the middle of a snapshot makes the checkpoint stop short: try again.
            for _ in 0..40 {
                let (busy, _, _): (i64, i64, i64) =
                    sqlx::query_as("pragma wal_checkpoint(truncate)")
                        .fetch_one(pool)
                        .await?;
                if busy == 0 {
                    return Ok(());
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            tracing::warn!(
                contact_id,
                "erased data may linger in the write-ahead log until the next checkpoint"
            );
        }
        Ok(())
    }

    /// How many rows wait to be sent (for /metrics).
    pub async fn outbox_depth(&self) -> Result<i64> {
        on_db!(self, pool => Ok(sqlx::query_scalar(
            "select count(*) from outbox where state in ('pending', 'sending')")
            .fetch_one(pool)
            .await?))
    }

    /// A row's delivery state (for tests and the console).
    pub async fn outbox_state(&self, id: i64) -> Result<String> {
        on_db!(self, pool => sqlx::query_scalar("select state from outbox where id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound))
    }
}

fn delivery(s: &str) -> Option<Delivery> {
    match s {
        "sent" => Some(Delivery::Sent),
        "delivered" => Some(Delivery::Delivered),
        "read" => Some(Delivery::Read),
        "failed" => Some(Delivery::Failed),
        _ => None,
    }
}
