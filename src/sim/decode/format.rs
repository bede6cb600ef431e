//! The scenario format as a walk: each object's fields in order, with their types, defaults and
//! whether they are required (serde's derive on [`Scenario`] must say the same; debug builds
//! compare the two on every valid document).

use super::walk::Walk;
use crate::sim::dist::Dist;
use crate::sim::scenario::{
    self as sc, Arrival, Blockers, Class, Generalists, Rework, Scenario, Stage,
};
use serde_json::Value;

impl Walk {
    pub(super) fn scenario(&mut self, v: &Value) -> Scenario {
        self.order.push(".".into());
        let mut o = self.object(".", v, "a scenario");
        let s = Scenario {
            version: self.or(&mut o, "version", sc::format_version),
            name: self.or(&mut o, "name", String::new),
            seed: self.or(&mut o, "seed", sc::default_seed),
            duration: self.or(&mut o, "duration", sc::default_duration),
            warmup: self.or(&mut o, "warmup", || 0.0),
            window: self.or(&mut o, "window", sc::default_window),
            arrival: self.need(&mut o, "arrival", PLACEHOLDER_ARRIVAL, Self::arrival),
            wip_limit: self.opt(&mut o, "wip_limit", Self::leaf),
            stages: self.need(&mut o, "stages", Vec::new(), |w, at, v| {
                w.list(at, v, "stages", Self::stage)
            }),
            generalists: self
                .with(&mut o, "generalists", |w, at, v| {
                    w.list(at, v, "generalist pools", Self::generalists)
                })
                .unwrap_or_default(),
            classes: self
                .with(&mut o, "classes", |w, at, v| {
                    w.list(at, v, "classes of service", Self::class)
                })
                .unwrap_or_default(),
        };
        self.finish(o);
        s
    }

    fn class(&mut self, path: &str, v: &Value) -> Class {
        let mut o = self.object(path, v, "a class of service");
        let c = Class {
            name: self.req(&mut o, "name"),
            share: self.opt(&mut o, "share", Self::leaf),
            arrival: self.opt(&mut o, "arrival", Self::arrival),
            priority: self.or(&mut o, "priority", || 0),
            wip_exempt: self.or(&mut o, "wip_exempt", || false),
            work_scale: self.or(&mut o, "work_scale", sc::one_f64),
        };
        self.finish(o);
        c
    }

    fn arrival(&mut self, path: &str, v: &Value) -> Arrival {
        let types = ["poisson", "fixed", "backlog"];
        let Some((tag, mut o)) = self.tagged(path, v, "an arrival process", &types) else {
            return PLACEHOLDER_ARRIVAL;
        };
        let a = match tag {
            "poisson" => Arrival::Poisson {
                rate: self.req(&mut o, "rate"),
                backlog: self.or(&mut o, "backlog", || 0),
            },
            "fixed" => Arrival::Fixed {
                interval: self.req(&mut o, "interval"),
                backlog: self.or(&mut o, "backlog", || 0),
            },
            _ => Arrival::Backlog {
                count: self.req(&mut o, "count"),
            },
        };
        self.finish(o);
        a
    }

    fn dist(&mut self, path: &str, v: &Value) -> Dist {
        let types = [
            "constant",
            "uniform",
            "triangular",
            "exponential",
            "lognormal",
            "erlang",
        ];
        let Some((tag, mut o)) = self.tagged(path, v, "a distribution", &types) else {
            return PLACEHOLDER_DIST;
        };
        let d = match tag {
            "constant" => Dist::Constant {
                value: self.req(&mut o, "value"),
            },
            "uniform" => Dist::Uniform {
                min: self.req(&mut o, "min"),
                max: self.req(&mut o, "max"),
            },
            "triangular" => Dist::Triangular {
                min: self.req(&mut o, "min"),
                mode: self.req(&mut o, "mode"),
                max: self.req(&mut o, "max"),
            },
            "exponential" => Dist::Exponential {
                mean: self.req(&mut o, "mean"),
            },
            "lognormal" => Dist::Lognormal {
                mean: self.req(&mut o, "mean"),
                cv: self.req(&mut o, "cv"),
            },
            _ => Dist::Erlang {
                k: self.req(&mut o, "k"),
                mean: self.req(&mut o, "mean"),
            },
        };
        self.finish(o);
        d
    }

    fn stage(&mut self, path: &str, v: &Value) -> Stage {
        let mut o = self.object(path, v, "a stage");
        let o2 = &mut o;
        let s = Stage {
            name: self.req(o2, "name"),
            workers: self.or(o2, "workers", sc::one),
            work: self.need(o2, "work", PLACEHOLDER_DIST, Self::dist),
            wip_limit: self.opt(o2, "wip_limit", Self::leaf),
            batch_size: self.or(o2, "batch_size", sc::one),
            setup: self.opt(o2, "setup", Self::dist),
            rework: self.opt(o2, "rework", |w, at, v| {
                let mut r = w.object(at, v, "a rework rule");
                let rework = Rework {
                    probability: w.req(&mut r, "probability"),
                    to: w.req(&mut r, "to"),
                };
                w.finish(r);
                rework
            }),
            release_every: self.opt(o2, "release_every", Self::leaf),
            multitask: self.or(o2, "multitask", sc::one),
            blockers: self.opt(o2, "blockers", |w, at, v| {
                let mut b = w.object(at, v, "blockers");
                let blockers = Blockers {
                    probability: w.req(&mut b, "probability"),
                    duration: w.need(&mut b, "duration", PLACEHOLDER_DIST, Self::dist),
                };
                w.finish(b);
                blockers
            }),
        };
        self.finish(o);
        s
    }

    fn generalists(&mut self, path: &str, v: &Value) -> Generalists {
        let mut o = self.object(path, v, "a generalist pool");
        let g = Generalists {
            count: self.or(&mut o, "count", sc::one),
            stages: self.need(&mut o, "stages", Vec::new(), |w, at, v| {
                w.list(at, v, "stage names", Self::leaf)
            }),
        };
        self.finish(o);
        g
    }
}

/// Stands in for an arrival process that could not be read.
const PLACEHOLDER_ARRIVAL: Arrival = Arrival::Backlog { count: 1 };
/// Stands in for a distribution that could not be read.
const PLACEHOLDER_DIST: Dist = Dist::Constant { value: 0.0 };
