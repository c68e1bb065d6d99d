//! How much anonymous writing may arrive from one survey link, one live
//! seat and one address. Writing is checked for harm and can reach the duty
//! advocate, so one visitor sending as fast as they can must not fill the
//! queue (400 flags in 1.2 seconds were sent from one client). Signed-in
//! young people are not limited here: their writing has a name on it.

use crate::auth::ssr::client_ip;
use crate::limits::{LimitKey, Rule};
use crate::state::AppState;
use chrono::Duration;

/// Every phone using one survey link, together.
pub const PER_SURVEY_LINK: Rule = Rule::per_minutes(200, 10);
/// One phone in a live session: far more than anyone writes in a meeting.
pub const PER_SEAT: Rule = Rule::per_minutes(10, 10);
/// One address. A forum room on one Wi-Fi shares it (30 young people each
/// writing twice in ten minutes fit), so it is well above a seat.
pub const PER_ADDRESS: Rule = Rule::per_minutes(60, 10);

/// Where a piece of anonymous writing comes from.
pub enum AnonymousWriter<'a> {
    SurveyLink(&'a str),
    Seat(&'a str),
}

/// Reserves room for one piece of anonymous writing, or gives the message
/// to show beside what was written.
pub fn reserve(state: &AppState, writer: AnonymousWriter<'_>) -> Result<(), String> {
    let mut keys = vec![match writer {
        AnonymousWriter::SurveyLink(link) => (
            LimitKey::new("anonymous writing through link", link),
            PER_SURVEY_LINK,
        ),
        AnonymousWriter::Seat(seat) => {
            (LimitKey::new("anonymous writing from seat", seat), PER_SEAT)
        }
    }];
    keys.extend(client_ip().map(|address| {
        (
            LimitKey::new("anonymous writing from address", address.to_string()),
            PER_ADDRESS,
        )
    }));
    state
        .limits
        .reserve(&keys, state.now())
        .map(drop)
        .map_err(too_much)
}

fn too_much(wait: Duration) -> String {
    let minutes = ((wait.num_seconds() + 59) / 60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "We have had a lot of writing from here in a short time. Please wait {minutes} {unit} \
         and send it again: what you wrote is still here. If you need help now, call Childline \
         on 0800 1111."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_how_long_to_wait() {
        assert!(too_much(Duration::seconds(30)).contains("wait 1 minute "));
        assert!(too_much(Duration::seconds(61)).contains("wait 2 minutes"));
    }
}
