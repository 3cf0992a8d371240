//! Genre: a WhatsApp/SMS chatbot server for youth family-planning outreach (MLM Genre,
//! Kabupaten Pasuruan).
//!
//! # Layout
//!
//! * [`nlu`] understands free text: normalisation of slang and regional words, crisis rules,
//!   topics. Pure.
//! * [`engine`] is the flow engine: `(state, flows, event, clock) -> (state, effects)`. Pure.
//! * [`i18n`] formats the texts in `locales/` (Fluent).
//! * [`directory`] is the services directory.
//! * [`load`] reads and checks the files staff edit (`flows/`, `locales/`) into a bundle,
//!   collecting [`diagnostic`]s with file, line and a fix.
//! * [`render`] shapes replies for WhatsApp, SMS and Telegram.
//! * [`tools`] are the staff commands: `check`, `chat`, `test`, `explain`, `eval`.

pub mod app;
pub mod bench;
pub mod channels;
pub mod cli;
pub mod clock;
pub mod config;
pub mod console;
pub mod diagnostic;
pub mod directory;
pub mod dispatch;
pub mod engine;
pub mod error;
pub mod http;
pub mod i18n;
pub mod load;
pub mod metrics;
pub mod nlu;
pub mod render;
pub mod reports;
pub mod retention;
pub mod sender;
pub mod settings;
pub mod store;
pub mod telemetry;
pub mod tools;
pub mod worker;
