//! The running server: shared state, the background tasks, start-up and graceful shutdown.
//!
//! ```text
//! webhook ─▶ verify, parse ─▶ ingest queue ─▶ one transaction for many webhooks ─▶ 2xx
//!                                                  │ wake
//!                                                  ▼
//!                         worker: claim contacts, engine.step, write state + outbox + cases
//!                                                  │ wake
//!                                                  ▼
//!                         sender: claim outbox rows, call the provider, record the outcome
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::{Notify, broadcast, mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use crate::channels::Channels;
use crate::clock::{Clock, SystemClock};
use crate::config::ServeConfig;
use crate::engine::Bundle;
use crate::error::ApiError;
use crate::metrics::{ChannelLabel, Metrics};
use crate::settings::BotSettings;
use crate::store::ingest::{Incoming, Ingested};
use crate::store::{Db, StoreError};

/// Shared by every handler and background task.
pub type AppState = Arc<App>;

/// Everything the server needs, built once at start-up.
pub struct App {
    pub db: Db,
    /// Flows, rules and texts: read-only while running.
    pub bundle: Arc<Bundle>,
    pub settings: BotSettings,
    pub channels: Channels,
    pub clock: Arc<dyn Clock>,
    pub metrics: Metrics,
    /// One keep-alive client for every provider.
    pub http: reqwest::Client,
    pub config: ServeConfig,
    /// Webhooks hand their items to the ingest task, which commits many at once.
    ingest_tx: mpsc::Sender<IngestJob>,
    /// Woken when messages are stored.
    pub wake_worker: Notify,
    /// Woken when replies are written or sends are recorded.
    pub wake_sender: Notify,
    /// Woken when a case opens or a counsellor becomes available.
    pub wake_dispatch: Notify,
    /// What counsellors' browsers hear about (server-sent events).
    pub console_events: broadcast::Sender<ConsoleEvent>,
    /// This process, as a lease holder.
    pub instance_id: String,
    /// Console login attempts per client address.
    pub login_limiter: crate::console::auth::LoginLimiter,
    /// Cancelled on shutdown: background tasks finish their work in hand and stop.
    pub shutdown: CancellationToken,
}

/// Something counsellors' consoles should show without a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConsoleEvent {
    /// A case opened, was assigned, changed or closed.
    Case { id: i64 },
    /// A teen wrote on an open case.
    Message { contact: i64 },
    /// An urgent case was not picked up in time.
    Alert { case: i64 },
}

/// The PostgreSQL notification channel console events travel on between instances.
const CONSOLE_CHANNEL: &str = "genre_console";

impl App {
    /// Tells every console, whichever instance it is connected to: on PostgreSQL through
    /// NOTIFY (every instance LISTENs and passes it on, this one included), on SQLite (one
    /// instance) directly.
    pub async fn publish(&self, event: ConsoleEvent) {
        if let Db::Postgres(pool) = &self.db {
            let payload = serde_json::to_string(&event).unwrap_or_default();
            match sqlx::query("select pg_notify($1, $2)")
                .bind(CONSOLE_CHANNEL)
                .bind(payload)
                .execute(pool)
                .await
            {
                Ok(_) => return,
                Err(e) => {
                    tracing::warn!(error = %e, "console notification failed; telling this instance's consoles only")
                }
            }
        }
        let _ = self.console_events.send(event);
    }
}

