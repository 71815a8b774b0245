#!/usr/bin/env bash
# Installs the Debian packages bassins needs, only those missing:
#   chromium            headless browser for the page tests (Playwright drives /usr/bin/chromium)
#   poppler-utils       pdftoppm / pdftotext to check the PDF reports
#   libpango + fonts    WeasyPrint's rendering libraries for the PDF reports
#   nodejs + npm        to fetch front-end libraries (Leaflet) from the npm registry
#   gettext             msgfmt, for `make messages` (Django's compilemessages: the FR/NL catalogs)
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "error: missing Debian packages (${need[*]}) and not root: install them with apt-get" >&2; exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
