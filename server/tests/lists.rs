//! Staff lists at a council's size: filtered and paged through their
//! addresses, on both databases. Whatever the address holds (a page of -1
//! or 10^12, a role that does not exist, a search full of SQL wildcards or
//! markup), the answer is a page of the list, never an error.

mod common;

use app::accounts::{AccountFilter, AccountStatus, AccountSummary};
use app::audit::log::AuditLog;
use app::audit::AuditAction;
use app::domain::paging::{Filtered, PAGE_SIZE};
use app::domain::{Cohort, Role};
use app::rights::Queue;
use common::{spawn, Backend, TestApp};

on_both_databases!(
    the_accounts_list_comes_a_page_at_a_time,
    accounts_are_found_by_name_username_email_role_cohort_and_status,
    an_accounts_address_that_makes_no_sense_still_gives_a_list,
    the_audit_log_is_filtered_by_who_what_target_and_day,
    the_audit_log_reads_in_words,
    the_advocate_queue_is_filtered_and_paged,
);

/// 30 young people, "Person 00" to "Person 29": every third a care
/// leaver, every tenth (9, 19, 29) closed, every fourth still to activate.
async fn add_young_people(app: &TestApp) {
    for n in 0..30i64 {
        sqlx::query(
            "INSERT INTO accounts (id, role, display_name, username, password_hash, cohort, \
             birth_year, birth_month, created_at, deactivated_at) \
             VALUES ($1, 'young_person', $2, $3, $4, $5, 2010, 1, 1700000000, $6)",
        )
        .bind(format!("young{n:02}"))
        .bind(format!("Person {n:02}"))
        .bind(format!("person.{n:02}"))
        .bind((n % 4 != 0).then_some("not a real hash"))
        .bind(if n % 3 == 0 {
            "care_leaver"
        } else {
            "child_in_care"
        })
        .bind((n % 10 == 9).then_some(1_800_000_000i64))
        .execute(&app.db)
        .await
        .expect("insert a young person");
    }
}

type AccountList = Filtered<AccountFilter, AccountSummary>;

