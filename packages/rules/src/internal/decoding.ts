/**
 * The decoding edge of `Decision` (re-exported there): untrusted input or JSON text → a rule's
 * input, or an `InvalidInput` listing every issue.
 */
import { Effect, Result, Schema, SchemaIssue } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import * as HandDecode from "./handDecode.js"

/**
 * One problem of an input: where (`path`, the keys and indexes from the root, `[]` for the whole
 * input) and what, in a sentence a person can act on. A form puts `message` next to the field at
 * `path`.
 *
 * @since 0.1.0
 * @category models
 */
export const Issue = Schema.Struct({
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Issue = typeof Issue.Type

/**
 * Input that could not be decoded. `issues` lists every problem as (path, message); `message`
 * says them all in one text, each followed by its path, for example
 * `Invalid claim: Expected a value greater than or equal to 0\n  at ["amountCents"]`.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  input: Schema.String,
  message: Schema.String,
  issues: Schema.Array(Issue).pipe(Schema.withConstructorDefault(Effect.succeed([])))
}) {}

/**
 * How the decoders of the edge treat keys the Schema does not declare: `"refuse"` (the default)
 * fails with an issue naming each of them; `"allow"` drops them.
 *
 * @since 0.1.0
 * @category decoding
 */
export interface DecodeOptions {
  readonly unknownKeys?: "refuse" | "allow" | undefined
}

const pathText = (path: ReadonlyArray<PropertyKey>): string => path.map((k) => `[${JSON.stringify(k)}]`).join("")

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let value = input
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

// effect's Standard Schema formatter flattens the issue tree into (path, message) pairs; its leaf
// hook lets us say the two cases its defaults word poorly for a person filling a form.
const formatter = SchemaIssue.makeFormatterStandardSchemaV1({
  leafHook: (issue) => (issue._tag === "UnexpectedKey" ? "Unknown key" : SchemaIssue.defaultLeafHook(issue))
})

const issuesOf = (issue: SchemaIssue.Issue, input: unknown): Array<Issue> =>
  formatter(issue).issues.map((i) => {
    const path = (i.path ?? []).map((k): PropertyKey => (typeof k === "object" ? k.key : k))
    const last = path.at(-1)
    if (i.message === "Unknown key")
      return { path: path as Array<string | number>, message: `Unknown key ${JSON.stringify(last)}` }
    // a non-empty list given as [] reports its missing first element: say the list is empty, at the list
    if (i.message === "Missing key" && typeof last === "number") {
      const list = valueAt(input, path.slice(0, -1))
      if (Array.isArray(list) && list.length <= last)
        return {
          path: path.slice(0, -1) as Array<string | number>,
          message:
            list.length === 0
              ? "Expected at least one item, got an empty list"
              : `Expected at least ${last + 1} items, got ${list.length}`
        }
    }
    return { path: path as Array<string | number>, message: i.message }
  })

const invalid = (name: string, issues: ReadonlyArray<Issue>): InvalidInput =>
  new InvalidInput({
    input: name,
    message: `Invalid ${name}: ${issues.map((i) => (i.path.length === 0 ? i.message : `${i.message}\n  at ${pathText(i.path)}`)).join("\n")}`,
    issues
  })

/**
 * Whether decoding dropped a key of `input`: a key of an input object that its decoded object lacks
 * (walked in parallel through objects and arrays; a value the Schema transformed into something
 * else is not walked). A key removed by a transformation is a false alarm, which the complete
 * decode then clears.
 */
const hasStrippedKey = (input: unknown, output: unknown): boolean => {
  if (typeof input !== "object" || input === null || typeof output !== "object" || output === null) return false
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return false
    for (let i = 0; i < input.length; i++) if (hasStrippedKey(input[i], output[i])) return true
    return false
  }
  const proto: unknown = Object.getPrototypeOf(input)
  if (proto !== Object.prototype && proto !== null) return false
  const source = input as Record<string, unknown>
  const decoded = output as Record<string, unknown>
  const keys = Object.keys(source)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    if (!Object.hasOwn(decoded, key)) return true
    const value = source[key]
    if (typeof value === "object" && value !== null && hasStrippedKey(value, decoded[key])) return true
  }
  return false
}

type Decoder<A> = (input: unknown) => Result.Result<A, InvalidInput>
const decoders = new WeakMap<object, Map<string, Decoder<unknown>>>()

