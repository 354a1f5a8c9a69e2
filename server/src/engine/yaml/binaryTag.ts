// `!!binary` read as yaml's Node build reads it, whichever of yaml's builds runs. esbuild.mjs bundles yaml's ES
// module build (about 18 KB smaller in each bundle than its CommonJS Node build); its binary tag decodes with atob:
// a Uint8Array, and an "Invalid character" error where the Node build's Buffer.from(text, 'base64') skips characters
// outside base64 and decodes the rest. With this tag the tests (run on sources, with the Node build) and the
// bundles read `!!binary` alike. No stringify: the engine never stringifies a parsed document.
import type { ScalarTag, Tags } from 'yaml';

const BINARY: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  default: false,
  identify: (value) => value instanceof Uint8Array,
  resolve: (text) => Buffer.from(text, 'base64'),
};

/** yaml's `customTags` option: the schema's tags, with `!!binary` resolved as by yaml's Node build. */
export function withNodeBinaryTag(tags: Tags): Tags {
  return [BINARY, ...tags.filter((t) => (typeof t === 'string' ? t !== 'binary' : t.tag !== BINARY.tag))];
}
