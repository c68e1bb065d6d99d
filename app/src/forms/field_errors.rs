//! The messages a form shows beside its fields. Kept apart from the forms
//! themselves so that the error type every server function returns can
//! carry them without depending on pages.

use serde::{Deserialize, Serialize};

/// Messages to show beside fields, in the order of the fields on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message.into()));
        }
    }

    /// Keeps the parsed value, or records the message against the field.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &str>) -> Option<T> {
        parsed.map_err(|message| self.add(field, message)).ok()
    }

    /// A free-text answer, trimmed; `missing` is recorded when it is empty
    /// and required, and a length message when it has more than `max`
    /// characters. What was written is returned either way.
    pub fn text(&mut self, field: &str, value: &str, max: usize, missing: Option<&str>) -> String {
        let value = value.trim();
        match missing {
            Some(missing) if value.is_empty() => self.add(field, missing),
            _ if value.chars().count() > max => {
                self.add(field, format!("Write {max} characters or fewer"))
            }
            _ => {}
        }
        value.to_string()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(field, message)| (field.as_str(), message.as_str()))
    }

    /// A single problem that is about the whole form, shown in the summary.
    pub fn form(message: impl Into<String>) -> FieldErrors {
        FieldErrors(vec![(String::new(), message.into())])
    }
}
