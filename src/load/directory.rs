//! Reading `flows/data/services.toml` into the [`Directory`].

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Source, toml_error};
use crate::diagnostic::Diagnostic;
use crate::directory::{ContactDetail, Directory, Kecamatan, Service};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirectory {
    #[serde(default)]
    national: Vec<Spanned<RawService>>,
    #[serde(default)]
    regency: Vec<Spanned<RawService>>,
    #[serde(default)]
    kecamatan: Vec<RawKecamatan>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKecamatan {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    service: Vec<Spanned<RawService>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    kind: String,
    name: String,
    source: String,
    checked: String,
    phone: Option<RawDetail>,
    whatsapp: Option<RawDetail>,
    address: Option<RawDetail>,
    website: Option<RawDetail>,
    hours: Option<RawDetail>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDetail {
    value: String,
    verified: bool,
    /// The value in English and Javanese, when it is words rather than a number.
    en: Option<String>,
    jv: Option<String>,
}

/// The kinds a service may have; each has a `services-kind-<kind>` text.
pub const SERVICE_KINDS: [&str; 7] = [
    "puskesmas",
    "kua",
    "pik-r",
    "court",
    "hotline",
    "office",
    "police",
];

/// Reads the directory. Unverified contact details are listed as notes.
pub fn load_directory(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Directory> {
    let source = Source::read(path, diagnostics)?;
    let raw: RawDirectory = toml::from_str(&source.text)
        .map_err(|e| diagnostics.push(toml_error(&source, &e)))
        .ok()?;
    let service = |raw: Spanned<RawService>, diagnostics: &mut Vec<Diagnostic>| {
        let at = source.line_col(raw.span().start);
        let r = raw.into_inner();
        if !SERVICE_KINDS.contains(&r.kind.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    at,
                    format!("service `{}` has an unknown kind `{}`", r.id, r.kind),
                )
                .hint(format!("use one of: {}", SERVICE_KINDS.join(", "))),
            );
        }
        if chrono::NaiveDate::parse_from_str(&r.checked, "%Y-%m-%d").is_err() {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    at,
                    format!(
                        "service `{}`: checked = \"{}\" is not a date",
                        r.id, r.checked
                    ),
                )
                .hint("write the date it was checked as YYYY-MM-DD"),
            );
        }
        if r.source.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    at,
                    format!("service `{}` has no source", r.id),
                )
                .hint(
                    "say where the information comes from (a URL, or the office that confirmed it)",
                ),
            );
        }
        let mut contacts = Vec::new();
        for (kind, detail) in [
            ("phone", r.phone),
            ("whatsapp", r.whatsapp),
            ("address", r.address),
            ("website", r.website),
            ("hours", r.hours),
        ] {
            let Some(detail) = detail else { continue };
            if !detail.verified {
                diagnostics.push(
                    Diagnostic::note(
                        &source.path,
                        at,
                        format!(
                            "{} of `{}` is not verified and is not shown to teens",
                            kind, r.id
                        ),
                    )
                    .hint(
                        "confirm it with the service, then set verified = true and update checked",
                    ),
                );
            }
            let translations = [("en", detail.en), ("jv", detail.jv)]
                .into_iter()
                .filter_map(|(lang, v)| v.map(|v| (lang.to_string(), v)))
                .collect();
            contacts.push(ContactDetail {
                kind: kind.to_string(),
                value: detail.value,
                verified: detail.verified,
                translations,
            });
        }
        Service {
            id: r.id,
            kind: r.kind,
            name: r.name,
            contacts,
            source: r.source,
            checked: r.checked,
        }
    };
    let national = raw
        .national
        .into_iter()
        .map(|s| service(s, diagnostics))
        .collect();
    let regency = raw
        .regency
        .into_iter()
        .map(|s| service(s, diagnostics))
        .collect();
    let kecamatan = raw
        .kecamatan
        .into_iter()
        .map(|k| Kecamatan {
            id: k.id,
            name: k.name,
            aliases: k.aliases,
            services: k
                .service
                .into_iter()
                .map(|s| service(s, diagnostics))
                .collect(),
        })
        .collect();
    Some(Directory {
        kecamatan,
        regency,
        national,
    })
}
