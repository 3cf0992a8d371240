//! `genre bench --quick`: the benchmark's smoke run, end to end (servers as child processes, the
//! fake Graph API, the ceiling, a seeded database, the 500-node flow set). Only correctness is
//! asserted: every reply right, none missing, none twice. Timings mean nothing here.

mod common;

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_benchmark_survey_passes_genre_check() {
    // Act
    let out = Command::new(env!("CARGO_BIN_EXE_genre"))
        .args([
            "check",
            "--flows",
            "bench/survey/flows",
            "--locales",
            "bench/survey/locales",
        ])
        .current_dir(root())
        .output()
        .unwrap();

    // Assert
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn the_quick_benchmark_checks_every_reply_end_to_end() {
    // Arrange: SQLite always; PostgreSQL too when the test database is there.
    let mut args = vec![
        "bench".to_string(),
        "--quick".into(),
        "--json".into(),
        "--database-url".into(),
        "sqlite".into(),
    ];
    let postgres = common::postgres_url();
    if let Some(url) = &postgres {
        args.extend(["--database-url".into(), url.clone()]);
    }

    // Act
    let out = Command::new(env!("CARGO_BIN_EXE_genre"))
        .args(&args)
        .current_dir(root())
        .env_remove("GENRE_FLOWS")
        .env_remove("GENRE_LOCALES")
        .output()
        .unwrap();

    // Assert
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(report["ok"], true, "{stdout}");
    assert!(report["flow_load"]["nodes"].as_u64().unwrap() >= 500);
    let ceiling = &report["ceiling"]["phases"];
    assert!(ceiling[0]["replies"].as_u64().unwrap() > 0, "{stdout}");
    let backends = report["backends"].as_array().unwrap();
    assert_eq!(backends.len(), 1 + usize::from(postgres.is_some()));
    for backend in backends {
        let phases = backend["phases"].as_array().unwrap();
        let workloads: Vec<&str> = phases
            .iter()
            .map(|p| p["workload"].as_str().unwrap())
            .collect();
        assert!(
            workloads.contains(&"survey") && workloads.contains(&"mix"),
            "{workloads:?}"
        );
        for phase in phases {
            assert!(phase["replies"].as_u64().unwrap() > 0, "{phase}");
            assert!(phase["statuses"].as_u64().unwrap() > 0, "{phase}");
            for count in ["wrong", "duplicate", "missing"] {
                assert_eq!(phase[count], 0, "{count} in {phase}");
            }
        }
        assert_eq!(backend["million"]["contacts"], 10_000);
        assert!(backend["million"]["phase"]["replies"].as_u64().unwrap() > 0);
    }
}
