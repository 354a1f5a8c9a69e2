// The CPU a probe command describes: a capture given with --from (a file, or - for standard input), else
// this machine through the live probe.
import { parseAny, ProbeParseError, type HostCpu } from '../engine/probe/index';
import { HostProbeError, probeHost } from '../host/probeHost';
import { UsageError } from './usage';
import { MAX_CAPTURE_BYTES, readRegularFile, readStdin } from './readInput';

export async function readHost(from: string | undefined): Promise<HostCpu> {
  if (from === undefined) {
    try {
      return await probeHost();
    } catch (e) {
      if (e instanceof HostProbeError) throw new UsageError(`${e.message} (use --from FILE with a capture)`);
      throw e;
    }
  }
  return hostFromCapture(from === '-' ? readStdin(MAX_CAPTURE_BYTES) : readRegularFile(from, 'capture', MAX_CAPTURE_BYTES).text, from);
}

/** The CPU a capture's text describes; `from` names it in the error. */
export function hostFromCapture(text: string, from: string): HostCpu {
  try {
    return parseAny(text);
  } catch (e) {
    if (e instanceof ProbeParseError) throw new UsageError(`${from}: ${e.message}`);
    throw e;
  }
}
