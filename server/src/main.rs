use anyhow::Context;
use app::accounts::{store, NewAccount};
use app::activation_key::ActivationKey;
use app::clock::SystemClock;
use app::db::{self, Backend, Db};
use app::state::AppState;
use clap::Parser;
use server::cli::{Cli, Command};
use server::config::Config;
use server::demo::DemoPasswords;
use std::sync::Arc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    let db = db::connect(&config.database_url)
        .await
        .context("opening the database")?;
    match cli.command.unwrap_or(Command::Serve {
        seed_demo_if_empty: false,
    }) {
        Command::Serve { seed_demo_if_empty } => {
            if seed_demo_if_empty && store::count(&db).await? == 0 {
                // Serving matters more than the demo: say why and carry on.
                if let Err(error) = seed_demo(&db).await {
                    tracing::warn!("no demo accounts were made: {error:#}");
                }
            }
            serve(db, config).await
        }
        Command::CreateAdmin { name, email } => {
            create_admin(&db, &config.server.activation_key, &name, &email).await
        }
        Command::SeedDemo => seed_demo(&db).await,
        Command::GenerateData { seed, bench_scale } => generate_data(&db, seed, bench_scale).await,
        Command::Backup { file } => backup(&db, &config.database_url, &file).await,
    }
}

async fn serve(db: Db, config: Config) -> anyhow::Result<()> {
    let leptos_options = leptos::config::get_configuration(None)
        .context("reading the Leptos settings")?
        .leptos_options;
    let address = leptos_options.site_addr;
    let state = AppState {
        db,
        clock: Arc::new(SystemClock),
        limits: Arc::default(),
        live: Arc::default(),
        config: Arc::new(config.server),
        leptos_options,
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("listening on {address}"))?;
    println!("Voice is running at http://{address}");
    server::serve(listener, state).await.context("serving")
}

async fn create_admin(db: &Db, key: &ActivationKey, name: &str, email: &str) -> anyhow::Result<()> {
    let account = NewAccount::parse_staff(name, email, Some("admin")).map_err(|errors| {
        anyhow::anyhow!(
            "{}",
            errors.iter().map(|(_, m)| m).collect::<Vec<_>>().join("; ")
        )
    })?;
    let now = chrono::Utc::now();
    let mut tx = db.begin().await?;
    let (id, code) = store::create(&mut tx, key, &account, now).await?;
    app::audit::record(
        &mut *tx,
        now,
        None,
        app::audit::AuditAction::AccountCreated,
        &id,
        "admin",
    )
    .await?;
    tx.commit().await?;
    println!("Created an admin account for {}.", account.sign_in_name());
    println!(
        "Activation code (works once, for 4 weeks): {}",
        code.display()
    );
    println!("They go to /activate on Voice, type the code and choose a password.");
    Ok(())
}

async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    if store::count(db).await? > 0 {
        anyhow::bail!(
            "this database already has accounts; demo accounts are only made in an empty one"
        );
    }
    let password = std::env::var("VOICE_DEMO_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let shown = DemoPasswords::choose(password.as_deref())
        .ok_or_else(|| anyhow::anyhow!(server::demo::NO_TERMINAL))?;
    let accounts = server::demo::seed(db, password.as_deref()).await?;
    shown
        .show(&accounts, &mut std::io::stdout())
        .context("showing the demo accounts")
}

async fn generate_data(db: &Db, seed: u64, bench_scale: bool) -> anyhow::Result<()> {
    use server::generate::{generate, insert, Scale};
    let surveys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM surveys")
        .fetch_one(db)
        .await?;
    if surveys > 0 {
        anyhow::bail!("this database already has surveys; made-up data goes only into a new one");
    }
    let scale = if bench_scale {
        Scale::bench()
    } else {
        Scale::council()
    };
    let holidays = app::rights::store::bank_holidays(db).await?;
    let today = app::domain::period::uk_date(chrono::Utc::now());
    let data = generate(seed, &scale, today, &holidays);
    insert(db, &data).await?;
    println!(
        "Made {} young people, {} survey responses, {} promise ratings, {} sessions and {} Right to Rights items.",
        data.people.len(),
        data.responses.len(),
        data.ratings.len(),
        data.sessions.len(),
        data.concerns.len()
    );
    println!("They cannot sign in; sign in as a participation officer to see the reports.");
    Ok(())
}

async fn backup(db: &Db, url: &str, file: &std::path::Path) -> anyhow::Result<()> {
    if Backend::of_url(url)? != Backend::Sqlite {
        anyhow::bail!(
            "voice backup copies the SQLite database; for PostgreSQL use pg_dump (see the README)"
        );
    }
    let target = file
        .to_str()
        .context("the backup file name must be plain text")?;
    // The copy holds children's personal details: it is made empty and
    // readable by Voice's user only first, and VACUUM INTO fills an empty file.
    db::create_private_file(file).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => {
            anyhow::anyhow!("{} already exists; choose a new file name", file.display())
        }
        _ => anyhow::anyhow!("could not create {}: {error}", file.display()),
    })?;
    // VACUUM INTO writes a consistent copy while others keep reading and writing.
    let copied = sqlx::query("VACUUM INTO $1").bind(target).execute(db).await;
    if let Err(error) = copied {
        let _ = std::fs::remove_file(file);
        return Err(error).context("copying the database");
    }
    println!("Backed up to {}", file.display());
    Ok(())
}
