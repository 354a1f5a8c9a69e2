// Container image references, normalised the way Docker resolves them, so `nginx`, `docker.io/library/nginx`
// and `index.docker.io/library/nginx:latest` compare equal.

export interface ImageRef {
  /** registry/path, registry lower-cased, docker.io defaults applied. */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (!text || /\s/.test(text) || text.includes('$(') || text.includes('{{')) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1).toLowerCase();
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!.toLowerCase();
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (!parts.every((p) => p.length > 0)) return undefined;
  return { name: `${registry}/${parts.join('/')}`, tag, digest };
}

/**
 * Does a container's image run the manifest's image? A manifest digest must match exactly; a manifest tag must
 * match the container's tag (no tag and no digest means `latest`); a manifest without tag matches any tag.
 */
export function imageMatches(manifestImage: string, containerImage: string): boolean {
  const m = parseImage(manifestImage);
  const c = parseImage(containerImage);
  return !!m && !!c && refMatches(m, c);
}

/** imageMatches on parsed references. */
export function refMatches(m: ImageRef, c: ImageRef): boolean {
  if (m.name !== c.name) return false;
  if (m.digest) return c.digest === m.digest;
  if (m.tag) return (c.tag ?? (c.digest ? undefined : 'latest')) === m.tag;
  return true;
}
