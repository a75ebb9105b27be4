/**
 * Workload 1 — rehydration: fold one long stream into its state.
 *
 * - `hand loop` (reference, the limit): a `for` loop calling `evolve` over the array of event
 *   objects, nothing else;
 * - `soltrace readStream + fold`: read the stream from the in-memory store and `Decider.fold` it
 *   (evolve over the recorded events' data, no decoding — what Emmett does);
 * - `soltrace load (decode)`: `CommandHandler.load`, the path a command pays: read, decode every
 *   event with its Schema (and upcasters), fold — each event is decoded once per codec and kept
 *   next to the stream, so a load of a stream already read walks the kept decoded events;
 * - `soltrace decode each event + fold` (explains the previous one): the same read decoded event
 *   by event with `codec.decode` (a copy of the read, which the stream's kept decoded events do not
 *   serve) and folded — what `load` paid per event before decoded events were kept per stream;
 * - `emmett aggregateStream`: Emmett's in-memory store `aggregateStream`.
 *
 * What limits `readStream + fold` on a long stream is memory, not code: it reads each event's
 * envelope (9 fields, ~96 bytes) and its data (~48 bytes), the hand loop the data only, and at
 * 100k events neither fits in this machine's caches, so both are bound by memory bandwidth.
 */
import { getInMemoryEventStore } from "@event-driven-io/emmett"
import { CommandHandler, Decider, EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect, Result } from "effect"
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

  // Each contender folds with its own copy of the same `evolve` (see `Domain.compiledApart`).
  const handEvolve = Domain.compiledApart(Domain.decider.evolve)
  const handLoop = (): Domain.State => {
    let state = Domain.initialState
    for (let i = 0; i < events.length; i++) state = handEvolve(state, events[i]!)
    return state
  }

  const foldEvolve = Domain.compiledApart(Domain.decider.evolve)
  const recordedDecider: Decider.Decider<never, EventStore.RecordedEvent, Domain.State, never> = {
    initialState: Domain.initialState,
    decide: () => {
      throw new Error("not used")
    },
    evolve: (state, recorded) => foldEvolve(state, recorded.data as Domain.Event),
    isTerminal: () => false
  }
  const soltraceFold = (): Domain.State => Decider.fold(recordedDecider, Effect.runSync(store.readStream(STREAM)))

  const loadAggregate: CommandHandler.Aggregate<Domain.Command, Domain.Event, Domain.State, Domain.Refusal> = {
    ...Domain.aggregate,
    decider: { ...Domain.decider, evolve: Domain.compiledApart(Domain.decider.evolve) }
  }
  const load = CommandHandler.load(loadAggregate, STREAM).pipe(Effect.provideService(EventStore.EventStore, store))
  const soltraceLoad = (): Domain.State => Effect.runSync(load).state

  const eachEvolve = Domain.compiledApart(Domain.decider.evolve)
  const soltraceDecodeEach = (): Domain.State => {
    const read = Effect.runSync(store.readStream(STREAM))
    let state = Domain.initialState
    for (let i = 0; i < read.length; i++) {
      const decoded = Domain.codec.decode(read[i]!)
      if (Result.isFailure(decoded)) throw decoded.failure
      state = eachEvolve(state, decoded.success)
    }
    return state
  }

  const emmettEvolve = Domain.compiledApart(Domain.emmettDecider.evolve)
  const emmettAggregate = async (): Promise<Domain.State> =>
    (
      await emmett.aggregateStream(STREAM, {
        evolve: emmettEvolve,
        initialState: Domain.emmettDecider.initialState
      })
    ).state

  check("hand loop", handLoop(), expected)
  check("soltrace readStream + fold", soltraceFold(), expected)
  check("soltrace load (decode)", soltraceLoad(), expected)
  check("soltrace decode each event + fold", soltraceDecodeEach(), expected)
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
      { name: "soltrace decode each event + fold", units: n, run: soltraceDecodeEach },
      { name: "emmett aggregateStream", units: n, run: emmettAggregate }
    ],
    goals: [
      { label: "soltrace readStream + fold ≥ 0.8× hand loop", contender: "soltrace readStream + fold", minRatio: 0.8 },
      // Issue 13: `load` with decoding within 2× of the hand loop.
      { label: "soltrace load (decode) ≥ 0.5× hand loop", contender: "soltrace load (decode)", minRatio: 0.5 }
    ]
  }
}
