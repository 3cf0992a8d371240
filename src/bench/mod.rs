//! `genre bench`: webhook-to-reply throughput and latency of `genre serve`, durable, on SQLite
//! and PostgreSQL, measured against the machine's own ceiling.
//!
//! * [`script`]: what each benchmark teen writes and what the bot must answer (the survey
//!   shipped in `bench/survey/`, and a mix on the bundled flows).
//! * [`driver`]: the load driver (closed and open loop) and the fake Graph API that checks
//!   every reply and reports it back with status webhooks, as Meta does.
//! * [`process`]: the servers as child processes, pinned with `taskset`, watched in `/proc`.
//! * [`ceiling`]: the stateless minimal handler the figures are compared with.
//! * [`extra`]: a database with a million contacts, and loading a 500-node flow set.
//! * [`report`]: the table, the JSON, the targets.
//!
//! Durability is never relaxed: the servers run exactly as deployed (SQLite in WAL mode with
//! `synchronous=FULL`; PostgreSQL as configured, `synchronous_commit` reported).

pub mod ceiling;
pub mod driver;
pub mod extra;
pub mod process;
pub mod report;
pub mod script;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;

use crate::cli::Content;
use driver::{Driver, Scripts, Target};
use process::{Launch, Server};
use report::{Million, Phase, Report, Section};
use script::Expect;

/// `genre bench` settings.
#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// A database to run Genre on: `sqlite` (a temporary file, the default) or
    /// `postgres://user@host:5432/db` (a fresh database `genre_bench_*` is created on that
    /// server and dropped afterwards). Repeat to run several.
    #[arg(long = "database-url", default_value = "sqlite")]
    pub database_urls: Vec<String>,
    /// Pin the servers to these CPUs (`taskset -c`, e.g. `0`); the driver runs on the others.
    #[arg(long)]
    pub server_cpus: Option<String>,
    /// A smoke run of a few seconds for CI: every reply is checked, timings mean nothing.
    #[arg(long, visible_alias = "smoke")]
    pub quick: bool,
    /// Print the results as JSON (the progress still goes to standard error).
    #[arg(long)]
    pub json: bool,
    /// Contacts stored before the memory measurement (default 1,000,000; 10,000 with --quick).
    #[arg(long)]
    pub seed_contacts: Option<u64>,
    /// Skip the ceiling (the stateless minimal handler).
    #[arg(long)]
    pub no_ceiling: bool,
    /// The bundled flows the mixed workload runs on.
    #[command(flatten)]
    pub content: Content,
    /// Internal: serve the ceiling on this address (the benchmark starts it as a child).
    #[arg(long, hide = true)]
    pub serve_ceiling: Option<SocketAddr>,
    /// Internal: the Graph API the ceiling sends to.
    #[arg(long, hide = true, default_value = "")]
    pub ceiling_api_url: String,
}

/// Runs `genre bench`; the exit code is 1 when any reply was wrong, missing or duplicated.
pub fn run(args: BenchArgs) -> anyhow::Result<i32> {
    // Warnings to standard error: standard output is the report (JSON with --json). Seeding a
    // million contacts is one slow statement on purpose.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn,sqlx=error"))
        .with_target(false)
        .try_init();
    if let Some(addr) = args.serve_ceiling {
        runtime(None)?.block_on(ceiling::serve(addr, args.ceiling_api_url.clone()))?;
        return Ok(0);
    }
    let machine = process::machine();
    let (server_cpus, driver_cpus) = match &args.server_cpus {
        Some(list) => {
            let server = process::parse_cpus(list)?;
            if let Some(bad) = server.iter().find(|c| **c >= machine.cpus) {
                bail!(
                    "--server-cpus {list}: this machine has CPUs 0-{} only (not {bad})",
                    machine.cpus - 1
                );
            }
            let driver: Vec<usize> = (0..machine.cpus).filter(|c| !server.contains(c)).collect();
            (Some(server), (!driver.is_empty()).then_some(driver))
        }
        None => (None, None),
    };
    if let Some(cpus) = &driver_cpus {
        // Before the runtime starts, so that every thread it makes inherits the mask.
        process::pin_self(cpus)?;
    }
    let threads = driver_cpus.as_ref().map(Vec::len);
    let report = runtime(threads)?.block_on(suite(&args, machine, server_cpus, driver_cpus))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(if report.ok { 0 } else { 1 })
}

