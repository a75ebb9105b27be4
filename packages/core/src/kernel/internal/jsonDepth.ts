/**
 * How deeply a JSON value nests arrays and objects (internal): `0` for a scalar, `1` for `[]`,
 * `{}` or `[1, "a"]`, `2` for `[[1]]` or `{"a":{}}`, and so on. Used by the write-time envelope
 * check (`maxJsonDepth`) so that every backend gives the same answer for deeply nested data.
 *
 * Hand-written: no JSON library reports the nesting depth of a text without parsing it into
 * values first, and the envelope check already holds the text `JSON.stringify` made.
 *
 * @since 0.2.0
 */

const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const OPEN_ARRAY = 0x5b // [
const CLOSE_ARRAY = 0x5d // ]
const OPEN_OBJECT = 0x7b // {
const CLOSE_OBJECT = 0x7d // }

/**
 * The nesting depth of a valid JSON text, read from its brackets outside strings (an escaped
 * quote `\"` does not end a string; a bracket inside a string does not count). Stops as soon as
 * the depth passes `stopAbove` and returns `stopAbove + 1`: a caller that only asks "deeper than
 * the limit?" never reads the rest of the text. One pass, no allocation, no recursion.
 *
 * A JSON text of length `L` nests at most `L / 2` levels (every level is two brackets), so a
 * caller can skip the scan for texts of at most `2 × limit` characters.
 */
export const depthOfText = (text: string, stopAbove: number = Number.POSITIVE_INFINITY): number => {
  let depth = 0
  let deepest = 0
  const length = text.length
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      // Skip the string to its closing quote: the next quote not escaped, i.e. not preceded by an
      // odd run of backslashes (`\"` is escaped, `\\"` is not). `indexOf` jumps over the string
      // natively, several times faster than reading it here unit by unit.
      let end = text.indexOf('"', i + 1)
      while (end !== -1) {
        let backslashes = 0
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++
        if (backslashes % 2 === 0) break
        end = text.indexOf('"', end + 1)
      }
      if (end === -1) return deepest
      i = end
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > stopAbove) return stopAbove + 1
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--
    }
  }
  return deepest
}

/** How many `[` and `{` a text holds (inside strings too), counted natively; stops past `limit`. */
const openingsUpTo = (text: string, limit: number): number => {
  let count = 0
  for (const bracket of ["[", "{"]) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) {
      if (++count > limit) return count
    }
  }
  return count
}

/**
 * Whether a valid JSON text nests arrays and objects deeper than `limit`, at the least cost:
 *
 * 1. a text of length `L` nests at most `L / 2` levels (every level is two brackets): a text of
 *    at most `2 × limit` characters — most events — is not read at all;
 * 2. it nests at most as many levels as it holds opening brackets: counted with `indexOf`
 *    (native, much faster than a loop here), and stopped past `limit`;
 * 3. only a text with more than `limit` opening brackets is scanned ({@link depthOfText}),
 *    stopping at the first level past `limit`.
 */
export const textDeeperThan = (text: string, limit: number): boolean =>
  text.length > 2 * limit && openingsUpTo(text, limit) > limit && depthOfText(text, limit) > limit

/**
 * Whether a JavaScript value (before `JSON.stringify`) nests arrays and objects deeper than
 * `limit`. Iterative (an explicit stack), so it answers for values too deep for `JSON.stringify`
 * itself, whose recursion overflows the call stack at a depth that depends on the caller's
 * stack. It follows arrays' elements and objects' own enumerable properties, as `JSON.stringify`
 * does. An object reached again is walked again only when reached deeper than before: a tree is
 * walked once, a shared value at most `limit` times, and a cycle ends once it passes `limit`.
 */
export const valueDeeperThan = (value: unknown, limit: number): boolean => {
  if (typeof value !== "object" || value === null) return limit < 0
  const deepestSeen = new Map<object, number>()
  const stack: Array<readonly [object, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > limit) return true
    const seen = deepestSeen.get(node)
    if (seen !== undefined && seen >= depth) continue
    deepestSeen.set(node, depth)
    const children: ReadonlyArray<unknown> = Array.isArray(node) ? node : Object.values(node)
    for (const child of children) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}
