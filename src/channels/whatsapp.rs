//! WhatsApp Cloud API (Meta Graph API).
//!
//! * `GET /webhooks/whatsapp`: the subscription check (`hub.mode`, `hub.verify_token`,
//!   `hub.challenge`).
//! * `POST /webhooks/whatsapp`: messages and statuses, signed with `X-Hub-Signature-256`
//!   (HMAC-SHA256 of the raw body with the app secret). Every entry, change, message and status
//!   of a payload is handled.
//! * Sending: `POST {api}/{phone_number_id}/messages` with the bearer token; every message
//!   carries our outbox id in `biz_opaque_callback_data`, which Meta echoes in its statuses.
//!
//! Protocol facts: `../shared/reference/channels.md` §1.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Router, body::Bytes};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    BoxFuture, Channel, Message, Outgoing, Secret, SendOutcome, WebhookError, hmac_sha256_matches,
    secret_eq,
};
use crate::app::AppState;
use crate::engine::Inbound;
use crate::error::ApiError;
use crate::render;
use crate::store::ingest::{Delivery, Incoming, NewMessage, NewStatus};

/// The Graph API version requests are pinned to.
pub const DEFAULT_API_URL: &str = "https://graph.facebook.com/v25.0";

/// Throttling codes: retry soon, with backoff (courier's list, channels.md §1.12).
const THROTTLED: [i64; 6] = [4, 80007, 130429, 131048, 131056, 133016];
/// Passing failures: retry later (auth errors too: they resume once the token is fixed).
const TRANSIENT: [i64; 8] = [0, 1, 2, 190, 131000, 131016, 131053, 131057];
/// Outside the 24-hour customer-service window.
const REENGAGEMENT: i64 = 131047;

/// The WhatsApp Cloud API channel.
#[derive(Debug)]
pub struct WhatsApp {
    pub app_secret: Secret,
    pub verify_token: Secret,
    pub token: Secret,
    pub phone_number_id: String,
    pub api_url: String,
    /// The approved template sent when the 24-hour window is closed: (name, language code).
    pub template: Option<(String, String)>,
}

