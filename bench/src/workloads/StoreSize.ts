/**
 * Workload 5c — scaling with the store: the same operation on PostgreSQL stores of 1,000,
 * 10,000, 100,000 and 1,000,000 events (quick: 1,000 and 10,000), to show which costs are O(1)
 * in the store and which are not.
 *
 * One database per size, filled with `CatchUp.populate` (streams of 1,000 events written straight
 * into soltrace's tables), plus 100 short streams of 10 events appended through the store, then
 * `ANALYZE`d before anything is timed. Three workloads, each with one contender per size,
 * interleaved, the 1,000-event store the reference:
 *
 * - **append**: one 1-event append to a new stream (`noStream`): the one-statement append;
 * - **command**: `CommandHandler.handle` of one command on one of the short streams, in turn
 *   (read, decode, fold, decide, append);
 * - **readAll page**: `readAll({ after, maxCount: 500 })` from the middle of the log.
 *
 * Each is expected to be O(1) in the store (index lookups whose depth grows with log N); the
 * goal line says whether the 1,000,000-event store stays within 2× of the 1,000-event one.
 */
import { CommandHandler, EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import type { Layer } from "effect"
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import * as Domain from "../Domain.js"
import type { Contender, Mode, Settings, Workload } from "../Harness.js"
import type { Server } from "../PgServer.js"
import { populate } from "./CatchUp.js"

type Runtime = ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>

const SHORT_STREAMS = 100
const PAGE = 500

const sizesOf = (mode: Mode): ReadonlyArray<number> =>
  mode === "quick" ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000]

const settingsOf = (mode: Mode): Partial<Settings> | undefined =>
  mode === "quick" ? undefined : { rounds: 2, minSamples: 10, maxSamples: 1_000, minTimeMs: 400, warmupSamples: 5 }

const label = (size: number): string => `${size.toLocaleString("en-US")} events`

interface Store {
  readonly size: number
  readonly runtime: Runtime
  readonly middle: number
}

const open = async (server: Server, size: number): Promise<Store> => {
  const url = await server.freshDatabase(`bench_store_${size}`)
  const runtime: Runtime = ManagedRuntime.make(
    Postgres.eventStore({ url, maxConnections: 2 }) as Layer.Layer<EventStore.EventStore | SqlClient.SqlClient, unknown>
  )
  const middle = await runtime.runPromise(
    Effect.gen(function* () {
      yield* populate(size)
      const store = yield* EventStore.EventStore
      for (let s = 0; s < SHORT_STREAMS; s++) {
        const stream = `ticket-short${s}`
        const events = Domain.eventsOfOneStream(10).map((data, i) => ({
          eventId: `${stream}:seed:${i}`,
          type: data._tag,
          schemaVersion: 1,
          recordedAt: 0,
          data,
          metadata: { commandId: `${stream}:seed:${i}` }
        }))
        yield* store.append(stream, events, EventStore.noStream)
      }
      const sql = yield* SqlClient.SqlClient
      yield* sql`ANALYZE soltrace_events`
      const page = yield* store.readAll({ after: Math.floor(size / 2), maxCount: 1 })
      return page[0]?.position ?? 0
    })
  )
  return { size, runtime, middle }
}

const goal = (sizes: ReadonlyArray<number>) => [
  {
    label: `the ${label(sizes[sizes.length - 1]!)} store ≤ 2× the ${label(sizes[0]!)} one: ratio ≥ 0.5`,
    contender: label(sizes[sizes.length - 1]!),
    minRatio: 0.5
  }
]

/** Builds the three store-size workloads on `server` (one database per size). */
export const make = async (
  server: Server,
  mode: Mode
): Promise<{ readonly workloads: ReadonlyArray<Workload>; readonly close: () => Promise<void> }> => {
  const sizes = sizesOf(mode)
  const stores: Array<Store> = []
  for (const size of sizes) stores.push(await open(server, size))
  let n = 0
  const appendTo = (store: Store): Contender => ({
    name: label(store.size),
    units: 1,
    run: () => {
      const stream = `ticket-new${n++}`
      return store.runtime.runPromise(
        Effect.flatMap(EventStore.EventStore, (es) =>
          es.append(
            stream,
            [
              {
                eventId: `${stream}:1`,
                type: "VisitLogged",
                schemaVersion: 1,
                recordedAt: 0,
                data: { _tag: "VisitLogged", minutes: 30, on: "2025-06-01" },
                metadata: { commandId: `${stream}:1` }
              }
            ],
            EventStore.noStream
          )
        )
      )
    }
  })
  const commandOn = (store: Store): Contender => ({
    name: label(store.size),
    units: 1,
    run: () => {
      const k = n++
      const stream = `ticket-short${k % SHORT_STREAMS}`
      return store.runtime.runPromise(
        CommandHandler.handle(
          Domain.aggregate,
          stream,
          { type: "LogVisit", data: { minutes: 30, on: "2025-06-01" } },
          { commandId: `${stream}:cmd:${k}` }
        )
      )
    }
  })
  const readPage = (store: Store): Contender => ({
    name: label(store.size),
    units: PAGE,
    run: async () => {
      const page = await store.runtime.runPromise(
        Effect.flatMap(EventStore.EventStore, (es) => es.readAll({ after: store.middle, maxCount: PAGE }))
      )
      if (page.length !== PAGE) throw new Error(`store size: read ${page.length} events, expected ${PAGE}`)
    }
  })
  const workload = (id: string, title: string, unit: string, contender: (store: Store) => Contender): Workload => ({
    id,
    title,
    unit,
    reference: label(sizes[0]!),
    params: { sizes: sizes.map(label).join(" → "), shortStreams: SHORT_STREAMS, page: PAGE },
    ...(settingsOf(mode) === undefined ? {} : { settings: settingsOf(mode)! }),
    contenders: stores.map(contender),
    goals: goal(sizes)
  })
  return {
    workloads: [
      workload("store-size-append", "5c. Store size: one 1-event append, PostgreSQL", "appends", appendTo),
      workload(
        "store-size-command",
        "5d. Store size: one command on a 10-event stream, PostgreSQL",
        "commands",
        commandOn
      ),
      workload("store-size-read", "5e. Store size: one readAll page of 500 events, PostgreSQL", "events", readPage)
    ],
    close: async () => {
      for (const store of stores) await store.runtime.dispose()
    }
  }
}
