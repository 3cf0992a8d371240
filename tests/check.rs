//! `genre check` on deliberately broken copies of the fixture: each mistake is reported with
//! its file, its line and what to do.

use std::path::{Path, PathBuf};

use genre::diagnostic::{Diagnostic, Severity};

/// Copies the fixture, applies `edit`, loads it and returns every diagnostic.
fn check_after(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Vec<Diagnostic>) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture, dir.path());
    edit(dir.path());
    let loaded = genre::load::load(&dir.path().join("flows"), &dir.path().join("locales"));
    (dir, loaded.diagnostics)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut old = std::fs::read_to_string(&path).unwrap_or_default();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

/// The 1-based line of the first line containing `marker`.
fn line_of(root: &Path, file: &str, marker: &str) -> usize {
    std::fs::read_to_string(root.join(file))
        .unwrap()
        .lines()
        .position(|l| l.contains(marker))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{file} has no line with {marker:?}"))
}

/// Finds the diagnostic about `file` whose message contains `needle`.
fn find<'a>(diagnostics: &'a [Diagnostic], file: &str, needle: &str) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.file.ends_with(file) && d.message.contains(needle))
        .unwrap_or_else(|| {
            panic!("no diagnostic on {file} containing {needle:?} in {diagnostics:#?}")
        })
}

fn assert_at(d: &Diagnostic, severity: Severity, line: usize) {
    assert_eq!(d.severity, severity, "{d}");
    assert_eq!(d.line, line, "{d}");
    assert!(d.hint.is_some(), "every problem says what to do: {d}");
}

#[test]
fn the_fixture_itself_has_no_errors() {
    let (_dir, d) = check_after(|_| {});
    let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn toml_syntax_errors_give_line_and_column() {
    let (dir, d) = check_after(|r| replace(r, "flows/age.toml", "[nodes.check]", "[nodes.check"));
    let e = find(&d, "flows/age.toml", "expected `]`");
    assert_at(
        e,
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "[nodes.check"),
    );
    assert!(e.col > 1);
}

#[test]
fn unknown_kinds_fields_and_misplaced_fields_are_errors() {
    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/age.toml",
            "kind = \"branch\"",
            "kind = \"brnach\"",
        )
    });
    let e = find(&d, "flows/age.toml", "unknown node kind `brnach`");
    assert_at(
        e,
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "brnach"),
    );
    assert!(e.hint.as_ref().unwrap().contains("did you mean `branch`"));

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/age.toml",
            "say = \"age-young\"",
            "say = \"age-young\"\ncolour = \"red\"",
        )
    });
    assert_at(
        find(&d, "flows/age.toml", "unknown field `colour`"),
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "colour"),
    );

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/period.toml",
            "say = \"period-text\"",
            "say = \"period-text\"\ngoto = \"start\"",
        )
    });
    assert_at(
        find(
            &d,
            "flows/period.toml",
            "`goto` does nothing in a `end` node",
        ),
        Severity::Error,
        line_of(dir.path(), "flows/period.toml", "goto"),
    );
}

#[test]
fn gotos_to_missing_nodes_and_flows_are_errors_with_suggestions() {
    let (dir, d) =
        check_after(|r| replace(r, "flows/age.toml", "goto = \"check\"", "goto = \"chek\""));
    let e = find(&d, "flows/age.toml", "goes to `chek`, which does not exist");
    assert_at(
        e,
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "chek"),
    );
    assert!(e.hint.as_ref().unwrap().contains("`check`"));

    let (dir, d) =
        check_after(|r| replace(r, "flows/menu.toml", "flow = \"age\"", "flow = \"agee\""));
    assert_at(
        find(
            &d,
            "flows/menu.toml",
            "goes to flow `agee`, which does not exist",
        ),
        Severity::Error,
        line_of(dir.path(), "flows/menu.toml", "agee"),
    );

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/routing/topics.toml",
            "flow = \"period\"",
            "flow = \"periode\"",
        )
    });
    assert_at(
        find(
            &d,
            "flows/routing/topics.toml",
            "flow `periode` does not exist",
        ),
        Severity::Error,
        line_of(dir.path(), "flows/routing/topics.toml", "periode"),
    );
}

