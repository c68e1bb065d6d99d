//! The advocates' workspace: the queue (flagged writing first, then open
//! items by due date, overdue and due-soon ones marked), and one item at a
//! time with allocation, replies, internal notes, status, the extension and
//! the outcome. Every opening of an item is written to the audit log.

use super::follow::MessageList;
use super::{Case, Flag, Queue, QueueFilter, QueueItem, Whose};
use crate::components::fields::{ErrorSummary, RadioField, TextAreaField, VoiceForm};
use crate::components::list_filters::{
    choices, FilterCheckbox, FilterForm, FilterSelect, FilterText, ResultCount,
};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::components::pager::Pager;
use crate::domain::concern::{ConcernKind, ConcernStatus, Outcome};
use crate::domain::working_days::ClockState;
use crate::domain::{ConcernId, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Advocates work concerns; admins may too (PRODUCT.md).
pub const CASEWORKERS: &[Role] = &[Role::Advocate, Role::Admin];

#[cfg(feature = "ssr")]
mod ssr {
    use super::CASEWORKERS;
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::period::uk_date;
    use crate::domain::working_days::{clock_state, BankHolidays};
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::rights::store::{self, ConcernRow};
    use crate::rights::QueueItem;
    use crate::state::AppState;

    pub fn caseworker() -> Result<(SessionUser, AppState), VoiceError> {
        require(CASEWORKERS)
    }

    /// The open flags shown as one line with `flag_id` in the queue (itself
    /// included), or only `flag_id` when it is not open.
    pub async fn repeats_of(state: &AppState, flag_id: &str) -> Result<Vec<String>, VoiceError> {
        let open = store::open_flags(&state.db).await.context("flags")?;
        let group = crate::rights::flag_groups::group_repeats(&open)
            .into_iter()
            .find(|group| group.ids.contains(&flag_id))
            .map(|group| group.ids.into_iter().map(str::to_string).collect());
        Ok(group.unwrap_or_else(|| vec![flag_id.to_string()]))
    }

    pub async fn holidays(state: &AppState) -> Result<BankHolidays, VoiceError> {
        store::bank_holidays(&state.db)
            .await
            .context("bank holidays")
    }

    pub fn queue_item(row: &ConcernRow, state: &AppState, holidays: &BankHolidays) -> QueueItem {
        QueueItem {
            id: row.id.clone(),
            reference: row.reference.clone(),
            kind: row.kind(),
            status: row.status(),
            received_on: row.received_on(),
            due_on: row.due_on(),
            clock: clock_state(row.due_on(), uk_date(state.now()), holidays),
            extended: row.extension_reason.is_some(),
            allocated_to: row.allocated_name.clone(),
            flagged: row.harm_phrase.is_some(),
        }
    }

    /// The concern, for a change by a caseworker; None if there is none.
    pub async fn concern_to_change(
        concern_id: &crate::domain::ConcernId,
    ) -> Result<(SessionUser, AppState, Option<ConcernRow>), VoiceError> {
        let (user, state) = caseworker()?;
        let row = store::concern(&state.db, concern_id)
            .await
            .context("concern")?;
        Ok((user, state, row))
    }

    /// Every change is in the audit log, with the reference: written on
    /// the change's own transaction, `db`.
    pub async fn audit(
        db: impl crate::db::Runs<'_>,
        state: &AppState,
        user: &SessionUser,
        action: crate::audit::AuditAction,
        row: &ConcernRow,
        detail: &str,
    ) -> Result<(), VoiceError> {
        crate::audit::record(
            db,
            state.now(),
            Some(&user.account_id),
            action,
            &row.reference,
            detail,
        )
        .await
        .context("audit")
    }
}

const NO_SUCH_CONCERN: &str =
    "There is no such item. It may have been closed or the address is wrong.";

#[cfg(feature = "ssr")]
fn no_such_concern() -> FormReply<()> {
    FormReply::Invalid(crate::forms::FieldErrors::form(NO_SUCH_CONCERN))
}

fn case_path(id: &ConcernId) -> String {
    format!("/advocate/concerns/{id}")
}

/// The queue: flagged writing, and the page of open items the address asks for.
#[server(prefix = "/api", endpoint = "concern-queue")]
pub async fn concern_queue(
    whose: Option<String>,
    kind: Option<String>,
    overdue: Option<String>,
    flagged: Option<String>,
    reference: Option<String>,
    page: Option<String>,
) -> Result<Queue, VoiceError> {
    use crate::domain::paging::{Filtered, PageNumber, Paged};
    use crate::errors::Context;
    let (user, state) = ssr::caseworker()?;
    let filter = QueueFilter::parse(
        whose.as_deref(),
        kind.as_deref(),
        overdue.as_deref(),
        flagged.as_deref(),
        reference.as_deref(),
    );
    let holidays = ssr::holidays(&state).await?;
    let rows = super::store::open_concerns(&state.db)
        .await
        .context("queue")?;
    let flags = super::store::open_flags(&state.db).await.context("flags")?;
    // Open items are few enough to filter here, where the working-day
    // clock that says which are overdue is worked out.
    let kept = rows
        .iter()
        .filter_map(|row| {
            let item = ssr::queue_item(row, &state, &holidays);
            let mine = row.allocated_to.as_deref() == Some(user.account_id.as_str());
            filter.keeps(&item, mine).then_some(item)
        })
        .collect();
    let pairs = filter.address_pairs();
    let concerns = Paged::of_all(
        kept,
        PageNumber::parse(page.as_deref()),
        crate::listing::page_address("/advocate", &pairs),
    );
    Ok(Queue {
        flags: super::flag_groups::group_repeats(&flags)
            .iter()
            .map(|group| group.first.summary(group.ids.len()))
            .collect(),
        concerns: Filtered {
            filter,
            list: concerns,
        },
    })
}

/// Opens one concern, whole. Every opening is written to the audit log.
#[server(prefix = "/api", endpoint = "concern-case")]
pub async fn concern_case(concern_id: ConcernId) -> Result<Option<Case>, VoiceError> {
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else { return Ok(None) };
    ssr::audit(
        &state.db,
        &state,
        &user,
        crate::audit::AuditAction::ConcernViewed,
        &row,
        "",
    )
    .await?;
    let holidays = ssr::holidays(&state).await?;
    let messages = super::store::messages(&state.db, &row.id, true)
        .await
        .context("messages")?;
    let advocates = super::store::advocates(&state.db)
        .await
        .context("advocates")?;
    Ok(Some(Case {
        item: ssr::queue_item(&row, &state, &holidays),
        contact_method: row.contact_method,
        outcome: row.outcome(),
        young_person: row.young_person,
        details: row.details,
        wanted: row.wanted,
        contact_number: row.contact_number,
        safe_times: row.safe_times,
        harm_phrase: row.harm_phrase,
        extension_reason: row.extension_reason,
        stage: row.stage,
        messages,
        advocates,
    }))
}

#[server(prefix = "/api", endpoint = "allocate-concern")]
pub async fn allocate_concern(
    concern_id: ConcernId,
    advocate_id: Option<crate::domain::AccountId>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else {
        return Ok(no_such_concern());
    };
    let advocates = super::store::advocates(&state.db)
        .await
        .context("advocates")?;
    let Some((advocate_id, name)) =
        advocate_id.and_then(|id| advocates.into_iter().find(|(a, _)| *a == id))
    else {
        return Ok(FormReply::invalid_field(
            "advocate_id",
            "Choose an advocate",
        ));
    };
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::allocate(&mut *tx, &row.id, &advocate_id)
        .await
        .context("allocate")?;
    // Given to an advocate: a new item is now with them.
    if row.status() == ConcernStatus::Received {
        super::store::set_status(
            &mut *tx,
            &row.id,
            ConcernStatus::Received,
            ConcernStatus::WithAdvocate,
        )
        .await
        .context("status")?;
    }
    ssr::audit(
        &mut *tx,
        &state,
        &user,
        crate::audit::AuditAction::ConcernAllocated,
        &row,
        &name,
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(case_path(&row.id)))
}

/// A reply the young person sees, or an internal note they never see.
#[server(prefix = "/api", endpoint = "write-on-concern")]
pub async fn write_on_concern(
    concern_id: ConcernId,
    kind: Option<String>,
    body: String,
) -> Result<FormReply<()>, VoiceError> {
    use super::MessageKind;
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else {
        return Ok(no_such_concern());
    };
    let mut errors = crate::forms::FieldErrors::default();
    let kind = errors.check(
        "kind",
        match kind.as_deref().and_then(MessageKind::parse) {
            Some(kind @ (MessageKind::Reply | MessageKind::Note)) => Ok(kind),
            _ => Err("Choose a reply or an internal note"),
        },
    );
    let body = errors.text(
        "body",
        &body,
        crate::domain::concern::MAX_REPLY_CHARS,
        Some("Write the message"),
    );
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return Ok(FormReply::Invalid(errors));
    };
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::add_message(&mut tx, &row.id, &user.account_id, kind, &body, state.now())
        .await
        .context("write")?;
    let action = match kind {
        MessageKind::Reply => crate::audit::AuditAction::ConcernReplied,
        _ => crate::audit::AuditAction::ConcernNoted,
    };
    ssr::audit(&mut *tx, &state, &user, action, &row, "").await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(format!(
        "{}#messages",
        case_path(&row.id)
    )))
}

