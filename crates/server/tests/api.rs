//! Snapshots of the JSON API and the page for fixed requests over the bundled corpus, served
//! in process: any change to what a user receives shows up as a snapshot diff.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, header};
use frontline_gazetteer::Gazetteer;
use frontline_indexer::{BuildOptions, Enricher};
use frontline_schema::facets::{FACETS, FacetKind};
use frontline_server::params::percent_encode;
use frontline_server::{AppState, IndexHandle, app};
use serde_json::Value;
use tower::ServiceExt;

/// An index of the articles under `corpus`, in a temporary folder.
fn build(corpus: PathBuf) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = BuildOptions {
        corpus: vec![corpus],
        index: dir.path().to_path_buf(),
        strict: false,
        writer_memory: 64 << 20,
        writer_threads: 1,
    };
    let enricher = Enricher::new(Gazetteer::bundled().expect("gazetteer"), true);
    frontline_indexer::build(&opts, &enricher, &()).expect("index builds");
    dir
}

/// An index of the articles under `corpus`, served in process.
fn serve(corpus: PathBuf) -> (AppState, tempfile::TempDir) {
    let dir = build(corpus);
    let index = IndexHandle::open(dir.path()).expect("index opens");
    let gazetteer = Arc::new(Gazetteer::bundled().expect("gazetteer"));
    (AppState::new(index, gazetteer), dir)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled corpus.
fn state() -> &'static AppState {
    static S: OnceLock<(AppState, tempfile::TempDir)> = OnceLock::new();
    &S.get_or_init(|| serve(root().join("corpus"))).0
}

/// Articles written to attack a reader: a script URL, spreadsheet formulas for titles.
const HOSTILE: &str = concat!(
    r#"{"id":"js-url","title":"=HYPERLINK(\"http://evil.example\",\"Kyiv\")","source":"@evil","url":"javascript:alert(1)","published":"2024-05-01","body":"Air defence worked over Kyiv at night, the city administration said."}"#,
    "\n",
    r#"{"id":"plus","title":"+cmd|' /C calc'!A0","url":" JavaScript:alert(2)","published":"2024-05-02","body":"Drones struck Kharkiv overnight, the regional governor said."}"#,
    "\n",
);

fn hostile() -> &'static AppState {
    static S: OnceLock<(AppState, tempfile::TempDir, tempfile::TempDir)> = OnceLock::new();
    let s = S.get_or_init(|| {
        let corpus = tempfile::tempdir().expect("tempdir");
        std::fs::write(corpus.path().join("hostile.jsonl"), HOSTILE).expect("write");
        let (state, index) = serve(corpus.path().to_path_buf());
        (state, index, corpus)
    });
    &s.0
}

/// Status, headers and body of one in-process request.
fn call_on(state: &AppState, uri: &str, accept: &str) -> (u16, HeaderMap, String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let req = Request::get(uri)
            .header(header::ACCEPT, accept)
            .body(Body::empty())
            .expect("request");
        let resp = app(state.clone()).oneshot(req).await.expect("answer");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        let body = String::from_utf8(body.to_vec()).expect("utf-8 body");
        (status, headers, body)
    })
}

/// Status and body of one request to the bundled corpus.
fn call(uri: &str, accept: &str) -> (u16, String) {
    let (status, _, body) = call_on(state(), uri, accept);
    (status, body)
}

fn json(uri: &str) -> Value {
    let (status, body) = call(uri, "application/json");
    let mut v: Value = serde_json::from_str(&body).expect("json body");
    if let Some(took) = v.get_mut("took_ms") {
        *took = Value::from("[took]");
    }
    serde_json::json!({ "status": status, "body": v })
}

/// The page with its timing, the one part that changes from run to run, blanked.
fn html(uri: &str) -> String {
    let (status, body) = call(uri, "text/html");
    let timing = regex::Regex::new(r"[0-9]+\.[0-9] ms").expect("regex");
    format!("{status}\n{}", timing.replace_all(&body, "[took] ms"))
}

