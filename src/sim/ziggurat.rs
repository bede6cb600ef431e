//! Exponential random numbers by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method
//! for Generating Random Variables", Journal of Statistical Software 5(8), 2000), with 256
//! layers. About 99 % of draws need one random word and a multiplication; the rest use
//! `libm`'s `exp` and `log`, so results are the same on every platform.

use super::random::Uniform;
use std::sync::OnceLock;

/// Where the tail begins.
const R: f64 = 7.697_117_470_131_05;
/// Area of each layer: r·e^(−r) + ∫ᵣ^∞ e^(−x) dx = (r + 1)·e^(−r).
const V: f64 = 3.949_659_822_581_572e-3;

struct Tables {
    /// Layer edges, decreasing: x[0] is the base strip's width, x[1] = R, x[256] = 0.
    x: [f64; 257],
    /// e^(−x[i]).
    f: [f64; 257],
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; 257];
        x[0] = V / libm::exp(-R);
        x[1] = R;
        for i in 2..256 {
            x[i] = -libm::log(V / x[i - 1] + libm::exp(-x[i - 1]));
        }
        x[256] = 0.0;
        let mut f = [0.0; 257];
        for (fi, xi) in f.iter_mut().zip(&x) {
            *fi = libm::exp(-xi);
        }
        Tables { x, f }
    })
}

/// A draw from the exponential distribution with mean 1.
#[inline(always)]
pub fn standard_exponential<R: Uniform + ?Sized>(rng: &mut R) -> f64 {
    let t = tables();
    let (i, x) = point(t, rng.bits());
    if x < t.x[i + 1] {
        return x;
    }
    beyond_the_rectangle(rng, t, i, x)
}

/// The layer `i` and the point `x` in it that 64 random bits pick: the low 8 bits the layer,
/// the top 53 a uniform fraction of its width.
#[inline(always)]
fn point(t: &Tables, bits: u64) -> (usize, f64) {
    let i = (bits & 0xff) as usize;
    let u = (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    (i, u * t.x[i])
}

/// The rest of a draw whose point `x` of layer `i` fell outside the layer's inner rectangle
/// (about 1 % of draws): the tail, or the wedge's test, and if that fails, a new point, as
/// often as needed. Kept out of line so the common case stays small where it is inlined; the
/// random numbers are taken in the same order as in one loop.
#[cold]
#[inline(never)]
fn beyond_the_rectangle<R: Uniform + ?Sized>(
    rng: &mut R,
    t: &Tables,
    mut i: usize,
    mut x: f64,
) -> f64 {
    loop {
        if i == 0 {
            // The tail beyond R is again exponential.
            return R - libm::log(1.0 - rng.uniform());
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * rng.uniform() < libm::exp(-x) {
            return x;
        }
        (i, x) = point(t, rng.bits());
        if x < t.x[i + 1] {
            return x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::random::arrival_stream;

    /// Splitting the draw into a common path and a rare one kept its numbers: a million draws
    /// (about 10,000 through the rare path, some 40 of them in the tail) equal, bit for bit,
    /// those of the method written as one loop, as it was.
    #[test]
    fn the_split_draw_gives_the_numbers_of_the_single_loop() {
        fn one_loop(rng: &mut impl Uniform) -> f64 {
            let t = tables();
            loop {
                let bits = rng.bits();
                let i = (bits & 0xff) as usize;
                let x = (bits >> 11) as f64 / (1u64 << 53) as f64 * t.x[i];
                let accept = x < t.x[i + 1];
                match (accept, i) {
                    (true, _) => return x,
                    (false, 0) => return R - libm::log(1.0 - rng.uniform()),
                    _ if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * rng.uniform() < libm::exp(-x) => {
                        return x
                    }
                    _ => {}
                }
            }
        }
        let (mut a, mut b) = (arrival_stream(11), arrival_stream(11));
        for n in 0..1_000_000 {
            let (x, y) = (standard_exponential(&mut a), one_loop(&mut b));
            assert_eq!(x.to_bits(), y.to_bits(), "draw {n}");
        }
    }

    #[test]
    fn every_layer_has_the_same_area_up_to_the_top() {
        let t = tables();
        for i in 1..256 {
            let area = t.x[i] * (t.f[i + 1] - t.f[i]);
            assert!((area - V).abs() < 1e-3 * V, "layer {i}: area {area}");
        }
    }

    #[test]
    fn draws_follow_the_exponential_distribution() {
        let mut rng = arrival_stream(3);
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| standard_exponential(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        // Standard error 1/√n = 0.0016.
        assert!((mean - 1.0).abs() < 0.008, "mean {mean}");
        // The share above q is e^(−q); check the body and the tail beyond R.
        for q in [0.1, 0.5, 1.0, 2.0, 4.0, 8.0] {
            let share = xs.iter().filter(|&&x| x > q).count() as f64 / n as f64;
            let p = libm::exp(-q);
            let se = (p * (1.0 - p) / n as f64).sqrt();
            assert!(
                (share - p).abs() < 5.0 * se + 1e-6,
                "P(X > {q}) = {share}, expected {p}"
            );
        }
    }
}
