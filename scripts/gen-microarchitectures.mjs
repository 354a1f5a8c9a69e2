#!/usr/bin/env node
// Generates the CPU catalogue's data modules from the facts in data/:
//   server/src/engine/catalog/generated/features.ts           (features per arch, every spelling)
//   server/src/engine/catalog/generated/microarchitectures.ts (archspec entries + POWER/IBM Z generations)
// Run: node scripts/gen-microarchitectures.mjs   (npm run gen:catalog). Output is committed;
// `--check` exits 1 when the committed modules are stale (test/unit/catalog-generated.test.ts).
// Fails loudly when a spelling would map to two features of one arch.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const readText = (p) => readFileSync(join(root, p), 'utf8');
const outDir = join(root, 'server/src/engine/catalog/generated');

const omr = readJson('data/omr-feature-constants.json');
const extra = readJson('data/features-extra.json');
const gens = readJson('data/generations.json');
const descriptions = readJson('data/feature-descriptions.json');
const archspec = readJson('data/archspec/microarchitectures.json');
const extraUarchs = readJson('data/microarchitectures-extra.json');
const cpuid = readJson('data/archspec/cpuid.json');

/** Same normalisation as the runtime lookup (catalog/normalize.ts). */
const norm = (s) => s.trim().toLowerCase().replace(/[-./ ]/g, '_');
const isRealName = (s) => !!s && s !== 'null' && s !== '?' && !s.startsWith('(') && s !== '—';

/** @type {Map<string, Map<string, any>>} arch -> id -> feature */
const features = new Map(['x86_64', 'aarch64', 'ppc64le', 's390x'].map((a) => [a, new Map()]));

function addFeature(arch, f) {
  const m = features.get(arch);
  if (m.has(f.id)) throw new Error(`duplicate feature id ${arch}/${f.id}`);
  m.set(f.id, {
    linux: undefined, omr: undefined, omrConstant: undefined, nfd: undefined,
    aliases: [], portable: false, jit: false, ...f,
  });
  return m.get(f.id);
}
const addAlias = (f, a) => { if (a && a !== f.id && !f.aliases.includes(a)) f.aliases.push(a); };

// ---------- x86_64: OMR constants (every naming scheme in the JSON rows) ----------
function x86Leaf(source) {
  // "CPUID.01H:EDX" | "CPUID.(EAX=07H,ECX=0):EBX"
  let m = /^CPUID\.([0-9A-F]+)H:(E[A-D]X)$/.exec(source);
  if (m) return { leaf: parseInt(m[1], 16), sub: 0, reg: m[2].toLowerCase() };
  m = /^CPUID\.\(EAX=([0-9A-F]+)H,ECX=(\d+)\):(E[A-D]X)$/.exec(source);
  if (m) return { leaf: parseInt(m[1], 16), sub: Number(m[2]), reg: m[3].toLowerCase() };
  return undefined;
}
const x86ByBit = new Map(); // "leaf/sub/reg/bit" -> feature
for (const r of omr.filter((r) => r.arch === 'x86')) {
  const linux = isRealName(r.linux_cpuinfo) ? r.linux_cpuinfo : undefined;
  const omrName = isRealName(r.omr_name) ? r.omr_name : undefined;
  if (!linux && !omrName) continue; // OMR placeholder constant with no real name
  const id = norm(linux ?? omrName);
  const nfd = r.klauspost ? r.klauspost.replace(/\*$/, '') : undefined;
  const leaf = x86Leaf(r.source);
  const bit = leaf ? `${r.source}[${r.bit}]` : `${r.source} bit ${r.bit}`;
  const f = addFeature('x86_64', {
    id, linux, omr: omrName, omrConstant: omrName ? r.constant : undefined, nfd: nfd || undefined, bit,
    portable: r.openj9_portable, jit: r.openj9_jit_utilized,
  });
  if (omrName && norm(omrName) !== omrName) addAlias(f, omrName); // avx10.1, avx10/128 keep their OMR form
  if (!omrName) addAlias(f, r.constant);
  if (leaf) x86ByBit.set(`${leaf.leaf}/${leaf.sub}/${leaf.reg}/${r.bit}`, f);
}

