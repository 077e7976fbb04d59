//! Prometheus text metrics: request counts by route and status, a latency histogram.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency_buckets: [AtomicU64; 11],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, route: &str, status: u16, seconds: f64) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((route.to_string(), status)).or_default() += 1;
        }
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    pub fn render(&self, documents: u64, index_bytes: u64) -> String {
        let mut out = String::new();
        out.push_str("# HELP frontline_requests_total HTTP requests by route and status.\n# TYPE frontline_requests_total counter\n");
        let mut errors = 0;
        if let Ok(r) = self.requests.lock() {
            for ((route, status), n) in r.iter() {
                out.push_str(&format!(
                    "frontline_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}\n"
                ));
                if *status >= 400 {
                    errors += n;
                }
            }
        }
        out.push_str(&format!("# HELP frontline_errors_total Requests answered with an error status.\n# TYPE frontline_errors_total counter\nfrontline_errors_total {errors}\n"));
        out.push_str("# HELP frontline_request_seconds Request latency.\n# TYPE frontline_request_seconds histogram\n");
        for (i, b) in BUCKETS.iter().enumerate() {
            out.push_str(&format!(
                "frontline_request_seconds_bucket{{le=\"{b}\"}} {}\n",
                self.latency_buckets[i].load(Ordering::Relaxed)
            ));
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        out.push_str(&format!(
            "frontline_request_seconds_bucket{{le=\"+Inf\"}} {count}\n"
        ));
        out.push_str(&format!(
            "frontline_request_seconds_sum {}\n",
            self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        ));
        out.push_str(&format!("frontline_request_seconds_count {count}\n"));
        out.push_str(&format!("# HELP frontline_index_documents Documents in the served index.\n# TYPE frontline_index_documents gauge\nfrontline_index_documents {documents}\n"));
        out.push_str(&format!("# HELP frontline_index_bytes Size of the served index on disk.\n# TYPE frontline_index_bytes gauge\nfrontline_index_bytes {index_bytes}\n"));
        out
    }
}
