//! What a scenario counts, and the table the battery prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use crate::client::Outcome;
use crate::probe::Samples;
use crate::process::Rss;

/// Failures listed per scenario; the rest are counted.
const SHOWN_FAILURES: usize = 5;

/// The requests of a scenario's own clients.
#[derive(Debug, Default)]
pub struct Tally {
    pub requests: usize,
    pub failures: usize,
    pub statuses: BTreeMap<String, usize>,
    /// The first few failures, to reproduce.
    pub failed: Vec<String>,
    pub notes: Vec<String>,
}

impl Tally {
    /// The answers turned away with 503 to shed load.
    pub fn shed(&self) -> usize {
        self.statuses.get("503").copied().unwrap_or(0)
    }

    /// Counts `outcome` of the request described by `what`.
    pub fn add(&mut self, what: impl FnOnce() -> String, outcome: &Outcome) {
        self.requests += 1;
        match outcome {
            Outcome::Answered(status) => *self.statuses.entry(status.to_string()).or_default() += 1,
            Outcome::Closed => *self.statuses.entry("closed unanswered".into()).or_default() += 1,
            Outcome::Broken(_) => {}
        }
        if outcome.failed() {
            self.fail(format!("{}: {outcome:?}", what()));
        }
    }

    /// A failure of the scenario itself, not of one request.
    pub fn fail(&mut self, why: String) {
        self.failures += 1;
        if self.failed.len() < SHOWN_FAILURES {
            self.failed.push(why);
        }
    }

    pub fn merge(&mut self, other: Tally) {
        self.requests += other.requests;
        self.failures += other.failures;
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        let room = SHOWN_FAILURES.saturating_sub(self.failed.len());
        self.failed.extend(other.failed.into_iter().take(room));
        self.notes.extend(other.notes);
    }
}

/// One scenario's figures.
#[derive(Debug)]
pub struct Report {
    pub scenario: &'static str,
    pub tally: Tally,
    /// The probe's answers, for the scenarios that run one.
    pub probe: Option<Samples>,
    pub rss_before: Option<Rss>,
    pub rss_after: Option<Rss>,
    pub took: Duration,
}

impl Report {
    /// No request failed, the probe's included.
    pub fn passed(&self) -> bool {
        self.tally.failures == 0 && self.probe.as_ref().is_none_or(|p| p.failures == 0)
    }

    pub fn header() -> String {
        format!(
            "{:<20} {:>9} {:>8} {:>6} {:>7} {:>9} {:>9} {:>20} {:>12} {:>7}",
            "scenario",
            "requests",
            "failures",
            "shed",
            "probes",
            "probe p50",
            "probe p99",
            "RSS MiB before (own)",
            "after (own)",
            "took"
        )
    }

    /// The table row, then the statuses, the notes and the first failure, indented.
    pub fn row(&self) -> String {
        let ms = |d: Option<Duration>| {
            d.map_or("-".to_string(), |d| {
                format!("{:.1} ms", d.as_secs_f64() * 1000.0)
            })
        };
        let mib = |r: Option<Rss>| {
            r.map_or("-".to_string(), |r| {
                format!("{} ({})", r.total_kib / 1024, r.anon_kib / 1024)
            })
        };
        let probe_failures = self.probe.as_ref().map_or(0, |p| p.failures);
        let mut row = format!(
            "{:<20} {:>9} {:>8} {:>6} {:>7} {:>9} {:>9} {:>20} {:>12} {:>5.0} s",
            self.scenario,
            self.tally.requests,
            self.tally.failures + probe_failures,
            self.tally.shed(),
            self.probe.as_ref().map_or(0, Samples::requests),
            ms(self.probe.as_ref().and_then(|p| p.quantile(0.5))),
            ms(self.probe.as_ref().and_then(|p| p.quantile(0.99))),
            mib(self.rss_before),
            mib(self.rss_after),
            self.took.as_secs_f64(),
        );
        if !self.tally.statuses.is_empty() {
            let statuses: Vec<String> = self
                .tally
                .statuses
                .iter()
                .map(|(s, n)| format!("{s}: {n}"))
                .collect();
            let _ = write!(row, "\n    statuses {}", statuses.join(", "));
        }
        for note in &self.tally.notes {
            let _ = write!(row, "\n    {note}");
        }
        for failure in &self.tally.failed {
            let _ = write!(row, "\n    FAILED {failure}");
        }
        if let Some(failure) = self.probe.as_ref().and_then(|p| p.first_failure.as_ref()) {
            let _ = write!(row, "\n    PROBE FAILED {failure}");
        }
        row
    }
}
