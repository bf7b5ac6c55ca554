// Plausible's percent change, worked out by hand for the tests' expectations: whole percents, halves
// rounded away from zero, and a change that rounds to nothing is 0, never -0. What a change from 0 is
// differs by view, so the callers say it.
export function wholePercentChange(before: number, after: number): number {
  const percent = ((after - before) / before) * 100
  const whole = Math.round(Math.abs(percent))
  return whole === 0 ? 0 : Math.sign(percent) * whole
}
