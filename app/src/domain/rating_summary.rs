//! What a group of face-scale ratings adds up to, with small numbers
//! suppressed: how many, how they spread over the faces, the mean, and the
//! change since the previous period.

use super::suppression::{suppress_cells, Shown, SMALLEST_SHOWN};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingSummary {
    pub ratings: Shown,
    /// Faces 1 to 5, then "not sure"; empty when the group is too small.
    pub spread: Vec<Shown>,
    /// The mean face (1-5) of those who chose a face, when at least five did.
    pub mean: Option<f64>,
}

/// Summarises ratings: `None` is "not sure".
pub fn summarise(ratings: &[Option<u8>]) -> RatingSummary {
    let total = ratings.len() as u32;
    let mut counts = [0u32; 6];
    for rating in ratings {
        let cell = match rating {
            Some(score @ 1..=5) => usize::from(*score) - 1,
            _ => 5,
        };
        counts[cell] += 1;
    }
    let scores: Vec<u8> = ratings.iter().flatten().copied().collect();
    let mean = (scores.len() as u32 >= SMALLEST_SHOWN).then(|| {
        let sum: u32 = scores.iter().map(|&s| u32::from(s)).sum();
        f64::from(sum) / scores.len() as f64
    });
    let ratings = Shown::of(total);
    let spread = if ratings.is_hidden() {
        Vec::new()
    } else {
        suppress_cells(&counts)
    };
    RatingSummary {
        ratings,
        spread,
        mean,
    }
}

/// How far the mean moved since the previous period, when both means can be
/// shown.
pub fn change_since(now: &RatingSummary, before: &RatingSummary) -> Option<f64> {
    Some(now.mean? - before.mean?)
}

/// "up 0.4", "down 1.2", "no change", rounded to one decimal place.
pub fn describe_change(change: Option<f64>) -> String {
    match change {
        None => "not enough ratings to compare".into(),
        Some(delta) if delta.abs() < 0.05 => "no change".into(),
        Some(delta) if delta > 0.0 => format!("up {delta:.1}"),
        Some(delta) => format!("down {:.1}", delta.abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings(scores: &[u8], not_sure: usize) -> Vec<Option<u8>> {
        scores
            .iter()
            .map(|&s| Some(s))
            .chain(std::iter::repeat_n(None, not_sure))
            .collect()
    }

    #[test]
    fn a_group_under_five_shows_nothing_but_that() {
        let summary = summarise(&ratings(&[5, 5, 4, 1], 0));
        assert_eq!(summary.ratings, Shown::FewerThanFive);
        assert!(summary.spread.is_empty());
        assert_eq!(summary.mean, None);
    }

    #[test]
    fn spread_and_mean_of_a_large_enough_group() {
        let summary = summarise(&ratings(&[5, 5, 5, 5, 5, 4, 4, 4, 4, 4], 0));
        assert_eq!(summary.ratings, Shown::Count(10));
        assert_eq!(
            summary.spread,
            vec![
                Shown::Count(0),
                Shown::Count(0),
                Shown::Count(0),
                Shown::Count(5),
                Shown::Count(5),
                Shown::Count(0)
            ]
        );
        assert_eq!(summary.mean, Some(4.5));
    }

    #[test]
    fn not_sure_counts_as_a_rating_but_not_in_the_mean() {
        let summary = summarise(&ratings(&[2, 2, 2, 2], 6));
        assert_eq!(summary.ratings, Shown::Count(10));
        assert_eq!(summary.mean, None, "only four chose a face");
        assert_eq!(summary.spread[1], Shown::FewerThanFive);
        assert_eq!(
            summary.spread[5],
            Shown::Withheld,
            "hidden too, or the 4 could be worked out"
        );
    }

    #[test]
    fn change_needs_both_means() {
        let before = summarise(&ratings(&[3, 3, 3, 3, 3], 0));
        let now = summarise(&ratings(&[4, 4, 4, 3, 3, 5], 0));
        let change = change_since(&now, &before);
        assert!((change.unwrap() - 0.8333).abs() < 0.001);
        assert_eq!(describe_change(change), "up 0.8");
        assert_eq!(describe_change(change_since(&before, &now)), "down 0.8");
        assert_eq!(describe_change(Some(0.01)), "no change");
        let small = summarise(&ratings(&[1, 1], 0));
        assert_eq!(change_since(&now, &small), None);
        assert_eq!(describe_change(None), "not enough ratings to compare");
    }
}
