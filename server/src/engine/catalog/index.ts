// The CPU catalogue: features per arch (every spelling), microarchitectures, baselines, NFD names.
export * from './types';
export { normalizeArch, normalizeName } from './normalize';
export {
  featuresOf, lookupFeature, lookupFeatureAnyArch, canonicalFeatureId, suggestFeatures, spellingsOf,
} from './features';
export {
  lookupMicroarchitecture, aliasLabel, microarchitecturesOf, ancestorsOf, trackedFeatures, trackedFor, addedOverParents, suggestMicroarchitectures,
  firstMicroarchitecturesWith, oldestCovering, x86Level, type X86Level,
} from './microarchitectures';
export { resolveBaseline, baselineNames, OPENJ9_PORTABLE } from './baselines';
export {
  NFD_CPUID_LABEL_PREFIX, NFD_DENYLIST, NFD_LEVELS, nfdLabelFor, nfdPublishedByDefault, lookupNfdName,
  nfdLevelFeatures, nfdLevelImplying, type NfdLevel, type NfdName,
} from './nfd';
export { LINUX_SYSTEM_FLAGS } from './linuxFlags';
