//! Cases for human counsellors: the queue, a case's conversation, and what counsellors do
//! (reply, note, take, transfer, close). Routing and SLA timers live in `crate::dispatch`.
//!
//! A counsellor's reply is an outbox row like any other (it goes out through the teen's own
//! channel, in order, within WhatsApp's window). Closing a case is an event for the engine,
//! stored like an inbound message so that it is processed in order with the teen's messages:
//! the bot takes over again and asks its one feedback question.

use serde::Serialize;
use sqlx::Row;

use super::{Db, Result, StoreError, begin_write, on_db};
use crate::engine::{Inbound, Reply};

/// A case as the console shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub contact_id: i64,
    pub pseudonym: String,
    pub channel: String,
    pub topic: String,
    pub urgent: bool,
    pub kecamatan: Option<String>,
    pub age_band: Option<String>,
    pub origin: String,
    pub reason: String,
    /// waiting, assigned or closed
    pub status: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub opened_at: i64,
    pub assigned_at: Option<i64>,
    pub first_reply_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub corrected: bool,
    pub last_teen_at: Option<i64>,
    /// The teen's last message (WhatsApp's 24-hour window).
    pub last_inbound_at: Option<i64>,
    pub sla_alerted_at: Option<i64>,
    pub erased: bool,
}

/// Who said a line of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Teen,
    Bot,
    Counsellor,
}

/// A line of the conversation on a case page.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub at: i64,
    pub speaker: Speaker,
    pub text: String,
    /// For our messages: pending, sent, delivered, read, failed, held...
    pub state: Option<String>,
}

/// An internal note on a case.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub at: i64,
    pub author: String,
    pub body: String,
}

/// How a case ended.
pub const OUTCOMES: [&str; 7] = [
    "answered",
    "referred_puskesmas",
    "referred_uptd_ppa",
    "referred_kua",
    "referred_police",
    "no_response",
    "erased",
];

const CASE_SELECT: &str = "select k.id, k.contact_id, c.pseudonym, c.channel, k.topic, k.urgent, k.kecamatan, c.age_band,
        k.origin, k.reason, k.status, k.assignee_id, n.name as assignee_name, k.opened_at, k.assigned_at,
        k.first_reply_at, k.closed_at, k.outcome, k.corrected, k.last_teen_at, c.last_inbound_at,
        k.sla_alerted_at, c.erased_at
 from cases k
 join contacts c on c.id = k.contact_id
 left join counsellors n on n.id = k.assignee_id";

macro_rules! case_from_row {
    ($row:expr) => {{
        let row = $row;
        CaseRow {
            id: row.try_get("id")?,
            contact_id: row.try_get("contact_id")?,
            pseudonym: row.try_get("pseudonym")?,
            channel: row.try_get("channel")?,
            topic: row.try_get("topic")?,
            urgent: row.try_get("urgent")?,
            kecamatan: row.try_get("kecamatan")?,
            age_band: row.try_get("age_band")?,
            origin: row.try_get("origin")?,
            reason: row.try_get("reason")?,
            status: row.try_get("status")?,
            assignee_id: row.try_get("assignee_id")?,
            assignee_name: row.try_get("assignee_name")?,
            opened_at: row.try_get("opened_at")?,
            assigned_at: row.try_get("assigned_at")?,
            first_reply_at: row.try_get("first_reply_at")?,
            closed_at: row.try_get("closed_at")?,
            outcome: row.try_get("outcome")?,
            corrected: row.try_get("corrected")?,
            last_teen_at: row.try_get("last_teen_at")?,
            last_inbound_at: row.try_get("last_inbound_at")?,
            sla_alerted_at: row.try_get("sla_alerted_at")?,
            erased: row.try_get::<Option<i64>, _>("erased_at")?.is_some(),
        }
    }};
}

