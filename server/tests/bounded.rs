//! No staff page grows without limit as a council's data grows: with three
//! years of a council's made-up data (`voice generate-data`: 820 young
//! people), every page in each staff role's navigation, and the lists
//! under it, stays under a fixed size. The lists come a page at a time; a
//! page that printed every row would be several times the limit.

mod common;

use app::accounts::account_bar::staff_pages;
use app::domain::period::uk_date;
use app::domain::Role;
use common::{spawn, Backend, TestApp};
use server::generate::{generate, insert, Scale};

on_both_databases!(every_staff_page_stays_bounded_with_a_councils_data);

/// The most HTML a staff page may send. With the council's data the
/// largest (a period's comments waiting to be quoted, 25 with their forms)
/// send about 32 KB; the limit leaves room for longer words, not for a
/// list printed whole (the promise dashboard alone was 237 KB so).
const MOST_HTML_BYTES: usize = 64_000;

async fn councils_data(app: &TestApp) {
    use app::clock::Clock;
    let holidays = app::rights::store::bank_holidays(&app.db)
        .await
        .expect("bank holidays");
    let data = generate(7, &Scale::council(), uk_date(app.clock.now()), &holidays);
    insert(&app.db, &data).await.expect("insert generated data");
}

async fn every_staff_page_stays_bounded_with_a_councils_data(backend: Backend) {
    let app = spawn(backend).await;
    councils_data(&app).await;
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(accounts > 800, "a council's accounts: {accounts}");

    let mut sizes = Vec::new();
    for role in Role::ALL.into_iter().filter(|role| role.is_staff()) {
        let email = format!("{}@voice.example", role.as_str());
        app.add_staff(&email, role.as_str()).await;
        let staff = app.signed_in(&email).await;
        let mut paths: Vec<String> = staff_pages(role)
            .iter()
            .map(|(path, _)| path.to_string())
            .collect();
        // The long lists' other views: every account, every line of the
        // log, every comment approved, and a far page of each.
        paths.extend(
            match role {
                Role::Admin => vec![
                    "/admin/accounts?status=active&page=3",
                    "/admin/audit?page=2",
                ],
                Role::ParticipationOfficer => {
                    vec![
                        "/officer/quotes?period=2026-04",
                        "/officer/quotes?show=approved&period=2025-10&page=2",
                    ]
                }
                _ => vec![],
            }
            .into_iter()
            .map(str::to_string),
        );
        if role == Role::ParticipationOfficer {
            let surveys: Vec<String> = sqlx::query_scalar("SELECT id FROM surveys")
                .fetch_all(&app.db)
                .await
                .unwrap();
            paths.extend(
                // Each survey's results, and a page of each one's written
                // answers (its fifth question, in the generated surveys).
                surveys.iter().flat_map(|id| {
                    [
                        format!("/officer/surveys/{id}/results"),
                        format!("/officer/surveys/{id}/results?written=5&page=2"),
                    ]
                }),
            );
        }
        for path in paths {
            let response = staff
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{role:?} opens {path}");
            let html = response.text().await.unwrap();
            sizes.push((html.len(), path));
        }
    }
    sizes.sort();
    println!("staff pages' HTML with a council's data (bytes): {sizes:?}");
    let (largest, path) = sizes.last().expect("pages");
    assert!(
        *largest <= MOST_HTML_BYTES,
        "{path} sends {largest} bytes, more than {MOST_HTML_BYTES}: {sizes:?}"
    );
    // The lists are full pages, not empty ones that pass by showing nothing.
    let accounts_page = sizes
        .iter()
        .find(|(_, path)| path == "/admin/accounts")
        .unwrap();
    assert!(accounts_page.0 > 8_000, "{accounts_page:?}");
}
