import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bootTag } from '../../../../src/core/queue/boot-tag'
import {
  createJournal,
  pruneEveryMs,
  prunedAtFileName,
  type JournalJob,
} from '../../../../src/core/queue/journal'

const at = Date.parse('2026-11-23T10:15:00Z')

function job(id: string, createdAt = at): JournalJob {
  return {
    id,
    kind: 'event',
    account: 'work',
    payload: { n: id },
    createdAt,
    attempts: 0,
    nextAttemptAt: createdAt,
    lastError: null,
  }
}

const newDir = (): string => mkdtempSync(join(tmpdir(), 'journal-'))
const names = (dir: string, folder: string): string[] => readdirSync(join(dir, folder)).sort()

describe('journal: jobs being sent', () => {
  it('does not flag a job marked as being sent and then acknowledged', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('a'))
    expect(await journal.markSending('a')).toBe(true)
    expect(names(dir, 'sending')).toEqual(['a.json'])
    await journal.acknowledge(job('a'))
    // The next process takes the journal: nothing was cut short.
    const next = createJournal({ dir })
    expect(await next.recoverInterrupted()).toEqual([])
    expect(await next.find('a')).toEqual({ state: 'done', job: job('a') })
    expect(await next.possiblyDelivered()).toEqual([])
    expect(names(dir, 'sending')).toEqual([])
  })

  it('flags a job left marked as being sent when the next process takes the journal', async () => {
    const dir = newDir()
    const crashed = createJournal({ dir })
    await crashed.add(job('a'))
    await crashed.add(job('b', at + 1))
    await crashed.markSending('a')
    // …the process dies here, between the request and the acknowledgement.
    const next = createJournal({ dir })
    expect(await next.recoverInterrupted()).toEqual([{ ...job('a'), possiblyDelivered: true }])
    expect(await next.pending()).toEqual([{ ...job('a'), possiblyDelivered: true }, job('b', at + 1)])
    expect(names(dir, 'sending')).toEqual([])
    expect(await next.possiblyDelivered()).toEqual(['a'])
    // Sent again and acknowledged, the done job keeps the flag for the import's summary.
    await next.markSending('a')
    await next.acknowledge({ ...job('a'), possiblyDelivered: true })
    expect(await next.find('a')).toEqual({ state: 'done', job: { ...job('a'), possiblyDelivered: true } })
    expect(await next.possiblyDelivered()).toEqual(['a'])
  })

  it('does not flag a job whose send was answered with an error and put back for a retry', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('a'))
    await journal.markSending('a')
    const retried = { ...job('a'), attempts: 1, lastError: { code: 'SERVER_ERROR', message: 'HTTP 503', at } }
    await journal.update(retried)
    expect(names(dir, 'sending')).toEqual([])
    expect(await createJournal({ dir }).recoverInterrupted()).toEqual([])
    expect(await journal.pending()).toEqual([retried])
  })

  it('drops a sent copy a power cut left beside its acknowledgement, without flagging it', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('a'))
    await journal.markSending('a')
    await journal.acknowledge(job('a'))
    writeFileSync(join(dir, 'sending', 'a.json'), JSON.stringify(job('a')))
    expect(await journal.find('a')).toMatchObject({ state: 'done' })
    expect(await journal.recoverInterrupted()).toEqual([])
    expect(names(dir, 'sending')).toEqual([])
    expect(await journal.possiblyDelivered()).toEqual([])
  })

  it('counts a job being sent as pending: found, not added again, not marked twice', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('a'))
    await journal.markSending('a')
    expect(await journal.find('a')).toEqual({ state: 'pending', job: job('a') })
    expect(await journal.add(job('a'))).toBe('pending')
    expect(await journal.sending()).toEqual(new Set(['a']))
    expect(await journal.markSending('a')).toBe(false)
    await journal.acknowledge(job('a'))
    expect(await journal.markSending('a')).toBe(false)
  })

  it('keeps the markers of possibly delivered jobs for a day, then prunes them', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    for (const id of ['young', 'old']) {
      await journal.add(job(id))
      await journal.markSending(id)
    }
    await journal.recoverInterrupted()
    const now = Date.now()
    const day = 86_400_000
    utimesSync(
      join(dir, 'possibly-delivered', 'young'),
      (now - day + 1_000) / 1000,
      (now - day + 1_000) / 1000,
    )
    utimesSync(join(dir, 'possibly-delivered', 'old'), (now - day - 1_000) / 1000, (now - day - 1_000) / 1000)
    await journal.prune(now)
    expect(await journal.possiblyDelivered()).toEqual(['young'])
  })
})

