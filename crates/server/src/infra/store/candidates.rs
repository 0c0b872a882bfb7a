//! Candidates: one uploaded resume of a job — its analysis (parsed resume and score report as
//! JSON), the score and knockout count for filtering, the shortlist flag, and (when retention
//! keeps it) the original file in its own table so listings never load it.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{new_id, now, Store, StoreError};

/// A stored candidate (without the original file).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub job_id: String,
    pub file_name: String,
    pub media_type: Option<String>,
    pub size_bytes: i64,
    pub sha256: String,
    /// `scored` or `error`.
    pub status: String,
    pub score: Option<f64>,
    pub knockouts: i64,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// The name read from the resume's contact block.
    pub name: Option<String>,
    /// `ParsedResume` JSON (scored candidates).
    pub parsed: Option<String>,
    /// `ScoreReport` JSON (scored candidates).
    pub report: Option<String>,
    pub shortlisted: bool,
    pub created_at: i64,
    /// The original file is kept.
    pub has_file: bool,
}

/// A candidate to store: everything but the id and time.
#[derive(Debug, Clone, Default)]
pub struct NewCandidate {
    pub file_name: String,
    pub media_type: Option<String>,
    pub size_bytes: i64,
    pub sha256: String,
    pub score: Option<f64>,
    pub knockouts: i64,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub name: Option<String>,
    pub parsed: Option<String>,
    pub report: Option<String>,
    /// The original bytes, when they are to be kept.
    pub file: Option<Vec<u8>>,
}

/// A new score for a stored candidate (after the job changed).
#[derive(Debug, Clone)]
pub struct Rescore {
    pub id: String,
    pub score: f64,
    pub knockouts: i64,
    pub report: String,
}

const COLUMNS: &str = "c.id, c.job_id, c.file_name, c.media_type, c.size_bytes, c.sha256, \
     c.status, c.score, c.knockouts, c.error_code, c.error_message, c.name, c.parsed, c.report, \
     c.shortlisted, c.created_at, \
     (SELECT COUNT(*) FROM candidate_files f WHERE f.candidate_id = c.id) AS has_file";

fn candidate(row: &AnyRow) -> Result<Candidate, sqlx::Error> {
    Ok(Candidate {
        id: row.try_get("id")?,
        job_id: row.try_get("job_id")?,
        file_name: row.try_get("file_name")?,
        media_type: row.try_get("media_type")?,
        size_bytes: row.try_get("size_bytes")?,
        sha256: row.try_get("sha256")?,
        status: row.try_get("status")?,
        score: row.try_get("score")?,
        knockouts: row.try_get("knockouts")?,
        error_code: row.try_get("error_code")?,
        error_message: row.try_get("error_message")?,
        name: row.try_get("name")?,
        parsed: row.try_get("parsed")?,
        report: row.try_get("report")?,
        shortlisted: row.try_get::<i64, _>("shortlisted")? != 0,
        created_at: row.try_get("created_at")?,
        has_file: row.try_get::<i64, _>("has_file")? > 0,
    })
}

impl Store {
    /// Store candidates of a job in one transaction (all or none); returns their ids in order.
    /// `None` when the job does not exist.
    pub async fn add_candidates(
        &self,
        job_id: &str,
        items: Vec<NewCandidate>,
    ) -> Result<Option<Vec<String>>, StoreError> {
        let mut tx = self.pool().begin().await?;
        // The first statement writes (a no-op update that also locks the job row), so SQLite
        // takes the write lock at once and waits for it under busy_timeout. A read first would
        // make this a reader that SQLite refuses to upgrade (SQLITE_BUSY, no waiting) when
        // another upload commits in between: concurrent uploads failed with "database is
        // locked" in the chaos suite.
        let exists = sqlx::query("UPDATE jobs SET updated_at = updated_at WHERE id = $1")
            .bind(job_id)
            .execute(&mut *tx)
            .await?;
        if exists.rows_affected() == 0 {
            return Ok(None);
        }
        let t = now();
        let mut ids = Vec::with_capacity(items.len());
        for c in items {
            let id = new_id();
            let status = if c.error_code.is_some() {
                "error"
            } else {
                "scored"
            };
            sqlx::query(
                "INSERT INTO candidates (id, job_id, file_name, media_type, size_bytes, sha256, \
                 status, score, knockouts, error_code, error_message, name, parsed, report, \
                 shortlisted, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15)",
            )
            .bind(&id)
            .bind(job_id)
            .bind(&c.file_name)
            .bind(&c.media_type)
            .bind(c.size_bytes)
            .bind(&c.sha256)
            .bind(status)
            .bind(c.score)
            .bind(c.knockouts)
            .bind(&c.error_code)
            .bind(&c.error_message)
            .bind(&c.name)
            .bind(&c.parsed)
            .bind(&c.report)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            if let Some(bytes) = c.file {
                sqlx::query("INSERT INTO candidate_files (candidate_id, bytes) VALUES ($1, $2)")
                    .bind(&id)
                    .bind(bytes)
                    .execute(&mut *tx)
                    .await?;
            }
            ids.push(id);
        }
        tx.commit().await?;
        Ok(Some(ids))
    }

    /// Every candidate of a job (no files), in upload order.
    pub async fn list_candidates(&self, job_id: &str) -> Result<Vec<Candidate>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM candidates c WHERE c.job_id = $1 ORDER BY c.created_at, c.id"
        ))
        .bind(job_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(candidate).collect::<Result<_, _>>()?)
    }

    pub async fn get_candidate(
        &self,
        job_id: &str,
        id: &str,
    ) -> Result<Option<Candidate>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM candidates c WHERE c.job_id = $1 AND c.id = $2"
        ))
        .bind(job_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(candidate).transpose()?)
    }

    /// The original file of a candidate, when kept.
    pub async fn candidate_file(
        &self,
        job_id: &str,
        id: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query(
            "SELECT f.bytes FROM candidate_files f JOIN candidates c ON c.id = f.candidate_id \
             WHERE c.job_id = $1 AND c.id = $2",
        )
        .bind(job_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get::<Vec<u8>, _>("bytes")).transpose()?)
    }

    /// Set or clear the shortlist flag; false when the candidate does not exist.
    pub async fn set_shortlisted(
        &self,
        job_id: &str,
        id: &str,
        on: bool,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE candidates SET shortlisted = $1 WHERE job_id = $2 AND id = $3")
                .bind(on as i64)
                .bind(job_id)
                .bind(id)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Erase a candidate: the file and every row derived from it. False when it did not exist.
    pub async fn delete_candidate(&self, job_id: &str, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("DELETE FROM candidates WHERE job_id = $1 AND id = $2")
            .bind(job_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM candidate_files WHERE candidate_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Write new scores after a job changed (one transaction).
    pub async fn rescore(&self, job_id: &str, scores: Vec<Rescore>) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for s in scores {
            sqlx::query(
                "UPDATE candidates SET score = $1, knockouts = $2, report = $3 \
                 WHERE job_id = $4 AND id = $5",
            )
            .bind(s.score)
            .bind(s.knockouts)
            .bind(&s.report)
            .bind(job_id)
            .bind(&s.id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Rows across all tables that belong to a candidate id (erasure checks in tests).
    pub async fn rows_for_candidate(&self, id: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM candidates WHERE id = $1) + \
             (SELECT COUNT(*) FROM candidate_files WHERE candidate_id = $2) AS n",
        )
        .bind(id)
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("n")?)
    }
}
