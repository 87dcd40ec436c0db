export type { Decider } from './decider.js';
export { fromSubjectToken, subjectToken } from './subject-token.js';
export { ConcurrencyError } from './concurrency-error.js';
export {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type EventStoreOptions,
  type ReadResult,
  type StoredEvent,
} from './event-store.js';
export { handleCommand, type AggregateStream, type CommandResult, type EventStream } from './handle-command.js';
export { replay } from './replay.js';
export { rebuildByReplay } from './rebuild-by-replay.js';
export { runRebuildCommand, type Rebuild } from './rebuild-command.js';
export { ProjectionRunner, type Positioned, type Projection, type ProjectionRunnerOptions } from './projection-runner.js';
export { RunningProjections } from './running-projections.js';
