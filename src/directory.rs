//! The services directory (`flows/data/services.toml`): where a teen can get help, by
//! kecamatan, for the regency and nationally.
//!
//! Every entry names its source and the date somebody checked it. A contact detail (phone,
//! WhatsApp, address) that nobody has verified is never shown to a teen; the service and its
//! place still are, so a teen learns that "Puskesmas Bangil" exists without being given a number
//! that may be wrong. `genre check` lists what is still unverified.

use crate::nlu::text::{basic_words, typo_allowance_among_few, typo_distance};

/// The whole directory.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub kecamatan: Vec<Kecamatan>,
    /// Services for the whole regency (DP3AP2KB / UPTD PPA, the religious court...).
    pub regency: Vec<Service>,
    /// National hotlines (112, SAPA 129...).
    pub national: Vec<Service>,
}

/// One of the kecamatan of the regency.
#[derive(Debug, Clone)]
pub struct Kecamatan {
    /// Lower-case id saved in the contact's `kecamatan` field (`bangil`).
    pub id: String,
    /// The name as written (`Bangil`).
    pub name: String,
    /// Other spellings teens use.
    pub aliases: Vec<String>,
    pub services: Vec<Service>,
}

/// One service.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: String,
    /// `puskesmas`, `kua`, `pik-r`, `court`, `hotline`, `office`: picks the line that says what
    /// the service is for (`services-kind-<kind>` in the locales).
    pub kind: String,
    pub name: String,
    pub contacts: Vec<ContactDetail>,
    /// Where the information comes from.
    pub source: String,
    /// When somebody last checked it (YYYY-MM-DD).
    pub checked: String,
}

/// A way to reach a service.
#[derive(Debug, Clone)]
pub struct ContactDetail {
    /// `phone`, `whatsapp`, `address`, `website` or `hours`.
    pub kind: String,
    pub value: String,
    /// Only verified details reach teenagers.
    pub verified: bool,
    /// The value in other languages (`24 hours, free`), by language code.
    pub translations: std::collections::BTreeMap<String, String>,
}

impl ContactDetail {
    /// The value as a reader of `lang` should see it.
    pub fn value_in(&self, lang: &str) -> &str {
        self.translations
            .get(lang)
            .map_or(&self.value, String::as_str)
    }
}

impl Service {
    /// The details a teen may see.
    pub fn shown_contacts(&self) -> impl Iterator<Item = &ContactDetail> {
        self.contacts.iter().filter(|c| c.verified)
    }
}

impl Directory {
    /// Finds a kecamatan from what a teen typed, forgiving typos (`bangel`, `Kec. Pandaan`).
    pub fn find_kecamatan(&self, typed: &str) -> Option<&Kecamatan> {
        let words = basic_words(typed);
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| {
                !matches!(
                    *w,
                    "kec" | "kecamatan" | "di" | "desa" | "daerah" | "aku" | "dari"
                )
            })
            .collect();
        let typed = words.join(" ");
        if typed.is_empty() {
            return None;
        }
        let mut best: Option<(&Kecamatan, usize)> = None;
        for k in &self.kecamatan {
            for spelling in std::iter::once(&k.name).chain(&k.aliases) {
                let spelling = basic_words(spelling).join(" ");
                let distance = typo_distance(&spelling, &typed);
                let allowed = typo_allowance_among_few(spelling.chars().count());
                if distance <= allowed && best.is_none_or(|(_, d)| distance < d) {
                    best = Some((k, distance));
                }
            }
        }
        best.map(|(k, _)| k)
    }

    pub fn kecamatan_by_id(&self, id: &str) -> Option<&Kecamatan> {
        self.kecamatan.iter().find(|k| k.id == id)
    }

    /// Every service, with the kecamatan it belongs to (if any).
    pub fn all_services(&self) -> impl Iterator<Item = (Option<&Kecamatan>, &Service)> {
        self.kecamatan
            .iter()
            .flat_map(|k| k.services.iter().map(move |s| (Some(k), s)))
            .chain(self.regency.iter().map(|s| (None, s)))
            .chain(self.national.iter().map(|s| (None, s)))
    }

    /// Every verified phone or WhatsApp number, reduced to its digits (`0811-1129-129` →
    /// `08111129129`). Texts may only mention numbers from this list.
    pub fn verified_numbers(&self) -> Vec<String> {
        self.all_services()
            .flat_map(|(_, s)| s.shown_contacts())
            .filter(|c| c.kind == "phone" || c.kind == "whatsapp")
            .map(|c| digits(&c.value))
            .collect()
    }
}

/// The digits of a phone number, with +62 written as 0.
pub fn digits(number: &str) -> String {
    let d: String = number.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix("62") {
        Some(rest) if number.trim_start().starts_with('+') => format!("0{rest}"),
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        let k = |id: &str, name: &str| Kecamatan {
            id: id.into(),
            name: name.into(),
            aliases: vec![],
            services: vec![],
        };
        Directory {
            kecamatan: vec![
                k("bangil", "Bangil"),
                k("pandaan", "Pandaan"),
                k("beji", "Beji"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn kecamatan_are_found_despite_typos_and_prefixes() {
        let d = directory();
        assert_eq!(d.find_kecamatan("Bangil").unwrap().id, "bangil");
        assert_eq!(d.find_kecamatan("kec. bangel").unwrap().id, "bangil");
        assert_eq!(d.find_kecamatan("aku dari pandan").unwrap().id, "pandaan");
        assert_eq!(d.find_kecamatan("beji").unwrap().id, "beji");
        assert!(d.find_kecamatan("surabaya").is_none());
        assert!(
            d.find_kecamatan("beja").is_none(),
            "short names need an exact match"
        );
    }

    #[test]
    fn numbers_reduce_to_digits() {
        assert_eq!(digits("0811-1129-129"), "08111129129");
        assert_eq!(digits("+62 811-1129-129"), "08111129129");
        assert_eq!(digits("129"), "129");
    }
}
