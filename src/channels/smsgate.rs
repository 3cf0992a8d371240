//! Two-way SMS through an Android phone running "SMS Gateway for Android"
//! (capcom6/android-sms-gateway), the practical two-way SMS route in Indonesia.
//!
//! * `POST /webhooks/smsgate`: `sms:received` and the `sms:sent` / `sms:delivered` /
//!   `sms:failed` status events. Signed with `X-Signature` (hex HMAC-SHA256 of the raw body
//!   followed by the `X-Timestamp` value, with the signing key set in the app); a timestamp
//!   more than five minutes away from now is refused (replay). Deduplicated on the event id:
//!   the app's `messageId` of a received SMS is derived from its content and is not unique.
//! * Sending: `POST {api}/message` with Basic auth; we set the message id (`genre-<outbox id>`),
//!   so a resend after a crash is recognised by the phone and the statuses name our row.
//!
//! Protocol facts: `../shared/reference/channels.md` §6.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;

use super::{
    BoxFuture, Channel, Message, Outgoing, Secret, SendOutcome, WebhookError, hmac_sha256_matches,
};
use crate::app::AppState;
use crate::engine::Inbound;
use crate::error::ApiError;
use crate::render;
use crate::store::ingest::{Delivery, Incoming, NewMessage, NewStatus};

/// How far a webhook's timestamp may be from now.
pub const REPLAY_WINDOW_SECS: i64 = 300;

/// The SMS gateway channel.
#[derive(Debug)]
pub struct SmsGate {
    /// `http://<phone>:8080` (local mode) or `https://api.sms-gate.app/3rdparty/v1` (cloud).
    pub api_url: String,
    pub user: String,
    pub password: Secret,
    pub signing_key: Secret,
}

#[derive(Deserialize)]
struct Event {
    id: String,
    event: String,
    #[serde(default)]
    payload: serde_json::Value,
}

impl SmsGate {
    /// Checks the signature and the replay window.
    pub fn verify(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now_ms: i64,
    ) -> Result<(), WebhookError> {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .ok_or(WebhookError::BadSignature)
        };
        let signature =
            hex::decode(header("x-signature")?).map_err(|_| WebhookError::BadSignature)?;
        let timestamp = header("x-timestamp")?;
        if !hmac_sha256_matches(
            self.signing_key.expose().as_bytes(),
            &[body, timestamp.as_bytes()],
            &signature,
        ) {
            return Err(WebhookError::BadSignature);
        }
        let seconds: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::BadSignature)?;
        if (now_ms / 1000 - seconds).abs() > REPLAY_WINDOW_SECS {
            return Err(WebhookError::Replay);
        }
        Ok(())
    }

    /// Parses an event.
    pub fn parse(&self, body: &[u8], now_ms: i64) -> Result<Vec<Incoming>, WebhookError> {
        let event: Event =
            serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))?;
        let text = |key: &str| {
            event
                .payload
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let status = match event.event.as_str() {
            "sms:received" => {
                let address = text("phoneNumber").or(text("sender")).ok_or_else(|| {
                    WebhookError::Malformed("sms:received without payload.phoneNumber".into())
                })?;
                let message = text("message").unwrap_or_default();
                let received_at = text("receivedAt")
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                    .map_or(now_ms, |t| t.timestamp_millis())
                    // A phone whose clock runs ahead must not stretch anything timed from it.
                    .min(now_ms);
                return Ok(vec![Incoming::Message(NewMessage {
                    channel: "smsgate".into(),
                    address,
                    provider_id: event.id,
                    event: Inbound::Text { text: message },
                    received_at,
                })]);
            }
            "sms:sent" => Delivery::Sent,
            "sms:delivered" => Delivery::Delivered,
            "sms:failed" => Delivery::Failed,
            // Pings, MMS, app starts: nothing to store.
            _ => return Ok(vec![]),
        };
        let message_id = text("messageId").ok_or_else(|| {
            WebhookError::Malformed(format!("{} without payload.messageId", event.event))
        })?;
        Ok(vec![Incoming::Status(NewStatus {
            channel: "smsgate".into(),
            outbox_id: message_id
                .strip_prefix("genre-")
                .and_then(|id| id.parse().ok()),
            provider_message_id: message_id,
            status,
            at: now_ms,
            error: text("error").or(text("reason")),
            stopped: false,
        })])
    }
}

