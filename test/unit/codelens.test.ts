import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { codeLenses } from '../../server/src/engine/service';
import { MANIFEST_URI, SAMPLE } from '../helpers/manifests';

describe('code lenses (engine)', () => {
  test('a verdict per restore target and a summary on the document', () => {
    const lenses = codeLenses(analyze(MANIFEST_URI, SAMPLE));
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.title]),
      [
        [0, '1 of 3 restore targets can restore this image'],
        [13, '✗ lacks avx2, fma'],
        [15, '✓ can restore'],
        [17, '✗ ppc64le machine, x86_64 image'],
      ],
    );
  });

  test('raising nothing and removing requires flips the verdict', () => {
    const lenses = codeLenses(analyze(MANIFEST_URI, SAMPLE.replace('requires: [avx2, fma]\n', '')));
    assert.equal(lenses[0].title, '2 of 3 restore targets can restore this image');
    assert.equal(lenses[1].title, '✓ can restore');
  });

  test('no lenses without targets; unknown microarchitectures are counted apart', () => {
    assert.deepEqual(codeLenses(analyze(MANIFEST_URI, SAMPLE.replace(/ {2}targets:[\s\S]*$/, ''))), []);
    const lenses = codeLenses(analyze(MANIFEST_URI, SAMPLE.replace('microarchitecture: haswell', 'microarchitecture: haswel')));
    assert.equal(lenses[0].title, '0 of 3 restore targets can restore this image (1 unknown)');
    assert.equal(lenses[2].title, '? unknown microarchitecture');
  });
});
