/**
 * One SqlClient per test file, migrated once, and a fresh SQL event store over it per test (the
 * tables emptied), for the after-sales tests that run on PGlite.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import { Migrations, SqlEventStore } from "@soltrace/core/sql"

export type Runtime = ManagedRuntime.ManagedRuntime<SqlClient.SqlClient, unknown>

/** A runtime holding one SqlClient for the whole file, with the schema migrated once. */
export const makeRuntime = (client: Layer.Layer<SqlClient.SqlClient, unknown>): Runtime =>
  ManagedRuntime.make(Layer.effectDiscard(Effect.asVoid(Migrations.run)).pipe(Layer.provideMerge(client)))

/** The SQL event store over the runtime's client, starting from empty tables. */
export const conformanceLayer = (runtime: Runtime, options?: SqlEventStore.Options) =>
  SqlEventStore.layer(options).pipe(
    Layer.provideMerge(
      Layer.effectDiscard(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* sql`TRUNCATE soltrace_events`
        })
      )
    ),
    Layer.provideMerge(Layer.effectContext(runtime.contextEffect))
  )
