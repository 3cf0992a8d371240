//! Texts in `locales/<lang>/<area>.ftl` (Project Fluent), looked up by id.
//!
//! Every lookup is fallible: a missing id or a formatting problem is an error, never the id
//! itself sent to a teenager. A message missing in Javanese or English falls back to the default
//! language (Indonesian); `genre check` warns about it so that it does not stay that way.
//!
//! Isolation marks (U+2068/U+2069 around placeables) are switched off: they are not GSM-7
//! characters and would push every SMS into the shorter UCS-2 encoding, and Indonesian,
//! Javanese and English are all written left to right.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

use crate::diagnostic::{Diagnostic, line_col};

/// Why a text could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum L10nError {
    #[error("no message `{id}` in locale `{lang}` nor in the default locale")]
    Missing { lang: String, id: String },
    #[error("message `{id}` in locale `{lang}` could not be formatted: {problems}")]
    Format {
        lang: String,
        id: String,
        problems: String,
    },
}

/// What `genre check` needs to know about one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageInfo {
    pub file: PathBuf,
    pub line: usize,
    /// `$variables` the message uses.
    pub variables: BTreeSet<String>,
    /// Other messages it references.
    pub references: BTreeSet<String>,
    /// The message's text as written, for scans such as phone numbers.
    pub source: String,
}

