//! Rooms on disk: one SQLite file, `rooms.sqlite3` in the data folder, in WAL mode. A room is
//! a row of `rooms` (its settings and when it last changed) and a row of `teams` per team;
//! each change writes only the rows it touches, before the server acknowledges it.

use super::room::{Change, Room, Team};
use rusqlite::{params, Connection};
use std::fmt;
use std::path::{Path, PathBuf};

/// The file name inside the data folder.
pub const FILE_NAME: &str = "rooms.sqlite3";

/// Why storage failed.
#[derive(Debug)]
pub enum StoreError {
    /// The data folder could not be created.
    Folder(PathBuf, std::io::Error),
    /// The database file could not be opened or set up (not a database, say).
    Open(PathBuf, rusqlite::Error),
    /// SQLite refused.
    Sql(rusqlite::Error),
    /// A stored value could not be read back.
    Corrupt(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Folder(p, e) => write!(f, "cannot create the data folder {p:?}: {e}"),
            StoreError::Open(p, e) => write!(f, "cannot use the room storage {p:?}: {e}"),
            StoreError::Sql(e) => write!(f, "room storage: {e}"),
            StoreError::Corrupt(m) => write!(f, "room storage holds an unreadable value: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

/// The open database.
pub struct Store {
    db: Connection,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

impl Store {
    /// Opens (or creates) `DIR/rooms.sqlite3`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        if dir.exists() && !dir.is_dir() {
            let e = std::io::Error::other("it is a file, not a folder");
            return Err(StoreError::Folder(dir.to_path_buf(), e));
        }
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Folder(dir.to_path_buf(), e))?;
        let file = dir.join(FILE_NAME);
        let open = |e| StoreError::Open(file.clone(), e);
        let db = Connection::open(&file).map_err(open)?;
        db.pragma_update(None, "journal_mode", "WAL")
            .map_err(open)?;
        db.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open)?;
        db.pragma_update(None, "foreign_keys", "ON").map_err(open)?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS rooms (
                code TEXT PRIMARY KEY,
                key TEXT NOT NULL,
                round INTEGER NOT NULL,
                content TEXT,
                phase TEXT NOT NULL,
                challenge TEXT,
                active INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS teams (
                code TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                name TEXT NOT NULL,
                token TEXT NOT NULL,
                prediction TEXT,
                results TEXT,
                PRIMARY KEY (code, token)
            );",
        )
        .map_err(open)?;
        Ok(Store { db })
    }

    /// Deletes rooms whose last activity is before `cutoff` (seconds since the epoch);
    /// returns their codes.
    pub fn delete_idle(&mut self, cutoff: i64) -> Result<Vec<String>, StoreError> {
        let tx = self.db.transaction()?;
        let codes = {
            let mut q = tx.prepare("SELECT code FROM rooms WHERE active < ?1")?;
            let rows = q.query_map([cutoff], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        tx.execute("DELETE FROM rooms WHERE active < ?1", [cutoff])?;
        tx.commit()?;
        Ok(codes)
    }

    /// Every stored room with its last activity.
    pub fn load(&self) -> Result<Vec<(Room, i64)>, StoreError> {
        let mut q = self.db.prepare(
            "SELECT code, key, round, content, phase, challenge, active FROM rooms ORDER BY code",
        )?;
        let rows = q.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, key, round, content, phase, challenge, active) = row?;
            let mut room = Room::new(code, key);
            room.round = round;
            room.content = content.map(|c| parse("content", &c)).transpose()?;
            room.phase = parse("phase", &phase)?;
            room.challenge = challenge.map(|c| parse("challenge", &c)).transpose()?;
            room.teams = self.teams(&room.code)?;
            out.push((room, active));
        }
        Ok(out)
    }

    fn teams(&self, code: &str) -> Result<Vec<Team>, StoreError> {
        let mut q = self.db.prepare(
            "SELECT name, token, prediction, results, ord FROM teams WHERE code = ?1 ORDER BY ord",
        )?;
        let rows = q.query_map([code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut teams = Vec::new();
        for row in rows {
            let (name, token, prediction, results, ord) = row?;
            teams.push(Team {
                name,
                token,
                prediction,
                results: results.map(|r| parse("results", &r)).transpose()?,
                seat: u32::try_from(ord).unwrap_or(0),
            });
        }
        Ok(teams)
    }

    /// Stores a new room.
    pub fn insert(&mut self, room: &Room, now: i64) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO rooms (code, key, round, content, phase, challenge, active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                room.code,
                room.key,
                room.round,
                room.content.as_ref().map(json),
                json(&room.phase),
                room.challenge.as_ref().map(json),
                now
            ],
        )?;
        Ok(())
    }

    /// Writes what `change` changed in `room` (already applied), and the room's activity.
    pub fn save(&mut self, room: &Room, change: &Change, now: i64) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        let code = &room.code;
        tx.execute(
            "UPDATE rooms SET round = ?2, content = ?3, phase = ?4, challenge = ?5, active = ?6
             WHERE code = ?1",
            params![
                code,
                room.round,
                room.content.as_ref().map(json),
                json(&room.phase),
                room.challenge.as_ref().map(json),
                now
            ],
        )?;
        match change {
            Change::Hosted | Change::Phase | Change::ChallengeClosed => {}
            Change::Content => {
                tx.execute(
                    "UPDATE teams SET prediction = NULL, results = NULL WHERE code = ?1",
                    [code],
                )?;
            }
            Change::ChallengeOpened => {
                tx.execute("UPDATE teams SET results = NULL WHERE code = ?1", [code])?;
            }
            Change::TeamRemoved(team) => {
                tx.execute(
                    "DELETE FROM teams WHERE code = ?1 AND token = ?2",
                    params![code, team.token],
                )?;
            }
            Change::Joined { token, .. } | Change::Predicted(token) | Change::Reported(token) => {
                if let Some(t) = room.teams.iter().find(|t| &t.token == token) {
                    // The team's seat is its order: the order teams joined, with the gaps
                    // removed teams leave.
                    let ord = i64::from(t.seat);
                    tx.execute(
                        "INSERT INTO teams (code, ord, name, token, prediction, results)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (code, token) DO UPDATE SET
                           prediction = excluded.prediction, results = excluded.results",
                        params![
                            code,
                            ord,
                            t.name,
                            t.token,
                            t.prediction,
                            t.results.as_ref().map(json)
                        ],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes a room and its teams.
    pub fn delete(&mut self, code: &str) -> Result<(), StoreError> {
        self.db
            .execute("DELETE FROM rooms WHERE code = ?1", [code])?;
        Ok(())
    }
}
