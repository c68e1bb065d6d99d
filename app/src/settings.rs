//! The council's own details: its name, how to reach Right to Rights, and
//! where quick exit goes. Data, not code, so any council can run Voice.

use crate::errors::VoiceError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilSettings {
    pub council_name: String,
    pub right_to_rights_contact: String,
    pub quick_exit_url: String,
}

impl Default for CouncilSettings {
    fn default() -> Self {
        CouncilSettings {
            council_name: "your council".into(),
            right_to_rights_contact: "Ask your social worker or personal adviser.".into(),
            quick_exit_url: "https://www.bbc.co.uk/weather".into(),
        }
    }
}

#[cfg(feature = "ssr")]
pub async fn load(db: &crate::db::Db) -> Result<CouncilSettings, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM council_settings")
        .fetch_all(db)
        .await?;
    let mut settings = CouncilSettings::default();
    for (key, value) in rows {
        match key.as_str() {
            "council_name" => settings.council_name = value,
            "right_to_rights_contact" => settings.right_to_rights_contact = value,
            "quick_exit_url" => settings.quick_exit_url = value,
            _ => {}
        }
    }
    Ok(settings)
}

/// Public: every page shows these (the help panel and quick exit).
#[server(prefix = "/api", endpoint = "council-settings")]
pub async fn get_council_settings() -> Result<CouncilSettings, VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    load(&state.db).await.context("load settings")
}

/// Changes one setting (admins, through their pages).
#[cfg(feature = "ssr")]
pub async fn save(db: impl crate::db::Runs<'_>, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO council_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}
