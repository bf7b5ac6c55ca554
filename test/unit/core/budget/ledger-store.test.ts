import { describe } from 'vitest'
import { createMemoryLedgerStore } from '../../../../src/core/budget/ledger-store'
import { ledgerHistoryCases } from '../../../helpers/ledger-history-cases'

describe('memory ledger store: requests by source over 24 hours', () => {
  ledgerHistoryCases(() => createMemoryLedgerStore())
})
