//! Channels: one adapter per provider, one file each.
//!
//! An adapter does four things: check that a webhook really comes from its provider (over the
//! raw bytes, in constant time), parse it into [`Incoming`] items, shape and send a reply, and
//! classify the provider's errors by their codes (not just the HTTP status) into "retry soon",
//! "retry later", "permanent" and "stopped". Its webhook routes live in the same file.
//!
//! Adding a provider: a new file implementing [`Channel`] with a `router()`, and one line in
//! [`Channels::register`] and `crate::http::router`.

pub mod simulator;
pub mod smsgate;
pub mod telegram;
pub mod twilio;
pub mod whatsapp;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use hmac::{KeyInit, Mac};
use subtle::ConstantTimeEq;

use crate::engine::Reply;
pub use crate::store::ingest::Incoming;

/// A boxed future, so that channels can be trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What to send.
#[derive(Debug, Clone, Copy)]
pub enum Message<'a> {
    Reply(&'a Reply),
    /// An approved WhatsApp template: by default the one that asks a teen to write back after
    /// the 24-hour window closed (it carries no content: the phone may be shared); or, for a
    /// broadcast, the template the supervisor named.
    Template(Option<&'a str>),
}

/// One message for one recipient.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// Our id, echoed by providers that can (the in-doubt reconciliation relies on it).
    pub outbox_id: i64,
    pub to: &'a str,
    pub message: Message<'a>,
}

/// A provider's answer to a send, classified.
#[derive(Debug, Clone, PartialEq)]
pub enum SendOutcome {
    Sent {
        provider_id: String,
    },
    /// Throttled (HTTP 429, WhatsApp 130429/131056): retry soon, or after `after` if the
    /// provider said so.
    RetrySoon {
        error: String,
        after: Option<Duration>,
    },
    /// A passing failure that the provider did not act on (HTTP 5xx, no connection): retry
    /// later.
    RetryLater {
        error: String,
    },
    /// The request may have reached the provider (it timed out, or the answer broke off):
    /// wait for a delivery status naming it before sending again.
    InDoubt {
        error: String,
    },
    /// Will never work as it is.
    Permanent {
        error: String,
    },
    /// The recipient unsubscribed or blocked the bot.
    Stopped {
        error: String,
    },
    /// WhatsApp refused free text outside the 24-hour window.
    OutsideWindow {
        error: String,
    },
}

/// A provider adapter.
pub trait Channel: Send + Sync {
    /// The name stored with contacts and outbox rows.
    fn name(&self) -> &'static str;

    /// Whether WhatsApp's 24-hour customer-service window applies to this recipient.
    fn has_window(&self, _to: &str) -> bool {
        false
    }

    /// Whether a template is configured for when the window is closed.
    fn has_template(&self) -> bool {
        false
    }

    /// Sends one message.
    fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome>;
}

/// The channels that are on (a channel without credentials is off).
#[derive(Clone, Default)]
pub struct Channels {
    pub whatsapp: Option<Arc<whatsapp::WhatsApp>>,
    pub twilio: Option<Arc<twilio::Twilio>>,
    pub smsgate: Option<Arc<smsgate::SmsGate>>,
    pub telegram: Option<Arc<telegram::Telegram>>,
    pub simulator: Option<Arc<simulator::Simulator>>,
    by_name: HashMap<&'static str, Arc<dyn Channel>>,
}

impl Channels {
    /// Indexes the configured channels by name, for the sender.
    pub fn register(mut self) -> Self {
        let all: [Option<Arc<dyn Channel>>; 5] = [
            self.whatsapp.clone().map(|c| c as Arc<dyn Channel>),
            self.twilio.clone().map(|c| c as Arc<dyn Channel>),
            self.smsgate.clone().map(|c| c as Arc<dyn Channel>),
            self.telegram.clone().map(|c| c as Arc<dyn Channel>),
            self.simulator.clone().map(|c| c as Arc<dyn Channel>),
        ];
        self.by_name = all.into_iter().flatten().map(|c| (c.name(), c)).collect();
        self
    }

