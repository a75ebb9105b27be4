/**
 * Maps the contract's offer to the input of `OfferValidation.validate` (WAL-1.1a, WAL-1.1b,
 * WAL-2.4, WAL-2.5, WAL-3.4, WAL-5.1.2, D4).
 */
import { Money, OfferValidation, Vat } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import type * as Terms from "../Terms.js"

/** The offer signed (handed over) on `signedOn`, checked by the rules. */
export const validateOffer = (
  offer: Terms.StateOffer,
  signedOn: string,
  powerBasis: OfferValidation.Policy["powerBasis"] = OfferValidation.defaultPolicy.powerBasis
): Decision.Decision<OfferValidation.Validated> =>
  OfferValidation.validate(
    {
      installer: { kind: offer.installer.kind, recognisedPvTraining: offer.installer.recognisedPvTraining },
      customers: offer.customers.map((c) => ({ naturalPerson: c.naturalPerson })),
      peakPowerWp: offer.installation.peakPowerWp,
      maxAcPowerVa: offer.installation.maxAcPowerVa,
      connection: offer.installation.connection,
      dsoAllowsAbove5kVA: offer.installation.dsoAllowsAbove5kVA,
      specificationHandedOver: offer.specificationHandedOver,
      specification: offer.specification,
      prices: {
        installation: {
          exclCents: offer.priceExclCents,
          vatBp: offer.vatBp,
          inclCents: Money.inclVat(offer.priceExclCents, offer.vatBp),
          kind: "pv-panels"
        },
        options: offer.options.map((o) => ({
          exclCents: o.priceExclCents,
          vatBp: o.vatBp,
          inclCents: Money.inclVat(o.priceExclCents, o.vatBp),
          kind: o.kind ?? "other"
        }))
      },
      works: { startOn: offer.worksStartOn, endOn: offer.worksEndOn, offerHandedOverOn: signedOn },
      paymentSchedule: offer.schedule,
      // D17: the offer's date stands for the expected first invoice; the dwelling facts decide the rate.
      offerDate: signedOn,
      ...(offer.dwelling !== undefined ? { dwelling: offer.dwelling } : {})
    },
    {
      ...OfferValidation.defaultPolicy,
      capPolicy: offer.capPolicy ?? OfferValidation.defaultPolicy.capPolicy,
      // D9: the 10 kW of WAL-1.1a on the inverters' AC power by default, peak power as an option.
      powerBasis
    }
  )

/**
 * D17: the VAT rate of every line checked again at the first VAT-due event (the first invoice),
 * whose date decides the rate; the warnings (never a refusal) name the expected rate or the
 * missing fact.
 */
export const vatAtFirstInvoice = (offer: Terms.StateOffer, invoicedOn: string): ReadonlyArray<Decision.Reason> =>
  Vat.check({
    decidingOn: invoicedOn,
    decidingEvent: "invoice",
    dwelling: offer.dwelling ?? {},
    lines: [
      { label: "installation", kind: "pv-panels", vatBp: offer.vatBp },
      ...offer.options
        .filter((o) => o.rentedMonths === undefined)
        .map((o) => ({ label: o.name, kind: o.kind ?? ("other" as const), vatBp: o.vatBp }))
    ]
  }).value.warnings
