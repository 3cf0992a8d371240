//! The `genre` command line.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

use crate::diagnostic::{Severity, sort_and_count};
use crate::engine::Bundle;
use crate::load;
use crate::render::Channel;
use crate::tools::{chat, convtest, eval, sim::Simulator};

/// Genre: a WhatsApp/SMS chatbot for youth family-planning outreach.
#[derive(Parser, Debug)]
#[command(name = "genre", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Measure webhook-to-reply throughput and latency of `genre serve` (durable), against the
    /// machine's ceiling; exits non-zero if any reply is wrong, missing or duplicated.
    Bench(Box<crate::bench::BenchArgs>),
    /// Run the server: webhooks, the worker, the sender (and the simulator when no channel is set).
    Serve(Box<crate::config::ServeConfig>),
    /// Create the database if needed and apply every migration, then exit.
    Migrate {
        #[arg(long, env = "GENRE_DATABASE_URL", default_value = "sqlite://genre.db")]
        database_url: crate::store::DatabaseUrl,
    },
    /// Manage counsellors (the password is read from standard input).
    Counsellor {
        #[arg(long, env = "GENRE_DATABASE_URL", default_value = "sqlite://genre.db")]
        database_url: crate::store::DatabaseUrl,
        #[command(subcommand)]
        action: CounsellorAction,
    },
    /// Print a commented configuration file of every `genre serve` setting, with its default
    /// (for systemd's `EnvironmentFile=` or `docker run --env-file`).
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Check flows, routing rules, texts and the services directory; exit non-zero on any error.
    Check {
        #[command(flatten)]
        content: Content,
        /// Also list notes (unverified contact details, menus shown as lists).
        #[arg(long)]
        notes: bool,
    },
    /// Talk to the bot in the terminal, as a teen would (piped input works too).
    Chat {
        #[command(flatten)]
        content: Content,
        /// How replies are shaped.
        #[arg(long, value_enum, default_value = "whatsapp")]
        channel: Channel,
        /// Start as a teen who already chose this language and consented.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Run conversation tests (tests/conversations/*.toml by default).
    Test {
        #[command(flatten)]
        content: Content,
        /// Test files or folders.
        paths: Vec<PathBuf>,
    },
    /// Show how a new contact's free-text message would be understood.
    Explain {
        #[command(flatten)]
        content: Content,
        /// Print JSON (keys include topic, urgent and flow).
        #[arg(long)]
        json: bool,
        /// The message.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Measure topic accuracy and crisis detection on labelled messages (text, topic, urgent).
    Eval {
        #[command(flatten)]
        content: Content,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// TSV files (default: tests/data/youth-messages-dev.tsv).
        paths: Vec<PathBuf>,
    },
    /// Print a period's report (aggregate figures only; counts below 5 suppressed) as CSV or JSON.
    Report {
        #[arg(long, env = "GENRE_DATABASE_URL", default_value = "sqlite://genre.db")]
        database_url: crate::store::DatabaseUrl,
        /// The first day, YYYY-MM-DD (days are Asia/Jakarta days). Without --from and --to:
        /// the last four complete weeks (Monday to Sunday).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// The last day, included.
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: crate::reports::Format,
    },
}

#[derive(Subcommand, Debug)]
pub enum CounsellorAction {
    /// Add a counsellor; type the password on the next line (or pipe it in).
    Add {
        /// Their login (letters, digits, dots, dashes).
        login: String,
        /// Their name as colleagues know it.
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "counsellor")]
        role: crate::store::counsellors::Role,
        /// Topics they take, comma-separated (default: all).
        #[arg(long, default_value = "")]
        topics: String,
        /// Kecamatan ids they cover, comma-separated (default: all).
        #[arg(long, default_value = "")]
        kecamatan: String,
        /// Open cases they can hold at once.
        #[arg(long, default_value_t = 3)]
        capacity: i64,
        /// WhatsApp number for urgent alerts (supervisors), like 6281234567890.
        #[arg(long)]
        phone: Option<String>,
        #[command(flatten)]
        content: Content,
    },
    /// List counsellors.
    List,
    /// Stop a counsellor from logging in; their open cases go back to the queue.
    Disable { login: String },
    /// Set a new password (read from standard input); ends their sessions.
    Passwd { login: String },
}

