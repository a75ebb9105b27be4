/**
 * An independent reference for calendar arithmetic in tests: plain integer arithmetic with the
 * Gregorian leap-year rule, sharing no code with `src/Calendar.ts` (`src/internal/plainDate.ts`), so a
 * property comparing the two can actually fail.
 */
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

const pad = (n: number, w: number): string => String(n).padStart(w, "0")

/** `date + n` calendar months, clamped to the month end (D3, D14). */
export const refAddMonths = (date: string, n: number): string => {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const total = y * 12 + (m - 1) + n
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(Math.min(d, daysInMonth(ny, nm)), 2)}`
}

/** `date + n` calendar years, 29 February → 28 February (D1). */
export const refAddYears = (date: string, n: number): string => refAddMonths(date, 12 * n)
