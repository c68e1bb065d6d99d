//! Admin: list, create and close accounts, and issue activation codes.

use super::{AccountDetails, AccountFilter, AccountStatus, AccountSummary, IssuedCode};
use crate::components::fields::{ErrorSummary, RadioField, SubmitButton, TextField, VoiceForm};
use crate::components::list_filters::{choices, FilterForm, FilterSelect, FilterText, ResultCount};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::components::pager::Pager;
use crate::domain::paging::Filtered;
use crate::domain::{AccountId, Cohort, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
mod ssr {
    use super::super::{store, IssuedCode, NewAccount};
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::{ActivationCode, Role};
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::forms::{FieldErrors, FormReply};
    use crate::state::AppState;

    pub fn admin() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::Admin])
    }

    pub fn issued(
        state: &AppState,
        account_id: crate::domain::AccountId,
        display_name: &str,
        sign_in_name: &str,
        code: ActivationCode,
    ) -> IssuedCode {
        let activation_link = format!(
            "{}/activate?code={}",
            crate::links::base_url(state),
            code.display()
        );
        IssuedCode {
            account_id,
            display_name: display_name.to_string(),
            sign_in_name: sign_in_name.to_string(),
            code: code.display(),
            qr_svg: crate::links::qr_svg(
                &activation_link,
                "QR code that opens the activation page",
            ),
            activation_link,
        }
    }

    pub async fn create(
        parsed: Result<NewAccount, FieldErrors>,
    ) -> Result<FormReply<IssuedCode>, VoiceError> {
        use crate::errors::internal;
        let (admin, state) = admin()?;
        let account = match parsed {
            Ok(account) => account,
            Err(errors) => return Ok(FormReply::Invalid(errors)),
        };
        let now = state.now();
        let mut tx = state.db.begin().await.context("begin")?;
        let (id, code) =
            match store::create(&mut tx, &state.config.activation_key, &account, now).await {
                Ok(created) => created,
                Err(store::StoreError::Taken(what)) => {
                    let field = if what == "username" {
                        "username"
                    } else {
                        "email"
                    };
                    let mut errors = FieldErrors::default();
                    errors.add(
                        field,
                        format!("That {what} is already used by another account"),
                    );
                    return Ok(FormReply::Invalid(errors));
                }
                Err(store::StoreError::Database(e)) => return Err(internal("create account", e)),
            };
        crate::audit::commit_with_line(
            tx,
            now,
            Some(&admin.account_id),
            crate::audit::AuditAction::AccountCreated,
            &id,
            account.role().as_str(),
        )
        .await?;
        Ok(FormReply::Done(issued(
            &state,
            id,
            account.display_name(),
            account.sign_in_name(),
            code,
        )))
    }
}

/// The page of accounts the list's address asks for.
#[server(prefix = "/api", endpoint = "list-accounts")]
pub async fn list_accounts(
    q: Option<String>,
    role: Option<String>,
    cohort: Option<String>,
    status: Option<String>,
    page: Option<String>,
) -> Result<Filtered<AccountFilter, AccountSummary>, VoiceError> {
    use crate::domain::paging::PageNumber;
    use crate::errors::Context;
    let (_, state) = ssr::admin()?;
    let filter = AccountFilter::parse(
        q.as_deref(),
        role.as_deref(),
        cohort.as_deref(),
        status.as_deref(),
    );
    let (accounts, page, total) =
        super::store::page(&state.db, &filter, PageNumber::parse(page.as_deref()))
            .await
            .context("list accounts")?;
    let list = crate::listing::paged(
        accounts,
        page,
        total,
        "/admin/accounts",
        &filter.address_pairs(),
    );
    Ok(Filtered { filter, list })
}

#[server(prefix = "/api", endpoint = "get-account")]
pub async fn get_account(account_id: AccountId) -> Result<Option<AccountDetails>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::admin()?;
    super::store::get(&state.db, &account_id)
        .await
        .context("get account")
}

#[server(prefix = "/api", endpoint = "create-young-person")]
pub async fn create_young_person(
    display_name: String,
    username: String,
    cohort: Option<String>,
    birth_month: String,
) -> Result<FormReply<IssuedCode>, VoiceError> {
    let today = crate::auth::ssr::app_state()?.now().date_naive();
    let parsed = super::NewAccount::parse_young_person(
        &display_name,
        &username,
        cohort.as_deref(),
        &birth_month,
        today,
    );
    ssr::create(parsed).await
}

#[server(prefix = "/api", endpoint = "create-staff")]
pub async fn create_staff(
    display_name: String,
    email: String,
    role: Option<String>,
) -> Result<FormReply<IssuedCode>, VoiceError> {
    ssr::create(super::NewAccount::parse_staff(
        &display_name,
        &email,
        role.as_deref(),
    ))
    .await
}

