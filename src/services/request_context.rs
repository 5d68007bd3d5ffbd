//! Where the current request came from, for the audit trail and per-address
//! limits. The web layer sets it around each request (`scope`); services read
//! it with `client_address()`. Work outside a request (the command line, jobs)
//! has none.

use std::future::Future;

tokio::task_local! {
    static CLIENT_ADDRESS: Option<String>;
}

/// Runs `f` with `address` as the current request's client address.
pub async fn scope<F: Future>(address: Option<String>, f: F) -> F::Output {
    CLIENT_ADDRESS.scope(address, f).await
}

/// The client address of the request being served, if any.
pub fn client_address() -> Option<String> {
    CLIENT_ADDRESS.try_with(|a| a.clone()).ok().flatten()
}