#[derive(Subcommand, Debug)]
pub enum ConfigAction {
    /// Every setting, commented out at its default.
    Example,
}

/// Where the files staff edit are.
#[derive(Args, Debug, Clone)]
pub struct Content {
    /// The flows folder.
    #[arg(
        long,
        env = "GENRE_FLOWS",
        default_value = "flows",
        help_heading = "Content"
    )]
    pub flows: PathBuf,
    /// The locales folder.
    #[arg(
        long,
        env = "GENRE_LOCALES",
        default_value = "locales",
        help_heading = "Content"
    )]
    pub locales: PathBuf,
}

impl Content {
    /// Loads the bundle, printing errors; fails if there is any.
    pub fn bundle(&self) -> anyhow::Result<Bundle> {
        let loaded = load::load(&self.flows, &self.locales);
        let mut diagnostics = loaded.diagnostics;
        let (errors, _) = sort_and_count(&mut diagnostics);
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{d}");
        }
        match loaded.bundle {
            Some(b) => Ok(b),
            None => {
                bail!("{errors} error(s) in the flows or locales; run `genre check` for details")
            }
        }
    }
}

/// Runs a command; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Bench(args) => crate::bench::run(*args),
        Command::Serve(config) => {
            crate::telemetry::init(&config.log, &config.log_format);
            runtime()?.block_on(crate::app::serve(*config))?;
            Ok(0)
        }
        Command::Migrate { database_url } => {
            runtime()?.block_on(async {
                let db = crate::store::Db::connect(&database_url).await?;
                db.close().await;
                anyhow::Ok(())
            })?;
            println!("{database_url}: migrations applied");
            Ok(0)
        }
        Command::Counsellor {
            database_url,
            action,
        } => {
            runtime()?.block_on(counsellor(&database_url, action))?;
            Ok(0)
        }
        Command::Config {
            action: ConfigAction::Example,
        } => {
            print!("{}", config_example());
            Ok(0)
        }
        Command::Check { content, notes } => {
            let loaded = load::load(&content.flows, &content.locales);
            let mut diagnostics = loaded.diagnostics;
            let (errors, warnings) = sort_and_count(&mut diagnostics);
            for d in &diagnostics {
                if notes || d.severity != Severity::Note {
                    println!("{d}");
                }
            }
            let notes_count = diagnostics.len() - errors - warnings;
            if let Some(bundle) = &loaded.bundle {
                println!(
                    "checked {} flows, {} languages, {} kecamatan: {errors} errors, {warnings} warnings, {notes_count} notes{}",
                    bundle.flows.len(),
                    bundle.texts.languages().count(),
                    bundle.directory.kecamatan.len(),
                    if notes || notes_count == 0 {
                        ""
                    } else {
                        " (--notes shows them)"
                    },
                );
            } else {
                println!("{errors} errors, {warnings} warnings");
            }
            Ok(if errors > 0 { 1 } else { 0 })
        }
        Command::Chat {
            content,
            channel,
            lang,
        } => {
            let bundle = content.bundle()?;
            let mut sim = Simulator::new(&bundle, channel);
            if let Some(lang) = lang {
                sim.state.fields.insert("lang".into(), lang);
                sim.state.consented = true;
            }
            let interactive = chat::stdin_is_terminal();
            let stdin = std::io::stdin();
            chat::run(&mut sim, stdin.lock(), &mut std::io::stdout(), interactive)?;
            Ok(0)
        }
        Command::Test { content, paths } => {
            let bundle = content.bundle()?;
            let paths = if paths.is_empty() {
                vec![PathBuf::from("tests/conversations")]
            } else {
                paths
            };
            let files = convtest::test_files(&paths);
            if files.is_empty() {
                bail!("no test files found in {paths:?}");
            }
            let mut failed = 0;
            let mut total = 0;
            for file in &files {
                for outcome in convtest::run_file(&bundle, file) {
                    total += 1;
                    match &outcome.failure {
                        None => println!("ok    {}: {}", outcome.file.display(), outcome.name),
                        Some(why) => {
                            failed += 1;
                            println!(
                                "FAIL  {}: {}\n{why}\n",
                                outcome.file.display(),
                                outcome.name
                            );
                        }
                    }
                }
            }
            println!(
                "{} tests, {} passed, {failed} failed",
                total,
                total - failed
            );
            Ok(if failed > 0 { 1 } else { 0 })
        }
        Command::Explain {
            content,
            json,
            text,
        } => {
            let bundle = content.bundle()?;
            let e = eval::explain(&bundle, &text.join(" "));
            if json {
                println!("{}", serde_json::to_string_pretty(&e)?);
            } else {
                println!("normalised: {}", e.normalised);
                println!("topic:      {} ({})", e.topic, e.action);
                println!("rule:       {}", e.rule);
                println!("score:      {}", e.score);
                println!("urgent:     {}", if e.urgent { "YES" } else { "no" });
                println!("flow:       {}", e.flow.as_deref().unwrap_or("(none)"));
                for s in &e.reading.scores {
                    println!("  {:<24} {:>4}  {}", s.topic, s.score, s.matched.join(", "));
                }
            }
            Ok(0)
        }
        Command::Eval {
            content,
            json,
            paths,
        } => {
            let bundle = content.bundle()?;
            let paths = if paths.is_empty() {
                vec![PathBuf::from("tests/data/youth-messages-dev.tsv")]
            } else {
                paths
            };
            let mut all = Vec::new();
            for path in &paths {
                let set = eval::read_tsv(path)
                    .map_err(anyhow::Error::msg)
                    .context("reading the labelled messages")?;
                let scores = eval::evaluate(&bundle, &set);
                if json {
                    all.push(serde_json::json!({ "file": path, "scores": scores }));
                } else {
                    print!("{}", eval::report(&path.display().to_string(), &scores));
                }
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&all)?);
            }
            Ok(0)
        }
        Command::Report {
            database_url,
            from,
            to,
            format,
        } => {
            let period = match (from, to) {
                (Some(from), Some(to)) => {
                    crate::reports::Period::parse(&from, &to).map_err(anyhow::Error::msg)?
                }
                _ => crate::reports::Period::last_complete_weeks(
                    chrono::Utc::now().timestamp_millis(),
                    4,
                ),
            };
            print!(
                "{}",
                runtime()?.block_on(crate::reports::export(&database_url, period, format))?
            );
            Ok(0)
        }
    }
}

