//! `AmqpSettings` without a broker: the defaults, reading them from TOML, checking them, and
//! never showing the password.

use iwmo_engine::amqp::{mask_url, AmqpError, AmqpSettings};

#[test]
fn the_defaults() {
    let s = AmqpSettings::default();
    assert_eq!(s.url, "amqp://guest:guest@127.0.0.1:5672/%2f");
    assert_eq!(s.input_queue, "iwmo.input");
    assert_eq!(s.dead_letter_exchange, "iwmo.dead");
    assert_eq!(s.dead_letter_queue, "iwmo.dead");
    assert_eq!(s.output_exchange, "iwmo.output");
    assert_eq!(s.delivery_limit, 5);
    assert_eq!(s.prefetch, 256);
    assert_eq!(s.batch, 256);
    assert_eq!(s.batch_wait_ms, 20);
    assert_eq!(s.max_input_bytes, 25 * 1024 * 1024);
    assert_eq!(s.threads, 0);
    s.validate().unwrap();
}

#[test]
fn a_file_names_only_what_differs_and_no_unknown_key() {
    let s: AmqpSettings = toml::from_str(
        "url = \"amqps://iwmo:pw@rabbit.example:5671/gemeente\"\nbatch = 64\nmax_input_bytes = 65536\n",
    )
    .unwrap();
    assert_eq!(s.url, "amqps://iwmo:pw@rabbit.example:5671/gemeente");
    assert_eq!(s.batch, 64);
    assert_eq!(s.max_input_bytes, 65536);
    assert_eq!(
        AmqpSettings {
            url: AmqpSettings::default().url,
            batch: 256,
            max_input_bytes: 25 * 1024 * 1024,
            ..s.clone()
        },
        AmqpSettings::default()
    );
    s.validate().unwrap();
    let err = toml::from_str::<AmqpSettings>("input_queu = \"x\"\n").unwrap_err();
    assert!(err.to_string().contains("input_queu"), "{err}");
}

#[test]
fn settings_that_cannot_work_are_refused_by_name() {
    let cases: Vec<(AmqpSettings, &str)> = vec![
        (
            AmqpSettings {
                input_queue: "q".repeat(256),
                ..AmqpSettings::default()
            },
            "input_queue",
        ),
        (
            AmqpSettings {
                output_exchange: String::new(),
                ..AmqpSettings::default()
            },
            "output_exchange",
        ),
        (
            AmqpSettings {
                batch: 0,
                ..AmqpSettings::default()
            },
            "batch",
        ),
        (
            AmqpSettings {
                prefetch: 0,
                ..AmqpSettings::default()
            },
            "prefetch",
        ),
        (
            AmqpSettings {
                url: "http://guest:topsecret@127.0.0.1/".into(),
                ..AmqpSettings::default()
            },
            "url",
        ),
    ];
    for (settings, setting) in cases {
        match settings.validate() {
            Err(e @ AmqpError::Settings { .. }) => {
                let AmqpError::Settings { name, .. } = &e else {
                    unreachable!()
                };
                assert_eq!(*name, setting, "{e}");
                assert!(!e.is_transient());
                assert!(!e.to_string().contains("topsecret"), "{e}");
            }
            other => panic!("{setting}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn an_unparsable_url_is_reported_masked() {
    let settings = AmqpSettings {
        url: "amqp://guest:topsecret@127.0.0.1:notaport/%2f".into(),
        ..AmqpSettings::default()
    };
    let e = settings.validate().unwrap_err();
    assert!(!e.to_string().contains("topsecret"), "{e}");
}

#[test]
fn urls_are_masked() {
    assert_eq!(
        mask_url("amqp://guest:guest@127.0.0.1:5672/%2f"),
        "amqp://guest:***@127.0.0.1:5672/%2f"
    );
    assert_eq!(
        mask_url("amqps://iwmo:s3cr%40t@rabbit.example:5671/gemeente?heartbeat=30"),
        "amqps://iwmo:***@rabbit.example:5671/gemeente?heartbeat=30"
    );
    // No password, or no user information at all: nothing to hide.
    assert_eq!(
        mask_url("amqp://127.0.0.1:5672/%2f"),
        "amqp://127.0.0.1:5672/%2f"
    );
    assert_eq!(mask_url("amqp://user@host/vh"), "amqp://user@host/vh");
    assert_eq!(mask_url(""), "");
    // A raw `@` or `/` in the password: all of it hidden.
    assert_eq!(
        mask_url("amqp://u:p@ss/w@rd@host:5672/%2f"),
        "amqp://u:***@host:5672/%2f"
    );
    // Not a URL at all: still no password shown.
    assert_eq!(mask_url("u:secret@host"), "u:***@host");
}

#[test]
fn settings_never_show_the_password() {
    let settings = AmqpSettings {
        url: "amqp://iwmo:hunter2@broker/%2f".into(),
        ..AmqpSettings::default()
    };
    let shown = format!("{settings:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("iwmo:***@broker"), "{shown}");
    let masked = settings.masked();
    assert_eq!(masked.url, "amqp://iwmo:***@broker/%2f");
    assert_eq!(masked.input_queue, settings.input_queue);
}
