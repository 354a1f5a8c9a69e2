// Request params arrive as whatever the client sends: each handler checks the shape it relies on and answers
// InvalidParams instead of throwing a TypeError (or, worse, acting on a forged value).
import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver';

function invalid(why: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, why);
}

/** The params as an object; InvalidParams for null, arrays and scalars. */
export function objectParams(params: unknown, method: string): Record<string, unknown> {
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw invalid(`${method}: params must be an object`);
  return params as Record<string, unknown>;
}

export function stringParam(p: Record<string, unknown>, key: string, method: string): string {
  const v = p[key];
  if (typeof v !== 'string' || v === '') throw invalid(`${method}: ${key} must be a non-empty string`);
  return v;
}

export function optionalStringParam(p: Record<string, unknown>, key: string, method: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${method}: ${key} must be a string`);
  return v;
}

export function optionalLineParam(p: Record<string, unknown>, key: string, method: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (!isIndex(v)) throw invalid(`${method}: ${key} must be a non-negative integer`);
  return v;
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** A position of LSP shape (non-negative integers); its line within a document of `lineCount` lines. */
export function isPosition(p: unknown, lineCount = Infinity): p is Position {
  const q = p as Position | null;
  return !!q && typeof q === 'object' && isIndex(q.line) && isIndex(q.character) && q.line < lineCount;
}

/** A range of LSP shape whose start is not after its end, inside a document of `lineCount` lines. */
export function isRange(r: unknown, lineCount = Infinity): r is Range {
  const q = r as Range | null;
  if (!q || typeof q !== 'object' || !isPosition(q.start, lineCount) || !isPosition(q.end, lineCount)) return false;
  return q.start.line < q.end.line || (q.start.line === q.end.line && q.start.character <= q.end.character);
}

/** `params.textDocument.uri` of a text document request. */
export function documentUri(params: unknown, method: string): string {
  const td = objectParams(params, method).textDocument;
  return stringParam(objectParams(td, `${method} textDocument`), 'uri', method);
}

/** `params.position` of a text document position request, inside a document of `lineCount` lines. */
export function positionParam(params: unknown, method: string, lineCount?: number): Position {
  const p = objectParams(params, method).position;
  if (!isPosition(p, lineCount)) throw invalid(`${method}: position must be {line, character} of non-negative integers inside the document`);
  return p;
}
