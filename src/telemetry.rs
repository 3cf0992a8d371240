//! Logs through `tracing`: phone numbers never appear (contacts are logged by their id),
//! message texts never appear at info level.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; `format` is `text` or `json`.
pub fn init(filter: &str, format: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let result = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second call (tests) keeps the first subscriber.
    let _ = result;
}