/// On PostgreSQL: passes other instances' console events (and this one's) to the consoles
/// connected here. A lost connection is re-established; consoles also refresh now and then,
/// so an event lost meanwhile is only late.
async fn run_listener(app: AppState) {
    let Db::Postgres(pool) = &app.db else {
        return;
    };
    loop {
        match sqlx::postgres::PgListener::connect_with(pool).await {
            Ok(mut listener) => match listener.listen(CONSOLE_CHANNEL).await {
                Ok(()) => loop {
                    tokio::select! {
                        received = listener.recv() => match received {
                            Ok(n) => {
                                if let Ok(event) = serde_json::from_str::<ConsoleEvent>(n.payload()) {
                                    let _ = app.console_events.send(event);
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "console notifications interrupted");
                                break;
                            }
                        },
                        _ = app.shutdown.cancelled() => return,
                    }
                },
                Err(e) => tracing::warn!(error = %e, "cannot listen for console notifications"),
            },
            Err(e) => tracing::warn!(error = %e, "cannot connect for console notifications"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = app.shutdown.cancelled() => return,
        }
    }
}

/// A webhook's items waiting for the ingest task.
pub(crate) struct IngestJob {
    items: Vec<Incoming>,
    reply: oneshot::Sender<Result<Vec<Ingested>, String>>,
}

/// Most items committed in one ingest transaction.
const INGEST_BATCH: usize = 512;

impl App {
    /// Stores a webhook's items durably; returns once they are committed.
    pub async fn ingest(&self, items: Vec<Incoming>) -> Result<Vec<Ingested>, ApiError> {
        if items.is_empty() {
            return Ok(vec![]);
        }
        let started = Instant::now();
        let (reply, rx) = oneshot::channel();
        self.ingest_tx
            .send(IngestJob { items, reply })
            .await
            .map_err(|_| ApiError::Unavailable)?;
        let result = rx
            .await
            .map_err(|_| ApiError::Unavailable)?
            .map_err(|e| ApiError::Store(StoreError::Corrupt(e)))?;
        self.metrics
            .webhook_seconds
            .observe(started.elapsed().as_secs_f64());
        Ok(result)
    }
}

/// Commits webhook items in batches: whatever arrived while the previous batch was being
/// written goes into the next transaction (group commit).
async fn run_ingest(app: AppState, mut rx: mpsc::Receiver<IngestJob>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        let mut count = jobs[0].items.len();
        while count < INGEST_BATCH {
            match rx.try_recv() {
                Ok(job) => {
                    count += job.items.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let items: Vec<Incoming> = jobs.iter().flat_map(|j| j.items.iter().cloned()).collect();
        let result = app.db.ingest(&items).await;
        match result {
            Ok(results) => {
                for (item, result) in items.iter().zip(&results) {
                    let channel = match item {
                        Incoming::Message(m) => &m.channel,
                        Incoming::Status(s) => &s.channel,
                    };
                    let label = ChannelLabel::of(channel);
                    match result {
                        Ingested::Stored { .. } => app.metrics.received.get_or_create(&label).inc(),
                        Ingested::Duplicate => app.metrics.duplicates.get_or_create(&label).inc(),
                        Ingested::Status | Ingested::DuplicateStatus => {
                            app.metrics.statuses.get_or_create(&label).inc()
                        }
                    };
                }
                if results.iter().any(|r| matches!(r, Ingested::Stored { .. })) {
                    app.wake_worker.notify_one();
                }
                let mut rest = results.into_iter();
                for job in jobs {
                    let mine: Vec<Ingested> = rest.by_ref().take(job.items.len()).collect();
                    let _ = job.reply.send(Ok(mine));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, items = items.len(), "could not store webhook items");
                for job in jobs {
                    let _ = job.reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

/// A server started in this process (tests, the benchmark).
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub app: AppState,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Running {
    /// Stops gracefully, as on SIGTERM, and waits until everything in hand is done.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.app.shutdown.cancel();
        self.handle.await?
    }
}

/// Builds the app from its settings (loading flows, connecting the database).
async fn build(
    config: ServeConfig,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<(AppState, mpsc::Receiver<IngestJob>)> {
    use anyhow::Context;
    let bundle = config
        .content
        .bundle()
        .context("loading the flows and locales")?;
    let settings = config
        .bot_settings()
        .map_err(anyhow::Error::msg)
        .context("the office hours")?;
    let channels = config.channels()?;
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", config.database_url))?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(config.send_timeout))
        .connect_timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(config.send_concurrency)
        .build()
        .context("building the HTTP client")?;
    let (ingest_tx, ingest_rx) = mpsc::channel(4096);
    let app = Arc::new(App {
        db,
        bundle: Arc::new(bundle),
        settings,
        channels,
        clock,
        metrics: Metrics::default(),
        http,
        config,
        ingest_tx,
        wake_worker: Notify::new(),
        wake_sender: Notify::new(),
        wake_dispatch: Notify::new(),
        console_events: broadcast::channel(256).0,
        instance_id: format!("{}-{}", std::process::id(), crate::store::random_code(6)),
        login_limiter: Default::default(),
        shutdown: CancellationToken::new(),
    });
    Ok((app, ingest_rx))
}

/// Starts the server on `listener` with `config`.
pub async fn start(
    config: ServeConfig,
    listener: TcpListener,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Running> {
    let (app, ingest_rx) = build(config, clock).await?;
    let addr = listener.local_addr()?;
    let on: Vec<&str> = app.channels.names();
    tracing::info!(
        %addr,
        database = %app.config.database_url,
        channels = %on.join(", "),
        flows = app.bundle.flows.len(),
        "genre serve is running"
    );
    let handle = tokio::spawn(run(app.clone(), listener, ingest_rx));
    Ok(Running { addr, app, handle })
}

/// Serves until shutdown, then drains: no new requests, everything received is stored, every
/// claimed send finishes and is recorded.
async fn run(
    app: AppState,
    listener: TcpListener,
    ingest_rx: mpsc::Receiver<IngestJob>,
) -> anyhow::Result<()> {
    let ingest = tokio::spawn(run_ingest(app.clone(), ingest_rx));
    let worker = tokio::spawn(crate::worker::run(app.clone()));
    let sender = tokio::spawn(crate::sender::run(app.clone()));
    let timers = tokio::spawn(crate::sender::run_reclaimer(app.clone()));
    let dispatch = tokio::spawn(crate::dispatch::run(app.clone()));
    let retention = tokio::spawn(crate::retention::run(app.clone()));
    let listener_task = tokio::spawn(run_listener(app.clone()));
    let router = crate::http::router(app.clone());
    let shutdown = app.shutdown.clone();
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move { shutdown.cancelled().await })
    .await?;
    // Graceful shutdown waited for every handler, and each handler waited for its items to be
    // committed: nothing is left in the ingest queue.
    ingest.abort();
    let _ = worker.await;
    let _ = sender.await;
    timers.abort();
    dispatch.abort();
    retention.abort();
    listener_task.abort();
    app.db.close().await;
    tracing::info!("genre serve stopped");
    Ok(())
}

/// `genre serve`: binds, prints the bound address, runs until SIGTERM or Ctrl-C.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let running = start(config, listener, Arc::new(SystemClock)).await?;
    println!("genre serve listening on http://{}", running.addr);
    if running.app.channels.simulator.is_some() {
        println!("simulator: http://{}/simulator", running.addr);
    }
    let token = running.app.shutdown.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing work in hand");
        token.cancel();
    });
    running.handle.await?
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
