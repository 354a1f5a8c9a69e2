// "Add this host as a restore target": one text edit appending a target to restore.targets, in the document's
// own indentation (block sequences) or inline (flow sequences); creates restore/targets when absent. The target is
// a microarchitecture plus, when given, the features the host has beyond it (hostTarget.ts).
import { isSeq, type YAMLSeq } from 'yaml';
import type { ManifestContext } from '../manifest/context';
import type { TextEdit } from '../types';
import { renderScalar } from '../edit/text';

/** `rawName` is any string (a user typed it): it is rendered as a YAML scalar, quoted when plain would not do. */
export function appendTargetEdit(ctx: ManifestContext, rawName: string, microarchitecture: string, extraFeatures: readonly string[] = []): TextEdit | undefined {
  const { yaml, manifest } = ctx;
  const name = renderScalar(rawName, undefined, false);
  const flowName = renderScalar(rawName, undefined, true);
  const text = yaml.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const list = `[${extraFeatures.join(', ')}]`;
  // Block form: a comment says where the list comes from, since it reads like a mistake otherwise.
  const featuresLines = (indent: string) => extraFeatures.length
    ? `${eol}${indent}# what this host has beyond ${microarchitecture} that a checkpoint can use${eol}${indent}features: ${list}`
    : '';
  const seq = manifest.targetsPair?.value;
  if (isSeq(seq) && seq.items.length > 0 && !(seq as YAMLSeq).flow) {
    const first = seq.items[0] as { range?: [number, number, number] };
    const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] };
    if (!first.range || !last.range) return undefined;
    const itemCol = yaml.pos(first.range[0]).character; // column of the map inside "- "
    const dashCol = lineStartCol(text, first.range[0]);
    const end = endOfLine(text, last.range[1] > 0 ? last.range[1] - 1 : last.range[1]);
    const pad = ' '.repeat(dashCol);
    const inner = ' '.repeat(itemCol);
    const block = `${eol}${pad}-${' '.repeat(Math.max(1, itemCol - dashCol - 1))}name: ${name}${eol}${inner}microarchitecture: ${microarchitecture}${featuresLines(inner)}`;
    return { range: yaml.range(end, end), newText: block };
  }
  if (isSeq(seq) && (seq as YAMLSeq).flow && seq.range) {
    const close = seq.range[1] - 1; // the position of ']'
    const sep = seq.items.length > 0 ? ', ' : '';
    const features = extraFeatures.length ? `, features: ${list}` : '';
    return { range: yaml.range(close, close), newText: `${sep}{ name: ${flowName}, microarchitecture: ${microarchitecture}${features} }` };
  }
  // No targets yet: a targets key at the end of restore, or a restore block at the end of the document.
  const restoreEnd = (manifest.restorePair?.value as { range?: [number, number, number] } | null)?.range?.[1];
  const end = restoreEnd ?? ctx.document.range[1];
  const at = text.slice(0, end).trimEnd().length;
  const prefix = manifest.restorePair ? `${eol}  targets:` : `${eol}restore:${eol}  targets:`;
  return { range: yaml.range(at, at), newText: `${prefix}${eol}    - name: ${name}${eol}      microarchitecture: ${microarchitecture}${featuresLines('      ')}` };
}

function lineStartCol(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const dash = text.indexOf('-', lineStart);
  return dash >= lineStart && dash < offset ? dash - lineStart : 0;
}

function endOfLine(text: string, offset: number): number {
  let i = text.indexOf('\n', offset);
  if (i === -1) i = text.length;
  if (i > 0 && text[i - 1] === '\r') i--;
  return i;
}
