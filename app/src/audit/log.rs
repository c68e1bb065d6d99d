//! `/admin/audit`: the log in words, filtered by who, what, the thing it
//! was done to and the days, newest first, a page at a time.

use super::AuditAction;
use crate::components::list_filters::{choices, FilterForm, FilterSelect, FilterText, ResultCount};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::components::pager::Pager;
use crate::domain::concern::{ConcernStatus, Outcome};
use crate::domain::day::Day;
use crate::domain::paging::Filtered;
use crate::domain::{AccountId, Role};
use crate::errors::VoiceError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// One line of the log, put into words for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    /// What it was done to: a name for an account, else the reference,
    /// id or name the action was recorded with.
    pub subject: String,
    pub detail: String,
}

/// Which lines the log shows, from its address. A value that is not one
/// of the choices filters nothing rather than failing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Whose actions (a member of staff's account).
    pub who: Option<AccountId>,
    pub action: Option<AuditAction>,
    /// Part of a reference, an id or an account's name.
    pub target: String,
    /// The first and last days (UK dates) to show, both included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    pub fn parse(
        who: Option<&str>,
        action: Option<&str>,
        target: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> AuditFilter {
        AuditFilter {
            who: who
                .map(str::trim)
                .filter(|who| !who.is_empty())
                .map(|who| AccountId::from(who.to_string())),
            action: action.and_then(AuditAction::parse),
            target: target
                .unwrap_or_default()
                .trim()
                .chars()
                .take(200)
                .collect(),
            from: from.and_then(Day::from_input),
            to: to.and_then(Day::from_input),
        }
    }

    /// The filters as the log's address carries them.
    pub fn address_pairs(&self) -> [(&'static str, String); 5] {
        let day = |day: Option<NaiveDate>| day.map(|day| Day(day).as_stored()).unwrap_or_default();
        [
            (
                "who",
                self.who
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            (
                "action",
                self.action
                    .map(AuditAction::as_str)
                    .unwrap_or_default()
                    .into(),
            ),
            ("target", self.target.clone()),
            ("from", day(self.from)),
            ("to", day(self.to)),
        ]
    }
}

/// A line's detail in words: the codes some actions record (a role, a
/// status, an outcome) read as the pages name them.
pub fn detail_in_words(action: AuditAction, detail: &str) -> String {
    let words = match action {
        AuditAction::AccountCreated => Role::parse(detail).map(Role::label),
        AuditAction::ConcernStatus => ConcernStatus::parse(detail).map(ConcernStatus::label),
        AuditAction::ConcernClosed => Outcome::parse(detail).map(Outcome::label),
        _ => None,
    };
    words.map_or_else(|| detail.to_string(), str::to_string)
}

/// A page of the log, and the choices its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub found: Filtered<AuditFilter, AuditEntry>,
    /// The staff whose actions the log can be filtered by.
    pub staff: Vec<(AccountId, String)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::{detail_in_words, AuditEntry, AuditFilter};
    use crate::audit::AuditAction;
    use crate::db::Db;
    use crate::domain::paging::PageNumber;
    use crate::domain::period::{uk_midnight, uk_time_words};
    use crate::domain::AccountId;
    use crate::listing::{contains_pattern, fetch_page, Conditions};
    use crate::stored::StoredTime;

    #[derive(sqlx::FromRow)]
    struct LineRow {
        at: StoredTime,
        actor: Option<String>,
        action: AuditAction,
        subject: String,
        subject_name: Option<String>,
        detail: String,
    }

    /// One page of the lines `filter` picks, newest first.
    pub async fn page(
        db: &Db,
        filter: &AuditFilter,
        page: PageNumber,
    ) -> Result<(Vec<AuditEntry>, PageNumber, u64), sqlx::Error> {
        let mut conditions = Conditions::default();
        if let Some(who) = &filter.who {
            conditions.add("l.actor_account_id = ?", who.to_string());
        }
        if let Some(action) = filter.action {
            conditions.add("l.action = ?", action.as_str());
        }
        if !filter.target.is_empty() {
            conditions.add(
                "(LOWER(l.subject) LIKE ? ESCAPE '\\' \
                 OR LOWER(COALESCE(subject_account.display_name, '')) LIKE ? ESCAPE '\\')",
                contains_pattern(&filter.target),
            );
        }
        if let Some(from) = filter.from {
            conditions.add("l.at >= ?", uk_midnight(from).timestamp());
        }
        if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
            conditions.add("l.at < ?", uk_midnight(to).timestamp());
        }
        let (rows, page, total) = fetch_page::<LineRow>(
            db,
            "l.at, actor.display_name AS actor, l.action, l.subject, \
             subject_account.display_name AS subject_name, l.detail",
            "FROM audit_log l \
             LEFT JOIN accounts actor ON actor.id = l.actor_account_id \
             LEFT JOIN accounts subject_account ON subject_account.id = l.subject",
            &conditions,
            "l.id DESC",
            page,
        )
        .await?;
        let entries = rows
            .into_iter()
            .map(|row| AuditEntry {
                at: uk_time_words(row.at.0),
                actor: row.actor.unwrap_or_else(|| "Voice (command line)".into()),
                subject: match (row.action.subject_kind(), row.subject_name) {
                    ("Account", Some(name)) => name,
                    _ => row.subject,
                },
                detail: detail_in_words(row.action, &row.detail),
                action: row.action,
            })
            .collect();
        Ok((entries, page, total))
    }

    /// Everyone but young people who has done something the log holds.
    pub async fn staff_in_log(db: &Db) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT a.id, a.display_name FROM audit_log l \
             JOIN accounts a ON a.id = l.actor_account_id \
             WHERE a.role <> 'young_person' ORDER BY a.display_name, a.id",
        )
        .fetch_all(db)
        .await
    }
}