// ---------- x86_64: archspec cpuid.json names (aliases of OMR bits, or new features) ----------
const hex2 = (n) => n.toString(16).toUpperCase().padStart(2, '0');
function cpuidSource(input) {
  const { eax, ecx } = input;
  if (eax >= 0x80000000) return `CPUID.${eax.toString(16).toUpperCase()}H`;
  if (eax === 7 || eax === 13) return `CPUID.(EAX=${hex2(eax)}H,ECX=${ecx})`;
  return `CPUID.${hex2(eax)}H`;
}
const x86Nfd = extra.x86.nfd;
const x86LinuxOverride = extra.x86.linuxOverrides;
for (const group of [...cpuid.flags, ...cpuid['extension-flags']]) {
  for (const b of group.bits) {
    const key = `${group.input.eax}/${group.input.ecx}/${b.register}/${b.bit}`;
    const known = x86ByBit.get(key);
    if (known) { addAlias(known, b.name); continue; }
    const linux = x86LinuxOverride[b.name] ?? b.name;
    const id = norm(linux);
    const m = features.get('x86_64');
    if (m.has(id)) { if (b.name !== id) addAlias(m.get(id), b.name); continue; } // AMD mirrors of leaf 1 bits
    const f = addFeature('x86_64', {
      id, linux, nfd: x86Nfd[id], bit: `${cpuidSource(group.input)}:${b.register.toUpperCase()}[${b.bit}]`,
    });
    addAlias(f, b.name);
    x86ByBit.set(key, f);
  }
}
for (const e of extra.x86.extraBits) {
  if (!features.get('x86_64').has(e.id)) addFeature('x86_64', { id: e.id, linux: e.id, nfd: x86Nfd[e.id], bit: e.bit });
}
for (const [id, nfd] of Object.entries(x86Nfd)) {
  const f = features.get('x86_64').get(id);
  if (!f) throw new Error(`x86 nfd mapping for unknown feature ${id}`);
  f.nfd ??= nfd;
}
// archspec aliases: sse3 -> pni (ssse3 implies it), sse4.1 / sse4.2 are handled by normalisation.
addAlias(features.get('x86_64').get('pni'), 'sse3');
// archspec conversions.darwin_flags (macOS sysctl spellings) that name exactly one feature: AVX1.0, CLFSOPT, ...
for (const [darwin, linux] of Object.entries(archspec.conversions.darwin_flags)) {
  if (darwin.includes(' ') || linux.includes(' ')) continue;
  const f = features.get('x86_64').get(norm(linux));
  if (f && norm(darwin) !== f.id) addAlias(f, darwin);
}

