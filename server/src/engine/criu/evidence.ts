// Assembles what an image holds into one report: the checkpoints (directories holding CRIU images) with the
// CPU each recorded, the runtime and its release, the glibc release, each with where it was found.
import { decodeCpuinfo } from './cpuinfo';
import { checkpointCpu, type CheckpointCpu } from './cpuHost';
import { CriuImageError, INVENTORY_MAGIC, readImageEntries } from './imageFile';
import { glibcFromBanner, glibcFromFileName, interestOf, jdkFacts, libertyVersion, type InterestingFile, type JdkFacts } from './imageFacts';
import { decodeMessage } from './proto';

export type Runtime = 'openj9' | 'liberty' | 'crac';

export interface Fact<T = string> {
  value: T;
  /** Where in the image: `layer 3/7 (sha256:0a1b2c3d4e5f): /opt/java/openjdk/release (JVM_VERSION)`. */
  where: string;
}

/** A file the adapter kept because interestOf() named it. */
export interface CollectedFile {
  /** Path inside the image or directory, no leading slash. */
  path: string;
  /** Which layer (or `the directory`, `the file`) it came from. */
  origin: string;
  kind: InterestingFile;
  /** Content of small files (CRIU images, release and properties files). */
  bytes?: Uint8Array;
  /** Symlink target. */
  linkTarget?: string;
  /** libc.so.6: the release its banner names (the adapter scans the bytes as they stream past). */
  glibcBanner?: string;
}

export interface FoundCheckpoint {
  /** The directory holding the CRIU images. */
  dir: string;
  where: string;
  /** inventory_entry.img_version, when inventory.img is there. */
  imgVersion?: number;
  /** Absent when the directory has no cpuinfo.img (CRIU writes none on aarch64). */
  cpu?: CheckpointCpu;
}