describe('journal: pruned at most once an hour', () => {
  const day = 86_400_000

  /** A journal with one job done two days ago: what a prune forgets. */
  async function withOldDoneJob(): Promise<{ dir: string; journal: ReturnType<typeof createJournal> }> {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('old'))
    await journal.markSending('old')
    await journal.acknowledge(job('old'))
    const twoDaysAgo = (Date.now() - 2 * day) / 1000
    utimesSync(join(dir, 'done', 'old.json'), twoDaysAgo, twoDaysAgo)
    return { dir, journal }
  }
  const isDone = (dir: string): boolean => existsSync(join(dir, 'done', 'old.json'))

  it('prunes when no prune is on record, and records when it started', async () => {
    const { dir, journal } = await withOldDoneJob()
    const now = Date.now()
    expect(await journal.pruneIfDue(now)).toBe(true)
    expect(isDone(dir)).toBe(false)
    expect(readFileSync(join(dir, prunedAtFileName), 'utf8')).toBe(String(now))
  })

  it('leaves the done files alone until an hour after the last prune started, then prunes', async () => {
    const { dir, journal } = await withOldDoneJob()
    const last = Date.now() - pruneEveryMs
    writeFileSync(join(dir, prunedAtFileName), String(last))
    expect(await journal.pruneIfDue(last + pruneEveryMs - 1)).toBe(false)
    expect(isDone(dir)).toBe(true)
    expect(await journal.pruneIfDue(last + pruneEveryMs)).toBe(true)
    expect(isDone(dir)).toBe(false)
  })

  it('prunes even where its record cannot be written (a full disk, a read-only folder), and again next time', async () => {
    const { dir, journal } = await withOldDoneJob()
    // A folder in the record's place: reading and writing it both fail, as on a broken disk.
    mkdirSync(join(dir, prunedAtFileName))
    expect(await journal.pruneIfDue(Date.now())).toBe(true)
    expect(isDone(dir)).toBe(false)
    expect(await journal.pruneIfDue(Date.now())).toBe(true)
  })

  it('with upToDoneFiles, prunes while done/ holds at most that many files', async () => {
    const { dir, journal } = await withOldDoneJob()
    writeFileSync(join(dir, 'done', 'young.json'), '{}')
    // Two done files now.
    expect(await journal.pruneIfDue(Date.now(), { upToDoneFiles: 1 })).toBe(false)
    expect(isDone(dir)).toBe(true)
    expect(existsSync(join(dir, prunedAtFileName))).toBe(false)
    expect(await journal.pruneIfDue(Date.now(), { upToDoneFiles: 2 })).toBe(true)
    expect(isDone(dir)).toBe(false)
  })

  it('prunes when the last prune is said to start after now (a clock set back) or cannot be read', async () => {
    for (const recorded of ['future', 'not a time']) {
      const { dir, journal } = await withOldDoneJob()
      const now = Date.now()
      writeFileSync(join(dir, prunedAtFileName), recorded === 'future' ? String(now + 1) : recorded)
      expect(await journal.pruneIfDue(now), recorded).toBe(true)
      expect(isDone(dir), recorded).toBe(false)
    }
  })
})

