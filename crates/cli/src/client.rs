//! `iwmo client BSN`: one client's state and history, read from a store.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use iwmo_engine::codec;
use iwmo_ledger::{ClientState, FactBody};
use iwmo_store::{RedbStore, Store};

use crate::{ClientArgs, Format};

/// `******782`: what may be printed of a BSN.
fn mask(bsn: &str) -> String {
    format!("******{}", &bsn[bsn.len().saturating_sub(3)..])
}

/// One line for a fact: what it says, without the BSN.
fn describe(body: &FactBody) -> String {
    let product = |p: &Option<iwmo_model::Product>| iwmo_model::Product::describe(p.as_ref());
    match body {
        FactBody::Toewijzing { aanbieder, version } => format!(
            "toewijzing {} for {aanbieder}: {}, {} to {}{}",
            version.nummer,
            product(&version.product),
            version.ingangsdatum,
            version
                .einddatum
                .map_or("open end".to_string(), |d| d.to_string()),
            version
                .reden_wijziging
                .map_or(String::new(), |r| format!(", RedenWijziging {}", r.code()))
        ),
        FactBody::Start(s) => format!(
            "start by {}: toewijzing {}, {}, from {}",
            s.aanbieder,
            s.nummer.map_or("-".into(), |n| n.to_string()),
            product(&s.product),
            s.begindatum
        ),
        FactBody::StartDeleted(s) => format!(
            "start deleted by {}: toewijzing {}, from {}",
            s.aanbieder,
            s.nummer.map_or("-".into(), |n| n.to_string()),
            s.begindatum
        ),
        FactBody::Stop(s) => format!(
            "stop by {}: toewijzing {}, started {}, ended {} (RedenBeeindiging {})",
            s.start.aanbieder,
            s.start.nummer.map_or("-".into(), |n| n.to_string()),
            s.start.begindatum,
            s.einddatum,
            s.reden.code()
        ),
        FactBody::StopDeleted(s) => format!(
            "stop deleted by {}: toewijzing {}, ended {}",
            s.start.aanbieder,
            s.start.nummer.map_or("-".into(), |n| n.to_string()),
            s.einddatum
        ),
        FactBody::Verzoek(v) => {
            format!("request {} of {}: {:?}", v.referentie, v.aanbieder, v.kind)
        }
        FactBody::Declaratie(d) => format!(
            "prestatie {} of {} ({:?}): toewijzing {}, {}/{}, {} to {}, volume {}, {} cent{}",
            d.referentie_nummer,
            d.aanbieder,
            d.debet_credit,
            d.toewijzing_nummer,
            d.product_categorie.code(),
            d.product_code,
            d.product_periode.begindatum,
            d.product_periode.einddatum,
            d.geleverd_volume,
            d.ingediend_bedrag,
            if d.approved { "" } else { ", not approved yet" }
        ),
        FactBody::EigenBijdrage(e) => format!(
            "eigen bijdrage period {} sent to the CAK: from {}{}{}",
            e.nummer,
            e.period.start,
            e.period.stop.map_or(String::new(), |d| format!(" to {d}")),
            if e.deleted { ", deleted" } else { "" }
        ),
        FactBody::Care(c) => format!(
            "care delivered by {} on toewijzing {} on {}",
            c.aanbieder, c.toewijzing_nummer, c.date
        ),
        FactBody::Signalled(s) => format!(
            "signal {} raised for {} (toewijzing {}{}), due {}",
            s.kind.name(),
            s.aanbieder,
            s.toewijzing_nummer.map_or("-".into(), |n| n.to_string()),
            s.subject
                .as_ref()
                .map_or(String::new(), |x| format!(", {x}")),
            s.due
        ),
        FactBody::NoCareStop(s) => format!(
            "eigen bijdrage stopped on {} by the no-care rule: toewijzing {} of {}, started {}",
            s.since, s.toewijzing_nummer, s.aanbieder, s.begindatum
        ),
        FactBody::Personalia(_) => "the client's personal data from a 301".to_string(),
    }
}

pub(crate) fn run(args: &ClientArgs) -> anyhow::Result<ExitCode> {
    if args.bsn.len() != 9 || !args.bsn.bytes().all(|b| b.is_ascii_digit()) {
        bail!("a BSN is nine digits");
    }
    let mut settings =
        crate::config::load(args.config.as_deref(), &crate::config::process_env())?.settings;
    if let Some(data) = &args.data {
        settings.data = data.clone();
    }
    let folder = settings.data.join("store");
    if !folder.join(RedbStore::FILE_NAME).is_file() {
        bail!("no store in {}", folder.display());
    }
    let store = RedbStore::open(&folder).with_context(|| {
        format!(
            "while opening {} (is an engine running on it?)",
            folder.display()
        )
    })?;
    let mut found: Vec<(String, ClientState)> = Vec::new();
    for (key, value) in store.client_entries()? {
        let client = codec::decode_client_key(&key)?;
        if client.bsn.as_str() != args.bsn
            || args
                .gemeente
                .as_ref()
                .is_some_and(|g| *g != client.gemeente)
        {
            continue;
        }
        found.push((client.gemeente, codec::client_state(&value)?));
    }
    let masked = mask(&args.bsn);
    let mut out = std::io::stdout().lock();
    if found.is_empty() {
        eprintln!("iwmo: no client {masked} in {}", folder.display());
        return Ok(ExitCode::from(1));
    }
    for (gemeente, state) in &found {
        match args.format {
            Format::Text => {
                writeln!(
                    out,
                    "client {masked} of gemeente {gemeente}: {} facts",
                    state.facts.len()
                )?;
                for fact in &state.facts {
                    // A care event is not an iWmo message: the ledger files it under the 305
                    // it continues, but the reader should see what it was.
                    let kind = match &fact.body {
                        FactBody::Care(_) => "care-event".to_string(),
                        _ => format!("wmo{}", fact.source.kind.number()),
                    };
                    writeln!(
                        out,
                        "  {} {} {} from {}{}: {}",
                        fact.source.dagtekening,
                        kind,
                        fact.source.identificatie,
                        fact.source.afzender,
                        if fact.pending {
                            " (awaiting retour)"
                        } else {
                            ""
                        },
                        describe(&fact.body)
                    )?;
                }
            }
            Format::Json => {
                let value = serde_json::json!({
                    "client": masked,
                    "gemeente": gemeente,
                    "facts": state.facts,
                });
                serde_json::to_writer(&mut out, &value)?;
                writeln!(out)?;
            }
        }
    }
    Ok(ExitCode::from(0))
}
