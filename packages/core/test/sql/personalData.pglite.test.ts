import assert from "node:assert/strict"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Option } from "effect"
import { afterAll, describe, it } from "vitest"
import * as PersonalData from "../../src/kernel/PersonalData.js"
import { PgliteClient } from "../../src/sql/pglite.js"
import { SqlPersonalData } from "../../src/sql/index.js"
import { personalDataTests } from "./personalData.js"
import { makeRuntime } from "./shared.js"

// One PGlite instance for the whole file (it takes seconds to start).
const runtime = makeRuntime(PgliteClient.layer())
afterAll(() => runtime.dispose())

personalDataTests("PGlite", runtime)

describe("PGlite personal-data store", () => {
  it("D16: a file-backed database keeps records and tombstones across a close and a reopen", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "soltrace-pglite-pd-"))
    try {
      const people = SqlPersonalData.layerWithMigrations.pipe(Layer.provide(PgliteClient.layer({ dataDir })))
      await Effect.runPromise(
        Effect.gen(function* () {
          const store = yield* PersonalData.PersonalData
          yield* store.record({ _tag: "Party", subjectId: "kept", name: "Kept", marketingOptOut: false })
          yield* store.record({ _tag: "Party", subjectId: "gone", name: "Gone", marketingOptOut: true })
          yield* store.erase("gone", "2026-12-01")
        }).pipe(Effect.provide(people))
      )
      const read = await Effect.runPromise(
        Effect.gen(function* () {
          const store = yield* PersonalData.PersonalData
          return [yield* store.get("kept"), yield* store.get("gone")]
        }).pipe(Effect.provide(people))
      )
      assert.deepStrictEqual(read, [
        Option.some({ _tag: "Party", subjectId: "kept", name: "Kept", marketingOptOut: false }),
        Option.some({ _tag: "Erased", subjectId: "gone", erasedOn: "2026-12-01" })
      ])
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
