// LSP wiring only: capabilities and handlers that call the engine. Never write to stdout here: with --stdio it
// carries the protocol. Logs go through connection.console (the client's output channel).
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, validate, skippedFinding, withSeverity, workloadsLinkedTo, DEFAULT_MAX_CHARS, type Analysis, type Finding, type FixEnvironment, type SeveritySetting } from './engine';
import { AnalysisCache } from './lsp/analysisCache';
import { ValidationScheduler } from './lsp/scheduler';
import { SettingsStore } from './lsp/settings';
import { toDiagnostic } from './lsp/convert';
import { failedNotice, hiddenNotice } from './lsp/boundedDiagnostics';
import { mostSevere } from './lsp/mostSevere';
import { OffThreadValidator } from './lsp/offThread';
import { validatesOffThread } from './lsp/offThreadPolicy';
import { codeActions } from './lsp/codeActions';
import { registerLanguageFeatures } from './lsp/languageFeatures';
import { CheckpointImages } from './lsp/checkpointImage';
import { isCandidate } from './lsp/documentFilter';
import { HostProbe, registerProbe } from './lsp/probe';
import { ProjectConfigStore } from './lsp/projectConfig';
import { WorkspaceIndex, startWorkspaceIndex, wireWorkspaceIndex } from './lsp/workspaceIndex';
import { CodeLensRefresher } from './lsp/codeLensRefresh';
import { IdleCollector } from './lsp/idleCollector';
import { Lifecycle } from './lsp/lifecycle';
import { createServerConnection } from './lsp/connection';
import { documentUri, isRange } from './lsp/params';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './lsp/navigation';

const DEBOUNCE_MS = 120;

const lifecycle = new Lifecycle();
const connection = createServerConnection(lifecycle);
lifecycle.register(connection);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
// Manifests of the workspace (open documents and unopened files) that deployment files link to.
const workspaceIndex = new WorkspaceIndex();
const settings = new SettingsStore(connection);
const lensRefresh = new CodeLensRefresher(connection);
// Returns the memory of closed documents to the system once closing is over (lsp/idleCollector.ts).
const idleCollector = new IdleCollector(1000);

const scheduler = new ValidationScheduler(DEBOUNCE_MS, (uri) => publish(uri));
// .criu-portability.yaml per workspace folder; VS Code settings override it (severitiesFor).
const projectConfig = new ProjectConfigStore(
  (message) => connection.console.warn(message),
  () => documents.all().forEach((d) => scheduler.schedule(d.uri, 0)),
);

// Documents opened before the client's settings arrive wait for them (onInitialized revalidates every document),
// so a rule the user turned off never flashes up.
let settingsLoaded = false;
/** The first workspace folder: whose .criu-portability.yaml defaults a new manifest from the host uses. */
let firstFolder: string | undefined;
let workspaceTrusted = true;
/** The client takes LocationLinks from textDocument/definition. */
let definitionLinks = false;
/** The initial workspace scan is running. */
let scanning = false;
const SCAN_WAIT_MS = 3000;

/** The size cap in UTF-16 code units (JavaScript string length), from criuPortability.maxFileSizeKB. */
function maxChars(): number {
  return Math.min(settings.value.maxFileSizeKB * 1024, DEFAULT_MAX_CHARS * 4);
}

/**
 * The shared analysis of an open YAML document, for every handler. Undefined past the size cap: nothing parses
 * such a file, not hover nor code actions either.
 */
function analysisOf(uri: string): Analysis | undefined {
  const doc = documents.get(uri);
  if (!doc || !isCandidate(doc) || doc.getText().length > maxChars()) return undefined;
  return cache.get(doc);
}

const offThread = new OffThreadValidator(path.join(__dirname, 'validationWorker.js'), (m) => connection.console.error(m));

/** analysisOf, but a large document (validated off the main thread) only when its analysis is already cached. */
function cheapAnalysisOf(uri: string): Analysis | undefined {
  const doc = documents.get(uri);
  if (!doc || !validatesOffThread(doc)) return analysisOf(uri);
  return cache.peek(doc);
}

