// CRIU's image file framing (checkpoint-restore/criu v3.19 lib/pycriu/images/images.py, criu/include/magic.h):
//   IMAGE ::= [IMG_COMMON_MAGIC | IMG_SERVICE_MAGIC] MAGIC { SIZE PAYLOAD }
// MAGIC and SIZE are 32-bit integers in the byte order of the host that wrote the image (little-endian on
// x86_64 and ppc64le, big-endian on s390x); PAYLOAD is one protobuf message. Pure: bytes in, entries out.

/** criu/include/magic.h. */
export const IMG_COMMON_MAGIC = 0x54564319;
export const IMG_SERVICE_MAGIC = 0x55105940;
export const INVENTORY_MAGIC = 0x58313116;
export const CPUINFO_MAGIC = 0x61404013;

/** A file that is not the CRIU image it was expected to be, or is cut short. */
export class CriuImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CriuImageError';
  }
}

export interface ImageEntries {
  littleEndian: boolean;
  entries: Uint8Array[];
}

/**
 * The protobuf payloads of a `kind` image (`cpuinfo`, `inventory`) whose magic must be `magic`; `what` names the
 * file in errors.
 */
export function readImageEntries(bytes: Uint8Array, magic: number, kind: string, what: string): ImageEntries {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = detectOrder(view, magic, kind, what);
  let at = 0;
  const first = view.getUint32(0, littleEndian);
  if (first === IMG_COMMON_MAGIC || first === IMG_SERVICE_MAGIC) at = 4;
  at += 4; // the image's own magic, checked by detectOrder
  const entries: Uint8Array[] = [];
  while (at < bytes.byteLength) {
    if (at + 4 > bytes.byteLength) throw new CriuImageError(`${what}: truncated CRIU ${kind} image: ${bytes.byteLength - at} stray byte(s) after entry ${entries.length}`);
    const size = view.getInt32(at, littleEndian);
    at += 4;
    if (size < 0 || at + size > bytes.byteLength) {
      throw new CriuImageError(`${what}: truncated CRIU ${kind} image: entry ${entries.length} declares ${size} bytes, ${bytes.byteLength - at} remain`);
    }
    entries.push(bytes.subarray(at, at + size));
    at += size;
  }
  return { littleEndian, entries };
}

/** Whether `bytes` begin as a CRIU image of `magic` (either byte order, with or without the common/service magic). */
export function hasMagic(bytes: Uint8Array, magic: number): boolean {
  return orderOf(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), magic) !== undefined;
}

/** The byte order (true: little-endian) in which the image starts with `magic`, if it does. */
function orderOf(view: DataView, magic: number): boolean | undefined {
  if (view.byteLength < 4) return undefined;
  for (const le of [true, false]) {
    const first = view.getUint32(0, le);
    if (first === magic) return le;
    if ((first === IMG_COMMON_MAGIC || first === IMG_SERVICE_MAGIC) && view.byteLength >= 8 && view.getUint32(4, le) === magic) return le;
  }
  return undefined;
}

function detectOrder(view: DataView, magic: number, kind: string, what: string): boolean {
  const le = orderOf(view, magic);
  if (le !== undefined) return le;
  if (view.byteLength < 8) throw new CriuImageError(`${what}: not a CRIU ${kind} image (${view.byteLength} byte(s), too short for its magic)`);
  const seen = view.getUint32(0, true).toString(16).padStart(8, '0');
  throw new CriuImageError(`${what}: not a CRIU ${kind} image (magic 0x${seen}, expected 0x${magic.toString(16)})`);
}
