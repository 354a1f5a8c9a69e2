// Decodes the generated catalogue tables. scripts/gen-microarchitectures.mjs writes them compactly, one `|`-separated
// line per row with the columns that follow from others left empty (the encoding is described above each table),
// because they were a tenth of the server bundle; test/unit/catalog-tables.test.ts checks that the rows decoded here
// equal the generator's own, row for row.
import type { Arch } from './types';

/** [arch, id, linux, omr, omrConstant, nfd, aliases (space separated), bit, description, flags (1 = OpenJ9 portable, 2 = JIT-utilized)] */
export type FeatureRow = readonly [Arch, string, string | undefined, string | undefined, string | undefined, string | undefined, string, string, string, number];

/** [name, arch, vendor, parents (space separated), features (space separated, complete, sorted), generation, machine types, display name, aarch64 CPU part, detectable] */
export type MicroarchitectureRow = readonly [string, Arch, string, string, string, number | undefined, string | undefined, string | undefined, string | undefined, boolean];

const linesOf = (table: string): string[][] => table.split('\n').filter((l) => l !== '').map((l) => l.split('|'));

export function decodeFeatureRows(tables: Readonly<Record<Arch, string>>, omrConstantPrefix: Readonly<Record<Arch, string>>): FeatureRow[] {
  const rows: FeatureRow[] = [];
  let previousBit = '';
  for (const arch of Object.keys(tables) as Arch[]) {
    for (const [id, linux, omrCell, constant, nfd, aliases, bitCell, description, flags] of linesOf(tables[arch])) {
      // `^N`: the previous line's bit with its last number replaced by N.
      const bit = bitCell.startsWith('^') ? previousBit.replace(/\d+(\]?)$/, `${bitCell.slice(1)}$1`) : bitCell;
      previousBit = bit;
      const omr = sameAsId(omrCell, id);
      const omrConstant = constant === '-' ? undefined : constant !== '' ? constant : omr === undefined ? undefined : omrConstantPrefix[arch] + omr.toUpperCase();
      rows.push([arch, id, sameAsId(linux, id), omr, omrConstant, nfd === '' ? undefined : nfd === '^' ? id.toUpperCase() : nfd, aliases, bit, description, Number(flags)]);
    }
  }
  return rows;
}

function sameAsId(cell: string, id: string): string | undefined {
  return cell === '-' ? undefined : cell === '' ? id : cell;
}

export function decodeMicroarchitectureRows(table: string): MicroarchitectureRow[] {
  const rows: MicroarchitectureRow[] = [];
  const byName = new Map<string, { arch: Arch; vendor: string; features: ReadonlySet<string> }>();
  for (const [name, archCell, vendorCell, parents, delta, generation, machineTypes, displayName, cpuPart, detectable] of linesOf(table)) {
    const ps = parents ? parents.split(' ').map((p) => byName.get(p)!) : [];
    const features = new Set(ps.flatMap((p) => [...p.features]));
    for (const f of delta ? delta.split(' ') : []) {
      if (f.startsWith('-')) features.delete(f.slice(1));
      else features.add(f);
    }
    const arch = (archCell || ps[0].arch) as Arch;
    const vendor = vendorCell || ps[0].vendor;
    byName.set(name, { arch, vendor, features });
    rows.push([name, arch, vendor, parents, [...features].sort().join(' '), generation ? Number(generation) : undefined,
      machineTypes || undefined, displayName || undefined, cpuPart || undefined, detectable !== '0']);
  }
  return rows;
}
