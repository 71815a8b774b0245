#!/usr/bin/env bash
# Copies the front-end libraries pinned in package-lock.json into the portal's static folder.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund --silent
dest=src/bassins/portal/static/vendor/leaflet
mkdir -p "$dest"
cp -r node_modules/leaflet/dist/. "$dest/"