#[test]
fn unreachable_nodes_are_warnings() {
    let (dir, d) = check_after(|r| {
        append(
            r,
            "flows/age.toml",
            "\n[nodes.orphan]\nkind = \"end\"\nsay = \"age-adult\"\n",
        )
    });
    assert_at(
        find(&d, "flows/age.toml", "node `orphan` can never be reached"),
        Severity::Warning,
        line_of(dir.path(), "flows/age.toml", "[nodes.orphan]"),
    );
}

#[test]
fn missing_and_unused_texts() {
    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/age.toml",
            "say = \"age-young\"",
            "say = \"age-yung\"",
        )
    });
    let e = find(
        &d,
        "flows/age.toml",
        "text `age-yung` is not in locales/id/",
    );
    assert_at(
        e,
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "age-yung"),
    );
    assert!(
        e.hint
            .as_ref()
            .unwrap()
            .contains("did you mean `age-young`")
    );

    let (dir, d) =
        check_after(|r| append(r, "locales/id/test.ftl", "never-said = Tidak dipakai.\n"));
    assert_at(
        find(&d, "locales/id/test.ftl", "text `never-said` is never used"),
        Severity::Warning,
        line_of(dir.path(), "locales/id/test.ftl", "never-said"),
    );

    let (dir, d) = check_after(|_| {});
    assert_at(
        find(
            &d,
            "locales/id/test.ftl",
            "text `menu-retry` has no `en` translation",
        ),
        Severity::Warning,
        line_of(dir.path(), "locales/id/test.ftl", "menu-retry ="),
    );
}

#[test]
fn fluent_syntax_errors_and_unknown_variables() {
    let (dir, d) = check_after(|r| append(r, "locales/id/test.ftl", "broken = Halo { $nama\n"));
    assert_at(
        find(&d, "locales/id/test.ftl", "Fluent syntax error"),
        Severity::Error,
        line_of(dir.path(), "locales/id/test.ftl", "broken ="),
    );

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "locales/id/test.ftl",
            "age-adult = Sudah dewasa.",
            "age-adult = Sudah dewasa, { $umur }.",
        )
    });
    assert_at(
        find(
            &d,
            "locales/id/test.ftl",
            "uses { $umur }, but no flow sets a field `umur`",
        ),
        Severity::Error,
        line_of(dir.path(), "locales/id/test.ftl", "age-adult ="),
    );
}

#[test]
fn invalid_regexes_and_conditions() {
    let (dir, d) = check_after(|r| replace(r, "flows/kinds.toml", "'^[0-9]{5}$'", "'^[0-9{5}$'"));
    assert_at(
        find(&d, "flows/kinds.toml", "not a valid regular expression"),
        Severity::Error,
        line_of(dir.path(), "flows/kinds.toml", "pattern ="),
    );

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/routing/commands.toml",
            "'(?i)^GENRE-([A-Z0-9]{6})$'",
            "'(?i)^GENRE-([A-Z0-9]{6}$'",
        )
    });
    assert_at(
        find(&d, "flows/routing/commands.toml", "the regex is not valid"),
        Severity::Error,
        line_of(dir.path(), "flows/routing/commands.toml", "regex ="),
    );

    let (dir, d) = check_after(|r| replace(r, "flows/age.toml", "\"age < 19\"", "\"age = 19\""));
    let e = find(&d, "flows/age.toml", "does not read");
    assert_at(
        e,
        Severity::Error,
        line_of(dir.path(), "flows/age.toml", "age = 19"),
    );
    assert!(e.message.contains("=="));
}

