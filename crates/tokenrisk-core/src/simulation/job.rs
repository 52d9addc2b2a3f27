//! A run of many paths in steps, and the messages that drive it as bytes: what a Web Worker
//! receives and sends, so that a long simulation never holds up the page that asked for it.
//! (The worker also takes a report's resampled intervals, [`Command::Intervals`], computed at
//! once and answered with [`Reply::Intervals`].)
//!
//! The page sends a [`Command::Run`] (the history, the setup, how many paths); the runner
//! answers [`Reply::Ready`] once it can take commands, then a [`Reply::Progress`] after every
//! [`Job::step`] of at most [`Request::chunk`] paths, with an interim [`Summary`] each time the
//! paths run have doubled (so figures stream in at a total cost under twice the final
//! summary's), and [`Reply::Finished`] at the end or after a [`Command::Cancel`]. Paths are
//! seeded one by one (see the module above), so the figures do not depend on the chunk size,
//! on where a run was cancelled and resumed, or on which thread ran it.
//!
//! Messages are postcard-encoded (compact, no schema to ship); a message that does not decode
//! is an error to show, never a panic.

use super::{Setup, Simulator, Summary, SummaryLevels};
use crate::report::{Uncertainty, UncertaintyInput};
use crate::MetricError;
use serde::{Deserialize, Serialize};

/// What a run needs: everything [`Simulator::new`] takes, and how many paths to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Daily log returns, one column per asset, aligned.
    pub log_returns: Vec<Vec<f64>>,
    /// The simulation.
    pub setup: Setup,
    /// Paths to draw: `0..paths`.
    pub paths: u64,
    /// Paths per step, at least 1.
    pub chunk: u64,
}

/// What the page sends to the runner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Start a run (a runner runs one at a time: a new run replaces the old).
    Run(Request),
    /// Stop after the step under way and report the paths run.
    Cancel,
    /// A report's bootstrap intervals and Monte Carlo VaR.
    Intervals(UncertaintyInput),
}

/// What the runner sends back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The runner has started and takes commands.
    Ready,
    /// Paths run so far, of how many; the summary of those paths when they have doubled since
    /// the last one.
    Progress {
        /// Paths run.
        done: u64,
        /// Paths asked for.
        total: u64,
        /// The summary of the paths run, now and then.
        summary: Option<Summary>,
    },
    /// The run is over.
    Finished {
        /// The summary of every path run (an error's words when there is none, e.g. fewer
        /// than two paths).
        summary: Result<Summary, String>,
        /// Whether it stopped before the paths asked for.
        cancelled: bool,
    },
    /// The request could not start (its words).
    Failed(String),
    /// The intervals asked for.
    Intervals(Uncertainty),
}

/// A run in steps.
#[derive(Debug)]
pub struct Job {
    simulator: Simulator,
    outcome: super::Outcome,
    levels: SummaryLevels,
    done: u64,
    total: u64,
    chunk: u64,
    next_summary: u64,
}

impl Job {
    /// Prepares `request`'s run.
    ///
    /// # Errors
    /// As [`Simulator::new`]; [`MetricError::InvalidParameter`] for a chunk of 0 paths.
    pub fn new(request: Request) -> Result<Self, MetricError> {
        if request.chunk == 0 {
            return Err(MetricError::InvalidParameter(
                "a step must run at least one path",
            ));
        }
        let simulator = Simulator::new(&request.log_returns, request.setup)?;
        Ok(Self {
            outcome: simulator.no_paths(),
            simulator,
            levels: SummaryLevels::default(),
            done: 0,
            total: request.paths,
            chunk: request.chunk,
            next_summary: request.chunk,
        })
    }

    /// Whether every path asked for has run.
    pub fn is_done(&self) -> bool {
        self.done >= self.total
    }

    /// Runs the next chunk of paths: a [`Reply::Progress`], or [`Reply::Finished`] once every
    /// path has run.
    pub fn step(&mut self) -> Reply {
        if self.is_done() {
            return self.finish();
        }
        let end = self.done.saturating_add(self.chunk).min(self.total);
        self.outcome.merge(self.simulator.run(self.done..end));
        self.done = end;
        if self.is_done() {
            return self.finish();
        }
        let summary = (self.done >= self.next_summary)
            .then(|| {
                self.next_summary = self.done.saturating_mul(2);
                self.outcome.summary(&self.levels).ok()
            })
            .flatten();
        Reply::Progress {
            done: self.done,
            total: self.total,
            summary,
        }
    }

