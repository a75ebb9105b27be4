/**
 * The personal-data store (D16, WAL-5.15): names, e-mail addresses, phone numbers and postal
 * addresses kept OUT of the event streams, under a subject id that events carry instead.
 *
 * Events never hold personal data; they hold a `SubjectId` (a party id, an address id). The data
 * lives here, where the person it is about can get it (access), have it corrected
 * (rectification) and have it erased (erasure) — rights the GDPR (Regulation (EU) 2016/679,
 * art. 15–17 and 20) gives, and WAL-5.15 of the Walloon contract states. Because no decision ever
 * reads this store, a stream still replays after an erasure; a view that resolves an erased id
 * gets an {@link Erased} tombstone and shows "erased".
 *
 * ```ts
 * import { Effect } from "effect"
 * import { PersonalData } from "@soltrace/core"
 *
 * const program = Effect.gen(function* () {
 *   const people = yield* PersonalData.PersonalData
 *   yield* people.record({ _tag: "Party", subjectId: "party-1", name: "Marie Dupont", marketingOptOut: false })
 *   yield* people.erase("party-1", "2026-12-01")
 *   return yield* people.get("party-1") // Option.some({ _tag: "Erased", subjectId: "party-1", erasedOn: "2026-12-01" })
 * }).pipe(Effect.provide(PersonalData.layerMemory))
 * ```
 *
 * Two kinds of record:
 *
 * - a {@link Party}: a person or a company (customer, installer, owner) — name, optional postal
 *   address text, e-mail, phone, and `marketingOptOut` (WAL-5.15: the free right to object to
 *   direct marketing);
 * - a {@link PostalAddress}: lines, postal code, locality, country; optionally held by a party
 *   (`holderId`), so that an export or an erasure of that party covers its addresses too.
 *
 * Every operation decodes its input with the Schemas below: a malformed value is an
 * {@link InvalidPersonalData} naming the field, never a defect. Erasure takes its date from the
 * caller (a business date, `YYYY-MM-DD`); the store never reads the clock.
 *
 * The same service runs in memory ({@link layerMemory}) and on PostgreSQL or PGlite
 * (`SqlPersonalData` in `@soltrace/core/sql`); `runPersonalDataConformance` of
 * `@soltrace/core/testing` holds every backend to the same behaviour.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Ref, Result, Schema, SchemaIssue } from "effect"

// Small checks of the Schemas below, written here: the kernel imports no domain package (so not
// the rules' Calendar), and effect has no Schema of a calendar date without a time zone.
const isCalendarDate = (s: string): boolean => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number]
  const date = new Date(Date.UTC(2000, m - 1, d))
  date.setUTCFullYear(y)
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
const digitCount = (s: string): number => s.replaceAll(/[^0-9]/g, "").length

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

// Text PostgreSQL can store: no control characters (no NUL, no line break), no lone surrogate.
// eslint-disable-next-line no-control-regex
const noControl = Schema.isPattern(/^[^\u0000-\u001f\u007f]*$/, { message: "must not contain control characters" })
const wellFormed = Schema.isPattern(/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/, {
  message: "must be well-formed Unicode"
})

/** One line of text: not blank, at most `max` UTF-16 code units, storable. */
const line = (max: number) =>
  Schema.String.check(
    Schema.isPattern(/\S/, { message: "must not be blank" }),
    Schema.isMaxLength(max),
    noControl,
    wellFormed
  )

/**
 * The id of the subject a record is about: a party id or an address id, as the events carry it.
 * 1 to 200 characters, no control characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubjectId = Schema.String.pipe(
  Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200), noControl, wellFormed),
  Schema.brand("@soltrace/core/PersonalData/SubjectId")
)

/**
 * @since 0.1.0
 * @category models
 */
export type SubjectId = typeof SubjectId.Type

