//! Validation keeps nothing between documents: after a warm-up pass over the whole corpus,
//! five more passes leave the live heap where it was. A counting global allocator measures it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use iwmo_corpus::reference_corpus;
use iwmo_xsd::SchemaSet;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
    ALLOCATIONS.fetch_add(1, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Slack for allocations outside the validator (the test harness's own threads).
const SLACK: usize = 4096;

#[test]
fn validating_the_corpus_again_does_not_grow_the_heap() {
    let corpus = reference_corpus();
    let sets: Vec<SchemaSet> = corpus
        .groups
        .iter()
        .map(|g| SchemaSet::load([&g.xsd]).unwrap())
        .collect();
    let docs: Vec<(&SchemaSet, &[u8])> = corpus
        .groups
        .iter()
        .zip(&sets)
        .flat_map(|(g, s)| g.docs.iter().map(move |d| (s, d.xml.as_bytes())))
        .collect();

    // Warm-up: whatever is allocated once and kept (lazily initialised state) is allocated now.
    let mut invalid = 0;
    for &(set, doc) in &docs {
        invalid += usize::from(!set.validate(doc).is_valid());
    }
    assert!(invalid > 0 && invalid < docs.len());
    let warm = LIVE.load(Relaxed);
    let allocations_before = ALLOCATIONS.load(Relaxed);

    let mut peak_per_validation = 0;
    for _ in 0..5 {
        for &(set, doc) in &docs {
            let base = LIVE.load(Relaxed);
            PEAK.store(base, Relaxed);
            let report = set.validate(doc);
            peak_per_validation = peak_per_validation.max(PEAK.load(Relaxed) - base);
            drop(report);
        }
    }
    let after = LIVE.load(Relaxed);
    let allocations = ALLOCATIONS.load(Relaxed) - allocations_before;
    println!(
        "memory: {} docs x 5 passes; live heap {warm} B after warm-up, {after} B after; \
         peak {peak_per_validation} B per validation; {:.1} allocations per validation",
        docs.len(),
        allocations as f64 / (5 * docs.len()) as f64
    );
    assert!(
        after <= warm + SLACK,
        "live heap grew from {warm} to {after} bytes over 5 passes of {} documents",
        docs.len()
    );
}