impl WhatsApp {
    /// Checks `X-Hub-Signature-256` over the raw body. Meta documents that the signature is
    /// computed over an escaped-unicode form of the payload; raw bytes are checked first, then
    /// that form, so both behaviours are accepted.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        let header = headers
            .get("x-hub-signature-256")
            .and_then(|v| v.to_str().ok())
            .ok_or(WebhookError::BadSignature)?;
        let hex_sig = header
            .strip_prefix("sha256=")
            .ok_or(WebhookError::BadSignature)?;
        let expected = hex::decode(hex_sig).map_err(|_| WebhookError::BadSignature)?;
        let key = self.app_secret.expose().as_bytes();
        if hmac_sha256_matches(key, &[body], &expected) {
            return Ok(());
        }
        if !body.is_ascii()
            && let Ok(text) = std::str::from_utf8(body)
            && hmac_sha256_matches(key, &[escape_unicode(text).as_bytes()], &expected)
        {
            return Ok(());
        }
        Err(WebhookError::BadSignature)
    }

    /// Parses a webhook payload into messages and statuses.
    pub fn parse(&self, body: &[u8], now_ms: i64) -> Result<Vec<Incoming>, WebhookError> {
        let payload: Payload =
            serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))?;
        if payload.object != "whatsapp_business_account" {
            return Err(WebhookError::Malformed(format!(
                "`object` is \"{}\", expected \"whatsapp_business_account\"",
                payload.object
            )));
        }
        let mut items = Vec::new();
        for entry in payload.entry {
            for change in entry.changes {
                let value = change.value;
                for m in value.messages {
                    let Some(address) = m.from.clone().or(m.from_user_id.clone()) else {
                        return Err(WebhookError::Malformed(format!(
                            "message {} has no `from`",
                            m.id
                        )));
                    };
                    items.push(Incoming::Message(NewMessage {
                        channel: "whatsapp".into(),
                        address,
                        provider_id: m.id.clone(),
                        // Never later than now: a stamp from the future would keep the
                        // 24-hour window open past its end.
                        received_at: parse_time(m.timestamp.as_deref())
                            .map_or(now_ms, |t| t.min(now_ms)),
                        event: event_of(&m),
                    }));
                }
                for s in value.statuses {
                    let status = match s.status.as_str() {
                        "sent" => Delivery::Sent,
                        "delivered" => Delivery::Delivered,
                        "read" | "played" => Delivery::Read,
                        "failed" => Delivery::Failed,
                        // `deleted` and anything new: nothing to do.
                        _ => continue,
                    };
                    let error = s.errors.first().map(|e| {
                        format!(
                            "{} {}",
                            e.code,
                            e.title.as_deref().or(e.message.as_deref()).unwrap_or("")
                        )
                    });
                    items.push(Incoming::Status(NewStatus {
                        channel: "whatsapp".into(),
                        provider_message_id: s.id,
                        status,
                        at: parse_time(s.timestamp.as_deref()).unwrap_or(now_ms),
                        outbox_id: s
                            .biz_opaque_callback_data
                            .as_deref()
                            .and_then(|d| d.strip_prefix("genre:"))
                            .and_then(|id| id.parse().ok()),
                        error,
                        stopped: false,
                    }));
                }
            }
        }
        Ok(items)
    }

    /// The request body of a send.
    pub fn request_body(&self, msg: &Outgoing, default_list_button: &str) -> Value {
        let mut body = match msg.message {
            Message::Reply(reply) => render::whatsapp_message(reply, default_list_button),
            Message::Template(named) => {
                let (configured, lang) = self.template.clone().unwrap_or_default();
                let name = named.map_or(configured, str::to_string);
                let lang = if lang.is_empty() {
                    "id".to_string()
                } else {
                    lang
                };
                json!({ "type": "template", "template": { "name": name, "language": { "code": lang } } })
            }
        };
        body["messaging_product"] = json!("whatsapp");
        body["recipient_type"] = json!("individual");
        body["to"] = json!(msg.to);
        body["biz_opaque_callback_data"] = json!(format!("genre:{}", msg.outbox_id));
        body
    }
}

/// Classifies a Graph API error by its code (rate limits come back as 400 or 403 too).
pub fn classify(
    status: reqwest::StatusCode,
    body: &str,
    retry_after: Option<std::time::Duration>,
) -> SendOutcome {
    let parsed: Option<GraphError> = serde_json::from_str::<GraphErrorBody>(body)
        .ok()
        .map(|b| b.error);
    let Some(error) = parsed else {
        return super::classify_http(status, retry_after, format!("HTTP {status}"));
    };
    let text = format!("{} {}", error.code, error.message.unwrap_or_default());
    if THROTTLED.contains(&error.code) {
        SendOutcome::RetrySoon {
            error: text,
            after: retry_after,
        }
    } else if error.code == REENGAGEMENT {
        SendOutcome::OutsideWindow { error: text }
    } else if TRANSIENT.contains(&error.code) || status.is_server_error() {
        SendOutcome::RetryLater { error: text }
    } else {
        SendOutcome::Permanent { error: text }
    }
}

