// "Add this host as a restore target": what to write so that the target describes this host truthfully. The
// detected microarchitecture alone is not enough: on a VM whose hypervisor hides one flag (`abm` on an AMD EPYC)
// detection falls back to x86_64_v2, which lacks aes and avx, and the new target would then "lack" features the
// host has. So the target is the detected microarchitecture plus the host's features it lacks that a checkpoint
// can depend on (the JIT uses them, glibc selects routines by them, or the manifest needs them); a target's
// `features` add to its microarchitecture's (manifest/requirements.ts targetFeatureIds).
import { lookupFeature, lookupMicroarchitecture } from '../catalog';
import { glibcRelevantFeatures } from '../manifest/glibc';
import type { Requirements } from '../manifest/requirements';
import type { Detection } from './detect';
import type { HostCpu } from './types';

export interface HostTarget {
  microarchitecture: string;
  /** Host features beyond the microarchitecture's that a checkpoint may use, canonical ids, sorted. */
  extraFeatures: string[];
}

export function hostTarget(host: HostCpu, detection: Detection, requirements?: Requirements): HostTarget {
  const micro = lookupMicroarchitecture(detection.microarchitecture);
  const glibc = glibcRelevantFeatures(host.arch);
  const extraFeatures = host.features.filter((id) => {
    if (micro?.features.has(id)) return false;
    if (requirements?.has(id)) return true;
    const f = lookupFeature(host.arch, id);
    return f !== undefined && (f.jitUtilized || f.openj9Portable || glibc.has(id));
  }).sort();
  return { microarchitecture: detection.microarchitecture, extraFeatures };
}
