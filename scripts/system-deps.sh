#!/usr/bin/env bash
# Debian packages the test suite drives as real programs: pdftotext (poppler-utils) writes the
# PDF-extracted text serializations the readers are tested on; a CJK font (fonts-wqy-zenhei) draws
# the pages of the scanned reports the OCR tests make; chromium with its chromedriver is the real
# browser the review site's test drives (Selenium, no browser download); Node.js and npm run pdf.js,
# which writes the text a browser's copy-paste of a PDF gives (scripts/pdfjs-text). Installed with apt-get when missing
# and the machine allows it (root, Debian); otherwise the tests that need one say so when skipped.
set -u
declare -A needed=([pdftotext]=poppler-utils [chromium]=chromium [chromedriver]=chromium-driver [node]=nodejs [npm]=npm)
missing=()
for program in "${!needed[@]}"; do
  command -v "$program" >/dev/null 2>&1 || missing+=("${needed[$program]}")
done
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >/dev/null 2>&1 || echo "warning: could not install ${missing[*]}; the tests that need them will be skipped"
else
  echo "warning: ${missing[*]} not installed (needs root and apt-get); the tests that need them will be skipped"
fi
exit 0
