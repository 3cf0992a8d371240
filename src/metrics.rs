//! Prometheus metrics at `GET /metrics`: what came in, what went out, how long it took.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ChannelLabel {
    pub channel: String,
}

impl ChannelLabel {
    pub fn of(channel: &str) -> Self {
        ChannelLabel {
            channel: channel.to_string(),
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct UrgencyLabel {
    pub urgent: String,
}

/// Every metric the server keeps.
pub struct Metrics {
    registry: Registry,
    /// Messages stored from webhooks.
    pub received: Family<ChannelLabel, Counter>,
    /// Provider retries and duplicates dropped.
    pub duplicates: Family<ChannelLabel, Counter>,
    /// Delivery statuses stored.
    pub statuses: Family<ChannelLabel, Counter>,
    /// Messages processed by the engine.
    pub processed: Counter,
    pub sent: Family<ChannelLabel, Counter>,
    pub failed: Family<ChannelLabel, Counter>,
    pub retries: Family<ChannelLabel, Counter>,
    pub cases_opened: Family<UrgencyLabel, Counter>,
    /// Rows waiting in the outbox (read at scrape time).
    pub outbox_depth: Gauge,
    /// Seconds from receipt to processing.
    pub processing_seconds: Histogram,
    /// Seconds from receipt to the reply's acceptance by the provider.
    pub end_to_end_seconds: Histogram,
    /// Seconds a webhook took to be stored and acknowledged.
    pub webhook_seconds: Histogram,
}

fn latency_histogram() -> Histogram {
    // 0.5 ms to about 30 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("genre");
        let m = Metrics {
            received: Family::default(),
            duplicates: Family::default(),
            statuses: Family::default(),
            processed: Counter::default(),
            sent: Family::default(),
            failed: Family::default(),
            retries: Family::default(),
            cases_opened: Family::default(),
            outbox_depth: Gauge::default(),
            processing_seconds: latency_histogram(),
            end_to_end_seconds: latency_histogram(),
            webhook_seconds: latency_histogram(),
            registry: Registry::default(),
        };
        registry.register(
            "messages_received",
            "Messages stored from webhooks",
            m.received.clone(),
        );
        registry.register(
            "duplicates_dropped",
            "Provider retries and duplicates dropped",
            m.duplicates.clone(),
        );
        registry.register(
            "statuses_received",
            "Delivery statuses stored",
            m.statuses.clone(),
        );
        registry.register(
            "messages_processed",
            "Messages processed by the engine",
            m.processed.clone(),
        );
        registry.register(
            "messages_sent",
            "Messages accepted by a provider",
            m.sent.clone(),
        );
        registry.register(
            "messages_failed",
            "Messages that failed for good",
            m.failed.clone(),
        );
        registry.register(
            "send_retries",
            "Sends scheduled for another attempt",
            m.retries.clone(),
        );
        registry.register(
            "cases_opened",
            "Cases opened for counsellors",
            m.cases_opened.clone(),
        );
        registry.register(
            "outbox_depth",
            "Messages waiting to be sent",
            m.outbox_depth.clone(),
        );
        registry.register(
            "processing_seconds",
            "From receipt to processing",
            m.processing_seconds.clone(),
        );
        registry.register(
            "end_to_end_seconds",
            "From receipt to the reply accepted by the provider",
            m.end_to_end_seconds.clone(),
        );
        registry.register(
            "webhook_seconds",
            "Webhook handling until acknowledgement",
            m.webhook_seconds.clone(),
        );
        Metrics { registry, ..m }
    }
}

impl Metrics {
    /// The text exposition format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)
            .expect("writing to a String cannot fail");
        out
    }
}
