//! Counters and latency histograms for `/metrics`, kept and written by
//! `prometheus-client` (OpenMetrics text). They count what this process
//! did; Prometheus scrapes every process and sums. Queue figures come from
//! the database at scrape time, so every process reports the same shared
//! queue.
//!
//! Labels are `&'static str`: recording a request looks its label set up
//! without allocating (route templates are interned the first time they are
//! seen; there are as many as the router has routes).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::collections::HashSet;
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, OnceLock};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

type Latencies = Family<RequestLabels, Histogram, fn() -> Histogram>;

/// One queue figure per job kind: (kind, jobs, seconds the oldest ready
/// one has waited, jobs given up).
pub type QueueStats = (String, i64, f64, i64);

pub struct Metrics {
    registry: Registry,
    requests: Latencies,
    photo_checks: Family<OutcomeLabels, Counter>,
    mail: Family<ResultLabels, Counter>,
    webhooks: Family<ResultLabels, Counter>,
    queue_up: Gauge,
    queued: Family<KindLabels, Gauge>,
    dead: Family<KindLabels, Gauge>,
    oldest: Family<KindLabels, Gauge<f64, AtomicU64>>,
    /// Serialises scrapes: each one resets and refills the queue gauges.
    scrape: Mutex<()>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let requests: Latencies = Family::new_with_constructor(|| Histogram::new(BUCKETS));
        let photo_checks = Family::default();
        let mail = Family::default();
        let webhooks = Family::default();
        let queue_up = Gauge::default();
        let queued = Family::default();
        let dead = Family::default();
        let oldest = Family::<KindLabels, Gauge<f64, AtomicU64>>::default();
        registry.register(
            "teamshot_http_request_duration_seconds",
            "Time to answer HTTP requests, by route template",
            requests.clone(),
        );
        registry.register(
            "teamshot_jobs_queue_up",
            "1 when the job queue could be read from the database",
            queue_up.clone(),
        );
        registry.register(
            "teamshot_jobs_queued",
            "Jobs waiting, running or scheduled for a retry (not given up), by kind; shared by every process",
            queued.clone(),
        );
        registry.register(
            "teamshot_jobs_dead",
            "Jobs given up after every attempt, by kind: see /studio/jobs, or `teamshot jobs retry --dead`",
            dead.clone(),
        );
        registry.register(
            "teamshot_jobs_oldest_age_seconds",
            "How long the oldest ready job has waited, by kind (0 when none is ready)",
            oldest.clone(),
        );
        registry.register(
            "teamshot_photo_checks",
            "Uploads checked by this process: accepted, or each failed check",
            photo_checks.clone(),
        );
        registry.register(
            "teamshot_mail",
            "Emails handed to SMTP or the outbox by this process",
            mail.clone(),
        );
        registry.register(
            "teamshot_webhook_deliveries",
            "Webhook delivery attempts by this process",
            webhooks.clone(),
        );
        Self {
            registry,
            requests,
            photo_checks,
            mail,
            webhooks,
            queue_up,
            queued,
            dead,
            oldest,
            scrape: Mutex::new(()),
        }
    }
}

/// The process's metrics.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

/// The one `&'static` copy of a label value drawn from a bounded set
/// (route templates, job kinds), made the first time it is seen.
fn interned(value: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(v) = seen.get(value) {
        return v;
    }
    let v: &'static str = Box::leak(value.to_owned().into_boxed_str());
    seen.insert(v);
    v
}

impl Metrics {
    /// `method` is one of a fixed set; `route` a route template, never a
    /// concrete path.
    pub fn request(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let labels = RequestLabels {
            method,
            route: interned(route),
            status,
        };
        self.requests.get_or_create(&labels).observe(seconds);
    }

    /// One upload's verdict: `accepted`, or every failed check's code.
    pub fn photo_check(&self, outcomes: impl IntoIterator<Item = &'static str>) {
        for outcome in outcomes {
            self.photo_checks
                .get_or_create(&OutcomeLabels { outcome })
                .inc();
        }
    }

    pub fn mail(&self, sent: bool) {
        let result = if sent { "sent" } else { "failed" };
        self.mail.get_or_create(&ResultLabels { result }).inc();
    }

    pub fn webhook(&self, ok: bool) {
        let result = if ok { "ok" } else { "failed" };
        self.webhooks.get_or_create(&ResultLabels { result }).inc();
    }

    /// The exposition text, with the queue as read now (`None` when the
    /// database could not be read).
    pub fn render(&self, queue: Option<&[QueueStats]>) -> String {
        let _one_at_a_time = self.scrape.lock().unwrap_or_else(|p| p.into_inner());
        self.queue_up.set(i64::from(queue.is_some()));
        // Kinds with no jobs left disappear instead of repeating old figures.
        self.queued.clear();
        self.dead.clear();
        self.oldest.clear();
        for (kind, n, age, dead) in queue.unwrap_or_default() {
            let labels = KindLabels {
                kind: interned(kind),
            };
            self.queued.get_or_create(&labels).set(*n);
            self.dead.get_or_create(&labels).set(*dead);
            self.oldest.get_or_create(&labels).set(*age);
        }
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)
            .expect("writing to a String cannot fail");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_labels_escaped() {
        let m = Metrics::default();
        m.request("GET", "/a\"b", 200, 0.02);
        m.request("GET", "/a\"b", 200, 3.0);
        m.photo_check(["blurry", "too_dark"]);
        m.mail(true);
        let text = m.render(Some(&[("mail".into(), 2, 1.5, 3)]));
        let labels = "method=\"GET\",route=\"/a\\\"b\",status=\"200\"";
        assert!(
            text.contains(&format!("_bucket{{le=\"0.01\",{labels}}} 0")),
            "{text}"
        );
        assert!(text.contains(&format!("_bucket{{le=\"0.025\",{labels}}} 1")));
        assert!(text.contains(&format!("_bucket{{le=\"5.0\",{labels}}} 2")));
        assert!(text.contains(&format!("_bucket{{le=\"+Inf\",{labels}}} 2")));
        assert!(text.contains(&format!("_count{{{labels}}} 2")));
        assert!(text.contains("teamshot_jobs_queued{kind=\"mail\"} 2"));
        assert!(text.contains("teamshot_jobs_dead{kind=\"mail\"} 3"));
        assert!(text.contains("teamshot_jobs_oldest_age_seconds{kind=\"mail\"} 1.5"));
        assert!(text.contains("teamshot_photo_checks_total{outcome=\"too_dark\"} 1"));
        assert!(text.contains("teamshot_mail_total{result=\"sent\"} 1"));
        assert!(text.contains("teamshot_jobs_queue_up 1"));
        let down = m.render(None);
        assert!(down.contains("teamshot_jobs_queue_up 0"));
        assert!(!down.contains("teamshot_jobs_queued{"), "{down}");
    }

    #[test]
    fn a_route_is_interned_once() {
        assert!(std::ptr::eq(interned("/x/{id}"), interned("/x/{id}")));
    }
}
