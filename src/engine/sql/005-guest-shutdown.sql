-- SPDX-License-Identifier: GPL-3.0-or-later
-- The Guest OS Information for remote shutdown (§4.2.1) of each LPAR, by where it is now.
-- It moves with the LPAR when a migration succeeds and stays behind when one fails
-- (§5.13).  No password is ever stored: a Linux guest can use a key file instead.
CREATE TABLE guest_shutdown (
  hvm_id      TEXT NOT NULL,
  lpar_number INTEGER NOT NULL CHECK (lpar_number >= 1),
  os          TEXT NOT NULL CHECK (os IN ('linux', 'windows')),
  address     TEXT NOT NULL,
  port        INTEGER NOT NULL DEFAULT 0 CHECK (port BETWEEN 0 AND 65535),
  user_id     TEXT NOT NULL,
  key_file    TEXT,
  forced      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hvm_id, lpar_number)
);
