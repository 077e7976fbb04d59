//! The real binaries as an operator runs them: the server as a process of its own (so it
//! can be sent signals and its memory read) and index builds beside it.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::client::{Client, Outcome};

/// Where `frontline-serve` and `frontline-index` are.
#[derive(Debug, Clone)]
pub struct Binaries {
    pub serve: PathBuf,
    pub index: PathBuf,
}

impl Binaries {
    pub fn in_dir(dir: &Path) -> anyhow::Result<Binaries> {
        let binaries = Binaries {
            serve: dir.join("frontline-serve"),
            index: dir.join("frontline-index"),
        };
        for bin in [&binaries.serve, &binaries.index] {
            if !bin.exists() {
                bail!(
                    "{} is missing: build the binaries first (cargo build --workspace --bins)",
                    bin.display()
                );
            }
        }
        Ok(binaries)
    }

    /// Starts a build of `corpus` into `index`, its output to `log`.
    pub fn start_build(
        &self,
        corpus: &[PathBuf],
        index: &Path,
        log: &Path,
    ) -> anyhow::Result<Child> {
        let log = std::fs::File::create(log)?;
        let mut command = Command::new(&self.index);
        command.arg("build").arg("--index").arg(index);
        for path in corpus {
            command.arg("--corpus").arg(path);
        }
        command
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start frontline-index")
    }

    /// Builds `corpus` into `index` and waits for it.
    pub fn build(&self, corpus: &[PathBuf], index: &Path, log: &Path) -> anyhow::Result<()> {
        let status = self.start_build(corpus, index, log)?.wait()?;
        if !status.success() {
            let output = std::fs::read_to_string(log).unwrap_or_default();
            bail!("the build failed ({status}): {output}");
        }
        Ok(())
    }
}

/// A process's resident memory.
#[derive(Debug, Clone, Copy)]
pub struct Rss {
    pub total_kib: u64,
    pub anon_kib: u64,
}

/// A running `frontline-serve`, stopped with SIGKILL when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub log: PathBuf,
}

impl Server {
    /// Starts the server on a free loopback port, under a limit of `open_files` (soft and
    /// hard) when given, and waits until it answers.
    pub async fn start(
        binaries: &Binaries,
        index: &Path,
        open_files: Option<u64>,
        log: PathBuf,
    ) -> anyhow::Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let mut command = match open_files {
            Some(limit) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("ulimit -n {limit} && exec \"$0\" \"$@\"")])
                    .arg(&binaries.serve);
                sh
            }
            None => Command::new(&binaries.serve),
        };
        let child = command
            .arg("--index")
            .arg(index)
            .args(["--addr", &addr.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()
            .context("cannot start frontline-serve")?;
        let mut server = Server { child, addr, log };
        let started = Instant::now();
        loop {
            let mut client = Client::new(addr, Duration::from_secs(5));
            if client.get("/healthz").await.0 == Outcome::Answered(200) {
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                bail!("the server exited ({status}): {}", server.logs());
            }
            if started.elapsed() > Duration::from_secs(120) {
                bail!("the server never answered: {}", server.logs());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Resident memory in KiB: all of it, and the part that is the process's own (the
    /// rest is the index's files, mapped and cached, which the kernel can drop).
    pub fn rss(&self) -> Option<Rss> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<u64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            line.split_whitespace().nth(1)?.parse().ok()
        };
        Some(Rss {
            total_kib: field("VmRSS:")?,
            anon_kib: field("RssAnon:")?,
        })
    }

    /// Sends SIGTERM, as a service manager stops a server.
    pub fn terminate(&self) -> anyhow::Result<()> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        if !sent.success() {
            bail!("kill -TERM failed");
        }
        Ok(())
    }

    /// Waits for the process to end, at most `limit`.
    pub async fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
