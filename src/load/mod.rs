//! Loading the files staff edit into a checked [`Bundle`].
//!
//! ```text
//! flows/<id>.toml                one flow per file
//! flows/routing/lexicon.toml     slang and regional words → standard Indonesian
//! flows/routing/topics.toml      topics of free text and the flows they start
//! flows/routing/crisis.toml      crisis rules, checked first on every message
//! flows/routing/commands.toml    commands, triggers, special flows, expiry
//! flows/data/services.toml       the services directory
//! locales/<lang>/*.ftl           every text, in Fluent
//! ```
//!
//! Loading never stops at the first problem; [`load`] returns every diagnostic, and a bundle
//! only when there is no error.

pub mod checks;
pub mod directory;
pub mod flows;
pub mod routing;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, line_col};
use crate::engine::Bundle;
use crate::i18n::Localizer;

/// The default language of texts.
pub const DEFAULT_LANG: &str = "id";

/// A file's text, kept for turning byte offsets into lines.
#[derive(Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// Reads a file, or records why it could not be read.
    pub fn read(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Source> {
        match std::fs::read_to_string(path) {
            Ok(text) => Some(Source {
                path: path.to_path_buf(),
                text,
            }),
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    path,
                    (0, 0),
                    format!("cannot read this file: {e}"),
                ));
                None
            }
        }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// A TOML syntax or shape error, with its position and a fix.
pub fn toml_error(source: &Source, error: &toml::de::Error) -> Diagnostic {
    let at = error
        .span()
        .map_or((0, 0), |span| source.line_col(span.start));
    let message = error.message().trim().to_string();
    let hint = if message.starts_with("unknown field") {
        "remove or rename this field; the names it accepts are listed above"
    } else if message.contains("untagged enum") {
        "this value has the wrong shape: a text goes in quotes, a list in [ ]"
    } else if message.starts_with("missing field") {
        "add the missing field"
    } else {
        "check the TOML syntax here: quotes closed, one key = value per line, [section] headers"
    };
    Diagnostic::error(&source.path, at, message).hint(hint)
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (crate::nlu::text::typo_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The result of loading.
pub struct Loaded {
    /// Present when there is no error.
    pub bundle: Option<Bundle>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and checks everything under `flows_dir` and `locales_dir`.
pub fn load(flows_dir: &Path, locales_dir: &Path) -> Loaded {
    let mut diagnostics = Vec::new();
    let routing_dir = flows_dir.join("routing");
    let lexicon = routing::load_lexicon(&routing_dir.join("lexicon.toml"), &mut diagnostics);

    let mut flow_refs = Vec::new();
    let mut message_refs = Vec::new();
    let routing = routing::load_routing(
        &routing_dir.join("commands.toml"),
        &lexicon,
        &mut diagnostics,
        &mut flow_refs,
    );
    let nlu = routing::load_understanding(
        &routing_dir,
        lexicon.clone(),
        &mut diagnostics,
        &mut flow_refs,
        &mut message_refs,
    );
    let directory =
        directory::load_directory(&flows_dir.join("data/services.toml"), &mut diagnostics);
    let (texts, more) = Localizer::load(locales_dir, DEFAULT_LANG);
    diagnostics.extend(more);

    let mut loaded_flows = IndexMap::new();
    for path in flow_files(flows_dir, &mut diagnostics) {
        if let Some(flow) = flows::load_flow(&path, &lexicon, &mut diagnostics) {
            loaded_flows.insert(flow.flow.id.clone(), flow);
        }
    }

    let (Some(routing), Some(nlu), Some(directory), Some(texts)) = (routing, nlu, directory, texts)
    else {
        return Loaded {
            bundle: None,
            diagnostics,
        };
    };
    let flows = loaded_flows
        .iter()
        .map(|(id, f)| (id.clone(), f.flow.clone()))
        .collect();
    let bundle = Bundle {
        flows,
        routing,
        nlu,
        texts,
        directory,
    };
    checks::check(
        &bundle,
        &loaded_flows,
        &flow_refs,
        &message_refs,
        flows_dir,
        locales_dir,
        &mut diagnostics,
    );
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        bundle: (!failed).then_some(bundle),
        diagnostics,
    }
}

/// The flow files: `flows/*.toml`, sorted.
fn flow_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            files
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(dir, (0, 0), format!("cannot read the flows folder: {e}"))
                    .hint("pass the folder that holds the flow files with --flows"),
            );
            vec![]
        }
    }
}
