//! The servers under test as child processes (so that they can be pinned to a core and their
//! CPU time and memory read from `/proc`), their databases, and the machine they run on.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sqlx::Connection;

use super::driver::{APP_SECRET, PHONE_NUMBER_ID, TOKEN};

/// A server started by the benchmark.
pub struct Server {
    child: Child,
    pub pid: u32,
    pub port: u16,
    /// From spawning the process to `/readyz` answering 200.
    pub startup: Duration,
    log: PathBuf,
}

/// CPU time and memory of a process at one moment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    /// User plus system CPU time, in clock ticks.
    pub ticks: u64,
    /// Resident memory now, in KiB.
    pub rss_kib: u64,
    /// Peak resident memory so far, in KiB.
    pub hwm_kib: u64,
}

impl Server {
    /// The WhatsApp webhook URL.
    pub fn webhook(&self) -> String {
        format!("http://127.0.0.1:{}/webhooks/whatsapp", self.port)
    }

    /// CPU and memory of the server now.
    pub fn usage(&self) -> anyhow::Result<Usage> {
        usage(self.pid)
    }

    /// SIGTERM (the server finishes its work in hand), then waits; SIGKILL after 30 s.
    pub fn stop(mut self) -> anyhow::Result<()> {
        self.stop_in_place()
    }

    fn stop_in_place(&mut self) -> anyhow::Result<()> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill()?;
        self.child.wait()?;
        bail!("the server did not stop within 30 s of SIGTERM; killed it")
    }

    /// The last few errors the server logged.
    pub fn log_errors(&self, n: usize) -> Vec<String> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let errors: Vec<&str> = text.lines().filter(|l| l.contains("ERROR")).collect();
        errors[errors.len().saturating_sub(n)..]
            .iter()
            .map(|l| format!("server log: {l}"))
            .collect()
    }

    /// The last lines the server logged (for an error message).
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }
}

impl Drop for Server {
    /// A server left behind by an error is killed, never left running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// A free port on loopback.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The command, under `taskset -c <cpus>` when the server is pinned.
fn pinned(exe: &Path, cpus: Option<&str>) -> Command {
    match cpus {
        Some(cpus) => {
            let mut cmd = Command::new("taskset");
            cmd.arg("-c").arg(cpus).arg(exe);
            cmd
        }
        None => Command::new(exe),
    }
}

/// What a server is started with.
pub struct Launch<'a> {
    pub exe: &'a Path,
    pub cpus: Option<&'a str>,
    /// Where its log goes.
    pub log: PathBuf,
}

/// Starts `genre serve` on `database_url` with the flows in `flows`/`locales`, WhatsApp
/// pointed at `graph_url`, and waits until it is ready.
pub async fn spawn_genre(
    launch: &Launch<'_>,
    database_url: &str,
    flows: &Path,
    locales: &Path,
    graph_url: &str,
) -> anyhow::Result<Server> {
    let port = free_port()?;
    let mut cmd = pinned(launch.exe, launch.cpus);
    cmd.arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("GENRE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GENRE_DATABASE_URL", database_url)
        .env("GENRE_FLOWS", flows)
        .env("GENRE_LOCALES", locales)
        .env("GENRE_WHATSAPP_APP_SECRET", APP_SECRET)
        .env("GENRE_WHATSAPP_VERIFY_TOKEN", "genre-bench-verify")
        .env("GENRE_WHATSAPP_TOKEN", TOKEN)
        .env("GENRE_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("GENRE_WHATSAPP_API_URL", graph_url)
        // Meta's default of 80 messages per second would be the whole result; the fake Graph
        // API has no limit.
        .env("GENRE_WHATSAPP_RATE", "1000000")
        .env("GENRE_SEND_CONCURRENCY", "128")
        .env("GENRE_OFFICE_HOURS", super::script::OFFICE_HOURS)
        .env("GENRE_TIMEZONE", super::script::TIMEZONE)
        .env("GENRE_LOG", "warn");
    spawn(cmd, port, &launch.log).await
}

/// Starts the ceiling (`genre bench --serve-ceiling`) and waits until it answers.
pub async fn spawn_ceiling(launch: &Launch<'_>, graph_url: &str) -> anyhow::Result<Server> {
    let port = free_port()?;
    let mut cmd = pinned(launch.exe, launch.cpus);
    cmd.arg("bench")
        .arg("--serve-ceiling")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--ceiling-api-url")
        .arg(graph_url)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    spawn(cmd, port, &launch.log).await
}

async fn spawn(mut cmd: Command, port: u16, log: &Path) -> anyhow::Result<Server> {
    let log_file = std::fs::File::create(log)
        .with_context(|| format!("creating the server log {}", log.display()))?;
    // `genre serve` logs to standard output.
    cmd.stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file);
    let started = Instant::now();
    let mut child = cmd.spawn().context("starting the server")?;
    let pid = child.id();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()?;
    let url = format!("http://127.0.0.1:{port}/readyz");
    loop {
        if let Some(status) = child.try_wait()? {
            bail!(
                "the server exited ({status}) before it was ready:\n{}",
                log_tail(log)
            );
        }
        if client
            .get(&url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            bail!("the server was not ready after 120 s:\n{}", log_tail(log));
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok(Server {
        child,
        pid,
        port,
        startup: started.elapsed(),
        log: log.to_path_buf(),
    })
}

/// CPU time and memory of process `pid`, from `/proc`.
pub fn usage(pid: u32) -> anyhow::Result<Usage> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    let after = stat
        .rfind(')')
        .map(|i| &stat[i + 1..])
        .context("an unreadable /proc/<pid>/stat")?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| -> u64 { fields.get(n).and_then(|f| f.parse().ok()).unwrap_or(0) };
    // Fields 14 (utime) and 15 (stime), counted from 1 with the state as field 3.
    let ticks = field(11) + field(12);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status"))?;
    let kib = |key: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    Ok(Usage {
        ticks,
        rss_kib: kib("VmRSS:"),
        hwm_kib: kib("VmHWM:"),
    })
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux almost everywhere).
pub fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// The machine, as the report describes it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub kernel: String,
    pub memory_mib: u64,
}

pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpus = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count()
        .max(1);
    let cpu_model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_string())
        .unwrap_or_default();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_string();
    let memory_mib = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024;
    Machine {
        cpus,
        cpu_model,
        kernel,
        memory_mib,
    }
}

/// The CPUs of a list such as `0`, `0,2` or `0-3`.
pub fn parse_cpus(list: &str) -> anyhow::Result<Vec<usize>> {
    let mut cpus = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (usize, usize) = (a.trim().parse()?, b.trim().parse()?);
                if a > b {
                    bail!("`{part}` is not a CPU range like 0-3");
                }
                cpus.extend(a..=b);
            }
            None => cpus.push(part.parse()?),
        }
    }
    if cpus.is_empty() {
        bail!("`{list}` names no CPU");
    }
    Ok(cpus)
}

/// Pins this process (every thread it has and will have) to `cpus`.
pub fn pin_self(cpus: &[usize]) -> anyhow::Result<()> {
    let list: Vec<String> = cpus.iter().map(usize::to_string).collect();
    let status = Command::new("taskset")
        .args(["-a", "-p", "-c", &list.join(",")])
        .arg(std::process::id().to_string())
        .stdout(Stdio::null())
        .status()
        .context("running taskset (util-linux) to pin the driver")?;
    if !status.success() {
        bail!(
            "taskset could not pin the driver to CPUs {}",
            list.join(",")
        );
    }
    Ok(())
}

/// The file system a path is on (`ext4`, `tmpfs`...), from `/proc/mounts`.
pub fn file_system(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, point, kind) = (f.next()?, f.next()?, f.next()?);
            path.starts_with(point)
                .then(|| (point.len(), kind.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
        .unwrap_or_else(|| "unknown".into())
}

/// A fresh PostgreSQL database on the server of `base`, dropped by [`drop_postgres`].
pub async fn create_postgres(base: &str) -> anyhow::Result<(String, String)> {
    let name = format!(
        "genre_bench_{}",
        crate::store::random_code(8).to_lowercase()
    );
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .with_context(|| format!("connecting to {}", crate::store::DatabaseUrl(base.into())))?;
    // The name is ours: `genre_bench_` and eight letters or digits.
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&mut conn)
        .await
        .with_context(|| format!("creating the database {name}"))?;
    conn.close().await?;
    Ok((with_database(base, &name), name))
}

/// Drops a database made by [`create_postgres`].
pub async fn drop_postgres(base: &str, name: &str) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(base).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database if exists {name} with (force)"
    )))
    .execute(&mut conn)
    .await
    .with_context(|| format!("dropping the database {name}"))?;
    conn.close().await?;
    Ok(())
}

/// `base` with its database name replaced by `name` (the query string kept).
pub fn with_database(base: &str, name: &str) -> String {
    let (url, query) = match base.split_once('?') {
        Some((u, q)) => (u, Some(q)),
        None => (base, None),
    };
    let authority = url.find("://").map_or(0, |i| i + 3);
    let host_end = url[authority..]
        .find('/')
        .map_or(url.len(), |i| authority + i);
    let mut out = format!("{}/{name}", &url[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// PostgreSQL settings that decide durability, as the server reports them.
pub async fn postgres_durability(url: &str) -> anyhow::Result<String> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let mut parts = Vec::new();
    for setting in ["synchronous_commit", "fsync", "wal_sync_method"] {
        let value: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("show {setting}")))
            .fetch_one(&mut conn)
            .await?;
        parts.push(format!("{setting}={value}"));
    }
    let version: String = sqlx::query_scalar("show server_version")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    Ok(format!("PostgreSQL {version}, {}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_replaced_keeping_the_rest() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "b1"),
            "postgres://postgres@127.0.0.1:5432/b1"
        );
        assert_eq!(
            with_database("postgres://u:p@db/x?sslmode=require", "b2"),
            "postgres://u:p@db/b2?sslmode=require"
        );
        assert_eq!(
            with_database("postgres://127.0.0.1", "b3"),
            "postgres://127.0.0.1/b3"
        );
    }

    #[test]
    fn cpu_lists_are_read_like_taskset_reads_them() {
        assert_eq!(parse_cpus("0").unwrap(), [0]);
        assert_eq!(parse_cpus("0,2-3").unwrap(), [0, 2, 3]);
        assert!(parse_cpus("x").is_err());
        assert!(parse_cpus("").is_err());
    }

    #[test]
    fn this_process_has_cpu_time_and_memory() {
        let u = usage(std::process::id()).unwrap();
        assert!(u.rss_kib > 0 && u.hwm_kib >= u.rss_kib);
    }
}
