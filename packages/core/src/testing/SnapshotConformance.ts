/**
 * The snapshot laws, as one vitest suite every pair of `EventStore` + `SnapshotStore` backends
 * must pass (in memory, PGlite, PostgreSQL):
 *
 * 1. **snapshot + tail = replay**: after any sequence of commands handled with snapshots taken
 *    every few events, loading (snapshot + tail) gives the state and version of a full replay,
 *    and the snapshot is really used once the stream has grown by `every` events;
 * 2. **a changed evolve version ignores old snapshots**: a decider with another evolve version
 *    (and another `evolve`) loads the state of its own replay, never the old snapshot's;
 * 3. **idempotent retries stay exact**: every command handled again (same command id) after
 *    snapshots were taken is `duplicate: true` with the events it recorded, even when the stream
 *    would now refuse it, and the stream does not move;
 * 4. **concurrent writers**: commands handled concurrently on one stream, a snapshot saved after
 *    each, in whatever order the writers finish: loading gives the replayed state, no command lost;
 * 5. **a snapshot never goes back**: saving an older snapshot keeps the newer one.
 *
 * ```ts
 * import { Layer } from "effect"
 * import { InMemoryEventStore, Snapshot } from "@soltrace/core"
 * import { runSnapshotConformance } from "@soltrace/core/testing"
 * runSnapshotConformance("in-memory", Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory))
 * ```
 *
 * Every test writes streams of its own fresh name; the layer is built once for the suite.
 *
 * @since 0.2.0
 */
import assert from "node:assert/strict"
import { Effect, ManagedRuntime, Option, Result, Schedule, Schema } from "effect"
import type { Layer } from "effect"
import type * as FastCheck from "fast-check"
import type * as Vitest from "vitest"
import { optionalPeer } from "../internal/optionalPeer.js"
import * as CommandHandler from "../kernel/CommandHandler.js"
import type * as Decider from "../kernel/Decider.js"
import * as EventCodec from "../kernel/EventCodec.js"
import * as EventStore from "../kernel/EventStore.js"
import * as Snapshot from "../kernel/Snapshot.js"

/**
 * Options of the suite.
 *
 * @since 0.2.0
 * @category models
 */
export interface SnapshotConformanceOptions {
  /** fast-check runs of each property (default 25). */
  readonly numRuns?: number | undefined
  /** Per-test timeout in milliseconds (default 60 000). */
  readonly timeout?: number | undefined
}

// A small tally: `Add` records a value (`Add 0` changes nothing), `Close` ends it; once closed,
// every command is refused (so a retry of an earlier command is decided differently).
type Command = { readonly _tag: "Add"; readonly value: number } | { readonly _tag: "Close" }
const Event = Schema.Union([Schema.TaggedStruct("Added", { value: Schema.Int }), Schema.TaggedStruct("Closed", {})])
type Event = typeof Event.Type
const State = Schema.Struct({ total: Schema.Int, count: Schema.Int, closed: Schema.Boolean })
type State = typeof State.Type

class Refused extends Schema.TaggedError<Refused>()("Refused", { reason: Schema.String }) {}

const tally = (weight: number): Decider.Decider<Command, Event, State, Refused> => ({
  initialState: { total: 0, count: 0, closed: false },
  decide: (command, state) => {
    if (state.closed) return Result.fail(new Refused({ reason: "closed" }))
    if (command._tag === "Close") return Result.succeed([{ _tag: "Closed" }])
    // `Add 0` changes nothing: no event.
    return command.value === 0 ? Result.succeed([]) : Result.succeed([{ _tag: "Added", value: command.value }])
  },
  evolve: (state, event) =>
    event._tag === "Closed"
      ? { ...state, closed: true }
      : { total: state.total + weight * event.value, count: state.count + 1, closed: state.closed },
  isTerminal: (state) => state.closed
})

const codec = EventCodec.make({ schema: Event })
const aggregateOf = (evolveVersion: string, weight: number, every: number) => ({
  decider: tally(weight),
  codec,
  snapshot: { evolveVersion, schema: State, every }
})

const EventStoreTag = EventStore.EventStore

const freshStream = (): string => `snap-${globalThis.crypto.randomUUID().replaceAll("-", "")}`

/**
 * Registers the snapshot laws as vitest tests against `layer` (an event store and a snapshot
 * store).
 *
 * @since 0.2.0
 * @category conformance
 */
