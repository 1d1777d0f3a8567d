-- SPDX-License-Identifier: GPL-3.0-or-later
-- Registered HVMs (Profile tab, System Configuration) and console options.
CREATE TABLE hvm (
  id          TEXT PRIMARY KEY NOT NULL,
  address     TEXT NOT NULL,
  port        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  kind        TEXT NOT NULL DEFAULT 'hvmsh',
  fingerprint TEXT,
  added_at    TEXT NOT NULL,
  UNIQUE (address, port)
);

CREATE TABLE option (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
