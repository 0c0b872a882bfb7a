//! `atscore keys create | list | revoke`: key administration against the configured database,
//! as blocking calls for the CLI (each opens the store, runs migrations, and closes it). A
//! workflow (what an operator does with keys), so it lives in `app`, beside the others; the
//! store it calls is `infra`, and the CLI is its edge as HTTP is for the rest.

use crate::infra::store::keys::ApiKey;
use crate::infra::store::{Store, StoreError};

fn with_store<T>(
    database_url: &str,
    f: impl AsyncFnOnce(&Store) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| StoreError::Damaged(format!("cannot start the runtime: {e}")))?;
    rt.block_on(async {
        let store = Store::connect(database_url).await?;
        let out = f(&store).await;
        store.close().await;
        out
    })
}

/// Create a key; returns it with its secret (shown once).
pub fn create(database_url: &str, name: &str) -> Result<(ApiKey, String), StoreError> {
    with_store(database_url, async |s| s.create_key(name).await)
}

/// Every key, revoked ones included.
pub fn list(database_url: &str) -> Result<Vec<ApiKey>, StoreError> {
    with_store(database_url, async |s| s.list_keys().await)
}

/// Revoke the one active key with this id or prefix; returns the matches (revoked only when
/// exactly one matched).
pub fn revoke(database_url: &str, id_or_prefix: &str) -> Result<Vec<ApiKey>, StoreError> {
    with_store(database_url, async |s| s.revoke_key(id_or_prefix).await)
}