/**
 * Decodes untrusted input against a rule's input Schema, reporting every problem at once, as an
 * {@link InvalidInput} with its list of issues. Unknown keys are refused unless
 * `options.unknownKeys` is `"allow"`.
 *
 * The decoder is compiled once per Schema, name and options, and reused: call `decodeInput`
 * wherever it reads best. A valid input is decoded on the fast path (stopping at the first
 * error); only an invalid one is decoded again to collect all of its issues.
 *
 * @example
 * ```ts
 * import { Decision, LabourReimbursement } from "@soltrace/rules"
 * const decodeClaim = Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")
 * const input = decodeClaim(value) // Result<ClaimInput, InvalidInput>
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeInput = <S extends Schema.Decoder<unknown>>(
  schema: S,
  name = "input",
  options?: DecodeOptions
): ((input: unknown) => Result.Result<S["Type"], InvalidInput>) => {
  const unknownKeys = options?.unknownKeys ?? "refuse"
  const key = `${unknownKeys}:${name}`
  let byKey = decoders.get(schema)
  if (byKey === undefined) {
    // effect's JIT compiler turns the Schema's parser into one generated function, once per
    // Schema (3× the interpreted rate here); where `new Function` is blocked it keeps interpreting.
    SchemaJITCompiler.enable(schema.ast)
    decoders.set(schema, (byKey = new Map<string, Decoder<unknown>>()))
  }
  const cached = byKey.get(key)
  if (cached !== undefined) return cached
  // Fast path: stop at the first error and strip unknown keys (effect's `onExcessProperty: "error"`
  // halves the decoding rate), then look for a stripped key ourselves — one walk of the input next
  // to the decoded value. Only an input that fails, or that had unknown keys, is decoded again with
  // every check on, so the issues reported are effect's own, complete and exact.
  const fast = Schema.decodeUnknownResult(schema)
  const all = Schema.decodeUnknownResult(schema, {
    errors: "all",
    onExcessProperty: unknownKeys === "refuse" ? "error" : "ignore"
  })
  const decoder: Decoder<S["Type"]> = (input) => {
    const result = fast(input)
    if (Result.isSuccess(result) && (unknownKeys === "allow" || !hasStrippedKey(input, result.success)))
      return Result.succeed(result.success)
    const full = all(input)
    return Result.isSuccess(full)
      ? Result.succeed(full.success)
      : Result.fail(invalid(name, issuesOf(full.failure.issue, input)))
  }
  byKey.set(key, decoder)
  return decoder
}

/**
 * Decodes JSON text against a rule's input Schema: text that is not JSON is an
 * {@link InvalidInput} (one issue at the root path `[]`), never a `SyntaxError`; then as
 * {@link decodeInput}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson = <S extends Schema.Decoder<unknown>>(
  schema: S,
  name = "input",
  options?: DecodeOptions
): ((text: string) => Result.Result<S["Type"], InvalidInput>) => {
  const decode = decodeInput(schema, name, options)
  // Issue 13: a Schema of a rule partners call most carries a hand decoder of what `JSON.parse`
  // makes (see `handDecode.ts`). It answers for the valid inputs it recognises and leaves every
  // other input, every error included, to the Schema's decoder above.
  const hand = schema.ast.annotations?.[HandDecode.key] as HandDecode.HandDecoder | undefined
  const allowUnknownKeys = options?.unknownKeys === "allow"
  return (text) => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      return Result.fail(
        invalid(name, [{ path: [], message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` }])
      )
    }
    if (hand !== undefined) {
      const decoded = hand(value, allowUnknownKeys)
      if (decoded !== undefined) return Result.succeed(decoded)
    }
    return decode(value)
  }
}

/**
 * The partner-tool edge in one call: JSON text in, the rule's decision out, or an
 * {@link InvalidInput} listing every issue of the text. A business "no" is the `Refused`
 * decision inside a success, as everywhere else.
 *
 * @example
 * ```ts
 * import { Decision, LabourReimbursement } from "@soltrace/rules"
 * const claim = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")
 * const answer = claim(requestBody) // Result<Decision<Reimbursement>, InvalidInput>
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decideJson = <S extends Schema.Decoder<unknown>, D>(
  schema: S,
  decide: (input: S["Type"]) => D,
  name = "input",
  options?: DecodeOptions
): ((text: string) => Result.Result<D, InvalidInput>) => {
  const decode = decodeJson(schema, name, options)
  return (text) => Result.map(decode(text), (input) => decide(input))
}