#[test]
fn search_answers() {
    insta::assert_json_snapshot!(
        "search_words",
        json("/search?q=Dobropillia%20highway&limit=3")
    );
    insta::assert_json_snapshot!(
        "search_place_newest",
        json(
            "/search?place=/Ukraine/Donetsk%20Oblast&sort=newest&limit=3&facets=place,source,settlements"
        )
    );
    insta::assert_json_snapshot!(
        "search_filters",
        json(
            "/search?q=%22air%20defense%22%20-Kyiv&lang=en&from=2022-03-01&to=2022-12-31&limit=2&interval=month"
        )
    );
    insta::assert_json_snapshot!(
        "search_spelling",
        json("/search?q=Kiev%20OR%20Kharkov&limit=2&facets=lang")
    );
}

#[test]
fn error_answers() {
    for (name, uri) in [
        ("error_query", "/search?q=%22unclosed"),
        ("error_date", "/search?from=2022-13-01"),
        ("error_parameter", "/search?colour=red"),
        ("error_encoding", "/search?q=%FF"),
        ("error_window", "/search?offset=9995&limit=10"),
        ("error_export_limit", "/export.json?limit=20000"),
        ("error_document", "/documents/nope"),
    ] {
        insta::assert_json_snapshot!(name, json(uri));
    }
}

#[test]
fn export_and_document_answers() {
    insta::assert_json_snapshot!("export_json", json("/export.json?q=Mariupol&limit=3"));
    let (status, csv) = call("/export.csv?q=Mariupol&limit=3", "text/csv");
    insta::assert_snapshot!("export_csv", format!("{status}\n{csv}"));
    insta::assert_json_snapshot!("document_json", json("/documents/000_85c3fa6f61157cf1"));
    insta::assert_json_snapshot!("openapi", json("/openapi.json"));
}

#[test]
fn page_answers() {
    insta::assert_snapshot!("page_search", html("/?q=Mariupol&limit=3"));
    insta::assert_snapshot!("page_empty", html("/?q=zzzqqq"));
    insta::assert_snapshot!("page_document", html("/documents/000_85c3fa6f61157cf1"));
}

/// Every schema the OpenAPI document refers to is in it.
#[test]
fn openapi_references_resolve() {
    let doc = json("/openapi.json");
    let text = doc["body"].to_string();
    let schemas = &doc["body"]["components"]["schemas"];
    let refs = regex::Regex::new(r"#/components/schemas/(\w+)").expect("regex");
    for name in refs.captures_iter(&text).map(|c| c[1].to_string()) {
        assert!(
            schemas.get(&name).is_some(),
            "{name} is referred to but not defined"
        );
    }
}

/// Every facet of the schema's table is counted on request, filters to the counts it
/// showed, and is listed on the page (a facet not counted by default, the event dates,
/// once its timeline is switched to): a facet is its declaration plus its enrichment.
#[test]
fn every_declared_facet_is_counted_filtered_and_shown() {
    let (_, page) = call("/", "text/html");
    let (_, events_page) = call("/?timeline=events", "text/html");
    for f in FACETS {
        let v = json(&format!("/search?facets={}&limit=0", f.name));
        let answer = &v["body"]["facets"][f.name];
        let shown = if f.by_default { &page } else { &events_page };
        assert!(shown.contains(f.label), "the page shows {}", f.label);
        if f.kind == FacetKind::Dates {
            let buckets = answer["buckets"].as_array().map_or(0, Vec::len);
            assert!(buckets > 0, "{}: {v}", f.name);
            continue;
        }
        let first = &answer[0];
        let value = first["value"].as_str().expect("a value");
        let filtered = json(&format!(
            "/search?{}={}&facets=none&limit=0",
            f.name,
            percent_encode(value)
        ));
        assert_eq!(
            filtered["body"]["total"], first["count"],
            "{}={value}",
            f.name
        );
    }
}