/// Moves a concern on; an illegal move is refused in words.
#[server(prefix = "/api", endpoint = "move-concern")]
pub async fn move_concern(
    concern_id: ConcernId,
    status: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::concern::transition;
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else {
        return Ok(no_such_concern());
    };
    let Some(next) = status.as_deref().and_then(ConcernStatus::parse) else {
        return Ok(FormReply::invalid_field(
            "status",
            "Choose where it has got to",
        ));
    };
    if next == ConcernStatus::Closed {
        return Ok(FormReply::invalid_field(
            "status",
            "Close it with an outcome, below",
        ));
    }
    if let Err(illegal) = transition(row.status(), next) {
        return Ok(FormReply::invalid_field("status", illegal.to_string()));
    }
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::set_status(&mut *tx, &row.id, row.status(), next)
        .await
        .context("status")?;
    ssr::audit(
        &mut *tx,
        &state,
        &user,
        crate::audit::AuditAction::ConcernStatus,
        &row,
        next.as_str(),
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(case_path(&row.id)))
}

/// Extends the stage 1 clock to 20 working days, once, with a reason.
#[server(prefix = "/api", endpoint = "extend-concern")]
pub async fn extend_concern(
    concern_id: ConcernId,
    reason: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::working_days::stage_one_due;
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else {
        return Ok(no_such_concern());
    };
    let mut errors = crate::forms::FieldErrors::default();
    let reason = errors.text(
        "reason",
        &reason,
        crate::domain::concern::MAX_REASON_CHARS,
        Some("Say why it needs longer"),
    );
    if row.extension_reason.is_some() {
        errors.add(
            "reason",
            "It has been extended already: it can be extended once",
        );
    }
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let holidays = ssr::holidays(&state).await?;
    let due_on = stage_one_due(row.received_on(), true, &holidays);
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::extend(&mut *tx, &row.id, &reason, due_on)
        .await
        .context("extend")?;
    // The fact and the new date, not the reason: the reason can hold a
    // young person's circumstances, which the audit log must not copy.
    let new_due = format!("due {due_on}");
    ssr::audit(
        &mut *tx,
        &state,
        &user,
        crate::audit::AuditAction::ConcernExtended,
        &row,
        &new_due,
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(case_path(&row.id)))
}

