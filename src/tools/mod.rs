//! The staff tools: `genre check`, `chat`, `test`, `explain` and `eval`.

pub mod chat;
pub mod convtest;
pub mod eval;
pub mod sim;
