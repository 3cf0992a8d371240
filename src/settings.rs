//! What the deployment tells the bot: the agency's name, office hours, the number invites point
//! to. The same settings feed the server, `genre chat` and `genre test`, so a simulated
//! conversation reads exactly like a real one.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

/// Settings that texts and flows depend on.
#[derive(Debug, Clone)]
pub struct BotSettings {
    /// Who runs the service, shown in the greeting and the privacy notice.
    pub org_name: String,
    /// When counsellors answer.
    pub office: OfficeHours,
    /// The office hours as teens read them, when the operator wrote them out; otherwise they
    /// are described in the teen's language from `office`.
    pub office_text: Option<String>,
    /// The WhatsApp number invite links open (digits with country code), if known.
    pub invite_number: Option<String>,
    /// After how many days message texts are deleted (said in the privacy notice).
    pub retention_days: u32,
}

impl Default for BotSettings {
    fn default() -> Self {
        BotSettings {
            org_name: "DP3AP2KB Kabupaten Pasuruan".into(),
            office: OfficeHours::parse("mon-fri 08:00-15:00", "Asia/Jakarta")
                .expect("the default office hours parse"),
            office_text: None,
            invite_number: None,
            retention_days: 90,
        }
    }
}

/// Facts about one contact that texts may show.
#[derive(Debug, Clone, Default)]
pub struct ContactFacts {
    /// The contact's invite code (`ABC123`), if one was given out.
    pub invite_code: Option<String>,
    /// How many friends joined with the contact's code.
    pub invites_joined: u64,
}

impl BotSettings {
    /// The variables every text may use, for a reader of `lang`.
    pub fn vars(&self, facts: &ContactFacts, lang: &str) -> BTreeMap<String, String> {
        let mut vars = BTreeMap::new();
        vars.insert("org_name".into(), self.org_name.clone());
        let office = self
            .office_text
            .clone()
            .unwrap_or_else(|| self.office.describe(lang));
        vars.insert("office_hours".into(), office);
        vars.insert("retention_days".into(), self.retention_days.to_string());
        vars.insert("invite_count".into(), facts.invites_joined.to_string());
        let link = match (&self.invite_number, &facts.invite_code) {
            (Some(number), Some(code)) => format!("https://wa.me/{number}?text=GENRE-{code}"),
            (None, Some(code)) => format!("GENRE-{code}"),
            _ => String::new(),
        };
        vars.insert("invite_link".into(), link);
        vars
    }
}

/// Office hours: which weekdays, from when to when, in which time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeHours {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub tz: Tz,
}

