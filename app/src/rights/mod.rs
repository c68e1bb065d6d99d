//! Right to Rights: young people raise a concern, ask for help or an
//! advocate, or pay a compliment, and follow it; advocates work the queue
//! against the statutory clock. Only advocates and admins ever see what a
//! young person wrote, and every time they open it the audit log says so.
//!
//! Free text anywhere in Voice that suggests harm is flagged for the duty
//! advocate here too (`safeguarding`).

pub mod admin;
#[cfg(feature = "ssr")]
pub mod flag_groups;
pub mod follow;
pub mod raise;
pub mod safeguarding;
#[cfg(feature = "ssr")]
pub mod store;
pub mod workspace;
#[cfg(feature = "ssr")]
pub mod writing_limits;

use crate::domain::concern::{ConcernKind, ConcernStatus, ContactMethod, Outcome};
use crate::domain::paging::Filtered;
use crate::domain::stored_enum::stored_enum;
use crate::domain::working_days::ClockState;
use crate::domain::ConcernId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A concern being written, before it is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Draft {
    pub id: ConcernId,
    pub kind: ConcernKind,
    pub details: String,
    pub wanted: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_number: String,
    pub safe_times: String,
    /// The listed phrase its words contained, if any.
    pub harm_phrase: Option<String>,
    /// A fresh key for the send form, so a retried send counts once.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub submission_key: String,
}

stored_enum! {
    /// Who wrote a message on a concern, as the reader sees it.
    pub enum MessageKind as "kind of message" {
        /// From an advocate to the young person.
        Reply = "reply" => "Reply",
        /// From the young person.
        YoungPerson = "young_person" => "Young person",
        /// An advocate's internal note: never shown to the young person.
        Note = "note" => "Internal note",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub kind: MessageKind,
    /// The advocate's name; empty for the young person's own messages.
    pub author: String,
    pub body: String,
    /// When, as words: "3 Dec 2026 14:05 UK time".
    pub at: String,
}

/// A sent concern as the young person who raised it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyConcern {
    pub id: ConcernId,
    pub reference: String,
    pub kind: ConcernKind,
    pub status: ConcernStatus,
    pub stage: i64,
    pub details: String,
    pub wanted: String,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub outcome: Option<Outcome>,
    /// Replies and their own messages, oldest first; never internal notes.
    pub messages: Vec<Message>,
}

/// One line of the advocates' queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: ConcernId,
    pub reference: String,
    pub kind: ConcernKind,
    pub status: ConcernStatus,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub clock: ClockState,
    pub extended: bool,
    pub allocated_to: Option<String>,
    pub flagged: bool,
}

/// Free text flagged for the duty advocate, as the queue lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagSummary {
    pub id: String,
    pub place: String,
    pub raised_at: String,
    pub anonymous: bool,
    pub contact_wanted: Option<bool>,
    /// How many times the same anonymous words were sent (1: once); see
    /// `flag_groups`.
    pub times_sent: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub flags: Vec<FlagSummary>,
    pub concerns: Filtered<QueueFilter, QueueItem>,
}

stored_enum! {
    /// Whose items the queue shows.
    pub enum Whose as "whose items" {
        Mine = "mine" => "Given to me",
        Unallocated = "unallocated" => "Not given to anyone yet",
    }
}

/// Which open items the advocates' queue shows, from its address. A value
/// that is not one of the choices filters nothing rather than failing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub whose: Option<Whose>,
    pub kind: Option<ConcernKind>,
    pub overdue_only: bool,
    pub flagged_only: bool,
    /// Part of a reference, any case ("7k4q" finds RTR-7K4Q).
    pub reference: String,
}

impl QueueFilter {
    pub fn parse(
        whose: Option<&str>,
        kind: Option<&str>,
        overdue: Option<&str>,
        flagged: Option<&str>,
        reference: Option<&str>,
    ) -> QueueFilter {
        QueueFilter {
            whose: whose.and_then(Whose::parse),
            kind: kind.and_then(ConcernKind::parse),
            overdue_only: overdue == Some("yes"),
            flagged_only: flagged == Some("yes"),
            reference: reference
                .unwrap_or_default()
                .trim()
                .chars()
                .take(40)
                .collect::<String>()
                .to_uppercase(),
        }
    }

    /// Whether the queue shows `item`; `mine` says it is given to the viewer.
    pub fn keeps(&self, item: &QueueItem, mine: bool) -> bool {
        let whose = match self.whose {
            None => true,
            Some(Whose::Mine) => mine,
            Some(Whose::Unallocated) => item.allocated_to.is_none(),
        };
        whose
            && self.kind.is_none_or(|kind| kind == item.kind)
            && (!self.overdue_only || item.clock == ClockState::Overdue)
            && (!self.flagged_only || item.flagged)
            && item.reference.to_uppercase().contains(&self.reference)
    }

