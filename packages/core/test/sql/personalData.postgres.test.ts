/**
 * The SQL personal-data store on a real PostgreSQL server: `SOLTRACE_PG_URL=$(bash scripts/pg.sh url)`.
 * Without the URL the file is skipped, except on CI (`CI=true`), where it fails.
 */
import assert from "node:assert/strict"
import { Effect, Option } from "effect"
import { afterAll, describe, it } from "vitest"
import * as PersonalData from "../../src/kernel/PersonalData.js"
import { Postgres } from "../../src/sql/pg.js"
import { personalDataTests } from "./personalData.js"
import { makeRuntime } from "./shared.js"

const url = process.env["SOLTRACE_PG_URL"]

if (url === undefined || url === "") {
  if (process.env["CI"] === "true") {
    it("SOLTRACE_PG_URL must be set on CI (start a server with scripts/pg.sh start)", () => {
      assert.fail("SOLTRACE_PG_URL is not set while CI=true: the PostgreSQL tests cannot be skipped on CI")
    })
  } else {
    describe.skip("PostgreSQL personal-data store (set SOLTRACE_PG_URL to run)", () => {
      it("needs a server", () => undefined)
    })
  }
} else {
  const runtime = makeRuntime(Postgres.layer({ url, maxConnections: 8 }))
  afterAll(() => runtime.dispose())
  personalDataTests("PostgreSQL", runtime)

  describe("Postgres.personalData", () => {
    it("D16: one layer from a URL gives the migrated personal-data store on the server", () =>
      Effect.runPromise(
        Effect.gen(function* () {
          const people = yield* PersonalData.PersonalData
          const subjectId = `pg-layer-${globalThis.crypto.randomUUID()}`
          yield* people.record({ _tag: "Party", subjectId, name: "Marie Dupont", marketingOptOut: false })
          yield* people.erase(subjectId, "2026-12-01")
          assert.deepStrictEqual(
            yield* people.get(subjectId),
            Option.some({ _tag: "Erased", subjectId, erasedOn: "2026-12-01" })
          )
        }).pipe(Effect.provide(Postgres.personalData({ url, maxConnections: 2 })))
      ))
  })
}