async fn counsellor(
    url: &crate::store::DatabaseUrl,
    action: CounsellorAction,
) -> anyhow::Result<()> {
    use crate::console::team::{Draft, check_password, split_list};
    let db = crate::store::Db::connect(url).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let find = |login: String| {
        let db = &db;
        async move {
            db.counsellor_for_login(&login.to_lowercase())
                .await
                .map(|row| row.counsellor)
                .with_context(|| format!("no counsellor with the login `{login}`"))
        }
    };
    match action {
        CounsellorAction::Add {
            login,
            name,
            role,
            topics,
            kecamatan,
            capacity,
            phone,
            content,
        } => {
            let bundle = content.bundle()?;
            let draft = Draft {
                name,
                login,
                password: read_password()?,
                role: Some(role),
                topics: split_list(&topics),
                kecamatan: split_list(&kecamatan),
                capacity,
                phone,
            };
            let new = draft.check(&bundle).map_err(anyhow::Error::msg)?;
            if db.counsellor_for_login(&new.login).await.is_ok() {
                bail!("the login `{}` is taken", new.login);
            }
            let id = db
                .add_counsellor(&new, now)
                .await
                .with_context(|| format!("adding `{}` (is the login taken?)", new.login))?;
            db.audit(
                now,
                None,
                "counsellor.add",
                &new.login,
                &format!("id {id}, role {}, from the command line", new.role.as_str()),
            )
            .await?;
            println!(
                "added {} ({}) as {}",
                new.name,
                new.login,
                new.role.as_str()
            );
        }
        CounsellorAction::List => {
            println!(
                "{:<16} {:<20} {:<11} {:>4} {:<10} topics / kecamatan",
                "login", "name", "role", "load", "state"
            );
            for c in db.counsellors().await? {
                let state = if c.disabled {
                    "disabled"
                } else if c.available {
                    "available"
                } else {
                    "away"
                };
                let all = |l: &[String]| {
                    if l.is_empty() {
                        "all".to_string()
                    } else {
                        l.join(",")
                    }
                };
                println!(
                    "{:<16} {:<20} {:<11} {:>2}/{:<1} {:<10} {} / {}",
                    c.login,
                    c.name,
                    c.role.as_str(),
                    c.load,
                    c.capacity,
                    state,
                    all(&c.topics),
                    all(&c.kecamatan)
                );
            }
        }
        CounsellorAction::Disable { login } => {
            let c = find(login).await?;
            db.disable_counsellor(c.id).await?;
            db.audit(
                now,
                None,
                "counsellor.disable",
                &c.login,
                "from the command line",
            )
            .await?;
            println!(
                "disabled {}; their open cases are back in the queue",
                c.login
            );
        }
        CounsellorAction::Passwd { login } => {
            let c = find(login).await?;
            let password = read_password()?;
            check_password(&password).map_err(anyhow::Error::msg)?;
            db.set_password(c.id, &crate::console::auth::hash_password(&password))
                .await?;
            db.audit(
                now,
                None,
                "counsellor.password",
                &c.login,
                "from the command line",
            )
            .await?;
            println!(
                "new password set for {}; their sessions have ended",
                c.login
            );
        }
    }
    db.close().await;
    Ok(())
}

