// LSP counts three line endings: `\n`, `\r\n` and a lone `\r` (old Mac files, some generators). The `yaml`
// parser and every position computation in the engine split at `\n` only, so a lone-CR file was one long line:
// no findings, completion on a line that did not exist. A lone `\r` becomes `\n` before anything reads the text:
// one character for one, so every offset (and every edit computed from it) is the same in the user's text,
// and LSP positions, which count the lone `\r` as a line break, come out right.

/** The text with each `\r` not followed by `\n` replaced by `\n` (same length, same offsets). */
export function withLineFeeds(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}
