// `inspect PATH`: what kind of thing PATH is, and the evidence it holds. The I/O side; the decoding and the
// conclusions are the engine's (engine/criu/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeCpuinfo } from '../engine/criu/cpuinfo';
import { checkpointCpu } from '../engine/criu/cpuHost';
import { assembleEvidence, type CollectedFile, type ImageEvidence } from '../engine/criu/evidence';
import { CPUINFO_MAGIC, CriuImageError, hasMagic, INVENTORY_MAGIC } from '../engine/criu/imageFile';
import { scanArchive, scanOciLayout } from './archive';
import { InspectInputError } from './errors';

export type InputKind = 'cpuinfo-image' | 'criu-directory' | 'oci-layout' | 'docker-archive' | 'oci-archive' | 'rootfs-tar';

export interface InspectResult {
  path: string;
  kind: InputKind;
  evidence: ImageEvidence;
}

export { InspectInputError };

export async function inspectPath(p: string): Promise<InspectResult> {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    throw new InspectInputError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    if (st.isDirectory()) return await inspectDirectory(p);
    if (!st.isFile()) throw new InspectInputError(`${p}: not a file or directory`);
    const head = readHead(p);
    if (hasMagic(head, CPUINFO_MAGIC)) {
      const cpu = checkpointCpu(decodeCpuinfo(fs.readFileSync(p), p), p);
      const evidence: ImageEvidence = { checkpoints: [{ dir: path.dirname(p), where: p, cpu }], notes: ['Only the CPU: a cpuinfo.img alone says nothing of the runtime or glibc (inspect the image that holds it).'] };
      return { path: p, kind: 'cpuinfo-image', evidence };
    }
    if (hasMagic(head, INVENTORY_MAGIC)) return await inspectDirectory(path.dirname(p));
    const scanned = await scanArchive(p);
    return { path: p, kind: scanned.kind, evidence: withNotes(assembleEvidence(scanned.files), scanned.notes, p) };
  } catch (e) {
    if (e instanceof CriuImageError) throw new InspectInputError(e.message);
    throw e;
  }
}

async function inspectDirectory(dir: string): Promise<InspectResult> {
  if (fs.existsSync(path.join(dir, 'oci-layout')) && fs.existsSync(path.join(dir, 'index.json'))) {
    const scanned = await scanOciLayout(dir);
    return { path: dir, kind: 'oci-layout', evidence: withNotes(assembleEvidence(scanned.files), scanned.notes, dir) };
  }
  const files: CollectedFile[] = [];
  for (const [name, kind] of [['inventory.img', 'criu-inventory'], ['cpuinfo.img', 'criu-cpuinfo']] as const) {
    const f = path.join(dir, name);
    if (fs.existsSync(f)) files.push({ path: name, origin: path.resolve(dir), kind, bytes: fs.readFileSync(f) });
  }
  if (files.length === 0) throw new InspectInputError(`${dir}: neither a CRIU image directory (no inventory.img, no cpuinfo.img) nor an OCI image layout (no oci-layout, index.json)`);
  const evidence = assembleEvidence(files);
  for (const c of evidence.checkpoints) c.dir = path.resolve(dir);
  // A bare CRIU directory holds no root file system: runtime and glibc are not there to find.
  evidence.notes = ['A CRIU image directory holds the checkpoint only: inspect the container image for the runtime and glibc.'];
  return { path: dir, kind: 'criu-directory', evidence };
}

function withNotes(e: ImageEvidence, notes: string[], where: string): ImageEvidence {
  if (e.checkpoints.length === 0) {
    throw new InspectInputError(`${where}: no checkpoint in this image (no directory holding inventory.img or cpuinfo.img; Liberty keeps it in <server>/workarea/checkpoint/image, CRaC in the -XX:CRaCCheckpointTo directory)`);
  }
  e.notes.unshift(...notes);
  return e;
}

function readHead(p: string): Uint8Array {
  const fd = fs.openSync(p, 'r');
  try {
    const b = Buffer.alloc(8);
    const n = fs.readSync(fd, b, 0, 8, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