    pub fn get(&self, name: &str) -> Option<&Arc<dyn Channel>> {
        self.by_name.get(name)
    }

    /// The names of the channels that are on.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.by_name.keys().copied().collect();
        names.sort();
        names
    }
}

/// Why a webhook was refused.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("signature missing or wrong")]
    BadSignature,
    #[error("this channel is not configured")]
    NotConfigured,
    #[error("request too old or from the future (replay window)")]
    Replay,
    #[error("malformed request: {0}")]
    Malformed(String),
}

/// HMAC-SHA256 of `message` with `key`, checked against `expected` (bytes) in constant time.
pub fn hmac_sha256_matches(key: &[u8], message: &[&[u8]], expected: &[u8]) -> bool {
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(key) else {
        return false;
    };
    for part in message {
        mac.update(part);
    }
    mac.verify_slice(expected).is_ok()
}

/// Constant-time comparison of two secrets.
pub fn secret_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Classifies transport failures and HTTP statuses that carry no provider code.
pub fn classify_http(
    status: reqwest::StatusCode,
    retry_after: Option<Duration>,
    error: String,
) -> SendOutcome {
    if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        SendOutcome::RetrySoon {
            error,
            after: retry_after,
        }
    } else if status.is_server_error() || status == reqwest::StatusCode::REQUEST_TIMEOUT {
        SendOutcome::RetryLater { error }
    } else {
        SendOutcome::Permanent { error }
    }
}

/// A transport failure. Without a connection the provider never saw the request; after one
/// (a timeout, an answer cut short) it may have acted on it, so the send is in doubt.
pub fn transport_error(e: &reqwest::Error) -> SendOutcome {
    let error = format!("transport: {}", without_url(e));
    if e.is_connect() || e.is_builder() {
        SendOutcome::RetryLater { error }
    } else {
        SendOutcome::InDoubt { error }
    }
}

/// A reqwest error with its causes ("operation timed out", "connection reset") but without the
/// URL (which may hold a token, as Telegram's does).
fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<provider>");
    }
    text
}

/// The `Retry-After` header in seconds, if any.
pub fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// A secret read from the environment; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        assert_eq!(format!("{:?}", Secret("token-123".into())), "Secret(***)");
    }

    #[test]
    fn secrets_compare_in_constant_time_and_exactly() {
        assert!(secret_eq("abc", "abc"));
        assert!(!secret_eq("abc", "abd"));
        assert!(!secret_eq("abc", "abcd"));
    }

    #[tokio::test]
    async fn a_refused_connection_is_retried_but_a_timeout_is_in_doubt() {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        // Nobody listens: the provider never saw the request.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", closed.local_addr().unwrap());
        drop(closed);
        let e = http.post(&url).send().await.unwrap_err();
        assert!(matches!(
            transport_error(&e),
            SendOutcome::RetryLater { .. }
        ));
        // The provider took the request and went quiet: it may have acted on it.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", silent.local_addr().unwrap());
        let hold = tokio::spawn(async move {
            let (_socket, _) = silent.accept().await.unwrap();
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        let e = http.post(&url).body("x").send().await.unwrap_err();
        assert!(
            matches!(transport_error(&e), SendOutcome::InDoubt { .. }),
            "{e}"
        );
        hold.abort();
    }

    #[test]
    fn http_statuses_without_codes_are_classified() {
        assert!(matches!(
            classify_http(reqwest::StatusCode::TOO_MANY_REQUESTS, None, "x".into()),
            SendOutcome::RetrySoon { .. }
        ));
        assert!(matches!(
            classify_http(reqwest::StatusCode::BAD_GATEWAY, None, "x".into()),
            SendOutcome::RetryLater { .. }
        ));
        assert!(matches!(
            classify_http(reqwest::StatusCode::BAD_REQUEST, None, "x".into()),
            SendOutcome::Permanent { .. }
        ));
    }
}
