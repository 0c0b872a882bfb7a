//! API keys: only a SHA-256 hash of each key is stored (keys are 192-bit random, so a fast
//! hash is enough), with a short prefix to recognise it in listings, and its revocation time.

use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{new_id, now, Store, StoreError};

/// A stored key, without its secret.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// The first characters of the key (`ats_3kZ9…`), enough to tell keys apart.
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// Characters shown of a key in listings.
pub const PREFIX_LEN: usize = 12;

/// The stored form of a key.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A fresh key: `ats_` and 32 characters of URL-safe base64 (192 random bits).
pub fn generate_key() -> String {
    use base64::Engine;
    let bytes: [u8; 24] = rand::random();
    format!(
        "ats_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

fn api_key(row: &AnyRow) -> Result<ApiKey, sqlx::Error> {
    Ok(ApiKey {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

const COLUMNS: &str = "id, name, prefix, created_at, revoked_at, last_used_at";

impl Store {
    /// Create a key; the secret is returned once and never stored.
    pub async fn create_key(&self, name: &str) -> Result<(ApiKey, String), StoreError> {
        let secret = generate_key();
        let key = ApiKey {
            id: new_id(),
            name: name.to_string(),
            prefix: secret[..PREFIX_LEN].to_string(),
            created_at: now(),
            revoked_at: None,
            last_used_at: None,
        };
        sqlx::query(
            "INSERT INTO api_keys (id, name, prefix, hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&key.id)
        .bind(&key.name)
        .bind(&key.prefix)
        .bind(hash_key(&secret))
        .bind(key.created_at)
        .execute(self.pool())
        .await?;
        Ok((key, secret))
    }

    /// All keys, oldest first (revoked ones included).
    pub async fn list_keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM api_keys ORDER BY created_at, id"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(api_key).collect::<Result<_, _>>()?)
    }

    /// Revoke by id or prefix; returns the keys revoked (none, or several for an ambiguous
    /// prefix — then nothing is revoked and the caller reports it).
    pub async fn revoke_key(&self, id_or_prefix: &str) -> Result<Vec<ApiKey>, StoreError> {
        let matches: Vec<ApiKey> = self
            .list_keys()
            .await?
            .into_iter()
            .filter(|k| {
                k.revoked_at.is_none()
                    && (k.id == id_or_prefix
                        || (id_or_prefix.len() >= 6 && k.prefix.starts_with(id_or_prefix)))
            })
            .collect();
        if matches.len() == 1 {
            let t = now();
            sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2")
                .bind(t)
                .bind(&matches[0].id)
                .execute(self.pool())
                .await?;
            sqlx::query("DELETE FROM sessions WHERE key_id = $1")
                .bind(&matches[0].id)
                .execute(self.pool())
                .await?;
        }
        Ok(matches)
    }

    /// The active key with this hash.
    pub async fn key_by_hash(&self, hash: &str) -> Result<Option<ApiKey>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM api_keys WHERE hash = $1 AND revoked_at IS NULL"
        ))
        .bind(hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(api_key).transpose()?)
    }

    /// Number of keys not revoked.
    pub async fn active_key_count(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Record that a key was used (called at most about once a minute per key).
    pub async fn touch_key(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
            .bind(now())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
