//! Reading `flows/routing/*.toml`: the lexicon, the topics, the crisis rules and the commands.

use std::path::Path;

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::{Source, toml_error};
use crate::diagnostic::Diagnostic;
use crate::engine::bundle::{Command, Routing, SpecialFlows, Trigger, TriggerMatch};
use crate::nlu::{CrisisLevel, CrisisRule, Lexicon, Pattern, TopicRule, Understanding};

/// The topics of the project's taxonomy (`../shared/README.md`).
pub const TAXONOMY: [&str; 12] = [
    "greeting",
    "marriage_age",
    "reproductive_health",
    "menstruation",
    "hiv_sti",
    "contraception",
    "services_location",
    "violence/crisis",
    "forced_marriage_report",
    "counsellor_request",
    "opt_out",
    "off_topic",
];

/// A flow name written in a routing file, for the cross-file check that it exists.
pub struct FlowRef {
    pub flow: String,
    pub file: std::path::PathBuf,
    pub offset: usize,
    pub source: Source,
}

/// A Fluent id written in a routing file.
pub type MessageRef = FlowRef;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    words: IndexMap<String, String>,
}

/// Reads `lexicon.toml`.
pub fn load_lexicon(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Lexicon {
    let Some(source) = Source::read(path, diagnostics) else {
        return Lexicon::default();
    };
    match toml::from_str::<RawLexicon>(&source.text) {
        Ok(raw) => Lexicon::new(raw.words),
        Err(e) => {
            diagnostics.push(toml_error(&source, &e));
            Lexicon::default()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopics {
    threshold: f32,
    ambiguity: f32,
    topic: Vec<Spanned<RawTopic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    name: Spanned<String>,
    flow: Option<Spanned<String>>,
    #[serde(default)]
    yields: bool,
    #[serde(default)]
    strong: Vec<Spanned<String>>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    only: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCrisis {
    rule: Vec<Spanned<RawCrisisRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCrisisRule {
    name: Spanned<String>,
    topic: Spanned<String>,
    level: CrisisLevel,
    say: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default)]
    all: Vec<Vec<Spanned<String>>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
}

fn compile(
    list: &[Spanned<String>],
    lexicon: &Lexicon,
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Pattern> {
    list.iter()
        .filter_map(|p| match Pattern::compile(p.get_ref(), lexicon) {
            Ok(pattern) => Some(pattern),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(&source.path, source.line_col(p.span().start), e.to_string())
                        .hint("patterns are words, `word*`, `*word*`, `a|b` and `...` (see flows/README.md)"),
                );
                None
            }
        })
        .collect()
}

/// Reads `topics.toml` and `crisis.toml` into the rules, noting the flows and texts they name.
pub fn load_understanding(
    dir: &Path,
    lexicon: Lexicon,
    diagnostics: &mut Vec<Diagnostic>,
    flow_refs: &mut Vec<FlowRef>,
    message_refs: &mut Vec<MessageRef>,
) -> Option<Understanding> {
    let topics_src = Source::read(&dir.join("topics.toml"), diagnostics)?;
    let crisis_src = Source::read(&dir.join("crisis.toml"), diagnostics)?;
    let raw_topics: RawTopics = toml::from_str(&topics_src.text)
        .map_err(|e| diagnostics.push(toml_error(&topics_src, &e)))
        .ok()?;
    let raw_crisis: RawCrisis = toml::from_str(&crisis_src.text)
        .map_err(|e| diagnostics.push(toml_error(&crisis_src, &e)))
        .ok()?;

    let mut topics = Vec::new();
    for raw in raw_topics.topic {
        let offset = raw.span().start;
        let raw = raw.into_inner();
        let name = raw.name.get_ref().clone();
        if !TAXONOMY.contains(&name.as_str()) {
            diagnostics.push(
                Diagnostic::warning(
                    &topics_src.path,
                    topics_src.line_col(raw.name.span().start),
                    format!("topic `{name}` is not in the project's taxonomy"),
                )
                .hint(format!("the taxonomy is: {}", TAXONOMY.join(", "))),
            );
        }
        if let Some(flow) = &raw.flow {
            flow_refs.push(FlowRef {
                flow: flow.get_ref().clone(),
                file: topics_src.path.clone(),
                offset: flow.span().start,
                source: topics_src.clone(),
            });
        }
        message_refs.push(MessageRef {
            flow: crate::engine::runner::topic_title_id(&name),
            file: topics_src.path.clone(),
            offset,
            source: topics_src.clone(),
        });
        topics.push(TopicRule {
            name,
            flow: raw.flow.map(Spanned::into_inner),
            strong: compile(&raw.strong, &lexicon, &topics_src, diagnostics),
            words: compile(&raw.words, &lexicon, &topics_src, diagnostics),
            unless: compile(&raw.unless, &lexicon, &topics_src, diagnostics),
            only: raw
                .only
                .iter()
                .flat_map(|w| lexicon.normalise(w).words)
                .collect(),
            yields: raw.yields,
        });
    }

    let mut crisis = Vec::new();
    for raw in raw_crisis.rule {
        let offset = raw.span().start;
        let raw = raw.into_inner();
        if raw.any.is_empty() && raw.all.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &crisis_src.path,
                    crisis_src.line_col(offset),
                    format!("crisis rule `{}` can never fire", raw.name.get_ref()),
                )
                .hint("give it `any = [...]` patterns, or `all = [[...], [...]]` groups"),
            );
        }
        if raw.say.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &crisis_src.path,
                    crisis_src.line_col(offset),
                    format!("crisis rule `{}` says nothing", raw.name.get_ref()),
                )
                .hint("add say = [\"crisis-...\"], the message with the emergency numbers"),
            );
        }
        for id in &raw.say {
            message_refs.push(MessageRef {
                flow: id.get_ref().clone(),
                file: crisis_src.path.clone(),
                offset: id.span().start,
                source: crisis_src.clone(),
            });
        }
        crisis.push(CrisisRule {
            name: raw.name.into_inner(),
            topic: raw.topic.into_inner(),
            level: raw.level,
            any: compile(&raw.any, &lexicon, &crisis_src, diagnostics),
            all: raw
                .all
                .iter()
                .map(|group| compile(group, &lexicon, &crisis_src, diagnostics))
                .collect(),
            unless: compile(&raw.unless, &lexicon, &crisis_src, diagnostics),
            say: raw.say.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    Some(Understanding {
        lexicon,
        topics,
        crisis,
        threshold: raw_topics.threshold,
        ambiguity: raw_topics.ambiguity,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommands {
    notice_version: String,
    expire_after_minutes: i64,
    crisis_correction_minutes: i64,
    flows: RawSpecialFlows,
    commands: IndexMap<String, Spanned<Vec<String>>>,
    filler: Vec<String>,
    skip: Vec<String>,
    #[serde(default)]
    trigger: Vec<Spanned<RawTrigger>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpecialFlows {
    onboarding: Spanned<String>,
    menu: Spanned<String>,
    help: Spanned<String>,
    counsellor: Spanned<String>,
    feedback: Spanned<String>,
    off_topic: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    words: Option<Vec<Spanned<String>>>,
    regex: Option<Spanned<String>>,
    flow: Spanned<String>,
    capture: Option<String>,
}

/// Reads `commands.toml`.
pub fn load_routing(
    path: &Path,
    lexicon: &Lexicon,
    diagnostics: &mut Vec<Diagnostic>,
    flow_refs: &mut Vec<FlowRef>,
) -> Option<Routing> {
    let source = Source::read(path, diagnostics)?;
    let raw: RawCommands = toml::from_str(&source.text)
        .map_err(|e| diagnostics.push(toml_error(&source, &e)))
        .ok()?;
    let mut refer = |flow: &Spanned<String>| {
        flow_refs.push(FlowRef {
            flow: flow.get_ref().clone(),
            file: source.path.clone(),
            offset: flow.span().start,
            source: source.clone(),
        });
        flow.get_ref().clone()
    };
    let flows = SpecialFlows {
        onboarding: refer(&raw.flows.onboarding),
        menu: refer(&raw.flows.menu),
        help: refer(&raw.flows.help),
        counsellor: refer(&raw.flows.counsellor),
        feedback: refer(&raw.flows.feedback),
        off_topic: refer(&raw.flows.off_topic),
    };
    let normal = |w: &str| lexicon.normalise(w).text();
    let mut commands = Vec::new();
    for (name, words) in &raw.commands {
        match Command::ALL.iter().find(|(n, _)| n == name) {
            Some((_, command)) => commands.push((
                *command,
                words
                    .get_ref()
                    .iter()
                    .map(|w| normal(w))
                    .collect::<Vec<String>>(),
            )),
            None => {
                let names: Vec<&str> = Command::ALL.iter().map(|(n, _)| *n).collect();
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        source.line_col(words.span().start),
                        format!("there is no command `{name}`"),
                    )
                    .hint(format!("the commands are: {}", names.join(", "))),
                );
            }
        }
    }
    for (name, command) in Command::ALL {
        if !commands
            .iter()
            .any(|(c, words)| *c == command && !words.is_empty())
        {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    (0, 0),
                    format!("command `{name}` has no words"),
                )
                .hint(format!(
                    "add {name} = [\"...\"] under [commands]: it must always work"
                )),
            );
        }
    }
    let mut triggers = Vec::new();
    for raw_trigger in &raw.trigger {
        let offset = raw_trigger.span().start;
        let t = raw_trigger.get_ref();
        let flow = refer(&t.flow);
        let matcher = match (&t.words, &t.regex) {
            (Some(words), None) => {
                TriggerMatch::Words(compile(words, lexicon, &source, diagnostics))
            }
            (None, Some(regex)) => match Regex::new(regex.get_ref()) {
                Ok(re) => TriggerMatch::Regex(re),
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::error(
                            &source.path,
                            source.line_col(regex.span().start),
                            format!(
                                "the regex is not valid: {}",
                                e.to_string().lines().last().unwrap_or_default()
                            ),
                        )
                        .hint("write regexes in single quotes: regex = '^GENRE-([A-Z0-9]{6})$'"),
                    );
                    continue;
                }
            },
            _ => {
                diagnostics.push(
                    Diagnostic::error(&source.path, source.line_col(offset), "a trigger needs either `words` or `regex`, not both")
                        .hint("words = [\"kuis\"] matches typed words; regex = '...' matches the whole message"),
                );
                continue;
            }
        };
        triggers.push(Trigger {
            matcher,
            flow,
            capture: t.capture.clone(),
        });
    }
    Some(Routing {
        flows,
        expire_after_ms: raw.expire_after_minutes.max(1) * 60_000,
        crisis_correction_ms: raw.crisis_correction_minutes.max(1) * 60_000,
        notice_version: raw.notice_version,
        commands,
        filler: raw.filler.iter().map(|w| normal(w)).collect(),
        skip_words: raw.skip.iter().map(|w| normal(w)).collect(),
        triggers,
    })
}
