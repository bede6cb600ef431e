//! Statistics with bounded memory: time-weighted averages, a log-bucketed histogram for
//! percentiles, and the summary numbers they produce.

use serde::Serialize;

/// A quantity that changes at events, with its integral over time (its "area").
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeAvg {
    /// Current value.
    pub value: f64,
    /// Integral of the value from time 0 to `last`.
    pub area: f64,
    /// Time of the last change.
    pub last: f64,
}

impl TimeAvg {
    /// Sets the value from time `now` on.
    #[inline]
    pub fn set(&mut self, now: f64, value: f64) {
        self.area += self.value * (now - self.last);
        self.last = now;
        self.value = value;
    }

    /// Adds `delta` to the value from time `now` on.
    #[inline]
    pub fn add(&mut self, now: f64, delta: f64) {
        self.set(now, self.value + delta);
    }

    /// The integral from time 0 to `now`, without changing anything.
    #[inline]
    pub fn area_at(&self, now: f64) -> f64 {
        self.area + self.value * (now - self.last)
    }
}

/// Mean and percentiles of a set of durations (days); `None` when there were none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Percentiles {
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 85th percentile.
    pub p85: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
}

impl Percentiles {
    /// Exact nearest-rank percentiles of `values` (reordered in place).
    pub fn exact(values: &mut [f64]) -> Percentiles {
        if values.is_empty() {
            return Percentiles::default();
        }
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        // Each selection leaves everything above the chosen rank after it, so the next,
        // higher rank is selected among those alone.
        let mut below = 0;
        let mut pick = |p: f64| {
            let rank = nearest_rank(p, n as u64) as usize - 1;
            let value = *values[below..]
                .select_nth_unstable_by(rank - below, f64::total_cmp)
                .1;
            below = rank;
            value
        };
        let (p50, p85, p95) = (pick(0.50), pick(0.85), pick(0.95));
        let max = values[below..]
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .expect("not empty");
        Percentiles {
            mean: Some(mean),
            p50: Some(p50),
            p85: Some(p85),
            p95: Some(p95),
            max: Some(max),
        }
    }
}

/// The 1-based rank of the `p` quantile among `n` values (nearest-rank definition).
fn nearest_rank(p: f64, n: u64) -> u64 {
    ((p * n as f64).ceil() as u64).clamp(1, n)
}

const MIN_EXP: i32 = -20;
const MAX_EXP: i32 = 40;

/// A histogram of non-negative durations with 2^`SUB_BITS` logarithmic buckets per doubling,
/// plus exact count, sum, minimum and maximum. The default, 128 buckets per doubling, has a
/// relative error under 0.4 % and fixed memory of about 60 KB however many values it records;
/// a coarser one (`Histogram<5>`: under 1.6 %, 15 KB) keeps its hot buckets in fewer cache
/// lines where many are recorded per item, as the per-stage Aging WIP bands are.
///
/// It also keeps the first `KEEP` values themselves (4,096 by default, 32 KB at most), and
/// while it holds no more than those its percentiles are exact: a game worked out by hand
/// (the penny game's median coin takes 13 days) reads 13, not the 13.03 of its bucket.
#[derive(Clone, Debug, Default)]
pub struct Histogram<const SUB_BITS: u32 = 7, const KEEP: usize = 4096> {
    counts: Vec<u64>,
    /// The first `KEEP` values recorded, in order.
    kept: Vec<f64>,
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
}

impl<const SUB_BITS: u32, const KEEP: usize> Histogram<SUB_BITS, KEEP> {
    const SUBS: usize = 1 << SUB_BITS;
    const BUCKETS: usize = 1 + (MAX_EXP - MIN_EXP) as usize * Self::SUBS;

    /// Records one value.
    #[inline]
    pub fn record(&mut self, x: f64) {
        if self.counts.is_empty() {
            self.counts = vec![0; Self::BUCKETS];
            self.min = f64::INFINITY;
        }
        if self.kept.len() < KEEP {
            self.kept.push(x);
        }
        self.counts[Self::bucket(x)] += 1;
        self.count += 1;
        self.sum += x;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
    }

