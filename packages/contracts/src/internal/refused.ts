/**
 * The reason and refusal Schemas of the contract, re-exported by `Contract`: the decision modules
 * build refusals, so these live below them.
 */
import { Schema } from "effect"

/**
 * A reason from `@soltrace/rules` as stored in events and errors: rule id, message, figures.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Struct({
  rule: Schema.String,
  message: Schema.String,
  figures: Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Boolean]))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * A business "no": the command was refused; `reasons` says why, each with its rule id.
 *
 * @since 0.1.0
 * @category errors
 */
export class ContractRefused extends Schema.TaggedError<ContractRefused>()("ContractRefused", {
  command: Schema.String,
  status: Schema.String,
  reasons: Schema.Array(Reason)
}) {
  /** The rule ids of the reasons, in order. */
  get rules(): ReadonlyArray<string> {
    return this.reasons.map((r) => r.rule)
  }
  override get message(): string {
    return `${this.command} refused (${this.status}): ${this.reasons.map((r) => `[${r.rule}] ${r.message}`).join(" ")}`
  }
}
