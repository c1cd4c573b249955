//! The admin endpoint of `iwmo run`: a minimal HTTP/1.1 responder on `std::net` for two
//! read-only pages, `GET /healthz` and `GET /metrics`. Everything else is 404 (or 400 when the
//! request line is not HTTP); nothing a client sends can panic it or hold it for more than
//! the read timeout. One request per connection (`Connection: close`); connections are served
//! one after another on one thread, which is plenty for a probe and a scraper.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context as _;
use iwmo_engine::Metrics;

/// The most bytes of a request head read; the rest is ignored.
const MAX_HEAD: usize = 8 * 1024;
/// How long a client may take to send its request head, or to take the answer.
const IO_TIMEOUT: Duration = Duration::from_secs(2);
/// How long, and how many bytes, the rest of an over-long request is read before closing.
const DRAIN_TIMEOUT: Duration = Duration::from_millis(200);
/// See [`DRAIN_TIMEOUT`].
const MAX_DRAIN: usize = 1024 * 1024;
/// How often an idle listener looks at the stop flag.
const IDLE_POLL: Duration = Duration::from_millis(50);

/// The running endpoint.
pub(crate) struct Admin {
    /// Where it listens (the real port when `:0` was asked for).
    pub(crate) addr: SocketAddr,
    thread: JoinHandle<()>,
}

impl Admin {
    /// Binds `listen` and serves until `stop` is set.
    pub(crate) fn start(
        listen: &str,
        metrics: Arc<Metrics>,
        stop: Arc<AtomicBool>,
    ) -> anyhow::Result<Admin> {
        let listener = TcpListener::bind(listen)
            .with_context(|| format!("cannot listen on {listen} (setting admin.listen)"))?;
        listener
            .set_nonblocking(true)
            .context("cannot make the admin socket non-blocking")?;
        let addr = listener
            .local_addr()
            .context("cannot read the admin socket's address")?;
        if !addr.ip().is_loopback() {
            tracing::warn!(%addr, "the admin endpoint listens beyond localhost; it has no authentication");
        }
        let thread = std::thread::Builder::new()
            .name("iwmo-admin".into())
            .spawn(move || serve(&listener, &metrics, &stop))
            .context("cannot start the admin thread")?;
        Ok(Admin { addr, thread })
    }

    /// Waits for the thread after the stop flag is set.
    pub(crate) fn join(self) {
        let _ = self.thread.join();
    }
}

fn serve(listener: &TcpListener, metrics: &Metrics, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                if let Err(e) = answer(stream, metrics) {
                    tracing::debug!(error = %e, "admin request not answered");
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(IDLE_POLL),
            Err(e) => {
                tracing::warn!(error = %e, "admin endpoint: accept failed");
                std::thread::sleep(IDLE_POLL);
            }
        }
    }
}

/// Reads one request head and writes the answer.
fn answer(mut stream: TcpStream, metrics: &Metrics) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let head = read_head(&mut stream)?;
    let (status, content_type, body) = respond(&head, metrics);
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(reply.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()?;
    // Closing with unread request bytes would reset the connection and could destroy the
    // answer in flight: say we are done, then read what is left (bounded) before closing.
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(DRAIN_TIMEOUT))?;
    let mut rest = [0u8; 4096];
    let mut drained = 0;
    while drained < MAX_DRAIN {
        match stream.read(&mut rest) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}

/// The bytes up to the end of the head (`\r\n\r\n`), at most [`MAX_HEAD`].
fn read_head(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while head.len() < MAX_HEAD && !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(head)
}

/// Status line, content type and body for a request head.
fn respond(head: &[u8], metrics: &Metrics) -> (&'static str, &'static str, String) {
    const TEXT: &str = "text/plain; charset=utf-8";
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return ("400 Bad Request", TEXT, "bad request\n".into());
    };
    if !version.starts_with("HTTP/1.") {
        return ("400 Bad Request", TEXT, "bad request\n".into());
    }
    let path = target.split('?').next().unwrap_or_default();
    match (method, path) {
        ("GET", "/healthz") => {
            let health = metrics.health();
            let status = if health.is_ok() {
                "200 OK"
            } else {
                "503 Service Unavailable"
            };
            (status, TEXT, format!("{}\n", health.describe()))
        }
        ("GET", "/metrics") => (
            "200 OK",
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.prometheus(),
        ),
        _ => ("404 Not Found", TEXT, "not found\n".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iwmo_engine::Health;

    #[test]
    fn only_get_healthz_and_metrics_are_served() {
        let m = Metrics::new();
        assert_eq!(
            respond(b"GET /healthz HTTP/1.1\r\n\r\n", &m).0,
            "503 Service Unavailable"
        );
        assert_eq!(
            respond(b"GET /healthz HTTP/1.1\r\n\r\n", &m).2,
            "starting\n"
        );
        m.set_health(Health::Running);
        assert_eq!(respond(b"GET /healthz HTTP/1.1\r\n\r\n", &m).0, "200 OK");
        let metrics = respond(b"GET /metrics?x=1 HTTP/1.0\r\n\r\n", &m);
        assert_eq!(metrics.0, "200 OK");
        assert!(metrics.2.contains("iwmo_up 1\n"));
        for head in [
            &b"POST /metrics HTTP/1.1\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\n\r\n",
            b"GET /healthz/x HTTP/1.1\r\n\r\n",
            b"HEAD /metrics HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(respond(head, &m).0, "404 Not Found");
        }
        for head in [
            &b""[..],
            b"\xff\xfe\x00",
            b"GET /metrics\r\n\r\n",
            b"GET /metrics SPDY/3 extra\r\n",
            b"GET  /metrics HTTP/1.1\r\n",
        ] {
            assert_eq!(respond(head, &m).0, "400 Bad Request");
        }
    }
}
