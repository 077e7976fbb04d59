//! hyper answers a request it cannot parse (a control byte in the address, an address or
//! headers over its limits) itself, before the app sees it, with an empty body. This
//! connection wrapper gives those answers the API's JSON error body and security headers,
//! so every error a client meets reads alike.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::{ApiError, SECURITY_HEADERS};

/// A connection whose bare 4xx answers from hyper leave with a JSON body.
pub struct ErrorBodies<T> {
    inner: T,
    replacing: Option<Replacement>,
}

/// An answer being written in place of hyper's bare one.
struct Replacement {
    bytes: Vec<u8>,
    written: usize,
    /// How many of the caller's bytes it stands for.
    replaces: usize,
}

impl<T> ErrorBodies<T> {
    pub fn new(inner: T) -> ErrorBodies<T> {
        ErrorBodies {
            inner,
            replacing: None,
        }
    }
}

/// The answer to send instead of `data` when it is hyper's own bare error answer: a 4xx
/// head that closes the connection, has no body and lacks the headers every answer of the
/// app carries. Also returns the length of that head.
fn with_json_body(data: &[u8]) -> Option<(Vec<u8>, usize)> {
    // Most writes are answers of the app or their bodies: told apart without a scan.
    if !data.starts_with(b"HTTP/1.1 4") {
        return None;
    }
    let head_end = data.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&data[..head_end]).ok()?;
    let status_line = head.lines().next()?;
    let code: u16 = status_line
        .strip_prefix("HTTP/1.1 ")?
        .get(..3)?
        .parse()
        .ok()?;
    let lower = head.to_ascii_lowercase();
    let bare = (400..500).contains(&code)
        && lower.contains("\r\ncontent-length: 0\r\n")
        && lower.contains("\r\nconnection: close\r\n")
        && !lower.contains(SECURITY_HEADERS[0].0.as_str());
    if !bare {
        return None;
    }
    let status = StatusCode::from_u16(code).ok()?;
    let (code, message) = match status {
        StatusCode::URI_TOO_LONG => ("too_long", "the request's address is too long"),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "headers_too_large",
            "the request's headers are too large or too many",
        ),
        _ => (
            "bad_request",
            "the request is not valid HTTP: a malformed request line or header, \
             or a control character in the address",
        ),
    };
    let error = ApiError {
        status,
        code,
        message: message.into(),
        position: None,
    };
    let body = serde_json::to_string(&error.body()).ok()?;
    let mut answer = format!(
        "{status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for line in head
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("date:"))
    {
        answer.push_str(line);
        answer.push_str("\r\n");
    }
    for (name, value) in SECURITY_HEADERS {
        answer.push_str(&format!("{name}: {value}\r\n"));
    }
    answer.push_str("\r\n");
    answer.push_str(&body);
    Some((answer.into_bytes(), head_end))
}

impl<T: AsyncRead + Unpin> AsyncRead for ErrorBodies<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for ErrorBodies<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let replacement = match &mut this.replacing {
            Some(replacement) => replacement,
            None => match with_json_body(data) {
                Some((bytes, replaces)) => this.replacing.insert(Replacement {
                    bytes,
                    written: 0,
                    replaces,
                }),
                None => return Pin::new(&mut this.inner).poll_write(cx, data),
            },
        };
        while replacement.written < replacement.bytes.len() {
            let rest = &replacement.bytes[replacement.written..];
            match ready!(Pin::new(&mut this.inner).poll_write(cx, rest)) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => replacement.written += n,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        let replaces = replacement.replaces;
        this.replacing = None;
        Poll::Ready(Ok(replaces))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::with_json_body;

    #[test]
    fn only_bare_error_answers_are_replaced() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 22:27:57 GMT\r\n\r\n";
        let (answer, replaces) = with_json_body(bare).expect("replaced");
        assert_eq!(replaces, bare.len());
        let answer = String::from_utf8(answer).expect("utf-8");
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        assert!(head.starts_with("HTTP/1.1 431 "), "{head}");
        assert!(head.contains("date: Sun, 06 Dec 2026"), "{head}");
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).expect("json");
        assert_eq!(json["error"], "headers_too_large");

        let from_app = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";
        assert!(with_json_body(from_app).is_none());
        let ok = b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";
        assert!(with_json_body(ok).is_none());
        assert!(with_json_body(b"{\"hits\": []}").is_none());
    }
}
