-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration policies (§3.3): named, ordered lists of moves, all of one mode (§5.33).
-- run_state and the entries' state are written as a run goes, so a policy interrupted by
-- a console restart is resumed from its first unfinished entry.
CREATE TABLE policies (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL UNIQUE CHECK (length (name) BETWEEN 1 AND 64),
  comment    TEXT NOT NULL DEFAULT '',
  mode       TEXT CHECK (mode IN ('shutdown', 'concurrent')),
  run_state  TEXT NOT NULL DEFAULT 'idle'
             CHECK (run_state IN ('idle', 'running', 'stopped', 'paused', 'finished', 'ended')),
  -- the process running it ("BOOT:PID:START"); a dead owner means a console crashed
  owner      TEXT,
  -- Stop from another process (bnctl policy stop): honoured after the running entry
  stop_requested INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

CREATE TABLE policy_entries (
  policy_id        INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL CHECK (position >= 1),
  source_hvm       TEXT NOT NULL,
  source_lpar      INTEGER NOT NULL CHECK (source_lpar BETWEEN 1 AND 60),
  lpar_name        TEXT NOT NULL,
  destination_hvm  TEXT NOT NULL,
  destination_lpar INTEGER NOT NULL CHECK (destination_lpar BETWEEN 0 AND 60),
  options          TEXT NOT NULL DEFAULT '{}',
  state            TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'running', 'done', 'skipped', 'failed')),
  migration_id     TEXT,
  error            TEXT,
  finished_at      TEXT,
  PRIMARY KEY (policy_id, position)
);

-- The journal learns who writes each row, so a console starting beside another one marks
-- only a dead console's runs interrupted.
ALTER TABLE journal ADD COLUMN owner TEXT;
