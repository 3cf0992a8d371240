//! Telegram Bot API.
//!
//! * `POST /webhooks/telegram`: updates, checked with `X-Telegram-Bot-Api-Secret-Token` (the
//!   `secret_token` given to `setWebhook`), deduplicated on `update_id`. Button taps arrive as
//!   callback queries; they are answered so that the teen's spinner stops.
//! * Sending: `sendMessage` with menus as inline keyboards.
//!
//! Protocol facts: `../shared/reference/channels.md` §3.4.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;

use super::{BoxFuture, Channel, Message, Outgoing, Secret, SendOutcome, WebhookError, secret_eq};
use crate::app::AppState;
use crate::engine::Inbound;
use crate::error::ApiError;
use crate::render;
use crate::store::ingest::{Incoming, NewMessage};

pub const DEFAULT_API_URL: &str = "https://api.telegram.org";

/// The Telegram channel.
#[derive(Debug)]
pub struct Telegram {
    pub token: Secret,
    pub secret: Secret,
    pub api_url: String,
}

#[derive(Deserialize)]
struct Update {
    update_id: i64,
    message: Option<TgMessage>,
    callback_query: Option<CallbackQuery>,
}

#[derive(Deserialize)]
struct TgMessage {
    chat: Chat,
    date: Option<i64>,
    text: Option<String>,
    location: Option<serde_json::Value>,
    photo: Option<serde_json::Value>,
    sticker: Option<serde_json::Value>,
    voice: Option<serde_json::Value>,
    video: Option<serde_json::Value>,
    audio: Option<serde_json::Value>,
    document: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Chat {
    id: i64,
}

#[derive(Deserialize)]
struct CallbackQuery {
    id: String,
    data: Option<String>,
    message: Option<TgMessage>,
    from: From,
}

#[derive(Deserialize)]
struct From {
    id: i64,
}

/// A parsed update: what to store, and the callback query to answer.
pub struct Parsed {
    pub items: Vec<Incoming>,
    pub callback_query: Option<String>,
}

impl Telegram {
    pub fn verify(&self, headers: &HeaderMap) -> Result<(), WebhookError> {
        let given = headers
            .get("x-telegram-bot-api-secret-token")
            .and_then(|v| v.to_str().ok())
            .ok_or(WebhookError::BadSignature)?;
        if secret_eq(given, self.secret.expose()) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }

    pub fn parse(&self, body: &[u8], now_ms: i64) -> Result<Parsed, WebhookError> {
        let update: Update =
            serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))?;
        let provider_id = format!("update:{}", update.update_id);
        if let Some(q) = update.callback_query {
            let chat = q.message.as_ref().map_or(q.from.id, |m| m.chat.id);
            let data = q.data.unwrap_or_default();
            return Ok(Parsed {
                items: vec![Incoming::Message(NewMessage {
                    channel: "telegram".into(),
                    address: chat.to_string(),
                    provider_id,
                    event: Inbound::Choice {
                        id: data.clone(),
                        title: data,
                    },
                    received_at: now_ms,
                })],
                callback_query: Some(q.id),
            });
        }
        let Some(m) = update.message else {
            // Edits, channel posts, membership changes: nothing for the bot.
            return Ok(Parsed {
                items: vec![],
                callback_query: None,
            });
        };
        let event = if let Some(text) = &m.text {
            Inbound::Text {
                text: start_payload(text),
            }
        } else if m.location.is_some() {
            Inbound::Location
        } else if m.photo.is_some()
            || m.sticker.is_some()
            || m.voice.is_some()
            || m.video.is_some()
            || m.audio.is_some()
            || m.document.is_some()
        {
            Inbound::Media {
                media: "media".into(),
            }
        } else {
            Inbound::Unsupported
        };
        Ok(Parsed {
            items: vec![Incoming::Message(NewMessage {
                channel: "telegram".into(),
                address: m.chat.id.to_string(),
                provider_id,
                event,
                // Never later than now: a stamp from the future would stretch timers.
                received_at: m
                    .date
                    .map_or(now_ms, |d| d.saturating_mul(1000).min(now_ms)),
            })],
            callback_query: None,
        })
    }

    /// Stops the spinner on the teen's tapped button (best effort).
    pub async fn answer_callback(&self, http: &reqwest::Client, id: &str) {
        let url = format!(
            "{}/bot{}/answerCallbackQuery",
            self.api_url.trim_end_matches('/'),
            self.token.expose()
        );
        if let Err(e) = http
            .post(url)
            .json(&json!({ "callback_query_id": id }))
            .send()
            .await
        {
            tracing::debug!(error = %super::without_url(&e), "answerCallbackQuery failed");
        }
    }
}

/// `/start GENRE-ABC123` (a deep link) is the payload; a bare `/start` is MULAI.
fn start_payload(text: &str) -> String {
    match text.trim().strip_prefix("/start") {
        Some(rest) if rest.trim().is_empty() => "mulai".into(),
        Some(rest) => rest.trim().to_string(),
        None => text.to_string(),
    }
}

