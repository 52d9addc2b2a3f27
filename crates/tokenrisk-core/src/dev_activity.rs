//! Development activity from GitHub's weekly commit counts: commits over recent windows,
//! summed across a project's repositories, and their trend.
//!
//! GitHub counts commits on the default branch, merge commits excluded; a repository with
//! squash merges counts one commit per merged pull request. Counts compare a project with its
//! own past better than with other projects.

use std::collections::BTreeMap;

/// Commits in one week of one repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyCommits {
    /// Start of the week (Sunday 00:00 UTC), Unix seconds.
    pub week: i64,
    /// Commits in the week.
    pub total: u32,
    /// Commits per day, Sunday first.
    pub days: [u32; 7],
}

/// Commit counts of one project over recent weeks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ActivitySummary {
    /// Weeks of data (at most 52).
    pub weeks: usize,
    /// Commits in the last 4 weeks.
    pub last_4_weeks: u64,
    /// Commits in the last 13 weeks (a quarter).
    pub last_13_weeks: u64,
    /// Commits in the 13 weeks before those.
    pub previous_13_weeks: u64,
    /// Commits in all the weeks.
    pub total: u64,
}

impl ActivitySummary {
    /// The quarter's change against the quarter before: `last_13 / previous_13 − 1`, or `None`
    /// without 26 weeks of data or with no commits in the earlier quarter.
    pub fn quarter_trend(&self) -> Option<f64> {
        (self.weeks >= 26 && self.previous_13_weeks > 0)
            .then(|| self.last_13_weeks as f64 / self.previous_13_weeks as f64 - 1.0)
    }
}

/// Weekly commits summed across repositories, by week start (Unix seconds), oldest first.
pub fn combined_weeks(repositories: &[Vec<WeeklyCommits>]) -> Vec<(i64, u64)> {
    let mut weeks: BTreeMap<i64, u64> = BTreeMap::new();
    for week in repositories.iter().flatten() {
        *weeks.entry(week.week).or_default() += u64::from(week.total);
    }
    weeks.into_iter().collect()
}

/// Sums of the newest weeks of `weeks` (oldest first, as [`combined_weeks`] gives them).
pub fn summarise(weeks: &[(i64, u64)]) -> ActivitySummary {
    let newest = |n: usize, skip: usize| -> u64 {
        weeks.iter().rev().skip(skip).take(n).map(|(_, c)| c).sum()
    };
    ActivitySummary {
        weeks: weeks.len(),
        last_4_weeks: newest(4, 0),
        last_13_weeks: newest(13, 0),
        previous_13_weeks: newest(13, 13),
        total: newest(weeks.len(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weeks(counts: &[u32], start: i64) -> Vec<WeeklyCommits> {
        counts
            .iter()
            .enumerate()
            .map(|(i, &total)| WeeklyCommits {
                week: start + i as i64 * 604_800,
                total,
                days: [0, total, 0, 0, 0, 0, 0],
            })
            .collect()
    }

    #[test]
    fn repositories_add_up_by_week() {
        let a = weeks(&[1, 2, 3], 0);
        let b = weeks(&[10, 20], 604_800);
        assert_eq!(
            combined_weeks(&[a, b]),
            vec![(0, 1), (604_800, 12), (1_209_600, 23)]
        );
    }

    #[test]
    fn windows_and_trend_by_hand() {
        // 26 weeks: 13 of 2 commits, then 13 of 3.
        let counts: Vec<u32> = [2; 13].into_iter().chain([3; 13]).collect();
        let summary = summarise(&combined_weeks(&[weeks(&counts, 0)]));
        assert_eq!(summary.weeks, 26);
        assert_eq!(summary.last_4_weeks, 12);
        assert_eq!(summary.last_13_weeks, 39);
        assert_eq!(summary.previous_13_weeks, 26);
        assert_eq!(summary.total, 65);
        assert!((summary.quarter_trend().expect("valid") - 0.5).abs() < 1e-12);
        let short = summarise(&combined_weeks(&[weeks(&[5; 10], 0)]));
        assert_eq!(short.quarter_trend(), None);
        assert_eq!(short.last_13_weeks, 50);
    }
}
