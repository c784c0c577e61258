#!/bin/sh
# Verifies a Gatehouse evidence pack with sha256sum and OpenSSL only: no Gatehouse software needed.
#
#   cd <the unzipped pack> && sh verify-with-openssl.sh <public-key.pem> [tsa-ca.pem]
#
# <public-key.pem> is the gateway's audit key as YOU obtained it (from the bank's key attestation or
# another channel); compare the fingerprint this script prints with the one you were given. Without
# it the pack's own copy (audit/signing-key.pem) is used, which proves only that the pack is
# self-consistent. [tsa-ca.pem] is the timestamp authority's certificate, to check MANIFEST.json.tsr.
# Exit status: 0 intact, 1 broken (the message names what), 2 could not verify.
set -u
cd "$(dirname "$0")" || exit 2
KEY="${1:-audit/signing-key.pem}"
TSA_CA="${2:-}"
broken() { echo "BROKEN: $*"; exit 1; }
cannot() { echo "COULD NOT VERIFY: $*"; exit 2; }
command -v openssl >/dev/null 2>&1 || cannot "openssl is not installed"
command -v sha256sum >/dev/null 2>&1 || cannot "sha256sum is not installed"
[ -r "$KEY" ] || cannot "cannot read the key file $KEY"
[ -f SHA256SUMS ] && [ -f SHA256SUMS.sig ] || broken "SHA256SUMS or SHA256SUMS.sig is missing"

FPR=$(openssl pkey -pubin -in "$KEY" -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1)
[ -n "$FPR" ] || cannot "$KEY is not a PEM public key"
echo "Key fingerprint (SHA-256 of the public key): $FPR"
[ "$KEY" = "audit/signing-key.pem" ] && echo "WARNING: using the pack's own copy of the key; pass the key you obtained independently"

openssl pkeyutl -verify -pubin -inkey "$KEY" -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig >/dev/null 2>&1 \
  || broken "the signature SHA256SUMS.sig does not verify with this key"
openssl pkeyutl -verify -pubin -inkey "$KEY" -rawin -in MANIFEST.json -sigfile MANIFEST.sig.bin >/dev/null 2>&1 \
  || broken "the signature MANIFEST.sig.bin over MANIFEST.json does not verify with this key"
sha256sum --quiet --strict -c SHA256SUMS 2>/dev/null || broken "a file differs from SHA256SUMS or is missing (run: sha256sum -c SHA256SUMS)"

LISTED=$(mktemp) && PRESENT=$(mktemp) || cannot "no temporary file"
trap 'rm -f "$LISTED" "$PRESENT"' EXIT
cut -c67- SHA256SUMS | sort > "$LISTED"
find . -type f ! -path ./SHA256SUMS ! -path ./SHA256SUMS.sig | sed 's|^\./||' | sort > "$PRESENT"
ADDED=$(comm -13 "$LISTED" "$PRESENT")
[ -z "$ADDED" ] || broken "files not listed in SHA256SUMS: $ADDED"

if [ -f MANIFEST.json.tsr ]; then
  if [ -n "$TSA_CA" ]; then
    openssl ts -verify -data MANIFEST.json -in MANIFEST.json.tsr -token_in -CAfile "$TSA_CA" >/dev/null 2>&1 \
      || broken "the RFC 3161 timestamp MANIFEST.json.tsr does not verify over MANIFEST.json with $TSA_CA"
    echo "RFC 3161 timestamp over MANIFEST.json verified; its time:"
    openssl ts -reply -in MANIFEST.json.tsr -token_in -text 2>/dev/null | grep 'Time stamp:'
  else
    echo "NOTE: MANIFEST.json.tsr holds an RFC 3161 timestamp; pass the authority's certificate to check it"
  fi
fi
echo "INTACT: every file matches SHA256SUMS, nothing is added, and the signatures verify with key $FPR"
exit 0
