//! Web sign-ins: a random session token lives in an HttpOnly cookie; only its SHA-256 hash is
//! stored, with the key it was opened with (`env` for the `API_KEY` setting) and its expiry.
//! Stored in the database so any replica can serve the next request.

use sqlx::Row;

use super::keys::hash_key;
use super::{now, Store, StoreError};

/// A live session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub key_id: String,
    pub expires_at: i64,
}

/// The key id of sessions opened with the `API_KEY` setting.
pub const ENV_KEY_ID: &str = "env";

impl Store {
    /// Open a session for a key; returns the token for the cookie.
    pub async fn create_session(&self, key_id: &str, ttl_secs: i64) -> Result<String, StoreError> {
        let token = super::keys::generate_key();
        let t = now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, key_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(hash_key(&token))
        .bind(key_id)
        .bind(t)
        .bind(t + ttl_secs)
        .execute(self.pool())
        .await?;
        // Expired sessions go now and then (cheap: indexed by primary key scan on small tables).
        if rand::random::<u8>() < 8 {
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(t)
                .execute(self.pool())
                .await?;
        }
        Ok(token)
    }

    /// The live session of a token: not expired, and its key not revoked.
    pub async fn session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query(
            "SELECT s.key_id, s.expires_at FROM sessions s \
             LEFT JOIN api_keys k ON k.id = s.key_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 \
             AND (s.key_id = $3 OR (k.id IS NOT NULL AND k.revoked_at IS NULL))",
        )
        .bind(hash_key(token))
        .bind(now())
        .bind(ENV_KEY_ID)
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| {
                Ok::<_, sqlx::Error>(Session {
                    key_id: r.try_get("key_id")?,
                    expires_at: r.try_get("expires_at")?,
                })
            })
            .transpose()?)
    }

    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash_key(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