/**
 * A calendar date `YYYY-MM-DD` (a business date given by the caller, never read from the clock).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CalendarDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a calendar date YYYY-MM-DD" }),
  Schema.makeFilter(isCalendarDate, { message: "must be an existing calendar date from year 0001" })
)

/**
 * An e-mail address (one `@`, a dotted domain, no spaces; at most 254 characters).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Email = Schema.String.check(
  Schema.isMaxLength(254),
  Schema.isPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: "must be an e-mail address" })
)

/**
 * A phone number: digits, optionally a leading `+`, spaces, dots, dashes, slashes and parentheses;
 * 6 to 15 digits (ITU-T E.164 numbers have at most 15).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Phone = Schema.String.check(
  Schema.isPattern(/^\+?[0-9 ./()-]+$/, { message: "must be a phone number" }),
  Schema.makeFilter((s: string) => digitCount(s) >= 6 && digitCount(s) <= 15, {
    message: "must have 6 to 15 digits"
  })
)

/**
 * An ISO 3166-1 alpha-2 country code (`BE`, `FR`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Country = Schema.String.check(
  Schema.isPattern(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 country code such as BE" })
)

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/**
 * A party's personal data. `marketingOptOut`: WAL-5.15, the free right to object to direct
 * marketing (GDPR art. 21).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Party = Schema.TaggedStruct("Party", {
  subjectId: SubjectId,
  name: line(200),
  postalAddress: Schema.optional(line(500)),
  email: Schema.optional(Email),
  phone: Schema.optional(Phone),
  marketingOptOut: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type Party = typeof Party.Type

/**
 * A postal address (for instance a return shipping address, ENP-R4, or a cheque address,
 * ENP-L8), optionally held by the party it belongs to (`holderId`, never the address itself).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PostalAddress = Schema.TaggedStruct("PostalAddress", {
  subjectId: SubjectId,
  holderId: Schema.optional(SubjectId),
  lines: Schema.Array(line(200)).check(Schema.isMinLength(1), Schema.isMaxLength(5)),
  postalCode: line(16),
  locality: line(100),
  country: Country
})

/**
 * @since 0.1.0
 * @category models
 */
export type PostalAddress = typeof PostalAddress.Type

/**
 * A record of the store: a party or a postal address.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PersonalRecord = Schema.Union([Party, PostalAddress])

/**
 * @since 0.1.0
 * @category models
 */
export type PersonalRecord = typeof PersonalRecord.Type

/**
 * What a caller gives to {@link PersonalDataService.record}: a record in its plain (encoded)
 * form — a party id or an address id is a plain string here.
 *
 * @since 0.1.0
 * @category models
 */
export type PersonalRecordInput = typeof PersonalRecord.Encoded

/**
 * The tombstone of an erased subject: only its id and the erasure date are kept (D16).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Erased = Schema.TaggedStruct("Erased", {
  subjectId: SubjectId,
  erasedOn: CalendarDate
})

/**
 * @since 0.1.0
 * @category models
 */
export type Erased = typeof Erased.Type

/**
 * Whether an entry is the tombstone of an erased subject (a view shows it as "erased").
 *
 * @since 0.1.0
 * @category guards
 */
export const isErased = (entry: Entry): entry is Erased => entry._tag === "Erased"

/**
 * What the store holds for a subject id: its record, or its tombstone once erased.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Entry = Schema.Union([Party, PostalAddress, Erased])

/**
 * @since 0.1.0
 * @category models
 */
export type Entry = typeof Entry.Type

/**
 * A correction of a party (WAL-5.15): the fields to change. A field left out is kept; `null`
 * removes an optional field.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PartyRectification = Schema.TaggedStruct("Party", {
  name: Schema.optional(line(200)),
  postalAddress: Schema.optional(Schema.NullOr(line(500))),
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(Phone)),
  marketingOptOut: Schema.optional(Schema.Boolean)
})

/**
 * A correction of a postal address: the fields to change. A field left out is kept; `null`
 * removes `holderId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PostalAddressRectification = Schema.TaggedStruct("PostalAddress", {
  holderId: Schema.optional(Schema.NullOr(SubjectId)),
  lines: Schema.optional(Schema.Array(line(200)).check(Schema.isMinLength(1), Schema.isMaxLength(5))),
  postalCode: Schema.optional(line(16)),
  locality: Schema.optional(line(100)),
  country: Schema.optional(Country)
})

/**
 * A correction: its `_tag` must be the kind of the recorded subject.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Rectification = Schema.Union([PartyRectification, PostalAddressRectification])

/**
 * @since 0.1.0
 * @category models
 */