describe('journal: unreadable job files', () => {
  async function withCorrupt(id: string, text: string) {
    const dir = newDir()
    const reports: Array<{ path: string; movedTo: string }> = []
    const journal = createJournal({ dir, onCorrupt: (report) => reports.push(report) })
    await journal.prepare()
    writeFileSync(join(dir, 'pending', `${id}.json`), text)
    expect(await journal.pending()).toEqual([])
    const [file] = await journal.corrupt()
    if (!file) throw new Error('the file was not set aside')
    return { dir, journal, reports, file }
  }

  it('counts a job file it could not read, under a name that keeps the job id', async () => {
    const { dir, reports, file } = await withCorrupt('line-7', '{"id":"line-7","kind":')
    expect(names(dir, 'pending')).toEqual([])
    expect(file).toMatchObject({ jobId: 'line-7', bytes: 22, path: join(dir, 'corrupt', file.name) })
    expect(file.name).toMatch(/^line-7\.json\.\d+$/)
    expect(reports).toEqual([{ path: join(dir, 'pending', 'line-7.json'), movedTo: file.path }])
    // Still counted by a later process: nothing disappears until the user acts.
    expect(await createJournal({ dir }).corrupt()).toEqual([file])
  })

  it('deletes the named file, and all of them when none is named', async () => {
    const { dir, journal, file } = await withCorrupt('line-7', 'garbage')
    writeFileSync(join(dir, 'corrupt', 'line-8.json.1795000000000'), 'more garbage')
    expect(await journal.deleteCorrupt(['line-8.json.1795000000000', 'not-there.json.1'])).toEqual([
      'line-8.json.1795000000000',
    ])
    expect((await journal.corrupt()).map((entry) => entry.name)).toEqual([file.name])
    expect(await journal.deleteCorrupt()).toEqual([file.name])
    expect(await journal.corrupt()).toEqual([])
  })

  it('journals a mended file again, and keeps one that still does not read as a job', async () => {
    const { dir, journal, file } = await withCorrupt('line-7', '{"id":"line-7"}')
    expect(await journal.retryCorrupt()).toEqual([
      {
        name: file.name,
        result: 'unreadable',
        reason: `it is not a job (kind: Invalid input: expected string, received undefined); mend ${file.path} first`,
      },
    ])
    expect(await journal.corrupt()).toEqual([file])
    writeFileSync(file.path, JSON.stringify(job('line-7')))
    expect(await journal.retryCorrupt([file.name])).toEqual([
      { name: file.name, result: 'queued', jobId: 'line-7' },
    ])
    expect(await journal.pending()).toEqual([job('line-7')])
    expect(await journal.corrupt()).toEqual([])
    expect(JSON.parse(readFileSync(join(dir, 'pending', 'line-7.json'), 'utf8'))).toEqual(job('line-7'))
  })

  it('does not journal again a job the journal already has, nor a name outside its folder', async () => {
    const { journal, file } = await withCorrupt('line-7', 'garbage')
    writeFileSync(file.path, JSON.stringify(job('line-7')))
    await journal.add(job('line-7'))
    await journal.markSending('line-7')
    await journal.acknowledge(job('line-7'))
    expect(await journal.retryCorrupt([file.name, '../done/line-7.json'])).toEqual([
      {
        name: '../done/line-7.json',
        result: 'unknown',
        reason: `there is no ../done/line-7.json in ${journal.corruptDir}`,
      },
      { name: file.name, result: 'exists', reason: 'job line-7 is already done' },
    ])
    expect((await journal.corrupt()).map((entry) => entry.name)).toEqual([file.name])
  })
})