#[test]
fn menus_that_break_whatsapp_limits_are_errors() {
    let choices: String = (1..=11)
        .map(|i| format!("  {{ label = \"menu-age\", key = \"k{i}\", flow = \"age\" }},\n"))
        .collect();
    let (dir, d) = check_after(|r| {
        append(
            r,
            "flows/big.toml",
            &format!("[nodes.m]\nkind = \"menu\"\nsay = \"menu-text\"\nchoices = [\n{choices}]\n"),
        )
    });
    assert_at(
        find(
            &d,
            "flows/big.toml",
            "has 11 choices; WhatsApp lists show at most 10",
        ),
        Severity::Error,
        line_of(dir.path(), "flows/big.toml", "[nodes.m]"),
    );

    let (dir, d) = check_after(|r| {
        replace(
            r,
            "locales/id/test.ftl",
            "menu-age = Umur",
            "menu-age = Umur dan usia menikah yang ideal",
        )
    });
    assert_at(
        find(&d, "flows/menu.toml", "WhatsApp cuts titles after 24"),
        Severity::Error,
        line_of(dir.path(), "flows/menu.toml", "[nodes.main]"),
    );
}

#[test]
fn long_sms_texts_are_warnings() {
    let long = "Kalimat yang cukup panjang untuk sebuah pesan singkat. ".repeat(10);
    let (dir, d) = check_after(|r| {
        replace(
            r,
            "locales/id/test.ftl",
            "help-text = Bantuan.",
            &format!("help-text = {long}"),
        )
    });
    assert_at(
        find(&d, "locales/id/test.ftl", "SMS segments"),
        Severity::Warning,
        line_of(dir.path(), "locales/id/test.ftl", "help-text ="),
    );
}

#[test]
fn loops_that_never_wait_or_never_end_are_errors() {
    let (dir, d) = check_after(|r| {
        replace(
            r,
            "flows/sub.toml",
            "say = \"sub-text\"",
            "say = \"sub-text\"\ngoto = \"start\"",
        )
    });
    assert_at(
        find(&d, "flows/sub.toml", "loop without ever waiting"),
        Severity::Error,
        line_of(dir.path(), "flows/sub.toml", "[nodes.start]"),
    );

    let trap = "[nodes.a]\nkind = \"menu\"\nsay = \"menu-text\"\nchoices = [ { label = \"menu-age\", goto = \"b\" } ]\nfallback = \"b\"\n\n\
                [nodes.b]\nkind = \"menu\"\nsay = \"menu-text\"\nchoices = [ { label = \"menu-age\", goto = \"a\" } ]\nfallback = \"a\"\n";
    let (dir, d) = check_after(|r| append(r, "flows/trap.toml", trap));
    let e = find(&d, "flows/trap.toml", "can never leave it");
    assert_eq!(e.severity, Severity::Error);
    assert!(
        [
            line_of(dir.path(), "flows/trap.toml", "[nodes.a]"),
            line_of(dir.path(), "flows/trap.toml", "[nodes.b]")
        ]
        .contains(&e.line)
    );
}

#[test]
fn a_phone_number_that_nobody_verified_is_an_error() {
    let (dir, d) = check_after(|r| {
        replace(
            r,
            "locales/id/test.ftl",
            "help-text = Bantuan.",
            "help-text = Bantuan: 0811-2222-3333.",
        )
    });
    assert_at(
        find(
            &d,
            "locales/id/test.ftl",
            "mentions the number 0811-2222-3333",
        ),
        Severity::Error,
        line_of(dir.path(), "locales/id/test.ftl", "help-text ="),
    );
    let (_dir, d) = check_after(|r| {
        replace(
            r,
            "locales/id/test.ftl",
            "help-text = Bantuan.",
            "help-text = Darurat: 112.",
        )
    });
    assert!(
        !d.iter().any(|d| d.message.contains("mentions the number")),
        "112 is verified"
    );
}

#[test]
fn a_command_without_words_is_an_error() {
    let (_dir, d) = check_after(|r| {
        replace(
            r,
            "flows/routing/commands.toml",
            "stop = [\"stop\", \"berhenti\"]",
            "stop = []",
        )
    });
    let e = find(
        &d,
        "flows/routing/commands.toml",
        "command `stop` has no words",
    );
    assert_eq!(e.severity, Severity::Error);
}

#[test]
fn the_bundled_flows_check_clean() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = genre::load::load(&root.join("flows"), &root.join("locales"));
    let problems: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(
        problems.is_empty(),
        "genre check must be clean on the bundled flows:\n{}",
        problems.join("\n")
    );
}
