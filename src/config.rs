//! `genre serve`'s settings: every one a flag and a `GENRE_*` environment variable.
//!
//! A channel is on when its credentials are set; a channel with only some of them set is an
//! error at start-up (rather than a channel that silently never works). Secrets are [`Secret`]s:
//! they never appear in logs, errors or `Debug` output.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Args;

use crate::channels::{self, Channels, Secret};
use crate::cli::Content;
use crate::settings::{BotSettings, OfficeHours};
use crate::store::DatabaseUrl;

/// Settings of `genre serve`.
#[derive(Args, Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on; port 0 picks a free port (the bound address is printed).
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: SocketAddr,

    /// `sqlite://genre.db` (created and migrated at start) or `postgres://user@host/db`.
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_DATABASE_URL",
        default_value = "sqlite://genre.db"
    )]
    pub database_url: DatabaseUrl,

    /// The externally visible base URL (`https://genre.example.org`); Twilio signs it.
    #[arg(help_heading = "Server", long, env = "GENRE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The agency that runs the service, named to teens in the greeting and the notice.
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_ORG_NAME",
        default_value = "DP3AP2KB Kabupaten Pasuruan"
    )]
    pub org_name: String,

    /// When counsellors answer: weekdays and hours, e.g. `mon-fri 08:00-15:00`.
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_OFFICE_HOURS",
        default_value = "mon-fri 08:00-15:00"
    )]
    pub office_hours: String,

    /// The office hours as teens read them, in every language (default: described from
    /// GENRE_OFFICE_HOURS in the teen's language).
    #[arg(help_heading = "Server", long, env = "GENRE_OFFICE_HOURS_TEXT")]
    pub office_hours_text: Option<String>,

    /// Time zone of the office hours.
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_TIMEZONE",
        default_value = "Asia/Jakarta"
    )]
    pub timezone: String,

    /// Message texts (teens' messages, replies, case notes) older than this many days are
    /// deleted by an hourly job; the anonymous statistics remain.
    #[arg(
        help_heading = "Server",
        long,
        env = "GENRE_RETENTION_DAYS",
        default_value_t = 90,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub retention_days: u32,

    /// The WhatsApp number invite links open (digits with country code, e.g. 6281100000000).
    #[arg(help_heading = "Server", long, env = "GENRE_INVITE_NUMBER")]
    pub invite_number: Option<String>,

    #[command(flatten)]
    pub content: Content,

    // ----- WhatsApp Cloud API -----
    /// The Meta app's secret (signs webhooks).
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_APP_SECRET",
        hide_env_values = true
    )]
    pub whatsapp_app_secret: Option<Secret>,
    /// The token typed into Meta's webhook settings.
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_VERIFY_TOKEN",
        hide_env_values = true
    )]
    pub whatsapp_verify_token: Option<Secret>,
    /// A system-user access token.
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_TOKEN",
        hide_env_values = true
    )]
    pub whatsapp_token: Option<Secret>,
    /// The business number's id.
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_PHONE_NUMBER_ID"
    )]
    pub whatsapp_phone_number_id: Option<String>,
    /// The Graph API base, with its pinned version.
    #[arg(help_heading = "WhatsApp Cloud API", long, env = "GENRE_WHATSAPP_API_URL", default_value = channels::whatsapp::DEFAULT_API_URL)]
    pub whatsapp_api_url: String,
    /// The approved template sent when the 24-hour window is closed (no content, asks the teen to write back).
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_TEMPLATE"
    )]
    pub whatsapp_template: Option<String>,
    /// The template's language code.
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_TEMPLATE_LANG",
        default_value = "id"
    )]
    pub whatsapp_template_lang: String,
    /// Messages per second to WhatsApp (Meta's default limit is 80, inbound included).
    #[arg(
        help_heading = "WhatsApp Cloud API",
        long,
        env = "GENRE_WHATSAPP_RATE",
        default_value_t = 80
    )]
    pub whatsapp_rate: u32,

    // ----- SMS through an Android gateway phone -----
    /// `http://<phone>:8080` (local) or `https://api.sms-gate.app/3rdparty/v1` (cloud).
    #[arg(
        help_heading = "SMS through an Android gateway phone",
        long,
        env = "GENRE_SMSGATE_API_URL"
    )]
    pub smsgate_api_url: Option<String>,
    #[arg(
        help_heading = "SMS through an Android gateway phone",
        long,
        env = "GENRE_SMSGATE_USER"
    )]
    pub smsgate_user: Option<String>,
    #[arg(
        help_heading = "SMS through an Android gateway phone",
        long,
        env = "GENRE_SMSGATE_PASSWORD",
        hide_env_values = true
    )]
    pub smsgate_password: Option<Secret>,
    /// The signing key set in the app's webhook settings.
    #[arg(
        help_heading = "SMS through an Android gateway phone",
        long,
        env = "GENRE_SMSGATE_SIGNING_KEY",
        hide_env_values = true
    )]
    pub smsgate_signing_key: Option<Secret>,
    /// SMS per second through the phone (Android and operators limit bulk sending).
    #[arg(
        help_heading = "SMS through an Android gateway phone",
        long,
        env = "GENRE_SMSGATE_RATE",
        default_value_t = 1
    )]
    pub smsgate_rate: u32,

    // ----- Twilio -----
    #[arg(help_heading = "Twilio", long, env = "GENRE_TWILIO_ACCOUNT_SID")]
    pub twilio_account_sid: Option<String>,
    #[arg(
        help_heading = "Twilio",
        long,
        env = "GENRE_TWILIO_AUTH_TOKEN",
        hide_env_values = true
    )]
    pub twilio_auth_token: Option<Secret>,
    /// Our number, or `whatsapp:+62...`.
    #[arg(help_heading = "Twilio", long, env = "GENRE_TWILIO_FROM")]
    pub twilio_from: Option<String>,
    #[arg(help_heading = "Twilio", long, env = "GENRE_TWILIO_API_URL", default_value = channels::twilio::DEFAULT_API_URL)]
    pub twilio_api_url: String,
    /// Content SID of the WhatsApp template for a closed window.
    #[arg(help_heading = "Twilio", long, env = "GENRE_TWILIO_TEMPLATE_SID")]
    pub twilio_template_sid: Option<String>,
    #[arg(
        help_heading = "Twilio",
        long,
        env = "GENRE_TWILIO_RATE",
        default_value_t = 10
    )]
    pub twilio_rate: u32,

    // ----- Telegram -----
    #[arg(
        help_heading = "Telegram",
        long,
        env = "GENRE_TELEGRAM_TOKEN",
        hide_env_values = true
    )]
    pub telegram_token: Option<Secret>,
    /// The `secret_token` given to setWebhook.
    #[arg(
        help_heading = "Telegram",
        long,
        env = "GENRE_TELEGRAM_SECRET",
        hide_env_values = true
    )]
    pub telegram_secret: Option<Secret>,
    #[arg(help_heading = "Telegram", long, env = "GENRE_TELEGRAM_API_URL", default_value = channels::telegram::DEFAULT_API_URL)]
    pub telegram_api_url: String,
    #[arg(
        help_heading = "Telegram",
        long,
        env = "GENRE_TELEGRAM_RATE",
        default_value_t = 30
    )]
    pub telegram_rate: u32,

    /// The browser simulator at /simulator (always on when no channel is configured).
    #[arg(
        help_heading = "Telegram",
        long,
        env = "GENRE_SIMULATOR",
        default_value_t = false
    )]
    pub simulator: bool,

    // ----- counsellors -----
    /// Minutes an urgent case may wait for a human reply before the teen is reassured and
    /// supervisors are alerted.
    #[arg(
        help_heading = "Counsellors",
        long,
        env = "GENRE_SLA_MINUTES",
        default_value_t = 10
    )]
    pub sla_minutes: u32,
    /// Hours a console login lasts.
    #[arg(
        help_heading = "Counsellors",
        long,
        env = "GENRE_SESSION_HOURS",
        default_value_t = 12
    )]
    pub session_hours: u32,
    /// The console is behind a reverse proxy on this machine: take the client address for
    /// login rate limits from the last `X-Forwarded-For` entry instead of the connection.
    #[arg(
        help_heading = "Counsellors",
        long,
        env = "GENRE_BEHIND_PROXY",
        default_value_t = false
    )]
    pub behind_proxy: bool,

    // ----- privacy and broadcasts -----
    /// The share of a channel's rate limit a broadcast may use, so that replies keep flowing
    /// (0.25 = a quarter).
    #[arg(
        help_heading = "Privacy and broadcasts",
        long,
        env = "GENRE_BROADCAST_SHARE",
        default_value_t = 0.25,
        value_parser = parse_share
    )]
    pub broadcast_share: f64,

    // ----- sending -----
    /// Sends in flight at once.
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_SEND_CONCURRENCY",
        default_value_t = 64
    )]
    pub send_concurrency: usize,
    /// Seconds before a provider request is abandoned (and retried later).
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_SEND_TIMEOUT",
        default_value_t = 15
    )]
    pub send_timeout: u64,
    /// Seconds a claimed send may take before it counts as interrupted (must exceed the send
    /// timeout).
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_SEND_LEASE",
        default_value_t = 120
    )]
    pub send_lease: u64,
    /// Seconds a send interrupted by a crash waits for a delivery status naming it before it
    /// is sent again.
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_IN_DOUBT_GRACE",
        default_value_t = 60
    )]
    pub in_doubt_grace: u64,

    /// Log filter (tracing's syntax: `info`, `genre=debug`).
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_LOG",
        default_value = "info"
    )]
    pub log: String,
    /// `text` or `json`.
    #[arg(
        help_heading = "Sending",
        long,
        env = "GENRE_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: String,
}

