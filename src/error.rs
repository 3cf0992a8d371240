//! The HTTP boundary's error: every failure a request can meet, mapped to a status in one place.
//! Client mistakes get a precise 4xx with the reason; server problems are logged and answered
//! with a bare 5xx (the provider retries), never with their details.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::channels::WebhookError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("not found")]
    NotFound,
    #[error("the server is shutting down")]
    Unavailable,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Webhook(WebhookError::BadSignature | WebhookError::Replay) => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::Webhook(WebhookError::Malformed(_)) => StatusCode::BAD_REQUEST,
            ApiError::Webhook(WebhookError::NotConfigured) | ApiError::NotFound => {
                StatusCode::NOT_FOUND
            }
            ApiError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            (status, "internal error; the request can be retried\n").into_response()
        } else {
            tracing::debug!(error = %self, "request refused");
            (status, format!("{self}\n")).into_response()
        }
    }
}
