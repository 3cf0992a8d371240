//! Twilio Programmable Messaging: SMS (where Twilio offers two-way SMS) and WhatsApp through
//! Twilio (addresses `whatsapp:+62...`).
//!
//! * `POST /webhooks/twilio`: inbound messages (form-encoded), answered with an empty TwiML
//!   `<Response/>`; the reply goes out later through the REST API.
//! * `POST /webhooks/twilio/status`: delivery statuses; our outbox id is in the callback URL.
//! * `X-Twilio-Signature`: HMAC-SHA1 (auth token) over the public URL followed by the sorted
//!   form parameters (name then value), Base64. The URL is checked with and without the
//!   default port, as Twilio's own SDKs do.
//!
//! Protocol facts: `../shared/reference/channels.md` §2.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use base64::Engine;
use hmac::{KeyInit, Mac};
use serde::Deserialize;

use super::{BoxFuture, Channel, Message, Outgoing, Secret, SendOutcome, WebhookError};
use crate::app::AppState;
use crate::engine::Inbound;
use crate::error::ApiError;
use crate::render;
use crate::store::ingest::{Delivery, Incoming, NewMessage, NewStatus};

pub const DEFAULT_API_URL: &str = "https://api.twilio.com";

/// The Twilio channel.
#[derive(Debug)]
pub struct Twilio {
    pub account_sid: String,
    pub auth_token: Secret,
    /// Our number (`+1...`) or `whatsapp:+62...`.
    pub from: String,
    pub api_url: String,
    /// The externally visible base URL (`https://genre.example.org`), part of every signature.
    pub public_url: String,
    /// Content SID of the WhatsApp template sent when the 24-hour window is closed.
    pub template_sid: Option<String>,
}

/// Computes Twilio's signature of a request (the algorithm of its SDKs).
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (name, value) in sorted {
        data.push_str(name);
        data.push_str(value);
    }
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The URL with the default port added, or removed (Twilio signs either).
fn port_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_string()];
    for (scheme, port) in [("https://", ":443"), ("http://", ":80")] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if let Some(bare) = host.strip_suffix(port) {
                out.push(format!("{scheme}{bare}{path}"));
            } else if !host.contains(':') {
                out.push(format!("{scheme}{host}{port}{path}"));
            }
        }
    }
    out
}

impl Twilio {
    /// Checks `X-Twilio-Signature` for a form POST to `path_and_query` (as received).
    pub fn verify(
        &self,
        headers: &HeaderMap,
        path_and_query: &str,
        params: &[(String, String)],
    ) -> Result<(), WebhookError> {
        let given = headers
            .get("x-twilio-signature")
            .and_then(|v| v.to_str().ok())
            .ok_or(WebhookError::BadSignature)?;
        let url = format!(
            "{}{}",
            self.public_url.trim_end_matches('/'),
            path_and_query
        );
        let ok = port_variants(&url)
            .iter()
            .any(|u| super::secret_eq(&signature(self.auth_token.expose(), u, params), given));
        if ok {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }

    /// Parses an inbound message form.
    pub fn parse_message(
        &self,
        params: &[(String, String)],
        now_ms: i64,
    ) -> Result<Vec<Incoming>, WebhookError> {
        let form: BTreeMap<&str, &str> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let sid = form
            .get("MessageSid")
            .or(form.get("SmsSid"))
            .ok_or_else(|| WebhookError::Malformed("missing MessageSid".into()))?;
        let from = form
            .get("From")
            .ok_or_else(|| WebhookError::Malformed("missing From".into()))?;
        let body = form.get("Body").copied().unwrap_or_default();
        let media: u32 = form
            .get("NumMedia")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let event = if let Some(payload) = form.get("ButtonPayload").filter(|p| !p.is_empty()) {
            Inbound::Choice {
                id: payload.to_string(),
                title: form.get("ButtonText").copied().unwrap_or(body).to_string(),
            }
        } else if form.contains_key("Latitude") {
            Inbound::Location
        } else if media > 0 && body.trim().is_empty() {
            Inbound::Media {
                media: form
                    .get("MediaContentType0")
                    .copied()
                    .unwrap_or("media")
                    .to_string(),
            }
        } else {
            Inbound::Text {
                text: body.to_string(),
            }
        };
        Ok(vec![Incoming::Message(NewMessage {
            channel: "twilio".into(),
            address: from.to_string(),
            provider_id: sid.to_string(),
            event,
            received_at: now_ms,
        })])
    }

    /// Parses a status callback form.
    pub fn parse_status(
        &self,
        params: &[(String, String)],
        outbox_id: Option<i64>,
        now_ms: i64,
    ) -> Result<Vec<Incoming>, WebhookError> {
        let form: BTreeMap<&str, &str> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let sid = form
            .get("MessageSid")
            .or(form.get("SmsSid"))
            .ok_or_else(|| WebhookError::Malformed("missing MessageSid".into()))?;
        let status = match form.get("MessageStatus").or(form.get("SmsStatus")).copied() {
            Some("sent") => Delivery::Sent,
            Some("delivered") => Delivery::Delivered,
            Some("read") => Delivery::Read,
            Some("failed" | "undelivered") => Delivery::Failed,
            Some(_) => return Ok(vec![]),
            None => return Err(WebhookError::Malformed("missing MessageStatus".into())),
        };
        let code = form.get("ErrorCode").copied();
        Ok(vec![Incoming::Status(NewStatus {
            channel: "twilio".into(),
            provider_message_id: sid.to_string(),
            status,
            at: now_ms,
            outbox_id,
            error: code.map(|c| format!("Twilio error {c}")),
            stopped: code == Some("21610"),
        })])
    }
}

/// Classifies a REST API error by Twilio's error code.
pub fn classify(
    status: reqwest::StatusCode,
    body: &str,
    retry_after: Option<std::time::Duration>,
) -> SendOutcome {
    #[derive(Deserialize)]
    struct TwilioError {
        code: Option<i64>,
        message: Option<String>,
    }
    let Ok(TwilioError {
        code: Some(code),
        message,
    }) = serde_json::from_str::<TwilioError>(body)
    else {
        return super::classify_http(status, retry_after, format!("HTTP {status}"));
    };
    let error = format!("{code} {}", message.unwrap_or_default());
    match code {
        20429 | 63018 => SendOutcome::RetrySoon {
            error,
            after: retry_after,
        },
        21610 => SendOutcome::Stopped { error },
        63016 => SendOutcome::OutsideWindow { error },
        _ if status.is_server_error() => SendOutcome::RetryLater { error },
        _ => SendOutcome::Permanent { error },
    }
}

impl Channel for Twilio {
    fn name(&self) -> &'static str {
        "twilio"
    }

