//! Console sign-in: argon2 passwords, sessions in HttpOnly/SameSite=Strict cookies (Secure
//! behind TLS), a CSRF token on every form, lockout after repeated failures, and a limit per
//! client address.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use argon2::password_hash::phc::PasswordHash;
use argon2::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, RequestPartsExt};
use base64::Engine;
use maud::html;
use serde::Deserialize;
use sha2::Digest;

use super::{Texts, page};
use crate::app::AppState;
use crate::store::counsellors::Counsellor;

const SESSION_COOKIE: &str = "genre_session";
const LOGIN_CSRF_COOKIE: &str = "genre_login";
/// Failures in a row before an account is locked, and for how long.
pub const MAX_FAILURES: i64 = 5;
pub const LOCK_MS: i64 = 15 * 60_000;
/// Login attempts per client address per window.
const ATTEMPTS_PER_WINDOW: usize = 20;
const WINDOW_MS: i64 = 10 * 60_000;

/// Hashes a password with argon2id (a random salt, the crate's default cost).
pub fn hash_password(password: &str) -> String {
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// Checks a password against a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A random token, URL-safe.
pub fn random_token() -> String {
    use rand::Rng;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn token_hash(token: &str) -> String {
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn set_cookie(app: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = app
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    let value = format!(
        "{name}={value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

/// The signed-in counsellor, for every console page.
pub struct Viewer {
    pub me: Counsellor,
    pub csrf: String,
    pub lang: String,
}

/// Not signed in: pages redirect to the login form.
pub struct SignIn;

impl IntoResponse for SignIn {
    fn into_response(self) -> Response {
        Redirect::to("/console/login").into_response()
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = SignIn;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(SignIn);
        };
        let now = app.clock.now_ms();
        match app.db.session(&token_hash(&token), now).await {
            Ok(Some((me, csrf))) => {
                let lang = me.lang.clone();
                Ok(Viewer { me, csrf, lang })
            }
            _ => Err(SignIn),
        }
    }
}

impl Viewer {
    /// Checks a form's CSRF token.
    pub fn check(&self, token: &str) -> Result<(), BadToken> {
        if crate::channels::secret_eq(token, &self.csrf) {
            Ok(())
        } else {
            Err(BadToken)
        }
    }
}

/// A form without the right CSRF token: refused with 403.
#[derive(Debug)]
pub struct BadToken;

impl IntoResponse for BadToken {
    fn into_response(self) -> Response {
        (
            StatusCode::FORBIDDEN,
            "invalid form token: reload the page and try again\n",
        )
            .into_response()
    }
}

/// Login attempts per client address (in memory, per instance).
#[derive(Default)]
pub struct LoginLimiter {
    attempts: Mutex<HashMap<IpAddr, VecDeque<i64>>>,
}

impl LoginLimiter {
    /// Records an attempt; false when the address tried too often recently.
    pub fn allow(&self, ip: IpAddr, now: i64) -> bool {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        let list = attempts.entry(ip).or_default();
        while list.front().is_some_and(|t| *t < now - WINDOW_MS) {
            list.pop_front();
        }
        if list.len() >= ATTEMPTS_PER_WINDOW {
            return false;
        }
        list.push_back(now);
        true
    }
}

/// `GET /console/login`
pub async fn login_page(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let lang = super::lang_from(&headers);
    login_form(&app, &lang, None)
}

fn login_form(app: &AppState, lang: &str, error: Option<String>) -> Response {
    let t = Texts::new(app, lang);
    let csrf = random_token();
    let body = html! {
        main.login {
            h1 { (t.t("console-title")) }
            @if let Some(error) = &error { p.error role="alert" { (error) } }
            form method="post" action="/console/login" {
                input type="hidden" name="csrf" value=(csrf);
                label { (t.t("console-login-name")) input name="login" autocomplete="username" required; }
                label { (t.t("console-password")) input name="password" type="password" autocomplete="current-password" required; }
                button type="submit" { (t.t("console-sign-in")) }
            }
        }
    };
    let mut response =
        Html(page(&t, &t.t("console-title"), None, 0, body).into_string()).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(app, LOGIN_CSRF_COOKIE, &csrf, 3600),
    );
    if error.is_some() {
        *response.status_mut() = StatusCode::UNAUTHORIZED;
    }
    response
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    csrf: String,
}

/// `POST /console/login`
pub async fn login(
    State(app): State<AppState>,
    headers: HeaderMap,
    parts: axum::extract::Request,
) -> Response {
    let (mut head, body) = parts.into_parts();
    let peer = head
        .extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let ip = if app.config.behind_proxy {
        forwarded_for(&headers).unwrap_or(peer)
    } else {
        peer
    };
    let Ok(Form(form)) =
        Form::<LoginForm>::from_request(axum::extract::Request::from_parts(head, body), &app).await
    else {
        return (
            StatusCode::BAD_REQUEST,
            "expected login, password and csrf\n",
        )
            .into_response();
    };
    let lang = super::lang_from(&headers);
    let t = Texts::new(&app, &lang);
    let now = app.clock.now_ms();
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !crate::channels::secret_eq(&form.csrf, &expected) {
        return (
            StatusCode::FORBIDDEN,
            "invalid form token: reload the login page\n",
        )
            .into_response();
    }
    if !app.login_limiter.allow(ip, now) {
        return login_form(&app, &lang, Some(t.t("console-login-slow-down")));
    }
    let found = app.db.counsellor_for_login(form.login.trim()).await;
    let Ok(row) = found else {
        // Spend the same time as a real check, so that timing does not tell who exists.
        verify_password(
            &form.password,
            DUMMY_HASH.get_or_init(|| hash_password("dummy")),
        );
        let _ = app
            .db
            .audit(
                now,
                None,
                "login.failed",
                form.login.trim(),
                "unknown login",
            )
            .await;
        return login_form(&app, &lang, Some(t.t("console-login-wrong")));
    };
    if row.counsellor.disabled {
        return login_form(&app, &lang, Some(t.t("console-login-wrong")));
    }
    if row.locked_until.is_some_and(|until| until > now) {
        let _ = app
            .db
            .audit(
                now,
                Some(row.counsellor.id),
                "login.locked",
                &row.counsellor.login,
                "",
            )
            .await;
        return login_form(&app, &lang, Some(t.t("console-login-locked")));
    }
    if !verify_password(&form.password, &row.password_hash) {
        let locked = app
            .db
            .login_failed(row.counsellor.id, now, MAX_FAILURES, LOCK_MS)
            .await
            .unwrap_or(false);
        let _ = app
            .db
            .audit(
                now,
                Some(row.counsellor.id),
                "login.failed",
                &row.counsellor.login,
                "wrong password",
            )
            .await;
        let message = if locked {
            "console-login-locked"
        } else {
            "console-login-wrong"
        };
        return login_form(&app, &lang, Some(t.t(message)));
    }
    let _ = app.db.login_succeeded(row.counsellor.id).await;
    let token = random_token();
    let csrf = random_token();
    let hours = i64::from(app.config.session_hours.max(1));
    if app
        .db
        .create_session(
            &token_hash(&token),
            row.counsellor.id,
            &csrf,
            now,
            now + hours * 3_600_000,
        )
        .await
        .is_err()
    {
        return (StatusCode::INTERNAL_SERVER_ERROR, "could not sign in\n").into_response();
    }
    let _ = app
        .db
        .audit(
            now,
            Some(row.counsellor.id),
            "login",
            &row.counsellor.login,
            "",
        )
        .await;
    let mut response = Redirect::to("/console").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&app, SESSION_COOKIE, &token, hours * 3600),
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&app, LOGIN_CSRF_COOKIE, "", 0),
    );
    response
}

