//! API key secrets: generated from the OS random source, shown once, stored only as a hash.

use sha2::{Digest, Sha256};
use std::fmt;

/// Characters of a secret kept as its visible prefix (`vitae_` and six hex digits).
const PREFIX_LEN: usize = 12;

/// The fewest characters a secret may have. A generated key has 70; an operator's
/// `RESUME_API_KEY` must have at least this many (e.g. `openssl rand -hex 32` gives 64), so
/// that no guessable word opens the service. Shorter keys presented by clients are refused
/// without a database read.
pub const MIN_SECRET_LEN: usize = 32;

/// Why an operator's secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error(
        "the key has {0} characters; at least {MIN_SECRET_LEN} are required (make one with \
         `openssl rand -hex 32`, or use `vitae keys create`)"
    )]
    TooShort(usize),
    #[error("the key contains whitespace or control characters; use letters, digits, `-` or `_`")]
    BadCharacter,
}

/// An API key secret. `Debug` does not show it, so it cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct KeySecret(String);

impl KeySecret {
    /// A new random secret: `vitae_` and 64 hex digits (256 bits from the OS).
    pub fn generate() -> Self {
        KeySecret(format!("vitae_{}", random_token()))
    }

    /// A secret given by the operator (`RESUME_API_KEY`) or by a client, as it is.
    pub fn from_string(s: String) -> Self {
        KeySecret(s)
    }

    /// An operator's secret (`RESUME_API_KEY`), checked: long enough to resist guessing, and
    /// printable so it travels in a header unchanged.
    pub fn parse(s: &str) -> Result<Self, SecretError> {
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(SecretError::BadCharacter);
        }
        let len = s.chars().count();
        if len < MIN_SECRET_LEN {
            return Err(SecretError::TooShort(len));
        }
        Ok(KeySecret(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash_secret(&self.0)
    }

    /// What listings show of the key.
    pub fn prefix(&self) -> String {
        self.0.chars().take(PREFIX_LEN).collect()
    }
}

impl fmt::Debug for KeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeySecret(<redacted>)")
    }
}

/// The stored form of a secret: SHA-256, hex.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Fills `buf` from the OS random source. Without one there is no safe key or id to make, so
/// this is the one place that stops the process rather than continue insecurely.
/// The fewest characters a studio password may have.
pub const MIN_PASSWORD_LEN: usize = 12;

/// An Argon2id hash of `password` (a PHC string), with a fresh random salt. Slow on purpose
/// (tens of milliseconds): people choose guessable passwords, so a leaked table must cost a
/// guesser that much per guess.
pub fn hash_password(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let mut salt = [0u8; 16];
    fill_random(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with its default parameters hashes any password")
        .to_string()
}

/// Whether `password` is the one `phc` (from [`hash_password`]) was made from. A string that
/// is no hash matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(phc).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// 256 random bits from the OS as 64 hex digits: session secrets, CSRF tokens, sign-in links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    fill_random(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn fill_random(buf: &mut [u8]) {
    if let Err(e) = getrandom::fill(buf) {
        panic!("the operating system's random source failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_distinct_long_and_hidden_from_debug() {
        let a = KeySecret::generate();
        let b = KeySecret::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 70);
        assert!(a.expose().starts_with("vitae_"));
        assert_eq!(a.prefix().len(), 12);
        assert!(!format!("{a:?}").contains(a.expose()));
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn an_operator_secret_must_be_long_and_printable() {
        assert_eq!(
            KeySecret::parse("legacy-shared-key"),
            Err(SecretError::TooShort(17))
        );
        assert_eq!(
            KeySecret::parse(&format!("{} x", "a".repeat(40))),
            Err(SecretError::BadCharacter)
        );
        let ok = "k".repeat(MIN_SECRET_LEN);
        assert_eq!(KeySecret::parse(&ok).unwrap().expose(), ok);
        assert!(KeySecret::parse(KeySecret::generate().expose()).is_ok());
        let message = SecretError::TooShort(3).to_string();
        assert!(message.contains("at least 32") && message.contains("openssl rand"));
    }

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
