// The OpenJ9 release an ibm-semeru-runtimes image tag names (ibmruntimes/semeru-containers JAVA_VERSION lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semeruTagRelease } from '../../server/src/engine/catalog/runtimeReleases';
import { imageRelease } from '../../server/src/engine/kube/hover';

test('Semeru tags map to their OpenJ9 release', () => {
  assert.deepEqual(semeruTagRelease('open-17.0.9_9-jre'), { release: '0.41.0', build: '17.0.9+9' });
  assert.deepEqual(semeruTagRelease('open-jdk-21.0.2_13-jre-jammy'), { release: '0.43.0', build: '21.0.2+13' });
  assert.deepEqual(semeruTagRelease('open-8u412-b08-jre'), { release: '0.44.0', build: '8u412-b08' });
  assert.deepEqual(semeruTagRelease('open-17.0.8_7-jre'), { release: '0.40.0', build: '17.0.8+7' });
  assert.equal(semeruTagRelease('open-17-jre'), undefined);
  assert.equal(semeruTagRelease('latest'), undefined);
});

test('hover on a Semeru image says what its JIT compiles for; an unknown build says the release is unknown', () => {
  assert.match(imageRelease('ibm-semeru-runtimes:open-17.0.9_9-jre')!, /OpenJ9 0\.41\.0; its JIT compiles for the checkpoint host unless/);
  assert.match(imageRelease('docker.io/library/ibm-semeru-runtimes:open-17.0.8_7-jre')!, /OpenJ9 0\.40\.0; its JIT compiles portable code/);
  assert.match(imageRelease('ibm-semeru-runtimes:open-21-jre')!, /release is unknown/);
  assert.equal(imageRelease('grafana/beyla:1.9'), undefined);
});
