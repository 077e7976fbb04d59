//! The open connections that have not yet sent a whole request, oldest first: when every
//! connection slot is taken, the oldest of them is closed to let a newcomer in. Slow or
//! silent clients holding slots (a slow-header attack) then cost a newcomer one eviction,
//! not a wait for their deadlines; a connection whose request is being answered is never
//! closed this way.

use std::collections::BTreeMap;
use std::future::Future;
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
    /// Runs connection `id` (ids rise with time) as a task, registered with its flag, set
    /// once a request's headers have been read. The task is spawned under the lock, so its
    /// [`Waiting::remove`] at the end always comes after the entry is in, however soon the
    /// client goes.
    pub fn spawn(
        &self,
        id: u64,
        asked: Arc<AtomicBool>,
        connection: impl Future<Output = ()> + Send + 'static,
    ) {
        let Ok(mut open) = self.open.lock() else {
            tokio::spawn(connection);
            return;
        };
        let task = tokio::spawn(connection);
        open.insert(
            id,
            Entry {
                opened: Instant::now(),
                asked,
                abort: task.abort_handle(),
            },
        );
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    use super::Waiting;

    /// Connections that end at once, before or while they are registered, leave no entry.
    #[test]
    fn a_connection_gone_at_once_leaves_no_entry() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let waiting = Waiting::default();
            for id in 0..2_000 {
                let ended = waiting.clone();
                waiting.spawn(id, Arc::new(AtomicBool::new(false)), async move {
                    ended.remove(id);
                });
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            let left = waiting.open.lock().map(|open| open.len()).unwrap_or(0);
            assert_eq!(left, 0, "entries of ended connections");
        });
    }
}