impl Channel for WhatsApp {
    fn name(&self) -> &'static str {
        "whatsapp"
    }

    fn has_window(&self, _to: &str) -> bool {
        true
    }

    fn has_template(&self) -> bool {
        self.template.is_some()
    }

    fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome> {
        Box::pin(async move {
            let url = format!(
                "{}/{}/messages",
                self.api_url.trim_end_matches('/'),
                self.phone_number_id
            );
            let body = self.request_body(&msg, "Pilih");
            let response = match http
                .post(url)
                .bearer_auth(self.token.expose())
                .json(&body)
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
                let id = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["messages"][0]["id"].as_str().map(str::to_string));
                match id {
                    Some(provider_id) => SendOutcome::Sent { provider_id },
                    // Accepted but unreadable: do not resend blindly.
                    None => SendOutcome::Permanent {
                        error: "accepted without a message id".into(),
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
    Router::new().route("/webhooks/whatsapp", get(verify_subscription).post(receive))
}

#[derive(Deserialize)]
struct Subscription {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// `GET /webhooks/whatsapp`: answers Meta's subscription check with the challenge.
async fn verify_subscription(
    State(app): State<AppState>,
    Query(q): Query<Subscription>,
) -> impl IntoResponse {
    let Some(wa) = &app.channels.whatsapp else {
        return (
            StatusCode::NOT_FOUND,
            "whatsapp is not configured".to_string(),
        );
    };
    match (q.mode.as_deref(), q.verify_token.as_deref(), q.challenge) {
        (Some("subscribe"), Some(token), Some(challenge))
            if secret_eq(token, wa.verify_token.expose()) =>
        {
            (StatusCode::OK, challenge)
        }
        _ => (StatusCode::FORBIDDEN, "verification failed".to_string()),
    }
}

/// `POST /webhooks/whatsapp`: stores every message and status, then acknowledges.
#[tracing::instrument(name = "webhook", skip_all, fields(channel = "whatsapp"))]
async fn receive(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let wa = app
        .channels
        .whatsapp
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    wa.verify(&headers, &body)?;
    let items = wa.parse(&body, app.clock.now_ms())?;
    app.ingest(items).await?;
    Ok(StatusCode::OK)
}

fn event_of(m: &WaMessage) -> Inbound {
    match m.kind.as_str() {
        "text" => Inbound::Text {
            text: m.text.as_ref().map(|t| t.body.clone()).unwrap_or_default(),
        },
        "interactive" => {
            let reply = m
                .interactive
                .as_ref()
                .and_then(|i| i.button_reply.as_ref().or(i.list_reply.as_ref()));
            match reply {
                Some(r) => Inbound::Choice {
                    id: r.id.clone(),
                    title: r.title.clone(),
                },
                None => Inbound::Unsupported,
            }
        }
        // A quick-reply button of a template: its payload is our choice id, when we set one.
        "button" => match &m.button {
            Some(b) if !b.payload.is_empty() => Inbound::Choice {
                id: b.payload.clone(),
                title: b.text.clone(),
            },
            Some(b) => Inbound::Text {
                text: b.text.clone(),
            },
            None => Inbound::Unsupported,
        },
        "location" => Inbound::Location,
        "reaction" => Inbound::Reaction,
        "image" | "video" | "audio" | "document" | "sticker" | "voice" => Inbound::Media {
            media: m.kind.clone(),
        },
        _ => Inbound::Unsupported,
    }
}

/// Meta's timestamps are strings of Unix seconds (milliseconds tolerated, as courier does).
fn parse_time(ts: Option<&str>) -> Option<i64> {
    let n: i64 = ts?.trim().parse().ok()?;
    Some(if n >= 1_000_000_000_000 {
        n
    } else {
        n.saturating_mul(1000)
    })
}

/// Replaces every non-ASCII character with `\uXXXX` (lowercase hex, UTF-16 units).
pub fn escape_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[derive(Deserialize)]
struct Payload {
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    value: ChangeValue,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ChangeValue {
    messages: Vec<WaMessage>,
    statuses: Vec<WaStatus>,
}

#[derive(Deserialize)]
struct WaMessage {
    id: String,
    from: Option<String>,
    from_user_id: Option<String>,
    timestamp: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    text: Option<WaText>,
    interactive: Option<WaInteractive>,
    button: Option<WaButton>,
}

#[derive(Deserialize)]
struct WaText {
    body: String,
}

#[derive(Deserialize)]
struct WaInteractive {
    button_reply: Option<WaReply>,
    list_reply: Option<WaReply>,
}

#[derive(Deserialize)]
struct WaReply {
    id: String,
    title: String,
}

#[derive(Deserialize)]
struct WaButton {
    #[serde(default)]
    payload: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct WaStatus {
    id: String,
    status: String,
    timestamp: Option<String>,
    biz_opaque_callback_data: Option<String>,
    #[serde(default)]
    errors: Vec<WaError>,
}

#[derive(Deserialize)]
struct WaError {
    code: i64,
    title: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    code: i64,
    message: Option<String>,
}

/// A WhatsApp channel for tests, with a known secret.
pub fn for_tests(api_url: &str) -> Arc<WhatsApp> {
    Arc::new(WhatsApp {
        app_secret: Secret("app_secret".into()),
        verify_token: Secret("verify".into()),
        token: Secret("token".into()),
        phone_number_id: "109876543210987".into(),
        api_url: api_url.into(),
        template: Some(("genre_pesan_baru".into(), "id".into())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wa() -> Arc<WhatsApp> {
        for_tests("http://127.0.0.1:1")
    }

    fn headers(sig: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-hub-signature-256", sig.parse().unwrap());
        h
    }

    #[test]
    fn the_documented_signature_vector_passes() {
        // channels.md §1.2: secret `app_secret`, this body, this signature.
        let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
        let sig = "sha256=c236c758c9b2bd40b388a550eeca09eaca72384dd0aa5e7c31d19cddac5bba46";
        assert!(wa().verify(&headers(sig), body).is_ok());
        assert!(
            wa().verify(&headers(&sig.replace("c236", "c237")), body)
                .is_err()
        );
        assert!(wa().verify(&HeaderMap::new(), body).is_err());
        assert!(wa().verify(&headers("c236"), body).is_err());
    }

    #[test]
    fn an_escaped_unicode_signature_is_accepted_too() {
        let body = r#"{"object":"whatsapp_business_account","entry":[],"x":"é😊"}"#;
        let escaped = escape_unicode(body);
        assert!(escaped.contains(r"\u00e9\ud83d\ude0a"));
        let mut mac =
            <hmac::Hmac<sha2::Sha256> as hmac::KeyInit>::new_from_slice(b"app_secret").unwrap();
        hmac::Mac::update(&mut mac, escaped.as_bytes());
        let sig = format!(
            "sha256={}",
            hex::encode(hmac::Mac::finalize(mac).into_bytes())
        );
        assert!(wa().verify(&headers(&sig), body.as_bytes()).is_ok());
    }

    #[test]
    fn every_message_and_status_of_every_entry_is_parsed() {
        let body = json!({
            "object": "whatsapp_business_account",
            "entry": [
                { "changes": [{ "field": "messages", "value": {
                    "metadata": { "phone_number_id": "109876543210987" },
                    "messages": [
                        { "from": "6281234567890", "id": "wamid.A", "timestamp": "1767225600", "type": "text", "text": { "body": "halo" } },
                        { "from": "6281234567890", "id": "wamid.B", "timestamp": "1767225601", "type": "interactive",
                          "interactive": { "type": "list_reply", "list_reply": { "id": "menu/main/kb", "title": "KB" } } },
                        { "from": "6281234567890", "id": "wamid.C", "timestamp": "1767225602", "type": "image", "image": { "id": "1" } }
                    ],
                    "statuses": [
                        { "id": "wamid.OUT", "status": "delivered", "timestamp": "1767225603", "recipient_id": "6281234567890",
                          "biz_opaque_callback_data": "genre:42" }
                    ]
                }}]},
                { "changes": [{ "field": "messages", "value": {
                    "messages": [
                        { "from_user_id": "ID.abc", "id": "wamid.D", "type": "button", "button": { "payload": "salam/notice/yes", "text": "Setuju" } },
                        { "from": "6289999", "id": "wamid.E", "type": "reaction", "reaction": { "message_id": "x", "emoji": "👍" } },
                        { "from": "6289999", "id": "wamid.F", "type": "unsupported" }
                    ]
                }}]}
            ]
        });
        let now = 1_767_225_700_000;
        let items = wa().parse(body.to_string().as_bytes(), now).unwrap();
        let kinds: Vec<String> = items
            .iter()
            .map(|i| match i {
                Incoming::Message(m) => format!("{}:{:?}", m.provider_id, m.event),
                Incoming::Status(s) => {
                    format!("{}:{:?}:{:?}", s.provider_message_id, s.status, s.outbox_id)
                }
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "wamid.A:Text { text: \"halo\" }",
                "wamid.B:Choice { id: \"menu/main/kb\", title: \"KB\" }",
                "wamid.C:Media { media: \"image\" }",
                "wamid.OUT:Delivered:Some(42)",
                "wamid.D:Choice { id: \"salam/notice/yes\", title: \"Setuju\" }",
                "wamid.E:Reaction",
                "wamid.F:Unsupported",
            ]
        );
        let Incoming::Message(first) = &items[0] else {
            panic!()
        };
        assert_eq!(first.received_at, 1_767_225_600_000);
        // A stamp from the future counts as now.
        let future = wa()
            .parse(body.to_string().as_bytes(), 1_767_225_500_000)
            .unwrap();
        let Incoming::Message(early) = &future[0] else {
            panic!()
        };
        assert_eq!(early.received_at, 1_767_225_500_000);
        let Incoming::Message(bsuid) = &items[4] else {
            panic!()
        };
        assert_eq!(bsuid.address, "ID.abc");
    }

    #[test]
    fn malformed_payloads_are_explained() {
        let e = wa().parse(b"{\"entry\": []}", 0).unwrap_err().to_string();
        assert!(e.contains("missing field `object`"), "{e}");
        let e = wa()
            .parse(b"{\"object\": \"page\"}", 0)
            .unwrap_err()
            .to_string();
        assert!(e.contains("whatsapp_business_account"), "{e}");
        assert!(wa().parse(b"not json", 0).is_err());
    }

    #[test]
    fn errors_are_classified_by_code_not_just_status() {
        let body = |code: i64| json!({ "error": { "code": code, "message": "m" } }).to_string();
        let forbidden = reqwest::StatusCode::FORBIDDEN;
        assert!(matches!(
            classify(forbidden, &body(131056), None),
            SendOutcome::RetrySoon { .. }
        ));
        assert!(matches!(
            classify(forbidden, &body(130429), None),
            SendOutcome::RetrySoon { .. }
        ));
        assert!(matches!(
            classify(reqwest::StatusCode::BAD_REQUEST, &body(131047), None),
            SendOutcome::OutsideWindow { .. }
        ));
        assert!(matches!(
            classify(reqwest::StatusCode::BAD_REQUEST, &body(131026), None),
            SendOutcome::Permanent { .. }
        ));
        assert!(matches!(
            classify(reqwest::StatusCode::BAD_REQUEST, &body(131000), None),
            SendOutcome::RetryLater { .. }
        ));
        assert!(matches!(
            classify(reqwest::StatusCode::BAD_GATEWAY, "<html>", None),
            SendOutcome::RetryLater { .. }
        ));
    }

    #[test]
    fn requests_carry_the_outbox_id_and_the_recipient() {
        let reply = crate::engine::Reply {
            text: "Halo".into(),
            choices: vec![],
            list_button: None,
            even_if_stopped: false,
        };
        let body = wa().request_body(
            &Outgoing {
                outbox_id: 7,
                to: "6281234567890",
                message: Message::Reply(&reply),
            },
            "Pilih",
        );
        assert_eq!(body["to"], "6281234567890");
        assert_eq!(body["biz_opaque_callback_data"], "genre:7");
        assert_eq!(body["text"]["body"], "Halo");
        let template = wa().request_body(
            &Outgoing {
                outbox_id: 8,
                to: "62",
                message: Message::Template(None),
            },
            "Pilih",
        );
        assert_eq!(template["template"]["name"], "genre_pesan_baru");
    }
}