#[server(prefix = "/api", endpoint = "close-concern")]
pub async fn close_concern(
    concern_id: ConcernId,
    outcome: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::concern::transition;
    use crate::errors::Context;
    let (user, state, row) = ssr::concern_to_change(&concern_id).await?;
    let Some(row) = row else {
        return Ok(no_such_concern());
    };
    let Some(outcome) = outcome.as_deref().and_then(Outcome::parse) else {
        return Ok(FormReply::invalid_field("outcome", "Choose the outcome"));
    };
    if let Err(illegal) = transition(row.status(), ConcernStatus::Closed) {
        return Ok(FormReply::invalid_field("outcome", illegal.to_string()));
    }
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::close(&mut *tx, &row.id, row.status(), outcome, state.now())
        .await
        .context("close")?;
    ssr::audit(
        &mut *tx,
        &state,
        &user,
        crate::audit::AuditAction::ConcernClosed,
        &row,
        outcome.as_str(),
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect("/advocate".into()))
}

/// Opens flagged writing. Every opening is written to the audit log.
#[server(prefix = "/api", endpoint = "harm-flag")]
pub async fn harm_flag(flag_id: String) -> Result<Option<Flag>, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::caseworker()?;
    let Some(row) = super::store::flag(&state.db, &flag_id)
        .await
        .context("flag")?
    else {
        return Ok(None);
    };
    let times_sent = ssr::repeats_of(&state, &row.id).await?.len().max(1);
    crate::audit::record(
        &state.db,
        state.now(),
        Some(&user.account_id),
        crate::audit::AuditAction::FlagViewed,
        &row.place,
        "",
    )
    .await
    .context("audit")?;
    Ok(Some(Flag {
        summary: row.summary(times_sent),
        contact_method: row.contact_method,
        handled: row.handled_at.map(|crate::stored::StoredTime(at)| {
            format!(
                "Dealt with by {} on {}. {}",
                row.handled_by_name.clone().unwrap_or_default(),
                crate::domain::period::uk_time_words(at),
                row.handled_note
            )
        }),
        words: row.words,
        phrase: row.phrase,
        young_person: row.young_person,
        contact_name: row.contact_name,
        contact_number: row.contact_number,
        safe_times: row.safe_times,
    }))
}