fn runtime(threads: Option<usize>) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = threads {
        builder.worker_threads(n.max(1));
    }
    Ok(builder.enable_all().build()?)
}

/// How long each phase lasts and what it offers.
struct Plan {
    warmup: Option<(usize, Duration)>,
    closed: Vec<(usize, Duration)>,
    open: Vec<(f64, Duration)>,
    mix_closed: Vec<(usize, Duration)>,
    mix_open: Vec<(f64, Duration)>,
    million_closed: (usize, Duration),
    seed: u64,
    /// How long to wait for the last replies of a phase.
    drain: Duration,
}

impl Plan {
    fn full(seed: Option<u64>) -> Plan {
        let s = Duration::from_secs;
        Plan {
            warmup: Some((20, s(2))),
            closed: vec![(1, s(4)), (10, s(5)), (50, s(5)), (200, s(6))],
            open: vec![(40.0, s(5)), (500.0, s(5)), (2000.0, s(8)), (5000.0, s(6))],
            mix_closed: vec![(50, s(6))],
            mix_open: vec![(500.0, s(6))],
            million_closed: (50, s(5)),
            seed: seed.unwrap_or(1_000_000),
            drain: s(90),
        }
    }

    fn quick(seed: Option<u64>) -> Plan {
        let s = Duration::from_millis;
        Plan {
            warmup: None,
            closed: vec![(10, s(1000))],
            open: vec![(200.0, s(1000))],
            mix_closed: vec![(10, s(1500))],
            mix_open: vec![],
            million_closed: (10, s(1000)),
            seed: seed.unwrap_or(10_000),
            drain: s(30_000),
        }
    }
}

/// A folder removed when the run ends, however it ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<TempDir> {
        let path = std::env::temp_dir().join(format!(
            "genre-bench-{}",
            crate::store::random_code(8).to_lowercase()
        ));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn progress(line: &str) {
    eprintln!("bench: {line}");
}

/// Everything a run needs to start servers.
struct Run<'a> {
    args: &'a BenchArgs,
    exe: PathBuf,
    cpus: Option<String>,
    tmp: &'a Path,
    ticks: f64,
    plan: Plan,
    numbers: Arc<AtomicU64>,
}

impl Run<'_> {
    fn launch(&self, name: &str) -> Launch<'_> {
        Launch {
            exe: &self.exe,
            cpus: self.cpus.as_deref(),
            log: self.tmp.join(format!("{name}.log")),
        }
    }
}

