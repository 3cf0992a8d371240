use clap::Parser;

fn main() {
    let cli = genre::cli::Cli::parse();
    match genre::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("genre: {e:#}");
            std::process::exit(2);
        }
    }
}
