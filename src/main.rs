use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    teamshot::telemetry::init();
    teamshot::tls::install_crypto_provider();
    let cli = teamshot::cli::Cli::parse();
    match teamshot::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