async fn suite(
    args: &BenchArgs,
    machine: process::Machine,
    server_cpus: Option<Vec<usize>>,
    driver_cpus: Option<Vec<usize>>,
) -> anyhow::Result<Report> {
    let list = |cpus: &Vec<usize>| {
        cpus.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let tmp = TempDir::new()?;
    let (survey_flows, survey_locales) = script::write_survey(&tmp.0.join("survey"))?;
    let survey = Arc::new(
        Expect::new(content_bundle(&survey_flows, &survey_locales)?).map_err(anyhow::Error::msg)?,
    );
    let mut notes = Vec::new();
    let mix = match crate::load::load(&args.content.flows, &args.content.locales).bundle {
        Some(bundle) => Some(Arc::new(Expect::new(bundle).map_err(anyhow::Error::msg)?)),
        None => {
            notes.push(format!(
                "the mixed workload was skipped: the flows in {} and {} do not load (run `genre check`)",
                args.content.flows.display(),
                args.content.locales.display()
            ));
            None
        }
    };
    let ctx = Run {
        args,
        exe: std::env::current_exe().context("finding the genre binary")?,
        cpus: server_cpus.as_ref().map(list),
        tmp: &tmp.0,
        ticks: process::clock_ticks() as f64,
        plan: if args.quick {
            Plan::quick(args.seed_contacts)
        } else {
            Plan::full(args.seed_contacts)
        },
        numbers: Arc::new(AtomicU64::new(1)),
    };
    let mut report = Report {
        command: std::env::args().collect::<Vec<_>>().join(" "),
        quick: args.quick,
        machine,
        server_cpus: ctx.cpus.clone(),
        driver_cpus: driver_cpus.as_ref().map(list),
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        flow_load: None,
        ceiling: None,
        backends: Vec::new(),
        notes,
        ok: true,
    };
    if cfg!(debug_assertions) && !args.quick {
        report
            .notes
            .push("a debug build: build with --release for figures worth reading".into());
    }

    progress("loading and checking a 500-node flow set");
    report.flow_load = Some(extra::time_flow_load(&tmp.0.join("flowload"))?);

    let survey_scripts: Scripts = {
        let survey = survey.clone();
        Arc::new(move || survey.survey())
    };

    if !args.no_ceiling {
        report.ceiling = Some(ceiling_section(&ctx, survey_scripts.clone()).await?);
    }
    for (i, url) in args.database_urls.iter().enumerate() {
        let section = backend_section(&ctx, i, url, &survey, mix.clone()).await?;
        report.backends.push(section);
    }
    report.ok = report
        .ceiling
        .iter()
        .chain(&report.backends)
        .flat_map(|s| s.phases.iter().chain(s.million.iter().map(|m| &m.phase)))
        .all(|p| p.bad() == 0);
    Ok(report)
}

fn content_bundle(flows: &Path, locales: &Path) -> anyhow::Result<crate::engine::Bundle> {
    Content {
        flows: flows.to_path_buf(),
        locales: locales.to_path_buf(),
    }
    .bundle()
}

/// Runs one phase against `server` and measures it.
async fn phase(
    ctx: &Run<'_>,
    driver: &Arc<Driver>,
    server: &Server,
    workload: &str,
    load: Load,
    scripts: Scripts,
) -> anyhow::Result<Phase> {
    let label = match load {
        Load::Closed(c, d) => format!("{workload} closed loop, {c} at once, {:?}", d),
        Load::Open(r, d) => format!("{workload} open loop, {r:.0}/s, {:?}", d),
    };
    progress(&label);
    let before = server.usage()?;
    let driver_before = process::usage(std::process::id())?;
    let started = Instant::now();
    let (concurrency, rate, duration) = match load {
        Load::Closed(c, d) => {
            driver.closed(c, d, scripts).await;
            (Some(c), None, d)
        }
        Load::Open(r, d) => {
            driver.open(r, d, scripts).await;
            (None, Some(r), d)
        }
    };
    // The phase lasts until its last reply and its last status are in: a server (or a driver)
    // that lets statuses pile up does not get to count its replies early.
    let (tally, drained) = driver.finish(ctx.plan.drain).await;
    let busy = drained.saturating_duration_since(started);
    let after = server.usage()?;
    let driver_after = process::usage(std::process::id())?;
    let cpu = after.ticks.saturating_sub(before.ticks) as f64 / ctx.ticks;
    let driver_cpu = driver_after.ticks.saturating_sub(driver_before.ticks) as f64 / ctx.ticks;
    let mut phase = Phase::new(
        workload,
        concurrency,
        rate,
        duration.as_secs_f64(),
        busy.as_secs_f64(),
        tally,
        cpu,
        after.rss_kib as f64 / 1024.0,
    );
    if phase.errors > 0 {
        phase.examples.extend(server.log_errors(3));
    }
    phase.driver_cpu_percent = 100.0 * driver_cpu / busy.as_secs_f64().max(duration.as_secs_f64());
    if phase.bad() > 0 {
        progress(&format!(
            "  {} wrong, {} duplicate, {} missing",
            phase.wrong, phase.duplicate, phase.missing
        ));
    }
    Ok(phase)
}

#[derive(Clone, Copy)]
enum Load {
    Closed(usize, Duration),
    Open(f64, Duration),
}

/// The survey phases of the plan: warm-up, closed loops, open loops.
async fn survey_phases(
    ctx: &Run<'_>,
    driver: &Arc<Driver>,
    server: &Server,
    scripts: &Scripts,
) -> anyhow::Result<Vec<Phase>> {
    let mut phases = Vec::new();
    if let Some((c, d)) = ctx.plan.warmup {
        let mut p = phase(
            ctx,
            driver,
            server,
            "survey",
            Load::Closed(c, d),
            scripts.clone(),
        )
        .await?;
        p.workload = "warm-up".into();
        p.hidden = true;
        phases.push(p);
    }
    for &(c, d) in &ctx.plan.closed {
        phases.push(
            phase(
                ctx,
                driver,
                server,
                "survey",
                Load::Closed(c, d),
                scripts.clone(),
            )
            .await?,
        );
    }
    for &(r, d) in &ctx.plan.open {
        phases.push(
            phase(
                ctx,
                driver,
                server,
                "survey",
                Load::Open(r, d),
                scripts.clone(),
            )
            .await?,
        );
    }
    Ok(phases)
}

async fn ceiling_section(ctx: &Run<'_>, scripts: Scripts) -> anyhow::Result<Section> {
    progress("the ceiling: a stateless handler (verify, parse, POST the reply)");
    let driver = Driver::start(
        Target {
            check_texts: false,
            redeliver_percent: 0,
        },
        ctx.numbers.clone(),
    )
    .await?;
    let server = process::spawn_ceiling(&ctx.launch("ceiling"), &driver.graph_url).await?;
    driver.connect(&server.webhook());
    let phases = survey_phases(ctx, &driver, &server, &scripts).await;
    let peak = server.usage().map(|u| u.hwm_kib).unwrap_or(0);
    let startup = server.startup;
    server.stop()?;
    Ok(Section {
        name: "ceiling".into(),
        durability: "no state, nothing stored".into(),
        startup_ms: startup.as_secs_f64() * 1000.0,
        phases: phases?,
        peak_rss_mb: peak as f64 / 1024.0,
        million: None,
    })
}

/// A fresh database for one part of a backend's run.
struct Fresh {
    url: String,
    /// The PostgreSQL database to drop afterwards.
    drop: Option<(String, String)>,
}

async fn fresh_database(ctx: &Run<'_>, url: &str, name: &str) -> anyhow::Result<Fresh> {
    if url == "sqlite" {
        let path = ctx.tmp.join(format!("{name}.db"));
        Ok(Fresh {
            url: format!("sqlite://{}", path.display()),
            drop: None,
        })
    } else if let Some(path) = url.strip_prefix("sqlite://") {
        // A file of the user's choice: it must be new, and gets a suffix per part.
        let path = PathBuf::from(format!("{path}.{name}"));
        if path.exists() {
            bail!(
                "{} exists: the benchmark needs a fresh database",
                path.display()
            );
        }
        Ok(Fresh {
            url: format!("sqlite://{}", path.display()),
            drop: None,
        })
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let (fresh, db) = process::create_postgres(url).await?;
        Ok(Fresh {
            url: fresh,
            drop: Some((url.to_string(), db)),
        })
    } else {
        bail!("--database-url {url}: use `sqlite` or postgres://user@host/db")
    }
}

async fn backend_section(
    ctx: &Run<'_>,
    index: usize,
    url: &str,
    survey: &Arc<Expect>,
    mix: Option<Arc<Expect>>,
) -> anyhow::Result<Section> {
    let mut to_drop = Vec::new();
    let result = backend_run(ctx, index, url, survey, mix, &mut to_drop).await;
    for (base, name) in to_drop {
        if let Err(e) = process::drop_postgres(&base, &name).await {
            eprintln!("bench: could not drop the database {name}: {e:#}");
        }
    }
    result
}

async fn backend_run(
    ctx: &Run<'_>,
    index: usize,
    url: &str,
    survey: &Arc<Expect>,
    mix: Option<Arc<Expect>>,
    to_drop: &mut Vec<(String, String)>,
) -> anyhow::Result<Section> {
    let postgres = !url.starts_with("sqlite");
    let name = if postgres { "postgres" } else { "sqlite" };
    progress(&format!("{name}: survey on a fresh database"));
    let fresh = fresh_database(ctx, url, &format!("{name}{index}-survey")).await?;
    to_drop.extend(fresh.drop.clone());
    let durability = if postgres {
        process::postgres_durability(&fresh.url).await?
    } else {
        format!(
            "SQLite WAL, synchronous=FULL, on {}",
            process::file_system(ctx.tmp)
        )
    };
    let survey_flows = ctx.tmp.join("survey/flows");
    let survey_locales = ctx.tmp.join("survey/locales");
    let driver = Driver::start(
        Target {
            check_texts: true,
            redeliver_percent: 5,
        },
        ctx.numbers.clone(),
    )
    .await?;
    let scripts: Scripts = {
        let survey = survey.clone();
        Arc::new(move || survey.survey())
    };

    let server = process::spawn_genre(
        &ctx.launch(&format!("{name}{index}-survey")),
        &fresh.url,
        &survey_flows,
        &survey_locales,
        &driver.graph_url,
    )
    .await?;
    driver.connect(&server.webhook());
    let startup = server.startup;
    let phases = survey_phases(ctx, &driver, &server, &scripts).await;
    let mut peak = server.usage().map(|u| u.hwm_kib).unwrap_or(0);
    let tail = server.log_tail();
    server.stop()?;
    let mut phases =
        phases.with_context(|| format!("the survey on {name}; server log:\n{tail}"))?;

    if let Some(mix) = mix {
        progress(&format!("{name}: the mixed workload on the bundled flows"));
        let counter = Arc::new(AtomicU64::new(0));
        let scripts: Scripts = Arc::new(move || mix.mix(&counter));
        let server = process::spawn_genre(
            &ctx.launch(&format!("{name}{index}-mix")),
            &fresh.url,
            &ctx.args.content.flows,
            &ctx.args.content.locales,
            &driver.graph_url,
        )
        .await?;
        driver.connect(&server.webhook());
        let result: anyhow::Result<()> = async {
            for &(c, d) in &ctx.plan.mix_closed {
                phases.push(
                    phase(
                        ctx,
                        &driver,
                        &server,
                        "mix",
                        Load::Closed(c, d),
                        scripts.clone(),
                    )
                    .await?,
                );
            }
            for &(r, d) in &ctx.plan.mix_open {
                phases.push(
                    phase(
                        ctx,
                        &driver,
                        &server,
                        "mix",
                        Load::Open(r, d),
                        scripts.clone(),
                    )
                    .await?,
                );
            }
            Ok(())
        }
        .await;
        peak = peak.max(server.usage().map(|u| u.hwm_kib).unwrap_or(0));
        server.stop()?;
        result?;
    }

    progress(&format!("{name}: seeding {} contacts", ctx.plan.seed));
    let seeded = fresh_database(ctx, url, &format!("{name}{index}-million")).await?;
    to_drop.extend(seeded.drop.clone());
    let started = Instant::now();
    extra::seed_contacts(&seeded.url, ctx.plan.seed, &survey.finished_survey_state()).await?;
    let seed_s = started.elapsed().as_secs_f64();
    let server = process::spawn_genre(
        &ctx.launch(&format!("{name}{index}-million")),
        &seeded.url,
        &survey_flows,
        &survey_locales,
        &driver.graph_url,
    )
    .await?;
    driver.connect(&server.webhook());
    let idle = server.usage()?;
    let (c, d) = ctx.plan.million_closed;
    let million_phase = phase(
        ctx,
        &driver,
        &server,
        "survey",
        Load::Closed(c, d),
        scripts.clone(),
    )
    .await;
    let million_peak = server.usage().map(|u| u.hwm_kib).unwrap_or(0);
    let million_startup = server.startup;
    server.stop()?;
    let million = Million {
        contacts: ctx.plan.seed,
        seed_s,
        startup_ms: million_startup.as_secs_f64() * 1000.0,
        idle_rss_mb: idle.rss_kib as f64 / 1024.0,
        phase: million_phase?,
        peak_rss_mb: million_peak as f64 / 1024.0,
    };
    Ok(Section {
        name: name.into(),
        durability,
        startup_ms: startup.as_secs_f64() * 1000.0,
        phases,
        peak_rss_mb: peak as f64 / 1024.0,
        million: Some(million),
    })
}
