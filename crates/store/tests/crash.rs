//! Crash safety: a child process commits group after group, the parent SIGKILLs it at random
//! moments, and after every kill the store reopens with each group wholly present or wholly absent.
//!
//! The child is this test binary itself, re-executed with [`CHILD_DIR`] set, running only
//! [`crash_child_commits_until_killed`]. A SIGKILL leaves the page cache alone, so this proves
//! redb's commit protocol against process crashes, not against power loss.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant, SystemTime};

use iwmo_store::{Commit, CommitOutcome, OutboxId, OutboxRow, RedbStore, Store};

/// Set in the child's environment: the store folder to commit into.
const CHILD_DIR: &str = "IWMO_STORE_CRASH_CHILD_DIR";
/// Commits per group (one `Store::commit` call).
const COMMITS_PER_GROUP: u64 = 4;
/// Client keys each commit writes.
const KEYS_PER_COMMIT: u64 = 8;
/// The client key holding the number of the newest committed group.
const LAST: &[u8] = b"last";
const KILLS: usize = 10;
/// The line the child prints just before it opens (or creates) the store.
const OPENING: &str = "child opening";
/// What the child prints, followed by the group's number, once a group's commit returned.
const COMMITTED: &str = "child committed ";

/// Group `group`: [`COMMITS_PER_GROUP`] commits, all of whose keys and values name the group.
fn group(group: u64) -> Vec<Commit> {
    let filler = "x".repeat(2048);
    (0..COMMITS_PER_GROUP)
        .map(|j| {
            let n = group * COMMITS_PER_GROUP + j;
            let mut clients: Vec<(Vec<u8>, Vec<u8>)> = (0..KEYS_PER_COMMIT)
                .map(|i| (client_key(n, i), format!("{group} {filler}").into_bytes()))
                .collect();
            clients.push((LAST.to_vec(), group.to_string().into_bytes()));
            Commit {
                dedupe_key: format!("d/{n}").into_bytes(),
                decision: format!("group {group} commit {n}").into_bytes(),
                clients,
                index: vec![(
                    format!("i/{n}").into_bytes(),
                    group.to_string().into_bytes(),
                )],
                log: format!("{group}/{n}").into_bytes(),
                outbox: vec![OutboxRow {
                    id: OutboxId(format!("o/{n}")),
                    destination: "ggk".to_string(),
                    payload: group.to_string().into_bytes(),
                    headers: vec![],
                }],
            }
        })
        .collect()
}

fn client_key(n: u64, i: u64) -> Vec<u8> {
    format!("k/{n:010}/{i}").into_bytes()
}

fn last_group(store: &RedbStore) -> Option<u64> {
    let last = store.client(LAST).unwrap()?;
    Some(String::from_utf8(last).unwrap().parse().unwrap())
}

/// The child's work; passes at once in an ordinary test run. It redelivers the newest committed
/// group (which must come back all duplicates), then commits new groups until it is killed.
#[test]
fn crash_child_commits_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    println!("{OPENING}");
    let store = RedbStore::open(&dir).unwrap();
    let next = match last_group(&store) {
        Some(last) => {
            let outcomes = store.commit(&group(last)).unwrap();
            assert!(
                outcomes.iter().all(|o| *o == CommitOutcome::Duplicate),
                "{outcomes:?}"
            );
            last + 1
        }
        None => 0,
    };
    for g in next.. {
        let outcomes = store.commit(&group(g)).unwrap();
        // One row per commit, none sent: the outbox numbers follow the commit numbers.
        let first = g * COMMITS_PER_GROUP + 1;
        let expected: Vec<CommitOutcome> = (first..first + COMMITS_PER_GROUP)
            .map(|seq| CommitOutcome::Applied {
                log_seq: seq,
                first_outbox_seq: seq,
            })
            .collect();
        assert_eq!(outcomes, expected);
        println!("{COMMITTED}{g}");
    }
}

