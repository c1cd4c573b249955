//! The configuration: one TOML file, every key overridable by an `IWMO_…` environment
//! variable, and command-line flags over both. Unknown keys in the file and values that do not
//! parse stop start-up with a message that names the key.
//!
//! The file is the one `--config` names, else `$IWMO_CONFIG`, else `iwmo.toml` in the working
//! folder when it exists; without any, the defaults apply. The environment variable of a key is
//! `IWMO_` and its path in capitals joined by `_`: `[engine] batch` is `IWMO_ENGINE_BATCH`,
//! `party` is `IWMO_PARTY`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use iwmo_engine::amqp::AmqpSettings;
use iwmo_ledger::{ContractTariffList, GemeenteList, Mode, Party, ProductCodeList};
use serde::{Deserialize, Serialize};

/// Everything the engine can be configured with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Settings {
    /// Whose engine: `chain`, `gemeente:<code>` or `aanbieder:<AGB>`.
    pub party: String,
    /// The folder with our XSD files.
    pub schemas: PathBuf,
    /// The data folder of directory mode (inbox, outbox, done, failed, store).
    pub data: PathBuf,
    /// External lists.
    pub lists: ListSettings,
    /// The ledger.
    pub ledger: LedgerSettings,
    /// The pipeline.
    pub engine: EngineSettings,
    /// The broker of `iwmo run` in AMQP mode; an empty `url` is directory mode.
    pub amqp: AmqpSettings,
    /// The local HTTP endpoint of `iwmo run` (health and metrics).
    pub admin: AdminSettings,
    /// The logs of `iwmo run`.
    pub log: LogSettings,
}

/// The admin endpoint: `/healthz` and `/metrics` over HTTP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct AdminSettings {
    /// `host:port` to listen on; empty: no endpoint. Localhost by default: the endpoint has
    /// no authentication.
    pub listen: String,
}

impl Default for AdminSettings {
    fn default() -> Self {
        AdminSettings {
            listen: "127.0.0.1:9464".into(),
        }
    }
}

/// How `iwmo run` logs (to standard error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct LogSettings {
    /// `text` for people, `json` for a log collector (one object per line).
    pub format: String,
    /// What to log: a level (`info`, `debug`) or `tracing` directives
    /// (`info,iwmo_engine=debug`).
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            format: "text".into(),
            level: "info".into(),
        }
    }
}

/// The broker settings of the configuration: the engine's defaults, but no broker (an empty
/// URL) unless one is named.
fn no_broker() -> AmqpSettings {
    AmqpSettings {
        url: String::new(),
        ..AmqpSettings::default()
    }
}

/// External lists for level-4 rules; an empty path means not configured (the rule is reported
/// as not checked at start-up).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ListSettings {
    /// CBS gemeentecodes, CSV (TR378).
    pub gemeenten: String,
    /// The product codes in use, CSV `categorie,code[,omschrijving]` (TR381).
    pub productcodes: String,
    /// The contract tariffs, CSV `aanbieder,categorie,code,tarief,ingangsdatum,einddatum`
    /// (TR418).
    pub tariffs: String,
}

/// The ledger's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct LedgerSettings {
    /// Weeks without care before the no-care signal.
    pub no_care_weeks: u32,
    /// What the no-care rule does besides its signal: `by-party` (a gemeente stops the eigen
    /// bijdrage, an aanbieder gets a draft 307), `signal`, `stop-eigen-bijdrage`, `draft-307`.
    pub no_care_action: String,
    /// Whether a gemeente derives WMO405s for the CAK.
    pub eigen_bijdrage: bool,
}

/// The pipeline's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct EngineSettings {
    /// Inputs per group commit.
    pub batch: usize,
    /// Larger inputs are rejected on level 1.
    pub max_input_bytes: u64,
    /// How often directory mode looks at an empty inbox, in milliseconds.
    pub poll_ms: u64,
    /// Threads that prepare inputs (XSD, reading, level 2); 0 is one per core.
    pub threads: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            party: "chain".into(),
            schemas: "schemas".into(),
            data: "data".into(),
            lists: ListSettings::default(),
            ledger: LedgerSettings::default(),
            engine: EngineSettings::default(),
            amqp: no_broker(),
            admin: AdminSettings::default(),
            log: LogSettings::default(),
        }
    }
}