    /// The values recorded, if it still holds every one.
    fn all_kept(&self) -> Option<&[f64]> {
        (self.kept.len() as u64 == self.count).then_some(&self.kept)
    }

    /// Number of values recorded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Arithmetic mean of the values recorded, if any.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / self.count as f64)
    }

    /// The `p` quantile (0 < p ≤ 1) by nearest rank, to within the bucket resolution.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = nearest_rank(p, self.count);
        if let Some(values) = self.all_kept() {
            let mut values = values.to_vec();
            return Some(
                *values
                    .select_nth_unstable_by(rank as usize - 1, f64::total_cmp)
                    .1,
            );
        }
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(Self::bucket_mid(i).clamp(self.min, self.max));
            }
        }
        Some(self.max)
    }

    /// Mean, p50, p85, p95 and max (exact while every value is kept).
    pub fn percentiles(&self) -> Percentiles {
        if let Some(values) = self.all_kept().filter(|v| !v.is_empty()) {
            // The mean stays the running sum's, as for a longer run.
            return Percentiles {
                mean: self.mean(),
                ..Percentiles::exact(&mut values.to_vec())
            };
        }
        Percentiles {
            mean: self.mean(),
            p50: self.quantile(0.50),
            p85: self.quantile(0.85),
            p95: self.quantile(0.95),
            max: (self.count > 0).then_some(self.max),
        }
    }

    #[inline]
    fn bucket(x: f64) -> usize {
        // NaN and values below 2^MIN_EXP land in bucket 0.
        if x.is_nan() || x < f64::powi(2.0, MIN_EXP) {
            return 0;
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
        if exp >= MAX_EXP {
            return Self::BUCKETS - 1;
        }
        let sub = ((bits >> (52 - SUB_BITS)) as usize) & (Self::SUBS - 1);
        1 + (exp - MIN_EXP) as usize * Self::SUBS + sub
    }

    fn bucket_mid(i: usize) -> f64 {
        if i == 0 {
            return 0.0;
        }
        let exp = ((i - 1) / Self::SUBS) as i32 + MIN_EXP;
        let sub = ((i - 1) % Self::SUBS) as f64;
        f64::powi(2.0, exp) * (1.0 + (sub + 0.5) / Self::SUBS as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_average_integrates_a_step_function() {
        let mut q = TimeAvg::default();
        q.set(1.0, 2.0); // 0 on [0,1)
        q.add(3.0, 1.0); // 2 on [1,3)
        assert_eq!(q.area_at(4.0), 0.0 + 4.0 + 3.0); // 3 on [3,4)
    }

    #[test]
    fn histogram_quantiles_are_within_bucket_resolution() {
        // Keeping none of the values themselves, it reads every quantile from its buckets.
        let mut h: Histogram<7, 0> = Histogram::default();
        let mut all: Vec<f64> = (1..=10_000).map(|i| i as f64 * 0.01).collect();
        for &x in &all {
            h.record(x);
        }
        let exact = Percentiles::exact(&mut all);
        let approx = h.percentiles();
        for (a, e) in [
            (approx.p50, exact.p50),
            (approx.p85, exact.p85),
            (approx.p95, exact.p95),
        ] {
            let (a, e) = (a.unwrap(), e.unwrap());
            assert!((a - e).abs() <= 0.004 * e, "{a} vs {e}");
        }
        assert_eq!(approx.max, Some(100.0));
        assert!((approx.mean.unwrap() - 50.005).abs() < 1e-9);
    }

    #[test]
    fn nearest_rank_percentiles_of_small_sets_are_exact() {
        let mut v = vec![5.0, 1.0, 3.0, 2.0, 4.0];
        let p = Percentiles::exact(&mut v);
        assert_eq!(
            (p.p50, p.p85, p.p95, p.max),
            (Some(3.0), Some(5.0), Some(5.0), Some(5.0))
        );
        assert_eq!(p.mean, Some(3.0));
        let mut h: Histogram = Histogram::default();
        h.record(7.0);
        assert_eq!(h.quantile(0.5), Some(7.0));
        // Up to the values it keeps, its percentiles are exact (13 is in a bucket whose
        // middle is 13.03); past them, they come from the buckets.
        let mut h: Histogram<7, 20> = Histogram::default();
        let mut values: Vec<f64> = (4..=23).map(f64::from).collect();
        for &x in values.iter().rev() {
            h.record(x);
        }
        let exact = Percentiles::exact(&mut values);
        assert_eq!(
            h.percentiles(),
            Percentiles {
                mean: h.mean(),
                ..exact
            }
        );
        assert_eq!((h.quantile(0.5), exact.p50), (Some(13.0), Some(13.0)));
        h.record(13.0);
        assert!((h.quantile(0.5).unwrap() - 13.03).abs() < 0.01);
        assert_eq!(Percentiles::exact(&mut []), Percentiles::default());
    }

    #[test]
    fn every_value_lands_in_a_bucket_whose_middle_is_within_half_a_bucket() {
        type Fine = Histogram<7>;
        type Coarse = Histogram<5>;
        // 128 buckets per doubling: a bucket is 1/128 of its doubling's start wide, so its middle
        // is within 1/256 of any value in it (1/64 with 32 buckets).
        let mut x = f64::powi(2.0, MIN_EXP);
        while x < f64::powi(2.0, MAX_EXP) {
            for k in [1.0, 1.001, 1.3, 1.77, 1.999] {
                let v = x * k;
                let fine = Fine::bucket_mid(Fine::bucket(v));
                assert!((fine - v).abs() <= v / 256.0, "{v}: {fine}");
                let coarse = Coarse::bucket_mid(Coarse::bucket(v));
                assert!((coarse - v).abs() <= v / 64.0, "{v}: {coarse}");
            }
            x *= 2.0;
        }
        // Below the range (and NaN): the first bucket, read as 0; above it: the last one.
        let min = f64::powi(2.0, MIN_EXP);
        assert_eq!(Fine::bucket(0.0), 0);
        assert_eq!(Fine::bucket(f64::NAN), 0);
        assert_eq!(Fine::bucket(min * 0.999), 0);
        assert_eq!(Fine::bucket(min), 1);
        assert_eq!(Fine::bucket_mid(0), 0.0);
        assert_eq!(Fine::bucket(f64::powi(2.0, MAX_EXP)), Fine::BUCKETS - 1);
        assert_eq!(Fine::BUCKETS, 1 + 60 * 128);
    }

    #[test]
    fn histogram_quantiles_take_the_nearest_rank() {
        let mut h: Histogram = Histogram::default();
        for x in [4.0, 1.0, 3.0, 2.0] {
            h.record(x);
        }
        // Ranks of 4 values: p50 the 2nd, p85 and p95 the 4th; within half a bucket.
        let near = |got: Option<f64>, want: f64| (got.unwrap() - want).abs() <= want / 256.0;
        assert!(near(h.quantile(0.5), 2.0), "{:?}", h.quantile(0.5));
        assert!(near(h.quantile(0.25), 1.0), "{:?}", h.quantile(0.25));
        assert!(near(h.quantile(0.85), 4.0), "{:?}", h.quantile(0.85));
        assert_eq!((h.count(), h.mean()), (4, Some(2.5)));
        let p = h.percentiles();
        assert_eq!(p.max, Some(4.0));
        assert!(near(p.p95, 4.0) && near(p.p50, 2.0));
        // Nothing recorded: nothing to say.
        let empty: Histogram = Histogram::default();
        assert_eq!(empty.percentiles(), Percentiles::default());
    }
}
