/**
 * Workload 2 — command handling in memory: S streams × C commands (open, visits, close), handled
 * one after the other (round-robin over the streams, so every stream grows as the store grows),
 * each on a fresh store per iteration:
 *
 * - `soltrace CommandHandler.handle` (in-memory store, events encoded/decoded with their Schema,
 *   `Exact` expected version, idempotent event ids) — all commands in one Effect program, with
 *   effect's default tracer (the kernel's spans are made, none exported: what a user gets);
 * - the same with `Effect.withTracerEnabled(false)` (no span made): what the spans cost;
 * - `emmett DeciderCommandHandler` (in-memory store), each command awaited.
 */
import { DeciderCommandHandler, getInMemoryEventStore } from "@event-driven-io/emmett"
import { CommandHandler, EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect } from "effect"
import * as Domain from "../Domain.js"
import type { Mode, Workload } from "../Harness.js"

/** Builds the command-handling workload. */
export const make = async (mode: Mode, size: "large" | "small" = "large"): Promise<Workload> => {
  // "large" is the goal's 10,000 streams; "small" (300 streams) shows the cost per command when
  // the store is small (Emmett's in-memory append counts every stream's events: O(streams)).
  const streams = mode === "quick" ? (size === "large" ? 200 : 50) : size === "large" ? 10_000 : 300
  const perStream = 10
  const ids = Array.from({ length: streams }, (_, s) => `ticket-${s}`)
  // The command objects are built once and shared by both libraries.
  const commands: Array<Array<Domain.Command>> = Array.from({ length: perStream }, (_, i) =>
    ids.map((id) => Domain.commandAt(id, i, perStream))
  )
  const total = streams * perStream

  const handleAll = Effect.gen(function* () {
    let last: Domain.State = Domain.initialState
    for (let i = 0; i < perStream; i++) {
      const row = commands[i]!
      for (let s = 0; s < streams; s++) {
        const handled = yield* CommandHandler.handle(Domain.aggregate, ids[s]!, row[s]!, {
          commandId: `${ids[s]}/${i}`
        })
        last = handled.state
      }
    }
    return last
  })
  // A fresh store per run, provided once to the whole program.
  const soltraceRun = Effect.flatMap(InMemoryEventStore.make(), ({ store }) =>
    handleAll.pipe(Effect.provideService(EventStore.EventStore, store))
  )
  const soltrace = () => Effect.runPromise(soltraceRun)
  const soltraceUntraced = () => Effect.runPromise(Effect.withTracerEnabled(soltraceRun, false))

  const handle = DeciderCommandHandler(Domain.emmettDecider)
  const emmett = async (): Promise<Domain.State> => {
    const store = getInMemoryEventStore()
    let last: Domain.State = Domain.initialState
    for (let i = 0; i < perStream; i++) {
      const row = commands[i]!
      for (let s = 0; s < streams; s++) {
        const result = await handle(store, ids[s]!, row[s]!)
        last = result.newState
      }
    }
    return last
  }

  // Both must end every ticket closed with the same figures.
  const a = await soltrace()
  const b = await emmett()
  const c = await soltraceUntraced()
  if (a.status !== "closed" || JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(a) !== JSON.stringify(c)) {
    throw new Error(
      `command handling: soltrace ended ${JSON.stringify(a)} (tracing off ${JSON.stringify(c)}), emmett ${JSON.stringify(b)}`
    )
  }

  return {
    id: size === "large" ? "command-handling" : "command-handling-small",
    title:
      size === "large"
        ? "2a. Command handling in memory: load → decide → append"
        : "2b. Command handling in memory, small store",
    unit: "commands",
    reference: "emmett DeciderCommandHandler",
    params: { streams, commandsPerStream: perStream },
    // One iteration is 100,000 commands (tens of seconds on a loaded machine); the correctness
    // check above already ran both once (warm-up).
    settings:
      mode === "quick"
        ? {}
        : size === "large"
          ? { rounds: 2, minSamples: 1, maxSamples: 1, minTimeMs: 1, warmupSamples: 0 }
          : { rounds: 3, minSamples: 3, maxSamples: 50, minTimeMs: 1_000, warmupSamples: 1 },
    contenders: [
      { name: "emmett DeciderCommandHandler", units: total, run: emmett },
      { name: "soltrace CommandHandler.handle", units: total, run: soltrace },
      { name: "soltrace CommandHandler.handle, tracing off", units: total, run: soltraceUntraced }
    ],
    goals:
      size === "large"
        ? [{ label: "soltrace faster than Emmett", contender: "soltrace CommandHandler.handle", minRatio: 1 }]
        : [{ label: "(informative) soltrace vs Emmett", contender: "soltrace CommandHandler.handle", minRatio: 1 }]
  }
}