impl Default for LedgerSettings {
    fn default() -> Self {
        let config = iwmo_ledger::Config::default();
        LedgerSettings {
            no_care_weeks: config.no_care_weeks,
            no_care_action: config.no_care_action.name().to_string(),
            eigen_bijdrage: config.eigen_bijdrage.enabled,
        }
    }
}

impl Default for EngineSettings {
    fn default() -> Self {
        let directory = iwmo_engine::DirectoryOptions::default();
        EngineSettings {
            batch: directory.batch,
            max_input_bytes: directory.max_input_bytes,
            poll_ms: u64::try_from(directory.poll.as_millis()).unwrap_or(u64::MAX),
            threads: 0,
        }
    }
}

/// Where the settings came from, for `iwmo config` and start-up messages.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub settings: Settings,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// The environment variables that changed a value.
    pub from_env: Vec<String>,
}

/// Reads the file (see the module doc for which), then applies `IWMO_…` variables from `env`.
pub(crate) fn load(explicit: Option<&Path>, env: &[(String, String)]) -> anyhow::Result<Loaded> {
    let from_var = env
        .iter()
        .find(|(k, _)| k == "IWMO_CONFIG")
        .map(|(_, v)| PathBuf::from(v));
    let file = match (explicit, from_var) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, Some(p)) => Some(p),
        (None, None) => Some(PathBuf::from("iwmo.toml")).filter(|p| p.is_file()),
    };
    let mut value = match &file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the configuration {}", path.display()))?;
            let mut settings: Settings =
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            // An [amqp] section without a url names no broker (the engine's own default
            // would be the local one, and with it AMQP mode nobody asked for).
            let raw: toml::Value = toml::from_str(&text)?;
            if raw.get("amqp").and_then(|a| a.get("url")).is_none() {
                settings.amqp.url = String::new();
            }
            toml::Value::try_from(settings)?
        }
        None => toml::Value::try_from(Settings::default())?,
    };
    let mut from_env = Vec::new();
    apply_env(&mut value, &mut Vec::new(), env, &mut from_env)?;
    let settings: Settings = value
        .try_into()
        .context("the environment gives a value of the wrong type")?;
    parse_party(&settings.party).with_context(|| "setting `party`".to_string())?;
    no_care_action(&settings.ledger.no_care_action)?;
    if settings.engine.batch == 0 {
        bail!("setting `engine.batch` must be at least 1");
    }
    if !matches!(settings.log.format.as_str(), "text" | "json") {
        bail!(
            "setting `log.format` is {:?}: expected \"text\" or \"json\"",
            settings.log.format
        );
    }
    if !settings.amqp.url.is_empty() {
        settings.amqp.validate().context("section [amqp]")?;
    }
    Ok(Loaded {
        settings,
        file,
        from_env,
    })
}

/// Reads the list file at `path` (a `what`, for the error) and parses it by `parse`, whose
/// error names the line.
fn read_list<T>(path: &str, what: &str, parse: fn(&str) -> Result<T, String>) -> anyhow::Result<T> {
    let path = Path::new(path);
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("while reading the {what} {}", path.display()))?;
    parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// The no-care action named in the settings.
fn no_care_action(name: &str) -> anyhow::Result<iwmo_ledger::NoCareAction> {
    iwmo_ledger::NoCareAction::from_name(name).with_context(|| {
        format!(
            "setting `ledger.no_care_action` is {name:?}: expected by-party, signal, stop-eigen-bijdrage or draft-307"
        )
    })
}

/// The environment variable of a key path.
fn env_name(path: &[String]) -> String {
    format!("IWMO_{}", path.join("_").to_uppercase())
}