export type Rectification = typeof Rectification.Type

/**
 * What a caller gives to {@link PersonalDataService.rectify}, in plain (encoded) form.
 *
 * @since 0.1.0
 * @category models
 */
export type RectificationInput = typeof Rectification.Encoded

/**
 * Everything the store holds about one subject (the right of access and to portability, GDPR
 * art. 15 and 20): its own entry, then the records it holds (its addresses), by subject id.
 * Plain JSON data: `JSON.stringify` gives a machine-readable export.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubjectExport = Schema.Struct({
  subjectId: SubjectId,
  entries: Schema.Array(Entry)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SubjectExport = typeof SubjectExport.Type

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * An input is malformed: `field` names it (`email`, `lines.0`, `subjectId`, `erasedOn`, or
 * `_tag` when a rectification's kind is not the recorded subject's).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidPersonalData extends Schema.TaggedError<InvalidPersonalData>()("InvalidPersonalData", {
  field: Schema.String,
  message: Schema.String
}) {}

/**
 * `record` was given a subject id the store already holds (a record, or the tombstone of an
 * erased subject: an erased id is never reused).
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonalDataAlreadyRecorded extends Schema.TaggedError<PersonalDataAlreadyRecorded>()(
  "PersonalDataAlreadyRecorded",
  { subjectId: Schema.String, erased: Schema.Boolean }
) {}

/**
 * Nothing is recorded under this subject id.
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonalDataNotFound extends Schema.TaggedError<PersonalDataNotFound>()("PersonalDataNotFound", {
  subjectId: Schema.String
}) {}

/**
 * The subject was erased: its data can no longer be rectified (D16).
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonalDataErased extends Schema.TaggedError<PersonalDataErased>()("PersonalDataErased", {
  subjectId: Schema.String,
  erasedOn: Schema.String
}) {}

/**
 * The backend failed (a database error, a stored row that does not decode).
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonalDataStoreError extends Schema.TaggedError<PersonalDataStoreError>()("PersonalDataStoreError", {
  reason: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `Personal-data store failure: ${this.reason}`
  }
}

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

/**
 * The personal-data store. Ids are taken as plain strings (a party id or an address id as the
 * events carry it) and decoded as {@link SubjectId}.
 *
 * @since 0.1.0
 * @category service
 */
export interface PersonalDataService {
  /** Records a new subject; refuses an id already held (even erased). */
  readonly record: (
    record: PersonalRecordInput
  ) => Effect.Effect<PersonalRecord, InvalidPersonalData | PersonalDataAlreadyRecorded | PersonalDataStoreError>
  /** WAL-5.15, GDPR art. 16: corrects some fields; returns the corrected record. */
  readonly rectify: (
    subjectId: string,
    rectification: RectificationInput
  ) => Effect.Effect<
    PersonalRecord,
    InvalidPersonalData | PersonalDataNotFound | PersonalDataErased | PersonalDataStoreError
  >
  /** WAL-5.15, GDPR art. 15: the subject's record, or its tombstone; none if never recorded. */
  readonly get: (subjectId: string) => Effect.Effect<Option.Option<Entry>, InvalidPersonalData | PersonalDataStoreError>
  /**
   * For views: the entries of the ids that are held, keyed by id as given (a party id or an
   * address id can look itself up directly); unknown ids are absent from the map.
   */
  readonly getMany: (
    subjectIds: Iterable<string>
  ) => Effect.Effect<ReadonlyMap<string, Entry>, InvalidPersonalData | PersonalDataStoreError>
  /**
   * GDPR art. 17: erases the subject's data and that of the records it holds (its addresses),
   * keeping for each only a tombstone with `erasedOn`. Erasing an erased subject changes nothing
   * and returns its first tombstone.
   */
  readonly erase: (
    subjectId: string,
    erasedOn: string
  ) => Effect.Effect<Erased, InvalidPersonalData | PersonalDataNotFound | PersonalDataStoreError>
  /** GDPR art. 15 and 20: everything held about the subject, as plain JSON data. */
  readonly exportSubject: (
    subjectId: string
  ) => Effect.Effect<SubjectExport, InvalidPersonalData | PersonalDataNotFound | PersonalDataStoreError>
}

