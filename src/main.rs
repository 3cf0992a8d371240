use clap::Parser;

fn main() {
    let cli = genre::cli::Cli::parse();
    match genre::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("genre: {}", explain(&e));
            std::process::exit(2);
        }
    }
}

/// The error and its causes, skipping a cause its parent already quoted (database errors
/// repeat the driver's message at every level).
fn explain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}
