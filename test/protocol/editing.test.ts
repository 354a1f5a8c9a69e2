// Manifest editing over LSP against the built server (run `npm run build` first): quick fixes applied through
// code actions and revalidated, hover and completion for each kind of name, code lenses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, poll } from '../helpers/lspClient';
import { positionOf, SAMPLE } from '../helpers/manifests';

const HEAD = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n    name: orders   # the service\njvm:\n    release: 0.51.0\narch: x86_64\n';
let client: LspClient;
let n = 0;
const uri = () => `file:///work/editing-${++n}.criu.yaml`;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.shutdown();
});

/** Opens text, takes the first diagnostic of `code`, applies the code action titled `title`, revalidates. */
async function applyFix(text: string, code: string, title: string | RegExp, preferred?: boolean) {
  const u = uri();
  await client.open(u, text);
  const diags = await client.waitForDiagnostics(u, (d) => d.some((x) => x.code === code));
  const target = diags.find((d) => d.code === code)!;
  const actions = await client.codeActions(u, [target]);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no action ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  if (preferred !== undefined) assert.equal(action.isPreferred ?? false, preferred);
  const fixed = applyWorkspaceEdit(text, u, action.edit!);
  await client.change(u, fixed);
  const afterDiags = await client.waitForDiagnostics(u);
  const key = (d: Diagnostic) => `${d.code}: ${String(typeof d.message === 'string' ? d.message : d.message.value).replace(/line \d+/g, 'line N')}`;
  const fresh = afterDiags.map(key).filter((k) => !diags.map(key).includes(k));
  assert.deepEqual(fresh, [], `new diagnostics after "${action.title}":\n${fixed}`);
  assert.ok(afterDiags.filter((d) => key(d) === key(target)).length < diags.filter((d) => key(d) === key(target)).length, `still there:\n${fixed}`);
  return { fixed, after: afterDiags, title: action.title };
}

