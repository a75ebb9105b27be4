/**
 * Personal data of customers and other parties (name, postal address, e-mail), kept OUT of the
 * event streams, where it can be read, corrected and erased at any time (WAL-5.15 applies to the
 * after-sales customers too).
 *
 * Events carry a `PartyId` only; no decision ever needs a name, so replaying a stream never reads
 * this record. The views join it at read time.
 *
 * Superseded by the kernel's personal-data store, `@soltrace/core/PersonalData` (D16: parties and
 * postal addresses, in memory, PGlite and PostgreSQL, with erasure tombstones); this module stays
 * until the after-sales aggregates use that store. Its service has its own key, so both can be
 * provided side by side.
 *
 * @since 0.1.0
 * @deprecated Use `@soltrace/core/PersonalData`.
 */
import { Context, Effect, Layer, Option, Ref, Schema } from "effect"
import { PartyId } from "./AfterSalesIds.js"

/**
 * One party's personal data. `marketingOptOut`: WAL-5.15, the free right to object to direct
 * marketing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Record = Schema.Struct({
  partyId: PartyId,
  name: Schema.String.check(Schema.isMinLength(1)),
  address: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  marketingOptOut: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type Record = typeof Record.Type

/**
 * A correction: the fields to change (WAL-5.15).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Correction = Schema.Struct({
  name: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  address: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  marketingOptOut: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Correction = typeof Correction.Type

/**
 * No personal data is recorded for this party.
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonalDataNotFound extends Schema.TaggedError<PersonalDataNotFound>()("PersonalDataNotFound", {
  partyId: Schema.String
}) {}

/**
 * The personal-data store.
 *
 * @since 0.1.0
 * @category service
 */
export interface PersonalDataService {
  readonly record: (record: Record) => Effect.Effect<void>
  /** WAL-5.15: correct any field at any time. */
  readonly correct: (partyId: PartyId, correction: Correction) => Effect.Effect<Record, PersonalDataNotFound>
  /** WAL-5.15: free access. */
  readonly get: (partyId: PartyId) => Effect.Effect<Option.Option<Record>>
  readonly erase: (partyId: PartyId) => Effect.Effect<void>
  readonly all: Effect.Effect<ReadonlyArray<Record>>
}

/**
 * @since 0.1.0
 * @category service
 */
export class PersonalData extends Context.Service<PersonalData, PersonalDataService>()(
  "@soltrace/aftersales/PersonalData"
) {}

/**
 * An in-memory personal-data store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<PersonalDataService> = Effect.map(
  Ref.make(new Map<string, Record>()),
  (ref): PersonalDataService => ({
    record: (record) => Ref.update(ref, (m) => new Map(m).set(record.partyId, record)),
    correct: (partyId, correction) =>
      Effect.flatMap(Ref.get(ref), (m) => {
        const current = m.get(partyId)
        if (current === undefined) return Effect.fail(new PersonalDataNotFound({ partyId }))
        const next: Record = {
          ...current,
          ...(correction.name !== undefined ? { name: correction.name } : {}),
          ...(correction.address !== undefined ? { address: correction.address } : {}),
          ...(correction.email !== undefined ? { email: correction.email } : {}),
          ...(correction.marketingOptOut !== undefined ? { marketingOptOut: correction.marketingOptOut } : {})
        }
        return Effect.as(Ref.set(ref, new Map(m).set(partyId, next)), next)
      }),
    get: (partyId) => Effect.map(Ref.get(ref), (m) => Option.fromNullishOr(m.get(partyId))),
    erase: (partyId) =>
      Ref.update(ref, (m) => {
        const next = new Map(m)
        next.delete(partyId)
        return next
      }),
    all: Effect.map(Ref.get(ref), (m) => [...m.values()])
  })
)

/**
 * A layer with an in-memory personal-data store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<PersonalData> = Layer.effect(PersonalData, makeMemory)
