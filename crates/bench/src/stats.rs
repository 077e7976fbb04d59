//! Latency summaries.

use std::time::Duration;

use serde::Serialize;

/// Percentiles (milliseconds) and single-client throughput of a timed run.
#[derive(Debug, Serialize)]
pub struct Latency {
    pub n: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub qps: f64,
}

impl Latency {
    pub fn of(samples: &[Duration]) -> Latency {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        // Nearest rank, as the peer harness computes it.
        let at = |p: f64| {
            if ms.is_empty() {
                0.0
            } else {
                ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1]
            }
        };
        let total: f64 = ms.iter().sum();
        Latency {
            n: ms.len(),
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: ms.last().copied().unwrap_or(0.0),
            qps: if total > 0.0 {
                ms.len() as f64 / (total / 1e3)
            } else {
                0.0
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let l = Latency::of(&samples);
        assert_eq!(
            (l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms),
            (50.0, 95.0, 99.0, 100.0)
        );
        assert!((l.qps - 100.0 / 5.05).abs() < 1e-9);
    }
}