impl Db {
    /// Open cases (urgent first, then oldest first), and the latest closed ones.
    pub async fn cases(&self, open: bool, limit: i64) -> Result<Vec<CaseRow>> {
        let sql = if open {
            format!(
                "{CASE_SELECT} where k.status <> 'closed' order by k.urgent desc, k.opened_at, k.id limit $1"
            )
        } else {
            format!("{CASE_SELECT} where k.status = 'closed' order by k.closed_at desc limit $1")
        };
        on_db!(self, pool => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                out.push(case_from_row!(row));
            }
            Ok(out)
        })
    }

    pub async fn case(&self, id: i64) -> Result<CaseRow> {
        on_db!(self, pool => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("{CASE_SELECT} where k.id = $1")))
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)?;
            Ok(case_from_row!(&row))
        })
    }

    /// The contact's messages, both ways, oldest first (what retention has not removed).
    pub async fn conversation(&self, contact_id: i64, limit: i64) -> Result<Vec<Line>> {
        on_db!(self, pool => {
            let inbound: Vec<(i64, Option<String>)> = sqlx::query_as(
                "select received_at, event from inbound where contact_id = $1 and event is not null
                 order by id desc limit $2")
                .bind(contact_id)
                .bind(limit)
                .fetch_all(pool)
                .await?;
            let outbound: Vec<(i64, String, String, String)> = sqlx::query_as(
                "select created_at, kind, body, state from outbox where contact_id = $1 and body <> '{}'
                 order by id desc limit $2")
                .bind(contact_id)
                .bind(limit)
                .fetch_all(pool)
                .await?;
            let mut lines: Vec<Line> = Vec::new();
            for (at, event) in inbound {
                let Some(event) = event.and_then(|e| serde_json::from_str::<Inbound>(&e).ok()) else {
                    continue;
                };
                let text = match event {
                    Inbound::Text { text } => text,
                    Inbound::Choice { title, .. } => format!("[{title}]"),
                    Inbound::Media { media } => format!("[{media}]"),
                    Inbound::Location => "[location]".into(),
                    Inbound::Unsupported => "[?]".into(),
                    Inbound::Reaction | Inbound::CaseClosed | Inbound::CounsellorJoined { .. } => continue,
                };
                lines.push(Line { at, speaker: Speaker::Teen, text, state: None });
            }
            for (at, kind, body, state) in outbound {
                let Ok(reply) = serde_json::from_str::<Reply>(&body) else { continue };
                let speaker = if kind == "counsellor" { Speaker::Counsellor } else { Speaker::Bot };
                let mut text = reply.text;
                for (i, c) in reply.choices.iter().enumerate() {
                    text.push_str(&format!("\n  [{}] {}", i + 1, c.title));
                }
                lines.push(Line { at, speaker, text, state: Some(state) });
            }
            lines.sort_by_key(|l| l.at);
            Ok(lines)
        })
    }

    pub async fn notes(&self, case_id: i64) -> Result<Vec<Note>> {
        on_db!(self, pool => {
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "select n.created_at, c.name, n.body from case_notes n join counsellors c on c.id = n.counsellor_id
                 where n.case_id = $1 order by n.id")
                .bind(case_id)
                .fetch_all(pool)
                .await?;
            Ok(rows.into_iter().map(|(at, author, body)| Note { at, author, body }).collect())
        })
    }

    pub async fn add_note(
        &self,
        case_id: i64,
        counsellor_id: i64,
        body: &str,
        now: i64,
    ) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("insert into case_notes (case_id, counsellor_id, body, created_at) values ($1, $2, $3, $4)")
                .bind(case_id)
                .bind(counsellor_id)
                .bind(body)
                .bind(now)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// A counsellor writes to the teen: the message joins the outbox, the case is theirs (if it
    /// was waiting), the first reply is timed, and the bot is told to stay quiet.
    pub async fn counsellor_reply(
        &self,
        case_id: i64,
        counsellor_id: i64,
        text: &str,
        now: i64,
    ) -> Result<i64> {
        let body = serde_json::to_string(&Reply {
            text: text.to_string(),
            choices: vec![],
            list_button: None,
            even_if_stopped: false,
        })
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let (contact_id, channel, topic, status): (i64, String, String, String) = sqlx::query_as(
                "select k.contact_id, c.channel, k.topic, k.status from cases k join contacts c on c.id = k.contact_id
                 where k.id = $1")
                .bind(case_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            if status == "closed" {
                return Err(StoreError::Corrupt("the case is closed".into()));
            }
            let id: i64 = sqlx::query_scalar(
                "insert into outbox (contact_id, channel, kind, priority, body, state, next_attempt_at, created_at, case_id)
                 values ($1, $2, 'counsellor', 1, $3, 'pending', $4, $4, $5) returning id")
                .bind(contact_id)
                .bind(&channel)
                .bind(body)
                .bind(now)
                .bind(case_id)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(
                "update cases set first_reply_at = coalesce(first_reply_at, $1),
                     assignee_id = coalesce(assignee_id, $2),
                     assigned_at = coalesce(assigned_at, $1),
                     status = 'assigned'
                 where id = $3")
                .bind(now)
                .bind(counsellor_id)
                .bind(case_id)
                .execute(&mut *tx)
                .await?;
            // Someone answered: an SLA alert about this case is dealt with.
            sqlx::query("update alerts set resolved = true where case_id = $1").bind(case_id).execute(&mut *tx).await?;
            let event = serde_json::to_string(&Inbound::CounsellorJoined { topic }).unwrap_or_default();
            sqlx::query(
                "insert into inbound (contact_id, channel, provider_id, event, received_at)
                 values ($1, 'system', $2, $3, $4) on conflict (channel, provider_id) do nothing")
                .bind(contact_id)
                .bind(format!("joined:{case_id}"))
                .bind(event)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Gives the case to a counsellor (taking it from the queue, or a transfer).
    pub async fn assign_case(&self, case_id: i64, counsellor_id: i64, now: i64) -> Result<()> {
        on_db!(self, pool => {
            let changed = sqlx::query(
                "update cases set assignee_id = $1, assigned_at = $2, status = 'assigned'
                 where id = $3 and status <> 'closed'")
                .bind(counsellor_id)
                .bind(now)
                .bind(case_id)
                .execute(pool)
                .await?
                .rows_affected();
            sqlx::query("update counsellors set last_assigned_at = $1 where id = $2")
                .bind(now)
                .bind(counsellor_id)
                .execute(pool)
                .await?;
            if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Puts an assigned case back in the queue.
    pub async fn release_case(&self, case_id: i64) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update cases set assignee_id = null, status = 'waiting' where id = $1 and status = 'assigned'")
                .bind(case_id)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Closes a case with an outcome; the bot takes the teen back and asks for feedback.
    pub async fn close_case(&self, case_id: i64, outcome: &str, now: i64) -> Result<()> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            let contact_id: i64 = sqlx::query_scalar(
                "update cases set status = 'closed', closed_at = $1, outcome = $2
                 where id = $3 and status <> 'closed' returning contact_id")
                .bind(now)
                .bind(outcome)
                .bind(case_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            sqlx::query("update alerts set resolved = true where case_id = $1").bind(case_id).execute(&mut *tx).await?;
            let event = serde_json::to_string(&Inbound::CaseClosed).unwrap_or_default();
            sqlx::query(
                "insert into inbound (contact_id, channel, provider_id, event, received_at)
                 values ($1, 'system', $2, $3, $4) on conflict (channel, provider_id) do nothing")
                .bind(contact_id)
                .bind(format!("closed:{case_id}"))
                .bind(event)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Unresolved alerts for supervisors (case ids, oldest first).
    pub async fn open_alerts(&self) -> Result<Vec<(i64, i64, String)>> {
        on_db!(self, pool => Ok(sqlx::query_as(
            "select id, case_id, kind from alerts where not resolved order by id")
            .fetch_all(pool)
            .await?))
    }

    /// The contact's phone number or chat id (for a supervisor's reveal; audited by the caller).
    pub async fn contact_address(&self, contact_id: i64) -> Result<Option<String>> {
        on_db!(self, pool => {
            let row = sqlx::query("select address from contacts where id = $1")
                .bind(contact_id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)?;
            Ok(row.try_get("address")?)
        })
    }
}
