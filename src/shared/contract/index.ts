export * from './calls'
export * from './names'
export * from './wire'
export * from './client'
