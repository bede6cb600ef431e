//! Bounded time series for live charts.

/// A series of (time, value) points that never holds more than `capacity` points: when full,
/// every second point is dropped and the sampling interval doubles, so a ten-year run keeps
/// the same memory as a ten-day one and the whole history stays visible.
#[derive(Clone, Debug, PartialEq)]
pub struct Series<T = f64> {
    points: Vec<(f64, T)>,
    capacity: usize,
    spacing: f64,
}

impl<T: Clone> Series<T> {
    /// An empty series keeping at most `capacity` points (at least 4).
    pub fn new(capacity: usize) -> Self {
        Series {
            points: Vec::new(),
            capacity: capacity.max(4),
            spacing: 0.0,
        }
    }

    /// Adds a point; a point closer than the current spacing to the one before the last
    /// replaces the last.
    pub fn push(&mut self, t: f64, v: T) {
        let n = self.points.len();
        if n > 1 && t - self.points[n - 2].0 < self.spacing {
            self.points[n - 1] = (t, v);
            return;
        }
        self.points.push((t, v));
        if self.points.len() >= self.capacity {
            let kept: Vec<_> = self.points.iter().step_by(2).cloned().collect();
            self.points = kept;
            let span = self.points.last().map_or(0.0, |p| p.0) - self.points[0].0;
            self.spacing = span / (self.capacity / 2) as f64;
        }
    }

    /// The points, oldest first.
    pub fn points(&self) -> &[(f64, T)] {
        &self.points
    }

    /// The last point, if any.
    pub fn last(&self) -> Option<&(f64, T)> {
        self.points.last()
    }
}
