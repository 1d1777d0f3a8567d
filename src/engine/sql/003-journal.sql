-- SPDX-License-Identifier: GPL-3.0-or-later
-- Every run of the Migration Service, written as it goes, so that a console that crashed
-- mid-move knows on its next start which LPARs to look at.
CREATE TABLE journal (
  id               TEXT PRIMARY KEY NOT NULL,
  operation        TEXT NOT NULL,
  source_hvm       TEXT,
  source_lpar      INTEGER,
  lpar_name        TEXT,
  destination_hvm  TEXT,
  destination_lpar INTEGER,
  state            TEXT NOT NULL,
  step             TEXT,
  error            TEXT,
  started_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX journal_state ON journal (state);