fn apply_env(
    value: &mut toml::Value,
    path: &mut Vec<String>,
    env: &[(String, String)],
    used: &mut Vec<String>,
) -> anyhow::Result<()> {
    if let toml::Value::Table(table) = value {
        for (key, child) in table.iter_mut() {
            path.push(key.clone());
            apply_env(child, path, env, used)?;
            path.pop();
        }
        return Ok(());
    }
    let name = env_name(path);
    let Some((_, text)) = env.iter().find(|(k, _)| *k == name) else {
        return Ok(());
    };
    *value = match value {
        toml::Value::Integer(_) => toml::Value::Integer(
            text.trim()
                .parse()
                .with_context(|| format!("{name}={text:?}: expected a whole number"))?,
        ),
        toml::Value::Boolean(_) => toml::Value::Boolean(
            text.trim()
                .parse()
                .with_context(|| format!("{name}={text:?}: expected true or false"))?,
        ),
        _ => toml::Value::String(text.clone()),
    };
    used.push(name);
    Ok(())
}

/// The effective settings as TOML, with a header saying where they came from. Secrets are
/// masked: the broker URL's password is `***`.
pub(crate) fn render(loaded: &Loaded) -> anyhow::Result<String> {
    let mut out = String::new();
    match &loaded.file {
        Some(f) => out.push_str(&format!("# from {}\n", f.display())),
        None => out.push_str("# no configuration file: defaults\n"),
    }
    for name in &loaded.from_env {
        out.push_str(&format!("# overridden by {name}\n"));
    }
    let masked = Settings {
        amqp: loaded.settings.amqp.masked(),
        ..loaded.settings.clone()
    };
    out.push_str(&toml::to_string_pretty(&masked)?);
    Ok(out)
}

/// The process environment's `IWMO_…` variables.
pub(crate) fn process_env() -> Vec<(String, String)> {
    std::env::vars()
        .filter(|(k, _)| k.starts_with("IWMO_"))
        .collect()
}

/// `chain`, `gemeente:0344` or `aanbieder:98004132`.
pub(crate) fn parse_party(s: &str) -> anyhow::Result<Mode> {
    match s.split_once(':') {
        None if s == "chain" => Ok(Mode::Chain),
        Some(("gemeente", code)) if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Mode::Own(Party::Gemeente(code.into())))
        }
        Some(("aanbieder", code)) if code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Mode::Own(Party::Aanbieder(code.into())))
        }
        _ => bail!(
            "--party {s:?}: expected `chain`, `gemeente:<4 digits>` or `aanbieder:<8-digit AGB code>`"
        ),
    }
}

impl Settings {
    /// Applies the command-line flags that override settings.
    pub(crate) fn override_with(
        &mut self,
        party: Option<&str>,
        schemas: Option<&Path>,
        gemeenten: Option<&Path>,
    ) {
        if let Some(p) = party {
            self.party = p.to_string();
        }
        if let Some(s) = schemas {
            self.schemas = s.to_path_buf();
        }
        if let Some(g) = gemeenten {
            self.lists.gemeenten = g.display().to_string();
        }
    }

    /// The pipeline these settings describe: schemas loaded, lists read, and a note on standard
    /// error for every rule that cannot be checked because its list is not configured.
    pub(crate) fn pipeline(&self) -> anyhow::Result<iwmo_engine::Pipeline> {
        self.pipeline_noting(&|note| eprintln!("iwmo: note: {note}"))
    }

