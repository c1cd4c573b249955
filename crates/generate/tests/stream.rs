//! The generated streams against the engine's own checks: the XSD (level 1, our schemas), the
//! level-2 rules and the ledger in chain mode (levels 3 and 4), message by message in stream
//! order, each decided on its own Dagtekening, as `iwmo replay` decides them.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;
use std::time::Instant;

use iwmo_generate::{
    generate, generate_stream, write_stream, GenerateConfig, GenerateError, Generated, Stream,
    WrongKind,
};
use iwmo_ledger::calendar::Calendar;
use iwmo_ledger::{Config, Context, Decision, Lists, MemoryLedger, Mode, SignalKind, Verdict};
use iwmo_model::{Message, MessageKind};
use iwmo_rules::Report;
use iwmo_xsd::SchemaSet;

fn schemas() -> &'static SchemaSet {
    static SCHEMAS: OnceLock<SchemaSet> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        SchemaSet::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas"))
            .expect("the project's schemas load")
    })
}

/// What the engine's checks say about one file.
enum Outcome {
    /// Not XML, not XSD-valid, or not representable in the model.
    Level1(Vec<String>),
    /// A level-2 rule failed.
    Level2(Report),
    /// The ledger's decision (with the message, for its details).
    Ledger(Box<Message>, Decision),
}

impl Outcome {
    fn level_failed(&self) -> Option<u8> {
        match self {
            Outcome::Level1(_) => Some(1),
            Outcome::Level2(_) => Some(2),
            Outcome::Ledger(_, d) => match d.verdict {
                Verdict::Approved => None,
                _ => Some(3),
            },
        }
    }

    fn describe(&self) -> String {
        match self {
            Outcome::Level1(errors) => format!("level 1: {}", errors.join("; ")),
            Outcome::Level2(report) => format!(
                "level 2: {}",
                report
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.rule, f.detail))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Outcome::Ledger(_, d) => format!(
                "ledger {:?}: {}{}",
                d.verdict,
                d.findings
                    .iter()
                    .map(|f| format!("{} {} {}", f.rule, f.retourcode.code(), f.detail))
                    .collect::<Vec<_>>()
                    .join("; "),
                d.note.as_deref().unwrap_or("")
            ),
        }
    }
}

/// Runs the stream through levels 1, 2 and the ledger (chain mode), in order: a message that
/// fails level 1 or 2 never reaches the ledger, as in the engine's pipeline.
fn run(files: &[Generated]) -> Vec<Outcome> {
    let (config, lists) = (Config::default(), Lists::default());
    let mut ledger = MemoryLedger::new();
    files
        .iter()
        .map(|file| {
            let report = schemas().validate(&file.bytes);
            if !report.is_valid() {
                return Outcome::Level1(report.errors.iter().map(|e| e.to_string()).collect());
            }
            let message = match iwmo_model::read(&file.bytes) {
                Ok(m) => m,
                Err(e) => return Outcome::Level1(vec![format!("model: {e}")]),
            };
            let level2 = iwmo_rules::check(&message);
            if !level2.is_clean() {
                return Outcome::Level2(level2);
            }
            let ctx = Context {
                today: file.dagtekening,
                mode: Mode::Chain,
                config: &config,
                lists: &lists,
            };
            let decision = ledger.decide_and_apply(&message, &ctx);
            Outcome::Ledger(Box::new(message), decision)
        })
        .collect()
}

fn header(m: &Message) -> &iwmo_model::Header {
    match m {
        Message::Wmo301(m) => &m.header,
        Message::Wmo305(m) => &m.header,
        Message::Wmo307(m) => &m.header,
        Message::Wmo315(m) => &m.header,
        Message::Wmo323(m) => &m.header,
        other => panic!("the generator sends no {:?}", other.kind()),
    }
}

fn stream(config: &GenerateConfig) -> Stream {
    generate_stream(config).expect("a valid configuration")
}

/// 1. The same configuration gives byte-identical output, through `generate` and through
///    `write_stream`; another seed gives another stream.
#[test]
fn deterministic() {
    let config = GenerateConfig {
        clients: 400,
        ..GenerateConfig::default()
    };
    let a = generate(&config).unwrap();
    let b = generate(&config).unwrap();
    assert_eq!(a, b);
    assert!(a.len() > 1000, "{} messages", a.len());

    let other = generate(&GenerateConfig {
        seed: 2,
        ..config.clone()
    })
    .unwrap();
    assert_ne!(a, other);
    let same_bytes = a
        .iter()
        .zip(&other)
        .filter(|(x, y)| x.bytes == y.bytes)
        .count();
    assert!(
        same_bytes < a.len() / 100,
        "{same_bytes} files equal across seeds"
    );

    // Written to disk: the same files with the same bytes, in file-name order.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stream");
    let summary = write_stream(&config, &out).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), a.len());
    assert_eq!(summary.messages, a.len());
    for (name, file) in names.iter().zip(&a) {
        assert_eq!(name, &file.file_name);
        assert_eq!(std::fs::read(out.join(name)).unwrap(), file.bytes);
    }
    assert_eq!(summary, stream(&config).summary);
    // Not into a folder that holds something.
    assert!(matches!(
        write_stream(&config, &out),
        Err(GenerateError::DirectoryNotEmpty { .. })
    ));
    let file = out.join(&names[0]);
    assert!(matches!(
        write_stream(&config, &file),
        Err(GenerateError::NotADirectory { .. })
    ));
    // An empty existing folder is fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(write_stream(&config, &empty).unwrap(), summary);
}

