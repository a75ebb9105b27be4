/**
 * The parties of a contract, resolved when shown (D16, WAL-5.15, GDPR). Events and state carry
 * party ids only; names and addresses live in the personal-data store of `@soltrace/core`
 * (`PersonalData`: in memory, PGlite or PostgreSQL), where they are rectified and erased. A
 * contract still replays after an erasure, and what shows its parties shows "erased".
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import { PersonalData } from "@soltrace/core"
import type * as Contract from "./Contract.js"

/**
 * One party as shown: its id, its role, and its name — or `"erased"` (with the day), or
 * `"unknown"` when the store holds nothing for the id (or an event recorded before D16 gave none).
 *
 * @since 0.2.0
 * @category models
 */
export interface ShownParty {
  readonly role: "installer" | "customer" | "assignee"
  readonly partyId: string | undefined
  readonly shown:
    | { readonly _tag: "Party"; readonly name: string }
    | { readonly _tag: "Erased"; readonly erasedOn: string }
    | { readonly _tag: "Unknown" }
}

/**
 * D16: the ids of the contract's parties — the installer, the customers, and the assignees of
 * WAL-5.11 — in that order.
 *
 * @since 0.2.0
 * @category queries
 */
export const ids = (
  state: Contract.State
): ReadonlyArray<{ readonly role: ShownParty["role"]; readonly partyId: string | undefined }> => {
  const offer = state.offer
  if (offer === undefined) return []
  return [
    { role: "installer", partyId: offer.installer.partyId },
    ...offer.customers.map((c) => ({ role: "customer" as const, partyId: c.partyId })),
    ...state.assignments.map((a) => ({ role: "assignee" as const, partyId: a.assigneeId }))
  ]
}

/**
 * D16: the contract's parties resolved from the personal-data store, for a view. An erased party
 * shows as erased; the contract itself is never touched.
 *
 * @since 0.2.0
 * @category queries
 */
export const show = (
  state: Contract.State
): Effect.Effect<
  ReadonlyArray<ShownParty>,
  PersonalData.InvalidPersonalData | PersonalData.PersonalDataStoreError,
  PersonalData.PersonalData
> =>
  Effect.gen(function* () {
    const people = yield* PersonalData.PersonalData
    const parties = ids(state)
    const known = parties.flatMap((p) => (p.partyId === undefined ? [] : [p.partyId]))
    const found = yield* people.getMany(known)
    return parties.map(({ role, partyId }): ShownParty => {
      const entry = partyId === undefined ? undefined : found.get(partyId)
      if (entry === undefined) return { role, partyId, shown: { _tag: "Unknown" } }
      if (PersonalData.isErased(entry)) return { role, partyId, shown: { _tag: "Erased", erasedOn: entry.erasedOn } }
      return entry._tag === "Party"
        ? { role, partyId, shown: { _tag: "Party", name: entry.name } }
        : { role, partyId, shown: { _tag: "Unknown" } }
    })
  })