function publish(uri: string): void {
  const doc = documents.get(uri);
  if (!doc || !settingsLoaded) return;
  const version = doc.version;
  try {
    const s = settings.value;
    if (!s.enable || !isCandidate(doc) || projectConfig.isIgnored(uri)) {
      void connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const severities = projectConfig.severitiesFor(uri, s.rules);
    const length = doc.getText().length;
    if (length > maxChars()) return send(uri, version, withSeverity(skippedFinding(length, maxChars()), severities));
    if (validatesOffThread(doc)) return void publishOffThread(doc, severities);
    offThread.forget(uri); // shrunk below the worker's threshold, if it was there: this thread takes over
    const analysis = cache.get(doc);
    if (scanning && analysis.otherDocuments.length > 0) return; // published once the scan is done
    if (workspaceIndex.updateOpen(analysis)) index.manifestChanged(uri);
    const findings = validate(analysis, { severities, workspace: workspaceIndex, reportUnusedSuppressions: 'hint' });
    workspaceIndex.recordLinks(analysis);
    send(uri, version, findings);
  } catch (err) {
    connection.console.error(`criu-portability: validating ${uri} failed: ${(err as Error).stack ?? err}`);
  }
}

async function publishOffThread(doc: TextDocument, severities: Readonly<Record<string, SeveritySetting | undefined>>): Promise<void> {
  const { uri, version } = doc;
  if (scanning) return; // published once the scan is done
  const text = doc.getText();
  const openText = (u: string) => documents.get(u)?.getText();
  const maxFindings = settings.value.maxDiagnosticsPerFile;
  const result = await offThread.validate({ uri, text, severities, manifests: workspaceIndex.manifestTexts(uri, openText), maxFindings });
  if (!result || documents.get(uri)?.version !== version) return; // superseded by a newer version, or closed
  if (result.error) {
    void connection.sendDiagnostics({ uri, version, diagnostics: [failedNotice(result.error)] });
    return;
  }
  // The index learns this file's manifests from the worker; this thread parses them only if a rule needs them.
  const load = () => {
    const current = documents.get(uri);
    return current?.version === version ? cache.get(current) : analyze(uri, text);
  };
  if (workspaceIndex.updateOpenFromSummary(uri, result.manifestImages ?? [], load)) index.manifestChanged(uri);
  workspaceIndex.recordLinkResult(uri, result.linked ?? [], result.keys);
  send(uri, version, result.findings ?? [], result.hidden ?? 0);
}

/**
 * Publishes at most maxDiagnosticsPerFile diagnostics, the most severe first, and a note counting the rest
 * (`alreadyHidden`: those the worker thread left out already).
 */
function send(uri: string, version: number, findings: Finding[], alreadyHidden = 0): void {
  const max = settings.value.maxDiagnosticsPerFile;
  const { shown, hidden } = mostSevere(findings, max);
  const diagnostics = shown.map((f) => toDiagnostic(uri, f));
  if (hidden + alreadyHidden > 0) diagnostics.push(hiddenNotice(hidden + alreadyHidden, max));
  void connection.sendDiagnostics({ uri, version, diagnostics });
  lensRefresh.schedule();
}

connection.onInitialize((params): InitializeResult => {
  settings.canPull = params.capabilities.workspace?.configuration === true;
  lensRefresh.supported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  definitionLinks = params.capabilities.textDocument?.definition?.linkSupport === true;
  settings.setFromInitOptions(params.initializationOptions);
  workspaceIndex.configure(params);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  // An untrusted workspace (VS Code says so in initializationOptions): open documents only, no folder reads.
  const options = params.initializationOptions;
  workspaceTrusted = !(options && typeof options === 'object' && (options as { workspaceTrusted?: unknown }).workspaceTrusted === false);
  projectConfig.setFolders(workspaceTrusted ? folders : []);
  firstFolder = folders[0];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', ':', '-', '[', ',', '.'], resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [] },
      ...NAVIGATION_CAPABILITIES,
    },
    serverInfo: { name: 'criu-portability', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (settings.canPull) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    await settings.refresh();
  }
  settingsLoaded = true;
  const revalidateAll = () => documents.all().forEach((d) => scheduler.schedule(d.uri, 0));
  if (workspaceTrusted) {
    // Kubernetes files wait for the first scan (at most SCAN_WAIT_MS): published before it, they would lack the
    // links to manifests in unopened files and change a moment later.
    scanning = true;
    const scanned = () => {
      if (!scanning) return;
      scanning = false;
      revalidateAll();
    };
    setTimeout(scanned, SCAN_WAIT_MS);
    void startWorkspaceIndex(connection, workspaceIndex, scanned);
  }
  revalidateAll();
});

connection.onDidChangeConfiguration(async (change) => {
  await settings.refresh(change?.settings);
  for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
});

documents.onDidOpen((e) => scheduler.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => {
  scheduler.cancel(e.document.uri);
  cache.evict(e.document.uri);
  offThread.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  idleCollector.schedule();
});

connection.onCodeAction((params, token) => {
  const doc = documents.get(documentUri(params, 'textDocument/codeAction'));
  if (!doc || token.isCancellationRequested) return [];
  // Diagnostics come back from the client: only well-formed ranges inside the document get edits.
  const sent: unknown = params.context?.diagnostics;
  const diagnostics = Array.isArray(sent) ? sent.filter((d): d is Diagnostic => !!d && typeof d === 'object' && isRange(d.range, doc.lineCount)) : [];
  const analysis = analysisOf(doc.uri);
  if (!analysis) return [];
  // The open files that linked to this manifest at their last validation (the index knows them), and those whose
  // validation has not run yet (just opened or edited: they may link now). A large one only if its analysis is at
  // hand: parsing it here would hold the request up for seconds.
  const others = () => {
    const uris = new Set(workspaceIndex.linkedTo(doc.uri));
    for (const d of documents.all()) if (scheduler.isPending(d.uri)) uris.add(d.uri);
    uris.delete(doc.uri);
    return [...uris].flatMap((uri) => cheapAnalysisOf(uri) ?? []);
  };
  // linkedWorkloads is a getter: it looks at every open Kubernetes file, so only the fix that needs it pays.
  const env: FixEnvironment = {
    defaults: projectConfig.configFor(doc.uri).defaults,
    get linkedWorkloads() {
      return workloadsLinkedTo(doc.uri, others(), workspaceIndex);
    },
  };
  return codeActions(doc, analysis, diagnostics, workspaceIndex, env);
});

const hostProbe = new HostProbe();
// Reading an image named by workspace content (checkpoint.image) only in a trusted workspace.
const checkpointImages = new CheckpointImages(path.join(__dirname, 'cli.js'), () => workspaceTrusted);
registerLanguageFeatures(connection, analysisOf, {
  workspace: workspaceIndex,
  hostFeatures: () => hostProbe.features,
  hoverExtra: (analysis, position) => checkpointImages.hoverText(analysis, position),
});
registerNavigation(
  connection,
  analysisOf,
  () => documents.all().flatMap((d) => analysisOf(d.uri) ?? []),
  workspaceIndex,
  () => definitionLinks,
);
const index = wireWorkspaceIndex(connection, documents, workspaceIndex, (uri) => scheduler.scheduleBackground(uri));

registerProbe(
  connection,
  hostProbe,
  // Open documents as they are now (the index catches up after the debounce), then the unopened files.
  () => {
    const analysed = new Map(documents.all().map((d) => [d.uri, cheapAnalysisOf(d.uri)] as const));
    // Open files whose analysis is at hand, then the index: large open files (their manifests as of their last
    // validation in the worker) and unopened files.
    const indexed = [...workspaceIndex.manifests()]
      .filter((m) => !analysed.get(m.uri) && (!analysed.has(m.uri) || workspaceIndex.holds(m.uri)))
      .map((m) => m.context);
    return [...[...analysed.values()].flatMap((a) => a?.manifests ?? []), ...indexed];
  },
  analysisOf,
  () => (firstFolder ? projectConfig.configFor(firstFolder).defaults.baseline : undefined),
);

connection.onShutdown(() => {
  scheduler.dispose();
  offThread.dispose();
  lensRefresh.dispose();
  idleCollector.dispose();
  projectConfig.dispose();
});

documents.listen(connection);
connection.listen();