/**
 * @since 0.1.0
 * @category service
 */
export class PersonalData extends Context.Service<PersonalData, PersonalDataService>()("@soltrace/core/PersonalData") {}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

/** A decoder whose failure is an `InvalidPersonalData` naming the first wrong field. */
const decoder = <S extends Schema.Decoder<unknown>>(schema: S, root: string) => {
  // A misspelt field is an error, not silently dropped (a correction would otherwise do nothing).
  const decode = Schema.decodeUnknownResult(schema, { onExcessProperty: "error" })
  return (input: unknown, prefix?: string): Effect.Effect<S["Type"], InvalidPersonalData> => {
    const result = decode(input)
    if (Result.isSuccess(result)) return Effect.succeed(result.success)
    const first = formatIssue(result.failure.issue).issues[0]
    const path = (first?.path ?? []).map((p) => String(typeof p === "object" && p !== null ? p.key : p))
    const field = [prefix ?? root, ...path].filter((p) => p !== "").join(".")
    return Effect.fail(new InvalidPersonalData({ field, message: first?.message ?? result.failure.message }))
  }
}

const tagOf = (input: unknown): unknown =>
  typeof input === "object" && input !== null && "_tag" in input ? input._tag : undefined

const wrongTag = (input: unknown) =>
  Effect.fail(
    new InvalidPersonalData({
      field: "_tag",
      message: `must be "Party" or "PostalAddress", got ${JSON.stringify(tagOf(input)) ?? "nothing"}`
    })
  )

const decodeParty = decoder(Party, "")
const decodePostalAddress = decoder(PostalAddress, "")
const decodePartyRectification = decoder(PartyRectification, "")
const decodePostalAddressRectification = decoder(PostalAddressRectification, "")
const decodeId = decoder(SubjectId, "subjectId")
const decodeDate = decoder(CalendarDate, "erasedOn")

// The tag is looked at first: a union's own message for an unknown tag names no field.
const decodeRecord = (input: unknown): Effect.Effect<PersonalRecord, InvalidPersonalData> => {
  switch (tagOf(input)) {
    case "Party":
      return decodeParty(input)
    case "PostalAddress":
      return Effect.flatMap(decodePostalAddress(input), (address) =>
        address.holderId === address.subjectId ? Effect.fail(selfHeld(address.subjectId)) : Effect.succeed(address)
      )
    default:
      return wrongTag(input)
  }
}

const selfHeld = (subjectId: string) =>
  new InvalidPersonalData({ field: "holderId", message: `an address cannot hold itself (${subjectId})` })

const decodeRectification = (input: unknown): Effect.Effect<Rectification, InvalidPersonalData> => {
  switch (tagOf(input)) {
    case "Party":
      return decodePartyRectification(input)
    case "PostalAddress":
      return decodePostalAddressRectification(input)
    default:
      return wrongTag(input)
  }
}

const decodeIds = (ids: Iterable<string>): Effect.Effect<ReadonlyArray<SubjectId>, InvalidPersonalData> =>
  Effect.map(
    Effect.forEach([...ids], (id, i) => decodeId(id, `subjectIds.${i}`)),
    (decoded) => [...new Set(decoded)]
  )

/** Orders subject ids the same way on every backend (UTF-16 code units, as JavaScript sorts). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Applies a correction to a record: a field given replaces, `null` removes an optional field, a
 * field left out is kept. The correction's kind must be the record's.
 */
