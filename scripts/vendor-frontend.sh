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
# Trix, the rich-text editor of the sites' admin (its UMD build bundles its one dependency).
dest=src/bassins/portal/static/vendor/trix
mkdir -p "$dest"
cp node_modules/trix/dist/trix.umd.min.js node_modules/trix/dist/trix.css "$dest/"
cp node_modules/trix/LICENSE "$dest/" 2>/dev/null || true
