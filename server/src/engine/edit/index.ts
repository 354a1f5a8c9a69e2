// YAML edit helpers for quick fixes: text-preserving edits computed from parsed nodes and source offsets.
export * from './text';
export * from './sequence';
export * from './map';
export * from './locate';
export * from './fixes';
export * from './value';
