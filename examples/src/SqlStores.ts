/**
 * The SQL event store of `@soltrace/core/sql` on PGlite (in memory or in a data folder) and on
 * PostgreSQL, migrations applied at start. Loaded on demand by `Stores.open`, so an in-memory run
 * never loads a database driver.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import type { EventStore } from "@soltrace/core"
import { PgliteClient } from "@soltrace/core/pglite"
import { Postgres } from "@soltrace/core/pg"
import { SqlEventStore } from "@soltrace/core/sql"

/**
 * @since 0.1.0
 */
export const sqlLayer = (
  spec:
    | { readonly _tag: "pglite"; readonly dataDir: string | undefined }
    | { readonly _tag: "postgres"; readonly url: string }
): Layer.Layer<EventStore.EventStore, unknown> =>
  spec._tag === "pglite"
    ? SqlEventStore.layerWithMigrations().pipe(
        Layer.provide(PgliteClient.layer(spec.dataDir === undefined ? {} : { dataDir: spec.dataDir }))
      )
    : Postgres.eventStore({ url: spec.url })
