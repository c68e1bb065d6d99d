//! Tells the projectors and phones watching a session that something
//! changed, so they fetch it again. Projectors hear of everything (answers,
//! joins, approvals); phones only of what changes their screen (the activity
//! shown, the session closing), so one answer does not make 500 phones
//! fetch their page again.
//!
//! A channel exists only while someone watches it: the last watcher to go
//! takes it away. And only so many streams may be open at once, from one
//! address and in all, so nobody can hold the server's connections.

use crate::domain::LiveSessionId;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// Who is watching: the projector, or a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watcher {
    Projector,
    Phone,
}

fn channel_key(session_id: &LiveSessionId, watcher: Watcher) -> String {
    match watcher {
        Watcher::Projector => session_id.to_string(),
        Watcher::Phone => format!("{session_id}/phones"),
    }
}

/// How many event streams may be open at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamCaps {
    /// From one address: a whole forum room on one Wi-Fi shares an address.
    pub per_address: usize,
    pub total: usize,
}

impl Default for StreamCaps {
    fn default() -> Self {
        StreamCaps {
            per_address: 600,
            total: 4000,
        }
    }
}

/// Refused: as many streams as allowed are open already.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyStreams;

#[derive(Default)]
pub struct LiveHub {
    channels: Mutex<Channels>,
}

#[derive(Default)]
struct Channels {
    senders: HashMap<String, broadcast::Sender<()>>,
    /// Open streams from each address (an address with none is removed).
    streams_from: HashMap<IpAddr, usize>,
    streams: usize,
}

impl LiveHub {
    /// Starts watching a session from `from`, if the caps allow one more
    /// stream. The watch ends when the returned [`Watching`] is dropped.
    pub fn watch(
        self: &Arc<Self>,
        session_id: &LiveSessionId,
        watcher: Watcher,
        from: IpAddr,
        caps: StreamCaps,
    ) -> Result<Watching, TooManyStreams> {
        let mut channels = self.lock();
        let from_here = channels.streams_from.get(&from).copied().unwrap_or(0);
        if channels.streams >= caps.total || from_here >= caps.per_address {
            return Err(TooManyStreams);
        }
        channels.streams += 1;
        *channels.streams_from.entry(from).or_default() += 1;
        let key = channel_key(session_id, watcher);
        let changes = channels
            .senders
            .entry(key.clone())
            // A watcher that falls behind only needs to know "something changed".
            .or_insert_with(|| broadcast::channel(4).0)
            .subscribe();
        Ok(Watching {
            hub: self.clone(),
            key,
            from,
            changes: Some(changes),
        })
    }

    /// An answer, a join or an approval: the projector shows it.
    pub fn results_changed(&self, session_id: &LiveSessionId) {
        self.tell(&channel_key(session_id, Watcher::Projector));
    }

    /// Another activity, or the session closed: every screen changes.
    pub fn activity_changed(&self, session_id: &LiveSessionId) {
        self.tell(&channel_key(session_id, Watcher::Projector));
        self.tell(&channel_key(session_id, Watcher::Phone));
    }

    /// How many channels are kept (one per session and kind of watcher
    /// with someone watching).
    pub fn channel_count(&self) -> usize {
        self.lock().senders.len()
    }

    fn tell(&self, key: &str) {
        if let Some(sender) = self.lock().senders.get(key) {
            // Nobody listening is not an error: the channel goes with its
            // last watcher.
            let _ = sender.send(());
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Channels> {
        self.channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One open stream. Dropping it (the browser went away) ends the watch.
pub struct Watching {
    hub: Arc<LiveHub>,
    key: String,
    from: IpAddr,
    /// Always `Some` until dropped.
    changes: Option<broadcast::Receiver<()>>,
}

impl Watching {
    /// Waits until the session changes; `false` if it never can again.
    pub async fn changed(&mut self) -> bool {
        let Some(changes) = self.changes.as_mut() else {
            return false;
        };
        match changes.recv().await {
            // Missed some: one change says the same.
            Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => true,
            Err(broadcast::error::RecvError::Closed) => false,
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let mut channels = self.hub.lock();
        // The receiver goes under the lock, so no watcher can join or leave
        // between it going and the count being read.
        drop(self.changes.take());
        let nobody_left = channels
            .senders
            .get(&self.key)
            .is_some_and(|sender| sender.receiver_count() == 0);
        if nobody_left {
            channels.senders.remove(&self.key);
        }
        channels.streams -= 1;
        if let Some(count) = channels.streams_from.get_mut(&self.from) {
            *count -= 1;
            if *count == 0 {
                channels.streams_from.remove(&self.from);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 7));

    fn watch(hub: &Arc<LiveHub>, session: &str, watcher: Watcher) -> Watching {
        hub.watch(&session.into(), watcher, HERE, StreamCaps::default())
            .unwrap()
    }

    #[tokio::test]
    async fn watchers_hear_of_changes_to_their_session_only() {
        let hub = Arc::new(LiveHub::default());
        let mut lacc = watch(&hub, "lacc", Watcher::Projector);
        let forum = watch(&hub, "forum", Watcher::Projector);
        hub.results_changed(&"lacc".into());
        assert!(lacc.changed().await);
        assert!(forum.changes.as_ref().unwrap().is_empty());
    }

    #[tokio::test]
    async fn phones_hear_only_of_a_new_screen() {
        let hub = Arc::new(LiveHub::default());
        let mut projector = watch(&hub, "lacc", Watcher::Projector);
        let mut phone = watch(&hub, "lacc", Watcher::Phone);
        hub.results_changed(&"lacc".into());
        assert!(projector.changed().await);
        assert!(phone.changes.as_ref().unwrap().is_empty());
        hub.activity_changed(&"lacc".into());
        assert!(projector.changed().await);
        assert!(phone.changed().await);
    }

    #[test]
    fn a_channel_goes_with_its_last_watcher() {
        let hub = Arc::new(LiveHub::default());
        let first = watch(&hub, "lacc", Watcher::Projector);
        let second = watch(&hub, "lacc", Watcher::Projector);
        let phone = watch(&hub, "lacc", Watcher::Phone);
        assert_eq!(hub.channel_count(), 2);
        drop(first);
        assert_eq!(hub.channel_count(), 2);
        drop(second);
        drop(phone);
        assert_eq!(hub.channel_count(), 0);
        assert_eq!(hub.lock().streams, 0);
        assert!(hub.lock().streams_from.is_empty());
    }

    #[test]
    fn streams_are_capped_per_address_and_in_all() {
        let hub = Arc::new(LiveHub::default());
        let caps = StreamCaps {
            per_address: 2,
            total: 3,
        };
        let elsewhere: IpAddr = "198.51.100.1".parse().unwrap();
        let phone_from = |from| hub.watch(&"lacc".into(), Watcher::Phone, from, caps);
        let first = phone_from(HERE).unwrap();
        let _second = phone_from(HERE).unwrap();
        assert!(phone_from(HERE).is_err());
        let _third = phone_from(elsewhere).unwrap();
        assert!(phone_from(elsewhere).is_err());
        drop(first);
        assert!(phone_from(HERE).is_ok());
    }
}
