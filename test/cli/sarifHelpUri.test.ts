// SARIF rule links: no dead `example.invalid` links while package.json's repository URL is a placeholder;
// real links once a real URL is configured. The embedded rule page (help.markdown) is there either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishedUrl, ruleHelpUri } from '../../server/src/cli/docs';
import { formatSarif } from '../../server/src/cli/formats/sarif';
import pkg from '../../package.json';
import { cli } from './helpers';

interface Rule {
  id: string;
  helpUri?: string;
  help: { text: string; markdown?: string };
}
const driverOf = (sarif: string) => JSON.parse(sarif).runs[0].tool.driver as { informationUri?: string; rules: Rule[] };

test('placeholder repository URLs are not published; real ones are, without .git', () => {
  for (const url of ['https://example.invalid/criu-portability.git', 'https://example.com/x', 'http://foo.test/x', 'not a url', '', undefined]) {
    assert.equal(publishedUrl(url), undefined, String(url));
  }
  assert.equal(publishedUrl('https://github.com/acme/criu-portability.git'), 'https://github.com/acme/criu-portability');
  assert.equal(publishedUrl('git+https://github.com/acme/criu-portability.git'), 'https://github.com/acme/criu-portability');
  assert.equal(ruleHelpUri('unknown-feature', undefined), undefined);
  assert.equal(ruleHelpUri('unknown-feature', 'https://github.com/acme/cp'), 'https://github.com/acme/cp/blob/main/docs/rules/unknown-feature.md');
});

test('with a placeholder URL the SARIF carries no helpUri and no example.invalid link, but keeps the rule pages', () => {
  const sarif = formatSarif([], undefined);
  assert.doesNotMatch(sarif, /example\.invalid/);
  const driver = driverOf(sarif);
  assert.equal(driver.informationUri, undefined);
  assert.ok(driver.rules.length > 5);
  for (const rule of driver.rules) {
    assert.equal(rule.helpUri, undefined, rule.id);
    assert.doesNotMatch(rule.help.text, /See /, rule.id);
  }
  assert.match(driver.rules.find((r) => r.id === 'target-missing-features')!.help.markdown ?? '', /^# target-missing-features/);
});

test('with a real URL every rule links to its page', () => {
  const driver = driverOf(formatSarif([], 'https://github.com/acme/cp'));
  assert.equal(driver.informationUri, 'https://github.com/acme/cp');
  for (const rule of driver.rules) {
    assert.equal(rule.helpUri, `https://github.com/acme/cp/blob/main/docs/rules/${rule.id}.md`);
    assert.match(rule.help.text, new RegExp(`See ${rule.helpUri}$`));
  }
});

test("the built CLI follows package.json's repository URL", () => {
  const r = cli(['lint', '-f', 'sarif', 'test/fixtures/cli/clean.criu.yaml']);
  assert.equal(r.code, 0, r.stderr);
  const repo = publishedUrl(pkg.repository?.url);
  const rule = driverOf(r.stdout).rules.find((x) => x.id === 'unknown-feature')!;
  assert.equal(rule.helpUri, repo ? `${repo}/blob/main/docs/rules/unknown-feature.md` : undefined);
  assert.doesNotMatch(r.stdout, /example\.invalid/);
});
