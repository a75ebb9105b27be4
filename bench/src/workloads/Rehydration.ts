/**
 * Workload 1 — rehydration: fold one long stream into its state.
 *
 * - `hand loop` (reference, the limit): a `for` loop calling `evolve` over the array of event
 *   objects, nothing else;
 * - `soltrace readStream + fold`: read the stream from the in-memory store and `Decider.fold` it
 *   (evolve over the recorded events' data, no decoding — what Emmett does);
 * - `soltrace load (decode)`: `CommandHandler.load`, the path a command pays: read, decode every
 *   event with its Schema (and upcasters), fold;
 * - `emmett aggregateStream`: Emmett's in-memory store `aggregateStream`.
 */
import { getInMemoryEventStore } from "@event-driven-io/emmett"
import { CommandHandler, Decider, EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect } from "effect"
import * as Domain from "../Domain.js"
import type { Mode, Workload } from "../Harness.js"

const STREAM = "ticket-1"

const check = (label: string, state: Domain.State, expected: Domain.State): void => {
  if (JSON.stringify(state) !== JSON.stringify(expected)) {
    throw new Error(`rehydration: ${label} folded to ${JSON.stringify(state)}, expected ${JSON.stringify(expected)}`)
  }
}

/** Builds the rehydration workload (stores populated, results checked once). */
export const make = async (mode: Mode): Promise<Workload> => {
  const n = mode === "quick" ? 5_000 : 100_000
  const events = Domain.eventsOfOneStream(n)
  const expected = Domain.expectedStateOf(n)

  // soltrace in-memory store
  const { store } = Effect.runSync(InMemoryEventStore.make())
  for (let from = 0; from < n; from += 1_000) {
    const batch = events.slice(from, from + 1_000).map((data, i) => ({
      eventId: `e-${from + i}`,
      type: data._tag,
      schemaVersion: 1,
      recordedAt: 0,
      data,
      metadata: {}
    }))
    Effect.runSync(store.append(STREAM, batch, EventStore.exact(from)))
  }

  // Emmett in-memory store, same events
  const emmett = getInMemoryEventStore()
  for (let from = 0; from < n; from += 1_000) {
    const batch: Array<Domain.EmmettEvent> = events
      .slice(from, from + 1_000)
      .map((e) =>
        e._tag === "Opened"
          ? { type: "Opened", data: { ticketId: e.ticketId, openedOn: e.openedOn } }
          : e._tag === "VisitLogged"
            ? { type: "VisitLogged", data: { minutes: e.minutes, on: e.on } }
            : { type: "Closed", data: { on: e.on, visits: e.visits, totalMinutes: e.totalMinutes } }
      )
    await emmett.appendToStream(STREAM, batch)
  }

  const evolve = Domain.decider.evolve
  const handLoop = (): Domain.State => {
    let state = Domain.initialState
    for (let i = 0; i < events.length; i++) state = evolve(state, events[i]!)
    return state
  }

  const recordedDecider: Decider.Decider<never, EventStore.RecordedEvent, Domain.State, never> = {
    initialState: Domain.initialState,
    decide: () => {
      throw new Error("not used")
    },
    evolve: (state, recorded) => evolve(state, recorded.data as Domain.Event),
    isTerminal: () => false
  }
  const soltraceFold = (): Domain.State => Decider.fold(recordedDecider, Effect.runSync(store.readStream(STREAM)))

  const load = CommandHandler.load(Domain.aggregate, STREAM).pipe(Effect.provideService(EventStore.EventStore, store))
  const soltraceLoad = (): Domain.State => Effect.runSync(load).state

  const emmettAggregate = async (): Promise<Domain.State> =>
    (
      await emmett.aggregateStream(STREAM, {
        evolve: Domain.emmettDecider.evolve,
        initialState: Domain.emmettDecider.initialState
      })
    ).state

  check("hand loop", handLoop(), expected)
  check("soltrace readStream + fold", soltraceFold(), expected)
  check("soltrace load (decode)", soltraceLoad(), expected)
  check("emmett aggregateStream", await emmettAggregate(), expected)

  return {
    id: "rehydration",
    title: "1. Rehydration: fold one stream into its state (in memory)",
    unit: "events",
    reference: "hand loop",
    params: { events: n },
    contenders: [
      { name: "hand loop", units: n, run: handLoop },
      { name: "soltrace readStream + fold", units: n, run: soltraceFold },
      { name: "soltrace load (decode)", units: n, run: soltraceLoad },
      { name: "emmett aggregateStream", units: n, run: emmettAggregate }
    ],
    goals: [
      { label: "soltrace readStream + fold ≥ 0.8× hand loop", contender: "soltrace readStream + fold", minRatio: 0.8 },
      { label: "soltrace load (decode) ≥ 0.8× hand loop", contender: "soltrace load (decode)", minRatio: 0.8 }
    ]
  }
}
