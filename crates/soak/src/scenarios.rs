//! The attacks and faults, each bounded in requests or time: what its clients do, and what
//! must hold.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::Options;
use crate::client::{self, Client, Outcome};
use crate::fuzz::{self, Fuzzed};
use crate::process::Server;
use crate::report::Tally;

/// Searches an ordinary user runs, in several scripts and with filters.
const SEARCHES: &[&str] = &[
    "/search?q=Kyiv",
    "/search?q=Kharkov&facets=place,date",
    "/search?q=%D0%B2%D0%BE%D1%94%D0%BD%D0%BD%D0%B8%D0%B9%20%D1%81%D1%82%D0%B0%D0%BD",
    "/?q=Mariupol",
    "/search?q=%22air%20defence%22&sort=newest",
    "/search?q=drone&from=2023-01-01&to=2023-12-31",
];

/// `o.fuzz_requests` fuzzed requests from `o.fuzz_workers` clients: none may get a 5xx
/// or a broken answer.
pub async fn fuzz(addr: SocketAddr, o: &Options) -> Tally {
    let next = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..o.fuzz_workers)
        .map(|_| {
            let next = next.clone();
            let (total, seed) = (o.fuzz_requests, o.seed);
            tokio::spawn(async move {
                let mut client = Client::new(addr, Duration::from_secs(30));
                let mut tally = Tally::default();
                let mut previous: Option<u64> = None;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        break tally;
                    }
                    let request = fuzz::request(seed, n);
                    let outcome = match &request {
                        Fuzzed::Get(path) => client.get(path).await.0,
                        Fuzzed::Raw(bytes) => {
                            client::raw(addr, bytes, Duration::from_secs(30)).await
                        }
                    };
                    tally.add(
                        || {
                            format!(
                                "request {n} of seed {seed}: {} (after request {previous:?} on this client)",
                                request.describe()
                            )
                        },
                        &outcome,
                    );
                    previous = Some(n);
                }
            })
        })
        .collect();
    let mut tally = Tally::default();
    for worker in workers {
        tally.merge(worker.await.unwrap_or_default());
    }
    tally.notes.push(format!(
        "seed {} (rerun with --seed to repeat the same requests)",
        o.seed
    ));
    tally
}

/// `o.slow_connections` clients send a request's headers a byte a second, reconnecting
/// whenever the server cuts them, for `o.attack`. The attack's own requests are not
/// failures; the probe's are.
pub async fn slow_connections(addr: SocketAddr, o: &Options) -> Tally {
    let deadline = Instant::now() + o.attack;
    let attackers: Vec<_> = (0..o.slow_connections)
        .map(|_| {
            tokio::spawn(async move {
                let (mut opened, mut cut, mut refused) = (0usize, 0usize, 0usize);
                while Instant::now() < deadline {
                    let connected =
                        tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(addr))
                            .await;
                    let Ok(Ok(mut tcp)) = connected else {
                        refused += 1;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        continue;
                    };
                    opened += 1;
                    if tcp
                        .write_all(b"GET /search?q=slow HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                        .await
                        .is_err()
                    {
                        cut += 1;
                        continue;
                    }
                    while Instant::now() < deadline {
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        if tcp.write_all(b"x").await.is_err() {
                            cut += 1;
                            break;
                        }
                    }
                }
                (opened, cut, refused)
            })
        })
        .collect();
    let (mut opened, mut cut, mut refused) = (0, 0, 0);
    for attacker in attackers {
        let (o, c, r) = attacker.await.unwrap_or_default();
        opened += o;
        cut += c;
        refused += r;
    }
    Tally {
        notes: vec![format!(
            "{} slow clients opened {opened} connections; the server cut {cut} of them; {refused} connects timed out or were refused",
            o.slow_connections
        )],
        ..Tally::default()
    }
}

/// `o.exports` clients each ask for `/export.csv?limit=o.export_limit` again and again for
/// `o.attack`. Turning some away (503 busy) is load shedding; a 5xx otherwise, or an
/// export cut short, is a failure.
pub async fn export_flood(addr: SocketAddr, o: &Options) -> Tally {
    let deadline = Instant::now() + o.attack;
    let path = format!("/export.csv?limit={}", o.export_limit);
    let clients: Vec<_> = (0..o.exports)
        .map(|_| {
            let path = path.clone();
            tokio::spawn(async move {
                let mut client = Client::new(addr, Duration::from_secs(300));
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let (outcome, _) = client.get(&path).await;
                    tally.add(|| path.clone(), &outcome);
                }
                tally
            })
        })
        .collect();
    let mut tally = Tally::default();
    for client in clients {
        tally.merge(client.await.unwrap_or_default());
    }
    tally
}

/// Ordinary users searching until `stop` is set.
fn searchers(
    addr: SocketAddr,
    users: usize,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<Tally>> {
    (0..users)
        .map(|user| {
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut client = Client::new(addr, Duration::from_secs(30));
                let mut tally = Tally::default();
                let mut i = user;
                while !stop.load(Ordering::Relaxed) {
                    let path = SEARCHES[i % SEARCHES.len()];
                    let (outcome, _) = client.get(path).await;
                    // Under a rebuild every answer must be whole and 200: none is shed.
                    let outcome = match outcome {
                        Outcome::Answered(status) if status != 200 => {
                            Outcome::Broken(format!("status {status}"))
                        }
                        other => other,
                    };
                    tally.add(|| path.to_string(), &outcome);
                    i += 1;
                }
                tally
            })
        })
        .collect()
}

async fn gather(users: Vec<tokio::task::JoinHandle<Tally>>, into: &mut Tally) {
    for user in users {
        into.merge(user.await.unwrap_or_default());
    }
}

