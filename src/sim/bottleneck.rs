//! Which stage limits throughput — named only when the evidence separates it from the others.
//!
//! The measure is a stage's *effective utilisation* in each statistics window: busy worker
//! time ÷ available worker time, times the share of the window its finished work was not
//! blocked by a full next stage (a stage busy only because its output cannot move on is a
//! victim of the constraint, not the constraint).
//!
//! Windows are grouped into batches of [`BATCH_WINDOWS`]; each batch gives one mean per
//! stage. Utilisations of neighbouring windows are correlated, and batch means damp that. For
//! every pair of stages the tracker keeps the mean and variance of the batch-mean differences
//! (a paired comparison: both stages saw the same arrivals in the same batch). The leader (the
//! highest mean) is **named** once, after at least [`MIN_BATCHES`] batches, its lead over
//! *every* other stage is at least [`SEPARATION`] standard errors. Until then the answer is
//! "not clear yet" (`None`). A line of one stage has nothing to separate: its stage is named
//! after the first window in which it worked.
//!
//! Once named, a stage stays named until another stage is *significantly above it* by the
//! same test — noise cannot move it. Then the leader is named if it is separated from all
//! others, and otherwise the answer is "not clear yet" again. An intervention starts the
//! evidence afresh (the stream changed), and the answer is "not clear yet" until the new
//! evidence names a stage.

/// Statistics windows per batch.
pub const BATCH_WINDOWS: u32 = 10;
/// Batches needed before any stage is named.
pub const MIN_BATCHES: u32 = 4;
/// Standard errors by which the leader must exceed every other stage to be named, and by
/// which another stage must exceed the named one to displace it.
pub const SEPARATION: f64 = 3.0;

/// The evidence gathered since the latest reset, and the stage named on it.
#[derive(Clone, Debug, Default)]
pub(crate) struct BottleneckTracker {
    /// Per stage: sum of effective utilisation over the windows of the open batch.
    open: Vec<f64>,
    /// Windows in the open batch.
    open_windows: u32,
    /// Closed batches.
    batches: u32,
    /// Per stage: sum of the batch means.
    sum: Vec<f64>,
    /// Per ordered pair (i, j), i < j, flattened: sum and sum of squares of the batch-mean
    /// differences uᵢ − uⱼ.
    diff: Vec<(f64, f64)>,
    /// The stage named now.
    named: Option<usize>,
    /// Statistics windows starting before this time are ignored.
    since: f64,
}

impl BottleneckTracker {
    /// A tracker for `stages` stages taking windows that start at `since` or later.
    pub(crate) fn new(stages: usize, since: f64) -> Self {
        BottleneckTracker {
            open: vec![0.0; stages],
            sum: vec![0.0; stages],
            diff: vec![(0.0, 0.0); stages * stages.saturating_sub(1) / 2],
            since,
            ..Default::default()
        }
    }

    /// Forgets the evidence and the named stage: windows from `since` on count.
    pub(crate) fn reset(&mut self, since: f64) {
        *self = BottleneckTracker::new(self.open.len(), since);
    }

    /// The stage named now.
    pub(crate) fn named(&self) -> Option<usize> {
        self.named
    }

    /// Takes one closed window that started at `start`, with each stage's effective
    /// utilisation over it.
    pub(crate) fn observe(&mut self, start: f64, effective: impl Iterator<Item = f64>) {
        if start < self.since {
            return;
        }
        for (acc, u) in self.open.iter_mut().zip(effective) {
            *acc += u;
        }
        // One stage is trivially the constraint once it has worked at all: there is no other
        // to tell it from, so no batches to wait for.
        if let [worked] = self.open[..] {
            if worked > 0.0 {
                self.named = Some(0);
            }
        }
        self.open_windows += 1;
        if self.open_windows < BATCH_WINDOWS {
            return;
        }
        let n = self.open.len();
        // The open sums become the batch means in place (no allocation per batch).
        let means = &mut self.open;
        means.iter_mut().for_each(|s| *s /= BATCH_WINDOWS as f64);
        for (sum, m) in self.sum.iter_mut().zip(means.iter()) {
            *sum += m;
        }
        let mut k = 0;
        for i in 0..n {
            for j in i + 1..n {
                let d = means[i] - means[j];
                self.diff[k].0 += d;
                self.diff[k].1 += d * d;
                k += 1;
            }
        }
        self.open.iter_mut().for_each(|x| *x = 0.0);
        self.open_windows = 0;
        self.batches += 1;
        self.decide();
    }

    /// By how many standard errors stage `i` is above stage `j` (negative: below). Infinite
    /// when the differences do not vary and are not zero; zero for a perfect tie.
    fn lead(&self, i: usize, j: usize) -> f64 {
        let n = self.open.len();
        let (a, b, sign) = if i < j { (i, j, 1.0) } else { (j, i, -1.0) };
        // Index of (a, b) in the flattened upper triangle.
        let k = a * n - a * (a + 1) / 2 + (b - a - 1);
        let (s, sq) = self.diff[k];
        let m = self.batches as f64;
        let mean = s / m;
        let var = ((sq - s * s / m) / (m - 1.0)).max(0.0);
        let se = (var / m).sqrt();
        // Differences below this are rounding, not evidence.
        const TINY: f64 = 1e-12;
        if mean.abs() <= TINY {
            0.0
        } else if se <= TINY {
            sign * mean.signum() * f64::INFINITY
        } else {
            sign * mean / se
        }
    }

    /// Whether stage `c` is above every other stage by at least [`SEPARATION`].
    fn separated(&self, c: usize) -> bool {
        (0..self.open.len()).all(|j| j == c || self.lead(c, j) >= SEPARATION)
    }