    /// [`Settings::pipeline`], its notes handed to `note` (the daemon logs them).
    pub(crate) fn pipeline_noting(
        &self,
        note: &dyn Fn(&str),
    ) -> anyhow::Result<iwmo_engine::Pipeline> {
        let mode = parse_party(&self.party)?;
        let mut lists = iwmo_ledger::Lists::default();
        if self.lists.gemeenten.is_empty() {
            note("no gemeente list (lists.gemeenten, --gemeenten): TR378 (gemeentecode, S300) is not checked");
        } else {
            let path = &self.lists.gemeenten;
            lists.gemeenten = Some(read_list(path, "gemeente list", GemeenteList::from_csv)?);
        }
        if self.lists.productcodes.is_empty() {
            note("no product code list (lists.productcodes): TR381 (productcode, S329) is not checked");
        } else {
            let path = &self.lists.productcodes;
            lists.productcodes = Some(read_list(
                path,
                "product code list",
                ProductCodeList::from_csv,
            )?);
        }
        if self.lists.tariffs.is_empty() {
            note("no contract tariff list (lists.tariffs): TR418 (contract tariff, 0611) is not checked");
        } else {
            let path = &self.lists.tariffs;
            lists.tariffs = Some(read_list(
                path,
                "contract tariff list",
                ContractTariffList::from_csv,
            )?);
        }
        let mut config = iwmo_ledger::Config {
            no_care_weeks: self.ledger.no_care_weeks,
            no_care_action: no_care_action(&self.ledger.no_care_action)?,
            ..iwmo_ledger::Config::default()
        };
        config.eigen_bijdrage.enabled = self.ledger.eigen_bijdrage;
        Ok(iwmo_engine::Pipeline::load(
            &self.schemas,
            mode,
            config,
            lists,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_file_then_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("iwmo.toml");
        std::fs::write(&file, "party = \"gemeente:0344\"\n[engine]\nbatch = 64\n").unwrap();
        let loaded = load(
            Some(&file),
            &env(&[
                ("IWMO_ENGINE_BATCH", "32"),
                ("IWMO_LEDGER_NO_CARE_WEEKS", "8"),
            ]),
        )
        .unwrap();
        assert_eq!(loaded.settings.party, "gemeente:0344");
        assert_eq!(loaded.settings.engine.batch, 32);
        assert_eq!(loaded.settings.ledger.no_care_weeks, 8);
        assert_eq!(loaded.settings.engine.poll_ms, 500);
        assert_eq!(
            loaded.from_env,
            ["IWMO_ENGINE_BATCH", "IWMO_LEDGER_NO_CARE_WEEKS"]
        );
        let text = render(&loaded).unwrap();
        let again: Settings = toml::from_str(
            &text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .unwrap();
        assert_eq!(again, loaded.settings);
    }

    #[test]
    fn the_broker_section_its_environment_and_the_masked_password() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("iwmo.toml");
        // A section without a url names no broker: directory mode.
        std::fs::write(&file, "[amqp]\ninput_queue = \"gemeente.in\"\n").unwrap();
        let loaded = load(Some(&file), &[]).unwrap();
        assert_eq!(loaded.settings.amqp.url, "");
        assert_eq!(loaded.settings.amqp.input_queue, "gemeente.in");
        assert_eq!(loaded.settings.amqp.prefetch, 256);
        assert_eq!(loaded.settings.admin.listen, "127.0.0.1:9464");
        let loaded = load(
            Some(&file),
            &env(&[
                ("IWMO_AMQP_URL", "amqp://iwmo:s3cret@rabbit:5672/%2f"),
                ("IWMO_AMQP_PREFETCH", "64"),
                ("IWMO_AMQP_DELIVERY_LIMIT", "9"),
                ("IWMO_ADMIN_LISTEN", ""),
                ("IWMO_LOG_FORMAT", "json"),
            ]),
        )
        .unwrap();
        assert_eq!(
            loaded.settings.amqp.url,
            "amqp://iwmo:s3cret@rabbit:5672/%2f"
        );
        assert_eq!(loaded.settings.amqp.prefetch, 64);
        assert_eq!(loaded.settings.amqp.delivery_limit, 9);
        assert_eq!(loaded.settings.admin.listen, "");
        assert_eq!(loaded.settings.log.format, "json");
        let text = render(&loaded).unwrap();
        assert!(!text.contains("s3cret"), "{text}");
        assert!(
            text.contains("url = \"amqp://iwmo:***@rabbit:5672/%2f\""),
            "{text}"
        );
        let err = format!(
            "{:#}",
            load(None, &env(&[("IWMO_LOG_FORMAT", "xml")])).unwrap_err()
        );
        assert!(err.contains("log.format"), "{err}");
        let err = format!(
            "{:#}",
            load(None, &env(&[("IWMO_AMQP_URL", "http://user:pw@x")])).unwrap_err()
        );
        assert!(err.contains("url") && !err.contains("pw@"), "{err}");
    }

    #[test]
    fn a_bad_key_or_value_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("iwmo.toml");
        std::fs::write(&file, "[engine]\nbatsh = 64\n").unwrap();
        let err = format!("{:#}", load(Some(&file), &[]).unwrap_err());
        assert!(err.contains("batsh"), "{err}");
        let err = format!(
            "{:#}",
            load(None, &env(&[("IWMO_ENGINE_BATCH", "many")])).unwrap_err()
        );
        assert!(err.contains("IWMO_ENGINE_BATCH"), "{err}");
        std::fs::write(&file, "party = \"gemeente:344\"\n").unwrap();
        let err = format!("{:#}", load(Some(&file), &[]).unwrap_err());
        assert!(err.contains("party"), "{err}");
    }
    #[test]
    fn the_no_care_action_by_name() {
        let loaded = load(None, &env(&[("IWMO_LEDGER_NO_CARE_ACTION", "draft-307")])).unwrap();
        assert_eq!(loaded.settings.ledger.no_care_action, "draft-307");
        assert_eq!(
            no_care_action(&loaded.settings.ledger.no_care_action).unwrap(),
            iwmo_ledger::NoCareAction::Draft307
        );
        assert_eq!(
            LedgerSettings::default().no_care_action,
            iwmo_ledger::NoCareAction::ByParty.name()
        );
        let err = format!(
            "{:#}",
            load(None, &env(&[("IWMO_LEDGER_NO_CARE_ACTION", "stop")])).unwrap_err()
        );
        assert!(err.contains("no_care_action"), "{err}");
    }

    /// `[lists] tariffs`: read from the file and environment; empty, TR418 is noted as not
    /// checked; a bad line stops with the file, line and column. (The lists are read before
    /// the schemas, which do not exist here.)
    #[test]
    fn the_contract_tariff_list() {
        let dir = tempfile::tempdir().unwrap();
        let notes = |settings: &Settings| {
            let notes = std::cell::RefCell::new(Vec::new());
            let result = settings.pipeline_noting(&|n| notes.borrow_mut().push(n.to_string()));
            (result.err().map(|e| format!("{e:#}")), notes.into_inner())
        };
        let mut settings = load(None, &[]).unwrap().settings;
        settings.schemas = dir.path().join("no-schemas");
        assert_eq!(settings.lists.tariffs, "");
        let (_, noted) = notes(&settings);
        assert!(noted.iter().any(|n| n.contains("TR418")), "{noted:?}");

        let file = dir.path().join("tariffs.csv");
        std::fs::write(
            &file,
            "aanbieder,categorie,code,tarief,ingangsdatum,einddatum\n\
             98004132,02,02A02,6800,2026-01-01,\n",
        )
        .unwrap();
        let path = file.display().to_string();
        let loaded = load(None, &env(&[("IWMO_LISTS_TARIFFS", &path)])).unwrap();
        settings.lists = loaded.settings.lists;
        assert_eq!(settings.lists.tariffs, path);
        let (err, noted) = notes(&settings);
        assert!(!noted.iter().any(|n| n.contains("TR418")), "{noted:?}");
        assert!(!err.unwrap_or_default().contains("tariff"));

        std::fs::write(
            &file,
            "98004132,02,02A02,6800,2026-01-01,\n98004132,02,02A02,x,2026-01-01,\n",
        )
        .unwrap();
        let (err, _) = notes(&settings);
        let err = err.unwrap();
        assert!(
            err.contains(&path) && err.contains("line 2, column 4 (tarief)"),
            "{err}"
        );
    }
}
