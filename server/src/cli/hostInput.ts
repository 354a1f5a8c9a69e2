// The CPU a probe command describes: a capture given with --from (a file, or - for standard input), else
// this machine through the live probe.
import * as fs from 'node:fs';
import { parseAny, ProbeParseError, type HostCpu } from '../engine/probe/index';
import { HostProbeError, probeHost } from '../host/probeHost';
import { UsageError } from './usage';

export async function readHost(from: string | undefined): Promise<HostCpu> {
  if (from === undefined) {
    try {
      return await probeHost();
    } catch (e) {
      if (e instanceof HostProbeError) throw new UsageError(`${e.message} (use --from FILE with a capture)`);
      throw e;
    }
  }
  let text: string;
  try {
    text = from === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(from, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${from}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseAny(text);
  } catch (e) {
    if (e instanceof ProbeParseError) throw new UsageError(`${from}: ${e.message}`);
    throw e;
  }
}