async fn accounts(app: &TestApp, admin: &reqwest::Client, address: &[(&str, &str)]) -> AccountList {
    let answer = app.call(admin, "list-accounts", address).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

fn names(list: &AccountList) -> Vec<&str> {
    list.list
        .items
        .iter()
        .map(|account| account.display_name.as_str())
        .collect()
}

async fn the_accounts_list_comes_a_page_at_a_time(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    add_young_people(&app).await;
    let admin = app.signed_in("admin@voice.example").await;

    let first = accounts(&app, &admin, &[]).await;
    assert_eq!(first.list.total, 31);
    assert_eq!(first.list.items.len() as u64, PAGE_SIZE);
    assert_eq!((first.list.links.page, first.list.links.pages), (1, 2));
    assert_eq!(first.list.links.previous, None);
    assert_eq!(
        first.list.links.next.as_deref(),
        Some("/admin/accounts?page=2")
    );
    assert_eq!(
        names(&first)[0],
        "Person 00",
        "open accounts first, by name"
    );

    let second = accounts(&app, &admin, &[("page", "2")]).await;
    assert_eq!(second.list.items.len(), 6);
    assert_eq!(
        names(&second)[3..],
        ["Person 09", "Person 19", "Person 29"],
        "closed accounts last"
    );
    assert_eq!(
        second.list.links.previous.as_deref(),
        Some("/admin/accounts")
    );

    let page = app
        .page_text(&admin, "/admin/accounts?role=young_person&page=2")
        .await;
    assert!(page.contains("Page 2 of 2"), "{page}");
    assert!(
        page.contains(r#"href="/admin/accounts?role=young_person""#),
        "the previous page keeps the filter: {page}"
    );
}

async fn accounts_are_found_by_name_username_email_role_cohort_and_status(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    app.add_staff("ash.advocate@voice.example", "advocate")
        .await;
    add_young_people(&app).await;
    let admin = app.signed_in("admin@voice.example").await;

    let by_name = accounts(&app, &admin, &[("q", "person 1")]).await;
    assert_eq!(
        by_name.list.total,
        10,
        "Person 10 to Person 19: {:?}",
        names(&by_name)
    );
    let by_username = accounts(&app, &admin, &[("q", "PERSON.07")]).await;
    assert_eq!(names(&by_username), ["Person 07"]);
    let by_email = accounts(&app, &admin, &[("q", "ash.adv")]).await;
    assert_eq!(
        by_email.list.items[0].sign_in_name,
        "ash.advocate@voice.example"
    );
    assert_eq!(by_email.list.total, 1);

    let advocates = accounts(&app, &admin, &[("role", "advocate")]).await;
    assert_eq!(advocates.filter.role, Some(Role::Advocate));
    assert_eq!(advocates.list.total, 1);
    let care_leavers = accounts(&app, &admin, &[("cohort", "care_leaver")]).await;
    assert_eq!(care_leavers.filter.cohort, Some(Cohort::CareLeaver));
    assert_eq!(care_leavers.list.total, 10);
    let closed = accounts(&app, &admin, &[("status", "closed")]).await;
    assert_eq!(names(&closed), ["Person 09", "Person 19", "Person 29"]);
    let waiting = accounts(&app, &admin, &[("status", "waiting")]).await;
    assert!(waiting
        .list
        .items
        .iter()
        .all(|account| account.status == AccountStatus::WaitingForActivation));
    assert_eq!(waiting.list.total, 8, "0, 4, 8, ... 28");

    let together = accounts(
        &app,
        &admin,
        &[
            ("q", "person"),
            ("cohort", "care_leaver"),
            ("status", "closed"),
        ],
    )
    .await;
    assert_eq!(names(&together), ["Person 09"]);
}

async fn an_accounts_address_that_makes_no_sense_still_gives_a_list(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    add_young_people(&app).await;
    let admin = app.signed_in("admin@voice.example").await;

    let negative = accounts(&app, &admin, &[("page", "-1")]).await;
    assert_eq!(negative.list.links.page, 1);
    let far = accounts(&app, &admin, &[("page", "1000000000000")]).await;
    assert_eq!(far.list.links.page, 2, "past the end is the last page");
    assert_eq!(far.list.items.len(), 6);
    let unknown = accounts(
        &app,
        &admin,
        &[("role", "wizard"), ("status", "'; DROP TABLE accounts; --")],
    )
    .await;
    assert_eq!((unknown.filter.role, unknown.filter.status), (None, None));
    assert_eq!(unknown.list.total, 31, "an unknown value filters nothing");

    for wildcard in ["%", "_", "\\"] {
        let found = accounts(&app, &admin, &[("q", wildcard)]).await;
        assert_eq!(
            found.list.total, 0,
            "{wildcard:?} is a character to find, not a wildcard"
        );
    }

    for address in [
        "/admin/accounts?page=-1",
        "/admin/accounts?page=1000000000000",
        "/admin/accounts?role=wizard&cohort=sideways",
        "/admin/accounts?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let response = admin
            .get(format!("{}{address}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{address}");
        let page = response.text().await.unwrap();
        assert!(
            !page.contains("<script>alert"),
            "the search is escaped: {page}"
        );
    }
}

async fn audit(app: &TestApp, admin: &reqwest::Client, address: &[(&str, &str)]) -> AuditLog {
    let answer = app.call(admin, "audit-entries", address).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

/// A line in the log, written as the actions themselves write it.
async fn log_line(
    app: &TestApp,
    at: i64,
    actor: Option<&str>,
    action: &str,
    subject: &str,
    detail: &str,
) {
    sqlx::query("INSERT INTO audit_log (at, actor_account_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(at)
        .bind(actor)
        .bind(action)
        .bind(subject)
        .bind(detail)
        .execute(&app.db)
        .await
        .expect("insert an audit line");
}

/// 1 March 2026 at noon UK time (GMT), as stored.
const MARCH_1: i64 = 1_772_366_400;
const DAY: i64 = 86_400;

async fn the_audit_log_is_filtered_by_who_what_target_and_day(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    add_young_people(&app).await;
    let admin = app.signed_in("admin@voice.example").await;
    let admin_id: String =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'admin@voice.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    for day in 0..40 {
        log_line(
            &app,
            MARCH_1 + day * DAY,
            Some(&admin_id),
            "concern.viewed",
            &format!("RTR-{day:04}"),
            "",
        )
        .await;
    }
    log_line(
        &app,
        MARCH_1,
        None,
        "account.created",
        "young07",
        "young_person",
    )
    .await;
    log_line(
        &app,
        MARCH_1 + DAY,
        Some(&admin_id),
        "concern.status",
        "RTR-0001",
        "being_looked_into",
    )
    .await;

    // And the line that made the admin's account.
    let everything = audit(&app, &admin, &[]).await;
    assert_eq!(everything.found.list.total, 43);
    assert_eq!(everything.found.list.items.len() as u64, PAGE_SIZE);
    assert_eq!(
        everything.staff.len(),
        1,
        "staff who did something: {:?}",
        everything.staff
    );

    let viewed = audit(&app, &admin, &[("action", "concern.viewed")]).await;
    assert_eq!(viewed.found.list.total, 40);
    assert_eq!(viewed.found.filter.action, Some(AuditAction::ConcernViewed));
    let by_them = audit(&app, &admin, &[("who", &admin_id)]).await;
    assert_eq!(by_them.found.list.total, 41);
    let one_item = audit(&app, &admin, &[("target", "rtr-0001")]).await;
    assert_eq!(one_item.found.list.total, 2, "found by reference, any case");
    let by_account_name = audit(&app, &admin, &[("target", "Person 07")]).await;
    assert_eq!(
        by_account_name.found.list.total, 1,
        "found by the account's name"
    );
    assert_eq!(by_account_name.found.list.items[0].subject, "Person 07");

    let first_week = audit(
        &app,
        &admin,
        &[
            ("from", "2026-03-01"),
            ("to", "2026-03-07"),
            ("action", "concern.viewed"),
        ],
    )
    .await;
    assert_eq!(first_week.found.list.total, 7, "both days included");
    let nothing = audit(
        &app,
        &admin,
        &[("from", "2026-03-07"), ("to", "2026-03-01")],
    )
    .await;
    assert_eq!(nothing.found.list.total, 0);

    let nonsense = audit(
        &app,
        &admin,
        &[
            ("action", "drop.tables"),
            ("from", "last week"),
            ("page", "-7"),
            ("who", ""),
        ],
    )
    .await;
    assert_eq!(
        nonsense.found.list.total, 43,
        "what is not understood filters nothing"
    );
    assert_eq!(nonsense.found.list.links.page, 1);
    let past_the_end = audit(&app, &admin, &[("page", "999999999999")]).await;
    assert_eq!(past_the_end.found.list.links.page, 2);
    assert_eq!(past_the_end.found.list.items.len(), 18);
}

async fn the_audit_log_reads_in_words(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    add_young_people(&app).await;
    let admin = app.signed_in("admin@voice.example").await;
    log_line(
        &app,
        MARCH_1,
        None,
        "account.created",
        "young07",
        "young_person",
    )
    .await;
    log_line(
        &app,
        MARCH_1,
        None,
        "concern.status",
        "RTR-7K4Q",
        "being_looked_into",
    )
    .await;
    log_line(
        &app,
        MARCH_1,
        None,
        "report.snapshot_saved",
        "a1b2c3",
        "2026-1",
    )
    .await;

    let page = app.page_text(&admin, "/admin/audit").await;
    for words in [
        "Account created",
        "<dt>Account</dt>",
        "Person 07",
        "Young person",
        "status changed",
        "<dt>Right to Rights item</dt>",
        "RTR-7K4Q",
        "Being looked into",
        "Report snapshot saved",
        "<dt>Snapshot</dt>",
    ] {
        assert!(page.contains(words), "{words} missing from {page}");
    }
    for code in [
        "concern.status",
        "report.snapshot_saved",
        "being_looked_into",
    ] {
        assert!(
            !page.contains(&format!(">{code}<")),
            "the code {code} is shown as it is stored"
        );
    }
}

/// 30 open items, RTR-0000 to RTR-0029, raised by Person 00: every other
/// one asks for help, every fifth is overdue (the test clock's today is 23
/// November 2026), every third is given to `advocate`, every seventh holds
/// a listed phrase.
async fn add_open_items(app: &TestApp, advocate: &str) {
    for n in 0..30i64 {
        sqlx::query(
            "INSERT INTO concerns (id, reference, account_id, kind, status, created_at, \
             received_at, received_on, due_on, allocated_to, harm_phrase) \
             VALUES ($1, $2, 'young00', $3, 'received', 1700000000, 1700000000, '2026-10-01', $4, $5, $6)",
        )
        .bind(format!("concern{n:02}"))
        .bind(format!("RTR-{n:04}"))
        .bind(if n % 2 == 0 { "concern" } else { "help" })
        .bind(if n % 5 == 0 { "2026-11-01" } else { "2026-12-20" })
        .bind((n % 3 == 0).then_some(advocate))
        .bind((n % 7 == 0).then_some("hurt"))
        .execute(&app.db)
        .await
        .expect("insert an open item");
    }
}

async fn the_advocate_queue_is_filtered_and_paged(backend: Backend) {
    let app = spawn(backend).await;
    add_young_people(&app).await;
    app.add_staff("advocate@voice.example", "advocate").await;
    let advocate_id: String =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'advocate@voice.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    add_open_items(&app, &advocate_id).await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let queue = |address: &'static [(&'static str, &'static str)]| {
        let (app, advocate) = (&app, &advocate);
        async move {
            let answer = app.call(advocate, "concern-queue", address).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.json::<Queue>().concerns
        }
    };

    let everything = queue(&[]).await;
    assert_eq!(everything.list.total, 30);
    assert_eq!(everything.list.items.len() as u64, PAGE_SIZE);
    assert!(
        everything.list.items[..5].iter().all(|item| item.flagged),
        "flagged first"
    );
    assert_eq!(queue(&[("page", "2")]).await.list.items.len(), 5);

    let count = |found: &Filtered<_, _>| found.list.total;
    assert_eq!(count(&queue(&[("whose", "mine")]).await), 10);
    assert_eq!(count(&queue(&[("whose", "unallocated")]).await), 20);
    assert_eq!(count(&queue(&[("kind", "help")]).await), 15);
    assert_eq!(count(&queue(&[("overdue", "yes")]).await), 6);
    assert_eq!(count(&queue(&[("flagged", "yes")]).await), 5);
    assert_eq!(count(&queue(&[("reference", "rtr-001")]).await), 10);
    assert_eq!(
        count(&queue(&[("whose", "mine"), ("overdue", "yes")]).await),
        2,
        "RTR-0000 and RTR-0015"
    );

    let nonsense = queue(&[("whose", "theirs"), ("kind", "<b>"), ("page", "-1")]).await;
    assert_eq!((nonsense.list.total, nonsense.list.links.page), (30, 1));
    let far = queue(&[("page", "1000000000000")]).await;
    assert_eq!(far.list.links.page, 2);

    let page = app
        .page_text(&advocate, "/advocate?overdue=yes&kind=concern")
        .await;
    assert!(
        page.contains("3 open items"),
        "RTR-0000, 0010 and 0020: {page}"
    );
    assert!(
        page.contains("RTR-0010") && !page.contains("RTR-0005"),
        "{page}"
    );
}
