// A raw CPUID dump, one leaf a line: `eax_in, ecx_in, eax, ebx, ecx, edx` (decimal), the format of archspec's
// Windows captures (archspec-json tests/targets/windows-cpuid-*), read the way archspec's CpuidInfoCollector
// reads the instruction (archspec/archspec archspec/cpu/detect.py): vendor from leaf 0, basic leaves up to the
// highest basic leaf, extended leaves up to the highest extended one, each feature's bit from the catalogue.
import { featuresOf } from '../catalog';
import { ProbeParseError, type RawProbe } from './types';

type Regs = { eax: number; ebx: number; ecx: number; edx: number };
const LINE = /^\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;

export function isCpuidDumpText(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => LINE.test(l));
}

/** `CPUID.01H:ECX[0]`, `CPUID.(EAX=07H,ECX=0):EBX[5]`, `CPUID.80000001H:ECX[6]` → where the bit is. */
function location(bit: string): { leaf: number; sub: number; reg: keyof Regs; bit: number } | undefined {
  let m = /^CPUID\.([0-9A-F]+)H:(E[A-D]X)\[(\d+)\]$/.exec(bit);
  if (m) return { leaf: parseInt(m[1], 16), sub: 0, reg: m[2].toLowerCase() as keyof Regs, bit: Number(m[3]) };
  m = /^CPUID\.\(EAX=([0-9A-F]+)H,ECX=(\d+)\):(E[A-D]X)\[(\d+)\]$/.exec(bit);
  if (m) return { leaf: parseInt(m[1], 16), sub: Number(m[2]), reg: m[3].toLowerCase() as keyof Regs, bit: Number(m[4]) };
  return undefined;
}

function ascii(...words: number[]): string {
  return words.map((w) => String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff)).join('');
}

/**
 * archspec's cpuid.json names `syscall` at CPUID.80000001H:EDX bits 10 and 11; the catalogue keeps bit 10 (AMD K6),
 * Intel sets bit 11 (Linux X86_FEATURE_SYSCALL is 1*32+11). Both count, as in archspec.
 */
const ALSO_AT: Readonly<Record<string, string>> = { syscall: 'CPUID.80000001H:EDX[11]' };

export function readCpuidDump(text: string): RawProbe {
  const leaves = new Map<string, Regs>();
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [eaxIn, ecxIn, eax, ebx, ecx, edx] = m.slice(1).map(Number);
    leaves.set(`${eaxIn}/${ecxIn}`, { eax, ebx, ecx, edx });
  }
  const leaf0 = leaves.get('0/0');
  if (!leaf0) throw new ProbeParseError('CPUID dump without leaf 0 (the vendor and highest basic leaf)');
  const highestBasic = leaf0.eax;
  const highestExtended = leaves.get(`${0x80000000}/0`)?.eax ?? 0;
  const tokens: string[] = [];
  const set = (bit: string): boolean => {
    const where = location(bit);
    if (!where) return false;
    const limit = where.leaf >= 0x80000000 ? highestExtended : highestBasic;
    if (where.leaf > limit) return false;
    const regs = leaves.get(`${where.leaf}/${where.sub}`);
    return regs !== undefined && ((regs[where.reg] >>> where.bit) & 1) === 1;
  };
  for (const f of featuresOf('x86_64')) if (set(f.bit) || (ALSO_AT[f.id] !== undefined && set(ALSO_AT[f.id]))) tokens.push(f.id);
  const brandLeaves = [0x80000002, 0x80000003, 0x80000004].map((l) => leaves.get(`${l}/0`));
  const brand = highestExtended >= 0x80000004 && brandLeaves.every(Boolean)
    ? ascii(...brandLeaves.flatMap((r) => [r!.eax, r!.ebx, r!.ecx, r!.edx])).replace(/\0+$/, '').trim()
    : '';
  const vendor = ascii(leaf0.ebx, leaf0.edx, leaf0.ecx);
  return { arch: 'x86_64', vendor, model: brand || vendor, tokens, source: 'windows', notes: ['Read from a raw CPUID dump.'] };
}
