// What context.connect() needs, in one module: they always load together, so they are one import (one
// chunk to find, read and compile at start-up) instead of five.
export { connectToCore } from './connect'
export { createBudgetWaitReporter } from './budget-wait'
export { listenInThisProcess } from '../core/queue/wait-notice'
export { frozenClockFrom } from '../core/frozen-clock'
export { loggedApi, silentLogger } from './log'
