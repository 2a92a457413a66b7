// Validates rendered Kubernetes manifests offline: every object against the
// Kubernetes API schema of its apiVersion/kind (kubernetes-models' compiled
// JSON Schema validators, from node_modules; nothing is downloaded), then
// nianbao's own deployment rules (docs/operations.md): resources, the
// restricted securityContext, native gRPC probes, a PodDisruptionBudget and
// a HorizontalPodAutoscaler for every Deployment.
// usage: node validate-k8s.mjs FILE.yaml...   exit 0 when all are valid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);

// kubernetes-models/<group>/<version>/<Kind>; the core group is "v1".
async function modelFor(apiVersion, kind) {
  if (!/^[A-Za-z0-9.\/]+$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return null;
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

function checkContainer(where, c, { grpcProbes }) {
  const w = `${where} container ${c.name}`;
  for (const k of ["requests", "limits"]) {
    for (const r of ["cpu", "memory"]) {
      if (!c.resources?.[k]?.[r]) fail(w, `no resources.${k}.${r}`);
    }
  }
  const sc = c.securityContext ?? {};
  if (sc.runAsNonRoot !== true) fail(w, "securityContext.runAsNonRoot is not true");
  if (sc.readOnlyRootFilesystem !== true) fail(w, "securityContext.readOnlyRootFilesystem is not true");
  if (sc.allowPrivilegeEscalation !== false) fail(w, "securityContext.allowPrivilegeEscalation is not false");
  if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(w, "securityContext.capabilities.drop lacks ALL");
  if (grpcProbes) {
    for (const p of ["livenessProbe", "readinessProbe"]) {
      if (!c[p]?.grpc?.port) fail(w, `${p} is not a native gRPC probe`);
    }
  }
}

async function main(files) {
  const objects = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length) {
        fail(file, `YAML: ${doc.errors[0].message}`);
        continue;
      }
      const o = doc.toJS();
      if (o == null) continue;
      objects.push({ file, o });
    }
  }
  if (objects.length === 0) fail(files.join(" "), "no objects");

  for (const { file, o } of objects) {
    const where = `${file}: ${o.kind}/${o.metadata?.name}`;
    const Model = await modelFor(String(o.apiVersion), String(o.kind));
    if (!Model) {
      fail(where, `unknown apiVersion/kind ${o.apiVersion}/${o.kind}`);
      continue;
    }
    // kubectl kustomize folds long base64 values over lines; the API
    // server's decoder (Go's base64) skips newlines, ajv's "byte" does not.
    if (o.kind === "Secret" && o.data) {
      for (const k of Object.keys(o.data)) o.data[k] = String(o.data[k]).replace(/[\r\n]/g, "");
    }
    try {
      new Model(o).validate();
    } catch (e) {
      fail(where, `schema: ${e.message}`);
    }
    const pod = o.kind === "Deployment" || o.kind === "StatefulSet" ? o.spec?.template?.spec : null;
    if (pod) {
      if (pod.securityContext?.runAsNonRoot !== true) fail(where, "pod securityContext.runAsNonRoot is not true");
      // Our own servers must have gRPC probes; PostgreSQL (dev) has pg_isready.
      const grpcProbes = o.kind === "Deployment";
      for (const c of pod.containers ?? []) checkContainer(where, c, { grpcProbes });
      for (const c of pod.initContainers ?? []) checkContainer(where, c, { grpcProbes: false });
    }
  }

  // Every Deployment has a PodDisruptionBudget selecting its pods and an HPA
  // scaling it, within the same file (one rendered overlay).
  for (const { file, o } of objects.filter((x) => x.o.kind === "Deployment")) {
    const labels = o.spec?.template?.metadata?.labels ?? {};
    const same = objects.filter((x) => x.file === file).map((x) => x.o);
    const selects = (sel) =>
      Object.entries(sel ?? {}).every(([k, v]) => labels[k] === v) && Object.keys(sel ?? {}).length > 0;
    if (!same.some((x) => x.kind === "PodDisruptionBudget" && selects(x.spec?.selector?.matchLabels))) {
      fail(`${file}: Deployment/${o.metadata.name}`, "no PodDisruptionBudget selects its pods");
    }
    if (!same.some((x) => x.kind === "HorizontalPodAutoscaler" &&
        x.spec?.scaleTargetRef?.kind === "Deployment" && x.spec?.scaleTargetRef?.name === o.metadata.name)) {
      fail(`${file}: Deployment/${o.metadata.name}`, "no HorizontalPodAutoscaler scales it");
    }
  }

  for (const e of errors) console.error(e);
  console.log(`${objects.length} objects in ${files.length} file(s), ${errors.length} error(s)`);
  process.exit(errors.length ? 1 : 0);
}

await main(process.argv.slice(2));
