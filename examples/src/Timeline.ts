/**
 * The timeline of one scenario: every command sent to an aggregate, the events the event store
 * recorded, every decision with the rule ids of its reasons, and the amounts and deadlines the
 * scenario computed. `Print.ts` renders it; the tests only look at the outcome.
 *
 * @since 0.1.0
 */
import { Effect, Result } from "effect"
import { CommandHandler, EventStore } from "@soltrace/core"
import type { Decision, Money } from "@soltrace/rules"

/**
 * A reason as the rules give it: a rule id, a sentence, the figures used.
 *
 * @since 0.1.0
 */
export type Reason = Decision.Reason

/**
 * @since 0.1.0
 */
export type Entry =
  | { readonly kind: "note"; readonly on: string | undefined; readonly text: string }
  | {
      readonly kind: "command"
      readonly on: string | undefined
      readonly name: string
      readonly payload: Readonly<Record<string, unknown>>
    }
  | {
      readonly kind: "event"
      readonly stream: string
      readonly version: number
      readonly position: number
      readonly type: string
      readonly data: unknown
    }
  | {
      readonly kind: "refused"
      readonly name: string
      readonly recorded: number
      readonly error: string
      readonly reasons: ReadonlyArray<Reason>
    }
  | {
      readonly kind: "decision"
      readonly label: string
      readonly outcome: string
      readonly reasons: ReadonlyArray<Reason>
    }
  | { readonly kind: "amount"; readonly label: string; readonly amount: Money.Amount }
  | { readonly kind: "deadline"; readonly deadline: Decision.Deadline }

/**
 * A command was refused where the scenario expected it to pass: the scenario itself is wrong (or
 * an aggregate changed its mind).
 *
 * @since 0.1.0
 */
export class UnexpectedRefusal extends Error {
  constructor(
    readonly command: string,
    readonly error: unknown
  ) {
    super(`${command} was refused: ${describeError(error)}`)
  }
}

const infrastructureTags = new Set([
  "WrongExpectedVersion",
  "EventIdConflict",
  "EventStoreError",
  "ConnectionLost",
  "TransactionConflict",
  "StatementTimeout",
  "EventTooLarge",
  "InvalidEvent",
  "InvalidArgument",
  "AppendInTransaction",
  "UnreadableEvent",
  "EventDecodeError",
  "EventEncodeError"
])

const isInfrastructure = (error: unknown): error is CommandHandler.HandleError =>
  typeof error === "object" && error !== null && "_tag" in error && infrastructureTags.has(String(error._tag))

const isReason = (u: unknown): u is Reason =>
  typeof u === "object" && u !== null && "rule" in u && typeof u.rule === "string" && "message" in u

/**
 * The reasons a domain error carries (`reasons`, or `reason` for a single one), if any.
 *
 * @since 0.1.0
 */
export const reasonsOf = (error: unknown): ReadonlyArray<Reason> => {
  if (typeof error !== "object" || error === null) return []
  const record = error as Record<string, unknown>
  const rs = record["reasons"]
  if (Array.isArray(rs)) return rs.filter(isReason)
  const r = record["reason"]
  return isReason(r) ? [r] : []
}

const describeError = (error: unknown): string => {
  if (typeof error === "object" && error !== null) {
    const tag = "_tag" in error ? String(error._tag) : "Error"
    const message =
      "message" in error && typeof error.message === "string" && error.message !== "" ? `: ${error.message}` : ""
    return `${tag}${message}`
  }
  return String(error)
}

const datePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/

/** The fields that hold the business date of a command, most telling first. */
const dateFields = [
  "on",
  "claimedOn",
  "requestedAt",
  "openedAt",
  "paidOn",
  "receivedOn",
  "shippedOn",
  "installedOn",
  "confirmedOn",
  "closedOn"
]