export const runSnapshotConformance = <E>(
  name: string,
  layer: Layer.Layer<EventStore.EventStore | Snapshot.SnapshotStore, E>,
  options: SnapshotConformanceOptions = {}
): void => {
  // vitest and fast-check are optional peers, loaded when the suite is called (not at import).
  const fc: typeof FastCheck = optionalPeer<typeof FastCheck>("fast-check", "runSnapshotConformance")
  const { afterAll, describe, it } = optionalPeer<typeof Vitest>("vitest", "runSnapshotConformance")
  const commands: FastCheck.Arbitrary<ReadonlyArray<Command>> = fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -5, max: 5 }).map((value): Command => ({ _tag: "Add", value })) },
      { weight: 1, arbitrary: fc.constant<Command>({ _tag: "Close" }) }
    ),
    { minLength: 1, maxLength: 30 }
  )
  const numRuns = options.numRuns ?? 25
  const timeout = options.timeout ?? 60_000
  describe(`snapshot laws: ${name}`, () => {
    const runtime = ManagedRuntime.make(layer)
    afterAll(() => runtime.dispose())
    const run = <A, X>(effect: Effect.Effect<A, X, EventStore.EventStore | Snapshot.SnapshotStore>) =>
      runtime.runPromise(effect)

    const handleAll = (aggregate: ReturnType<typeof aggregateOf>, stream: string, cs: ReadonlyArray<Command>) =>
      Effect.forEach(cs, (c, i) =>
        Effect.result(CommandHandler.handle(aggregate, stream, c, { commandId: `${stream}:c${i}` }))
      )

    it(
      "snapshot + tail = replay: state and version of a full replay, the snapshot really used",
      () =>
        fc.assert(
          fc.asyncProperty(commands, fc.integer({ min: 1, max: 5 }), (cs, every) =>
            run(
              Effect.gen(function* () {
                const stream = freshStream()
                const aggregate = aggregateOf("tally-1", 1, every)
                yield* handleAll(aggregate, stream, cs)
                const loaded = yield* CommandHandler.load(aggregate, stream)
                const replayed = yield* CommandHandler.load({ ...aggregate, snapshot: undefined }, stream)
                assert.deepStrictEqual(loaded.state, replayed.state)
                assert.equal(loaded.version, replayed.version)
                assert.equal(loaded.snapshotVersion + loaded.tail.length, replayed.version)
                if (replayed.version >= every) assert.ok(loaded.snapshotVersion > 0, "no snapshot was used")
              })
            )
          ),
          { numRuns }
        ),
      timeout
    )

    it(
      "a changed evolve version ignores old snapshots: the new evolve's replay, never the old state",
      () =>
        fc.assert(
          fc.asyncProperty(commands, (cs) =>
            run(
              Effect.gen(function* () {
                const stream = freshStream()
                yield* handleAll(aggregateOf("tally-1", 1, 1), stream, cs)
                const changed = aggregateOf("tally-2", 10, 1)
                const snapshots = yield* Snapshot.SnapshotStore
                assert.ok(Option.isNone(yield* snapshots.load(stream, "tally-2")))
                const loaded = yield* CommandHandler.load(changed, stream)
                const replayed = yield* CommandHandler.load({ ...changed, snapshot: undefined }, stream)
                assert.equal(loaded.snapshotVersion, 0)
                assert.deepStrictEqual(loaded.state, replayed.state)
              })
            )
          ),
          { numRuns }
        ),
      timeout
    )

    it(
      "idempotent retries stay exact after snapshots: every command again is duplicate, the stream does not move",
      () =>
        fc.assert(
          fc.asyncProperty(commands, fc.integer({ min: 1, max: 3 }), (cs, every) =>
            run(
              Effect.gen(function* () {
                const stream = freshStream()
                const aggregate = aggregateOf("tally-1", 1, every)
                const first = yield* handleAll(aggregate, stream, cs)
                const before = yield* CommandHandler.load({ ...aggregate, snapshot: undefined }, stream)
                const again = yield* handleAll(aggregate, stream, cs)
                for (let i = 0; i < cs.length; i++) {
                  const was = first[i]!
                  const now = again[i]!
                  if (Result.isSuccess(was) && was.success.recorded.length > 0) {
                    assert.ok(Result.isSuccess(now), `command ${i} was recorded, its retry failed`)
                    assert.equal(now.success.duplicate, true)
                    assert.deepStrictEqual(now.success.events, was.success.events)
                    assert.deepStrictEqual(
                      now.success.recorded.map((e) => e.eventId),
                      was.success.recorded.map((e) => e.eventId)
                    )
                  }
                }
                const after = yield* CommandHandler.load({ ...aggregate, snapshot: undefined }, stream)
                assert.equal(after.version, before.version)
              })
            )
          ),
          { numRuns }
        ),
      timeout
    )

    it(
      "snapshot and tail read together (where the store does) are what load + readStream give",
      () =>
        fc.assert(
          fc.asyncProperty(commands, fc.integer({ min: 1, max: 5 }), (cs, every) =>
            run(
              Effect.gen(function* () {
                const snapshots = yield* Snapshot.SnapshotStore
                const events = yield* EventStoreTag
                const loadWithTail = snapshots.loadWithTail
                if (loadWithTail === undefined) return
                const stream = freshStream()
                const empty = yield* loadWithTail(stream, "tally-1")
                assert.ok(Option.isNone(empty.snapshot))
                assert.deepStrictEqual(empty.tail, [])
                yield* handleAll(aggregateOf("tally-1", 1, every), stream, cs)
                const together = yield* loadWithTail(stream, "tally-1")
                const snapshot = yield* snapshots.load(stream, "tally-1")
                assert.deepStrictEqual(together.snapshot, snapshot)
                const from = Option.isSome(snapshot) ? snapshot.value.version + 1 : 1
                assert.deepStrictEqual(together.tail, yield* events.readStream(stream, { from }))
              })
            )
          ),
          { numRuns }
        ),
      timeout
    )

    it(
      "concurrent writers of one stream, snapshots after every event saved in any order: load = replay, no command lost",
      () =>
        fc.assert(
          fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 6 }), (writers, perWriter) =>
            run(
              Effect.gen(function* () {
                const stream = freshStream()
                const aggregate = aggregateOf("tally-1", 1, 1)
                yield* Effect.forEach(
                  Array.from({ length: writers }, (_, w) => w),
                  (w) =>
                    Effect.forEach(
                      Array.from({ length: perWriter }, (_, i) => i),
                      (i) =>
                        CommandHandler.handle(
                          aggregate,
                          stream,
                          { _tag: "Add", value: w + 1 },
                          { commandId: `${stream}:w${w}:${i}` },
                          { retry: Schedule.recurs(writers * perWriter * 2) }
                        )
                    ),
                  { concurrency: "unbounded" }
                )
                const loaded = yield* CommandHandler.load(aggregate, stream)
                const replayed = yield* CommandHandler.load({ ...aggregate, snapshot: undefined }, stream)
                assert.deepStrictEqual(loaded.state, replayed.state)
                assert.equal(loaded.version, writers * perWriter)
                let total = 0
                for (let w = 0; w < writers; w++) total += (w + 1) * perWriter
                assert.equal(loaded.state.total, total)
              })
            )
          ),
          { numRuns: Math.max(3, Math.floor(numRuns / 3)) }
        ),
      timeout
    )

    it(
      "a snapshot whose state does not decode is ignored: the replayed state, then a good snapshot again",
      () =>
        run(
          Effect.gen(function* () {
            const stream = freshStream()
            const aggregate = aggregateOf("tally-1", 1, 100)
            const adds: ReadonlyArray<Command> = [1, 2, 3].map((value) => ({ _tag: "Add", value }))
            yield* handleAll(aggregate, stream, adds)
            const snapshots = yield* Snapshot.SnapshotStore
            yield* snapshots.save({ streamId: stream, version: 2, evolveVersion: "tally-1", state: { total: "lots" } })
            const loaded = yield* CommandHandler.load(aggregate, stream)
            assert.equal(loaded.snapshotVersion, 0)
            assert.deepStrictEqual(loaded.state, { total: 6, count: 3, closed: false })
            assert.equal(loaded.version, 3)
          })
        ),
      timeout
    )

    it(
      "a snapshot never goes back: saving an older one keeps the newer",
      () =>
        run(
          Effect.gen(function* () {
            const stream = freshStream()
            const snapshots = yield* Snapshot.SnapshotStore
            const state = { total: 1, count: 1, closed: false }
            yield* snapshots.save({ streamId: stream, version: 5, evolveVersion: "tally-1", state })
            yield* snapshots.save({
              streamId: stream,
              version: 3,
              evolveVersion: "tally-1",
              state: { ...state, total: 9 }
            })
            const kept = yield* snapshots.load(stream, "tally-1")
            assert.ok(Option.isSome(kept))
            assert.equal(kept.value.version, 5)
            assert.deepStrictEqual(kept.value.state, state)
          })
        ),
      timeout
    )
  })
}
