// The LSP lifecycle, enforced for every handler at once (vscode-languageserver answers whatever arrives): before
// `initialize` a request gets ServerNotInitialized; `initialize` is accepted once; after `shutdown` every request
// but `exit` gets InvalidRequest. Notifications in those states are dropped, as the protocol says. A refused
// request is renamed to a method whose only handler throws the error, so the answer goes through the connection's
// own error path with the request's id.
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

const REFUSED = '$/criuPortability/refused';

type State = 'new' | 'initialized' | 'shutdown';

export class Lifecycle {
  private state: State = 'new';

  readonly messageStrategy: MessageStrategy = {
    handleMessage: (message, next) => {
      if (Message.isRequest(message)) return next(this.admit(message));
      if (Message.isNotification(message) && message.method !== 'exit' && this.state !== 'initialized') return;
      return next(message);
    },
  };

  get isShutDown(): boolean {
    return this.state === 'shutdown';
  }

  /** Registers the handler that answers refused requests; call once the connection exists. */
  register(connection: Connection): void {
    connection.onRequest(REFUSED, (params: { code: number; message: string }) => {
      throw new ResponseError(params.code, params.message);
    });
  }

  private admit(request: RequestMessage): RequestMessage {
    const refuse = (code: number, why: string): RequestMessage => ({ ...request, method: REFUSED, params: { code, message: `${request.method}: ${why}` } });
    if (this.state === 'shutdown') return refuse(ErrorCodes.InvalidRequest, 'the server is shutting down (shutdown was received)');
    if (request.method === 'initialize') {
      if (this.state !== 'new') return refuse(ErrorCodes.InvalidRequest, 'initialize may be sent only once');
      this.state = 'initialized';
      return request;
    }
    if (this.state === 'new') return refuse(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
    if (request.method === 'shutdown') this.state = 'shutdown';
    return request;
  }
}