    /// The filters as the queue's address carries them.
    pub fn address_pairs(&self) -> [(&'static str, String); 5] {
        let yes = |on: bool| if on { "yes" } else { "" }.to_string();
        [
            (
                "whose",
                self.whose.map(Whose::as_str).unwrap_or_default().into(),
            ),
            (
                "kind",
                self.kind
                    .map(ConcernKind::as_str)
                    .unwrap_or_default()
                    .into(),
            ),
            ("overdue", yes(self.overdue_only)),
            ("flagged", yes(self.flagged_only)),
            ("reference", self.reference.clone()),
        ]
    }
}

/// Everything an advocate sees of one concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub item: QueueItem,
    pub young_person: String,
    pub details: String,
    pub wanted: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_number: String,
    pub safe_times: String,
    pub harm_phrase: Option<String>,
    pub extension_reason: Option<String>,
    pub stage: i64,
    pub outcome: Option<Outcome>,
    /// Replies, the young person's messages and internal notes, oldest first.
    pub messages: Vec<Message>,
    /// Advocates it can be given to: (account id, name).
    pub advocates: Vec<(crate::domain::AccountId, String)>,
}

/// A flagged piece of writing, as the advocate opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub summary: FlagSummary,
    pub words: String,
    pub phrase: String,
    /// The young person's name when they were signed in.
    pub young_person: Option<String>,
    pub contact_name: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_number: String,
    pub safe_times: String,
    pub handled: Option<String>,
}

/// Where someone is sent after writing something that suggests harm: the
/// help panel, and the question whether they want someone to contact them.
#[cfg(feature = "ssr")]
pub fn safety_check_path(flag_id: &str, then: &str) -> String {
    let then: String = form_urlencoded::byte_serialize(then.as_bytes()).collect();
    format!("/safe/{flag_id}?then={then}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_safety_check_returns_to_where_they_were() {
        assert_eq!(
            safety_check_path("ab12", "/s/link/resp/questions/3"),
            "/safe/ab12?then=%2Fs%2Flink%2Fresp%2Fquestions%2F3"
        );
        assert_eq!(
            safety_check_path("ab12", "/x?y=1&z"),
            "/safe/ab12?then=%2Fx%3Fy%3D1%26z"
        );
    }

    #[test]
    fn message_kinds_round_trip() {
        for kind in [
            MessageKind::Reply,
            MessageKind::YoungPerson,
            MessageKind::Note,
        ] {
            assert_eq!(MessageKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MessageKind::parse("other"), None);
    }

    fn item(
        reference: &str,
        kind: ConcernKind,
        clock: ClockState,
        allocated: bool,
        flagged: bool,
    ) -> QueueItem {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        QueueItem {
            id: ConcernId::from(reference.to_string()),
            reference: reference.into(),
            kind,
            status: ConcernStatus::Received,
            received_on: day,
            due_on: day,
            clock,
            extended: false,
            allocated_to: allocated.then(|| "Ash".into()),
            flagged,
        }
    }

    #[test]
    fn the_queue_shows_only_what_every_filter_keeps() {
        let [complaint, other] = [ConcernKind::ALL[0], ConcernKind::ALL[1]];
        let late_mine = item("RTR-7K4Q", complaint, ClockState::Overdue, true, false);
        let new_flagged = item("RTR-2B9X", other, ClockState::OnTime, false, true);
        let everything = QueueFilter::default();
        assert!(everything.keeps(&late_mine, true) && everything.keeps(&new_flagged, false));

        let mine = QueueFilter::parse(Some("mine"), None, None, None, None);
        assert!(mine.keeps(&late_mine, true) && !mine.keeps(&new_flagged, false));
        let unallocated = QueueFilter::parse(Some("unallocated"), None, None, None, None);
        assert!(!unallocated.keeps(&late_mine, false) && unallocated.keeps(&new_flagged, false));
        let of_kind = QueueFilter::parse(None, Some(other.as_str()), None, None, None);
        assert!(!of_kind.keeps(&late_mine, true) && of_kind.keeps(&new_flagged, false));
        let overdue = QueueFilter::parse(None, None, Some("yes"), None, None);
        assert!(overdue.keeps(&late_mine, true) && !overdue.keeps(&new_flagged, false));
        let flagged = QueueFilter::parse(None, None, None, Some("yes"), None);
        assert!(!flagged.keeps(&late_mine, true) && flagged.keeps(&new_flagged, false));
        let by_reference = QueueFilter::parse(None, None, None, None, Some(" 7k4 "));
        assert!(by_reference.keeps(&late_mine, true) && !by_reference.keeps(&new_flagged, false));
    }

    #[test]
    fn a_queue_filter_it_does_not_understand_filters_nothing() {
        let filter =
            QueueFilter::parse(Some("theirs"), Some("rumour"), Some("1"), Some("on"), None);
        assert_eq!(filter, QueueFilter::default());
    }
}
