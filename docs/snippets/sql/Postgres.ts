import assert from "node:assert/strict"
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import { Effect } from "effect"

// A real server: the same SQL store over @effect/sql-pg, migrations applied at start.
// (Runs when SOLTRACE_PG_URL is set, e.g. SOLTRACE_PG_URL=$(bash scripts/pg.sh start).)
const url = process.env["SOLTRACE_PG_URL"]

if (url !== undefined && url !== "") {
  const Store = Postgres.eventStore({ url, maxConnections: 4 })
  const program = Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const stream = `ticket-${globalThis.crypto.randomUUID()}`
    const result = yield* store.append(
      stream,
      [
        {
          eventId: globalThis.crypto.randomUUID(),
          type: "TicketOpened",
          schemaVersion: 1,
          recordedAt: 0,
          data: {},
          metadata: {}
        }
      ],
      EventStore.noStream
    )
    assert.equal(result.version, 1)
    assert.deepStrictEqual(yield* store.readStream(stream), result.events)
  })
  await Effect.runPromise(program.pipe(Effect.provide(Store)))
}
