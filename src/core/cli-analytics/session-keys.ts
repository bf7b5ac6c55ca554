// Session keys of CLI usage analytics: a salted SHA-256 of actor and machine, so commands of one person
// on one machine fall into one session while neither id is ever sent or kept in the clear. The salt is
// random, made once per config folder and readable by its user alone.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const cliAnalyticsFolder = 'cli-analytics'

async function saltOf(configDir: string): Promise<string> {
  const folder = join(configDir, cliAnalyticsFolder)
  const file = join(folder, 'salt')
  try {
    const salt = (await readFile(file, 'utf8')).trim()
    if (/^[0-9a-f]{64}$/.test(salt)) return salt
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(folder, { recursive: true, mode: 0o700 })
  try {
    // wx: two runs at once agree on the salt written first.
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return (await readFile(file, 'utf8')).trim()
}

export async function createSessionKeyer(
  configDir: string,
): Promise<(actorId: string, machineId: string) => string> {
  const salt = await saltOf(configDir)
  return (actorId, machineId) =>
    createHash('sha256').update(`${salt}\0${actorId}\0${machineId}`).digest('hex').slice(0, 32)
}