/// Classifies a Bot API error.
pub fn classify(status: reqwest::StatusCode, body: &str) -> SendOutcome {
    #[derive(Deserialize)]
    struct Failure {
        description: Option<String>,
        parameters: Option<Parameters>,
    }
    #[derive(Deserialize)]
    struct Parameters {
        retry_after: Option<u64>,
    }
    let failure: Option<Failure> = serde_json::from_str(body).ok();
    let description = failure
        .as_ref()
        .and_then(|f| f.description.clone())
        .unwrap_or_else(|| format!("HTTP {status}"));
    let after = failure
        .and_then(|f| f.parameters)
        .and_then(|p| p.retry_after)
        .map(std::time::Duration::from_secs);
    match status.as_u16() {
        // "bot was blocked by the user", "user is deactivated"
        403 => SendOutcome::Stopped { error: description },
        429 => SendOutcome::RetrySoon {
            error: description,
            after,
        },
        s if s >= 500 => SendOutcome::RetryLater { error: description },
        _ => SendOutcome::Permanent { error: description },
    }
}

impl Channel for Telegram {
    fn name(&self) -> &'static str {
        "telegram"
    }

    fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome> {
        Box::pin(async move {
            let Message::Reply(reply) = msg.message else {
                return SendOutcome::Permanent {
                    error: "Telegram has no templates".into(),
                };
            };
            let mut body = render::telegram_message(reply);
            body["chat_id"] = json!(msg.to);
            let url = format!(
                "{}/bot{}/sendMessage",
                self.api_url.trim_end_matches('/'),
                self.token.expose()
            );
            let response = match http.post(url).json(&body).send().await {
                Ok(r) => r,
                Err(e) => return super::transport_error(&e),
            };
            let status = response.status();
            let text = match response.text().await {
                Ok(t) => t,
                Err(e) => return super::transport_error(&e),
            };
            if status.is_success() {
                let id = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["result"]["message_id"].as_i64());
                match id {
                    // Telegram message ids count per chat.
                    Some(id) => SendOutcome::Sent {
                        provider_id: format!("{}:{id}", msg.to),
                    },
                    None => SendOutcome::Permanent {
                        error: "accepted without a message id".into(),
                    },
                }
            } else {
                classify(status, &text)
            }
        })
    }
}

/// The webhook route.
pub fn router() -> Router<AppState> {
    Router::new().route("/webhooks/telegram", post(receive))
}

/// `POST /webhooks/telegram`: stores the update, answers a tapped button.
#[tracing::instrument(name = "webhook", skip_all, fields(channel = "telegram"))]
async fn receive(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let telegram = app
        .channels
        .telegram
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    telegram.verify(&headers)?;
    let parsed = telegram.parse(&body, app.clock.now_ms())?;
    app.ingest(parsed.items).await?;
    if let Some(id) = parsed.callback_query {
        let http = app.http.clone();
        tokio::spawn(async move { telegram.answer_callback(&http, &id).await });
    }
    Ok(StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn telegram() -> Telegram {
        Telegram {
            token: Secret("123:abc".into()),
            secret: Secret("s3cret".into()),
            api_url: "http://127.0.0.1:1".into(),
        }
    }

    #[test]
    fn the_secret_token_header_is_required() {
        let mut h = HeaderMap::new();
        assert!(telegram().verify(&h).is_err());
        h.insert("x-telegram-bot-api-secret-token", "wrong".parse().unwrap());
        assert!(telegram().verify(&h).is_err());
        h.insert("x-telegram-bot-api-secret-token", "s3cret".parse().unwrap());
        assert!(telegram().verify(&h).is_ok());
    }

    #[test]
    fn messages_taps_and_deep_links_are_parsed() {
        let p = telegram()
            .parse(br#"{"update_id":7,"message":{"message_id":1,"date":1767225600,"chat":{"id":42,"type":"private"},"text":"/start GENRE-ABC123"}}"#, 0)
            .unwrap();
        let Incoming::Message(m) = &p.items[0] else {
            panic!()
        };
        assert_eq!(
            (m.address.as_str(), m.provider_id.as_str()),
            ("42", "update:7")
        );
        assert_eq!(
            m.event,
            Inbound::Text {
                text: "GENRE-ABC123".into()
            }
        );
        let p = telegram()
            .parse(br#"{"update_id":8,"callback_query":{"id":"cb1","from":{"id":42},"message":{"message_id":2,"chat":{"id":42}},"data":"menu/main/kb"}}"#, 0)
            .unwrap();
        assert_eq!(p.callback_query.as_deref(), Some("cb1"));
        let Incoming::Message(m) = &p.items[0] else {
            panic!()
        };
        assert!(matches!(&m.event, Inbound::Choice { id, .. } if id == "menu/main/kb"));
        assert_eq!(start_payload("/start"), "mulai");
    }

    #[test]
    fn blocked_bots_stop_the_contact_and_floods_wait() {
        assert!(matches!(
            classify(
                reqwest::StatusCode::FORBIDDEN,
                r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#
            ),
            SendOutcome::Stopped { .. }
        ));
        assert_eq!(
            classify(
                reqwest::StatusCode::TOO_MANY_REQUESTS,
                r#"{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":3}}"#
            ),
            SendOutcome::RetrySoon {
                error: "Too Many Requests".into(),
                after: Some(std::time::Duration::from_secs(3))
            }
        );
    }
}