/// `genre config example`: built from the settings themselves, so it never drifts from them.
pub fn config_example() -> String {
    use clap::Args as _;
    let mut command = crate::config::ServeConfig::augment_args(clap::Command::new("serve"));
    command.build();
    let mut out = String::from(
        "# genre serve settings. Uncomment and change what you need; a channel is on when all of\n\
         # its settings are set. Keep this file readable by the service's user only: it holds secrets.\n",
    );
    let mut heading = None;
    for arg in command.get_arguments() {
        let Some(env) = arg.get_env().and_then(|e| e.to_str()) else {
            continue;
        };
        let this_heading = arg.get_help_heading().unwrap_or("Other");
        if heading != Some(this_heading) {
            out.push_str(&format!("\n# ===== {this_heading} =====\n"));
            heading = Some(this_heading);
        }
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            for line in help.to_string().lines() {
                out.push_str(&format!("# {line}\n"));
            }
        }
        let default: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().to_string())
            .collect();
        let value = if arg.is_hide_env_values_set() {
            "(secret)".to_string()
        } else if arg.get_num_args().is_some_and(|n| n.takes_values()) {
            default.join(",")
        } else {
            "false".to_string()
        };
        out.push_str(&format!("#{env}={value}\n"));
    }
    out
}

/// The password: typed without echo at a terminal, else the first line of standard input
/// (never an argument, which would show in `ps` and the shell history).
fn read_password() -> anyhow::Result<String> {
    if chat::stdin_is_terminal() {
        return Ok(rpassword::prompt_password("password: ")?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_example_configuration_names_every_setting_with_its_default() {
        let example = config_example();
        for line in [
            "#GENRE_DATABASE_URL=sqlite://genre.db",
            "#GENRE_SLA_MINUTES=10",
            "#GENRE_WHATSAPP_TOKEN=(secret)",
            "#GENRE_BEHIND_PROXY=false",
            "#GENRE_FLOWS=flows",
        ] {
            assert!(
                example.lines().any(|l| l == line),
                "{line} missing in:\n{example}"
            );
        }
        assert!(example.contains("# ===== WhatsApp Cloud API ====="));
        // Every line is a comment or blank: the example turns nothing on by itself.
        assert!(example.lines().all(|l| l.is_empty() || l.starts_with('#')));
    }
}
