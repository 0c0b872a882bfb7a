//! The server secret: 256 random bits made by the first server that starts on a database and
//! read by every replica after it, so tokens signed by one replica verify on another.

use sqlx::Row;

use super::{Store, StoreError};

impl Store {
    /// The secret called `name`, created on first use.
    pub async fn secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        let fresh = hex::encode(rand::random::<[u8; 32]>());
        sqlx::query(
            "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(&fresh)
        .execute(self.pool())
        .await?;
        let row = sqlx::query("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(self.pool())
            .await?;
        let value: String = row.try_get("value")?;
        hex::decode(value).map_err(|e| StoreError::Damaged(format!("secret {name}: {e}")))
    }
}
