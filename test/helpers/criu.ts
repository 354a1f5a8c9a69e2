// CRIU's own tools as the reference in tests: `crit` (Debian package `criu`, installed by .ci/run) encodes JSON
// into real CRIU images and decodes them back. Under CI=true a missing crit fails the test instead of skipping.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { X86_CAPABILITY_ROWS, CAPABILITY_WORDS } from '../../server/src/engine/criu/generated/criuImages';
import { lookupFeature } from '../../server/src/engine/catalog/index';

/** The reason crit cannot be used here, or undefined when it can. Throws under CI=true (CI must have it). */
export function critMissing(): string | undefined {
  const r = spawnSync('crit', ['--help'], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return undefined;
  const why = 'crit (Debian package criu) is not installed: run `apt-get install -y criu` (.ci/run does)';
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

/** Writes `json` (crit's JSON form of an image) as a binary CRIU image with `crit encode`. */
export function critEncode(json: unknown, out: string): void {
  const src = `${out}.json`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(src, JSON.stringify(json));
  execFileSync('crit', ['encode', '-i', src, '-o', out]);
  fs.rmSync(src);
}

/** `crit decode` of a binary image, as JSON. */
export function critDecode(file: string): { magic: string; entries: Record<string, unknown>[] } {
  return JSON.parse(execFileSync('crit', ['decode', '-i', file], { encoding: 'utf8' }));
}

/**
 * CRIU's x86 capability words (capability_ver 2: 19 words) with the bits of these /proc/cpuinfo flags set,
 * using CRIU's table; flags CRIU's table has no bit for are returned in `unrecorded`.
 */
export function capabilityWords(flags: readonly string[], version = 2): { words: number[]; unrecorded: string[] } {
  const words = new Array<number>(CAPABILITY_WORDS[version]!).fill(0);
  const byName = new Map(X86_CAPABILITY_ROWS.filter(([w, , n]) => n && w < words.length).map(([w, b, n]) => [n, [w, b] as const]));
  const unrecorded: string[] = [];
  for (const f of flags) {
    const at = byName.get(f);
    if (at) words[at[0]] = (words[at[0]]! | (1 << at[1])) >>> 0;
    else unrecorded.push(f);
  }
  return { words, unrecorded };
}

/** The `flags` line of an x86 /proc/cpuinfo capture, and its model fields. */
export function x86Capture(text: string): { flags: string[]; vendor: string; family: number; model: number; stepping: number; modelName: string } {
  const get = (k: string): string => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  return {
    flags: get('flags').split(/\s+/).filter(Boolean),
    vendor: get('vendor_id'),
    family: Number(get('cpu family')),
    model: Number(get('model')),
    stepping: Number(get('stepping') || '0'),
    modelName: get('model name'),
  };
}

/** Canonical ids of flags, as the catalogue names them. */
export function canonical(flags: readonly string[]): string[] {
  return [...new Set(flags.map((f) => lookupFeature('x86_64', f)?.id).filter((id): id is string => !!id))].sort();
}

/** crit's JSON for an x86 cpuinfo.img built from a capture. */
export function x86CpuinfoJson(capture: string, extra: { xsaveSize?: number; xfeatures?: number } = {}): { json: unknown; flags: string[]; unrecorded: string[] } {
  const c = x86Capture(capture);
  const { words, unrecorded } = capabilityWords(c.flags);
  const json = {
    magic: 'CPUINFO',
    entries: [
      {
        x86_entry: [
          {
            vendor_id: c.vendor === 'AuthenticAMD' ? 'AMD' : 'INTEL',
            cpu_family: c.family,
            model: c.model,
            stepping: c.stepping,
            capability_ver: 2,
            capability: words,
            model_id: c.modelName,
            xfeatures_mask: extra.xfeatures ?? 0x7,
            xsave_size: extra.xsaveSize ?? 832,
            xsave_size_max: extra.xsaveSize ?? 832,
          },
        ],
      },
    ],
  };
  return { json, flags: c.flags, unrecorded };
}