    fn has_window(&self, to: &str) -> bool {
        to.starts_with("whatsapp:")
    }

    fn has_template(&self) -> bool {
        self.template_sid.is_some()
    }

    fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome> {
        Box::pin(async move {
            let url = format!(
                "{}/2010-04-01/Accounts/{}/Messages.json",
                self.api_url.trim_end_matches('/'),
                self.account_sid
            );
            let from = if msg.to.starts_with("whatsapp:") && !self.from.starts_with("whatsapp:") {
                format!("whatsapp:{}", self.from)
            } else {
                self.from.clone()
            };
            let callback = format!(
                "{}/webhooks/twilio/status?outbox={}",
                self.public_url.trim_end_matches('/'),
                msg.outbox_id
            );
            let mut form = vec![
                ("To", msg.to.to_string()),
                ("From", from),
                ("StatusCallback", callback),
            ];
            match msg.message {
                // Twilio's WhatsApp buttons need pre-registered content; numbered choices work
                // everywhere.
                Message::Reply(reply) => form.push(("Body", render::sms_text(reply))),
                Message::Template(_) => {
                    form.push(("ContentSid", self.template_sid.clone().unwrap_or_default()))
                }
            }
            let response = match http
                .post(url)
                .basic_auth(&self.account_sid, Some(self.auth_token.expose()))
                .form(&form)
                .send()
                .await
            {
                Ok(r) => r,
                Err(e) => return super::transport_error(&e),
            };
            let status = response.status();
            let retry_after = super::retry_after(response.headers());
            let text = match response.text().await {
                Ok(t) => t,
                Err(e) => return super::transport_error(&e),
            };
            if status.is_success() {
                match serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["sid"].as_str().map(str::to_string))
                {
                    Some(provider_id) => SendOutcome::Sent { provider_id },
                    None => SendOutcome::Permanent {
                        error: "accepted without a sid".into(),
                    },
                }
            } else {
                classify(status, &text, retry_after)
            }
        })
    }
}

/// The webhook routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio", post(receive))
        .route("/webhooks/twilio/status", post(receive_status))
}

fn form_params(body: &[u8]) -> Result<Vec<(String, String)>, WebhookError> {
    serde_urlencoded::from_bytes(body)
        .map_err(|e| WebhookError::Malformed(format!("not a form: {e}")))
}

