#!/bin/sh
# Offline check of the Kubernetes manifests, run by CTest (k8s_manifests):
# renders the dev and prod overlays with `kubectl kustomize` and validates
# every object with tools/validate-k8s.mjs (the Kubernetes API schemas from
# tools/node_modules, nothing downloaded), then makes sure the validator
# refuses deploy/k8s/testdata/broken.yaml for each planted fault, and checks
# what the docs promise about each overlay.
# usage: validate.sh SOURCE_DIR
set -eu
src=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
command -v kubectl >/dev/null || fail "kubectl is not installed (scripts/install-deps.sh)"
validator="$src/tools/validate-k8s.mjs"
test -d "$src/tools/node_modules/kubernetes-models" || fail "tools/node_modules lacks kubernetes-models (scripts/install-deps.sh)"

for overlay in dev prod; do
  echo "== render $overlay"
  kubectl kustomize "$src/deploy/k8s/overlays/$overlay" >"$tmp/$overlay.yaml" 2>"$tmp/$overlay.err" ||
    { cat "$tmp/$overlay.err"; fail "kubectl kustomize $overlay"; }
  echo "== validate $overlay"
  node "$validator" "$tmp/$overlay.yaml" || fail "$overlay does not validate"
done

echo "== the validator refuses broken objects"
if node "$validator" "$src/deploy/k8s/testdata/broken.yaml" >"$tmp/broken.out" 2>&1; then
  cat "$tmp/broken.out"
  fail "broken.yaml passed"
fi
cat "$tmp/broken.out"
for expected in \
  "Deployment/broken: schema: data/spec/replicas must be integer" \
  "containers/0/ports/0/containerPort must be integer" \
  "containers/0 must have required property name" \
  "container writable: securityContext.readOnlyRootFilesystem is not true" \
  "container writable: readinessProbe is not a native gRPC probe" \
  "unknown apiVersion/kind v1/Servce" \
  "Deployment/broken: no PodDisruptionBudget selects its pods" \
  "Deployment/broken: no HorizontalPodAutoscaler scales it"; do
  grep -qF "$expected" "$tmp/broken.out" || fail "the validator did not say: $expected"
done

echo "== what each overlay promises"
dev="$tmp/dev.yaml"
prod="$tmp/prod.yaml"
grep -q "kind: StatefulSet" "$dev" || fail "dev has no PostgreSQL StatefulSet"
if grep -q "kind: StatefulSet" "$prod"; then fail "prod runs a database of its own"; fi
grep -q "image: nianbao-plugin-markdown:dev" "$dev" || fail "dev lacks the markdown plugin initContainer"
grep -q "validation-target: dns:///validation:50051" "$dev" || fail "validation target is not dns:///"
for f in "$dev" "$prod"; do
  grep -q "clusterIP: None" "$f" || fail "$f: no headless Service"
  if grep -qE "kind: Secret" "$f" && [ "$f" = "$prod" ]; then fail "prod carries a Secret"; fi
done
grep -q -- "--tls-cert=/etc/nianbao/tls/tls.crt" "$prod" || fail "prod does not serve TLS"
grep -q "secretName: nianbao-tls" "$prod" || fail "prod does not mount nianbao-tls"
grep -q -- "--tls-client-ca=/etc/nianbao/tls/ca.crt" "$prod" || fail "prod validation is not mutual TLS"
grep -q -- "--validation-tls-cert=" "$prod" || fail "prod collection presents no client certificate"
grep -q -- "--auth-tokens=/etc/nianbao/tokens/tokens" "$prod" || fail "prod requires no bearer tokens"
if grep -qE -- "--allow-(insecure|unauthenticated)" "$prod"; then fail "prod allows plaintext or no auth"; fi
echo "PASS"
