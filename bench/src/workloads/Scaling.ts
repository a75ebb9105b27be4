/**
 * Workload 5 — scaling: the cost of one command as its stream grows (10 → 10,000 events), on the
 * in-memory store and on PostgreSQL, with and without snapshots.
 *
 * Each contender is a pool of streams seeded with `L` events each (opened, then visits):
 * `max(4, 10,000 / L)` streams, so 1,000 streams of 10 events and 4 of 10,000. One iteration
 * handles one more `LogVisit` command on the next stream of the pool, in turn, so that a stream
 * grows by at most 20% of `L` during the run (a full run takes at most 2,000 iterations per
 * contender) — with one stream, the "10-event" stream would have been thousands of events long
 * by the end. With snapshots (`every: 100`), a command reads the latest
 * snapshot and at most ~100 events after it — in one round trip on PostgreSQL
 * (`SqlSnapshotStore.loadWithTail`) — so its cost should not depend on `L` (O(1) in the stream);
 * without, it reads, decodes and folds the whole stream (O(stream)). The reference is the
 * 10-event stream with snapshots; the goal of issue 13 is ≤ 2× at 10,000 events.
 *
 * PostgreSQL: a fresh database, seeded, then `ANALYZE` before timing (a plan made on an empty,
 * unanalysed table would measure a transient); ≥ 10 samples per contender in a full run, the
 * spread (best–worst round) reported.
 */
import { CommandHandler, EventStore, InMemoryEventStore, Snapshot } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import { SqlSnapshotStore } from "@soltrace/core/sql"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as Domain from "../Domain.js"
import type { Contender, Mode, Settings, Workload } from "../Harness.js"
import type { Server } from "../PgServer.js"

const StateSchema = Schema.Struct({
  status: Schema.Literals(["none", "open", "closed"]),
  visits: Schema.Int,
  totalMinutes: Schema.Int,
  lastVisitOn: Schema.String
})

/** The bench's ticket aggregate with a snapshot every 100 events. */
const snapshotted: CommandHandler.Aggregate<Domain.Command, Domain.Event, Domain.State, Domain.Refusal> = {
  ...Domain.aggregate,
  snapshot: { evolveVersion: "bench-ticket-1", schema: StateSchema, every: 100 }
}

const lengthsOf = (mode: Mode): ReadonlyArray<number> => (mode === "quick" ? [10, 1_000] : [10, 100, 1_000, 10_000])

const settingsOf = (mode: Mode): Partial<Settings> | undefined =>
  mode === "quick" ? undefined : { rounds: 2, minSamples: 10, maxSamples: 1_000, minTimeMs: 400, warmupSamples: 5 }

/** How many streams of `length` events a contender takes in turn (see the module's comment). */
const poolOf = (length: number): number => Math.max(4, Math.ceil(10_000 / length))

/** The seeded events of a stream of `length` events, as writes of at most 1,000 events. */
const seedWrites = (stream: string, length: number): ReadonlyArray<EventStore.StreamWrite> => {
  const events = Domain.eventsOfOneStream(length)
  const writes: Array<EventStore.StreamWrite> = []
  for (let from = 0; from < length; from += 1_000) {
    writes.push({
      stream,
      expected: EventStore.exact(from),
      events: events.slice(from, from + 1_000).map((data, i) => ({
        eventId: `${stream}:seed:${from + i}`,
        type: data._tag,
        schemaVersion: 1,
        recordedAt: 0,
        data,
        metadata: { commandId: `${stream}:seed:${from + i}` }
      }))
    })
  }
  return writes
}

type Stores = EventStore.EventStore | Snapshot.SnapshotStore

const seed = (stream: string, length: number): Effect.Effect<void, unknown, Stores> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    for (const write of seedWrites(stream, length)) yield* store.append(write.stream, write.events, write.expected)
  })

