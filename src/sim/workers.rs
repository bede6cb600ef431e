//! Workers and multitasking.
//!
//! A worker holds up to `capacity` tasks at once and divides its attention between them
//! equally (processor sharing). Switching between tasks costs productive time; the share that
//! remains is taken from Gerald Weinberg, *Quality Software Management, Vol. 1: Systems
//! Thinking* (Dorset House, 1992): with 1, 2, 3, 4 or 5 simultaneous projects a person keeps
//! 100 %, 80 %, 60 %, 40 % or 25 % of their time for project work; the rest is lost to context
//! switching. So a worker with three tasks advances each at 0.6 ÷ 3 = 0.2 of full speed.

use super::engine::ItemId;

/// Share of a worker's time left for work when holding 1, 2, 3, 4 or 5 tasks (Weinberg).
pub const WEINBERG_EFFICIENCY: [f64; 5] = [1.0, 0.8, 0.6, 0.4, 0.25];

/// A piece of work a worker holds.
#[derive(Clone, Copy, Debug)]
pub struct Task {
    /// The item being worked.
    pub item: ItemId,
    /// The stage the work belongs to.
    pub stage: u16,
    /// Work left, in days of undivided effort (includes any set-up).
    pub remaining: f64,
    /// The item's work time at this stage (set-up excluded): its touch time.
    pub work: f64,
}

/// A specialist (with a home stage) or a generalist (with a pool).
#[derive(Clone, Debug)]
pub struct Worker {
    /// The stage of a specialist; `None` for a generalist.
    pub home: Option<u16>,
    /// The generalist pool (unused for specialists).
    pub pool: u16,
    /// Tasks held now.
    pub tasks: Vec<Task>,
    /// Most tasks held at once.
    pub capacity: u32,
    /// Time progress was last brought up to date.
    pub last: f64,
    /// Bumped whenever the tasks change; stale completion events carry an older one.
    pub generation: u32,
    /// False once the worker has been removed (it finishes what it holds, then stops).
    pub active: bool,
    /// True while the worker is on its stage's available list or the idle generalists list.
    pub listed: bool,
}

impl Worker {
    /// A new idle worker.
    pub fn new(home: Option<u16>, pool: u16, capacity: u32, now: f64) -> Worker {
        Worker {
            home,
            pool,
            tasks: Vec::with_capacity(capacity as usize),
            capacity,
            last: now,
            generation: 0,
            active: true,
            listed: false,
        }
    }

    /// Speed at which each held task advances (1.0 for a single task).
    #[inline]
    pub fn rate(&self) -> f64 {
        match self.tasks.len() {
            0 | 1 => 1.0,
            m => WEINBERG_EFFICIENCY[m.min(WEINBERG_EFFICIENCY.len()) - 1] / m as f64,
        }
    }

    /// Brings remaining work up to `now`.
    #[inline]
    pub fn progress(&mut self, now: f64) {
        let elapsed = now - self.last;
        // One task (or none) advances at full speed: the product with a rate of 1 is skipped,
        // as it is exact anyway.
        let done = if self.tasks.len() <= 1 {
            elapsed
        } else {
            elapsed * self.rate()
        };
        if done > 0.0 {
            for t in &mut self.tasks {
                t.remaining -= done;
            }
        }
        self.last = now;
    }

    /// Index of the task that finishes first and when (ties: the earliest taken).
    #[inline]
    pub fn next_finish(&self) -> Option<(usize, f64)> {
        if let [t] = self.tasks.as_slice() {
            // At full speed: dividing by a rate of 1 is exact, so it is skipped.
            return Some((0, self.last + t.remaining.max(0.0)));
        }
        let rate = self.rate();
        let mut best: Option<(usize, f64)> = None;
        for (i, t) in self.tasks.iter().enumerate() {
            if best.is_none_or(|(_, r)| t.remaining < r) {
                best = Some((i, t.remaining));
            }
        }
        best.map(|(i, r)| (i, self.last + r.max(0.0) / rate))
    }

    /// True when the worker may take another task.
    #[inline]
    pub fn has_room(&self) -> bool {
        self.active && (self.tasks.len() as u32) < self.capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multitasking_slows_every_task_by_weinberg_share() {
        let mut w = Worker::new(Some(0), 0, 3, 0.0);
        for item in 0..3 {
            w.tasks.push(Task {
                item,
                stage: 0,
                remaining: 1.0,
                work: 1.0,
            });
        }
        // Three tasks: each advances at 0.6 / 3 = 0.2, so 1 day of work takes 5 days.
        assert_eq!(w.next_finish(), Some((0, 5.0)));
        w.progress(2.5);
        assert!((w.tasks[1].remaining - 0.5).abs() < 1e-12);
    }

    fn holding(n: u32) -> Worker {
        let mut w = Worker::new(Some(0), 0, 5, 0.0);
        for item in 0..n {
            w.tasks.push(Task {
                item,
                stage: 0,
                remaining: 1.0 + f64::from(item),
                work: 1.0,
            });
        }
        w
    }

    #[test]
    fn each_task_advances_at_weinbergs_share_divided_among_them() {
        let rates: Vec<f64> = (0..=5).map(|n| holding(n).rate()).collect();
        assert_eq!(
            rates,
            [1.0, 1.0, 0.8 / 2.0, 0.6 / 3.0, 0.4 / 4.0, 0.25 / 5.0]
        );
    }

    #[test]
    fn the_task_with_least_left_finishes_first_ties_to_the_earliest_taken() {
        let mut w = holding(2);
        // Remaining 1 and 2 at 0.4 a day: the first in 2.5 days.
        assert_eq!(w.next_finish(), Some((0, 2.5)));
        w.tasks[1].remaining = 1.0;
        assert_eq!(w.next_finish().unwrap().0, 0);
        w.tasks[0].remaining = 1.5;
        assert_eq!(w.next_finish().unwrap().0, 1);
        assert_eq!(holding(0).next_finish(), None);
        // Work already overdue finishes now, not in the past.
        let mut late = holding(1);
        late.tasks[0].remaining = -0.5;
        late.last = 3.0;
        assert_eq!(late.next_finish(), Some((0, 3.0)));
    }

    #[test]
    fn one_task_progresses_and_finishes_as_at_rate_one() {
        let mut w = holding(1);
        w.tasks[0].remaining = 0.3;
        w.progress(0.1);
        assert_eq!(w.tasks[0].remaining, 0.3 - (0.1 - 0.0) * 1.0);
        assert_eq!(w.next_finish(), Some((0, 0.1 + (0.3 - 0.1) / 1.0)));
    }

    #[test]
    fn progress_never_runs_backwards_and_room_needs_an_active_worker() {
        let mut w = holding(1);
        w.progress(0.5);
        assert_eq!((w.tasks[0].remaining, w.last), (0.5, 0.5));
        // An earlier time does no work (and the clock of the worker follows).
        w.progress(0.25);
        assert_eq!(w.tasks[0].remaining, 0.5);
        assert!(w.has_room());
        w.capacity = 1;
        assert!(!w.has_room());
        w.capacity = 2;
        w.active = false;
        assert!(!w.has_room());
    }
}
