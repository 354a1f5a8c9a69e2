// POSIX sh quoting for text the generated guard script embeds (commands, manifest names).

/** One shell word: single-quoted, a `'` written as `'\''`. Every byte but NUL survives unchanged. */
export function shQuote(word: string): string {
  if (word.includes('\0')) throw new Error('a shell word cannot hold a NUL character');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Text for a `#` comment line: no line breaks, so nothing after it becomes code. */
export function shComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\r\n\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}