/// 2. Without late, missing and wrong messages every message is XSD-valid, level-2 clean and
///    approved by the ledger in chain mode, in stream order; and no late signal is raised.
#[test]
fn clean_stream_is_valid_and_approved() {
    let config = GenerateConfig {
        clients: 300,
        late: 0.0,
        missing: 0.0,
        wrong: 0.0,
        ..GenerateConfig::default()
    };
    let Stream { files, summary } = stream(&config);
    println!("{summary}");
    assert_eq!(summary.wrong + summary.late + summary.missing, 0);
    let outcomes = run(&files);

    let mut failures = Vec::new();
    let mut per_kind: BTreeMap<MessageKind, usize> = BTreeMap::new();
    let mut identificaties = HashSet::new();
    let calendar = Calendar::default();
    for (file, outcome) in files.iter().zip(&outcomes) {
        *per_kind.entry(file.kind).or_default() += 1;
        assert!(std::str::from_utf8(&file.bytes).is_ok());
        assert!(
            calendar.is_working_day(file.dagtekening),
            "{}",
            file.file_name
        );
        match outcome {
            Outcome::Ledger(message, decision) if decision.verdict == Verdict::Approved => {
                assert!(
                    decision.signals.is_empty(),
                    "{}: {:?}",
                    file.file_name,
                    decision.signals
                );
                let h = header(message);
                assert_eq!(h.bericht_identificatie.dagtekening, file.dagtekening);
                assert_eq!(message.kind(), file.kind);
                assert!(
                    identificaties.insert((
                        h.afzender.clone(),
                        message.kind(),
                        h.bericht_identificatie.identificatie.clone()
                    )),
                    "{}: Identificatie used before",
                    file.file_name
                );
            }
            other => failures.push(format!("{}: {}", file.file_name, other.describe())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every kind of the life cycle is in the stream, with one 301 and at least one 305 and
    // one stop per client (missing = 0).
    assert_eq!(per_kind[&MessageKind::Wmo301], config.clients);
    assert!(per_kind[&MessageKind::Wmo305] >= config.clients);
    assert!(per_kind[&MessageKind::Wmo307] >= config.clients);
    assert!(per_kind[&MessageKind::Wmo315] > config.clients / 5);
    assert!(per_kind[&MessageKind::Wmo323] > config.clients / 5);
    // Stream order is file-name order and Dagtekening order.
    assert!(files.windows(2).all(|w| w[0].file_name < w[1].file_name));
    assert!(files
        .windows(2)
        .all(|w| w[0].dagtekening <= w[1].dagtekening));
    assert_eq!(files[0].file_name[..12], *"0000001-wmo3");
    assert_eq!(files[0].dagtekening, config.start);
}

/// 3. With wrong = 0.05, the messages failing level 1, level 2 and the ledger are exactly the
///    wrong ones, each at the level (and for the rule) it was made for, as many as the Summary
///    says; every clean message is still approved.
#[test]
fn wrong_messages_fail_where_they_were_made_to() {
    let config = GenerateConfig {
        clients: 1000,
        wrong: 0.05,
        ..GenerateConfig::default()
    };
    let Stream { files, summary } = stream(&config);
    println!("{summary}");
    let outcomes = run(&files);

    let mut failed = [0usize; 4];
    let mut problems = Vec::new();
    for (file, outcome) in files.iter().zip(&outcomes) {
        let level = outcome.level_failed();
        if let Some(l) = level {
            failed[usize::from(l)] += 1;
        }
        match file.wrong {
            None if level.is_some() => problems.push(format!(
                "{} (clean): {}",
                file.file_name,
                outcome.describe()
            )),
            Some(kind) if level != Some(kind.level()) => problems.push(format!(
                "{} ({kind}, level {}): {}",
                file.file_name,
                kind.level(),
                match level {
                    None => "approved".to_string(),
                    Some(_) => outcome.describe(),
                }
            )),
            Some(kind) => {
                // The rule it was made to break is among the findings.
                let rules: Vec<String> = match outcome {
                    Outcome::Level2(r) => r.rules().iter().map(|r| r.to_string()).collect(),
                    Outcome::Ledger(_, d) => d.rules().iter().map(|r| r.to_string()).collect(),
                    Outcome::Level1(_) => Vec::new(),
                };
                if let Some(rule) = kind.rule() {
                    if !rules.iter().any(|r| r == rule) {
                        problems.push(format!(
                            "{} ({kind}): {rule} not among {rules:?}",
                            file.file_name
                        ));
                    }
                }
            }
            None => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(failed[1], summary.wrong_at_level(1), "level 1");
    assert_eq!(failed[2], summary.wrong_at_level(2), "level 2");
    assert_eq!(failed[3], summary.wrong_at_level(3), "ledger");
    assert_eq!(failed.iter().sum::<usize>(), summary.wrong);
    // About 5% wrong, every kind present, level 1 a few.
    let share = summary.wrong as f64 / summary.messages as f64;
    assert!((0.04..0.06).contains(&share), "{share}");
    for kind in WrongKind::ALL {
        assert!(
            summary.wrong_per_kind.get(&kind).copied().unwrap_or(0) > 0,
            "no {kind}"
        );
    }
    assert!(summary.wrong_at_level(1) > 0 && summary.wrong_at_level(1) < summary.wrong / 5);
    println!(
        "failed: level 1 {}, level 2 {}, ledger {}",
        failed[1], failed[2], failed[3]
    );
}

/// 4. With late = 0.2 the ledger raises a late-start signal on about a fifth of the starts:
///    exactly on the starts the generator sent late, and likewise late-stop signals.
#[test]
fn late_starts_raise_late_signals() {
    let config = GenerateConfig {
        clients: 1000,
        late: 0.2,
        wrong: 0.0,
        ..GenerateConfig::default()
    };
    let Stream { files, summary } = stream(&config);
    println!("{summary}");
    let outcomes = run(&files);
    let (mut starts, mut late_starts, mut late_stops) = (0, 0, 0);
    let mut problems = Vec::new();
    for (file, outcome) in files.iter().zip(&outcomes) {
        let Outcome::Ledger(_, decision) = outcome else {
            problems.push(format!("{}: {}", file.file_name, outcome.describe()));
            continue;
        };
        if decision.verdict != Verdict::Approved {
            problems.push(format!("{}: {}", file.file_name, outcome.describe()));
        }
        let signalled = |kind: SignalKind| decision.signals.iter().any(|s| s.kind == kind);
        let late_signal = match file.kind {
            MessageKind::Wmo305 => {
                starts += 1;
                late_starts += usize::from(signalled(SignalKind::LateStart));
                signalled(SignalKind::LateStart)
            }
            MessageKind::Wmo307 => {
                late_stops += usize::from(signalled(SignalKind::LateStop));
                signalled(SignalKind::LateStop)
            }
            _ => !decision.signals.is_empty(),
        };
        if late_signal != file.late {
            problems.push(format!(
                "{}: sent late {}, signals {:?}",
                file.file_name, file.late, decision.signals
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(late_starts, summary.late_starts);
    assert_eq!(late_stops, summary.late_stops);
    let share = late_starts as f64 / starts as f64;
    println!("late-start signals on {late_starts} of {starts} starts ({share:.3})");
    assert!((0.17..0.23).contains(&share), "{share}");
}

/// How long generating 100,000 messages takes (printed; not asserted: run with
/// `--release -- --nocapture` to see it).
#[test]
fn time_for_100_000_messages() {
    let config = GenerateConfig {
        clients: 23_300,
        ..GenerateConfig::default()
    };
    let started = Instant::now();
    let Stream { files, summary } = stream(&config);
    let elapsed = started.elapsed();
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "generated {} messages ({:.1} MB) for {} clients in {:.2?} ({:.0} messages/s)",
        files.len(),
        bytes as f64 / 1e6,
        config.clients,
        elapsed,
        files.len() as f64 / elapsed.as_secs_f64()
    );
    println!("{summary}");
    assert!(files.len() >= 100_000, "{}", files.len());
}

/// `write_lists` gives what a replay with every check on needs: each 323 prestatie's
/// aanbieder, product and tariff is in the tariff list, and its product in the product codes.
#[test]
fn the_lists_cover_every_declared_prestatie() {
    let config = GenerateConfig {
        clients: 400,
        aanbieders: 4,
        ..GenerateConfig::default()
    };
    let dir = tempfile::tempdir().unwrap();
    iwmo_generate::write_lists(&config, dir.path()).unwrap();
    let lines = |name: &str| -> HashSet<String> {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        text.lines().skip(1).map(str::to_string).collect()
    };
    let products = lines(iwmo_generate::PRODUCTCODES_FILE);
    let tariffs = lines(iwmo_generate::TARIFFS_FILE);
    let mut prestaties = 0;
    for file in generate(&config).unwrap() {
        let Ok(Message::Wmo323(m)) = iwmo_model::read(&file.bytes) else {
            continue;
        };
        for client in &m.declaratie.clienten {
            for p in &client.prestaties {
                let categorie = p.product_categorie.code();
                let product = format!("{categorie},{},generated", p.product_code);
                assert!(products.contains(&product), "{}: {product}", file.file_name);
                if let Some(tarief) = p.product_tarief {
                    let line = format!(
                        "{},{categorie},{},{tarief},2000-01-01,",
                        m.header.afzender, p.product_code
                    );
                    assert!(tariffs.contains(&line), "{}: {line}", file.file_name);
                }
                prestaties += 1;
            }
        }
    }
    assert!(prestaties > 100, "only {prestaties} prestaties");
}
