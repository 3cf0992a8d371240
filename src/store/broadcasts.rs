//! Broadcasts (Safari Genre events): one announcement, many outbox rows, paced.
//!
//! The audience is the teens who opted in to event news, have consented, have not stopped or
//! erased, in the chosen kecamatan and age bands. Each recipient's row is due at its own time,
//! `rate` a second per channel, so that a broadcast never takes more than its share of a
//! channel and replies keep flowing; a teen who sends STOP meanwhile is skipped by the sender.

use serde::Serialize;

use super::{Db, Result, StoreError, begin_write, on_db};
use crate::engine::Reply;

/// Who a broadcast is for; an empty list means all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    pub kecamatan: Vec<String>,
    pub age_bands: Vec<String>,
}

/// A new broadcast.
pub struct NewBroadcast<'a> {
    pub created_by: i64,
    pub body: &'a str,
    pub template: Option<&'a str>,
    pub audience: &'a Audience,
}

/// A broadcast with its progress: how many of its messages are in each delivery state.
#[derive(Debug, Clone, Serialize)]
pub struct BroadcastRow {
    pub id: i64,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub body: String,
    pub template: Option<String>,
    pub kecamatan: Vec<String>,
    pub age_bands: Vec<String>,
    pub audience: i64,
    pub cancelled_at: Option<i64>,
    pub waiting: i64,
    pub sent: i64,
    pub delivered: i64,
    pub read: i64,
    pub failed: i64,
    /// Skipped: the teen stopped or erased meanwhile, the WhatsApp window was closed without
    /// a template, or the broadcast was cancelled.
    pub skipped: i64,
}

/// The audience's condition on `contacts c`, ready for its two lists to be bound.
const AUDIENCE: &str = "from contacts c
 where c.events_opt_in and not c.opted_out and not c.erasing and not c.staff
   and c.address is not null and c.consent_at is not null";

fn push_audience<DB: sqlx::Database>(q: &mut sqlx::QueryBuilder<DB>, a: &Audience)
where
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    for (column, list) in [("c.kecamatan", &a.kecamatan), ("c.age_band", &a.age_bands)] {
        if list.is_empty() {
            continue;
        }
        q.push(format!(" and {column} in ("));
        let mut values = q.separated(", ");
        for v in list {
            values.push_bind(v.clone());
        }
        q.push(")");
    }
}

impl Db {
    /// How many teens a broadcast to `audience` would reach now.
    pub async fn audience_size(&self, audience: &Audience) -> Result<i64> {
        on_db!(self, pool => {
            let mut q = sqlx::QueryBuilder::new(format!("select count(*) {AUDIENCE}"));
            push_audience(&mut q, audience);
            Ok(q.build_query_scalar().fetch_one(pool).await?)
        })
    }

