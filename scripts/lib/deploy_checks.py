#!/usr/bin/env python3
"""Checks of the deployment files that no off-the-shelf offline tool does; run by
scripts/validate-deploy (one subcommand per check, exit 0 = pass, problems on stdout).

  compose-policy FILE         every service restarts, has a healthcheck and a deploy: section;
                              pinned images; autoheal; mounts exist; prometheus targets resolve
  k8s-plan FILE...            which validator each Kubernetes file needs: prints
                              "core<TAB>FILE" (kubernetes-validate) or "schema<TAB>SCHEMA<TAB>FILE";
                              a kind nothing validates is an error
  kustomize DIR               a kustomize-like walk: resources/patches/components exist, bases
                              resolve, patches/replicas/images hit something, nothing forgotten
  xref DIR                    cross references of the tree DIR builds (selectors, ports, probes,
                              Secret keys, HPA target, ServiceMonitor job label, chaos targets)
  split-rendered FILE OUTDIR  split `kubectl kustomize` output into core.yaml + one file per CRD
                              object, then print the plan for them as k8s-plan does
  dockerfile FILE             non-root USER, HEALTHCHECK, pinned FROM tags (no `latest`), …
  systemd-keys UNIT           the keys the unit must carry (Type=notify, watchdog, hardening, …)

Needs PyYAML for the YAML subcommands (the tools venv has it); dockerfile and systemd-keys use
the standard library only.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "deploy" / "k8s" / "schemas"
# Kinds validated against our own JSON schemas instead of the Kubernetes OpenAPI schemas.
CRD_SCHEMAS = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor.schema.json",
    ("chaos-mesh.org/v1alpha1", "PodChaos"): "chaos-mesh.schema.json",
    ("chaos-mesh.org/v1alpha1", "NetworkChaos"): "chaos-mesh.schema.json",
    ("chaos-mesh.org/v1alpha1", "StressChaos"): "chaos-mesh.schema.json",
    ("kustomize.config.k8s.io/v1beta1", "Kustomization"): "kustomization.schema.json",
}
# Kinds kubernetes-validate ships schemas for (the ones this project uses).
CORE_KINDS = {
    ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"), ("v1", "Namespace"),
    ("v1", "PersistentVolumeClaim"), ("v1", "ServiceAccount"),
    ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"), ("policy/v1", "PodDisruptionBudget"),
    ("networking.k8s.io/v1", "NetworkPolicy"), ("networking.k8s.io/v1", "Ingress"),
}
GO_DURATION = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


class Problems(list):
    def need(self, cond: bool, msg: str) -> bool:
        if not cond:
            self.append(msg)
        return cond


def _yaml():
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        sys.exit("PyYAML is missing (it comes with the tools venv of scripts/validate-deploy)")
    return yaml


def load_docs(path: Path) -> list[dict]:
    yaml = _yaml()
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def seconds(value) -> float | None:
    """Go/compose duration or a bare number of seconds → seconds."""
    if isinstance(value, (int, float)):
        return float(value)
    s = str(value).strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):
        return float(s)
    if not GO_DURATION.match(s):
        return None
    unit = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * unit[u] for n, _, u in re.findall(r"([0-9]+(\.[0-9]+)?)(ns|us|µs|ms|s|m|h)", s))


def finish(problems: list[str], ok: str = "") -> int:
    for p in problems:
        print(p)
    if not problems and ok:
        print(ok)
    return 1 if problems else 0


# --------------------------------------------------------------------------------- compose

def compose_policy(path: str) -> int:
    p = Problems()
    compose_file = Path(path)
    doc = load_docs(compose_file)[0]
    services = doc.get("services") or {}
    p.need(bool(services), "no services")
    for name, svc in services.items():
        where = f"services.{name}"
        p.need(svc.get("restart") == "unless-stopped", f"{where}.restart is {svc.get('restart')!r}, want unless-stopped")
        hc = svc.get("healthcheck")
        if p.need(isinstance(hc, dict) and not hc.get("disable") and hc.get("test"), f"{where}: no healthcheck"):
            for key in ("interval", "timeout", "start_period", "start_interval"):
                if key in hc:
                    p.need(seconds(hc[key]) is not None, f"{where}.healthcheck.{key}: {hc[key]!r} is not a duration")
            test = hc["test"]
            p.need(not (isinstance(test, list) and test[0] == "NONE"), f"{where}: healthcheck disabled")
        dep = svc.get("deploy")
        if p.need(isinstance(dep, dict), f"{where}: no deploy: section (docker stack deploy)"):
            for key in ("replicas", "restart_policy", "resources"):
                p.need(key in dep, f"{where}.deploy.{key} missing")
            limits = ((dep.get("resources") or {}).get("limits") or {})
            p.need("memory" in limits, f"{where}.deploy.resources.limits.memory missing")
        image = svc.get("image")
        if p.need(bool(image), f"{where}: no image (stack deploy needs one, also with build:)"):
            ref = re.sub(r"\$\{[^}]*:-([^}]*)\}", r"\1", image)  # ${VAR:-default} → default
            tag = ref.rsplit("/", 1)[-1].partition(":")[2] if "@" not in ref else "digest"
            p.need(bool(tag) and tag != "latest", f"{where}.image {image!r}: pin a tag (not latest)")
        if "stop_grace_period" in svc:
            p.need(seconds(svc["stop_grace_period"]) is not None, f"{where}.stop_grace_period is not a duration")
        for vol in svc.get("volumes") or []:
            src = vol.split(":", 1)[0] if isinstance(vol, str) else (vol.get("source") or "")
            if src.startswith("./") or src.startswith("../"):
                p.need((compose_file.parent / src).exists(), f"{where}.volumes: {src} does not exist")

    app = services.get("atscore") or {}
    if p.need(bool(app), "no atscore service"):
        labels = app.get("labels") or {}
        if isinstance(labels, list):
            labels = dict(item.split("=", 1) for item in labels)
        p.need(str(labels.get("autoheal")).lower() == "true", "services.atscore: label autoheal=true missing")
        test = (app.get("healthcheck") or {}).get("test") or []
        p.need("healthcheck" in test and "atscore" in " ".join(map(str, test)),
               "services.atscore: healthcheck should run `atscore healthcheck`")
        env = app.get("environment") or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        drain = seconds(env.get("SHUTDOWN_TIMEOUT", 20)) or 20
        grace = seconds(app.get("stop_grace_period", "10s")) or 10
        p.need(grace > drain, f"services.atscore: stop_grace_period {grace:g}s must exceed SHUTDOWN_TIMEOUT {drain:g}s")
        p.need(str(env.get("BIND", "")).startswith("0.0.0.0:"), "services.atscore: BIND should be 0.0.0.0:PORT")
        ports = [str(x).rsplit(":", 1)[-1] for x in app.get("ports") or []]
        p.need("8080" in ports, "services.atscore: container port 8080 not published")
    p.need("autoheal" in services, "no autoheal service (restart: acts on exit only, not on unhealthy)")
    p.need("av" in (services.get("clamav") or {}).get("profiles", []), "services.clamav: profile av missing")
    p.need("postgres" in (services.get("postgres") or {}).get("profiles", []), "services.postgres: profile postgres missing")
    sp = seconds(((services.get("clamav") or {}).get("healthcheck") or {}).get("start_period", 0)) or 0
    p.need(sp >= 300, "services.clamav: healthcheck start_period should be >= 300s (signature download)")

    # deploy/prometheus/prometheus.yml must name compose services: atscore:8080, alertmanager:9093.
    prom = REPO / "deploy" / "prometheus" / "prometheus.yml"
    if prom.exists():
        cfg = load_docs(prom)[0]
        jobs = {j.get("job_name"): j for j in cfg.get("scrape_configs") or []}
        p.need("atscore" in jobs, "prometheus.yml: no scrape job named atscore (the SLO selector job=\"atscore\")")
        targets = [t for j in cfg.get("scrape_configs") or [] if j.get("job_name") != "prometheus"
                   for sc in j.get("static_configs") or [] for t in sc.get("targets") or []]
        for am in (cfg.get("alerting") or {}).get("alertmanagers") or []:
            targets += [t for sc in am.get("static_configs") or [] for t in sc.get("targets") or []]
        for t in targets:
            host = t.rsplit(":", 1)[0]
            p.need(host in services, f"prometheus.yml target {t}: no compose service {host!r}")
    return finish(p)


# ------------------------------------------------------------------------------ kubernetes

def schema_for(doc: dict) -> str | None:
    name = CRD_SCHEMAS.get((doc.get("apiVersion"), doc.get("kind")))
    return os.path.relpath(SCHEMAS / name) if name else None


def k8s_plan(files: list[str]) -> int:
    problems = []
    for f in files:
        docs = load_docs(Path(f))
        if not docs:
            problems.append(f"{f}: no YAML document")
            continue
        kinds = {(d.get("apiVersion"), d.get("kind")) for d in docs}
        schemas = {schema_for(d) for d in docs}
        if kinds <= CORE_KINDS:
            print(f"core\t{f}")
        elif len(schemas) == 1 and None not in schemas and len(docs) == 1:
            print(f"schema\t{schemas.pop()}\t{f}")
        else:
            unknown = sorted(f"{a}/{k}" for a, k in kinds if (a, k) not in CORE_KINDS and (a, k) not in CRD_SCHEMAS)
            problems.append(f"{f}: nothing validates {', '.join(unknown) or 'this mix of kinds (one CRD object per file)'}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def kustomization_file(d: Path) -> Path | None:
    for n in KUSTOMIZATION_NAMES:
        if (d / n).is_file():
            return d / n
    return None


def walk_kustomization(d: Path, p: Problems, stack: tuple = ()) -> list[dict]:
    """Resolve a kustomization like kustomize would (files only, no remote bases); return the
    objects it builds, patches applied only as far as the checks need (names, kinds)."""
    d = d.resolve()
    if d in stack:
        p.append(f"{d}: kustomization cycle")
        return []
    kf = kustomization_file(d)
    if kf is None:
        p.append(f"{d}: no kustomization.yaml")
        return []
    k = load_docs(kf)[0]
    rel = os.path.relpath(kf, REPO)
    objects: list[dict] = []
    listed: set[Path] = set()
    for r in k.get("resources") or []:
        if re.match(r"^[a-z]+://|^git@|github\.com/", r):
            p.append(f"{rel}: remote resource {r!r} (the build must work offline)")
            continue
        target = (d / r).resolve()
        listed.add(target)
        if target.is_dir():
            objects += walk_kustomization(target, p, stack + (d,))
        elif target.is_file():
            objects += load_docs(target)
        else:
            p.append(f"{rel}: resource {r!r} does not exist")
    for c in k.get("components") or []:
        target = (d / c).resolve()
        p.need(target.is_dir() and kustomization_file(target) is not None, f"{rel}: component {c!r} does not resolve")
    ids = {(o.get("kind"), (o.get("metadata") or {}).get("name")) for o in objects}
    for patch in k.get("patches") or []:
        if "path" in patch:
            target = (d / patch["path"]).resolve()
            listed.add(target)
            if not p.need(target.is_file(), f"{rel}: patch {patch['path']!r} does not exist"):
                continue
            if "target" not in patch:
                for doc in load_docs(target):
                    pid = (doc.get("kind"), (doc.get("metadata") or {}).get("name"))
                    p.need(pid in ids, f"{rel}: patch {patch['path']} targets {pid[0]}/{pid[1]}, which the build does not contain")
    for rep in k.get("replicas") or []:
        p.need(any(o.get("kind") in ("Deployment", "StatefulSet") and o["metadata"].get("name") == rep.get("name") for o in objects),
               f"{rel}: replicas: no Deployment/StatefulSet named {rep.get('name')!r}")
    images = {c.get("image", "").split("@")[0].rsplit(":", 1)[0] for o in objects for c in pod_containers(o)}
    for img in k.get("images") or []:
        p.need(img.get("name") in images, f"{rel}: images: no container uses image {img.get('name')!r}")
    # Nothing forgotten: every manifest beside the kustomization is listed (examples excepted),
    # and no Secret with data is part of the build.
    for f in sorted(d.glob("*.y*ml")):
        if f.name in KUSTOMIZATION_NAMES or f.name.endswith(".example.yaml"):
            if f.name.endswith(".example.yaml"):
                p.need(f.resolve() not in listed, f"{rel}: {f.name} is an example and must not be listed")
            continue
        p.need(f.resolve() in listed, f"{rel}: {f.name} is in the directory but not listed in resources/patches")
    for o in objects:
        if o.get("kind") == "Secret" and (o.get("data") or o.get("stringData")):
            p.append(f"{rel}: builds a Secret with data ({o['metadata'].get('name')}): never commit secrets")
    if k.get("namespace"):
        for o in objects:
            o.setdefault("metadata", {})
            if o.get("kind") != "Namespace":
                o["metadata"]["namespace"] = k["namespace"]
    return objects


def kustomize_check(dirname: str) -> int:
    p = Problems()
    objects = walk_kustomization(Path(dirname), p)
    p.need(bool(objects), f"{dirname}: builds no objects")
    return finish(p, f"{len(objects)} objects")


def pod_spec(o: dict) -> dict:
    if o.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
        return ((o.get("spec") or {}).get("template") or {}).get("spec") or {}
    return {}


def pod_containers(o: dict) -> list[dict]:
    s = pod_spec(o)
    return (s.get("containers") or []) + (s.get("initContainers") or [])


def matches(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def slo_job() -> str | None:
    spec = REPO / "deploy" / "slo" / "slos.yaml"
    if not spec.exists():
        return None
    m = re.search(r'job="([^"]+)"', str(load_docs(spec)[0].get("selector", "")))
    return m.group(1) if m else None


def xref(dirname: str) -> int:
    p = Problems()
    objects = walk_kustomization(Path(dirname), p)
    by_kind: dict[str, list[dict]] = {}
    for o in objects:
        by_kind.setdefault(o.get("kind"), []).append(o)
    workloads = by_kind.get("Deployment", []) + by_kind.get("StatefulSet", [])
    configmaps = {c["metadata"]["name"]: c for c in by_kind.get("ConfigMap", [])}
    example = REPO / "deploy" / "k8s" / "base" / "secret.example.yaml"
    secret_keys: dict[str, set] = {}
    if example.exists():
        for s in load_docs(example):
            secret_keys[s["metadata"]["name"]] = set((s.get("stringData") or {}) | (s.get("data") or {}))

    def pod_labels(w):
        return ((w["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}

    for w in workloads:
        name = f"{w['kind']}/{w['metadata']['name']}"
        p.need(matches(w["spec"]["selector"].get("matchLabels") or {}, pod_labels(w)),
               f"{name}: selector does not match its pod template labels")
        spec = pod_spec(w)
        sc = spec.get("securityContext") or {}
        p.need(sc.get("runAsNonRoot") is True, f"{name}: pod securityContext.runAsNonRoot must be true")
        for c in pod_containers(w):
            cn = f"{name} container {c['name']}"
            csc = c.get("securityContext") or {}
            p.need(csc.get("allowPrivilegeEscalation") is False, f"{cn}: allowPrivilegeEscalation must be false")
            p.need(csc.get("readOnlyRootFilesystem") is True, f"{cn}: readOnlyRootFilesystem must be true")
            p.need("ALL" in ((csc.get("capabilities") or {}).get("drop") or []), f"{cn}: capabilities must drop ALL")
            res = c.get("resources") or {}
            p.need("memory" in (res.get("limits") or {}), f"{cn}: no memory limit")
            p.need("cpu" in (res.get("requests") or {}), f"{cn}: no cpu request")
            port_names = {pt.get("name") for pt in c.get("ports") or []}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                pr = c.get(probe)
                if p.need(pr is not None, f"{cn}: no {probe}") and "httpGet" in pr:
                    port = pr["httpGet"].get("port")
                    p.need(isinstance(port, int) or port in port_names, f"{cn}: {probe} port {port!r} is not a container port")
            for ef in c.get("envFrom") or []:
                ref = (ef.get("configMapRef") or {}).get("name")
                if ref:
                    p.need(ref in configmaps, f"{cn}: envFrom ConfigMap {ref!r} is not in the build")
            for e in c.get("env") or []:
                sk = ((e.get("valueFrom") or {}).get("secretKeyRef")) or {}
                if sk:
                    p.need(sk.get("key") in secret_keys.get(sk.get("name"), set()),
                           f"{cn}: env {e['name']} reads Secret {sk.get('name')}/{sk.get('key')}, "
                           "which deploy/k8s/base/secret.example.yaml does not document")
                cm = ((e.get("valueFrom") or {}).get("configMapKeyRef")) or {}
                if cm:
                    p.need(cm.get("name") in configmaps, f"{cn}: env {e['name']} reads missing ConfigMap {cm.get('name')}")

    app = next((w for w in by_kind.get("Deployment", []) if w["metadata"]["name"] == "atscore"), None)
    if p.need(app is not None, "no Deployment atscore"):
        c = next(c for c in pod_containers(app) if c["name"] == "atscore")
        p.need(((c.get("livenessProbe") or {}).get("httpGet") or {}).get("path") == "/healthz", "atscore: livenessProbe must GET /healthz")
        p.need(((c.get("readinessProbe") or {}).get("httpGet") or {}).get("path") == "/readyz", "atscore: readinessProbe must GET /readyz")
        grace = pod_spec(app).get("terminationGracePeriodSeconds", 30)
        env = {}
        for ef in c.get("envFrom") or []:
            env.update((configmaps.get((ef.get("configMapRef") or {}).get("name")) or {}).get("data") or {})
        drain = seconds(env.get("SHUTDOWN_TIMEOUT", 20)) or 20
        pre = (((c.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
        pause = float(pre[1]) if len(pre) == 2 and pre[0] == "sleep" else 0.0
        p.need(grace > drain + pause, f"atscore: terminationGracePeriodSeconds {grace} must exceed "
                                      f"preStop {pause:g}s + SHUTDOWN_TIMEOUT {drain:g}s")
        p.need(str(env.get("BIND", "")).startswith("0.0.0.0:"), "atscore: ConfigMap BIND must listen on 0.0.0.0")
        app_labels = pod_labels(app)

    services = by_kind.get("Service", [])
    for s in services:
        sel = s["spec"].get("selector") or {}
        backing = [w for w in workloads if matches(sel, pod_labels(w))]
        if p.need(bool(backing), f"Service/{s['metadata']['name']}: selector matches no workload"):
            names = {pt.get("name") for w in backing for c in pod_containers(w) for pt in c.get("ports") or []}
            for pt in s["spec"].get("ports") or []:
                tp = pt.get("targetPort", pt.get("port"))
                p.need(isinstance(tp, int) or tp in names, f"Service/{s['metadata']['name']}: targetPort {tp!r} is no container port")
    for h in by_kind.get("HorizontalPodAutoscaler", []):
        ref = h["spec"]["scaleTargetRef"]
        p.need(any(w["kind"] == ref.get("kind") and w["metadata"]["name"] == ref.get("name") for w in workloads),
               f"HPA/{h['metadata']['name']}: scaleTargetRef {ref.get('kind')}/{ref.get('name')} is not in the build")
        p.need(h["spec"].get("minReplicas", 1) <= h["spec"]["maxReplicas"], f"HPA/{h['metadata']['name']}: minReplicas > maxReplicas")
        p.need(h["spec"].get("minReplicas", 1) >= 2, f"HPA/{h['metadata']['name']}: minReplicas < 2 (one node loss = outage)")
    for pdb in by_kind.get("PodDisruptionBudget", []):
        sel = (pdb["spec"].get("selector") or {}).get("matchLabels") or {}
        p.need(any(matches(sel, pod_labels(w)) for w in workloads), f"PDB/{pdb['metadata']['name']}: selector matches no workload")
    want_job = slo_job()
    for sm in by_kind.get("ServiceMonitor", []):
        sel = (sm["spec"].get("selector") or {}).get("matchLabels") or {}
        hit = [s for s in services if matches(sel, s["metadata"].get("labels") or {})]
        if p.need(bool(hit), f"ServiceMonitor/{sm['metadata']['name']}: selector matches no Service"):
            port_names = {pt.get("name") for s in hit for pt in s["spec"].get("ports") or []}
            for ep in sm["spec"].get("endpoints") or []:
                if "port" in ep:
                    p.need(ep["port"] in port_names, f"ServiceMonitor: endpoint port {ep['port']!r} is not a port of the Service")
                jobs = [r.get("replacement") for r in ep.get("relabelings") or []
                        if r.get("targetLabel") == "job" and r.get("action", "replace").lower() == "replace"]
                p.need(want_job is not None and jobs == [want_job],
                       f"ServiceMonitor: endpoints must relabel job to {want_job!r} (deploy/slo/slos.yaml selector), got {jobs}")

    # The chaos experiments must hit the atscore pods of this build.
    ns = next((o["metadata"].get("namespace") for o in objects if o.get("kind") == "Deployment"), None)
    chaos_dir = REPO / "deploy" / "k8s" / "chaos"
    if app is not None and chaos_dir.is_dir():
        for f in sorted(chaos_dir.glob("*.yaml")):
            for ch in load_docs(f):
                sel = (ch.get("spec") or {}).get("selector") or {}
                p.need(matches(sel.get("labelSelectors") or {}, app_labels), f"{f.name}: labelSelectors miss the atscore pods")
                if ns:
                    p.need(sel.get("namespaces") == [ns], f"{f.name}: selector.namespaces should be [{ns}]")
                    p.need((ch.get("metadata") or {}).get("namespace") == ns, f"{f.name}: metadata.namespace should be {ns}")
                if ch.get("kind") in ("NetworkChaos", "StressChaos"):
                    p.need("duration" in (ch.get("spec") or {}), f"{f.name}: no duration (the fault would last until deleted)")
    return finish(p, f"{len(objects)} objects cross-checked")


def split_rendered(path: str, outdir: str) -> int:
    yaml = _yaml()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    core, plan, problems = [], [], []
    for i, doc in enumerate(load_docs(Path(path))):
        key = (doc.get("apiVersion"), doc.get("kind"))
        if key in CORE_KINDS:
            core.append(doc)
        elif schema_for(doc):
            f = out / f"{i:02d}-{doc['kind'].lower()}.yaml"
            f.write_text(yaml.safe_dump(doc, sort_keys=False))
            plan.append(f"schema\t{schema_for(doc)}\t{f}")
        else:
            problems.append(f"rendered object {key[0]}/{key[1]}: nothing validates this kind")
    if core:
        f = out / "core.yaml"
        f.write_text(yaml.safe_dump_all(core, sort_keys=False))
        plan.insert(0, f"core\t{f}")
    for line in plan:
        print(line)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


# ------------------------------------------------------------------------------ Dockerfile

def dockerfile(path: str) -> int:
    p = Problems()
    text = Path(path).read_text(encoding="utf-8")
    lines, buf = [], ""
    for raw in text.splitlines():
        s = raw.strip()
        if not buf and (not s or s.startswith("#")):
            continue
        if s.startswith("#"):
            continue
        if s.endswith("\\"):
            buf += s[:-1] + " "
            continue
        lines.append(buf + s)
        buf = ""
    instrs = [(ln.split(None, 1)[0].upper(), (ln.split(None, 1) + [""])[1]) for ln in lines]
    stages: list[list[tuple[str, str]]] = []
    for ins in instrs:
        if ins[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(ins)
    p.need(bool(stages), "no FROM")
    aliases = set()
    for stage in stages:
        args = stage[0][1].split()
        image = next(a for a in args if not a.startswith("--"))
        if image not in aliases and image != "scratch":
            tag = image.rsplit("/", 1)[-1].partition(":")[2] if "@" not in image else "digest"
            p.need(bool(tag) and tag != "latest", f"FROM {image}: pin a tag (no implicit or explicit latest)")
        if "AS" in [a.upper() for a in args]:
            aliases.add(args[[a.upper() for a in args].index("AS") + 1])
    p.need(len(stages) >= 2, "not multi-stage: the runtime image would carry the toolchain")
    final = stages[-1] if stages else []
    users = [a for i, a in final if i == "USER"]
    p.need(bool(users), "final stage has no USER: it would run as root")
    if users:
        user = users[-1].split(":")[0].strip()
        p.need(user not in ("root", "0"), f"final USER is {user}: must not be root")
        p.need(not user.isdigit() or int(user) >= 1000, f"USER {user}: use an unprivileged uid (>= 1000)")
    hcs = [a for i, a in final if i == "HEALTHCHECK"]
    p.need(bool(hcs) and not hcs[-1].upper().startswith("NONE"), "final stage has no HEALTHCHECK")
    p.need(any(i == "EXPOSE" and "8080" in a for i, a in final), "no EXPOSE 8080")
    p.need(any(i == "STOPSIGNAL" and a.strip() == "SIGTERM" for i, a in final), "no STOPSIGNAL SIGTERM")
    ep = [a for i, a in final if i == "ENTRYPOINT"]
    p.need(bool(ep) and ep[-1].lstrip().startswith("["), "ENTRYPOINT must be exec form (signals reach the binary)")
    for i, a in instrs:
        p.need(not (i == "ADD" and re.search(r"https?://", a)), f"ADD {a}: fetch in a RUN step with checksums instead")
        if i == "RUN" and "apt-get install" in a:
            p.need("--no-install-recommends" in a, "apt-get install without --no-install-recommends")
            p.need("rm -rf /var/lib/apt/lists" in a, "apt lists not removed in the same RUN")
        if i == "RUN" and "cargo build" in a:
            p.need("--locked" in a, "cargo build without --locked")
    ignore = Path(path).parent / ".dockerignore"
    if p.need(ignore.exists(), ".dockerignore missing"):
        entries = {ln.strip().rstrip("/") for ln in ignore.read_text().splitlines() if ln.strip() and not ln.startswith("#")}
        for must in ("target", ".git", "tests/browser/node_modules"):
            p.need(must in entries, f".dockerignore should exclude {must}/")
    return finish(p)


# --------------------------------------------------------------------------------- systemd

def systemd_keys(path: str) -> int:
    p = Problems()
    sections: dict[str, dict[str, list[str]]] = {}
    cur = None
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        s = raw.strip()
        if not s or s[0] in "#;":
            continue
        if s.startswith("[") and s.endswith("]"):
            cur = sections.setdefault(s[1:-1], {})
            continue
        if cur is None or "=" not in s:
            p.append(f"unparsable line: {s}")
            continue
        k, v = s.split("=", 1)
        cur.setdefault(k.strip(), []).append(v.strip())
    svc = sections.get("Service", {})

    def last(k):
        return (svc.get(k) or [None])[-1]

    want = {"Type": "notify", "NotifyAccess": "main", "Restart": "always", "KillSignal": "SIGTERM",
            "NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes", "StateDirectory": "atscore"}
    for k, v in want.items():
        p.need(last(k) == v, f"[Service] {k}={last(k)}, want {v}")
    p.need((last("ExecStart") or "").startswith("/usr/local/bin/atscore serve"), "ExecStart must run /usr/local/bin/atscore serve")
    p.need(last("ProtectHome") in ("yes", "read-only", "tmpfs", "true"), "ProtectHome must be set")
    p.need("/var/lib/atscore" in " ".join(svc.get("ReadWritePaths") or []), "ReadWritePaths must include /var/lib/atscore")
    p.need(any(x.lstrip("-") == "/etc/atscore/atscore.env" for x in svc.get("EnvironmentFile") or []),
           "EnvironmentFile=-/etc/atscore/atscore.env missing")
    p.need(last("User") not in (None, "root", "0") or last("DynamicUser") in ("yes", "true"), "needs User= (not root) or DynamicUser=yes")
    p.need(last("MemoryMax") is not None, "MemoryMax missing")
    wd, stop, rs = (seconds(last(k) or "") for k in ("WatchdogSec", "TimeoutStopSec", "RestartSec"))
    p.need(wd is not None and wd > 0, "WatchdogSec missing: a hung server would never be restarted")
    p.need(rs is not None and rs <= 5, "RestartSec missing or over 5 s")
    families = " ".join(svc.get("RestrictAddressFamilies") or ["AF_UNIX"])
    p.need("AF_UNIX" in families, "RestrictAddressFamilies must keep AF_UNIX: sd_notify (READY=1, WATCHDOG=1) uses it")
    env_example = Path(path).with_name("atscore.env.example")
    drain = 20.0
    if p.need(env_example.exists(), f"{env_example.name} missing"):
        m = re.search(r"^SHUTDOWN_TIMEOUT=(\S+)", env_example.read_text(), re.M)
        drain = seconds(m.group(1)) if m else 20.0
    p.need(stop is not None and drain is not None and stop > drain, f"TimeoutStopSec ({last('TimeoutStopSec')}) must exceed SHUTDOWN_TIMEOUT ({drain:g}s)")
    p.need("multi-user.target" in " ".join(sections.get("Install", {}).get("WantedBy") or []), "[Install] WantedBy=multi-user.target missing")
    return finish(p)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, args = argv[1], argv[2:]
    table = {
        "compose-policy": lambda: compose_policy(args[0]),
        "k8s-plan": lambda: k8s_plan(args),
        "kustomize": lambda: kustomize_check(args[0]),
        "xref": lambda: xref(args[0]),
        "split-rendered": lambda: split_rendered(args[0], args[1]),
        "dockerfile": lambda: dockerfile(args[0]),
        "systemd-keys": lambda: systemd_keys(args[0]),
    }
    if cmd not in table:
        print(f"unknown subcommand {cmd}\n{__doc__}", file=sys.stderr)
        return 2
    try:
        return table[cmd]()
    except (KeyError, TypeError, IndexError, StopIteration, AttributeError, ValueError) as e:
        # A malformed manifest (missing metadata.name, a list where a map belongs) is a failure
        # of the check, reported, not a traceback.
        print(f"malformed input: {type(e).__name__}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
