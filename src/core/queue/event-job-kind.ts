/** The journal's kind for an event to the Events API: the core registers its sender without loading it. */
export const eventJobKind = 'event'
