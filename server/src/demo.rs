//! Demo accounts, one for each role, so a new installation can be tried at once.

use anyhow::Context;
use app::accounts::{passwords, store, NewAccount};
use app::activation_key::ActivationKey;
use app::db::Db;
use app::domain::NewPassword;
use chrono::{Datelike, Utc};
use rand::Rng;
use std::io::Write;

pub struct DemoAccount {
    pub role: &'static str,
    pub sign_in_name: String,
    pub password: String,
}

fn demo_accounts(today: chrono::NaiveDate) -> anyhow::Result<Vec<NewAccount>> {
    let staff = [
        // Names only: pages say the role where it matters ("Ash (advocate)").
        ("Alex", "admin@voice.example", "admin"),
        ("Fran", "facilitator@voice.example", "facilitator"),
        ("Pat", "officer@voice.example", "participation_officer"),
        ("Ash", "advocate@voice.example", "advocate"),
    ];
    let fourteen_years_ago = format!("{:04}-{:02}", today.year() - 14, today.month());
    let mut accounts = vec![NewAccount::parse_young_person(
        "Jordan",
        "demo.young",
        Some("child_in_care"),
        &fourteen_years_ago,
        today,
    )
    .map_err(|e| anyhow::anyhow!("demo young person: {e:?}"))?];
    for (name, email, role) in staff {
        accounts.push(
            NewAccount::parse_staff(name, email, Some(role))
                .map_err(|e| anyhow::anyhow!("demo {role}: {e:?}"))?,
        );
    }
    Ok(accounts)
}

fn random_password() -> String {
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..14)
        .map(|_| LETTERS[rng.gen_range(0..LETTERS.len())] as char)
        .collect()
}

/// Creates an account that is already activated with `password`.
pub async fn create_active(db: &Db, account: &NewAccount, password: &str) -> anyhow::Result<()> {
    let now = Utc::now();
    // The code is used at once and forgotten, so any key does.
    let key = ActivationKey::default();
    let mut tx = db.begin().await?;
    let (id, code) = store::create(&mut tx, &key, account, now).await?;
    app::audit::record(
        &mut *tx,
        now,
        None,
        app::audit::AuditAction::AccountCreated,
        &id,
        account.role().as_str(),
    )
    .await?;
    tx.commit().await?;
    let hash = passwords::hash(password.to_string()).await?;
    store::activate(db, &key, &code, &hash, now)
        .await?
        .context("the new account's code did not work")?;
    Ok(())
}

/// Creates the demo accounts. `password`, when given, is used for all of
/// them (for scripted checks); otherwise each gets its own random one.
pub async fn seed(db: &Db, password: Option<&str>) -> anyhow::Result<Vec<DemoAccount>> {
    if let Some(password) = password {
        NewPassword::parse(password, password)
            .map_err(|(_, problem)| anyhow::anyhow!("VOICE_DEMO_PASSWORD: {problem}"))?;
    }
    let mut created = Vec::new();
    for account in demo_accounts(Utc::now().date_naive())? {
        let password = password.map_or_else(random_password, str::to_string);
        create_active(db, &account, &password)
            .await
            .with_context(|| format!("creating the demo account {}", account.sign_in_name()))?;
        created.push(DemoAccount {
            role: account.role().label(),
            sign_in_name: account.sign_in_name().to_string(),
            password,
        });
    }
    Ok(created)
}

/// Where the demo accounts' passwords are shown. Never in Voice's output:
/// that is often kept as the server's log (systemd, Docker), and a log is
/// kept longer and read by more people than a terminal.
pub enum DemoPasswords {
    /// `VOICE_DEMO_PASSWORD`: whoever set it knows it already.
    Chosen,
    /// Random ones, written straight to the terminal Voice was started from.
    OnTerminal(std::fs::File),
}

/// What to say when random passwords could be shown nowhere.
pub const NO_TERMINAL: &str = "random demo passwords are shown only on a terminal, and Voice \
     has none here: set VOICE_DEMO_PASSWORD, or run `voice seed-demo` in a terminal";

impl DemoPasswords {
    /// How the passwords can be shown, or None for random ones when Voice
    /// has no terminal to show them on.
    pub fn choose(chosen: Option<&str>) -> Option<DemoPasswords> {
        if chosen.is_some() {
            return Some(DemoPasswords::Chosen);
        }
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/tty")
            .ok()
            .map(DemoPasswords::OnTerminal)
    }

    /// Says who can sign in: the names to `output`, the random passwords to
    /// the terminal only.
    pub fn show(self, accounts: &[DemoAccount], output: &mut impl Write) -> std::io::Result<()> {
        writeln!(output, "Demo accounts, one for each role:")?;
        for account in accounts {
            writeln!(
                output,
                "  {:<22} sign in as {}",
                account.role, account.sign_in_name
            )?;
        }
        match self {
            DemoPasswords::Chosen => {
                writeln!(output, "Each has the password set in VOICE_DEMO_PASSWORD.")
            }
            DemoPasswords::OnTerminal(mut terminal) => {
                writeln!(terminal, "Demo passwords (shown here only, this once):")?;
                for account in accounts {
                    writeln!(
                        terminal,
                        "  {:<28} {}",
                        account.sign_in_name, account.password
                    )?;
                }
                writeln!(
                    output,
                    "Their passwords were shown on the terminal only, never in this output."
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_names_the_accounts_and_never_a_chosen_password() {
        let accounts = [DemoAccount {
            role: "Young person",
            sign_in_name: "demo.young".into(),
            password: "secret demo words".into(),
        }];
        let mut output = Vec::new();
        DemoPasswords::Chosen.show(&accounts, &mut output).unwrap();
        let output = String::from_utf8(output).unwrap();
        assert!(output.contains("sign in as demo.young"), "{output}");
        assert!(!output.contains("secret demo words"), "{output}");
    }
}
