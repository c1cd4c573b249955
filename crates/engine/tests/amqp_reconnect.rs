//! Reconnecting: the connection to the broker is cut (through a TCP proxy the test controls)
//! after the first batch, and the broker is unreachable for a while; the loop reconnects with
//! backoff, forgets the old delivery tags, and decides the rest of the stream. What reaches the
//! output queue is still exactly the engine's outbox. A queue deleted under the consumer (the
//! broker cancels it) is declared again on the reconnect.

#[path = "amqp_support.rs"]
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iwmo_engine::amqp::AmqpSettings;
use iwmo_store::MemoryStore;
use lapin::options::QueueDeleteOptions;
use support::{
    broker_wanted, got_per_key, oracle, prepare, rows_per_key, run_until, settings, stream, unique,
    Broker,
};

/// A TCP proxy to the broker that can cut every connection and refuse new ones.
struct Proxy {
    rt: tokio::runtime::Runtime,
    port: u16,
    accepting: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    fn start(upstream: &'static str) -> Proxy {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepting = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
        {
            let (accepting, links) = (Arc::clone(&accepting), Arc::clone(&links));
            rt.spawn(async move {
                while let Ok((mut client, _)) = listener.accept().await {
                    if !accepting.load(Ordering::SeqCst) {
                        drop(client);
                        continue;
                    }
                    let link = tokio::spawn(async move {
                        if let Ok(mut broker) = tokio::net::TcpStream::connect(upstream).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut broker).await;
                        }
                    });
                    links.lock().unwrap().push(link);
                }
            });
        }
        Proxy {
            rt,
            port,
            accepting,
            links,
        }
    }

    /// Cuts every open connection; until `restore`, new ones are closed at once.
    fn cut(&self) {
        self.accepting.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.accepting.store(true, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.cut();
        let _ = &self.rt;
    }
}

#[test]
fn a_cut_connection_is_reconnected_and_the_stream_completed() {
    if !broker_wanted("a_cut_connection_is_reconnected_and_the_stream_completed") {
        return;
    }
    let mut broker = Broker::connect();
    let base = settings("reconnect");
    let out = unique("reconnect-out");
    broker.clean_up(&base, &[&out]);
    prepare(&broker, &base, &out);
    let inputs = stream("delivery");
    for (name, bytes) in &inputs {
        broker.publish(&base.input_queue, Some(name), bytes);
    }
    let want = oracle(&inputs);

    let proxy = Arc::new(Proxy::start("127.0.0.1:5672"));
    let settings = AmqpSettings {
        url: format!("amqp://guest:guest@127.0.0.1:{}/%2f", proxy.port),
        batch: 3,
        ..base.clone()
    };
    let cut = AtomicBool::new(false);
    let pipeline = support::pipeline();
    let summary = run_until(
        &pipeline,
        MemoryStore::new(),
        &settings,
        Duration::from_secs(60),
        |s| {
            if !cut.swap(true, Ordering::SeqCst) {
                // After the first batch: the network goes away for 700 ms.
                proxy.cut();
                let proxy = Arc::clone(&proxy);
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(700));
                    proxy.restore();
                });
            }
            s.handled.inputs - s.handled.duplicates >= inputs.len()
        },
    );
    assert!(summary.reconnects >= 1, "{summary}");
    assert_eq!(
        summary.handled.inputs - summary.handled.duplicates,
        inputs.len(),
        "{summary}"
    );
    // An output whose confirm was lost in the cut may come twice, with the same id and bytes
    // (a consumer drops it by its id); nothing else may differ.
    let got = broker.drain(&out);
    let mut seen = std::collections::HashMap::new();
    let mut once = Vec::new();
    for g in got {
        let id = g.message_id.clone().unwrap();
        match seen.get(&id) {
            Some(body) => assert_eq!(body, &g.body, "{id} came twice with other bytes"),
            None => {
                seen.insert(id, g.body.clone());
                once.push(g);
            }
        }
    }
    assert_eq!(got_per_key(&once), rows_per_key(&want));
    assert_eq!(broker.count(&base.input_queue), 0);
}

#[test]
fn a_queue_deleted_under_the_consumer_is_declared_again() {
    if !broker_wanted("a_queue_deleted_under_the_consumer_is_declared_again") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("requeue");
    let out = unique("requeue-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    let inputs = stream("delivery");
    let (first, rest) = inputs.split_at(4);
    for (name, bytes) in first {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    let want = oracle(&inputs);

    let deleted = AtomicBool::new(false);
    let pipeline = support::pipeline();
    let summary = std::thread::scope(|scope| {
        // Once the queue is gone, wait for the loop to declare it again, then publish the rest.
        let helper = scope.spawn(|| {
            while !deleted.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
            let wait = std::time::Instant::now();
            while queue_missing(&broker, &settings.input_queue) {
                assert!(
                    wait.elapsed() < Duration::from_secs(20),
                    "not declared again"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            for (name, bytes) in rest {
                broker.publish(&settings.input_queue, Some(name), bytes);
            }
        });
        let summary = run_until(
            &pipeline,
            MemoryStore::new(),
            &settings,
            Duration::from_secs(60),
            |s| {
                if s.handled.inputs >= first.len() && !deleted.load(Ordering::SeqCst) {
                    // The broker cancels the consumer; the loop reconnects and declares the
                    // queue again.
                    broker.rt.block_on(async {
                        broker
                            .channel
                            .queue_delete(
                                settings.input_queue.as_str().into(),
                                QueueDeleteOptions::default(),
                            )
                            .await
                            .unwrap();
                    });
                    deleted.store(true, Ordering::SeqCst);
                }
                s.handled.inputs >= inputs.len()
            },
        );
        // A run that ends before the queue was deleted leaves the helper waiting: release it.
        deleted.store(true, Ordering::SeqCst);
        helper.join().unwrap();
        summary
    });
    assert!(summary.reconnects >= 1, "{summary}");
    assert_eq!(summary.handled.inputs, inputs.len(), "{summary}");
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));
}

/// Whether the queue is gone (a passive declare fails, on a channel of its own: the failure
/// closes it).
fn queue_missing(broker: &Broker, queue: &str) -> bool {
    broker.rt.block_on(async {
        let channel = broker.connection.create_channel().await.unwrap();
        let missing = channel
            .queue_declare(
                queue.into(),
                lapin::options::QueueDeclareOptions {
                    passive: true,
                    ..Default::default()
                },
                lapin::types::FieldTable::default(),
            )
            .await
            .is_err();
        if !missing {
            let _ = channel.close(200, "checked".into()).await;
        }
        missing
    })
}

#[test]
fn a_broker_that_cannot_be_reached_at_start_is_an_error() {
    // No broker needed: nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = AmqpSettings {
        url: format!("amqp://guest:topsecret@127.0.0.1:{port}/%2f"),
        ..AmqpSettings::default()
    };
    let pipeline = support::pipeline();
    let stop = AtomicBool::new(false);
    let start = std::time::Instant::now();
    let result = iwmo_engine::amqp::run_amqp(
        &pipeline,
        MemoryStore::new(),
        &settings,
        &support::today,
        &stop,
        &mut |_| {},
    );
    match result {
        Err(e @ iwmo_engine::amqp::AmqpError::Connect { .. }) => {
            let text = e.to_string();
            assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
            assert!(!text.contains("topsecret"), "{text}");
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(10), "not retried");
}