/// The address the proxy saw: the last `X-Forwarded-For` entry (earlier ones are whatever
/// the client claimed).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let all: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    all.last()?.trim().parse().ok()
}

static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /console/logout`
pub async fn logout(
    State(app): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(refused) = viewer.check(&form.csrf) {
        return refused.into_response();
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let _ = app.db.delete_session(&token_hash(&token)).await;
    }
    let _ = app
        .db
        .audit(
            app.clock.now_ms(),
            Some(viewer.me.id),
            "logout",
            &viewer.me.login,
            "",
        )
        .await;
    let mut response = Redirect::to("/console/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(&app, SESSION_COOKIE, "", 0));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_a_salt_and_verify() {
        let a = hash_password("rahasia-kuat");
        let b = hash_password("rahasia-kuat");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-kuat", &a));
        assert!(!verify_password("rahasia-lemah", &a));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn the_limiter_allows_a_window_of_attempts_per_address() {
        let limiter = LoginLimiter::default();
        let ip = IpAddr::from([10, 0, 0, 1]);
        for _ in 0..ATTEMPTS_PER_WINDOW {
            assert!(limiter.allow(ip, 0));
        }
        assert!(!limiter.allow(ip, 1));
        assert!(
            limiter.allow(IpAddr::from([10, 0, 0, 2]), 1),
            "another address is not affected"
        );
        assert!(limiter.allow(ip, WINDOW_MS + 1), "the window moves on");
    }

    #[test]
    fn behind_a_proxy_the_last_forwarded_address_counts() {
        let mut h = HeaderMap::new();
        h.append(
            "x-forwarded-for",
            HeaderValue::from_static("1.2.3.4, 10.0.0.9"),
        );
        h.append("x-forwarded-for", HeaderValue::from_static("192.0.2.7"));
        assert_eq!(forwarded_for(&h), Some(IpAddr::from([192, 0, 2, 7])));
        assert_eq!(forwarded_for(&HeaderMap::new()), None);
    }

    #[test]
    fn cookies_are_read_from_any_cookie_header() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; genre_session=abc"),
        );
        assert_eq!(cookie(&h, "genre_session").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
    }
}
