#!/usr/bin/env bash
# Makes a throwaway PKI for the TLS tests in DIR: a CA; a server
# certificate for 127.0.0.1/localhost (both servers use it); a client
# certificate "nianbao-collection" that the collection server presents to
# the validation service; and a client certificate from a second, untrusted
# CA. Keys are EC P-256 (fast), valid for two days. Nothing is kept.
# usage: make_test_pki.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
ca() {  # ca NAME SUBJECT
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days 2 -subj "$2" -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}
leaf() {  # leaf NAME CA SUBJECT EXTENSIONS
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$3" -out "$1.csr"
  printf '%s\n' "$4" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -days 2 \
    -sha256 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
ca ca "/CN=nianbao test CA"
ca rogue-ca "/CN=someone else's CA"
leaf server ca "/CN=localhost" \
  "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
leaf collection-client ca "/CN=nianbao-collection" \
  "subjectAltName=DNS:nianbao-collection
extendedKeyUsage=clientAuth"
leaf rogue-client rogue-ca "/CN=nianbao-collection" \
  "subjectAltName=DNS:nianbao-collection
extendedKeyUsage=clientAuth"
