/**
 * fast-check arbitraries derived from effect Schemas.
 *
 * effect 4.1 generates values from a Schema with its own engine (`effect/Arbitrary`), not with
 * fast-check. `fromSchema` bridges the two: fast-check draws a seed and effect generates the
 * value for that seed, so every value satisfies the Schema (checks included) and runs are
 * reproducible with fast-check's seed. Shrinking works on the seed only (a failing case shrinks
 * to another valid value, not to a structurally smaller one).
 *
 * @since 0.1.0
 */
import { Arbitrary, Effect } from "effect"
import type { Schema } from "effect"
import type * as FastCheck from "fast-check"
import { optionalPeer } from "../internal/optionalPeer.js"

/**
 * A fast-check arbitrary of the values of `schema` (its decoded `Type`). `size` bounds the
 * complexity of unconstrained strings and collections (default 10).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromSchema = <S extends Schema.Constraint>(
  schema: S,
  options?: { readonly size?: number | undefined }
): FastCheck.Arbitrary<S["Type"]> => {
  const fc = optionalPeer<typeof FastCheck>("fast-check", "Arbitraries.fromSchema")
  const arbitrary = Arbitrary.schema(schema)
  const size = options?.size ?? 10
  return fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => {
    const values = Effect.runSync(Arbitrary.sampleEffect(arbitrary, { count: 1, seed, size }))
    return values[0]
  })
}
