//! Rough single-thread throughput on the files given: `cargo run --release -p iwmo-xsd --example
//! throughput -- SCHEMA_DIR FILE...`. The real comparison with libxml2 is the iwmo-corpus bench.
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: throughput SCHEMA_DIR FILE...")?;
    let set = iwmo_xsd::SchemaSet::load_dir(dir)?;
    let docs: Vec<Vec<u8>> = args.map(std::fs::read).collect::<Result<_, _>>()?;
    let total: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20_000);
    let rounds = total / docs.len().max(1);
    let start = Instant::now();
    let mut invalid = 0;
    for _ in 0..rounds {
        for doc in &docs {
            invalid += usize::from(!set.validate(doc).is_valid());
        }
    }
    let n = rounds * docs.len();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} documents, {invalid} invalid, {:.0} documents/s, {:.1} µs each",
        n as f64 / secs,
        secs * 1e6 / n as f64
    );
    Ok(())
}
