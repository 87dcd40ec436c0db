/**
 * An aggregate's behaviour as three pure functions (emmett, EventSourcing.NodeJS `samples/decider`).
 * Commands and events are Herald messages (`{ type, data, metadata }` from `@herald/contracts`):
 * time and ids arrive in `command.metadata`, never from a clock or a random generator in here.
 */
export interface Decider<State, Command, Event> {
  /** The state of an aggregate that has no event yet. */
  initialState(): State;
  /** The state after `event`: folds the aggregate's events, oldest first. */
  evolve(state: State, event: Event): State;
  /** The events `command` causes in `state` (none when it changes nothing); throws when it is refused. */
  decide(command: Command, state: State): Event[];
}
