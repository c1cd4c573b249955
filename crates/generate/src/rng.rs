//! A small deterministic PRNG (SplitMix64): the same seed gives the same numbers on every
//! platform and release, which is all the generator needs (no cryptographic quality).

/// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state, advanced by a constant and
/// scrambled.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    /// A generator for `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one purpose (`stream`) of one item (`index`) under `seed`: independent
    /// streams, so a draw for one client or purpose never shifts the draws of another.
    pub(crate) fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        let a = Rng::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64();
        let b = Rng::new(a ^ index.wrapping_mul(0xA24B_AED4_963E_E407)).next_u64();
        Rng::new(b)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift (Lemire): bias below 2^-32 for
    /// the small ranges used here.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    /// A `u32` in `lo..=hi`.
    pub(crate) fn range32(&mut self, lo: u32, hi: u32) -> u32 {
        // The result lies in lo..=hi, so it fits.
        self.range(u64::from(lo), u64::from(hi)) as u32
    }

    /// True with probability `p` (never for `p <= 0`, always for `p >= 1`).
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        let unit = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        unit < p
    }

    /// One element of a slice, by value (every table here is a non-empty constant; an empty
    /// one would give its type's default).
    pub(crate) fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // The reference sequence for seed 0 (from the algorithm's published C version).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn ranges_and_chances() {
        let mut r = Rng::new(7);
        for _ in 0..10_000 {
            let x = r.range(3, 9);
            assert!((3..=9).contains(&x));
            assert!(r.below(5) < 5);
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.range(4, 4), 4);
        assert_eq!(r.range(5, 4), 5);
        assert!(!(0..1000).any(|_| r.chance(0.0)));
        assert!((0..1000).all(|_| r.chance(1.0)));
        let hits = (0..100_000).filter(|_| r.chance(0.25)).count();
        assert!((24_000..26_000).contains(&hits), "{hits}");
    }

    #[test]
    fn derived_streams_differ() {
        let a: Vec<u64> = (0..4).map(|i| Rng::derive(1, 1, i).next_u64()).collect();
        let b: Vec<u64> = (0..4).map(|i| Rng::derive(1, 2, i).next_u64()).collect();
        assert_ne!(a, b);
        assert_eq!(
            Rng::derive(9, 1, 3).next_u64(),
            Rng::derive(9, 1, 3).next_u64()
        );
    }
}