/** The business date a command carries: a known date field, else its first `YYYY-MM-DD` field. */
const dateOf = (payload: Readonly<Record<string, unknown>>): string | undefined => {
  const isDate = (v: unknown): v is string => typeof v === "string" && datePattern.test(v)
  const known = dateFields.map((k) => payload[k]).find(isDate)
  return (known ?? Object.values(payload).find(isDate))?.slice(0, 10)
}

const nameOf = (command: unknown): string =>
  typeof command === "object" && command !== null && "_tag" in command ? String(command._tag) : "command"

const payloadOf = (command: unknown): Record<string, unknown> => {
  if (typeof command !== "object" || command === null) return { value: command }
  const { _tag: _, ...rest } = command as Record<string, unknown>
  return rest
}

/**
 * Records what a scenario does. `suffix` is appended to every id the scenario makes, so that a
 * scenario can run twice on the same persistent store (PGlite folder, PostgreSQL) without
 * meeting its earlier streams.
 *
 * Commands go through {@link Timeline.attempt} (or {@link Timeline.exec} / {@link Timeline.refuse}):
 * whatever runs them — `CommandHandler.handle`, the after-sales application service — the events
 * they record are read back from the store's global log and added to the timeline, on every
 * stream they touched.
 *
 * @since 0.1.0
 */
export class Timeline {
  readonly entries: Array<Entry> = []
  private commands = 0
  private lastSeen: number | undefined = undefined

  constructor(
    readonly scenarioId: string,
    readonly suffix: string = ""
  ) {}

  /** An id local to this scenario (and run): `S1-sys` (or `S1-sys-r3k9` on a persistent store). */
  id(local: string): string {
    return `${this.scenarioId}-${local}${this.suffix}`
  }

  note(text: string, on?: string): void {
    this.entries.push({ kind: "note", on, text })
  }

  /** A decision of a rule, with its reasons. */
  decision(label: string, decision: { readonly _tag: string; readonly reasons: ReadonlyArray<Reason> }): void {
    this.entries.push({ kind: "decision", label, outcome: decision._tag, reasons: decision.reasons })
  }

  amount(label: string, amount: Money.Amount): void {
    this.entries.push({ kind: "amount", label, amount })
  }

  deadline(deadline: Decision.Deadline): void {
    this.entries.push({ kind: "deadline", deadline })
  }

  /** Every event recorded so far, in order. */
  get events(): ReadonlyArray<Extract<Entry, { kind: "event" }>> {
    return this.entries.filter((e): e is Extract<Entry, { kind: "event" }> => e.kind === "event")
  }

  /** The types of the events recorded so far, in order. */
  get eventTypes(): ReadonlyArray<string> {
    return this.events.map((e) => e.type)
  }

  /** The position of the last event already in the timeline (on a shared store: where this scenario began). */
  private mark(): Effect.Effect<number, EventStore.ReadError, EventStore.EventStore> {
    if (this.lastSeen !== undefined) return Effect.succeed(this.lastSeen)
    return EventStore.EventStore.use((store) => store.readAll()).pipe(
      Effect.map((all) => {
        this.lastSeen = all[all.length - 1]?.position ?? 0
        return this.lastSeen
      })
    )
  }

  /** Adds the events recorded since the last look to the timeline. */
  private collect(): Effect.Effect<void, EventStore.ReadError, EventStore.EventStore> {
    return Effect.flatMap(this.mark(), (after) =>
      EventStore.EventStore.use((store) => store.readAll({ after })).pipe(
        Effect.map((recorded) => {
          for (const e of recorded) {
            this.entries.push({
              kind: "event",
              stream: e.streamId,
              version: e.version,
              position: e.position,
              type: e.type,
              data: e.data
            })
            this.lastSeen = e.position
          }
        })
      )
    )
  }

