/**
 * A server that cannot be reached: the error names the host, the port and the system's reason
 * (issue 16: a wrong PostgreSQL port said only "migrations failed"). Needs no server: port 1 on
 * loopback refuses connections.
 */
import { Cause, Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { EventStore, PersonalData } from "../../src/index.js"
import { Postgres } from "../../src/sql/pg.js"

const url = "postgres://postgres@127.0.0.1:1/postgres"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const error = Cause.findErrorOption(exit.cause)
  if (error._tag === "None") throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return error.value
}

describe("connection refused", () => {
  it("the event store's layer fails with an EventStoreError naming host, port and cause", async () => {
    const program = Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      return yield* store.streamVersion("x-1")
    })
    const error = failureOf(await Effect.runPromiseExit(Effect.provide(program, Postgres.eventStore({ url }))))
    expect(error).toBeInstanceOf(EventStore.EventStoreError)
    expect(error.message).toContain("cannot connect to 127.0.0.1:1")
    expect(error.message).toContain("ECONNREFUSED")
  })

  it("a bad store option fails Postgres.eventStore with InvalidArgument naming it, before any connection is tried (issue 12)", async () => {
    const program = Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      return yield* store.streamVersion("x-1")
    })
    const error = failureOf(
      await Effect.runPromiseExit(Effect.provide(program, Postgres.eventStore({ url, batchSize: 0 })))
    )
    expect(error).toBeInstanceOf(EventStore.InvalidArgument)
    expect(error).toMatchObject({
      operation: "SqlEventStore.make",
      field: "options.batchSize",
      reason: "must be a positive integer (events), got 0"
    })
  })

  it("the personal-data store's layer says the same", async () => {
    const program = Effect.gen(function* () {
      const store = yield* PersonalData.PersonalData
      return yield* store.get("p-1")
    })
    const error = failureOf(await Effect.runPromiseExit(Effect.provide(program, Postgres.personalData({ url }))))
    expect(error).toBeInstanceOf(PersonalData.PersonalDataStoreError)
    expect(error.message).toContain("cannot connect to 127.0.0.1:1")
    expect(error.message).toContain("ECONNREFUSED")
  })
})
