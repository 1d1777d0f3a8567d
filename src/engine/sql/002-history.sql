-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration History (§4.1.3, 図 4-5): every place an LPAR (known by its name) has been.
-- One row per place, in the order they happened.  moved_at is when the LPAR arrived there;
-- NULL marks where it was before its first recorded move (its original HVM and number).
-- hvm_id is not a foreign key: history outlives an HVM's registration.
CREATE TABLE history (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  lpar_name       TEXT NOT NULL,
  hvm_id          TEXT NOT NULL,
  lpar_number     INTEGER NOT NULL CHECK (lpar_number >= 1),
  processor_group INTEGER NOT NULL DEFAULT 0 CHECK (processor_group >= 0),
  moved_at        TEXT,
  mode            TEXT CHECK (mode IN ('shutdown', 'concurrent')),
  CHECK ((moved_at IS NULL) = (mode IS NULL))
);

CREATE INDEX history_by_lpar ON history (lpar_name, id);