describe('quick fixes over LSP', () => {
  test('restore policy: exit is preferred and inserted in the document indentation', async () => {
    const text = `${HEAD}requires: [avx]   # native\n`;
    const { fixed } = await applyFix(text, 'restore-policy-missing', 'Set restore policy to exit (fail fast)', true);
    assert.equal(fixed, `${text}restore:\n    onIncompatibleCpu: exit\n`);
    await applyFix(text, 'restore-policy-missing', 'Set restore policy to cold-start (keep serving, slowly)', false);
  });

  test('raise baseline on requires [avx2, fma] proposes haswell and validates clean', async () => {
    const text = `${HEAD}requires: [avx2, fma]   # native\nrestore:\n    onIncompatibleCpu: exit\n`;
    const { fixed, after: diags, title } = await applyFix(text, 'feature-outside-baseline', /^Raise baseline to /, true);
    assert.match(title, /^Raise baseline to haswell \(adds avx2, fma, /);
    assert.match(fixed, /\nbaseline: haswell\nrequires: \[avx2, fma\]   # native\n/);
    assert.deepEqual(diags, []);
  });

  test('replace an unknown microarchitecture with a suggestion', async () => {
    const text = `${HEAD}restore:\n    onIncompatibleCpu: exit\n    targets:\n        - name: pool-a   # blue pool\n          microarchitecture: ivybrige\n`;
    const { fixed, after: diags } = await applyFix(text, 'unknown-microarchitecture', 'Replace with ivybridge', true);
    assert.match(fixed, /- name: pool-a   # blue pool\n {10}microarchitecture: ivybridge\n/);
    assert.deepEqual(diags, []);
  });

  test('remove a duplicate from a block list, keeping comments', async () => {
    const text = `${HEAD}requires:\n    - avx   # vector\n    - pni\n    - sse3\nrestore:\n    onIncompatibleCpu: exit\n`;
    const { fixed } = await applyFix(text, 'duplicate-feature', 'Remove duplicate sse3', true);
    assert.match(fixed, /requires:\n {4}- avx   # vector\n {4}- pni\nrestore:/);
  });
});

describe('hover over LSP', () => {
  const u = 'file:///work/hover.criu.yaml';
  before(async () => {
    await client.open(u, SAMPLE);
    await client.waitForDiagnostics(u);
  });
  const hoverAt = async (needle: string, offset = 1) => ((await client.hover(u, positionOf(SAMPLE, needle, offset)))?.contents as MarkupContent | undefined)?.value ?? '';

  test('feature', async () => {
    const h = await hoverAt('avx2');
    assert.match(h, /Intel: Haswell/);
    assert.match(h, /Excavator/);
    assert.match(h, /Zen/);
    assert.match(h, /outside `openj9-portable`/);
  });
  test('microarchitecture', async () => assert.match(await hoverAt('ivybridge'), /lacks avx2, fma/));
  test('policy value', async () => assert.match(await hoverAt('exit'), /CRIU_RESTORE_DISABLE_RECOVERY=true[\s\S]*run interpreted/));
  test('baseline value', async () => assert.match(await hoverAt('openj9-portable'), /Sandy Bridge/));
  test('key', async () => assert.match(await hoverAt('targets'), /node pools or machine types/));
});

describe('completion and code lenses over LSP', () => {
  const complete = async (text: string, needle: string, offset: number) => {
    const u = uri();
    await client.open(u, text);
    return (await client.completion(u, positionOf(text, needle, offset))).map((i) => i.label);
  };

  test('keys', async () => {
    const text = SAMPLE.replace('  onIncompatibleCpu: exit\n', '  on\n');
    // `targets:` is already in the restore map: only the missing key is offered.
    assert.deepEqual(await complete(text, '  on\n', 4), ['onIncompatibleCpu']);
  });
  test('feature names', async () => {
    const text = SAMPLE.replace('[avx2, fma]', '[avx2, fm]');
    assert.ok((await complete(text, 'fm]', 2)).includes('fma'));
  });
  test('microarchitecture names', async () => {
    const text = SAMPLE.replace('microarchitecture: ivybridge', 'microarchitecture: sky');
    const got = await complete(text, 'sky', 3);
    assert.ok(got.includes('skylake') && !got.includes('power9le'));
  });
  test('policy, arch and runtime values', async () => {
    assert.deepEqual(await complete(SAMPLE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: '), 'onIncompatibleCpu: ', 19), ['exit', 'cold-start']);
    assert.ok((await complete(SAMPLE.replace('arch: x86_64', 'arch: '), 'arch: ', 6)).includes('s390x'));
    assert.ok((await complete(SAMPLE.replace('runtime: liberty', 'runtime: '), 'runtime: ', 9)).includes('crac'));
  });
  test('snippet in an empty manifest', async () => {
    const u = uri();
    await client.open(u, '');
    const [item] = await client.completion(u, { line: 0, character: 0 });
    assert.equal(item.insertTextFormat, 2);
    assert.match(item.textEdit?.newText ?? item.insertText ?? '', /kind: CheckpointManifest/);
  });
  test('code lenses carry titles and no command to run', async () => {
    const u = uri();
    await client.open(u, SAMPLE);
    const lenses = await client.codeLenses(u);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['1 of 3 restore targets can restore this image', '✗ lacks avx2, fma', '✓ can restore', '✗ ppc64le machine, x86_64 image']);
    assert.ok(lenses.every((l) => l.command?.command === ''));
  });
  test('lenses are refreshed (workspace/codeLens/refresh) each time the analysis changes, so the summary is never stale', async () => {
    const u = uri();
    const before = client.codeLensRefreshes;
    await client.open(u, SAMPLE);
    await client.waitForDiagnostics(u);
    await poll(() => (client.codeLensRefreshes > before ? true : undefined), 5000, () => 'a codeLens refresh after the first diagnostics');
    const afterOpen = client.codeLensRefreshes;
    // pool-a becomes a haswell: the summary must change together with pool-a's own lens.
    await client.change(u, SAMPLE.replace('microarchitecture: ivybridge', 'microarchitecture: haswell'));
    await client.waitForDiagnostics(u);
    await poll(() => (client.codeLensRefreshes > afterOpen ? true : undefined), 5000, () => 'a codeLens refresh after the edit');
    const lenses = await client.codeLenses(u);
    assert.deepEqual(lenses.map((l) => l.command?.title).slice(0, 3), ['2 of 3 restore targets can restore this image', '✓ can restore', '✓ can restore']);
  });
});
