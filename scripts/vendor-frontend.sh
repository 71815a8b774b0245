#!/usr/bin/env bash
# Copies the front-end libraries pinned in package-lock.json into the portal's static folder.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund --silent
dest=src/bassins/portal/static/vendor/leaflet
mkdir -p "$dest"
cp -r node_modules/leaflet/dist/. "$dest/"
dest=src/bassins/api/static/vendor/swagger-ui
mkdir -p "$dest"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE; do
  cp node_modules/swagger-ui-dist/$file "$dest/"
done
