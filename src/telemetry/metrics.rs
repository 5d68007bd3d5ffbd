//! Counters and latency histograms for `/metrics` (Prometheus text format).
//! They count what this process did; Prometheus scrapes every process and
//! sums. Queue figures come from the database at scrape time, so every
//! process reports the same shared queue.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    /// (method, route template, status) → latencies.
    requests: Mutex<BTreeMap<(String, String, u16), Histogram>>,
    /// Outcome (`accepted` or a failed check's code) → uploads.
    photo_checks: Mutex<BTreeMap<String, u64>>,
    mail_sent: AtomicU64,
    mail_failed: AtomicU64,
    webhooks_ok: AtomicU64,
    webhooks_failed: AtomicU64,
}

/// The process's metrics.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    pub fn request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut map = lock(&self.requests);
        let h = map
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        for (i, le) in BUCKETS.iter().enumerate() {
            if seconds <= *le {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// One upload's verdict: `accepted`, or every failed check's code.
    pub fn photo_check<'a>(&self, outcomes: impl IntoIterator<Item = &'a str>) {
        let mut map = lock(&self.photo_checks);
        for o in outcomes {
            *map.entry(o.to_string()).or_default() += 1;
        }
    }

    pub fn mail(&self, sent: bool) {
        let c = if sent {
            &self.mail_sent
        } else {
            &self.mail_failed
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    pub fn webhook(&self, ok: bool) {
        let c = if ok {
            &self.webhooks_ok
        } else {
            &self.webhooks_failed
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text; `queue` is (kind, jobs, seconds the oldest ready
    /// one has waited), `None` when the database could not be read.
    pub fn render(&self, queue: Option<&[(String, i64, f64, i64)]>) -> String {
        let mut out = String::new();
        let w = &mut out;
        header(
            w,
            "teamshot_http_request_duration_seconds",
            "histogram",
            "Time to answer HTTP requests, by route template.",
        );
        for ((method, route, status), h) in lock(&self.requests).iter() {
            let labels = format!(
                "method=\"{}\",route=\"{}\",status=\"{status}\"",
                escape(method),
                escape(route)
            );
            for (le, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    w,
                    "teamshot_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {n}"
                );
            }
            let _ = writeln!(
                w,
                "teamshot_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                w,
                "teamshot_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                w,
                "teamshot_http_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        header(
            w,
            "teamshot_jobs_queue_up",
            "gauge",
            "1 when the job queue could be read from the database.",
        );
        let _ = writeln!(w, "teamshot_jobs_queue_up {}", u8::from(queue.is_some()));
        let queue = queue.unwrap_or_default();
        header(
            w,
            "teamshot_jobs_queued",
            "gauge",
            "Jobs waiting, running or scheduled for a retry (not given up), by kind; shared by every process.",
        );
        for (kind, n, _, _) in queue {
            let _ = writeln!(w, "teamshot_jobs_queued{{kind=\"{}\"}} {n}", escape(kind));
        }
        header(
            w,
            "teamshot_jobs_dead",
            "gauge",
            "Jobs given up after every attempt, by kind: see /studio/jobs, or `teamshot jobs retry --dead`.",
        );
        for (kind, _, _, dead) in queue {
            let _ = writeln!(w, "teamshot_jobs_dead{{kind=\"{}\"}} {dead}", escape(kind));
        }
        header(
            w,
            "teamshot_jobs_oldest_age_seconds",
            "gauge",
            "How long the oldest ready job has waited, by kind (0 when none is ready).",
        );
        for (kind, _, age, _) in queue {
            let _ = writeln!(
                w,
                "teamshot_jobs_oldest_age_seconds{{kind=\"{}\"}} {age:.3}",
                escape(kind)
            );
        }
        header(
            w,
            "teamshot_photo_checks_total",
            "counter",
            "Uploads checked by this process: accepted, or each failed check.",
        );
        for (outcome, n) in lock(&self.photo_checks).iter() {
            let _ = writeln!(
                w,
                "teamshot_photo_checks_total{{outcome=\"{}\"}} {n}",
                escape(outcome)
            );
        }
        header(
            w,
            "teamshot_mail_total",
            "counter",
            "Emails handed to SMTP or the outbox by this process.",
        );
        let _ = writeln!(
            w,
            "teamshot_mail_total{{result=\"sent\"}} {}",
            self.mail_sent.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            w,
            "teamshot_mail_total{{result=\"failed\"}} {}",
            self.mail_failed.load(Ordering::Relaxed)
        );
        header(
            w,
            "teamshot_webhook_deliveries_total",
            "counter",
            "Webhook delivery attempts by this process.",
        );
        let _ = writeln!(
            w,
            "teamshot_webhook_deliveries_total{{result=\"ok\"}} {}",
            self.webhooks_ok.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            w,
            "teamshot_webhook_deliveries_total{{result=\"failed\"}} {}",
            self.webhooks_failed.load(Ordering::Relaxed)
        );
        out
    }
}

fn header(w: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(w, "# HELP {name} {help}");
    let _ = writeln!(w, "# TYPE {name} {kind}");
}

/// Label values escape backslash, quote and newline.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
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
            text.contains(&format!("_bucket{{{labels},le=\"0.01\"}} 0")),
            "{text}"
        );
        assert!(text.contains(&format!("_bucket{{{labels},le=\"0.025\"}} 1")));
        assert!(text.contains(&format!("_bucket{{{labels},le=\"5\"}} 2")));
        assert!(text.contains(&format!("_bucket{{{labels},le=\"+Inf\"}} 2")));
        assert!(text.contains("teamshot_jobs_queued{kind=\"mail\"} 2"));
        assert!(text.contains("teamshot_jobs_dead{kind=\"mail\"} 3"));
        assert!(text.contains("teamshot_jobs_oldest_age_seconds{kind=\"mail\"} 1.500"));
        assert!(text.contains("teamshot_photo_checks_total{outcome=\"too_dark\"} 1"));
        assert!(text.contains("teamshot_mail_total{result=\"sent\"} 1"));
        assert!(text.contains("teamshot_jobs_queue_up 1"));
        assert!(m.render(None).contains("teamshot_jobs_queue_up 0"));
    }
}
