//! The open connections that have not yet sent a whole request, oldest first: when every
//! connection slot is taken, the oldest of them is closed to let a newcomer in. Slow or
//! silent clients holding slots (a slow-header attack) then cost a newcomer one eviction,
//! not a wait for their deadlines; a connection whose request is being answered is never
//! closed this way.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use std::time::{Duration, Instant};

use tokio::task::AbortHandle;

/// One connection: whether a whole request has come, and how to close it.
struct Entry {
    opened: Instant,
    asked: Arc<AtomicBool>,
    abort: AbortHandle,
}

/// Open connections by the order they were accepted.
#[derive(Clone, Default)]
pub struct Waiting {
    open: Arc<Mutex<BTreeMap<u64, Entry>>>,
}

impl Waiting {
    /// Registers connection `id` (ids rise with time), its task and its flag, set once a
    /// request's headers have been read.
    pub fn insert(&self, id: u64, asked: Arc<AtomicBool>, abort: AbortHandle) {
        if abort.is_finished() {
            return;
        }
        if let Ok(mut open) = self.open.lock() {
            open.insert(
                id,
                Entry {
                    opened: Instant::now(),
                    asked,
                    abort,
                },
            );
        }
    }

    /// Forgets a connection that has ended.
    pub fn remove(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }

    /// Closes the oldest connection that has been open for `grace` without sending a whole
    /// request; false if none.
    pub fn close_oldest(&self, grace: Duration) -> bool {
        let Ok(mut open) = self.open.lock() else {
            return false;
        };
        let oldest = open
            .iter()
            .take_while(|(_, e)| e.opened.elapsed() >= grace)
            .find(|(_, e)| !e.asked.load(Ordering::Relaxed) && !e.abort.is_finished())
            .map(|(&id, _)| id);
        match oldest.and_then(|id| open.remove(&id)) {
            Some(entry) => {
                entry.abort.abort();
                true
            }
            None => false,
        }
    }
}
