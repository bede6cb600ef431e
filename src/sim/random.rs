//! Random streams that give the same numbers on every platform.
//!
//! Two kinds of stream come from the scenario's seed:
//! - the **arrival stream**, one `Xoshiro256PlusPlus` generator for inter-arrival times;
//! - **keyed draws**: each work time and each defect decision is drawn from a `SplitMix64`
//!   generator seeded by hashing (seed, item, stage, visit, purpose). An item therefore gets
//!   the same work sizes whatever else changes — batch sizes, WIP limits, worker counts — which
//!   gives comparisons between variants common random numbers.
//!
//! Both generators are specified bit-for-bit (unlike `rand`'s `SmallRng`, which differs between
//! 32- and 64-bit targets), and the distributions in [`super::dist`] use `libm`, so native and
//! wasm32 builds produce identical results.

use rand::{Rng, SeedableRng};
use rand_xoshiro::{SplitMix64, Xoshiro256PlusPlus};

/// What a keyed draw is for; part of the key so different purposes never share numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// The work time of an item at a stage.
    Work = 1,
    /// Whether an item finished at a stage is defective.
    Defect = 2,
    /// The set-up time of a batch at a stage.
    Setup = 3,
    /// The class of service of a request of the main stream.
    Class = 4,
    /// Whether, where and how long an item is blocked at a stage.
    Block = 5,
}

/// A uniform random number generator as the distributions need it.
pub trait Uniform {
    /// A uniform number in [0, 1).
    fn uniform(&mut self) -> f64;
    /// 64 uniform random bits.
    fn bits(&mut self) -> u64;
}

impl<R: Rng> Uniform for R {
    #[inline]
    fn uniform(&mut self) -> f64 {
        self.random::<f64>()
    }
    #[inline]
    fn bits(&mut self) -> u64 {
        self.next_u64()
    }
}

/// The arrival stream of a run.
pub fn arrival_stream(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed ^ 0xA076_1D64_78BD_642F)
}

/// The stream of one forecast trial: trial `trial` of a forecast seeded with `seed` gets the
/// same numbers however the trials are split into chunks, and in whatever order they run.
pub fn forecast_stream(seed: u64, trial: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(mix(seed ^ 0xF0CA_57F0_CA57_F0CA) ^ trial)
}

/// A uniform whole number in `0..n` (`n` > 0) from 64 random bits (Lemire's multiply-shift;
/// the bias, at most n / 2⁶⁴, is far below anything a forecast can show).
#[inline]
pub fn below<R: Uniform>(rng: &mut R, n: u64) -> u64 {
    ((u128::from(rng.bits()) * u128::from(n)) >> 64) as u64
}

/// The part of every keyed draw's key that comes from the seed; compute it once per run.
pub fn seed_key(seed: u64) -> u64 {
    mix(seed ^ 0x9E37_79B9_7F4A_7C15)
}

/// A generator for one keyed draw: the same key always gives the same numbers.
/// `seed_key` comes from [`seed_key`]; `visit` must fit in 32 bits and `stage` in 16.
#[inline]
pub fn keyed(seed_key: u64, item: u64, stage: u64, visit: u64, purpose: Purpose) -> SplitMix64 {
    let rest = (stage << 40) | (visit << 8) | purpose as u64;
    let h = mix(seed_key
        ^ item.wrapping_mul(0xD1B5_4A32_D192_ED03)
        ^ rest.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7));
    SplitMix64::from_seed(h.to_le_bytes())
}

/// The SplitMix64 finaliser: a bijective 64-bit mix.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_draws_are_reproducible_and_distinct() {
        let k = seed_key(7);
        let a = keyed(k, 1, 2, 0, Purpose::Work).uniform();
        assert_eq!(a, keyed(k, 1, 2, 0, Purpose::Work).uniform());
        assert_ne!(a, keyed(k, 1, 2, 1, Purpose::Work).uniform());
        assert_ne!(a, keyed(k, 1, 3, 0, Purpose::Work).uniform());
        assert_ne!(a, keyed(k, 2, 2, 0, Purpose::Work).uniform());
        assert_ne!(a, keyed(k, 1, 2, 0, Purpose::Defect).uniform());
        assert_ne!(a, keyed(seed_key(8), 1, 2, 0, Purpose::Work).uniform());
    }

    /// The streams are specified bit for bit, so native and wasm runs agree: known answers.
    /// `mix(0)` is SplitMix64's published first output from state 0; the others pin how this
    /// module seeds and keys its generators (a change here changes every run).
    #[test]
    fn streams_give_their_known_answers() {
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
        let k = seed_key(7);
        assert_eq!(k, 0xec77_9c36_93f8_8501);
        assert_eq!(
            keyed(k, 1, 2, 3, Purpose::Block).bits(),
            0x74af_ddad_ddc0_dc1d
        );
        // A uniform is the top 53 bits of the same word.
        assert_eq!(
            keyed(k, 1, 2, 3, Purpose::Block).uniform(),
            (0x74af_ddad_ddc0_dc1d_u64 >> 11) as f64 / (1u64 << 53) as f64
        );
        assert_eq!(arrival_stream(1).bits(), 0x4035_fc68_8c72_e2a8);
        assert_eq!(forecast_stream(5, 9).bits(), 0xb70f_1d6f_5a10_5bf1);
    }

    /// Every trial of a forecast gets a stream of its own: the first 1,024 trials of a few
    /// seeds all start differently, and so do the first trials of 1,024 seeds (a trial number
    /// merged into the seed's bits rather than mixed with them would give many trials the same
    /// stream).
    #[test]
    fn forecast_trials_get_distinct_streams() {
        let distinct = |mut words: Vec<u64>| {
            words.sort_unstable();
            words.dedup();
            words.len()
        };
        for seed in [0, 1, 5, 42] {
            let first = (0..1024).map(|t| forecast_stream(seed, t).bits()).collect();
            assert_eq!(distinct(first), 1024, "seed {seed}");
        }
        let seeds = (0..1024)
            .map(|seed| forecast_stream(seed, 0).bits())
            .collect();
        assert_eq!(distinct(seeds), 1024);
    }

    /// A generator that returns the same word every time.
    struct Fixed(u64);
    impl Uniform for Fixed {
        fn uniform(&mut self) -> f64 {
            unreachable!()
        }
        fn bits(&mut self) -> u64 {
            self.0
        }
    }

    #[test]
    fn below_scales_64_bits_to_the_range() {
        assert_eq!(below(&mut Fixed(0), 10), 0);
        assert_eq!(below(&mut Fixed(u64::MAX), 10), 9);
        assert_eq!(below(&mut Fixed(1 << 63), 10), 5);
        assert_eq!(below(&mut Fixed(u64::MAX / 10 * 3), 10), 2);
        assert_eq!(below(&mut Fixed(u64::MAX), 1), 0);
    }

    #[test]
    fn uniforms_have_the_right_mean() {
        let mut r = arrival_stream(1);
        let n = 100_000;
        let mean = (0..n).map(|_| r.uniform()).sum::<f64>() / n as f64;
        // Standard error of the mean is sqrt(1/12/n) = 0.0009; allow 5 of them.
        assert!((mean - 0.5).abs() < 0.0046, "mean {mean}");
    }
}
