//! Repeats in the duty advocate's queue. One visitor can send the same
//! words again and again; listed one by one they would bury the flag of a
//! young person who needs someone. Anonymous writing repeated word for word
//! from the same place within an hour, where nobody asked to be contacted,
//! shows once with how many times it was sent. Anything else, and anything
//! from a signed-in young person or asking for contact, shows on its own.

use super::store::FlagRow;
use chrono::Duration;
use std::collections::HashMap;

/// How long after the first of them repeats are counted together.
pub const REPEAT_WINDOW: Duration = Duration::hours(1);

/// Open flags that show as one line of the queue: the first and the ids of
/// all of them (the first included), oldest first.
pub struct FlagGroup<'a> {
    pub first: &'a FlagRow,
    pub ids: Vec<&'a str>,
}

fn is_repeatable(row: &FlagRow) -> bool {
    row.account_id.is_none() && row.contact_wanted.as_deref() != Some("yes")
}

/// The words as compared: case and spacing do not make writing different.
fn same_words(words: &str) -> String {
    words
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups `rows` (oldest first, as the queue reads them).
pub fn group_repeats(rows: &[FlagRow]) -> Vec<FlagGroup<'_>> {
    let mut groups: Vec<FlagGroup<'_>> = Vec::new();
    let mut latest: HashMap<(&str, String), usize> = HashMap::new();
    for row in rows {
        if !is_repeatable(row) {
            groups.push(FlagGroup {
                first: row,
                ids: vec![&row.id],
            });
            continue;
        }
        let key = (row.place.as_str(), same_words(&row.words));
        let joins = latest
            .get(&key)
            .copied()
            .filter(|&index| row.raised_at.0 - groups[index].first.raised_at.0 <= REPEAT_WINDOW);
        match joins {
            Some(index) => groups[index].ids.push(&row.id),
            None => {
                latest.insert(key, groups.len());
                groups.push(FlagGroup {
                    first: row,
                    ids: vec![&row.id],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stored::StoredTime;
    use chrono::DateTime;

    fn row(id: &str, words: &str, minute: i64) -> FlagRow {
        FlagRow {
            id: id.into(),
            place: "Survey: Where you live, question 2".into(),
            words: words.into(),
            phrase: "want to die".into(),
            account_id: None,
            young_person: None,
            raised_at: StoredTime(DateTime::from_timestamp(minute * 60, 0).expect("a time")),
            contact_wanted: None,
            contact_name: String::new(),
            contact_method: None,
            contact_number: String::new(),
            safe_times: String::new(),
            handled_at: None,
            handled_by_name: None,
            handled_note: String::new(),
        }
    }

    fn shape(groups: &[FlagGroup<'_>]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.ids.iter().map(|id| id.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_same_words_within_the_hour_show_once() {
        let rows = [
            row("a", "I want to die", 0),
            row("b", "i  want to DIE", 1),
            row("c", "my dad hits me", 2),
            row("d", "I want to die", 59),
            row("e", "I want to die", 61),
        ];
        assert_eq!(
            shape(&group_repeats(&rows)),
            [vec!["a", "b", "d"], vec!["c"], vec!["e"]]
        );
    }

    #[test]
    fn signed_in_writers_and_requests_for_contact_always_show_on_their_own() {
        let mut signed_in = row("b", "I want to die", 1);
        signed_in.account_id = Some("jordan".into());
        let mut asking = row("c", "I want to die", 2);
        asking.contact_wanted = Some("yes".into());
        let mut declined = row("d", "I want to die", 3);
        declined.contact_wanted = Some("no".into());
        let rows = [row("a", "I want to die", 0), signed_in, asking, declined];
        assert_eq!(
            shape(&group_repeats(&rows)),
            [vec!["a", "d"], vec!["b"], vec!["c"]]
        );
    }

    #[test]
    fn another_place_is_another_group() {
        let mut elsewhere = row("b", "I want to die", 1);
        elsewhere.place = "Forum session: December LACC".into();
        let rows = [row("a", "I want to die", 0), elsewhere];
        assert_eq!(shape(&group_repeats(&rows)), [vec!["a"], vec!["b"]]);
    }
}