const applyRectification = (
  current: PersonalRecord,
  rectification: Rectification
): Result.Result<PersonalRecord, InvalidPersonalData> => {
  if (rectification._tag !== current._tag) {
    return Result.fail(
      new InvalidPersonalData({
        field: "_tag",
        message: `subject ${current.subjectId} is a ${current._tag}, not a ${rectification._tag}`
      })
    )
  }
  if (rectification._tag === "PostalAddress" && rectification.holderId === current.subjectId) {
    return Result.fail(selfHeld(current.subjectId))
  }
  const next: { [key: string]: unknown } = { ...current }
  for (const [key, value] of Object.entries(rectification)) {
    if (key === "_tag" || value === undefined) continue
    if (value === null) delete next[key]
    else next[key] = value
  }
  return Result.succeed(next as PersonalRecord)
}

// ---------------------------------------------------------------------------------------------
// Backends
// ---------------------------------------------------------------------------------------------

/**
 * What a backend provides: storage primitives on decoded values. {@link make} adds decoding,
 * the rules of rectification and the errors, so every backend behaves the same.
 *
 * @since 0.1.0
 * @category models
 */
export interface Backend {
  /** Inserts the record unless its id is held; returns what is held if so (nothing written). */
  readonly insert: (record: PersonalRecord) => Effect.Effect<Option.Option<Entry>, PersonalDataStoreError>
  /**
   * Atomically reads the subject's entry and, if `f` succeeds, replaces it with the record
   * returned (isolated from other writers of that subject).
   */
  readonly modify: <E>(
    subjectId: SubjectId,
    f: (current: Entry | undefined) => Result.Result<PersonalRecord, E>
  ) => Effect.Effect<PersonalRecord, E | PersonalDataStoreError>
  /**
   * Atomically: if the subject holds a record, replaces it and every record it holds by a
   * tombstone dated `erasedOn`, deleting their personal fields; returns the subject's tombstone
   * (the earlier one if it was already erased), or nothing if the id is unknown.
   */
  readonly erase: (
    subjectId: SubjectId,
    erasedOn: string
  ) => Effect.Effect<Option.Option<Erased>, PersonalDataStoreError>
  /** The entries of those ids that are held, in any order. */
  readonly find: (subjectIds: ReadonlyArray<SubjectId>) => Effect.Effect<ReadonlyArray<Entry>, PersonalDataStoreError>
  /** The (not erased) records whose `holderId` is this subject, in any order. */
  readonly findHeld: (holderId: SubjectId) => Effect.Effect<ReadonlyArray<PersonalRecord>, PersonalDataStoreError>
}