/// A link the corpus gives is followed only when it is a web address: a script URL in an
/// article's record must not run in a reader's browser.
#[test]
fn only_web_addresses_become_links() {
    for id in ["js-url", "plus"] {
        let (status, _, page) = call_on(hostile(), &format!("/documents/{id}"), "text/html");
        assert_eq!(status, 200, "{page}");
        assert!(
            !page.to_lowercase().contains("javascript:"),
            "{id}: the script URL reached the page"
        );
    }
    let (_, _, page) = call_on(state(), "/documents/zva-uk-GQyVOnuE8ec", "text/html");
    assert!(
        page.contains("href=\"https://www.youtube.com/watch?v=GQyVOnuE8ec\""),
        "a web URL stays a link"
    );
}

/// Every answer tells the browser to run only the server's own script, not to guess
/// content types, and not to be framed, whatever route made it.
#[test]
fn every_answer_carries_the_security_headers() {
    for uri in [
        "/",
        "/search?q=Kyiv",
        "/documents/nope",
        "/search?from=x",
        "/nowhere",
        "/assets/frontline.js",
    ] {
        let (_, headers, _) = call_on(state(), uri, "text/html");
        let get = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
        };
        assert!(
            get("content-security-policy").contains("script-src 'self'"),
            "{uri}"
        );
        assert!(
            get("content-security-policy").contains("frame-ancestors 'none'"),
            "{uri}"
        );
        assert_eq!(get("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(get("x-frame-options"), "DENY", "{uri}");
    }
}

/// Cells a spreadsheet would run as formulas are exported as text (OWASP: a leading `'`).
#[test]
fn csv_cells_cannot_start_formulas() {
    let (status, _, csv) = call_on(hostile(), "/export.csv?sort=oldest", "text/csv");
    assert_eq!(status, 200, "{csv}");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let mut seen = 0;
    for row in rows.records() {
        let row = row.expect("a csv row");
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {cell:?}"
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 2);
    assert!(
        csv.contains("'=HYPERLINK"),
        "the title is kept, as text: {csv}"
    );
    let (_, _, json) = call_on(hostile(), "/export.json?sort=oldest", "application/json");
    assert!(
        json.contains("\"=HYPERLINK"),
        "JSON keeps the title as written: {json}"
    );
}

/// An offset so large that adding the page size wraps around is refused, not served.
#[test]
fn an_offset_past_the_window_is_refused_even_when_it_wraps() {
    let v = json("/search?offset=18446744073709551610&limit=10");
    assert_eq!(v["status"], 400, "{v}");
    assert_eq!(v["body"]["error"], "bad_offset", "{v}");
}

/// The server process: started under a low soft limit on open files, it raises the limit
/// to the hard one and sizes its connection cap by it; it logs JSON when asked; and
/// SIGTERM, as service managers stop a server, shuts it down as Ctrl-C does: it stops
/// accepting, finishes what it is answering and exits cleanly, rather than dying mid-answer.
#[cfg(unix)]
#[test]
fn the_server_process_raises_its_file_limit_logs_json_and_drains_on_sigterm() {
    use std::net::{TcpListener, TcpStream};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let corpus = tempfile::tempdir().expect("tempdir");
    std::fs::write(corpus.path().join("hostile.jsonl"), HOSTILE).expect("write");
    let index = build(corpus.path().to_path_buf());
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let hard_limit = rlimit::Resource::NOFILE.get_hard().unwrap_or(u64::MAX);
    let mut server = Command::new("sh")
        .args(["-c", "ulimit -Sn 256 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_frontline-serve"))
        .arg("--index")
        .arg(index.path())
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .args(["--log-format", "json"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let sent = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let asked = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().expect("wait") {
            break status;
        }
        if asked.elapsed() > Duration::from_secs(15) {
            let _ = server.kill();
            panic!("the server ignored SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "the server died on SIGTERM: {status}");
    let mut logs = String::new();
    std::io::Read::read_to_string(&mut server.stderr.take().expect("stderr"), &mut logs)
        .expect("logs");
    let lines: Vec<Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["message"] == "serving" && l["documents"].is_number()),
        "{logs}"
    );
    let cap = lines
        .iter()
        .find_map(|l| l["max_connections"].as_u64())
        .expect("the connection cap is logged");
    // Under the soft limit of 256 the cap would be 192, three quarters of it.
    if hard_limit > 256 {
        assert!(
            cap > 192,
            "a cap of {cap} connections: the soft limit of 256 was not raised\n{logs}"
        );
    }
}

#[test]
fn pages_show_near_duplicates_and_translations() {
    let results = html("/?q=Mariupol&limit=20");
    assert!(results.contains("near-duplicates shown once"), "{results}");
    let similar = regex::Regex::new(r#"<a class="similar" href="/\?cluster=[0-9a-f]{16}&amp;sort=oldest"[^>]*>[0-9]+ similar</a>"#)
        .expect("regex");
    assert!(similar.is_match(&results), "{results}");
    let listing = html("/?cluster=0000000000000001");
    assert!(listing.contains("same story: "), "{listing}");
    let doc = html("/documents/zva-uk-opcPsPcaPOA");
    assert!(
        doc.contains(r#"<a class="translation" href="/documents/zva-en-opcPsPcaPOA" hreflang="en">also in English</a>"#),
        "{doc}"
    );
    assert!(doc.contains("Українська"), "language shown by name");
}

#[test]
fn an_export_flood_leaves_searches_their_turn() {
    // A server whose export budget is taken, as by a flood of exports.
    let mut crowded = hostile().clone();
    crowded.admission = Arc::new(frontline_server::admission::Admission::new(
        8,
        1,
        std::time::Duration::from_millis(200),
    ));
    let taken = crowded
        .admission
        .exports()
        .try_acquire()
        .expect("the one export turn");
    let started = std::time::Instant::now();
    let (status, headers, body) = call_on(&crowded, "/export.csv?q=Kyiv", "text/csv");
    assert_eq!(status, 503, "{body}");
    assert_eq!(
        headers.get(header::RETRY_AFTER).map(|v| v.as_bytes()),
        Some(&b"1"[..])
    );
    let error: Value = serde_json::from_str(&body).expect("a JSON error");
    assert_eq!(error["error"], "busy");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "turned away, not queued"
    );
    let (status, _, body) = call_on(&crowded, "/search?q=Kyiv", "application/json");
    assert_eq!(status, 200, "searches keep their own budget: {body}");
    let (status, _, _) = call_on(&crowded, "/healthz", "application/json");
    assert_eq!(status, 200);
    drop(taken);
    let (status, _, _) = call_on(&crowded, "/export.csv?q=Kyiv", "text/csv");
    assert_eq!(status, 200, "exports resume once a turn is free");
}

/// The real server on a socket of its own, with the given connection limits.
struct Listening {
    addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<()>,
    runtime: tokio::runtime::Runtime,
}

impl Listening {
    fn start(limits: frontline_server::listen::Limits) -> Listening {
        Listening::start_with(state().clone(), limits)
    }

    fn start_with(state: AppState, limits: frontline_server::listen::Limits) -> Listening {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a port");
        let addr = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = runtime.spawn(frontline_server::listen::serve(
            listener,
            app(state),
            limits,
            async {
                let _ = stopped.await;
            },
        ));
        Listening {
            addr,
            stop,
            server,
            runtime,
        }
    }

    /// Sends `request` on a new connection and reads the answer until the server closes the
    /// connection (for at most 10 s).
    fn exchange(&self, request: &[u8]) -> String {
        use std::io::{Read, Write};
        let mut tcp = std::net::TcpStream::connect(self.addr).expect("connect");
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        tcp.write_all(request).expect("request");
        let mut answer = String::new();
        let _ = tcp.read_to_string(&mut answer);
        answer
    }

    fn stop(self) {
        let _ = self.stop.send(());
        self.runtime
            .block_on(self.server)
            .expect("the server stops when asked");
    }
}

/// Requests hyper cannot parse, answered before they reach the app, still get the API's
/// JSON error and the security headers every answer carries.
#[test]
fn requests_too_malformed_to_reach_the_app_get_a_json_error() {
    let listening = Listening::start(frontline_server::listen::Limits::default());
    let many_headers: String = (0..200)
        .map(|i| format!("X-{i}: {}\r\n", "v".repeat(50)))
        .collect();
    let cases = [
        (
            "GET /search?q=a\x01b HTTP/1.1\r\nHost: x\r\n\r\n".to_string(),
            400,
            "bad_request",
        ),
        (
            format!(
                "GET /search?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
                "a".repeat(70_000)
            ),
            414,
            "too_long",
        ),
        (
            format!("GET /search?q=a HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n"),
            431,
            "headers_too_large",
        ),
        ("NONSENSE\r\n\r\n".to_string(), 400, "bad_request"),
    ];
    for (request, status, code) in cases {
        let answer = listening.exchange(request.as_bytes());
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        assert!(head.starts_with(&format!("HTTP/1.1 {status} ")), "{head}");
        let head = head.to_ascii_lowercase();
        assert!(head.contains("content-type: application/json"), "{head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        assert!(head.contains("content-security-policy: "), "{head}");
        let error: Value = serde_json::from_str(body).expect("a JSON error");
        assert_eq!(error["error"], code, "{body}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The connections that came after are answered as ever.
    let answer =
        listening.exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    listening.stop();
}

#[test]
fn slow_and_silent_connections_are_closed_so_others_get_in() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    use frontline_server::listen::Limits;

    let listening = Listening::start(Limits {
        max_connections: 3,
        header_timeout: Duration::from_millis(400),
        crowded_timeout: Duration::from_millis(400),
        idle_timeout: Duration::from_millis(600),
        evict_after: Duration::from_millis(100),
        drain: Duration::from_secs(1),
    });
    let addr = listening.addr;

    // Headers trickling in a byte at a time are cut off at the header deadline.
    let mut slow = TcpStream::connect(addr).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    slow.write_all(b"GET /healthz HTTP/1.1\r\n").expect("start");
    let mut writer = slow.try_clone().expect("clone");
    let trickle = std::thread::spawn(move || {
        for _ in 0..50 {
            if writer.write_all(b"X").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = slow.read_to_end(&mut answer);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "a slow client was held for {:?}",
        started.elapsed()
    );
    let _ = trickle.join();

    // Silent connections take every slot, are closed when idle, and a real request waiting
    // behind them is answered.
    let silent: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(addr).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let response =
        listening.exchange(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(started.elapsed() < Duration::from_secs(3));
    drop(silent);

    listening.stop();
}

/// With every connection slot held by clients that have not sent a whole request, a
/// newcomer is let in at once in place of the oldest of them, not after their deadlines.
#[test]
fn when_full_a_newcomer_takes_the_place_of_the_oldest_client_yet_to_ask() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    let listening = Listening::start(frontline_server::listen::Limits {
        max_connections: 3,
        header_timeout: Duration::from_secs(60),
        crowded_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        evict_after: Duration::from_millis(300),
        drain: Duration::from_secs(1),
    });
    let mut slow: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut tcp = TcpStream::connect(listening.addr).expect("connect");
            tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .expect("a partial request");
            std::thread::sleep(Duration::from_millis(50));
            tcp
        })
        .collect();
    // Past the grace a connection gets to send its request.
    std::thread::sleep(Duration::from_millis(400));
    let started = Instant::now();
    let answer =
        listening.exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the newcomer waited {:?}",
        started.elapsed()
    );
    // The oldest slow client was closed; the others are still open.
    slow[0]
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut rest = Vec::new();
    assert_eq!(
        slow[0].read_to_end(&mut rest).map(|_| rest.len()).ok(),
        Some(0)
    );
    slow[2].set_nonblocking(true).expect("non-blocking");
    let mut byte = [0u8; 1];
    assert!(
        matches!(slow[2].read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "a younger slow client is still open"
    );
    listening.stop();
}

/// A server with more than half its connection slots taken answers one request per
/// connection, so clients keeping theirs busy take turns with those waiting to connect.
#[test]
fn a_crowded_server_closes_each_connection_after_its_answer() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    let listening = Listening::start(frontline_server::listen::Limits {
        max_connections: 4,
        header_timeout: Duration::from_secs(10),
        crowded_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(10),
        evict_after: Duration::from_secs(10),
        drain: Duration::from_secs(1),
    });
    let head = |tcp: &mut TcpStream| {
        tcp.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("request");
        let mut answer = Vec::new();
        let mut byte = [0u8; 1];
        while !answer.ends_with(b"\r\n\r\n") && tcp.read(&mut byte).is_ok_and(|n| n == 1) {
            answer.push(byte[0]);
        }
        String::from_utf8_lossy(&answer).to_ascii_lowercase()
    };
    let mut first = TcpStream::connect(listening.addr).expect("connect");
    let calm = head(&mut first);
    assert!(calm.starts_with("http/1.1 200"), "{calm}");
    assert!(!calm.contains("connection: close"), "{calm}");
    let _held: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(listening.addr).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let mut late = TcpStream::connect(listening.addr).expect("connect");
    let crowded = head(&mut late);
    assert!(crowded.starts_with("http/1.1 200"), "{crowded}");
    assert!(crowded.contains("connection: close"), "{crowded}");
    drop(first);
    listening.stop();
}

/// On a crowded server a connection's short idle deadline does not cut a request that is
/// waiting for its turn: it gets its answer (here: turned away with 503), not a closed
/// connection.
#[test]
fn a_request_waiting_for_its_turn_is_not_cut_as_idle() {
    use std::net::TcpStream;
    use std::time::Duration;

    let mut busy = state().clone();
    busy.admission = Arc::new(frontline_server::admission::Admission::new(
        8,
        1,
        Duration::from_millis(1500),
    ));
    let admission = busy.admission.clone();
    let taken = admission
        .exports()
        .try_acquire()
        .expect("the one export turn");
    let listening = Listening::start_with(
        busy,
        frontline_server::listen::Limits {
            max_connections: 2,
            header_timeout: Duration::from_secs(10),
            crowded_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_secs(10),
            evict_after: Duration::from_secs(10),
            drain: Duration::from_secs(1),
        },
    );
    let _first = TcpStream::connect(listening.addr).expect("connect");
    std::thread::sleep(Duration::from_millis(100));
    let answer = listening.exchange(b"GET /export.csv?q=Kyiv HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("\"busy\""), "{answer}");
    drop(taken);
    listening.stop();
}

/// What the layers refuse by themselves is answered in the same JSON as every other error.
#[test]
fn a_body_too_large_is_a_json_error() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (status, body) = runtime.block_on(async {
        let req = Request::get("/search?q=Kyiv")
            .header(header::CONTENT_LENGTH, 20_000)
            .body(Body::from(vec![b'x'; 20_000]))
            .expect("request");
        let resp = app(state().clone()).oneshot(req).await.expect("answer");
        let status = resp.status().as_u16();
        let body = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        (
            status,
            String::from_utf8(body.to_vec()).expect("utf-8 body"),
        )
    });
    assert_eq!(status, 413, "{body}");
    let v: Value = serde_json::from_str(&body).expect("json body");
    assert_eq!(v["error"], "too_large", "{v}");
}
