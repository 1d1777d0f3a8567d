#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a Secret Service of its own: gnome-keyring-daemon on a private session bus,
# its keyring in a throw-away HOME, unlocked with a throw-away password.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data" "$home/config" "$home/run"
chmod 700 "$home/run"
HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home/run
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR
# the daemon leaves with the session bus
dbus-run-session -- sh -c '
  printf "test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
  "$@"' sh "$@"
