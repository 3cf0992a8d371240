//! The ceiling: the least a WhatsApp bot can do per message on this machine.
//!
//! It verifies the signature, parses the payload (with Genre's own parser), acknowledges, and
//! posts one reply per text message to the Graph API, reading the message id it answers. No
//! database, no state, no flows. Driven by the same driver as `genre serve`, it shows how much
//! of the machine HTTP and JSON alone take, so that Genre's figures can be read as a fraction
//! of what is possible here.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use serde_json::json;

use crate::channels::Secret;
use crate::channels::whatsapp::WhatsApp;
use crate::store::ingest::Incoming;

struct Ceiling {
    wa: WhatsApp,
    http: reqwest::Client,
    url: String,
    sent: AtomicU64,
    /// Sends in flight at once (as many as `genre serve` is given in the benchmark).
    sending: Arc<tokio::sync::Semaphore>,
}

/// Serves the ceiling on `addr` until the process is stopped.
pub async fn serve(addr: SocketAddr, api_url: String) -> anyhow::Result<()> {
    let wa = WhatsApp {
        app_secret: Secret(super::driver::APP_SECRET.into()),
        verify_token: Secret("genre-bench-verify".into()),
        token: Secret(super::driver::TOKEN.into()),
        phone_number_id: super::driver::PHONE_NUMBER_ID.into(),
        api_url: api_url.clone(),
        template: None,
    };
    let ceiling = Arc::new(Ceiling {
        url: format!(
            "{}/{}/messages",
            api_url.trim_end_matches('/'),
            wa.phone_number_id
        ),
        wa,
        http: reqwest::Client::builder()
            .pool_max_idle_per_host(128)
            .tcp_nodelay(true)
            .timeout(std::time::Duration::from_secs(15))
            .build()?,
        sent: AtomicU64::new(0),
        sending: Arc::new(tokio::sync::Semaphore::new(128)),
    });
    let app = Router::new()
        .route("/readyz", get(|| async { "ready\n" }))
        .route("/webhooks/whatsapp", post(receive))
        .with_state(ceiling);
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await?;
    Ok(())
}

/// Verify, parse, acknowledge; the replies go out right after.
async fn receive(
    State(ceiling): State<Arc<Ceiling>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if ceiling.wa.verify(&headers, &body).is_err() {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(items) = ceiling.wa.parse(&body, 0) else {
        return StatusCode::BAD_REQUEST;
    };
    for item in items {
        let Incoming::Message(m) = item else {
            continue;
        };
        let ceiling = ceiling.clone();
        tokio::spawn(async move {
            let Ok(_permit) = ceiling.sending.clone().acquire_owned().await else {
                return;
            };
            let n = ceiling.sent.fetch_add(1, Ordering::Relaxed);
            let body = json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": m.address,
                "type": "text",
                "text": { "body": "ok", "preview_url": false },
                "biz_opaque_callback_data": format!("ceiling:{n}"),
            });
            // Retried a few times, as any sender must (the stateless handler has no outbox).
            for attempt in 0..5u64 {
                let sent = ceiling
                    .http
                    .post(&ceiling.url)
                    .bearer_auth(ceiling.wa.token.expose())
                    .json(&body)
                    .send()
                    .await;
                if let Ok(response) = sent {
                    let text = response.text().await.unwrap_or_default();
                    let id = serde_json::from_str::<serde_json::Value>(&text)
                        .ok()
                        .and_then(|v| v["messages"][0]["id"].as_str().map(str::to_string));
                    if id.is_some() {
                        return;
                    }
                }
                tokio::time::sleep(std::time::Duration::from_millis(100 * (attempt + 1))).await;
            }
            tracing::warn!("a reply could not be sent");
        });
    }
    StatusCode::OK
}