/// All texts of all languages.
pub struct Localizer {
    default_lang: String,
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    /// language → message id → where and what.
    pub catalog: BTreeMap<String, BTreeMap<String, MessageInfo>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("default_lang", &self.default_lang)
            .field("languages", &self.catalog.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// One `.ftl` file's text, for loading from disk or from memory in tests.
pub struct FtlSource {
    pub lang: String,
    pub path: PathBuf,
    pub text: String,
}

impl Localizer {
    /// Reads every `<dir>/<lang>/*.ftl`.
    pub fn load(dir: &Path, default_lang: &str) -> (Option<Localizer>, Vec<Diagnostic>) {
        let mut sources = Vec::new();
        let mut diagnostics = Vec::new();
        let langs = match std::fs::read_dir(dir) {
            Ok(entries) => {
                let mut langs: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect();
                langs.sort();
                langs
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(dir, (0, 0), format!("cannot read the locales folder: {e}"))
                        .hint("pass the folder that holds id/, en/ and jv/ with --locales"),
                );
                return (None, diagnostics);
            }
        };
        for lang_dir in langs {
            let lang = lang_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut files: Vec<PathBuf> = std::fs::read_dir(&lang_dir)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            for path in files {
                match std::fs::read_to_string(&path) {
                    Ok(text) => sources.push(FtlSource {
                        lang: lang.clone(),
                        path,
                        text,
                    }),
                    Err(e) => diagnostics.push(Diagnostic::error(
                        &path,
                        (0, 0),
                        format!("cannot read this file: {e}"),
                    )),
                }
            }
        }
        let (localizer, more) = Localizer::from_sources(sources, default_lang);
        diagnostics.extend(more);
        if !localizer.catalog.contains_key(default_lang) {
            diagnostics.push(
                Diagnostic::error(dir, (0, 0), format!("there is no `{default_lang}` folder"))
                    .hint(format!(
                        "the default language's texts belong in {}/{default_lang}/*.ftl",
                        dir.display()
                    )),
            );
            return (None, diagnostics);
        }
        (Some(localizer), diagnostics)
    }

    /// Builds the localizer from texts already read.
    pub fn from_sources(
        sources: Vec<FtlSource>,
        default_lang: &str,
    ) -> (Localizer, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut bundles: HashMap<String, FluentBundle<FluentResource>> = HashMap::new();
        let mut catalog: BTreeMap<String, BTreeMap<String, MessageInfo>> = BTreeMap::new();
        for FtlSource { lang, path, text } in sources {
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        // Point at the start of the broken entry, not where the parser gave up.
                        let start = e.slice.as_ref().map_or(e.pos.start, |slice| {
                            let rest = &text[slice.start.min(text.len())..];
                            slice.start + (rest.len() - rest.trim_start().len())
                        });
                        diagnostics.push(
                            Diagnostic::error(
                                &path,
                                line_col(&text, start),
                                format!("Fluent syntax error: {}", e.kind),
                            )
                            .hint(
                                "a message is `id = text` on one line; continuation lines start \
                                 with spaces; variables are written { $name }",
                            ),
                        );
                    }
                    r
                }
            };
            let entries = catalog.entry(lang.clone()).or_default();
            for entry in resource.entries() {
                let ast::Entry::Message(message) = entry else {
                    continue;
                };
                let id = message.id.name.to_string();
                let offset =
                    message.id.name.as_ptr() as usize - resource.source().as_ptr() as usize;
                let line = line_col(&text, offset).0;
                if let Some(previous) = entries.get(&id) {
                    diagnostics.push(
                        Diagnostic::error(
                            &path,
                            (line, 1),
                            format!("message `{id}` is defined twice"),
                        )
                        .hint(format!(
                            "the other definition is at {}:{}; keep one",
                            previous.file.display(),
                            previous.line
                        )),
                    );
                    continue;
                }
                let mut info = MessageInfo {
                    file: path.clone(),
                    line,
                    variables: BTreeSet::new(),
                    references: BTreeSet::new(),
                    source: String::new(),
                };
                if let Some(value) = &message.value {
                    walk_pattern(value, &mut info);
                }
                for attribute in &message.attributes {
                    walk_pattern(&attribute.value, &mut info);
                }
                entries.insert(id, info);
            }
            let bundle = bundles.entry(lang.clone()).or_insert_with(|| {
                let langid = lang.parse().unwrap_or_default();
                let mut b = FluentBundle::new_concurrent(vec![langid]);
                b.set_use_isolating(false);
                b
            });
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    diagnostics.push(Diagnostic::error(&path, (0, 0), e.to_string()));
                }
            }
        }
        (
            Localizer {
                default_lang: default_lang.to_string(),
                bundles,
                catalog,
            },
            diagnostics,
        )
    }

    /// The default language (`id`).
    pub fn default_lang(&self) -> &str {
        &self.default_lang
    }

    /// The languages that have texts.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.catalog.keys().map(String::as_str)
    }

    /// Whether the message exists in the default language.
    pub fn has(&self, id: &str) -> bool {
        self.catalog
            .get(&self.default_lang)
            .is_some_and(|m| m.contains_key(id))
    }

    /// Whether the message exists in this very language (no fallback).
    pub fn has_in(&self, lang: &str, id: &str) -> bool {
        self.catalog.get(lang).is_some_and(|m| m.contains_key(id))
    }

    /// Formats message `id` in `lang`, falling back to the default language.
    pub fn format(
        &self,
        lang: &str,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, L10nError> {
        let (bundle, used_lang) = [lang, self.default_lang.as_str()]
            .into_iter()
            .find_map(|l| {
                self.bundles
                    .get(l)
                    .filter(|b| b.has_message(id))
                    .map(|b| (b, l))
            })
            .ok_or_else(|| L10nError::Missing {
                lang: lang.to_string(),
                id: id.to_string(),
            })?;
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(|| L10nError::Missing {
                lang: used_lang.to_string(),
                id: id.to_string(),
            })?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            // Keep leading spaces: a text may indent on purpose (the services list).
            Ok(text.trim_end().trim_start_matches(['\n', '\r']).to_string())
        } else {
            Err(L10nError::Format {
                lang: used_lang.to_string(),
                id: id.to_string(),
                problems: errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        }
    }
}

fn walk_pattern(pattern: &ast::Pattern<&str>, info: &mut MessageInfo) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => info.source.push_str(value),
            ast::PatternElement::Placeable { expression } => walk_expression(expression, info),
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, info: &mut MessageInfo) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info);
            for variant in variants {
                walk_pattern(&variant.value, info);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, info),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, info: &mut MessageInfo) {
    use ast::InlineExpression as E;
    match inline {
        E::VariableReference { id } => {
            info.variables.insert(id.name.to_string());
        }
        E::MessageReference { id, .. } => {
            info.references.insert(id.name.to_string());
        }
        E::FunctionReference { arguments, .. }
        | E::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for arg in &arguments.positional {
                walk_inline(arg, info);
            }
            for arg in &arguments.named {
                walk_inline(&arg.value, info);
            }
        }
        E::Placeable { expression } => walk_expression(expression, info),
        E::StringLiteral { value } | E::NumberLiteral { value } => info.source.push_str(value),
        E::TermReference { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localizer(id: &str, en: &str) -> (Localizer, Vec<Diagnostic>) {
        let src = |lang: &str, text: &str| FtlSource {
            lang: lang.into(),
            path: PathBuf::from(format!("locales/{lang}/test.ftl")),
            text: text.into(),
        };
        Localizer::from_sources(vec![src("id", id), src("en", en)], "id")
    }

    #[test]
    fn formats_with_variables_and_no_isolation_marks() {
        let (l, d) = localizer("hi = Halo { $name }!\n", "hi = Hello { $name }!\n");
        assert!(d.is_empty(), "{d:?}");
        let mut args = FluentArgs::new();
        args.set("name", "Sari");
        assert_eq!(l.format("en", "hi", Some(&args)).unwrap(), "Hello Sari!");
        assert_eq!(
            l.catalog["id"]["hi"].variables,
            BTreeSet::from(["name".to_string()])
        );
    }

    #[test]
    fn missing_texts_fall_back_to_the_default_language_then_fail() {
        let (l, _) = localizer("only-id = Hanya\n", "");
        assert_eq!(l.format("en", "only-id", None).unwrap(), "Hanya");
        assert!(matches!(
            l.format("en", "nowhere", None),
            Err(L10nError::Missing { .. })
        ));
    }

    #[test]
    fn a_missing_variable_is_an_error_not_a_silent_gap() {
        let (l, _) = localizer("hi = Halo { $name }!\n", "");
        assert!(matches!(
            l.format("id", "hi", None),
            Err(L10nError::Format { .. })
        ));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let (_, d) = localizer("ok = fine\nbroken { = x\n", "");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 2);
        assert!(d[0].message.contains("Fluent syntax error"));
    }
}