impl OfficeHours {
    /// Parses `mon-fri 08:00-15:00` (or `mon,wed,fri 09:00-12:00`) in a time zone such as
    /// `Asia/Jakarta`.
    pub fn parse(spec: &str, tz: &str) -> Result<OfficeHours, String> {
        let tz: Tz = tz
            .parse()
            .map_err(|_| format!("unknown time zone `{tz}` (use a name such as Asia/Jakarta)"))?;
        let (days, hours) = spec.trim().split_once(' ').ok_or_else(|| {
            format!("office hours `{spec}` should look like `mon-fri 08:00-15:00`")
        })?;
        let day = |d: &str| -> Result<Weekday, String> {
            d.trim()
                .parse::<Weekday>()
                .map_err(|_| format!("`{d}` is not a weekday (mon, tue, ...)"))
        };
        let mut list = Vec::new();
        for part in days.split(',') {
            match part.split_once('-') {
                Some((a, b)) => {
                    let (mut d, end) = (day(a)?, day(b)?);
                    list.push(d);
                    while d != end {
                        d = d.succ();
                        list.push(d);
                    }
                }
                None => list.push(day(part)?),
            }
        }
        let (start, end) = hours
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("`{hours}` should look like 08:00-15:00"))?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| format!("`{t}` is not a time like 08:00"))
        };
        Ok(OfficeHours {
            days: list,
            start: time(start)?,
            end: time(end)?,
            tz,
        })
    }

    /// The hours in words: `Senin–Jumat, 08.00–15.00 WIB` (id), `Monday–Friday, 08:00–15:00
    /// WIB` (en), `Senin–Jumat, jam 08.00–15.00 WIB` (jv).
    pub fn describe(&self, lang: &str) -> String {
        const ID: [&str; 7] = [
            "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
        ];
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let names = if lang == "en" { EN } else { ID };
        let name = |d: &Weekday| names[d.num_days_from_monday() as usize];
        let contiguous = self
            .days
            .windows(2)
            .all(|w| w[1].num_days_from_monday() == w[0].num_days_from_monday() + 1);
        let days = match (self.days.first(), self.days.last()) {
            (Some(first), Some(last)) if contiguous && self.days.len() > 2 => {
                format!("{}–{}", name(first), name(last))
            }
            _ => self.days.iter().map(name).collect::<Vec<_>>().join(", "),
        };
        let zone = match self.tz.name() {
            "Asia/Jakarta" | "Asia/Pontianak" => "WIB".to_string(),
            "Asia/Makassar" => "WITA".to_string(),
            "Asia/Jayapura" => "WIT".to_string(),
            other => other.to_string(),
        };
        let (sep, jam) = match lang {
            "en" => (":", ""),
            "jv" => (".", "jam "),
            _ => (".", ""),
        };
        let time = |t: NaiveTime| t.format(&format!("%H{sep}%M")).to_string();
        format!(
            "{days}, {jam}{}–{} {zone}",
            time(self.start),
            time(self.end)
        )
    }

    /// Whether `now` falls within office hours.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&self.tz);
        let time = local.time();
        self.days.contains(&local.weekday()) && time >= self.start && time < self.end
    }

    /// The next moment office hours begin, at or after `now`.
    pub fn next_open(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if self.is_open(now) || self.days.is_empty() {
            return now;
        }
        let local = now.with_timezone(&self.tz);
        for days_ahead in 0..8 {
            let date = local.date_naive() + chrono::Days::new(days_ahead);
            if !self.days.contains(&date.weekday()) {
                continue;
            }
            if let Some(open) = date
                .and_time(self.start)
                .and_local_timezone(self.tz)
                .earliest()
            {
                let open = open.with_timezone(&Utc);
                if open > now {
                    return open;
                }
            }
        }
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn office_hours_follow_jakarta_time() {
        let office = OfficeHours::parse("mon-fri 08:00-15:00", "Asia/Jakarta").unwrap();
        // Monday 2026-11-23 02:00 UTC is 09:00 in Jakarta.
        assert!(office.is_open(Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap()));
        // 09:00 UTC is 16:00 in Jakarta: closed.
        assert!(!office.is_open(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()));
        // Saturday: closed; next opening is Monday 08:00 WIB = 01:00 UTC.
        let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 3, 0, 0).unwrap();
        assert!(!office.is_open(saturday));
        assert_eq!(
            office.next_open(saturday),
            Utc.with_ymd_and_hms(2026, 11, 30, 1, 0, 0).unwrap()
        );
    }

    #[test]
    fn office_hours_are_described_in_the_readers_language() {
        let office = OfficeHours::parse("mon-fri 08:00-15:00", "Asia/Jakarta").unwrap();
        assert_eq!(office.describe("id"), "Senin–Jumat, 08.00–15.00 WIB");
        assert_eq!(office.describe("en"), "Monday–Friday, 08:00–15:00 WIB");
        assert_eq!(office.describe("jv"), "Senin–Jumat, jam 08.00–15.00 WIB");
        let odd = OfficeHours::parse("mon,wed 09:00-12:00", "Asia/Makassar").unwrap();
        assert_eq!(odd.describe("id"), "Senin, Rabu, 09.00–12.00 WITA");
    }

    #[test]
    fn bad_office_hours_are_explained() {
        assert!(OfficeHours::parse("monday 8-15", "Asia/Jakarta").is_err());
        assert!(OfficeHours::parse("mon-fri 08:00-15:00", "Mars/Olympus").is_err());
        assert_eq!(
            OfficeHours::parse("mon,wed 09:00-12:00", "Asia/Jakarta")
                .unwrap()
                .days,
            [Weekday::Mon, Weekday::Wed]
        );
    }

    #[test]
    fn invite_links_use_the_number_and_code() {
        let settings = BotSettings {
            invite_number: Some("6281100000000".into()),
            ..Default::default()
        };
        let facts = ContactFacts {
            invite_code: Some("ABC123".into()),
            invites_joined: 2,
        };
        let vars = settings.vars(&facts, "id");
        assert_eq!(
            vars["invite_link"],
            "https://wa.me/6281100000000?text=GENRE-ABC123"
        );
        assert_eq!(vars["invite_count"], "2");
    }
}
