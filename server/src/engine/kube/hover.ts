// Hover docs inside Kubernetes YAML (NFD labels, capabilities, env vars, JVM options, arch values).
import { isScalar, visit, type Scalar } from 'yaml';
import type { Analysis } from '../analyze';
import type { Position } from '../types';
import type { WorkspaceView } from '../workspace';
import { ARCHES, NFD_CPUID_LABEL_PREFIX, lookupNfdName, nfdLevelImplying, nfdPublishedByDefault, normalizeArch } from '../catalog';
import { CAPABILITY_DOCS } from '../catalog/capabilities';
import { JVM_OPTION_VARS, lookupEnvVar } from '../catalog/envVars';
import { jvmOptionDoc, lookupJvmOption } from '../catalog/jvmOptions';
import { asOpenJ9Release, openj9JitMode, semeruTagRelease, SEMERU_SOURCE } from '../catalog/runtimeReleases';
import { offsetOnLine } from '../edit/text';
import { scalarTokens } from './jvmTokens';
import { invalidOption } from './jvmChecks';
import { ARCH_LABELS, GOARCH } from './constraints';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range?: import('../types').Range;
}

export function kubeHover(analysis: Analysis, pos: Position, _workspace?: WorkspaceView): HoverResult | undefined {
  const offset = offsetOnLine(analysis.yaml, pos);
  if (offset === undefined) return undefined;
  const hit = scalarAt(analysis, offset);
  if (!hit) return undefined;
  const { node, text } = hit;
  const range = analysis.yaml.range(node.range![0], node.range![1]);
  if (text.startsWith(NFD_CPUID_LABEL_PREFIX)) {
    const doc = nfdLabelDoc(text.slice(NFD_CPUID_LABEL_PREFIX.length));
    return doc ? { contents: doc, range } : undefined;
  }
  if (ARCH_LABELS.includes(text)) {
    return { contents: `**${text}**\n\nSet by the kubelet on every node to Go's \`runtime.GOARCH\`: \`amd64\`, \`arm64\`, \`ppc64le\`, \`s390x\`. A checkpoint restores only on the architecture it was taken on: pin it.`, range };
  }
  const release = imageRelease(text);
  if (release) return { contents: release, range };
  const cap = text.replace(/^CAP_/i, '').toUpperCase();
  if (CAPABILITY_DOCS[cap] && /^(CAP_)?[A-Z_]+$/.test(text)) return { contents: `**${cap}**\n\n${CAPABILITY_DOCS[cap]}`, range };
  const env = lookupEnvVar(text);
  if (env) return { contents: `**${env.name}**\n\n${env.doc}\n\nSource: ${env.source}`, range };
  const arch = (Object.entries(GOARCH) as [string, string][]).find(([, g]) => g === text);
  if (arch && analysis.text.includes('arch')) {
    return { contents: `**${text}**: Kubernetes/Go name of ${arch[0]}. Checkpoint manifests say \`arch: ${arch[0]}\`.`, range };
  }
  if (hit.jvmVariable) {
    for (const t of scalarTokens(node, analysis.text)) {
      if (offset < t.span[0] || offset > t.span[1]) continue;
      const o = lookupJvmOption(t.text);
      const r = analysis.yaml.range(t.span[0], t.span[1]);
      if (o) return { contents: jvmOptionDoc(o), range: r };
      const bad = invalidOption(t.text);
      if (bad) return { contents: `**${t.text}** ${bad.reason}.${bad.replacement ? ` Did you mean \`${bad.replacement}\`?` : ''}`, range: r };
      return undefined;
    }
  }
  return undefined;
}

export function nfdLabelDoc(name: string): string | undefined {
  const parts: string[] = [];
  for (const arch of ARCHES) {
    const n = lookupNfdName(arch, name);
    if (!n) continue;
    if (n.kind === 'level') {
      parts.push(`**cpu-cpuid.${name}** (x86_64): the x86-64 psABI level, published by NFD 0.19+ (klauspost/cpuid X64Level). Implies: ${[...n.features].sort().join(', ')}.`);
      continue;
    }
    const f = n.feature;
    const published = nfdPublishedByDefault(name);
    const level = arch === 'x86_64' ? nfdLevelImplying(f.id) : undefined;
    parts.push([
      `**cpu-cpuid.${name}** (${arch}): \`${f.id}\` ${f.description}`,
      `CPUID/HWCAP: ${f.bit}`,
      published ? 'Published by NFD with its default configuration.' : `**Not published by default** (NFD attributeBlacklist): a required label never matches unless allow-listed.`,
      level ? `Implied by cpu-cpuid.${level}.` : '',
    ].filter(Boolean).join('\n\n'));
  }
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

/** The scalar under the cursor in a non-manifest document, and whether it is a JVM option variable's value. */
function scalarAt(analysis: Analysis, offset: number): { node: Scalar; text: string; jvmVariable: boolean } | undefined {
  for (const doc of analysis.otherDocuments) {
    const r = doc.range;
    if (offset < r[0] || offset > r[2]) continue;
    let found: { node: Scalar; text: string; jvmVariable: boolean } | undefined;
    visit(doc, {
      Pair(_, pair) {
        if (found) return visit.BREAK;
        const v = pair.value;
        if (!isScalar(v) || !v.range || offset < v.range[0] || offset > v.range[1]) return undefined;
        if (isScalar(pair.key) && pair.key.value === 'value' && typeof v.value === 'string') {
          // A JVM option variable's value: its sibling `name` says which variable.
          found = { node: v, text: v.value, jvmVariable: /(^|\s)-[XD]/.test(v.value) && JVM_OPTION_VARS.some((n) => analysis.text.includes(n)) };
        }
        return undefined;
      },
      Scalar(_, node) {
        if (found) return visit.BREAK;
        if (!node.range || offset < node.range[0] || offset > node.range[1]) return undefined;
        const text = typeof node.value === 'string' ? node.value : undefined;
        if (text !== undefined) found = { node, text, jvmVariable: /(^|\s)-[XD]/.test(text) };
        return visit.BREAK;
      },
    });
    if (found) return found;
  }
  return undefined;
}

export { normalizeArch };

/**
 * An `ibm-semeru-runtimes` image (`ibm-semeru-runtimes:open-17.0.9_9-jre`): the OpenJ9 release its tag names, and
 * what that release's JIT compiles before a checkpoint. Undefined for other images and unknown builds.
 */
export function imageRelease(image: string): string | undefined {
  const m = /(?:^|\/)ibm-semeru-runtimes:([^@\s]+)/.exec(image);
  if (!m) return undefined;
  const r = semeruTagRelease(m[1]);
  if (!r) return `**${image}**\n\nThis tag names no IBM Semeru build the catalogue knows, so its OpenJ9 release is unknown: state \`jvm.release\` in the checkpoint manifest.`;
  const mode = openj9JitMode(asOpenJ9Release(r.release)!);
  const jit = mode === 'portable'
    ? 'its JIT compiles portable code before a checkpoint'
    : 'its JIT compiles for the checkpoint host unless the checkpoint runs with -XX:+JVMPortableRestoreMode (OpenJ9 0.41 to 0.49)';
  return `**${image}**\n\nIBM Semeru build ${r.build}: OpenJ9 ${r.release}; ${jit}. Source: ${SEMERU_SOURCE}.`;
}
