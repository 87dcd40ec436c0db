/** What the gateway and a card binder (card-binding.worker.ts) say to each other over IPC. */
export interface BindRequest {
  id: number;
  card: unknown;
  data: unknown;
  /** A bound card longer than this (as JSON) is answered `too-large`, not sent back. */
  maxChars: number;
}

export type BinderAnswer =
  | { kind: 'ready' }
  | { id: number; kind: 'bound'; json: string }
  | { id: number; kind: 'too-large' }
  /** An expression could not be evaluated (the templating library threw). */
  | { id: number; kind: 'failed'; message: string };
