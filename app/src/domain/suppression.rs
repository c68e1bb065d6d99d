//! Small-number suppression: counts from 1 to 4 could identify a young
//! person, so reports and dashboards show them as "fewer than 5". Where a
//! shown total would let one hidden count be worked out by subtraction, a
//! second count is withheld too (whatever its size, so it says "withheld",
//! not "fewer than 5").

use serde::{Deserialize, Serialize};

/// The smallest count that is shown as a number (0 is shown too: nobody can
/// be identified by it).
pub const SMALLEST_SHOWN: u32 = 5;

/// A count as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Count(u32),
    FewerThanFive,
    /// Hidden only so that a small count beside it cannot be worked out.
    Withheld,
}

impl Shown {
    pub fn of(count: u32) -> Shown {
        if count == 0 || count >= SMALLEST_SHOWN {
            Shown::Count(count)
        } else {
            Shown::FewerThanFive
        }
    }

    pub fn count(self) -> Option<u32> {
        match self {
            Shown::Count(count) => Some(count),
            Shown::FewerThanFive | Shown::Withheld => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        self.count().is_none()
    }

    /// Its share of a total, in whole per cent, when both may be shown.
    pub fn percent_of(self, total: Shown) -> Option<u32> {
        match (self.count(), total.count()) {
            (Some(part), Some(total)) if total > 0 => {
                Some(((f64::from(part) * 100.0) / f64::from(total)).round() as u32)
            }
            _ => None,
        }
    }

    pub fn label(self) -> String {
        match self {
            Shown::Count(count) => count.to_string(),
            Shown::FewerThanFive => "fewer than 5".into(),
            Shown::Withheld => "withheld".into(),
        }
    }
}

/// The cells of one breakdown whose total is shown. When only one cell would
/// be hidden, the total would give it away by subtraction, so the smallest
/// other non-zero cell is withheld with it.
pub fn suppress_cells(counts: &[u32]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = counts.iter().map(|&count| Shown::of(count)).collect();
    let hidden = shown.iter().filter(|s| s.is_hidden()).count();
    if hidden == 1 {
        let partner = counts
            .iter()
            .enumerate()
            .filter(|(i, &count)| count > 0 && !shown[*i].is_hidden())
            .min_by_key(|(_, &count)| count)
            .map(|(i, _)| i);
        if let Some(i) = partner {
            shown[i] = Shown::Withheld;
        }
    }
    shown
}

/// A breakdown with its total: the cells suppressed together, and the total
/// (their sum) as it may be shown on its own line.
pub fn suppress_with_total(counts: &[u32]) -> (Vec<Shown>, Shown) {
    (suppress_cells(counts), Shown::of(counts.iter().sum()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_four_are_hidden_zero_and_five_are_shown() {
        assert_eq!(Shown::of(0), Shown::Count(0));
        for n in 1..=4 {
            assert_eq!(Shown::of(n), Shown::FewerThanFive);
        }
        assert_eq!(Shown::of(5), Shown::Count(5));
        assert_eq!(Shown::of(4).label(), "fewer than 5");
    }

    #[test]
    fn percentages_only_between_shown_counts() {
        assert_eq!(Shown::of(5).percent_of(Shown::of(20)), Some(25));
        assert_eq!(Shown::of(2).percent_of(Shown::of(20)), None);
        assert_eq!(Shown::of(5).percent_of(Shown::of(3)), None);
        assert_eq!(Shown::of(0).percent_of(Shown::of(0)), None);
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_next_smallest_with_it() {
        // Total 16: hiding only the 1 would let anyone work it out.
        let cells = suppress_cells(&[1, 6, 9, 0]);
        assert_eq!(Shown::Withheld.label(), "withheld");
        assert_eq!(
            cells,
            vec![
                Shown::FewerThanFive,
                Shown::Withheld,
                Shown::Count(9),
                Shown::Count(0)
            ]
        );
    }

    #[test]
    fn two_hidden_cells_need_nothing_more() {
        assert_eq!(
            suppress_cells(&[2, 3, 10]),
            vec![Shown::FewerThanFive, Shown::FewerThanFive, Shown::Count(10)]
        );
        assert_eq!(
            suppress_cells(&[5, 0, 7]),
            vec![Shown::Count(5), Shown::Count(0), Shown::Count(7)]
        );
    }

    #[test]
    fn a_total_is_hidden_when_it_is_small_and_gives_nothing_away_when_shown() {
        // A group of 3 and nobody else: the 3 is hidden, and so is the total.
        assert_eq!(
            suppress_with_total(&[3, 0]),
            (
                vec![Shown::FewerThanFive, Shown::Count(0)],
                Shown::FewerThanFive
            )
        );
        // A group of 3 beside 7 and 20: the 7 is withheld with the 3, so the shown
        // total of 30 less the 20 leaves 10 between two hidden cells.
        let (cells, total) = suppress_with_total(&[3, 7, 20]);
        assert_eq!(
            cells,
            vec![Shown::FewerThanFive, Shown::Withheld, Shown::Count(20)]
        );
        assert_eq!(total, Shown::Count(30));
    }

    #[test]
    fn no_lone_hidden_cell_can_be_worked_out_from_a_shown_total() {
        // Every breakdown of up to four cells of 0 to 9: wherever the total
        // is shown, no hidden cell equals the total less the shown cells
        // unless at least two cells are hidden.
        for n in 0..10_000u32 {
            let counts: Vec<u32> = (0..4).map(|i| (n / 10u32.pow(i)) % 10).collect();
            let (cells, total) = suppress_with_total(&counts);
            let hidden = cells.iter().filter(|c| c.is_hidden()).count();
            if !total.is_hidden() && total != Shown::Count(0) {
                assert_ne!(hidden, 1, "{counts:?} leaves one cell to subtract");
            }
            for (count, cell) in counts.iter().zip(&cells) {
                if (1..5).contains(count) {
                    assert_eq!(*cell, Shown::FewerThanFive, "{counts:?}");
                }
            }
        }
    }
}
