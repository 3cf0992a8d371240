//! Adding counsellors: the rules shared by `genre counsellor add` and the admin page, so a
//! typo in a topic or a kecamatan is refused instead of silently routing nothing.

use crate::engine::Bundle;
use crate::store::counsellors::{NewCounsellor, Role};

use super::auth::hash_password;

/// Shortest password accepted (NIST SP 800-63B asks for at least 8; counsellors see
/// teenagers' secrets, so a little more).
pub const MIN_PASSWORD: usize = 10;

/// A counsellor as typed by an admin, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub name: String,
    pub login: String,
    pub password: String,
    pub role: Option<Role>,
    pub topics: Vec<String>,
    pub kecamatan: Vec<String>,
    pub capacity: i64,
    pub phone: Option<String>,
}

/// Splits a comma-separated list, dropping blanks.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Refuses a password that is too short.
pub fn check_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(format!(
            "the password needs at least {MIN_PASSWORD} characters"
        ));
    }
    Ok(())
}

impl Draft {
    /// Checks every field against the bundle and hashes the password.
    pub fn check(self, bundle: &Bundle) -> Result<NewCounsellor, String> {
        let login = self.login.trim().to_lowercase();
        if login.is_empty()
            || !login
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return Err("the login must be letters, digits, dots, dashes or underscores".into());
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err("a name is needed".into());
        }
        check_password(&self.password)?;
        let known = bundle.case_topics();
        if let Some(t) = self.topics.iter().find(|t| !known.contains(t.as_str())) {
            let list: Vec<&str> = known.into_iter().collect();
            return Err(format!(
                "unknown topic `{t}`; topics are: {}",
                list.join(", ")
            ));
        }
        if let Some(k) = self
            .kecamatan
            .iter()
            .find(|k| bundle.directory.kecamatan_by_id(k).is_none())
        {
            let list: Vec<&str> = bundle
                .directory
                .kecamatan
                .iter()
                .map(|k| k.id.as_str())
                .collect();
            return Err(format!(
                "unknown kecamatan `{k}`; kecamatan are: {}",
                list.join(", ")
            ));
        }
        if !(1..=50).contains(&self.capacity) {
            return Err("capacity is the number of open cases at once, from 1 to 50".into());
        }
        let phone = self
            .phone
            .map(|p| p.trim().trim_start_matches('+').to_string())
            .filter(|p| !p.is_empty());
        if let Some(p) = &phone {
            if !(p.len() >= 9 && p.len() <= 15 && p.chars().all(|c| c.is_ascii_digit())) {
                return Err("the phone is digits in international form, like 6281234567890".into());
            }
        }
        Ok(NewCounsellor {
            name,
            login,
            password_hash: hash_password(&self.password),
            role: self.role.unwrap_or(Role::Counsellor),
            topics: self.topics,
            kecamatan: self.kecamatan,
            capacity: self.capacity,
            phone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::load::load(&root.join("flows"), &root.join("locales"))
            .bundle
            .expect("bundled flows load")
    }

    fn draft() -> Draft {
        Draft {
            name: "Siti".into(),
            login: "Siti".into(),
            password: "panjang sekali".into(),
            role: None,
            topics: vec!["violence/crisis".into()],
            kecamatan: vec!["bangil".into()],
            capacity: 3,
            phone: Some("+62 811".into()),
        }
    }

    #[test]
    fn typos_are_refused_with_the_list_of_what_exists() {
        let b = bundle();
        let err = Draft {
            topics: vec!["violence".into()],
            ..draft()
        }
        .check(&b)
        .unwrap_err();
        assert!(
            err.contains("unknown topic `violence`") && err.contains("violence/crisis"),
            "{err}"
        );
        let err = Draft {
            kecamatan: vec!["bangel".into()],
            ..draft()
        }
        .check(&b)
        .unwrap_err();
        assert!(
            err.contains("unknown kecamatan `bangel`") && err.contains("bangil"),
            "{err}"
        );
        let err = Draft {
            password: "short".into(),
            ..draft()
        }
        .check(&b)
        .unwrap_err();
        assert!(err.contains("10 characters"), "{err}");
        let err = draft().check(&b).unwrap_err();
        assert!(err.contains("phone"), "{err}");
    }

    #[test]
    fn a_good_draft_becomes_a_counsellor_with_a_hashed_password() {
        let c = Draft {
            phone: Some("+6281234567890".into()),
            ..draft()
        }
        .check(&bundle())
        .unwrap();
        assert_eq!(c.login, "siti");
        assert_eq!(c.phone.as_deref(), Some("6281234567890"));
        assert_eq!(c.role, Role::Counsellor);
        assert!(
            c.password_hash.starts_with("$argon2id$"),
            "{}",
            c.password_hash
        );
    }
}
