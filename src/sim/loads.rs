//! What a scenario's parameters say about load: each stage's offered load (long-run demand ÷
//! capacity, rework loops included) and the bottleneck expected from it, shown beside the one
//! the run's evidence names.

use super::engine::Simulation;
use super::workers::WEINBERG_EFFICIENCY;

impl Simulation {
    /// The bottleneck expected from the parameters: the stage with the highest offered load,
    /// if one stands out (a tie for the highest, or no long-run demand, gives `None`).
    pub fn expected_bottleneck(&self) -> Option<usize> {
        highest_load(&self.offered_loads())
    }

    /// Each stage's long-run demand ÷ capacity from the parameters: arrival rate × expected
    /// visits (rework included) × (work + set-up per item) ÷ worker capacity. Pure backlogs
    /// have no long-run demand (0).
    pub fn offered_loads(&self) -> Vec<f64> {
        let sc = &self.scenario;
        let visits = self.expected_visits();
        let (rate, work_rate) = (sc.request_rate(), sc.work_rate());
        let mut capacity: Vec<f64> = sc
            .stages
            .iter()
            .map(|st| st.workers as f64 * WEINBERG_EFFICIENCY[st.multitask as usize - 1])
            .collect();
        for pool in &sc.generalists {
            let share = pool.count as f64 / pool.stages.len() as f64;
            for name in &pool.stages {
                if let Some(i) = sc.stage_index(name) {
                    capacity[i] += share;
                }
            }
        }
        sc.stages
            .iter()
            .enumerate()
            .map(|(s, st)| {
                let setup = st.setup.as_ref().map_or(0.0, |d| d.mean()) / st.batch_size as f64;
                let demand = if sc.classes.is_empty() {
                    rate * visits[s] * (st.work.mean() + setup)
                } else {
                    visits[s] * (work_rate * st.work.mean() + rate * setup)
                };
                if demand == 0.0 {
                    0.0
                } else if capacity[s] > 0.0 {
                    demand / capacity[s]
                } else {
                    f64::INFINITY
                }
            })
            .collect()
    }

    /// Expected visits of an item to each stage, rework loops included: the solution of
    /// v = e₀ + v·P, where P moves an item on with probability 1 − p and back with p.
    fn expected_visits(&self) -> Vec<f64> {
        let n = self.stages.len();
        // Augmented matrix of (I − Pᵀ) v = e₀.
        let mut m = vec![vec![0.0; n + 1]; n];
        for (i, row) in m.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        m[0][n] = 1.0;
        for s in 0..n {
            let (p, to) = self.params[s].rework.map_or((0.0, s as u16), |r| r);
            if s + 1 < n {
                m[s + 1][s] -= 1.0 - p;
            }
            m[to as usize][s] -= p;
        }
        // Gaussian elimination with partial pivoting. The matrix is non-singular (validation
        // keeps every rework probability at most MAX_REWORK < 1, and rework goes back, never
        // on), so every pivot is non-zero.
        for col in 0..n {
            let pivot = (col..n)
                .max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
                .unwrap_or(col);
            m.swap(col, pivot);
            let d = m[col][col];
            m[col][col..].iter_mut().for_each(|x| *x /= d);
            let pivot_row = m[col].clone();
            for (r, row) in m.iter_mut().enumerate() {
                let f = row[col];
                if r != col && f != 0.0 {
                    for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *x -= f * p;
                    }
                }
            }
        }
        m.iter().map(|row| row[n].max(0.0)).collect()
    }
}

/// The stage with the highest of `loads`, if one stands out (a tie for the highest, or no
/// long-run demand, gives `None`).
pub(crate) fn highest_load(loads: &[f64]) -> Option<usize> {
    let top = (0..loads.len()).max_by(|&i, &j| loads[i].total_cmp(&loads[j]))?;
    let tied = (0..loads.len()).any(|j| j != top && loads[j] >= loads[top] * (1.0 - 1e-9));
    (loads[top] > 0.0 && !tied).then_some(top)
}
