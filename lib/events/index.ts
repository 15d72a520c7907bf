export { EVENT_KINDS, type EventKind } from "./kinds";
export type { DomainEvent, NewEvent, RecordedEvent } from "./types";
export { recordEvent, readEventsAfter, readLastEventId, inTransactionWithEvents, noEvents, type WithEvents, type EventRecorder } from "./outbox";
export { dispatchEvents, hasPendingEvents, registerHandlers, BATCH_SIZE, MAX_ATTEMPTS, type EventHandler } from "./dispatch";
