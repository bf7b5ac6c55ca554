import { describe, expect, it } from 'vitest'
import { readAccountsFile } from '../../../../../src/cli/commands/accounts/accounts-file'

describe('readAccountsFile', () => {
  it('reads what accounts export printed, the default from the account marked isDefault', () => {
    const text = JSON.stringify({
      format: 'plausible-desktop/accounts',
      version: 1,
      exportedAt: '2026-11-22T13:30:00.000Z',
      defaultAccount: null,
      accounts: [
        { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600, isDefault: false, isDemo: false },
        {
          alias: 'client-a',
          baseUrl: 'https://stats.example.com',
          hourlyLimit: 300,
          dailyCap: 2000,
          isDefault: true,
          isDemo: false,
        },
      ],
    })
    expect(readAccountsFile(text, 'accounts.json')).toEqual({
      accounts: [
        { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600, isDemo: false },
        {
          alias: 'client-a',
          baseUrl: 'https://stats.example.com',
          hourlyLimit: 300,
          dailyCap: 2000,
          isDemo: false,
        },
      ],
      defaultAccount: 'client-a',
      skipped: [],
    })
  })

  it('reads a config.json, leaving out each entry that is not an account with its reason', () => {
    const text = JSON.stringify({
      accounts: [
        { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600 },
        { alias: 'bad alias!', baseUrl: 'https://plausible.io', hourlyLimit: 600 },
        { baseUrl: 'https://plausible.io' },
        'not an object',
        { alias: 'zero', baseUrl: 'https://plausible.io', hourlyLimit: 0 },
      ],
      defaultAccount: 'work',
      theme: 'dark',
    })
    const read = readAccountsFile(text, 'config.json.corrupt-x')
    expect(read.accounts).toEqual([{ alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600 }])
    expect(read.defaultAccount).toBe('work')
    expect(read.skipped.map((entry) => entry.entry)).toEqual(['bad alias!', '#3', '#4', 'zero'])
    expect(read.skipped[0]?.reason).toMatch(/^alias: /)
    expect(read.skipped[2]?.reason).toMatch(/^the entry: /)
    expect(read.skipped[3]?.reason).toMatch(/^hourlyLimit: /)
  })

  it('says a file that is not JSON is to be mended by hand', () => {
    expect(() => readAccountsFile('{"accounts": [{"alias": "work", ', 'config.json.corrupt-x')).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringMatching(/^config\.json\.corrupt-x is not JSON \(/),
        hint: 'A config.json set aside may be cut short: mend it by hand (the "accounts" list is what counts), then run the command again.',
      }),
    )
  })

  it('refuses JSON without an accounts list', () => {
    expect(() => readAccountsFile('{"accounts": {}}', 'x.json')).toThrow('x.json has no "accounts" list.')
    expect(() => readAccountsFile('[]', 'x.json')).toThrow('x.json has no "accounts" list.')
  })
})