/**
 * The personal-data service over a backend.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (backend: Backend): PersonalDataService => ({
  record: (input) =>
    Effect.flatMap(decodeRecord(input), (record) =>
      Effect.flatMap(backend.insert(record), (held) =>
        Option.match(held, {
          onNone: () => Effect.succeed(record),
          onSome: (existing) =>
            Effect.fail(
              new PersonalDataAlreadyRecorded({ subjectId: record.subjectId, erased: existing._tag === "Erased" })
            )
        })
      )
    ),
  rectify: (subjectId, input) =>
    Effect.gen(function* () {
      const id = yield* decodeId(subjectId)
      const rectification = yield* decodeRectification(input)
      return yield* backend.modify(
        id,
        (current): Result.Result<PersonalRecord, InvalidPersonalData | PersonalDataNotFound | PersonalDataErased> => {
          if (current === undefined) return Result.fail(new PersonalDataNotFound({ subjectId: id }))
          if (current._tag === "Erased") {
            return Result.fail(new PersonalDataErased({ subjectId: id, erasedOn: current.erasedOn }))
          }
          return applyRectification(current, rectification)
        }
      )
    }),
  get: (subjectId) =>
    Effect.flatMap(decodeId(subjectId), (id) =>
      Effect.map(backend.find([id]), (found) => Option.fromNullishOr(found.find((e) => e.subjectId === id)))
    ),
  getMany: (subjectIds) =>
    Effect.flatMap(decodeIds(subjectIds), (ids) =>
      ids.length === 0
        ? Effect.succeed(new Map())
        : Effect.map(backend.find(ids), (found) => {
            const byId = new Map(found.map((e) => [e.subjectId, e] as const))
            const out = new Map<string, Entry>()
            for (const id of ids) {
              const entry = byId.get(id)
              if (entry !== undefined) out.set(id, entry)
            }
            return out
          })
    ),
  erase: (subjectId, erasedOn) =>
    Effect.gen(function* () {
      const id = yield* decodeId(subjectId)
      const date = yield* decodeDate(erasedOn)
      const tombstone = yield* backend.erase(id, date)
      if (Option.isNone(tombstone)) return yield* new PersonalDataNotFound({ subjectId: id })
      return tombstone.value
    }),
  exportSubject: (subjectId) =>
    Effect.gen(function* () {
      const id = yield* decodeId(subjectId)
      const own = (yield* backend.find([id])).find((e) => e.subjectId === id)
      if (own === undefined) return yield* new PersonalDataNotFound({ subjectId: id })
      const held = [...(yield* backend.findHeld(id))].sort((a, b) => compareIds(a.subjectId, b.subjectId))
      return { subjectId: id, entries: [own, ...held] }
    })
})

// ---------------------------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------------------------

/**
 * The in-memory backend: a fresh, empty map per call.
 *
 * @since 0.1.0
 * @category constructors
 */
export const memoryBackend: Effect.Effect<Backend> = Effect.map(
  Ref.make<ReadonlyMap<SubjectId, Entry>>(new Map()),
  (ref): Backend => {
    const heldBy = (map: ReadonlyMap<SubjectId, Entry>, holder: SubjectId): Array<PersonalRecord> =>
      [...map.values()].filter((e): e is PostalAddress => e._tag === "PostalAddress" && e.holderId === holder)
    const modify = <E>(
      subjectId: SubjectId,
      f: (current: Entry | undefined) => Result.Result<PersonalRecord, E>
    ): Effect.Effect<PersonalRecord, E> =>
      Effect.flatten(
        Ref.modify(ref, (map): [Effect.Effect<PersonalRecord, E>, ReadonlyMap<SubjectId, Entry>] => {
          const result = f(map.get(subjectId))
          return Result.isFailure(result)
            ? [Effect.fail(result.failure), map]
            : [Effect.succeed(result.success), new Map(map).set(subjectId, result.success)]
        })
      )
    return {
      insert: (record) =>
        Ref.modify(ref, (map) => {
          const existing = map.get(record.subjectId)
          return existing !== undefined
            ? [Option.some(existing), map]
            : [Option.none(), new Map(map).set(record.subjectId, record)]
        }),
      modify,
      erase: (subjectId, erasedOn) =>
        Ref.modify(ref, (map) => {
          const existing = map.get(subjectId)
          if (existing === undefined) return [Option.none(), map]
          if (existing._tag === "Erased") return [Option.some(existing), map]
          const next = new Map(map)
          const tombstone = (id: SubjectId): Erased => ({ _tag: "Erased", subjectId: id, erasedOn })
          next.set(subjectId, tombstone(subjectId))
          for (const held of heldBy(map, subjectId)) next.set(held.subjectId, tombstone(held.subjectId))
          return [Option.some(tombstone(subjectId)), next]
        }),
      find: (subjectIds) =>
        Effect.map(Ref.get(ref), (map) =>
          subjectIds.flatMap((id) => Option.toArray(Option.fromNullishOr(map.get(id))))
        ),
      findHeld: (holderId) => Effect.map(Ref.get(ref), (map) => heldBy(map, holderId))
    }
  }
)

/**
 * An in-memory personal-data store (a fresh, empty one per call).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<PersonalDataService> = Effect.map(memoryBackend, make)

/**
 * A layer with a fresh in-memory personal-data store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<PersonalData> = Layer.effect(PersonalData, makeMemory)
