// Reading what the CLI is given, safely: named inputs must be regular files (a FIFO blocks forever, /dev/zero never
// ends), nothing is read past a cap (standard input, config files and CPU captures included), and every failure is
// one line with exit 2 (UsageError), never a stack trace.
import * as fs from 'node:fs';
import { UsageError } from './usage';

const MB = 1024 * 1024;
/** Files to lint and standard input: far above the 5 MB the engine validates (larger ones are reported skipped). */
export const MAX_LINT_INPUT_BYTES = 64 * MB;
/** .criu-portability.yaml. */
export const MAX_CONFIG_BYTES = 1 * MB;
/** CPU captures: /proc/cpuinfo of a 512-CPU host is about 1 MB, a javacore a few MB. */
export const MAX_CAPTURE_BYTES = 32 * MB;

const CHUNK = 64 * 1024;

export interface ReadResult {
  text: string;
  /** Bytes in the file, when it is larger than the cap (then text is empty). */
  tooLarge?: number;
}

/** What kind of non-regular file a stat describes, in words. */
export function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export function ioCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * A named regular file as UTF-8, at most `max` bytes: over it, `tooLarge` when `overCap` is 'report', else a
 * UsageError. `what` names the file in messages ("config file", "capture").
 */
export function readRegularFile(file: string, what: string, max: number, overCap: 'report' | 'error' = 'error'): ReadResult {
  const r = readRegularBytes(file, what, max, overCap);
  return r.tooLarge !== undefined ? { text: '', tooLarge: r.tooLarge } : { text: r.bytes.toString('utf8') };
}

/** readRegularFile's bytes, for binary inputs (a CRIU cpuinfo.img). */
export function readRegularBytes(file: string, what: string, max: number, overCap: 'report' | 'error' = 'error'): { bytes: Buffer; tooLarge?: number } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${ioCode(e)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`cannot read ${what} ${file}: ${kindOf(stat)}, not a regular file`);
    if (stat.size > max) {
      if (overCap === 'report') return { bytes: Buffer.alloc(0), tooLarge: stat.size };
      throw new UsageError(`${what} ${file} is larger than ${max / MB} MB (${stat.size} bytes)`);
    }
    // The size can change while reading (a file being written): read to the cap, never past it.
    return { bytes: readCapped(fd, max, () => new UsageError(`${what} ${file} grew past ${max / MB} MB while being read`)) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${what} ${file}: ${ioCode(e)}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** readRegularFile for many files read ahead concurrently (lint); over the cap, `tooLarge`. */
export async function readRegularFileAsync(file: string, max: number): Promise<ReadResult> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot read file ${file}: ${ioCode(e)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UsageError(`cannot read file ${file}: ${kindOf(stat)}, not a regular file`);
    if (stat.size > max) return { text: '', tooLarge: stat.size };
    return { text: await handle.readFile('utf8') };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read file ${file}: ${ioCode(e)}`);
  } finally {
    await handle.close();
  }
}

/** Standard input as UTF-8, at most `max` bytes (a UsageError past it). */
export function readStdin(max: number, what = 'standard input'): string {
  // /dev/stdin opens the same pipe or file afresh in blocking mode (fd 0 may be non-blocking: EAGAIN).
  let fd = 0;
  let opened = false;
  try {
    fd = fs.openSync('/dev/stdin', 'r');
    opened = true;
  } catch {
    // Not on Linux or no /dev/stdin: fd 0 as it is.
  }
  try {
    return readCapped(fd, max, () => new UsageError(`${what} is larger than ${max / MB} MB`)).toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${what}: ${ioCode(e)}`);
  } finally {
    if (opened) fs.closeSync(fd);
  }
}

function readCapped(fd: number, max: number, tooLarge: () => UsageError): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, CHUNK, null);
    } catch (e) {
      // A non-blocking descriptor with nothing yet: wait a moment and read again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw tooLarge();
    chunks.push(n === CHUNK ? buf : buf.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}