#[server(prefix = "/api", endpoint = "handle-flag")]
pub async fn handle_flag(flag_id: String, note: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::caseworker()?;
    let mut errors = crate::forms::FieldErrors::default();
    let note = errors.text(
        "note",
        &note,
        crate::domain::concern::MAX_REASON_CHARS,
        Some("Say what was done"),
    );
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    // Repeats of the same anonymous words are dealt with together.
    let mut handled = false;
    let repeats = ssr::repeats_of(&state, &flag_id).await?;
    let mut tx = state.db.begin().await.context("begin")?;
    for id in repeats {
        handled |= super::store::handle_flag(&mut *tx, &id, &user.account_id, &note, state.now())
            .await
            .context("handle flag")?;
    }
    if !handled {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "This has been dealt with already, or it does not exist.",
        )));
    }
    crate::audit::commit_with_line(
        tx,
        state.now(),
        Some(&user.account_id),
        crate::audit::AuditAction::FlagHandled,
        &flag_id,
        // That it was handled, not the advocate's note about the child.
        "",
    )
    .await?;
    Ok(FormReply::Redirect("/advocate".into()))
}

fn concern_id_input(id: StoredValue<ConcernId>) -> impl IntoView {
    view! { <input type="hidden" name="concern_id" value=id.get_value()/> }
}

fn clock_class(clock: ClockState) -> &'static str {
    match clock {
        ClockState::OnTime => "tag",
        ClockState::DueSoon => "tag tag--amber",
        ClockState::Overdue => "tag tag--red",
    }
}