#[server(prefix = "/api", endpoint = "reissue-code")]
pub async fn reissue_code(account_id: AccountId) -> Result<FormReply<IssuedCode>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let Some(account) = super::store::get(&state.db, &account_id)
        .await
        .context("get account")?
    else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "There is no such account.",
        )));
    };
    let now = state.now();
    let mut tx = state.db.begin().await.context("begin")?;
    let code = super::store::reissue_code(&mut tx, &state.config.activation_key, &account_id, now)
        .await
        .context("reissue")?;
    crate::audit::commit_with_line(
        tx,
        now,
        Some(&admin.account_id),
        crate::audit::AuditAction::AccountCodeReissued,
        &account_id,
        "",
    )
    .await?;
    let summary = account.summary;
    Ok(FormReply::Done(ssr::issued(
        &state,
        summary.id,
        &summary.display_name,
        &summary.sign_in_name,
        code,
    )))
}

#[server(prefix = "/api", endpoint = "deactivate-account")]
pub async fn deactivate_account(account_id: AccountId) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    if admin.account_id == account_id {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "You cannot close your own account. Ask another admin.",
        )));
    }
    let now = state.now();
    let mut tx = state.db.begin().await.context("begin")?;
    if super::store::deactivate(&mut tx, &account_id, now)
        .await
        .context("deactivate")?
    {
        crate::audit::commit_with_line(
            tx,
            now,
            Some(&admin.account_id),
            crate::audit::AuditAction::AccountDeactivated,
            &account_id,
            "",
        )
        .await?;
    }
    Ok(FormReply::Redirect(format!("/admin/accounts/{account_id}")))
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let address = use_query_map().get_untracked();
    let accounts = Resource::new_blocking(
        move || address.clone(),
        |address| {
            let get = |name: &str| address.get(name);
            list_accounts(
                get("q"),
                get("role"),
                get("cohort"),
                get("status"),
                get("page"),
            )
        },
    );
    view! {
        <PageTitle text="Accounts"/>
        // Nobody but an admin sees the admin's buttons, only the refusal.
        <RequireRole roles=&[Role::Admin]>
            <h1>"Accounts"</h1>
            <p class="actions">
                <a class="button" href="/admin/accounts/new-young-person">"Add a young person"</a>
                <a class="button button--secondary" href="/admin/accounts/new-staff">"Add a member of staff"</a>
            </p>
            <ServerData resource=accounts let:found>
                <AccountFilters filter=found.filter/>
                <ResultCount total=found.list.total one="account" many="accounts"/>
                <ul class="card-list">
                    {found.list.items.into_iter().map(|account| view! {
                        <li class="card">
                            <a class="card__title" href=format!("/admin/accounts/{}", account.id)>{account.display_name}</a>
                            <p>{account.role.label()} " · " <span class="wrap">{account.sign_in_name}</span></p>
                            <p><StatusTag status=account.status/></p>
                        </li>
                    }).collect_view()}
                </ul>
                <Pager links=found.list.links/>
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn AccountFilters(filter: AccountFilter) -> impl IntoView {
    let [search, role, cohort, status] = filter.address_pairs().map(|(_, value)| value);
    view! {
        <FilterForm action="/admin/accounts" label="Find accounts">
            <FilterText name="q" label="Name, username or email" value=search/>
            <FilterSelect name="role" label="Role" any="Any role" selected=role
                options=choices(Role::ALL, Role::as_str, Role::label)/>
            <FilterSelect name="cohort" label="In care or care leaver" any="Either" selected=cohort
                options=choices(Cohort::ALL, Cohort::as_str, Cohort::label)/>
            <FilterSelect name="status" label="Status" any="Any status" selected=status
                options=choices(AccountStatus::ALL, AccountStatus::as_str, AccountStatus::label)/>
        </FilterForm>
    }
}

#[component]
fn StatusTag(status: AccountStatus) -> impl IntoView {
    let class = match status {
        AccountStatus::Active => "tag tag--green",
        AccountStatus::WaitingForActivation => "tag tag--blue",
        AccountStatus::Closed => "tag tag--grey",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

/// The printable letter with the code and its QR code.
#[component]
fn ActivationLetter(issued: IssuedCode) -> impl IntoView {
    view! {
        <section class="letter" aria-labelledby="letter-title">
            <h2 id="letter-title">"Activation letter for " {issued.display_name.clone()}</h2>
            <p>"Give this to " {issued.display_name} ". It works once and runs out in 4 weeks."</p>
            <dl class="facts">
                <dt>"Sign-in name"</dt><dd class="wrap">{issued.sign_in_name}</dd>
                <dt>"Activation code"</dt><dd><strong class="code">{issued.code}</strong></dd>
            </dl>
            <p>"Go to " <span class="wrap">{issued.activation_link}</span> " or scan the code:"</p>
            <div class="qr" inner_html=issued.qr_svg></div>
            <p class="no-print">"Use your browser's print option to print this letter."</p>
            <p class="no-print"><a href=format!("/admin/accounts/{}", issued.account_id)>"Go to the account"</a></p>
        </section>
    }
}

#[component]
pub fn NewYoungPersonPage() -> impl IntoView {
    let form = use_form::<CreateYoungPerson, IssuedCode>();
    let fields = form.view();
    view! {
        <PageTitle text="Add a young person"/>
        <RequireRole roles=&[Role::Admin]>
        // The letter appears beside the form, which stays as it is (so what
        // was typed is kept while the server answers) and is hidden once done.
        {move || form.done().map(|issued| view! { <h1>"Account created"</h1><ActivationLetter issued/> })}
        <div hidden=move || form.done().is_some()>
                <ErrorSummary form=fields/>
                <h1>"Add a young person"</h1>
                <VoiceForm form>
                    <TextField form=fields name="display_name" label="First name" hint="What Voice will call them"/>
                    <TextField form=fields name="username" label="Username" exact=true
                        hint="What they will type to sign in: letters, numbers, dots and dashes, like jordan.s"/>
                    <RadioField form=fields name="cohort" legend="Are they in care or a care leaver?" options=vec![("child_in_care", "Child in care"), ("care_leaver", "Care leaver")]/>
                    <TextField form=fields name="birth_month" label="Month and year of birth" input_type="month"
                        hint="For example 2011-04. Voice keeps only the month and year."/>
                    <SubmitButton label="Create account"/>
                </VoiceForm>
            </div>
        </RequireRole>
    }
}

#[component]
pub fn NewStaffPage() -> impl IntoView {
    let form = use_form::<CreateStaff, IssuedCode>();
    let fields = form.view();
    view! {
        <PageTitle text="Add a member of staff"/>
        <RequireRole roles=&[Role::Admin]>
        // The letter appears beside the form, which stays as it is (so what
        // was typed is kept while the server answers) and is hidden once done.
        {move || form.done().map(|issued| view! { <h1>"Account created"</h1><ActivationLetter issued/> })}
        <div hidden=move || form.done().is_some()>
                <ErrorSummary form=fields/>
                <h1>"Add a member of staff"</h1>
                <VoiceForm form>
                    <TextField form=fields name="display_name" label="Name"/>
                    <TextField form=fields name="email" label="Work email address" input_type="email" exact=true autocomplete="off"/>
                    <RadioField form=fields name="role" legend="What will they do in Voice?" options=staff_roles()/>
                    <SubmitButton label="Create account"/>
                </VoiceForm>
            </div>
        </RequireRole>
    }
}

fn staff_roles() -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .into_iter()
        .filter(|role| role.is_staff())
        .map(|role| (role.as_str(), role.label()))
        .collect()
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let account_id: AccountId = route_param("id");
    let id_for_fetch = account_id.clone();
    let account = Resource::new_blocking(move || id_for_fetch.clone(), get_account);
    let reissue = use_form::<ReissueCode, IssuedCode>();
    let deactivate = use_form::<DeactivateAccount, ()>();
    let deactivate_errors = deactivate.view();
    view! {
        <PageTitle text="Account"/>
        <ServerData resource=account let:account>
            {match account {
                None => view! { <h1>"Account not found"</h1> }.into_any(),
                Some(account) => view! {
                    <AccountFacts account=account.clone()/>
                    <ErrorSummary form=deactivate_errors/>
                    {move || reissue.done().map(|issued| view! { <ActivationLetter issued/> })}
                    {(account.summary.status != AccountStatus::Closed).then(|| {
                        let id = account.summary.id.to_string();
                        let id_for_reissue = id.clone();
                        view! {
                            <h2>"New code"</h2>
                            <p>"If they have forgotten their password or lost their phone, give them a new code. "
                               "Their old password stops working."</p>
                            <VoiceForm form=reissue>
                                <input type="hidden" name="account_id" value=id_for_reissue/>
                                <SubmitButton label="Give a new code"/>
                            </VoiceForm>
                            <h2>"Close the account"</h2>
                            <p>"They will be signed out and cannot sign in again. What they have said is kept."</p>
                            <VoiceForm form=deactivate>
                                <input type="hidden" name="account_id" value=id/>
                                <button class="button button--warning" type="submit">"Close account"</button>
                            </VoiceForm>
                        }
                    })}
                }.into_any(),
            }}
        </ServerData>
        <p><a href="/admin/accounts">"Back to accounts"</a></p>
    }
}

#[component]
fn AccountFacts(account: AccountDetails) -> impl IntoView {
    let summary = account.summary;
    let sign_in_label = if summary.role == Role::YoungPerson {
        "Username"
    } else {
        "Email address"
    };
    view! {
        <h1>{summary.display_name}</h1>
        <dl class="facts">
            <dt>"Role"</dt><dd>{summary.role.label()}</dd>
            <dt>{sign_in_label}</dt><dd class="wrap">{summary.sign_in_name}</dd>
            <dt>"Status"</dt><dd><StatusTag status=summary.status/></dd>
            {account.cohort.map(|cohort| view! { <dt>"Cohort"</dt><dd>{cohort.label()}</dd> })}
            {account.birth_month.map(|birth| view! { <dt>"Born"</dt><dd>{birth.to_string()}</dd> })}
            <dt>"Created"</dt><dd>{account.created_at}</dd>
        </dl>
    }
}
