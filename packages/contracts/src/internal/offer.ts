/**
 * Maps the contract's offer to the input of `OfferValidation.validate` (WAL-1.1a, WAL-1.1b,
 * WAL-2.4, WAL-2.5, WAL-3.4, WAL-5.1.2, D4).
 */
import { Money, OfferValidation } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import type * as Terms from "../Terms.js"

/** The offer signed (handed over) on `signedOn`, checked by the rules. */
export const validateOffer = (offer: Terms.Offer, signedOn: string): Decision.Decision<OfferValidation.Validated> =>
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
          inclCents: Money.inclVat(offer.priceExclCents, offer.vatBp)
        },
        options: offer.options.map((o) => ({
          exclCents: o.priceExclCents,
          vatBp: o.vatBp,
          inclCents: Money.inclVat(o.priceExclCents, o.vatBp)
        }))
      },
      works: { startOn: offer.worksStartOn, endOn: offer.worksEndOn, offerHandedOverOn: signedOn },
      paymentSchedule: offer.schedule
    },
    { ...OfferValidation.defaultPolicy, capPolicy: offer.capPolicy ?? OfferValidation.defaultPolicy.capPolicy }
  )