/// Whether every piece of commit `n` of group `g` is stored: `Some(true)` all, `Some(false)` none,
/// `None` some but not all.
fn commit_presence(
    store: &RedbStore,
    g: u64,
    n: u64,
    outbox: &HashSet<String>,
    log: &HashSet<Vec<u8>>,
) -> Option<bool> {
    let group_text = g.to_string().into_bytes();
    let mut pieces = Vec::new();
    // The dedupe table, checked against its content.
    let decision = store.decision(format!("d/{n}").as_bytes()).unwrap();
    if let Some(decision) = &decision {
        assert_eq!(decision, format!("group {g} commit {n}").as_bytes());
    }
    pieces.push(decision.is_some());
    for i in 0..KEYS_PER_COMMIT {
        let value = store.client(&client_key(n, i)).unwrap();
        if let Some(value) = &value {
            assert!(
                value.starts_with(format!("{g} ").as_bytes()),
                "client {n}/{i}"
            );
        }
        pieces.push(value.is_some());
    }
    let index = store.index(format!("i/{n}").as_bytes()).unwrap();
    pieces.push(index.as_ref() == Some(&group_text));
    pieces.push(outbox.contains(&format!("o/{n}")));
    pieces.push(log.contains(format!("{g}/{n}").as_bytes()));
    if pieces.iter().all(|p| *p) {
        Some(true)
    } else if pieces.iter().all(|p| !*p) {
        Some(false)
    } else {
        None
    }
}

/// Reopens the store and checks it: groups `0..=last` wholly present, the next ones wholly
/// absent, counters and tables agreeing. Returns the number of committed groups.
fn verify(dir: &Path) -> u64 {
    let store = RedbStore::open(dir).expect("the store reopens after a kill");
    let committed = last_group(&store).map_or(0, |last| last + 1);
    let pending = store.pending_outbox(usize::MAX).unwrap();
    // Each commit enqueues one row and nothing is sent: commit `n`'s row has outbox number
    // `n + 1`, the numbers contiguous from 1, whatever the kills.
    let outbox_seqs: Vec<u64> = pending.iter().map(|p| p.seq).collect();
    let expected: Vec<u64> = (1..=committed * COMMITS_PER_GROUP).collect();
    assert_eq!(
        outbox_seqs, expected,
        "outbox sequence numbers are contiguous"
    );
    for p in &pending {
        assert_eq!(
            p.row.id.0,
            format!("o/{}", p.seq - 1),
            "outbox row {}",
            p.seq
        );
    }
    let outbox: HashSet<String> = pending.into_iter().map(|p| p.row.id.0).collect();
    let log_entries = store.log_since(0, usize::MAX).unwrap();
    let seqs: Vec<u64> = log_entries.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(seqs, expected, "log sequence numbers are contiguous");
    let log: HashSet<Vec<u8>> = log_entries.into_iter().map(|(_, entry)| entry).collect();

    for g in 0..committed + 3 {
        for j in 0..COMMITS_PER_GROUP {
            let n = g * COMMITS_PER_GROUP + j;
            let presence = commit_presence(&store, g, n, &outbox, &log);
            assert_eq!(
                presence,
                Some(g < committed),
                "group {g} commit {n} with {committed} groups committed: Some(true) = all present, \
                 Some(false) = all absent, None = torn"
            );
        }
    }
    let stats = store.stats().unwrap();
    let commits = committed * COMMITS_PER_GROUP;
    assert_eq!(stats.decisions, commits);
    assert_eq!(
        stats.clients,
        commits * KEYS_PER_COMMIT + u64::from(committed > 0)
    );
    assert_eq!(stats.index_entries, commits);
    assert_eq!((stats.log_entries, stats.last_log_seq), (commits, commits));
    assert_eq!(
        (stats.outbox_pending, stats.outbox_total),
        (commits, commits)
    );
    store.close().unwrap();
    committed
}

/// A small xorshift seeded from the clock (or `IWMO_STORE_CRASH_SEED`); the seed is printed so
/// that a failure can be rerun.
struct Random(u64);

