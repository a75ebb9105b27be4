/**
 * Workload 6 — tracing overhead: one command in memory (a 100-event stream, snapshots every 100),
 * the cheapest command the kernel has, so the largest relative overhead (on PostgreSQL it is lost
 * in the round trip). Four contenders do the same work:
 *
 * - **no spans** (the reference): the same command path — snapshot load, tail read, decode, fold,
 *   decide, encode, append, snapshot save when due, under the kernel's retry loop — built from the
 *   kernel's exported primitives (`CommandHandler.recordedBy` / `decideOn` / `toAppend` /
 *   `retrying`, `EventCodec.decodeAll`, `Decider.fold`) on a store made with `tracing: false` and a
 *   snapshot map without spans: no `Effect.withSpan` anywhere;
 * - **tracing off**: `CommandHandler.handle` under `Effect.withTracerEnabled(false)` (issue 13's
 *   goal: at least 0.97× no spans);
 * - **default tracer**: effect's native tracer (spans made, not exported);
 * - **recording tracer**: a tracer that keeps every span (what an exporter pays before sending).
 *
 * Before timing, each contender handles the same first command on the same seeded stream, and
 * their results (version, state, events) must be equal.
 */
import { CommandHandler, Decider, EventCodec, EventStore, InMemoryEventStore, Snapshot } from "@soltrace/core"
import { Effect, Layer, ManagedRuntime, Option, References, Result, Schema, Tracer } from "effect"
import * as Domain from "../Domain.js"
import type { Mode, Workload } from "../Harness.js"

const StateSchema = Schema.Struct({
  status: Schema.Literals(["none", "open", "closed"]),
  visits: Schema.Int,
  totalMinutes: Schema.Int,
  lastVisitOn: Schema.String
})

const policy: Snapshot.SnapshotPolicy<Domain.State> = {
  evolveVersion: "bench-ticket-1",
  schema: StateSchema,
  every: 100
}

const aggregate: CommandHandler.Aggregate<Domain.Command, Domain.Event, Domain.State, Domain.Refusal> = {
  ...Domain.aggregate,
  snapshot: policy
}

/** The work of `Snapshot.makeMemory` (a map keyed by evolve version and stream), without its spans. */
export const snapshotsWithoutSpans = (): Snapshot.SnapshotStoreService => {
  const map = new Map<string, Snapshot.Snapshot>()
  return {
    load: (streamId, evolveVersion) =>
      Effect.sync(() => Option.fromNullishOr(map.get(`${evolveVersion}\u0000${streamId}`))),
    save: (snapshot) =>
      Effect.sync(() => {
        const key = `${snapshot.evolveVersion}\u0000${snapshot.streamId}`
        const current = map.get(key)
        if (current === undefined || current.version < snapshot.version) map.set(key, snapshot)
      })
  }
}

type Loaded = CommandHandler.Loaded<Domain.State>
type Out = Effect.Effect<CommandHandler.Handled<Domain.Event, Domain.State>, unknown, Snapshot.SnapshotStore>

/** Reads the events after `snapshotVersion`, decodes them and folds them into `state` (the kernel's replay). */
const replay = (
  store: EventStore.EventStoreService,
  streamId: string,
  state: Domain.State,
  snapshotVersion: number
): Effect.Effect<Loaded, unknown> =>
  Effect.flatMap(store.readStream(streamId, { from: snapshotVersion + 1 }), (tail): Effect.Effect<Loaded, unknown> => {
    const decoded = EventCodec.decodeAll(Domain.codec, tail)
    if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
    return Effect.succeed({
      state: Decider.fold(Domain.decider, decoded.success, state),
      version: tail[tail.length - 1]?.version ?? snapshotVersion,
      snapshotVersion,
      tail
    })
  })

/** The kernel's load: the snapshot store in context (if any), the latest usable snapshot, the tail. */
const load = (store: EventStore.EventStoreService, streamId: string) =>
  Effect.flatMap(Effect.serviceOption(Snapshot.SnapshotStore), (snapshots) => {
    if (Option.isNone(snapshots)) return replay(store, streamId, Domain.decider.initialState, 0)
    return Effect.flatMap(snapshots.value.load(streamId, policy.evolveVersion), (snapshot) => {
      if (Option.isSome(snapshot) && snapshot.value.evolveVersion === policy.evolveVersion) {
        const restored = Schema.decodeUnknownResult(policy.schema)(snapshot.value.state)
        if (Result.isSuccess(restored)) return replay(store, streamId, restored.success, snapshot.value.version)
      }
      return replay(store, streamId, Domain.decider.initialState, 0)
    })
  })

/**
 * `CommandHandler.handle`'s path for an aggregate with a snapshot policy on a store without
 * `loadWithTail`, step by step and in the same order, without a span: what the kernel does,
 * minus tracing.
 */