// ---------- markdown tables for aarch64 / POWER / s390 ----------
function mdSection(text, heading) {
  const start = text.indexOf(heading);
  const rest = text.slice(start + heading.length);
  const end = rest.search(/\n## /);
  return (end < 0 ? rest : rest.slice(0, end)).split('\n')
    .filter((l) => l.startsWith('| OMR_FEATURE'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}
const otherMd = readText('data/other-arch-features.md');

// aarch64: | constant | idx | auxv word/bit | OMR name (= Linux) | NFD | JIT |
for (const [constant, , auxv, name, nfd, jit] of mdSection(otherMd, '## AArch64')) {
  addFeature('aarch64', {
    id: name, linux: name, omr: name, omrConstant: constant, nfd, bit: auxv, jit: jit === 'yes',
  });
}
for (const [id, word, bit, nfd, desc] of extra.aarch64.extra) {
  addFeature('aarch64', { id, linux: id, nfd: nfd ?? undefined, bit: `AT_HWCAP${word === 2 ? '2' : ''} bit ${bit}`, description: desc });
}
// OMR constant suffixes as aliases (LSE -> atomics, SHA256 -> sha2, DOTPROD -> asimddp, ...)
for (const f of features.get('aarch64').values()) {
  if (f.omrConstant) addAlias(f, f.omrConstant.replace('OMR_FEATURE_ARM64_', '').toLowerCase());
}
for (const [alias, id] of Object.entries(extra.aarch64.aliases)) addAlias(features.get('aarch64').get(id), alias);

// ppc64le: | constant | idx | auxv word / mask | OMR name | NFD | JIT |
const capFlags = extra.ppc64le.capFlags;
const ppcOmr = new Map();
for (const [constant, idx, , omrName, , jit] of mdSection(otherMd, '## POWER')) {
  ppcOmr.set(Number(idx), { constant, omrName: isRealName(omrName) ? omrName : undefined, jit: jit === 'yes' });
}
capFlags.forEach((token, idx) => {
  const o = ppcOmr.get(idx);
  if (!token) { if (o) throw new Error(`ppc OMR constant without Linux token at ${idx}`); return; }
  const word = idx < 32 ? 'AT_HWCAP' : 'AT_HWCAP2';
  const bitNo = idx % 32;
  const f = addFeature('ppc64le', {
    id: token, linux: token, omr: o?.omrName, omrConstant: o?.constant, nfd: extra.ppc64le.nfd[token],
    bit: `${word} bit ${bitNo} (0x${(2 ** bitNo).toString(16).padStart(8, '0')})`, jit: o?.jit ?? false,
  });
  if (o?.omrName) addAlias(f, o.omrName);
});
for (const [alias, id] of Object.entries(extra.ppc64le.aliases)) addAlias(features.get('ppc64le').get(id), alias);

// s390x: | constant | idx | STFLE bit / comment | OMR name | Linux token | NFD | JIT |
const s390Hwcap = extra.s390x.hwcap;
const s390ByConstant = new Map();
for (const [constant, , stfle, omrName, linuxTok, , jit] of mdSection(otherMd, '## s390x')) {
  const primary = extra.s390x.sameBit[constant];
  if (primary) continue; // folded into the primary constant below
  const linux = isRealName(linuxTok) ? linuxTok : undefined;
  const omrN = isRealName(omrName) ? omrName : undefined;
  const id = linux ?? omrN ?? extra.s390x.unnamedIds[constant];
  if (!id) throw new Error(`no id for ${constant}`);
  const stfleBit = /STFLE bit ([\d& ]+)/.exec(stfle)?.[1]?.trim();
  const hw = linux ? s390Hwcap[linux] : undefined;
  const bits = [stfleBit ? `STFLE bit ${stfleBit}` : undefined, hw ? `AT_HWCAP bit ${hw[0]}` : undefined].filter(Boolean);
  const f = addFeature('s390x', {
    id, linux, omr: omrN, omrConstant: constant, nfd: hw?.[1], bit: bits.join('; ') || 'AT_HWCAP', jit: jit === 'yes',
  });
  if (omrN) addAlias(f, omrN);
  s390ByConstant.set(constant, f);
}
for (const [second, primary] of Object.entries(extra.s390x.sameBit)) addAlias(s390ByConstant.get(primary), second);
for (const [tok, [bit, nfd]] of Object.entries(s390Hwcap)) {
  const m = features.get('s390x');
  if (!m.has(tok)) addFeature('s390x', { id: tok, linux: tok, nfd, bit: `AT_HWCAP bit ${bit}` });
}

// ---------- descriptions ----------
for (const [arch, m] of features) {
  const d = descriptions[arch] ?? {};
  for (const f of m.values()) {
    f.description ??= d[f.id] ?? `${f.id.toUpperCase()} feature (${f.bit})`;
  }
}

// ---------- microarchitectures ----------
const x86Implicit = extra.x86.implicitX8664;
const familyOf = (name) => {
  const e = archspec.microarchitectures[name];
  return e.from.length ? familyOf(e.from[0]) : name;
};
const resolveId = (arch, name) => {
  const m = features.get(arch);
  const n = norm(name);
  if (m.has(n)) return n;
  for (const f of m.values()) if ([f.id, ...f.aliases].some((a) => norm(a) === n)) return f.id;
  throw new Error(`archspec feature ${name} (${arch}) is not in the catalogue`);
};
const uarchs = [];
const keep = { x86_64: 'x86_64', aarch64: 'aarch64', ppc64le: 'ppc64le' };
for (const [name, e] of Object.entries(archspec.microarchitectures)) {
  const arch = keep[familyOf(name)];
  if (!arch) continue;
  const feats = new Set(e.features.map((f) => resolveId(arch, f)));
  if (arch === 'x86_64') {
    for (const f of x86Implicit) feats.add(f);
    if (feats.has('ssse3')) feats.add('pni'); // archspec feature_aliases: ssse3 implies sse3
    // AVX is only usable through XSAVE-managed state: software must see CPUID.1:ECX.OSXSAVE (which needs XSAVE)
    // before using AVX (Intel SDM Vol. 1, 14.3 "Detection of Intel AVX Instructions"). archspec lists xsave only
    // from x86_64_v3/haswell on, yet every AVX CPU (Sandy Bridge, Bulldozer) has it.
    if (feats.has('avx')) feats.add('xsave');
  }
  // cpupart: aarch64 MIDR part number; archspec host() keeps only candidates whose part matches the host's.
  uarchs.push({ name, arch, vendor: e.vendor, parents: e.from, features: feats, generation: e.generation, cpuPart: e.cpupart });
}
// POWER: archspec gives no feature lists; accumulate the kernel HWCAP facts along the parent chain.
const byName = new Map(uarchs.map((u) => [u.name, u]));
for (const name of ['ppc64le', 'power8le', 'power9le', 'power10le']) {
  const u = byName.get(name);
  const g = gens.ppc64le[name];
  const inherited = u.parents.flatMap((p) => [...byName.get(p).features]);
  u.features = new Set([...inherited, ...g.add.map((f) => resolveId('ppc64le', f))]);
  for (const r of g.remove ?? []) u.features.delete(r);
  u.displayName = name === 'ppc64le' ? 'Generic ppc64le' : `IBM POWER${u.generation}`;
}
// Microarchitectures archspec does not list (data/microarchitectures-extra.json, each with its source): their
// parents' features (or, with sameAs, another entry's) plus what they add. Detection leaves them out (detectable
// false): archspec's host() cannot name them, and detection answers as archspec does.
for (const arch of ['x86_64', 'aarch64', 'ppc64le']) {
  for (const [name, e] of Object.entries(extraUarchs[arch] ?? {})) {
    const base = e.sameAs ? [...byName.get(e.sameAs).features] : e.from.flatMap((p) => [...byName.get(p).features]);
    const u = {
      name, arch, vendor: e.vendor, parents: e.from, features: new Set([...base, ...e.add.map((f) => resolveId(arch, f))]),
      generation: e.generation, displayName: e.display, cpuPart: e.cpupart, detectable: false,
    };
    uarchs.push(u);
    byName.set(name, u);
  }
}
// IBM Z generations (hand-written facts in data/generations.json).
let prev;
for (const [name, g] of Object.entries(gens.s390x)) {
  if (name.startsWith('_')) continue;
  const feats = new Set([...(prev ? prev.features : []), ...g.add.map((f) => resolveId('s390x', f))]);
  const u = { name, arch: 's390x', vendor: 'IBM', parents: prev ? [prev.name] : [], features: feats, machineTypes: g.machineTypes, displayName: g.display };
  uarchs.push(u);
  prev = u;
}

// openj9Portable for POWER / Z: the capped processor's features (HTM cleared on POWER), domain-facts §1.1.
const PPC_PORTABLE_CLEARED = new Set(['htm', 'htm-nosc']); // OpenJ9 clears OMR_FEATURE_PPC_HTM
for (const id of byName.get('power8le').features) if (!PPC_PORTABLE_CLEARED.has(id)) features.get('ppc64le').get(id).portable = true;
for (const id of uarchs.find((u) => u.name === 'z10').features) features.get('s390x').get(id).portable = true;

// ---------- collision check: one spelling -> one feature per arch ----------
for (const [arch, m] of features) {
  const seen = new Map();
  for (const f of m.values()) {
    const names = [f.id, f.linux, f.omr, f.omrConstant, f.nfd, ...f.aliases].filter(Boolean).map(norm);
    for (const n of new Set(names)) {
      const other = seen.get(n);
      if (other && other !== f.id) throw new Error(`${arch}: spelling "${n}" maps to ${other} and ${f.id}`);
      seen.set(n, f.id);
    }
  }
}

// ---------- emit ----------
// The tables are written compactly (they are most of the server bundle's own data): one `|`-separated line per row,
// columns that follow from others left empty. catalog/tables.ts decodes them; `--rows` prints the decoded form this
// script computes, which test/unit/catalog-tables.test.ts compares with the decoder's output row for row.
const header = (what) => `// GENERATED by scripts/gen-microarchitectures.mjs from data/ (${what}). Do not edit; run \`npm run gen:catalog\`.\n// Sources and licences: NOTICE, data/features-extra.json, data/generations.json, data/archspec/.\n`;
/** A table cell: none of the characters the encoding or a template literal gives a meaning. */
const cell = (s) => {
  if (/[|\n\r`\\]|\$\{/.test(s)) throw new Error(`table cell ${JSON.stringify(s)} has a character the encoding reserves`);
  return s;
};
const OMR_CONSTANT_PREFIX = { x86_64: 'OMR_FEATURE_X86_', aarch64: 'OMR_FEATURE_ARM64_', ppc64le: 'OMR_FEATURE_PPC_', s390x: 'OMR_FEATURE_S390_' };

/** The rows in their decoded form: [arch, id, linux, omr, omrConstant, nfd, aliases, bit, description, flags]. */
const featureRows = [];
for (const [arch, m] of features) {
  for (const f of m.values()) {
    const named = new Set([f.id, f.linux, f.omr, f.omrConstant, f.nfd]);
    f.aliases = f.aliases.filter((a) => !named.has(a));
    featureRows.push([arch, f.id, f.linux, f.omr, f.omrConstant, f.nfd, f.aliases.join(' '), f.bit, f.description, (f.portable ? 1 : 0) | (f.jit ? 2 : 0)]);
  }
}
// linux, omr: empty = the id, `-` = none. omrConstant: empty = the arch's prefix + omr upper-cased (none without omr),
// `-` = none. nfd: empty = none, `^` = the id upper-cased. bit: `^N` = the previous row's with its last number N.
// flags: empty = 0.
const sameAsId = (v, id) => (v === undefined ? '-' : v === id ? '' : cell(v));
/** The previous row's bit with its last number replaced (`CPUID.01H:EDX[4]` -> `CPUID.01H:EDX[5]`). */
const nextBit = (previous, n) => previous.replace(/\d+(\]?)$/, `${n}$1`);
let previousBit = '';
const encodeFeature = ([arch, id, linux, omr, omrConstant, nfd, aliases, bit, description, flags]) => {
  if (bit.startsWith('^')) throw new Error(`feature ${arch}/${id}: a bit the encoding reserves`);
  const n = /(\d+)\]?$/.exec(bit)?.[1];
  const bitCell = n !== undefined && nextBit(previousBit, n) === bit ? `^${n}` : cell(bit);
  previousBit = bit;
  const derived = omr === undefined ? undefined : OMR_CONSTANT_PREFIX[arch] + omr.toUpperCase();
  const constant = omrConstant === derived ? '' : omrConstant === undefined ? '-' : cell(omrConstant);
  const nfdCell = nfd === undefined ? '' : nfd === id.toUpperCase() ? '^' : cell(nfd);
  for (const v of [id, linux, omr, omrConstant, nfd]) if (v === '' || v === '-' || v === '^') throw new Error(`feature ${arch}/${id}: a name the encoding reserves`);
  return [cell(id), sameAsId(linux, id), sameAsId(omr, id), constant, nfdCell, cell(aliases), bitCell, cell(description), flags ? String(flags) : ''].join('|');
};
let fout = header('features') + `import type { Arch } from '../types';\n\n` +
  `/** OMR constants are mostly this prefix + the OMR name upper-cased. */\n` +
  `export const OMR_CONSTANT_PREFIX: Readonly<Record<Arch, string>> = ${JSON.stringify(OMR_CONSTANT_PREFIX)};\n\n` +
  `/**\n * One line per feature (decoded by catalog/tables.ts): id|linux|omr|omrConstant|nfd|aliases (space separated)|bit|description|flags.\n` +
  ` * linux, omr: empty = the id, \`-\` = none. omrConstant: empty = OMR_CONSTANT_PREFIX + omr upper-cased (none without omr),\n` +
  ` * \`-\` = none. nfd: empty = none, \`^\` = the id upper-cased. bit: \`^N\` = the previous line's with its last number N.\n` +
  ` * flags (1 = OpenJ9 portable, 2 = JIT-utilized): empty = 0.\n */\n` +
  `export const FEATURE_TABLES: Readonly<Record<Arch, string>> = {\n`;
for (const arch of features.keys()) {
  fout += `  ${arch}: \`\n${featureRows.filter((r) => r[0] === arch).map(encodeFeature).join('\n')}\n\`,\n`;
}
fout += `};\n`;

/** [name, arch, vendor, parents (space separated), features (space separated, complete, sorted), generation, machine types, display name, aarch64 CPU part, detectable] */
const uarchRows = uarchs.map((u) => [u.name, u.arch, u.vendor, u.parents.join(' '), [...u.features].sort().join(' '), u.generation, u.machineTypes?.join(' '), u.displayName, u.cpuPart, u.detectable !== false]);
// arch, vendor: empty = the first parent's. features: what the row adds to the union of its parents' features, `-x`
// for one it drops (parents come first). generation, machine types, display name, CPU part: empty = none.
// detectable: empty = yes, `0` = no.
const decodedUarch = new Map();
const optional = (v) => (v === undefined ? '' : v === '' ? (() => { throw new Error('empty optional microarchitecture cell'); })() : cell(String(v)));
const encodeUarch = ([name, arch, vendor, parents, feats, generation, machineTypes, displayName, cpuPart, detectable]) => {
  const ps = parents ? parents.split(' ') : [];
  for (const p of ps) if (!decodedUarch.has(p)) throw new Error(`microarchitecture ${name}: parent ${p} must come first`);
  const first = decodedUarch.get(ps[0]);
  const inherited = new Set(ps.flatMap((p) => decodedUarch.get(p).features));
  const own = feats ? feats.split(' ') : [];
  if (own.some((f) => f.startsWith('-'))) throw new Error(`microarchitecture ${name}: a feature id starts with -`);
  const delta = [...own.filter((f) => !inherited.has(f)), ...[...inherited].filter((f) => !own.includes(f)).sort().map((f) => `-${f}`)];
  decodedUarch.set(name, { arch, vendor, features: own });
  return [cell(name), first?.arch === arch ? '' : cell(arch), first?.vendor === vendor ? '' : cell(vendor), cell(parents), cell(delta.join(' ')),
    optional(generation), optional(machineTypes), optional(displayName), optional(cpuPart), detectable ? '' : '0'].join('|');
};
let uout = header('microarchitectures: archspec x86_64/aarch64/ppc64le entries, POWER and IBM Z generations') +
  `\n/**\n * One line per microarchitecture (decoded by catalog/tables.ts): name|arch|vendor|parents (space separated)|features|\n` +
  ` * generation|machine types|display name|aarch64 CPU part|detectable (archspec host() can name it).\n` +
  ` * arch, vendor: empty = the first parent's. features: what it adds to the union of its parents' features, \`-x\` for one\n` +
  ` * it drops (parents come first). generation, machine types, display name, CPU part: empty = none. detectable: empty =\n` +
  ` * yes, \`0\` = no.\n */\n` +
  `export const MICROARCHITECTURE_TABLE = \`\n${uarchRows.map(encodeUarch).join('\n')}\n\`;\n`;
const aliasRows = Object.entries(extraUarchs.aliases).filter(([k]) => !k.startsWith('_'));
for (const [alias, a] of aliasRows) if (!byName.has(a.to)) throw new Error(`alias ${alias} names unknown ${a.to}`);
uout += `\n/** Names users type for cloud CPUs (data/microarchitectures-extra.json aliases): key without separators → [microarchitecture, label]. */\n` +
  `export const MICROARCHITECTURE_ALIASES: Readonly<Record<string, readonly [string, string]>> = ${JSON.stringify(Object.fromEntries(aliasRows.map(([k, a]) => [k, [a.to, a.label]])))};\n`;
uout += `\n/** NFD/klauspost X86_64_V* level definitions as catalogue ids (klauspost/cpuid X64Level). */\n` +
  `export const NFD_X86_LEVELS: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(
    Object.fromEntries(Object.entries(extra.x86.nfdLevels).map(([k, v]) => [k, v.map((f) => resolveId('x86_64', f))])))};\n`;

if (process.argv.includes('--rows')) {
  // The tables as rows (undefined as null), for the test that the decoder gives them back.
  process.stdout.write(JSON.stringify({ features: featureRows, microarchitectures: uarchRows }, (_k, v) => (v === undefined ? null : v)));
  process.exit(0);
}
const outputs = { 'features.ts': fout, 'microarchitectures.ts': uout };
if (process.argv.includes('--check')) {
  // CI/test mode: fail when the committed modules differ from what data/ generates.
  const stale = Object.entries(outputs).filter(([f, text]) => {
    try { return readFileSync(join(outDir, f), 'utf8') !== text; } catch { return true; }
  });
  if (stale.length) {
    console.error(`stale generated catalogue: ${stale.map(([f]) => f).join(', ')}; run npm run gen:catalog`);
    process.exit(1);
  }
  process.exit(0);
}
mkdirSync(outDir, { recursive: true });
for (const [f, text] of Object.entries(outputs)) writeFileSync(join(outDir, f), text);
const counts = [...features].map(([a, m]) => `${a}=${m.size}`).join(' ');
console.log(`catalogue: features ${counts}; microarchitectures ${uarchs.length}`);