    /// The summary of the paths run so far, as the run's end (cancelled when some are left).
    pub fn finish(&self) -> Reply {
        Reply::Finished {
            summary: self
                .outcome
                .summary(&self.levels)
                .map_err(|e| e.to_string()),
            cancelled: !self.is_done(),
        }
    }
}

/// A command or reply as bytes.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Serialising these types into a growable buffer cannot fail (no map keys, no
    // unsupported types); an empty message would be refused by `decode`.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A command or reply from bytes.
///
/// # Errors
/// Words saying the message is damaged or of another version.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("a simulation message did not decode ({e})"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{history, setup};
    use super::super::{Model, Simulator};
    use super::*;
    use proptest::prelude::*;

    fn request(paths: u64, chunk: u64) -> Request {
        Request {
            log_returns: history(200),
            setup: setup(Model::Bootstrap { mean_block: 5.0 }),
            paths,
            chunk,
        }
    }

    /// Steps `job` to its end: the interim summaries' path counts and the last reply.
    fn drive(job: &mut Job) -> (Vec<usize>, Reply) {
        let mut interim = Vec::new();
        loop {
            match job.step() {
                Reply::Progress { summary, .. } => interim.extend(summary.map(|s| s.paths)),
                last => return (interim, last),
            }
        }
    }

    #[test]
    fn a_job_in_steps_summarises_the_same_paths_as_one_run() {
        let whole = {
            let r = request(1_000, 1);
            Simulator::new(&r.log_returns, r.setup)
                .expect("valid")
                .run(0..1_000)
                .summary(&SummaryLevels::default())
                .expect("summary")
        };
        for chunk in [7, 100, 1_000, 5_000] {
            let (_, last) = drive(&mut Job::new(request(1_000, chunk)).expect("valid"));
            assert_eq!(
                last,
                Reply::Finished {
                    summary: Ok(whole.clone()),
                    cancelled: false
                },
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn interim_summaries_come_each_time_the_paths_double() {
        let (interim, _) = drive(&mut Job::new(request(1_000, 10)).expect("valid"));
        assert_eq!(interim, [10, 20, 40, 80, 160, 320, 640]);
    }

    #[test]
    fn a_cancelled_job_reports_the_paths_it_ran() {
        let mut job = Job::new(request(1_000, 100)).expect("valid");
        for _ in 0..3 {
            assert!(
                matches!(job.step(), Reply::Progress { done, total: 1_000, .. } if done <= 300)
            );
        }
        let r = request(1, 1);
        let first_300 = Simulator::new(&r.log_returns, r.setup)
            .expect("valid")
            .run(0..300)
            .summary(&SummaryLevels::default())
            .expect("summary");
        assert_eq!(
            job.finish(),
            Reply::Finished {
                summary: Ok(first_300),
                cancelled: true
            }
        );
    }

    #[test]
    fn a_bad_request_is_refused_and_too_few_paths_say_why() {
        assert!(Job::new(request(10, 0)).is_err());
        let mut bad = request(10, 5);
        bad.setup.horizon = 0;
        assert!(Job::new(bad).is_err());
        let (_, last) = drive(&mut Job::new(request(1, 1)).expect("valid"));
        assert!(
            matches!(
                last,
                Reply::Finished {
                    summary: Err(_),
                    cancelled: false
                }
            ),
            "{last:?}"
        );
    }

    #[test]
    fn messages_round_trip_and_damaged_ones_are_errors() {
        let run = Command::Run(request(10, 5));
        assert_eq!(decode::<Command>(&encode(&run)), Ok(run.clone()));
        let input = UncertaintyInput {
            prices: (0..60).map(|t| 100.0 + f64::from(t).sin()).collect(),
            periods_per_year: 365.0,
            confidence: 0.95,
            horizon: 10,
            config: crate::report::VIEW_UNCERTAINTY,
            seed: 1,
        };
        let intervals = Command::Intervals(input.clone());
        assert_eq!(decode::<Command>(&encode(&intervals)), Ok(intervals));
        let answer = Reply::Intervals(input.compute());
        assert_eq!(decode::<Reply>(&encode(&answer)), Ok(answer));
        let (_, finished) = drive(&mut Job::new(request(10, 5)).expect("valid"));
        assert_eq!(decode::<Reply>(&encode(&finished)), Ok(finished));
        let bytes = encode(&run);
        assert!(decode::<Command>(&bytes[..bytes.len() / 2]).is_err());
        assert!(decode::<Command>(&[]).is_err());
        assert!(decode::<Reply>(&[200]).is_err());
    }

    proptest! {
        #[test]
        fn any_bytes_decode_or_fail_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode::<Command>(&bytes);
            let _ = decode::<Reply>(&bytes);
        }
    }
}
