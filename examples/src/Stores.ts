/**
 * The event stores the examples run on: `memory` (a fresh in-memory store per scenario, the
 * default), `pglite` / `pglite:DIR` (PGlite in memory, or in a data folder), `postgres:URL`.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import type { Scope } from "effect"
import { InMemoryEventStore } from "@soltrace/core"
import type { EventStore } from "@soltrace/core"

/**
 * @since 0.1.0
 */
export type StoreSpec =
  | { readonly _tag: "memory" }
  | { readonly _tag: "pglite"; readonly dataDir: string | undefined }
  | { readonly _tag: "postgres"; readonly url: string }

/**
 * Parses `memory`, `pglite`, `pglite:DIR`, `postgres:URL` (or a bare `postgres://…` URL).
 *
 * @since 0.1.0
 */
export const parse = (text: string): StoreSpec | undefined => {
  if (text === "memory") return { _tag: "memory" }
  if (text === "pglite") return { _tag: "pglite", dataDir: undefined }
  if (text.startsWith("pglite:")) return { _tag: "pglite", dataDir: text.slice("pglite:".length) || undefined }
  if (text.startsWith("postgres:") && !text.startsWith("postgres://"))
    return { _tag: "postgres", url: text.slice("postgres:".length) }
  if (text.startsWith("postgres://") || text.startsWith("postgresql://")) return { _tag: "postgres", url: text }
  return undefined
}

/**
 * A human name for a store, without any password.
 *
 * @since 0.1.0
 */
export const describe = (spec: StoreSpec): string => {
  switch (spec._tag) {
    case "memory":
      return "the in-memory store"
    case "pglite":
      return spec.dataDir === undefined ? "PGlite (in memory)" : `PGlite (data folder ${spec.dataDir})`
    case "postgres":
      return `PostgreSQL (${spec.url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@")})`
  }
}

/**
 * How scenarios get their store: `perScenario` gives the layer each scenario runs on; `persistent`
 * says the store outlives the run (then scenario ids get a per-run suffix).
 *
 * @since 0.1.0
 */
export interface Stores {
  readonly perScenario: Layer.Layer<EventStore.EventStore, unknown>
  readonly persistent: boolean
}

/**
 * Opens the store described by `spec` for the duration of the scope. The SQL stores are loaded
 * only when asked for, so the in-memory run needs neither PGlite nor a PostgreSQL driver.
 *
 * @since 0.1.0
 */
export const open = (spec: StoreSpec): Effect.Effect<Stores, unknown, Scope.Scope> => {
  switch (spec._tag) {
    case "memory":
      return Effect.succeed({ perScenario: InMemoryEventStore.layer, persistent: false })
    case "pglite":
    case "postgres":
      return Effect.gen(function* () {
        const { sqlLayer } = yield* Effect.promise(() => import("./SqlStores.js"))
        const context = yield* Layer.build(sqlLayer(spec))
        return { perScenario: Layer.succeedContext(context), persistent: true }
      })
  }
}