/// The generation the server answers from, from `/healthz`.
async fn generation(addr: SocketAddr) -> Option<String> {
    let mut client = Client::new(addr, Duration::from_secs(10));
    client.json("/healthz").await?["generation"]
        .as_str()
        .map(str::to_string)
}

/// Staging folders (`gen-*.tmp`) under the index folder.
fn staging(index: &Path) -> Vec<String> {
    std::fs::read_dir(index)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("gen-") && n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// A build of the served index killed with SIGKILL halfway while users search: every
/// search is answered, from the generation served before, which stays served.
pub async fn killed_build(server: &Server, o: &Options) -> Tally {
    let mut tally = Tally::default();
    let before = generation(server.addr).await;
    let stop = Arc::new(AtomicBool::new(false));
    let users = searchers(server.addr, 4, &stop);
    let log = o.work.join("killed-build.log");
    match o.binaries.start_build(&o.corpus, &o.index, &log) {
        Err(e) => tally.fail(format!("cannot start the build: {e}")),
        Ok(mut build) => {
            let started = Instant::now();
            // Killed once it has written for a while into its staging folder.
            let mut writing_since = None;
            let ended = loop {
                if let Ok(Some(status)) = build.try_wait() {
                    break Some(status);
                }
                if writing_since.is_none() && !staging(&o.index).is_empty() {
                    writing_since = Some(Instant::now());
                }
                if writing_since.is_some_and(|t| t.elapsed() >= o.kill_after) {
                    break None;
                }
                if started.elapsed() > Duration::from_secs(600) {
                    break None;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            };
            match ended {
                Some(status) => tally.fail(format!(
                    "the build ended ({status}) before it could be killed: give a larger corpus or a shorter --kill-after"
                )),
                None => {
                    let _ = build.kill();
                    let _ = build.wait();
                    tally.notes.push(format!(
                        "killed the build after {:.1} s; staging folders left: {}",
                        started.elapsed().as_secs_f64(),
                        staging(&o.index).len()
                    ));
                }
            }
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    gather(users, &mut tally).await;
    let after = generation(server.addr).await;
    if after.is_none() || after != before {
        tally.fail(format!(
            "served generation {before:?} before the killed build, {after:?} after"
        ));
    }
    tally
}

/// `o.builds` rebuilds of the served index while users search: every search answered 200,
/// the new generation served at the end, and no staging folder left (a killed build's
/// included).
pub async fn rebuild(server: &Server, o: &Options) -> Tally {
    let mut tally = Tally::default();
    let before = generation(server.addr).await;
    let stop = Arc::new(AtomicBool::new(false));
    let users = searchers(server.addr, 4, &stop);
    for n in 0..o.builds {
        let (binaries, corpus, index) = (o.binaries.clone(), o.corpus.clone(), o.index.clone());
        let log = o.work.join(format!("rebuild-{n}.log"));
        let built =
            tokio::task::spawn_blocking(move || binaries.build(&corpus, &index, &log)).await;
        match built {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tally.fail(format!("rebuild {n} failed: {e}")),
            Err(e) => tally.fail(format!("rebuild {n} did not finish: {e}")),
        }
    }
    // The server notices the new generation within a second.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut after = generation(server.addr).await;
    while after == before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = generation(server.addr).await;
    }
    stop.store(true, Ordering::Relaxed);
    gather(users, &mut tally).await;
    if after.is_none() || after == before {
        tally.fail(format!(
            "still serving {before:?} after {} rebuilds",
            o.builds
        ));
    }
    let left = staging(&o.index);
    if !left.is_empty() {
        tally.fail(format!("staging folders left after the rebuilds: {left:?}"));
    }
    tally.notes.push(format!(
        "{} rebuilds; served {} then {}",
        o.builds,
        before.unwrap_or_default(),
        after.unwrap_or_default()
    ));
    tally
}

/// SIGTERM while `o.in_flight` requests (exports and searches) are being answered: each
/// is answered whole (or turned away whole), and the server exits cleanly.
pub async fn sigterm(server: &mut Server, o: &Options) -> Tally {
    let mut tally = Tally::default();
    let ready = Arc::new(tokio::sync::Barrier::new(o.in_flight + 1));
    let requests: Vec<_> = (0..o.in_flight)
        .map(|n| {
            let ready = ready.clone();
            let addr = server.addr;
            let path = if n % 2 == 0 {
                format!("/export.csv?limit={}", o.export_limit)
            } else {
                SEARCHES[n % SEARCHES.len()].to_string()
            };
            tokio::spawn(async move {
                let mut client = Client::new(addr, Duration::from_secs(120));
                let opened = client.open().await;
                ready.wait().await;
                let outcome = match opened {
                    Ok(()) => client.get(&path).await.0,
                    Err(e) => Outcome::Broken(e),
                };
                (path, outcome)
            })
        })
        .collect();
    ready.wait().await;
    // Every request has been sent and is being read or answered.
    tokio::time::sleep(Duration::from_millis(300)).await;
    if let Err(e) = server.terminate() {
        tally.fail(format!("cannot send SIGTERM: {e}"));
    }
    let mut cut = 0;
    for request in requests {
        if let Ok((path, outcome)) = request.await {
            if matches!(outcome, Outcome::Broken(_)) {
                cut += 1;
            }
            tally.add(|| format!("{path} in flight at SIGTERM"), &outcome);
        }
    }
    match server.wait(Duration::from_secs(60)).await {
        Some(status) if status.success() => {
            tally
                .notes
                .push(format!("{cut} requests cut; the server exited cleanly"));
        }
        Some(status) => tally.fail(format!("the server exited with {status} on SIGTERM")),
        None => tally.fail("the server was still running a minute after SIGTERM".into()),
    }
    tally
}
