//! `decide` against a ledger of one million clients in memory: decisions per second on one
//! core.
//!
//! `cargo bench -p iwmo-ledger --bench decide`
//!
//! The ledger holds 1,000,000 clients of one gemeente, each with a toewijzing and an actual
//! start (built directly as state, as a store would load it). Three workloads run side by side,
//! interleaved pass by pass, each over its own clients so every decision is a real one:
//! a 307 that stops a running delivery (approved, derives a WMO405), a 305 that is rejected
//! (TR326: a start while one is actual), and a 305 for an unknown client (TR019). Reported:
//! the best pass in decisions per second, and the cost of building the ledger. Decisions are
//! applied (`MemoryLedger::apply`), as the engine commits them. No timing is asserted.

use std::hint::black_box;
use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use iwmo_ledger::*;
use iwmo_model::codes::{ProductCategorie, RedenBeeindiging, StatusAanlevering};
use iwmo_model::{read, Bsn, Message, Product};

const CLIENTS: u32 = 1_000_000;
const PER_PASS: u32 = 20_000;
const PASSES: u32 = 5;
const GEMEENTE: &str = "0344";
const AANBIEDER: &str = "98004132";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn bsn(i: u32) -> Bsn {
    Bsn::new(&format!("{:09}", 100_000_000 + i)).unwrap()
}

fn fixture(name: &str) -> Message {
    let path = format!(
        "{}/../../fixtures/messages/{name}.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    read(&std::fs::read(&path).unwrap()).unwrap()
}

fn source(kind: iwmo_model::MessageKind, afzender: &str, id: String) -> MessageRef {
    MessageRef {
        kind,
        afzender: afzender.into(),
        identificatie: id,
        dagtekening: date(2026, 1, 26),
    }
}

fn client_state(i: u32) -> ClientState {
    let product = Some(Product {
        categorie: ProductCategorie::Begeleiding,
        code: Some("02A02".into()),
    });
    let toewijzing = Toewijzing {
        nummer: i,
        referentie_aanbieder: None,
        product: product.clone(),
        toewijzingsdatum: date(2026, 1, 26),
        toewijzingstijd: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        ingangsdatum: date(2026, 2, 1),
        einddatum: Some(date(2026, 12, 31)),
        reden_wijziging: None,
        omvang: None,
        budget: None,
    };
    let start = Start {
        aanbieder: AANBIEDER.into(),
        nummer: Some(i),
        product,
        begindatum: date(2026, 2, 2),
    };
    ClientState {
        facts: vec![
            Fact {
                source: source(iwmo_model::MessageKind::Wmo301, GEMEENTE, format!("G{i}")),
                pending: false,
                body: FactBody::Toewijzing {
                    aanbieder: AANBIEDER.into(),
                    version: toewijzing,
                },
            },
            Fact {
                source: source(iwmo_model::MessageKind::Wmo305, AANBIEDER, format!("S{i}")),
                pending: false,
                body: FactBody::Start(start),
            },
        ],
    }
}

fn main() {
    let built = Instant::now();
    let mut ledger = MemoryLedger::new();
    for i in 0..CLIENTS {
        ledger.insert(
            ClientKey {
                gemeente: GEMEENTE.into(),
                bsn: bsn(i),
            },
            client_state(i),
        );
    }
    println!(
        "ledger: {} clients built in {:.1} s",
        ledger.len(),
        built.elapsed().as_secs_f64()
    );

    let Message::Wmo307(stop) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    let Message::Wmo305(start) = fixture("wmo305-start-begeleiding") else {
        unreachable!()
    };
    let stop_for = |i: u32| {
        let mut m = stop.clone();
        m.client.bsn = bsn(i);
        m.header.bericht_identificatie.identificatie = format!("E{i}");
        let p = &mut m.client.stop_producten[0];
        p.toewijzing_nummer = Some(i);
        p.begindatum = date(2026, 2, 2);
        p.reden_beeindiging = RedenBeeindiging::InOvereenstemmingVoortijdig;
        p.status_aanlevering = StatusAanlevering::EersteAanlevering;
        Message::Wmo307(m)
    };
    let start_for = |i: u32, client: Bsn| {
        let mut m = start.clone();
        m.client.bsn = client;
        m.header.bericht_identificatie.identificatie = format!("S{i}-2");
        let p = &mut m.client.start_producten[0];
        p.toewijzing_nummer = Some(i);
        p.begindatum = date(2026, 3, 2);
        Message::Wmo305(m)
    };
    let (config, lists) = (Config::default(), Lists::default());
    let ctx = Context {
        today: date(2026, 12, 1),
        mode: Mode::Own(Party::Gemeente(GEMEENTE.into())),
        config: &config,
        lists: &lists,
    };

    // Disjoint client ranges per workload and pass: every decision meets a fresh client.
    let mut best = [0f64; 3];
    let names = [
        "307 stop, approved, WMO405 derived",
        "305 start while actual, rejected (TR326)",
        "305 start, unknown client, rejected (TR019)",
    ];
    let mut verdicts = [(0usize, 0usize); 3];
    for pass in 0..PASSES {
        for (w, best) in best.iter_mut().enumerate() {
            let base = (pass * 3 + w as u32) * PER_PASS;
            let messages: Vec<Message> = (base..base + PER_PASS)
                .map(|i| match w {
                    0 => stop_for(i),
                    1 => start_for(i, bsn(i)),
                    _ => start_for(i, bsn(CLIENTS + i)),
                })
                .collect();
            let t = Instant::now();
            for m in &messages {
                let d = ledger.decide_and_apply(black_box(m), &ctx);
                if d.verdict == Verdict::Approved {
                    verdicts[w].0 += 1;
                } else {
                    verdicts[w].1 += 1;
                }
                black_box(&d);
            }
            let rate = f64::from(PER_PASS) / t.elapsed().as_secs_f64();
            *best = best.max(rate);
        }
    }
    for w in 0..3 {
        println!(
            "{:<44} {:>9.0} decisions/s  {:>5.1} µs each  (approved {}, rejected {})",
            names[w],
            best[w],
            1e6 / best[w],
            verdicts[w].0,
            verdicts[w].1
        );
    }
}
