//! Tells the projectors and phones watching a session that something
//! changed, so they fetch it again. Projectors hear of everything (answers,
//! joins, approvals); phones only of what changes their screen (the activity
//! shown, the session closing), so one answer does not make 500 phones
//! fetch their page again.

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// Who is watching: the projector, or a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watcher {
    Projector,
    Phone,
}

fn channel_key(session_id: &str, watcher: Watcher) -> String {
    match watcher {
        Watcher::Projector => session_id.to_string(),
        Watcher::Phone => format!("{session_id}/phones"),
    }
}

#[derive(Default)]
pub struct LiveHub {
    channels: Mutex<HashMap<String, broadcast::Sender<()>>>,
}

impl LiveHub {
    /// Starts watching a session.
    pub fn watch(&self, session_id: &str, watcher: Watcher) -> broadcast::Receiver<()> {
        let mut channels = self.lock();
        channels
            .entry(channel_key(session_id, watcher))
            // A watcher that falls behind only needs to know "something changed".
            .or_insert_with(|| broadcast::channel(4).0)
            .subscribe()
    }

    /// An answer, a join or an approval: the projector shows it.
    pub fn results_changed(&self, session_id: &str) {
        self.tell(&channel_key(session_id, Watcher::Projector));
    }

    /// Another activity, or the session closed: every screen changes.
    pub fn activity_changed(&self, session_id: &str) {
        self.tell(&channel_key(session_id, Watcher::Projector));
        self.tell(&channel_key(session_id, Watcher::Phone));
    }

    /// Tells everyone on a channel; forgets channels nobody watches.
    fn tell(&self, key: &str) {
        let mut channels = self.lock();
        if let Some(sender) = channels.get(key) {
            if sender.send(()).is_err() {
                channels.remove(key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, broadcast::Sender<()>>> {
        self.channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchers_hear_of_changes_to_their_session_only() {
        let hub = LiveHub::default();
        let mut lacc = hub.watch("lacc", Watcher::Projector);
        let mut forum = hub.watch("forum", Watcher::Projector);
        hub.results_changed("lacc");
        assert!(lacc.try_recv().is_ok());
        assert!(forum.try_recv().is_err());
    }

    #[test]
    fn phones_hear_only_of_a_new_screen() {
        let hub = LiveHub::default();
        let mut projector = hub.watch("lacc", Watcher::Projector);
        let mut phone = hub.watch("lacc", Watcher::Phone);
        hub.results_changed("lacc");
        assert!(projector.try_recv().is_ok());
        assert!(phone.try_recv().is_err());
        hub.activity_changed("lacc");
        assert!(projector.try_recv().is_ok());
        assert!(phone.try_recv().is_ok());
    }

    #[test]
    fn a_session_nobody_watches_is_forgotten() {
        let hub = LiveHub::default();
        drop(hub.watch("lacc", Watcher::Projector));
        hub.results_changed("lacc");
        assert!(hub.lock().is_empty());
    }
}
