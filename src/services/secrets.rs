//! Unguessable tokens, their stored hashes, and keyed derivations.
//!
//! Every bearer secret (API tokens, sessions, personal links, share links,
//! sign-in links) carries 256 bits of randomness or of HMAC output, and only
//! its SHA-256 is stored, so a database dump grants no access.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use ring::aead;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // Without a working system generator there is no safe secret to make.
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b
}

/// A new random token: 32 bytes, URL-safe base64 (43 characters).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// What the database stores for a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Keyed derivations from the server's secret key.
#[derive(Clone)]
pub struct Keys {
    key: SecretString,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    pub fn new(key: SecretString) -> Self {
        Self { key }
    }

    fn mac(&self, purpose: &str, parts: &[&str]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.key.expose_secret().as_bytes())
            .expect("HMAC takes keys of any length");
        mac.update(purpose.as_bytes());
        for p in parts {
            mac.update(b"\x1f");
            mac.update(p.as_bytes());
        }
        mac
    }

    /// A 256-bit secret derived from the key and `parts`; the same inputs
    /// always give the same secret, so links can be shown again without
    /// storing them (a version number in `parts` rotates them).
    pub fn derive(&self, purpose: &str, parts: &[&str]) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, parts).finalize().into_bytes())
    }

    /// The same derivation as raw bytes (a key stream for sealing a value
    /// stored in the database).
    pub fn derive_bytes(&self, purpose: &str, parts: &[&str]) -> [u8; 32] {
        self.mac(purpose, parts).finalize().into_bytes().into()
    }

    /// Seals `plain` for the database (ChaCha20-Poly1305 under a key derived
    /// for `purpose`, a fresh nonce each time); `context` is bound to it, so
    /// a sealed value copied to another row (another owner) does not open.
    pub fn seal(&self, purpose: &str, context: &str, plain: &str) -> String {
        let key = self.aead_key(purpose);
        let nonce = random_bytes::<12>();
        let mut data = plain.as_bytes().to_vec();
        key.seal_in_place_append_tag(
            aead::Nonce::assume_unique_for_key(nonce),
            aead::Aad::from(context.as_bytes()),
            &mut data,
        )
        .expect("sealing fails only for inputs of gigabytes");
        let mut out = nonce.to_vec();
        out.extend(data);
        format!("v1.{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// Opens a value made by [`Keys::seal`] with the same `purpose` and
    /// `context`; `None` when it was damaged, moved, or sealed under another
    /// server key.
    pub fn open(&self, purpose: &str, context: &str, sealed: &str) -> Option<String> {
        let raw = URL_SAFE_NO_PAD.decode(sealed.strip_prefix("v1.")?).ok()?;
        if raw.len() < 12 {
            return None;
        }
        let (nonce, body) = raw.split_at(12);
        let mut body = body.to_vec();
        let plain = self
            .aead_key(purpose)
            .open_in_place(
                aead::Nonce::try_assume_unique_for_key(nonce).ok()?,
                aead::Aad::from(context.as_bytes()),
                &mut body,
            )
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }

    fn aead_key(&self, purpose: &str) -> aead::LessSafeKey {
        let bytes = self.derive_bytes("seal", &[purpose]);
        aead::LessSafeKey::new(
            aead::UnboundKey::new(&aead::CHACHA20_POLY1305, &bytes)
                .expect("a 32-byte key fits ChaCha20-Poly1305"),
        )
    }

    /// Constant-time check of a value made by [`Keys::derive`].
    pub fn verify(&self, purpose: &str, parts: &[&str], candidate: &str) -> bool {
        let Ok(raw) = URL_SAFE_NO_PAD.decode(candidate) else {
            return false;
        };
        self.mac(purpose, parts).verify_slice(&raw).is_ok()
    }
}

/// Compare two strings without leaking where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43); // 256 bits
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn sealed_values_open_only_with_their_key_purpose_and_context() {
        let k1 = Keys::new(SecretString::from("1".repeat(64)));
        let k2 = Keys::new(SecretString::from("2".repeat(64)));
        let sealed = k1.seal("sso", "team:a", "a client secret");
        assert!(!sealed.contains("client"));
        assert_ne!(sealed, k1.seal("sso", "team:a", "a client secret"));
        assert_eq!(
            k1.open("sso", "team:a", &sealed).as_deref(),
            Some("a client secret")
        );
        assert_eq!(k1.open("sso", "team:b", &sealed), None);
        assert_eq!(k1.open("other", "team:a", &sealed), None);
        assert_eq!(k2.open("sso", "team:a", &sealed), None);
        let mut damaged = sealed.clone();
        damaged.pop();
        assert_eq!(k1.open("sso", "team:a", &damaged), None);
        assert_eq!(k1.open("sso", "team:a", "v1.AAAA"), None);
    }

    #[test]
    fn derived_secrets_are_stable_and_keyed() {
        let k1 = Keys::new(SecretString::from("1".repeat(64)));
        let k2 = Keys::new(SecretString::from("2".repeat(64)));
        let s = k1.derive("member", &["h1", "1"]);
        assert_eq!(s, k1.derive("member", &["h1", "1"]));
        assert_ne!(s, k1.derive("member", &["h1", "2"]));
        assert_ne!(s, k2.derive("member", &["h1", "1"]));
        assert!(k1.verify("member", &["h1", "1"], &s));
        assert!(!k2.verify("member", &["h1", "1"], &s));
        assert!(!k1.verify("member", &["h1", "1"], "not base64!"));
    }

    #[test]
    fn constant_time_eq_is_eq() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
