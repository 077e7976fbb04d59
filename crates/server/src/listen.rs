//! Accepting connections as a service open to anyone must: at most so many at once (below
//! the process's open-file limit), each given a deadline for a request's headers once they
//! start (a much shorter one, and no keep-alive, when the server is crowded) and closed
//! when silent, so slow or
//! idle clients cannot hold every socket; when every slot is taken, a newcomer takes the
//! slot of the oldest connection yet to send a request. The answers hyper makes itself to
//! requests it cannot parse carry the API's JSON error. On shutdown the requests in flight
//! finish, within a drain deadline.

use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, TryAcquireError};
use tokio::time::{Instant, Sleep};
use tower::ServiceBuilder;

mod error_bodies;
mod waiting;
use error_bodies::ErrorBodies;
use waiting::Waiting;

/// How connections are held.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    /// From a request's first byte to the end of its headers.
    pub header_timeout: Duration,
    /// The header deadline and the idle timeout of a connection opened once more than half
    /// are taken: a client that means to ask sends its headers at once, and slow or silent
    /// ones make room sooner.
    pub crowded_timeout: Duration,
    /// A connection with nothing read or written for this long is closed.
    pub idle_timeout: Duration,
    /// When every slot is taken, a connection open this long without a whole request may
    /// be closed for a newcomer; a younger one may just not have been read yet.
    pub evict_after: Duration,
    /// On shutdown, how long the requests in flight may take to finish.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: connection_cap(open_file_limit()),
            header_timeout: Duration::from_secs(10),
            crowded_timeout: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(30),
            evict_after: Duration::from_millis(500),
            drain: Duration::from_secs(20),
        }
    }
}

/// The soft limit on open files; the common default where it cannot be read.
fn open_file_limit() -> usize {
    rlimit::Resource::NOFILE
        .get_soft()
        .map_or(1024, |n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// Raises the soft limit on open files to the hard limit, as far as the system allows, so
/// the connection cap sits as high as the process may go: the common soft default of
/// 1,024 would let a slow-client attack fill it.
pub fn raise_open_file_limit() {
    let before = open_file_limit();
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(now) if now > before as u64 => {
            tracing::info!(from = before, to = now, "raised the open-file limit");
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, limit = before, "cannot raise the open-file limit"),
    }
}

/// Connections allowed: three quarters of the open files, leaving the rest to the index's
/// segments and the logs, and never more than the server can usefully serve.
fn connection_cap(open_files: usize) -> usize {
    (open_files / 4 * 3).clamp(16, 8192)
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets the connections finish
/// their requests for at most `limits.drain`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    tracing::info!(
        max_connections = limits.max_connections,
        "accepting connections"
    );
    let waiting = Waiting::default();
    let mut accepted = 0u64;
    loop {
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    // Out of file descriptors or a network error: pause rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(TryAcquireError::Closed) => break,
            Err(TryAcquireError::NoPermits) => {
                // Full: the newcomer takes the slot of the oldest connection that has gone
                // `evict_after` without sending a whole request, else waits for one to end.
                if waiting.close_oldest(limits.evict_after) {
                    tracing::debug!("full: closed the oldest connection yet to send a request");
                }
                tokio::select! {
                    slot = slots.clone().acquire_owned() => match slot {
                        Ok(slot) => slot,
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        // Responses go out in several writes: without TCP_NODELAY a keep-alive client
        // waits out Nagle's algorithm on each.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
        let crowded = slots.available_permits() < limits.max_connections / 2;
        let (header_timeout, idle_timeout) = if crowded {
            (limits.crowded_timeout, limits.crowded_timeout)
        } else {
            (limits.header_timeout, limits.idle_timeout)
        };
        // Whether a whole request has come, and how many are waiting for their answer to
        // start: a connection is not idle while the server works on its request.
        let asked = Arc::new(AtomicBool::new(false));
        let answering = Arc::new(AtomicUsize::new(0));
        let service = ServiceBuilder::new()
            .map_request({
                let (asked, answering) = (asked.clone(), answering.clone());
                move |request: Request<Incoming>| {
                    asked.store(true, Ordering::Relaxed);
                    answering.fetch_add(1, Ordering::Relaxed);
                    request
                }
            })
            .map_response({
                let answering = answering.clone();
                move |response| {
                    answering.fetch_sub(1, Ordering::Relaxed);
                    response
                }
            })
            .service(app.clone());
        let io = TokioIo::new(ErrorBodies::new(Idle::new(tcp, idle_timeout, answering)));
        // A crowded server answers one request per connection, so clients that keep
        // theirs busy (an export flood) take turns with those waiting to connect.
        let connection = http1::Builder::new()
            .keep_alive(!crowded)
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(io, TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        accepted += 1;
        let id = accepted;
        waiting.spawn(id, asked, {
            let waiting = waiting.clone();
            async move {
                // A client that goes away mid-request is its own business.
                let _ = connection.await;
                drop(slot);
                waiting.remove(id);
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("every request finished"),
        () = tokio::time::sleep(limits.drain) => {
            tracing::warn!(drain = ?limits.drain, "requests still running at the drain deadline are cut");
        }
    }
}

/// A connection that fails its reads once nothing has moved either way for `timeout`
/// while no request of it is waiting for its answer.
struct Idle {
    tcp: TcpStream,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    /// Requests whose answer has not started: waiting for a turn or being searched.
    answering: Arc<AtomicUsize>,
}

impl Idle {
    fn new(tcp: TcpStream, timeout: Duration, answering: Arc<AtomicUsize>) -> Idle {
        Idle {
            tcp,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            answering,
        }
    }

    fn moved(&mut self) {
        self.deadline.as_mut().reset(Instant::now() + self.timeout);
    }
}

impl AsyncRead for Idle {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.tcp).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => loop {
                match self.deadline.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    // Quiet because the server is still working on its request.
                    Poll::Ready(()) if self.answering.load(Ordering::Relaxed) > 0 => self.moved(),
                    Poll::Ready(()) => {
                        return Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "connection idle",
                        )));
                    }
                }
            },
        }
    }
}

impl AsyncWrite for Idle {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.tcp).poll_write(cx, data);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        written
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::connection_cap;

    #[test]
    fn connections_stay_below_the_open_file_limit() {
        assert_eq!(connection_cap(1024), 768);
        assert_eq!(connection_cap(10), 16);
        assert_eq!(connection_cap(1 << 20), 8192);
    }
}