/// The page of the log the address asks for. Admins only.
#[server(prefix = "/api", endpoint = "audit-entries")]
pub async fn audit_entries(
    who: Option<String>,
    action: Option<String>,
    target: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
) -> Result<AuditLog, VoiceError> {
    use crate::auth::ssr::require;
    use crate::domain::paging::PageNumber;
    use crate::errors::Context;

    let (_, state) = require(&[Role::Admin])?;
    let filter = AuditFilter::parse(
        who.as_deref(),
        action.as_deref(),
        target.as_deref(),
        from.as_deref(),
        to.as_deref(),
    );
    let (entries, page, total) = ssr::page(&state.db, &filter, PageNumber::parse(page.as_deref()))
        .await
        .context("read audit log")?;
    let staff = ssr::staff_in_log(&state.db).await.context("staff in log")?;
    let list = crate::listing::paged(
        entries,
        page,
        total,
        "/admin/audit",
        &filter.address_pairs(),
    );
    Ok(AuditLog {
        found: Filtered { filter, list },
        staff,
    })
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let address = use_query_map().get_untracked();
    let log = Resource::new_blocking(
        move || address.clone(),
        |address| {
            let get = |name: &str| address.get(name);
            audit_entries(
                get("who"),
                get("action"),
                get("target"),
                get("from"),
                get("to"),
                get("page"),
            )
        },
    );
    view! {
        <PageTitle text="Audit log"/>
        <RequireRole roles=&[Role::Admin]>
            <h1>"Audit log"</h1>
            <p>"What staff did in Voice, newest first. Times are UK time."</p>
            <ServerData resource=log let:log>
                <AuditFilters filter=log.found.filter staff=log.staff/>
                <ResultCount total=log.found.list.total one="action" many="actions"/>
                <ul class="card-list">
                    {log.found.list.items.into_iter().map(|entry| view! {
                        <li class="card">
                            <p class="card__title">{entry.action.label()}</p>
                            <dl class="facts">
                                <dt>"When"</dt><dd>{entry.at}</dd>
                                <dt>"Who"</dt><dd>{entry.actor}</dd>
                                <dt>{entry.action.subject_kind()}</dt><dd class="wrap">{entry.subject}</dd>
                                {(!entry.detail.is_empty()).then(|| view! { <dt>"Detail"</dt><dd>{entry.detail}</dd> })}
                            </dl>
                        </li>
                    }).collect_view()}
                </ul>
                <Pager links=log.found.list.links/>
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn AuditFilters(filter: AuditFilter, staff: Vec<(AccountId, String)>) -> impl IntoView {
    let [who, action, target, from, to] = filter.address_pairs().map(|(_, value)| value);
    let staff = staff
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <FilterForm action="/admin/audit" label="Find actions">
            <FilterSelect name="who" label="Who" any="Anyone" selected=who options=staff/>
            <FilterSelect name="action" label="What" any="Any action" selected=action
                options=choices(AuditAction::ALL, AuditAction::as_str, AuditAction::label)/>
            <FilterText name="target" label="Done to (a reference or a name)" value=target/>
            <FilterText name="from" label="From (day)" value=from input_type="date"/>
            <FilterText name="to" label="To (day)" value=to input_type="date"/>
        </FilterForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_keeps_what_it_understands_and_drops_the_rest() {
        let filter = AuditFilter::parse(
            Some(" "),
            Some("concern.status"),
            Some("  RTR-7K4Q "),
            Some("2026-03-01"),
            Some("yesterday"),
        );
        assert_eq!(filter.who, None);
        assert_eq!(filter.action, Some(AuditAction::ConcernStatus));
        assert_eq!(filter.target, "RTR-7K4Q");
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(filter.to, None);
        assert_eq!(
            AuditFilter::parse(None, Some("drop.tables"), None, None, None).action,
            None
        );
    }

    #[test]
    fn codes_in_a_detail_are_read_in_words_and_other_details_kept() {
        assert_eq!(
            detail_in_words(AuditAction::AccountCreated, "young_person"),
            "Young person"
        );
        assert_eq!(
            detail_in_words(AuditAction::ConcernClosed, "partly_resolved"),
            "Partly resolved"
        );
        assert_eq!(
            detail_in_words(AuditAction::BankHolidayAdded, "2026-12-25 Christmas"),
            "2026-12-25 Christmas"
        );
        assert_eq!(
            detail_in_words(AuditAction::ConcernStatus, "not a status"),
            "not a status"
        );
    }

    #[test]
    fn every_action_says_what_it_was_done_to() {
        for action in AuditAction::ALL {
            assert!(!action.subject_kind().is_empty());
        }
        assert_eq!(
            AuditAction::ConcernViewed.subject_kind(),
            "Right to Rights item"
        );
        assert_eq!(AuditAction::SnapshotSaved.subject_kind(), "Snapshot");
        assert_eq!(AuditAction::HarmPhrasesChanged.subject_kind(), "Setting");
    }
}
