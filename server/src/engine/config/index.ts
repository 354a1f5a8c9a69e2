// The project configuration file `.criu-portability.yaml` (pure: text in, config and errors out). The CLI
// and the language server read the file; both parse it here so they agree on what it means.
import type { ErrorObject } from 'ajv';
import { validateConfig as validateSchema } from '../generated/validators';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import schema from '../../../../schemas/criu-portability-config.schema.json';
import type { Arch } from '../catalog/types';
import { lookupMicroarchitecture, normalizeArch, resolveBaseline, ARCHES } from '../catalog/index';
import { allRuleMetas } from '../rules/index';
import { closestNames, didYouMean } from '../rules/describe';
import type { Range, SeveritySetting } from '../types';
import { withNodeBinaryTag } from '../yaml/binaryTag';

export const CONFIG_FILE_NAME = '.criu-portability.yaml';

export interface ProjectConfig {
  /** Severity per rule id, `off` included. */
  rules: Record<string, SeveritySetting>;
  /** .gitignore-style patterns, relative to the directory of the config file. */
  ignore: string[];
  defaults: { arch?: Arch; baseline?: string };
}

export interface ConfigError {
  message: string;
  /** Where in the config text (0-based, LSP style); absent when the whole file is at fault. */
  range?: Range;
}

export const EMPTY_CONFIG: ProjectConfig = Object.freeze({ rules: {}, ignore: [], defaults: {} }) as ProjectConfig;


export { schema as configSchema };

/** Parses and validates; on any error `config` is still the usable part (unknown rules dropped). */
export function parseProjectConfig(text: string): { config: ProjectConfig; errors: ConfigError[] } {
  const lines = new LineCounter();
  // logLevel 'error': toJS would print a warning of its own (to stderr, or the server's log) for a key that is a
  // collection, which the schema check below already reports as an error at its line.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error', customTags: withNodeBinaryTag });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  };
  const rangeOf = (node: Node | undefined): Range | undefined =>
    node?.range ? { start: at(node.range[0]), end: at(node.range[1]) } : undefined;

  const errors: ConfigError[] = doc.errors.map((e) => ({ message: e.message.split('\n')[0], range: { start: at(e.pos[0]), end: at(e.pos[1]) } }));
  if (errors.length) return { config: EMPTY_CONFIG, errors };

  // A config file is small and the alias cap guards against alias bombs, so plain toJS is safe here.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    return { config: EMPTY_CONFIG, errors: [{ message: (e as Error).message }] };
  }
  if (!validateSchema(data)) {
    for (const e of validateSchema.errors ?? []) errors.push({ message: schemaMessage(e), range: rangeOf(nodeFor(doc, e)) });
    return { config: EMPTY_CONFIG, errors };
  }

  const raw = data as { rules?: Record<string, SeveritySetting>; ignore?: string[]; defaults?: { arch?: string; baseline?: string } };
  const config: ProjectConfig = { rules: {}, ignore: raw.ignore ?? [], defaults: {} };
  const known = allRuleMetas().map((m) => m.id);
  for (const [id, severity] of Object.entries(raw.rules ?? {})) {
    if (known.includes(id)) {
      config.rules[id] = severity;
      continue;
    }
    const key = keyNode(doc, ['rules'], id);
    errors.push({ message: `rules: unknown rule id '${id}'.${didYouMean(closestNames(id, known))}`, range: rangeOf(key) });
  }
  const arch = raw.defaults?.arch ? normalizeArch(raw.defaults.arch) : undefined;
  if (arch) config.defaults.arch = arch;
  const baseline = raw.defaults?.baseline;
  if (baseline !== undefined) {
    const arches = arch ? [arch] : ARCHES;
    if (arches.some((a) => resolveBaseline(a, baseline))) config.defaults.baseline = baseline;
    else {
      const other = lookupMicroarchitecture(baseline);
      const why = other && arch ? ` (${other.name} is ${other.arch}, defaults.arch is ${arch})` : '';
      errors.push({
        message: `defaults.baseline: '${baseline}' is not a baseline${why}: use openj9-portable, an x86-64 level or a microarchitecture name.`,
        range: rangeOf(doc.getIn(['defaults', 'baseline'], true) as Node | undefined),
      });
    }
  }
  return { config, errors };
}

function schemaMessage(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key '${(e.params as { additionalProperty: string }).additionalProperty}'.`;
    case 'enum':
      return `${where}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'propertyNames':
      return `${where}: '${(e.params as { propertyName: string }).propertyName}' is not a rule id (lower-case words joined by '-').`;
    default:
      return `${where}: ${e.message ?? e.keyword}.`;
  }
}

/** The YAML node an ajv error is about: the offending key for unknown keys, else the value. */
function nodeFor(doc: Document, e: ErrorObject): Node | undefined {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const keys: (string | number)[] = path.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === 'additionalProperties') return keyNode(doc, keys, (e.params as { additionalProperty: string }).additionalProperty);
  if (e.keyword === 'propertyNames') return keyNode(doc, keys, (e.params as { propertyName: string }).propertyName);
  if (keys.length === 0) return (doc.contents as Node | null) ?? undefined;
  return (doc.getIn(keys, true) as Node | undefined) ?? undefined;
}

function keyNode(doc: Document, mapPath: (string | number)[], key: string): Node | undefined {
  const map = mapPath.length ? doc.getIn(mapPath, true) : doc.contents;
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key;
  }
  return undefined;
}

/** Project config first, then the overrides (VS Code settings, `--rule`): later wins per rule. */
export function mergeSeverities(
  ...layers: (Readonly<Record<string, SeveritySetting | undefined>> | undefined)[]
): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const layer of layers) for (const [id, s] of Object.entries(layer ?? {})) if (s) out[id] = s;
  return out;
}

/** `path:line:col: message` lines for a terminal or a log. */
export function formatConfigErrors(fileName: string, errors: readonly ConfigError[]): string {
  return errors
    .map((e) => (e.range ? `${fileName}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}` : `${fileName}: ${e.message}`))
    .join('\n');
}
