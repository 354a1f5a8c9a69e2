// `key : value` reading shared by the /proc/cpuinfo, LD_SHOW_AUXV and sysctl parsers.

/**
 * First value of every key, keys trimmed and kept verbatim. /proc/cpuinfo repeats keys per
 * processor; like archspec's `proc_cpuinfo()` (archspec/cpu/detect.py) the first processor wins.
 */
export function readKeyValues(text: string, separator = ':'): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (!key || values.has(key)) continue;
    values.set(key, line.slice(at + separator.length).trim());
  }
  return values;
}

export function words(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter((w) => w.length > 0) : [];
}