/// `/advocate`: the queue.
#[component]
pub fn QueuePage() -> impl IntoView {
    let address = use_query_map().get_untracked();
    let queue = Resource::new_blocking(
        move || address.clone(),
        |address| {
            let get = |name: &str| address.get(name);
            concern_queue(
                get("whose"),
                get("kind"),
                get("overdue"),
                get("flagged"),
                get("reference"),
                get("page"),
            )
        },
    );
    view! {
        <PageTitle text="Right to Rights queue"/>
        <RequireRole roles=CASEWORKERS>
            <h1>"Right to Rights queue"</h1>
            <ServerData resource=queue let:queue>
                <h2>"Writing flagged for the duty advocate"</h2>
                {if queue.flags.is_empty() {
                    view! { <p>"Nothing flagged."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {queue.flags.into_iter().map(|flag| view! {
                                <li class="card card--flagged">
                                    <p class="card__title"><strong class="tag tag--red">"Flagged"</strong>" "
                                        <a href=format!("/advocate/flags/{}", flag.id)>{flag.place.clone()}</a></p>
                                    <p class="hint">{format!("{} · {}", flag.raised_at,
                                        if flag.anonymous { "anonymous" } else { "signed in" })}</p>
                                    {(flag.times_sent > 1).then(|| view! {
                                        <p><strong>{format!("Sent {} times", flag.times_sent)}</strong>
                                            " (the same words, from the same place, within an hour)"</p>
                                    })}
                                    {(flag.contact_wanted == Some(true)).then(|| view! { <p><strong>"Asked to be contacted"</strong></p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2>"Open items"</h2>
                <QueueFilters filter=queue.concerns.filter/>
                <ResultCount total=queue.concerns.list.total one="open item" many="open items"/>
                <ul class="card-list">
                    {queue.concerns.list.items.into_iter().map(|item| view! { <QueueCard item/> }).collect_view()}
                </ul>
                <Pager links=queue.concerns.list.links/>
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn QueueFilters(filter: QueueFilter) -> impl IntoView {
    let (overdue_only, flagged_only) = (filter.overdue_only, filter.flagged_only);
    let [whose, kind, _, _, reference] = filter.address_pairs().map(|(_, value)| value);
    view! {
        <FilterForm action="/advocate" label="Find open items">
            <FilterSelect name="whose" label="Whose" any="Everyone's" selected=whose
                options=choices(Whose::ALL, Whose::as_str, Whose::label)/>
            <FilterSelect name="kind" label="Kind" any="Any kind" selected=kind
                options=choices(ConcernKind::ALL, ConcernKind::as_str, ConcernKind::label)/>
            <FilterText name="reference" label="Reference" value=reference/>
            <FilterCheckbox name="overdue" label="Overdue only" checked=overdue_only/>
            <FilterCheckbox name="flagged" label="Flagged only" checked=flagged_only/>
        </FilterForm>
    }
}

#[component]
fn QueueCard(item: QueueItem) -> impl IntoView {
    view! {
        <li class="card" class:card--flagged=item.flagged>
            <p class="card__title">
                {item.flagged.then(|| view! { <strong class="tag tag--red">"Flagged"</strong>" " })}
                <a href=case_path(&item.id)>{item.reference.clone()}</a>
            </p>
            <p>{item.kind.label()}</p>
            <dl class="facts">
                <dt>"Status"</dt><dd>{item.status.label()}</dd>
                <dt>"Received"</dt><dd>{item.received_on.format("%-d %b %Y").to_string()}</dd>
                <dt>"Due"</dt><dd>{item.due_on.format("%-d %b %Y").to_string()}
                    " " <strong class=clock_class(item.clock)>{item.clock.label()}</strong>
                    {item.extended.then_some(" (extended)")}</dd>
                <dt>"Advocate"</dt><dd>{item.allocated_to.clone().unwrap_or_else(|| "Not given to anyone yet".into())}</dd>
            </dl>
        </li>
    }
}

/// `/advocate/concerns/:id`: one item, and everything an advocate does to it.
#[component]
pub fn CasePage() -> impl IntoView {
    let id: ConcernId = route_param("id");
    let case = Resource::new_blocking(move || id.clone(), concern_case);
    let allocate = use_form::<AllocateConcern, ()>();
    let write = use_form::<WriteOnConcern, ()>();
    let status = use_form::<MoveConcern, ()>();
    let extend = use_form::<ExtendConcern, ()>();
    let close = use_form::<CloseConcern, ()>();
    view! {
        <PageTitle text="Right to Rights item"/>
        <RequireRole roles=CASEWORKERS>
            <p><a class="back-link" href="/advocate">"Back to the queue"</a></p>
            <ServerData resource=case let:case>
                {match case {
                    None => view! { <h1>"Not found"</h1><p>{NO_SUCH_CONCERN}</p> }.into_any(),
                    Some(case) => {
                        // Copied into each form's hidden field.
                        let id = StoredValue::new(case.item.id.clone());
                        let (allocate_fields, write_fields, status_fields, extend_fields, close_fields) =
                            (allocate.view(), write.view(), status.view(), extend.view(), close.view());
                        let advocates = case.advocates.clone();
                        let open = case.item.status != ConcernStatus::Closed;
                        view! {
                            <h1>{format!("{}: {}", case.item.reference, case.item.kind.label())}</h1>
                            {case.harm_phrase.clone().map(|phrase| view! {
                                <div class="notice notice--error"><p><strong>"Flagged: "</strong>
                                    {format!("the writing contains \"{phrase}\". Check the young person is safe.")}</p></div>
                            })}
                            <dl class="facts">
                                <dt>"Young person"</dt><dd>{case.young_person.clone()}</dd>
                                <dt>"Status"</dt><dd>{case.item.status.label()}{(case.stage > 1).then(|| format!(" (stage {})", case.stage))}</dd>
                                <dt>"Received"</dt><dd>{case.item.received_on.format("%-d %B %Y").to_string()}</dd>
                                <dt>"Stage 1 response due"</dt><dd>{case.item.due_on.format("%-d %B %Y").to_string()}" "
                                    <strong class=clock_class(case.item.clock)>{case.item.clock.label()}</strong></dd>
                                {case.extension_reason.clone().map(|reason| view! { <dt>"Extended because"</dt><dd>{reason}</dd> })}
                                <dt>"Advocate"</dt><dd>{case.item.allocated_to.clone().unwrap_or_else(|| "Not given to anyone yet".into())}</dd>
                                <dt>"Contact"</dt><dd>{case.contact_method.map(|m| m.label()).unwrap_or("Not said")}
                                    {(!case.contact_number.is_empty()).then(|| format!(": {}", case.contact_number))}</dd>
                                <dt>"Safe times"</dt><dd>{if case.safe_times.is_empty() { "None given".to_string() } else { case.safe_times.clone() }}</dd>
                                {case.outcome.map(|o| view! { <dt>"Outcome"</dt><dd>{o.label()}</dd> })}
                            </dl>
                            <h2>"What they said"</h2>
                            <p class="prewrap">{case.details.clone()}</p>
                            {(!case.wanted.is_empty()).then(|| view! {
                                <h2>"What they would like to happen"</h2>
                                <p class="prewrap">{case.wanted.clone()}</p>
                            })}
                            <h2 id="messages">"Messages and notes"</h2>
                            <MessageList messages=case.messages.clone() young_person=case.young_person.clone() empty="Nothing yet."/>
                            <ErrorSummary form=write_fields/>
                            <VoiceForm form=write>
                                {concern_id_input(id)}
                                <TextAreaField form=write_fields name="body" label="Write a reply or a note"/>
                                <RadioField form=write_fields name="kind" legend="Who sees it?"
                                    options=vec![("reply", "A reply: the young person sees it"), ("note", "An internal note: only advocates see it")]/>
                                <button class="button" type="submit">"Add"</button>
                            </VoiceForm>
                            <h2>"Give it to an advocate"</h2>
                            <ErrorSummary form=allocate_fields/>
                            <VoiceForm form=allocate>
                                {concern_id_input(id)}
                                <div class="field">
                                    <label class="label" for="advocate_id">"Advocate"</label>
                                    <select class="select" id="advocate_id" name="advocate_id">
                                        {advocates.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button class="button button--secondary" type="submit">"Give it to them"</button>
                            </VoiceForm>
                            {open.then(|| view! {
                                <h2>"Where has it got to?"</h2>
                                <ErrorSummary form=status_fields/>
                                <VoiceForm form=status>
                                    {concern_id_input(id)}
                                    <RadioField form=status_fields name="status" legend="Status"
                                        options=[ConcernStatus::WithAdvocate, ConcernStatus::BeingLookedInto, ConcernStatus::Answered]
                                            .into_iter().map(|s| (s.as_str(), s.label())).collect()/>
                                    <button class="button button--secondary" type="submit">"Update the status"</button>
                                </VoiceForm>
                                {case.extension_reason.is_none().then(|| view! {
                                    <h2>"Extend the deadline"</h2>
                                    <p>"A stage 1 response can be given 20 working days instead of 10, once, for a reason."</p>
                                    <ErrorSummary form=extend_fields/>
                                    <VoiceForm form=extend>
                                        {concern_id_input(id)}
                                        <TextAreaField form=extend_fields name="reason" label="Why does it need longer?"/>
                                        <button class="button button--secondary" type="submit">"Extend to 20 working days"</button>
                                    </VoiceForm>
                                })}
                                <h2>"Close it"</h2>
                                <ErrorSummary form=close_fields/>
                                <VoiceForm form=close>
                                    {concern_id_input(id)}
                                    <RadioField form=close_fields name="outcome" legend="Outcome"
                                        options=Outcome::ALL.into_iter().map(|o| (o.as_str(), o.label())).collect()/>
                                    <button class="button button--secondary" type="submit">"Close"</button>
                                </VoiceForm>
                            })}
                        }.into_any()
                    }
                }}
            </ServerData>
        </RequireRole>
    }
}

/// `/advocate/flags/:id`: flagged writing, and saying what was done.
#[component]
pub fn FlagPage() -> impl IntoView {
    let id: String = route_param("id");
    let flag = Resource::new_blocking(move || id.clone(), harm_flag);
    let handle = use_form::<HandleFlag, ()>();
    let fields = handle.view();
    view! {
        <PageTitle text="Flagged writing"/>
        <RequireRole roles=CASEWORKERS>
            <p><a class="back-link" href="/advocate">"Back to the queue"</a></p>
            <ServerData resource=flag let:flag>
                {match flag {
                    None => view! { <h1>"Not found"</h1> }.into_any(),
                    Some(flag) => view! {
                        <h1>"Flagged writing"</h1>
                        <dl class="facts">
                            <dt>"Where"</dt><dd>{flag.summary.place.clone()}</dd>
                            <dt>"When"</dt><dd>{flag.summary.raised_at.clone()}</dd>
                            <dt>"Who"</dt><dd>{flag.young_person.clone().unwrap_or_else(|| "Anonymous".into())}</dd>
                            <dt>"Phrase found"</dt><dd>{flag.phrase.clone()}</dd>
                            <dt>"Wants contact"</dt><dd>{match flag.summary.contact_wanted {
                                Some(true) => "Yes", Some(false) => "No", None => "Not answered" }}</dd>
                            {(!flag.contact_name.is_empty()).then(|| view! { <dt>"Name given"</dt><dd>{flag.contact_name.clone()}</dd> })}
                            {flag.contact_method.map(|m| view! { <dt>"How"</dt><dd>{m.label()}
                                {(!flag.contact_number.is_empty()).then(|| format!(": {}", flag.contact_number))}</dd> })}
                            {(!flag.safe_times.is_empty()).then(|| view! { <dt>"Safe times"</dt><dd>{flag.safe_times.clone()}</dd> })}
                        </dl>
                        <h2>"What they wrote"</h2>
                        <p class="prewrap">{flag.words.clone()}</p>
                        {(flag.summary.times_sent > 1).then(|| view! {
                            <p class="notice">{format!(
                                "These same words were sent {} times from here within an hour, and nobody asked \
                                 to be contacted. Marking this as dealt with covers them all.",
                                flag.summary.times_sent)}</p>
                        })}
                        {match flag.handled.clone() {
                            Some(handled) => view! { <p class="notice">{handled}</p> }.into_any(),
                            None => view! {
                                <ErrorSummary form=fields/>
                                <VoiceForm form=handle>
                                    <input type="hidden" name="flag_id" value=flag.summary.id.clone()/>
                                    <TextAreaField form=fields name="note" label="What was done?"/>
                                    <button class="button" type="submit">"Mark as dealt with"</button>
                                </VoiceForm>
                            }.into_any(),
                        }}
                    }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}
