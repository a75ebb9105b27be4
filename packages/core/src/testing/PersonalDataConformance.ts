/**
 * The personal-data store conformance suite (D16): one set of vitest tests every `PersonalData`
 * backend must pass — access, rectification, erasure with tombstones, typed errors naming the
 * field, concurrent writers, and a fast-check model-based property.
 *
 * ```ts
 * import { PersonalData } from "@soltrace/core"
 * import { runPersonalDataConformance } from "@soltrace/core/testing"
 * runPersonalDataConformance("in-memory", PersonalData.layerMemory)
 * ```
 *
 * The layer is built once for the suite (or once per test, see the `build` option). Tests share
 * the store: every test uses subject ids under a fresh prefix of its own.
 *
 * @since 0.1.0
 */
import assert from "node:assert/strict"
import { Effect, ManagedRuntime, Option, Result, Schema } from "effect"
import type { Layer } from "effect"
import type * as FastCheck from "fast-check"
import type * as Vitest from "vitest"
import * as PersonalData from "../kernel/PersonalData.js"
import { optionalPeer } from "../internal/optionalPeer.js"

/**
 * Options of the suite.
 *
 * @since 0.1.0
 * @category models
 */
export interface PersonalDataConformanceOptions {
  /** fast-check runs of the model-based property (default 40). */
  readonly numRuns?: number | undefined
  /** Per-test timeout in milliseconds (default 60 000). */
  readonly timeout?: number | undefined
  /** `"suite"` (default): one store for the whole suite; `"test"`: a new one per test and run. */
  readonly build?: "suite" | "test" | undefined
}

type Store = PersonalData.PersonalDataService
type Entry = PersonalData.Entry

const freshPrefix = (): string => `s${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 20)}/`

const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) assert.fail(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) assert.fail(`expected a success, got ${String(result.failure)}`)
  return result.success
}

const party = (subjectId: string, extra: Partial<PersonalData.PersonalRecordInput> = {}) =>
  ({
    _tag: "Party",
    subjectId,
    name: "Marie Dupont",
    email: "marie.dupont@example.org",
    phone: "+32 470 12 34 56",
    postalAddress: "Rue de l'Église 4, 5000 Namur",
    marketingOptOut: false,
    ...extra
  }) as PersonalData.PersonalRecordInput

const address = (subjectId: string, holderId?: string): PersonalData.PersonalRecordInput => ({
  _tag: "PostalAddress",
  subjectId,
  ...(holderId !== undefined ? { holderId } : {}),
  lines: ["Chaussée de Liège 12", "Boîte 3"],
  postalCode: "5100",
  locality: "Jambes",
  country: "BE"
})

const decodeRecord = Schema.decodeUnknownSync(PersonalData.PersonalRecord)
const decodeExport = Schema.decodeUnknownSync(PersonalData.SubjectExport)

const expectInvalid = (
  result: Result.Result<unknown, { readonly _tag: string }>,
  field: string
): PersonalData.InvalidPersonalData => {
  const error = failure(result)
  assert.ok(error instanceof PersonalData.InvalidPersonalData, `expected InvalidPersonalData, got ${error._tag}`)
  assert.equal(error.field, field)
  assert.ok(error.message.length > 0)
  return error
}

/**
 * Registers the conformance tests of a personal-data store under `describe(name)`.
 *
 * @since 0.1.0
 * @category conformance
 */
