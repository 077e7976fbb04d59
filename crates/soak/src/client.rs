//! The battery's HTTP client: keep-alive connections driven request by request, so every
//! answer is read whole (an answer cut short is an error, not a shorter body), and raw
//! bytes for requests too malformed for any client library to send.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What became of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answered whole, with this status.
    Answered(u16),
    /// The connection failed or closed before the whole answer came.
    Broken(String),
    /// Closed without a byte of answer: how a server refuses what is not HTTP/1 at all
    /// (an HTTP/2 preface, say), where no answer could be read.
    Closed,
}

impl Outcome {
    /// A server error or a broken answer: what the battery counts as a failure.
    pub fn failed(&self) -> bool {
        match self {
            Outcome::Answered(status) => *status >= 500 && !self.shed(),
            Outcome::Broken(_) => true,
            Outcome::Closed => false,
        }
    }

    /// Turned away with 503 for lack of a turn: load shed as designed, not a failure.
    pub fn shed(&self) -> bool {
        *self == Outcome::Answered(503)
    }
}

/// One keep-alive connection, reopened when the server closes it.
pub struct Client {
    addr: SocketAddr,
    sender: Option<SendRequest<Empty<Bytes>>>,
    timeout: Duration,
}

impl Client {
    pub fn new(addr: SocketAddr, timeout: Duration) -> Client {
        Client {
            addr,
            sender: None,
            timeout,
        }
    }

    /// Opens the connection now, so a request sent later goes on an established one.
    pub async fn open(&mut self) -> Result<(), String> {
        self.sender = Some(self.connect().await?);
        Ok(())
    }

    async fn connect(&self) -> Result<SendRequest<Empty<Bytes>>, String> {
        let tcp = TcpStream::connect(self.addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let _ = tcp.set_nodelay(true);
        let (sender, connection) = handshake(TokioIo::new(tcp))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        tokio::spawn(connection);
        Ok(sender)
    }

    /// GETs `path_and_query` and reads the whole answer, within the client's timeout.
    pub async fn get(&mut self, path_and_query: &str) -> (Outcome, Duration) {
        let started = Instant::now();
        let (outcome, _) = self.fetch(path_and_query).await;
        (outcome, started.elapsed())
    }

    /// The JSON of a 200 answer.
    pub async fn json(&mut self, path_and_query: &str) -> Option<serde_json::Value> {
        match self.fetch(path_and_query).await {
            (Outcome::Answered(200), body) => serde_json::from_slice(&body).ok(),
            _ => None,
        }
    }

    async fn fetch(&mut self, path_and_query: &str) -> (Outcome, Bytes) {
        match tokio::time::timeout(self.timeout, self.exchange(path_and_query)).await {
            Ok(answer) => answer,
            Err(_) => {
                self.sender = None;
                (
                    Outcome::Broken(format!("no whole answer within {:?}", self.timeout)),
                    Bytes::new(),
                )
            }
        }
    }

    async fn exchange(&mut self, path_and_query: &str) -> (Outcome, Bytes) {
        let broken = |why: String| (Outcome::Broken(why), Bytes::new());
        let request = || {
            hyper::Request::get(path_and_query)
                .header(hyper::header::HOST, self.addr.to_string())
                .body(Empty::new())
        };
        let reused = self.sender.take().filter(SendRequest::is_ready);
        let retry = reused.is_some();
        let mut sender = match reused {
            Some(sender) => sender,
            None => match self.connect().await {
                Ok(sender) => sender,
                Err(e) => return broken(e),
            },
        };
        let first = match request() {
            Ok(request) => sender.send_request(request).await,
            Err(e) => return broken(format!("unsendable request: {e}")),
        };
        let answer = match first {
            Ok(answer) => answer,
            // A kept-alive connection the server closed as idle (or reset) just as the
            // request went out: sent again on a new one, as HTTP clients do for a GET.
            Err(_) if retry => {
                sender = match self.connect().await {
                    Ok(sender) => sender,
                    Err(e) => return broken(e),
                };
                match request() {
                    Ok(request) => match sender.send_request(request).await {
                        Ok(answer) => answer,
                        Err(e) => return broken(format!("send: {e}")),
                    },
                    Err(e) => return broken(format!("unsendable request: {e}")),
                }
            }
            Err(e) => return broken(format!("send: {e}")),
        };
        let status = answer.status().as_u16();
        let keep = !answer
            .headers()
            .get(hyper::header::CONNECTION)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
        match answer.into_body().collect().await {
            Ok(body) => {
                if keep {
                    self.sender = Some(sender);
                }
                (Outcome::Answered(status), body.to_bytes())
            }
            Err(e) => broken(format!("status {status}, answer cut: {e}")),
        }
    }
}

/// Sends `bytes` as they are on a connection of their own and reads until the server
/// closes it: the status of the answer, or why there was none.
pub async fn raw(addr: SocketAddr, bytes: &[u8], timeout: Duration) -> Outcome {
    let exchange = async {
        let mut tcp = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        tcp.write_all(bytes)
            .await
            .map_err(|e| format!("write: {e}"))?;
        // Read until the server closes, or until it has been quiet for a second after its
        // answer began (it may keep the connection for a body it was promised).
        let mut answer = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let wait = if answer.is_empty() {
                timeout
            } else {
                Duration::from_secs(1)
            };
            match tokio::time::timeout(wait, tcp.read(&mut chunk)).await {
                Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&chunk[..n]),
                // Closed, reset (the server may close before reading all of a request it
                // refused) or quiet.
                _ => break,
            }
        }
        if answer.is_empty() {
            return Ok(Outcome::Closed);
        }
        status_of(&answer).map(Outcome::Answered).ok_or_else(|| {
            format!(
                "not an answer: {:?}",
                String::from_utf8_lossy(&answer[..answer.len().min(80)])
            )
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => Outcome::Broken(e),
        Err(_) => Outcome::Broken(format!("no answer within {timeout:?}")),
    }
}

/// The status code of a raw HTTP/1.1 answer.
fn status_of(answer: &[u8]) -> Option<u16> {
    let line = answer.split(|&b| b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    line.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{Outcome, status_of};

    #[test]
    fn statuses_and_failures() {
        assert_eq!(status_of(b"HTTP/1.1 431 Too Large\r\n\r\n"), Some(431));
        assert_eq!(status_of(b"garbage"), None);
        assert!(Outcome::Answered(500).failed());
        assert!(!Outcome::Answered(503).failed());
        assert!(Outcome::Answered(503).shed());
        assert!(!Outcome::Answered(400).failed());
        assert!(Outcome::Broken("cut".into()).failed());
    }
}
