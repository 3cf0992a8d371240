//! A counsellor's browser, without the browser: cookies, the login form's token, and the CSRF
//! token of the page last seen.

use std::net::SocketAddr;

use genre::console::team::Draft;
use genre::store::counsellors::Role;

/// A signed-in (or not yet) console user.
pub struct Console {
    pub server: SocketAddr,
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
    /// The CSRF token of the last page fetched.
    pub csrf: String,
}

/// What came back: status, body, and where a redirect points.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
}

/// The value of the first `name="csrf"` hidden field in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find(r#"name="csrf" value=""#)? + r#"name="csrf" value=""#.len();
    Some(html[at..].split('"').next()?.to_string())
}

impl Console {
    pub fn new(server: SocketAddr) -> Self {
        Console {
            server,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: vec![],
            csrf: String::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let raw = value.to_str().unwrap();
            let pair = raw.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            self.cookies.retain(|(name, _)| name != k);
            if !v.is_empty() {
                self.cookies.push((k.to_string(), v.to_string()));
            }
        }
    }

    async fn page(&mut self, response: reqwest::Response) -> Page {
        self.remember(&response);
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let body = response.text().await.unwrap();
        if let Some(token) = csrf_in(&body) {
            self.csrf = token;
        }
        Page {
            status,
            body,
            location,
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let response = self
            .http
            .get(format!("http://{}{path}", self.server))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.page(response).await
    }

    /// Opens a streaming response (server-sent events); read it with `chunk()`.
    pub async fn stream(&mut self, path: &str) -> reqwest::Response {
        let response = self
            .http
            .get(format!("http://{}{path}", self.server))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response
    }

    /// Posts a form as it is, without adding the CSRF token.
    pub async fn post_raw(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let response = self
            .http
            .post(format!("http://{}{path}", self.server))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.page(response).await
    }

    /// Posts a form with the current CSRF token.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let csrf = self.csrf.clone();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(form);
        self.post_raw(path, &all).await
    }

    /// Opens the login page and signs in; returns the answer to the sign-in.
    pub async fn login(&mut self, login: &str, password: &str) -> Page {
        self.get("/console/login").await;
        let page = self
            .post(
                "/console/login",
                &[("login", login), ("password", password)],
            )
            .await;
        if page.status == 303 {
            self.get("/console").await;
        }
        page
    }
}

/// A password every test counsellor shares.
pub const PASSWORD: &str = "kata sandi panjang";

/// Adds a counsellor straight to the database (available at once unless `away`).
pub async fn add_counsellor(
    app: &genre::app::AppState,
    login: &str,
    role: Role,
    topics: &[&str],
    kecamatan: &[&str],
    capacity: i64,
    away: bool,
) -> i64 {
    let draft = Draft {
        name: login.to_string(),
        login: login.to_string(),
        password: PASSWORD.to_string(),
        role: Some(role),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        kecamatan: kecamatan.iter().map(|s| s.to_string()).collect(),
        capacity,
        phone: None,
    };
    let new = draft.check(&app.bundle).expect("a valid counsellor");
    let id = app.db.add_counsellor(&new, 0).await.unwrap();
    app.db.set_available(id, !away).await.unwrap();
    id
}
