/**
 * Decoding the commands given to the after-sales service: a malformed command is a typed error
 * naming the field at fault, never a defect.
 *
 * @internal
 */
import { Effect, Result, Schema, SchemaIssue } from "effect"

/**
 * A command (or a command's input) given to the after-sales service does not decode. `field` is
 * the path of the first offending field (`requester.licenceNumber`, `serials.0`; `serials` for an
 * empty list that needs an element), `_tag` for an unknown command, `(input)` when the value is not an object at all; `message` lists every
 * problem.
 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  operation: Schema.String,
  field: Schema.String,
  message: Schema.String
}) {}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** A path segment as text (a key of any kind, or a `{ key }` segment). */
const keyText = (p: unknown): string =>
  typeof p === "object" && p !== null && "key" in p ? keyText(p.key) : typeof p === "symbol" ? p.toString() : String(p)

/**
 * The part of `path` that exists in `input`: an element missing from a list (an empty `serials`
 * reported at `serials.0`) names the list itself — the field at fault is the list, not an element
 * that was never given.
 */
const existing = (input: unknown, path: ReadonlyArray<string>): ReadonlyArray<string> => {
  let at: unknown = input
  for (let i = 0; i < path.length; i++) {
    if (Array.isArray(at) && !(Number(path[i]) < at.length)) return path.slice(0, i)
    at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[path[i]!] : undefined
  }
  return path
}

const fieldOf = (input: unknown, fullPath: ReadonlyArray<string>, tags: ReadonlyArray<string> | undefined) => {
  const path = existing(input, fullPath)
  if (path.length > 0) return path.join(".")
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "(input)"
  const tag = (input as { _tag?: unknown })._tag
  if (tags !== undefined && (typeof tag !== "string" || !tags.includes(tag))) return "_tag"
  return "(input)"
}

/**
 * A decoder for `schema` that fails with {@link InvalidCommand}. `tags`, for a tagged union, lets
 * an unknown `_tag` be named as such.
 */
export const decoder = <S extends Schema.Decoder<unknown>>(
  schema: S,
  operation: string,
  tags?: ReadonlyArray<string>
) => {
  const decode = Schema.decodeUnknownResult(schema, { errors: "all" })
  return (input: unknown): Effect.Effect<S["Type"], InvalidCommand> => {
    const r = decode(input)
    if (Result.isSuccess(r)) return Effect.succeed(r.success)
    const issues = formatter(r.failure.issue).issues
    const first = issues[0]
    const path = (first?.path ?? []).map(keyText)
    return Effect.fail(
      new InvalidCommand({
        operation,
        field: fieldOf(input, path, tags),
        message: issues
          .map((i) => `${i.message}${i.path && i.path.length > 0 ? ` at ${i.path.map(String).join(".")}` : ""}`)
          .join("; ")
      })
    )
  }
}

/** The schema of a tagged member's fields, without `_tag` and the `omitted` ones (the facts the service loads). */
export const inputOf = <F extends Schema.Struct.Fields, K extends keyof F>(
  member: { readonly fields: F },
  omitted: ReadonlyArray<K>
) => {
  const fields: Record<string, Schema.Top> = {}
  for (const [k, v] of Object.entries(member.fields)) {
    if (k !== "_tag" && !(omitted as ReadonlyArray<string>).includes(k)) fields[k] = v as Schema.Top
  }
  // The member's own field Schemas, so decoding needs no service: a plain decoder.
  return Schema.Struct(fields) as unknown as Schema.Decoder<unknown>
}
