import type { ConsoleAudience, ConsoleAuthor, ConsoleDraftInput, ConsoleExportState, ConsoleMessagesAnswer, ConsoleMessageState, ConsoleMessageView, ConsoleReachAnswer, ConsoleSend, ConsoleSendAnswer, ConsoleTeamsAnswer, RecipientPage } from '@herald/contracts';
import type { TokenSource } from '../auth/token-source.js';
import { ApiError, type Problem } from './problem.js';
import type { GroupsAnswer } from './types.js';

export const API_BASE = '/api/v1/console';

export type AuthTrouble = 'signIn' | 'notAnAuthor';

/** The console API (services/gateway/src/console/README.md), every call with the person's bearer token. */
export class ConsoleApi {
  constructor(
    private readonly tokens: TokenSource,
    private readonly onAuthTrouble: (trouble: AuthTrouble) => void,
  ) {}

  me = () => this.json<ConsoleAuthor>('GET', '/me');
  messages = (query: { state?: ConsoleMessageState; after?: string; limit?: number }) => this.json<ConsoleMessagesAnswer>('GET', `/messages${queryOf(query)}`);
  message = (id: string) => this.json<ConsoleMessageView>('GET', `/messages/${encodeURIComponent(id)}`);
  create = (draft: ConsoleDraftInput) => this.json<{ id: string; version: number }>('POST', '/messages', draft);
  update = (id: string, draft: ConsoleDraftInput, version: number) => this.json<{ id: string; version: number }>('PUT', `/messages/${encodeURIComponent(id)}`, { draft, version });
  remove = (id: string) => this.json<void>('DELETE', `/messages/${encodeURIComponent(id)}`);
  duplicate = (id: string) => this.json<{ id: string; version: number }>('POST', `/messages/${encodeURIComponent(id)}/duplicate`);
  send = (id: string, send: ConsoleSend) => this.json<ConsoleSendAnswer>('POST', `/messages/${encodeURIComponent(id)}/send`, send);
  approve = (id: string) => this.json<ConsoleSendAnswer>('POST', `/messages/${encodeURIComponent(id)}/approve`);
  cancel = (id: string) => this.json<ConsoleSendAnswer>('POST', `/messages/${encodeURIComponent(id)}/cancel`);
  recipients = (id: string, query: { bucket?: string; after?: string; limit?: number }) => this.json<RecipientPage>('GET', `/messages/${encodeURIComponent(id)}/recipients${queryOf(query)}`);
  requestExport = (id: string) => this.json<{ exportId: string }>('POST', `/messages/${encodeURIComponent(id)}/exports`);
  exportState = (exportId: string) => this.json<ConsoleExportState>('GET', `/exports/${encodeURIComponent(exportId)}`);
  reach = (audience: ConsoleAudience) => this.json<ConsoleReachAnswer>('POST', '/reach', { audience });
  teams = (search: string) => this.json<ConsoleTeamsAnswer>('GET', `/teams${queryOf({ search })}`);
  groups = (search: string) => this.json<GroupsAnswer>('GET', `/groups${queryOf({ search, top: 10 })}`);

  /** A raw authorised request (the CSV download, the event stream). */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.tokens.token();
    if (!token) {
      this.onAuthTrouble('signIn');
      throw new ApiError(401, { title: 'Unauthorized', status: 401 });
    }
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(API_BASE + path, { ...init, headers });
    if (response.ok) return response;
    const problem = (await response.json().catch(() => ({ status: response.status }))) as Problem;
    const error = new ApiError(response.status, problem);
    if (response.status === 401) {
      this.tokens.forget();
      this.onAuthTrouble('signIn');
    } else if (error.isNotAnAuthor) this.onAuthTrouble('notAnAuthor');
    throw error;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (body !== undefined) init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    const response = await this.fetch(path, init);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

function queryOf(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