/// A channel configured by halves.
#[derive(Debug, thiserror::Error)]
#[error("{channel} is partly configured: set {missing} too, or unset the others to turn it off")]
pub struct IncompleteChannel {
    pub channel: &'static str,
    pub missing: String,
}

fn complete<const N: usize>(
    channel: &'static str,
    settings: [(&str, bool); N],
) -> Result<bool, IncompleteChannel> {
    let set = settings.iter().filter(|(_, present)| *present).count();
    if set == 0 {
        return Ok(false);
    }
    let missing: Vec<&str> = settings
        .iter()
        .filter(|(_, present)| !present)
        .map(|(n, _)| *n)
        .collect();
    if missing.is_empty() {
        Ok(true)
    } else {
        Err(IncompleteChannel {
            channel,
            missing: missing.join(", "),
        })
    }
}

impl ServeConfig {
    /// The channels that are on.
    pub fn channels(&self) -> Result<Channels, IncompleteChannel> {
        let mut channels = Channels::default();
        if complete(
            "WhatsApp",
            [
                (
                    "GENRE_WHATSAPP_APP_SECRET",
                    self.whatsapp_app_secret.is_some(),
                ),
                (
                    "GENRE_WHATSAPP_VERIFY_TOKEN",
                    self.whatsapp_verify_token.is_some(),
                ),
                ("GENRE_WHATSAPP_TOKEN", self.whatsapp_token.is_some()),
                (
                    "GENRE_WHATSAPP_PHONE_NUMBER_ID",
                    self.whatsapp_phone_number_id.is_some(),
                ),
            ],
        )? {
            channels.whatsapp = Some(Arc::new(channels::whatsapp::WhatsApp {
                app_secret: self
                    .whatsapp_app_secret
                    .clone()
                    .unwrap_or(Secret(String::new())),
                verify_token: self
                    .whatsapp_verify_token
                    .clone()
                    .unwrap_or(Secret(String::new())),
                token: self.whatsapp_token.clone().unwrap_or(Secret(String::new())),
                phone_number_id: self.whatsapp_phone_number_id.clone().unwrap_or_default(),
                api_url: self.whatsapp_api_url.clone(),
                template: self
                    .whatsapp_template
                    .clone()
                    .map(|name| (name, self.whatsapp_template_lang.clone())),
            }));
        }
        if complete(
            "the SMS gateway",
            [
                ("GENRE_SMSGATE_API_URL", self.smsgate_api_url.is_some()),
                ("GENRE_SMSGATE_USER", self.smsgate_user.is_some()),
                ("GENRE_SMSGATE_PASSWORD", self.smsgate_password.is_some()),
                (
                    "GENRE_SMSGATE_SIGNING_KEY",
                    self.smsgate_signing_key.is_some(),
                ),
            ],
        )? {
            channels.smsgate = Some(Arc::new(channels::smsgate::SmsGate {
                api_url: self.smsgate_api_url.clone().unwrap_or_default(),
                user: self.smsgate_user.clone().unwrap_or_default(),
                password: self
                    .smsgate_password
                    .clone()
                    .unwrap_or(Secret(String::new())),
                signing_key: self
                    .smsgate_signing_key
                    .clone()
                    .unwrap_or(Secret(String::new())),
            }));
        }
        if complete(
            "Twilio",
            [
                (
                    "GENRE_TWILIO_ACCOUNT_SID",
                    self.twilio_account_sid.is_some(),
                ),
                ("GENRE_TWILIO_AUTH_TOKEN", self.twilio_auth_token.is_some()),
                ("GENRE_TWILIO_FROM", self.twilio_from.is_some()),
            ],
        )? {
            if self.public_url.is_none() {
                return Err(IncompleteChannel {
                    channel: "Twilio",
                    missing: "GENRE_PUBLIC_URL (Twilio signs the public URL of each webhook)"
                        .into(),
                });
            }
            channels.twilio = Some(Arc::new(channels::twilio::Twilio {
                account_sid: self.twilio_account_sid.clone().unwrap_or_default(),
                auth_token: self
                    .twilio_auth_token
                    .clone()
                    .unwrap_or(Secret(String::new())),
                from: self.twilio_from.clone().unwrap_or_default(),
                api_url: self.twilio_api_url.clone(),
                public_url: self.public_url.clone().unwrap_or_default(),
                template_sid: self.twilio_template_sid.clone(),
            }));
        }
        if complete(
            "Telegram",
            [
                ("GENRE_TELEGRAM_TOKEN", self.telegram_token.is_some()),
                ("GENRE_TELEGRAM_SECRET", self.telegram_secret.is_some()),
            ],
        )? {
            channels.telegram = Some(Arc::new(channels::telegram::Telegram {
                token: self.telegram_token.clone().unwrap_or(Secret(String::new())),
                secret: self
                    .telegram_secret
                    .clone()
                    .unwrap_or(Secret(String::new())),
                api_url: self.telegram_api_url.clone(),
            }));
        }
        let none = channels.whatsapp.is_none()
            && channels.smsgate.is_none()
            && channels.twilio.is_none()
            && channels.telegram.is_none();
        if self.simulator || none {
            channels.simulator = Some(Arc::new(channels::simulator::Simulator::default()));
        }
        Ok(channels.register())
    }

    /// Messages per second allowed for each channel.
    pub fn rate(&self, channel: &str) -> u32 {
        match channel {
            "whatsapp" => self.whatsapp_rate,
            "smsgate" => self.smsgate_rate,
            "twilio" => self.twilio_rate,
            "telegram" => self.telegram_rate,
            _ => 1000,
        }
    }

    /// The settings texts and flows depend on.
    pub fn bot_settings(&self) -> Result<BotSettings, String> {
        Ok(BotSettings {
            org_name: self.org_name.clone(),
            office: OfficeHours::parse(&self.office_hours, &self.timezone)?,
            office_text: self.office_hours_text.clone(),
            invite_number: self.invite_number.clone(),
            retention_days: self.retention_days,
        })
    }
}

/// A share between 0 (exclusive) and 1.
fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(format!(
            "`{s}` is not a share between 0 and 1 (such as 0.25)"
        )),
    }
}