describe('journal: many jobs with one durable write', () => {
  const batches = (dir: string): string[] => (existsSync(join(dir, 'batches')) ? names(dir, 'batches') : [])
  /** The batches folder, made as the first batch makes it. */
  const batchesFolder = (dir: string): string => {
    mkdirSync(join(dir, 'batches'), { recursive: true })
    return join(dir, 'batches')
  }
  const boot = bootTag()
  const ofBoot = (tag: string) => `1795000000000-${process.pid}-0a1b2c3d.${tag}.ndjson`
  const batchText = (...ids: string[]) => ids.map((id) => JSON.stringify(job(id))).join('\n') + '\n'

  it('writes one batch file and each job its own file, and says what it knew already', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.add(job('known'))
    await journal.markSending('known')
    await journal.acknowledge(job('known'))
    expect(await journal.addMany([job('a'), job('b'), job('known'), job('a'), job('c')])).toEqual([
      'added',
      'added',
      'done',
      'pending',
      'added',
    ])
    expect(names(dir, 'pending')).toEqual(['a.json', 'b.json', 'c.json'])
    const [batch, ...others] = batches(dir)
    expect(others).toEqual([])
    expect(batch).toMatch(new RegExp(`^\\d+-${process.pid}-[0-9a-f]{8}\\.${boot}\\.ndjson$`))
    expect(readFileSync(join(dir, 'batches', batch!), 'utf8')).toBe(batchText('a', 'b', 'c'))
    expect(await journal.pending()).toEqual([job('a'), job('b'), job('c')])
  })

  it('writes a single new job as add does, without a batch (nor a batches folder)', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    expect(await journal.addMany([job('a')])).toEqual(['added'])
    expect(names(dir, 'pending')).toEqual(['a.json'])
    expect(existsSync(join(dir, 'batches'))).toBe(false)
    await journal.recoverInterrupted()
    await journal.prune(Date.now())
    expect(existsSync(join(dir, 'batches'))).toBe(false)
  })

  it('writes back the jobs of a batch whose writer died before their files, when the next worker takes the journal', async () => {
    const dir = newDir()
    await createJournal({ dir }).prepare()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    const name = `1795000000000-${dead}-0a1b2c3d.${boot}.open.ndjson`
    writeFileSync(join(batchesFolder(dir), name), batchText('a', 'b'))
    writeFileSync(join(dir, 'pending', 'a.json'), JSON.stringify(job('a')))
    const next = createJournal({ dir })
    expect(await next.recoverInterrupted()).toEqual([])
    expect(await next.pending()).toEqual([job('a'), job('b')])
    expect(batches(dir)).toEqual([`1795000000000-${dead}-0a1b2c3d.${boot}.ndjson`])
  })

  it('leaves alone the batch a live process is still writing', async () => {
    const dir = newDir()
    await createJournal({ dir }).prepare()
    const name = `1795000000000-${process.pid}-0a1b2c3d.${boot}.open.ndjson`
    writeFileSync(join(batchesFolder(dir), name), batchText('a'))
    await createJournal({ dir }).recoverInterrupted()
    expect([names(dir, 'pending'), batches(dir)]).toEqual([[], [name]])
  })

  it('after a power cut, writes back what a batch of an earlier boot lost, and trusts what reads', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.prepare()
    writeFileSync(join(batchesFolder(dir), ofBoot('earlierboot')), batchText('lost', 'torn', 'sent', 'ok'))
    // The names survived the cut (their folders were synced), not all the bytes (the files were not).
    writeFileSync(join(dir, 'pending', 'torn.json'), '')
    writeFileSync(join(dir, 'done', 'sent.json'), '')
    writeFileSync(join(dir, 'pending', 'ok.json'), JSON.stringify({ ...job('ok'), attempts: 2 }))
    expect(await journal.recoverInterrupted()).toEqual([])
    expect(await journal.pending()).toEqual([job('lost'), { ...job('ok'), attempts: 2 }, job('torn')])
    // Acknowledged before the cut: still done, so never sent again.
    expect(await journal.find('sent')).toEqual({ state: 'done', job: job('sent') })
    expect(await journal.markSending('sent')).toBe(false)
    expect(batches(dir)).toEqual([ofBoot(boot)])
    expect(await journal.corrupt()).toEqual([])
  })

  it('does not send again a job settled before a power cut left a copy in pending, and drops the copy', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.addMany([job('a'), job('b')])
    await journal.markSending('a')
    await journal.acknowledge(job('a'))
    writeFileSync(join(dir, 'pending', 'a.json'), JSON.stringify(job('a')))
    expect(await journal.markSending('a')).toBe(false)
    expect(names(dir, 'pending')).toEqual(['b.json'])
  })

  it('keeps a batch for a day and until every job of it is settled, with the done files of its jobs', async () => {
    const dir = newDir()
    const journal = createJournal({ dir })
    await journal.prepare()
    const day = 86_400_000
    const now = Date.now()
    const old = (ms: number, ...ids: string[]) => {
      const name = `${ms}-${process.pid}-0a1b2c3d.${boot}.ndjson`
      writeFileSync(join(batchesFolder(dir), name), batchText(...ids))
      return name
    }
    // A minute of slack: a batch is written just before its jobs' files, never after.
    const settledOld = old(now - (day - 60_000) - 1, 'a', 'b')
    const settledYoung = old(now - (day - 60_000), 'c')
    const unsettledOld = old(now - day - 120_000, 'd', 'e')
    for (const id of ['a', 'c', 'd']) writeFileSync(join(dir, 'done', `${id}.json`), JSON.stringify(job(id)))
    writeFileSync(join(dir, 'failed', 'b.json'), JSON.stringify(job('b')))
    writeFileSync(join(dir, 'pending', 'e.json'), JSON.stringify(job('e')))
    for (const id of ['a', 'd'])
      utimesSync(join(dir, 'done', `${id}.json`), (now - day - 1_000) / 1000, (now - day - 1_000) / 1000)
    await journal.prune(now)
    expect(batches(dir)).not.toContain(settledOld)
    expect(batches(dir)).toEqual([unsettledOld, settledYoung].sort())
    // a's batch is gone: its done file goes after a day; d's batch still waits for e: d's stays.
    expect(names(dir, 'done')).toEqual(['c.json', 'd.json'])
  })
})
