#!/usr/bin/env node
// Extracts CRIU's x86 capability table (word, bit, /proc/cpuinfo name) from a CRIU checkout into
// data/criu/x86-capabilities.json. CRIU's header is GPL/LGPL: only the facts (positions and names) are kept.
// Run: git -C CRIU show v3.19:compel/arch/x86/src/lib/include/uapi/asm/cpu.h > /tmp/cpu.h
//      node scripts/extract-criu-x86-capabilities.mjs /tmp/cpu.h v3.19
// Names follow the kernel's convention that CRIU copied: the quoted name at the start of the comment
// ("pni"), an empty quoted name ("") for flags /proc/cpuinfo does not show, else the macro suffix in
// lower case.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [header, tag] = process.argv.slice(2);
if (!header || !tag) {
  console.error('usage: extract-criu-x86-capabilities.mjs CPU_H CRIU_TAG');
  process.exit(2);
}
const text = readFileSync(header, 'utf8');
const ncap = (name) => Number(new RegExp(`#define ${name}\\s+(\\d+)`).exec(text)[1]);
const rows = [];
for (const m of text.matchAll(/#define X86_FEATURE_(\w+)\s+\(\s*(\d+)\s*\*\s*32\s*\+\s*(\d+)\s*\)\s*(?:\/\*\s*(.*?)\*\/)?/g)) {
  const [, macro, word, bit, comment = ''] = m;
  const quoted = /^"([^"]*)"/.exec(comment.trim());
  const name = quoted ? quoted[1] : macro.toLowerCase();
  rows.push({ word: Number(word), bit: Number(bit), macro: `X86_FEATURE_${macro}`, name });
}
const out = {
  source: `checkpoint-restore/criu ${tag}: compel/arch/x86/src/lib/include/uapi/asm/cpu.h`,
  // capability_ver -> number of 32-bit words (NCAPINTS_V1, NCAPINTS_V2); criu/arch/x86/cpu.c ncapints[].
  capabilityVersions: { 1: ncap('NCAPINTS_V1'), 2: ncap('NCAPINTS_V2') },
  features: rows,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'data/criu/x86-capabilities.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${rows.length} features, versions ${JSON.stringify(out.capabilityVersions)}`);