    /// Creates a broadcast and its outbox rows: the first due at `now`, each channel's next
    /// ones `1 / rate(channel)` seconds apart. `reply` makes the message for a teen's language.
    /// Returns the broadcast's id and how many teens it goes to.
    pub async fn create_broadcast(
        &self,
        now: i64,
        new: &NewBroadcast<'_>,
        rate: &(dyn Fn(&str) -> f64 + Sync),
        reply: &(dyn Fn(Option<&str>) -> Reply + Sync),
    ) -> Result<(i64, i64)> {
        let json = |list: &[String]| serde_json::to_string(list).unwrap_or_else(|_| "[]".into());
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let mut q = sqlx::QueryBuilder::new(format!("select c.id, c.channel, c.lang {AUDIENCE}"));
            push_audience(&mut q, new.audience);
            q.push(" order by c.id");
            let recipients: Vec<(i64, String, Option<String>)> =
                q.build_query_as().fetch_all(&mut *tx).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into broadcasts (created_by, created_at, body, template, kecamatan, age_bands, audience, rate)
                 values ($1, $2, $3, $4, $5, $6, $7, $8) returning id")
                .bind(new.created_by)
                .bind(now)
                .bind(new.body)
                .bind(new.template)
                .bind(json(&new.audience.kecamatan))
                .bind(json(&new.audience.age_bands))
                .bind(recipients.len() as i64)
                .bind(rate("whatsapp"))
                .fetch_one(&mut *tx)
                .await?;
            let mut position: std::collections::HashMap<&str, i64> = Default::default();
            for chunk in recipients.chunks(500) {
                let mut insert = sqlx::QueryBuilder::new(
                    "insert into outbox (contact_id, channel, kind, priority, body, state, next_attempt_at,
                                         created_at, broadcast_id) ");
                let mut rows = Vec::with_capacity(chunk.len());
                for (contact, channel, lang) in chunk {
                    let n = position.entry(channel.as_str()).or_insert(0);
                    let due = now + (*n as f64 * 1000.0 / rate(channel).max(0.001)) as i64;
                    *n += 1;
                    let body = serde_json::to_string(&reply(lang.as_deref()))
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    rows.push((*contact, channel.clone(), body, due));
                }
                insert.push_values(rows, |mut b, (contact, channel, body, due)| {
                    b.push_bind(contact)
                        .push_bind(channel)
                        .push_bind("broadcast")
                        .push_bind(2_i64)
                        .push_bind(body)
                        .push_bind("pending")
                        .push_bind(due)
                        .push_bind(now)
                        .push_bind(id);
                });
                insert.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<(i64, i64), StoreError>((id, recipients.len() as i64))
        })
    }

    /// Stops a broadcast: its messages not yet sent are cancelled.
    pub async fn cancel_broadcast(&self, id: i64, now: i64) -> Result<u64> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let found = sqlx::query("update broadcasts set cancelled_at = coalesce(cancelled_at, $1) where id = $2")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Err(StoreError::NotFound);
            }
            let n = sqlx::query(
                "update outbox set state = 'cancelled', last_error = 'broadcast cancelled'
                 where broadcast_id = $1 and state = 'pending'")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(n)
        })
    }

    /// The latest broadcasts, newest first, with their progress.
    pub async fn broadcasts(&self, limit: i64) -> Result<Vec<BroadcastRow>> {
        type Row = (
            i64,
            i64,
            Option<String>,
            String,
            Option<String>,
            String,
            String,
            i64,
            Option<i64>,
        );
        on_db!(self, pool => {
            let rows: Vec<Row> = sqlx::query_as(
                "select b.id, b.created_at, c.name, b.body, b.template, b.kecamatan, b.age_bands,
                        b.audience, b.cancelled_at
                 from broadcasts b left join counsellors c on c.id = b.created_by
                 order by b.id desc limit $1")
                .bind(limit)
                .fetch_all(pool)
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for (id, created_at, created_by, body, template, kecamatan, age_bands, audience, cancelled_at) in rows {
                let states: Vec<(String, i64)> = sqlx::query_as(
                    "select state, count(*) from outbox where broadcast_id = $1 group by state")
                    .bind(id)
                    .fetch_all(pool)
                    .await?;
                let n = |names: &[&str]| -> i64 {
                    states.iter().filter(|(s, _)| names.contains(&s.as_str())).map(|(_, n)| n).sum()
                };
                out.push(BroadcastRow {
                    id,
                    created_at,
                    created_by,
                    body,
                    template,
                    kecamatan: serde_json::from_str(&kecamatan).unwrap_or_default(),
                    age_bands: serde_json::from_str(&age_bands).unwrap_or_default(),
                    audience,
                    cancelled_at,
                    waiting: n(&["pending", "sending", "held"]),
                    sent: n(&["sent"]),
                    delivered: n(&["delivered"]),
                    read: n(&["read"]),
                    failed: n(&["failed"]),
                    skipped: n(&["cancelled"]),
                });
            }
            Ok(out)
        })
    }
}
