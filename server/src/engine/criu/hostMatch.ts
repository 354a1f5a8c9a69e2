// Does the checkpoint.host a manifest states match the checkpoint in the image it names (checkpoint.image)?
// Pure: the adapter reads the image (running `inspect`) and hands over what it found.
import { isScalar } from 'yaml';
import type { Manifest } from '../manifest/model';
import { asMap, getPair, scalarToString } from '../yaml/nodes';

/** The CPU `inspect --json` reported for the image's checkpoint. */
export interface ImageHost {
  /** The checkpoint's directory in the image. */
  checkpoint: string;
  model: string;
  microarchitecture: string;
  /** Canonical feature ids. */
  features: readonly string[];
}

export interface HostMatch {
  matches: boolean;
  differences: string[];
}

export function compareHost(m: Manifest, image: ImageHost): HostMatch {
  const differences: string[] = [];
  const host = asMap(m.host?.pair.value);
  const modelNode = getPair(host, 'model')?.value;
  const model = isScalar(modelNode) ? scalarToString(modelNode) : undefined;
  if (image.model && model !== image.model) differences.push(`model: the image records "${image.model}"${model ? `, the manifest says "${model}"` : ', the manifest states none'}`);
  const micro = m.host?.microarchitecture?.value;
  if (micro !== image.microarchitecture) differences.push(`microarchitecture: the image's CPU is ${image.microarchitecture}${micro ? `, the manifest says ${micro}` : ', the manifest states none'}`);
  const stated = new Set((m.host?.features?.items ?? []).map((r) => r.feature?.id ?? r.raw));
  const recorded = new Set(image.features);
  const lacking = [...recorded].filter((f) => !stated.has(f)).sort();
  const extra = [...stated].filter((f) => !recorded.has(f)).sort();
  const list = (l: string[]): string => `${l.slice(0, 8).join(', ')}${l.length > 8 ? `, and ${l.length - 8} more` : ''}`;
  if (lacking.length) differences.push(`features: ${lacking.length} the image records are not listed (${list(lacking)})`);
  if (extra.length) differences.push(`features: ${extra.length} listed that the image does not record (${list(extra)})`);
  return { matches: differences.length === 0, differences };
}

/** The hover paragraph for checkpoint.host. */
export function hostMatchMarkdown(m: Manifest, imagePath: string, image: ImageHost): string {
  const { matches, differences } = compareHost(m, image);
  const where = `\`${imagePath}\` (checkpoint \`${image.checkpoint}\`)`;
  if (matches) return `**Matches the checkpoint image** ${where}: ${image.microarchitecture}, ${image.features.length} features, as CRIU recorded them.`;
  return `**Does not match the checkpoint image** ${where}:\n\n${differences.map((d) => `- ${d}`).join('\n')}\n\nRun **CRIU: Import Checkpoint from Image…** or \`criu-portability inspect ${imagePath} --manifest FILE\` to write what the image says.`;
}
