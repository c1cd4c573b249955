//! A replay stream: its messages in file-name order, and its clock, from `stream.toml` when
//! the stream has one.
//!
//! ```toml
//! # Reviews (missing starts and stops, no care) at the start of these days.
//! ticks = [2026-07-20, 2026-09-01]
//!
//! # The day each message was received (a date-time may be given; the ledger counts days,
//! # so its date is the clock).
//! [received]
//! "01-wmo301-toewijzing.xml" = 2026-06-01
//! "02-wmo305-start.xml" = 2026-06-12T09:30:00
//! ```
//!
//! A message that `received` does not name is received on its latest Dagtekening, as in a
//! stream without `stream.toml`, but never before the clock. The clock never goes back: a
//! named receipt date before it is an error, and so are an unknown key and a name that is not
//! a message of the stream. A tick runs before the first message received on or after its day;
//! ticks after the last message run at the end.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::EngineError;

/// The name of a stream's clock file.
pub const STREAM_TOML: &str = "stream.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StreamToml {
    #[serde(default)]
    ticks: Vec<toml::value::Datetime>,
    #[serde(default)]
    received: BTreeMap<String, toml::value::Datetime>,
}

/// The stream's messages: every regular file of the folder except `stream.toml` and `README*`,
/// in file-name order.
pub(crate) fn stream_files(stream: &Path) -> Result<Vec<PathBuf>, EngineError> {
    let entries =
        std::fs::read_dir(stream).map_err(|e| EngineError::io("cannot read", stream, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| EngineError::io("cannot read", stream, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == STREAM_TOML || name.starts_with("README") {
            continue;
        }
        let path = entry.path();
        // The entry's type comes with the listing; only a link needs a look at its target.
        let kind = entry
            .file_type()
            .map_err(|e| EngineError::io("cannot read", &path, e))?;
        if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The latest date in an element whose name ends in `Dagtekening`, in the first 4 KiB.
fn dagtekening(bytes: &[u8]) -> Option<NaiveDate> {
    const TAG: &[u8] = b"Dagtekening>";
    let head = &bytes[..bytes.len().min(4096)];
    memchr::memmem::find_iter(head, TAG)
        .filter_map(|at| {
            let date = head.get(at + TAG.len()..at + TAG.len() + 10)?;
            let date = std::str::from_utf8(date).ok()?;
            NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
        })
        .max()
}

/// The clock of a replay: where it stands, the receipt dates `stream.toml` gives and the ticks
/// still to come.
pub(crate) struct StreamClock {
    now: NaiveDate,
    received: BTreeMap<String, NaiveDate>,
    ticks: VecDeque<NaiveDate>,
    path: PathBuf,
}

impl StreamClock {
    /// The clock of `stream`, whose messages are `files`: from its `stream.toml`, or the
    /// Dagtekening clock when it has none.
    pub(crate) fn load(stream: &Path, files: &[PathBuf]) -> Result<StreamClock, EngineError> {
        let path = stream.join(STREAM_TOML);
        let mut clock = StreamClock {
            now: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
            received: BTreeMap::new(),
            ticks: VecDeque::new(),
            path: path.clone(),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(clock),
            Err(e) => return Err(EngineError::io("cannot read", &path, e)),
        };
        let parsed: StreamToml = toml::from_str(&text).map_err(|e| clock.error(e.to_string()))?;
        let mut ticks = Vec::new();
        for (i, tick) in parsed.ticks.iter().enumerate() {
            ticks.push(clock.date(tick, &format!("ticks[{i}]"))?);
        }
        ticks.sort();
        ticks.dedup();
        clock.ticks = ticks.into();
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_name())
            .map(|n| n.to_string_lossy().to_string())
            .collect();
        for (name, when) in &parsed.received {
            if !names.contains(name) {
                return Err(clock.error(format!(
                    "[received] names {name:?}, which is not a message of the stream"
                )));
            }
            let date = clock.date(when, &format!("received.{name:?}"))?;
            clock.received.insert(name.clone(), date);
        }
        // The named dates in file-name order, checked now so that the mistake is found before
        // anything is decided (the Dagtekeningen of the others are checked as they are read).
        let mut previous: Option<(&String, NaiveDate)> = None;
        for name in &names {
            if let Some(&day) = clock.received.get(name) {
                if let Some((before, earlier)) = previous.filter(|&(_, earlier)| day < earlier) {
                    return Err(clock.error(format!(
                        "{name} is received on {day}, before {before} ({earlier}): receipt dates must not go back in file-name order"
                    )));
                }
                previous = Some((name, day));
            }
        }
        Ok(clock)
    }

    fn error(&self, detail: String) -> EngineError {
        EngineError::StreamToml {
            path: self.path.clone(),
            detail,
        }
    }

    /// A local date, or the date of a local date-time.
    fn date(&self, value: &toml::value::Datetime, key: &str) -> Result<NaiveDate, EngineError> {
        let date = match (value.date, value.offset) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        date.ok_or_else(|| {
            self.error(format!(
                "{key} = {value}: give a date (2026-06-01) or a local date-time (2026-06-01T09:30:00), without an offset"
            ))
        })
    }

    /// The day the message `name` is received on, and the ticks due before it (their days
    /// have come). Moves the clock to that day.
    pub(crate) fn receive(
        &mut self,
        name: &str,
        bytes: &[u8],
    ) -> Result<(NaiveDate, Vec<NaiveDate>), EngineError> {
        let day = match self.received.get(name) {
            Some(&day) if day < self.now => {
                return Err(self.error(format!(
                    "{name} is received on {day}, before the stream's clock ({}): receipt dates and ticks must not go back in file-name order",
                    self.now
                )))
            }
            Some(&day) => day,
            None => dagtekening(bytes).map_or(self.now, |d| d.max(self.now)),
        };
        let mut due = Vec::new();
        while let Some(&tick) = self.ticks.front().filter(|&&t| t <= day) {
            due.push(tick);
            self.ticks.pop_front();
        }
        self.now = day;
        Ok((day, due))
    }

    /// The ticks after the last message, in order.
    pub(crate) fn rest(&mut self) -> Vec<NaiveDate> {
        let rest: Vec<NaiveDate> = self.ticks.drain(..).collect();
        if let Some(&last) = rest.last() {
            self.now = self.now.max(last);
        }
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A stream's messages are its files and links to files, in name order; folders, dangling
    /// links, `stream.toml` and READMEs are not.
    #[cfg(unix)]
    #[test]
    fn stream_files_are_files_and_links_to_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.xml", STREAM_TOML, "README.md"] {
            std::fs::write(root.join(name), b"x").unwrap();
        }
        std::fs::create_dir(root.join("c-folder")).unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("target.xml"), b"x").unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("target.xml"), root.join("a.xml"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("missing.xml"), root.join("d.xml")).unwrap();
        std::os::unix::fs::symlink(root.join("c-folder"), root.join("e")).unwrap();
        assert_eq!(
            stream_files(root).unwrap(),
            vec![root.join("a.xml"), root.join("b.xml")]
        );
    }

    fn stream(toml: &str, names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STREAM_TOML), toml).unwrap();
        let mut files = Vec::new();
        for n in names {
            std::fs::write(dir.path().join(n), b"<x/>").unwrap();
            files.push(dir.path().join(n));
        }
        (dir, files)
    }

    #[test]
    fn receipt_dates_and_ticks_in_order() {
        let (dir, files) = stream(
            "ticks = [2026-09-01, 2026-07-01, 2026-06-03]\n[received]\n\"a.xml\" = 2026-06-01\n\"b.xml\" = 2026-06-03T10:00:00\n",
            &["a.xml", "b.xml", "c.xml"],
        );
        assert_eq!(stream_files(dir.path()).unwrap(), files);
        let mut clock = StreamClock::load(dir.path(), &files).unwrap();
        assert_eq!(
            clock.receive("a.xml", b"").unwrap(),
            (date("2026-06-01"), vec![])
        );
        // A tick on the day of receipt runs before the message.
        assert_eq!(
            clock.receive("b.xml", b"").unwrap(),
            (date("2026-06-03"), vec![date("2026-06-03")])
        );
        // Not named: its Dagtekening, and the tick before it.
        let c = b"<Dagtekening>2026-08-01</Dagtekening>";
        assert_eq!(
            clock.receive("c.xml", c).unwrap(),
            (date("2026-08-01"), vec![date("2026-07-01")])
        );
        assert_eq!(clock.rest(), vec![date("2026-09-01")]);
    }

    #[test]
    fn mistakes_are_errors_that_name_them() {
        let cases = [
            ("tick = [2026-06-01]\n", "tick"),
            ("[received]\n\"missing.xml\" = 2026-06-01\n", "missing.xml"),
            ("ticks = [2026-06-01T10:00:00+02:00]\n", "ticks[0]"),
            ("ticks = [10:00:00]\n", "ticks[0]"),
            ("ticks = 3\n", "ticks"),
        ];
        for (toml, named) in cases {
            let (dir, files) = stream(toml, &["a.xml"]);
            let err = StreamClock::load(dir.path(), &files)
                .err()
                .unwrap_or_else(|| panic!("{toml} was accepted"))
                .to_string();
            assert!(
                err.contains(named) && err.contains(STREAM_TOML),
                "{toml}: {err}"
            );
        }
        let (dir, files) = stream(
            "[received]\n\"a.xml\" = 2026-06-05\n\"b.xml\" = 2026-06-01\n",
            &["a.xml", "b.xml"],
        );
        let err = StreamClock::load(dir.path(), &files)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("b.xml") && err.contains("2026-06-05"), "{err}");
        // A Dagtekening clock ahead of a named date is found as the stream is read.
        let (dir, files) = stream("[received]\n\"b.xml\" = 2026-06-01\n", &["a.xml", "b.xml"]);
        let mut clock = StreamClock::load(dir.path(), &files).unwrap();
        clock
            .receive("a.xml", b"<Dagtekening>2026-06-05</Dagtekening>")
            .unwrap();
        let err = clock.receive("b.xml", b"").unwrap_err().to_string();
        assert!(err.contains("b.xml") && err.contains("2026-06-05"), "{err}");
    }

    #[test]
    fn without_stream_toml_the_clock_is_the_latest_dagtekening() {
        let dir = tempfile::tempdir().unwrap();
        let mut clock = StreamClock::load(dir.path(), &[]).unwrap();
        let d = |s: &str| format!("<Dagtekening>{s}</Dagtekening>").into_bytes();
        assert_eq!(
            clock.receive("a", &d("2026-06-05")).unwrap().0,
            date("2026-06-05")
        );
        assert_eq!(
            clock.receive("b", &d("2026-06-01")).unwrap().0,
            date("2026-06-05")
        );
        assert_eq!(clock.receive("c", b"junk").unwrap().0, date("2026-06-05"));
        assert!(clock.rest().is_empty());
    }
}
