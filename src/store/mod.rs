//! The store: one storage layer over two backends, chosen by the URL's scheme.
//!
//! * SQLite (`sqlite://genre.db`) is the embedded default: WAL, `synchronous=FULL` (a commit
//!   survives a power cut), `secure_delete` (erased data is overwritten, not just unlinked).
//! * PostgreSQL (`postgres://...`) lets several `genre serve` instances share one database:
//!   contacts are serialised with advisory locks, and claims skip locked rows.
//!
//! The SQL is the same text on both wherever the dialects agree (numbered `$1` parameters,
//! `returning`, `on conflict`, partial indexes); the few places that differ say so. Each query
//! is written once inside [`on_db!`], which compiles it for both drivers, so there is no
//! `Any` driver and no type erasure.
//!
//! Write transactions are batched (group commit): many webhook messages per transaction at the
//! edge, many conversation steps per transaction in the worker, so that durability costs one
//! fsync per batch rather than per message.

pub mod broadcasts;
pub mod cases;
pub mod counsellors;
pub mod ingest;
pub mod outbox;
pub mod privacy;
pub mod work;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// Runs `$body` with `$pool` bound to whichever pool `$db` holds. The body is compiled once
/// per backend, so it must be valid for both (same SQL, same Rust types).
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Starts a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`), so that the busy timeout applies: a deferred transaction that reads and then
/// writes fails at once with SQLITE_BUSY when another connection wrote in between.
macro_rules! begin_write {
    ($db:expr, $pool:ident) => {
        match $db.backend() {
            $crate::store::Backend::Sqlite => $pool.begin_with("BEGIN IMMEDIATE").await?,
            $crate::store::Backend::Postgres => $pool.begin().await?,
        }
    };
}
pub(crate) use begin_write;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("the database URL `{0}` is not sqlite://... or postgres://...")]
    BadUrl(String),
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// Another writer got there first; nothing was written, and trying again is safe.
    #[error("conflicting write: {0}")]
    Conflict(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool on one of the two backends. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A database URL whose `Debug` and `Display` hide the password.
#[derive(Clone)]
pub struct DatabaseUrl(pub String);

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // postgres://user:secret@host/db → postgres://user:***@host/db
        let redacted = match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                let userinfo = &self.0[scheme + 3..at];
                match userinfo.find(':') {
                    Some(colon) => format!(
                        "{}{}:***{}",
                        &self.0[..scheme + 3],
                        &userinfo[..colon],
                        &self.0[at..]
                    ),
                    None => self.0.clone(),
                }
            }
            _ => self.0.clone(),
        };
        f.write_str(&redacted)
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(DatabaseUrl(s.to_string()))
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects, creating the SQLite file if needed, and applies the migrations.
    pub async fn connect(url: &DatabaseUrl) -> Result<Db> {
        let db = Self::open(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Connects without migrating.
    pub async fn open(url: &DatabaseUrl) -> Result<Db> {
        let raw = url.0.as_str();
        if raw.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(raw)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("secure_delete", "on");
            // SQLite has one writer at a time; a few connections serve the readers.
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if raw.starts_with("postgres:") || raw.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(raw)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::BadUrl(url.to_string()))
        }
    }

    /// Applies the migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Whether the database answers and every migration of this build is applied.
    pub async fn ready(&self) -> Result<bool> {
        let (applied, expected): (i64, usize) = match self {
            Db::Sqlite(pool) => (
                sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
                    .fetch_one(pool)
                    .await?,
                SQLITE_MIGRATIONS.iter().count(),
            ),
            Db::Postgres(pool) => (
                sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
                    .fetch_one(pool)
                    .await?,
                POSTGRES_MIGRATIONS.iter().count(),
            ),
        };
        Ok(applied as usize >= expected)
    }

    /// Takes (or renews) the lease `name` for `holder` until `until`, if it is free or already
    /// ours: a timer runs on one instance of the cluster at a time.
    pub async fn try_lease(&self, name: &str, holder: &str, now: i64, until: i64) -> Result<bool> {
        on_db!(self, pool => Ok(sqlx::query(
            "insert into leases (name, holder, until) values ($1, $2, $3)
             on conflict (name) do update set holder = excluded.holder, until = excluded.until
             where leases.until < $4 or leases.holder = excluded.holder")
            .bind(name)
            .bind(holder)
            .bind(until)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected() > 0))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// A random code from an alphabet without look-alikes (no 0/O, 1/I/L).
pub fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    use rand::RngExt;
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// What counsellors see instead of a number: `Remaja-7F3K`.
pub fn new_pseudonym() -> String {
    format!("Remaja-{}", random_code(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_hide_their_password() {
        let url = DatabaseUrl("postgres://postgres:s3cret@127.0.0.1:5432/test".into());
        assert_eq!(
            url.to_string(),
            "postgres://postgres:***@127.0.0.1:5432/test"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        assert_eq!(
            DatabaseUrl("sqlite://genre.db".into()).to_string(),
            "sqlite://genre.db"
        );
    }

    #[test]
    fn codes_avoid_look_alike_characters() {
        let code = random_code(200);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(random_code(6).len(), 6);
    }
}
