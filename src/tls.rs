//! The TLS crypto provider every HTTPS client here uses (S3, Stripe,
//! webhooks, SMTP): ring, built from Rust and assembly in seconds, where
//! the alternative (aws-lc) is a C build of minutes.

/// Makes ring the process's provider. Call it before building any HTTP
/// client; calling it again is harmless (the first installation stays).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