    fn decide(&mut self) {
        if self.batches < MIN_BATCHES || self.open.len() < 2 {
            return;
        }
        let leader = (0..self.sum.len())
            .max_by(|&i, &j| self.sum[i].total_cmp(&self.sum[j]).then(j.cmp(&i)))
            .expect("two or more stages");
        let displaced = self
            .named
            .is_some_and(|k| (0..self.open.len()).any(|j| j != k && self.lead(j, k) >= SEPARATION));
        if self.named.is_none() || displaced {
            self.named = self.separated(leader).then_some(leader);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(t: &mut BottleneckTracker, windows: &[[f64; 3]]) {
        for (i, w) in windows.iter().enumerate() {
            t.observe(i as f64, w.iter().copied());
        }
    }

    #[test]
    fn a_clear_leader_is_named_after_the_minimum_evidence_and_not_before() {
        let mut t = BottleneckTracker::new(3, 0.0);
        let w: Vec<[f64; 3]> = (0..40)
            .map(|i| [0.5, 0.9 + 0.01 * (i % 3) as f64, 0.6])
            .collect();
        feed(&mut t, &w[..39]);
        assert_eq!(t.named(), None);
        t.observe(39.0, w[39].iter().copied());
        assert_eq!(t.named(), Some(1));
    }

    #[test]
    fn a_tie_is_never_named() {
        let mut t = BottleneckTracker::new(3, 0.0);
        let w: Vec<[f64; 3]> = (0..500).map(|_| [1.0, 1.0, 0.2]).collect();
        feed(&mut t, &w);
        assert_eq!(t.named(), None);
    }

    #[test]
    fn stages_apart_only_by_rounding_are_a_tie() {
        // Two identical stages' utilisations can differ in the last bits; that is no evidence.
        let mut t = BottleneckTracker::new(3, 0.0);
        let w: Vec<[f64; 3]> = (0..500).map(|_| [0.7, 0.7 + 1e-13, 0.2]).collect();
        feed(&mut t, &w);
        assert_eq!(t.named(), None);
        // A real gap, however steady, is named.
        let mut t = BottleneckTracker::new(3, 0.0);
        let w: Vec<[f64; 3]> = (0..40).map(|_| [0.7, 0.7 + 1e-6, 0.2]).collect();
        feed(&mut t, &w);
        assert_eq!(t.named(), Some(1));
    }

    #[test]
    fn a_lone_stage_is_named_once_it_has_worked() {
        let mut t = BottleneckTracker::new(1, 0.0);
        t.observe(0.0, [0.0].into_iter());
        assert_eq!(t.named(), None, "it has not worked yet");
        t.observe(1.0, [0.3].into_iter());
        assert_eq!(
            t.named(),
            Some(0),
            "nothing to tell it from: no batches to wait for"
        );
        let batch = BATCH_WINDOWS as usize;
        // A stage that never worked is not a constraint.
        let mut idle = BottleneckTracker::new(1, 0.0);
        for i in 0..10 * batch {
            idle.observe(i as f64, [0.0].into_iter());
        }
        assert_eq!(idle.named(), None);
    }

    #[test]
    fn a_stage_steadily_below_the_named_one_does_not_displace_it() {
        // Stage 1 leads; stage 2 sits exactly 0.6 below it in every batch (a difference with no
        // spread: minus infinitely many standard errors), stage 0 catches up with stage 1.
        let mut t = BottleneckTracker::new(3, 0.0);
        let e = |i: usize| if i.is_multiple_of(2) { 0.05 } else { -0.05 };
        let mut i = 0;
        while i < 60 {
            t.observe(i as f64, [0.6 + e(i), 0.9 - e(i), 0.3 - e(i)].into_iter());
            i += 1;
        }
        assert_eq!(t.named(), Some(1));
        while i < 300 {
            t.observe(i as f64, [0.9 + e(i), 0.9 - e(i), 0.3 - e(i)].into_iter());
            i += 1;
        }
        // Stage 1 no longer leads stage 0 by 3 standard errors, but nothing is above it.
        assert!(t.lead(1, 0) < SEPARATION, "lead {}", t.lead(1, 0));
        assert_eq!(t.lead(2, 1), f64::NEG_INFINITY);
        assert_eq!(t.named(), Some(1));
    }

    #[test]
    fn the_named_stage_holds_until_another_is_significantly_above_it() {
        let mut t = BottleneckTracker::new(3, 0.0);
        let noisy = |i: usize, base: [f64; 3]| {
            let e = if i.is_multiple_of(2) { 0.05 } else { -0.05 };
            [base[0] + e, base[1] - e, base[2]]
        };
        let w: Vec<[f64; 3]> = (0..60).map(|i| noisy(i, [0.6, 0.9, 0.3])).collect();
        feed(&mut t, &w);
        assert_eq!(t.named(), Some(1));
        // Stage 0 rises to just below stage 1: no evidence against stage 1, it stays.
        for i in 60..200 {
            t.observe(i as f64, noisy(i, [0.88, 0.9, 0.3]).into_iter());
        }
        assert_eq!(t.named(), Some(1));
    }

    #[test]
    fn a_reset_forgets_and_ignores_earlier_windows() {
        let mut t = BottleneckTracker::new(2, 0.0);
        for i in 0..40 {
            t.observe(i as f64, [0.9, 0.1].into_iter());
        }
        assert_eq!(t.named(), Some(0));
        t.reset(40.0);
        assert_eq!(t.named(), None);
        for i in 30..40 {
            t.observe(i as f64, [0.1, 0.9].into_iter());
        }
        assert_eq!(t.batches, 0);
        for i in 40..80 {
            t.observe(i as f64, [0.1, 0.9].into_iter());
        }
        assert_eq!(t.named(), Some(1));
    }
}