export const runPersonalDataConformance = <E>(
  name: string,
  layer: Layer.Layer<PersonalData.PersonalData, E>,
  options?: PersonalDataConformanceOptions
): void => {
  const fc = optionalPeer<typeof FastCheck>("fast-check", "runPersonalDataConformance")
  const { afterAll, beforeAll, describe, it } = optionalPeer<typeof Vitest>("vitest", "runPersonalDataConformance")
  const timeout = options?.timeout ?? 60_000
  let runtime: ManagedRuntime.ManagedRuntime<PersonalData.PersonalData, E> | undefined
  if ((options?.build ?? "suite") === "suite") {
    beforeAll(() => {
      runtime = ManagedRuntime.make(layer)
    })
    afterAll(() => runtime?.dispose())
  }
  const run = <A, E2>(body: (store: Store) => Effect.Effect<A, E2>): Promise<A> => {
    const program = Effect.flatMap(PersonalData.PersonalData, body)
    return runtime === undefined ? Effect.runPromise(program.pipe(Effect.provide(layer))) : runtime.runPromise(program)
  }
  const test = (
    title: string,
    body: (store: Store, id: (local: string) => string) => Effect.Effect<unknown, unknown>
  ) =>
    it(
      title,
      () => {
        const prefix = freshPrefix()
        return run((store) => body(store, (local) => `${prefix}${local}`)).then(() => undefined)
      },
      timeout
    )

  describe(`PersonalData conformance: ${name}`, () => {
    describe("record and access (D16, WAL-5.15)", () => {
      test("D16: a recorded party and a recorded address read back as given, optional fields and all", (store, id) =>
        Effect.gen(function* () {
          const p = party(id("p"), { name: "Élodie d'Hainaut-O\"Brien \\ 李 🙂" })
          const a = address(id("a"), id("p"))
          assert.deepStrictEqual(yield* store.record(p), decodeRecord(p))
          assert.deepStrictEqual(yield* store.record(a), decodeRecord(a))
          assert.deepStrictEqual(yield* store.get(id("p")), Option.some(decodeRecord(p)))
          assert.deepStrictEqual(yield* store.get(id("a")), Option.some(decodeRecord(a)))
          const minimal = { _tag: "Party", subjectId: id("m"), name: "X", marketingOptOut: true } as const
          yield* store.record(minimal)
          assert.deepStrictEqual(yield* store.get(id("m")), Option.some(minimal))
        }))

      test("D16: an id never recorded reads as none", (store, id) =>
        Effect.gen(function* () {
          assert.deepStrictEqual(yield* store.get(id("nobody")), Option.none())
        }))

      test("D16: recording an id already held fails with PersonalDataAlreadyRecorded and keeps the first record", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          const again = failure(yield* Effect.result(store.record(party(id("p"), { name: "Someone Else" }))))
          assert.ok(again instanceof PersonalData.PersonalDataAlreadyRecorded)
          assert.equal(again.subjectId, id("p"))
          assert.equal(again.erased, false)
          const asAddress = failure(yield* Effect.result(store.record(address(id("p")))))
          assert.equal(asAddress._tag, "PersonalDataAlreadyRecorded")
          assert.deepStrictEqual(yield* store.get(id("p")), Option.some(decodeRecord(party(id("p")))))
        }))

      test("D16: an erased id is never reused: recording it again fails with erased = true", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* store.erase(id("p"), "2026-12-01")
          const again = failure(yield* Effect.result(store.record(party(id("p")))))
          assert.ok(again instanceof PersonalData.PersonalDataAlreadyRecorded)
          assert.equal(again.erased, true)
        }))

      const malformed: ReadonlyArray<readonly [string, (id: string) => unknown, string]> = [
        ["a blank name", (s) => party(s, { name: "  " }), "name"],
        ["an empty name", (s) => party(s, { name: "" }), "name"],
        ["a name with a line break", (s) => party(s, { name: "Marie\nDupont" }), "name"],
        ["a name with a NUL character", (s) => party(s, { name: "Marie\u0000" }), "name"],
        ["a name with a lone surrogate", (s) => party(s, { name: "Marie \uD83D" }), "name"],
        ["a subject id with a NUL character", (s) => party(`${s}\u0000`), "subjectId"],
        ["an e-mail without @", (s) => party(s, { email: "marie.example.org" }), "email"],
        ["a phone without digits", (s) => party(s, { phone: "call me" }), "phone"],
        ["a phone of 3 digits", (s) => party(s, { phone: "112" }), "phone"],
        ["a missing marketingOptOut", (s) => ({ _tag: "Party", subjectId: s, name: "X" }), "marketingOptOut"],
        ["a misspelt field", (s) => ({ ...party(s), emial: "x@y.z" }), "emial"],
        ["an empty subject id", () => party(""), "subjectId"],
        ["an unknown kind", (s) => ({ ...party(s), _tag: "Person" }), "_tag"],
        ["no kind at all", (s) => ({ subjectId: s, name: "X", marketingOptOut: false }), "_tag"],
        ["not an object", () => "Marie Dupont", "_tag"],
        ["an address without lines", (s) => ({ ...address(s), lines: [] }), "lines"],
        ["an address with a blank second line", (s) => ({ ...address(s), lines: ["ok", " "] }), "lines.1"],
        ["a lower-case country", (s) => ({ ...address(s), country: "be" }), "country"],
        ["a missing locality", (s) => ({ ...address(s), locality: undefined }), "locality"],
        ["an empty holder id", (s) => address(s, ""), "holderId"],
        ["an address holding itself", (s) => address(s, s), "holderId"]
      ]
      for (const [title, input, field] of malformed) {
        test(`a record with ${title} fails with InvalidPersonalData naming "${field}", and nothing is stored`, (store, id) =>
          Effect.gen(function* () {
            const result = yield* Effect.result(store.record(input(id("x")) as PersonalData.PersonalRecordInput))
            expectInvalid(result, field)
            assert.deepStrictEqual(yield* store.get(id("x")), Option.none())
          }))
      }
    })

    describe("rectification (WAL-5.15)", () => {
      test("WAL-5.15: a correction changes the fields given, keeps the others, and null removes an optional field", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          const corrected = yield* store.rectify(id("p"), {
            _tag: "Party",
            name: "Marie Dupont-Lefèvre",
            phone: null,
            marketingOptOut: true
          })
          const expected = decodeRecord({
            _tag: "Party",
            subjectId: id("p"),
            name: "Marie Dupont-Lefèvre",
            email: "marie.dupont@example.org",
            postalAddress: "Rue de l'Église 4, 5000 Namur",
            marketingOptOut: true
          })
          assert.deepStrictEqual(corrected, expected)
          assert.deepStrictEqual(yield* store.get(id("p")), Option.some(expected))
          yield* store.record(address(id("a"), id("p")))
          const moved = yield* store.rectify(id("a"), { _tag: "PostalAddress", lines: ["Rue Neuve 1"], holderId: null })
          assert.deepStrictEqual(moved, decodeRecord({ ...address(id("a")), lines: ["Rue Neuve 1"] }))
          assert.deepStrictEqual(yield* store.rectify(id("a"), { _tag: "PostalAddress" }), moved)
        }))

      test("WAL-5.15: correcting an unknown id fails with PersonalDataNotFound", (store, id) =>
        Effect.gen(function* () {
          const error = failure(yield* Effect.result(store.rectify(id("nobody"), { _tag: "Party", name: "X" })))
          assert.ok(error instanceof PersonalData.PersonalDataNotFound)
          assert.equal(error.subjectId, id("nobody"))
        }))

      test("D16: correcting an erased subject fails with PersonalDataErased and its erasure date", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* store.erase(id("p"), "2026-11-30")
          const error = failure(yield* Effect.result(store.rectify(id("p"), { _tag: "Party", name: "Back Again" })))
          assert.ok(error instanceof PersonalData.PersonalDataErased)
          assert.equal(error.erasedOn, "2026-11-30")
          assert.equal(
            (yield* store.get(id("p"))).pipe(
              Option.map((e) => e._tag),
              Option.getOrUndefined
            ),
            "Erased"
          )
        }))

      const badCorrections: ReadonlyArray<readonly [string, unknown, string]> = [
        ["of another kind", { _tag: "PostalAddress", locality: "Namur" }, "_tag"],
        ["without a kind", { name: "X" }, "_tag"],
        ["with a blank name", { _tag: "Party", name: " " }, "name"],
        ["removing the required name", { _tag: "Party", name: null }, "name"],
        ["with a bad e-mail", { _tag: "Party", email: "nope" }, "email"],
        ["with a misspelt field", { _tag: "Party", nmae: "X" }, "nmae"]
      ]
      for (const [title, correction, field] of badCorrections) {
        test(`a correction ${title} fails with InvalidPersonalData naming "${field}" and changes nothing`, (store, id) =>
          Effect.gen(function* () {
            yield* store.record(party(id("p")))
            expectInvalid(
              yield* Effect.result(store.rectify(id("p"), correction as PersonalData.RectificationInput)),
              field
            )
            assert.deepStrictEqual(yield* store.get(id("p")), Option.some(decodeRecord(party(id("p")))))
          }))
      }

      test("a correction making an address hold itself fails with InvalidPersonalData naming holderId", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(address(id("a")))
          expectInvalid(
            yield* Effect.result(store.rectify(id("a"), { _tag: "PostalAddress", holderId: id("a") })),
            "holderId"
          )
          assert.deepStrictEqual(yield* store.get(id("a")), Option.some(decodeRecord(address(id("a")))))
        }))

      test("a correction of a malformed subject id fails with InvalidPersonalData naming subjectId", (store) =>
        Effect.gen(function* () {
          expectInvalid(yield* Effect.result(store.rectify("", { _tag: "Party", name: "X" })), "subjectId")
        }))
    })

    describe("erasure (D16)", () => {
      test("D16: an erased subject reads as a tombstone holding only its id and the erasure date", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          const tombstone = yield* store.erase(id("p"), "2026-12-01")
          const expected: PersonalData.Erased = {
            _tag: "Erased",
            subjectId: PersonalData.SubjectId.make(id("p")),
            erasedOn: "2026-12-01"
          }
          assert.deepStrictEqual(tombstone, expected)
          const read = yield* store.get(id("p"))
          assert.deepStrictEqual(read, Option.some(expected))
          assert.deepStrictEqual(Object.keys(Option.getOrThrow(read)).sort(), ["_tag", "erasedOn", "subjectId"])
          assert.ok(!JSON.stringify(yield* store.exportSubject(id("p"))).includes("Dupont"))
        }))

      test("D16: erasing twice changes nothing and keeps the first erasure date", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* store.erase(id("p"), "2026-12-01")
          const again = yield* store.erase(id("p"), "2027-01-15")
          assert.equal(again.erasedOn, "2026-12-01")
          assert.deepStrictEqual((yield* store.get(id("p"))).pipe(Option.getOrThrow), {
            _tag: "Erased",
            subjectId: id("p"),
            erasedOn: "2026-12-01"
          })
        }))

      test("D16: erasing a party erases the addresses it holds, and nothing else", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* store.record(address(id("home"), id("p")))
          yield* store.record(address(id("site"), id("p")))
          yield* store.record(address(id("other"), id("q")))
          yield* store.record(party(id("q")))
          yield* store.erase(id("p"), "2026-12-01")
          const all = yield* store.getMany([id("p"), id("home"), id("site"), id("other"), id("q")])
          assert.deepStrictEqual(
            [...all.entries()].map(([k, e]) => [k, e._tag]),
            [
              [id("p"), "Erased"],
              [id("home"), "Erased"],
              [id("site"), "Erased"],
              [id("other"), "PostalAddress"],
              [id("q"), "Party"]
            ]
          )
          assert.equal((all.get(id("home")) as PersonalData.Erased).erasedOn, "2026-12-01")
        }))

      test("erasing an unknown id fails with PersonalDataNotFound and records no tombstone", (store, id) =>
        Effect.gen(function* () {
          const error = failure(yield* Effect.result(store.erase(id("nobody"), "2026-12-01")))
          assert.ok(error instanceof PersonalData.PersonalDataNotFound)
          assert.deepStrictEqual(yield* store.get(id("nobody")), Option.none())
          yield* store.record(party(id("nobody")))
        }))

      for (const date of ["2026-02-29", "2026-13-01", "01-12-2026", "2026-12-1", "0000-01-01", ""]) {
        test(`an erasure dated ${JSON.stringify(date)} fails with InvalidPersonalData naming erasedOn, and erases nothing`, (store, id) =>
          Effect.gen(function* () {
            yield* store.record(party(id("p")))
            expectInvalid(yield* Effect.result(store.erase(id("p"), date)), "erasedOn")
            assert.equal(
              (yield* store.get(id("p"))).pipe(
                Option.map((e) => e._tag),
                Option.getOrUndefined
              ),
              "Party"
            )
          }))
      }

      test("an erasure on 29 February of a leap year is accepted", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          assert.equal((yield* store.erase(id("p"), "2028-02-29")).erasedOn, "2028-02-29")
        }))
    })

    describe("views and export", () => {
      test("D16: getMany returns the entries of the held ids (tombstones included), unknown ids absent", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("a")))
          yield* store.record(party(id("b")))
          yield* store.erase(id("b"), "2026-12-01")
          const found = yield* store.getMany([id("b"), id("unknown"), id("a"), id("b")])
          assert.deepStrictEqual([...found.keys()], [id("b"), id("a")])
          assert.equal(found.get(id("a"))?._tag, "Party")
          assert.equal(found.get(id("b"))?._tag, "Erased")
          assert.equal((yield* store.getMany([])).size, 0)
          expectInvalid(yield* Effect.result(store.getMany([id("a"), ""])), "subjectIds.1")
        }))

      test("GDPR art. 15/20: the export holds the subject's record and the addresses it holds, as plain JSON", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* store.record(address(id("z-site"), id("p")))
          yield* store.record(address(id("b-home"), id("p")))
          yield* store.record(address(id("elsewhere")))
          const exported = yield* store.exportSubject(id("p"))
          assert.deepStrictEqual(
            exported.entries.map((e) => e.subjectId),
            [id("p"), id("b-home"), id("z-site")]
          )
          assert.deepStrictEqual(decodeExport(JSON.parse(JSON.stringify(exported))), exported)
          const alone = yield* store.exportSubject(id("elsewhere"))
          assert.deepStrictEqual(alone.entries, [decodeRecord(address(id("elsewhere")))])
          const error = failure(yield* Effect.result(store.exportSubject(id("nobody"))))
          assert.equal(error._tag, "PersonalDataNotFound")
        }))
    })

    describe("concurrent writers", () => {
      test("D16: concurrent records of one new id: exactly one succeeds, the others get PersonalDataAlreadyRecorded", (store, id) =>
        Effect.gen(function* () {
          for (let round = 0; round < 10; round++) {
            const results = yield* Effect.forEach(
              [0, 1, 2, 3],
              (w) => Effect.result(store.record(party(id(`p${round}`), { name: `Writer ${w}` }))),
              { concurrency: "unbounded" }
            )
            assert.equal(results.filter(Result.isSuccess).length, 1)
            for (const r of results.filter(Result.isFailure))
              assert.equal(r.failure._tag, "PersonalDataAlreadyRecorded")
            const winner = success(results.find(Result.isSuccess)!)
            assert.deepStrictEqual(yield* store.get(id(`p${round}`)), Option.some(winner))
          }
        }))

      test("WAL-5.15: concurrent corrections of different fields of one subject are all kept (no lost update)", (store, id) =>
        Effect.gen(function* () {
          yield* store.record(party(id("p")))
          yield* Effect.all(
            [
              store.rectify(id("p"), { _tag: "Party", name: "New Name" }),
              store.rectify(id("p"), { _tag: "Party", email: "new@example.org" }),
              store.rectify(id("p"), { _tag: "Party", phone: "+33 1 23 45 67 89" }),
              store.rectify(id("p"), { _tag: "Party", marketingOptOut: true })
            ],
            { concurrency: "unbounded" }
          )
          assert.deepStrictEqual(
            yield* store.get(id("p")),
            Option.some(
              decodeRecord(
                party(id("p"), {
                  name: "New Name",
                  email: "new@example.org",
                  phone: "+33 1 23 45 67 89",
                  marketingOptOut: true
                })
              )
            )
          )
        }))

      test("D16: a correction racing an erasure never brings data back: the subject ends erased", (store, id) =>
        Effect.gen(function* () {
          for (let round = 0; round < 10; round++) {
            const subject = id(`p${round}`)
            yield* store.record(party(subject))
            const [rectified] = yield* Effect.all(
              [
                Effect.result(store.rectify(subject, { _tag: "Party", name: "Racing" })),
                store.erase(subject, "2026-12-01")
              ],
              { concurrency: "unbounded" }
            )
            if (Result.isFailure(rectified)) assert.equal(rectified.failure._tag, "PersonalDataErased")
            assert.deepStrictEqual(
              yield* store.get(subject),
              Option.some({ _tag: "Erased", subjectId: subject, erasedOn: "2026-12-01" })
            )
          }
        }))
    })

    describe("model-based (fast-check)", () => {
      type Op =
        | { readonly op: "record"; readonly input: (id: (n: number) => string) => PersonalData.PersonalRecordInput }
        | { readonly op: "rectify"; readonly subject: number; readonly correction: PersonalData.RectificationInput }
        | { readonly op: "erase"; readonly subject: number; readonly erasedOn: string }
        | { readonly op: "get"; readonly subject: number }
        | { readonly op: "export"; readonly subject: number }

      const subjects = 4
      const subject = fc.integer({ min: 0, max: subjects - 1 })
      const text = fc.oneof(
        fc.constantFrom("Marie Dupont", "Élodie d'Hainaut", 'O"Brien \\ & co', "李小龙", "Zoë 🙂", "x"),
        fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
          .filter((s) => /\S/.test(s) && [...s].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f))
      )
      const email = fc.emailAddress().filter((e) => e.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))
      const phone = fc.stringMatching(/^\+3[23] [1-9][0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}$/)
      const lines = fc.array(text, { minLength: 1, maxLength: 3 })
      const postalCode = fc.stringMatching(/^[1-9][0-9]{3}$/)
      const country = fc.constantFrom("BE", "FR", "LU", "NL", "DE")
      const date = fc
        .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10))

      const recordOp: FastCheck.Arbitrary<Op> = fc.oneof(
        fc
          .record(
            {
              n: subject,
              name: text,
              postalAddress: text,
              email,
              phone,
              marketingOptOut: fc.boolean()
            },
            { requiredKeys: ["n", "name", "marketingOptOut"] }
          )
          .map(({ n, ...fields }): Op => ({
            op: "record",
            input: (id) => ({ _tag: "Party", subjectId: id(n), ...fields })
          })),
        fc
          .record(
            // Most addresses are held by a party: what an erasure and an export must follow.
            {
              n: subject,
              holder: fc.option(subject, { freq: 4, nil: undefined }),
              lines,
              postalCode,
              locality: text,
              country
            },
            { requiredKeys: ["n", "holder", "lines", "postalCode", "locality", "country"] }
          )
          .map(({ n, holder, ...fields }): Op => ({
            op: "record",
            input: (id) => ({
              _tag: "PostalAddress",
              subjectId: id(n),
              ...(holder !== undefined ? { holderId: id(holder) } : {}),
              ...fields
            })
          }))
      )
      const nullable = <A>(a: FastCheck.Arbitrary<A>) => fc.option(a, { nil: null })
      const rectifyOp: FastCheck.Arbitrary<Op> = fc.oneof(
        fc
          .record(
            {
              name: text,
              postalAddress: nullable(text),
              email: nullable(email),
              phone: nullable(phone),
              marketingOptOut: fc.boolean()
            },
            { requiredKeys: [] }
          )
          .chain((fields) =>
            subject.map((n): Op => ({ op: "rectify", subject: n, correction: { _tag: "Party", ...fields } }))
          ),
        fc
          .record({ lines, postalCode, locality: text, country }, { requiredKeys: [] })
          .chain((fields) =>
            subject.map((n): Op => ({ op: "rectify", subject: n, correction: { _tag: "PostalAddress", ...fields } }))
          )
      )
      const opArbitrary: FastCheck.Arbitrary<Op> = fc.oneof(
        { arbitrary: recordOp, weight: 4 },
        { arbitrary: rectifyOp, weight: 3 },
        { arbitrary: fc.record({ op: fc.constant("erase" as const), subject, erasedOn: date }), weight: 3 },
        { arbitrary: fc.record({ op: fc.constant("get" as const), subject }), weight: 1 },
        { arbitrary: fc.record({ op: fc.constant("export" as const), subject }), weight: 1 }
      )

      /** The model: a map of entries, with the rules stated as plainly as possible. */
      const modelOf = () => {
        const entries = new Map<string, Entry>()
        const heldBy = (holder: string) =>
          [...entries.values()]
            .filter((e) => e._tag === "PostalAddress" && e.holderId === holder)
            .sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0))
        return {
          entries,
          record: (input: PersonalData.PersonalRecordInput): Result.Result<Entry, string> => {
            const held = entries.get(input.subjectId)
            if (input._tag === "PostalAddress" && input.holderId === input.subjectId)
              return Result.fail("Invalid:holderId")
            if (held !== undefined) return Result.fail(`AlreadyRecorded:${held._tag === "Erased"}`)
            const record = decodeRecord(input)
            entries.set(input.subjectId, record)
            return Result.succeed(record)
          },
          rectify: (id: string, correction: PersonalData.RectificationInput): Result.Result<Entry, string> => {
            const held = entries.get(id)
            if (held === undefined) return Result.fail("NotFound")
            if (held._tag === "Erased") return Result.fail(`Erased:${held.erasedOn}`)
            if (held._tag !== correction._tag) return Result.fail("Invalid:_tag")
            const next: { [k: string]: unknown } = { ...held }
            for (const [k, v] of Object.entries(correction)) {
              if (v === null) delete next[k]
              else if (v !== undefined) next[k] = v
            }
            const record = decodeRecord(next)
            entries.set(id, record)
            return Result.succeed(record)
          },
          erase: (id: string, erasedOn: string): Result.Result<Entry, string> => {
            const held = entries.get(id)
            if (held === undefined) return Result.fail("NotFound")
            if (held._tag === "Erased") return Result.succeed(held)
            for (const e of [held, ...heldBy(id)]) {
              entries.set(e.subjectId, { _tag: "Erased", subjectId: e.subjectId, erasedOn })
            }
            return Result.succeed(entries.get(id)!)
          },
          exportOf: (id: string): Result.Result<unknown, string> => {
            const held = entries.get(id)
            if (held === undefined) return Result.fail("NotFound")
            return Result.succeed({ subjectId: id, entries: [held, ...heldBy(id)] })
          }
        }
      }

      const outcome = <A>(result: Result.Result<A, { readonly _tag: string }>): Result.Result<A, string> => {
        if (Result.isSuccess(result)) return Result.succeed(result.success)
        const e = result.failure
        if (e instanceof PersonalData.PersonalDataAlreadyRecorded) return Result.fail(`AlreadyRecorded:${e.erased}`)
        if (e instanceof PersonalData.PersonalDataErased) return Result.fail(`Erased:${e.erasedOn}`)
        if (e instanceof PersonalData.PersonalDataNotFound) return Result.fail("NotFound")
        if (e instanceof PersonalData.InvalidPersonalData) return Result.fail(`Invalid:${e.field}`)
        return Result.fail(e._tag)
      }

      it(
        "D16/WAL-5.15: random records, corrections, erasures, reads and exports agree with a simple model",
        () =>
          fc.assert(
            fc.asyncProperty(fc.array(opArbitrary, { maxLength: 40, size: "max" }), (ops) =>
              run((store) =>
                Effect.gen(function* () {
                  const prefix = freshPrefix()
                  const id = (n: number) => `${prefix}${n}`
                  const model = modelOf()
                  for (const op of ops) {
                    switch (op.op) {
                      case "record": {
                        const input = op.input(id)
                        const got = outcome(yield* Effect.result(store.record(input)))
                        assert.deepStrictEqual(got, model.record(input), `record ${JSON.stringify(input)}`)
                        break
                      }
                      case "rectify": {
                        const got = outcome(yield* Effect.result(store.rectify(id(op.subject), op.correction)))
                        assert.deepStrictEqual(got, model.rectify(id(op.subject), op.correction))
                        break
                      }
                      case "erase": {
                        const got = outcome(yield* Effect.result(store.erase(id(op.subject), op.erasedOn)))
                        assert.deepStrictEqual(got, model.erase(id(op.subject), op.erasedOn))
                        break
                      }
                      case "get": {
                        const got = yield* store.get(id(op.subject))
                        assert.deepStrictEqual(got, Option.fromNullishOr(model.entries.get(id(op.subject))))
                        break
                      }
                      case "export": {
                        const got = outcome(yield* Effect.result(store.exportSubject(id(op.subject))))
                        assert.deepStrictEqual(got, model.exportOf(id(op.subject)))
                        break
                      }
                    }
                  }
                  const all = Array.from({ length: subjects }, (_, n) => id(n))
                  const found = yield* store.getMany(all)
                  assert.deepStrictEqual(
                    new Map([...found].map(([k, v]) => [k, v])),
                    new Map(all.flatMap((k) => (model.entries.has(k) ? [[k, model.entries.get(k)!] as const] : [])))
                  )
                })
              )
            ),
            { numRuns: options?.numRuns ?? 40 }
          ),
        timeout * 3
      )
    })
  })
}
