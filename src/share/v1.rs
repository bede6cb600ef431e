//! Links of format version 1 (the first build with share links): read forever, never written.

use crate::sim::Scenario;
use crate::state::{Ab, LessonAt, Snapshot, Speed, Theme, Variant};
use serde::Deserialize;
use std::rc::Rc;

/// What a version 1 link carried.
#[derive(Deserialize)]
pub(super) struct SharedV1 {
    #[serde(rename = "s")]
    scenario: Scenario,
    #[serde(rename = "b", default)]
    variant_b: Option<Scenario>,
    #[serde(rename = "ab", default)]
    labels: Option<(String, String)>,
    #[serde(rename = "l", default)]
    lesson: Option<(usize, usize)>,
    /// Days per second; 0 for as fast as possible.
    #[serde(rename = "sp", default)]
    speed: Option<f64>,
    #[serde(rename = "d", default)]
    dark: bool,
    #[serde(rename = "c", default)]
    compare: bool,
}

impl SharedV1 {
    /// The same state as a [`Snapshot`] (a lesson this build does not have is dropped, as
    /// version 1 builds did).
    pub(super) fn into_snapshot(self) -> Snapshot {
        let lessons = crate::lessons::all();
        let lesson = self
            .lesson
            .filter(|&(l, st)| lessons.get(l).is_some_and(|x| st < x.steps.len()))
            .map(|(lesson, step)| LessonAt { lesson, step });
        let ab = self.variant_b.map(|b| {
            let (label_a, label_b) = self.labels.unwrap_or(("A".into(), "B".into()));
            Ab {
                b: Rc::new(b),
                label_a,
                label_b,
                editing: Variant::A,
                run: None,
            }
        });
        let speed = match self.speed {
            Some(0.0) => Speed::Max,
            Some(sp) => Speed::DaysPerSecond(sp),
            None => Snapshot::of(Scenario::single_stage()).speed,
        };
        Snapshot {
            scenario: Rc::new(self.scenario),
            ab,
            lesson,
            workshop: None,
            speed,
            theme: if self.dark { Theme::Dark } else { Theme::Light },
            compare: self.compare,
            run: None,
        }
    }
}
