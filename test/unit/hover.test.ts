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
  test('avx2: names, bit, first microarchitectures per vendor, baselines, why it is in R', () => {
    const h = at('avx2');
    assert.match(h, /OMR_FEATURE_X86_AVX2/);
    assert.match(h, /feature\.node\.kubernetes\.io\/cpu-cpuid\.AVX2/);
    assert.match(h, /CPUID\.\(EAX=07H,ECX=0\):EBX\[5\]/);
    assert.match(h, /Intel: Haswell/);
    assert.match(h, /AMD: Excavator \(`excavator`\), Zen \(`zen`\)/);
    assert.match(h, /outside `openj9-portable`/);
    assert.match(h, /x86-64 levels: `x86_64_v3`, `x86_64_v4`/);
    assert.match(h, /\*\*required\*\* of every restore target \(in R\), by requires \(line 8\)/);
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

  test('microarchitecture: vendor, parents, what it adds, whether it covers R', () => {
    const ivy = at('ivybridge');
    assert.match(ivy, /vendor Intel/);
    assert.match(ivy, /Parents: `sandybridge`/);
    assert.match(ivy, /Adds over sandybridge: f16c, rdrand/);
    assert.match(ivy, /does not cover\*\* R, lacks avx2, fma/);
    assert.match(at('haswell'), /covers R/);
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

  test('policy values: each runtime, the trade-off, and what is not offered', () => {
    const exit = at('exit');
    assert.match(exit, /CRIU_RESTORE_DISABLE_RECOVERY=true/);
    assert.match(exit, /CRaC/);
    assert.match(exit, /OpenJ9/);
    assert.match(exit, /scaled deployments/);
    assert.match(exit, /run interpreted/);
    assert.match(exit, /throw an exception/);
    const cold = at('cold-start', 1, 0, SAMPLE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: cold-start'));
    assert.match(cold, /CWWKE0961I/);
    assert.match(cold, /CRaCIgnoreRestoreIfUnavailable/);
    assert.match(cold, /lone instance/);
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
