//! Password hashing with argon2id at OWASP's recommended cost (19 MiB of
//! memory, two passes, one lane), in the standard PHC string format.
//!
//! Each hash needs 19 MiB of working memory. Allocated afresh for every
//! attempt, 30 sign-ins at once took the server to 5 GB, and the allocator
//! kept most of it after. So hashing is done by a fixed set of workers, about
//! one per core, each reusing its own memory: at most that many hashes run
//! at once and the memory they use is fixed. A request waits a few seconds
//! for a free worker and is then told Voice is busy, rather than piling up.

use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// What a person is told when every worker stays busy.
pub const BUSY: &str = "Voice is busy, please try again in a moment.";

/// How long a request waits for a free worker before it is told Voice is busy.
const WAIT_FOR_WORKER: Duration = Duration::from_secs(5);

/// A stored hash that would need more working memory than this is refused
/// rather than allowed to make a worker grow without bound.
const MOST_BLOCKS: usize = 64 * 1024;

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("the OWASP argon2 parameters are valid")
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every worker stayed busy for the whole wait.
    #[error("every password worker is busy")]
    Busy,
    #[error("could not hash the password: {0}")]
    Failed(String),
}

/// The workers: a permit each, and the working memory they take turns with.
struct Hashers {
    permits: Arc<Semaphore>,
    memories: Arc<Mutex<Vec<Vec<Block>>>>,
    wait: Duration,
}

impl Hashers {
    fn new(workers: usize, wait: Duration) -> Hashers {
        Hashers {
            permits: Arc::new(Semaphore::new(workers)),
            memories: Arc::default(),
            wait,
        }
    }

    /// Runs `work` on the blocking pool with a worker's memory, once a
    /// worker is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)?;
        let memories = self.memories.clone();
        tokio::task::spawn_blocking(move || {
            let mut memory = lock(&memories).pop().unwrap_or_default();
            let result = work(&mut memory);
            // The memory goes back before the permit does (the permit is
            // dropped last), so there are never more memories than workers,
            // even if the request that asked has gone away.
            lock(&memories).push(memory);
            drop(permit);
            result
        })
        .await
        .map_err(|join| HashError::Failed(join.to_string()))
    }

    #[cfg(test)]
    fn memories_kept(&self) -> usize {
        lock(&self.memories).len()
    }
}

fn lock(memories: &Mutex<Vec<Vec<Block>>>) -> std::sync::MutexGuard<'_, Vec<Vec<Block>>> {
    memories
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The server's workers: one per core.
fn hashers() -> &'static Hashers {
    static HASHERS: OnceLock<Hashers> = OnceLock::new();
    HASHERS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hashers::new(cores, WAIT_FOR_WORKER)
    })
}

pub async fn hash(password: String) -> Result<String, HashError> {
    hash_with(hashers(), password).await
}

async fn hash_with(hashers: &Hashers, password: String) -> Result<String, HashError> {
    hashers
        .run(move |memory| hash_now(memory, &password))
        .await?
}

/// True only when `stored` is a hash of `password`. A missing hash still
/// costs one full verification, so timing does not tell which accounts
/// exist. `Err` only when every worker stayed busy.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, HashError> {
    verify_with(hashers(), password, stored).await
}

async fn verify_with(
    hashers: &Hashers,
    password: String,
    stored: Option<String>,
) -> Result<bool, HashError> {
    hashers
        .run(move |memory| {
            let candidate = stored.as_deref().unwrap_or_else(|| dummy_hash());
            matches(memory, &password, candidate) && stored.is_some()
        })
        .await
}

/// The worker's memory, grown to what `params` needs.
fn memory_for<'m>(memory: &'m mut Vec<Block>, params: &Params) -> Option<&'m mut [Block]> {
    let blocks = params.block_count();
    if blocks > MOST_BLOCKS {
        return None;
    }
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    Some(&mut memory[..blocks])
}

fn hash_now(memory: &mut Vec<Block>, password: &str) -> Result<String, HashError> {
    let failed = |error: &dyn std::fmt::Display| HashError::Failed(error.to_string());
    let params = params();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buffer = [0u8; 64];
    let salt_bytes = salt
        .as_salt()
        .decode_b64(&mut salt_buffer)
        .map_err(|e| failed(&e))?;
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    let blocks = memory_for(memory, &params).ok_or_else(|| failed(&"too much memory"))?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut output, blocks)
        .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&output).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `stored` (a PHC string) is a hash of `password`, computed in the
/// worker's own memory with the parameters the hash was made with.
fn matches(memory: &mut Vec<Block>, password: &str, stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) =
        (Algorithm::try_from(hash.algorithm), Params::try_from(&hash))
    else {
        return false;
    };
    let Ok(version) = hash.version.map_or(Ok(Version::V0x13), Version::try_from) else {
        return false;
    };
    let mut salt_buffer = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    let Some(blocks) = memory_for(memory, &params) else {
        return false;
    };
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut computed, blocks)
        .is_ok()
        // `Output` compares in constant time.
        && Output::new(&computed).is_ok_and(|computed| computed == expected)
}

/// A hash of a password nobody knows, checked when the account does not
/// exist (or has no password yet). Made once, with memory of its own.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_now(&mut Vec::new(), "voice-dummy-password-never-matches").unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() {
        let stored = hash("purple tiger lamp".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("purple tiger lamp".into(), Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("purple tiger lump".into(), Some(stored))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(!verify("voice-dummy-password-never-matches".into(), None)
            .await
            .unwrap());
    }

    /// Hashes stored before the workers kept their memory still verify, and
    /// new hashes verify with the library's own check.
    #[tokio::test]
    async fn hashes_are_the_same_phc_strings_as_the_library_makes() {
        let library = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let salt = SaltString::generate(&mut OsRng);
        let old = library
            .hash_password(b"purple tiger lamp", &salt)
            .unwrap()
            .to_string();
        assert!(verify("purple tiger lamp".into(), Some(old)).await.unwrap());

        let new = hash("blue river stone".into()).await.unwrap();
        let parsed = PasswordHash::new(&new).unwrap();
        assert!(library
            .verify_password(b"blue river stone", &parsed)
            .is_ok());
    }

    #[tokio::test]
    async fn the_workers_keep_no_more_memories_than_there_are_workers() {
        let hashers = Arc::new(Hashers::new(2, Duration::from_secs(60)));
        let mut hashes = tokio::task::JoinSet::new();
        for n in 0..8 {
            let hashers = hashers.clone();
            hashes.spawn(async move { hash_with(&hashers, format!("password {n}")).await });
        }
        for hashed in hashes.join_all().await {
            assert!(hashed.is_ok());
        }
        assert_eq!(hashers.memories_kept(), 2);
    }

    // No wait at all, so nothing sleeps: the worker is taken, so the answer
    // is busy at once.
    #[tokio::test]
    async fn when_every_worker_stays_busy_the_answer_is_busy() {
        let hashers = Hashers::new(1, Duration::ZERO);
        let _only_worker = hashers.permits.clone().acquire_owned().await.unwrap();
        assert!(matches!(
            hash_with(&hashers, "purple tiger lamp".into()).await,
            Err(HashError::Busy)
        ));
        assert!(matches!(
            verify_with(&hashers, "purple tiger lamp".into(), None).await,
            Err(HashError::Busy)
        ));
    }
}
