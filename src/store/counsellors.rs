//! Counsellors, their console sessions, and the audit log.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::{Db, Result, StoreError, begin_write, on_db};

/// What a counsellor may do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Answers the cases of their topics and kecamatan.
    Counsellor,
    /// Sees every case, can reveal a number (with a logged reason), gets urgent alerts.
    Supervisor,
    /// A supervisor who also manages counsellors.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counsellor => "counsellor",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "counsellor" => Some(Role::Counsellor),
            "supervisor" => Some(Role::Supervisor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Supervisors and admins see every case.
    pub fn sees_everything(self) -> bool {
        self >= Role::Supervisor
    }
}

/// A counsellor as the console and the dispatcher see them.
#[derive(Debug, Clone, Serialize)]
pub struct Counsellor {
    pub id: i64,
    pub name: String,
    pub login: String,
    pub role: Role,
    /// Topics they take; empty means all.
    pub topics: Vec<String>,
    /// Kecamatan they cover; empty means all.
    pub kecamatan: Vec<String>,
    pub capacity: i64,
    pub available: bool,
    pub disabled: bool,
    pub phone: Option<String>,
    pub lang: String,
    /// Open cases assigned to them now.
    pub load: i64,
}

impl Counsellor {
    /// Whether the counsellor covers this topic and kecamatan (an unknown kecamatan is
    /// everyone's).
    pub fn covers(&self, topic: &str, kecamatan: Option<&str>) -> bool {
        let topic_ok = self.topics.is_empty() || self.topics.iter().any(|t| t == topic);
        let place_ok = self.kecamatan.is_empty()
            || kecamatan.is_none_or(|k| self.kecamatan.iter().any(|c| c == k));
        topic_ok && place_ok
    }
}

/// A new counsellor.
#[derive(Debug, Clone)]
pub struct NewCounsellor {
    pub name: String,
    pub login: String,
    pub password_hash: String,
    pub role: Role,
    pub topics: Vec<String>,
    pub kecamatan: Vec<String>,
    pub capacity: i64,
    pub phone: Option<String>,
}

/// What a login attempt needs.
pub struct LoginRow {
    pub counsellor: Counsellor,
    pub password_hash: String,
    pub locked_until: Option<i64>,
}

const SELECT: &str = "select c.id, c.name, c.login, c.role, c.topics, c.kecamatan, c.capacity, c.available, c.disabled,
        c.phone, c.lang, c.password_hash, c.locked_until,
        (select count(*) from cases k where k.assignee_id = c.id and k.status = 'assigned') as load
 from counsellors c";

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn from_row<R: Row>(row: &R) -> Result<LoginRow>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> bool: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let role: String = row.try_get("role")?;
    let topics: String = row.try_get("topics")?;
    let kecamatan: String = row.try_get("kecamatan")?;
    Ok(LoginRow {
        counsellor: Counsellor {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            login: row.try_get("login")?,
            role: Role::parse(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?,
            topics: json_list(&topics),
            kecamatan: json_list(&kecamatan),
            capacity: row.try_get("capacity")?,
            available: row.try_get("available")?,
            disabled: row.try_get("disabled")?,
            phone: row.try_get("phone")?,
            lang: row.try_get("lang")?,
            load: row.try_get("load")?,
        },
        password_hash: row.try_get("password_hash")?,
        locked_until: row.try_get("locked_until")?,
    })
}

impl Db {
    pub async fn add_counsellor(&self, c: &NewCounsellor, now: i64) -> Result<i64> {
        let topics = serde_json::to_string(&c.topics).unwrap_or_else(|_| "[]".into());
        let kecamatan = serde_json::to_string(&c.kecamatan).unwrap_or_else(|_| "[]".into());
        on_db!(self, pool => Ok(sqlx::query_scalar(
            "insert into counsellors (name, login, password_hash, role, topics, kecamatan, capacity, phone, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id")
            .bind(&c.name)
            .bind(&c.login)
            .bind(&c.password_hash)
            .bind(c.role.as_str())
            .bind(topics)
            .bind(kecamatan)
            .bind(c.capacity)
            .bind(&c.phone)
            .bind(now)
            .fetch_one(pool)
            .await?))
    }

