import { describe, expect, it } from 'vitest'
import { keyedEventJobId } from '../../../../src/core/queue/event-sender'
import { JobId } from '../../../../src/core/queue/journal'

describe('keyedEventJobId', () => {
  it('keeps a key the job id can hold as it is, readable', () => {
    expect(keyedEventJobId('work', 'import-ab12-7')).toBe('event-work-import-ab12-7')
  })

  it('hashes a key with a dot or a colon (the contract allows them, a job file name does not), the same each time', () => {
    const id = keyedEventJobId('work', 'digest:ab12.line:7')
    expect(JobId.safeParse(id).success).toBe(true)
    expect(id).toMatch(/^eventh-work-[0-9a-f]{64}$/)
    expect(keyedEventJobId('work', 'digest:ab12.line:7')).toBe(id)
    expect(keyedEventJobId('work', 'digest:ab12.line:8')).not.toBe(id)
    expect(keyedEventJobId('home', 'digest:ab12.line:7')).not.toBe(id)
  })

  it('keeps a key readable up to the job id’s 120 characters and hashes one character more', () => {
    const alias = 'a'.repeat(40)
    const fits = 'k'.repeat(120 - 'event-'.length - alias.length - 1)
    expect(keyedEventJobId(alias, fits)).toBe(`event-${alias}-${fits}`)
    const longer = keyedEventJobId(alias, `${fits}k`)
    expect(longer.startsWith('eventh-')).toBe(true)
    expect(JobId.safeParse(longer).success).toBe(true)
  })
})
