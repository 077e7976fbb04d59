//! A user searching now and then while a scenario runs: how long each answer takes, and
//! whether it comes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::client::{Client, Outcome};

/// The search a probe repeats.
pub const PROBE_PATH: &str = "/search?q=Kharkiv&limit=10";

/// A running probe; [`Probe::finish`] stops it and returns what it saw.
pub struct Probe {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<Samples>,
}

/// The probe's answers: latencies of the whole ones, and the count of the others.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    pub latencies: Vec<Duration>,
    pub failures: usize,
    pub first_failure: Option<String>,
}

impl Samples {
    pub fn requests(&self) -> usize {
        self.latencies.len() + self.failures
    }

    /// The `q`-quantile latency (nearest rank), if any answer came.
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
        sorted.get(rank - 1).copied()
    }
}

impl Probe {
    /// Starts probing `addr` every `every`, each on a fresh connection, as a user arriving
    /// while the server is under attack would come.
    pub fn start(addr: SocketAddr, every: Duration) -> Probe {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let task = tokio::spawn(async move {
            let mut samples = Samples::default();
            while !stopped.load(Ordering::Relaxed) {
                let mut client = Client::new(addr, Duration::from_secs(30));
                let (outcome, took) = client.get(PROBE_PATH).await;
                match outcome {
                    Outcome::Answered(200) => samples.latencies.push(took),
                    other => {
                        samples.failures += 1;
                        samples
                            .first_failure
                            .get_or_insert_with(|| format!("{other:?}"));
                    }
                }
                tokio::time::sleep(every.saturating_sub(took)).await;
            }
            samples
        });
        Probe { stop, task }
    }

    pub async fn finish(self) -> Samples {
        self.stop.store(true, Ordering::Relaxed);
        self.task.await.unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Samples;

    #[test]
    fn quantiles_by_nearest_rank() {
        let samples = Samples {
            latencies: (1..=100).map(Duration::from_millis).collect(),
            ..Samples::default()
        };
        assert_eq!(samples.quantile(0.99), Some(Duration::from_millis(99)));
        assert_eq!(samples.quantile(0.5), Some(Duration::from_millis(50)));
        assert_eq!(Samples::default().quantile(0.99), None);
    }
}
