//! Jobs: a title, the description text (analysed again on load, so a taxonomy or rule update
//! applies to old jobs too) and optional score weights.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{new_id, now, Store, StoreError};

/// A stored job.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: String,
    pub title: String,
    pub description: String,
    /// `content=…,format=…,sections=…`, or `None` for the defaults.
    pub weights: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Candidates uploaded to it (filled by the listing queries).
    pub candidates: i64,
}

/// What a job is created or updated with.
#[derive(Debug, Clone, Default)]
pub struct JobInput {
    pub title: String,
    pub description: String,
    pub weights: Option<String>,
}

const COLUMNS: &str = "j.id, j.title, j.description, j.weights, j.created_at, j.updated_at, \
     (SELECT COUNT(*) FROM candidates c WHERE c.job_id = j.id) AS n";

fn job(row: &AnyRow) -> Result<Job, sqlx::Error> {
    Ok(Job {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        weights: row.try_get("weights")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        candidates: row.try_get("n")?,
    })
}

impl Store {
    pub async fn create_job(&self, input: &JobInput) -> Result<Job, StoreError> {
        let id = new_id();
        let t = now();
        sqlx::query(
            "INSERT INTO jobs (id, title, description, weights, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(&input.weights)
        .bind(t)
        .bind(t)
        .execute(self.pool())
        .await?;
        Ok(Job {
            id,
            title: input.title.clone(),
            description: input.description.clone(),
            weights: input.weights.clone(),
            created_at: t,
            updated_at: t,
            candidates: 0,
        })
    }

    /// All jobs, newest first.
    pub async fn list_jobs(&self) -> Result<Vec<Job>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM jobs j ORDER BY j.created_at DESC, j.id DESC"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(job).collect::<Result<_, _>>()?)
    }

    pub async fn get_job(&self, id: &str) -> Result<Option<Job>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM jobs j WHERE j.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(job).transpose()?)
    }

    /// Replace a job's fields; `None` when it does not exist.
    pub async fn update_job(&self, id: &str, input: &JobInput) -> Result<Option<Job>, StoreError> {
        let done = sqlx::query(
            "UPDATE jobs SET title = $1, description = $2, weights = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(&input.title)
        .bind(&input.description)
        .bind(&input.weights)
        .bind(now())
        .bind(id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        self.get_job(id).await
    }

    /// Delete a job with its candidates and their files; false when it did not exist.
    pub async fn delete_job(&self, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "DELETE FROM candidate_files WHERE candidate_id IN \
             (SELECT id FROM candidates WHERE job_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM candidates WHERE job_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM jobs WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }
}
