-- SPDX-License-Identifier: GPL-3.0-or-later
-- The guest password of a saved Guest OS Information (§4.2.1) lives in the Secret Service
-- (the user's keyring), never here: secret_id names the keyring item.  A random ID rather
-- than the LPAR's place, so that the password moves with the row (§5.13) without touching
-- the keyring.  NULL: no password saved.
ALTER TABLE guest_shutdown ADD COLUMN secret_id TEXT;
