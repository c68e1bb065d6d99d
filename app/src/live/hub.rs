//! Tells the projectors and phones watching a session that something
//! changed (an answer, the activity, an approval), so they fetch it again.

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

#[derive(Default)]
pub struct LiveHub {
    channels: Mutex<HashMap<String, broadcast::Sender<()>>>,
}

impl LiveHub {
    /// Starts watching a session.
    pub fn watch(&self, session_id: &str) -> broadcast::Receiver<()> {
        let mut channels = self.lock();
        channels
            .entry(session_id.to_string())
            // A watcher that falls behind only needs to know "something changed".
            .or_insert_with(|| broadcast::channel(4).0)
            .subscribe()
    }

    /// Tells everyone watching the session; forgets sessions nobody watches.
    pub fn changed(&self, session_id: &str) {
        let mut channels = self.lock();
        if let Some(sender) = channels.get(session_id) {
            if sender.send(()).is_err() {
                channels.remove(session_id);
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
        let mut lacc = hub.watch("lacc");
        let mut forum = hub.watch("forum");
        hub.changed("lacc");
        assert!(lacc.try_recv().is_ok());
        assert!(forum.try_recv().is_err());
    }

    #[test]
    fn a_session_nobody_watches_is_forgotten() {
        let hub = LiveHub::default();
        drop(hub.watch("lacc"));
        hub.changed("lacc");
        assert!(hub.lock().is_empty());
    }
}