impl Channel for SmsGate {
    fn name(&self) -> &'static str {
        "smsgate"
    }

    fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome> {
        Box::pin(async move {
            let Message::Reply(reply) = msg.message else {
                return SendOutcome::Permanent {
                    error: "SMS has no templates".into(),
                };
            };
            let id = format!("genre-{}", msg.outbox_id);
            let body = json!({
                "id": id,
                "message": render::sms_text(reply),
                "phoneNumbers": [msg.to],
                "withDeliveryReport": true,
            });
            let url = format!("{}/message", self.api_url.trim_end_matches('/'));
            let response = match http
                .post(url)
                .basic_auth(&self.user, Some(self.password.expose()))
                .json(&body)
                .send()
                .await
            {
                Ok(r) => r,
                Err(e) => return super::transport_error(&e),
            };
            let status = response.status();
            // Our id is already known to the phone: an earlier attempt got through.
            if status.is_success() || status == reqwest::StatusCode::CONFLICT {
                SendOutcome::Sent { provider_id: id }
            } else {
                super::classify_http(
                    status,
                    super::retry_after(response.headers()),
                    format!("HTTP {status}"),
                )
            }
        })
    }
}

/// The webhook route.
pub fn router() -> Router<AppState> {
    Router::new().route("/webhooks/smsgate", post(receive))
}

/// `POST /webhooks/smsgate`: stores the message or status, then acknowledges.
#[tracing::instrument(name = "webhook", skip_all, fields(channel = "smsgate"))]
async fn receive(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let gate = app
        .channels
        .smsgate
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    let now = app.clock.now_ms();
    gate.verify(&headers, &body, now)?;
    let items = gate.parse(&body, now)?;
    app.ingest(items).await?;
    Ok(StatusCode::OK)
}

/// Signs a body the way the phone does (for tests and the benchmark driver).
pub fn sign(key: &str, body: &[u8], timestamp: i64) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(body);
    mac.update(timestamp.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> SmsGate {
        SmsGate {
            api_url: "http://127.0.0.1:1".into(),
            user: "u".into(),
            password: Secret("p".into()),
            signing_key: Secret("key".into()),
        }
    }

    fn headers(sig: &str, ts: i64) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-signature", sig.parse().unwrap());
        h.insert("x-timestamp", ts.to_string().parse().unwrap());
        h
    }

    #[test]
    fn the_signature_covers_body_and_timestamp_and_the_replay_window_holds() {
        let body = br#"{"id":"e1","event":"sms:received","payload":{"phoneNumber":"+6281","message":"halo"}}"#;
        let now = 1_767_225_600_000;
        let ts = now / 1000;
        assert!(
            gate()
                .verify(&headers(&sign("key", body, ts), ts), body, now)
                .is_ok()
        );
        assert!(matches!(
            gate().verify(&headers(&sign("other", body, ts), ts), body, now),
            Err(WebhookError::BadSignature)
        ));
        // The same signature replayed with another timestamp does not verify.
        assert!(
            gate()
                .verify(&headers(&sign("key", body, ts), ts + 1), body, now)
                .is_err()
        );
        // A correctly signed but old request is a replay.
        let old = ts - REPLAY_WINDOW_SECS - 1;
        assert!(matches!(
            gate().verify(&headers(&sign("key", body, old), old), body, now),
            Err(WebhookError::Replay)
        ));
    }

    #[test]
    fn messages_dedupe_on_the_event_id_and_statuses_name_our_row() {
        let received = gate()
            .parse(br#"{"id":"evt-9","event":"sms:received","payload":{"messageId":"abc","phoneNumber":"+6281","message":"halo","receivedAt":"2026-11-23T10:00:00+07:00"}}"#, 1_795_402_900_000)
            .unwrap();
        let Incoming::Message(m) = &received[0] else {
            panic!()
        };
        assert_eq!(
            (m.provider_id.as_str(), m.address.as_str()),
            ("evt-9", "+6281")
        );
        assert_eq!(m.received_at, 1_795_402_800_000);
        let status = gate()
            .parse(br#"{"id":"evt-10","event":"sms:delivered","payload":{"messageId":"genre-42","deliveredAt":"x"}}"#, 0)
            .unwrap();
        let Incoming::Status(s) = &status[0] else {
            panic!()
        };
        assert_eq!((s.status, s.outbox_id), (Delivery::Delivered, Some(42)));
        assert!(
            gate()
                .parse(br#"{"id":"e","event":"system:ping","payload":{}}"#, 0)
                .unwrap()
                .is_empty()
        );
        assert!(gate().parse(br#"{"event":"sms:received"}"#, 0).is_err());
    }
}
