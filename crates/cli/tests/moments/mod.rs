//! The kill moments of the crash tests (directory mode and RabbitMQ): xorshift64, so every
//! run of a test kills at the same moments.

pub struct Moments(pub u64);

impl Moments {
    /// The next moment, as a fraction of an uninterrupted run in [0, 1).
    pub fn next_fraction(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 10_000) as f64 / 10_000.0
    }
}
