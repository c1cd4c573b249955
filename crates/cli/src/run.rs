//! `iwmo run`: the daemon. `main` parsed the arguments; here the settings are loaded, the
//! logger, the signal handlers ([`Shutdown`]) and the admin endpoint started, and the engine
//! handed to its loop: RabbitMQ when a broker URL is configured (`--amqp` or `amqp.url`),
//! else directory mode. When the loop returns (a signal, `--once` done, or an error) the
//! endpoint is stopped and the summary printed.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use iwmo_engine::amqp::{mask_url, run_amqp_with};
use iwmo_engine::{run_directory, DataDir, DirectoryOptions, Engine, Metrics, Naming, Pipeline};
use iwmo_store::RedbStore;
use serde::Serialize;

use crate::admin::Admin;
use crate::config::Settings;
use crate::shutdown::Shutdown;
use crate::{Format, RunArgs};

/// How often a running engine logs its counts.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

pub(crate) fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let mut settings = args.settings.load()?;
    if let Some(data) = &args.data {
        settings.data = data.clone();
    }
    if let Some(url) = &args.amqp {
        settings.amqp.url = url.clone();
    }
    let on_broker = !settings.amqp.url.is_empty();
    if on_broker {
        settings.amqp.validate().context("the broker settings")?;
        if args.once {
            bail!("--once is for directory mode; on RabbitMQ stop the engine with SIGTERM");
        }
    }
    crate::logs::init(&settings.log)?;
    let shutdown = Shutdown::on_signals()?;
    let pipeline = settings.pipeline_noting(&|note| tracing::warn!("{note}"))?;
    let data = DataDir::new(&settings.data);
    let store = RedbStore::open(data.store())
        .with_context(|| format!("while opening the store of {}", settings.data.display()))?;
    let metrics = Arc::new(Metrics::new());
    let admin = if args.once || settings.admin.listen.is_empty() {
        None
    } else {
        let admin = Admin::start(
            &settings.admin.listen,
            Arc::clone(&metrics),
            shutdown.shared(),
        )?;
        tracing::info!(addr = %admin.addr, "admin endpoint: GET /healthz, GET /metrics");
        Some(admin)
    };
    let fixed = args.today;
    let today = move || fixed.unwrap_or_else(crate::clock::dutch_today);
    let outcome = if on_broker {
        on_rabbitmq(&pipeline, store, &settings, &today, &shutdown, &metrics)
    } else {
        on_directories(
            &pipeline, store, &settings, &data, args.once, &today, &shutdown, &metrics,
        )
    };
    // Whatever ended the loop ends the rest.
    shutdown.begin();
    if let Some(admin) = admin {
        admin.join();
    }
    let summary = outcome?;
    let mut stdout = std::io::stdout().lock();
    match args.format {
        Format::Text => writeln!(stdout, "{}", summary.text)?,
        Format::Json => writeln!(stdout, "{}", summary.json)?,
    }
    Ok(ExitCode::from(0))
}

/// A loop's summary, ready to print.
struct Summary {
    text: String,
    json: String,
}

impl Summary {
    fn of<T: std::fmt::Display + Serialize>(summary: &T) -> anyhow::Result<Summary> {
        Ok(Summary {
            text: summary.to_string(),
            json: serde_json::to_string(summary)?,
        })
    }
}

fn on_rabbitmq(
    pipeline: &Pipeline,
    store: RedbStore,
    settings: &Settings,
    today: &dyn Fn() -> chrono::NaiveDate,
    shutdown: &Shutdown,
    metrics: &Arc<Metrics>,
) -> anyhow::Result<Summary> {
    let amqp = &settings.amqp;
    tracing::info!(
        url = %mask_url(&amqp.url),
        input_queue = %amqp.input_queue,
        output_exchange = %amqp.output_exchange,
        dead_letter_queue = %amqp.dead_letter_queue,
        party = %settings.party,
        store = %settings.data.join("store").display(),
        "starting on RabbitMQ; stop with SIGTERM or Ctrl-C"
    );
    let mut last = Instant::now();
    let summary = run_amqp_with(
        pipeline,
        store,
        amqp,
        today,
        shutdown.flag(),
        &mut |s| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                tracing::info!(
                    inputs = s.handled.inputs,
                    duplicates = s.handled.duplicates,
                    published = s.published,
                    reconnects = s.reconnects,
                    "running"
                );
            }
        },
        metrics,
    )
    .context("the engine on RabbitMQ stopped")?;
    tracing::info!(
        inputs = summary.handled.inputs,
        published = summary.published,
        signal = shutdown.requested(),
        "stopped"
    );
    Summary::of(&summary)
}

#[allow(clippy::too_many_arguments)]
fn on_directories(
    pipeline: &Pipeline,
    store: RedbStore,
    settings: &Settings,
    data: &DataDir,
    once: bool,
    today: &dyn Fn() -> chrono::NaiveDate,
    shutdown: &Shutdown,
    metrics: &Arc<Metrics>,
) -> anyhow::Result<Summary> {
    let mut engine = Engine::open(pipeline, store, Naming::ById)?
        .with_threads(settings.engine.threads)
        .with_metrics(Arc::clone(metrics))?;
    let options = DirectoryOptions {
        batch: settings.engine.batch,
        max_input_bytes: settings.engine.max_input_bytes,
        poll: Duration::from_millis(settings.engine.poll_ms),
        once,
    };
    tracing::info!(
        inbox = %data.inbox().display(),
        party = %settings.party,
        once,
        "watching the inbox{}",
        if once { "" } else { "; stop with SIGTERM or Ctrl-C" }
    );
    let mut last = Instant::now();
    let summary = run_directory(
        &mut engine,
        data,
        &options,
        today,
        shutdown.flag(),
        &mut |s| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                tracing::info!(inputs = s.inputs, "running");
            }
        },
    )?;
    Summary::of(&summary)
}
