// Every format writes as results arrive (one file at a time) and closes with the totals, so `lint` keeps
// nothing per file once it is written: memory stays flat however many files and findings there are.
import { totalsOf, type FileResult, type Totals } from '../results';

export interface FormatWriter {
  file(r: FileResult): void;
  end(totals: Totals): void;
}

/** The whole report at once (tests, small inputs): the same bytes as streaming. */
export function collect(make: (write: (s: string) => void) => FormatWriter, results: readonly FileResult[]): string {
  let out = '';
  const w = make((s) => (out += s));
  for (const r of results) w.file(r);
  w.end(totalsOf(results));
  return out;
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` levels down (strings never hold raw newlines). */
export function nestedJson(value: unknown, depth: number): string {
  const pad = ' '.repeat(2 * depth);
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}
