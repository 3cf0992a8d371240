//! The HTTP edge: the routes of every channel, health, readiness and metrics, and the layers
//! every request goes through (a 3 MiB body limit, a timeout, a trace span per request).

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::channels;

/// Meta documents webhook payloads of up to 3 MB; anything larger is refused with 413.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

/// Every route of the server.
pub fn router(app: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(channels::whatsapp::router())
        .merge(channels::smsgate::router())
        .merge(channels::twilio::router())
        .merge(channels::telegram::router())
        .merge(channels::simulator::router())
        .merge(crate::console::router())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                // The matched route, never the raw URI (it may carry query parameters).
                let route = request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map_or("unmatched", |p| p.as_str());
                tracing::debug_span!("request", method = %request.method(), route)
            }),
        )
        .with_state(app)
}

/// `GET /healthz`: the process answers.
async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /readyz`: the database answers and every migration is applied.
async fn readyz(State(app): State<AppState>) -> impl IntoResponse {
    match app.db.ready().await {
        Ok(true) => (StatusCode::OK, "ready\n"),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending\n"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
    }
}

/// `GET /metrics`: Prometheus text format.
async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    if let Ok(depth) = app.db.outbox_depth().await {
        app.metrics.outbox_depth.set(depth);
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        app.metrics.encode(),
    )
}