impl Random {
    fn from_clock_or_env() -> Random {
        let seed = std::env::var("IWMO_STORE_CRASH_SEED")
            .ok()
            .and_then(|seed| seed.parse().ok())
            .unwrap_or_else(|| {
                let now = SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap();
                now.as_nanos() as u64 | 1
            });
        eprintln!("crash test seed {seed} (set IWMO_STORE_CRASH_SEED to repeat)");
        Random(seed)
    }

    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// A child committing into a store folder, and the marker lines it printed.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn spawn(dir: &Path) -> Running {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_commits_until_killed",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_DIR, dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// Waits until the child printed `marker` (libtest may print the test name before it on
    /// the same line).
    fn wait_for(&mut self, marker: &str) {
        self.wait_for_line(|line| line.ends_with(marker));
    }

    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return,
                Ok(_) => {}
                Err(_) => {
                    let _ = self.child.kill();
                    self.failed();
                }
            }
        }
    }

    /// Waits until the child reported a committed group.
    fn wait_for_a_commit(&mut self) {
        self.wait_for_line(|line| line.contains(COMMITTED));
    }

    /// SIGKILLs the child after `delay`; it must not have stopped by itself before. Returns the
    /// newest group the child reported committed before it died.
    fn kill_after(mut self, delay: Duration) -> Option<u64> {
        let started = Instant::now();
        while started.elapsed() < delay {
            if self.child.try_wait().unwrap().is_some() {
                self.failed();
            }
            std::thread::sleep(Duration::from_micros(200).min(delay));
        }
        self.child.kill().unwrap(); // SIGKILL on Unix
        self.child.wait().unwrap();
        // The reader thread ends at the closed pipe, so this drains every line the child wrote.
        self.lines
            .iter()
            .filter_map(|line| Some(line.split(COMMITTED).nth(1)?.trim().parse().unwrap()))
            .max()
    }

    /// The child ends only when killed: any other end is a failure, reported with its stderr.
    fn failed(&mut self) -> ! {
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        panic!("the child stopped by itself ({status}), it must only be killed:\n{stderr}");
    }
}

#[test]
fn killed_mid_commit_every_group_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Random::from_clock_or_env();
    let mut committed = 0;
    for kill in 0..KILLS {
        let mut child = Running::spawn(dir.path());
        // Every fourth kill lands while the child starts or opens the store; the others at a
        // random moment after its first new group committed, so that each of them proves
        // progress whatever the machine's speed (a fixed delay after start did not on a slow one).
        let waits = kill % 4 != 0;
        let delay = if waits {
            child.wait_for_a_commit();
            Duration::from_millis(random.next(400))
        } else {
            Duration::from_millis(random.next(20))
        };
        let reported = child.kill_after(delay);

        let now = verify(dir.path());
        assert!(
            now >= committed,
            "committed groups went back from {committed} to {now}"
        );
        // A group whose commit returned is durable: the kill cannot take it back.
        if let Some(last) = reported {
            assert!(
                now > last,
                "the child reported group {last} committed, but after the kill only {now} groups are"
            );
        }
        assert!(
            !waits || now > committed,
            "kill {kill} waited for a commit, yet the store holds no new group"
        );
        eprintln!("kill {kill} after {delay:?}: {now} groups committed");
        committed = now;
    }
}

/// A kill while the store file is first created leaves no store or an empty one, never a file
/// that does not open: redb writes a new file in several steps, so the store creates it aside
/// and renames it into place.
#[test]
fn killed_while_creating_the_store_leaves_a_store_that_opens() {
    let mut random = Random::from_clock_or_env();
    let (mut none, mut partial) = (0, 0);
    for _ in 0..KILLS * 4 {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Running::spawn(dir.path());
        child.wait_for(OPENING);
        child.kill_after(Duration::from_micros(random.next(4000)));
        none += usize::from(!dir.path().join(RedbStore::FILE_NAME).exists());
        partial += usize::from(dir.path().join("iwmo-store.redb.partial").exists());
        verify(dir.path());
    }
    eprintln!(
        "{} kills: {none} before the store existed, {partial} with a partial file left",
        KILLS * 4
    );
}
