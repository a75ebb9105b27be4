/**
 * The terms of a Walloon standard contract (WAL-1.1, WAL-2, WAL-3): parties, installation, prices,
 * payment schedule, agreed dates and the specification. This is what the installer drafts and
 * signs (the offer with its specification); the contract aggregate records it in `ContractDrafted`.
 *
 * Money is integer euro cents, every price excl. VAT with its VAT rate in basis points (WAL-2.4,
 * D10); power is in watts (peak watts for the panels) and volt-amperes (AC).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Calendar, Money, OfferValidation, PaymentSchedule, Vat } from "@soltrace/rules"

const NonEmpty = Schema.String.check(Schema.isMinLength(1))
const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0))
const VatBp = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 }))

/**
 * The installer (WAL-1.1b): a natural person with the recognised PV training, or a legal person
 * with such a person among its members or staff. D16 (WAL-5.15, GDPR): only its `partyId` — the
 * name and address live in the personal-data store (`@soltrace/core` `PersonalData`), resolved
 * when shown ({@link Parties}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Installer = Schema.Struct({
  partyId: NonEmpty,
  kind: Schema.Literals(["natural-person", "legal-person"]),
  recognisedPvTraining: Schema.Boolean
})

/**
 * A customer (WAL-1.1b): the contract is concluded with natural persons only. D16: by `partyId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Customer = Schema.Struct({
  partyId: NonEmpty,
  naturalPerson: Schema.Boolean
})

/**
 * The installation (WAL-1.1a, WAL-3.4): peak power of the panels in watts-peak, connection, maximum
 * AC power of the inverters in VA, and whether the DSO allows more than 5 kVA single-phase.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Installation = Schema.Struct({
  peakPowerWp: PositiveInt,
  connection: Schema.Literals(["single-phase", "three-phase"]),
  maxAcPowerVa: PositiveInt,
  dsoAllowsAbove5kVA: Schema.optional(Schema.Boolean)
})

/**
 * An optional item (WAL-2.2, WAL-2.4.2): its price excl. VAT and VAT rate; `rentedMonths` when it is
 * rented rather than sold.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OptionItem = Schema.Struct({
  name: NonEmpty,
  priceExclCents: Money.NonNegativeCents,
  vatBp: VatBp,
  rentedMonths: Schema.optional(PositiveInt),
  /** D17: what the line supplies (a home battery is not a PV panel); absent: `"other"`. */
  kind: Schema.optional(Vat.LineKind)
})

/**
 * A prior technical study named in the specification (WAL-3.3, WAL-5.6.1); the order is then
 * subject to the studies condition (WAL-4b, WAL-5.2.2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Study = Schema.Struct({
  subject: Schema.Literals(["roof", "electrical"]),
  description: NonEmpty
})

/**
 * The specification items (cahier des charges, WAL-3.1, WAL-3.2, WAL-3.5), as
 * `OfferValidation.Specification` of `@soltrace/rules` defines them: every item may be missing in
 * a draft; signing checks they are all there (WAL-5.1.2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Specification = OfferValidation.Specification

/**
 * @since 0.1.0
 * @category models
 */
export type Specification = typeof Specification.Type

/**
 * The offer as drafted by the installer (WAL-2, WAL-3). `capPolicy` is the cap table the schedule
 * is checked against (D4, default `"both"`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Offer = Schema.Struct({
  installer: Installer,
  customers: Schema.Array(Customer),
  installation: Installation,
  /** WAL-2.4.1: the installation's price excl. VAT and its VAT rate. */
  priceExclCents: Money.NonNegativeCents,
  vatBp: VatBp,
  /** WAL-2.4.2 */
  options: Schema.Array(OptionItem),
  /** WAL-2.4.3: shares of the total incl. VAT, in basis points. */
  schedule: PaymentSchedule.Schedule,
  capPolicy: Schema.optional(PaymentSchedule.CapPolicy),
  /** WAL-2.5 */
  worksStartOn: Calendar.CalendarDate,
  worksEndOn: Calendar.CalendarDate,
  /** WAL-2.2 option: the inspection is arranged by the installer (WAL-5.8.1). */
  inspectionByInstaller: Schema.Boolean,
  /** WAL-3.3 */
  studies: Schema.Array(Study),
  /** WAL-5.1.2: the specification is handed over with the offer. */
  specificationHandedOver: Schema.Boolean,
  specification: Specification,
  /**
   * D17 (VAT Code, Royal Decree no. 20): the dwelling facts the VAT rate depends on — year of first
   * occupation, used mainly as a private home, invoiced to the final consumer, supplied and
   * installed by the same contractor. A missing fact is named in a warning, never guessed.
   */
  dwelling: Schema.optional(Vat.DwellingFacts)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Offer = typeof Offer.Type

