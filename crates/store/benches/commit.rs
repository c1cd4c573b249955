//! Group commit on [`RedbStore`]: commits (transactions, one fsync each) per second and decisions
//! per second for groups of 1, 16 and 128 decisions, each decision carrying ~2 KB of client state
//! and one ~1 KB outbox row (a WMO306 retour, which the store compresses), and the ratios against a group of 1.
//!
//! `cargo bench -p iwmo-store --bench commit`. The store lives in a temporary folder under
//! `IWMO_BENCH_DIR` (default: the system temp folder); point it at the disk the engine will use,
//! since the numbers are mostly that disk's fsync latency.

use std::time::{Duration, Instant};

use iwmo_store::{Commit, OutboxId, OutboxRow, RedbStore, Store};

const GROUP_SIZES: [usize; 3] = [1, 16, 128];
/// How long each group size runs, after one warm-up group.
const BUDGET: Duration = Duration::from_secs(3);
/// Clients the decisions are spread over, so that client state is overwritten as in real use.
const CLIENTS: u64 = 10_000;

fn decision(n: u64) -> Commit {
    let client = format!("client/0363/{:09}", n % CLIENTS).into_bytes();
    Commit {
        dedupe_key: format!(
            "ggk/wmo305/{n:012}/2026-06-01/{:016x}",
            n.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        )
        .into_bytes(),
        decision: vec![b'd'; 200],
        clients: vec![(client.clone(), vec![(n % 251) as u8; 2048])],
        index: vec![(format!("toewijzing/{n:012}").into_bytes(), client)],
        log: vec![b'l'; 200],
        outbox: vec![OutboxRow {
            id: OutboxId(format!("retour/wmo306/{n:012}")),
            destination: "ggk.wmo306".to_string(),
            payload: retour(n),
            headers: vec![("content-type".to_string(), "application/xml".to_string())],
        }],
    }
}

/// The WMO306 retour approving decision `n`, shaped as the engine writes one (about 1.1 KB of
/// XML, as compressible as the real ones; a run of one byte would compress to nothing and
/// flatter the store).
fn retour(n: u64) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<wmo306:Bericht xmlns:wmo306=\"http://www.istandaarden.nl/iwmo/3_2/wmo306/schema\" \
xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\">
\t<wmo306:Header>
\t\t<wmo306:BerichtCode>419</wmo306:BerichtCode>
\t\t<wmo306:BerichtVersie>3</wmo306:BerichtVersie>
\t\t<wmo306:BerichtSubversie>2</wmo306:BerichtSubversie>
\t\t<wmo306:Afzender>{aanbieder:08}</wmo306:Afzender>
\t\t<wmo306:Ontvanger>0363</wmo306:Ontvanger>
\t\t<wmo306:BerichtIdentificatie>
\t\t\t<iwmo:Identificatie>A26-{n:08}</iwmo:Identificatie>
\t\t\t<iwmo:Dagtekening>2026-06-01</iwmo:Dagtekening>
\t\t</wmo306:BerichtIdentificatie>
\t\t<wmo306:XsdVersie>
\t\t\t<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
\t\t\t<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>
\t\t</wmo306:XsdVersie>
\t\t<wmo306:IdentificatieRetour>R{retour:011X}</wmo306:IdentificatieRetour>
\t\t<wmo306:DagtekeningRetour>2026-06-01</wmo306:DagtekeningRetour>
\t\t<wmo306:XsdVersieRetour>
\t\t\t<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
\t\t\t<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>
\t\t</wmo306:XsdVersieRetour>
\t</wmo306:Header>
</wmo306:Bericht>
",
        aanbieder = 98_000_000 + n % 20,
        retour = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20,
    )
    .into_bytes()
}

struct Run {
    group: usize,
    commits: u64,
    decisions: u64,
    elapsed: Duration,
}

impl Run {
    fn commits_per_second(&self) -> f64 {
        self.commits as f64 / self.elapsed.as_secs_f64()
    }

    fn decisions_per_second(&self) -> f64 {
        self.decisions as f64 / self.elapsed.as_secs_f64()
    }
}

fn run(group: usize) -> Run {
    let dir = match std::env::var_os("IWMO_BENCH_DIR") {
        Some(base) => tempfile::tempdir_in(base),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder for the store");
    let store = RedbStore::open(dir.path()).expect("open the store");
    let mut n = 0u64;
    let mut next_group = || {
        let batch: Vec<Commit> = (0..group)
            .map(|_| {
                n += 1;
                decision(n)
            })
            .collect();
        batch
    };
    store.commit(&next_group()).expect("warm-up commit");

    let (mut commits, mut decisions) = (0u64, 0u64);
    let started = Instant::now();
    while started.elapsed() < BUDGET {
        let batch = next_group();
        store.commit(&batch).expect("commit");
        commits += 1;
        decisions += batch.len() as u64;
    }
    let elapsed = started.elapsed();
    let stats = store.stats().expect("stats");
    assert_eq!(stats.decisions, decisions + group as u64);
    assert_eq!(stats.outbox_total, decisions + group as u64);
    Run {
        group,
        commits,
        decisions,
        elapsed,
    }
}

fn main() {
    // `cargo test --benches` runs this binary too; keep that quick.
    if std::env::args().any(|arg| arg == "--test") {
        run(1);
        return;
    }
    println!("redb group commit: decision = 2 KB client state + 1 KB WMO306 outbox row + 200 B decision + 200 B log + index entry");
    println!(
        "{:>6} {:>9} {:>10} {:>12} {:>16} {:>18}",
        "group", "commits", "commits/s", "decisions/s", "commits/s vs 1", "decisions/s vs 1"
    );
    let runs: Vec<Run> = GROUP_SIZES.iter().map(|&group| run(group)).collect();
    let base = &runs[0];
    for run in &runs {
        println!(
            "{:>6} {:>9} {:>10.0} {:>12.0} {:>15.2}x {:>17.1}x",
            run.group,
            run.commits,
            run.commits_per_second(),
            run.decisions_per_second(),
            run.commits_per_second() / base.commits_per_second(),
            run.decisions_per_second() / base.decisions_per_second(),
        );
    }
}
