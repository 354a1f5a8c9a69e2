import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { hover } from '../../server/src/engine/service';
import { lookupMicroarchitecture } from '../../server/src/engine/catalog';
import { explainMicroarchitecture } from '../../server/src/cli/explain';
import { MANIFEST_URI, positionOf, SAMPLE } from '../helpers/manifests';

const at = (needle: string, offset = 1, nth = 0, text = SAMPLE, hostFeatures?: Set<string>) =>
  hover(analyze(MANIFEST_URI, text), positionOf(text, needle, offset, nth), { hostFeatures })?.contents ?? '';

describe('hover (engine)', () => {
  test('avx2: names, bit, first microarchitectures per vendor, baselines, why the checkpoint needs it', () => {
    const h = at('avx2');
    assert.match(h, /OMR_FEATURE_X86_AVX2/);
    assert.match(h, /feature\.node\.kubernetes\.io\/cpu-cpuid\.AVX2/);
    assert.match(h, /CPUID\.\(EAX=07H,ECX=0\):EBX\[5\]/);
    assert.match(h, /Intel: Haswell/);
    assert.match(h, /AMD: Excavator \(`excavator`\), Zen \(`zen`\)/);
    assert.match(h, /outside `openj9-portable`/);
    assert.match(h, /x86-64 levels: `x86_64_v3`, `x86_64_v4`/);
    assert.match(h, /\*\*every restore target needs it\*\*: it is listed in requires \(line 10\)/);
    assert.doesNotMatch(h, /\bR\b/);
    assert.match(h, /generic \(x86-64 psABI levels\): `x86_64_v3`/);
    assert.doesNotMatch(h, /x86_64_v3 \(`x86_64_v3`\)/);
  });

  test('a feature inside the baseline, spelt the OpenJ9 way, lists all its names', () => {
    const text = SAMPLE.replace('[avx2, fma]', '[avx2, fma, sse3]');
    const h = at('sse3', 1, 0, text);
    assert.match(h, /\*\*pni\*\*/);
    assert.match(h, /Linux `pni`/);
    assert.match(h, /OpenJ9\/OMR `sse3`/);
    assert.match(h, /inside `openj9-portable`/);
  });

  test('host hook: says whether this host has the feature', () => {
    assert.match(at('avx2', 1, 0, SAMPLE, new Set(['avx'])), /This host \*\*lacks\*\* it/);
    assert.match(at('avx2', 1, 0, SAMPLE, new Set(['avx2'])), /This host has it/);
  });

  test('microarchitecture: vendor, parents, what it adds, whether it has what the checkpoint needs', () => {
    const ivy = at('ivybridge');
    assert.match(ivy, /vendor Intel/);
    assert.match(ivy, /Parents: `sandybridge`/);
    assert.match(ivy, /Adds over sandybridge: f16c, rdrand/);
    assert.match(ivy, /a `ivybridge` machine \*\*cannot\*\* restore it: it lacks avx2, fma of the features the checkpoint needs/);
    assert.match(at('haswell'), /a `haswell` machine has every feature the checkpoint needs/);
    for (const h of [ivy, at('haswell')]) assert.doesNotMatch(h, /\bR\b/);
    // No title that repeats the id: "ivybridge · Ivybridge", "x86_64_v3 (x86_64_v3)".
    assert.doesNotMatch(ivy, /ivybridge · Ivybridge/i);
    const v3 = at('x86_64_v3', 1, 0, SAMPLE.replace('microarchitecture: ivybridge', 'microarchitecture: x86_64_v3'));
    assert.doesNotMatch(v3, /x86_64_v3 \(`?x86_64_v3`?\)|x86_64_v3\*\* · /);
    assert.match(at('power9le'), /cannot restore it at all/);
  });

  test('microarchitecture: what it adds is diffed against the vendor line, as `explain` does', () => {
    // haswell's parents are ivybridge and x86_64_v3; against their union it would add nothing.
    const has = at('haswell');
    assert.match(has, /Adds over ivybridge: abm, avx2, bmi1, bmi2, fma, movbe\./);
    assert.doesNotMatch(has, /Adds no CPU features/);
    for (const name of ['haswell', 'ivybridge', 'skylake', 'zen3', 'x86_64_v3']) {
      const text = SAMPLE.replace('microarchitecture: ivybridge', `microarchitecture: ${name}`);
      const hoverOver = /Adds (?:no CPU features )?over ([\w +]+)[.:]/.exec(at(name, 1, 0, text))![1].split(' + ');
      const explainOver = /Features added over ([\w, ]+) \(/.exec(explainMicroarchitecture(lookupMicroarchitecture(name)!))![1].split(', ');
      assert.deepEqual(hoverOver, explainOver, name);
    }
  });

  test('policy values: the mechanism of the manifest runtime, the trade-off, and what is not offered', () => {
    const exit = at('exit'); // SAMPLE is runtime: liberty
    assert.match(exit, /CRIU_RESTORE_DISABLE_RECOVERY=true/);
    assert.doesNotMatch(exit, /CRaC|OpenJ9 CRIU/);
    assert.match(exit, /scaled deployments/);
    assert.match(exit, /run interpreted/);
    assert.match(exit, /throw an exception/);
    const cold = at('cold-start', 1, 0, SAMPLE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: cold-start'));
    assert.match(cold, /CWWKE0961I/);
    assert.match(cold, /lone instance/);
    const cracCold = at('cold-start', 1, 0, SAMPLE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: cold-start').replace('runtime: liberty', 'runtime: crac'));
    assert.match(cracCold, /CRaCIgnoreRestoreIfUnavailable/);
    assert.doesNotMatch(cracCold, /CWWKE0961I|OpenJ9 CRIU/);
    // `runtime: openj9` (and no runtime, which means openj9): only OpenJ9's mechanism.
    for (const text of [SAMPLE.replace('runtime: liberty', 'runtime: openj9'), SAMPLE.replace('runtime: liberty\n', '')]) {
      const h = at('exit', 1, 0, text);
      assert.match(h, /OpenJ9 CRIU/);
      assert.doesNotMatch(h, /CRaC|Open Liberty/);
    }
  });

  test('baseline values and keys', () => {
    assert.match(at('openj9-portable'), /"Sandy Bridge"/);
    assert.match(at('openj9-portable'), /`aes`/);
    const h = at('haswell', 1, 0, SAMPLE.replace('baseline: openj9-portable', 'baseline: haswell'));
    assert.match(h, /every restore target must have all features of `haswell`/);
    assert.match(at('onIncompatibleCpu', 1), /restore-failure policy/);
    assert.match(at('runtime', 1), /Open Liberty InstantOn/);
    assert.match(at('microarchitecture', 1), /archspec naming/);
  });

  test('a plain value shows the description of its key', () => {
    assert.match(at('orders-service', 2), /Name of the service or image/);
  });
});
