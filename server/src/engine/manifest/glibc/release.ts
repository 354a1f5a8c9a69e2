// glibc releases, as `checkpoint.glibc` states them ("2.34"). The model only needs to order them.

export interface GlibcRelease {
  major: number;
  minor: number;
}

/** The oldest release the model knows (x86 AVX-512 memmove and GLIBC_TUNABLES hwcaps arrived in 2.26). */
export const OLDEST: GlibcRelease = { major: 2, minor: 26 };

/**
 * One release on each side of every change the model knows about, oldest first. An unknown release is judged
 * as the worst of these: 2.26 (the `*_Usable` names, no XSAVEC tunable), 2.27 (`XSAVEC_Usable`), 2.32 (names
 * without `_Usable`), 2.33 (glibc-hwcaps directories), 2.34 (`-XSAVE`, EVEX routines),
 * 2.35 (AVX-VNNI ends Prefer_No_AVX512), 2.37 (SVE memcpy beyond A64FX), 2.38 (s390x tunable),
 * 2.39 (powerpc tunable, aarch64 MOPS), 2.40 (aarch64 prefer_sve_ifuncs).
 */
export const REPRESENTATIVE: readonly GlibcRelease[] = [
  [2, 26], [2, 27], [2, 32], [2, 33], [2, 34], [2, 35], [2, 37], [2, 38], [2, 39], [2, 40],
].map(([major, minor]) => ({ major, minor }));

/** `2.34`, `2.34.1`, `glibc-2.39`, `2.39-0ubuntu8` → { 2, 34 }; undefined when it names no 2.x release. */
export function parseGlibcRelease(text: string | undefined): GlibcRelease | undefined {
  const m = /^\s*(?:glibc[-\s]?)?(\d+)\.(\d+)(?:[.\-+~][\w.+~-]*)?\s*$/i.exec(text ?? '');
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major === 2 && minor <= 99 ? { major, minor } : undefined;
}

/** r >= major.minor */
export function atLeast(r: GlibcRelease, minor: number, major = 2): boolean {
  return r.major > major || (r.major === major && r.minor >= minor);
}

export function releaseText(r: GlibcRelease): string {
  return `${r.major}.${r.minor}`;
}
