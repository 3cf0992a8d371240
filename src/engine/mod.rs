//! The flow engine: pure, deterministic, no I/O.
//!
//! `(contact state, bundle, inbound event, clock) -> (new state, effects)`. The server, the
//! terminal simulator (`genre chat`) and the conversation tests (`genre test`) all call the same
//! [`step`], so what staff try is what teenagers get.

pub mod bundle;
pub mod condition;
pub mod event;
pub mod flow;
pub mod runner;
pub mod state;

pub use bundle::{Bundle, Command, Routing, SpecialFlows, Trigger, TriggerMatch};
pub use event::{CaseOrigin, Effect, Inbound, Reply, ReplyChoice};
pub use flow::{Flow, Node, Target};
pub use runner::{Env, Step, step};
pub use state::{ContactState, Position};