  /**
   * Runs a command: `label` and `payload` are what the timeline shows, `run` does it with the
   * metadata the timeline gives (a fresh command id). A business refusal is returned as
   * `Result.fail` (and recorded with its reasons); a failure of the store stays in the error channel.
   */
  attempt<A, E, R>(
    label: string,
    payload: unknown,
    run: (metadata: CommandHandler.CommandMetadata) => Effect.Effect<A, E, R>
  ): Effect.Effect<
    Result.Result<A, Exclude<E, CommandHandler.HandleError>>,
    CommandHandler.HandleError,
    R | EventStore.EventStore
  > {
    const fields = payloadOf(payload)
    const metadata = { commandId: `${this.scenarioId}${this.suffix}#${++this.commands}`, actor: "examples" }
    return Effect.gen({ self: this }, function* () {
      yield* this.mark()
      this.entries.push({ kind: "command", on: dateOf(fields), name: label, payload: fields })
      const before = this.entries.length
      const result = yield* Effect.result(run(metadata))
      yield* this.collect()
      const recorded = this.entries.length - before
      if (Result.isSuccess(result)) return Result.succeed(result.success)
      const error: E = result.failure
      if (isInfrastructure(error)) return yield* Effect.fail(error)
      this.entries.push({
        kind: "refused",
        name: label,
        recorded,
        error: describeError(error),
        reasons: reasonsOf(error)
      })
      return Result.fail(error as Exclude<E, CommandHandler.HandleError>)
    })
  }

  /** Like {@link attempt}, for a command the scenario expects to pass: a refusal fails the scenario. */
  exec<A, E, R>(
    label: string,
    payload: unknown,
    run: (metadata: CommandHandler.CommandMetadata) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, CommandHandler.HandleError | UnexpectedRefusal, R | EventStore.EventStore> {
    return Effect.flatMap(this.attempt(label, payload, run), (r) =>
      Result.isSuccess(r) ? Effect.succeed(r.success) : Effect.fail(new UnexpectedRefusal(label, r.failure))
    )
  }

  /** Like {@link attempt}, for a command the scenario expects to be refused: returns the refusal. */
  refuse<A, E, R>(
    label: string,
    payload: unknown,
    run: (metadata: CommandHandler.CommandMetadata) => Effect.Effect<A, E, R>
  ): Effect.Effect<
    Exclude<E, CommandHandler.HandleError>,
    CommandHandler.HandleError | UnexpectedAcceptance,
    R | EventStore.EventStore
  > {
    return Effect.flatMap(this.attempt(label, payload, run), (r) =>
      Result.isFailure(r) ? Effect.succeed(r.failure) : Effect.fail(new UnexpectedAcceptance(label))
    )
  }

  /** Reads a whole stream back from the store. */
  read(
    stream: string
  ): Effect.Effect<ReadonlyArray<EventStore.RecordedEvent>, EventStore.ReadError, EventStore.EventStore> {
    return EventStore.EventStore.use((store) => store.readStream(stream))
  }

  /** Sends a command to an aggregate's stream through `CommandHandler.handle` (load → decide → append). */
  handle<C, Ev, S, Err>(
    aggregate: CommandHandler.Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C
  ): Effect.Effect<
    CommandHandler.Handled<Ev, S>,
    CommandHandler.HandleError | UnexpectedRefusal,
    EventStore.EventStore
  > {
    return this.exec(nameOf(command), command, (m) => CommandHandler.handle(aggregate, stream, command, m))
  }

  /** Like {@link handle}, for a command the scenario expects to be refused. */
  handleRefused<C, Ev, S, Err>(
    aggregate: CommandHandler.Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C
  ): Effect.Effect<
    Exclude<Err, CommandHandler.HandleError>,
    CommandHandler.HandleError | UnexpectedAcceptance,
    EventStore.EventStore
  > {
    return this.refuse(nameOf(command), command, (m) => CommandHandler.handle(aggregate, stream, command, m))
  }
}

/**
 * A command passed where the scenario expected a refusal.
 *
 * @since 0.1.0
 */
export class UnexpectedAcceptance extends Error {
  constructor(readonly command: string) {
    super(`${command} was accepted, the scenario expected a refusal`)
  }
}