fn twiml() -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>",
    )
}

/// `POST /webhooks/twilio`: stores the message, answers an empty TwiML.
#[tracing::instrument(name = "webhook", skip_all, fields(channel = "twilio"))]
async fn receive(
    State(app): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let twilio = app
        .channels
        .twilio
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    let params = form_params(&body)?;
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    twilio.verify(&headers, path, &params)?;
    let items = twilio.parse_message(&params, app.clock.now_ms())?;
    app.ingest(items).await?;
    Ok(twiml())
}

/// `POST /webhooks/twilio/status`: stores the status.
#[tracing::instrument(name = "webhook", skip_all, fields(channel = "twilio"))]
async fn receive_status(
    State(app): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let twilio = app
        .channels
        .twilio
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    let params = form_params(&body)?;
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    twilio.verify(&headers, path, &params)?;
    let outbox_id = uri
        .query()
        .and_then(|q| serde_urlencoded::from_str::<BTreeMap<String, String>>(q).ok())
        .and_then(|q| q.get("outbox").and_then(|v| v.parse().ok()));
    let items = twilio.parse_status(&params, outbox_id, app.clock.now_ms())?;
    app.ingest(items).await?;
    Ok(twiml())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn twilios_published_signature_vector_passes() {
        // Twilio's documented example (channels.md §2.2).
        let p = params(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]);
        assert_eq!(
            signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", &p),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
    }

    #[test]
    fn signatures_are_checked_with_and_without_the_default_port() {
        let twilio = Twilio {
            account_sid: "AC1".into(),
            auth_token: Secret("12345".into()),
            from: "+1".into(),
            api_url: DEFAULT_API_URL.into(),
            public_url: "https://mycompany.com".into(),
            template_sid: None,
        };
        let p = params(&[("Body", "halo"), ("From", "+62"), ("MessageSid", "SM1")]);
        let mut h = HeaderMap::new();
        h.insert(
            "x-twilio-signature",
            signature("12345", "https://mycompany.com:443/webhooks/twilio", &p)
                .parse()
                .unwrap(),
        );
        assert!(twilio.verify(&h, "/webhooks/twilio", &p).is_ok());
        h.insert(
            "x-twilio-signature",
            signature("12345", "https://mycompany.com/webhooks/twilio", &p)
                .parse()
                .unwrap(),
        );
        assert!(twilio.verify(&h, "/webhooks/twilio", &p).is_ok());
        let tampered = params(&[("Body", "hapus"), ("From", "+62"), ("MessageSid", "SM1")]);
        assert!(twilio.verify(&h, "/webhooks/twilio", &tampered).is_err());
        assert!(
            twilio
                .verify(&HeaderMap::new(), "/webhooks/twilio", &p)
                .is_err()
        );
    }

    #[test]
    fn statuses_and_unsubscribes_are_parsed() {
        let twilio = Twilio {
            account_sid: "AC1".into(),
            auth_token: Secret("t".into()),
            from: "+1".into(),
            api_url: DEFAULT_API_URL.into(),
            public_url: "https://x".into(),
            template_sid: None,
        };
        let items = twilio
            .parse_status(
                &params(&[
                    ("MessageSid", "SM9"),
                    ("MessageStatus", "undelivered"),
                    ("ErrorCode", "21610"),
                ]),
                Some(3),
                5,
            )
            .unwrap();
        let Incoming::Status(s) = &items[0] else {
            panic!()
        };
        assert_eq!(
            (s.status, s.stopped, s.outbox_id),
            (Delivery::Failed, true, Some(3))
        );
        assert!(
            twilio
                .parse_status(
                    &params(&[("MessageSid", "SM9"), ("MessageStatus", "queued")]),
                    None,
                    5
                )
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn errors_are_classified_by_code() {
        let body = |code: i64| format!("{{\"code\": {code}, \"message\": \"m\", \"status\": 400}}");
        let bad = reqwest::StatusCode::BAD_REQUEST;
        assert!(matches!(
            classify(bad, &body(21610), None),
            SendOutcome::Stopped { .. }
        ));
        assert!(matches!(
            classify(reqwest::StatusCode::TOO_MANY_REQUESTS, &body(20429), None),
            SendOutcome::RetrySoon { .. }
        ));
        assert!(matches!(
            classify(bad, &body(63016), None),
            SendOutcome::OutsideWindow { .. }
        ));
        assert!(matches!(
            classify(bad, &body(21211), None),
            SendOutcome::Permanent { .. }
        ));
    }
}
