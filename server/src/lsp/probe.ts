// The host probe over LSP: custom requests the VS Code command and status item call. The live probe reads
// /proc (or runs the fixed sysctl / PowerShell programs) once per server lifetime: a CPU does not change.
import type { Connection, WorkspaceEdit } from 'vscode-languageserver';
import { probeHost } from '../host/probeHost';
import { detect, hostReport, hostTarget, manifestFromHost, nodeAffinityForHost, verdictFor, verdictText, type HostCpu } from '../engine/probe';
import type { ManifestContext } from '../engine/rules/types';
import { manifestAt, type Analysis } from '../engine';
import { ProbeRequests } from '../protocol';
import { appendTargetEdit } from '../engine/probe/targetEdit';
import { objectParams, optionalLineParam, optionalStringParam, stringParam } from './params';

export class HostProbe {
  private pending: Promise<HostCpu> | undefined;

  /** Rejects with the probe's own message when this host cannot be read; the next call tries again. */
  get(): Promise<HostCpu> {
    if (!this.pending) {
      this.pending = probeHost();
      this.pending.catch(() => (this.pending = undefined));
    }
    return this.pending;
  }

  /** Features of this host, when already probed; hover uses it without waiting. */
  features: Set<string> | undefined;
}

export function registerProbe(
  connection: Connection,
  probe: HostProbe,
  manifests: () => Iterable<ManifestContext>,
  analysisOf: (uri: string) => Analysis | undefined,
  defaultBaseline: () => string | undefined = () => undefined,
): void {
  const host = async () => {
    const h = await probe.get();
    probe.features = new Set(h.features);
    return h;
  };

  connection.onRequest(ProbeRequests.probeHost, async () => hostReport(await host(), manifests()));

  // A file may hold several manifests: the host must restore every one of them; the text names what it lacks.
  connection.onRequest(ProbeRequests.hostVerdict, async (raw: unknown) => {
    const uri = stringParam(objectParams(raw, ProbeRequests.hostVerdict), 'uri', ProbeRequests.hostVerdict);
    const contexts = analysisOf(uri)?.manifests ?? [];
    if (contexts.length === 0) return null;
    const h = await host();
    const verdicts = contexts.map((ctx) => verdictFor(h, ctx));
    const worst = verdicts.find((v) => v.archMismatch) ?? verdicts.find((v) => !v.ok) ?? verdicts[0];
    const missing = [...new Set(verdicts.flatMap((v) => v.missing))].sort();
    return { ok: verdicts.every((v) => v.ok), text: verdictText({ ...worst, missing }), missing };
  });

  // Names are rendered as YAML scalars by the engine (quoted when they would not read back as the same string).
  connection.onRequest(ProbeRequests.manifestFromHost, async (raw: unknown) => {
    const name = raw === undefined || raw === null ? undefined : optionalStringParam(objectParams(raw, ProbeRequests.manifestFromHost), 'name', ProbeRequests.manifestFromHost);
    const h = await host();
    return { text: manifestFromHost(h, detect(h), name || 'my-service', defaultBaseline()) };
  });

  connection.onRequest(ProbeRequests.nodeAffinityForHost, async () => ({ text: nodeAffinityForHost(await host()) }));

  // `line` picks the manifest of a multi-document file (the one containing it); the first one otherwise.
  connection.onRequest(ProbeRequests.addHostAsTarget, async (raw: unknown): Promise<WorkspaceEdit | null> => {
    const method = ProbeRequests.addHostAsTarget;
    const params = objectParams(raw, method);
    const uri = stringParam(params, 'uri', method);
    const name = optionalStringParam(params, 'name', method);
    const line = optionalLineParam(params, 'line', method);
    const analysis = analysisOf(uri);
    const ctx = analysis && (line !== undefined ? manifestAt(analysis, line) : analysis.manifests[0]);
    if (!analysis || !ctx) return null;
    const h = await host();
    // The microarchitecture plus what the host has beyond it, so the new target passes its own check.
    const target = hostTarget(h, detect(h), ctx.requirements);
    const edit = appendTargetEdit(ctx, name || 'this-host', target.microarchitecture, target.extraFeatures);
    return edit ? { changes: { [uri]: [edit] } } : null;
  });
}
