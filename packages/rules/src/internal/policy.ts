/**
 * Building blocks for the policy Schemas (a policy read from configuration is decoded like any
 * input), and a compile-time proof that a Schema describes exactly an existing policy interface.
 *
 * @since 0.1.0
 * @internal
 */
import { Schema } from "effect"

/**
 * A whole count greater than zero (days, hours, years, watts).
 *
 * @since 0.1.0
 * @internal
 */
export const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0))

/**
 * Basis points from 0 to 10 000 (0%–100%).
 *
 * @since 0.1.0
 * @internal
 */
export const Percentage = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 }))

/**
 * `true` when `A` and `B` are the same type (not merely assignable either way).
 *
 * @since 0.1.0
 * @internal
 */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/**
 * Compiles only when its type argument is `true`: `sameType<Equals<typeof X.Type, X>>()`.
 *
 * @since 0.1.0
 * @internal
 */
export const sameType = <Proof extends true>(): Proof | undefined => undefined
