// CRIU's protobuf messages, decoded with protobufjs (light build: the descriptors are generated at build
// time from data/criu/images/*.proto, so no .proto parser ships). Field names and enum names are kept as
// in CRIU's .proto files, which is also what `crit decode` prints.
import { Root, type Type } from 'protobufjs/light';
import { CRIU_PROTO_JSON } from './generated/criuImages';
import { CriuImageError } from './imageFile';

let root: Root | undefined;

function type(name: string): Type {
  root ??= Root.fromJSON(CRIU_PROTO_JSON as unknown as Parameters<typeof Root.fromJSON>[0]);
  return root.lookupType(name);
}

/** One message as a plain object: enums by name, 64-bit integers as decimal strings, repeated fields as arrays. */
export function decodeMessage(name: string, payload: Uint8Array, what: string): Record<string, unknown> {
  const t = type(name);
  try {
    const msg = t.decode(payload);
    return t.toObject(msg, { enums: String, longs: String, arrays: true }) as Record<string, unknown>;
  } catch (e) {
    throw new CriuImageError(`${what}: not a valid ${name} message (${(e as Error).message})`);
  }
}