    pub async fn counsellors(&self) -> Result<Vec<Counsellor>> {
        on_db!(self, pool => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} order by c.name"))).fetch_all(pool).await?;
            rows.iter().map(|r| from_row(r).map(|l| l.counsellor)).collect()
        })
    }

    pub async fn counsellor(&self, id: i64) -> Result<Counsellor> {
        on_db!(self, pool => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} where c.id = $1")))
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)?;
            from_row(&row).map(|l| l.counsellor)
        })
    }

    pub async fn counsellor_for_login(&self, login: &str) -> Result<LoginRow> {
        on_db!(self, pool => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} where c.login = $1")))
                .bind(login)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)?;
            from_row(&row)
        })
    }

    /// Counts a failed login; locks the account for `lock_ms` after `max_failures` in a row.
    pub async fn login_failed(
        &self,
        id: i64,
        now: i64,
        max_failures: i64,
        lock_ms: i64,
    ) -> Result<bool> {
        on_db!(self, pool => {
            let failures: i64 = sqlx::query_scalar(
                "update counsellors set failed_logins = failed_logins + 1 where id = $1 returning failed_logins")
                .bind(id)
                .fetch_one(pool)
                .await?;
            if failures >= max_failures {
                sqlx::query("update counsellors set locked_until = $1, failed_logins = 0 where id = $2")
                    .bind(now + lock_ms)
                    .bind(id)
                    .execute(pool)
                    .await?;
                return Ok(true);
            }
            Ok(false)
        })
    }

    pub async fn login_succeeded(&self, id: i64) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update counsellors set failed_logins = 0, locked_until = null where id = $1")
                .bind(id)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn set_password(&self, id: i64, hash: &str) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update counsellors set password_hash = $1, failed_logins = 0, locked_until = null where id = $2")
                .bind(hash)
                .bind(id)
                .execute(pool)
                .await?;
            // A new password ends every session.
            sqlx::query("delete from sessions where counsellor_id = $1").bind(id).execute(pool).await?;
            Ok(())
        })
    }

    /// Disables a counsellor: no login, no new cases; their open cases go back to the queue.
    pub async fn disable_counsellor(&self, id: i64) -> Result<()> {
        on_db!(self, pool => {
            let mut tx = begin_write!(self, pool);
            sqlx::query("update counsellors set disabled = true, available = false where id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("delete from sessions where counsellor_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("update cases set status = 'waiting', assignee_id = null where assignee_id = $1 and status = 'assigned'")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn set_available(&self, id: i64, available: bool) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update counsellors set available = $1 where id = $2 and not disabled")
                .bind(available)
                .bind(id)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// The WhatsApp number urgent alerts go to (digits, international form), or none.
    pub async fn set_counsellor_phone(&self, id: i64, phone: Option<&str>) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update counsellors set phone = $1 where id = $2").bind(phone).bind(id).execute(pool).await?;
            Ok(())
        })
    }

    pub async fn set_counsellor_lang(&self, id: i64, lang: &str) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("update counsellors set lang = $1 where id = $2").bind(lang).bind(id).execute(pool).await?;
            Ok(())
        })
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        counsellor_id: i64,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("insert into sessions (token_hash, counsellor_id, csrf, created_at, expires_at) values ($1, $2, $3, $4, $5)")
                .bind(token_hash)
                .bind(counsellor_id)
                .bind(csrf)
                .bind(now)
                .bind(expires_at)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// The session's counsellor and CSRF token, if the session is valid.
    pub async fn session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(Counsellor, String)>> {
        on_db!(self, pool => {
            let found: Option<(i64, String)> = sqlx::query_as(
                "select s.counsellor_id, s.csrf from sessions s join counsellors c on c.id = s.counsellor_id
                 where s.token_hash = $1 and s.expires_at > $2 and not c.disabled")
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await?;
            match found {
                Some((id, csrf)) => Ok(Some((self.counsellor(id).await?, csrf))),
                None => Ok(None),
            }
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("delete from sessions where token_hash = $1").bind(token_hash).execute(pool).await?;
            Ok(())
        })
    }

    /// Writes one line of the audit log.
    pub async fn audit(
        &self,
        now: i64,
        actor: Option<i64>,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<()> {
        on_db!(self, pool => {
            sqlx::query("insert into audit (at, actor_id, action, target, detail) values ($1, $2, $3, $4, $5)")
                .bind(now)
                .bind(actor)
                .bind(action)
                .bind(target)
                .bind(detail)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// The latest audit lines, with the actor's name.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditLine>> {
        on_db!(self, pool => {
            let rows: Vec<AuditRow> = sqlx::query_as(
                "select a.at, c.name, a.action, a.target, a.detail from audit a
                 left join counsellors c on c.id = a.actor_id order by a.id desc limit $1")
                .bind(limit)
                .fetch_all(pool)
                .await?;
            Ok(rows
                .into_iter()
                .map(|(at, actor, action, target, detail)| AuditLine { at, actor, action, target, detail })
                .collect())
        })
    }
}

/// at, actor's name, action, target, detail.
type AuditRow = (i64, Option<String>, String, Option<String>, Option<String>);

/// One line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
}
