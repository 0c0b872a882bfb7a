//! CSRF tokens of the web forms: `hex(HMAC-SHA256(server secret, binding))`, where the
//! binding is the session token (signed in) or the random `atscore_csrf` cookie (open mode and
//! the sign-in form). A form is accepted only when its `csrf` field matches, compared in
//! constant time. HMAC is written out over `sha2` (RFC 2104, 64-byte blocks); also used to sign
//! the upload summary carried in a redirect.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// SHA-256's block size.
const BLOCK: usize = 64;

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut ipad = [0x36u8; BLOCK];
    let mut opad = [0x5cu8; BLOCK];
    for i in 0..BLOCK {
        ipad[i] ^= k[i];
        opad[i] ^= k[i];
    }
    let inner = Sha256::new()
        .chain_update(ipad)
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(opad)
        .chain_update(inner)
        .finalize()
        .into()
}

/// The form token of a binding (lower-case hex).
pub fn token(secret: &[u8], binding: &str) -> String {
    hex::encode(hmac_sha256(secret, binding.as_bytes()))
}

/// Whether a submitted token is the one of this binding (constant time; an empty binding never
/// verifies).
pub fn verify(secret: &[u8], binding: &str, submitted: &str) -> bool {
    if binding.is_empty() {
        return false;
    }
    let expected = token(secret, binding);
    let submitted = submitted.trim().as_bytes();
    submitted.len() == expected.len() && bool::from(submitted.ct_eq(expected.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_vectors() {
        // Test case 1.
        let mac = hmac_sha256(&[0x0b; 20], b"Hi There");
        assert_eq!(
            hex::encode(mac),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // Test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn tokens_verify_only_for_their_binding() {
        let secret = b"server secret";
        let t = token(secret, "session-a");
        assert!(verify(secret, "session-a", &t));
        assert!(!verify(secret, "session-b", &t));
        assert!(!verify(secret, "session-a", ""));
        assert!(!verify(secret, "session-a", &t[..10]));
        assert!(!verify(secret, "", &token(secret, "")));
        assert!(!verify(b"other secret", "session-a", &t));
    }
}
