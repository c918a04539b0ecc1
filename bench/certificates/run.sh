#!/usr/bin/env bash
# Certificates per second (PDFsharp, one core and all cores) next to Chromium's --print-to-pdf of the
# same certificate as HTML, in the same run; and memory over 10,000 certificates.
# Usage: bench/certificates/run.sh [--count N] [--memory N] [--chromium N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G "/usr/share/fonts/truetype/*/wqy-microhei.ttc" >/dev/null || missing+=(fonts-wqy-microhei)
if (( ${#missing[@]} )); then
  apt-get update && apt-get install -y --no-upgrade "${missing[@]}"
fi
dotnet build "$ROOT/bench/certificates/CertificateBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
CME_CHROMIUM="${CME_CHROMIUM:-/usr/bin/chromium}" exec dotnet "$ROOT/bench/certificates/bin/Release/net10.0/CertificateBench.dll" "$@"
