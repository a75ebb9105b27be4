/**
 * Workload 6 — tracing overhead: one command in memory (a 100-event stream, snapshots every 100)
 * with tracing off (`Effect.withTracerEnabled(false)`, the reference), with effect's default
 * tracer (spans made, not exported) and with a tracer that records every span (what an exporter
 * pays before sending). The in-memory command is the cheapest the kernel has, so this is the
 * largest relative overhead; on PostgreSQL it is lost in the round trip.
 */
import { CommandHandler, EventStore, InMemoryEventStore, Snapshot } from "@soltrace/core"
import { Effect, Layer, ManagedRuntime, Schema, Tracer } from "effect"
import * as Domain from "../Domain.js"
import type { Mode, Workload } from "../Harness.js"

const StateSchema = Schema.Struct({
  status: Schema.Literals(["none", "open", "closed"]),
  visits: Schema.Int,
  totalMinutes: Schema.Int,
  lastVisitOn: Schema.String
})

const aggregate: CommandHandler.Aggregate<Domain.Command, Domain.Event, Domain.State, Domain.Refusal> = {
  ...Domain.aggregate,
  snapshot: { evolveVersion: "bench-ticket-1", schema: StateSchema, every: 100 }
}

/** Builds the tracing-overhead workload. */
export const make = async (mode: Mode): Promise<Workload> => {
  const runtime = ManagedRuntime.make(Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory))
  let recorded = 0
  const recording = Tracer.make({
    span(options) {
      recorded++
      return new Tracer.NativeSpan(options)
    }
  })
  const variants = {
    off: (e: Effect.Effect<unknown, unknown, EventStore.EventStore>) => Effect.withTracerEnabled(e, false),
    native: (e: Effect.Effect<unknown, unknown, EventStore.EventStore>) => e,
    recording: (e: Effect.Effect<unknown, unknown, EventStore.EventStore>) =>
      Effect.provideService(e, Tracer.Tracer, recording)
  }
  const contender = async (name: string, variant: keyof typeof variants) => {
    const stream = `ticket-trace-${variant}`
    await runtime.runPromise(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const events = Domain.eventsOfOneStream(100).map((data, i) => ({
          eventId: `${stream}:seed:${i}`,
          type: data._tag,
          schemaVersion: 1,
          recordedAt: 0,
          data,
          metadata: {}
        }))
        yield* store.append(stream, events, EventStore.noStream)
      })
    )
    let n = 0
    const once = () =>
      runtime.runPromise(
        variants[variant](
          CommandHandler.handle(
            aggregate,
            stream,
            { type: "LogVisit", data: { minutes: 30, on: "2025-06-01" } },
            { commandId: `${stream}:${n++}` }
          )
        )
      )
    await once()
    return { name, units: 1, run: once }
  }
  const contenders = [
    await contender("tracing off", "off"),
    await contender("default tracer", "native"),
    await contender("recording tracer", "recording")
  ]
  if (recorded === 0) throw new Error("tracing overhead: the recording tracer saw no span")
  return {
    id: "tracing",
    title: "6. Tracing overhead: one command in memory (100-event stream, snapshots)",
    unit: "commands",
    reference: "tracing off",
    params: { streamEvents: 100 },
    ...(mode === "quick"
      ? {}
      : { settings: { rounds: 3, minSamples: 10, maxSamples: 5_000, minTimeMs: 500, warmupSamples: 10 } }),
    contenders,
    goals: [{ label: "(informative) default tracer vs off", contender: "default tracer", minRatio: 0.97 }]
  }
}
