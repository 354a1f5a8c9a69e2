// The server's connection. With --stdio the reader is ours, so that a malformed message (a header without
// Content-Length, a body that is not JSON) is logged through connection.console instead of vanishing; stdout
// carries only protocol messages, so console.* is routed to the client's output as vscode-languageserver does
// for its own stdio mode. Other transports (--node-ipc from VS Code, --socket, --pipe) are set up by
// vscode-languageserver from the command line. Every transport gets the lifecycle's message strategy.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import type { Lifecycle } from './lifecycle';

export function createServerConnection(lifecycle: Lifecycle): Connection {
  const options = { messageStrategy: lifecycle.messageStrategy };
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, options);
  const reader = new StreamMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout), options);
  reader.onError((err) => connection.console.error(`criu-portability: malformed message from the client, ignored: ${err.message}`));
  routeConsole(connection);
  // vscode-languageserver exits when the input stream it was given ends; with our own reader, we do.
  const exit = () => process.exit(lifecycle.isShutDown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}

function routeConsole(connection: Connection): void {
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
