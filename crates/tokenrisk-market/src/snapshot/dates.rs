//! A series' dates as the snapshot writes them (schema 2): the first date and the number of
//! days between consecutive dates, `{"start":"2018-01-01","steps":[1,1,3,…]}`. Writing every
//! date (schema 1) made them a quarter of the gzipped snapshot; steps compress to almost
//! nothing. Both forms are read. In memory a series keeps its `YYYY-MM-DD` strings, so
//! nothing else changes.
//!
//! Reading never panics and never runs away: a step of 0 or one past the year 9999 ends the
//! list with a marker that is not a date, so [`super::SnapshotSeries::validate`] rejects that
//! series (and only it) with `BadDate`; as dates increase and stay within 1900–9999, a list
//! expands to at most about three million dates, whatever the input.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tokenrisk_core::time::{is_supported_unix, Date};

/// The compact form.
#[derive(Debug, Serialize, Deserialize)]
struct Steps {
    start: String,
    steps: Vec<u32>,
}

/// What a snapshot may hold: the list (schema 1) or the steps (schema 2).
#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    List(Vec<String>),
    Steps(Steps),
}

/// Writes `dates` as steps when they are valid increasing dates, else as they are (so that
/// reading them back reports the same problem).
pub fn serialize<S: Serializer>(dates: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    match to_steps(dates) {
        Some(steps) => steps.serialize(serializer),
        None => dates.serialize(serializer),
    }
}

/// Reads either form into the list of dates.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match Written::deserialize(deserializer)? {
        Written::List(dates) => dates,
        Written::Steps(steps) => expand(&steps),
    })
}

fn to_steps(dates: &[String]) -> Option<Steps> {
    let (first, _) = dates.split_first()?;
    let days: Vec<i32> = dates
        .iter()
        .map(|d| Date::parse_iso(d).map(Date::days))
        .collect::<Option<_>>()?;
    let steps = days
        .windows(2)
        .map(|w| u32::try_from(w[1] - w[0]).ok().filter(|&s| s > 0))
        .collect::<Option<_>>()?;
    Some(Steps {
        start: first.clone(),
        steps,
    })
}

fn expand(written: &Steps) -> Vec<String> {
    let mut dates = vec![written.start.clone()];
    let Some(mut day) = Date::parse_iso(&written.start) else {
        return dates; // not a date: validation names it
    };
    for &step in &written.steps {
        let next = day.to_unix() + i64::from(step) * 86_400;
        if step == 0 || !is_supported_unix(next) {
            dates.push(format!("{day} + {step} days"));
            break;
        }
        day = Date::from_unix(next);
        dates.push(day.to_string());
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(dates: &[&str]) -> Vec<String> {
        dates.iter().map(|d| (*d).to_owned()).collect()
    }

    #[test]
    fn dates_are_written_as_steps_and_read_back_in_both_forms() {
        // A week of trading days across a weekend and a month end.
        let dates = list(&["2026-01-29", "2026-01-30", "2026-02-02", "2026-02-03"]);
        let steps = to_steps(&dates).expect("valid dates");
        assert_eq!(steps.start, "2026-01-29");
        assert_eq!(steps.steps, [1, 3, 1]);
        assert_eq!(expand(&steps), dates);
        assert_eq!(
            expand(&Steps {
                start: "2024-02-28".into(),
                steps: vec![1, 1]
            }),
            list(&["2024-02-28", "2024-02-29", "2024-03-01"])
        );
    }

    #[test]
    fn bad_dates_are_written_as_they_are_and_bad_steps_end_in_a_marker() {
        assert!(to_steps(&list(&["2026-01-02", "2026-01-01"])).is_none());
        assert!(to_steps(&list(&["2026-01-01", "2026-01-01"])).is_none());
        assert!(to_steps(&list(&["yesterday"])).is_none());
        assert!(to_steps(&[]).is_none());
        let zero = expand(&Steps {
            start: "2026-01-01".into(),
            steps: vec![1, 0, 1],
        });
        assert_eq!(
            zero,
            list(&["2026-01-01", "2026-01-02", "2026-01-02 + 0 days"])
        );
        let far = expand(&Steps {
            start: "9999-12-30".into(),
            steps: vec![1, u32::MAX, 1],
        });
        assert_eq!(far.len(), 3);
        assert!(Date::parse_iso(&far[2]).is_none(), "{far:?}");
        assert_eq!(
            expand(&Steps {
                start: "soon".into(),
                steps: vec![1; 1000]
            }),
            ["soon"]
        );
    }
}