export const handleWithoutSpans = (
  store: EventStore.EventStoreService,
  streamId: string,
  command: Domain.Command,
  metadata: CommandHandler.CommandMetadata
): Out =>
  CommandHandler.retrying(
    Effect.suspend(() =>
      Effect.flatMap(load(store, streamId), (loaded): Out => {
        if (CommandHandler.recordedBy(loaded, metadata.commandId) !== undefined) {
          return Effect.die(new Error("tracing overhead: a command id was repeated"))
        }
        return Effect.flatMap(CommandHandler.decideOn(aggregate, loaded, command), (events) =>
          Effect.flatMap(CommandHandler.toAppend(aggregate, streamId, loaded, events, metadata), (write) =>
            Effect.flatMap(
              // As the kernel: a conflicting repeat is looked at before it is returned.
              Effect.catchTag(store.append(streamId, write.events, write.expected), "EventIdConflict", Effect.fail),
              (result): Out => {
                const after = Decider.fold(Domain.decider, events, loaded.state)
                const handled = {
                  events,
                  recorded: result.events,
                  state: after,
                  version: result.version,
                  duplicate: false
                }
                if (result.version - loaded.snapshotVersion < (policy.every ?? 100)) return Effect.succeed(handled)
                const encoded = Schema.encodeResult(policy.schema)(after)
                if (Result.isFailure(encoded)) return Effect.succeed(handled)
                return Effect.as(
                  Effect.flatMap(Effect.service(Snapshot.SnapshotStore), (snapshots) =>
                    snapshots.save({
                      streamId,
                      version: result.version,
                      evolveVersion: policy.evolveVersion,
                      state: encoded.success
                    })
                  ),
                  handled
                )
              }
            )
          )
        )
      })
    )
  )

const seed = (stream: string) =>
  Domain.eventsOfOneStream(100).map((data, i) => ({
    eventId: `${stream}:seed:${i}`,
    type: data._tag,
    schemaVersion: 1,
    recordedAt: 0,
    data,
    metadata: {}
  }))

const command: Domain.Command = { type: "LogVisit", data: { minutes: 30, on: "2025-06-01" } }

/** What two contenders must agree on for the same first command on the same seeded stream. */
const outcomeOf = (handled: {
  readonly version: number
  readonly state: Domain.State
  readonly events: ReadonlyArray<Domain.Event>
}) => JSON.stringify({ version: handled.version, state: handled.state, events: handled.events })

type Outcome = {
  readonly version: number
  readonly state: Domain.State
  readonly events: ReadonlyArray<Domain.Event>
}

/** A contender: its own runtime (store, snapshot store, tracing), how it seeds a stream and handles a command. */
interface Variant {
  readonly runtime: ManagedRuntime.ManagedRuntime<EventStore.EventStore | Snapshot.SnapshotStore, never>
  readonly handle: (
    stream: string,
    commandId: string
  ) => Effect.Effect<Outcome, unknown, EventStore.EventStore | Snapshot.SnapshotStore>
}

const kernelHandle = (stream: string, commandId: string) =>
  CommandHandler.handle(aggregate, stream, command, { commandId })

/** Builds the tracing-overhead workload. */
export const make = async (mode: Mode): Promise<Workload> => {
  const stores = Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory)
  let recorded = 0
  const recording = Tracer.make({
    span(options) {
      recorded++
      return new Tracer.NativeSpan(options)
    }
  })
  // Each contender has its own runtime; tracing is set there, as an application sets it.
  const variants: Record<string, Variant> = {
    "no spans": {
      runtime: ManagedRuntime.make(
        Layer.merge(
          Layer.effect(
            EventStore.EventStore,
            Effect.map(InMemoryEventStore.make({ tracing: false }), (s) => s.store)
          ),
          Layer.sync(Snapshot.SnapshotStore, snapshotsWithoutSpans)
        )
      ),
      handle: (stream, commandId) =>
        Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
          handleWithoutSpans(store, stream, command, { commandId })
        )
    },
    "tracing off": {
      runtime: ManagedRuntime.make(Layer.merge(stores, Layer.succeed(References.TracerEnabled, false))),
      handle: kernelHandle
    },
    "default tracer": { runtime: ManagedRuntime.make(stores), handle: kernelHandle },
    "recording tracer": {
      runtime: ManagedRuntime.make(Layer.merge(stores, Layer.succeed(Tracer.Tracer, recording))),
      handle: kernelHandle
    }
  }
  const seedStream = (v: Variant, stream: string) =>
    v.runtime.runPromise(
      Effect.flatMap(Effect.service(EventStore.EventStore), (s) => s.append(stream, seed(stream), EventStore.noStream))
    )
  // The same first command on the same seeded stream: every contender computes the same thing.
  const outcomes = new Map<string, string>()
  for (const [name, v] of Object.entries(variants)) {
    await seedStream(v, "ticket-check")
    outcomes.set(name, outcomeOf(await v.runtime.runPromise(v.handle("ticket-check", "check"))))
  }
  const expected = outcomes.get("no spans")
  for (const [name, outcome] of outcomes) {
    if (outcome !== expected) throw new Error(`tracing overhead: ${name} computes ${outcome}, no spans ${expected}`)
  }
  if (recorded === 0) throw new Error("tracing overhead: the recording tracer saw no span")

  const contender = async (name: string) => {
    const stream = "ticket-trace"
    const v = variants[name]!
    await seedStream(v, stream)
    let n = 0
    const once = () => v.runtime.runPromise(v.handle(stream, `${stream}:${n++}`))
    await once()
    return { name, units: 1, run: once }
  }
  return {
    id: "tracing",
    title: "6. Tracing overhead: one command in memory (100-event stream, snapshots)",
    unit: "commands",
    reference: "no spans",
    params: { streamEvents: 100 },
    ...(mode === "quick"
      ? {}
      : { settings: { rounds: 5, minSamples: 10, maxSamples: 5_000, minTimeMs: 400, warmupSamples: 10 } }),
    contenders: [
      await contender("no spans"),
      await contender("tracing off"),
      await contender("default tracer"),
      await contender("recording tracer")
    ],
    // The tracers' ratios are in the table; the goal is that tracing off costs nothing.
    goals: [{ label: "tracing off vs no spans (issue 13: ≤ 3%)", contender: "tracing off", minRatio: 0.97 }]
  }
}