/**
 * D16: the offer as `ContractDrafted` events hold it. Events recorded before D16 carried the
 * parties' names (`name`) and no `partyId`; they still decode, and the state drops the names
 * ({@link withoutPersonalData}). A pure upcaster cannot move the names into the personal-data
 * store: an operator who migrates old streams records them there and rewrites nothing else.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RecordedOffer = Schema.Struct({
  ...Offer.fields,
  installer: Schema.Struct({
    partyId: Schema.optional(NonEmpty),
    /** Only in events recorded before D16. */
    name: Schema.optional(Schema.String),
    kind: Schema.Literals(["natural-person", "legal-person"]),
    recognisedPvTraining: Schema.Boolean
  }),
  customers: Schema.Array(
    Schema.Struct({
      partyId: Schema.optional(NonEmpty),
      /** Only in events recorded before D16. */
      name: Schema.optional(Schema.String),
      naturalPerson: Schema.Boolean
    })
  )
})

/**
 * @since 0.2.0
 * @category models
 */
export type RecordedOffer = typeof RecordedOffer.Type

/**
 * D16: the offer without any personal data — the names an old event carried are dropped; a party
 * recorded without an id keeps none (`partyId` absent: shown as "unknown").
 *
 * @since 0.2.0
 * @category parties
 */
export const withoutPersonalData = (offer: RecordedOffer): StateOffer => ({
  ...offer,
  installer: {
    ...(offer.installer.partyId !== undefined ? { partyId: offer.installer.partyId } : {}),
    kind: offer.installer.kind,
    recognisedPvTraining: offer.installer.recognisedPvTraining
  },
  customers: offer.customers.map((c) => ({
    ...(c.partyId !== undefined ? { partyId: c.partyId } : {}),
    naturalPerson: c.naturalPerson
  }))
})

/**
 * D16: the offer as the state holds it — parties by id only (an old event's party may have none).
 *
 * @since 0.2.0
 * @category models
 */
export interface StateOffer extends Omit<Offer, "installer" | "customers"> {
  readonly installer: Omit<Offer["installer"], "partyId"> & { readonly partyId?: string }
  readonly customers: ReadonlyArray<Omit<Offer["customers"][number], "partyId"> & { readonly partyId?: string }>
}

/**
 * WAL-2.4/WAL-5.3: the contract price excl. VAT — the installation and the options that are sold
 * (rented options are paid as rent, not in the price).
 *
 * @since 0.1.0
 * @category prices
 */
export const priceExcl = (offer: StateOffer): Money.Amount =>
  Money.excl(
    offer.priceExclCents +
      offer.options.filter((o) => o.rentedMonths === undefined).reduce((a, o) => a + o.priceExclCents, 0)
  )

/**
 * WAL-2.4/WAL-5.3: the total incl. VAT the installer invoices, item by item (each item's VAT
 * rounded half-up to the cent).
 *
 * @since 0.1.0
 * @category prices
 */
export const totalIncl = (offer: StateOffer): Money.Amount =>
  Money.incl(
    Money.inclVat(offer.priceExclCents, offer.vatBp) +
      offer.options
        .filter((o) => o.rentedMonths === undefined)
        .reduce((a, o) => a + Money.inclVat(o.priceExclCents, o.vatBp), 0)
  )

/**
 * The part of the price excl. VAT that is rental (WAL-4b excludes it from the studies base).
 *
 * @since 0.1.0
 * @category prices
 */
export const rentalExcl = (offer: StateOffer): Money.Amount =>
  Money.excl(offer.options.filter((o) => o.rentedMonths !== undefined).reduce((a, o) => a + o.priceExclCents, 0))

/**
 * D4: the cap policy of an offer (`"both"` when none is named).
 *
 * @since 0.1.0
 * @category prices
 */
export const capPolicyOf = (offer: StateOffer): PaymentSchedule.CapPolicy =>
  offer.capPolicy ?? PaymentSchedule.defaultPolicy