/** One command on `stream` (a fresh command id each time): a visit. */
const commandOn = (
  aggregate: typeof snapshotted,
  stream: string,
  n: number
): Effect.Effect<unknown, unknown, EventStore.EventStore> =>
  CommandHandler.handle(
    aggregate,
    stream,
    { type: "LogVisit", data: { minutes: 30, on: "2025-06-01" } },
    { commandId: `${stream}:cmd:${n}` }
  )

const contendersOf = (
  run: <A>(effect: Effect.Effect<A, unknown, Stores>) => Promise<A>,
  lengths: ReadonlyArray<number>,
  prefix: string
): Promise<ReadonlyArray<Contender>> =>
  (async () => {
    const contenders: Array<Contender> = []
    for (const withSnapshots of [true, false]) {
      for (const length of lengths) {
        const streams = Array.from(
          { length: poolOf(length) },
          (_, k) => `ticket-${prefix}${withSnapshots ? "s" : "n"}${length}x${k}`
        )
        const aggregate = withSnapshots ? snapshotted : Domain.aggregate
        let n = 0
        for (const stream of streams) {
          await run(seed(stream, length))
          // The first command takes the first snapshot: done before timing.
          await run(commandOn(aggregate, stream, n++))
        }
        contenders.push({
          name: `${length} events, ${withSnapshots ? "snapshots" : "no snapshots"}`,
          units: 1,
          run: () => {
            const k = n++
            return run(commandOn(aggregate, streams[k % streams.length]!, k))
          }
        })
      }
    }
    return contenders
  })()

const goalsOf = (lengths: ReadonlyArray<number>) => {
  const longest = lengths[lengths.length - 1]!
  return [
    {
      label: `a command on ${longest} events ≤ 2× one on 10 (snapshots): ratio ≥ 0.5`,
      contender: `${longest} events, snapshots`,
      minRatio: 0.5
    }
  ]
}

/** The in-memory scaling workload. */
export const memory = async (mode: Mode): Promise<Workload> => {
  const lengths = lengthsOf(mode)
  const runtime = ManagedRuntime.make(Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory))
  const contenders = await contendersOf((effect) => runtime.runPromise(effect), lengths, "m")
  return {
    id: "scaling-memory",
    title: "5a. Scaling: one command as its stream grows, in memory",
    unit: "commands",
    reference: "10 events, snapshots",
    params: { lengths: lengths.join(" → "), snapshotEvery: 100 },
    ...(settingsOf(mode) === undefined ? {} : { settings: settingsOf(mode)! }),
    contenders,
    goals: goalsOf(lengths)
  }
}

/** The PostgreSQL scaling workload (a fresh database, analysed after seeding). */
export const postgres = async (
  server: Server,
  mode: Mode
): Promise<{ readonly workload: Workload; readonly close: () => Promise<void> }> => {
  const lengths = lengthsOf(mode)
  const url = await server.freshDatabase("bench_scaling")
  const runtime = ManagedRuntime.make(
    Layer.merge(Postgres.eventStore({ url, maxConnections: 4 }), SqlSnapshotStore.layer).pipe(
      Layer.provideMerge(Postgres.layer({ url, maxConnections: 4 }))
    ) as Layer.Layer<Stores | SqlClient.SqlClient, unknown>
  )
  const run = <A>(effect: Effect.Effect<A, unknown, Stores>) => runtime.runPromise(effect)
  const contenders = await contendersOf(run, lengths, "p")
  await runtime.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`ANALYZE soltrace_events`
      yield* sql`ANALYZE soltrace_snapshots`
    })
  )
  return {
    workload: {
      id: "scaling-pg",
      title: "5b. Scaling: one command as its stream grows, PostgreSQL (analysed)",
      unit: "commands",
      reference: "10 events, snapshots",
      params: { lengths: lengths.join(" → "), snapshotEvery: 100 },
      ...(settingsOf(mode) === undefined ? {} : { settings: settingsOf(mode)! }),
      contenders,
      goals: goalsOf(lengths)
    },
    close: () => runtime.dispose()
  }
}