export interface ImageEvidence {
  checkpoints: FoundCheckpoint[];
  runtime?: Fact<Runtime>;
  /** jvm.release of a manifest: the OpenJ9 release (openj9, liberty), the JDK version (crac). */
  jvmRelease?: Fact;
  javaVersion?: Fact;
  libertyVersion?: Fact;
  glibc?: Fact;
  notes: string[];
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const text = (b: Uint8Array | undefined): string => (b ? new TextDecoder('utf-8').decode(b) : '');
const at = (f: CollectedFile, detail?: string): string => `${f.origin}: /${f.path}${detail ? ` (${detail})` : ''}`;

export function assembleEvidence(files: readonly CollectedFile[]): ImageEvidence {
  const evidence: ImageEvidence = { checkpoints: findCheckpoints(files), notes: [] };
  const jdks = files
    .filter((f) => f.kind === 'jdk-release')
    .map((f) => ({ file: f, facts: jdkFacts(text(f.bytes)) }))
    .filter((j): j is { file: CollectedFile; facts: JdkFacts } => !!j.facts);
  const cracDirs = new Set(files.filter((f) => f.kind === 'crac-engine').map((f) => f.path.replace(/\/?lib\/criuengine$/, '')));
  const openj9 = jdks.find((j) => j.facts.vm === 'openj9');
  const crac = jdks.find((j) => cracDirs.has(dirOf(j.file.path)));
  const jdk = openj9 ?? crac ?? jdks[0];
  if (jdks.length > 1) evidence.notes.push(`The image holds ${jdks.length} JDKs (${jdks.map((j) => `/${dirOf(j.file.path)}`).join(', ')}); facts are taken from /${dirOf(jdk!.file.path)}.`);
  if (jdk) evidence.javaVersion = { value: jdk.facts.javaVersion!, where: at(jdk.file, 'JAVA_VERSION') };

  const props = files.find((f) => f.kind === 'liberty-properties' && libertyVersion(text(f.bytes)));
  if (props) evidence.libertyVersion = { value: libertyVersion(text(props.bytes))!, where: at(props, 'com.ibm.websphere.productVersion') };
  const libertyCheckpoint = evidence.checkpoints.find((c) => /(^|\/)workarea\/checkpoint\/image$/.test(c.dir));

  if (props || libertyCheckpoint) {
    evidence.runtime = { value: 'liberty', where: props ? at(props) : `${libertyCheckpoint!.where} (Liberty's workarea/checkpoint/image)` };
  } else if (openj9) {
    evidence.runtime = { value: 'openj9', where: at(openj9.file, openj9.facts.keys.filter((k) => k !== 'JAVA_VERSION').join(', ')) };
  } else if (crac) {
    const engine = files.find((f) => f.kind === 'crac-engine' && f.path.startsWith(dirOf(crac.file.path)))!;
    evidence.runtime = { value: 'crac', where: at(engine, 'the CRaC JDK\'s CRIU engine') };
  } else {
    evidence.notes.push('No OpenJ9, Liberty or CRaC runtime found (no JDK release file naming OpenJ9, no lib/versions/*.properties, no lib/criuengine).');
  }
  const rt = evidence.runtime?.value;
  if ((rt === 'openj9' || rt === 'liberty') && openj9?.facts.openj9Release) {
    evidence.jvmRelease = { value: openj9.facts.openj9Release, where: at(openj9.file, 'JVM_VERSION') };
  } else if (rt === 'crac' && crac) {
    evidence.jvmRelease = { value: crac.facts.javaVersion!, where: at(crac.file, 'JAVA_VERSION') };
  } else if (rt) {
    evidence.notes.push(`The ${rt} release was not found (${rt === 'crac' ? 'no release file beside lib/criuengine' : 'no JVM_VERSION="openj9-X.Y.Z" in a JDK release file'}).`);
  }

  evidence.glibc = glibcFact(files);
  if (!evidence.glibc) evidence.notes.push('No glibc found (no libc.so.6 with a glibc banner, no libc-X.Y.so): a musl or distroless image, or a directory without the root file system.');
  return evidence;
}

function findCheckpoints(files: readonly CollectedFile[]): FoundCheckpoint[] {
  const dirs = new Map<string, { inventory?: CollectedFile; cpuinfo?: CollectedFile }>();
  for (const f of files) {
    if (f.kind !== 'criu-inventory' && f.kind !== 'criu-cpuinfo') continue;
    const d = dirs.get(dirOf(f.path)) ?? {};
    if (f.kind === 'criu-inventory') d.inventory = f;
    else d.cpuinfo = f;
    dirs.set(dirOf(f.path), d);
  }
  const out: FoundCheckpoint[] = [];
  for (const [dir, { inventory, cpuinfo }] of [...dirs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const any = (inventory ?? cpuinfo)!;
    const c: FoundCheckpoint = { dir, where: dir ? `${any.origin}: /${dir}` : any.origin };
    if (inventory) c.imgVersion = inventoryVersion(inventory);
    if (cpuinfo) c.cpu = checkpointCpu(decodeCpuinfo(cpuinfo.bytes ?? new Uint8Array(), `/${cpuinfo.path}`), `/${cpuinfo.path}`);
    out.push(c);
  }
  return out;
}

export function inventoryVersion(f: Pick<CollectedFile, 'bytes' | 'path'>): number {
  const what = `/${f.path}`;
  const { entries } = readImageEntries(f.bytes ?? new Uint8Array(), INVENTORY_MAGIC, 'inventory', what);
  if (entries.length !== 1) throw new CriuImageError(`${what}: a CRIU inventory image holds one entry, this one ${entries.length}`);
  return Number(decodeMessage('inventory_entry', entries[0]!, what).img_version);
}

function glibcFact(files: readonly CollectedFile[]): Fact | undefined {
  for (const f of files) {
    if (f.kind !== 'libc') continue;
    if (f.glibcBanner) return { value: f.glibcBanner, where: at(f, 'its "release version" banner') };
    const fromLink = f.linkTarget ? glibcFromFileName(f.linkTarget) : undefined;
    if (fromLink) return { value: fromLink, where: at(f, `symlink to ${f.linkTarget}`) };
  }
  for (const f of files) {
    const v = f.kind === 'libc' ? glibcFromFileName(f.path) : undefined;
    if (v) return { value: v, where: at(f, 'file name') };
  }
  return undefined;
}

export { interestOf, glibcFromBanner };
